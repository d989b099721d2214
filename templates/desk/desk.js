// revcop desk: a little plain script. Every page works without it; it adds the file-size check
// before an upload, dropping a file on the form, live progress, and the next/previous change buttons.
"use strict";

function setUpUploads() {
  for (const form of document.querySelectorAll("form.upload")) {
    const max = Number(form.dataset.max || "0") * 1024 * 1024;
    const alertBox = form.querySelector(".size-error");
    for (const drop of form.querySelectorAll(".drop")) {
      const input = drop.querySelector("input[type=file]");
      drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
      drop.addEventListener("dragleave", () => drop.classList.remove("over"));
      drop.addEventListener("drop", (e) => {
        e.preventDefault();
        drop.classList.remove("over");
        if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; }
      });
    }
    form.addEventListener("submit", (e) => {
      for (const input of form.querySelectorAll("input[type=file]")) {
        for (const file of input.files) {
          if (max && file.size > max) {
            e.preventDefault();
            alertBox.hidden = false;
            alertBox.textContent = "“" + file.name + "” is larger than the desk accepts (" + form.dataset.max +
              " MB). Check that it is the amendment document, or start the desk with --max-upload.";
            return;
          }
        }
      }
      const button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; button.textContent = "Uploading…"; }
    });
  }
}

function followProgress() {
  const box = document.querySelector(".progress[data-status]");
  if (!box) { return; }
  const step = document.getElementById("step");
  const list = box.querySelector(".steps");
  const poll = async () => {
    try {
      const answer = await fetch(box.dataset.status, { credentials: "same-origin", cache: "no-store" });
      const status = await answer.json();
      if (status.state !== "running") { window.location.replace(box.dataset.done); return; }
      step.textContent = status.step + "…";
      list.innerHTML = "";
      for (const s of status.steps) { const li = document.createElement("li"); li.textContent = s; list.append(li); }
    } catch (err) {
      step.textContent = "The desk does not answer: is it still running? Reload this page to try again.";
      return;
    }
    window.setTimeout(poll, 400);
  };
  window.setTimeout(poll, 200);
}

function stepThroughChanges() {
  const bar = document.querySelector(".stepper");
  if (!bar) { return; }
  const changes = Array.from(document.querySelectorAll("article.change"));
  const where = bar.querySelector(".where");
  let current = Math.max(0, changes.findIndex((c) => "#" + c.id === window.location.hash));
  const go = (index) => {
    current = Math.min(changes.length - 1, Math.max(0, index));
    for (const c of changes) { c.classList.remove("current"); }
    const target = changes[current];
    target.classList.add("current");
    history.replaceState(null, "", "#" + target.id);
    target.scrollIntoView({ block: "start" });
    // The focus stays on the button (press it again for the next change); the live region reads
    // out which change is shown: its heading.
    where.textContent = target.querySelector("h3").textContent;
  };
  for (const button of bar.querySelectorAll("button[data-step]")) {
    button.addEventListener("click", () => {
      const started = changes[current].classList.contains("current") ||
        window.location.hash === "#" + changes[current].id;
      go(started ? current + Number(button.dataset.step) : 0);
    });
  }
  bar.hidden = false;
}

document.addEventListener("DOMContentLoaded", () => {
  setUpUploads();
  followProgress();
  stepThroughChanges();
});

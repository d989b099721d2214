"""What the desk's tests share: a real ``revcop desk`` process, requests to it, the sample files."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT, SAMPLE_DIR

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def need(what: str, found):
    if found:
        return found
    message = f"{what} is not installed (CI installs it: see .ci/run and pyproject's test extra)"
    if os.environ.get("REVCOP_REQUIRE_EXTERNAL") == "1":
        pytest.fail(message + "; REVCOP_REQUIRE_EXTERNAL=1 forbids skipping")
    pytest.skip(message)


@dataclass
class Running:
    """A ``revcop desk`` process: its link (with the token), its address, and where it keeps things."""

    proc: subprocess.Popen
    url: str
    library: Path
    tmp: Path  # TMPDIR of the process: its session folder is made here
    started: str = ""  # what it printed up to its link

    @property
    def base(self) -> str:
        return self.url.split("?")[0].rstrip("/")

    @property
    def token(self) -> str:
        return self.url.split("token=")[1]

    @property
    def port(self) -> int:
        return urlsplit(self.url).port

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                token: bool = True, host: str = "127.0.0.1") -> http.client.HTTPResponse:
        """One request; with ``token`` the desk's cookie is sent, as the browser does once it has the link."""
        conn = http.client.HTTPConnection(host, self.port, timeout=120)
        headers = dict(headers or {})
        if token:
            headers["Cookie"] = f"revcop-desk-{self.port}={self.token}"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.body = response.read()
        conn.close()
        return response

    def stop(self) -> tuple[int, str]:
        """Ctrl-C, as a user stops it; (exit code, what it printed)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            code = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        return code, self.proc.stderr.read()


def start_desk(tmp: Path, library: Path, *extra: str, browser: str = "") -> Running:
    """``revcop desk`` on a free port; ``browser``: the command it opens the link with ($BROWSER), else none."""
    (tmp / "tmp").mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp / "tmp"), "PYTHONPATH": str(ROOT / "src"), "BROWSER": browser}
    args = ["--library", str(library), *extra] + ([] if browser else ["--no-browser"])
    proc = subprocess.Popen([sys.executable, "-m", "revcop", "desk", *args], stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, text=True, env=env, cwd=tmp)
    printed = []
    for line in proc.stderr:
        printed.append(line)
        found = re.search(r"(http://127\.0\.0\.\d+:\d+/\?token=\S+)", line)
        if found:
            return Running(proc, found.group(1), library, tmp / "tmp", "".join(printed))
    proc.wait()
    raise AssertionError("revcop desk did not start: " + "".join(printed))


def sample_library(folder: Path) -> Path:
    """A copy of the bundled library (cms/14.16: COP14 and Rev.COP15), which tests may write to."""
    shutil.copytree(ROOT / "resolutions", folder)
    return folder


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, dict]:
    """A multipart/form-data body, as a browser sends a form with files."""
    boundary = uuid.uuid4().hex
    out = []
    for name, value in fields.items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data) in files.items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                   f'Content-Type: application/octet-stream\r\n\r\n'.encode() + data + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


SAMPLE_DOCX = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.docx"
SAMPLE_TXT = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"
GOLDEN_TXT = ROOT / "tests" / "golden" / "cms-14.16-Rev.COP15.txt"


def post_files(desk: Running, action: str, files: dict[str, tuple[str, bytes]], fields: dict | None = None):
    body, headers = multipart(fields or {}, files)
    return desk.request("POST", action, body, headers)


def finished(desk: Running, response) -> str:
    """Follow a job the desk started (303 to /jobs/ID) until it is done; its page's path."""
    import json
    import time

    assert response.status == 303, response.body.decode()[:2000]
    job = response.getheader("Location")
    assert job.startswith("/jobs/")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status = json.loads(desk.request("GET", f"{job}/status").body)
        if status["state"] != "running":
            return job
        time.sleep(0.1)
    raise AssertionError(f"{job} still running after 120 s")


def text_of(html: bytes) -> str:
    """The words of a page, tags dropped and spaces collapsed (for asserting on what a reader sees)."""
    import html as _html

    return " ".join(_html.unescape(re.sub(r"<[^>]+>", " ", html.decode("utf-8"))).split())


def docx_text(data: bytes) -> str:
    """The text of a Word document's body, one paragraph a line (as the writer tests read it)."""
    import io
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "\n".join("".join(t.text or "" for t in p.iter(ns + "t")) for p in root.iter(ns + "p"))

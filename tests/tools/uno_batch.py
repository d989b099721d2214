"""Drive LibreOffice over UNO for the tests (run with /usr/bin/python3, which has Debian's python3-uno).

Usage: uno_batch.py SOFFICE PROFILE_DIR JOBS.json -> JSON on standard output, one result per job.
A job is {"path": FILE, "action": "open" | "accept" | "reject"}; its result holds the body paragraphs
(text as LibreOffice reads it), their paragraph style names, the number of tracked changes left, and
the footnotes' texts.
One soffice process serves the whole batch.
"""

import json
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(soffice, profile):
    pipe = "revcop" + uuid.uuid4().hex
    proc = subprocess.Popen(
        [soffice, "-env:UserInstallation=file://" + profile, "--headless", "--invisible", "--nologo",
         "--norestore", "--nodefault", "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 60
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            return proc, ctx
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise SystemExit("could not connect to LibreOffice")
            time.sleep(0.3)


def paragraphs(doc, prop="String"):
    """Each body paragraph's text (or another property of it, such as ParaStyleName)."""
    out = []
    enum = doc.getText().createEnumeration()
    while enum.hasMoreElements():
        el = enum.nextElement()
        if el.supportsService("com.sun.star.text.Paragraph"):
            out.append(el.getString() if prop == "String" else el.getPropertyValue(prop))
    return out


def main():
    soffice, profile, jobs_path = sys.argv[1:4]
    with open(jobs_path) as f:
        jobs = json.load(f)
    proc, ctx = connect(soffice, profile)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    results = []
    try:
        for job in jobs:
            url = uno.systemPathToFileUrl(os.path.abspath(job["path"]))
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            if doc is None:
                results.append({"error": "not loaded"})
                continue
            try:
                frame = doc.getCurrentController().getFrame()
                if job["action"] == "accept":
                    dispatcher.executeDispatch(frame, ".uno:AcceptAllTrackedChanges", "", 0, ())
                elif job["action"] == "reject":
                    dispatcher.executeDispatch(frame, ".uno:RejectAllTrackedChanges", "", 0, ())
                notes = doc.getFootnotes()
                results.append({
                    "paragraphs": paragraphs(doc),
                    "styles": paragraphs(doc, "ParaStyleName"),
                    "redlines": doc.getRedlines().getCount(),
                    "footnotes": [notes.getByIndex(i).getString() for i in range(notes.getCount())],
                })
            finally:
                doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=20)
        except Exception:
            proc.kill()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()

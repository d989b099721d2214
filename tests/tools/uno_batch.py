"""Drive LibreOffice over UNO for the tests (run with /usr/bin/python3, which has Debian's python3-uno).

Usage: uno_batch.py SOFFICE PROFILE_DIR JOBS.json -> JSON on standard output, one result per job.
A job is {"path": FILE, "action": "open" | "accept" | "reject", "tables": bool (default false)}; its
result holds the body paragraphs (text as LibreOffice reads it; with "tables", table cells row by row
in place of each table), their paragraph style names, the number of tracked changes left, and the
footnotes' texts — or {"error": "..."} when LibreOffice could not load or process the file.
One soffice process serves the whole batch. A job that fails is tried once more in a fresh soffice (a
document that crashes soffice would otherwise take the next jobs with it); a second failure is its result.
"""

import json
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def paragraphs(text, prop="String", tables=False, out=None):
    """Each body paragraph's text (or another property of it, such as ParaStyleName)."""
    out = [] if out is None else out
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        el = enum.nextElement()
        if el.supportsService("com.sun.star.text.TextTable"):
            if tables:
                cells = sorted(el.getCellNames(), key=lambda n: (int("".join(c for c in n if c.isdigit()) or 0), n))
                for name in cells:
                    paragraphs(el.getCellByName(name), prop, tables, out)
        elif el.supportsService("com.sun.star.text.Paragraph"):
            out.append(el.getString() if prop == "String" else el.getPropertyValue(prop))
    return out


class Office:
    """One soffice process with a fresh profile and its UNO desktop."""

    def __init__(self, soffice, profile):
        self.soffice, self.profile = soffice, profile
        self.start()

    def start(self):
        pipe = "revcop" + uuid.uuid4().hex
        self.proc = subprocess.Popen(
            [self.soffice, "-env:UserInstallation=file://" + self.profile, "--headless", "--invisible", "--nologo",
             "--norestore", "--nodefault", "--accept=pipe,name=%s;urp;" % pipe],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 60
        while True:
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                if time.time() > deadline or self.proc.poll() is not None:
                    self.proc.kill()
                    raise SystemExit("could not connect to LibreOffice")
                time.sleep(0.3)
        smgr = ctx.ServiceManager
        self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        self.dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)

    def restart(self):
        self.proc.kill()
        self.proc.wait()
        self.start()

    def stop(self):
        try:
            self.desktop.terminate()
        except Exception:  # the bridge goes away with soffice
            pass
        try:
            self.proc.wait(timeout=20)
        except Exception:
            self.proc.kill()

    def run(self, job):
        url = uno.systemPathToFileUrl(os.path.abspath(job["path"]))
        doc = self.desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            raise RuntimeError("LibreOffice could not load the file")
        try:
            if job["action"] in COMMANDS:
                frame = doc.getCurrentController().getFrame()
                self.dispatcher.executeDispatch(frame, COMMANDS[job["action"]], "", 0, ())
            tables = job.get("tables", False)
            notes = doc.getFootnotes()
            return {
                "paragraphs": paragraphs(doc.getText(), tables=tables),
                "styles": paragraphs(doc.getText(), "ParaStyleName", tables),
                "redlines": doc.getRedlines().getCount(),
                "footnotes": [notes.getByIndex(i).getString() for i in range(notes.getCount())],
            }
        finally:
            doc.close(True)


def main():
    soffice, profile, jobs_path = sys.argv[1:4]
    with open(jobs_path) as f:
        jobs = json.load(f)
    office = Office(soffice, profile)
    results = []
    try:
        for job in jobs:
            for attempt in (1, 2):
                try:
                    results.append(office.run(job))
                    break
                except Exception as e:  # a failure may leave soffice dying: the job gets a fresh one, once
                    office.restart()
                    if attempt == 2:
                        results.append({"error": "%s: %s" % (type(e).__name__, str(e).splitlines()[0][:200] if str(e) else "")})
    finally:
        office.stop()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()

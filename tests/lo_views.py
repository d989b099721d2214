"""LibreOffice's accepted and rejected views of .docx files, for tests (run with /usr/bin/python3).

    /usr/bin/python3 tests/lo_views.py OUT.json FILE.docx ...

Starts one headless soffice with a fresh profile, and for each file loads it twice: once to dispatch
.uno:AcceptAllTrackedChanges, once .uno:RejectAllTrackedChanges. Writes {file: {"accept": [...],
"reject": [...]}} with the body's paragraph texts in order (table cells row by row), or {"error": ...}.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import uno  # noqa: F401  (Debian's python3-uno)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def paragraphs(text, out):
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        el = enum.nextElement()
        if el.supportsService("com.sun.star.text.TextTable"):
            for name in sorted(el.getCellNames(), key=lambda n: (int("".join(c for c in n if c.isdigit()) or 0), n)):
                paragraphs(el.getCellByName(name), out)
        else:
            out.append(el.getString())
    return out


class Office:
    """One soffice process and its UNO desktop; restarted when a document crashes it."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="revcop-lo-")
        self.count = 0
        self.start()

    def start(self):
        self.count += 1
        pipe = f"revcop{os.getpid()}x{self.count}"
        self.proc = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             f"-env:UserInstallation=file://{self.profile}", f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(300):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                time.sleep(0.2)
        if ctx is None:
            raise SystemExit("soffice did not start")
        smgr = ctx.ServiceManager
        self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        self.dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)

    def stop(self):
        try:
            self.desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge goes away with soffice
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def view(self, path, command):
        doc = self.desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
                                                (prop("Hidden", True), prop("ReadOnly", False)))
        if doc is None:
            raise RuntimeError("LibreOffice could not load the file")
        try:
            self.dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
            return paragraphs(doc.getText(), [])
        finally:
            doc.close(True)


def main():
    out_path, files = sys.argv[1], sys.argv[2:]
    office = Office()
    results = {}
    try:
        for path in files:
            entry = {}
            try:
                for view, command in (("accept", ".uno:AcceptAllTrackedChanges"), ("reject", ".uno:RejectAllTrackedChanges")):
                    entry[view] = office.view(path, command)
            except Exception as e:  # noqa: BLE001 - reported per file
                entry = {"error": f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"}
                if "Disposed" in type(e).__name__ or "disposed" in str(e):
                    office.proc.kill()
                    office.proc.wait()
                    office.start()
            results[path] = entry
    finally:
        office.stop()
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False)


if __name__ == "__main__":
    main()

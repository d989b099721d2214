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


def main():
    out_path, files = sys.argv[1], sys.argv[2:]
    profile = tempfile.mkdtemp(prefix="revcop-lo-")
    pipe = f"revcop{os.getpid()}"
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
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
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        results = {}
        for path in files:
            entry = {}
            try:
                for view, command in (("accept", ".uno:AcceptAllTrackedChanges"), ("reject", ".uno:RejectAllTrackedChanges")):
                    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
                                                       (prop("Hidden", True), prop("ReadOnly", False)))
                    try:
                        frame = doc.getCurrentController().getFrame()
                        dispatcher.executeDispatch(frame, command, "", 0, ())
                        entry[view] = paragraphs(doc.getText(), [])
                    finally:
                        doc.close(True)
            except Exception as e:  # noqa: BLE001 - reported per file
                entry = {"error": f"{type(e).__name__}: {e}"}
            results[path] = entry
        with open(out_path, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge goes away with soffice
            pass
    finally:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()

"""python-redlines (the Docxodus engine, a .NET binary shipped in its wheel) on one .docx pair.

    python benchmarks/peer_redlines.py OLD.docx NEW.docx OUT.docx

The peer of ``revcop diff OLD NEW -o OUT.docx`` in ``benchmarks/run.py``: run in a process of its
own, by a Python that has ``python-redlines[docxodus]`` (``pip install 'python-redlines[docxodus]'``;
run.py's ``--redlines-python``). Exit 3 when the package is missing (run.py then leaves the column
out and says why).
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: peer_redlines.py OLD.docx NEW.docx OUT.docx", file=sys.stderr)
        return 2
    try:
        from python_redlines.engines import DocxodusEngine
    except ImportError as exc:
        print(f"python-redlines is not installed here: {exc}", file=sys.stderr)
        return 3
    old, new, out = (Path(a) for a in argv)
    redline, _, _ = DocxodusEngine().run_redline("bench", old.read_bytes(), new.read_bytes())
    out.write_bytes(redline)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

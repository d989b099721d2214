"""The floor of the annex (issue #20): what any Python tool comparing two .docx files must pay.

    python benchmarks/floor.py OLD.docx NEW.docx OUT.docx

Reads both ``word/document.xml`` parts with lxml, touches every ``w:t`` (its text is read), and
writes one part of the same size (NEW's, serialised again) back into a zip (deflated, as a .docx
is). Nothing else: no styles, no structure, no comparison. ``benchmarks/run.py`` runs it as a
process of its own, side by side with ``revcop diff OLD NEW -o OUT.docx``, and reports the annex's
time as a multiple of it.
"""

from __future__ import annotations

import sys
import zipfile

from lxml import etree

T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def read(path: str) -> tuple[etree._Element, int]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    chars = 0
    for t in root.iter(T):
        chars += len(t.text or "")
    return root, chars


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: floor.py OLD.docx NEW.docx OUT.docx", file=sys.stderr)
        return 2
    old, new, out = argv
    _, chars_old = read(old)
    root, chars_new = read(new)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                       standalone=True))
    return 0 if chars_old + chars_new else 1  # a pair without text is not a measurement


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

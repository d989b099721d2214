"""Compare revcop's diff outputs between two checkouts, pair by pair (a check of the benchmark work).

    python benchmarks/same_outputs.py BASE_SRC NEW_SRC OUT_DIR [--sizes 5k,50k]

Runs ``revcop diff OLD NEW`` to .docx (underline and tracked marks) and to .json with each checkout's
``src`` on PYTHONPATH, for the pairs of both benchmark generators, the bundled sample's COP14 and
Rev.COP15 texts and the corpus pairs of /work/shared/corpus/docx-public (``X`` with ``X-Mod``,
``-After``, ``-Before`` ...), and prints every pair whose outputs differ, with the paragraphs that
changed in the JSON. A checkout that has ``--unmarked`` (issue 17) gets it: the generators' clean pairs
carry the legend of an amendment document.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "docx-public"

PAIRS_CORPUS = [
    ("Open-Xml-PowerTools__WC055-French", "Open-Xml-PowerTools__WC055-French-Mod"),
    ("Open-Xml-PowerTools__CA001-Plain", "Open-Xml-PowerTools__CA001-Plain-Mod"),
    ("Open-Xml-PowerTools__WC004-Large", "Open-Xml-PowerTools__WC004-Large-Mod"),
    ("Open-Xml-PowerTools__WC020-FootNote-Before", "Open-Xml-PowerTools__WC020-FootNote-After-1"),
    ("Open-Xml-PowerTools__WC025-Simple-Table-Before", "Open-Xml-PowerTools__WC025-Simple-Table-After"),
    ("Open-Xml-PowerTools__WC027-Twenty-Paras-Before", "Open-Xml-PowerTools__WC027-Twenty-Paras-After-1"),
    ("Open-Xml-PowerTools__WC027-Twenty-Paras-Before", "Open-Xml-PowerTools__WC027-Twenty-Paras-After-2"),
    ("Open-Xml-PowerTools__WC027-Twenty-Paras-Before", "Open-Xml-PowerTools__WC027-Twenty-Paras-After-3"),
    ("Open-Xml-PowerTools__WC034-Footnotes-Before", "Open-Xml-PowerTools__WC034-Footnotes-After3"),
    ("Open-Xml-PowerTools__WC035-Footnote-Before", "Open-Xml-PowerTools__WC035-Footnote-After"),
    ("Open-Xml-PowerTools__WC002-Unmodified", "Open-Xml-PowerTools__WC002-DiffInMiddle"),
    ("Open-Xml-PowerTools__WC002-Unmodified", "Open-Xml-PowerTools__WC002-DeleteInMiddle"),
    ("Open-Xml-PowerTools__WC002-Unmodified", "Open-Xml-PowerTools__WC002-InsertInMiddle"),
    ("Python-Redlines__original", "Python-Redlines__modified"),
]


def pairs(sizes: list[str]) -> list[tuple[str, Path, Path]]:
    out = []
    sample = ROOT / "resolutions" / "cms" / "14.16"
    out.append(("sample COP14 -> Rev.COP15", sample / "COP14.txt", sample / "Rev.COP15.txt"))
    for a, b in PAIRS_CORPUS:
        if (CORPUS / f"{a}.docx").exists():
            out.append((b, CORPUS / f"{a}.docx", CORPUS / f"{b}.docx"))
    for size in sizes:
        for gen in ("generate.py", "generate_un.py"):
            folder = Path(subprocess.run([sys.executable, str(HERE / gen), size], check=True, capture_output=True,
                                         text=True).stdout.strip())
            out.append((f"{gen} {size}", folder / "old.docx", folder / "new.docx"))
    return out


_TAKES_UNMARKED: dict[Path, bool] = {}


def run(src: Path, old: Path, new: Path, out: Path, *extra: str) -> tuple[int, str]:
    env = dict(os.environ, PYTHONPATH=str(src))
    if src not in _TAKES_UNMARKED:  # since issue 17 a version with a legend but no marks needs --unmarked
        usage = subprocess.run([sys.executable, "-m", "revcop", "diff", "--help"], env=env, capture_output=True,
                               text=True).stdout
        _TAKES_UNMARKED[src] = "--unmarked" in usage
    unmarked = ["--unmarked"] if _TAKES_UNMARKED[src] else []
    p = subprocess.run([sys.executable, "-m", "revcop", "diff", str(old), str(new), "-o", str(out), "--force",
                        "--date", "2026-01-01", *unmarked, *extra], env=env, capture_output=True, text=True)
    return p.returncode, p.stderr


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("base", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--sizes", default="5k,50k")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    differ = 0
    for n, (name, old, new) in enumerate(pairs([s for s in args.sizes.split(",") if s])):
        same = []
        for ext, extra in (("docx", ()), ("tracked.docx", ("--style", "tracked")), ("json", ())):
            files = []
            for side, src in (("base", args.base), ("new", args.new)):
                f = args.out / f"{n}-{side}.{ext}"
                code, err = run(src, old, new, f, *extra)
                files.append((code, f.read_bytes() if f.exists() else b"", err))
            same.append(files[0][:2] == files[1][:2])
            if ext == "json" and not same[-1]:
                a, b = (json.loads(x[1]) for x in files)
                print(f"  {name}: summary {a['summary']} -> {b['summary']}")
                for ca, cb in zip(a["changes"], b["changes"]):
                    if ca != cb:
                        print(f"    {ca['kind']} -> {cb['kind']}: {cb['spans']}"[:400])
                ma, mb = files[0][2], files[1][2]
                if ma != mb:
                    print(f"    stderr: {ma.strip()!r} -> {mb.strip()!r}"[:600])
        print(f"{'same' if all(same) else 'DIFFERENT'} {name}: docx {same[0]}, tracked {same[1]}, json {same[2]}",
              flush=True)
        differ += not all(same)
    print(f"{differ} pair(s) differ")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Where the annex's time goes: each stage timed in one process, then a cProfile by module.

    python benchmarks/profile_annex.py [--size 50k] [--generator generate.py|generate_un.py] [--repeat 5]

Stages (one process, the two versions read one after the other, not in the forked second process):
the .docx reader (``readers.docx.read_blocks``), ``structure.build``, the comparison
(``compare.compare``: alignment and word diffs), the annex (``Comparison.annex``) and the .docx writer
(``writers.render``); median of ``--repeat`` runs each. Then cProfile of the whole, its own time
summed by source file, and the top functions by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))


def stages(old: Path, new: Path) -> dict[str, float]:
    from revcop import structure
    from revcop.comparison import compare
    from revcop.readers import docx
    from revcop.writers import render

    t: dict[str, float] = defaultdict(float)
    docs = []
    for path in (old, new):
        data = path.read_bytes()
        a = time.perf_counter()
        blocks = docx.read_blocks(str(path), data)
        b = time.perf_counter()
        docs.append(structure.build(blocks.value, path.name).value)
        c = time.perf_counter()
        t["docx reader"] += b - a
        t["structure.build"] += c - b
    a = time.perf_counter()
    comparison = compare(*docs)
    b = time.perf_counter()
    annex = comparison.annex().value
    c = time.perf_counter()
    render(annex, "docx", marks="underline", author="revcop", date=None)
    d = time.perf_counter()
    t["compare (align + words)"] = b - a
    t["annex"] = c - b
    t["docx writer"] = d - c
    return t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="50k")
    ap.add_argument("--generator", default="generate.py")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    folder = Path(subprocess.run([sys.executable, str(HERE / args.generator), args.size], check=True,
                                 capture_output=True, text=True).stdout.strip())
    old, new = folder / "old.docx", folder / "new.docx"
    gc.set_threshold(50_000)  # as the CLI runs
    stages(old, new)  # warm up: imports, compiled patterns
    runs = [stages(old, new) for _ in range(args.repeat)]
    total = statistics.median(sum(r.values()) for r in runs)
    print(f"{args.generator} {args.size}: stages in one process, median of {args.repeat} (load {os.getloadavg()[0]:.1f})")
    for name in runs[0]:
        m = statistics.median(r[name] for r in runs)
        print(f"  {name:26s} {m:7.3f} s  {m / total:5.1%}")
    print(f"  {'total':26s} {total:7.3f} s")
    prof = cProfile.Profile()
    prof.enable()
    stages(old, new)
    prof.disable()
    st = pstats.Stats(prof)
    by_file: dict[str, float] = defaultdict(float)
    for (file, _, _), (_, _, tt, _, _) in st.stats.items():
        key = file.split("/src/")[-1] if "/src/revcop/" in file else ("(C / builtins)" if file == "~" else
                                                                      file.split("site-packages/")[-1].split("/")[0])
        by_file[key] += tt
    whole = sum(by_file.values())
    print("\ncProfile, own time by file (profiler overhead included):")
    for key, tt in sorted(by_file.items(), key=lambda x: -x[1])[:14]:
        print(f"  {tt:7.3f} s {tt / whole:5.1%}  {key}")
    print("\ntop functions by own time:")
    rows = sorted(st.stats.items(), key=lambda x: -x[1][2])[:25]
    for (file, line, name), (_, nc, tt, ct, _) in rows:
        where = file.split("/src/")[-1] if "/src/" in file else file.split("/")[-1]
        print(f"  {tt:7.3f} s own {ct:7.3f} s cum {nc:8d} calls  {where}:{line} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Two checkouts' annexes timed alternately, beside the floor: is a change faster, on this noisy host?

    python benchmarks/ab.py BASE/src NEW/src [--sizes 50k] [--laps 11]

Each lap runs the floor (`benchmarks/floor.py`), then `revcop diff OLD NEW -o annex.docx` with BASE's
`src` first on the import path, then with NEW's, on each generator's pair (`run.py`'s round-robin
measurement); medians of wall time, and each over the floor. On a shared 2-core host one command's
time moves by 10-30 % from minute to minute: two versions measured apart say little, measured
alternately (and against the same floor) they can be compared. Run it from a Python with revcop's
dependencies but no editable install of revcop (benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from run import GENERATORS, HERE, PY, measure_many, pair_inputs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("base", type=Path, help="the src folder of the code to compare against")
    ap.add_argument("new", type=Path, help="the src folder of the changed code")
    ap.add_argument("--sizes", default="50k")
    ap.add_argument("--laps", type=int, default=11)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="revcop-ab-"))
    print("| generator | size | floor s | base s (÷ floor) | new s (÷ floor) | new ÷ base |")
    print("|---|---|---:|---:|---:|---:|")
    for size in args.sizes.split(","):
        for gen in GENERATORS:
            old, new = pair_inputs(gen, size, args.seed)
            commands = {"floor": [PY, str(HERE / "floor.py"), str(old), str(new), str(work / "floor.docx")]}
            for side, src in (("base", args.base), ("new", args.new)):
                code = f"import sys; sys.path.insert(0, {str(src.resolve())!r}); from revcop.cli import main; main()"
                commands[side] = [PY, "-c", code, "diff", str(old), str(new), "--unmarked", "-q", "--force", "-o",
                                  str(work / f"{side}.docx")]
            runs = measure_many(commands, args.laps, work)
            failed = [f"{name}: {m.error}" for name, m in runs.items() if m.error]
            if failed:
                raise SystemExit("; ".join(failed))
            f, b, n = (runs[k].median for k in ("floor", "base", "new"))
            print(f"| {gen} | {size} | {f:.3f} | {b:.3f} ({b / f:.2f}×) | {n:.3f} ({n / f:.2f}×) | {n / b:.2f} |",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Two checkouts' annexes timed alternately, beside the floor: is a change faster, on this noisy host?

    python benchmarks/ab.py BASE/src NEW/src [--sizes 50k] [--laps 11]

Each lap runs the floor (`benchmarks/floor.py`), then `revcop diff OLD NEW -o annex.docx` with BASE's
`src` on PYTHONPATH, then with NEW's, on each generator's pair; medians of wall time, and each over
the floor. On a shared 2-core host one command's time moves by 10-30 % from minute to minute: two
versions measured apart say little, measured alternately (and against the same floor) they can be
compared. Run it from a Python with revcop's dependencies but no editable install of revcop
(benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(argv: list[str], src: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=BASE_ENV | {"PYTHONPATH": str(src)}, capture_output=True)
    if done.returncode:
        raise SystemExit(f"failed ({src}): {' '.join(argv)}: {done.stderr.decode()[-300:]}")
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("base", type=Path, help="the src folder of the code to compare against")
    ap.add_argument("new", type=Path, help="the src folder of the changed code")
    ap.add_argument("--sizes", default="50k")
    ap.add_argument("--laps", type=int, default=11)
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="revcop-ab-"))
    print("| generator | size | floor s | base s (÷ floor) | new s (÷ floor) | new ÷ base |")
    print("|---|---|---:|---:|---:|---:|")
    for size in args.sizes.split(","):
        for gen in ("generate.py", "generate_un.py"):
            folder = Path(subprocess.run([sys.executable, str(HERE / gen), size], check=True, capture_output=True,
                                         text=True).stdout.strip())
            old, new = str(folder / "old.docx"), str(folder / "new.docx")
            diff = [sys.executable, "-m", "revcop", "diff", old, new, "--unmarked", "-q", "--force", "-o",
                    str(out / "annex.docx")]
            floor, base, changed = [], [], []
            for _ in range(args.laps):
                floor.append(timed([sys.executable, str(HERE / "floor.py"), old, new, str(out / "floor.docx")], args.new))
                base.append(timed(diff, args.base))
                changed.append(timed(diff, args.new))
            f, b, n = (statistics.median(x) for x in (floor, base, changed))
            print(f"| {gen} | {size} | {f:.3f} | {b:.3f} ({b / f:.2f}×) | {n:.3f} ({n / f:.2f}×) | {n / b:.2f} |",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How `revcop diff` should read its two versions on this machine (issue #20): in one process, one
after the other; OLD in a forked process while this one reads NEW; or both in forked processes.

    python benchmarks/read_pair.py [--sizes 50k,500k] [--laps 7]

For each generator's pair at each size, the three ways are run round-robin, lap after lap, as whole
`revcop diff OLD NEW -o annex.docx` processes (the way is forced through `revcop.pipeline`'s two
thresholds, `PARALLEL_MIN_BYTES` and `APART_MIN_BYTES`), beside the floor (`benchmarks/floor.py`).
Medians of wall time and the peak memory (max RSS) of each. The thresholds in `revcop.pipeline`
were chosen from this table (benchmarks/README.md).
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
ROOT = HERE.parent
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PYTHONPATH": str(ROOT / "src")}
BIG = 10**15
WAYS = {  # name -> (PARALLEL_MIN_BYTES, APART_MIN_BYTES)
    "one process": (BIG, BIG),
    "OLD forked, NEW here": (0, BIG),
    "both forked": (0, 0),
}


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak MiB (max RSS of the process and the processes it waited for)."""
    start = time.perf_counter()
    p = subprocess.Popen(argv, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode:
        raise SystemExit(f"failed: {' '.join(argv)}: {p.stderr.read().decode()[-300:] if p.stderr else ''}")
    return wall, usage.ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="50k,500k")
    ap.add_argument("--laps", type=int, default=7)
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="revcop-read-pair-"))  # the annexes and floors written
    print(f"| generator | size | floor s | {' | '.join(f'{w} s (peak MiB)' for w in WAYS)} |")
    print(f"|---|---|---:|{'---:|' * len(WAYS)}")
    for size in args.sizes.split(","):
        for gen in ("generate.py", "generate_un.py"):
            folder = Path(subprocess.run([sys.executable, str(HERE / gen), size], check=True, capture_output=True,
                                         text=True).stdout.strip())
            old, new = folder / "old.docx", folder / "new.docx"
            runs: dict[str, list[tuple[float, float]]] = {"floor": [], **{w: [] for w in WAYS}}
            for _ in range(args.laps):
                runs["floor"].append(timed([sys.executable, str(HERE / "floor.py"), str(old), str(new),
                                            str(out / "read-pair-floor.docx")]))
                for way, (parallel, apart) in WAYS.items():
                    code = (f"import revcop.pipeline as p; p.PARALLEL_MIN_BYTES = {parallel}; "
                            f"p.APART_MIN_BYTES = {apart}; from revcop.cli import main; main()")
                    runs[way].append(timed([sys.executable, "-c", code, "diff", str(old), str(new), "--unmarked",
                                            "-q", "--force", "-o", str(out / "read-pair-annex.docx")]))
            cells = [f"{statistics.median(w for w, _ in runs[k]):.3f} ({max(m for _, m in runs[k]):.0f})"
                     for k in WAYS]
            print(f"| {gen} | {size} | {statistics.median(w for w, _ in runs['floor']):.3f} | {' | '.join(cells)} |",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How `revcop diff` should read its two versions on this machine (issue #20): in one process, one
after the other, or OLD in a forked process while this one reads NEW.

    python benchmarks/read_pair.py [--sizes 50k,500k] [--laps 7]

For each generator's pair at each size, the three ways are run round-robin, lap after lap, as whole
`revcop diff OLD NEW -o annex.docx` processes (the way is forced through `revcop.pipeline`'s
threshold, `PARALLEL_MIN_BYTES`), beside the floor (`benchmarks/floor.py`), with `run.py`'s
measurement. Medians of wall time and the peak memory (max RSS) of each. The threshold in
`revcop.pipeline` was chosen from this table (benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from run import GENERATORS, HERE, PY, measure_many, pair_inputs

BIG = 10**15
WAYS = {  # name -> PARALLEL_MIN_BYTES
    "one process": BIG,
    "OLD forked, NEW here": 0,
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="50k,500k")
    ap.add_argument("--laps", type=int, default=7)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="revcop-read-pair-"))  # the annexes and floors written
    print(f"| generator | size | floor s | {' | '.join(f'{w} s (peak MiB)' for w in WAYS)} |")
    print(f"|---|---|---:|{'---:|' * len(WAYS)}")
    for size in args.sizes.split(","):
        for gen in GENERATORS:
            old, new = pair_inputs(gen, size, args.seed)
            commands = {"floor": [PY, str(HERE / "floor.py"), str(old), str(new), str(work / "floor.docx")]}
            for way, parallel in WAYS.items():
                code = (f"import revcop.pipeline as p; p.PARALLEL_MIN_BYTES = {parallel}; "
                        "from revcop.cli import main; main()")
                commands[way] = [PY, "-c", code, "diff", str(old), str(new), "--unmarked", "-q", "--force", "-o",
                                 str(work / "annex.docx")]
            runs = measure_many(commands, args.laps, work)
            failed = [f"{name}: {m.error}" for name, m in runs.items() if m.error]
            if failed:
                raise SystemExit("; ".join(failed))
            cells = [f"{runs[w].median:.3f} ({runs[w].peak / 2**20:.0f})" for w in WAYS]
            print(f"| {gen} | {size} | {runs['floor'].median:.3f} | {' | '.join(cells)} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

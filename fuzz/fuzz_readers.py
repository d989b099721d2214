"""Fuzz revcop's readers and transforms: any input must give a result or a one-line InputError.

Two modes (see docs/robustness.md):

* ``python fuzz/fuzz_readers.py [atheris/libFuzzer options] fuzz/seeds`` — coverage-guided fuzzing
  with atheris, which is NOT a dependency of revcop: install it on demand with
  ``pip install atheris`` (wheels exist for CPython 3.11 on Linux x86-64).
* ``python fuzz/fuzz_readers.py --random N [--seed S] [--timeout T]`` — no atheris: N random
  mutations of the seeds (fuzz/mutate.py), each run with a time limit. Crashes and hangs are saved
  under fuzz/crashes/ and the exit status is 1 if there was any.

For each input: read it (as .txt, .json or .docx, chosen by its first byte), build the document,
consolidate it and take the original view. InputError (a RevcopError) is the accepted way to
refuse; anything else — including InvariantError, a lost character — is a finding.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import signal
import sys
import tempfile
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from revcop.errors import RevcopError  # noqa: E402

SUFFIXES = {b"P": ".docx", b"{": ".json"}


def _docx_reader_available() -> bool:
    try:
        import revcop.readers.docx  # noqa: F401
    except ImportError:
        return False
    return True


DOCX = _docx_reader_available()


def run_one(data: bytes, folder: str) -> None:
    """Read, consolidate and reject ``data``; returns quietly or raises what revcop raised."""
    from revcop import consolidation as c
    from revcop.readers import ZIP_MAGIC, read_document

    if data.startswith(ZIP_MAGIC) and not DOCX:
        return  # no .docx reader installed here: nothing to test for a zip
    path = os.path.join(folder, "input" + SUFFIXES.get(data[:1], ".txt"))
    with open(path, "wb") as f:
        f.write(data)
    try:
        doc = read_document(path).value
        c.consolidate(doc)
        c.original(doc)
    except RevcopError:
        pass


def atheris_main(argv: list[str]) -> None:
    try:
        import atheris
    except ImportError:
        sys.exit("atheris is not installed: pip install atheris (or use --random N, which needs nothing)")
    folder = tempfile.mkdtemp(prefix="revcop-fuzz-")

    def test_one_input(data: bytes) -> None:
        run_one(data, folder)

    with atheris.instrument_imports():
        import revcop.consolidation  # noqa: F401
        import revcop.readers  # noqa: F401
        import revcop.readers.critic  # noqa: F401
        import revcop.structure  # noqa: F401
        if DOCX:
            import revcop.readers.docx  # noqa: F401
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def random_main(n: int, seed: int, timeout: int, seeds: Path, crashes: Path) -> int:
    from mutate import mutate

    rng = random.Random(seed)
    corpus = [p.read_bytes() for p in sorted(seeds.iterdir()) if p.is_file()]
    if not DOCX:
        print("fuzz: the .docx reader is not installed here; zip seeds skipped", file=sys.stderr)
        corpus = [d for d in corpus if not d.startswith(b"PK")]
    findings = 0
    signal.signal(signal.SIGALRM, _alarm)
    with tempfile.TemporaryDirectory(prefix="revcop-fuzz-") as folder:
        for i in range(n):
            data = rng.choice(corpus)
            for _ in range(rng.randint(1, 3)):
                data = mutate(data, rng)
            signal.alarm(timeout)
            try:
                run_one(data, folder)
                problem = None
            except Hang:
                problem = f"hang (more than {timeout} s)"
            except RecursionError:
                problem = "RecursionError\n" + traceback.format_exc(limit=5)
            except Exception:  # noqa: BLE001 - a finding
                problem = traceback.format_exc()
            finally:
                signal.alarm(0)
            if problem:
                findings += 1
                crashes.mkdir(parents=True, exist_ok=True)
                name = crashes / f"crash-{hashlib.sha1(data).hexdigest()[:12]}"
                name.write_bytes(data)
                print(f"fuzz: input {i} ({name}): {problem}", file=sys.stderr)
    print(f"fuzz: {n} inputs, {findings} finding(s)", file=sys.stderr)
    return 1 if findings else 0


def main() -> None:
    if "--random" not in sys.argv:
        atheris_main(sys.argv)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--random", type=int, required=True, metavar="N", help="number of mutated inputs")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=int, default=10, help="seconds allowed per input")
    parser.add_argument("--seeds", type=Path, default=HERE / "seeds")
    parser.add_argument("--crashes", type=Path, default=HERE / "crashes")
    args = parser.parse_args()
    sys.exit(random_main(args.random, args.seed, args.timeout, args.seeds, args.crashes))


if __name__ == "__main__":
    main()

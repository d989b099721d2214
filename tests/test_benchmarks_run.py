"""benchmarks/run.py: commands measured side by side, round-robin, lap by lap."""

import importlib.util
import sys

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("benchmarks_run", ROOT / "benchmarks" / "run.py")
run = sys.modules.setdefault("benchmarks_run", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(run)


def _appends(log, letter: str) -> list[str]:
    """A command that appends ``letter`` to the file ``log``: the order in which commands ran."""
    return [sys.executable, "-c", "import sys; open(sys.argv[1], 'a').write(sys.argv[2])", str(log), letter]


def test_a_peer_runs_in_the_first_timed_laps_only_after_the_others(tmp_path):
    log = tmp_path / "order"
    commands = {"floor": _appends(log, "f"), "annex": _appends(log, "a"), "peer": _appends(log, "p")}
    measured = run.measure_many(commands, 3, tmp_path, warmup=True, most={"peer": 2})
    # the warm-up lap runs floor and annex only; the peer follows the annex of the first two timed laps
    assert log.read_text() == "fa" + "fap" + "fap" + "fa"
    assert [len(measured[name].times) for name in commands] == [3, 3, 2]


def test_without_a_warm_up_the_peer_runs_from_the_first_lap(tmp_path):
    log = tmp_path / "order"
    measured = run.measure_many({"annex": _appends(log, "a"), "peer": _appends(log, "p")}, 3, tmp_path,
                                warmup=False, most={"peer": 1})
    assert log.read_text() == "apaa"
    assert [len(measured[name].times) for name in ("annex", "peer")] == [3, 1]

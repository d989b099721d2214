import json
import subprocess
import sys

from click.testing import CliRunner

from revcop.cli import cli
from tests.conftest import ROOT, SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"


def run(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], **kw)


def test_parse_outline_shows_kinds_labels_and_status():
    result = run("parse", SAMPLE)
    assert result.exit_code == 0
    out = result.stdout
    assert "instrument: Resolution 14.16" in out and "[resolution] ANNEX 1" in out
    assert "\n  operative    11 bis. [inserted] Encourages Parties to maintain" in out
    assert "\n    subparagraph (iv) [amended] evaluating" in out


def test_parse_json_dumps_the_model_and_reads_back(tmp_path):
    out = tmp_path / "doc.json"
    assert run("parse", SAMPLE, "--format", "json", "-o", out).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "revcop/document/1" and data["meta"]["meeting"] == "COP15"
    assert [p["kind"] for p in data["parts"]] == ["body", "resolution", "decisions", "annex"]
    # a JSON dump is itself an input: consolidating it gives the same text
    a = run("consolidate", out, "-o", "-", "-q").stdout
    b = run("consolidate", SAMPLE, "-o", "-", "-q").stdout
    assert a == b and "33. Repeals:" in a


def test_default_output_path_and_format_from_extension(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("consolidate", SAMPLE)
    assert result.exit_code == 0
    assert (tmp_path / "output" / "UNEP-CMS-COP15-Doc.28.2-Rev.COP15.txt").is_file()
    # revcop owns output/: running again regenerates without --force
    assert run("consolidate", SAMPLE).exit_code == 0
    assert run("original", SAMPLE).exit_code == 0
    assert (tmp_path / "output" / "UNEP-CMS-COP15-Doc.28.2-original.txt").is_file()
    assert run("consolidate", SAMPLE, "-o", "c.md").exit_code == 0
    assert (tmp_path / "c.md").read_text(encoding="utf-8").startswith("# Resolution 14.16 (Rev.COP15)\n")
    data = json.loads((run("consolidate", SAMPLE, "-o", "-", "--format", "json").stdout))
    assert dict((r["old"], r["new"]) for r in data["renumbering"])["27 bis"] == "29"


def test_existing_output_needs_force(tmp_path):
    out = tmp_path / "c.txt"
    out.write_text("keep me")
    result = run("consolidate", SAMPLE, "-o", out)
    assert result.exit_code == 1 and "exists; give --force" in result.stderr
    assert out.read_text() == "keep me"
    assert run("consolidate", SAMPLE, "-o", out, "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("Resolution 14.16 (Rev.COP15)")


def test_cop_override_and_warnings_on_stderr():
    result = run("consolidate", SAMPLE, "-o", "-", "--cop", "COP16")
    assert result.stdout.startswith("Resolution 14.16 (Rev.COP16)")
    assert "square brackets left in the consolidated text" in result.stderr
    assert run("consolidate", SAMPLE, "--cop", "sixteen").exit_code == 2


def test_errors_are_one_line_with_exit_codes(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("text {++never closed\n")
    result = run("consolidate", bad, "-o", "-")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"revcop: error: {bad}: line 1, column 6: mark {{++ is never closed"
    assert run("consolidate", tmp_path / "missing.txt").exit_code == 1
    assert run("consolidate", SAMPLE, "-o", "x.weird").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_output_may_not_overwrite_input(tmp_path):
    copy = tmp_path / "in.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    result = run("consolidate", copy, "-o", copy, "--force")
    assert result.exit_code == 1 and "overwrite the input" in result.stderr
    assert copy.read_bytes() == SAMPLE.read_bytes()


def test_module_entry_point_and_help():
    result = subprocess.run([sys.executable, "-m", "revcop", "--help"], capture_output=True, text=True,
                            cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0
    assert "consolidate" in result.stdout and "Exit codes" in result.stdout

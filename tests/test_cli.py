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


# -- formats said and done (issue 17 item 8) ---------------------------------------------------------

def test_parse_takes_its_format_from_o(tmp_path):
    out = tmp_path / "p.json"
    result = run("parse", SAMPLE, "-o", out)
    assert result.exit_code == 0 and result.stderr.strip().endswith(f"revcop: wrote {out}")
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "revcop/document/1"
    assert run("parse", SAMPLE, "-o", tmp_path / "tree.txt", "-q").exit_code == 0
    assert (tmp_path / "tree.txt").read_text(encoding="utf-8").startswith("document: ")
    # an extension that says otherwise than --format, or names a format parse does not write
    conflict = run("parse", SAMPLE, "-o", tmp_path / "p2.txt", "--format", "json")
    assert conflict.exit_code == 2 and "p2.txt is named as outline, but --format is json" in conflict.stderr
    refused = run("parse", SAMPLE, "-o", tmp_path / "p.docx")
    assert refused.exit_code == 2 and "this command does not write docx" in refused.stderr
    assert not (tmp_path / "p2.txt").exists() and not (tmp_path / "p.docx").exists()


def test_blame_and_show_take_their_format_from_o(tmp_path, monkeypatch):
    monkeypatch.setenv("REVCOP_LIBRARY", str(ROOT / "resolutions"))
    html = tmp_path / "b.html"
    result = run("blame", "cms/14.16", "-o", html)
    assert result.exit_code == 0, result.stderr
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"revcop: wrote {html}" in result.stderr
    assert run("blame", "cms/14.16", "-o", tmp_path / "b.json", "-q").exit_code == 0
    assert json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["instrument"] == "cms/14.16"
    assert run("blame", "cms/14.16", "-o", tmp_path / "b.docx").exit_code == 2
    akn = tmp_path / "v.akn"
    assert run("show", "cms/14.16@COP14", "-o", akn, "-q").exit_code == 0
    assert b"<akomaNtoso" in akn.read_bytes()
    xml = run("show", "cms/14.16@COP14", "--format", "xml")
    assert xml.exit_code == 0 and "<akomaNtoso" in xml.stdout


def test_akn_by_extension_and_as_xml_with_real_dates(tmp_path):
    """.akn and --format xml are Akoma Ntoso; consolidate's FRBR dates are the meetings' closing days."""
    from lxml import etree

    out = tmp_path / "c.akn"
    assert run("consolidate", SAMPLE, "-o", out, "-q").exit_code == 0
    tree = etree.fromstring(out.read_bytes())
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    dates = tree.xpath("//a:FRBRdate/@date", namespaces=ns)
    assert dates == ["2024-02-17", "2026-03-29", "2026-03-29"] and "0001-01-01" not in out.read_text()
    assert tree.xpath("//a:FRBRWork/a:FRBRuri/@value", namespaces=ns) == ["/akn/un/statement/resolution/cms/2024/14-16"]
    same = run("consolidate", SAMPLE, "--format", "xml", "-o", "-", "-q")
    assert same.exit_code == 0 and same.stdout.encode("utf-8") == out.read_bytes()


def _on_a_terminal(args, cwd):
    """Run revcop with standard output on a pseudo-terminal: (exit code, standard error, bytes shown)."""
    import os
    import pty
    import threading

    leader, follower = pty.openpty()
    shown = bytearray()

    def read():  # the terminal's side: read all that is shown, or the program would block on a full pty
        while True:
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        result = subprocess.run([sys.executable, "-m", "revcop", *args], stdout=follower, stderr=subprocess.PIPE,
                                cwd=cwd, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}, timeout=120)
    finally:
        os.close(follower)
        reader.join(10)
        os.close(leader)
    return result.returncode, result.stderr.decode("utf-8", "replace"), bytes(shown)


def test_binary_is_never_written_to_a_terminal(tmp_path):
    code, err, shown = _on_a_terminal(["consolidate", str(SAMPLE), "--format", "docx", "-o", "-"], tmp_path)
    assert code == 2 and "docx is a binary format and standard output is a terminal" in err
    assert b"PK" not in shown
    code, err, shown = _on_a_terminal(["diff", str(SAMPLE), str(SAMPLE), "-o", "-"], tmp_path)
    assert code == 2 and "binary format" in err and b"PK" not in shown
    code, err, shown = _on_a_terminal(["show", "cms/14.16@COP14", "--format", "docx",
                                       "--library", str(ROOT / "resolutions")], tmp_path)
    assert code == 2 and "binary format" in err and b"PK" not in shown
    # text goes to the terminal as before
    code, err, shown = _on_a_terminal(["consolidate", str(SAMPLE), "-o", "-", "-q"], tmp_path)
    assert code == 0 and b"Resolution 14.16 (Rev.COP15)" in shown

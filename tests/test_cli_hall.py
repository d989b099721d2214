"""What the hall fixed for the commands: every warning reaches the user, and diff, report and check
agree on when a version stands for its consolidated text."""

import json

from click.testing import CliRunner

from revcop.cli import cli

PREAMBLE = ("Resolution 14.16\n\nTITLE\n\nThe Conference of the Parties to the Convention on the Conservation "
            "of Migratory Species of Wild Animals,\n\n")
OLD = PREAMBLE + "1. Decides to act on the matter of birds;\n\n2. Requests the Secretariat to report on progress;\n"
NEW = PREAMBLE + ("1. Decides to act on connectivity at once;\n\n2. Decides to act on the matter of birds;\n\n"
                  "3. Requests the Secretariat to report on progress;\n")


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_diff_prints_the_annexs_own_warnings_once(tmp_path):
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    for fmt in ("txt", "docx", "html", "md"):
        done = _run("diff", tmp_path / "old.txt", tmp_path / "new.txt", "-o", tmp_path / f"annex.{fmt}")
        assert done.exit_code == 0, done.output
        warnings = [line for line in done.stderr.splitlines() if "before the first paragraph of its list" in line]
        assert warnings == ["revcop: warning: line 7: a new paragraph comes before the first paragraph of its list; "
                            "it keeps its new label '1.'"], done.stderr


def test_diff_and_report_compare_the_same_paragraphs_of_an_unmarked_document_with_a_legend(corpus):
    """The COP15 document with its marks lost still has its legend: a legend alone announces marks, it
    does not make a version its consolidated text (report compared 188 paragraphs, diff 189)."""
    source = corpus / "cms-cop15-doc28.2" / "source.txt"
    diffed = _run("diff", source, source, "--format", "json", "-o", "-")
    assert diffed.exit_code == 0, diffed.output
    changes = json.loads(diffed.stdout)["changes"]
    reported = _run("report", source, source, "--format", "json", "-o", "-", "--date", "2026-03-29")
    assert reported.exit_code == 0, reported.output
    data = json.loads(reported.stdout)
    assert len(data["paragraphs"]) == len(changes) == 189
    assert {c["kind"] for c in changes} == {"unchanged"}
    assert not any("carries amendment marks" in f["text"] for f in data["findings"])

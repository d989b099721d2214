"""CLI: consolidate/original written as docx and html, and the publishing options."""

from __future__ import annotations

import io
import zipfile

from click.testing import CliRunner

from revcop.cli import cli
from tests.conftest import SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"
ADOPTED = "Adopted by the Conference of the Parties at its 14th Meeting (Samarkand, February 2024)"
AMENDED = " and amended at its 15th Meeting (Campo Grande, March 2026)"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def docx_text(path) -> str:
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "\n".join("".join(t.text or "" for t in p.iter(ns + "t")) for p in root.iter(ns + "p"))


def test_consolidate_docx_inferred_from_the_output_name(tmp_path):
    out = tmp_path / "r.docx"
    result = run("consolidate", SAMPLE, "-o", out, "-q")
    assert result.exit_code == 0, result.output
    text = docx_text(out)
    assert "UNEP/CMS/Resolution 14.16 (Rev.COP15)" in text and ADOPTED + AMENDED in text
    assert "33.Repeals:" in text and "34." not in text


def test_original_docx_and_html(tmp_path):
    out = tmp_path / "o.docx"
    assert run("original", SAMPLE, "-o", out, "-q").exit_code == 0
    text = docx_text(out)
    assert "UNEP/CMS/Resolution 14.16\n" in text and ADOPTED + "\n" in text and AMENDED not in text
    html = run("original", SAMPLE, "--format", "html", "-o", "-", "-q").stdout
    assert f'<p class="adoption depth-0 status-unchanged">{ADOPTED}</p>' in html


def test_html_to_standard_output():
    result = run("consolidate", SAMPLE, "--format", "html", "-o", "-", "-q")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and "<title>Resolution 14.16 (Rev.COP15)</title>" in result.stdout


def test_default_output_name_for_docx_and_part(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("consolidate", SAMPLE, "--format", "docx", "-q").exit_code == 0
    assert (tmp_path / "output" / "UNEP-CMS-COP15-Doc.28.2-Rev.COP15.docx").is_file()
    assert run("consolidate", SAMPLE, "--part", "decisions", "-q").exit_code == 0
    assert (tmp_path / "output" / "UNEP-CMS-COP15-Doc.28.2-Rev.COP15-decisions.txt").is_file()


def test_part_decisions_and_decision_numbers():
    result = run("consolidate", SAMPLE, "--part", "decisions", "--decision-number", "15.AA=15.123",
                 "--decision-number", "15.BB=15.124", "-o", "-")
    assert result.exit_code == 0
    out = result.stdout
    assert "15.123 The Scientific Council is requested" in out and "15.124 The Secretariat shall" in out
    assert "implementation of Decision 15.124; and" in out
    assert "15.AA" not in out and "15.BB" not in out and "Urges Parties" not in out
    assert "has no number" not in result.stderr


def test_decision_number_warnings():
    result = run("consolidate", SAMPLE, "--part", "decisions", "--decision-number", "15.AA=15.123",
                 "--decision-number", "15.ZZ=15.9", "--format", "html", "-o", "-")
    assert result.exit_code == 0
    assert "draft decision 15.BB has no number; give --decision-number 15.BB=NUMBER" in result.stderr
    assert "--decision-number 15.ZZ=15.9: 15.ZZ is not cited in the document" in result.stderr
    assert '<span class="label">15.123</span>' in result.stdout


def test_decision_number_applies_in_every_part_of_docx(tmp_path):
    out = tmp_path / "all.docx"
    result = run("consolidate", SAMPLE, "--part", "all", "--decision-number", "15.BB=15.124", "-o", out)
    assert result.exit_code == 0
    text = docx_text(out)
    assert "Draft Decision 15.124 b)" in text  # cited in the body of the meeting document
    assert "15.BB" not in text


def test_bad_decision_number_is_a_usage_error():
    result = run("consolidate", SAMPLE, "--decision-number", "15.AA", "-o", "-")
    assert result.exit_code == 2 and "PLACEHOLDER=NUMBER" in result.output


def test_adopted_overrides_the_meeting_of_adoption():
    result = run("consolidate", SAMPLE, "--adopted", "COP13", "-o", "-", "-q")
    assert result.exit_code == 0
    assert ("Adopted by the Conference of the Parties at its 13th Meeting (Gandhinagar, February 2020)" + AMENDED
            in result.stdout)
    assert run("consolidate", SAMPLE, "--adopted", "Samarkand", "-o", "-").exit_code == 2


def test_template_options(tmp_path):
    import docx

    template = tmp_path / "t.docx"
    docx.Document().save(template)
    out = tmp_path / "r.docx"
    assert run("consolidate", SAMPLE, "--template", template, "-o", out, "-q").exit_code == 0
    with zipfile.ZipFile(out) as z:
        assert b'w:styleId="Heading1"' in z.read("word/styles.xml")
    css = tmp_path / "tpl" / "html"
    css.mkdir(parents=True)
    (css / "style.css").write_text("body { color: #654321; }", encoding="utf-8")
    html = run("consolidate", SAMPLE, "--template-dir", tmp_path / "tpl", "--format", "html", "-o", "-", "-q")
    assert html.exit_code == 0 and "#654321" in html.stdout


def test_template_option_errors(tmp_path):
    wrong = run("consolidate", SAMPLE, "--template", tmp_path / "t.docx", "-o", "-")
    assert wrong.exit_code == 2 and "--template applies to docx" in wrong.output
    missing = run("consolidate", SAMPLE, "--template", tmp_path / "none.docx", "-o", tmp_path / "r.docx")
    assert missing.exit_code == 1 and "none.docx: template not found" in missing.output
    assert not (tmp_path / "r.docx").exists()

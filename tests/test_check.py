"""``revcop check``: each finding type on a small input, the COP15 sample, and the command line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import SAMPLE_DIR
from revcop.checks import CODES, Finding, check, run
from revcop.cli import cli
from revcop.readers import read_document

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"

HEAD = """RESOLUTION ON TESTS

Recalling the Convention,

Noting the report,

The Conference of the Parties to the
Convention on the Conservation of Migratory Species of Wild Animals

"""
CLEAN = HEAD + """1. Requests Parties to act on the ‘WildlifeConnect’ initiative and the World’s “Heritage” (sites);

2. Further requests the Secretariat to:

a) support Parties’ efforts, and

b) report on paragraph 1;

3. Decides to review this Resolution.
"""


def _write(tmp_path, text: str, name: str = "res.critic.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _check(tmp_path, text: str) -> list[Finding]:
    return check(read_document(_write(tmp_path, text)).value)


def _codes(findings) -> list[tuple[str, str, int | None]]:
    return [(f.code, f.where, f.offset) for f in findings]


def test_a_clean_resolution_has_no_findings(tmp_path):
    assert _check(tmp_path, CLEAN) == []


def test_doubled_word(tmp_path):
    findings = _check(tmp_path, CLEAN.replace("1. Requests Parties to act", "1. Requests Parties to to act"))
    assert _codes(findings) == [("doubled-word", "paragraph 1", 17)]
    assert findings[0].message == "doubled word 'to to'"
    assert findings[0].excerpt.startswith("Requests Parties to to act")


def test_doubled_word_ignores_case_but_not_a_sentence_boundary(tmp_path):
    findings = _check(tmp_path, CLEAN.replace("3. Decides to review", "3. Decides. Decides to review The the"))
    assert [(f.code, f.message) for f in findings] == [("doubled-word", "doubled word 'The the'")]


def test_double_space_and_space_before_punctuation(tmp_path):
    findings = _check(tmp_path, CLEAN.replace("3. Decides to review this Resolution.",
                                              "3. Decides to  review this Resolution ."))
    assert _codes(findings) == [("double-space", "paragraph 3", 10), ("space-before-punctuation", "paragraph 3", 34)]
    assert findings[1].message == "space before '.'"


@pytest.mark.parametrize("text, message, offset", [
    ("Decides to review (this Resolution.", "'(' is not closed", 18),
    ("Decides to review this) Resolution.", "')' has no opening '('", 22),
    ("Decides to review “this Resolution.", "'“' is not closed", 18),
    ("Decides to review “this“ Resolution.", "'“' closes a quotation; expected '”'", 23),
    ("Decides to review ‘this Resolution.", "'‘' is not closed", 18),
    ('Decides to review "this Resolution.', 'odd number of straight quotation marks (")', 18),
    ("Decides to review [this (Resolution].", "'(' is not closed", 24),
])
def test_unbalanced_brackets_and_quotes(tmp_path, text, message, offset):
    findings = _check(tmp_path, CLEAN.replace("Decides to review this Resolution.", text))
    unbalanced = [(f.message, f.offset) for f in findings if f.code == "unbalanced-bracket"]
    assert unbalanced == [(message, offset)]


def test_apostrophes_and_inline_enumerators_are_not_brackets(tmp_path):
    text = "Decides to review the Parties’ reports on 1) sites and 2) the World’s networks."
    assert _check(tmp_path, CLEAN.replace("Decides to review this Resolution.", text)) == []


def test_square_brackets(tmp_path):
    findings = _check(tmp_path, CLEAN.replace("Noting the report,", "Noting the [draft] report,"))
    assert _codes(findings) == [("square-brackets", "preamble paragraph 2", 11)]


def test_preamble_punctuation_follows_the_majority(tmp_path):
    findings = _check(tmp_path, CLEAN.replace("Noting the report,", "Noting the report;"))
    # one , and one ; : a tie counts as the CMS (COP12 on) comma style
    assert [(f.code, f.where, f.message) for f in findings] == [
        ("preamble-punctuation", "preamble paragraph 2", "preambular paragraph ends with ';'; expected ','")]
    cop11 = CLEAN.replace("Recalling the Convention,", "Recalling the Convention;\n\nAware of the need;")
    findings = _check(tmp_path, cop11)
    assert [(f.where, f.offset) for f in findings] == [("preamble paragraph 3", 17)]
    assert findings[0].message == ("preambular paragraph ends with ','; expected ';' "
                                   "(most preambular paragraphs of this document end with ';', COP11 style)")


def test_operative_punctuation(tmp_path):
    text = CLEAN.replace("the World’s “Heritage” (sites);", "the World’s “Heritage” (sites),")
    text = text.replace("this Resolution.", "this Resolution;")
    findings = _check(tmp_path, text)
    assert [(f.code, f.where, f.message) for f in findings] == [
        ("operative-punctuation", "paragraph 1", "operative paragraph ends with ','; expected ';'"),
        ("operative-punctuation", "paragraph 3", "the last operative paragraph ends with ';'; expected '.'"),
    ]


def test_subparagraph_punctuation(tmp_path):
    text = CLEAN.replace("support Parties’ efforts, and", "support Parties’ efforts.").replace(
        "report on paragraph 1;", "report on paragraph 1,")
    findings = _check(tmp_path, text)
    assert [(f.code, f.where, f.message) for f in findings] == [
        ("subparagraph-punctuation", "paragraph 2 (a)", "sub-paragraph ends with '.'; expected ',' or ';'"),
        ("operative-punctuation", "paragraph 2 (b)",
         "the last sub-paragraph ends with ','; expected ';' (it closes its operative paragraph)"),
    ]


def test_penultimate_paragraph_may_end_with_semicolon_and(tmp_path):
    assert _check(tmp_path, CLEAN.replace("report on paragraph 1;", "report on paragraph 1; and")) == []


@pytest.mark.parametrize("labels_, expected", [
    (("1", "3", "4"), [("numbering-gap", "paragraph 3", "label '3.' after '1.' skips a number")]),
    (("1", "2", "2"), [("numbering-duplicate", "paragraph 2", "label '2.' after '2.'")]),
    (("1", "3", "2"), [("numbering-gap", "paragraph 3", "label '3.' after '1.' skips a number"),
                       ("numbering-order", "paragraph 2", "label '2.' after '3.'")]),
    (("2", "3", "4"), [("numbering-gap", "paragraph 2", "the list starts at '2.', not 1")]),
    (("1", "1 ter", "2"), [("numbering-gap", "paragraph 1 ter", "label '1 ter.' after '1.' skips 'bis'")]),
    (("1", "2 bis", "3"), [("numbering-gap", "paragraph 2 bis", "label '2 bis.' after '1.': there is no paragraph 2 before it")]),
])
def test_numbering(tmp_path, labels_, expected):
    text = HEAD + "\n\n".join(f"{n}. Requests Parties to act;" for n in labels_[:-1]) + \
        f"\n\n{labels_[-1]}. Decides to review this Resolution.\n"
    findings = _check(tmp_path, text)
    assert [(f.code, f.where, f.message) for f in findings] == expected


def test_bis_labels_are_consecutive_numbering(tmp_path):
    text = HEAD + "1. Requests Parties to act;\n\n1 bis. Invites Parties to act;\n\n2. Decides to review this Resolution.\n"
    assert _check(tmp_path, text) == []


def test_reference_to_a_missing_paragraph(tmp_path):
    findings = _check(tmp_path, CLEAN.replace("report on paragraph 1;", "report on paragraph 7;"))
    assert [(f.code, f.where, f.offset, f.message) for f in findings] == [
        ("reference-missing", "paragraph 2 (b)", 10, "cross-reference 'paragraph 7': there is no paragraph 7")]


AMENDED = """PROPOSED AMENDMENTS TO RESOLUTION 13.5

NB: Proposed new text is underlined. Text to be deleted is crossed out.

RESOLUTION ON TESTS

Recalling the Convention,

The Conference of the Parties to the
Convention on the Conservation of Migratory Species of Wild Animals

1. Requests Parties to act;

{++1 bis. Invites Parties to act under paragraph 2;++}

{--2. Decides to act;--}

3. Requests the Secretariat to report on paragraph 2;

4. Decides to review this Resolution.
"""


def test_amendment_document_is_checked_in_consolidated_numbering(tmp_path):
    findings = _check(tmp_path, AMENDED.replace("3. Requests the Secretariat to report",
                                                "3. Requests the the Secretariat to report"))
    assert [(f.code, f.where, f.label, f.source_label, f.view) for f in findings] == [
        ("reference-deleted", "paragraph 2 (1 bis in the amendments)", "2", "1 bis", "consolidated"),
        ("doubled-word", "paragraph 3", "3", "", "consolidated"),
        ("reference-deleted", "paragraph 3", "3", "", "consolidated"),
    ]
    assert findings[0].message == "cross-reference 'paragraph 2': paragraph 2 is deleted by the amendments"


def test_source_numbering_of_an_amendment_document(tmp_path):
    text = AMENDED.replace("4. Decides", "5. Decides").replace("on paragraph 2;", "on paragraph 1;").replace(
        "under paragraph 2;", "under paragraph 1;")
    findings = _check(tmp_path, text)
    assert [(f.code, f.where, f.view, f.message) for f in findings] == [
        ("numbering-gap", "paragraph 4 (5 in the amendments)", "source", "label '5.' after '3.' skips a number")]


def test_mark_inside_a_label(tmp_path):
    text = AMENDED.replace("3. Requests the Secretariat", "{--3--}{++2++}. Requests the Secretariat").replace(
        "on paragraph 2;", "on paragraph 1;").replace("under paragraph 2;", "under paragraph 1;")
    findings = [f for f in _check(tmp_path, text) if f.code == "mark-in-label"]
    assert [(f.where, f.message, f.view) for f in findings] == [
        ("paragraph 3", "an amendment mark inside the label '{--3--}{++2++}.'", "source")]


def test_label_inserted_on_a_paragraph_that_is_not(tmp_path):
    text = AMENDED.replace("3. Requests the Secretariat", "{++3. ++}Requests the Secretariat")
    findings = [f for f in _check(tmp_path, text) if f.code == "mark-in-label"]
    assert [f.message for f in findings] == ["the label '{++3.++}' is inserted but the paragraph text is unchanged"]


def test_mark_running_through_an_unrecognised_label():
    from revcop.checks import _marks_in_labels
    from revcop.model import Change, Document, Kind, Meta, Paragraph, Part, PartKind, Span

    spans = (Span("1", Change.DELETED), Span("2", Change.INSERTED), Span(". Decides to act;"))
    doc = Document(Meta(amendments=True), (Part(PartKind.RESOLUTION, (Paragraph(Kind.TEXT, spans, source="line 9"),)),))
    findings = _marks_in_labels(doc, doc)
    assert [(f.code, f.line, f.message) for f in findings] == [(
        "mark-in-label", "line 9",
        "an amendment mark runs through the label '{--1--}{++2++}.'; the paragraph was not recognised as numbered")]


def test_every_code_is_documented():
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[1] / "docs" / "checks.md").read_text(encoding="utf-8")
    assert [code for code in CODES if f"`{code}`" not in docs] == []


# -- the COP15 sample -----------------------------------------------------------------------------


def test_sample_findings():
    findings = check(read_document(SAMPLE).value)
    operative = [(f.code, f.label, f.source_label, f.offset, f.message) for f in findings
                 if f.code in ("doubled-word", "operative-punctuation")]
    assert operative == [
        ("operative-punctuation", "23", "22", 546, "operative paragraph ends with ','; expected ';'"),
        ("doubled-word", "26", "25", 850, "doubled word 'to to'"),
        ("operative-punctuation", "26", "25", 887, "operative paragraph ends with ','; expected ';'"),
    ]
    doubled = next(f for f in findings if f.code == "doubled-word")
    assert doubled.where == "paragraph 26 (25 in the amendments)"
    assert doubled.excerpt == "…ese networks, as appropriate; to to enhance ecological conne…"
    assert doubled.line == "line 313"
    assert {f.code for f in findings} == {
        "doubled-word", "operative-punctuation", "square-brackets", "preamble-punctuation", "unbalanced-bracket"}


def test_sample_run_keeps_consolidation_warnings_that_are_not_findings():
    result = run(read_document(SAMPLE).value)
    assert all("square brackets" not in m.text and "cross-reference" not in m.text for m in result.messages)


# -- command line ---------------------------------------------------------------------------------


def test_cli_sample_text_exit_1():
    result = CliRunner().invoke(cli, ["check", str(SAMPLE)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{SAMPLE}: resolution paragraph 26 (25 in the amendments), line 313, offset 850: doubled-word: " \
           "doubled word 'to to': …ese networks, as appropriate; to to enhance ecological conne…" in lines
    assert "7 findings" in result.stderr


def test_cli_json(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(SAMPLE), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert (data["schema"], data["view"], data["count"]) == ("revcop/check/1", "consolidated", len(data["findings"]))
    doubled = next(f for f in data["findings"] if f["code"] == "doubled-word")
    assert {k: doubled[k] for k in ("part", "label", "source_label", "offset", "view")} == {
        "part": "resolution", "label": "26", "source_label": "25", "offset": 850, "view": "consolidated"}


def test_cli_clean_document_exit_0(tmp_path):
    path = _write(tmp_path, CLEAN)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "0 findings" in result.stderr


def test_cli_missing_file():
    from revcop.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["check", "/nonexistent/file.txt"])
    assert exit_.value.code == 1


def test_reference_range_and_findings_in_footnotes():
    from pathlib import Path

    data = Path(__file__).resolve().parent / "data" / "references.critic.txt"
    findings = check(read_document(data).value)
    assert [(f.code, f.where, f.note, f.offset) for f in findings] == [
        ("reference-range", "paragraph 1", "", 48),
        ("reference-missing", "paragraph 4 (3 in the amendments)", "1", 76),
        ("reference-deleted", "paragraph 7", "", 38),
        ("reference-missing", "paragraph 7", "", 60),
    ]
    note = findings[1]
    assert note.message == "cross-reference 'paragraph 11bis': there is no paragraph 11 bis"
    assert note.excerpt == "…and in paragraph 3 above (not paragraph 11bis)."


def test_relative_reference_in_an_unnumbered_paragraph_is_ambiguous(tmp_path):
    findings = _check(tmp_path, CLEAN.replace("Noting the report,", "Noting the report under sub-paragraph (b),"))
    assert [(f.code, f.where, f.message) for f in findings] == [(
        "reference-ambiguous", "preamble paragraph 2",
        "cross-reference 'sub-paragraph (b)': sub-paragraph letters alone in a paragraph that is not numbered")]

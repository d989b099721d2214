"""Amendment marks lost: a document that announces marks and carries none is refused (exit 1) unless
--unmarked; a partly marked document warns where a mark looks lost (revcop.marks, issue 17 item 1)."""

import re

import pytest
from click.testing import CliRunner

from revcop import checks as check, consolidation as consolidate, marks

from revcop.cli import cli
from revcop.errors import InputError
from revcop.readers import read_document
from revcop.readers.critic import read_text
from revcop.structure import build
from tests.conftest import CMS, DOCX_PUBLIC, SAMPLE_DIR

SOURCE = CMS / "source.txt"  # the COP15 document with its underline and strike-through lost
MARKED = CMS / "marked.critic.txt"
SAMPLE_DOCX = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.docx"
REAL_TEXTS = sorted((CMS.parent / "real-texts").glob("*.txt"))


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def doc_of(text: str):
    return build(read_text(text).value, "t.txt").value


def mark_findings(doc):
    return [f for f in check.check(doc) if f.code in ("marks-missing", "mark-lost")]


def lost_warnings(messages):
    return [m for m in messages if "looks glued" in m.text or "looks doubled" in m.text]


# -- no mark at all ------------------------------------------------------------------------------


@pytest.mark.corpus  # reads ../shared/corpus: skipped, saying why, where it is absent (CI fails instead)
def test_consolidating_the_cop15_document_with_its_marks_lost_is_refused(tmp_path):
    out = tmp_path / "x.txt"
    result = run("consolidate", SOURCE, "-o", out)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"revcop: error: {SOURCE}: announces amendment marks (the legend 'NB: Proposed new text")
    assert "'PROPOSED AMENDMENTS TO RESOLUTION 14.16'" in lines[0] and "paragraph '11 bis.'" in lines[0]
    assert "carries none" in lines[0] and lines[0].endswith("give --unmarked to take the text as it stands")
    assert not out.exists() and result.stdout == ""


@pytest.mark.parametrize("args", [["original", SOURCE], ["report", SOURCE], ["diff", SAMPLE_DIR / "COP14.txt", SOURCE]],
                         ids=["original", "report", "diff"])
@pytest.mark.corpus  # reads ../shared/corpus: skipped, saying why, where it is absent (CI fails instead)
def test_every_command_that_consolidates_refuses_it(args, tmp_path):
    out = tmp_path / "out.json"
    result = run(*args, "-o", out)
    assert result.exit_code == 1
    assert f"{SOURCE}: announces amendment marks" in result.stderr and "--unmarked" in result.stderr
    assert not out.exists()


@pytest.mark.corpus  # reads ../shared/corpus: skipped, saying why, where it is absent (CI fails instead)
def test_unmarked_consolidates_the_text_as_it_stands():
    result = run("consolidate", SOURCE, "-o", "-", "--unmarked", "-q")
    assert result.exit_code == 0
    assert "Resolution 14.16 (Rev.COP15)" in result.stdout
    assert "identifying and protectinged important sites" in result.stdout  # as it stands: the user asked
    assert run("report", SOURCE, "-o", "-", "--format", "json", "--unmarked", "-q").exit_code == 0


@pytest.mark.corpus  # reads ../shared/corpus: skipped, saying why, where it is absent (CI fails instead)
def test_check_reports_the_missing_marks():
    findings = mark_findings(read_document(SOURCE).value)
    assert [(f.code, f.where, f.line) for f in findings] == [("marks-missing", "legend", "line 133")]
    assert "carries none" in findings[0].message
    result = run("check", SOURCE)
    assert result.exit_code == 1
    assert f"{SOURCE}: resolution legend, line 133: marks-missing: the document announces amendment marks" in result.stdout


BODY = "TEST TITLE\n\nThe Conference of the Parties\n\n1. Urges Parties;\n\n2. Requests the Secretariat.\n"


@pytest.mark.parametrize("announcement", [
    "NB: Proposed new text is underlined. Text to be deleted is crossed out.",
    "NB : Le nouveau texte proposé est souligné. Le texte à supprimer est barré.",
    "NB: El nuevo texto propuesto está subrayado. El texto que se propone suprimir está tachado.",
    "Nota: el texto que se propone eliminar aparece tachado.",
    "PROPOSED AMENDMENTS TO RESOLUTION 12.3",
])
def test_each_announcement_without_marks_is_refused(announcement):
    doc = doc_of(f"{announcement}\n\n{BODY}")
    assert marks.announced(doc)
    with pytest.raises(InputError, match=r"carries none.*--unmarked"):
        marks.require(doc, "t.txt")
    # with one mark it is an amendment document like any other
    marks.require(doc_of(f"{announcement}\n\n{BODY.replace('Urges', '{++Urges++}')}"), "t.txt")


def test_the_quick_test_for_a_legend_lets_through_every_text_the_legend_pattern_matches():
    # marks.may_be_legend spares the case-insensitive search of every short paragraph: it must be
    # False only where the pattern cannot match. Every character that re.IGNORECASE takes for a
    # letter of the words the pattern begins with (all of Unicode, ı, ſ and İ among them) folds to it.
    letters = sorted(set("".join(marks._LEGEND_STEMS)))
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    found = re.findall(f"[{''.join(letters)}]", everything, re.IGNORECASE)
    assert len(found) > 2 * len(letters)  # upper and lower case, and the odd ones
    for ch in found:
        letter = next(c for c in letters if re.fullmatch(c, ch, re.IGNORECASE))
        assert ch.translate(marks._FOLD).lower() == letter, hex(ord(ch))
    for text in ["NB: new text is UNDERLİNED", "Nota: le texte barré", "NB: text ſtruck through",
                 "Note: CROSSED  OUT text", "Texto subrayado", "NB: tachadas", "Strikethrough is deletion"]:
        assert marks._LEGEND.search(text) and marks.may_be_legend(text), text
    assert not marks.may_be_legend("Requests the Secretariat to report")


def test_the_legend_named_is_the_first_paragraph_that_states_one():
    # the stems are looked for in all short paragraphs at once, then in each in turn: a paragraph that
    # only uses a stem ("underlined") is passed over, and of two legends the first is named
    first = "NB: Proposed new text is underlined."
    doc = doc_of(f"The underlined headings are the Secretariat's\n\n{first}\n\n"
                 f"Note: text to be deleted is struck through.\n\n{BODY}")
    assert marks.announced(doc) == [f"the legend {first!r}"]
    long_legend = "NB: Proposed new text is underlined " + "and so on " * 30
    assert marks.announced(doc_of(f"{long_legend}\n\n{BODY}")) == []  # a legend is short


def test_bis_paragraphs_alone_are_no_proof_of_lost_marks():
    # a text consolidated with --keep-bis (ITU practice) has bis labels and rightly no marks
    doc = doc_of(BODY.replace("2. Requests", "1 bis. Invites Parties;\n\n2. Requests"))
    assert marks.announced(doc) == ["paragraph '1 bis.'"]
    assert marks.lost(doc) == ""
    marks.require(doc)
    kept = run("consolidate", SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt", "--keep-bis", "-o", "-", "-q").stdout
    assert "11 bis." in kept
    assert marks.lost(doc_of(kept)) == ""


def test_a_text_that_announces_nothing_is_taken_as_it_is():
    doc = doc_of(BODY)
    assert marks.announced(doc) == [] and marks.lost(doc) == ""
    marks.require(doc)


@pytest.mark.parametrize("path", REAL_TEXTS, ids=lambda p: p.name)
def test_real_texts_announce_no_marks(path):
    doc = read_document(path).value
    assert marks.lost(doc) == ""
    assert marks.glued_places(doc) == []


# -- some marks present, one of a pair lost -------------------------------------------------------

# Expected places: the seven substitutions of 'network(s)' by 'connectivity' and protect{--ing--}{++ed++}.
LOST = [("preamble paragraph, line 174", "networks connectivity"), ("preamble paragraph, line 190", "networks connectivity"),
        ("preamble paragraph, line 200", "networks connectivity"), ("paragraph (vi), line 257", "networks connectivity"),
        ("paragraph 13, line 283", "network connectivity"), ("paragraph 20, line 303", "networks connectivity"),
        ("paragraph 22, line 307", "networks connectivity"), ("paragraph 25, line 313", "protectinged")]


def _half_marked(tmp_path, which: str):
    """The real marked COP15 text with one kind of mark lost: the marked text kept, its mark removed."""
    text = MARKED.read_text(encoding="utf-8")
    pattern = r"\{--(.*?)--\}" if which == "struck" else r"\{\+\+(.*?)\+\+\}"
    path = tmp_path / f"{which}-lost.critic.txt"
    path.write_text(re.sub(pattern, r"\1", text, flags=re.S), encoding="utf-8")
    return path


@pytest.mark.corpus  # reads ../shared/corpus: skipped, saying why, where it is absent (CI fails instead)
@pytest.mark.parametrize("which", ["struck", "underlined"])
def test_a_half_lost_pair_of_marks_is_warned_with_its_paragraph(tmp_path, which):
    path = _half_marked(tmp_path, which)
    doc = read_document(path).value
    view = consolidate.consolidate(doc) if which == "struck" else consolidate.original(doc)
    warnings = lost_warnings(view.messages)
    assert [(m.where, m.text.split("'")[1]) for m in warnings] == LOST
    kept = "underlined" if which == "struck" else "struck"
    assert warnings[-1].text.startswith(f"'protectinged' looks glued: {kept} text meets unmarked text")
    assert f"{kept} 'connectivity' stands beside unmarked 'networks'" in warnings[0].text \
        or f"{kept} 'networks' stands beside unmarked 'connectivity'" in warnings[0].text
    findings = mark_findings(doc)
    assert [f.code for f in findings] == ["mark-lost"] * 8
    assert [f.where for f in findings][4:] == ["paragraph 13", "paragraph 20", "paragraph 22", "paragraph 25"]
    assert findings[-1].excerpt.endswith("identifying and protectinged important sites u…")
    # check says it once, as a finding, not again as a consolidation warning
    assert lost_warnings(check.run(doc).messages) == []
    result = run("consolidate", path, "-o", "-")
    assert result.exit_code == 0
    assert f"{path}: paragraph 25, line 313: 'protectinged' looks glued" in result.stderr


@pytest.mark.corpus  # reads ../shared/corpus: skipped, saying why, where it is absent (CI fails instead)
@pytest.mark.parametrize("path", [MARKED, SAMPLE_DOCX], ids=["critic", "docx"])
def test_the_properly_marked_cop15_document_raises_no_warning(path):
    doc = read_document(path).value
    assert lost_warnings(consolidate.consolidate(doc).messages) == []
    assert lost_warnings(consolidate.original(doc).messages) == []
    assert mark_findings(doc) == []


@pytest.mark.parametrize("path", sorted(DOCX_PUBLIC.glob("*.docx")), ids=lambda p: p.name)
def test_real_word_documents_raise_no_lost_mark_warning(path):
    doc = read_document(path).value
    assert marks.glued_places(doc) == []


def test_the_heuristic_in_small():
    text = ("PROPOSED AMENDMENTS TO RESOLUTION 12.3\n\nTEST TITLE\n\nThe Conference of the Parties\n\n"
            "1. Supports ecological networks and ecological connectivity;\n\n"
            "2. Encourages ecological networks {++connectivity++} and protecting{++ed++} areas;\n\n"
            "3. Encourages existing networks {++and corridors++} and protect{--ing--}{++ed++} sites.\n")
    warnings = marks.glued(doc_of(text))
    assert [(m.where, m.text.split("'")[1]) for m in warnings] == [
        ("paragraph 2, line 9", "networks connectivity"), ("paragraph 2, line 9", "protectinged")]

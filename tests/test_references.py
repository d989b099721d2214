"""Cross-references: finding them, and following the renumbering in the consolidated text.

Golden files live in tests/golden/; each was checked by hand. After a deliberate change, regenerate
them with ``REVCOP_ACCEPT_GOLDEN=1 pytest tests/test_references.py`` and read the diff before committing.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import GOLDEN, SAMPLE_DIR
from revcop import references
from revcop.cli import cli
from revcop.consolidation import consolidate
from revcop.readers import read_document
from revcop.serialize import from_data, to_data
from revcop.writers import render

DATA = Path(__file__).resolve().parent / "data"
REFERENCES = DATA / "references.critic.txt"
SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"


def assert_golden(name: str, got: str) -> None:
    path = GOLDEN / name
    if os.environ.get("REVCOP_ACCEPT_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    expected = path.read_text(encoding="utf-8") if path.exists() else ""
    if got != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(True), got.splitlines(True), f"tests/golden/{name}", "got"))
        pytest.fail(f"{name} differs from its golden file:\n{diff}\n"
                    f"If the change is right: REVCOP_ACCEPT_GOLDEN=1 pytest tests/test_references.py")


def _targets(text: str) -> list[tuple[str, bool, list[str]]]:
    return [(m.text, m.external, [" ".join(t.name for t in tg.tokens) for tg in m.targets])
            for m in references.find(text)]


# -- find -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("see paragraph 14", [("paragraph 14", False, ["14"])]),
    ("see paragraph 14 above", [("paragraph 14", False, ["14"])]),
    ("paragraphs 3 and 4", [("paragraphs 3 and 4", False, ["3", "4"])]),
    ("paragraphs 3 to 5", [("paragraphs 3 to 5", False, ["3", "5"])]),
    ("paragraphs 3–5", [("paragraphs 3–5", False, ["3", "5"])]),
    ("paragraphs 3, 4 and 7", [("paragraphs 3, 4 and 7", False, ["3", "4", "7"])]),
    ("paragraph 11 bis", [("paragraph 11 bis", False, ["11 bis"])]),
    ("paragraph 11bis.", [("paragraph 11bis", False, ["11 bis"])]),
    ("paragraph 6 (b)", [("paragraph 6 (b)", False, ["6 b"])]),
    ("paragraph 6(b)(ii)", [("paragraph 6(b)(ii)", False, ["6 b ii"])]),
    ("paragraphs 6 (a) and (b) above", [("paragraphs 6 (a) and (b)", False, ["6 a", "6 b"])]),
    ("paragraph 6 b) and c)", [("paragraph 6 b) and c)", False, ["6 b", "6 c"])]),
    ("sub-paragraph (b) of paragraph 6", [("sub-paragraph (b) of paragraph 6", False, ["6 b"])]),
    ("paragraph 6, sub-paragraph (b)", [("paragraph 6, sub-paragraph (b)", False, ["6 b"])]),
    ("subparagraph (d) above", [("subparagraph (d)", False, ["d"])]),
    ("operative paragraph 5", [("operative paragraph 5", False, ["5"])]),
    ("under para. 5", [("para. 5", False, ["5"])]),
    ("paragraph 5 of this Resolution", [("paragraph 5", False, ["5"])]),
    ("in accordance with paragraph 5, 30 per cent", [("paragraph 5", False, ["5"])]),
    ("paragraph 3 of Resolution 12.2", [("paragraph 3", True, ["3"])]),
    ("paragraph 3 of Decision 14.195", [("paragraph 3", True, ["3"])]),
    ("paragraph 5 of the Convention", [("paragraph 5", True, ["5"])]),
    ("paragraph 2 of Annex 1 to this Resolution", [("paragraph 2", True, ["2"])]),
    ("Article III, paragraph 4", [("paragraph 4", True, ["4"])]),
    ("preambular paragraph 3", [("preambular paragraph 3", True, ["3"])]),
    ("its paragraph 3", [("paragraph 3", True, ["3"])]),
    ("paragraph 4 in Resolution 11.2", [("paragraph 4", True, ["4"])]),
    ("paragraph 4 under the Plan", [("paragraph 4", True, ["4"])]),
    ("paras. 5 and 6", [("paras. 5 and 6", False, ["5", "6"])]),
    ("Decision 14.195", []),
    ("Annex 1 of UNEP/CMS/COP14/Doc.30.2.1.2", []),
    ("Article III.4", []),
    ("Target 3", []),
    ("the present paragraph", []),
    ("paragraph 3.2 of the guidelines", []),
])
def test_find(text, expected):
    assert _targets(text) == expected


def test_find_marks_relative_targets_and_ranges():
    (m,) = references.find("sub-paragraphs (a) to (c)")
    assert [t.relative for t in m.targets] == [True, True]
    assert [t.range_from_previous for t in m.targets] == [False, True]


# -- rewrite --------------------------------------------------------------------------------------


def test_rewrite_text_keeps_the_written_form():
    mapping = {"11": "11", "11 bis": "12", "12": "13", "12 a": "13 a", "12 b": "13 b"}
    text, found = references.rewrite_text("paragraphs 11bis and 12 (b) above", None, mapping)
    assert text == "paragraphs 12 and 13 (b) above"
    assert [(at, m.text, o.status) for at, m, o in found] == [(0, "paragraphs 11bis and 12 (b)", "rewritten")]


def test_rewrite_relative_subparagraph_uses_the_paragraph_it_sits_in():
    mapping = {"5": "6", "5 a": "6 a", "5 a bis": "6 b", "5 b": "6 c"}
    text, _ = references.rewrite_text("subparagraph (b) below", ("5", "a bis"), mapping)
    assert text == "subparagraph (c) below"
    text, found = references.rewrite_text("subparagraph (b) below", None, mapping)
    assert text == "subparagraph (b) below" and found[0][2].status == "ambiguous"


def test_rewrite_leaves_external_references_alone():
    mapping = {"3": "4", "4": "5"}
    text = "paragraph 3 of Resolution 12.2, Decision 14.195, Article III.4 and Target 3"
    assert references.rewrite_text(text, None, mapping) == (text, [])


def test_a_reference_naming_the_resolution_itself_is_left_and_reported():
    mapping = {"5": "6"}
    text = "paragraph 5 of Resolution 14.16 (Rev.COP13) and paragraph 5 of Resolution 14.161"
    new, found = references.rewrite_text(text, None, mapping, instrument="Resolution 14.16")
    assert new == text
    assert [(m.text, o.status) for _, m, o in found] == [("paragraph 5", "ambiguous")]
    assert "it names Resolution 14.16, the resolution being consolidated" in found[0][2].problem


def _consolidated(keep_bis: bool = False):
    return consolidate(read_document(REFERENCES).value, meeting="COP15", keep_bis=keep_bis)


def test_golden_consolidated_text():
    assert_golden("references.txt", render(_consolidated().value, "txt"))


def test_golden_consolidated_text_keep_bis():
    assert_golden("references-keep-bis.txt", render(_consolidated(keep_bis=True).value, "txt"))


def test_every_rewrite_is_listed_as_a_message_and_a_record():
    result = _consolidated()
    records = result.value.references
    rewritten = [(r.paragraph, r.old, r.new) for r in records if r.status == "rewritten"]
    assert rewritten == [
        ("1", "paragraphs 3 to 5", "paragraphs 4 to 6"),
        ("1", "paragraphs 1 to 3", "paragraphs 1 to 4"),
        ("1", "operative paragraph 2 bis", "operative paragraph 3"),
        ("2", "paragraph 4", "paragraph 5"),
        ("2", "paragraphs 3, 4 and 7", "paragraphs 4, 5 and 7"),
        ("2", "sub-paragraph (b) of paragraph 5", "sub-paragraph (c) of paragraph 6"),
        ("2", "paragraph 5 (c)", "paragraph 6 (d)"),
        ("3", "paragraph 5 (a bis)", "paragraph 6 (b)"),
        ("4", "paragraph 2 bis", "paragraph 3"),
        ("4", "paragraph 2bis", "paragraph 3"),
        ("6 b", "subparagraph (b)", "subparagraph (c)"),
        ("6 d", "sub-paragraphs (a) and (b)", "sub-paragraphs (a) and (c)"),
    ]
    infos = [m.text for m in result.messages if m.level == "info" and "cross-reference" in m.text]
    assert len(infos) == len(rewritten)
    assert "paragraph 6 (d): cross-reference 'sub-paragraphs (a) and (b)' rewritten as 'sub-paragraphs (a) and (c)'" in infos
    footnote = next(r for r in records if r.note)
    assert (footnote.paragraph, footnote.note, footnote.offset) == ("4", "1", footnote.offset)
    assert footnote.new == "paragraph 3"


def test_references_to_deleted_or_missing_paragraphs_are_warnings():
    result = _consolidated()
    by_old = {r.old: r for r in result.value.references if r.status not in ("rewritten", "unchanged")}
    assert by_old["paragraph 6"].status == "deleted"
    assert by_old["paragraph 6"].targets == (("6", ""),)
    assert by_old["paragraph 12"].status == "missing"
    assert by_old["paragraph 11bis"].status == "missing"
    warnings = [str(m) for m in result.messages if m.level == "warning" and "cross-reference" in m.text]
    assert "line 36: paragraph 7: cross-reference 'paragraph 6' (left as written): paragraph 6 is deleted " \
           "by the amendments; check it" in warnings
    assert any("'paragraphs 1 to 3': the range now also covers paragraph 3 (numbered 2 bis in the "
               "amendments), inserted by the amendments" in w for w in warnings)


def test_offsets_point_at_the_reference_in_the_consolidated_text():
    doc = _consolidated().value
    texts = {}
    for p in doc.resolution.walk():
        if p.label is not None:
            texts.setdefault(p.label.render(), p.text)
    for r in doc.references:
        if r.note or r.paragraph != "2":
            continue
        assert texts["2."][r.offset : r.offset + len(r.new)] == r.new


def test_keep_bis_rewrites_nothing_but_still_warns():
    result = _consolidated(keep_bis=True)
    assert [r for r in result.value.references if r.status == "rewritten"] == []
    assert {r.old for r in result.value.references if r.status == "deleted"} == {"paragraph 6"}


def test_json_carries_the_references_and_reads_them_back():
    doc = _consolidated().value
    data = to_data(doc)
    assert data["references"][0] == {
        "paragraph": "1", "source": "line 14", "note": "", "offset": 26, "old": "paragraphs 3 to 5",
        "new": "paragraphs 4 to 6", "status": "rewritten",
        "targets": [{"old": "3", "new": "4"}, {"old": "5", "new": "6"}], "problem": "",
    }
    assert from_data(json.loads(json.dumps(data))).references == doc.references


def test_sample_has_no_internal_reference_to_rewrite():
    # "sub-paragraph (d) above" sits in the body of the meeting document, not in the resolution.
    result = consolidate(read_document(SAMPLE).value)
    assert result.value.references == ()
    assert "sub-paragraph (d) above" in next(
        p.text for p in result.value.parts[0].walk() if "sub-paragraph (d)" in p.text)


def test_cli_consolidate_prints_rewrites_to_stderr(tmp_path):
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(cli, ["consolidate", str(REFERENCES), "--cop", "COP15", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "revcop: info: " in result.stderr
    assert "cross-reference 'paragraph 4' rewritten as 'paragraph 5'" in result.stderr
    assert out.read_text(encoding="utf-8") == (GOLDEN / "references.txt").read_text(encoding="utf-8")


def test_cli_consolidate_keep_bis(tmp_path):
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(cli, ["consolidate", str(REFERENCES), "--cop", "COP15", "--keep-bis", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "rewritten" not in result.stderr
    assert out.read_text(encoding="utf-8") == (GOLDEN / "references-keep-bis.txt").read_text(encoding="utf-8")


def test_range_that_loses_a_deleted_paragraph():
    mapping = {"1": "1", "2": "", "3": "2"}
    text, found = references.rewrite_text("paragraphs 1 to 3", None, mapping)
    assert text == "paragraphs 1 to 2"
    assert found[0][2].problem == "paragraph 2, inside the range, is deleted"


def test_golden_failure_prints_the_accept_command(tmp_path, monkeypatch):
    monkeypatch.setitem(globals(), "GOLDEN", tmp_path)
    monkeypatch.delenv("REVCOP_ACCEPT_GOLDEN", raising=False)
    (tmp_path / "x.txt").write_text("old\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_golden("x.txt", "new\n")
    assert "REVCOP_ACCEPT_GOLDEN=1 pytest tests/test_references.py" in str(failure.value)
    assert "-old\n+new" in str(failure.value)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "paragraph ", "paragraphs ", "sub-paragraph ", "para. ", "operative ", "of ", "Resolution 12.2", "this Resolution",
    "1", "2", "05", "11", "bis", " ", ",", " and ", " to ", "–", "(a)", "(b)", "(ii)", "b)", "above", ";", "Annex 1",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_identity_map_changes_no_text(text):
    """Whatever the text, a map that sends every paragraph to itself rewrites nothing."""
    mapping = {}
    for n in ("1", "2", "5", "11", "11 bis"):
        mapping[n] = n
        for letter in ("a", "b", "ii"):
            mapping[f"{n} {letter}"] = f"{n} {letter}"
    new, found = references.rewrite_text(text, ("2",), mapping)
    assert new == text
    assert all(o.status != "rewritten" for _, _, o in found)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_rewriting_changes_only_reference_tokens(text):
    """Outside the references found, the text is kept character for character."""
    mapping = {"1": "2", "2": "3", "5": "7", "11": "12", "11 bis": "13", "2 a": "3 a", "2 b": "3 c"}
    new, found = references.rewrite_text(text, ("2",), mapping)
    pieces, pos = [], 0
    for m in references.find(text):
        if not m.external:
            pieces.append(text[pos:m.start])
            pos = m.end
    pieces.append(text[pos:])
    rest, at = [], 0
    for offset, m, outcome in found:
        rest.append(new[at:offset])
        at = offset + len(outcome.new_text)
    rest.append(new[at:])
    assert rest == pieces


@pytest.mark.parametrize("text", ["as set out in Decision 15/4, paragraph 3, the Parties",
                                  "conforme à la Résolution Conf. 13.3, paragraph 3, les Parties",
                                  "under Resolution 2001-1, paragraph 3, the Commission"])
def test_paragraph_of_another_bodys_instrument_is_not_rewritten(text):
    from revcop.references import rewrite_text

    new, found = rewrite_text(text, None, {"3": "4"})
    assert new == text


# -- references in French and Spanish: not rewritten, so each is a warning where the paragraphs moved ------
# Test texts of our own (no real French or Spanish amendment document with cross-references is in the
# corpus): a bis paragraph inserted or deleted renumbers the paragraphs after it.
_FRENCH = """Résolution 14.16

LA CONFÉRENCE DES PARTIES À LA CONVENTION SUR LA CONSERVATION DES ESPÈCES MIGRATRICES APPARTENANT À LA FAUNE SAUVAGE

1. Prie les Parties de faire rapport conformément à l’Article VI, paragraphe 3 de la Convention;

{++1 bis. Invite les Parties à coopérer;++}

2. Demande au Secrétariat de donner suite au paragraphe 3 et au paragraphe 2 de la résolution 12.2;

3. Décide de réexaminer la présente résolution, conformément au paragraphe 2 de la présente résolution.
"""

_SPANISH = """Resolución 14.16

LA CONFERENCIA DE LAS PARTES EN LA CONVENCIÓN SOBRE LA CONSERVACIÓN DE LAS ESPECIES MIGRATORIAS DE ANIMALES SILVESTRES

1. Pide a las Partes que informen sobre los párrafos 2 y 3;

2. Encarga a la Secretaría que dé seguimiento al párrafo 3 bis y al apartado b) del párrafo 3;

{--2 bis. Invita a las Partes a cooperar;--}

3. Decide examinar la presente resolución, de conformidad con el párrafo 3 de la Resolución 12.2:

(a) en su próxima reunión; y

{++(a bis) en cada reunión;++}

(b) cuando sea necesario.
"""

_MAY_REFER = "may refer to a paragraph the renumbering moved; revcop rewrites cross-references written in English only: check it"


def _consolidate_text(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return consolidate(read_document(path).value)


def _may_refer(messages) -> list[str]:
    """The warnings about references not rewritten, each with where it is."""
    return [f"{m.where}: {m.text}" for m in messages if _MAY_REFER in m.text]


def test_french_references_are_left_as_written_and_each_is_a_warning(tmp_path):
    result = _consolidate_text(tmp_path, "fr.txt", _FRENCH)
    # paragraph 2 became 3 and 3 became 4; the references to the Convention and to Resolution 12.2 are external
    assert _may_refer(result.messages) == [
        f"line 9: paragraph 3: 'paragraphe 3' {_MAY_REFER}",
        f"line 11: paragraph 4: 'paragraphe 2' {_MAY_REFER}",
    ]
    text = render(result.value, "txt")
    assert "3. Demande au Secrétariat de donner suite au paragraphe 3 et au paragraphe 2 de la résolution 12.2;" in text
    assert result.value.references == ()  # nothing was read as an (English) reference, nothing rewritten


def test_spanish_references_are_warnings_but_not_those_to_other_instruments(tmp_path):
    result = _consolidate_text(tmp_path, "es.txt", _SPANISH)
    assert _may_refer(result.messages) == [
        f"line 5: paragraph 1: 'párrafos 2' {_MAY_REFER}",
        f"line 7: paragraph 2: 'párrafo 3 bis' {_MAY_REFER}",
        f"line 7: paragraph 2: 'apartado b)' {_MAY_REFER}",
        f"line 7: paragraph 2: 'párrafo 3' {_MAY_REFER}",
    ]
    assert "(c) cuando sea necesario." in render(result.value, "txt")


def test_no_warning_where_no_paragraph_was_renumbered(tmp_path):
    # the same French text with a change inside a paragraph only: every number stays
    unchanged_numbers = _FRENCH.replace("{++1 bis. Invite les Parties à coopérer;++}\n", "").replace(
        "faire rapport", "faire {++régulièrement ++}rapport")
    result = _consolidate_text(tmp_path, "fr.txt", unchanged_numbers)
    assert "régulièrement" in render(result.value, "txt")
    assert _may_refer(result.messages) == []


def test_english_references_are_rewritten_not_warned_about(tmp_path):
    english = """Resolution 14.16

THE CONFERENCE OF THE PARTIES TO THE CONVENTION ON THE CONSERVATION OF MIGRATORY SPECIES OF WILD ANIMALS

1. Requests Parties to report;

{++1 bis. Invites Parties to cooperate;++}

2. Requests the Secretariat to follow up paragraph 3;

3. Decides to review this Resolution in accordance with paragraph 2.
"""
    result = _consolidate_text(tmp_path, "en.txt", english)
    assert _may_refer(result.messages) == []
    text = render(result.value, "txt")
    assert "3. Requests the Secretariat to follow up paragraph 4;" in text
    assert "4. Decides to review this Resolution in accordance with paragraph 3." in text


@pytest.mark.corpus
def test_real_french_and_spanish_texts_raise_no_such_warning(corpus):
    """Consolidated as they stand (nothing renumbered), the real French and Spanish texts get no warning."""
    texts = sorted((corpus / "real-texts").glob("*.fr*.txt")) + sorted((corpus / "real-texts").glob("*.es*.txt"))
    assert len(texts) >= 5
    for path in texts:
        result = consolidate(read_document(path).value)
        assert _may_refer(result.messages) == [], path.name


def test_check_and_report_carry_the_french_warnings_but_not_twice_the_english_findings(tmp_path):
    """`revcop check` and the change report say what consolidation says of French references (no finding
    of theirs reports it); an English reference's consolidation message stays left out of them, its
    finding (reference-deleted, ...) saying it once."""
    from revcop import checks
    from revcop.model import Message

    path = tmp_path / "fr.txt"
    path.write_text(_FRENCH, encoding="utf-8")
    kept = checks.run(read_document(path).value).messages
    assert [m.text for m in kept if _MAY_REFER in m.text] == [
        f"paragraph 3: 'paragraphe 3' {_MAY_REFER}", f"paragraph 4: 'paragraphe 2' {_MAY_REFER}"]
    english = Message("paragraph 7: cross-reference 'paragraph 6' (left as written): paragraph 6 is deleted "
                      "by the amendments; check it", "line 36")
    assert checks.superseded(english)
    assert not checks.superseded(kept[0])
    result = CliRunner().invoke(cli, ["report", str(path), "-o", str(tmp_path / "report.md")])
    assert result.exit_code == 0, result.output
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert f"- warning (line 9): paragraph 3: 'paragraphe 3' {_MAY_REFER}" in report


def test_what_reads_as_a_french_reference_and_what_does_not():
    from revcop.labels import parse
    from revcop.model import Kind, Paragraph, Part, PartKind, Span

    text = ("Rappelle le rapport de 2019 (paragraphe 2019 n'existe pas), l'alinéa b) du paragraphe 6, "
            "les paragraphes 3 et 4, le sous-paragraphe (c) et le paragraphe 5 de l’Accord")
    part = Part(PartKind.RESOLUTION, (Paragraph(Kind.OPERATIVE, (Span(text),), parse("7.")),))
    found = [m.text.split(" may refer")[0] for m in references.unrewritten(part, {"6": "7"}, "fr")]
    assert found == ["paragraph 7: 'alinéa b)'", "paragraph 7: 'paragraphe 6'", "paragraph 7: 'paragraphes 3'",
                     "paragraph 7: 'sous-paragraphe (c)'"]
    assert references.unrewritten(part, {"6": "6"}, "fr") == []  # nothing renumbered
    assert references.unrewritten(part, {"6": "7"}, "en") == []  # English references are rewritten instead

import pytest

from revcop import consolidation as c
from revcop.errors import InvariantError
from revcop.model import Change, Kind, Span
from revcop.readers.critic import read_text
from revcop.structure import build
from revcop.writers.text import render

HEAD = "PROPOSED AMENDMENTS TO RESOLUTION 12.3\n\nTEST TITLE\n\nNB: Proposed new text is underlined. Text to be deleted is crossed out.\n\nRecalling x,\n\nThe Conference of the Parties\n\n"


def doc_of(body):
    return build(read_text(HEAD + body).value, "t.txt").value


def lines(doc, accept=True, **kw):
    result = c.consolidate(doc, meeting="COP15", **kw) if accept else c.original(doc)
    return render(result.value).strip().split("\n\n")


def test_title_legend_and_heading():
    out = lines(doc_of("1. Urges;\n"))
    assert out == ["Resolution 12.3 (Rev.COP15)", "TEST TITLE", "Recalling x,", "The Conference of the Parties", "1. Urges;"]
    assert lines(doc_of("1. Urges;\n"), accept=False)[0] == "Resolution 12.3"


def test_bis_paragraph_renumbers_everything_after_it():
    doc = doc_of("1. A;\n\n{++1 bis. New;++}\n\n2. B;\n\n3. C.\n")
    result = c.consolidate(doc, meeting="COP15")
    assert lines(doc)[-4:] == ["1. A;", "2. New;", "3. B;", "4. C."]
    assert dict(result.value.renumbering) == {"1": "1", "1 bis": "2", "2": "3", "3": "4"}
    assert lines(doc, accept=False)[-3:] == ["1. A;", "2. B;", "3. C."]


def test_keep_bis_option():
    doc = doc_of("1. A;\n\n{++1 bis. New;++}\n\n2. B.\n")
    assert lines(doc, keep_bis=True)[-3:] == ["1. A;", "1 bis. New;", "2. B."]


def test_whole_paragraph_deleted():
    doc = doc_of("1. A;\n\n{--2. Gone;--}\n\n3. C.\n")
    assert lines(doc)[-2:] == ["1. A;", "2. C."]
    assert lines(doc, accept=False)[-3:] == ["1. A;", "2. Gone;", "3. C."]
    assert ("2", "") in c.consolidate(doc, meeting="COP15").value.renumbering


def test_label_amended():
    doc = doc_of("{++1. New first;++}\n\n{--1.--}{++2.++} Old first.\n")
    assert lines(doc)[-2:] == ["1. New first;", "2. Old first."]
    assert lines(doc, accept=False)[-1:] == ["1. Old first."]


def test_paragraph_inserted_before_the_first():
    doc = doc_of("{++0 bis. Before all;++}\n\n1. A;\n\n2. B.\n")
    assert lines(doc)[-3:] == ["1. Before all;", "2. A;", "3. B."]


def test_sub_paragraph_bis():
    doc = doc_of("1. Requests:\n\n(a) one;\n\n{++(a bis) new;++}\n\n(b) two.\n")
    assert lines(doc)[-4:] == ["1. Requests:", "(a) one;", "(b) new;", "(c) two."]
    assert dict(c.consolidate(doc, meeting="COP15").value.renumbering)["1 a bis"] == "1 b"


def test_no_double_space_or_space_before_punctuation():
    doc = doc_of("1. Urges the {--big--} {++small++} Parties {--now--}, and{-- then--} others .\n")
    assert lines(doc)[-1] == "1. Urges the small Parties, and others ."
    assert lines(doc, accept=False)[-1] == "1. Urges the big Parties now, and then others ."


def test_square_brackets_are_reported():
    result = c.consolidate(doc_of("1. Urges [Parties];\n"), meeting="COP15")
    assert any("square brackets" in m.text and m.where == "1." for m in result.messages)


def test_unknown_meeting_warns_and_keeps_plain_title():
    result = c.consolidate(doc_of("1. Urges;\n"))
    assert any("meeting is not known" in m.text for m in result.messages)
    assert render(result.value).startswith("Resolution 12.3\n")


def test_cites_house_form():
    meta = doc_of("1. Urges;\n").meta
    from dataclasses import replace
    assert c.revision_title(replace(meta, convention="CITES", instrument="Resolution Conf. 10.10"), "COP19") == "Resolution Conf. 10.10 (Rev. CoP19)"


def test_views_are_checked_against_the_source():
    doc = doc_of("1. Urges;\n")
    broken = c.view(doc, accept=True).value
    part = broken.resolution
    from dataclasses import replace
    p = part.paragraphs[-1]
    tampered = replace(broken, parts=(replace(part, paragraphs=part.paragraphs[:-1] + (replace(p, spans=(Span("Urge;"),)),)),))
    with pytest.raises(InvariantError):
        from revcop.invariants import check_view
        check_view(doc, tampered, accept=True)


def test_every_paragraph_of_a_document_without_resolution():
    doc = build(read_text("Dear {--Sir--}{++Madam++},\n\nThanks.\n").value, "t.txt").value
    result = c.consolidate(doc)
    assert render(result.value) == "Dear Madam,\n\nThanks.\n"
    assert [s.change for p in result.value.walk() for s in p.spans] == [Change.UNCHANGED] * 2

"""check_view cannot be fooled: a character lost, added, moved across paragraphs or into a label is caught."""

from __future__ import annotations

from dataclasses import replace

import pytest

from revcop import consolidation as c
from revcop.errors import InvariantError
from revcop.invariants import check_tree, check_view
from revcop.model import Change, Document, Kind, Label, LabelKind, Meta, Note, Paragraph, Part, PartKind, Span

I, D, U = Change.INSERTED, Change.DELETED, Change.UNCHANGED


def doc(*paragraphs: Paragraph) -> Document:
    return Document(Meta(), (Part(PartKind.TEXT, tuple(paragraphs)),))


def para(*spans: Span, label: str | None = None, change: Change = U) -> Paragraph:
    lab = Label(LabelKind.NUMBER, int(label)) if label else None
    return Paragraph(Kind.OPERATIVE, spans, lab, lab, (Span(f"{label}.", change),) if label else ())


SOURCE = doc(
    para(Span("Urges Parties to "), Span("protect", D), Span("restore", I), Span(" habitats;"), label="1"),
    para(Span("Requests the Secretariat to report."), label="2"),
    para(Span("Invites "), Span("all ", I), Span("States.", U),
         Span("1", note=Note("1", (Span("A note "), Span("old", D), Span("new", I)))), label="3"),
)


def viewed(accept: bool) -> Document:
    return c.view(SOURCE, accept).value


def tamper(document: Document, index: int, **changes) -> Document:
    part = document.parts[0]
    paragraphs = list(part.paragraphs)
    paragraphs[index] = replace(paragraphs[index], **changes)
    return replace(document, parts=(replace(part, paragraphs=tuple(paragraphs)),))


@pytest.mark.parametrize("accept", [True, False])
def test_true_views_pass(accept):
    check_view(SOURCE, viewed(accept), accept)


def test_a_lost_word_is_caught():
    v = viewed(True)
    with pytest.raises(InvariantError, match=r"paragraph 1 \(no source\) differs .*got 'storestore;'"):
        check_view(SOURCE, tamper(v, 0, spans=(Span("Urges Parties to restore;"),)), True)


def test_a_deleted_word_in_the_consolidated_view_is_caught():
    v = viewed(True)
    with pytest.raises(InvariantError, match="differs from its source"):
        check_view(SOURCE, tamper(v, 0, spans=(Span("Urges Parties to protect restore habitats;"),)), True)


def test_a_word_moved_to_the_next_paragraph_is_caught():
    """The concatenation of the part is unchanged: only a per-paragraph comparison sees this."""
    v = viewed(True)
    v = tamper(v, 0, spans=(Span("Urges Parties to restore"),))
    v = tamper(v, 1, spans=(Span("habitats; Requests the Secretariat to report."),))
    with pytest.raises(InvariantError, match="paragraph 1 "):
        check_view(SOURCE, v, True)


def test_a_word_moved_into_the_label_is_caught():
    v = viewed(True)
    v = tamper(v, 1, label_spans=(Span("2. Requests"),), spans=(Span("the Secretariat to report."),))
    with pytest.raises(InvariantError, match="paragraph 2 "):
        check_view(SOURCE, v, True)


def test_a_changed_label_is_caught():
    v = tamper(viewed(False), 2, label_spans=(Span("4."),))
    with pytest.raises(InvariantError, match="original view .* paragraph 3 "):
        check_view(SOURCE, v, False)


def test_a_footnote_losing_text_is_caught():
    v = viewed(True)
    spans = list(v.parts[0].paragraphs[2].spans)
    spans[-1] = replace(spans[-1], note=Note("1", (Span("A note"),)))
    with pytest.raises(InvariantError, match="Anote"):
        check_view(SOURCE, tamper(v, 2, spans=tuple(spans)), True)


def test_a_dropped_or_added_paragraph_is_caught():
    v = viewed(True)
    part = v.parts[0]
    fewer = replace(v, parts=(replace(part, paragraphs=part.paragraphs[:2]),))
    with pytest.raises(InvariantError, match="has 2 paragraphs with text, its source 3"):
        check_view(SOURCE, fewer, True)
    more = replace(v, parts=(replace(part, paragraphs=part.paragraphs + (para(Span("Extra.")),)),))
    with pytest.raises(InvariantError, match="has 4 paragraphs with text, its source 3; first unmatched"):
        check_view(SOURCE, more, True)
    with pytest.raises(InvariantError, match="view has 2 parts, its source 1"):
        check_view(SOURCE, replace(v, parts=v.parts * 2), True)


def test_a_mark_left_in_a_view_is_a_tree_problem():
    v = tamper(viewed(True), 1, spans=(Span("Requests the Secretariat to report.", I),))
    assert check_tree(v, view=True) == ["2.: inserted span left in a view"]

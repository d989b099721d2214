"""The renumbering transform alone (revcop.consolidation.renumber): consecutive numbers, the map from
the amendment document's labels to the new ones, and the forms the labels are written in."""

from revcop.consolidation import list_starts, renumber
from revcop.labels import Label, LabelKind
from revcop.model import Kind, Paragraph, Part, PartKind, Span


def _p(label: Label, text: str = "Decides;", children=(), kind=Kind.OPERATIVE) -> Paragraph:
    return Paragraph(kind, (Span(text),), label=label, old_label=label, label_spans=(Span(label.render()),),
                     children=tuple(children))


def _n(value: int, suffix: int = 0, form: str = "{n}.") -> Label:
    return Label(LabelKind.NUMBER, value, suffix, form if not suffix else "{n} {x}.")


def _letter(value: int, suffix: int = 0) -> Label:
    return Label(LabelKind.LETTER, value, suffix, "({n})" if not suffix else "({n}{x})")


def _labels(part: Part) -> list[str]:
    out = []
    for p in part.paragraphs:
        out.append(p.label.render() if p.label else "-")
        out += ["  " + c.label.render() for c in p.children if c.label]
    return out


def test_bis_paragraphs_take_the_next_numbers_and_the_map_says_so():
    part = Part(PartKind.RESOLUTION, (_p(_n(11)), _p(_n(11, 1)), _p(_n(11, 2)), _p(_n(12))))
    renumbered, mapping = renumber(part)
    assert _labels(renumbered) == ["11.", "12.", "13.", "14."]
    assert mapping == [("11", "11"), ("11 bis", "12"), ("11 ter", "13"), ("12", "14")]


def test_keep_bis_keeps_the_labels_and_gives_the_identity_map():
    part = Part(PartKind.RESOLUTION, (_p(_n(1)), _p(_n(1, 1)), _p(_n(2))))
    renumbered, mapping = renumber(part, keep_bis=True)
    assert _labels(renumbered) == ["1.", "1 bis.", "2."]
    assert mapping == [("1", "1"), ("1 bis", "1 bis"), ("2", "2")]


def test_sub_paragraphs_are_a_list_of_their_own_under_the_new_number():
    subs = [_p(_letter(1), kind=Kind.SUBPARAGRAPH), _p(_letter(1, 1), kind=Kind.SUBPARAGRAPH),
            _p(_letter(2), kind=Kind.SUBPARAGRAPH)]
    part = Part(PartKind.RESOLUTION, (_p(_n(1)), _p(_n(1, 1)), _p(_n(2), children=subs)))
    renumbered, mapping = renumber(part)
    assert _labels(renumbered) == ["1.", "2.", "3.", "  (a)", "  (b)", "  (c)"]
    assert ("2 a bis", "3 b") in mapping and ("2 b", "3 c") in mapping


def test_a_list_whose_first_paragraphs_were_deleted_starts_where_it_started():
    before = Part(PartKind.RESOLUTION, (_p(_n(1)), _p(_n(2)), _p(_n(3))))
    after = Part(PartKind.RESOLUTION, (_p(_n(3)),))  # 1 and 2 deleted by the amendments
    assert list_starts(before) == {"": 1}
    renumbered, mapping = renumber(after, starts=list_starts(before))
    assert _labels(renumbered) == ["1."] and mapping == [("3", "1")]


def test_unlabelled_and_decision_paragraphs_are_left_alone():
    decision = Label(LabelKind.DECISION, 0, form="{n}", text="15.AA")
    part = Part(PartKind.RESOLUTION, (
        Paragraph(Kind.PREAMBLE, (Span("Recalling,"),)), _p(_n(4)), _p(decision, kind=Kind.DECISION), _p(_n(4, 1))))
    renumbered, mapping = renumber(part)
    assert _labels(renumbered) == ["-", "4.", "15.AA", "5."]
    assert mapping == [("4", "4"), ("4 bis", "5")]


def test_a_label_keeps_the_form_its_list_is_written_in():
    paren = "{n})"
    part = Part(PartKind.RESOLUTION, (_p(_n(1, form=paren)), _p(_n(1, 1)), _p(_n(2, form=paren))))
    renumbered, _ = renumber(part)
    assert _labels(renumbered) == ["1)", "2)", "3)"]

from revcop import blame as b
from revcop.model import Change, Document, Kind, Meta, Paragraph, Part, PartKind, Span


def doc(*texts):
    return Document(Meta(), (Part(PartKind.RESOLUTION, tuple(Paragraph(Kind.OPERATIVE, (Span(t),)) for t in texts)),))


def test_carry_keeps_old_pieces_and_gives_new_words_to_the_new_version():
    old = (b.Piece("Urges Parties ", "COP12"), b.Piece("to act", "COP13"))
    spans = (Span("Urges Parties "), Span("and invites others ", Change.INSERTED), Span("to "),
             Span("act", Change.DELETED), Span("cooperate", Change.INSERTED))
    got = b._carry(old, spans, "Urges Parties and invites others to cooperate", "COP15")
    assert got == (b.Piece("Urges Parties ", "COP12"), b.Piece("and invites others ", "COP15"),
                   b.Piece("to ", "COP13"), b.Piece("cooperate", "COP15"))


def test_carry_that_does_not_rebuild_the_text_gives_it_to_the_new_version():
    old = (b.Piece("one two", "A"),)
    assert b._carry(old, (Span("three"),), "three", "B") == (b.Piece("three", "B"),)
    assert b._locate(old, "two", "B") == (b.Piece("two", "A"),)


def test_blame_over_three_versions():
    v1, v2, v3 = doc("alpha", "beta"), doc("alpha", "beta", "gamma"), doc("alpha", "gamma", "delta")
    blamed = b.blame([("V1", v1), ("V2", v2), ("V3", v3)])
    assert [(x.paragraph.text, x.version) for x in blamed] == [("alpha", "V1"), ("gamma", "V2"), ("delta", "V3")]


def test_summary_counts_paragraphs_and_words():
    counts = b.summary(doc("alpha one", "beta", "gamma"), doc("alpha two", "beta", "gamma", "delta"))
    assert (counts["amended"], counts["inserted"], counts["unchanged"]) == (1, 1, 2)
    assert b.summary_line(counts) == "1 amended, 1 inserted (+2/-1 words)"
    assert b.summary_line({"amended": 0}) == "no change"


def test_split_paragraph_keeps_the_origin_of_each_half(monkeypatch):
    class C:  # the shape of revcop.comparison's ParagraphChange for a split
        def __init__(self, kind, old, new, spans):
            self.kind, self.old, self.new, self.spans = kind, old, new, spans

    old, new = doc("Urges Parties to act and to report"), doc("Urges Parties to act", "and to report now")
    o, (n1, n2) = old.resolution.paragraphs[0], new.resolution.paragraphs
    spans = (Span("Urges Parties to act and to report"), Span(" now", Change.INSERTED))
    monkeypatch.setattr(b, "changes", lambda a, z: [C("split", (o,), (n1, n2), spans)])
    blamed = b.blame([("A", old), ("B", new)])
    assert [x.pieces for x in blamed] == [(b.Piece("Urges Parties to act", "A"),),
                                          (b.Piece("and to report", "A"), b.Piece(" now", "B"))]
    assert [x.version for x in blamed] == ["A", "B"]


def test_a_deletion_alone_changes_the_wording():
    blamed = b.blame([("V1", doc("Urges Parties to act now", "Requests")), ("V2", doc("Urges Parties to act", "Requests"))])
    assert blamed[0].version == "V2" and blamed[0].pieces == (b.Piece("Urges Parties to act", "V1"),)
    assert blamed[0].deleted == (b.Piece("now", "V2"),)
    assert (blamed[1].version, blamed[1].deleted) == ("V1", ())

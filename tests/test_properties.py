"""Property: consolidate and original together lose no character of the input (hypothesis)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revcop import consolidation as c
from revcop.model import Change, Document, Kind, Meta, Paragraph, Part, PartKind, Span
from revcop.writers.text import render

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé,.;", min_size=1, max_size=8)
SPAN = st.builds(
    lambda words, change, space: Span(" ".join(words) + (" " if space else ""), change),
    st.lists(WORD, min_size=1, max_size=4), st.sampled_from(list(Change)), st.booleans(),
)
PARAGRAPH = st.builds(
    lambda kind, spans: Paragraph(kind, tuple(spans)),
    st.sampled_from([Kind.PREAMBLE, Kind.TEXT]), st.lists(SPAN, min_size=1, max_size=6),
)


def chars(spans, keep):
    return "".join("".join(s.text.split()) for s in spans if s.change in keep)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(PARAGRAPH, min_size=1, max_size=8))
def test_no_character_lost_between_the_views(paragraphs):
    doc = Document(Meta(), (Part(PartKind.TEXT, tuple(paragraphs)),))
    new = render(c.consolidate(doc).value)
    old = render(c.original(doc).value)
    expect_new = "".join(chars(p.spans, {Change.UNCHANGED, Change.INSERTED}) for p in paragraphs)
    expect_old = "".join(chars(p.spans, {Change.UNCHANGED, Change.DELETED}) for p in paragraphs)
    assert "".join(new.split()) == expect_new
    assert "".join(old.split()) == expect_old
    # and no doubled space or space before punctuation was created at a seam
    for text in (new, old):
        for line in text.split("\n"):
            assert "  " not in line

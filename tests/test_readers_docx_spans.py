"""The docx reader's shortcuts in making a paragraph's spans give what the general functions give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from revcop.model import Change, Note, Span, strip_spans
from revcop.readers.docx import _stripped

_NOTE = Note("1", (Span("a note"),))
_spans = st.lists(
    st.builds(Span, st.text(alphabet=" \t\n\u00a0\u2003ab", max_size=4), st.sampled_from(list(Change)),
              st.sampled_from([None, _NOTE])),
    max_size=4,
)


@settings(max_examples=500, deadline=None)
@given(_spans)
def test_stripped_is_strip_spans(spans):
    got = _stripped(list(spans))
    assert got == list(strip_spans(spans))
    # what is left begins and ends with text or a note: an empty list is a paragraph without either
    assert bool(got) == any(s.text.strip() or s.note is not None for s in got)

import pytest

from revcop.errors import InputError
from revcop.model import Change
from revcop.readers.critic import read_text, tokenize


def spans(text):
    return [(s.text, s.change) for s in tokenize(text).value]


def test_insert_delete_and_substitution():
    assert spans("a {++b++} {--c--} {~~d~>e~~}") == [
        ("a ", Change.UNCHANGED), ("b", Change.INSERTED), (" ", Change.UNCHANGED), ("c", Change.DELETED),
        (" ", Change.UNCHANGED), ("d", Change.DELETED), ("e", Change.INSERTED),
    ]


def test_in_word_change():
    assert spans("protect{--ing--}{++ed++}") == [
        ("protect", Change.UNCHANGED), ("ing", Change.DELETED), ("ed", Change.INSERTED)]


def test_comment_and_highlight_warn():
    result = tokenize("x {>>check this<<} {==kept==}")
    assert [(s.text, s.change) for s in result.value] == [("x ", Change.UNCHANGED), (" ", Change.UNCHANGED), ("kept", Change.UNCHANGED)]
    assert [m.text.split(":")[0] for m in result.messages] == ["CriticMarkup comment ignored", "CriticMarkup highlight ignored; its text is kept"]


@pytest.mark.parametrize(
    "text, where",
    [("ab\ncd {++ef", "line 2, column 4: mark {++ is never closed"),
     ("ab ++} cd", "line 1, column 4: closing mark ++} without an opening mark"),
     ("{++a {--b--} c++}", "line 1, column 6: nested mark {-- inside {++"),
     ("x\n{~~a~~}", "line 2, column 1: substitution")],
)
def test_unbalanced_and_nested_marks_name_line_and_column(text, where):
    with pytest.raises(InputError) as e:
        tokenize(text, "in.txt")
    assert where in str(e.value) and str(e.value).startswith("in.txt: ")


def test_bom_crlf_blank_lines_and_artefacts():
    text = "\ufeffFirst line\r\n\r\n[bookmark: _Hlk1]1.\tSecond {++new++}  \r\n   \r\n"
    blocks = read_text(text).value
    assert [b.text for b in blocks] == ["First line", "1.\tSecond new"]
    assert blocks[1].source == "line 3"


def test_multi_line_insertion_marks_every_line():
    blocks = read_text("{++one\n\ntwo++}\nthree").value
    assert [(b.text, {s.change for s in b.spans}) for b in blocks] == [
        ("one", {Change.INSERTED}), ("two", {Change.INSERTED}), ("three", {Change.UNCHANGED})]


def test_footnote_reference_becomes_a_note():
    block = read_text("Activities[footnoteRef:2] [2:  Implementation of a) is considered.] \n").value[0]
    assert block.text == "Activities"
    note = block.spans[1].note
    assert note.marker == "2" and note.text == "Implementation of a) is considered."


def test_markdown_footnotes_written_by_the_text_writer_read_back():
    from revcop.readers.critic import read_text

    blocks = read_text("Recalling 10.3[^1] and {++12.20[^2]++},\n\n[^1]: Now 12.20\n\n[^2]: {++New note++}\n\n[^9]: orphan\n").value
    assert [b.text for b in blocks] == ["Recalling 10.3 and 12.20,", "[^9]: orphan"]
    refs = [s for s in blocks[0].spans if s.note is not None]
    assert [(s.text, s.change.value, s.note.text) for s in refs] == [("1", "unchanged", "Now 12.20"),
                                                                      ("2", "inserted", "New note")]
    assert read_text("see [^3] here\n").value[0].text == "see [^3] here"


def test_markdown_escapes_and_headings_are_read_as_the_text_they_stand_for():
    md = ("# ECOLOGICAL {++CONNECTIVITY++}\n\n12\\. Urges \\[Parties\\] to act\\_now[^1], not \\[^2\\]\n\n"
          "[^1]: See \\*Annex\\*.\n")
    blocks = read_text(md, "x.md", markdown=True).value
    assert ["".join(s.text for s in b.spans) for b in blocks] == [
        "ECOLOGICAL CONNECTIVITY", "12. Urges [Parties] to act_now1, not [^2]"]
    assert [s.change for s in blocks[0].spans] == [Change.UNCHANGED, Change.INSERTED]
    note = next(s.note for s in blocks[1].spans if s.note is not None)
    assert "".join(s.text for s in note.spans) == "See *Annex*."
    # the same text read as plain text keeps every character
    plain = read_text(md, "x.txt").value
    assert "".join(s.text for s in plain[1].spans).startswith("12\\. Urges \\[Parties\\]")

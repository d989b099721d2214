"""cli/common.py: how outputs are written."""

import os

from revcop.cli.common import write_output


def test_outputs_get_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_output("text", str(tmp_path / "o.txt"))
    finally:
        os.umask(old)
    assert (tmp_path / "o.txt").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "o.txt").read_text() == "text"
    assert [p.name for p in tmp_path.iterdir()] == ["o.txt"]  # no temporary file left


# -- one place for escaping, formats and folders ---------------------------------------------------------

import click  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from revcop.cli import printable  # noqa: E402
from revcop.cli.common import default_output, output_format  # noqa: E402


def test_printable_escapes_what_a_terminal_would_obey():
    assert printable("esc\x1b]0;PWNED\x07.docx") == "esc\\x1b]0;PWNED\\x07.docx"
    assert printable("two\nlines\r.txt") == "two\\nlines\\r.txt"
    assert printable("csi\x9b2J \u202eexe.txt") == "csi\\x9b2J \\u202eexe.txt"
    assert printable("bytes \udcff.txt") == "bytes \\xff.txt"  # a non-UTF-8 name, as Python decodes it
    assert printable("café\t1. Urges") == "café\t1. Urges"  # ordinary text and tabs are left alone


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_printable_text_is_returned_as_it_is_and_any_other_escaped_by_the_pattern(text):
    from revcop.cli import _UNPRINTABLE, _escape

    assert printable(text) == _UNPRINTABLE.sub(_escape, text)


def test_output_format_follows_the_extension_or_refuses():
    allowed = ("txt", "md", "json", "docx", "html", "akn")
    assert output_format("x.akn", None, "txt", allowed) == "akn"
    assert output_format("x.xml", "xml", "txt", allowed) == "akn"
    assert output_format("x.DOCX", None, "txt", allowed) == "docx"
    assert output_format("out/", None, "txt", allowed) == "txt"  # a folder: the default name and format
    assert output_format("x.out", "md", "txt", allowed) == "md"  # an extension that names no format
    with pytest.raises(click.UsageError, match="x.txt is named as txt, but --format is md"):
        output_format("x.txt", "md", "txt", allowed)
    with pytest.raises(click.UsageError, match="this command does not write html"):
        output_format("b.html", None, "txt", ("txt", "json"))
    with pytest.raises(click.UsageError, match="cannot tell the format from 'x.weird'"):
        output_format("x.weird", None, "txt", allowed)


def test_default_output_in_a_folder_named_with_a_slash(tmp_path):
    assert default_output("in/a.critic.txt", "Rev.COP15", "txt") == "output/a-Rev.COP15.txt"
    assert default_output("a.txt", "report", "html", "reports/") == "reports/a-report.html"
    assert default_output("a.txt", "x", "akn", "named.xml") == "named.xml"


def test_fifo_reader_present_is_written(tmp_path):
    import threading

    fifo = tmp_path / "p"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_output("through the pipe", str(fifo), quiet=True)
    reader.join(10)
    assert got == [b"through the pipe"]

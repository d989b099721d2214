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

"""Where revcop's shipped files are: the output templates and the data tables.

Installed from a wheel, the top-level ``templates/`` folder of the repository is the package
``revcop.templates`` (see pyproject.toml); run from a source checkout (``pythonpath=src``) it is found
beside ``src/``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_SOURCE_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def templates_dir() -> Path:
    """The folder of the shipped templates (``docx/``, ``html/``)."""
    # revcop.templates holds data only (no __init__.py): look it up through the regular package.
    path = Path(str(resources.files("revcop") / "templates"))
    return path if path.is_dir() else _SOURCE_TEMPLATES


def data_file(name: str) -> Path:
    """A file of ``revcop/data`` (``meetings.toml``)."""
    return Path(str(resources.files("revcop.data") / name))

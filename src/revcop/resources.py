"""Where revcop's shipped templates are (the body profiles are beside :mod:`revcop.conventions`).

Installed from a wheel, the top-level ``templates/`` folder of the repository is the package
``revcop.templates`` (see pyproject.toml); run from a source checkout (``pythonpath=src``) it is found
beside ``src/``.
"""

from __future__ import annotations

from pathlib import Path

_SOURCE_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def templates_dir() -> Path:
    """The folder of the shipped templates (``docx/``, ``html/``)."""
    # Beside this module when installed, beside src/ in a checkout; importlib.resources (and the
    # ~8 ms its import costs) only for anything else.
    for path in (Path(__file__).parent / "templates", _SOURCE_TEMPLATES):
        if path.is_dir():
            return path
    from importlib import resources

    # revcop.templates holds data only (no __init__.py): look it up through the regular package.
    return Path(str(resources.files("revcop") / "templates"))


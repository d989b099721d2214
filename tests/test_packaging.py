"""The wheel carries every package, the templates and the data tables."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # builds a wheel (pytest -m "not slow" leaves it out)


def _listed() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def test_package_list_is_complete():
    src = ROOT / "src"
    packages = {".".join(p.parent.relative_to(src).parts) for p in src.rglob("__init__.py")}
    templates = {"revcop.templates"} | {
        "revcop.templates." + ".".join(d.relative_to(ROOT / "templates").parts)
        for d in (ROOT / "templates").rglob("*") if d.is_dir() and d.name != "__pycache__"}
    assert packages | templates == _listed()


def test_wheel_holds_templates_and_data(tmp_path):
    # Build from a copy: setuptools leaves build/ behind, and a stale build/ could hide a missing file.
    tree = tmp_path / "tree"
    for name in ("src", "templates"):
        shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tree / name)
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", str(tree), "--no-deps", "-q", "-w", str(tmp_path)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    wheel = next(tmp_path.glob("revcop-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("revcop/templates/docx/styles.xml", "revcop/templates/html/document.html.j2",
                 "revcop/templates/html/style.css", "revcop/conventions/cms.toml", "revcop/writers/docx.py", "revcop/py.typed",
                 "revcop/templates/report/report.html.j2", "revcop/templates/report/report.md.j2",
                 "revcop/writers/html.py", "revcop/meetings.py"):
        assert name in names

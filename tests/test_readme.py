"""The README's first lines give the two commands; .ci/run runs exactly the test command."""

from tests.conftest import ROOT


def readme_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("```sh")
    return lines[start + 1], lines[start + 2]


def test_readme_starts_with_the_two_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# revcop" and lines[2] == "```sh"
    main, tests = readme_commands()
    assert "revcop consolidate resolutions/" in main and "pytest" in tests


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_commands()[1] in ci


def test_readme_sample_exists():
    main = readme_commands()[0]
    path = next(w for w in main.split() if w.startswith("resolutions/"))
    assert (ROOT / path).is_file()

"""The house's shape (docs/architecture.md): no two modules import each other, directly or through
others (function-level imports included), and the command line reaches the stages only through the
hall (revcop.pipeline) and the writers."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

#: What the command line and the desk may import of revcop: the hall, the writers, their own helpers,
#: and the shared vocabulary (errors, the model's value types, the atomic write, where the templates are,
#: patterns compiled on first use, dataclasses, what is kept beside the bytecode).
FRONT_ENDS = ("revcop.cli", "revcop.desk")
ALLOWED = ("revcop.pipeline", "revcop.writers", "revcop.cli", "revcop.desk", "revcop.errors", "revcop.model", "revcop.files",
           "revcop.resources", "revcop.patterns", "revcop.records", "revcop.kept")


def _modules() -> dict[str, Path]:
    out = {}
    for path in (SRC / "revcop").rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every revcop module ``path`` imports, at any level: ``from revcop import x`` is revcop.x."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules else node.module
                     for a in node.names]
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name.startswith("revcop"):
                found.add(name)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    # a module importing its own package (or the root's version) is how Python packages work
    return {m: {n for n in _imports(p, modules) if n != m and not m.startswith(n + ".") and n != "revcop"}
            for m, p in modules.items()}


def test_no_import_cycle():
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert cycles == []


def test_the_command_line_and_the_desk_reach_the_stages_through_the_hall():
    graph = _graph()
    wrong = {m: sorted(n for n in deps if not n.startswith(ALLOWED))
             for m, deps in graph.items() if m.startswith(FRONT_ENDS)}
    assert {m: deps for m, deps in wrong.items() if deps} == {}


def test_the_versions_store_imports_no_stage():
    graph = _graph()
    stages = ("revcop.readers", "revcop.structure", "revcop.writers", "revcop.comparison", "revcop.consolidation",
              "revcop.versions", "revcop.pipeline")
    below = {m: sorted(n for n in deps if n.startswith(stages)) for m, deps in graph.items()
             if m == "revcop.library" or m.startswith("revcop.library.")}
    assert {m: deps for m, deps in below.items() if deps} == {}

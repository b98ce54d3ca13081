"""eckb/ is laid out in the order the data flows: load -> link -> views -> render -> write, with the
one orchestrator (pipeline.py) on top. A module may use what an earlier step made, never a later
step, and no modules import each other in a circle, so each folder can be read without the ones after it."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

STEPS = ["load", "link", "views", "render", "write"]
"""The step folders in eckb/, in the order the data passes through them."""
PACKAGE = ROOT / "eckb"


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def step_of(module: str) -> int:
    """The step a module belongs to; modules at the top of eckb/ (the orchestrator) come after every step."""
    parts = module.split(".")
    return STEPS.index(parts[1]) if len(parts) > 2 and parts[1] in STEPS else len(STEPS)


def imported_modules(path: Path, root: Path, known: set[str]) -> list[tuple[int, str]]:
    """The eckb modules a file imports (anywhere in it, functions included), with the line."""
    found = []
    name = module_name(path, root)
    package = name.rpartition(".")[0] if path.name != "__init__.py" else name
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "eckb"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            if module.split(".")[0] != "eckb":
                continue
            for alias in node.names:  # `from eckb.render import markdown` imports the module eckb.render.markdown
                found.append((node.lineno, f"{module}.{alias.name}" if f"{module}.{alias.name}" in known else module))
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, list[tuple[int, str]]]:
    files = sorted(package.rglob("*.py"))
    known = {module_name(path, package.parent) for path in files}
    return {module_name(path, package.parent): [(line, name) for line, name in imported_modules(path, package.parent, known)
                                                if name in known]
            for path in files}


def upward_imports(graph: dict[str, list[tuple[int, str]]]) -> list[str]:
    return [f"{module} line {line} imports {imported}, a later step"
            for module, imports in graph.items() for line, imported in imports if step_of(imported) > step_of(module)]


def import_cycles(graph: dict[str, list[tuple[int, str]]]) -> list[list[str]]:
    """Every circle of imports, each found once (depth-first search)."""
    cycles: list[list[str]] = []
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = "open"
        stack.append(module)
        for _line, imported in graph.get(module, []):
            if state.get(imported) == "open":
                cycles.append(stack[stack.index(imported):] + [imported])
            elif imported not in state:
                visit(imported)
        stack.pop()
        state[module] = "done"

    for module in graph:
        if module not in state:
            visit(module)
    return cycles


def test_every_step_folder_exists_and_holds_modules():
    for step in STEPS:
        assert list((PACKAGE / step).glob("*.py")), f"eckb/{step}/ has no modules"


def test_no_module_imports_from_a_later_step():
    assert upward_imports(import_graph()) == []


def test_no_modules_import_each_other_in_a_circle():
    assert import_cycles(import_graph()) == []


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / "eckb" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path / "eckb"


@pytest.mark.parametrize("files, upward, circles", [
    ({"load/load.py": "from eckb.render.render import page_renderer\n", "render/render.py": ""}, 1, 0),
    ({"views/a.py": "def f():\n    from eckb.write.write import write_files\n", "write/write.py": ""}, 1, 0),
    ({"views/a.py": "from eckb.views.b import x\n", "views/b.py": "from eckb.views.a import y\n"}, 0, 1),
    ({"render/render.py": "from eckb.render import markdown\nfrom eckb.link.urls import address\n",
      "render/markdown.py": "", "link/urls.py": "", "pipeline.py": "from eckb.write.write import w\n", "write/write.py": ""}, 0, 0),
], ids=["an upward import", "an upward import inside a function", "a circle", "imports that follow the steps"])
def test_the_checks_catch_upward_imports_and_circles(tmp_path, files, upward, circles):
    package = _package(tmp_path, files)
    graph = import_graph(package)
    assert (len(upward_imports(graph)), len(import_cycles(graph))) == (upward, circles)

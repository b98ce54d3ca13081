"""The generator and scripts use other packages (MkDocs, Material, Jinja, PyYAML, ...) only through
their public names: no private (underscore) name imported or reached for, no private method
overridden, nothing of theirs reassigned. A private name can vanish in any release and take the
build with it. Read by `ast`, so it holds for every line, not just the lines a test runs."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

SCANNED = [ROOT / "eckb", ROOT / "scripts"]
OWN_PACKAGES = {"eckb"} | {path.stem for path in (ROOT / "scripts").glob("*.py")}
"""Top-level names of our own code; everything else imported is another package's."""


def is_private(name: str) -> bool:
    """`_name` is private; `__name__`, `__file__` and the like are the language's own."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def own_definitions(trees: list[ast.AST]) -> set[str]:
    """Every private name our own code defines: its functions, classes, attributes, variables."""
    names: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and _root_name(node) in ("self", "cls"):
                names.add(node.attr)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
    return {name for name in names if is_private(name)}


def own_attributes(trees: list[ast.AST]) -> set[str]:
    """Every attribute our own classes declare (fields, methods, class variables, `self.x = ...`)."""
    names: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for statement in node.body:
                    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        names.add(statement.name)
                    elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                        names.add(statement.target.id)
                    elif isinstance(statement, ast.Assign):
                        names.update(target.id for target in statement.targets if isinstance(target, ast.Name))
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and _root_name(node) in ("self", "cls"):
                names.add(node.attr)
    return names


def _root_name(node: ast.AST) -> str | None:
    """The name an attribute chain starts from: `a` in `a.b.c`."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _is_behaviour(value: ast.AST | None, functions: set[str]) -> bool:
    """A function put in place of another: a lambda, or one of the functions this file defines."""
    return isinstance(value, ast.Lambda) or (isinstance(value, ast.Name) and value.id in functions)


def _is_own(module: str | None, level: int = 0) -> bool:
    return level > 0 or (module or "").split(".")[0] in OWN_PACKAGES


def violations(source: str, filename: str = "<code>", own_private: set[str] | None = None,
               own_attrs: set[str] | None = None) -> list[str]:
    """Each use of another package's private name, or assignment into another package, as 'file:line: what'."""
    tree = ast.parse(source, filename)
    own_private = own_definitions([tree]) if own_private is None else own_private
    own_attrs = own_attributes([tree]) if own_attrs is None else own_attrs
    foreign: set[str] = set()  # names bound to another package's module or object
    own: set[str] = set()  # names bound to one of our own modules or what it defines
    found: list[str] = []

    def report(node: ast.AST, message: str) -> None:
        found.append(f"{filename}:{node.lineno}: {message}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not _is_own(alias.name):
                    foreign.add(alias.asname or alias.name.split(".")[0])
                    if any(is_private(part) for part in alias.name.split(".")):
                        report(node, f"imports the private module {alias.name}")
        elif isinstance(node, ast.ImportFrom) and _is_own(node.module, node.level):
            own.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if any(is_private(part) for part in (node.module or "").split(".")):
                report(node, f"imports from the private module {node.module}")
            for alias in node.names:
                foreign.add(alias.asname or alias.name)
                if is_private(alias.name):
                    report(node, f"imports the private name {alias.name} from {node.module}")

    functions = {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    foreign_classes = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            bases = [_root_name(base) for base in node.bases]
            if any(base in foreign for base in bases):
                foreign_classes[node.name] = node

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            root = _root_name(node)
            if root in foreign:
                report(node, f"reaches the private name {node.attr} of {root}")
            elif root not in own and node.attr not in own_private:
                report(node, f"reaches the private name {node.attr}, which is not ours")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "setattr", "hasattr", "delattr"):
            target = node.args[0] if node.args else None
            name = node.args[1] if len(node.args) > 1 else None
            if isinstance(name, ast.Constant) and isinstance(name.value, str) and is_private(name.value) and name.value not in own_private:
                report(node, f"{node.func.id} of the private name {name.value}")
            if node.func.id in ("setattr", "delattr") and target is not None and _root_name(target) in foreign:
                report(node, f"{node.func.id} on {_root_name(target)}, which belongs to another package")
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                for part in ast.walk(target):
                    if not isinstance(part, ast.Attribute) or not isinstance(part.ctx, (ast.Store, ast.Del)):
                        continue
                    if _root_name(part) in foreign:
                        report(node, f"assigns to {ast.unparse(part)}, which belongs to another package")
                    elif (_root_name(part) not in ("self", "cls") and part.attr not in own_attrs
                          and _is_behaviour(getattr(node, "value", None), functions)):
                        report(node, f"replaces {ast.unparse(part)} of an object none of our classes declares it on")
    for name, node in foreign_classes.items():
        for statement in node.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and is_private(statement.name):
                report(statement, f"{name} overrides the private method {statement.name} of another package's class")
    return found


def scanned_files() -> list[Path]:
    return sorted(path for folder in SCANNED for path in folder.rglob("*.py"))


def test_the_generator_and_scripts_use_only_public_names_of_other_packages():
    files = scanned_files()
    assert len(files) > 10
    trees = {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in files}
    own_private = own_definitions(list(trees.values()))
    own_attrs = own_attributes(list(trees.values()))
    found = [problem for path in files
             for problem in violations(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), own_private, own_attrs)]
    assert found == []


@pytest.mark.parametrize("code", [
    "from mkdocs.commands.build import _build_page",
    "import mkdocs.commands.build as build\nbuild._populate_page(1)",
    "from mkdocs.structure.pages import Page\nPage.render = lambda self: None",
    "import yaml\nyaml.SafeLoader.yaml_implicit_resolvers = {}",
    "import mkdocs.commands.build\nsetattr(mkdocs.commands.build, 'build', None)",
    "from jinja2.compiler import CodeGenerator\n"
    "class Faster(CodeGenerator):\n    def _output_child_pre(self, node, frame, finalize):\n        pass",
    "import yaml\nloader = yaml.SafeLoader('')\nloader.constructed_objects.clear()\nloader._scalar_cache = None",
    "from yaml import _yaml",
    "import gc\ngc.freeze()\nimport os\nos._exit(0)",
    "def install(env):\n    template = env.get_template('nav.html')\n    template.root_render_func = lambda context: iter(())",
], ids=["imports a private function", "calls a private function", "patches a class", "patches a resolver table",
        "setattr on a module", "overrides a private method", "touches a private attribute of an object",
        "imports a private module", "calls a private function of the standard library",
        "replaces a method of an object another package made"])
def test_each_way_of_reaching_into_another_package_is_caught(code):
    assert violations(code) != []


@pytest.mark.parametrize("code", [
    "from mkdocs.structure.files import File\nfile = File.generated(None, 'a.md', content=b'')\nprint(__file__, __name__)",
    "import yaml\nnode = yaml.compose('a: 1')\nprint(node.start_mark.line)",
    "class Ours:\n    def __init__(self):\n        self._lines = {}\n    def lines(self):\n        return self._lines",
    "class Base:\n    position: dict\nbase = Base()\nbase.position = {}",
    "import zipfile\ninfo = zipfile.ZipInfo('a')\ninfo.external_attr = 0o644 << 16",
    "from . import _helper\n_helper._private_of_ours()",
    "def on_config(config):\n    config['copyright'] = 'x'\n    return config",
], ids=["public names and dunders", "public PyYAML", "our own private attribute", "our own class's field", "a documented attribute of another package's object", "our own private module",
        "documented config change in a hook"])
def test_public_names_and_our_own_private_names_pass(code):
    assert violations(code) == []

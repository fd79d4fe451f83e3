"""The privacy guard: no module of selfcheck uses another selfcheck module's private (`_name`) names.

A leading underscore says "only this module relies on it": it may be renamed or changed without looking for
callers. A module that needs such a name from another asks for it to be made public (named without the
underscore and documented), so the promise is kept where it is made.

Every .py under selfcheck/ is parsed with `ast`. A violation is
    from selfcheck.x import _name              (relative imports resolved: `from .x import _name` too)
    x._name   selfcheck.x._name   m._name      where x, selfcheck, m name a selfcheck module through an import,
                                               an `import ... as`, or `m = importlib.import_module("selfcheck.x")`
    obj._name                                  where `_name` is defined by another selfcheck module (a method, a
                                               class or instance attribute) and not by this one: `store._audit()`
Dunder names (`__version__`, `__all__`) and `__future__` are not private; `self._x`, `cls._x` and `super()._x` are
the object's own. The checker is also run over a synthetic tree to prove it can fail.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.test_layers import module_of, python_files

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "selfcheck"

# The store is one class written in one module per concern (storage/base.py, inspections.py, ledger.py, ...): its
# parts use the private helpers of the parts below them (`self._audit`, `self._changed`) as any class uses its own.
# Outside storage, tests/storage/test_one_writer.py forbids reaching into the store at all.
EXEMPT = ("selfcheck/storage/",)

# (file, "module._name") pairs still allowed. TODO: each one is a private name to make public; keep this empty.
ALLOWED: frozenset[tuple[str, str]] = frozenset()


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _resolve(current: str, is_init: bool, level: int, module: str | None) -> str:
    package = current.split(".") if is_init else current.split(".")[:-1]
    base = package[: max(len(package) - (level - 1), 0)]
    return ".".join(base + ([module] if module else []))


def _ours(module: str) -> bool:
    return module == PACKAGE or module.startswith(PACKAGE + ".")


def _is_module(root: Path, dotted: str) -> bool:
    """Whether a dotted name is a module or package of the tree (an imported class or function is not)."""
    path = root.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _bind(names: dict[str, str], root: Path, node: ast.AST, current: str, is_init: bool) -> list[tuple[int, str]]:
    """Record what module a name stands for after one import; return the private names it imports directly."""
    found: list[tuple[int, str]] = []
    if isinstance(node, ast.Import):
        for alias in node.names:
            if not _ours(alias.name):
                continue
            if alias.asname:
                names[alias.asname] = alias.name
            else:
                names[alias.name.split(".")[0]] = alias.name.split(".")[0]
    elif isinstance(node, ast.ImportFrom):
        base = _resolve(current, is_init, node.level, node.module) if node.level else (node.module or "")
        if not _ours(base):
            return found
        for alias in node.names:
            if is_private(alias.name):
                if base != current:
                    found.append((node.lineno, f"{base}.{alias.name}"))
            elif _is_module(root, f"{base}.{alias.name}"):
                names[alias.asname or alias.name] = f"{base}.{alias.name}"
    elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and node.value.args:
        func, first = node.value.func, node.value.args[0]
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        if name == "import_module" and isinstance(first, ast.Constant) and isinstance(first.value, str) and _ours(first.value):
            names.update({t.id: first.value for t in node.targets if isinstance(t, ast.Name)})
    return found


def _chain(node: ast.Attribute) -> tuple[str, list[str]] | None:
    """`a.b.c` as ("a", ["b", "c"]); None when the chain does not start at a plain name."""
    attrs: list[str] = []
    value: ast.expr = node
    while isinstance(value, ast.Attribute):
        attrs.append(value.attr)
        value = value.value
    return (value.id, attrs[::-1]) if isinstance(value, ast.Name) else None


def private_definitions(root: Path) -> dict[str, set[str]]:
    """Private name → the selfcheck modules defining it: at the top level, in a class body (a method, a class
    attribute) or as `self._name = ...` in a method (an instance attribute)."""
    defined: dict[str, set[str]] = {}
    for path in python_files(root):
        module, _is_init = module_of(path.relative_to(root))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            names: list[str] = []
            if isinstance(node, ast.Module | ast.ClassDef):
                for stmt in node.body:
                    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                        names.append(stmt.name)
                    elif isinstance(stmt, ast.Assign | ast.AnnAssign):
                        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                        names += [t.id for t in targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and _is_self(node.value):
                names.append(node.attr)
            for name in names:
                if is_private(name):
                    defined.setdefault(name, set()).add(module)
    return defined


def _is_self(value: ast.expr) -> bool:
    """`self`, `cls` or `super()`: the object's own attributes."""
    if isinstance(value, ast.Name):
        return value.id in ("self", "cls")
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "super"


def private_uses(path: Path, root: Path, defined: dict[str, set[str]]) -> list[tuple[str, int, str]]:
    """(file, line, "module._name") for each use of another selfcheck module's private name.

    Two ways in: a name of a module (`from selfcheck.x import _name`, `x._name`), told exactly; and a private
    attribute of an object (`store._audit(...)`), told by the name: `obj._name` where `_name` is defined by
    another selfcheck module and not by this one (a static walk does not know what `obj` is, so a name this
    module defines too counts as its own)."""
    rel = path.relative_to(root)
    file = rel.as_posix()
    current, is_init = module_of(rel)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: dict[str, str] = {}  # a name in this file → the selfcheck module it stands for
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        found += _bind(names, root, node, current, is_init)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        chain = _chain(node)
        if chain is not None and chain[0] in names:
            module = names[chain[0]]
            for attr in chain[1]:
                if is_private(attr):
                    if module != current:
                        found.append((node.lineno, f"{module}.{attr}"))
                    break
                if not _is_module(root, f"{module}.{attr}"):
                    break  # an attribute of a class or function: not a module's name
                module = f"{module}.{attr}"
        elif is_private(node.attr) and not _is_self(node.value):
            owners = defined.get(node.attr, set())
            if owners and current not in owners:
                found.append((node.lineno, " | ".join(f"{m}.{node.attr}" for m in sorted(owners))))
    return [(file, line, name) for line, name in found]


def violations(root: Path) -> list[str]:
    out: set[str] = set()  # `a._b.c` is met as `a._b.c` and as `a._b`: one finding
    defined = private_definitions(root)
    for path in python_files(root):
        for file, line, name in private_uses(path, root, defined):
            if not file.startswith(EXEMPT) and (file, name) not in ALLOWED:
                out.add(f"{file}:{line}: uses {name}")
    return sorted(out)


# ---- the real tree --------------------------------------------------------------------------------


def test_no_module_uses_another_modules_private_names() -> None:
    assert violations(ROOT) == []


def test_the_allowed_list_holds_only_what_is_still_used() -> None:
    """An entry no longer needed is removed, so the list shrinks to nothing instead of hiding new uses."""
    defined = private_definitions(ROOT)
    used = {(file, name) for path in python_files(ROOT) for file, _line, name in private_uses(path, ROOT, defined)}
    assert used >= ALLOWED


# ---- the checker can fail -------------------------------------------------------------------------

SYNTHETIC_BAD = [
    ("selfcheck/exchange/bad.py", "from selfcheck.core.template_file import _rules\n", "selfcheck.core.template_file._rules"),
    (
        "selfcheck/exchange/bad.py",
        "from selfcheck.core.template_file import kind, _rules as r\n",
        "selfcheck.core.template_file._rules",
    ),
    ("selfcheck/exchange/bad.py", "from ..core.template_file import _rules\n", "selfcheck.core.template_file._rules"),
    ("selfcheck/exchange/bad.py", "from .other import _helper\n", "selfcheck.exchange.other._helper"),
    ("selfcheck/exchange/sub/__init__.py", "from .part import _helper\n", "selfcheck.exchange.sub.part._helper"),
    (
        "selfcheck/exchange/bad.py",
        "from selfcheck.core import template_file\ntemplate_file._rules(t)\n",
        "selfcheck.core.template_file._rules",
    ),
    (
        "selfcheck/exchange/bad.py",
        "import selfcheck.core.template_file as tf\nx = tf._rules\n",
        "selfcheck.core.template_file._rules",
    ),
    (
        "selfcheck/exchange/bad.py",
        "import selfcheck.core.template_file\nselfcheck.core.template_file._rules(t)\n",
        "selfcheck.core.template_file._rules",
    ),
    (
        "selfcheck/exchange/bad.py",
        "def f():\n    from selfcheck.core import template_file as t\n    return t._KIND\n",
        "selfcheck.core.template_file._KIND",
    ),
    (
        "selfcheck/exchange/bad.py",
        "import importlib\nm = importlib.import_module('selfcheck.core.template_file')\nm._rules(t)\n",
        "selfcheck.core.template_file._rules",
    ),
    ("selfcheck/exchange/bad.py", "def f(store):\n    store._audit('x')\n", "selfcheck.core.records._audit"),
    ("selfcheck/exchange/bad.py", "def f(t):\n    return t._cache\n", "selfcheck.core.records._cache"),
]

SYNTHETIC_OK = [
    ("selfcheck/exchange/ok.py", "from __future__ import annotations\nfrom selfcheck.core.template_file import kind\n"),
    ("selfcheck/exchange/ok.py", "from selfcheck.core import template_file\nprint(template_file.__name__, template_file.kind)\n"),
    ("selfcheck/exchange/ok.py", "from selfcheck.core.template_file import Template\nTemplate._private_attr\n"),  # a class
    ("selfcheck/exchange/ok.py", "import os\nos._exit(0)\nfrom json import _default_decoder\n"),  # not ours
    ("selfcheck/exchange/ok.py", "_mine = 1\nprint(_mine)\nself_like = object()\nself_like._x\n"),
    ("selfcheck/core/template_file.py", "from selfcheck.core.template_file import _rules\n"),  # its own name
    ("selfcheck/core/records.py", "class Store:\n    def _audit(self): ...\n    def f(self, other):\n        other._audit()\n"),
    ("selfcheck/exchange/ok.py", "class A:\n    def f(self):\n        self._audit()\n        super()._cache\n"),
    ("selfcheck/exchange/ok.py", "def f(x):\n    return x._unknown_to_selfcheck\n"),  # not a selfcheck name
]


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "tree"
    for rel, source in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        for folder in [target.parent, *target.parent.parents]:
            if folder == root:
                break
            (folder / "__init__.py").touch()
        target.write_text(source, encoding="utf-8")
    return root


# the modules the synthetic sources import, so that "is it a module?" has real answers
_MODULES = {
    "selfcheck/core/template_file.py": "class Template: ...\n",
    "selfcheck/core/records.py": "class Store:\n    def _audit(self): ...\n    def __init__(self):\n        self._cache = {}\n",
    "selfcheck/exchange/other.py": "",
}


@pytest.mark.parametrize(("rel", "source", "name"), SYNTHETIC_BAD, ids=[f"{r}:{n}" for r, _, n in SYNTHETIC_BAD])
def test_the_checker_reports_a_violation(tmp_path: Path, rel: str, source: str, name: str) -> None:
    root = _tree(tmp_path, {**_MODULES, "selfcheck/exchange/sub/part.py": "", rel: source})
    found = violations(root)
    assert any(v.startswith(f"{rel}:") and v.endswith(f" uses {name}") for v in found), found


@pytest.mark.parametrize(("rel", "source"), SYNTHETIC_OK, ids=[f"{r}:{n}" for n, (r, _) in enumerate(SYNTHETIC_OK)])
def test_the_checker_allows_what_is_allowed(tmp_path: Path, rel: str, source: str) -> None:
    assert violations(_tree(tmp_path, {**_MODULES, rel: source})) == []


def test_the_checker_reports_the_line(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            **_MODULES,
            "selfcheck/exchange/bad.py": '"""doc"""\n\nimport json\n\n\ndef f():\n    from selfcheck.exchange.other import _x\n',
        },
    )
    assert violations(root) == ["selfcheck/exchange/bad.py:7: uses selfcheck.exchange.other._x"]


def test_the_exemptions_are_skipped(tmp_path: Path) -> None:
    source = "from selfcheck.exchange.other import _x\n"
    root = _tree(tmp_path, {**_MODULES, "selfcheck/storage/evidence.py": source, "selfcheck/gui/app.py": source})
    assert violations(root) == ["selfcheck/gui/app.py:1: uses selfcheck.exchange.other._x"]  # only storage is exempt

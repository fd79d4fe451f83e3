"""The layer guard: which package may import what.

    core     — pure rules; no storage, CLI, GUI, reports, no SQLite
    storage  — the only code that touches SQLite; never the CLI or the GUI
    gui      — the only code that touches Qt (PySide6 / shiboken6 / PyQt*)

Every .py under selfcheck/ is parsed with `ast`; every import is collected: top level or nested in a function,
under `if TYPE_CHECKING:` too, relative imports resolved, `importlib.import_module("x")` / `__import__("x")`
with a literal name included. The checker is also run over a synthetic tree to prove it can fail.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "selfcheck"

QT = ("PySide6", "PySide2", "shiboken6", "shiboken2")
SQLITE = ("sqlite3", "sqlite_utils")


@dataclass(frozen=True)
class Import:
    file: str  # relative to the root, with forward slashes
    line: int
    module: str  # absolute dotted name


@dataclass(frozen=True)
class Rule:
    name: str
    applies_to: str  # package folder prefix, e.g. "selfcheck/core/"; "" = everything
    except_in: str | None  # folder prefix exempted, e.g. "selfcheck/gui/"
    forbidden: tuple[str, ...]

    def covers(self, file: str) -> bool:
        if not file.startswith(self.applies_to):
            return False
        return not (self.except_in and file.startswith(self.except_in))

    def forbids(self, module: str) -> str | None:
        top = module.split(".")[0]
        for name in self.forbidden:
            if module == name or module.startswith(name + "."):
                return name
            if name == "PyQt*" and top.startswith("PyQt"):
                return name
        return None


RULES = (
    Rule("Qt only in selfcheck/gui", f"{PACKAGE}/", f"{PACKAGE}/gui/", (*QT, "PyQt*")),
    Rule(
        "core is pure",
        f"{PACKAGE}/core/",
        None,
        (f"{PACKAGE}.storage", f"{PACKAGE}.cli", f"{PACKAGE}.gui", f"{PACKAGE}.reports", *SQLITE),
    ),
    Rule("SQLite only in selfcheck/storage", f"{PACKAGE}/", f"{PACKAGE}/storage/", SQLITE),
    Rule("storage knows no CLI or GUI", f"{PACKAGE}/storage/", None, (f"{PACKAGE}.cli", f"{PACKAGE}.gui")),
    Rule("reports know no CLI or GUI", f"{PACKAGE}/reports/", None, (f"{PACKAGE}.cli", f"{PACKAGE}.gui")),
    Rule("exchange knows no CLI or GUI", f"{PACKAGE}/exchange/", None, (f"{PACKAGE}.cli", f"{PACKAGE}.gui")),
)


def module_of(rel: Path) -> tuple[str, bool]:
    """Dotted module name of a file, and whether it is a package's __init__."""
    parts = list(rel.with_suffix("").parts)
    is_init = parts[-1] == "__init__"
    if is_init:
        parts = parts[:-1]
    return ".".join(parts), is_init


def _resolve(current: str, is_init: bool, level: int, module: str | None) -> str:
    package = current.split(".") if is_init else current.split(".")[:-1]
    if level - 1 > len(package):
        raise ValueError(f"relative import beyond the top level in {current}")
    base = package[: len(package) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def imports_of(path: Path, root: Path) -> list[Import]:
    rel = path.relative_to(root)
    file = rel.as_posix()
    current, is_init = module_of(rel)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(file, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(current, is_init, node.level, node.module) if node.level else (node.module or "")
            found.append(Import(file, node.lineno, base))
            # `from selfcheck import storage` imports the module selfcheck.storage
            found += [Import(file, node.lineno, f"{base}.{alias.name}") for alias in node.names if alias.name != "*"]
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
            first = node.args[0]
            if name in ("import_module", "__import__") and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append(Import(file, node.lineno, first.value))
    return found


def python_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / PACKAGE).rglob("*.py") if "__pycache__" not in p.parts)


def violations(root: Path) -> list[str]:
    out = []
    for path in python_files(root):
        for imp in imports_of(path, root):
            for rule in RULES:
                if rule.covers(imp.file) and (hit := rule.forbids(imp.module)):
                    out.append(f"{imp.file}:{imp.line}: imports {imp.module} ({rule.name}; {hit} is not allowed here)")
    return sorted(set(out))


# ---- the real tree --------------------------------------------------------------------------------


def test_selfcheck_respects_the_layers() -> None:
    assert violations(ROOT) == []


def test_the_checker_sees_the_real_imports() -> None:
    """Guard the guard: if the walk found nothing, an empty violation list would prove nothing."""
    files = python_files(ROOT)
    rel = {p.relative_to(ROOT).as_posix() for p in files}
    assert {"selfcheck/core/scoring.py", "selfcheck/storage/db.py", "selfcheck/cli/main.py"} <= rel
    every = {(i.file, i.module) for p in files for i in imports_of(p, ROOT)}
    assert ("selfcheck/storage/db.py", "sqlite3") in every
    assert ("selfcheck/storage/base.py", "sqlite_utils") in every
    assert ("selfcheck/core/scoring.py", "selfcheck.core.checklist") in every
    assert ("selfcheck/cli/main.py", "selfcheck.cli.commands") in every  # imported inside a function


# ---- the checker can fail -------------------------------------------------------------------------

SYNTHETIC_BAD = [
    ("selfcheck/core/bad.py", "import sqlite3\n", "sqlite3"),
    ("selfcheck/core/bad.py", "import sqlite_utils.db\n", "sqlite_utils.db"),
    ("selfcheck/core/bad.py", "from selfcheck.storage import Store\n", "selfcheck.storage"),
    ("selfcheck/core/bad.py", "from selfcheck import storage\n", "selfcheck.storage"),
    ("selfcheck/core/bad.py", "from ..storage.db import connect\n", "selfcheck.storage.db"),
    ("selfcheck/core/sub/__init__.py", "from ...cli import main\n", "selfcheck.cli"),
    ("selfcheck/core/bad.py", "from . import safeyaml\nfrom .. import gui\n", "selfcheck.gui"),
    ("selfcheck/core/bad.py", "def f():\n    import selfcheck.reports.pdf\n", "selfcheck.reports.pdf"),
    (
        "selfcheck/core/bad.py",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from selfcheck.cli.main import main\n",
        "selfcheck.cli.main",
    ),
    ("selfcheck/core/bad.py", "import importlib\nimportlib.import_module('sqlite3')\n", "sqlite3"),
    ("selfcheck/cli/bad.py", "from PySide6.QtWidgets import QApplication\n", "PySide6.QtWidgets"),
    ("selfcheck/reports/bad.py", "import shiboken6\n", "shiboken6"),
    ("selfcheck/cli/bad.py", "__import__('PyQt5.QtCore')\n", "PyQt5.QtCore"),
    ("selfcheck/storage/bad.py", "from PyQt6 import QtCore\n", "PyQt6"),
    ("selfcheck/__init__.py", "import sqlite3\n", "sqlite3"),
    ("selfcheck/cli/bad.py", "import sqlite3 as db\n", "sqlite3"),
    ("selfcheck/reports/bad.py", "from sqlite_utils import Database\n", "sqlite_utils"),
    ("selfcheck/storage/bad.py", "from selfcheck.gui.window import Main\n", "selfcheck.gui.window"),
    ("selfcheck/storage/bad.py", "from ..cli import commands\n", "selfcheck.cli"),
]

SYNTHETIC_OK = [
    ("selfcheck/gui/ok.py", "from PySide6 import QtCore\nimport shiboken6\nfrom selfcheck.storage import Store\n"),
    ("selfcheck/storage/ok.py", "import sqlite3\nimport sqlite_utils\nfrom selfcheck.core.checklist import Template\n"),
    ("selfcheck/core/ok.py", "from selfcheck.errors import RuleError\nfrom . import template\nimport yaml\nimport pydantic\n"),
    ("selfcheck/cli/ok.py", "from selfcheck.storage import Store\nfrom selfcheck.core import scoring\n"),
    ("selfcheck/core/ok.py", "import sqlite3x_not_really\nimport selfcheck.storage_notes\n"),  # prefixes, not names
]


def _tree(tmp_path: Path, rel: str, source: str) -> Path:
    root = tmp_path / "tree"
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    for folder in [target.parent, *target.parent.parents]:
        if folder == root:
            break
        (folder / "__init__.py").touch()
    target.write_text(source, encoding="utf-8")
    return root


@pytest.mark.parametrize(("rel", "source", "module"), SYNTHETIC_BAD, ids=[f"{r}:{m}" for r, _, m in SYNTHETIC_BAD])
def test_the_checker_reports_a_violation(tmp_path: Path, rel: str, source: str, module: str) -> None:
    root = _tree(tmp_path, rel, source)
    found = violations(root)
    assert any(v.startswith(f"{rel}:") and f"imports {module} " in v for v in found), found


@pytest.mark.parametrize(("rel", "source"), SYNTHETIC_OK, ids=[r for r, _ in SYNTHETIC_OK])
def test_the_checker_allows_what_is_allowed(tmp_path: Path, rel: str, source: str) -> None:
    assert violations(_tree(tmp_path, rel, source)) == []


def test_the_checker_reports_the_line(tmp_path: Path) -> None:
    root = _tree(tmp_path, "selfcheck/core/bad.py", '"""doc"""\n\nimport json\n\n\ndef f():\n    import sqlite3\n')
    assert set(violations(root)) == {
        "selfcheck/core/bad.py:7: imports sqlite3 (core is pure; sqlite3 is not allowed here)",
        "selfcheck/core/bad.py:7: imports sqlite3 (SQLite only in selfcheck/storage; sqlite3 is not allowed here)",
    }


# ---- what importing the CLI loads ---------------------------------------------------------------

HEAVY = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "reportlab", "pyhanko")

PROBE = """
import json, sys
{imports}
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})))
"""


def _loaded(imports: str, heavy: tuple[str, ...]) -> list[str]:
    code = PROBE.format(imports=imports, heavy=set(heavy))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_importing_the_cli_loads_no_gui_or_pdf_libraries() -> None:
    assert _loaded("import selfcheck.cli.main", HEAVY) == []


def test_building_the_cli_parser_loads_no_gui_or_pdf_libraries() -> None:
    """build_parser() imports the commands (and with them core and storage): still no Qt, reportlab or pyHanko."""
    assert _loaded("import selfcheck.cli.main as m\nm.build_parser()", HEAVY) == []


def test_importing_core_loads_no_sqlite() -> None:
    imports = "\n".join(
        f"import selfcheck.core.{p.stem}" for p in sorted((ROOT / PACKAGE / "core").glob("*.py")) if p.stem != "__init__"
    )
    assert _loaded(imports, (*HEAVY, *SQLITE)) == []


def test_the_probe_can_see_a_loaded_module() -> None:
    """Guard the guard: the sys.modules probe does report a module that is loaded."""
    assert "sqlite3" in _loaded("from selfcheck.storage import Store", ("sqlite3",))

"""sheet!cell: where each value of a workbook came from, and every problem reported at the cell to change.

A value read keeps its `Ref` (sheet, row, column, header), and each path of the checklist data built from it is
mapped to one (`Where`), so that the schema's and the cross-field rules' findings (`validate`) are reported at a
cell, in the same words as for a YAML checklist, instead of at a path the author never wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from selfcheck.core.checklist import Checklist
from selfcheck.core.checklist_file import cross_field_rules, kind, rules_despite, translate_error
from selfcheck.errors import ChecklistError, Located


@dataclass(frozen=True)
class CellLocated(Located):
    """A problem in a workbook: `line` is the row and `column` the column (1-based), as in the YAML errors."""

    sheet: str = ""
    cell: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.sheet:
            where += f": {sheet_ref(self.sheet)}" + (f"!{self.cell}" if self.cell else "")
        field_name = self.path or "(文件 / file)"
        text = f"{where}: {field_name}: {self.zh} / {self.en}"
        return "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in text)


def sheet_ref(name: str) -> str:
    """A sheet's name as Excel writes it in a reference: quoted when it holds spaces or punctuation."""
    return f"'{name}'" if re.search(r"[\s!'()\-]", name) else name


def column_letter(col: int) -> str:
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


@dataclass(frozen=True)
class Ref:
    """Where a value came from: sheet, row, column, and the header (or key) naming it."""

    sheet: str
    row: int
    col: int
    label: str

    @property
    def cell(self) -> str:
        return f"{column_letter(self.col)}{self.row}" if self.row and self.col else ""


Where = dict[tuple[str | int, ...], Ref]  # a path in the checklist data → the cell its value came from


class Problems:
    """Every problem found in one workbook, and the cells already named (so validation does not repeat them)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Located] = []
        self.cells: set[tuple[str, int, int]] = set()

    def add(self, ref: Ref | None, zh: str, en: str, *, sheet: str = "", label: str = "") -> None:
        if ref is None:
            self.items.append(CellLocated(self.file, 0, 0, label, zh, en, sheet=sheet))
            return
        self.cells.add((ref.sheet, ref.row, ref.col))
        self.items.append(CellLocated(self.file, ref.row, ref.col, label or ref.label, zh, en, sheet=ref.sheet, cell=ref.cell))


def refused(file: str, zh: str, en: str) -> ChecklistError:
    """The whole workbook refused, for one reason about the file rather than a cell."""
    return ChecklistError([CellLocated(file, 0, 0, "", zh, en)])


def _locate(path: tuple[str | int, ...], where: Where) -> Ref | None:
    for n in range(len(path), 0, -1):
        if path[:n] in where:
            return where[path[:n]]
    return None


def validate(data: dict[str, Any], where: Where, problems: Problems, sheet: str) -> Checklist:
    """The checklist data as a Template, through the schema and the rules a YAML file meets; or TemplateError with
    every problem of the workbook, each at the nearest cell its path came from, the checklist sheet's first."""

    def report(path: tuple[str | int, ...], zh: str, en: str) -> None:
        ref = _locate(path, where)
        if ref is not None and (ref.sheet, ref.row, ref.col) in problems.cells:
            return  # already reported at this cell, in the workbook's own words
        if ref is None and problems.items:
            return  # a missing top-level field, already named
        problems.add(ref, zh, en, sheet=sheet, label=ref.label if ref else ".".join(str(p) for p in path))

    template: Checklist | None = None
    try:
        template = Checklist.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for err in errors:
            zh, en = translate_error(dict(err))
            report(tuple(err["loc"]), zh, en)
        for path, zh, en in rules_despite(data, [(tuple(e["loc"]), kind(e)) for e in errors]):
            report(path, zh, en)
    if template is not None:
        for path, zh, en in cross_field_rules(template):
            report(path, zh, en)
    if problems.items:
        problems.items.sort(key=lambda p: (getattr(p, "sheet", "") != sheet, p.line, p.column))
        raise ChecklistError(problems.items)
    assert template is not None
    return template


def iter_problems(exc: ChecklistError) -> Iterator[str]:
    """Each problem of a TemplateError as one line (for callers that show them one by one)."""
    for p in exc.problems:
        yield str(p)

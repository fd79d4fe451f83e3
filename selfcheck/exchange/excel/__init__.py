"""Checklists authored in Excel: a county-style .xlsx form read into a validated Template, and written as YAML.

The modules, in the order a workbook goes through them:

    workbook  the file: kinds refused by name, the zip checked, openpyxl (imported lazily), the sheets found
    cells     a sheet's cells as plain values: formulas and error values refused, merged ranges, the limits
    headers   the header row: column kinds from the synonyms county forms use, metadata keys, a row by kind
    metadata  the checklist's own fields (编号, 版本, 发布单位 ...) from an information sheet or above the header
    rows      the rows under the header: totals, notes, category banners, checklist rows into sections
    items     one checklist row as an item (id, answer type, scale, veto) or an adjustment
    located   sheet!cell: where each value came from, and every problem reported there, validation's too
    to_yaml   a Template written as a checklist file
    to_xlsx   a Template written as a workbook in the layout read here, for editing in Excel (and what cannot be said)
"""

from __future__ import annotations

from selfcheck.exchange.excel.located import CellLocated, iter_problems
from selfcheck.exchange.excel.to_yaml import checklist_to_yaml
from selfcheck.exchange.excel.workbook import read_workbook

__all__ = ["CellLocated", "checklist_to_yaml", "iter_problems", "read_workbook"]

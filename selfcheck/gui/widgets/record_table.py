"""The read-only table every register shows (clues, ledger, tasks, checklists, home): whole rows, one at a time,
no row numbers; editing happens in a dialog."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QTableView


def record_table(model: QAbstractItemModel, *, alternating: bool = True) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(alternating)
    table.verticalHeader().setVisible(False)
    return table


def fit_columns(table: QTableView, columns: Iterable[int], maximum_em: int = 16) -> None:
    """Size each of these columns to its header and its (shown) rows, no wider than `maximum_em` characters: call
    after the rows change; the user may still drag them wider."""
    em = table.fontMetrics().horizontalAdvance("问")
    for col in columns:
        table.resizeColumnToContents(col)
        table.setColumnWidth(col, min(table.columnWidth(col), em * maximum_em))


def select_row(table: QTableView, row: int | None) -> bool:
    """Select, make current and show a row of the model behind the table's sort and filter proxy; False when there
    is no such row or the filter hides it."""
    proxy = table.model()
    if row is None or not isinstance(proxy, QAbstractProxyModel):
        return False
    index = proxy.mapFromSource(proxy.sourceModel().index(row, 0))
    if not index.isValid():
        return False
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().setCurrentIndex(index, flags)
    table.scrollTo(index)
    return True

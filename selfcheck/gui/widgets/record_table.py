"""The read-only table every register shows (clues, ledger, tasks, checklists, home): whole rows, one at a time,
no row numbers; editing happens in a dialog."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


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


class ColumnFit(QObject):
    """Share a table's width, again whenever the view is resized or the rows change: the `stretch` column (a long
    title) takes what is left, at least `stretch_least` characters; the others are as wide as their contents, those
    in `least` no wider than `most` characters and shrinking towards their least when the room is short (their text
    elided, whole in the tooltip); only then does the table scroll sideways."""

    def __init__(self, table: QTableView, stretch: int, stretch_least: int, least: dict[int, int], most: int = 16) -> None:
        super().__init__(table)
        self.table, self.stretch, self.stretch_least, self.least, self.most = table, stretch, stretch_least, least, most
        self._want: dict[int, int] | None = None
        self._fitting = False
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._viewport = table.viewport()  # compared by identity: it may outlive the table for a moment at exit
        self._viewport.installEventFilter(self)
        table.model().modelReset.connect(self.remeasure)
        table.model().layoutChanged.connect(self.remeasure)

    def remeasure(self) -> None:
        self._want = None
        self.fit()

    def fit(self) -> None:
        if self._fitting:  # measuring may show a scroll bar, which resizes the view: that fit is this one
            return
        self._fitting = True
        try:
            width = self.table.viewport().width()
            self._fit()
            if self.table.viewport().width() != width:  # a scroll bar came or went meanwhile
                self._fit()
        finally:
            self._fitting = False

    def _fit(self) -> None:
        table, header = self.table, self.table.horizontalHeader()
        columns = [c for c in range(table.model().columnCount()) if c != self.stretch]
        if self._want is None or set(self._want) != set(columns):
            self._want = {c: max(table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in columns}
        em, pad = table.fontMetrics().horizontalAdvance("问"), 16
        want = {c: min(w, em * self.most + pad) if c in self.least else w for c, w in self._want.items()}
        least = {c: min(want[c], em * self.least[c] + pad) if c in self.least else want[c] for c in columns}
        need = em * self.stretch_least + pad
        spare = sum(want.values()) - sum(least.values())
        short = max(0, sum(want.values()) + need - table.viewport().width())
        share = min(1.0, short / spare) if spare else 1.0
        widths = {c: round(want[c] - (want[c] - least[c]) * share) for c in columns}
        for col, width in widths.items():
            header.resizeSection(col, width)
        if self.stretch < table.model().columnCount():
            header.resizeSection(self.stretch, max(need, table.viewport().width() - sum(widths.values())))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._viewport:
            self.fit()
        return super().eventFilter(watched, event)


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

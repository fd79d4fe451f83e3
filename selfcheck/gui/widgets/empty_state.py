"""An empty list says what to do next: a line of text in the middle of a view while its model has no rows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyState(QObject):
    """Shows `text()` over `view` whenever its model is empty; the text is asked each time (a filtered list says
    "nothing matches", an empty ledger what to do to fill it)."""

    def __init__(self, view: QAbstractItemView, text: Callable[[], str]) -> None:
        super().__init__(view)
        self.view = view
        self.text = text
        self.label = QLabel(view.viewport())
        self.label.setObjectName("emptyState")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setStyleSheet("#emptyState { color: #555; }")
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged):
            signal.connect(self.update)
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._place()
        return False

    def _place(self) -> None:
        area = self.view.viewport().rect()
        margin = self.view.fontMetrics().horizontalAdvance("字") * 2
        self.label.setGeometry(area.adjusted(margin, margin, -margin, -margin))

    def update(self) -> None:
        try:
            empty = self.view.model().rowCount() == 0
            if empty:
                self.label.setText(self.text())
                self._place()
            self.label.setVisible(empty)
        except RuntimeError:  # a QTableWidget clears its model while it is being deleted: nothing left to show on
            return

    def showing(self) -> str:
        """The text shown, or "" while the list has rows."""
        return self.label.text() if not self.label.isHidden() else ""


def show_when_empty(view: QAbstractItemView, text: Callable[[], str]) -> EmptyState:
    return EmptyState(view, text)

"""What every screen the main window shows is to it: one small protocol instead of probing with getattr.

The main window hands every built screen each broadcast `Changes` (selfcheck.gui.ops.bus). A screen says
whether the change touches what it shows (`shows`); if so it repaints now when visible, or marks itself stale
and repaints when next shown. The screen that started an action is named in the broadcast (`initiator`): a
screen that paints its own writes from their result (the filling screen, on every key press) skips those.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from selfcheck.core import clock
from selfcheck.core.changes import Changes


@runtime_checkable
class Screen(Protocol):
    """What the main window needs of a screen."""

    def on_changes(self, changes: Changes, initiator: object | None = None) -> None: ...

    def refresh(self) -> None: ...


@runtime_checkable
class Searchable(Protocol):
    """A screen with a search field: Ctrl+F (bound once, by the main window) puts the focus there."""

    def focus_search(self) -> None: ...


class Page:
    """Mixin for a QWidget screen (list it first: `class LedgerPage(Page, QWidget)`): override `shows` and
    `refresh`; `on_changes`, the stale mark and the repaint on show come with it, and so do the screen's day and
    its dialogs opened without blocking."""

    _stale = False
    _today: dt.date | None = None  # a fixed day (tests); else the clock's
    dialog: QDialog | None = None  # the dialog open now (tests drive it; the page never blocks on exec)

    def today(self) -> dt.date:
        return self._today or clock.today()

    def shows(self, changes: Changes) -> bool:
        """Whether `changes` touch what this screen shows."""
        return False

    def refresh(self) -> None:
        """Re-read what the screen shows from the store."""

    def on_changes(self, changes: Changes, initiator: object | None = None) -> None:
        if self.shows(changes):
            self.mark_stale()

    def mark_stale(self) -> None:
        """The data changed: repaint now if shown, else when next shown."""
        self._stale = True
        if self.isVisible():  # type: ignore[attr-defined]
            self.refresh_if_stale()

    def refresh_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh()

    def _open(self, dialog: QDialog) -> None:
        """Window-modal and non-blocking: the rest of the app keeps painting, and tests can drive the dialog. A
        dialog's `saved` signal, where it has one, goes to `_saved`."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        saved = getattr(dialog, "saved", None)
        if saved is not None:
            saved.connect(self._saved)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _saved(self, record: Any) -> None:
        """A dialog opened by `_open` saved `record`."""

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def showEvent(self, event: Any) -> None:
        self.refresh_if_stale()
        super().showEvent(event)  # type: ignore[misc]

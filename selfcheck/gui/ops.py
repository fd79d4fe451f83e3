"""Run an action off the GUI thread and report its result or its error on the GUI thread; show errors kindly.

Every screen uses these two, so long work (export, import, intake) never freezes the window and no
traceback ever reaches a user: a SelfcheckError shows its Chinese message; anything else is logged and
shown as an internal error with the log's path.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QTabWidget, QWidget

from selfcheck.core import clock
from selfcheck.errors import SelfcheckError


def fill_tab(tabs: QTabWidget, index: int, page: QWidget) -> None:
    """Put `page` in the tab a placeholder held until the page was first needed: same title, the same tab
    current as before, and no currentChanged for the swap."""
    placeholder = tabs.widget(index)
    title = tabs.tabText(index)
    current = tabs.currentIndex()
    tabs.blockSignals(True)
    tabs.removeTab(index)
    tabs.insertTab(index, page, title)
    tabs.setCurrentIndex(current)
    tabs.blockSignals(False)
    placeholder.deleteLater()


def log_path() -> Path:
    from selfcheck.storage.paths import data_dir

    return data_dir(None) / "logs" / "error.log"


def write_crash_log(details: str) -> Path:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {clock.now().isoformat()} selfcheck gui\n{details}\n")
    except OSError:
        pass
    return path


def error_text(exc: BaseException) -> str:
    """What a principal reads: the message in the UI language for our errors, a calm pointer for bugs."""
    if isinstance(exc, SelfcheckError):
        from selfcheck.gui.i18n import current_language

        return exc.en if current_language() == "en" else exc.zh
    path = write_crash_log("".join(traceback.format_exception(exc)))
    return QApplication.translate(
        "ops", "内部错误，操作未完成（已保存的数据不受影响）。详情已写入 {path}，请发给技术支持。"
    ).format(path=path)


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title or QApplication.translate("ops", "操作未完成"),
        error_text(exc),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextInteractionFlags(box.textInteractionFlags())
    box.exec()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], with_progress: bool) -> None:
        super().__init__()
        self.fn = fn
        self.with_progress = with_progress
        self.signals = _Signals()

    @Slot()
    def run(self) -> None:
        try:
            if self.with_progress:
                result = self.fn(lambda done, total: self.signals.progress.emit(int(done), int(total)))
            else:
                result = self.fn()
        except BaseException as exc:  # every failure goes back to the GUI thread, none is lost in a thread
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_running: set[_Task] = set()  # keeps tasks (and their signal objects) alive until they report


def run_in_thread(
    fn: Callable[..., Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    *,
    on_progress: Callable[[int, int], None] | None = None,
) -> None:
    """Run fn() in the thread pool; on_done/on_error/on_progress run on the GUI thread.

    With on_progress, fn is called as fn(progress) where progress(done, total) may be called from the worker.
    fn must not touch widgets, and must open its own Store when it needs one (SQLite connections stay in
    the thread that made them).
    """
    task = _Task(fn, on_progress is not None)
    _running.add(task)

    def finish(handler: Callable[[Any], None]) -> Callable[[Any], None]:
        def call(value: Any) -> None:
            _running.discard(task)
            handler(value)

        return call

    task.signals.done.connect(finish(on_done))
    task.signals.failed.connect(finish(on_error))
    if on_progress is not None:
        task.signals.progress.connect(on_progress)
    task.setAutoDelete(False)
    QThreadPool.globalInstance().start(task)

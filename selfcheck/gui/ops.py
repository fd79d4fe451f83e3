"""One way for every screen to run a store action: `run_op`, and one app-wide signal for what it changed.

Learned from Anki's `CollectionOp` (aqt/operations): a screen never writes and then tells its neighbours by
hand. It hands the action to `run_op`, which runs it (on the GUI thread for a quick write such as one answer;
in the thread pool, with the worker's own `Store`, for long work such as an export), shows a failure kindly
(a SelfcheckError's message in the UI language; anything else is logged and shown as an internal error with
the log's path: no traceback ever reaches a user), and broadcasts the `Changes` the action handed back on
`bus().changed(changes, initiator)`. The main window passes that to every built screen (`pages.page.Page`),
and each repaints only what the change touches.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from selfcheck.core import clock
from selfcheck.core.changes import NOTHING, Changes
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
    import traceback  # a bug's details: loaded when there is one

    path = write_crash_log("".join(traceback.format_exception(exc)))
    return QApplication.translate(
        "ops", "内部错误，操作未完成（已保存的数据不受影响）。详情已写入 {path}，请发给技术支持。"
    ).format(path=path)


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    from PySide6.QtWidgets import QMessageBox  # the message boxes are loaded when one is shown, not at the start

    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title or QApplication.translate("ops", "操作未完成"),
        error_text(exc),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextInteractionFlags(box.textInteractionFlags())
    box.exec()


class Bus(QObject):
    """The app's one "something changed" signal: (Changes, the object that started the action or None)."""

    changed = Signal(object, object)


_bus: Bus | None = None


def bus() -> Bus:
    global _bus
    if _bus is None:
        _bus = Bus()
    return _bus


def changes_of(result: Any) -> Changes:
    """What a store write handed back: a Changes, or a record, list or Changed carrying one (else nothing)."""
    if isinstance(result, Changes):
        return result
    found = getattr(result, "changes", None)
    return found if isinstance(found, Changes) else NOTHING


def broadcast(changes: Changes, initiator: object | None = None) -> None:
    """Tell every screen what changed (nothing is said when nothing changed)."""
    if changes:
        bus().changed.emit(changes, initiator)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], folder: Path | None, with_progress: bool) -> None:
        super().__init__()
        self.fn = fn
        self.folder = folder
        self.with_progress = with_progress
        self.signals = _Signals()

    @Slot()
    def run(self) -> None:
        try:
            args: list[Any] = []
            if self.with_progress:
                args.append(lambda done, total: self.signals.progress.emit(int(done), int(total)))
            if self.folder is None:
                result = self.fn(*args)
            else:  # the worker's own connection: SQLite connections stay in the thread that made them
                from selfcheck.storage import Store

                with Store.open(self.folder, install_builtins=False) as store:
                    result = self.fn(store, *args)
        except BaseException as exc:  # every failure goes back to the GUI thread, none is lost in a thread
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_running: set[_Task] = set()  # keeps tasks (and their signal objects) alive until they report


def run_op(
    parent: QWidget | None,
    action: Callable[..., Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    in_thread: bool = False,
    folder: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    changes: Changes = NOTHING,
    title: str | None = None,
    initiator: object | None = None,
) -> Any:
    """Run `action`, show its failure, broadcast what it changed, then call on_success(result).

    On the GUI thread (the default; for quick writes such as one answer: no thread, no extra query) the
    result is also returned, or None when the action failed. With `in_thread`, the action runs in the thread
    pool and run_op returns None at once; the callbacks run later on the GUI thread. In the worker the action
    is called as action(store, progress) -- `store` only with `folder` (a Store opened there on that data
    folder and closed after), `progress(done, total)` only with `progress` (called on the GUI thread) -- and it
    must not touch widgets.

    `on_failure(exc)`, when given, replaces the error box (it may call show_error itself). `changes` adds what
    the action changed when its result does not say so (a worker's result, say). The broadcast names
    `initiator` (default: `parent`), so the screen that started the action can skip repainting what it
    already painted.
    """
    who = parent if initiator is None else initiator

    def succeeded(result: Any) -> None:
        broadcast(changes_of(result) | changes, who)
        if on_success is not None:
            on_success(result)

    def failed(exc: BaseException) -> None:
        if on_failure is not None:
            on_failure(exc)
        else:
            show_error(parent, exc, title)

    if not in_thread:
        try:
            result = action()
        except Exception as exc:
            failed(exc)
            return None
        succeeded(result)
        return result

    task = _Task(action, folder, progress is not None)
    _running.add(task)

    def finish(handler: Callable[[Any], None]) -> Callable[[Any], None]:
        def call(value: Any) -> None:
            _running.discard(task)
            handler(value)

        return call

    task.signals.done.connect(finish(succeeded))
    task.signals.failed.connect(finish(failed))
    if progress is not None:
        task.signals.progress.connect(progress)
    task.setAutoDelete(False)
    QThreadPool.globalInstance().start(task)
    return None

"""Start the desktop app: one instance per data folder, a backup on start, the restore offer when the
database cannot be opened, the first-run setup, then the main window."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from selfcheck import __version__
from selfcheck.errors import SelfcheckError, StorageError
from selfcheck.storage import Store, backup
from selfcheck.storage.paths import data_dir, resources_dir

# isort: split
# Qt after the store: once PySide6 is loaded, its import hook reads through the source of every module imported
# after it (looking for its __feature__ switches), so the store and the core records it brings are imported first.
from PySide6.QtCore import QEventLoop, QLockFile, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QWidget

LOCK_NAME = "selfcheck.lock"


# Asking and telling go through these two, so tests can answer for the user.
def ask(parent: QWidget | None, title: str, text: str) -> bool:
    from PySide6.QtWidgets import QMessageBox  # loaded when a question is asked, not at every start

    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    return QMessageBox.question(parent, title, text, buttons) == QMessageBox.StandardButton.Yes


def tell(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, text)


def _message(exc: SelfcheckError) -> str:
    from selfcheck.gui.i18n import current_language

    return exc.en if current_language() == "en" else exc.zh


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="selfcheck", description="学校自查（桌面程序）")
    p.add_argument("--data-dir", metavar="DIR")
    p.add_argument("--lang", choices=["zh", "en"], help="界面语言（默认按设置，初次为简体中文）")
    p.add_argument("--open", type=int, metavar="ID", help="打开这次自查（编号见 selfcheck inspection list）")
    p.add_argument("--smoke-test", action="store_true", help="start, show the main window, quit (for packaging checks)")
    p.add_argument("--version", action="version", version=f"selfcheck {__version__}")
    return p.parse_args(list(argv))


def make_application(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "selfcheck", *argv])
    app.setOrganizationName("selfcheck")
    app.setApplicationName("selfcheck")
    app.setApplicationDisplayName(QApplication.translate("app", "学校自查"))
    app.setApplicationVersion(__version__)
    icon = resources_dir() / "icons" / "selfcheck.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    _fonts(app)
    return app  # type: ignore[return-value]


def _fonts(app: QApplication) -> None:
    """Chinese must render on a machine with no CJK font: the shipped WenQuanYi Micro Hei is the fallback."""
    fonts = resources_dir() / "fonts"
    for name in ("wqy-microhei.ttc",):
        if (fonts / name).exists():
            QFontDatabase.addApplicationFont(str(fonts / name))
    font = QFont(app.font())
    font.setFamilies(["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei"])
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)


class InstanceLock:
    """One app per data folder. QLockFile records the PID: a lock left by a killed app is found stale and taken."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.lock = QLockFile(str(folder / LOCK_NAME))
        self.lock.setStaleLockTime(0)  # stale only when its process is gone, never by age: a principal may fill for hours

    def acquire(self) -> bool:
        return bool(self.lock.tryLock(200))

    def holder(self) -> int | None:
        info = self.lock.getLockInfo()  # PySide6: (pid, hostname, appname); pid 0 when unreadable
        pid = int(info[0]) if info else 0
        return pid or None

    def release(self) -> None:
        self.lock.unlock()


def open_store(folder: Path, parent: QWidget | None = None) -> Store | None:
    """Open the database; when it cannot be opened, offer the newest good backup (the damaged file is kept)."""
    try:
        store = Store.open(folder, check=True)
    except StorageError as exc:
        good = backup.newest_good(folder)
        if good is None:
            tell(
                parent,
                QApplication.translate("app", "无法打开数据库"),
                QApplication.translate(
                    "app",
                    "数据库无法打开，也没有可用的备份。\n\n{reason}\n\n数据文件夹：{folder}\n请联系技术支持；不要删除这个文件夹。",
                ).format(reason=_message(exc), folder=folder),
            )
            return None
        when = good.name.removeprefix("selfcheck-")[:15]
        stamp = f"{when[0:4]}-{when[4:6]}-{when[6:8]} {when[9:11]}:{when[11:13]}"
        if not ask(
            parent,
            QApplication.translate("app", "数据库无法打开"),
            QApplication.translate(
                "app", "数据库无法打开：{reason}\n\n是否恢复 {stamp} 的备份？\n损坏的数据库会改名保留在数据文件夹中，不会删除。"
            ).format(reason=_message(exc), stamp=stamp),
        ):
            return None
        try:
            kept = backup.restore(folder, good)
            store = Store.open(folder, check=True)
        except SelfcheckError as again:
            tell(parent, QApplication.translate("app", "恢复失败"), _message(again))
            return None
        tell(
            parent,
            QApplication.translate("app", "已恢复备份"),
            QApplication.translate("app", "已恢复 {stamp} 的备份。损坏的数据库保存为：\n{kept}").format(stamp=stamp, kept=kept),
        )
        store.record_restore(good.name, kept.name)
    return store


def backup_on_start(folder: Path) -> None:
    """Runs once the window is up: the principal never waits for it."""
    with contextlib.suppress(StorageError):  # a failed backup must not stop the work; the next start tries again
        backup.make_backup(folder, "start")


SETTLE_MS = 250  # after the first paint, before anyone can have pressed a key


_backups: list[threading.Thread] = []  # the start backup in flight: the app waits for it before it exits


def after_start(store: Store) -> None:
    """The start's second half, once the window is painted: the backup in a thread of its own (copying a ten-year
    database takes a moment the window must not freeze for; SQLite's backup API reads a consistent copy beside the
    app's own connection), then what the first save uses."""
    thread = threading.Thread(target=backup_on_start, args=(store.path.parent,), name="start-backup")
    thread.start()
    _backups.append(thread)
    store.warm_up()  # loads sqlite-utils now rather than on the first key press


def wait_for_backups() -> None:
    while _backups:
        _backups.pop().join()


def no_display() -> bool:
    """On Linux without a screen Qt would abort with a terse xcb error; say what to do instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from selfcheck.core import clock

    try:
        clock.install(clock.from_environment())  # the system clock (tests name a moment in SELFCHECK_CLOCK)
    except SelfcheckError as e:
        print(f"{e.zh}\n{e.en}", file=sys.stderr)
        return 1
    if no_display():
        problem = SelfcheckError(
            "没有图形显示（DISPLAY 未设置），无法打开窗口。请在桌面环境中启动，或用 xvfb-run；命令行用法见 selfcheck --help。",
            "no graphical display (DISPLAY is not set): start selfcheck from a desktop session or under xvfb-run; "
            "see selfcheck --help for the command line",
        )
        print(f"{problem.zh}\n{problem.en}", file=sys.stderr)
        return 1
    app = make_application()
    from selfcheck.gui import i18n

    i18n.install(args.lang or i18n.saved_language())
    folder = data_dir(args.data_dir)
    lock = InstanceLock(folder)
    if not lock.acquire():
        pid = lock.holder()
        tell(
            None,
            QApplication.translate("app", "学校自查已在运行"),
            QApplication.translate(
                "app", "学校自查已经打开了（进程 {pid}）。请切换到已打开的窗口；同一时间只能打开一个。"
            ).format(pid=pid or "?"),
        )
        return 1
    try:
        store = open_store(folder)
        if store is None:
            return 1
        try:
            return _run(app, store, smoke=args.smoke_test, open_id=args.open)
        finally:
            wait_for_backups()
            store.close()
    finally:
        lock.release()


def _run(app: QApplication, store: Store, *, smoke: bool, open_id: int | None = None) -> int:
    from selfcheck.gui.main_window import MainWindow

    owned = False
    if store.school() is None and not smoke:
        from selfcheck.gui.dialogs.setup_wizard import SetupWizard
        from selfcheck.gui.school_data import offer_restore

        wizard = SetupWizard(store)
        restored: list[Store] = []
        offer_restore(wizard, store, restored)  # a new PC: the school's backup instead of a new setup
        if not wizard.exec():
            return 0
        if restored:  # the first store is closed now (main() closing it again does no harm)
            store, owned = restored[0], True
    window = MainWindow(store, owns_store=owned)
    problem = None
    if open_id is not None:  # opened before the window shows, so home is not filled only to be covered
        try:
            window.open_inspection(open_id)
        except SelfcheckError as exc:
            problem = exc
    window.show()
    if problem is not None:
        tell(window, QApplication.translate("app", "无法打开这次自查"), _message(problem))
    # What waits until the window is up: the start backup, and loading what the first save needs.
    settle = QTimer(window)
    settle.setSingleShot(True)
    settle.timeout.connect(lambda: after_start(store))
    settle.start(SETTLE_MS)
    if smoke:  # paint once for real, then leave: what packaging checks and the start-up benchmark time
        # A local event loop, not app.exec()/quit(): quit() marks the whole thread as quitting for good, and the
        # tests that run main() in-process go on using the same application afterwards.
        loop = QEventLoop()

        def painted_then_leave() -> None:
            window.repaint()
            print(f"painted {time.time():.6f}", flush=True)  # clock: real (the start-up benchmark compares wall times)
            if settle.isActive():
                settle.stop()
                after_start(store)
            loop.quit()

        QTimer.singleShot(0, painted_then_leave)
        loop.exec()
        window.close()
        return 0
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())

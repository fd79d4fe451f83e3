"""The main window: home, ledger, checklists and the bureau's intake as tabs; an open inspection in front;
menus with the standard shortcuts; undo (Ctrl+Z) for answers and ledger edits; the quiet "已保存" indicator;
geometry remembered. Every screen hears what each action changed through the one broadcast (ops.bus)."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QByteArray, QEvent, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QTabWidget, QWidget

from selfcheck.core.changes import Changes
from selfcheck.gui import ops
from selfcheck.gui.folder_settings import folder_settings
from selfcheck.gui.i18n import current_language
from selfcheck.gui.ops import fill_tab, run_op
from selfcheck.gui.pages.inspection_page import InspectionPage
from selfcheck.gui.pages.page import Screen, Searchable
from selfcheck.storage import Store, backup

if TYPE_CHECKING:
    from selfcheck.gui.pages.checklists_page import ChecklistsPage
    from selfcheck.gui.pages.home_page import HomePage

HOME_TAB = 0


class MainWindow(QMainWindow):
    def __init__(self, store: Store, *, owns_store: bool = False) -> None:
        """`owns_store`: the window closes the store when it closes (one opened on restored data)."""
        super().__init__()
        self.store = store
        store.enable_undo()  # the app's connection keeps undo steps (Ctrl+Z); workers' connections do not
        self.setWindowTitle(self.tr("学校自查"))
        self.inspection_page: InspectionPage | None = None

        self._home: HomePage | None = None  # built when first shown: a start straight into an inspection skips it
        self.tabs = QTabWidget()
        self.tabs.addTab(QWidget(), self.tr("首页"))
        # The other screens are built the first time they are shown: start-up only pays for home.
        self._lazy: dict[int, tuple[str, str]] = {}
        self._screens: dict[int, tuple[str, str]] = {}  # every lazily built tab, to build again after a restore
        for module, cls, title in (
            ("pages.ledger_page", "LedgerPage", self.tr("整改台账")),
            ("pages.clues_page", "CluesPage", self.tr("问题线索")),
            ("pages.tasks_page", "TasksPage", self.tr("责任清单")),
            ("pages.cadence_page", "CadencePage", self.tr("工作节奏")),
            ("pages.checklists_page", "ChecklistsPage", self.tr("检查表")),
            ("pages.bureau_page", "BureauPage", self.tr("教育局汇总")),
            *([("pages.review_page", "ReviewPage", self.tr("督查"))] if store.unit_kind() != "学校" else []),
        ):
            if importlib.util.find_spec(f"selfcheck.gui.{module}") is not None:
                index = self.tabs.addTab(QWidget(), title)
                self._lazy[index] = (module, cls)
        self._screens = dict(self._lazy)
        self.pages: dict[str, Screen] = {}
        self.tabs.currentChanged.connect(self._tab_changed)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)
        self.saved = QLabel()
        self.saved.setAccessibleName(self.tr("保存状态"))
        self.statusBar().addPermanentWidget(self.saved)
        self._owns_store = owns_store
        self._menus()
        self._restore_geometry()
        ops.bus().changed.connect(self._on_changes)

    # ---- menus -----------------------------------------------------------------------------------

    def _action(self, menu: Any, text: str, slot: Any, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        self._action(file_menu, self.tr("新建自查(&N)…"), self.new_inspection, QKeySequence.StandardKey.New)
        self._action(file_menu, self.tr("导入检查表(&I)…"), self.import_checklist)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("保存(&S)"), self.save_now, QKeySequence.StandardKey.Save)
        self.print_action = self._action(
            file_menu, self.tr("打印自查表(&P)…"), self.print_current, QKeySequence.StandardKey.Print
        )
        self._action(file_menu, self.tr("立即备份数据库(&B)"), self.backup_now)
        self._action(file_menu, self.tr("备份到U盘(&U)…"), self.backup_to_folder)
        self._action(file_menu, self.tr("从备份恢复(&R)…"), self.restore_backup)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("退出(&X)"), self.close, QKeySequence.StandardKey.Quit)
        edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        # A window shortcut: a line edit or the note box with the focus takes Ctrl+Z first (Qt's ShortcutOverride),
        # so typing is undone there and answers and ledger edits here.
        self.undo_action = self._action(edit_menu, self.tr("撤销(&U)"), self.undo, QKeySequence.StandardKey.Undo)
        edit_menu.aboutToShow.connect(self.update_undo)
        self.update_undo()
        self._action(edit_menu, self.tr("查找(&F)"), self.find, QKeySequence.StandardKey.Find)
        view_menu = bar.addMenu(self.tr("查看(&V)"))
        self._action(view_menu, self.tr("首页(&H)"), self.show_home, "Ctrl+1")
        self._action(view_menu, self.tr("整改台账(&L)"), self.show_ledger, "Ctrl+2")
        settings_menu = bar.addMenu(self.tr("设置(&T)"))
        self._action(settings_menu, self.tr("学校、签名与语言(&P)…"), self.open_settings)
        self._action(settings_menu, self.tr("修改口令(&C)…"), self.change_passphrase)
        self._action(settings_menu, self.tr("导出加密密钥(&E)…"), self.export_key)
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        self._action(help_menu, self.tr("用户指南(&G)"), self.show_guide, QKeySequence.StandardKey.HelpContents)
        self._action(help_menu, self.tr("快捷键一览(&K)"), self.show_shortcuts)
        help_menu.addSeparator()
        self._action(help_menu, self.tr("关于(&A)"), self.about)

    @property
    def home(self) -> HomePage:
        if self._home is None:
            from selfcheck.gui.pages.home_page import HomePage

            home = HomePage(self.store)
            home.open_inspection.connect(self.open_inspection)
            home.open_report.connect(self.open_report)
            home.new_inspection.connect(self.new_inspection)
            home.import_checklist.connect(self.import_checklist)
            home.show_ledger.connect(self.show_ledger)
            home.show_tasks.connect(lambda: self.show_page("TasksPage"))
            home.show_cadence.connect(lambda: self.show_page("CadencePage"))
            home.backup.connect(self.backup_to_folder)
            fill_tab(self.tabs, HOME_TAB, home)
            self._home = home
        return self._home

    # ---- navigation ------------------------------------------------------------------------------

    def show_home(self) -> None:
        self._leave_inspection()
        self.tabs.setCurrentWidget(self.home)

    def show_ledger(self) -> None:
        ledger = self.page("LedgerPage")
        if ledger is None:
            return
        self._leave_inspection()
        self.tabs.setCurrentWidget(ledger)

    def show_page(self, cls: str) -> QWidget | None:
        """Bring the tab of the screen named `cls` to the front (built now if it was not yet)."""
        page = self.page(cls)
        if page is not None:
            self._leave_inspection()
            self.tabs.setCurrentWidget(page)
        return page

    def _leave_inspection(self) -> None:
        if self.inspection_page is not None:
            self.inspection_page.filling.flush_note()
        if self.tabs.currentIndex() == HOME_TAB:
            self.home  # noqa: B018 -- about to show
        self.stack.setCurrentWidget(self.tabs)

    def page(self, cls: str) -> QWidget | None:
        """The screen named `cls` ("LedgerPage", ...), built now if it was not yet."""
        for index, (_module, name) in list(self._lazy.items()):
            if name == cls:
                self._build_tab(index)
        return cast(QWidget | None, self.pages.get(cls))

    @property
    def ledger(self) -> QWidget | None:
        return cast(QWidget | None, self.pages.get("LedgerPage"))

    @property
    def checklists(self) -> QWidget | None:
        return cast(QWidget | None, self.pages.get("ChecklistsPage"))

    def _build_tab(self, index: int) -> None:
        if index not in self._lazy:
            return
        module, cls = self._lazy.pop(index)
        page = getattr(importlib.import_module(f"selfcheck.gui.{module}"), cls)(self.store)
        assert isinstance(page, QWidget) and isinstance(page, Screen)
        fill_tab(self.tabs, index, page)
        self.pages[cls] = page
        if cls == "CadencePage":  # it starts this month's check, which then opens in front
            cast(Any, page).open_inspection.connect(self.open_inspection)

    def catch_up(self) -> None:
        """Another program (the CLI, a worker's connection) may have written: if so, every screen hears it, and the
        stale ones repaint when shown. Asked when the window comes back to the front and when a tab is chosen."""
        if self.store.closed:  # the window is on its way out, or a restore is swapping the store
            return
        changes = self.store.outside_changes()
        if changes:
            ops.broadcast(changes)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.catch_up()
        super().changeEvent(event)

    def _tab_changed(self, index: int) -> None:
        self.catch_up()
        if index == HOME_TAB:
            self.home  # noqa: B018 -- built on first show
        if index in self._lazy:  # a screen built now reads the store as it is built; one shown again repaints if stale
            self._build_tab(index)
            self.tabs.setCurrentIndex(index)

    def open_inspection(self, inspection_id: int) -> InspectionPage:
        if self.inspection_page is not None:
            self.inspection_page.filling.flush_note()
            if self.inspection_page.inspection_id == inspection_id:
                self.stack.setCurrentWidget(self.inspection_page)
                self.inspection_page.filling.tree.setFocus()
                return self.inspection_page
            self.stack.removeWidget(self.inspection_page)
            self.inspection_page.deleteLater()
        page = InspectionPage(self.store, inspection_id)
        page.back.connect(self.show_home)
        page.saved_at.connect(self.saved.setText)
        self.inspection_page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        page.filling.tree.setFocus()
        return page

    def open_report(self, inspection_id: int) -> None:
        page = self.open_inspection(inspection_id)
        page.show_summary()

    def screens(self) -> Iterator[Screen]:
        """The screens built so far: each hears every change."""
        if self._home is not None:
            yield self._home
        yield from self.pages.values()
        if self.inspection_page is not None:
            yield self.inspection_page

    def _on_changes(self, changes: Changes, initiator: object | None) -> None:
        if self.store.closed:  # a window on its way out (or swapping in a restored store) hears nothing more
            return
        for screen in self.screens():
            screen.on_changes(changes, initiator)
        self.update_undo()

    # ---- actions ---------------------------------------------------------------------------------

    def new_inspection(self) -> None:
        from selfcheck.gui.dialogs.new_inspection_dialog import NewInspectionDialog

        dialog = NewInspectionDialog(self.store, self)
        dialog.accepted.connect(lambda: dialog.created and self._opened_from_dialog(dialog.created.id))
        dialog.open()
        self.new_dialog = dialog

    def _opened_from_dialog(self, inspection_id: int) -> None:
        self.open_inspection(inspection_id)
        self.activateWindow()  # the keyboard comes back to the list, not to nowhere

    def import_checklist(self) -> None:
        templates = self.page("ChecklistsPage")
        if templates is not None:
            self._leave_inspection()
            self.tabs.setCurrentWidget(templates)
            cast("ChecklistsPage", templates).import_file()

    def save_now(self) -> None:
        if self.inspection_page is not None:
            self.inspection_page.filling.flush_note()
        self.saved.setText(self.tr("全部内容已保存"))

    def print_current(self) -> None:
        page = self.inspection_page if self.stack.currentWidget() is self.inspection_page else None
        chosen = page.inspection_id if page is not None else self.home.selected_id()
        if chosen is None:
            return
        from selfcheck.gui.dialogs.print_report import print_with_dialog

        print_with_dialog(self, self.store, chosen)

    def backup_now(self) -> None:
        run_op(
            self,
            lambda: backup.make_backup(self.store.path.parent, "manual"),
            on_success=lambda path: self.saved.setText(self.tr("已备份：{name}").format(name=path.name if path else "")),
        )

    def backup_to_folder(self) -> None:
        if self.inspection_page is not None:
            self.inspection_page.filling.flush_note()
        from selfcheck.gui import school_data

        school_data.backup_to_folder(self, self.store)

    def restore_backup(self) -> None:
        if self.inspection_page is not None:
            self.inspection_page.filling.flush_note()
        desk_panel = getattr(self.pages.get("BureauPage"), "desk_panel", None)
        if desk_panel is not None:  # a backup may carry the bureau's desk: its file must not be held open meanwhile
            desk_panel.close_desk()  # (opened again when next shown)
        from selfcheck.gui import school_data

        restored = school_data.restore_from_file(self, self.store)
        if restored is not None:
            self.replace_store(restored)

    def replace_store(self, store: Store) -> None:
        """After a restore: the old store is closed; every screen is built again on the restored data."""
        if self.inspection_page is not None:
            self.stack.removeWidget(self.inspection_page)
            self.inspection_page.deleteLater()
            self.inspection_page = None
        self.stack.setCurrentWidget(self.tabs)
        self.store = store
        self._owns_store = True
        store.enable_undo()
        for index in [HOME_TAB, *self._screens]:
            fill_tab(self.tabs, index, QWidget())
        self._home = None
        self.pages = {}
        self._lazy = dict(self._screens)
        self.tabs.setCurrentIndex(HOME_TAB)
        self.home.refresh()
        self.update_undo()
        ops.broadcast(Changes(school=True, checklists=True, trust=True))

    def change_passphrase(self) -> None:
        from selfcheck.gui.dialogs.passphrase_dialog import PassphraseDialog

        if self.store.identity() is None:
            from selfcheck.gui import school_data

            school_data.export_encrypted_key(self, self.store)  # says there is no key yet, and where to make one
            return
        dialog = PassphraseDialog(self.store, self)
        dialog.accepted.connect(lambda: self.saved.setText(self.tr("口令已修改")))
        dialog.open()
        self.passphrase_dialog = dialog

    def export_key(self) -> None:
        from selfcheck.gui import school_data

        school_data.export_encrypted_key(self, self.store)

    def show_guide(self) -> None:
        from selfcheck.gui.dialogs.guide_dialog import GuideDialog

        dialog = GuideDialog(self)
        dialog.show()
        dialog.show_section(self._guide_section())  # once shown: the heading scrolled to the top of the view
        self.guide_dialog = dialog

    def _guide_section(self) -> str:
        """The user guide's section on the screen in front (F1 opens there)."""
        page = self.inspection_page
        if page is not None and self.stack.currentWidget() is page:
            return "2A.5" if page.tabs.currentIndex() == 1 else "2A.4"
        current = type(self.tabs.currentWidget()).__name__
        return {"LedgerPage": "12.", "ChecklistsPage": "16.", "BureauPage": "13."}.get(current, "2A.2")

    def show_shortcuts(self) -> None:
        from selfcheck.gui.dialogs.shortcuts_dialog import ShortcutsDialog, collect

        for _module, cls in list(self._lazy.values()):
            self.page(cls)  # a screen not yet built has its keys too
        note = "" if self.inspection_page is not None else self.tr("打开一次自查后，这里还会列出逐项填写时的按键。")
        dialog = ShortcutsDialog(collect(self), self, note)
        dialog.open()
        self.shortcuts_dialog = dialog

    # ---- undo ------------------------------------------------------------------------------------

    def _step_name(self) -> str | None:
        step = self.store.undo_step()
        if step is None:
            return None
        return step.en if current_language() == "en" else step.zh

    def update_undo(self) -> None:
        """The Edit menu's 撤销 names what it would undo, and is off when there is nothing."""
        name = self._step_name()
        self.undo_action.setEnabled(name is not None)
        self.undo_action.setText(self.tr("撤销{action}(&U)").format(action=name) if name else self.tr("撤销(&U)"))

    def undo(self) -> None:
        """Undo the last answer, ledger edit, clue step or task change, wherever it was made; every screen showing it
        repaints."""
        if self.inspection_page is not None:
            self.inspection_page.filling.flush_note()  # a note still being typed is the last change: saved, then undone
        name = self._step_name()
        if name is None:
            self.saved.setText(self.tr("没有可撤销的操作"))
            self.update_undo()
            return
        if run_op(self, self.store.undo) is not None:
            self.saved.setText(self.tr("已撤销{action}").format(action=name))
        self.update_undo()

    def find(self) -> None:
        """Ctrl+F, bound here once: the search of the screen shown (the filling list, the ledger, ...) takes the focus."""
        if self.inspection_page is not None and self.stack.currentWidget() is self.inspection_page:
            self.inspection_page.tabs.setCurrentWidget(self.inspection_page.filling)
            self.inspection_page.filling.focus_search()
            return
        shown = self.tabs.currentWidget()
        if isinstance(shown, Searchable):
            shown.focus_search()

    def open_settings(self) -> None:
        from selfcheck.gui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.store, self)
        dialog.open()
        self.settings_dialog = dialog

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from selfcheck import __version__

        QMessageBox.about(
            self,
            self.tr("关于学校自查"),
            self.tr("学校自查 {v}\n离线填写自查表、整改台账，生成签名的自查报告。\n数据文件夹：{d}").format(
                v=__version__, d=self.store.path.parent
            ),
        )

    # ---- window state ----------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = folder_settings(self.store.path.parent)
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            screen = self.screen().availableGeometry() if self.screen() else None
            if screen is None:
                self.resize(1100, 720)
            elif screen.width() < 1400 or screen.height() < 900:  # 1024×768, 1366×768: every pixel is needed
                self.resize(screen.size())
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
            else:
                self.resize(int(screen.width() * 0.8), int(screen.height() * 0.8))
        state = settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def showEvent(self, event: Any) -> None:
        if self.stack.currentWidget() is self.tabs and self.tabs.currentIndex() == HOME_TAB:
            self.home  # noqa: B018 -- what is about to show
        super().showEvent(event)
        if self.stack.currentWidget() is self.tabs and self.tabs.currentWidget() is self.home:
            self.home.focus_default()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.inspection_page is not None:
            self.inspection_page.filling.flush_note()
        settings = folder_settings(self.store.path.parent)
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.sync()
        if self._owns_store:
            self.store.close()  # the store opened on restored data is this window's own
        event.accept()

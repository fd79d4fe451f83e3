"""The checklists screen (检查表): installed checklists with their source, import, trusted bureau keys, updates."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QSettings,
    QSortFilterProxyModel,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core.changes import Changes
from selfcheck.core.records import ChecklistInfo, Inspection
from selfcheck.errors import ChecklistError, SelfcheckError
from selfcheck.gui.dialogs.import_dialog import ImportDialog, ImportErrorsDialog, TrustKeyDialog
from selfcheck.gui.dialogs.move_dialog import MoveDialog
from selfcheck.gui.models.checklists_model import SORT_ROLE, ChecklistsModel, column, short_fingerprint, source_text, when_text
from selfcheck.gui.ops import run_op, show_error
from selfcheck.gui.pages.page import Page
from selfcheck.gui.widgets.ask import confirm, open_path
from selfcheck.gui.widgets.empty_state import show_when_empty
from selfcheck.gui.widgets.record_table import record_table, select_row
from selfcheck.storage import Store, trust

if TYPE_CHECKING:
    from selfcheck.core.version_move import MovePlan, MoveResult
    from selfcheck.exchange.checklist_import import ImportPlan, ImportResult

# ---- what the page asks the user: functions of their own, so tests can answer them -------------------------------


def ask_open_path(parent: QWidget, folder: str) -> Path | None:
    """The checklist file to import; None when the user cancels."""
    return open_path(
        parent,
        QCoreApplication.translate("ChecklistsPage", "导入检查表"),
        folder,
        QCoreApplication.translate("ChecklistsPage", "检查表文件 (*.yaml *.yml *.json *.xlsx);;所有文件 (*)"),
    )


def ask_key_path(parent: QWidget, folder: str) -> Path | None:
    """The bureau's public key file (bureau.pub); None when the user cancels."""
    return open_path(
        parent,
        QCoreApplication.translate("ChecklistsPage", "选择教育局公钥文件"),
        folder,
        QCoreApplication.translate("ChecklistsPage", "教育局公钥 (*.pub *.pem);;所有文件 (*)"),
    )


# ---- work done in the worker thread, each with its own Store (SQLite connections stay in their thread) -----------

# Imported on the GUI thread before a worker starts: PySide6's import hook is not safe to run from a worker thread
# while the GUI thread runs Python (crashes are reported for it), so workers only run code already loaded.
_IMPORT_MODULES = ("selfcheck.exchange.checklist_import", "selfcheck.exchange.signed_checklist")
_WORKBOOK_MODULES = ("selfcheck.exchange.excel", "openpyxl", "openpyxl.packaging.extended")


def preload(workbook: bool = False) -> None:
    for name in _IMPORT_MODULES + (_WORKBOOK_MODULES if workbook else ()):
        importlib.import_module(name)


def _inspect_in_worker(store: Store, path: Path) -> ImportPlan:
    from selfcheck.exchange.checklist_import import inspect_checklist

    return inspect_checklist(store, path)


def _install_in_worker(store: Store, plan: ImportPlan, allow_unsigned: bool) -> ImportResult:
    from selfcheck.exchange.checklist_import import install_checklist

    return install_checklist(store, plan, allow_unsigned=allow_unsigned)


CHECKLISTS = Changes(checklists=True)


class ChecklistsPage(Page, QWidget):
    """The 检查表 screen. Its writes go through ops.run_op; it repaints when a broadcast touches checklists, trusted
    keys or inspections (the updates it offers)."""

    imported = Signal(object)  # ImportResult, after an install
    moved = Signal(object)  # MoveResult, after an inspection moved to a new version

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.busy = False
        self._offers: list[tuple[Inspection, str]] = []
        self._keys: list[trust.TrustedKey] = []
        self.model = ChecklistsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self._build()
        self.refresh()

    # ---- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        metrics = QFontMetrics(self.font())
        em = metrics.horizontalAdvance("检")

        intro = QLabel(
            self.tr("已安装的检查表和版本。教育局下发的新检查表用“导入检查表”安装；没有教育局签名的检查表标为“未签名”。")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.table = record_table(self.proxy, alternating=False)  # the unsigned rows' tint must stand out
        self.empty_state = show_when_empty(
            self.table, lambda: self.tr("还没有检查表。点“导入检查表”，安装教育局下发的检查表文件（.yaml 或 Excel）。")
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(column("id"), Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(metrics.lineSpacing() + 12)
        header = self.table.horizontalHeader()
        # every column but the title as wide as its longest text, so nothing a principal must read is cut
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(column("title"), QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(em * 3)
        self.table.setMinimumWidth(em * 48)
        layout.addWidget(self.table, 3)

        row = QHBoxLayout()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.notice, 1)
        self.update_button = QPushButton(self.tr("更新自查到新版本(&U)…"))
        self.update_button.setToolTip(self.tr("有进行中的自查使用旧版本检查表时，可在这里把它更新到新版本"))
        self.import_button = QPushButton(self.tr("导入检查表(&I)…"))
        self.import_button.setToolTip(self.tr("从 U 盘等处导入检查表文件（.yaml、教育局签名的 .signed.yaml 或 Excel .xlsx）"))
        self.remove_button = QPushButton(self.tr("删除此版本(&D)"))
        self.remove_button.setToolTip(self.tr("删除选中的、没有自查在用的检查表版本（随程序提供的不能删除）"))
        for button in (self.update_button, self.remove_button, self.import_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        layout.addLayout(row)

        box = QGroupBox(self.tr("受信任的教育局密钥"))
        keys = QVBoxLayout(box)
        about = QLabel(self.tr("由这些公钥签名的检查表可以直接安装。请只添加教育局发来的公钥（bureau.pub），并核对其指纹。"))
        about.setWordWrap(True)
        keys.addWidget(about)
        self.keys_table = QTableWidget(0, 3)
        self.keys_empty_state = show_when_empty(
            self.keys_table,
            lambda: self.tr("还没有受信任的教育局密钥。收到教育局的公钥文件（bureau.pub）后，点“添加”并核对指纹。"),
        )
        self.keys_table.setHorizontalHeaderLabels([self.tr("名称"), self.tr("指纹（SHA-256）"), self.tr("添加时间")])
        self.keys_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.keys_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.keys_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.keys_table.verticalHeader().setVisible(False)
        self.keys_table.setWordWrap(False)
        key_header = self.keys_table.horizontalHeader()
        key_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        key_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.keys_table.setMinimumHeight(metrics.lineSpacing() * 5)
        keys.addWidget(self.keys_table, 1)
        key_buttons = QHBoxLayout()
        self.keys_notice = QLabel()
        self.keys_notice.setWordWrap(True)
        key_buttons.addWidget(self.keys_notice, 1)
        self.add_key_button = QPushButton(self.tr("添加(&A)…"))
        self.remove_key_button = QPushButton(self.tr("移除(&R)"))
        for button in (self.add_key_button, self.remove_key_button):
            button.setAutoDefault(False)
            key_buttons.addWidget(button)
        keys.addLayout(key_buttons)
        layout.addWidget(box, 1)

        self.import_button.clicked.connect(self.import_file)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.update_button.clicked.connect(lambda: self.offer_updates())
        self.add_key_button.clicked.connect(self.add_key)
        self.remove_key_button.clicked.connect(self.remove_key)
        self.keys_table.itemSelectionChanged.connect(self._update_buttons)
        QWidget.setTabOrder(self.table, self.remove_button)
        QWidget.setTabOrder(self.remove_button, self.import_button)
        QWidget.setTabOrder(self.import_button, self.update_button)
        QWidget.setTabOrder(self.update_button, self.keys_table)
        QWidget.setTabOrder(self.keys_table, self.add_key_button)
        QWidget.setTabOrder(self.add_key_button, self.remove_key_button)

    # ---- reading --------------------------------------------------------------------------------

    def shows(self, changes: Changes) -> bool:
        return bool(changes.checklists or changes.trust or changes.inspections)

    def refresh(self) -> None:
        """Re-read the installed checklists, their provenance, the trusted keys and the pending updates."""
        try:
            infos = self.store.checklists()
            provenances = self.store.provenances()
            keys = self.store.trusted_keys()
            pending = self.pending_updates()
        except SelfcheckError as exc:
            show_error(self, exc)
            return
        self.model.set_rows(infos, provenances)
        self._keys = keys
        self.keys_table.setRowCount(len(keys))
        for n, key in enumerate(keys):
            for c, text in enumerate((key.name or self.tr("（未命名）"), key.fingerprint, when_text(key.added_at))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.keys_table.setItem(n, c, item)
        self.update_button.setEnabled(bool(pending))
        self.update_button.setVisible(bool(pending))
        self._update_buttons()

    def pending_updates(self, template_id: str | None = None) -> list[tuple[Inspection, str]]:
        """In-progress inspections whose checklist has a newer installed version: (inspection, newest version)."""
        return self.store.pending_updates(template_id)

    def selected_key(self) -> trust.TrustedKey | None:
        rows = self.keys_table.selectionModel().selectedRows()
        return self._keys[rows[0].row()] if rows and rows[0].row() < len(self._keys) else None

    def select(self, template_id: str, version: str) -> bool:
        return select_row(self.table, self.model.row_of(template_id, version))

    def selected_checklist(self) -> tuple[ChecklistInfo, str] | None:
        """The selected checklist version and its provenance kind."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = self.proxy.mapToSource(rows[0]).row()
        return self.model.info(row), self.model.kind(row)

    def _update_buttons(self) -> None:
        self.remove_key_button.setEnabled(self.selected_key() is not None)
        self.import_button.setEnabled(not self.busy)
        chosen = self.selected_checklist()
        self.remove_button.setEnabled(not self.busy and chosen is not None and chosen[1] != "builtin")

    def remove_selected(self) -> None:
        """Remove the selected version after the user confirms; the store refuses one that inspections use."""
        chosen = self.selected_checklist()
        if chosen is None:
            return
        info = chosen[0]
        if not confirm(
            self,
            self.tr("删除检查表版本"),
            self.tr("删除检查表“{title}”版本 {version}？\n\n只有没有自查在用的版本可以删除；删除后可以重新导入。").format(
                title=info.title, version=info.version
            ),
        ):
            return
        if run_op(self, lambda: self.store.remove_checklist(info.template_id, info.version), changes=CHECKLISTS) is not None:
            self.notice.setText(self.tr("已删除 {title} 版本 {version}").format(title=info.title, version=info.version))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.notice.setStyleSheet("")
        if text or not busy:
            self.notice.setText(text)
        self._update_buttons()

    def _folder(self, key: str) -> str:
        saved = QSettings().value(key, "")
        if isinstance(saved, str) and saved and Path(saved).is_dir():
            return saved
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation) or str(Path.home())

    # ---- import ---------------------------------------------------------------------------------

    def import_file(self) -> None:
        """Ask for a checklist file and import it (the menu's and the home page's 导入检查表)."""
        if self.busy:
            return
        path = ask_open_path(self, self._folder("templates/import_folder"))
        if path is not None:
            QSettings().setValue("templates/import_folder", str(path.parent))
            self.import_path(path)

    def import_path(self, path: str | Path) -> None:
        """Check the file in a worker, then show what installing it would do."""
        if self.busy:
            return
        p = Path(path)
        self._set_busy(True, self.tr("正在检查 {name}…").format(name=p.name))
        try:
            preload(workbook=p.suffix.lower() == ".xlsx")
        except ImportError as exc:
            self._set_busy(False)
            show_error(self, exc)
            return
        run_op(
            self,
            lambda store: _inspect_in_worker(store, p),
            in_thread=True,
            folder=self.store.path.parent,
            on_success=self._inspected,
            on_failure=lambda exc: self._inspect_failed(p, exc),
        )

    def _inspected(self, plan: ImportPlan) -> None:
        self._set_busy(False)
        if plan.refused:
            self._warn(self.tr("未导入 {name}：见对话框中的原因").format(name=Path(plan.path).name))
        dialog = ImportDialog(plan, self)
        dialog.confirmed.connect(lambda allow: self._install(plan, allow))
        self._open(dialog)

    def _inspect_failed(self, path: Path, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ChecklistError) and exc.problems:
            self._warn(self.tr("{name} 有 {n} 处错误，未导入").format(name=path.name, n=len(exc.problems)))
            dialog = ImportErrorsDialog(str(path), exc.problems, self)
            dialog.retry.connect(lambda: self.import_path(path))
            self._open(dialog)
            return
        self._warn(self.tr("未导入 {name}").format(name=path.name))
        show_error(self, exc)

    def _install(self, plan: ImportPlan, allow_unsigned: bool) -> None:
        if self.busy:
            return
        self._set_busy(True, self.tr("正在安装…"))
        run_op(
            self,
            lambda store: _install_in_worker(store, plan, allow_unsigned),
            in_thread=True,
            folder=self.store.path.parent,
            changes=CHECKLISTS,
            on_success=self._installed,
            on_failure=self._install_failed,
        )

    def _installed(self, result: ImportResult) -> None:
        self._set_busy(False)  # the broadcast has repainted the list
        t = result.template
        self.select(t.id, t.version)
        label = source_text(result.provenance)
        if result.installed:
            self.notice.setText(
                self.tr("已安装《{title}》版本 {version}（{source}）").format(title=t.title, version=t.version, source=label)
            )
        else:
            self.notice.setText(
                self.tr("《{title}》版本 {version} 已经安装（{source}）").format(title=t.title, version=t.version, source=label)
            )
        self.imported.emit(result)
        if result.installed:
            self.offer_updates(t.id)

    def _install_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._warn(self.tr("未安装"))
        show_error(self, exc)

    def _warn(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setStyleSheet("color: #8c1d18;")

    # ---- moving in-progress inspections to a new version ----------------------------------------

    def offer_updates(self, template_id: str | None = None) -> int:
        """Offer, one dialog after another, to move each in-progress inspection to its checklist's newest version."""
        try:
            self._offers = self.pending_updates(template_id)
        except SelfcheckError as exc:
            show_error(self, exc)
            return 0
        count = len(self._offers)
        self._next_offer()
        return count

    def _next_offer(self) -> None:
        while self._offers:
            inspection, version = self._offers.pop(0)
            try:
                plan = self.store.plan_move(inspection.id, version, template_id=inspection.template_id)
                old = self.store.checklist(inspection.template_id, inspection.template_version)
                new = self.store.checklist(inspection.template_id, version)
            except SelfcheckError as exc:  # it moved or completed meanwhile: say why and go on
                show_error(self, exc)
                continue
            dialog = MoveDialog(plan, old, new, inspection.period, self)
            dialog.confirmed.connect(lambda p=plan: self._move(p))
            dialog.rejected.connect(self._next_offer)
            self._open(dialog)
            return

    def _move(self, plan: MovePlan) -> None:
        self._set_busy(True, self.tr("正在更新自查…"))
        importlib.import_module("selfcheck.storage.backup")  # loaded here, not in the worker (see preload)
        run_op(  # the store makes a backup before the move
            self,
            lambda store: store.move_to_version(plan.inspection_id, plan.to_version, template_id=plan.template_id),
            in_thread=True,
            folder=self.store.path.parent,
            on_success=self._moved,
            on_failure=self._move_failed,
        )

    def _moved(self, result: MoveResult) -> None:
        self._set_busy(False)
        plan = result.plan
        self.notice.setText(
            self.tr("自查已更新到版本 {v}：保留答案 {kept} 个（其中需复核 {flagged} 个），移除 {dropped} 个").format(
                v=plan.to_version, kept=len(plan.kept), flagged=len(plan.flagged), dropped=len(plan.dropped)
            )
        )
        self.moved.emit(result)
        self._next_offer()

    def _move_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._warn(self.tr("自查未更新"))
        show_error(self, exc)
        self._next_offer()

    # ---- trusted bureau keys --------------------------------------------------------------------

    def add_key(self) -> None:
        """Pick a bureau.pub, show its fingerprint, trust it once the user confirms it matches the bureau's."""
        path = ask_key_path(self, self._folder("templates/key_folder"))
        if path is None:
            return
        QSettings().setValue("templates/key_folder", str(path.parent))
        self.add_key_from(path)

    def add_key_from(self, path: str | Path) -> None:
        from selfcheck.exchange import signed_checklist

        try:
            key, pem = signed_checklist.read_public_key(path)
            fingerprint = signed_checklist.fingerprint_of(key)
            known = self.store.trusted_key(fingerprint)
        except SelfcheckError as exc:
            show_error(self, exc)
            return
        if known is not None:
            self.keys_notice.setText(
                self.tr("这个公钥已经信任（{name}）").format(name=known.name or short_fingerprint(known.fingerprint))
            )
            return
        dialog = TrustKeyDialog(str(path), fingerprint, self)
        dialog.accepted.connect(lambda: self._trust(fingerprint, pem.decode("ascii"), dialog.key_name()))
        self._open(dialog)

    def _trust(self, fingerprint: str, pem: str, name: str) -> None:
        added = run_op(self, lambda: self.store.add_trusted_key(fingerprint, pem, name or None), changes=Changes(trust=True))
        if added is not None:
            key = added[0]
            self.keys_notice.setText(self.tr("已信任公钥 {name}").format(name=key.name or short_fingerprint(key.fingerprint)))

    def remove_key(self) -> None:
        key = self.selected_key()
        if key is None:
            return
        label = key.name or short_fingerprint(key.fingerprint)
        if not confirm(
            self,
            self.tr("移除受信任的公钥"),
            self.tr(
                "不再信任公钥“{name}”？\n指纹：{fp}\n\n已安装的检查表不受影响；以后由它签名的检查表将不能导入，直到再次信任它。"
            ).format(name=label, fp=key.fingerprint),
        ):
            return
        if run_op(self, lambda: self.store.remove_trusted_key(key.fingerprint), changes=Changes(trust=True)) is not None:
            self.keys_notice.setText(self.tr("已移除公钥 {name}").format(name=label))

"""The bureau's desk (本期台账) on the bureau page: pick a round (期次 and checklist), see who has submitted and who
has not, the ranking (overall, per 学区, the 自评/督评 gap), the overdue problems; import the roster; write the
missing list, the 通报 and the 督办单. The desk's database is its own file in the data folder (`storage/desk.py`);
this panel opens it on the GUI thread (a round's status at a county's scale is read in about 0.1 s)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core.changes import Changes
from selfcheck.core.desk import DEFAULT_UNIT, RoundStatus
from selfcheck.gui.models.desk_model import SORT_ROLE, DeskTableModel
from selfcheck.gui.ops import run_op
from selfcheck.gui.widgets.ask import open_path
from selfcheck.storage.desk import Desk

# ---- what the panel asks the user: functions of their own, so tests can answer them ------------------------------


def ask_roster(parent: QWidget, start: str) -> Path | None:
    return open_path(
        parent,
        QCoreApplication.translate("DeskPanel", "选择名册"),
        start,
        QCoreApplication.translate("DeskPanel", "Excel 工作簿 (*.xlsx)"),
    )


def ask_save(parent: QWidget, title: str, suggested: str, pattern: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
    return Path(name) if name else None


def ask_folder(parent: QWidget, title: str, start: str) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, start)
    return Path(name) if name else None


class DeskPanel(QWidget):
    def __init__(self, folder: Path, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder  # the data folder: the desk's database is bureau-desk.db in it
        self.status: RoundStatus | None = None
        self._desk: Desk | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        round_label = QLabel(self.tr("期次和检查表(&R)："))
        self.rounds = QComboBox()
        self.rounds.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rounds.setMinimumContentsLength(20)
        round_label.setBuddy(self.rounds)
        self.roster_button = QPushButton(self.tr("导入名册(&N)…"))
        self.reviews_button = QPushButton(self.tr("归档督查意见(&V)…"))
        self.reviews_button.setToolTip(self.tr("学区、督查组等签名的督查意见（PDF）：逐一验证后放在所督查的学校报告旁"))
        top.addWidget(round_label)
        top.addWidget(self.rounds, 1)
        top.addWidget(self.roster_button)
        top.addWidget(self.reviews_button)
        self.ca_button = QPushButton(self.tr("证书机构(&K)…"))
        self.ca_button.setToolTip(self.tr("教育局证书机构：为名册中的学校签发签名证书"))
        top.addWidget(self.ca_button)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)

        self.tabs = QTabWidget()
        self.ranking_model = DeskTableModel("ranking", self)
        self.missing_model = DeskTableModel("missing", self)
        self.overdue_model = DeskTableModel("overdue", self)
        self.sections_model = DeskTableModel("sections", self)
        self.ranking = self._view(self.ranking_model)
        self.missing = self._view(self.missing_model)
        self.overdue = self._view(self.overdue_model)
        self.sections = self._view(self.sections_model)
        self.tabs.addTab(self.ranking, self.tr("排名"))
        self.tabs.addTab(self.missing, self.tr("未提交"))
        self.tabs.addTab(self.overdue, self.tr("逾期问题"))
        self.tabs.addTab(self.sections, self.tr("各部分得分"))
        layout.addWidget(self.tabs, 1)

        bottom = QHBoxLayout()
        unit_label = QLabel(self.tr("发文单位(&U)："))
        saved = str(QSettings().value("desk/unit", "") or "")  # what the clerk typed last time, kept
        self.unit_edit = QLineEdit(saved or unit or DEFAULT_UNIT)
        unit_label.setBuddy(self.unit_edit)
        self.missing_button = QPushButton(self.tr("未提交名单(&L)…"))
        self.bulletin_button = QPushButton(self.tr("生成通报(&B)…"))
        self.chase_button = QPushButton(self.tr("生成督办单(&H)…"))
        bottom.addWidget(unit_label)
        bottom.addWidget(self.unit_edit, 1)
        for b in (self.roster_button, self.reviews_button, self.ca_button, self.missing_button, self.bulletin_button,
                  self.chase_button):  # fmt: skip
            b.setAutoDefault(False)
        for b in (self.missing_button, self.bulletin_button, self.chase_button):
            bottom.addWidget(b)
        layout.addLayout(bottom)

        self.rounds.currentIndexChanged.connect(lambda _i: self.show_round())
        self.unit_edit.textChanged.connect(lambda text: QSettings().setValue("desk/unit", text.strip()))
        self.roster_button.clicked.connect(self.import_roster)
        self.reviews_button.clicked.connect(self.file_reviews)
        self.ca_button.clicked.connect(self.certificate_authority)
        self.missing_button.clicked.connect(self.write_missing)
        self.bulletin_button.clicked.connect(self.write_bulletin)
        self.chase_button.clicked.connect(self.write_chase)

    def _view(self, model: DeskTableModel) -> QTableView:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        view = QTableView()
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the model's own order (rank) until a header is clicked
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    # ---- the desk -------------------------------------------------------------------------------------------

    def desk(self) -> Desk:
        if self._desk is None:
            self._desk = Desk.open(self.folder)
        return self._desk

    def close_desk(self) -> None:
        if self._desk is not None:
            self._desk.close()
            self._desk = None

    def shows(self, changes: Changes) -> bool:
        return changes.desk

    def refresh(self) -> None:
        """Read the rounds again, keeping the one chosen."""
        chosen = self.rounds.currentData()
        rounds = self.desk().rounds()
        self.rounds.blockSignals(True)
        self.rounds.clear()
        for period, checklist, title, count in rounds:
            self.rounds.addItem(
                self.tr("{period} · {title}（已提交 {count} 所）").format(period=period, title=title, count=count),
                (period, checklist),
            )
        at = self.rounds.findData(chosen) if chosen is not None else -1
        self.rounds.setCurrentIndex(at if at >= 0 else (0 if rounds else -1))
        self.rounds.blockSignals(False)
        self.show_round()

    def show_round(self) -> None:
        chosen = self.rounds.currentData()
        self.status = self.desk().round_status(*chosen) if chosen else None
        for model in (self.ranking_model, self.missing_model, self.overdue_model, self.sections_model):
            model.set_status(self.status)
        enabled = self.status is not None
        for b in (self.missing_button, self.bulletin_button):
            b.setEnabled(enabled)
        self.chase_button.setEnabled(enabled and bool(self.status and self.status.overdue))
        roster = len(self.desk().roster())
        if self.status is None:
            self.summary.setText(
                self.tr(
                    "名册 {roster} 所学校。还没有归档的报告：在“汇总 U 盘”中指定学校证书文件夹汇总后，报告归档到这里。"
                ).format(roster=roster)
            )
            return
        s = self.status
        self.summary.setText(
            self.tr(
                "名册 {roster} 所：已提交 {done} 所，未提交 {missing} 所；督查复核 {reviewed} 所；逾期问题 {overdue} 个"
            ).format(
                roster=s.roster_size,
                done=sum(1 for r in s.ranking if r.filed.on_roster),
                missing=len(s.missing),
                reviewed=len(s.reviewed),
                overdue=len(s.overdue),
            )
        )

    # ---- actions --------------------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.summary.setText(self.summary.text() + "\n" + text)

    def import_roster(self) -> None:
        path = ask_roster(self, str(Path.home()))
        if path is None:
            return
        from selfcheck.exchange.roster_xlsx import read_roster

        def done(result: object) -> None:
            self.refresh()
            added, updated = getattr(result, "added", 0), getattr(result, "updated", 0)
            self._say(self.tr("名册已导入：新增 {added} 所，更新 {updated} 所").format(added=added, updated=updated))

        run_op(self, lambda: self.desk().import_roster(read_roster(path), str(path)), on_success=done)

    def file_reviews(self) -> None:
        """Pick the folder of review files, then the reviewing units' certificates; verify and file them."""
        folder = ask_folder(self, self.tr("选择存放督查意见的文件夹"), str(Path.home()))
        if folder is None:
            return
        trust = ask_folder(self, self.tr("选择存放督查单位证书的文件夹"), str(folder))
        if trust is None:
            return
        from selfcheck.exchange.desk_reviews import file_reviews
        from selfcheck.exchange.intake.trust import load_trusted

        def done(result: object) -> None:
            self.refresh()
            filed, refused = getattr(result, "filed", 0), getattr(result, "refused", [])
            self._say(self.tr("已归档督查意见 {filed} 份，未采用 {refused} 个").format(filed=filed, refused=len(refused)))
            for name, reason in refused[:10]:
                self._say(f"  {name}: {reason}")

        run_op(self, lambda: file_reviews(self.desk(), [folder], load_trusted(trust)), on_success=done)

    def certificate_authority(self) -> None:
        """The bureau's CA: create it, export its root, issue a school's certificate (dialogs/desk_ca_dialog.py)."""
        from selfcheck.gui.dialogs.desk_ca_dialog import DeskCADialog

        DeskCADialog(self.desk(), self.unit(), self).exec()

    def write_missing(self) -> None:
        if self.status is None:
            return
        status = self.status
        from selfcheck.reports.bulletin import file_name

        path = ask_save(
            self,
            self.tr("未提交名单保存为"),
            str(Path.home() / file_name(status, "missing")),
            self.tr("Excel 工作簿 (*.xlsx)"),
        )
        if path is None:
            return
        from selfcheck.exchange.desk_xlsx import missing_workbook
        from selfcheck.reports.bulletin import file_name
        from selfcheck.reports.export import write_atomic

        def work() -> Path:
            return write_atomic(path, missing_workbook(status), overwrite=True)  # the save dialog asked already

        run_op(self, work, on_success=lambda p: self._say(self.tr("已写入 {path}").format(path=p)))

    def unit(self) -> str:
        return self.unit_edit.text().strip() or DEFAULT_UNIT

    def write_bulletin(self) -> None:
        if self.status is None:
            return
        status, unit = self.status, self.unit()
        from selfcheck.reports.bulletin import file_name, render_bulletin
        from selfcheck.reports.export import write_atomic

        path = ask_save(
            self, self.tr("通报保存为"), str(Path.home() / file_name(status, "bulletin")), self.tr("PDF 文件 (*.pdf)")
        )
        if path is None:
            return

        run_op(
            self,
            lambda: write_atomic(path, render_bulletin(status, unit), overwrite=True),
            on_success=lambda p: self._say(self.tr("通报已写入 {path}").format(path=p)),
        )

    def write_chase(self) -> None:
        if self.status is None or not self.status.overdue:
            return
        status, unit = self.status, self.unit()
        folder = ask_folder(self, self.tr("督办单保存到文件夹"), str(Path.home()))
        if folder is None:
            return
        from selfcheck.reports.bulletin import file_name, render_chase
        from selfcheck.reports.export import write_atomic

        def work() -> int:
            schools = status.overdue_by_school()
            for code, items in schools.items():
                write_atomic(
                    folder / file_name(status, "chase", items[0].school), render_chase(status, code, unit), overwrite=True
                )
            return len(schools)

        run_op(self, work, on_success=lambda n: self._say(self.tr("督办单 {n} 份已写入 {folder}").format(n=n, folder=folder)))

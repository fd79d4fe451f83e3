"""The bureau's intake screen (教育局汇总): verify every report on a USB stick and write the county summary workbook."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core.changes import Changes
from selfcheck.gui.i18n import current_language
from selfcheck.gui.ops import error_text, run_op, show_error
from selfcheck.gui.pages.page import Page
from selfcheck.gui.widgets.ask import confirm
from selfcheck.gui.widgets.empty_state import show_when_empty
from selfcheck.storage import Store

if TYPE_CHECKING:
    from selfcheck.exchange.collect import Intake, Report

OK_COLOUR = "#1b5e20"
BAD_COLOUR = "#8c1d18"


# ---- what the page asks the user: functions of their own, so tests can answer them -------------------------------


def ask_folder(parent: QWidget, title: str, start: str) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, start)
    return Path(name) if name else None


def ask_files(parent: QWidget, start: str) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(
        parent,
        QCoreApplication.translate("BureauPage", "选择报告文件"),
        start,
        QCoreApplication.translate("BureauPage", "PDF 报告 (*.pdf *.PDF);;所有文件 (*)"),
    )
    return [Path(n) for n in names]


def ask_save_path(parent: QWidget, suggested: str) -> Path | None:
    """Where to write the summary; the save dialog itself asks before replacing a file."""
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("BureauPage", "汇总表保存为"),
        suggested,
        QCoreApplication.translate("BureauPage", "Excel 工作簿 (*.xlsx)"),
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def open_path(path: Path) -> None:
    """Open a file or folder with the system's program (Excel for the workbook)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


# ---- the work, in the worker thread (no Store: intake reads files only) ------------------------------------------

# Imported on the GUI thread before the worker starts: PySide6 replaces __import__ with a hook that reads each new
# module's source, and that hook is not safe to run in a worker thread while the GUI thread runs Python (crashes are
# reported for it), so the worker only runs code already loaded.
_WORKER_MODULES = (
    "selfcheck.exchange.collect",
    "selfcheck.exchange.summary_xlsx",
    "selfcheck.exchange.desk_intake",
    "selfcheck.exchange.desk_xlsx",
    "selfcheck.storage.desk",
    "selfcheck.reports.verify",
    "selfcheck.reports.identity",
    "selfcheck.reports.export",
    "concurrent.futures.process",
    "multiprocessing",
    "asn1crypto.x509",
    "cryptography.hazmat.backends.openssl",
    "pyhanko.pdf_utils.reader",
    "pyhanko.pdf_utils.generic",
    "pyhanko.pdf_utils.filters",
    "pyhanko.sign.fields",
    "pyhanko.sign.validation",
    "pyhanko.sign.validation.errors",
    "pyhanko.sign.validation.pdf_embedded",
    "pyhanko.sign.validation.status",
    "pyhanko_certvalidator",
    "openpyxl",
    "openpyxl.styles",
    "openpyxl.utils",
    "openpyxl.packaging.extended",
    "encodings.utf_16_le",
)


def preload() -> None:
    """Import what the intake uses, on the calling (GUI) thread; about a second the first time, nothing after."""
    for name in _WORKER_MODULES:
        importlib.import_module(name)


def collect_and_write(
    paths: list[Path],
    trust_dir: Path | None,
    out: Path,
    overwrite: bool,
    cancel: Callable[[], bool],
    progress: Callable[[int, int], None],
    desk_folder: Path | None = None,
) -> tuple[Intake, Path]:
    """With a trust folder and `desk_folder`, each trusted report is filed into the desk as it is verified (its own
    connection, in this worker thread) and the workbook gets the desk's roster and review sheets."""
    from selfcheck.exchange.collect import Cancelled, collect
    from selfcheck.exchange.desk_intake import collect_into_desk
    from selfcheck.exchange.desk_xlsx import roster_sheets
    from selfcheck.exchange.summary_xlsx import write_summary
    from selfcheck.storage.desk import Desk

    if trust_dir is None or desk_folder is None:
        intake = collect(paths, trust_dir, progress=progress, cancel=cancel)
        if cancel():  # asked to stop after the last file: still nothing written
            raise Cancelled
        return intake, write_summary(intake, out, overwrite=overwrite)
    with Desk.open(desk_folder) as desk:
        intake = collect_into_desk(desk, paths, trust_dir, progress=progress, cancel=cancel).intake
        statuses = [desk.round_status(p, c) for p, c in sorted({(r.period, r.checklist_id) for r in intake.current})]
    return intake, write_summary(intake, out, overwrite=overwrite, extra=roster_sheets(statuses))


def score_text(r: Report) -> str:
    return f"{r.points:g} / {r.max:g}"


def percent_text(r: Report) -> str:
    return f"{r.percent:.1f}%" if r.percent is not None else "—"


class _Number(QTableWidgetItem):
    """A cell that sorts by its number, not its text."""

    def __init__(self, text: str, value: float) -> None:
        super().__init__(text)
        self.value = value
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, _Number):
            return self.value < other.value
        return super().__lt__(other)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class BureauPage(Page, QWidget):
    """教育局汇总: paths in, a verified intake and a workbook out. The store is not used (intake reads files only)."""

    collected = Signal(object)  # (Intake, Path) after a run that wrote the workbook

    SCHOOL_COLUMNS = 9

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.busy = False
        self.intake: Intake | None = None
        self.written: Path | None = None
        self._cancel = threading.Event()
        self._chosen_output: Path | None = None  # picked in the save dialog, which already asked about replacing
        self._build()
        self.refresh()

    # ---- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        from selfcheck.gui.pages.desk_panel import DeskPanel

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QTabWidget()
        intake_tab = QWidget()
        layout = QVBoxLayout(intake_tab)
        school = self.store.school()  # the unit's own profile names the bulletin's issuer (school set --name …教育局)
        self.desk_panel = DeskPanel(self.store.path.parent, school.name if school else "")
        self.pages.addTab(intake_tab, self.tr("汇总 U 盘"))
        self.pages.addTab(self.desk_panel, self.tr("本期台账"))
        outer.addWidget(self.pages)
        self.pages.currentChanged.connect(lambda _i: self.refresh())
        metrics = QFontMetrics(self.font())
        em = metrics.horizontalAdvance("检")
        intro = QLabel(
            self.tr(
                "汇总各校交来的自查报告：逐一严格验证签名，每校每张检查表每期只采用最新的一份，写成 Excel 汇总表。未通过验证的文件列在“未采用的文件”中，不计入任何数字。指定学校证书文件夹时，报告同时归档到“本期台账”；U盘上的督查意见用该文件夹下“督查单位”文件夹中的督查单位证书验证后，归档在所督查的报告旁。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        inputs = QGroupBox(self.tr("汇总什么"))
        form = QFormLayout(inputs)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.sources = QListWidget()
        self.sources.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.sources.setMinimumHeight(metrics.lineSpacing() * 3 + 8)
        self.sources.setMaximumHeight(metrics.lineSpacing() * 5 + 8)
        self.add_folder_button = QPushButton(self.tr("添加文件夹(&F)…"))
        self.add_folder_button.setToolTip(self.tr("如整个 U 盘：其中（含子文件夹）所有 PDF 报告都会检查"))
        self.add_files_button = QPushButton(self.tr("添加文件(&I)…"))
        self.remove_source_button = QPushButton(self.tr("移除(&M)"))
        source_buttons = QVBoxLayout()
        for b in (self.add_folder_button, self.add_files_button, self.remove_source_button):
            b.setAutoDefault(False)
            source_buttons.addWidget(b)
        source_buttons.addStretch(1)
        source_row = QHBoxLayout()
        source_row.addWidget(self.sources, 1)
        source_row.addLayout(source_buttons)
        sources_label = QLabel(self.tr("报告所在位置(&W)："))
        sources_label.setBuddy(self.sources)
        form.addRow(sources_label, source_row)

        self.trust_edit = QLineEdit()
        self.trust_edit.setPlaceholderText(self.tr("可不填：不填时只检查报告完整性，请在汇总表中核对证书指纹"))
        self.trust_edit.setClearButtonEnabled(True)
        self.trust_button = QPushButton(self.tr("浏览(&T)…"))
        self.trust_button.setAutoDefault(False)
        trust_row = QHBoxLayout()
        trust_row.addWidget(self.trust_edit, 1)
        trust_row.addWidget(self.trust_button)
        trust_label = QLabel(self.tr("学校证书文件夹(&C)："))
        trust_label.setBuddy(self.trust_edit)
        form.addRow(trust_label, trust_row)

        self.out_edit = QLineEdit()
        self.out_edit.setPlaceholderText(self.tr("汇总表文件（.xlsx）"))
        self.out_button = QPushButton(self.tr("另存为(&A)…"))
        self.out_button.setAutoDefault(False)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(self.out_button)
        out_label = QLabel(self.tr("汇总表保存为(&O)："))
        out_label.setBuddy(self.out_edit)
        form.addRow(out_label, out_row)
        layout.addWidget(inputs)

        run_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v / %m"))
        self.progress.setTextVisible(True)
        self.progress.setMinimumWidth(em * 16)
        self.start_button = QPushButton(self.tr("开始汇总(&S)"))
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("取消(&X)"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setEnabled(False)
        run_row.addWidget(self.progress, 1)
        run_row.addWidget(self.start_button)
        run_row.addWidget(self.cancel_button)
        layout.addLayout(run_row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        self.results = QTabWidget()
        self.schools = _table(
            [
                self.tr("学校"),
                self.tr("学校代码"),
                self.tr("检查表"),
                self.tr("期次"),
                self.tr("得分"),
                self.tr("得分率"),
                self.tr("等次"),
                self.tr("未销号问题"),
                self.tr("验证结果"),
            ]
        )
        self.rejected = _table([self.tr("文件"), self.tr("未采用的原因")])
        self.empty_states = [
            show_when_empty(self.sources, lambda: self.tr("添加存放报告的文件夹（如整个U盘）或报告文件")),
            show_when_empty(self.schools, lambda: self.tr("还没有汇总。先添加报告所在位置，再点“开始汇总”。")),
            show_when_empty(self.rejected, lambda: self.tr("没有未采用的文件。")),
        ]
        self.rejected.setWordWrap(True)
        self.results.addTab(self.schools, self.tr("学校"))
        self.results.addTab(self.rejected, self.tr("未采用的文件"))
        layout.addWidget(self.results, 1)

        open_row = QHBoxLayout()
        open_row.addStretch(1)
        self.open_button = QPushButton(self.tr("打开汇总表(&E)"))
        self.folder_button = QPushButton(self.tr("打开所在文件夹(&D)"))
        for b in (self.open_button, self.folder_button):
            b.setAutoDefault(False)
            b.setEnabled(False)
            open_row.addWidget(b)
        layout.addLayout(open_row)

        self.add_folder_button.clicked.connect(self.add_folder)
        self.add_files_button.clicked.connect(self.add_files)
        self.remove_source_button.clicked.connect(self.remove_sources)
        self.trust_button.clicked.connect(self.choose_trust)
        self.out_button.clicked.connect(self.choose_output)
        self.out_edit.textEdited.connect(lambda _text: setattr(self, "_chosen_output", None))
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(lambda: self.written is not None and open_path(self.written))
        self.folder_button.clicked.connect(lambda: self.written is not None and open_path(self.written.parent))
        self.sources.itemSelectionChanged.connect(self._update_buttons)

    def shows(self, changes: Changes) -> bool:
        return changes.desk  # the intake reads files; the desk tab shows the desk's database

    def refresh(self) -> None:
        self._update_buttons()
        if self.pages.currentWidget() is self.desk_panel:
            self.desk_panel.refresh()

    def _update_buttons(self) -> None:
        idle = not self.busy
        for w in (
            self.add_folder_button,
            self.add_files_button,
            self.trust_edit,
            self.trust_button,
            self.out_edit,
            self.out_button,
            self.sources,
        ):
            w.setEnabled(idle)
        self.remove_source_button.setEnabled(idle and bool(self.sources.selectedItems()))
        self.start_button.setEnabled(idle)
        self.cancel_button.setEnabled(self.busy)
        done = idle and self.written is not None
        self.open_button.setEnabled(done)
        self.folder_button.setEnabled(done)

    # ---- choosing -------------------------------------------------------------------------------

    def _start_folder(self) -> str:
        saved = QSettings().value("bureau/folder", "")
        if isinstance(saved, str) and saved and Path(saved).is_dir():
            return saved
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation) or str(Path.home())

    def source_paths(self) -> list[Path]:
        return [Path(self.sources.item(n).text()) for n in range(self.sources.count())]

    def add_source(self, path: str | Path) -> None:
        text = str(path)
        if text not in {str(p) for p in self.source_paths()}:
            self.sources.addItem(text)
        if not self.out_edit.text().strip():
            self.out_edit.setText(str(self._suggested_output()))
        self._update_buttons()

    def _suggested_output(self) -> Path:
        """In the documents folder, not on the stick: the summary is the bureau's, the stick goes back to schools."""
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = Path(docs) if docs and Path(docs).is_dir() else Path.home()
        return folder / self.tr("自查汇总表.xlsx")

    def add_folder(self) -> None:
        folder = ask_folder(self, self.tr("选择存放报告的文件夹（如 U 盘）"), self._start_folder())
        if folder is not None:
            QSettings().setValue("bureau/folder", str(folder))
            self.add_source(folder)

    def add_files(self) -> None:
        for path in ask_files(self, self._start_folder()):
            QSettings().setValue("bureau/folder", str(path.parent))
            self.add_source(path)

    def remove_sources(self) -> None:
        for item in self.sources.selectedItems():
            self.sources.takeItem(self.sources.row(item))
        self._update_buttons()

    def choose_trust(self) -> None:
        folder = ask_folder(self, self.tr("选择存放各校证书（.pem）的文件夹"), self.trust_edit.text() or self._start_folder())
        if folder is not None:
            self.trust_edit.setText(str(folder))

    def choose_output(self) -> None:
        path = ask_save_path(self, self.out_edit.text() or str(self._suggested_output()))
        if path is not None:
            self.out_edit.setText(str(path))
            self._chosen_output = path

    # ---- running --------------------------------------------------------------------------------

    def _say(self, text: str, colour: str | None = None) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {colour};" if colour else "")

    def start(self) -> None:
        """Check the choices, then collect and write the workbook in a worker, the bar following each file."""
        if self.busy:
            return
        paths = self.source_paths()
        if not paths:
            self._say(self.tr("请先添加存放报告的文件夹（如 U 盘）或报告文件。"), BAD_COLOUR)
            self.add_folder_button.setFocus()
            return
        out_text = self.out_edit.text().strip()
        if not out_text:
            self._say(self.tr("请选择汇总表的保存位置。"), BAD_COLOUR)
            self.out_edit.setFocus()
            return
        out = Path(out_text)
        if out.suffix.lower() != ".xlsx":
            out = out.with_name(out.name + ".xlsx")
            self.out_edit.setText(str(out))
        overwrite = False
        if out.exists():
            if out != self._chosen_output and not confirm(
                self, self.tr("覆盖汇总表"), self.tr("{path} 已存在。要用这次的汇总覆盖它吗？").format(path=out)
            ):
                return
            overwrite = True
        trust_text = self.trust_edit.text().strip()
        trust_dir = Path(trust_text) if trust_text else None

        self.busy = True
        self.written = None
        self._cancel.clear()
        self._say(self.tr("正在准备…"))
        self._update_buttons()
        self.repaint()
        try:
            preload()
        except ImportError as exc:  # a broken installation: say so rather than crash in the worker
            self.busy = False
            self._update_buttons()
            show_error(self, exc)
            return
        self.progress.setRange(0, 0)  # busy until the walk has counted the files
        self.progress.setValue(0)
        self._say(self.tr("正在查找报告…"))
        self._update_buttons()
        cancel = self._cancel.is_set

        def work(progress: Callable[[int, int], None]) -> tuple[Intake, Path]:
            return collect_and_write(paths, trust_dir, out, overwrite, cancel, progress, self.store.path.parent)

        filed = Changes(desk=trust_dir is not None)
        run_op(self, work, in_thread=True, progress=self._progress, on_success=self._done, on_failure=self._failed, changes=filed)

    def _progress(self, done: int, total: int) -> None:
        if self.progress.maximum() != max(total, 1):
            self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if self._cancel.is_set():
            return
        if done >= total:
            self._say(self.tr("已检查全部 {total} 个文件，正在写入汇总表…").format(total=total))
        else:
            self._say(self.tr("正在验证报告：{done} / {total}").format(done=done, total=total))

    def cancel(self) -> None:
        if self.busy:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self._say(self.tr("正在取消…"))

    def _done(self, result: tuple[Intake, Path]) -> None:
        intake, path = result
        self.busy = False
        self.intake = intake
        self.written = path
        self.show_intake(intake)
        self._say(
            self.tr(
                "已检查 {files} 个文件：采用 {current} 份报告（{schools} 所学校），未采用 {rejected} 个。汇总表已写入 {path}"
            ).format(
                files=intake.files, current=len(intake.current), schools=intake.schools, rejected=len(intake.rejected), path=path
            ),
            OK_COLOUR,
        )
        if intake.reviews:
            self.status.setText(
                self.status.text() + self.tr("\n督查意见 {n} 份已验证并归档到本期台账。").format(n=len(intake.reviews))
            )
        if intake.trust_dir is None:
            self.status.setText(
                self.status.text() + self.tr("\n未指定学校证书文件夹：只检查了报告的完整性，请在汇总表中核对各校证书指纹。")
            )
        self._update_buttons()
        self.results.setCurrentWidget(self.schools)
        self.collected.emit(result)

    def _failed(self, exc: BaseException) -> None:
        from selfcheck.exchange.collect import Cancelled

        self.busy = False
        if self.progress.maximum() == 0:
            self.progress.setRange(0, 1)
        self._update_buttons()
        if isinstance(exc, Cancelled):
            self._say(self.tr("已取消，没有写入汇总表。"))
            return
        self._say(error_text(exc), BAD_COLOUR)
        show_error(self, exc)

    # ---- showing --------------------------------------------------------------------------------

    def show_intake(self, intake: Intake) -> None:
        en = current_language() == "en"
        self.schools.setSortingEnabled(False)
        self.schools.setRowCount(len(intake.current))
        for row, r in enumerate(intake.current):
            verified = r.verified_en if en else r.verified_zh
            cells: list[QTableWidgetItem] = [
                QTableWidgetItem(r.school),
                QTableWidgetItem(r.code),
                QTableWidgetItem(f"{r.checklist_title} {r.checklist_version}"),
                QTableWidgetItem(r.period),
                _Number(score_text(r), r.points),
                _Number(percent_text(r), r.percent if r.percent is not None else -1.0),
                QTableWidgetItem(r.grade or "—"),
                _Number(str(r.problems_open), r.problems_open),
                QTableWidgetItem(verified),
            ]
            cells[-1].setForeground(Qt.GlobalColor.darkGreen if r.trusted else Qt.GlobalColor.darkYellow)
            for col, cell in enumerate(cells):
                cell.setToolTip(r.path if col == 0 else cell.text())
                self.schools.setItem(row, col, cell)
        self.schools.setSortingEnabled(True)
        self.rejected.setRowCount(len(intake.rejected))
        for row, rej in enumerate(intake.rejected):
            reason = rej.reason_en if en else rej.reason_zh
            for col, text in enumerate((rej.path, reason)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if col == 1:
                    cell.setForeground(Qt.GlobalColor.darkRed)
                self.rejected.setItem(row, col, cell)
        self.rejected.resizeRowsToContents()
        self.results.setTabText(0, self.tr("学校（{n}）").format(n=len(intake.current)))
        self.results.setTabText(1, self.tr("未采用的文件（{n}）").format(n=len(intake.rejected)))

"""Dialogs of checklist import: what a file is before it installs, its validation errors, trusting a bureau key."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfcheck.errors import Located

if TYPE_CHECKING:
    from selfcheck.exchange.checklist_import import ImportPlan

# Colours of the plan's verdict: calm green for a trusted install, amber for a risk the user takes, red for a refusal.
OK_STYLE = "background: #e6f4ea; color: #1b5e20; border: 1px solid #9ccc9f; border-radius: 4px; padding: 8px;"
WARN_STYLE = "background: #fff4e0; color: #7a4a00; border: 1px solid #f0b860; border-radius: 4px; padding: 8px;"
REFUSED_STYLE = "background: #fdecea; color: #8c1d18; border: 1px solid #e8a29c; border-radius: 4px; padding: 8px;"


def _language_en() -> bool:
    from selfcheck.gui.i18n import current_language

    return current_language() == "en"


def _wrapped(text: str = "", style: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    return label


def _min_width(widget: QWidget, chars: int) -> None:
    """Wide enough for `chars` Chinese characters at any scaling: measured, never a fixed pixel count."""
    widget.setMinimumWidth(widget.fontMetrics().horizontalAdvance("检") * chars)


class ImportDialog(QDialog):
    """What installing a checklist file would do, and the one button that does it (none when refused).

    Non-blocking: the page opens it with `open()`; `confirmed(allow_unsigned)` says the user agreed.
    """

    confirmed = Signal(bool)

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("导入检查表"))
        _min_width(self, 36)
        en = _language_en()
        layout = QVBoxLayout(self)

        template = plan.template
        heading = _wrapped(template.title if template is not None else Path(plan.path).name)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("文件："), _wrapped(plan.path))
        if plan.template_id is not None:
            form.addRow(self.tr("编号："), _wrapped(plan.template_id))
        if plan.version is not None:
            form.addRow(self.tr("版本："), _wrapped(plan.version))
        if template is not None:
            form.addRow(self.tr("发布单位："), _wrapped(template.issuer))
            form.addRow(self.tr("生效日期："), _wrapped(template.effective_date.isoformat()))
            form.addRow(self.tr("检查项："), _wrapped(self.tr("{n} 项").format(n=len(template.items()))))
        form.addRow(self.tr("来源："), _wrapped(self._source(plan)))
        if plan.key_fingerprint:
            form.addRow(self.tr("公钥指纹："), fingerprint_label(plan.key_fingerprint))
        if plan.installed_versions:
            form.addRow(self.tr("已安装版本："), _wrapped(self.tr("、").join(plan.installed_versions)))
        layout.addLayout(form)

        self.verdict = _wrapped()
        self.verdict.setObjectName("verdict")
        layout.addWidget(self.verdict)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.install_button: QPushButton | None = None
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.reject)

        if plan.refused:
            reason = (plan.reason_en if en else plan.reason_zh) or ""
            for prefix in (f"{plan.path}：", f"{plan.path}: "):  # the file is named just above
                reason = reason.removeprefix(prefix)
            self.verdict.setText(self.tr("不能导入：{reason}").format(reason=reason))
            self.verdict.setStyleSheet(REFUSED_STYLE)
            self.cancel_button.setText(self.tr("关闭"))
            self.cancel_button.setDefault(True)
        elif plan.status == "installed":
            self.verdict.setText(self.tr("这个版本已经安装，内容相同，无需再次安装。"))
            self.verdict.setStyleSheet(OK_STYLE)
            if plan.verified:
                # the bureau's signed copy of a checklist installed earlier: installing records the signature
                self.verdict.setText(self.tr("这个版本已经安装，内容相同。确认后记录它有教育局的有效签名。"))
                self.install_button = QPushButton(self.tr("记录签名(&R)"))
                self.install_button.setDefault(True)
            else:
                self.cancel_button.setText(self.tr("关闭"))
                self.cancel_button.setDefault(True)
        elif plan.signed:  # verified (a signed file that is not refused)
            what = self.tr("将作为新版本安装，已安装的版本保留。") if plan.status == "newer" else self.tr("将作为新检查表安装。")
            self.verdict.setText(self.tr("教育局签名有效，文件自签名后未被改动。") + what)
            self.verdict.setStyleSheet(OK_STYLE)
            self.install_button = QPushButton(self.tr("安装(&I)"))
            self.install_button.setDefault(True)
        else:
            self.verdict.setText(
                self.tr(
                    "注意：这个检查表没有教育局签名，无法确认它来自教育局、内容没有被改动过。只有在确认文件来源可靠时才安装。安装后，它在检查表列表和自查报告中都标注“未签名”。"
                )
            )
            self.verdict.setStyleSheet(WARN_STYLE)
            self.install_button = QPushButton(self.tr("仍然安装（未签名）(&U)"))
            # a risky choice is never the default: Enter cancels
            self.install_button.setAutoDefault(False)
            self.cancel_button.setDefault(True)

        if self.install_button is not None:
            self.install_button.clicked.connect(self._confirm)
            buttons.addWidget(self.install_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

    def _source(self, plan: ImportPlan) -> str:
        if plan.verified:
            name = plan.key_name or self.tr("未命名公钥")
            return self.tr("教育局签名有效（{name}）").format(name=name)
        if plan.signed:
            return self.tr("有签名，但未通过检查")
        return self.tr("未签名（无法确认来自教育局）")

    def _confirm(self) -> None:
        self.confirmed.emit(not self.plan.signed)
        self.accept()


class ImportErrorsDialog(QDialog):
    """A checklist file's validation errors as a table: file, line, column, field, message; copyable."""

    retry = Signal()

    COLUMNS = 5

    def __init__(self, path: str, problems: Sequence[Located], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.problems = list(problems)
        self.setWindowTitle(self.tr("检查表有错误"))
        en = _language_en()
        layout = QVBoxLayout(self)
        summary = _wrapped(
            self.tr("{file} 有 {n} 处错误，未导入，数据库没有任何改动。请按下表逐项改正后重新导入。").format(
                file=Path(path).name, n=len(self.problems)
            )
        )
        summary.setStyleSheet(REFUSED_STYLE)
        layout.addWidget(summary)

        self.table = QTableWidget(len(self.problems), self.COLUMNS)
        self.table.setHorizontalHeaderLabels([self.tr("文件"), self.tr("行"), self.tr("列"), self.tr("字段"), self.tr("说明")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        for row, p in enumerate(self.problems):
            sheet = str(getattr(p, "sheet", "") or "")
            file_text = Path(p.file).name + (f" › {sheet}" if sheet else "")
            column = str(p.column) if p.column else ""
            cell = str(getattr(p, "cell", "") or "")
            if cell:  # a workbook: the column as Excel names it
                column = cell.rstrip("0123456789")
            values = [
                file_text,
                str(p.line) if p.line else "",
                column,
                p.path or self.tr("（整个文件）"),
                p.en if en else p.zh,
            ]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(p.file if col == 0 else value)
                if col in (1, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        _min_width(self.table, 56)
        self.table.setMinimumHeight(self.table.fontMetrics().lineSpacing() * 12)
        layout.addWidget(self.table, 1)

        copy = QShortcut(QKeySequence.StandardKey.Copy, self.table)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)
        copy.activated.connect(self.copy_selected)

        buttons = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("复制全部(&C)"))
        self.copy_button.setToolTip(self.tr("复制为文本（每行：文件:行:列: 字段: 说明），可粘贴给检查表的发布单位"))
        self.copy_button.clicked.connect(self.copy_all)
        self.retry_button = QPushButton(self.tr("重新检查(&R)"))
        self.retry_button.setToolTip(self.tr("改正文件并保存后，再检查一次同一个文件"))
        self.retry_button.clicked.connect(self._retry)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(self.sizeHint().expandedTo(self.minimumSizeHint()))

    def text(self, rows: Sequence[int] | None = None) -> str:
        """The errors as lines "FILE:LINE:COLUMN: field: 中文 / English", as `checklist validate` prints them."""
        chosen = range(len(self.problems)) if rows is None else rows
        return "\n".join(str(self.problems[r]) for r in chosen)

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def copy_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        QGuiApplication.clipboard().setText(self.text(rows or None))

    def _retry(self) -> None:
        self.accept()
        self.retry.emit()


def group_fingerprint(fingerprint: str) -> str:
    """The fingerprint ("AB:CD:...") in groups of four bytes, four groups a line: easier to read aloud and compare."""
    parts = fingerprint.split(":")
    groups = [":".join(parts[i : i + 4]) for i in range(0, len(parts), 4)]
    return "\n".join("  ".join(groups[i : i + 4]) for i in range(0, len(groups), 4))


def fingerprint_label(fingerprint: str, scale: float = 1.0) -> QLabel:
    """The fingerprint in a fixed-width face, in groups, never wrapped inside a group: to be compared digit by digit."""
    label = QLabel(group_fingerprint(fingerprint))
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(False)
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    mono.setPointSizeF(max(mono.pointSizeF(), label.font().pointSizeF()) * scale)
    mono.setWeight(QFont.Weight.Bold)
    label.setFont(mono)
    return label


class TrustKeyDialog(QDialog):
    """Show a bureau key's fingerprint and trust it only once the user says it matches what the bureau announced."""

    def __init__(self, path: str, fingerprint: str, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.path = path
        self.fingerprint = fingerprint
        self.setWindowTitle(self.tr("信任教育局公钥"))
        _min_width(self, 34)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _wrapped(
                self.tr(
                    "只有经过信任的教育局公钥签名的检查表才能直接安装。请把下面的指纹与教育局公布的指纹（通知文件、电话或公告栏）逐段核对，完全一致才信任。"
                )
            )
        )
        layout.addWidget(_wrapped(self.tr("公钥文件：{path}").format(path=path)))
        self.fingerprint_label = fingerprint_label(fingerprint, 1.15)
        self.fingerprint_label.setAccessibleName(self.tr("公钥指纹"))
        self.fingerprint_label.setStyleSheet("padding: 6px; border: 1px solid #b0b0b0; border-radius: 4px;")
        layout.addWidget(self.fingerprint_label)

        form = QFormLayout()
        self.name = QLineEdit(name)
        self.name.setPlaceholderText(self.tr("如：某某县教育局"))
        name_label = QLabel(self.tr("名称(&N)："))
        name_label.setBuddy(self.name)
        form.addRow(name_label, self.name)
        layout.addLayout(form)

        self.matches = QCheckBox(self.tr("我已核对，指纹与教育局公布的完全一致(&M)"))
        layout.addWidget(self.matches)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.trust_button = QPushButton(self.tr("信任此公钥(&T)"))
        self.trust_button.setEnabled(False)
        self.trust_button.setDefault(True)
        self.trust_button.clicked.connect(self.accept)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.trust_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.matches.toggled.connect(self.trust_button.setEnabled)
        self.name.setFocus()

    def key_name(self) -> str:
        return self.name.text().strip()

"""Sign and export a quarterly summary or half-year assessment: choose the target (USB sticks first), enter the
passphrase, watch it work off the GUI thread (its own Store in the worker), see where it went."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core.changes import Changes
from selfcheck.gui.ops import error_text, run_op
from selfcheck.gui.widgets import drives
from selfcheck.storage import Store


def export_in_worker(store: Store, document_id: int, target: str, passphrase: str) -> Any:
    """Runs in the worker thread on the worker's own Store (see ops.run_op)."""
    from selfcheck.reports import period_service

    return period_service.export(store, document_id, target, passphrase=passphrase)


class PeriodExportDialog(QDialog):
    exported = Signal(object)

    def __init__(self, store: Store, document_id: int, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.document_id = document_id
        self.result_value: Any = None
        self.busy = False
        self.setWindowTitle(self.tr("签名并导出"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        about = QLabel(title)
        about.setWordWrap(True)
        self.readiness = QLabel()
        self.readiness.setWordWrap(True)
        self.readiness.setStyleSheet("color: #b3261e;")
        self.target = QComboBox()
        self.target.setEditable(True)
        self.target.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for t in drives.targets():
            self.target.addItem((self.tr("U盘：") if t.removable else "") + t.label, str(t.path))
        browse = QPushButton(self.tr("浏览(&B)…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.target, 1)
        row.addWidget(browse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("签名密钥口令"))
        self.passphrase.returnPressed.connect(self.start)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.export_button = QPushButton(self.tr("签名并导出(&S)"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        form = QFormLayout()
        form.addRow(self.tr("保存到(&T)："), row)
        form.addRow(self.tr("口令(&P)："), self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.readiness)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        missing = [] if store.identity() is not None else [self.tr("还没有签名密钥：请在“设置 → 签名密钥”中创建。")]
        self.readiness.setText("\n".join(missing))
        self.readiness.setVisible(bool(missing))
        self.export_button.setEnabled(not missing)
        self.passphrase.setFocus()

    def target_path(self) -> str:
        return drives.chosen_path(self.target)

    def _browse(self) -> None:
        drives.browse_into(self, self.target, self.tr("选择保存的文件夹"))

    def start(self) -> None:
        if self.busy or not self.export_button.isEnabled():
            return
        target = self.target_path()
        if not target:
            self.message.setText(self.tr("请选择保存位置。"))
            return
        if not self.passphrase.text():
            self.message.setText(self.tr("请输入签名口令。"))
            self.passphrase.setFocus()
            return
        self.busy = True
        for w in (self.export_button, self.target, self.passphrase, self.close_button):
            w.setEnabled(False)
        self.progress.setVisible(True)
        self.message.setText(self.tr("正在生成、签名并验证……"))
        passphrase, document_id = self.passphrase.text(), self.document_id
        run_op(
            self,
            lambda store: export_in_worker(store, document_id, target, passphrase),
            in_thread=True,
            folder=self.store.path.parent,
            changes=Changes(cadence=True),
            on_success=self._done,
            on_failure=self._failed,
        )

    def _finish(self) -> None:
        self.busy = False
        self.progress.setVisible(False)
        for w in (self.target, self.passphrase, self.close_button):
            w.setEnabled(True)

    def _done(self, exported: Any) -> None:
        self._finish()
        self.result_value = exported
        self.passphrase.clear()
        self.message.setText(
            self.tr("已签名、写入并验证通过：\n{path}\n证书指纹：{fp}").format(path=exported.path, fp=exported.fingerprint or "")
        )
        self.message.setStyleSheet("color: #1b6e2d;")
        self.export_button.setVisible(False)
        self.close_button.setText(self.tr("完成"))
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.exported.emit(exported)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.export_button.setEnabled(True)
        self.message.setText(error_text(exc))
        self.message.setStyleSheet("color: #b3261e;")
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def reject(self) -> None:
        if self.busy:
            return
        super().reject()

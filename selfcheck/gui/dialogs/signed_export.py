"""What every "sign and export" dialog shares: the target (USB sticks first) and the passphrase, the checks before
signing, the work off the GUI thread (its own Store in the worker), and the verified result or the error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from selfcheck.core.changes import Changes
from selfcheck.gui.ops import error_text, run_op
from selfcheck.gui.widgets import drives
from selfcheck.storage import Store


class SignedExportDialog(QDialog):
    """A subclass lays the widgets out and names the work: `_job`, `_changes`, `_inputs`, `_done_text`."""

    exported = Signal(object)
    store: Store

    def _build_common(self) -> QHBoxLayout:
        """The readiness line, target, passphrase, progress, message and the two buttons; returns the target row."""
        self.result_value: Any = None
        self.busy = False
        self.readiness = QLabel()
        self.readiness.setWordWrap(True)
        self.target = QComboBox()
        self.target.setEditable(True)
        self.target.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for t in drives.targets():
            self.target.addItem((self.tr("U盘：") if t.removable else "") + t.label, str(t.path))
        self.browse = QPushButton(self.tr("浏览(&B)…"))
        self.browse.clicked.connect(self._browse)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(self.browse)
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
        self.close_button.clicked.connect(self.reject)
        return target_row

    def _show_readiness(self, problems: list[str]) -> None:
        """What stops the signing (in red), or nothing; the export button only when nothing does."""
        self.readiness.setText("\n".join(problems))
        self.readiness.setStyleSheet("color: #b3261e;" if problems else "")
        self.readiness.setVisible(bool(problems))
        self.export_button.setEnabled(not problems)

    def _key_missing(self) -> list[str]:
        if self.store.identity() is None:
            return [self.tr("还没有签名密钥：请在“设置 → 签名密钥”中创建。")]
        return []

    def target_path(self) -> str:
        return drives.chosen_path(self.target)

    def _browse(self) -> None:
        drives.browse_into(self, self.target, self._browse_title())

    # ---- what a subclass names ----------------------------------------------------------------------------

    def _browse_title(self) -> str:
        return self.tr("选择保存的文件夹")

    def _busy_text(self) -> str:
        return self.tr("正在生成、签名并验证……")

    def _ready_to_start(self) -> bool:
        """Last writes before signing; False stops (the reason was shown)."""
        return True

    def _inputs(self) -> list[QWidget]:
        """What is disabled while the export runs (the export button first)."""
        raise NotImplementedError

    def _job(self, target: str, passphrase: str) -> Callable[[Store], Any]:
        """The export, run in the worker on the worker's own Store."""
        raise NotImplementedError

    def _changes(self) -> Changes:
        raise NotImplementedError

    def _done_text(self, exported: Any) -> str:
        raise NotImplementedError

    def _after_done(self) -> None:
        """What else the dialog shows once the file is signed and verified."""

    # ---- the export ---------------------------------------------------------------------------------------

    def start(self) -> None:
        if self.busy or not self.export_button.isEnabled():
            return
        target = self.target_path()
        if not target:
            self.message.setText(self.tr("请选择保存位置。"))
            self.target.setFocus()  # where the keys are needed: type a folder, or Alt+B to browse
            return
        if not self.passphrase.text():
            self.message.setText(self.tr("请输入签名口令。"))
            self.passphrase.setFocus()
            return
        if not self._ready_to_start():
            return
        self.busy = True
        for w in self._inputs():
            w.setEnabled(False)
        self.progress.setVisible(True)
        self.message.setText(self._busy_text())
        run_op(
            self,
            self._job(target, self.passphrase.text()),
            in_thread=True,
            folder=self.store.path.parent,
            changes=self._changes(),
            on_success=self._done,
            on_failure=self._failed,
        )

    def _finish(self) -> None:
        self.busy = False
        self.progress.setVisible(False)
        for w in self._inputs()[1:]:
            w.setEnabled(True)

    def _done(self, exported: Any) -> None:
        self._finish()
        self.result_value = exported
        self.passphrase.clear()
        self.message.setText(self._done_text(exported))
        self.message.setStyleSheet("color: #1b6e2d;")
        self.export_button.setVisible(False)
        self.close_button.setText(self.tr("完成"))
        self.close_button.setDefault(True)
        self.close_button.setFocus()  # the passphrase box had the keys and is empty now: Enter or Esc closes, Tab opens
        self._after_done()
        self.exported.emit(exported)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.export_button.setEnabled(True)
        self.message.setText(error_text(exc))
        self.message.setStyleSheet("color: #b3261e;")
        self.adjustSize()
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def reject(self) -> None:
        if self.busy:  # the export finishes (or fails) on its own; closing mid-write would hide its result
            return
        super().reject()

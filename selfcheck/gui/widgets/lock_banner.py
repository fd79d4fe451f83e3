"""The filling screen's word that a signed inspection is locked, with the way to reopen it (a new revision)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class LockBanner(QFrame):
    """Shown only while the inspection is locked; `reopen_button` is connected by the inspection screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.reopen_button = QPushButton(self.tr("重新打开（生成新修订版）…"))
        row.addWidget(self.label, 1)
        row.addWidget(self.reopen_button)
        self.setStyleSheet("QFrame { background: #fff4e5; border: 1px solid #f0c36d; }")

    def set_locked(self, locked: bool, revision: int) -> None:
        self.setVisible(locked)
        if locked:
            self.label.setText(
                self.tr(
                    "这次自查已签名导出（第 {n} 版），内容已锁定。如需修改，请重新打开，将生成新的修订版并记入修改记录。"
                ).format(n=revision)
            )

"""The filling screen's word on results that call for rectification but have no problem raised (issue 15.7): how
many, what it means for the report, a way to see them and a way to raise them all."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class UnraisedBanner(QFrame):
    """Hidden when nothing is left to raise. `show_them` and `raise_all` are the two buttons."""

    show_them = Signal()
    raise_all = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unraisedBanner")
        self.setStyleSheet("#unraisedBanner { background: #fdecea; border: 1px solid #e6a19a; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.show_button = QPushButton(self.tr("查看这些项(&Q)"))
        self.show_button.clicked.connect(self.show_them)
        self.raise_button = QPushButton(self.tr("全部提出整改问题(&R)"))
        self.raise_button.setToolTip(
            self.tr("为每一项提出一个整改问题，描述为检查内容加该项的说明；之后可在整改台账中补充措施、责任人和期限")
        )
        self.raise_button.clicked.connect(self.raise_all)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.show_button)
        row.addWidget(self.raise_button)
        self.hide()

    def set_count(self, count: int, locked: bool) -> None:
        self.label.setText(
            self.tr("有 {n} 项结果需要整改，但还没有提出整改问题：不提出，报告的问题清单和整改台账中就没有它们。").format(n=count)
        )
        self.raise_button.setEnabled(not locked)
        self.setVisible(count > 0)

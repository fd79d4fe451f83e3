"""A tip shown the first time a screen is used in a data folder, until it is dismissed ("知道了")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from selfcheck.gui.folder_settings import folder_settings


class FirstRunTip(QFrame):
    def __init__(self, data_folder: Path, key: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunTip")
        self.setStyleSheet("#firstRunTip { background: #eef5ff; border: 1px solid #9bbce8; }")
        self.data_folder = data_folder
        self.key = f"tips/{key}"
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.dismiss_button = QPushButton(self.tr("知道了"))
        self.dismiss_button.setAccessibleName(self.tr("关闭提示"))
        self.dismiss_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.dismiss_button)
        if self.seen(data_folder, key):  # never setVisible(True) here: without a parent yet, it would open as a window
            self.hide()  # of its own and take the activation from the main window

    @staticmethod
    def seen(data_folder: Path, key: str) -> bool:
        return bool(folder_settings(data_folder).value(f"tips/{key}", False, type=bool))

    def dismiss(self) -> None:
        settings = folder_settings(self.data_folder)
        settings.setValue(self.key, True)
        settings.sync()
        self.hide()

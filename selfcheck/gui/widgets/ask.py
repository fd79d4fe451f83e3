"""The questions a screen asks the user in a standard dialog. Each screen calls them through names of its own module,
so tests can answer for the user there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question; No is the default."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    return QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes


def open_path(parent: QWidget | None, title: str, folder: str, name_filter: str) -> Path | None:
    """A file to read, starting in `folder`; None when the user cancels."""
    name, _ = QFileDialog.getOpenFileName(parent, title, folder, name_filter)
    return Path(name) if name else None


def save_path(parent: QWidget | None, title: str, suggested: str | Path, name_filter: str, suffix: str) -> Path | None:
    """A file to write, suggested as `suggested`; `suffix` ("pem") is added to a name typed without one, before the
    dialog asks about replacing, so it asks about the right file. None when the user cancels."""
    dialog = QFileDialog(parent, title, str(suggested))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(name_filter)
    dialog.setDefaultSuffix(suffix)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])

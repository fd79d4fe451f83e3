"""What the app remembers per data folder rather than per user: the window's size and place, the tips already
shown. A PC shared by two schools (two data folders) keeps each its own; a school moved to a new PC by copying
its folder keeps them too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

FILE_NAME = "gui.ini"


def folder_settings(data_folder: Path) -> QSettings:
    return QSettings(str(data_folder / FILE_NAME), QSettings.Format.IniFormat)

"""What the app remembers per data folder rather than per user: the window's size and place, the tips already
shown, the drafts typed but not yet saved (pages/note_drafts.py, dialogs/report_draft.py). A PC shared by two
schools (two data folders) keeps each its own; a school moved to a new PC by copying its folder, or by its backup
(storage/school_backup.py carries this file), keeps them too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from selfcheck.storage.paths import SETTINGS_NAME

FILE_NAME = SETTINGS_NAME


def folder_settings(data_folder: Path) -> QSettings:
    return QSettings(str(data_folder / FILE_NAME), QSettings.Format.IniFormat)

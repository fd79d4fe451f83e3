"""Where the data lives: the user data folder, or --data-dir / SELFCHECK_DATA_DIR."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

DB_NAME = "selfcheck.db"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("SELFCHECK_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("selfcheck", appauthor=False))


def builtin_checklists_dir() -> Path:
    """The shipped checklists: beside the package in a checkout, or inside a frozen (PyInstaller) app."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "checklists"
    return Path(__file__).resolve().parent.parent.parent / "checklists"

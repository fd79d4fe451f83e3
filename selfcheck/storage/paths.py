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


def app_root() -> Path:
    """Where the shipped files are: the checkout (beside the package), or inside a frozen (PyInstaller) app."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent.parent


def builtin_checklists_dir() -> Path:
    return app_root() / "checklists"


def resources_dir() -> Path:
    """Fonts, translations and icons."""
    return app_root() / "resources"

"""Where the data lives: the user data folder, or --data-dir / SELFCHECK_DATA_DIR."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DB_NAME = "selfcheck.db"
SETTINGS_NAME = "gui.ini"  # the data folder's own settings (gui/folder_settings.py), carried by a school backup


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("SELFCHECK_DATA_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs  # only here: a command or a start given its folder does without it

    return Path(platformdirs.user_data_dir("selfcheck", appauthor=False))


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def private_dir(folder: Path) -> Path:
    """Create `folder` (and its parents) and make it the owner's alone (0700 on POSIX): the database, the encrypted
    key, backups and evidence files live under it. On Windows the default folder is in the user's profile
    (%LOCALAPPDATA%), which Windows already keeps to that user; modes are not used there."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        try:
            if folder.stat().st_uid == os.getuid() and folder.stat().st_mode & 0o077:
                folder.chmod(PRIVATE_DIR)
        except OSError:
            pass  # a folder we do not own (a shared --data-dir): leave it as its owner set it
    return folder


def private_file(path: Path) -> None:
    """Make an existing file the owner's alone (0600 on POSIX)."""
    if os.name == "posix":
        try:
            if path.exists() and path.stat().st_mode & 0o077:
                path.chmod(PRIVATE_FILE)
        except OSError:
            pass


def fsync_file(path: Path) -> None:
    """Flush an existing file's bytes to the disk."""
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def settle(part: Path, target: Path) -> None:
    """Put a fully written `part` in place as `target`: the owner's alone, flushed to the disk, then renamed over it in
    one step (a crash leaves the old file or the new one, never half of one)."""
    private_file(part)
    fsync_file(part)
    os.replace(part, target)


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


def user_guide() -> Path:
    """The Chinese user guide the app opens with F1 (build.spec ships it, with its screenshots)."""
    return app_root() / "docs" / "用户指南.md"

"""Backups of the database with SQLite's online backup API: on start, before risky operations, a few kept;
and the restore of the newest good one when the database cannot be opened."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from selfcheck.core import clock
from selfcheck.errors import StorageError
from selfcheck.storage.paths import DB_NAME, private_dir, settle

KEEP = 7


def backup_dir(data_folder: Path) -> Path:
    return data_folder / "backups"


def backups(data_folder: Path) -> list[Path]:
    """Newest first."""
    folder = backup_dir(data_folder)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("selfcheck-*.db"), key=lambda p: p.name, reverse=True)


def is_good(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("PRAGMA quick_check").fetchone()
            conn.execute("SELECT count(*) FROM inspections").fetchone()
            return row is not None and row[0] == "ok"
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a live database (SQLite's backup API, read-only on the source), made while other
    connections may be writing to it. sqlite3.Error or OSError when it cannot be made."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def make_backup(data_folder: Path, reason: str = "start", keep: int = KEEP) -> Path | None:
    """Copy the live database (consistent even while it is open elsewhere) into backups/; prune old ones.

    Returns None when there is no database yet. A backup that fails its own check is removed and reported.
    """
    source = data_folder / DB_NAME
    if not source.exists():
        return None
    folder = private_dir(backup_dir(data_folder))
    stamp = clock.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"selfcheck-{stamp}-{reason}.db"
    part = target.with_suffix(".part")
    try:
        copy_database(source, part)
        settle(part, target)
    except (sqlite3.Error, OSError) as exc:
        part.unlink(missing_ok=True)
        raise StorageError(f"备份数据库失败：{exc}", f"backing up the database failed: {exc}") from None
    for old in backups(data_folder)[keep:]:
        old.unlink(missing_ok=True)
    return target


def newest_good(data_folder: Path) -> Path | None:
    return next((b for b in backups(data_folder) if is_good(b)), None)


def restore(data_folder: Path, backup: Path) -> Path:
    """Put `backup` in place of the live database; the damaged one is kept beside it, renamed, never deleted."""
    if not is_good(backup):
        raise StorageError(f"备份文件不可用：{backup}", f"the backup is not usable: {backup}")
    live = data_folder / DB_NAME
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    kept = data_folder / f"selfcheck-damaged-{stamp}.db"
    try:
        if live.exists():
            os.replace(live, kept)
        for suffix in ("-wal", "-shm"):
            side = data_folder / (DB_NAME + suffix)
            if side.exists():
                os.replace(side, data_folder / f"selfcheck-damaged-{stamp}.db{suffix}")
        part = live.with_suffix(".restoring")
        shutil.copyfile(backup, part)
        settle(part, live)
    except OSError as exc:
        raise StorageError(f"恢复备份失败：{exc}", f"restoring the backup failed: {exc}") from None
    return kept

"""When the app reminds the principal of something not yet done: a backup that has left the PC."""

from __future__ import annotations

import datetime as dt

BACKUP_EVERY_DAYS = 30  # a school's data that never leaves one old PC is one broken disk from gone


def backup_due(last_off_pc: dt.date | None, today: dt.date) -> bool:
    """Whether to remind: no backup has gone to another disk (a USB stick, another PC) for 30 days, or ever."""
    return last_off_pc is None or (today - last_off_pc).days >= BACKUP_EVERY_DAYS

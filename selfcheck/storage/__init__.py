"""Storage: the only code that touches SQLite (through sqlite-utils)."""

from selfcheck.storage.store import Store

__all__ = ["Store"]

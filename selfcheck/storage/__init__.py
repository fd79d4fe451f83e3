"""Storage: the only code that touches SQLite (through sqlite-utils).

`Store` is loaded when first asked for (PEP 562), not with the package: a command that only reads the installed
checklists (`storage/catalogue.py`) does not pay for every part of the store and the rules they import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selfcheck.storage.store import Store

__all__ = ["Store"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from selfcheck.storage.store import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""The store: the one object through which every change to the data goes.

`Store` is put together from one part per concern, each in its own module, each a layer on the one before
(so each may use what the earlier ones offer):

    base.StoreBase           the connection, nested atomic units, the audit rows, what changed (`@writes`)
    checklists.ChecklistStore installed checklists, the shipped ones, their provenance
    trust.TrustStore         bureau keys trusted to sign checklists
    school.SchoolStore       the school's profile, images and signing identity
    inspections.InspectionStore  inspections and answers, complete, export record, reopen
    ledger.LedgerStore       problems: raise, edit, close out
    evidence.EvidenceStore   evidence files copied into the data folder
    version_move.VersionMoveStore  moving a draft to a newer checklist version
    audit.AuditStore         reading the audit log; noting a restore
    undo.UndoStore           Ctrl+Z for answers, ledger edits, clues and tasks
    reviews.ReviewStore      对标四查: reviews given (the reviewer's) and received (the school's), their ledger problems
    clues.ClueStore          the clue register (问题线索), on the ledger: joined in beside the chain
    tasks.TaskStore          responsibility lists: tasks and their dated progress
    cadence.CadenceStore     the rhythm, quarterly summaries and half-year assessments, what is due

The rules the later parts apply (core/clues.py, core/tasks.py, core/cadence.py, core/review.py) are imported by the
methods that use them, so opening the store does not load them; `selfcheck.storage` itself loads `Store` when it
is first named (`storage/__init__.py`).

No module outside `selfcheck/storage` writes SQL or touches the store's private members
(`tests/storage/test_one_writer.py`); every public write hands back what it changed.
"""

from __future__ import annotations

from pathlib import Path

from selfcheck.errors import StorageError
from selfcheck.storage import db as dbmod
from selfcheck.storage.cadence import CadenceStore
from selfcheck.storage.clues import ClueStore
from selfcheck.storage.paths import DB_NAME, data_dir
from selfcheck.storage.reviews import ReviewStore

__all__ = ["Store"]


class Store(ClueStore, ReviewStore, CadenceStore):
    """Open with `Store.open(data_dir)`; close with `close()` or use as a context manager."""

    @classmethod
    def open(cls, directory: str | Path | None = None, *, install_builtins: bool = True, check: bool = False) -> Store:
        """Open (creating) the database in the data folder. `check`: run SQLite's quick_check first (it reads every
        page: about 1 ms per MB), as the app does at start; a CLI command or a worker need not pay for it on every
        open. Damage that an open without the check reaches (the schema, the rows it reads) is still refused."""
        folder = data_dir(directory)
        path = folder / DB_NAME
        conn = dbmod.connect(path)
        store = cls(conn, path)
        with dbmod.preparing(conn, path, ("数据库", "the database")):
            if check:
                result = conn.execute("PRAGMA quick_check").fetchone()
                if result is None or result[0] != "ok":
                    raise StorageError(f"数据库已损坏：{path}", f"the database is damaged: {path}")
            dbmod.upgrade_schema(conn)
            if install_builtins and store._new_builtins():
                store.install_builtins()
        return store

    def close(self) -> None:
        self.conn.close()
        self._closed = True

    @property
    def closed(self) -> bool:
        """Closed (its window may still be on its way out, or the store swapped for a restored one)."""
        return self._closed

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

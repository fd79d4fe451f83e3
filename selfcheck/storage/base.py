"""What every part of the store shares: the connection, nested atomic units, the audit log, what changed.

One user action is one atomic unit. `atomic()` nests: the outermost unit is `BEGIN IMMEDIATE … COMMIT`, an
inner one a SAVEPOINT (as sqlite-utils' `db.atomic()` and Django's do), so a write method may call another
and an import of a checklist plus its provenance commit once, or not at all. Every row a unit writes to the
audit log carries the unit's number, so the log shows one action as one group.

Every public write method is decorated with `@writes`: it runs in its own unit and hands back what it
changed (`core.changes.Changes`) on its result: `result.changes` for a record or a list, a `Changed` value
when there is nothing else to return. `tests/storage/test_one_writer.py` checks that every public method is
either such a write or a read that cannot write.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from selfcheck.core.changes import NOTHING, Changed, ChangedList, Changes
from selfcheck.storage import db as dbmod
from selfcheck.storage.db import now

if TYPE_CHECKING:
    import sqlite_utils
    from _typeshed import DataclassInstance

P = ParamSpec("P")
R = TypeVar("R")
D = TypeVar("D", bound="DataclassInstance")

WRITE_MARK = "__selfcheck_write__"


def json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def stored_day(text: str | None) -> dt.date | None:
    """A stored ISO day, or None where the column is empty."""
    return dt.date.fromisoformat(text) if text else None


def record_from(cls: type[D], row: dict[str, Any], read: dict[str, Callable[[Any], Any]], **given: Any) -> D:
    """A core record built from a row whose columns bear its fields' names: each field's column as stored, or read
    through `read[field]` (a day's text, a JSON list, an enum) or `given` (what is no column of the row). A field
    with a default that the row has no column for (`changes`) keeps its default."""
    values = dict(given)
    for f in dataclasses.fields(cls):
        if f.name in values or (f.name not in row and _has_default(f)):
            continue
        values[f.name] = read[f.name](row[f.name]) if f.name in read else row[f.name]
    return cls(**values)


def _has_default(f: dataclasses.Field[Any]) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


class Unit:
    """One atomic unit in progress: what it has changed so far, whether every write in it can be undone."""

    def __init__(self, label: str | None) -> None:
        self.label = label
        self.changes: Changes = NOTHING
        self.undoable = True


def with_changes(result: Any, changes: Changes) -> Any:
    """Hand `changes` back on a write's result, whatever its shape."""
    if result is None:
        return Changed(changes)
    if isinstance(result, Changed):
        return dataclasses.replace(result, changes=changes)
    if isinstance(result, list):
        return ChangedList(result, changes)
    if dataclasses.is_dataclass(result) and not isinstance(result, type) and hasattr(result, "changes"):
        return dataclasses.replace(result, changes=changes)
    if isinstance(result, tuple) and result and hasattr(result[0], "changes"):  # (record, flag)
        return (with_changes(result[0], changes), *result[1:])
    return Changed(changes, result)


def writes(*, undoable: bool = False) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark a store method as a write: it runs in one atomic unit and its result carries what it changed.

    `undoable`: the unit only touches answers, problems, an inspection's status, clues or tasks, which Ctrl+Z can
    put back (storage/undo.py, `UNDO_TABLES`); any other write ends what can be undone.
    """

    def mark(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            store = args[0]
            assert isinstance(store, StoreBase)
            with store.atomic(method.__name__) as unit:
                if not undoable:
                    unit.undoable = False
                result = method(*args, **kwargs)
            return with_changes(result, unit.changes)  # type: ignore[no-any-return]

        setattr(run, WRITE_MARK, True)
        return run

    return mark


def writes_outside_unit(method: Callable[P, R]) -> Callable[P, R]:
    """Mark a write that does slow work (copying a file) before it opens its own unit, so the write lock is held
    only for the rows; it hands back `with_changes(result, unit.changes)` itself."""
    setattr(method, WRITE_MARK, True)
    return method


class StoreBase:
    """The connection and the machinery the store's parts (school, checklists, inspections, ledger, ...) share."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self._closed = False
        self.path = path
        self._units: list[Unit] = []
        self._audit_unit: int | None = None
        self._after_commit: list[Callable[[Unit], None]] = []
        self._seen_version = self._data_version()

    # Reads go through the connection itself, rows as dicts the way sqlite-utils gives them: opening the app and
    # showing an inspection needs nothing but sqlite3. Writes go through sqlite-utils' Database on the same
    # connection; it is loaded on the first write (or right after the app's window is shown), because importing it
    # takes about 0.1 s (it brings click, dateutil and pluggy along).
    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def _data_version(self) -> int:
        """SQLite's count of commits by other connections to this database (ours do not move it)."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def outside_changes(self) -> Changes:
        """What may have changed by another program (the CLI, a second window, a worker's connection) since this
        was last asked: everything, when any other connection has committed; nothing otherwise. One cheap query."""
        version = self._data_version()
        if version == self._seen_version:
            return NOTHING
        self._seen_version = version
        ids = [int(r[0]) for r in self.conn.execute("SELECT id FROM inspections")]
        problems = [int(r[0]) for r in self.conn.execute("SELECT id FROM problems")]
        reviews = [int(r[0]) for r in self.conn.execute("SELECT id FROM reviews")]
        clues = [int(r[0]) for r in self.conn.execute("SELECT id FROM clues")]
        tasks = [int(r[0]) for r in self.conn.execute("SELECT id FROM tasks")]
        return Changes(
            reviews=frozenset(reviews),
            school=True,
            checklists=True,
            trust=True,
            inspections=frozenset(ids),
            answers=frozenset(ids),
            evidence=frozenset(ids),
            problems=frozenset(problems),
            clues=frozenset(clues),
            tasks=frozenset(tasks),
            cadence=True,
        )

    def warm_up(self) -> None:
        """Load what the first write needs (sqlite-utils) now, e.g. right after the window is shown."""
        self.db  # noqa: B018

    def _query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        keys = [d[0] for d in cursor.description]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    def _rows(self, table: str, equal: dict[str, Any], *extra: tuple[str, Sequence[Any]]) -> Iterator[dict[str, Any]]:
        """`SELECT * FROM table` where each column in `equal` whose value is not None equals it, and each (condition,
        parameters) in `extra` holds, by id. The lists' filters, in SQL."""
        where = [(f"{column} = ?", [value]) for column, value in equal.items() if value is not None] + list(extra)
        sql = f"SELECT * FROM {table}" + (" WHERE " + " AND ".join(w for w, _ in where) if where else "") + " ORDER BY id"
        return self._query(sql, [p for _, params in where for p in params])

    # ---- atomic units ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def atomic(self, label: str | None = None) -> Iterator[Unit]:
        """One atomic unit: all of it is written, or none. Nests: an inner unit is a savepoint of the outer one,
        and what it changed becomes part of the outer unit's changes when it succeeds."""
        unit = Unit(label)
        outer = not self._units
        depth = len(self._units)
        try:
            self.conn.execute("BEGIN IMMEDIATE" if outer else f"SAVEPOINT unit{depth}")
        except dbmod.DB_ERRORS as exc:
            raise dbmod.write_failed(exc) from None
        self._units.append(unit)
        try:
            yield unit
        except BaseException as exc:
            self._units.pop()
            with contextlib.suppress(*dbmod.DB_ERRORS):  # SQLite may have rolled back already (disk full)
                if outer:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                else:
                    self.conn.execute(f"ROLLBACK TO unit{depth}")
                    self.conn.execute(f"RELEASE unit{depth}")
            if outer:
                self._audit_unit = None
                self._rolled_back()
            if isinstance(exc, dbmod.DB_ERRORS):
                raise dbmod.write_failed(exc) from None
            raise
        self._units.pop()
        try:
            self.conn.execute("COMMIT" if outer else f"RELEASE unit{depth}")
        except dbmod.DB_ERRORS as exc:
            with contextlib.suppress(*dbmod.DB_ERRORS):
                if outer and self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
            self._audit_unit = None
            raise dbmod.write_failed(exc) from None
        if outer:
            self._audit_unit = None
            for hook in self._after_commit:
                hook(unit)
        else:
            parent = self._units[-1]
            parent.changes |= unit.changes
            parent.undoable = parent.undoable and unit.undoable

    def _rolled_back(self) -> None:
        """Forget what was cached from a unit that was rolled back (the checklists' cache overrides it)."""

    def _changed(self, **what: Any) -> None:
        """Note in the current unit what this write changed (`Changes` fields; sets may be given as any iterable)."""
        assert self._units, "a write outside an atomic unit"
        values = {k: v if isinstance(v, bool) else frozenset(v) for k, v in what.items()}
        self._units[-1].changes |= Changes(**values)  # type: ignore[arg-type]

    def _audit(
        self, action: str, entity: str, entity_id: object, field: str | None, old: Any, new: Any, at: str | None = None
    ) -> None:
        """One audit row, part of the current unit (all rows of one unit share its number)."""
        assert self._units, "an audit row outside an atomic unit"
        if self._audit_unit is None:
            row = self.conn.execute("SELECT COALESCE(MAX(unit), 0) + 1 FROM audit").fetchone()
            self._audit_unit = int(row[0])
        self.conn.execute(
            "INSERT INTO audit (at, action, entity, entity_id, field, old, new, unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [at or now(), action, entity, str(entity_id), field, json_text(old), json_text(new), self._audit_unit],
        )

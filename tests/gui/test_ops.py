"""The one operation wrapper, the one changes broadcast and the screens' protocol, without windows; the checklists'
table model on its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWidget

from selfcheck.core.changes import NOTHING, Changed, Changes
from selfcheck.errors import RuleError
from selfcheck.gui import ops
from selfcheck.gui.models.checklists_model import (
    COLUMNS,
    KIND_ROLE,
    SORT_ROLE,
    UNSIGNED_BACKGROUND,
    ChecklistsModel,
    column,
    short_fingerprint,
)
from selfcheck.gui.pages.page import Page, Screen
from selfcheck.storage import Store


@pytest.fixture
def heard(qapp: Any) -> Any:
    got: list[tuple[Changes, object]] = []

    def record(changes: Changes, initiator: object) -> None:
        got.append((changes, initiator))

    ops.bus().changed.connect(record)
    yield got
    ops.bus().changed.disconnect(record)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    errors: list[BaseException] = []
    monkeypatch.setattr(ops, "show_error", lambda parent, exc, title=None: errors.append(exc))
    return errors


def test_a_quick_write_runs_at_once_and_broadcasts_what_it_changed(school_store: Store, heard: Any, shown: Any) -> None:
    store = school_store
    inspection = store.new_inspection("wuchawukan", "2026年秋季学期")
    item = store.checklist("wuchawukan").items()[0]
    seen: list[Any] = []
    initiator = object()
    change = ops.run_op(
        None, lambda: store.save_answer(inspection.id, item.id, "yes"), on_success=seen.append, initiator=initiator
    )
    assert change is not None and change.new.option == "yes"
    assert seen == [change]
    [(changes, who)] = heard
    assert who is initiator and (inspection.id, item.id) in changes.items and inspection.id in changes.answers
    assert shown == []


def test_a_refused_write_is_shown_and_nothing_is_broadcast(school_store: Store, heard: Any, shown: Any) -> None:
    failures: list[BaseException] = []

    def refused() -> None:
        raise RuleError("不可以", "not allowed")

    assert ops.run_op(None, refused) is None
    assert [str(e) for e in shown] == [str(RuleError("不可以", "not allowed"))] and heard == []
    assert ops.run_op(None, refused, on_failure=failures.append) is None
    assert len(failures) == 1 and len(shown) == 1  # on_failure replaces the error box


def test_changes_of_reads_what_every_kind_of_result_carries() -> None:
    some = Changes(checklists=True)
    assert ops.changes_of(some) is some
    assert ops.changes_of(Changed(some)) is some
    assert ops.changes_of("a path") is NOTHING and ops.changes_of(None) is NOTHING


def test_long_work_runs_in_a_worker_on_its_own_store(qtbot: Any, school_store: Store, heard: Any, shown: Any) -> None:
    folder = school_store.path.parent
    done: list[Any] = []
    steps: list[tuple[int, int]] = []

    def work(store: Store, progress: Any) -> Path:
        assert store is not school_store
        progress(1, 2)
        return store.path

    ops.run_op(
        None,
        work,
        in_thread=True,
        folder=folder,
        progress=lambda d, t: steps.append((d, t)),
        changes=Changes(checklists=True),
        on_success=done.append,
    )
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    assert done == [school_store.path] and steps == [(1, 2)]
    assert heard[-1][0] == Changes(checklists=True) and shown == []


def test_a_failure_in_a_worker_comes_back_to_the_gui_thread(qtbot: Any, heard: Any, shown: Any) -> None:
    def boom() -> None:
        raise RuleError("坏了", "broken")

    ops.run_op(None, boom, in_thread=True)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert isinstance(shown[0], RuleError) and heard == []


class _Shelf(Page, QWidget):
    """A screen that shows problems."""

    def __init__(self) -> None:
        super().__init__()
        self.refreshed = 0

    def shows(self, changes: Changes) -> bool:
        return bool(changes.problems)

    def refresh(self) -> None:
        self.refreshed += 1


def test_a_screen_repaints_only_what_touches_it_and_when_hidden_on_show(qtbot: Any) -> None:
    shelf = _Shelf()
    qtbot.addWidget(shelf)
    assert isinstance(shelf, Screen)
    shelf.on_changes(Changes(answers=frozenset({1})))
    assert shelf.refreshed == 0  # not what it shows
    shelf.on_changes(Changes(problems=frozenset({7})))
    assert shelf.refreshed == 0  # hidden: stale until shown
    shelf.show()
    assert shelf.refreshed == 1
    shelf.on_changes(Changes(problems=frozenset({8})))
    assert shelf.refreshed == 2  # shown: at once
    shelf.hide()
    shelf.show()
    assert shelf.refreshed == 2  # not stale: nothing to read again


# ---- the checklists' table model ---------------------------------------------------------------------------------


def test_checklists_model_rows_sorting_and_provenance(school_store: Store) -> None:
    infos = school_store.checklists()
    model = ChecklistsModel()
    model.set_rows(infos, school_store.provenances())
    assert model.rowCount() == len(infos) > 0 and model.columnCount() == len(COLUMNS)
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    first = infos[0]
    row = model.row_of(first.template_id, first.version)
    assert row is not None and model.info(row) == first
    assert model.data(model.index(row, column("id"))) == first.template_id
    assert model.data(model.index(row, column("items")), SORT_ROLE) == first.items
    assert model.data(model.index(row, column("source")), KIND_ROLE) == "builtin"
    assert model.data(model.index(row, column("source"))) == "内置"
    assert model.headerData(column("title"), Qt.Orientation.Horizontal) == "名称"
    assert model.data(QModelIndex()) is None
    assert model.row_of("no-such-checklist", "1") is None
    # A checklist with no provenance counts as unsigned and is marked so.
    model.set_rows(infos[:1], {})
    assert model.kind(0) == "unsigned"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) == UNSIGNED_BACKGROUND
    assert short_fingerprint("aa:bb:cc:dd:ee:ff") == "aa:bb:cc:dd…"

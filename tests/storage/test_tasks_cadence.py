"""The store's responsibility list and cadence: tasks from a problem or standalone, dated progress with evidence
copied in, the rhythm, what is due, the period documents locked once signed; each step audited, old data kept."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from selfcheck.core.cadence import DueState, Kind
from selfcheck.core.tasks import TaskState
from selfcheck.errors import NotFoundError, RuleError
from selfcheck.storage import Store
from selfcheck.storage import db as dbmod

D = dt.date


def test_a_task_from_a_problem_takes_its_owner_and_deadline(mini_store: Store) -> None:
    problem = mini_store.add_problem("课后服务收费未公示", owner="王老师", department="总务处", deadline=D(2026, 12, 15))
    task = mini_store.add_task(None, standard="公示栏和家长群同时公示", owner=None, deadline=None, problem_id=problem.id)
    assert (task.title, task.owner, task.department, task.deadline) == ("课后服务收费未公示", "王老师", "总务处", D(2026, 12, 15))
    assert task.problem_id == problem.id and task.created_on == D(2026, 11, 20)
    assert mini_store.tasks(problem_id=problem.id) == [task]
    with pytest.raises(NotFoundError):
        mini_store.add_task("x", standard="y", owner="z", deadline=D(2026, 12, 1), problem_id=999)


def test_progress_entries_with_evidence_and_the_audit_log(
    mini_store: Store, tmp_path: Path, set_today: Callable[[dt.date], None]
) -> None:
    task = mini_store.add_task("食堂台账", standard="每日台账齐全", owner="李华", deadline=D(2026, 12, 31), department="总务处")
    assert task.state(D(2026, 11, 20)) == TaskState.NOT_STARTED
    photo = tmp_path / "台账照片.jpg"
    photo.write_bytes(b"\xff\xd8 a photo")
    set_today(D(2026, 11, 25))
    done = mini_store.add_progress(task.id, percent=60, note="补齐十月台账", evidence=photo)
    assert done.percent == 60 and done.last_progress_on == D(2026, 11, 25) and done.changes.tasks == {task.id}
    entry = mini_store.progress(task.id)[0]
    assert (entry.note, entry.evidence_name) == ("补齐十月台账", "台账照片.jpg")
    kept = mini_store.progress_evidence(entry.id)
    assert kept is not None and kept.read_bytes() == photo.read_bytes() and kept.is_relative_to(mini_store.evidence_dir())
    photo.unlink()  # the stick is pulled out: the copy stays
    assert kept.is_file()
    # an entry dated earlier does not become the latest percent
    mini_store.add_progress(task.id, percent=20, note="十一月初开始", on=D(2026, 11, 21))
    assert mini_store.task(task.id).percent == 60
    with pytest.raises(RuleError, match="0 到 100"):
        mini_store.add_progress(task.id, percent=120, note="x")
    with pytest.raises(NotFoundError, match="找不到文件"):
        mini_store.add_progress(task.id, percent=70, note="x", evidence=tmp_path / "none.jpg")
    link = tmp_path / "link.jpg"
    link.symlink_to(kept)
    with pytest.raises(RuleError, match="不是普通文件"):
        mini_store.add_progress(task.id, percent=70, note="x", evidence=link)
    with pytest.raises(RuleError, match="不是普通文件"):
        mini_store.add_progress(task.id, percent=70, note="x", evidence=tmp_path)
    assert len(mini_store.progress(task.id)) == 2  # the refused ones left nothing
    rows = mini_store.conn.execute("SELECT action, field, new FROM audit WHERE entity = 'task' ORDER BY id").fetchall()
    assert [r[0] for r in rows] == ["add", "progress", "progress"]
    assert json.loads(rows[1][2])["evidence"] == "台账照片.jpg"
    set_today(D(2027, 1, 5))
    assert mini_store.task(task.id).state(D(2027, 1, 5)) == TaskState.OVERDUE
    mini_store.add_progress(task.id, percent=100, note="完成")
    assert mini_store.task(task.id).state(D(2027, 1, 5)) == TaskState.DONE


def test_update_task_audits_each_field(mini_store: Store) -> None:
    task = mini_store.add_task("公示", standard="每学期", owner="张明", deadline=D(2026, 12, 31))
    same = mini_store.update_task(task.id, owner="张明")
    assert not same.changes
    moved = mini_store.update_task(task.id, owner="李华", deadline=D(2027, 1, 15))
    assert (moved.owner, moved.deadline) == ("李华", D(2027, 1, 15))
    fields = [r[0] for r in mini_store.conn.execute("SELECT field FROM audit WHERE entity='task' AND action='update'")]
    assert sorted(fields) == ["deadline", "owner"]
    with pytest.raises(RuleError, match="责任人"):
        mini_store.update_task(task.id, owner=" ")


def test_rhythm_agenda_and_monthly_check(mini_store: Store, set_today: Callable[[dt.date], None]) -> None:
    assert mini_store.agenda() == []
    with pytest.raises(NotFoundError):
        mini_store.set_rhythm(monthly=True, quarterly=False, half_year=False, monthly_checklist="nope")
    rhythm = mini_store.set_rhythm(monthly=True, quarterly=True, half_year=True, monthly_checklist="mini").value
    assert rhythm.since == D(2026, 11, 1)
    due = mini_store.agenda()
    assert [(d.kind, d.state) for d in due] == [(Kind.MONTHLY, DueState.DUE)]
    inspection = mini_store.new_inspection("mini", "2026年11月月度检查")
    assert mini_store.agenda()[0].state == DueState.IN_PROGRESS
    set_today(D(2026, 12, 2))
    late = {(d.kind, d.period.label): d.state for d in mini_store.agenda()}
    assert late[(Kind.MONTHLY, "2026年11月")] == DueState.OVERDUE
    assert late[(Kind.MONTHLY, "2026年12月")] == DueState.DUE
    del inspection


def test_period_documents_edit_then_lock(mini_store: Store) -> None:
    mini_store.set_rhythm(monthly=False, quarterly=True, half_year=False, since=D(2026, 7, 1))
    doc = mini_store.open_period_document(Kind.QUARTERLY, D(2026, 10, 1), D(2026, 12, 31))
    assert mini_store.open_period_document(Kind.QUARTERLY, D(2026, 10, 1), D(2026, 12, 31)).id == doc.id
    edited = mini_store.set_period_text(doc.id, narrative="一、总体情况\n本季度……", addressee="城关县教育局")
    assert edited.narrative.startswith("一、") and edited.addressee == "城关县教育局"
    q3 = mini_store.open_period_document(Kind.QUARTERLY, D(2026, 7, 1), D(2026, 9, 30))
    assert any(d.state == DueState.OVERDUE for d in mini_store.agenda(D(2026, 11, 20)))
    mini_store.record_period_export(q3.id, "/u/小结.pdf", "ab" * 32, fingerprint="F", document_id_text="doc-1")
    assert all(d.state == DueState.DONE for d in mini_store.agenda(D(2026, 11, 20)))
    with pytest.raises(RuleError, match="已签名"):
        mini_store.set_period_text(q3.id, narrative="改")
    reopened = mini_store.reopen_period_document(q3.id)
    assert not reopened.locked and reopened.path == "/u/小结.pdf"  # where the handed-in file went stays known
    assert any(d.state == DueState.OVERDUE for d in mini_store.agenda(D(2026, 11, 20)))  # not done until signed again
    assert mini_store.set_period_text(q3.id, narrative="改").narrative == "改"
    with pytest.raises(RuleError, match="尚未签名"):
        mini_store.reopen_period_document(q3.id)
    with pytest.raises(RuleError, match="早于开始日期"):
        mini_store.open_period_document(Kind.QUARTERLY, D(2026, 9, 30), D(2026, 7, 1))
    with pytest.raises(RuleError, match="只有季度小结和半年考核"):
        mini_store.open_period_document(Kind.MONTHLY, D(2026, 9, 1), D(2026, 9, 30))


def test_upgrades_keep_an_existing_database(tmp_path: Path) -> None:
    """A database made before 010/011 keeps its problems and gains the new tables."""
    folder = tmp_path / "old"
    folder.mkdir()
    conn = sqlite3.connect(folder / "selfcheck.db", isolation_level=None)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, step in dbmod.UPGRADES:
        if name in ("010_tasks", "011_cadence"):
            continue
        step(conn)
        conn.execute("INSERT INTO migrations VALUES (?, 'x')", [name])
    conn.execute(
        "INSERT INTO problems (source, description, status, raised_on, created_at, updated_at) "
        "VALUES ('manual', '旧问题', 'open', '2026-01-01', 'x', 'x')"
    )
    conn.close()
    with Store.open(folder) as store:
        assert [p.description for p in store.problems()] == ["旧问题"]
        assert store.tasks() == [] and store.rhythm() is None
        names = {r[0] for r in store.conn.execute("SELECT name FROM migrations")}
        assert {"010_tasks", "011_cadence"} <= names


def test_a_school_backup_carries_progress_evidence(mini_store: Store, data_dir: Path, tmp_path: Path) -> None:
    from selfcheck.storage.school_backup import make_school_backup, read_backup, restore_school_backup

    task = mini_store.add_task("公示", standard="每学期", owner="张明", deadline=D(2026, 12, 31))
    photo = tmp_path / "p.png"
    photo.write_bytes(b"\x89PNG progress")
    mini_store.add_progress(task.id, percent=50, note="已公示一半", evidence=photo)
    out = tmp_path / "stick"
    out.mkdir()
    path = make_school_backup(data_dir, out)
    assert read_backup(path).evidence_files == 1
    other = tmp_path / "other-pc"
    restore_school_backup(path, other)
    with Store.open(other) as restored:
        entry = restored.progress(task.id)[0]
        kept = restored.progress_evidence(entry.id)
        assert kept is not None and kept.read_bytes() == b"\x89PNG progress"

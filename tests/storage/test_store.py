"""The Store against real SQLite files: opening, templates, answers, the audit log, the ledger, carry-over."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import platformdirs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfcheck.core import ledger
from selfcheck.core.answers import Answer, normalise
from selfcheck.core.checklist import Checklist
from selfcheck.core.checklist_file import read_checklist
from selfcheck.core.ledger import Status
from selfcheck.errors import ConflictError, NotFoundError, RuleError, StorageError
from selfcheck.storage import Store
from selfcheck.storage import db as dbmod
from selfcheck.storage.paths import DB_NAME, data_dir

BUILTINS = {"wuchawukan", "work-style-campaign", "conduct-review", "star-rating", "campus-safety"}
from tests.conftest import TODAY  # noqa: E402

MINI = Path(__file__).resolve().parent.parent / "data" / "mini.yaml"


# ---- helpers ---------------------------------------------------------------------------------------


def dump(store: Store) -> list[str]:
    """Every table's content (and the schema) as SQL text: equal dumps mean nothing was written."""
    return list(store.db.conn.iterdump())


def file_dump(path: Path) -> list[str]:
    conn = sqlite3.connect(str(path))
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def variant(template: Checklist, **changes: Any) -> Checklist:
    """A copy of a template with top-level fields changed, validated again."""
    data = template.model_dump()
    data.update(changes)
    return Checklist.model_validate(data)


def with_extra_item(template: Checklist, version: str) -> Checklist:
    data = template.model_dump()
    data["version"] = version
    data["sections"][0]["items"].append({"id": "s1.extra", "text": "新增检查项", "points": 5})
    return Checklist.model_validate(data)


def answer_all_required(store: Store, inspection_id: int) -> None:
    store.save_answer(inspection_id, "s1.study", "yes")
    store.save_answer(inspection_id, "s2.firstask", "good")
    store.save_answer(inspection_id, "s2.fees", value=0)
    store.save_answer(inspection_id, "s2.score", value=5)
    store.save_answer(inspection_id, "s2.tutoring", "none")


def audit_rows(store: Store, action: str | None = None, entity: str | None = None) -> list[Any]:
    return [e for e in store.audit(entity) if action is None or e.action == action]


def problem_in(store: Store, status: Status, *, measure: str | None = "加强管理") -> int:
    """A problem brought to `status` by allowed moves (closed through close-out)."""
    p = store.add_problem("办事拖拉", measure=measure, owner="李四", deadline=dt.date(2026, 9, 30))
    if status == Status.IN_PROGRESS:
        store.update_problem(p.id, status=Status.IN_PROGRESS)
    elif status in (Status.FIXED, Status.CLOSED):
        store.update_problem(p.id, status=Status.FIXED)
    if status == Status.CLOSED:
        store.close_problem(p.id, handling="已处理", verified_by="王校长", evidence="整改照片", verified_on=TODAY, today=TODAY)
    assert store.problem(p.id).status == status
    return p.id


@pytest.fixture
def insp(mini_store: Store) -> int:
    return mini_store.new_inspection("mini", "2026年秋季学期", ["张三"]).id


# ---- opening ---------------------------------------------------------------------------------------


def test_pragmas_in_force(store: Store) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_pragmas_in_force_after_reopen(data_dir: Path) -> None:
    Store.open(data_dir).close()
    with Store.open(data_dir) as s:
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.db.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert s.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_foreign_keys_enforced(mini_store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        mini_store.db.execute("INSERT INTO answers (inspection_id, item_id, updated_at) VALUES (999, 's1.study', 'x')")


def test_migrations_recorded_and_reopen_applies_nothing(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        first = s.db.execute("SELECT name, applied_at FROM migrations ORDER BY name").fetchall()
        assert [r[0] for r in first] == [name for name, _ in dbmod.UPGRADES]
        assert [r[0] for r in first][:2] == ["001_initial", "002_signing"]
    with Store.open(data_dir) as s:
        again = s.db.execute("SELECT name, applied_at FROM migrations ORDER BY name").fetchall()
        assert again == first  # nothing re-applied, nothing re-stamped
        assert dbmod.upgrade_schema(s.conn) == []
        assert s.db.execute("SELECT name, applied_at FROM migrations ORDER BY name").fetchall() == first


def test_an_older_database_is_upgraded_with_its_data(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The first schema, plus the audit's unit column that today's writes (which make the data here) need.
    monkeypatch.setattr(dbmod, "UPGRADES", [dbmod.UPGRADES[0], ("006_units", dict(dbmod.UPGRADES)["006_units"])])
    with Store.open(data_dir) as s:
        s.set_school("城关一小", "123", "张明")
        inspection = s.new_inspection("wuchawukan", "2026年秋季学期")
        # Written as that older version wrote it: the current code expects the newer columns.
        s.db.execute(
            "INSERT INTO answers (inspection_id, item_id, option, updated_at) VALUES (?, 's1.study-weekly', 'yes', 'x')",
            [inspection.id],
        )
        s.db.conn.commit()
    monkeypatch.undo()
    with Store.open(data_dir) as s:
        names = [r[0] for r in s.db.execute("SELECT name FROM migrations ORDER BY name").fetchall()]
        assert names == sorted(name for name, _ in dbmod.UPGRADES)
        assert s.school() is not None and s.school_images() == (None, None)
        assert s.answers(inspection.id)["s1.study-weekly"].option == "yes"
        assert s.identity() is None


def test_newer_migration_refuses_to_open(data_dir: Path) -> None:
    Store.open(data_dir).close()
    path = data_dir / DB_NAME
    conn = sqlite3.connect(str(path))
    conn.execute("INSERT INTO migrations (name, applied_at) VALUES ('999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    before = file_dump(path)
    with pytest.raises(StorageError) as info:
        Store.open(data_dir)
    assert "999_from_the_future" in info.value.en
    assert file_dump(path) == before  # refused without touching anything
    # the refused open left no lock behind: the file can be fixed and opened again
    conn = sqlite3.connect(str(path))
    conn.execute("DELETE FROM migrations WHERE name = '999_from_the_future'")
    conn.commit()
    conn.close()
    Store.open(data_dir).close()


@pytest.fixture(scope="module")
def real_db_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A real database of some size (builtins, an inspection, 150 problems), as bytes."""
    folder = tmp_path_factory.mktemp("real")
    with Store.open(folder) as s:
        insp = s.new_inspection("wuchawukan", "2026年秋季学期")
        with dbmod.transaction(s.db):
            for n in range(150):
                s.db.execute(
                    "INSERT INTO problems (inspection_id, template_id, source, description, status, raised_on, "
                    "created_at, updated_at) VALUES (?, 'wuchawukan', 'manual', ?, 'open', '2026-09-01', 'x', 'x')",
                    [insp.id, f"问题 {n} " + "x" * 200],
                )
    return (folder / DB_NAME).read_bytes()


GARBAGE: dict[str, Callable[[bytes], bytes]] = {
    "random": lambda real: os.urandom(8192),
    "text": lambda real: "这不是数据库\n".encode() * 200,
    "header-only": lambda real: b"SQLite format 3\x00",
    "header-then-garbage": lambda real: b"SQLite format 3\x00" + os.urandom(4096 * 3),
    "truncated": lambda real: real[: len(real) // 2],
    "first-100-bytes": lambda real: real[:100],
    "zeroed-page": lambda real: real[: 4096 * 2] + b"\x00" * 4096 + real[4096 * 3 :],
    "ff-page": lambda real: real[: 4096 * 2] + b"\xff" * 4096 + real[4096 * 3 :],
    "zeroed-last-page": lambda real: real[:-4096] + b"\x00" * 4096,
}


@pytest.mark.parametrize("kind", sorted(GARBAGE))
def test_garbage_file_gives_storage_error(tmp_path: Path, real_db_bytes: bytes, kind: str) -> None:
    data = GARBAGE[kind](real_db_bytes)
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(data)
    with pytest.raises(StorageError):
        Store.open(folder, check=True)  # as the app opens it at start
    assert (folder / DB_NAME).read_bytes() == data  # a damaged file is never "repaired" by overwriting it


def test_database_path_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "data" / DB_NAME).mkdir(parents=True)
    with pytest.raises(StorageError):
        Store.open(tmp_path / "data")


def test_schema_with_invalid_utf8_gives_storage_error(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    conn = sqlite3.connect(str(folder / DB_NAME))
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA writable_schema = ON")
    # "CREATE TABLE t(x) \xff": a syntax error whose message carries a byte that is not UTF-8
    conn.execute("UPDATE sqlite_master SET sql = CAST(X'435245415445205441424C45207428782920FF' AS TEXT) WHERE name = 't'")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError):
        Store.open(folder)


def test_damaged_row_read_at_open_gives_storage_error(data_dir: Path) -> None:
    Store.open(data_dir).close()
    conn = sqlite3.connect(str(data_dir / DB_NAME))
    conn.execute("UPDATE builtin_files SET sha256 = CAST(X'FFFE' AS TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError):
        Store.open(data_dir)


def _lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(str(path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    return other


def test_write_refused_while_locked_leaves_nothing_half_done(mini_store: Store, insp: int) -> None:
    mini_store.db.execute("PRAGMA busy_timeout = 20")
    before = dump(mini_store)
    other = _lock(mini_store.path)
    try:
        with pytest.raises((StorageError, sqlite3.OperationalError)):
            mini_store.save_answer(insp, "s1.study", "yes")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert dump(mini_store) == before
    assert not mini_store.db.conn.in_transaction
    mini_store.save_answer(insp, "s1.study", "yes")  # the store is still usable
    assert mini_store.answers(insp)["s1.study"].option == "yes"


def test_write_refused_while_locked_gives_storage_error(mini_store: Store, insp: int) -> None:
    mini_store.db.execute("PRAGMA busy_timeout = 20")
    other = _lock(mini_store.path)
    try:
        with pytest.raises(StorageError):
            mini_store.save_answer(insp, "s1.study", "yes")
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_data_dir_explicit_argument_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_dir = tmp_path / "from-env"
    explicit = tmp_path / "explicit"
    monkeypatch.setenv("SELFCHECK_DATA_DIR", str(env_dir))
    assert data_dir(explicit) == explicit
    with Store.open(explicit) as s:
        assert s.path == explicit / DB_NAME
    assert (explicit / DB_NAME).is_file()
    assert not env_dir.exists()


def test_data_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_dir = tmp_path / "from-env"
    monkeypatch.setenv("SELFCHECK_DATA_DIR", str(env_dir))
    assert data_dir() == env_dir
    assert data_dir("") == env_dir  # an empty argument is no argument
    with Store.open() as s:
        assert s.path == env_dir / DB_NAME
    assert (env_dir / DB_NAME).is_file()


def test_data_dir_expands_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert data_dir("~/sc") == tmp_path / "sc"
    monkeypatch.setenv("SELFCHECK_DATA_DIR", "~/sc-env")
    assert data_dir() == tmp_path / "sc-env"


def test_data_dir_falls_back_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SELFCHECK_DATA_DIR")
    # only the path is computed: nothing is opened or created in the real user folder
    assert data_dir() == Path(platformdirs.user_data_dir("selfcheck", appauthor=False))


# ---- built-in checklists ---------------------------------------------------------------------------


def test_builtins_installed_on_open(store: Store) -> None:
    infos = store.checklists()
    assert {t.template_id for t in infos} == BUILTINS
    assert len(infos) == 5
    assert all(t.source.startswith("builtin:") for t in infos)
    files = store.db.execute("SELECT name FROM builtin_files ORDER BY name").fetchall()
    assert [f[0] for f in files] == sorted(f"{name}.yaml" for name in BUILTINS)


def test_builtins_not_reparsed_on_second_open(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(data_dir) as s:
        before = dump(s)
    calls: list[str] = []
    import selfcheck.core.checklist_file as checklist_file  # the store imports the reader only when it needs it

    real = checklist_file.parse_checklist

    def counting(raw: bytes, file: str) -> Checklist:
        calls.append(file)
        return real(raw, file)

    monkeypatch.setattr(checklist_file, "parse_checklist", counting)
    with Store.open(data_dir) as s:
        assert calls == []
        assert dump(s) == before  # no new template rows, no new audit rows, no re-stamped builtin_files
        assert s.install_builtins() == []
        assert calls == []


def test_install_builtins_reparses_only_a_changed_file(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "shipped"
    folder.mkdir()
    source = MINI
    (folder / "mini.yaml").write_bytes(source.read_bytes())
    assert store.install_builtins(folder) == ["mini@1.0"]
    assert store.install_builtins(folder) == []
    # same content, other bytes (a comment): parsed again, nothing new installed, the new digest remembered
    (folder / "mini.yaml").write_bytes(source.read_bytes() + "\n# 注释\n".encode())
    before = store.db.execute("SELECT COUNT(*) FROM templates").fetchone()[0]
    assert store.install_builtins(folder) == []
    assert store.db.execute("SELECT COUNT(*) FROM templates").fetchone()[0] == before
    assert store.install_builtins(folder) == []


def test_stored_checklists_read_back_with_the_same_hash(data_dir: Path, mini: Checklist) -> None:
    with Store.open(data_dir) as s:
        s.install_checklist(mini, "test")
    with Store.open(data_dir) as s:  # a fresh store: templates come from the database, not the cache
        for info in s.checklists():
            loaded = s.checklist(info.template_id, info.version)
            assert loaded.content_hash() == info.content_hash
        assert s.checklist("mini") == mini


# ---- templates -------------------------------------------------------------------------------------


def test_install_same_checklist_twice(store: Store, mini: Checklist) -> None:
    assert store.install_checklist(mini, "test").value is True
    before = dump(store)
    assert store.install_checklist(mini, "test").value is False
    assert store.install_checklist(variant(mini), "another source").value is False  # equal content, other object
    assert dump(store) == before
    rows = store.db.execute("SELECT COUNT(*) FROM templates WHERE template_id = 'mini'").fetchone()[0]
    assert rows == 1


def test_same_version_other_content_is_refused(data_dir: Path, mini: Checklist) -> None:
    with Store.open(data_dir) as s:
        s.install_checklist(mini, "test")
        stored = s.db.execute("SELECT content, content_hash FROM templates WHERE template_id = 'mini'").fetchall()
        before = dump(s)
        changed = variant(mini, title="改过的标题")
        assert changed.content_hash() != mini.content_hash()
        with pytest.raises(ConflictError):
            s.install_checklist(changed, "test")
        assert dump(s) == before
        assert s.db.execute("SELECT content, content_hash FROM templates WHERE template_id = 'mini'").fetchall() == stored
        assert s.checklist("mini").title == mini.title
    with Store.open(data_dir) as s:
        assert s.checklist("mini", "1.0") == mini
        assert s.checklist("mini").content_hash() == mini.content_hash()


def test_newer_version_installs_beside_the_old(store: Store, mini: Checklist) -> None:
    for version in ("1.0", "1.9", "1.10", "1.2"):
        assert store.install_checklist(variant(mini, version=version, title=f"小检查表 {version}"), "test")
    assert [t.version for t in store.checklists() if t.template_id == "mini"] == ["1.0", "1.2", "1.9", "1.10"]
    assert store.checklist("mini").version == "1.10"  # numeric, not text order
    assert store.checklist("mini").title == "小检查表 1.10"
    assert store.checklist("mini", "1.9").title == "小检查表 1.9"
    assert store.checklist("mini", "1.0").title == "小检查表 1.0"
    with pytest.raises(NotFoundError):
        store.checklist("mini", "2.0")
    with pytest.raises(NotFoundError):
        store.checklist("nope")


def test_newest_version_also_from_a_fresh_store(data_dir: Path, mini: Checklist) -> None:
    with Store.open(data_dir) as s:
        for version in ("1.9", "1.10", "2", "1.10.1"):
            s.install_checklist(variant(mini, version=version), "test")
    with Store.open(data_dir) as s:
        assert s.checklist("mini").version == "2"


def test_equivalent_version_spellings_are_one_version(store: Store, mini: Checklist) -> None:
    """'1', '1.0' and '1.00' sort the same, so they are one version: another spelling is not a new one."""
    store.install_checklist(mini, "test")  # version "1.0"
    before = dump(store)
    for spelling in ("1", "1.00", "1.0.0"):
        with pytest.raises(ConflictError):
            store.install_checklist(variant(mini, version=spelling, title="另一个内容"), "test")
        with pytest.raises(ConflictError):
            store.install_checklist(variant(mini, version=spelling), "test")
    assert dump(store) == before
    assert store.checklist("mini").version == "1.0"


def test_inspection_bound_to_its_checklist_version(mini_store: Store, mini: Checklist) -> None:
    first = mini_store.new_inspection("mini", "2026年春季学期")
    assert first.template_version == "1.0"
    mini_store.install_checklist(with_extra_item(mini, "1.1"), "test")
    assert mini_store.inspection(first.id).template_version == "1.0"
    with pytest.raises(RuleError):
        mini_store.save_answer(first.id, "s1.extra", "yes")
    answer_all_required(mini_store, first.id)
    assert mini_store.complete_inspection(first.id).status == "complete"  # s1.extra is not asked of it
    second = mini_store.new_inspection("mini", "2026年秋季学期")
    assert second.template_version == "1.1"
    mini_store.save_answer(second.id, "s1.extra", "yes")
    answer_all_required(mini_store, second.id)
    assert mini_store.inspection(first.id).template_version == "1.0"
    older = mini_store.new_inspection("mini", "补查", version="1.0")
    assert older.template_version == "1.0"


# ---- answers ---------------------------------------------------------------------------------------


BAD_ANSWERS = [
    pytest.param("s1.nope", "yes", None, id="unknown-item"),
    pytest.param("s1.study", "maybe", None, id="unknown-option"),
    pytest.param("s2.firstask", "yes", None, id="option-of-another-scale"),
    pytest.param("s1.study", None, None, id="choice-without-option"),
    pytest.param("s1.study", None, 1, id="value-for-choice"),
    pytest.param("s1.study", "yes", 1, id="option-and-value-for-choice"),
    pytest.param("s2.score", None, 5.5, id="score-above-points"),
    pytest.param("s2.score", None, -0.5, id="score-negative"),
    pytest.param("s2.score", None, "nan", id="score-nan"),
    pytest.param("s2.score", "yes", None, id="option-for-score"),
    pytest.param("s2.fees", None, -1, id="negative-count"),
    pytest.param("s2.fees", None, 1.5, id="fractional-count"),
    pytest.param("s2.fees", None, True, id="bool-count"),
    pytest.param("b.award", None, -2, id="negative-adjustment-count"),
    pytest.param("b.award", "yes", None, id="option-for-adjustment"),
    pytest.param("s1.count", None, "abc", id="number-not-a-number"),
    pytest.param("s1.count", None, "inf", id="number-infinite"),
    pytest.param("s2.date", None, "2026-13-01", id="bad-date"),
    pytest.param("s2.date", None, "昨天", id="not-a-date"),
    pytest.param("s2.date", None, None, id="date-without-value"),
]


@pytest.mark.parametrize(("item", "option", "value"), BAD_ANSWERS)
def test_bad_answer_is_refused_and_writes_nothing(mini_store: Store, insp: int, item: str, option: Any, value: Any) -> None:
    mini_store.save_answer(insp, "s1.study", "no", note="没有记录")
    mini_store.save_answer(insp, "s2.score", value=3)
    mini_store.add_problem("既有问题")
    before = dump(mini_store)
    with pytest.raises(RuleError):
        mini_store.save_answer(insp, item, option, value)
    assert dump(mini_store) == before


def test_note_too_long_is_refused(mini_store: Store, insp: int) -> None:
    before = dump(mini_store)
    with pytest.raises(RuleError):
        mini_store.save_answer(insp, "s1.study", "yes", note="长" * 4001)
    assert dump(mini_store) == before


def test_answer_to_unknown_inspection(mini_store: Store) -> None:
    before = dump(mini_store)
    with pytest.raises(NotFoundError):
        mini_store.save_answer(999, "s1.study", "yes")
    assert dump(mini_store) == before


def test_answers_stored_in_canonical_form(mini_store: Store, insp: int) -> None:
    mini_store.save_answer(insp, "s1.study", "partial", note="  缺两次记录  ")
    mini_store.save_answer(insp, "s2.fees", value="2")
    mini_store.save_answer(insp, "s2.score", value="4.5")
    mini_store.save_answer(insp, "s2.date", value="2026-09-01")
    mini_store.save_answer(insp, "b.award", value=1)
    got = mini_store.answers(insp)
    assert got["s1.study"] == Answer("s1.study", "partial", None, "缺两次记录")
    assert got["s2.fees"] == Answer("s2.fees", None, 2.0, None)
    assert got["s2.score"] == Answer("s2.score", None, 4.5, None)
    assert got["s2.date"] == Answer("s2.date", None, "2026-09-01", None)
    assert got["b.award"] == Answer("b.award", None, 1.0, None)


def test_save_answers_with_one_bad_entry_saves_nothing(mini_store: Store, insp: int) -> None:
    mini_store.save_answer(insp, "s2.score", value=3)
    before = dump(mini_store)
    entries: list[dict[str, Any]] = [
        {"item": "s1.study", "option": "yes"},
        {"item": "s2.fees", "value": 1},
        {"item": "s2.score", "value": 99},  # the bad one
        {"item": "s2.date", "value": "2026-09-01"},
    ]
    with pytest.raises(RuleError) as info:
        mini_store.save_answers(insp, entries)
    assert "answers[2]" in info.value.zh
    assert dump(mini_store) == before
    with pytest.raises(RuleError):
        mini_store.save_answers(insp, [{"item": "s1.study", "option": "yes"}, {"option": "yes"}])
    with pytest.raises(RuleError):
        mini_store.save_answers(insp, [{"item": "s1.study", "option": "yes"}, "s2.fees"])  # type: ignore[list-item]
    assert dump(mini_store) == before


def test_save_answers_all_good_saves_all_in_one_go(mini_store: Store, insp: int) -> None:
    changes = mini_store.save_answers(
        insp, [{"item": "s1.study", "option": "yes"}, {"item": "s2.fees", "value": 1}, {"item": "s2.score", "value": 3}]
    )
    assert [c.item_id for c in changes] == ["s1.study", "s2.fees", "s2.score"]
    assert set(mini_store.answers(insp)) == {"s1.study", "s2.fees", "s2.score"}
    assert len(audit_rows(mini_store, "answer")) == 3


class Boom(Exception):
    pass


def fail_on_audit(monkeypatch: pytest.MonkeyPatch, action: str, nth: int) -> None:
    """Make the nth audit row of `action` fail, as a crash half-way through a write would."""
    real = Store._audit
    seen = []

    def audit(self: Store, act: str, *args: Any) -> None:
        if act == action:
            seen.append(act)
            if len(seen) == nth:
                raise Boom
        real(self, act, *args)

    monkeypatch.setattr(Store, "_audit", audit)


def test_failure_inside_save_answer_rolls_back(mini_store: Store, insp: int, monkeypatch: pytest.MonkeyPatch) -> None:
    mini_store.save_answer(insp, "s1.study", "yes")
    answer_all_required(mini_store, insp)
    mini_store.complete_inspection(insp)
    before = dump(mini_store)
    fail_on_audit(monkeypatch, "answer", 1)
    with pytest.raises(Boom):
        mini_store.save_answer(insp, "s1.study", "no", note="改了")
    assert dump(mini_store) == before  # no answer without its audit row, and still complete
    assert not mini_store.db.conn.in_transaction


def test_failure_inside_save_answers_rolls_back_all(mini_store: Store, insp: int, monkeypatch: pytest.MonkeyPatch) -> None:
    before = dump(mini_store)
    fail_on_audit(monkeypatch, "answer", 3)
    with pytest.raises(Boom):
        mini_store.save_answers(
            insp, [{"item": "s1.study", "option": "yes"}, {"item": "s2.fees", "value": 1}, {"item": "s2.score", "value": 3}]
        )
    assert dump(mini_store) == before
    monkeypatch.undo()
    mini_store.save_answers(insp, [{"item": "s1.study", "option": "yes"}])  # the store is still usable
    assert set(mini_store.answers(insp)) == {"s1.study"}


def test_failure_inside_update_problem_rolls_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    pid = problem_in(store, Status.OPEN)
    before = dump(store)
    fail_on_audit(monkeypatch, "update", 2)
    with pytest.raises(Boom):
        store.update_problem(pid, owner="张三", department="教务处", status=Status.IN_PROGRESS)
    assert dump(store) == before


def test_raise_problems_from_answers_is_one_action(mini_store: Store, insp: int, monkeypatch: pytest.MonkeyPatch) -> None:
    mini_store.save_answer(insp, "s1.study", "no", note="缺记录")
    mini_store.save_answer(insp, "s2.fees", value=2)
    mini_store.save_answer(insp, "s2.tutoring", "found", note="一名教师")
    before = dump(mini_store)
    fail_on_audit(monkeypatch, "raise", 2)
    with pytest.raises(Boom):
        mini_store.raise_problems_from_answers(insp)
    assert dump(mini_store) == before


def test_same_answer_twice_writes_one_audit_row(mini_store: Store, insp: int) -> None:
    first = mini_store.save_answer(insp, "s1.study", "no", note="没有记录")
    assert first.old is None
    before = dump(mini_store)
    again = mini_store.save_answer(insp, "s1.study", "no", note="  没有记录 ")
    assert again.old == again.new
    assert dump(mini_store) == before
    mini_store.save_answer(insp, "s2.fees", value=2)
    mini_store.save_answer(insp, "s2.fees", value="2")
    mini_store.save_answer(insp, "s2.fees", value=2.0)
    rows = audit_rows(mini_store, "answer")
    assert [(r.field, r.old, r.new) for r in rows] == [
        ("s1.study", None, {"option": "no", "value": None, "note": "没有记录"}),
        ("s2.fees", None, {"option": None, "value": 2.0, "note": None}),
    ]


def test_answer_changes_in_audit_with_old_and_new(mini_store: Store, insp: int) -> None:
    mini_store.save_answer(insp, "s1.study", "yes")
    mini_store.save_answer(insp, "s1.study", "partial", note="少两次")
    mini_store.clear_answer(insp, "s1.study")
    assert mini_store.clear_answer(insp, "s1.study").old is None  # nothing to clear: nothing written
    rows = [r for r in mini_store.audit("inspection", insp) if r.field == "s1.study"]
    assert [(r.action, r.old, r.new) for r in rows] == [
        ("answer", None, {"option": "yes", "value": None, "note": None}),
        ("answer", {"option": "yes", "value": None, "note": None}, {"option": "partial", "value": None, "note": "少两次"}),
        ("clear", {"option": "partial", "value": None, "note": "少两次"}, None),
    ]
    assert all(r.entity == "inspection" and r.entity_id == str(insp) for r in rows)
    assert "s1.study" not in mini_store.answers(insp)


def test_school_changes_in_audit(store: Store) -> None:
    assert store.school() is None
    store.set_school("城关第一小学", "3412345678", "张明")
    store.set_school("城关第一小学", "3412345678", "张明")  # unchanged: no rows
    store.set_school(" 城关第二小学 ", "3412345678", "张明", address="城关镇")
    rows = [(r.field, r.old, r.new) for r in store.audit("school")]
    assert rows == [
        ("name", None, "城关第一小学"),
        ("code", None, "3412345678"),
        ("principal", None, "张明"),
        ("name", "城关第一小学", "城关第二小学"),
        ("address", None, "城关镇"),
    ]
    before = dump(store)
    with pytest.raises(RuleError):
        store.set_school("  ", "1", "张明")
    assert dump(store) == before
    assert store.school().name == "城关第二小学"  # type: ignore[union-attr]


def test_problem_changes_and_close_out_in_audit(store: Store) -> None:
    p = store.add_problem("上班时间玩游戏")
    store.update_problem(p.id, measure="  约谈并通报 ", owner="李四", deadline=dt.date(2026, 11, 1))
    store.update_problem(p.id, status=Status.IN_PROGRESS, owner="李四")  # owner unchanged: no row for it
    store.update_problem(p.id, status=Status.FIXED, deadline=dt.date(2026, 11, 15))
    store.close_problem(p.id, handling="已处理", verified_by="王校长", evidence="通报文件", verified_on=TODAY, today=TODAY)
    rows = [(r.action, r.field, r.old, r.new) for r in store.audit("problem", p.id)]
    assert rows == [
        ("raise", None, None, "上班时间玩游戏"),
        ("update", "measure", None, "约谈并通报"),
        ("update", "owner", None, "李四"),
        ("update", "deadline", None, "2026-11-01"),
        ("update", "status", "open", "in_progress"),
        ("update", "deadline", "2026-11-01", "2026-11-15"),
        ("update", "status", "in_progress", "fixed"),
        ("update", "handling", None, "已处理"),  # recorded with the close-out, in its unit (四不放过: 处理到位)
        (
            "close",
            "status",
            "fixed",
            {
                "status": "closed",
                "verified_by": "王校长",
                "verified_on": TODAY.isoformat(),
                "evidence": "通报文件",
                "handling": "已处理",
            },
        ),
    ]


def test_install_and_create_in_audit(mini_store: Store, insp: int) -> None:
    assert any(r.entity_id == "mini@1.0" for r in mini_store.audit("template"))
    created = [r for r in mini_store.audit("inspection", insp) if r.action == "create"]
    assert len(created) == 1
    assert created[0].new == {"template": "mini@1.0", "period": "2026年秋季学期"}


# ---- completing ------------------------------------------------------------------------------------


def test_complete_refused_with_missing_required_items(mini_store: Store, insp: int) -> None:
    before = dump(mini_store)
    with pytest.raises(RuleError) as info:
        mini_store.complete_inspection(insp)
    for item in ("s1.study", "s2.firstask", "s2.fees", "s2.score", "s2.tutoring"):
        assert item in info.value.zh
    for optional in ("s1.count", "s2.date"):
        assert optional not in info.value.zh
    assert dump(mini_store) == before
    answer_all_required(mini_store, insp)
    mini_store.clear_answer(insp, "s2.score")
    with pytest.raises(RuleError) as info:
        mini_store.complete_inspection(insp)
    assert "s2.score" in info.value.zh and "1 项" in info.value.zh
    assert mini_store.inspection(insp).status == "draft"


def test_complete_refused_with_missing_required_notes(mini_store: Store, insp: int) -> None:
    answer_all_required(mini_store, insp)
    mini_store.save_answer(insp, "s1.study", "no")  # needs a note
    mini_store.save_answer(insp, "s2.tutoring", "found", note="   ")  # blank is no note
    before = dump(mini_store)
    with pytest.raises(RuleError) as info:
        mini_store.complete_inspection(insp)
    assert "s1.study" in info.value.zh and "s2.tutoring" in info.value.zh
    assert dump(mini_store) == before
    mini_store.save_answer(insp, "s1.study", "no", note="本学期缺两次")
    mini_store.save_answer(insp, "s2.tutoring", "found", note="一名教师")
    done = mini_store.complete_inspection(insp)
    assert done.status == "complete"
    assert done.completed_at is not None
    rows = [r for r in mini_store.audit("inspection", insp) if r.action == "complete"]
    assert [(r.old, r.new) for r in rows] == [("draft", "complete")]


def test_complete_allowed_with_all_required_answers(mini_store: Store, insp: int) -> None:
    answer_all_required(mini_store, insp)
    assert mini_store.complete_inspection(insp).status == "complete"


def test_changed_answer_reopens_a_completed_inspection(mini_store: Store, insp: int) -> None:
    answer_all_required(mini_store, insp)
    mini_store.complete_inspection(insp)
    mini_store.save_answer(insp, "s2.score", value=5)  # unchanged: stays complete
    assert mini_store.inspection(insp).status == "complete"
    mini_store.save_answer(insp, "s2.score", value=4)
    back = mini_store.inspection(insp)
    assert back.status == "draft"
    assert back.completed_at is None
    mini_store.complete_inspection(insp)
    mini_store.save_answer(insp, "s1.count", value=3)  # an optional item counts too
    assert mini_store.inspection(insp).status == "draft"
    mini_store.complete_inspection(insp)
    mini_store.clear_answer(insp, "s1.count")
    assert mini_store.inspection(insp).status == "draft"
    mini_store.complete_inspection(insp)
    mini_store.save_answers(insp, [{"item": "s2.fees", "value": 1}])
    assert mini_store.inspection(insp).status == "draft"


# ---- the ledger ------------------------------------------------------------------------------------

MOVABLE = [Status.OPEN, Status.IN_PROGRESS, Status.FIXED]


@pytest.mark.parametrize("current", MOVABLE, ids=str)
@pytest.mark.parametrize("new", list(Status), ids=str)
def test_status_moves_follow_ledger_moves(store: Store, current: Status, new: Status) -> None:
    pid = problem_in(store, current)
    allowed = new == current or new in ledger.MOVES[current]
    if allowed:
        assert store.update_problem(pid, status=new).status == new
    else:
        before = dump(store)
        with pytest.raises(RuleError):
            store.update_problem(pid, status=new, owner="换人")  # a refused move takes the other fields down too
        assert dump(store) == before
        assert store.problem(pid).status == current


def test_moves_table_matches_the_documented_flow() -> None:
    assert ledger.MOVES[Status.OPEN] == {Status.IN_PROGRESS, Status.FIXED}
    assert ledger.MOVES[Status.IN_PROGRESS] == {Status.FIXED, Status.OPEN}
    assert ledger.MOVES[Status.FIXED] == {Status.IN_PROGRESS}
    assert ledger.MOVES[Status.CLOSED] == set()
    assert all(Status.CLOSED not in targets for targets in ledger.MOVES.values())


@pytest.mark.parametrize("current", [Status.OPEN, Status.IN_PROGRESS], ids=str)
def test_close_refused_unless_fixed(store: Store, current: Status) -> None:
    pid = problem_in(store, current)
    before = dump(store)
    with pytest.raises(RuleError):
        store.close_problem(pid, handling="已处理", verified_by="王校长", evidence="照片", verified_on=TODAY, today=TODAY)
    assert dump(store) == before


@pytest.mark.parametrize(
    ("measure", "verified_by", "evidence"),
    [
        pytest.param(None, "王校长", "照片", id="no-measure"),
        pytest.param("加强管理", None, "照片", id="no-verifier"),
        pytest.param("加强管理", "  ", "照片", id="blank-verifier"),
        pytest.param("加强管理", "王校长", None, id="no-evidence"),
        pytest.param("加强管理", "王校长", " ", id="blank-evidence"),
    ],
)
def test_close_refused_without_four_nots(
    store: Store, measure: str | None, verified_by: str | None, evidence: str | None
) -> None:
    pid = problem_in(store, Status.FIXED, measure=measure)
    before = dump(store)
    with pytest.raises(RuleError):
        store.close_problem(pid, handling="已处理", verified_by=verified_by, evidence=evidence, verified_on=TODAY, today=TODAY)
    assert dump(store) == before


def test_close_refused_with_a_future_date(store: Store) -> None:
    pid = problem_in(store, Status.FIXED)
    before = dump(store)
    with pytest.raises(RuleError):
        store.close_problem(
            pid,
            handling="已处理",
            verified_by="王校长",
            evidence="照片",
            verified_on=TODAY + dt.timedelta(days=1),
            today=TODAY,
        )
    assert dump(store) == before


def test_close_refused_with_a_date_before_the_problem_was_raised(store: Store) -> None:
    p = store.add_problem("办事拖拉", measure="加强管理", raised_on=TODAY)
    store.update_problem(p.id, status=Status.FIXED)
    before = dump(store)
    with pytest.raises(RuleError):
        store.close_problem(
            p.id,
            handling="已处理",
            verified_by="王校长",
            evidence="照片",
            verified_on=TODAY - dt.timedelta(days=1),
            today=TODAY,
        )
    assert dump(store) == before


def test_close_out_records_verifier_date_and_evidence(store: Store) -> None:
    pid = problem_in(store, Status.FIXED)
    closed = store.close_problem(
        pid, handling="已处理", verified_by=" 王校长 ", evidence=" 整改照片 ", verified_on=TODAY, today=TODAY
    )
    assert closed.status == Status.CLOSED
    assert (closed.verified_by, closed.verified_on, closed.evidence) == ("王校长", TODAY, "整改照片")
    # without a date, today is the verification date
    other = problem_in(store, Status.FIXED)
    assert store.close_problem(other, handling="已处理", verified_by="王校长", evidence="照片", today=TODAY).verified_on == TODAY


def test_closed_problem_is_immutable(store: Store) -> None:
    pid = problem_in(store, Status.CLOSED)
    before = dump(store)
    for status in Status:
        with pytest.raises(RuleError):
            store.update_problem(pid, status=status)
    changes: list[dict[str, Any]] = [{"measure": "再改"}, {"owner": "张三"}, {"description": "改描述"}, {"deadline": TODAY}]
    for change in changes:
        with pytest.raises(RuleError):
            store.update_problem(pid, **change)
    with pytest.raises(RuleError):
        store.close_problem(pid, handling="已处理", verified_by="王校长", evidence="照片", verified_on=TODAY, today=TODAY)
    assert dump(store) == before


def test_update_problem_refuses_unknown_fields_and_empty_description(store: Store) -> None:
    pid = problem_in(store, Status.OPEN)
    before = dump(store)
    with pytest.raises(RuleError):
        store.update_problem(pid, verified_by="王校长")
    with pytest.raises(RuleError):
        store.update_problem(pid, description="  ")
    assert dump(store) == before
    with pytest.raises(NotFoundError):
        store.update_problem(999, owner="x")


@pytest.mark.parametrize(
    ("status", "deadline", "overdue"),
    [
        (Status.OPEN, TODAY - dt.timedelta(days=1), True),
        (Status.IN_PROGRESS, TODAY - dt.timedelta(days=30), True),
        (Status.FIXED, TODAY - dt.timedelta(days=1), False),
        (Status.CLOSED, TODAY - dt.timedelta(days=1), False),
        (Status.OPEN, TODAY, False),
        (Status.OPEN, TODAY + dt.timedelta(days=1), False),
        (Status.OPEN, None, False),
    ],
)
def test_overdue(store: Store, status: Status, deadline: dt.date | None, overdue: bool) -> None:
    pid = problem_in(store, status)
    if status != Status.CLOSED:
        store.update_problem(pid, deadline=deadline)
    else:
        store.db.execute("UPDATE problems SET deadline = ? WHERE id = ?", [deadline and deadline.isoformat(), pid])
    p = store.problem(pid)
    assert p.deadline == deadline
    assert p.overdue(TODAY) is overdue
    assert p.to_json(TODAY)["overdue"] is overdue
    assert ledger.is_overdue(status, deadline, TODAY) is overdue


def test_raise_problems_from_answers(mini_store: Store, insp: int) -> None:
    mini_store.save_answer(insp, "s1.study", "no", note="没有学习记录")  # raises
    mini_store.save_answer(insp, "s2.firstask", "ok")  # does not
    mini_store.save_answer(insp, "s2.fees", value=2)  # deduction with count > 0: raises
    mini_store.save_answer(insp, "s2.score", value=0)  # a score of 0 is not a deduction count
    mini_store.save_answer(insp, "s2.tutoring", "found", note="一名教师")  # raises
    mini_store.save_answer(insp, "s1.count", value=3)  # a number item never raises
    mini_store.save_answer(insp, "d.complaint", value=1)  # adjustments are not items
    raised = mini_store.raise_problems_from_answers(insp)
    assert sorted(p.item_id for p in raised) == ["s1.study", "s2.fees", "s2.tutoring"]  # type: ignore[type-var]
    assert all(p.source == "answer" and p.inspection_id == insp and p.template_id == "mini" for p in raised)
    assert all(p.status == Status.OPEN for p in raised)
    by_item = {p.item_id: p for p in raised}
    assert by_item["s1.study"].description.endswith("：没有学习记录")
    # without a note it says what was found, never the requirement alone (which reads as if the rule were the problem)
    assert by_item["s2.fees"].description.endswith("：发现 2 处")
    before = dump(mini_store)
    assert mini_store.raise_problems_from_answers(insp) == []
    assert dump(mini_store) == before
    # a later answer that raises adds only its own problem
    mini_store.save_answer(insp, "s2.firstask", "bad", note="推诿")
    again = mini_store.raise_problems_from_answers(insp)
    assert [p.item_id for p in again] == ["s2.firstask"]
    assert len(mini_store.problems(inspection_id=insp)) == 4


def test_raise_problems_none_when_all_good(mini_store: Store, insp: int) -> None:
    answer_all_required(mini_store, insp)
    mini_store.save_answer(insp, "s1.study", "partial", note="x")
    mini_store.save_answer(insp, "s1.study", "yes")  # changed back: nothing to raise
    assert mini_store.raise_problems_from_answers(insp) == []
    assert mini_store.problems() == []


def test_problem_from_an_item_needs_its_inspection(mini_store: Store, insp: int) -> None:
    before = dump(mini_store)
    with pytest.raises(RuleError):
        mini_store.add_problem(item_id="s1.study")
    with pytest.raises(NotFoundError):
        mini_store.add_problem(inspection_id=insp, item_id="s9.nope")
    with pytest.raises(RuleError):
        mini_store.add_problem("   ")
    assert dump(mini_store) == before


# ---- carry-over ------------------------------------------------------------------------------------


def test_open_problems_carried_into_next_inspection(mini_store: Store, mini: Checklist, insp: int) -> None:
    mini_store.save_answer(insp, "s1.study", "no", note="缺记录")
    mini_store.save_answer(insp, "s2.tutoring", "found", note="一名教师")
    mini_store.save_answer(insp, "s2.fees", value=1)
    raised = {p.item_id: p.id for p in mini_store.raise_problems_from_answers(insp)}
    manual = mini_store.add_problem("学校食堂卫生", inspection_id=insp).id
    mini_store.update_problem(raised["s2.fees"], status=Status.IN_PROGRESS)
    mini_store.update_problem(raised["s2.tutoring"], status=Status.FIXED, measure="已退费并处分")
    closed = raised["s1.study"]
    mini_store.update_problem(closed, status=Status.FIXED, measure="补齐记录")
    mini_store.close_problem(closed, handling="已处理", verified_by="王校长", evidence="记录本", verified_on=TODAY, today=TODAY)

    other = mini_store.new_inspection("wuchawukan", "2026年秋季学期")
    elsewhere = mini_store.add_problem("别的检查表的问题", inspection_id=other.id).id
    loose = mini_store.add_problem("不属于任何自查的问题").id

    nxt = mini_store.new_inspection("mini", "2027年春季学期")
    carried = {c.problem.id: c.status_at_start for c in mini_store.carried(nxt.id)}
    assert carried == {
        raised["s2.fees"]: Status.IN_PROGRESS,
        raised["s2.tutoring"]: Status.FIXED,
        manual: Status.OPEN,
    }
    assert closed not in carried and elsewhere not in carried and loose not in carried
    assert [c.problem.id for c in mini_store.carried(other.id)] == []  # made before it had any problems
    assert mini_store.carried(insp) == []

    # the status at start stays as it was; the problem shows as it stands
    mini_store.update_problem(manual, status=Status.IN_PROGRESS)
    now_carried = {c.problem.id: c for c in mini_store.carried(nxt.id)}
    assert now_carried[manual].status_at_start == Status.OPEN
    assert now_carried[manual].problem.status == Status.IN_PROGRESS

    # a newer version of the same checklist carries them too, and problems of other checklists stay out
    mini_store.install_checklist(with_extra_item(mini, "1.1"), "test")
    third = mini_store.new_inspection("mini", "2027年秋季学期")
    assert third.template_version == "1.1"
    assert {c.problem.id for c in mini_store.carried(third.id)} == set(carried)
    wu = mini_store.new_inspection("wuchawukan", "2027年春季学期")
    assert {c.problem.id for c in mini_store.carried(wu.id)} == {elsewhere}


def test_hand_raised_problem_naming_its_checklist_is_carried(mini_store: Store) -> None:
    named = mini_store.add_problem("食堂卫生", template_id="mini").id
    mini_store.add_problem("别的检查表", template_id="wuchawukan")
    mini_store.add_problem("不属于任何检查表")
    with pytest.raises(NotFoundError):
        mini_store.add_problem("未安装的检查表", template_id="nope")
    first = mini_store.new_inspection("mini", "2026年秋季学期")
    assert [c.problem.id for c in mini_store.carried(first.id)] == [named]


def test_first_inspection_carries_nothing(mini_store: Store) -> None:
    mini_store.add_problem("手工登记的问题")
    first = mini_store.new_inspection("mini", "2026年秋季学期")
    assert mini_store.carried(first.id) == []


def test_new_inspection_refuses_empty_period_and_unknown_checklist(mini_store: Store) -> None:
    before = dump(mini_store)
    with pytest.raises(RuleError):
        mini_store.new_inspection("mini", "   ")
    with pytest.raises(NotFoundError):
        mini_store.new_inspection("nope", "2026")
    with pytest.raises(NotFoundError):
        mini_store.new_inspection("mini", "2026", version="9.9")
    assert dump(mini_store) == before


# ---- a model of the answers ------------------------------------------------------------------------

ITEM_VALUES: dict[str, st.SearchStrategy[tuple[Any, Any]]] = {
    "s1.study": st.tuples(st.sampled_from(["yes", "partial", "no", "na", "maybe"]), st.none()),
    "s2.firstask": st.tuples(st.sampled_from(["good", "ok", "bad", "yes"]), st.none()),
    "s2.fees": st.tuples(st.none(), st.integers(-2, 4)),
    "s2.score": st.tuples(st.none(), st.sampled_from([0, 2.5, 5, 6, -1])),
    "s2.date": st.tuples(st.none(), st.sampled_from(["2026-09-01", "2026-02-30", "x"])),
    "b.award": st.tuples(st.none(), st.integers(-1, 3)),
    "nope": st.tuples(st.sampled_from(["yes", None]), st.none()),
}

ACTIONS = st.one_of(
    st.sampled_from(sorted(ITEM_VALUES)).flatmap(
        lambda item: st.tuples(
            st.just("save"), st.just(item), ITEM_VALUES[item], st.sampled_from([None, "说明", " 说明 ", "另一说明"])
        )
    ),
    st.tuples(st.just("clear"), st.sampled_from(sorted(ITEM_VALUES)), st.just((None, None)), st.none()),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=st.lists(ACTIONS, max_size=25))
def test_answers_and_audit_follow_a_model(actions: list[tuple[str, str, tuple[Any, Any], Any]]) -> None:
    mini = read_checklist(MINI)
    with tempfile.TemporaryDirectory() as tmp, Store.open(tmp, install_builtins=False) as s:
        s.install_checklist(mini, "test")
        insp = s.new_inspection("mini", "期次").id
        model: dict[str, Answer] = {}
        changes = 0
        for kind, item, (option, value), note in actions:
            if kind == "clear":
                s.clear_answer(insp, item)
                changes += item in model
                model.pop(item, None)
            else:
                try:
                    expected = normalise(mini, item, option, value, note)
                except RuleError:
                    before = dump(s)
                    with pytest.raises(RuleError):
                        s.save_answer(insp, item, option, value, note)
                    assert dump(s) == before
                    continue
                s.save_answer(insp, item, option, value, note)
                changes += model.get(item) != expected
                model[item] = expected
            assert s.answers(insp) == model
        logged = [r for r in s.audit("inspection", insp) if r.action in ("answer", "clear")]
        assert len(logged) == changes


def test_open_problems_of_an_inspection_and_of_one_item(mini_store: Store, insp: int) -> None:
    study = mini_store.add_problem("学习记录不全", inspection_id=insp, item_id="s1.study")
    fees = mini_store.add_problem("收费公示缺失", inspection_id=insp, item_id="s2.fees")
    mini_store.add_problem("另立的问题", inspection_id=insp)  # not tied to an item
    other = mini_store.new_inspection("mini", "2027年春季学期").id
    mini_store.add_problem("下学期的问题", inspection_id=other, item_id="s2.score")
    assert mini_store.items_with_open_problems(insp) == {"s1.study", "s2.fees"}
    assert [p.id for p in mini_store.problems(inspection_id=insp, item_id="s2.fees")] == [fees.id]
    mini_store.update_problem(fees.id, status=Status.FIXED)  # fixed, awaiting the check: still open
    assert mini_store.items_with_open_problems(insp) == {"s1.study", "s2.fees"}
    mini_store.update_problem(fees.id, measure="补公示", owner="李四", deadline=dt.date(2026, 11, 1))
    mini_store.close_problem(
        fees.id, handling="已处理", verified_by="王校长", evidence="公示照片", verified_on=TODAY, today=TODAY
    )
    assert mini_store.items_with_open_problems(insp) == {"s1.study"}
    assert mini_store.items_with_open_problems(other) == {"s2.score"}
    assert study.item_id == "s1.study"


def test_a_damaged_stored_checklist_is_a_storage_error(mini_store: Store, insp: int) -> None:
    mini_store.conn.execute("UPDATE templates SET content = ? WHERE template_id = 'mini'", ['{"id": "mini"}'])
    mini_store._checklists.clear()
    with pytest.raises(StorageError, match="restore a backup"):
        mini_store.checklist("mini")

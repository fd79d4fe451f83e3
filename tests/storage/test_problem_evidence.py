"""A ledger problem's evidence files, before and after rectification (整改前 / 整改后): copied into the data folder,
all or none, one audited unit, refused on a closed-out problem; the schema step keeps the items' evidence."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from selfcheck.core.ledger import Status
from selfcheck.errors import NotFoundError, RuleError
from selfcheck.storage import Store


def _photo(path: Path, colour: str) -> Path:
    Image.new("RGB", (8, 6), colour).save(path)
    return path


def test_files_of_each_phase_are_copied_listed_and_audited_once(mini_store: Store, tmp_path: Path) -> None:
    store = mini_store
    p = store.add_problem("食堂留样柜损坏", measure="更换留样柜")
    before = store.attach_problem_evidence(p.id, "整改前", [_photo(tmp_path / "坏柜.png", "red")])
    after = store.attach_problem_evidence(
        p.id, "after", [_photo(tmp_path / "新柜.png", "green"), _photo(tmp_path / "记录.png", "blue")]
    )
    assert before.changes.problems == {p.id} and after.changes.problems == {p.id}
    listed = store.problem_attachments(p.id)
    assert [(e.phase, e.name) for e in listed] == [("before", "坏柜.png"), ("after", "新柜.png"), ("after", "记录.png")]
    for e in listed:
        assert e.path.is_file() and e.path.parent == store.evidence_dir() / "0"
        assert e.path.read_bytes() == (tmp_path / e.name).read_bytes()
    attaches = [a for a in store.audit("problem", p.id) if a.action == "attach"]
    assert len(attaches) == 2  # one row per action, however many files
    assert attaches[1].new["phase"] == "after" and [f["name"] for f in attaches[1].new["files"]] == ["新柜.png", "记录.png"]
    assert store.problem_attachments([]) == [] and store.problem_attachments([p.id, 999]) == listed


def test_a_bad_file_among_several_saves_none(mini_store: Store, tmp_path: Path) -> None:
    store = mini_store
    p = store.add_problem("校门口交通拥堵")
    good = _photo(tmp_path / "a.png", "red")
    with pytest.raises(NotFoundError) as missing:
        store.attach_problem_evidence(p.id, "整改前", [good, tmp_path / "不存在.jpg"])
    assert "找不到文件" in missing.value.zh and "不存在.jpg" in missing.value.zh
    assert store.problem_attachments(p.id) == []
    assert not (store.evidence_dir() / "0").exists()  # nothing copied either
    with pytest.raises(RuleError) as phase:
        store.attach_problem_evidence(p.id, "整改中", [good])
    assert "整改前、整改后" in phase.value.zh
    with pytest.raises(NotFoundError):
        store.attach_problem_evidence(12345, "整改前", [good])


def test_a_closed_problem_keeps_its_files_as_they_were(mini_store: Store, tmp_path: Path) -> None:
    store = mini_store
    p = store.add_problem("消防通道堆放杂物", measure="清理通道")
    [kept] = store.attach_problem_evidence(p.id, "整改后", [_photo(tmp_path / "通道.png", "white")])
    store.update_problem(p.id, status=Status.FIXED)
    store.close_problem(p.id, verified_by="赵书记", evidence="整改后照片", handling="已更换")
    for attempt in (
        lambda: store.attach_problem_evidence(p.id, "整改后", [tmp_path / "通道.png"]),
        lambda: store.detach_problem_evidence(kept.id),
    ):
        with pytest.raises(RuleError, match="已销号"):
            attempt()
    assert store.problem_attachments(p.id) == [kept]


def test_detach_removes_the_record_and_the_unused_copy(mini_store: Store, tmp_path: Path) -> None:
    store = mini_store
    a = store.add_problem("一")
    b = store.add_problem("二")
    same = _photo(tmp_path / "同一张.png", "red")
    [on_a] = store.attach_problem_evidence(a.id, "整改前", [same])
    [on_b] = store.attach_problem_evidence(b.id, "整改前", [same])
    assert on_a.path == on_b.path  # one copy of one content
    assert store.detach_problem_evidence(on_a.id).changes.problems == {a.id}
    assert on_b.path.is_file()  # still used by b
    store.detach_problem_evidence(on_b.id)
    assert not on_b.path.exists()
    assert [x.action for x in store.audit("problem", a.id)][-1] == "detach"
    with pytest.raises(NotFoundError):
        store.detach_problem_evidence(on_a.id)


def test_the_upgrade_keeps_the_items_evidence(mini_store: Store, data_dir: Path, tmp_path: Path) -> None:
    store = mini_store
    insp = store.new_inspection("mini", "2026年秋季学期")
    item = store.attach_evidence(insp.id, "s1.study", _photo(tmp_path / "记录.png", "red"))
    store.close()
    conn = sqlite3.connect(data_dir / "selfcheck.db")  # as a database made before the upgrade was
    conn.execute("DROP TABLE problem_evidence")
    conn.execute("DELETE FROM migrations WHERE name = '012_problem_evidence'")
    conn.commit()
    conn.close()
    with Store.open(data_dir) as again:
        assert again.attachments(insp.id) == [item]
        assert again.problem_attachments(1) == []
        names = [r[0] for r in again.conn.execute("SELECT name FROM migrations ORDER BY name")]
        assert names[-1] == "012_problem_evidence"


def test_a_school_backup_carries_the_problems_files(mini_store: Store, data_dir: Path, tmp_path: Path) -> None:
    from selfcheck.storage import school_backup

    store = mini_store
    p = store.add_problem("食堂留样柜损坏")
    [kept] = store.attach_problem_evidence(p.id, "整改前", [_photo(tmp_path / "坏柜.png", "red")])
    out = tmp_path / "U盘"
    out.mkdir()
    file = school_backup.make_school_backup(data_dir, out)
    fresh = tmp_path / "新电脑"
    school_backup.restore_school_backup(file, fresh)
    with Store.open(fresh) as restored:
        [back] = restored.problem_attachments(p.id)
        assert (back.phase, back.name, back.sha256) == ("before", "坏柜.png", kept.sha256)
        assert back.path.read_bytes() == kept.path.read_bytes() and back.path.is_relative_to(fresh)

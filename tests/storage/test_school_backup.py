"""The school backup's checks in storage: a new passphrase never smuggles in another key; a failed swap puts
the data back; the folder's settings (gui.ini: window, tips, drafts) and a bureau's desk travel with it and are
read as hostile."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest

from selfcheck.core.desk import RosterEntry
from selfcheck.errors import ConflictError, RuleError, StorageError
from selfcheck.reports.identity import create_identity, encrypt_key, unlock
from selfcheck.storage import Store, school_backup
from selfcheck.storage.desk import Desk

PASS = "correct horse battery staple"


def test_replace_key_encryption_refuses_another_key(mini_store: Store) -> None:
    made = create_identity("城关第一小学", "3412345678", PASS)
    mini_store.set_identity(made.key_pem, made.cert_pem, made.fingerprint)
    other = create_identity("城关第一小学", "3412345678", PASS)
    with pytest.raises(ConflictError, match="不符"):
        mini_store.replace_key_encryption(other.key_pem, PASS)
    with pytest.raises(RuleError, match="无法用新口令打开"):
        mini_store.replace_key_encryption(made.key_pem, "not the passphrase")
    with pytest.raises(RuleError, match="加密"):
        mini_store.replace_key_encryption(b"-----BEGIN PRIVATE KEY-----", PASS)
    assert mini_store.identity() == (made.key_pem, made.cert_pem, made.fingerprint)
    new = encrypt_key(unlock(made, PASS), "another long passphrase")
    mini_store.replace_key_encryption(new, "another long passphrase")
    assert mini_store.identity() == (new, made.cert_pem, made.fingerprint)


def test_a_failure_while_swapping_puts_the_old_data_back(
    mini_store: Store, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mini_store.new_inspection("mini", "2026年秋季学期")
    out = tmp_path / "out"
    out.mkdir()
    file = school_backup.make_school_backup(data_dir, out)
    assert school_backup.read_backup(file).school_code == "3412345678"
    mini_store.new_inspection("mini", "2027年春季学期")  # the live data now differs from the backup
    mini_store.close()
    before = (data_dir / "selfcheck.db").read_bytes()
    real = os.replace
    calls = []

    def failing(src: object, dst: object) -> None:
        calls.append(dst)
        if len(calls) == 2:  # the old database went aside; the new one fails to come in
            raise OSError(28, "No space left on device")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(school_backup.os, "replace", failing)
    with pytest.raises(Exception, match="当前数据未改动"):
        school_backup.restore_school_backup(file, data_dir, replace=True)
    monkeypatch.setattr(school_backup.os, "replace", real)
    assert (data_dir / "selfcheck.db").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    with Store.open(data_dir) as again:
        assert len(again.inspections()) == 2


def _backup(data_dir: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    return school_backup.make_school_backup(data_dir, out)


SETTINGS_TEXT = (
    '[note_drafts]\n3="{\\"s1.study\\": \\"学习记录缺 9 月\\"}"\n\n[tips]\nfilling=true\n\n'
    '[window]\ngeometry="@ByteArray(\\0\\x1\\xff)"\n'
)


def test_the_folder_settings_travel_with_the_backup(mini_store: Store, data_dir: Path, tmp_path: Path) -> None:
    """gui.ini (window, tips, the drafts not yet saved) goes into the backup and comes back byte for byte."""
    (data_dir / "gui.ini").write_text(SETTINGS_TEXT, encoding="utf-8")
    file = _backup(data_dir, tmp_path)
    with zipfile.ZipFile(file) as archive:
        assert archive.read("gui.ini").decode("utf-8") == SETTINGS_TEXT
    fresh = tmp_path / "new-pc"
    school_backup.restore_school_backup(file, fresh)
    assert (fresh / "gui.ini").read_text(encoding="utf-8") == SETTINGS_TEXT
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_backup_without_settings_takes_the_old_ones_away(mini_store: Store, data_dir: Path, tmp_path: Path) -> None:
    """Another school's drafts (keyed by inspection number) must not show on the restored school's inspections."""
    file = _backup(data_dir, tmp_path)  # no gui.ini yet
    with zipfile.ZipFile(file) as archive:
        assert "gui.ini" not in archive.namelist()
    mini_store.close()
    (data_dir / "gui.ini").write_text(SETTINGS_TEXT, encoding="utf-8")
    school_backup.restore_school_backup(file, data_dir, replace=True)
    assert not (data_dir / "gui.ini").exists()


def _with_member(src: Path, dst: Path, name: str, data: bytes, size: int | None = None) -> None:
    """`src` with its member `name` set to `data` and a manifest that agrees with it (or says `size`): only that
    member's own checks can refuse it."""
    with zipfile.ZipFile(src) as a:
        manifest = json.loads(a.read("manifest.json"))
        members = {i.filename: a.read(i.filename) for i in a.infolist() if i.filename != "manifest.json"}
    members[name] = data
    manifest["members"] = [e for e in manifest["members"] if e["name"] != name] + [
        {"name": name, "size": len(data) if size is None else size, "sha256": hashlib.sha256(data).hexdigest()}
    ]
    with zipfile.ZipFile(dst, "w") as b:
        b.writestr("manifest.json", json.dumps(manifest))
        for name, body in members.items():
            b.writestr(name, body)


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (b"[window]\ngeometry=1\n\0\n", None),  # a NUL
        (b"[window]\n#!/bin/sh rm -rf ~\n", None),  # not an ini line
        (b"[window]\nname=\xff\xfe\n", None),  # not UTF-8
        (b"[../../x]\nk=1\n", None),  # a section no QSettings writes
        (b"[window]\nk=1\n", 5 * 1024 * 1024),  # the manifest says it is larger than settings can be
        (b"[window]\nk=" + b"x" * (4 * 1024 * 1024) + b"\n", None),  # larger than settings can be
    ],
)
def test_a_hostile_settings_file_is_refused_and_nothing_changes(
    mini_store: Store, data_dir: Path, tmp_path: Path, data: bytes, size: int | None
) -> None:
    good = _backup(data_dir, tmp_path)
    school_backup.restore_school_backup(good, tmp_path / "check", replace=True)  # the untouched file restores
    bad = tmp_path / "bad.zip"
    _with_member(good, bad, "gui.ini", data, size)
    mini_store.close()
    (data_dir / "gui.ini").write_text(SETTINGS_TEXT, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    with pytest.raises(RuleError, match=r"bad\.zip 不是可用的本程序备份文件"):
        school_backup.read_backup(bad)
    with pytest.raises(RuleError, match=r"bad\.zip 不是可用的本程序备份文件"):
        school_backup.restore_school_backup(bad, data_dir, replace=True)
    assert {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_an_altered_settings_file_stops_the_backup_with_what_to_do(mini_store: Store, data_dir: Path, tmp_path: Path) -> None:
    (data_dir / "gui.ini").write_bytes(b"[window]\ngeometry=\0\0\0\n")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(StorageError, match=r"gui\.ini 内容异常.*移出数据文件夹"):
        school_backup.make_school_backup(data_dir, out)
    assert list(out.iterdir()) == []


def test_a_bureau_desk_travels_with_the_backup(mini_store: Store, data_dir: Path, tmp_path: Path) -> None:
    """On a bureau's PC the desk (bureau-desk.db) is in the data folder too: backed up and restored with the rest."""
    with Desk.open(data_dir) as desk:
        desk.import_roster([RosterEntry("3412345678", "城关第一小学", "城关学区")], "名册.xlsx")
    file = _backup(data_dir, tmp_path)
    fresh = tmp_path / "new-pc"
    school_backup.restore_school_backup(file, fresh)
    with Desk.open(fresh) as desk:
        assert [(e.code, e.name, e.district) for e in desk.roster()] == [("3412345678", "城关第一小学", "城关学区")]
    # a desk that is a school's database in disguise, or damaged, is refused
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(file) as archive:
        school_db = archive.read("selfcheck.db")
    _with_member(file, bad, "bureau-desk.db", school_db)
    with pytest.raises(RuleError, match="教育局台账已损坏"):
        school_backup.restore_school_backup(bad, tmp_path / "another-pc")
    assert not (tmp_path / "another-pc" / "bureau-desk.db").exists()


def test_a_backup_without_a_desk_leaves_the_desk_in_place(mini_store: Store, data_dir: Path, tmp_path: Path) -> None:
    file = _backup(data_dir, tmp_path)
    fresh = tmp_path / "bureau-pc"
    with Desk.open(fresh) as desk:
        desk.import_roster([RosterEntry("1", "甲校")], "名册.xlsx")
    assert school_backup.holds_data(fresh)  # a desk is data: --replace needed
    with pytest.raises(ConflictError):
        school_backup.restore_school_backup(file, fresh)
    school_backup.restore_school_backup(file, fresh, replace=True)
    with Desk.open(fresh) as desk:
        assert [e.code for e in desk.roster()] == ["1"]

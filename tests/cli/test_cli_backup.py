"""A backup that leaves the PC, its restore on a new one, and a new passphrase for the same key."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from selfcheck.cli.main import main
from selfcheck.reports.identity import Identity, unlock
from selfcheck.storage import Store
from tests.conftest import DATA

PASSPHRASE = "correct horse battery staple"
NEW_PASSPHRASE = "purple lantern over quiet harbour"


def cli(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def school(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder with a school, a key, an answered inspection, a problem and an evidence file."""
    data = tmp_path / "old-pc"
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", PASSPHRASE)
    assert cli(data, "school", "set", "--name", "城关第一小学", "--code", "3101010001", "--principal", "王校长") == 0
    assert cli(data, "keys", "init") == 0
    assert cli(data, "template", "import", "--allow-unsigned", str(DATA / "mini.yaml")) == 0
    assert cli(data, "inspection", "new", "--template", "mini", "--period", "2026年秋季学期") == 0
    with Store.open(data) as store:
        store.save_answer(1, "s1.study", "no", note="未组织学习")
        store.add_problem("学习未组织", inspection_id=1, owner="李老师")
        photo = tmp_path / "photo.jpg"
        photo.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 40)
        store.attach_evidence(1, "s1.study", photo)
    capsys.readouterr()
    return data


def backup(data: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    out.mkdir(exist_ok=True)
    assert cli(data, "backup", "--out", str(out)) == 0
    path = Path(capsys.readouterr().out.strip().splitlines()[-1])
    assert path.parent == out and path.is_file() and path.suffix == ".zip"
    return path


def test_backup_then_restore_on_a_new_pc(school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = backup(school, tmp_path / "stick", capsys)
    with zipfile.ZipFile(file) as archive:
        names = archive.namelist()
        assert "manifest.json" in names and "selfcheck.db" in names
        assert any(n.startswith("evidence/1/") for n in names)
        assert b"ENCRYPTED PRIVATE KEY" in archive.read("selfcheck.db")  # the key travels encrypted, only so
    new_pc = tmp_path / "new-pc"
    assert cli(new_pc, "restore", str(file)) == 0
    assert "已恢复：城关第一小学" in capsys.readouterr().out
    with Store.open(school) as old, Store.open(new_pc) as new:
        assert new.answers(1) == old.answers(1)
        assert [p.to_json() for p in new.problems()] == [p.to_json() for p in old.problems()]
        [evidence] = new.attachments(1)
        assert evidence.path.read_bytes() == old.attachments(1)[0].path.read_bytes()
        found = new.identity()
        assert found is not None and found == old.identity()
    unlock(Identity(found[0], found[1]), PASSPHRASE)  # sign-capable with the same passphrase
    # a second restore into a folder that holds data needs --replace
    assert cli(new_pc, "restore", str(file)) == 1
    assert "--replace" in capsys.readouterr().err
    assert cli(new_pc, "restore", "--replace", str(file)) == 0


def _rewrite(src: Path, dst: Path, extra: dict[str, bytes]) -> None:
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w") as b:
        for info in a.infolist():
            b.writestr(info, a.read(info.filename))
        for name, data in extra.items():
            b.writestr(name, data)


@pytest.mark.parametrize("damage", ["one byte", "member added", "climbing name", "not a zip", "foreign zip"])
def test_a_tampered_backup_is_refused_and_the_folder_untouched(
    damage: str, school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = backup(school, tmp_path / "stick", capsys)
    bad = tmp_path / "bad.zip"
    if damage == "one byte":
        raw = bytearray(file.read_bytes())
        at = raw.find(b"SQLite format 3") + 5000
        raw[at] ^= 0x01
        bad.write_bytes(bytes(raw))
    elif damage == "member added":
        _rewrite(file, bad, {"evidence/1/extra.jpg": b"x"})
    elif damage == "climbing name":
        _rewrite(file, bad, {"../../evil.txt": b"x"})
    elif damage == "not a zip":
        bad.write_bytes(b"not a zip at all" * 100)
    else:
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("xl/workbook.xml", "<workbook/>")
    before = snapshot(school)
    assert cli(school, "restore", "--replace", str(bad)) == 1
    err = capsys.readouterr().err
    assert "备份" in err and "Traceback" not in err
    assert snapshot(school) == before
    assert not list(tmp_path.glob(".*restore-*")) and not (tmp_path / "evil.txt").exists()


def test_backup_into_a_missing_folder_says_so(school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(school, "backup", "--out", str(tmp_path / "nowhere")) == 1
    assert "不存在" in capsys.readouterr().err


def test_change_passphrase_keeps_the_key_and_only_the_new_one_opens_it(
    school: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(school) as store:
        before = store.identity()
    assert before is not None
    monkeypatch.setenv("SELFCHECK_NEW_PASSPHRASE", "12345678")
    assert cli(school, "keys", "change-passphrase") == 1  # too weak: nothing changes
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", "wrong passphrase here")
    monkeypatch.setenv("SELFCHECK_NEW_PASSPHRASE", NEW_PASSPHRASE)
    assert cli(school, "keys", "change-passphrase") == 1
    assert "口令不正确" in capsys.readouterr().err
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", PASSPHRASE)
    assert cli(school, "keys", "change-passphrase") == 0
    assert before[2] in capsys.readouterr().out
    with Store.open(school) as store:
        after = store.identity()
        assert after is not None and after[1:] == before[1:] and after[0] != before[0]
        assert store.audit("identity")[-1].action == "change_passphrase"
    unlock(Identity(after[0], after[1]), NEW_PASSPHRASE)
    with pytest.raises(Exception, match="口令不正确"):
        unlock(Identity(after[0], after[1]), PASSPHRASE)
    # and a report signs with the new passphrase
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", NEW_PASSPHRASE)
    assert cli(school, "report", "export", "1", "--out", str(school / "r.pdf")) == 0
    assert "并签名" in capsys.readouterr().out

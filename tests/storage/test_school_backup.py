"""The school backup's checks in storage: a new passphrase never smuggles in another key; a failed swap puts
the data back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from selfcheck.errors import ConflictError, RuleError
from selfcheck.reports.identity import create_identity, encrypt_key, unlock
from selfcheck.storage import Store, school_backup

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

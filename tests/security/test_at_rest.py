"""At rest on the school's PC: the data folder is the user's alone, and the key is behind a passphrase that is not
guessed in an afternoon."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from selfcheck.errors import RuleError, SelfcheckError
from selfcheck.reports.identity import check_passphrase, create_identity
from selfcheck.storage import Store
from selfcheck.storage.backup import make_backup

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_folder_and_everything_secret_in_it_are_private(tmp_path: Path, mini) -> None:  # type: ignore[no-untyped-def]

    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.install_checklist(mini, "test")
        store.set_school("城关第一小学", "3412345678", "张明")
        inspection = store.new_inspection("mini", "2026年秋季学期")
        photo = tmp_path / "照片.jpg"
        photo.write_bytes(b"\xff\xd8\xff\xe0" + b"1" * 100)
        os.chmod(photo, 0o644)
        item = mini.items()[0].id
        copied = store.attach_evidence(inspection.id, item, photo)
        assert mode(copied.path) == 0o600 and mode(copied.path.parent) == 0o700
        backup = make_backup(folder, "test")
        assert backup is not None and mode(backup) == 0o600 and mode(backup.parent) == 0o700
    assert mode(folder) == 0o700
    assert mode(folder / "selfcheck.db") == 0o600
    for side in folder.glob("selfcheck.db-*"):
        assert mode(side) == 0o600, side


def test_an_existing_open_folder_is_closed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    (folder / "selfcheck.db").touch(mode=0o644)
    os.chmod(folder / "selfcheck.db", 0o644)
    Store.open(folder).close()
    assert mode(folder) == 0o700 and mode(folder / "selfcheck.db") == 0o600


@pytest.mark.parametrize(
    ("passphrase", "why"),
    [
        ("12345678", "最常见的口令"),
        ("password", "最常见的口令"),
        ("qwertyuiop", "键盘"),
        ("20261120", "日期"),
        ("aaaaaaaaaaaa", "重复"),
        ("3412345678", ""),  # the school code
    ],
)
def test_guessable_passphrases_are_refused_with_the_reason(passphrase: str, why: str) -> None:
    with pytest.raises(SelfcheckError) as info:
        check_passphrase(passphrase, ("城关第一小学", "3412345678"))
    assert "口令太容易被猜到" in info.value.zh and why in info.value.zh
    assert "too easy to guess" in info.value.en


def test_a_phrase_only_the_principal_knows_is_accepted() -> None:
    for good in ("城关一小 2026 自查", "correct horse battery", "Chengguan-2026-xiaoxue"):
        check_passphrase(good, ("城关第一小学", "3412345678"))
    assert create_identity("城关第一小学", "3412345678", "城关一小 2026 自查").cert_pem


def test_a_very_long_passphrase_is_judged_without_failing() -> None:
    check_passphrase("城关一小的校长办公室在二楼东头" * 10)


def test_invisible_characters_never_reach_a_certificate(store: Store) -> None:
    with pytest.raises(RuleError, match="U\\+200B"):
        store.set_school("城关\u200b第一小学", "3412345678", "张明")
    with pytest.raises(SelfcheckError, match="U\\+200B"):
        create_identity("城关\u200b第一小学", "3412345678", "城关一小 2026 自查")

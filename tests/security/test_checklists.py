"""Checklist updates cannot be locked out: an unsigned file never shadows the bureau's line of a checklist, and a
version nobody uses can be removed."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from selfcheck.errors import ConflictError, NotFoundError, RuleError
from selfcheck.exchange.checklist_import import inspect_checklist, install_checklist
from selfcheck.storage import Store
from tests.cli.helpers import run_cli
from tests.exchange.test_signed_checklists import mini_text, trust_key, write_signed


@pytest.fixture
def bureau() -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.generate()


@pytest.fixture
def trusted(store: Store, tmp_path: Path, bureau: ed25519.Ed25519PrivateKey) -> Store:
    trust_key(store, tmp_path, bureau)
    return store


def unsigned(tmp_path: Path, version: str, text: bytes | None = None, name: str | None = None) -> Path:
    path = tmp_path / (name or f"mini-{version}.yaml")
    path.write_bytes(text or mini_text(version))
    return path


def test_an_unsigned_file_may_not_take_a_shipped_checklists_id(store: Store, tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parents[2] / "checklists").glob("wuchawukan*.yaml")
    source = next(iter(text)).read_text(encoding="utf-8")
    import re

    forged = re.sub(r"(?m)^version: .*$", 'version: "99.0"', source, count=1)
    plan = inspect_checklist(store, unsigned(tmp_path, "99.0", forged.encode(), "wuchawukan-99.yaml"))
    assert plan.refused
    assert "是教育局检查表的编号" in (plan.reason_zh or "") and "随程序提供" in (plan.reason_zh or "")
    assert "belongs to the bureau's checklist" in (plan.reason_en or "")


def test_an_unsigned_high_version_never_blocks_the_bureaus_next_one(
    trusted: Store, tmp_path: Path, bureau: ed25519.Ed25519PrivateKey
) -> None:
    """Before: an unsigned mini 9.0 made the bureau's signed 1.2 a "rollback"."""
    install_checklist(trusted, inspect_checklist(trusted, write_signed(tmp_path, bureau, "1.1")), allow_unsigned=False)
    # now that the bureau signs "mini", an unsigned file cannot take the id at all
    plan = inspect_checklist(trusted, unsigned(tmp_path, "9.0"))
    assert plan.refused and "教育局签名（公钥 某某县教育局）" in (plan.reason_zh or "")
    # and the bureau's next version installs
    done = install_checklist(trusted, inspect_checklist(trusted, write_signed(tmp_path, bureau, "1.2")), allow_unsigned=False)
    assert done.installed and trusted.checklist("mini").version == "1.2"


def test_an_unsigned_version_from_before_must_be_removed_first(
    store: Store, tmp_path: Path, bureau: ed25519.Ed25519PrivateKey
) -> None:
    """The id was used unsigned before the bureau began signing it: its signed version is not taken as a rollback,
    but the higher unsigned one would shadow it, so the message says to remove that one, and removing works."""
    install_checklist(store, inspect_checklist(store, unsigned(tmp_path, "9.0")), allow_unsigned=True)
    trust_key(store, tmp_path, bureau)
    plan = inspect_checklist(store, write_signed(tmp_path, bureau, "1.2"))
    assert plan.refused and "版本回退" not in (plan.reason_zh or "")
    assert "selfcheck checklist remove mini 9.0" in (plan.reason_zh or "") and "would shadow" in (plan.reason_en or "")
    store.remove_checklist("mini", "9.0")
    done = install_checklist(store, inspect_checklist(store, write_signed(tmp_path, bureau, "1.2")), allow_unsigned=False)
    assert done.installed and store.checklist("mini").version == "1.2"


def test_a_rollback_names_what_is_installed_and_why(trusted: Store, tmp_path: Path, bureau: ed25519.Ed25519PrivateKey) -> None:
    install_checklist(trusted, inspect_checklist(trusted, write_signed(tmp_path, bureau, "1.3")), allow_unsigned=False)
    plan = inspect_checklist(trusted, write_signed(tmp_path, bureau, "1.2"))
    assert plan.refused
    assert "已安装 mini 版本 1.3（教育局签名（公钥 某某县教育局））" in (plan.reason_zh or "")
    assert "version 1.3 is installed (signed by the bureau (key 某某县教育局))" in (plan.reason_en or "")


def test_remove_refuses_shipped_and_used_versions(store: Store, mini) -> None:  # type: ignore[no-untyped-def]
    shipped = next(t for t in store.checklists() if t.source.startswith("builtin:"))
    with pytest.raises(RuleError, match="随程序提供"):
        store.remove_checklist(shipped.template_id, shipped.version)
    store.install_checklist(mini, "file:mini.yaml")
    store.set_school("城关第一小学", "3412345678", "张明")
    store.new_inspection("mini", "2026年秋季学期")
    with pytest.raises(ConflictError, match="1 次自查在用"):
        store.remove_checklist("mini", mini.version)
    with pytest.raises(NotFoundError):
        store.remove_checklist("mini", "7.7")


def test_remove_from_the_cli(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_cli("template", "import", unsigned(tmp_path, "2.0"), "--allow-unsigned", data_dir=data)
    proc = run_cli("template", "remove", "mini", "2.0", data_dir=data)
    assert "已删除检查表 mini 版本 2.0" in proc.stdout
    listed = run_cli("template", "list", data_dir=data).stdout
    assert "mini\t2.0" not in listed
    again = run_cli("template", "remove", "mini", "2.0", data_dir=data, check_code=1)
    assert "没有安装检查表" in again.stderr
    audit = run_cli("audit", data_dir=data).stdout
    assert "remove" in audit and "mini@2.0" in audit

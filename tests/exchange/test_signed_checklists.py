"""Signed checklist updates: bureau keys, signing, trust, and import with rollback and tamper refusal.

Real keys, real files in tmp_path, a real database; the CLI in-process except one end-to-end subprocess run.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from selfcheck.cli.main import main
from selfcheck.core.checklist_file import read_checklist
from selfcheck.errors import ChecklistError, ConflictError, RuleError
from selfcheck.exchange import signed_checklist
from selfcheck.exchange.checklist_import import ImportPlan, inspect_checklist, install_checklist, trust_bureau_key
from selfcheck.storage import Store
from tests.cli.helpers import as_json, run_cli

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.yaml"
PASS = "correct-horse-battery"


# ---- helpers --------------------------------------------------------------------------------------


def mini_text(version: str = "1.0", title: str = "测试用小检查表") -> bytes:
    text = MINI.read_text(encoding="utf-8").replace('version: "1.0"', f'version: "{version}"', 1)
    return text.replace("title: 测试用小检查表", f"title: {title}", 1).encode("utf-8")


def pub_pem(key: ed25519.Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def write_signed(tmp_path: Path, key: ed25519.Ed25519PrivateKey, version: str = "1.1", **kw: Any) -> Path:
    raw = mini_text(version, **kw)
    path = tmp_path / f"mini-{version}-{signed_checklist.fingerprint_of(key.public_key())[:2]}.signed.yaml"
    path.write_bytes(signed_checklist.sign(raw, "mini", version, key))
    return path


def trust_key(store: Store, tmp_path: Path, key: ed25519.Ed25519PrivateKey, name: str = "某某县教育局") -> str:
    pub = tmp_path / f"bureau-{name}.pub"
    pub.write_bytes(pub_pem(key))
    trusted, added = trust_bureau_key(store, pub, name)
    assert added
    return trusted.fingerprint


def dump(store: Store) -> list[tuple[str, list[Any]]]:
    """Every row of every table, to prove a refusal wrote nothing."""
    conn = store.db.conn
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return [(t, sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)) for t in tables]


@pytest.fixture
def bureau() -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.generate()


@pytest.fixture
def trusted(store: Store, tmp_path: Path, bureau: ed25519.Ed25519PrivateKey) -> Store:
    trust_key(store, tmp_path, bureau)
    return store


# ---- the signed file ------------------------------------------------------------------------------


def test_signed_file_is_the_original_checklist_plus_a_trailer(tmp_path: Path, bureau: ed25519.Ed25519PrivateKey) -> None:
    raw = mini_text("1.1")
    signed = signed_checklist.sign(raw, "mini", "1.1", bureau)
    assert signed.startswith(raw)
    trailer = signed[len(raw) :].decode("ascii").splitlines()
    fp = signed_checklist.fingerprint_of(bureau.public_key())
    assert trailer[:3] == ["# selfcheck-signature: v1", "# checklist: mini 1.1", f"# key: {fp}"]
    assert trailer[3].startswith("# sig: ") and len(trailer) == 4
    # still a readable checklist: the trailer is YAML comments
    path = tmp_path / "mini.signed.yaml"
    path.write_bytes(signed)
    plain = tmp_path / "plain.yaml"
    plain.write_bytes(raw)
    assert read_checklist(path).content_hash() == read_checklist(plain).content_hash()
    parts = signed_checklist.split(signed)
    assert parts is not None and parts.content == raw and (parts.template_id, parts.version) == ("mini", "1.1")
    signed_checklist.verify(parts, pub_pem(bureau))
    # deterministic: signing again gives the same bytes
    assert signed_checklist.sign(raw, "mini", "1.1", bureau) == signed


def test_last_line_without_newline_is_signed_with_one(bureau: ed25519.Ed25519PrivateKey) -> None:
    raw = mini_text("1.1").rstrip(b"\n")
    parts = signed_checklist.split(signed_checklist.sign(raw, "mini", "1.1", bureau))
    assert parts is not None and parts.content == raw + b"\n"
    signed_checklist.verify(parts, pub_pem(bureau))


def test_every_changed_byte_is_refused(trusted: Store, tmp_path: Path, bureau: ed25519.Ed25519PrivateKey) -> None:
    """Flip one bit of each byte of the file in turn (content and trailer): never accepted, never read as unsigned."""
    good = write_signed(tmp_path, bureau).read_bytes()
    pub = pub_pem(bureau)
    for pos in range(len(good)):  # every byte, in memory
        bad = bytearray(good)
        bad[pos] ^= 0x01
        with pytest.raises(signed_checklist.SignatureError):
            parts = signed_checklist.split(bytes(bad))
            assert parts is not None, f"byte {pos} ({chr(good[pos])!r}) changed: the file now reads as unsigned"
            signed_checklist.verify(parts, pub)
            pytest.fail(f"byte {pos} ({chr(good[pos])!r}) changed yet the signature verifies")
    # through the importer (files are slow to rewrite here): the whole trailer and a stride over the content
    content_length = len(mini_text("1.1"))
    before = dump(trusted)
    path = tmp_path / "tampered.yaml"
    for pos in [*range(0, content_length, 97), *range(content_length, len(good))]:
        bad = bytearray(good)
        bad[pos] ^= 0x01
        path.write_bytes(bytes(bad))
        plan = inspect_checklist(trusted, path)
        assert plan.signed and plan.refused, f"byte {pos} ({chr(good[pos])!r}) changed yet {plan.status}"
        with pytest.raises(RuleError):
            install_checklist(trusted, plan, allow_unsigned=True)
    assert dump(trusted) == before


@pytest.mark.parametrize(
    "change",
    ["append_newline", "append_text", "two_trailers", "trailer_in_middle", "crlf", "other_signature", "noncanonical_b64"],
)
def test_malformed_trailers_are_refused(trusted: Store, tmp_path: Path, bureau: ed25519.Ed25519PrivateKey, change: str) -> None:
    good = write_signed(tmp_path, bureau).read_bytes()
    raw = mini_text("1.1")
    trailer = good[len(raw) :]
    other = signed_checklist.sign(mini_text("1.2"), "mini", "1.2", bureau)
    bad = {
        "append_newline": good + b"\n",
        "append_text": good + b"extra: 1\n",
        "two_trailers": good + trailer,
        "trailer_in_middle": trailer + raw,
        "crlf": good.replace(b"\n", b"\r\n"),
        "other_signature": raw + other[len(mini_text("1.2")) :],
        # the last base64 digit before "==" carries 4 unused bits: another spelling of the same signature
        "noncanonical_b64": good[: good.rindex(b"==") - 1]
        + bytes([_sibling(good[good.rindex(b"==") - 1])])
        + good[good.rindex(b"==") :],
    }[change]
    path = tmp_path / "bad.yaml"
    path.write_bytes(bad)
    plan = inspect_checklist(trusted, path)
    assert plan.refused and plan.signed, plan
    assert plan.reason_zh and plan.reason_en


def _sibling(char: int) -> int:
    """A base64 digit with the same top two bits (so the decoded bytes are equal) but a different character."""
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    n = alphabet.index(char)
    return alphabet[n ^ 0x01]


def test_signature_binds_the_parsed_id_and_version(trusted: Store, tmp_path: Path, bureau: ed25519.Ed25519PrivateKey) -> None:
    """A bureau tool that signed other id/version than the content holds: refused even though the signature holds."""
    path = tmp_path / "mismatch.yaml"
    path.write_bytes(signed_checklist.sign(mini_text("1.1"), "mini", "9.9", bureau))
    plan = inspect_checklist(trusted, path)
    assert plan.refused and "不符" in (plan.reason_zh or "")


# ---- import rules ---------------------------------------------------------------------------------


def test_signed_by_trusted_key_installs_with_provenance(
    trusted: Store, tmp_path: Path, bureau: ed25519.Ed25519PrivateKey
) -> None:
    path = write_signed(tmp_path, bureau, "1.1")
    plan = inspect_checklist(trusted, path)
    assert (plan.status, plan.verified, plan.needs_confirmation) == ("new", True, False)
    done = install_checklist(trusted, plan, allow_unsigned=False)
    assert done.installed
    origin = trusted.provenance("mini", "1.1")
    assert origin.kind == "signed" and origin.key_fingerprint == signed_checklist.fingerprint_of(bureau.public_key())
    assert origin.key_name == "某某县教育局" and origin.label == "教育局签名（某某县教育局）"
    assert trusted.checklist("mini").version == "1.1"
    # a newer signed version installs beside it
    newer = inspect_checklist(trusted, write_signed(tmp_path, bureau, "1.2", title="修订"))
    assert newer.status == "newer" and newer.installed_versions == ("1.1",)
    install_checklist(trusted, newer, allow_unsigned=False)
    assert [t.version for t in trusted.checklists() if t.template_id == "mini"] == ["1.1", "1.2"]
    # the same file again: nothing to do
    again = inspect_checklist(trusted, path)
    assert again.status == "installed" and not install_checklist(trusted, again, allow_unsigned=False).installed


def test_unknown_key_is_refused_and_nothing_changes(trusted: Store, tmp_path: Path) -> None:
    stranger = ed25519.Ed25519PrivateKey.generate()
    before = dump(trusted)
    plan = inspect_checklist(trusted, write_signed(tmp_path, stranger))
    assert plan.refused and "未被信任" in (plan.reason_zh or "") and "not trusted" in (plan.reason_en or "")
    assert plan.key_fingerprint == signed_checklist.fingerprint_of(stranger.public_key())
    with pytest.raises(RuleError, match="未被信任"):
        install_checklist(trusted, plan, allow_unsigned=True)
    assert dump(trusted) == before


def test_removed_key_is_no_longer_trusted_but_installed_stays(
    trusted: Store, tmp_path: Path, bureau: ed25519.Ed25519PrivateKey
) -> None:
    install_checklist(trusted, inspect_checklist(trusted, write_signed(tmp_path, bureau, "1.1")), allow_unsigned=False)
    fp = signed_checklist.fingerprint_of(bureau.public_key())
    trusted.remove_trusted_key(fp)
    assert trusted.trusted_keys() == []
    assert inspect_checklist(trusted, write_signed(tmp_path, bureau, "1.2")).refused
    assert trusted.provenance("mini", "1.1").kind == "signed"


def test_rollback_is_refused_and_nothing_changes(trusted: Store, tmp_path: Path, bureau: ed25519.Ed25519PrivateKey) -> None:
    install_checklist(trusted, inspect_checklist(trusted, write_signed(tmp_path, bureau, "1.2")), allow_unsigned=False)
    before = dump(trusted)
    for version in ("1.1", "1.0", "0.9"):
        plan = inspect_checklist(trusted, write_signed(tmp_path, bureau, version))  # validly signed, but older
        assert plan.refused and "版本回退" in (plan.reason_zh or "") and "rollback" in (plan.reason_en or ""), version
        with pytest.raises(RuleError, match="版本回退"):
            install_checklist(trusted, plan, allow_unsigned=True)
    unsigned = tmp_path / "old-unsigned.yaml"
    unsigned.write_bytes(mini_text("1.0"))
    assert inspect_checklist(trusted, unsigned).refused
    assert dump(trusted) == before


def test_install_checks_the_database_again(trusted: Store, tmp_path: Path, bureau: ed25519.Ed25519PrivateKey) -> None:
    """A plan made before a newer version arrived (the window waited for a yes) is a rollback by install time."""
    old_plan = inspect_checklist(trusted, write_signed(tmp_path, bureau, "1.1"))
    assert old_plan.status == "new"
    install_checklist(trusted, inspect_checklist(trusted, write_signed(tmp_path, bureau, "1.2")), allow_unsigned=False)
    before = dump(trusted)
    with pytest.raises(ConflictError, match="版本回退"):
        install_checklist(trusted, old_plan, allow_unsigned=False)
    assert dump(trusted) == before


def test_same_version_other_content_is_refused(trusted: Store, tmp_path: Path, bureau: ed25519.Ed25519PrivateKey) -> None:
    install_checklist(trusted, inspect_checklist(trusted, write_signed(tmp_path, bureau, "1.1")), allow_unsigned=False)
    before = dump(trusted)
    other = tmp_path / "other"
    other.mkdir()
    plan = inspect_checklist(trusted, write_signed(other, bureau, "1.1", title="另一张表"))
    assert plan.refused and "已安装且内容不同" in (plan.reason_zh or "")
    assert dump(trusted) == before


def test_unsigned_needs_confirmation_and_is_marked(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    path.write_bytes(mini_text("1.0"))
    plan = inspect_checklist(store, path)
    assert (plan.signed, plan.status, plan.needs_confirmation) == (False, "new", True)
    before = dump(store)
    with pytest.raises(RuleError, match="--allow-unsigned"):
        install_checklist(store, plan, allow_unsigned=False)
    assert dump(store) == before
    done = install_checklist(store, plan, allow_unsigned=True)
    assert done.installed and done.provenance.kind == "unsigned" and done.provenance.label == "未签名"
    assert store.provenance("mini", "1.0").kind == "unsigned"
    # the same unsigned file again needs no confirmation: nothing is installed
    assert not install_checklist(store, inspect_checklist(store, path), allow_unsigned=False).installed


def test_signed_copy_of_an_unsigned_install_upgrades_its_provenance(
    trusted: Store, tmp_path: Path, bureau: ed25519.Ed25519PrivateKey
) -> None:
    plain = tmp_path / "mini.yaml"
    plain.write_bytes(mini_text("1.1"))
    install_checklist(trusted, inspect_checklist(trusted, plain), allow_unsigned=True)
    done = install_checklist(trusted, inspect_checklist(trusted, write_signed(tmp_path, bureau, "1.1")), allow_unsigned=False)
    assert not done.installed and done.provenance.kind == "signed"
    assert [e.action for e in trusted.audit("template", "mini@1.1")].count("provenance") == 2


def test_provenance_without_a_record_is_never_more_trusted(store: Store, tmp_path: Path) -> None:
    """Shipped checklists are builtin; anything installed with no provenance record (an interrupted import) is unsigned."""
    assert {p.kind for (tid, _), p in store.provenances().items()} == {"builtin"}
    store.install_checklist(read_checklist(MINI), "file:mini.yaml")
    assert store.provenance("mini", "1.0").kind == "unsigned"


def test_hostile_files_are_refused(store: Store, tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("a: " + "[" * 200 + "]" * 200 + "\n", encoding="utf-8")
    with pytest.raises(ChecklistError, match="嵌套过深"):
        inspect_checklist(store, deep)
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as fh:
        fh.truncate(20 * 1024 * 1024)
    with pytest.raises(ChecklistError, match="文件过大"):
        inspect_checklist(store, huge)
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.yaml"
        os.mkfifo(fifo)
        with pytest.raises(ChecklistError, match="不是普通文件"):
            inspect_checklist(store, fifo)
    with pytest.raises(ChecklistError, match="文件夹"):
        inspect_checklist(store, tmp_path)


def test_workbooks_are_always_unsigned(store: Store, tmp_path: Path) -> None:
    excel = pytest.importorskip("selfcheck.exchange.excel")
    samples = sorted((ROOT / "checklists").glob("*.xlsx"))
    if not samples:
        pytest.skip("no sample workbook in checklists/ yet")
    template = excel.read_workbook(samples[0])
    plan = inspect_checklist(store, samples[0])
    assert not plan.signed and plan.template is not None and plan.template.id == template.id
    if plan.status in ("new", "newer"):
        with pytest.raises(RuleError, match="--allow-unsigned"):
            install_checklist(store, plan, allow_unsigned=False)
        assert install_checklist(store, plan, allow_unsigned=True).provenance.kind == "unsigned"


# ---- keys and trust -------------------------------------------------------------------------------


def test_keygen_refuses_to_overwrite_and_a_wrong_passphrase_fails_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", PASS)
    keys = tmp_path / "keys"
    assert main(["bureau", "keygen", "--out", str(keys)]) == 0
    printed = capsys.readouterr().out
    pub = serialization.load_pem_public_key((keys / "bureau.pub").read_bytes())
    assert isinstance(pub, ed25519.Ed25519PublicKey)
    assert signed_checklist.fingerprint_of(pub) in printed
    assert b"ENCRYPTED PRIVATE KEY" in (keys / "bureau.key").read_bytes()
    if os.name == "posix":
        assert (keys / "bureau.key").stat().st_mode & 0o077 == 0
    saved = {p.name: p.read_bytes() for p in keys.iterdir()}

    assert main(["bureau", "keygen", "--out", str(keys)]) == 1
    assert "已存在，不会覆盖" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in keys.iterdir()} == saved
    (keys / "bureau.key").unlink()  # one of the two left: still refused, the public key kept
    assert main(["bureau", "keygen", "--out", str(keys)]) == 1
    assert (keys / "bureau.pub").read_bytes() == saved["bureau.pub"] and not (keys / "bureau.key").exists()

    monkeypatch.setenv("SELFCHECK_PASSPHRASE", "short")
    assert main(["bureau", "keygen", "--out", str(tmp_path / "k2")]) == 1
    assert "口令太短" in capsys.readouterr().err

    source = tmp_path / "mini.yaml"
    source.write_bytes(mini_text("1.1"))
    other = tmp_path / "k3"
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", PASS)
    assert main(["bureau", "keygen", "--out", str(other)]) == 0
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", PASS + "x")
    capsys.readouterr()
    assert main(["template", "sign", str(source), "--key", str(other / "bureau.key"), "--out", str(tmp_path / "s.yaml")]) == 1
    err = capsys.readouterr().err
    assert "口令不正确" in err and "wrong passphrase" in err and "Traceback" not in err
    assert not (tmp_path / "s.yaml").exists()


def test_sign_validates_first_and_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", PASS)
    monkeypatch.chdir(tmp_path)
    assert main(["bureau", "keygen", "--out", "keys"]) == 0
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(mini_text("1.1").replace(b"points: 10\n", b"points: ten\n", 1))
    capsys.readouterr()
    assert main(["template", "sign", str(broken), "--key", "keys/bureau.key"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{broken}:") and "points" in err
    source = tmp_path / "mini.yaml"
    source.write_bytes(mini_text("1.1"))
    assert main(["template", "sign", str(source), "--key", "keys/bureau.key"]) == 0
    out = tmp_path / "mini-1.1.signed.yaml"  # the default name, in the current folder
    assert out.read_bytes().startswith(mini_text("1.1"))
    first = out.read_bytes()
    assert main(["template", "sign", str(source), "--key", "keys/bureau.key", "--out", str(out)]) == 1
    assert "不会覆盖" in capsys.readouterr().err and out.read_bytes() == first
    assert main(["template", "sign", str(out), "--key", "keys/bureau.key", "--out", "again.yaml"]) == 1
    assert "已含有签名行" in capsys.readouterr().err
    assert main(["template", "sign", str(source), "--key", "keys/bureau.pub", "--out", "x.yaml"]) == 1
    assert "bureau.key" in capsys.readouterr().err


def test_trust_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str], bureau: ed25519.Ed25519PrivateKey) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    pub = tmp_path / "bureau.pub"
    pub.write_bytes(pub_pem(bureau))
    fp = signed_checklist.fingerprint_of(bureau.public_key())
    assert main([*data, "trust", "list"]) == 0
    assert "尚未信任" in capsys.readouterr().out
    assert main([*data, "trust", "add-bureau", str(pub), "--name", "某某县教育局"]) == 0
    assert fp in capsys.readouterr().out
    assert main([*data, "trust", "add-bureau", str(pub)]) == 0
    assert "早已信任" in capsys.readouterr().out
    assert main([*data, "trust", "list", "--json"]) == 0
    listed = as_json(subprocess.CompletedProcess([], 0, capsys.readouterr().out, ""))
    assert [(k["fingerprint"], k["name"]) for k in listed] == [(fp, "某某县教育局")]
    # not a public key: a private key, a certificate-less text, a P-256 key
    private = tmp_path / "bureau.key"
    private.write_bytes(
        bureau.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    assert main([*data, "trust", "add-bureau", str(private)]) == 1
    assert "私钥" in capsys.readouterr().err
    assert main([*data, "trust", "add-bureau", str(MINI)]) == 1
    assert "不是有效的公钥" in capsys.readouterr().err
    assert main([*data, "trust", "remove", "AB:CD"]) == 1
    assert "指纹格式不对" in capsys.readouterr().err
    assert main([*data, "trust", "remove", "00" * 32]) == 1
    assert "没有信任" in capsys.readouterr().err
    assert main([*data, "trust", "remove", fp.replace(":", "").lower()]) == 0
    capsys.readouterr()
    assert main([*data, "trust", "list", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"
    with Store.open(tmp_path / "data") as s:
        assert [e.action for e in s.audit("trusted_key", fp)] == ["trust", "untrust"]


def test_import_cli_prints_provenance_and_list_shows_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    source = tmp_path / "mini.yaml"
    source.write_bytes(mini_text("1.0"))
    assert main([*data, "template", "import", str(source)]) == 1
    captured = capsys.readouterr()
    assert "未签名" in captured.out and "--allow-unsigned" in captured.err
    assert main([*data, "template", "import", "--allow-unsigned", str(source)]) == 0
    assert "记录为：未签名" in capsys.readouterr().out
    assert main([*data, "template", "list"]) == 0
    rows = {line.split("\t")[0]: line.split("\t") for line in capsys.readouterr().out.splitlines()}
    assert rows["mini"][-1] == "未签名" and rows["wuchawukan"][-1] == "内置"
    assert main([*data, "template", "list", "--json"]) == 0
    listed = {t["template_id"]: t for t in as_json(subprocess.CompletedProcess([], 0, capsys.readouterr().out, ""))}
    assert listed["mini"]["provenance"]["kind"] == "unsigned"


# ---- the report -----------------------------------------------------------------------------------


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")
def test_report_marks_an_unsigned_checklist(store: Store, tmp_path: Path, bureau: ed25519.Ed25519PrivateKey) -> None:
    from selfcheck.reports import data as report_data
    from selfcheck.reports.layout import UNSIGNED_NOTE, render

    store.set_school("城关第一小学", "3412345678", "张明")
    trust_key(store, tmp_path, bureau)
    plain = tmp_path / "mini.yaml"
    plain.write_bytes(mini_text("1.0"))
    install_checklist(store, inspect_checklist(store, plain), allow_unsigned=True)
    install_checklist(store, inspect_checklist(store, write_signed(tmp_path, bureau, "1.1")), allow_unsigned=False)

    def text_of(version: str) -> tuple[str | None, str]:
        inspection = store.new_inspection("mini", "2026年秋季学期", ["李华"], version=version)
        data = report_data.build(store, inspection.id)
        pdf = tmp_path / f"report-{version}.pdf"
        pdf.write_bytes(render(data, signature_png=None, seal_png=None, signer_fingerprint=None))
        out = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True)
        return data.template.provenance, "".join(out.stdout.split())

    provenance, text = text_of("1.0")
    assert provenance == "unsigned" and "检查表来源" in text and UNSIGNED_NOTE in text
    provenance, text = text_of("1.1")
    assert provenance == "signed" and UNSIGNED_NOTE not in text and "检查表来源" not in text


# ---- end to end -----------------------------------------------------------------------------------


def test_end_to_end_keygen_sign_trust_import_list(tmp_path: Path) -> None:
    """The real command, as a bureau and a school would run it."""
    env = {**os.environ, "SELFCHECK_PASSPHRASE": PASS}
    school = tmp_path / "school-data"
    source = tmp_path / "mini.yaml"
    source.write_bytes(mini_text("1.1"))
    keygen = run_cli("bureau", "keygen", "--out", tmp_path / "keys", env=env, cwd=tmp_path)
    fp = keygen.stdout.strip().splitlines()[-1].split("：")[-1]
    (tmp_path / "usb").mkdir()
    run_cli("template", "sign", source, "--key", tmp_path / "keys" / "bureau.key", "--out", tmp_path / "usb", env=env)
    signed = tmp_path / "usb" / "mini-1.1.signed.yaml"
    assert signed.exists()
    run_cli("trust", "add-bureau", tmp_path / "keys" / "bureau.pub", "--name", "某某县教育局", data_dir=school)
    done = run_cli("template", "import", signed, data_dir=school)
    assert "教育局签名有效" in done.stdout and "已导入 mini 版本 1.1" in done.stdout
    listed = {t["template_id"]: t for t in as_json(run_cli("template", "list", "--json", data_dir=school))}
    assert listed["mini"]["version"] == "1.1"
    assert listed["mini"]["provenance"]["kind"] == "signed" and listed["mini"]["provenance"]["key_fingerprint"] == fp
    conn = sqlite3.connect(school / "selfcheck.db")
    try:
        row = conn.execute("SELECT kind, key_fingerprint, file FROM template_provenance WHERE template_id = 'mini'").fetchone()
    finally:
        conn.close()
    assert row == ("signed", fp, "mini-1.1.signed.yaml")


def test_plan_is_a_value(store: Store, tmp_path: Path) -> None:
    """The GUI holds the plan while it asks: it is frozen, and install uses what it holds, not the file again."""
    path = tmp_path / "mini.yaml"
    path.write_bytes(mini_text("1.0"))
    plan = inspect_checklist(store, path)
    assert isinstance(plan, ImportPlan)
    with pytest.raises(AttributeError):
        plan.status = "refused"  # type: ignore[misc]
    path.write_bytes(mini_text("1.0", title="换掉的内容"))  # changed after the user looked at it
    install_checklist(store, plan, allow_unsigned=True)
    assert store.checklist("mini", "1.0").title == "测试用小检查表"

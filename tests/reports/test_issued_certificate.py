"""A certificate the bureau's CA issues for the school's key: the request through the CLI, the CA signing it (as a
bureau's own tools would), the certificate installed, a report signed with it that the bureau verifies by trusting
only its CA; and every certificate that must not replace the school's refused, with nothing changed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from selfcheck.core import clock
from selfcheck.storage import Store
from tests.reports.test_report_flow import PASS, cli, fill
from tests.reports.test_report_flow import school as school  # the fixture
from tests.security.forge import bureau_ca, issued_by, pem


def _issue(
    ca_key: Any, ca: x509.Certificate, csr_pem: bytes, *, days: int = 1000, start: int = -1, subject: x509.Name | None = None
) -> x509.Certificate:
    """What a bureau CA's tool does with a school's request: the request's subject and key, signed by the CA."""
    csr = x509.load_pem_x509_csr(csr_pem)
    assert csr.is_signature_valid  # the request is signed with the school's own key
    now = clock.utcnow()
    return (
        x509.CertificateBuilder()
        .subject_name(subject or csr.subject)
        .issuer_name(ca.subject)
        .public_key(csr.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + dt.timedelta(days=start))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )


@pytest.fixture
def requested(school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, bytes]:
    """The school with its key, and the request it wrote."""
    assert cli(school, "keys", "init") == 0
    csr = tmp_path / "城关第一小学.csr"
    assert cli(school, "keys", "request", "--out", str(csr)) == 0
    assert "已生成证书申请" in capsys.readouterr().out
    return school, csr.read_bytes()


def _identity(data: Path) -> tuple[bytes, bytes, str] | None:
    with Store.open(data) as store:
        return store.identity()


def test_issued_certificate_installed_and_trusted_through_the_ca(
    requested: tuple[Path, bytes], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, csr = requested
    before = _identity(data)
    assert before is not None
    ca_key, ca = bureau_ca()
    issued = _issue(ca_key, ca, csr)
    (tmp_path / "issued.pem").write_bytes(pem(issued))
    (tmp_path / "ca.pem").write_bytes(pem(ca))
    (tmp_path / "old.pem").write_bytes(before[1])
    assert cli(data, "keys", "install-cert", str(tmp_path / "issued.pem"), "--ca", str(tmp_path / "ca.pem"), "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["issuer"] == "CA“紫阳县教育局”" and shown["fingerprint"] != before[2]
    after = _identity(data)
    assert after is not None and after[0] == before[0] and after[2] == shown["fingerprint"]  # the same key, a new cert
    assert cli(data, "keys", "show", "--json") == 0
    assert json.loads(capsys.readouterr().out)["issuer"] == "紫阳县教育局"
    with Store.open(data) as store:
        (entry,) = [e for e in store.audit("identity") if e.action == "replace_certificate"]
        assert (entry.old, entry.new) == (before[2], after[2])  # both fingerprints: which one the bureau trusted before

    inspection = fill(data)
    stick = tmp_path / "U盘"
    stick.mkdir()
    assert cli(data, "report", "export", str(inspection), "--out", str(stick)) == 0
    (report,) = stick.glob("*.pdf")
    capsys.readouterr()
    assert cli(data, "report", "verify", str(report), "--trust", str(tmp_path / "ca.pem"), "--json") == 0
    (checked,) = json.loads(capsys.readouterr().out)
    assert checked["ok"] and "CA“紫阳县教育局”" in checked["reason_zh"]  # trusted once, through the bureau's CA
    assert checked["fingerprint"] == shown["fingerprint"]
    assert cli(data, "report", "verify", str(report), "--trust", str(tmp_path / "old.pem")) == 1  # not the old cert
    capsys.readouterr()
    assert cli(data, "keys", "install-cert", str(tmp_path / "issued.pem"), "--ca", str(tmp_path / "ca.pem")) == 1
    assert "已在使用" in capsys.readouterr().err  # installed once


def _refused(data: Path, cert: bytes, ca: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = _identity(data)
    (tmp_path / "c.pem").write_bytes(cert)
    (tmp_path / "ca.pem").write_bytes(ca)
    capsys.readouterr()
    assert cli(data, "keys", "install-cert", str(tmp_path / "c.pem"), "--ca", str(tmp_path / "ca.pem")) != 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and _identity(data) == before  # nothing changed
    return err


def test_certificates_that_must_not_replace_the_schools(
    requested: tuple[Path, bytes], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, csr = requested
    ca_key, ca = bureau_ca()
    _, other_ca = bureau_ca()
    good = pem(_issue(ca_key, ca, csr))

    def refused(cert: bytes, issuer: bytes = pem(ca)) -> str:
        return _refused(data, cert, issuer, tmp_path, capsys)

    assert "公钥不符" in refused(pem(issued_by(ca_key, ca, name="城关第一小学", code="3412345678")[1]))  # another key
    renamed = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "城关第二小学")])
    assert "只有一个" in refused(pem(_issue(ca_key, ca, csr, subject=renamed)))  # no code, no O: not a school's name
    other_school = x509.Name(
        [
            x509.NameAttribute(x509.oid.NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(x509.oid.NameOID.ORGANIZATION_NAME, "城关第二小学"),
            x509.NameAttribute(x509.oid.NameOID.SERIAL_NUMBER, "3412345679"),
            x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "城关第二小学"),
        ]
    )
    assert "不是本校" in refused(pem(_issue(ca_key, ca, csr, subject=other_school)))
    assert "有效期" in refused(pem(_issue(ca_key, ca, csr, start=-30, days=-1)))  # expired
    assert "不是由" in refused(good, pem(other_ca))  # issued by another CA than the one given
    assert "不是证书机构" in refused(good, good)  # the school's certificate given as the CA
    assert "不是证书文件" in refused(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    assert "2 张" in refused(good + pem(ca))
    assert "过大" in refused(good + b"\n" * (70 * 1024))
    before = _identity(data)
    assert before is not None
    assert "不是由" in refused(before[1], pem(ca))  # the self-signed one the school has
    assert "公钥不符" in refused(pem(ca), pem(ca))  # the CA's own certificate: not for the school's key
    assert _identity(data) == before


def test_a_request_needs_the_key_and_its_passphrase(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli(school, "keys", "request", "--out", str(tmp_path / "a.csr")) == 1
    assert "keys init" in capsys.readouterr().err and not (tmp_path / "a.csr").exists()
    assert cli(school, "keys", "init") == 0
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", PASS + "x")
    assert cli(school, "keys", "request", "--out", str(tmp_path / "a.csr")) != 0
    assert "口令" in capsys.readouterr().err and not (tmp_path / "a.csr").exists()
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", PASS)
    assert cli(school, "keys", "request", "--out", str(tmp_path / "a.csr")) == 0
    csr = x509.load_pem_x509_csr((tmp_path / "a.csr").read_bytes())
    identity = _identity(school)
    assert identity is not None
    cert = x509.load_pem_x509_certificate(identity[1])
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    assert csr.subject == cert.subject and csr.is_signature_valid
    assert csr.public_key().public_bytes(serialization.Encoding.DER, spki) == cert.public_key().public_bytes(
        serialization.Encoding.DER, spki
    )
    assert isinstance(csr.public_key(), ec.EllipticCurvePublicKey)
    assert cli(school, "keys", "request", "--out", str(tmp_path / "a.csr")) != 0  # never over an existing file

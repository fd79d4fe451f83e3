"""The bureau's CA end to end through the command line, two data folders as two offices: the bureau makes its CA and
exports its root; the school writes a request; the bureau issues a certificate for it (the school on the roster); the
school installs it; the bureau verifies the school's signed report trusting its root alone, and files it with the root
in the trust folder. Then every request that must not be issued is refused, saying why, with nothing recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from selfcheck.cli.main import main
from selfcheck.storage.desk import Desk
from tests.exchange.test_desk_flow import roster_file
from tests.reports.test_report_flow import PASS, fill
from tests.reports.test_report_flow import school as school  # the fixture

NAME, CODE = "城关第一小学", "3412345678"


def cli(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


@pytest.fixture
def bureau(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """The bureau's data folder: its roster (this school and another) and its CA."""
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", PASS)
    data = tmp_path / "教育局"
    roster = roster_file(
        tmp_path / "名册.xlsx", [[1, "城关学区", NAME, "小学", CODE], [2, "河口学区", "河口小学", "小学", "3412345679"]]
    )
    assert cli(data, "roster", "import", str(roster)) == 0
    assert cli(data, "bureau", "ca", "init", "--name", "紫阳县教育局") == 0
    assert cli(data, "bureau", "ca", "init", "--name", "紫阳县教育局") == 1  # one CA, never replaced
    assert "已有证书机构" in capsys.readouterr().err
    return data


def _request(subject: x509.Name, key: object = None, *, ca: bool = False) -> bytes:
    key = key or ec.generate_private_key(ec.SECP256R1())
    builder = x509.CertificateSigningRequestBuilder().subject_name(subject)
    if ca:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    return builder.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)  # type: ignore[arg-type]


def _subject(name: str = NAME, code: str = CODE) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, code),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )


def test_issue_install_sign_verify_and_file(
    bureau: Path, school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ca_pem = tmp_path / "根证书.pem"
    assert cli(bureau, "bureau", "ca", "export", "--out", str(ca_pem)) == 0
    assert cli(school, "keys", "init") == 0
    csr = tmp_path / "城关第一小学.csr"
    assert cli(school, "keys", "request", "--out", str(csr)) == 0
    issued_dir = tmp_path / "签发"
    issued_dir.mkdir()
    capsys.readouterr()
    assert cli(bureau, "bureau", "ca", "issue", str(csr), "--out", str(issued_dir), "--json") == 0
    issued = json.loads(capsys.readouterr().out)
    assert (issued["code"], issued["school"]) == (CODE, NAME) and Path(issued["path"]).parent == issued_dir
    assert cli(bureau, "bureau", "ca", "show", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["name"] == "紫阳县教育局" and [i["fingerprint"] for i in shown["issued"]] == [issued["fingerprint"]]

    assert cli(school, "keys", "install-cert", issued["path"], "--ca", str(ca_pem)) == 0
    inspection = fill(school)
    stick = tmp_path / "U盘"
    stick.mkdir()
    assert cli(school, "report", "export", str(inspection), "--out", str(stick)) == 0
    (report,) = stick.glob("*.pdf")
    capsys.readouterr()
    assert cli(bureau, "report", "verify", str(report), "--trust", str(ca_pem), "--json") == 0
    (checked,) = json.loads(capsys.readouterr().out)
    assert checked["ok"] and "紫阳县教育局证书机构" in checked["reason_zh"] and checked["fingerprint"] == issued["fingerprint"]
    assert cli(bureau, "report", "verify", str(report), "--trust", str(ca_pem)) == 0
    assert "证书由CA“紫阳县教育局证书机构”签发" in capsys.readouterr().out  # the clerk sees whom the trust comes from
    trust = tmp_path / "信任"
    trust.mkdir()
    (trust / "根证书.pem").write_bytes(ca_pem.read_bytes())  # the root alone in the trust folder: every school it issued
    assert cli(bureau, "bureau", "collect", str(stick), "--trust", str(trust)) == 0
    with Desk.open(bureau) as desk:
        assert [n for _period, _checklist, _title, n in desk.rounds()] == [1]  # filed, trusted through the root


def test_requests_that_must_not_be_issued(bureau: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "签发"
    out.mkdir()

    def refused(data: bytes) -> str:
        path = tmp_path / "申请.csr"
        path.write_bytes(data)
        capsys.readouterr()
        assert cli(bureau, "bureau", "ca", "issue", str(path), "--out", str(out)) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err and "申请.csr" in err
        return err

    assert "不在名册中" in refused(_request(_subject(code="9999999999")))
    assert "不一致" in refused(_request(_subject(name="城关第二小学")))  # the roster's code, another school's name
    assert "只有一个" in refused(_request(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, NAME)])))
    assert "证书机构" in refused(_request(_subject(), ca=True))
    assert "太短" in refused(_request(_subject(), rsa.generate_private_key(public_exponent=65537, key_size=1024)))
    good = _request(_subject())
    tampered = bytearray(x509.load_pem_x509_csr(good).public_bytes(serialization.Encoding.DER))
    tampered[-5] ^= 0x01  # a bit of the signature
    assert "签名无效" in refused(bytes(tampered))
    assert "不是证书申请" in refused(b"-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n")
    assert "过大" in refused(good + b"\n" * (70 * 1024))
    assert list(out.iterdir()) == []
    with Desk.open(bureau) as desk:
        assert desk.issued_certificates() == []


def test_no_ca_yet_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(tmp_path / "d", "bureau", "ca", "show") == 1
    assert "bureau ca init" in capsys.readouterr().err

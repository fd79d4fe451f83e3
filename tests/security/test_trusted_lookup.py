"""The trusted certificates read once per intake (`verify.Trusted`, looked up by fingerprint) give the verdicts that
the certificates handed to verify() one file at a time give: trusted, untrusted, revoked by removal, CA-issued."""

from __future__ import annotations

import pickle
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from selfcheck.core import clock
from selfcheck.exchange.collect import collect
from selfcheck.exchange.intake.examine import MAX_REASON
from selfcheck.exchange.summary_xlsx import MAX_CELL, build
from selfcheck.reports.verify import Trusted, verify
from tests.security.forge import bureau_ca, certificate, issued_by, pem, sign_report, subject


def _verdict(pdf: bytes, trusted: object) -> tuple[bool, str, bool | None, str | None]:
    result = verify(pdf, trusted)  # type: ignore[arg-type]
    return result.ok, result.code, result.trusted, result.fingerprint


def _same_verdicts(pdf: bytes, certs: list[bytes]) -> tuple[bool, str, bool | None, str | None]:
    """verify() with the certificates, with them read once, and read once and pickled (as a spawned worker gets
    them): the same verdict every way."""
    plain = _verdict(pdf, certs)
    once = Trusted.of(certs)
    assert _verdict(pdf, once) == plain
    assert _verdict(pdf, pickle.loads(pickle.dumps(once))) == plain
    return plain


def test_a_trusted_school_is_found_among_many() -> None:
    key, cert = certificate()
    others = [pem(certificate()[1]) for _ in range(20)]
    pdf = sign_report(key, cert)
    ok, code, trusted, _fp = _same_verdicts(pdf, [*others[:10], pem(cert), *others[10:]])
    assert (ok, code, trusted) == (True, "ok", True)


def test_an_untrusted_signer_is_refused() -> None:
    key, cert = certificate()
    pdf = sign_report(key, cert)
    for certs in ([pem(certificate()[1])], [pem(certificate()[1]) for _ in range(5)]):
        ok, code, _trusted, fp = _same_verdicts(pdf, certs)
        assert (ok, code) == (False, "untrusted_signer") and fp
    # the one trusted certificate is named; among several, only how many
    one = verify(pdf, Trusted.of([pem(certificate()[1])]))
    assert "does not match the trusted certificate" in one.reason_en
    several = verify(pdf, Trusted.of([pem(certificate()[1]) for _ in range(5)]))
    assert "one of the 5 trusted certificates" in several.reason_en and several.fingerprint in several.reason_en


def test_a_certificate_removed_from_the_trust_folder_is_no_longer_trusted() -> None:
    key, cert = certificate()
    others = [pem(certificate()[1]) for _ in range(3)]
    pdf = sign_report(key, cert)
    assert _same_verdicts(pdf, [*others, pem(cert)])[:2] == (True, "ok")
    assert _same_verdicts(pdf, others)[:2] == (False, "untrusted_signer")


def test_a_school_certificate_issued_by_a_trusted_ca() -> None:
    ca_key, ca = bureau_ca()
    key, cert = issued_by(ca_key, ca)
    pdf = sign_report(key, cert)
    schools = [pem(certificate()[1]) for _ in range(3)]
    assert _same_verdicts(pdf, [*schools, pem(ca)])[:3] == (True, "ok", True)
    assert _same_verdicts(pdf, schools)[:2] == (False, "untrusted_signer")
    look_alike_key, look_alike = bureau_ca()  # the same name, another key
    assert _same_verdicts(pdf, [*schools, pem(look_alike)])[:2] == (False, "untrusted_signer")
    del look_alike_key


def test_a_trusted_certificate_that_cannot_be_read_is_refused_as_before() -> None:
    key, cert = certificate()
    pdf = sign_report(key, cert)
    assert verify(pdf, [b"not a certificate"]).code == "bad_trusted_cert"


def _many_certificates(n: int) -> list[bytes]:
    """`n` distinct school certificates, fast: one key signs them all (only their fingerprints matter here)."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = clock.utcnow()
    out = []
    for k in range(n):
        name = subject(name=f"学校{k}", code=f"34{k:08d}")
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(k + 1)
            .not_valid_before(now)
            .not_valid_after(now.replace(year=now.year + 5))
            .sign(key, hashes.SHA256())
        )
        out.append(pem(cert))
    return out


def test_an_untrusted_rejection_is_short_with_3000_trusted_certificates(tmp_path: Path) -> None:
    stick, trust = tmp_path / "stick", tmp_path / "trust"
    stick.mkdir()
    trust.mkdir()
    (stick / "forged.pdf").write_bytes(sign_report(*certificate()))
    for k, raw in enumerate(_many_certificates(3000)):
        (trust / f"{k:04d}.pem").write_bytes(raw)
    intake = collect([stick], trust, workers=1)
    assert intake.trusted_certificates == 3000
    (rejected,) = intake.rejected
    assert rejected.code == "untrusted_signer"
    assert "3000" in rejected.reason_en and "3000" in rejected.reason_zh
    assert len(rejected.reason_en) < 500 and len(rejected.reason_zh) < 500, rejected.reason_en
    assert MAX_REASON < MAX_CELL // 10
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(build(intake)))
    longest = max(len(c.value) for ws in book for row in ws.iter_rows() for c in row if isinstance(c.value, str))
    assert longest < 2_000

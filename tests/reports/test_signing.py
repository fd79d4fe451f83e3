"""Signing identity, signing and the happy path of verification.

The helpers at the top (a reportlab PDF, a school identity, a signed report) are shared with test_tamper.py.
Identities and the signed report are made once per session (PBKDF2 costs ~0.2 s per key creation or unlock).
"""

from __future__ import annotations

import functools
import io
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from selfcheck.errors import RuleError, SelfcheckError
from selfcheck.reports.identity import Identity, cert_subject, create_identity, export_cert_pem, fingerprint, unlock
from selfcheck.reports.signing import DATA_NAME, attach_data, sign
from selfcheck.reports.verify import data_bytes, read_data, verify
from tests.reports.samples import minimal_report

PASSPHRASE = "correct horse battery"
SCHOOL = "北京市第一中学"
CODE = "1111010001"
SCORE_TEXT = "Total score: 85"  # plain ASCII in an uncompressed content stream, so tests can find and change it


def make_pdf(*, pages: int = 1, filler: int = 0, seal: bool = False) -> bytes:
    """A report-like PDF: Chinese title, an ASCII score line; `filler` bytes of incompressible image data."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pageCompression=0, invariant=1)
    for n in range(pages):
        c.setFont("STSong-Light", 16)
        c.drawString(72, 750, f"{SCHOOL} 学校自查报告 第 {n + 1} 页")
        c.setFont("Helvetica", 12)
        c.drawString(72, 700, SCORE_TEXT)
        if seal:
            c.drawImage(ImageReader(_seal_png()), 380, 560, width=120, height=120, mask="auto")
        if filler and n == 0:
            c.drawImage(ImageReader(_noise_png(filler)), 72, 100, width=200, height=200)
        c.showPage()
    c.save()
    return buf.getvalue()


def _seal_png() -> io.BytesIO:
    """A red round "seal" picture, the kind a school stamps on paper: an image, not a signature."""
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse((8, 8, 232, 232), outline=(200, 0, 0, 255), width=12)
    draw.regular_polygon((120, 120, 40), 5, fill=(200, 0, 0, 255))
    out = io.BytesIO()
    img.save(out, "PNG")
    out.seek(0)
    return out


def _noise_png(size: int) -> io.BytesIO:
    import os

    from PIL import Image

    side = max(16, int((size / 3) ** 0.5))
    img = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = io.BytesIO()
    img.save(out, "PNG", compress_level=0)
    out.seek(0)
    return out


def report_json(*, code: str = CODE, score: int = 85, name: str = SCHOOL) -> bytes:
    """A minimal report that fits the report schema (verify checks it with strict types); the note carries
    Chinese, quotes and a line break."""
    data = minimal_report(name=name, code=code, points=score, note='含中文与 "引号" 和换行\n')
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


@functools.cache
def school_identity() -> Identity:
    return create_identity(SCHOOL, CODE, PASSPHRASE)


@functools.cache
def impostor_identity() -> Identity:
    """Same school name and code, another key: what a forger makes."""
    return create_identity(SCHOOL, CODE, PASSPHRASE)


@functools.cache
def signed_report() -> bytes:
    return sign(make_pdf(), report_json(), school_identity(), PASSPHRASE, location="北京")


def incremental(pdf: bytes, change: Callable) -> bytes:
    """Append one incremental update made by `change(writer)` with pyHanko's IncrementalPdfFileWriter."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# -- identity -------------------------------------------------------------------------------------------------


def test_identity_round_trip() -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    ident = school_identity()
    assert cert_subject(ident.cert_pem) == {"name": SCHOOL, "organization": SCHOOL, "code": CODE, "country": "CN"}
    key = unlock(ident, PASSPHRASE)
    assert isinstance(key, ec.EllipticCurvePrivateKey) and isinstance(key.curve, ec.SECP256R1)
    cert = x509.load_pem_x509_certificate(ident.cert_pem)
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    der = serialization.Encoding.DER
    assert key.public_key().public_bytes(der, spki) == cert.public_key().public_bytes(der, spki)
    assert cert.issuer == cert.subject  # self-signed
    cert.verify_directly_issued_by(cert)
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign
    years = (cert.not_valid_after_utc - cert.not_valid_before_utc).days / 365
    assert 9.9 < years < 10.1
    assert export_cert_pem(ident).startswith(b"-----BEGIN CERTIFICATE-----")
    assert b"PRIVATE KEY" not in export_cert_pem(ident)


def test_key_is_really_encrypted() -> None:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import pem
    from cryptography.hazmat.primitives import serialization

    ident = school_identity()
    assert ident.key_pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert b"BEGIN PRIVATE KEY" not in ident.key_pem and b"BEGIN EC PRIVATE KEY" not in ident.key_pem
    with pytest.raises(TypeError):  # cryptography: "Password was not given but private key is encrypted"
        serialization.load_pem_private_key(ident.key_pem, password=None)
    _, _, der = pem.unarmor(ident.key_pem)
    info = asn1_keys.EncryptedPrivateKeyInfo.load(der)
    alg = info["encryption_algorithm"]
    assert alg["algorithm"].native == "pbes2"
    kdf = alg["parameters"]["key_derivation_func"]["parameters"]
    assert kdf["iteration_count"].native >= 600_000
    assert kdf["prf"]["algorithm"].native == "sha256"
    assert alg["parameters"]["encryption_scheme"]["algorithm"].native == "aes256_cbc"
    # the raw private scalar is nowhere in the stored bytes
    scalar = unlock(ident, PASSPHRASE).private_numbers().private_value.to_bytes(32, "big")
    assert scalar not in der


def test_wrong_passphrase_is_a_clear_error() -> None:
    ident = school_identity()
    with pytest.raises(SelfcheckError) as caught:
        unlock(ident, "not the passphrase")
    assert caught.value.zh == "口令不正确" and caught.value.en == "wrong passphrase"
    with pytest.raises(SelfcheckError):
        unlock(ident, "")
    with pytest.raises(SelfcheckError) as caught:  # and signing with it writes nothing
        sign(make_pdf(), report_json(), ident, "not the passphrase")
    assert caught.value.en == "wrong passphrase"


def test_unlock_refuses_a_key_stored_in_the_clear_or_another_schools_key() -> None:
    from cryptography.hazmat.primitives import serialization

    ident = school_identity()
    clear = unlock(ident, PASSPHRASE).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(SelfcheckError, match="not stored encrypted"):
        unlock(Identity(clear, ident.cert_pem), PASSPHRASE)
    mixed = Identity(impostor_identity().key_pem, ident.cert_pem)
    with pytest.raises(SelfcheckError, match="does not match the certificate"):
        unlock(mixed, PASSPHRASE)


@pytest.mark.parametrize(
    ("passphrase", "words"),
    [("", "must not be empty"), ("1234567", "too short"), ("短口令", "too short")],
)
def test_weak_passphrases_are_refused(passphrase: str, words: str) -> None:
    with pytest.raises(SelfcheckError, match=words) as caught:
        create_identity(SCHOOL, CODE, passphrase)
    assert caught.value.zh  # a Chinese message too


@pytest.mark.parametrize(("name", "code"), [("", CODE), ("  ", CODE), (SCHOOL, ""), (SCHOOL, "代码")])
def test_school_name_and_code_are_checked(name: str, code: str) -> None:
    with pytest.raises(SelfcheckError):
        create_identity(name, code, PASSPHRASE)


def test_fingerprint_is_stable_and_formatted() -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    ident = school_identity()
    fp = fingerprint(ident.cert_pem)
    assert re.fullmatch(r"([0-9A-F]{2}:){31}[0-9A-F]{2}", fp)
    cert = x509.load_pem_x509_certificate(ident.cert_pem)
    assert fp.replace(":", "") == cert.fingerprint(hashes.SHA256()).hex().upper()
    assert fingerprint(ident.cert_pem) == fp == ident.fingerprint
    assert fingerprint(cert.public_bytes(serialization.Encoding.DER)) == fp  # DER in, same answer
    assert fingerprint(impostor_identity().cert_pem) != fp
    with pytest.raises(SelfcheckError):
        fingerprint(b"not a certificate")


# -- signing and verifying ------------------------------------------------------------------------------------


def test_signed_report_verifies() -> None:
    signed = signed_report()
    result = verify(signed, [school_identity().cert_pem])
    assert result.ok, result.reason
    assert result.code == "ok" and result.trusted is True
    assert result.signer == SCHOOL
    assert result.fingerprint == fingerprint(school_identity().cert_pem)
    assert result.data == json.loads(report_json())
    # the model verify() checked the data with comes along, so that a reader of the data need not validate it again
    from selfcheck.reports.schema import ReportData

    assert isinstance(result.model, ReportData) and result.model == ReportData.model_validate(result.data)
    # among several trusted certificates too
    assert verify(signed, [impostor_identity().cert_pem, school_identity().cert_pem]).ok


def test_without_trusted_certs_the_signature_is_reported_intact_with_its_fingerprint() -> None:
    result = verify(signed_report())
    assert result.ok and result.trusted is None and result.code == "ok_unchecked_signer"
    assert result.fingerprint == fingerprint(school_identity().cert_pem)
    assert result.fingerprint in result.reason_zh and result.fingerprint in result.reason_en
    assert "not checked" in result.reason_en


def test_signed_file_structure() -> None:
    """One signing revision on top of the renderer's; a PAdES certification signature, DocMDP P=1."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    signed = signed_report()
    plain = make_pdf()
    assert signed.startswith(plain)  # the renderer's bytes are kept, one incremental update follows
    reader = PdfFileReader(io.BytesIO(signed))
    assert reader.xrefs.total_revisions == 2
    sig = reader.root["/Perms"]["/DocMDP"]
    assert sig["/SubFilter"] == "/ETSI.CAdES.detached"
    ref = sig["/Reference"][0]
    assert ref["/TransformMethod"] == "/DocMDP" and ref["/TransformParams"]["/P"] == 1
    assert sig["/Reason"] == "学校自查报告" and sig["/Location"] == "北京"
    filespec = reader.root["/Names"]["/EmbeddedFiles"]["/Names"][1]
    assert filespec["/AFRelationship"] == "/Data"
    assert filespec["/EF"]["/F"]["/Subtype"] == "/application/json"
    assert [x.get_object() for x in reader.root["/AF"]] == [filespec]


def test_embedded_json_reads_back_byte_identical() -> None:
    signed = signed_report()
    assert data_bytes(signed) == report_json()
    assert read_data(signed) == json.loads(report_json())
    # an independent reader sees the same attachment
    from pypdf import PdfReader

    attachments = PdfReader(io.BytesIO(signed)).attachments
    assert list(attachments) == [DATA_NAME]
    assert attachments[DATA_NAME] == [report_json()]


def test_pdfsig_says_the_signature_is_valid(tmp_path: Path) -> None:
    if shutil.which("pdfsig") is None:
        pytest.skip("poppler-utils (pdfsig) is not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(signed_report())
    run = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60, check=False)
    assert "Signature Validation: Signature is Valid." in run.stdout, run.stdout + run.stderr
    assert "Total document signed" in run.stdout
    assert "Signature Type: ETSI.CAdES.detached" in run.stdout
    assert f"Signer Certificate Common Name: {SCHOOL}" in run.stdout
    assert "Signature #2" not in run.stdout


def test_pdftotext_still_reads_the_page(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(signed_report())
    run = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, timeout=60, check=False)
    # only the ASCII line: the Chinese title uses reportlab's non-embedded STSong-Light, which poppler shows
    # only with poppler-data installed
    assert SCORE_TEXT in run.stdout


def test_sign_without_location_and_with_a_multi_page_pdf() -> None:
    signed = sign(make_pdf(pages=3), report_json(), school_identity(), PASSPHRASE)
    result = verify(signed, [school_identity().cert_pem])
    assert result.ok, result.reason


# -- unsigned exports -----------------------------------------------------------------------------------------


def test_attach_data_for_an_unsigned_export() -> None:
    plain = make_pdf()
    attached = attach_data(plain, report_json())
    assert attached.startswith(plain)
    assert data_bytes(attached) == report_json()
    assert read_data(attached) == json.loads(report_json())
    result = verify(attached)
    assert not result.ok and result.code == "not_signed"
    # the same data again: nothing to do
    assert attach_data(attached, report_json()) == attached
    # other data: replaced, still one attachment, listed once in /AF
    other = report_json(score=60)
    replaced = attach_data(attached, other)
    assert data_bytes(replaced) == other
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(replaced))
    assert list(reader.attachments) == [DATA_NAME] and reader.attachments[DATA_NAME] == [other]
    assert len(reader.trailer["/Root"]["/AF"]) == 1


def test_sign_after_attach_data_keeps_one_attachment() -> None:
    attached = attach_data(make_pdf(), report_json(score=60))
    signed = sign(attached, report_json(), school_identity(), PASSPHRASE)
    result = verify(signed, [school_identity().cert_pem])
    assert result.ok, result.reason
    assert data_bytes(signed) == report_json()
    from pypdf import PdfReader

    assert list(PdfReader(io.BytesIO(signed)).attachments) == [DATA_NAME]


def test_sign_refuses_an_already_signed_pdf_and_attach_refuses_too() -> None:
    with pytest.raises(RuleError, match="already signed"):
        sign(signed_report(), report_json(), school_identity(), PASSPHRASE)
    with pytest.raises(RuleError, match="already signed"):
        attach_data(signed_report(), report_json())


@pytest.mark.parametrize("data", [b"", b"not json", b"[1, 2]", b"\xff\xfe{}", "{}".encode("utf-16")])
def test_sign_refuses_data_that_is_not_a_json_object(data: bytes) -> None:
    with pytest.raises(RuleError):
        sign(make_pdf(), data, school_identity(), PASSPHRASE)
    with pytest.raises(RuleError):
        attach_data(make_pdf(), data)


@pytest.mark.parametrize("pdf", [b"", b"hello", b"%PDF-1.7\n garbage", make_pdf()[:500]])
def test_sign_refuses_what_is_not_a_readable_pdf(pdf: bytes) -> None:
    with pytest.raises(RuleError):
        sign(pdf, report_json(), school_identity(), PASSPHRASE)


def test_read_data_errors_are_clear() -> None:
    with pytest.raises(SelfcheckError, match="no report data"):
        read_data(make_pdf())
    with pytest.raises(SelfcheckError, match="not a PDF"):
        read_data(b"garbage")

"""A forger's tools, made from code: certificates of any shape, keys of any strength, reports signed with them the
way our signer does (PAdES certification, no changes, data embedded), so that only the policy can tell them apart."""

from __future__ import annotations

import datetime as dt
import json
from io import BytesIO
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from selfcheck.core import clock
from tests.reports.samples import minimal_report
from tests.reports.test_signing import make_pdf

NAME = "城关第一小学"
CODE = "3412345678"


def subject(*, names: list[tuple[Any, str]] | None = None, name: str = NAME, code: str = CODE) -> x509.Name:
    attrs = names if names is not None else [
        (NameOID.COUNTRY_NAME, "CN"), (NameOID.ORGANIZATION_NAME, name), (NameOID.SERIAL_NUMBER, code),
        (NameOID.COMMON_NAME, name),
    ]  # fmt: skip
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in attrs])


def certificate(
    *,
    key: Any = None,
    name: x509.Name | None = None,
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    cert_hash: Any = None,
) -> tuple[Any, x509.Certificate]:
    key = key or ec.generate_private_key(ec.SECP256R1())
    now = clock.utcnow()
    name = name or subject()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - dt.timedelta(days=1))
        .not_valid_after(not_after or now + dt.timedelta(days=3650))
        .sign(key, cert_hash or hashes.SHA256())
    )
    return key, cert


def rsa_key(bits: int) -> rsa.RSAPrivateKey:
    """An RSA key of `bits`; below 1024 (which cryptography no longer generates) made from two primes of our own."""
    if bits >= 1024:
        return rsa.generate_private_key(public_exponent=65537, key_size=bits)
    import math

    e = 65537
    while True:
        p, q = _prime(bits // 2), _prime(bits // 2)
        phi = (p - 1) * (q - 1)
        if p != q and math.gcd(e, phi) == 1 and (p * q).bit_length() == bits:
            break
    d = pow(e, -1, phi)
    numbers = rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p), rsa.RSAPublicNumbers(e, p * q))
    return numbers.private_key()


def _prime(bits: int) -> int:
    import secrets

    while True:
        n = secrets.randbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if all(n % p for p in (3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)) and all(
            pow(secrets.randbelow(n - 3) + 2, n - 1, n) == 1 for _ in range(20)
        ):
            return n


def resign_sha1(key: ec.EllipticCurvePrivateKey, cert: x509.Certificate) -> x509.Certificate:
    """The same certificate, its own signature made again with ECDSA-SHA1 (cryptography's builder refuses SHA-1)."""
    from asn1crypto import x509 as asn1_x509

    parsed = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    tbs = parsed["tbs_certificate"]
    tbs["signature"] = {"algorithm": "sha1_ecdsa"}
    body = tbs.dump(force=True)
    rebuilt = asn1_x509.Certificate(
        {
            "tbs_certificate": asn1_x509.TbsCertificate.load(body),
            "signature_algorithm": {"algorithm": "sha1_ecdsa"},
            "signature_value": key.sign(body, ec.ECDSA(hashes.SHA1())),
        }
    )
    return x509.load_der_x509_certificate(rebuilt.dump())


def sign_report(
    key: Any,
    cert: x509.Certificate,
    data: dict[str, Any] | bytes | None = None,
    *,
    md: str = "sha256",
    before: Any = None,
    base: bytes | None = None,
) -> bytes:
    """A report signed exactly as selfcheck's signer does, with any key and certificate; `base`: the unsigned PDF
    (a one-page report-like PDF by default)."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from selfcheck.reports.signing import SIGNATURE_FIELD, _clocked_signer, _put_data

    payload = data if isinstance(data, bytes) else json.dumps(data or minimal_report(name=NAME, code=CODE)).encode()
    writer = IncrementalPdfFileWriter(BytesIO(make_pdf() if base is None else base), strict=True)
    _put_data(writer, payload)
    if before is not None:  # the forger's extra change, inside the signed revision
        before(writer)
    key_info = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        signing_key=key_info,
        cert_registry=SimpleCertificateStore(),  # type: ignore[no-untyped-call]
    )
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm=md,
        subfilter=fields.SigSeedSubFilter.PADES,
        certify=True,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
    )
    out = _clocked_signer(signers.PdfSigner)(meta, signer=signer).sign_pdf(writer, existing_fields_only=False)
    return bytes(out.getvalue())


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def bureau_ca(*, key: Any = None, not_after: dt.datetime | None = None) -> tuple[Any, x509.Certificate]:
    """A bureau's issuing certificate: CA, keyCertSign."""
    key = key or ec.generate_private_key(ec.SECP256R1())
    now = clock.utcnow()
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"), x509.NameAttribute(NameOID.COMMON_NAME, "紫阳县教育局")])
    usage = x509.KeyUsage(
        digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
        key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False,
    )  # fmt: skip
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=10))
        .not_valid_after(not_after or now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def issued_by(ca_key: Any, ca_cert: x509.Certificate, *, name: str = NAME, code: str = CODE) -> tuple[Any, x509.Certificate]:
    """A school certificate the bureau's CA signed."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = clock.utcnow()
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject(name=name, code=code))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1000))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert

"""A certificate the bureau's CA issues for the school's own key, instead of the self-signed one `keys init` makes.

A PDF reader trusts no school's self-signed certificate until a person adds it, one school at a time; a bureau that
runs a CA is trusted once, for every school it issues. The school sends a certificate request (`request`: PKCS#10,
signed with its key, naming the school exactly as its certificate does) and installs what comes back
(`check_issued`, then `Store.replace_certificate`). The key never changes and never leaves the computer.

Everything that comes back on a stick is checked before it replaces the certificate the school signs with: a size
cap, one certificate in each file, the school's own public key, the same school name and code, not a CA itself,
usable for signatures, valid today, the key and digest under the bureau's policy, and issued by the CA given,
checked exactly as `report verify` checks a report signed with it (`verify.issuing_ca`): a certificate installed
here is one the bureau's verification accepts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from selfcheck.core import clock
from selfcheck.errors import RuleError
from selfcheck.reports.identity import Identity, fingerprint, load_cert, signing_usage, unlock

if TYPE_CHECKING:
    from cryptography import x509

MAX_CERT_FILE = 64 * 1024  # a certificate is 1 to 2 KB; a CA's with a long name a few


@dataclass(frozen=True)
class Issued:
    cert_pem: bytes  # the issued certificate, as PEM
    fingerprint: str
    ca: str  # the issuing CA, as the verification names it: CA“某某县教育局”


def request(identity: Identity, passphrase: str) -> bytes:
    """The school's certificate request (PEM): its current certificate's subject, for signatures only, signed with
    its key (a wrong passphrase stops here)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    key = unlock(identity, passphrase)
    subject = load_cert(identity.cert_pem).subject
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(subject)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(signing_usage(), critical=True)
        .sign(key, hashes.SHA256())
    )
    return csr.public_bytes(serialization.Encoding.PEM)


def read_certificate(path: str | Path) -> bytes:
    """A certificate file from a stick, read as every stick file is (a regular file, no link, at most the cap)."""
    from selfcheck.core.stickfile import read_stick_file

    return read_stick_file(path, MAX_CERT_FILE, "证书", "certificate")


def check_issued(cert_file: bytes, ca_file: bytes, current_pem: bytes, *, cert_name: str, ca_name: str) -> Issued:
    """The certificate in `cert_file`, checked to take the place of `current_pem` (see the module's docstring).
    `cert_name`, `ca_name`: the files' names, for the messages. RuleError says what is wrong and what to do."""
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from selfcheck.reports import policy
    from selfcheck.reports.verify import issuing_ca

    cert = _one_certificate(cert_file, cert_name)
    ca = _one_certificate(ca_file, ca_name)
    current = load_cert(current_pem)
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    der = serialization.Encoding.DER
    if cert.public_key().public_bytes(der, spki) != current.public_key().public_bytes(der, spki):
        raise RuleError(
            f"{cert_name}：证书不是为本校的签名密钥签发的（公钥不符）。请把 selfcheck keys request 生成的申请文件交给教育局，"
            "安装据此签发的证书",
            f"{cert_name}: the certificate is not for this school's signing key (the public key differs); install the one "
            "issued for the request selfcheck keys request wrote",
        )
    as_asn1 = asn1_x509.Certificate.load(cert.public_bytes(der))
    try:
        named, ours = policy.cert_identity(as_asn1), policy.cert_identity(asn1_x509.Certificate.load(current.public_bytes(der)))
        policy.check_key(as_asn1)
    except policy.PolicyError as e:
        raise RuleError(f"{cert_name}：{e.zh}", f"{cert_name}: {e.en}") from None
    if (named.code, named.name) != (ours.code, ours.name):
        raise RuleError(
            f"{cert_name}：证书上的学校（{named.name}，代码 {named.code}）不是本校（{ours.name}，代码 {ours.code}）",
            f"{cert_name}: the certificate names {named.name} ({named.code}), not this school ({ours.name}, {ours.code})",
        )
    if _is_ca(cert):
        raise RuleError(f"{cert_name}：这是证书机构（CA）的证书，不是学校的证书", f"{cert_name}: this is a CA certificate")
    if not _is_ca(ca):
        raise RuleError(
            f"{ca_name}：这不是证书机构（CA）的证书；请用教育局的根证书", f"{ca_name}: not a CA certificate; give the bureau's CA"
        )
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        if not usage.digital_signature:
            raise RuleError(
                f"{cert_name}：证书不能用于签名（密钥用法）", f"{cert_name}: the certificate's key usage excludes signing"
            )
    except x509.ExtensionNotFound:
        pass
    now = clock.utcnow()
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise RuleError(
            f"{cert_name}：证书今天不在有效期内（{_day(cert.not_valid_before_utc)}至{_day(cert.not_valid_after_utc)}）",
            f"{cert_name}: the certificate is not valid today ({cert.not_valid_before_utc:%Y-%m-%d} to "
            f"{cert.not_valid_after_utc:%Y-%m-%d})",
        )
    label = issuing_ca(as_asn1, [ca], now)
    if label is None:
        raise RuleError(
            f"{cert_name}：证书不是由 {ca_name} 签发的（或该证书机构今天无效、不符合签名要求）",
            f"{cert_name}: the certificate was not issued by {ca_name} (or that CA is not valid today or not acceptable)",
        )
    pem = cert.public_bytes(serialization.Encoding.PEM)
    found = fingerprint(pem)
    if found == fingerprint(current_pem):
        raise RuleError(f"{cert_name}：本校已在使用这张证书", f"{cert_name}: the school already uses this certificate")
    return Issued(pem, found, label)


def _one_certificate(data: bytes, name: str) -> x509.Certificate:
    """Exactly one certificate, PEM or DER, from a file of at most MAX_CERT_FILE bytes."""
    from cryptography import x509

    if len(data) > MAX_CERT_FILE:
        raise RuleError(f"{name}：文件太大，不是证书", f"{name}: too large to be a certificate")
    try:
        pem = b"-----BEGIN" in data
        found = x509.load_pem_x509_certificates(data) if pem else [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise RuleError(f"{name}：不是证书文件（PEM 或 DER）", f"{name}: not a certificate file (PEM or DER)") from None
    if len(found) != 1:
        raise RuleError(
            f"{name}：文件中有 {len(found)} 张证书，应只有 1 张", f"{name}: the file holds {len(found)} certificates, not 1"
        )
    return found[0]


def _is_ca(cert: x509.Certificate) -> bool:
    from cryptography import x509

    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def _day(moment: dt.datetime) -> str:
    from selfcheck.core.dates import chinese_date

    return chinese_date(moment.date())

"""The bureau's certificate authority: its own key and certificate, and the school certificates it issues for the
requests schools write (`keys request`). A school installs what it issues with `keys install-cert`; the bureau then
trusts its CA certificate once (`--trust`, or the trust folder) and every school it issued.

A request arrives on a stick and is hostile until checked: at most 64 KB, one PKCS#10 request (PEM or DER), its
signature made with the key it names, the key under the bureau's policy (P-256/P-384 or RSA of 2048 bits and more),
exactly one school code (serialNumber) and one school name (O = CN) by the identity rules of `report verify`, no CA
asked for, and the school on the desk's roster under that very name and code: the CA vouches for a school's name only
as the roster has it. What it issues: the request's subject and key, for signatures only (digitalSignature,
nonRepudiation), not a CA, valid for `years` or until the CA's own end if sooner, signed with SHA-256.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from selfcheck.core import clock
from selfcheck.core.printable import invisible
from selfcheck.errors import RuleError, SelfcheckError
from selfcheck.reports.identity import Identity, check_passphrase, encrypt_key, fingerprint, signing_usage, unlock

MAX_REQUEST = 64 * 1024
CA_YEARS = 20
SCHOOL_YEARS = 5


@dataclass(frozen=True)
class Issuance:
    cert_pem: bytes
    code: str
    school: str
    serial: str  # hexadecimal
    fingerprint: str
    not_after: dt.datetime


def create(name: str, passphrase: str) -> Identity:
    """A new CA for the bureau `name`: a P-256 key (returned encrypted under `passphrase`) and its certificate."""
    check_passphrase(passphrase, (name,))
    name = (name or "").strip()
    if not name or len(name) > 64 or invisible(name):
        raise SelfcheckError(
            "单位名称不能为空、不能超过 64 个字符、不能含不可见字符", "the unit's name is empty, too long or unclean"
        )
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{name}证书机构"),
        ]
    )
    start = clock.utcnow().replace(microsecond=0) - dt.timedelta(minutes=10)
    usage = x509.KeyUsage(
        digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
        key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False,
    )  # fmt: skip
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=365 * CA_YEARS + CA_YEARS // 4))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Identity(key_pem=encrypt_key(key, passphrase), cert_pem=cert.public_bytes(serialization.Encoding.PEM))


def check_request(request: bytes, roster: dict[str, str], *, name: str = "") -> tuple[str, str]:
    """The request checked as `issue` checks it: the school's (code, name), or a RuleError saying what is wrong."""
    return _checked(request, roster, f"{name}：" if name else "")[1:]


def issue(ca: Identity, passphrase: str, request: bytes, roster: dict[str, str], *, name: str = "") -> Issuance:
    """A school certificate for `request` (see the module's docstring); `roster`: school code → name, active
    schools; `name`: the request file's name, for the messages."""
    csr, code, school = _checked(request, roster, f"{name}：" if name else "")
    key = unlock(ca, passphrase)
    ca_cert = x509.load_pem_x509_certificate(ca.cert_pem)
    now = clock.utcnow().replace(microsecond=0)
    end = min(now + dt.timedelta(days=365 * SCHOOL_YEARS + 1), ca_cert.not_valid_after_utc)
    if end <= now:
        raise RuleError("教育局证书机构的证书已过期，不能再签发", "the bureau's CA certificate has expired")
    serial = x509.random_serial_number()
    cert = (
        x509.CertificateBuilder()
        .subject_name(csr.subject)
        .issuer_name(ca_cert.subject)
        .public_key(csr.public_key())
        .serial_number(serial)
        .not_valid_before(now - dt.timedelta(minutes=10))
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(signing_usage(), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(csr.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    pem = cert.public_bytes(serialization.Encoding.PEM)
    return Issuance(pem, code, school, format(serial, "x"), fingerprint(pem), end)


def _checked(request: bytes, roster: dict[str, str], where: str) -> tuple[x509.CertificateSigningRequest, str, str]:
    csr = _request(request, where)
    code, school = _school(csr, where)
    known = roster.get(code)
    if known is None:
        raise RuleError(
            f"{where}学校代码 {code} 不在名册中；请先导入含该校的名册（roster import）",
            f"{where}the school code {code} is not on the roster; import a roster with the school first",
        )
    if unicodedata.normalize("NFKC", known).strip() != school:
        raise RuleError(
            f"{where}申请中的学校名称“{school}”与名册中代码 {code} 的“{known}”不一致",
            f"{where}the request names “{school}”, the roster has “{known}” for code {code}",
        )
    return csr, code, school


def read_request(path: str | Path) -> bytes:
    """A school's certificate request from a stick, read as every stick file is (a regular file, at most the cap)."""
    from selfcheck.core.stickfile import read_stick_file

    return read_stick_file(path, MAX_REQUEST, "证书申请", "certificate request")


def _request(data: bytes, where: str) -> x509.CertificateSigningRequest:
    if len(data) > MAX_REQUEST:
        raise RuleError(f"{where}文件太大，不是证书申请", f"{where}too large to be a certificate request")
    try:
        csr = x509.load_pem_x509_csr(data) if b"-----BEGIN" in data else x509.load_der_x509_csr(data)
    except ValueError:
        raise RuleError(f"{where}不是证书申请（CSR）文件", f"{where}not a certificate request (CSR)") from None
    if not csr.is_signature_valid:
        raise RuleError(f"{where}证书申请的签名无效（文件被改动过）", f"{where}the request's signature is invalid") from None
    public = csr.public_key()
    if isinstance(public, ec.EllipticCurvePublicKey):
        if public.curve.name not in ("secp256r1", "secp384r1"):
            raise RuleError(
                f"{where}不接受的密钥曲线 {public.curve.name}", f"{where}the key's curve {public.curve.name} is refused"
            )
    elif isinstance(public, rsa.RSAPublicKey):
        if public.key_size < 2048:
            raise RuleError(f"{where}RSA 密钥太短（{public.key_size} 位）", f"{where}the RSA key is too short")
    else:
        raise RuleError(f"{where}不接受的密钥类型", f"{where}the key type is refused")
    try:
        constraints = csr.extensions.get_extension_for_class(x509.BasicConstraints).value
        if constraints.ca:
            raise RuleError(f"{where}申请的是证书机构（CA）证书，不予签发", f"{where}the request asks for a CA certificate")
    except x509.ExtensionNotFound:
        pass
    return csr


def _school(csr: x509.CertificateSigningRequest, where: str) -> tuple[str, str]:
    """The school code and name the request names, by the identity rules of `report verify`."""
    from asn1crypto import x509 as asn1_x509

    from selfcheck.reports import policy

    try:
        named = policy.subject_identity(asn1_x509.Name.load(csr.subject.public_bytes()))
    except policy.PolicyError as e:
        raise RuleError(f"{where}{e.zh}", f"{where}{e.en}") from None
    return named.code, named.name

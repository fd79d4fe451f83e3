"""The school's signing identity: an ECDSA P-256 key and a self-signed X.509 certificate naming the school.

The key never exists on disk in the clear: `Identity.key_pem` is a PKCS#8 PEM ("ENCRYPTED PRIVATE KEY") under
the principal's passphrase: PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, the same scheme cryptography's
BestAvailableEncryption writes, but with 600,000 PBKDF2 iterations instead of the 2,048 it uses (an 8-character
passphrase behind 2,048 iterations falls to one GPU in days). Any PKCS#8 reader (cryptography, OpenSSL) opens
it; `unlock()` also opens keys written by BestAvailableEncryption. `unlock()` gives the key back for one signing.
ECDSA P-256 rather than Ed25519 because poppler's `pdfsig` (and many PDF viewers) cannot check Ed25519 signatures.

The certificate's subject: CN = school name, O = school name, serialNumber (2.5.4.5) = school code, C = CN.
Key usage (critical): digitalSignature + nonRepudiation. Self-signed, so nobody vouches for it: a reader trusts
it by comparing its fingerprint with one obtained out of band (the bureau's registry, a printed slip).

Fingerprint format: SHA-256 of the certificate's DER bytes, uppercase hex, pairs joined by ":" (95 characters,
e.g. "3F:A0:...:7C"), the form Windows, Firefox and `openssl x509 -fingerprint -sha256` show.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass

from asn1crypto import algos as asn1_algos
from asn1crypto import keys as asn1_keys
from asn1crypto import pem as asn1_pem
from cryptography import x509
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.x509.oid import NameOID

from selfcheck.core import clock
from selfcheck.core.printable import invisible
from selfcheck.errors import SelfcheckError

MIN_PASSPHRASE = 8
KDF_ITERATIONS = 600_000  # OWASP 2023 figure for PBKDF2-HMAC-SHA256; ~0.15 s per create/unlock
_PRINTABLE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?")


@dataclass(frozen=True)
class Identity:
    """A school's signing identity as stored: the encrypted PKCS#8 key PEM and the certificate PEM."""

    key_pem: bytes  # PKCS#8 "ENCRYPTED PRIVATE KEY" PEM
    cert_pem: bytes  # X.509 certificate PEM

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.cert_pem)


# zxcvbn's warnings, as a principal reads them
_WARNINGS_ZH = {
    "This is a top-10 common password.": "这是最常见的口令之一",
    "This is a top-100 common password.": "这是很常见的口令",
    "This is a very common password.": "这是很常见的口令",
    "This is similar to a commonly used password.": "与常见口令相似",
    "A word by itself is easy to guess.": "单个词语很容易被猜到",
    "Names and surnames by themselves are easy to guess.": "单独的姓名很容易被猜到",
    "Common names and surnames are easy to guess.": "常见姓名很容易被猜到",
    'Repeats like "aaa" are easy to guess.': "重复的字符很容易被猜到",
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".': "重复的片段很容易被猜到",
    "Sequences like abc or 6543 are easy to guess.": "abc、6543 这样的连续序列很容易被猜到",
    "Recent years are easy to guess.": "年份很容易被猜到",
    "Dates are often easy to guess.": "日期很容易被猜到",
    "Straight rows of keys are easy to guess.": "键盘上连成一排的键很容易被猜到",
    "Short keyboard patterns are easy to guess.": "键盘上的简单图案很容易被猜到",
}
MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable", about 10^8 guesses, before 600,000 PBKDF2 iterations each


def check_passphrase(passphrase: str, about: list[str] | tuple[str, ...] = ()) -> None:
    """Refuse a passphrase too weak to protect the key: empty, fewer than 8 characters, or one that the zxcvbn
    estimator (Dropbox's, as password managers use it) rates below "safely unguessable". `about`: the school's
    name, code and principal, which make a passphrase weaker when it holds them."""
    if not passphrase:
        raise SelfcheckError("口令不能为空", "the passphrase must not be empty")
    if len(passphrase) < MIN_PASSPHRASE:
        raise SelfcheckError(
            f"口令太短：至少需要 {MIN_PASSPHRASE} 个字符",
            f"the passphrase is too short: at least {MIN_PASSPHRASE} characters are required",
        )
    from zxcvbn import zxcvbn

    judged = zxcvbn(passphrase[:72], user_inputs=[a for a in about if a])  # it reads at most 72 characters
    if judged["score"] >= MIN_SCORE:
        return
    warning = str(judged["feedback"].get("warning") or "")
    zh = _WARNINGS_ZH.get(warning, "")
    raise SelfcheckError(
        f"口令太容易被猜到{f'（{zh}）' if zh else ''}：请换一句只有自己知道的、较长的话，例如由几个词组成的短句；"
        "不要用生日、电话、学校名称或代码、常见词语或键盘上连着的键",
        f"the passphrase is too easy to guess{f' ({warning})' if warning else ''}: use a longer phrase only you know, "
        "such as a few words together; not a date, a phone number, the school's name or code, a common word or a "
        "row of keys",
    )


def create_identity(school_name: str, school_code: str, passphrase: str, *, valid_years: int = 10) -> Identity:
    """Make a new P-256 key and a self-signed certificate for the school; the key is returned encrypted."""
    check_passphrase(passphrase, (school_name, school_code))
    name = (school_name or "").strip()
    code = (school_code or "").strip()
    hidden = invisible(name) or invisible(code)
    if hidden:  # the bureau's verification refuses such a certificate (reports/policy.py): never make one
        raise SelfcheckError(
            f"学校名称或代码含有不可见字符 {hidden}，请重新输入", f"the school name or code holds an invisible character {hidden}"
        )
    if not name:
        raise SelfcheckError("学校名称不能为空", "the school name must not be empty")
    if len(name) > 64:
        raise SelfcheckError("学校名称太长（最多 64 个字符）", "the school name is too long (64 characters at most)")
    if not code:
        raise SelfcheckError("学校代码不能为空", "the school code must not be empty")
    if len(code) > 64 or not set(code) <= _PRINTABLE:
        raise SelfcheckError(
            "学校代码只能包含字母、数字和常用符号（最多 64 个字符）",
            "the school code may hold only letters, digits and common punctuation (64 characters at most)",
        )
    if not 1 <= valid_years <= 30:
        raise SelfcheckError("证书有效期应为 1 到 30 年", "the certificate must be valid for 1 to 30 years")

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, code),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )
    now = clock.utcnow().replace(microsecond=0)
    public = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=10))  # tolerate a reader's clock a little behind
        .not_valid_after(now + dt.timedelta(days=365 * valid_years + valid_years // 4))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(signing_usage(), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Identity(key_pem=encrypt_key(key, passphrase), cert_pem=cert.public_bytes(serialization.Encoding.PEM))


def signing_usage() -> x509.KeyUsage:
    """What a school's certificate is for: signatures (digitalSignature, nonRepudiation), nothing else."""
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,  # nonRepudiation
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


def encrypt_key(
    key: ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey, passphrase: str, *, iterations: int = KDF_ITERATIONS
) -> bytes:
    """PKCS#8 EncryptedPrivateKeyInfo PEM: PBES2 (PBKDF2-HMAC-SHA256, `iterations`, 16-byte salt; AES-256-CBC).

    Any key type PKCS#8 holds: the school's P-256 key, the bureau's Ed25519 checklist-signing key."""
    plain = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    salt, iv = os.urandom(16), os.urandom(16)
    secret = PBKDF2HMAC(hashes.SHA256(), 32, salt, iterations).derive(passphrase.encode("utf-8"))
    padder = padding.PKCS7(128).padder()
    encryptor = Cipher(algorithms.AES(secret), modes.CBC(iv)).encryptor()
    encrypted = encryptor.update(padder.update(plain) + padder.finalize()) + encryptor.finalize()
    info = asn1_keys.EncryptedPrivateKeyInfo(
        {
            "encryption_algorithm": {
                "algorithm": "pbes2",
                "parameters": {
                    "key_derivation_func": {
                        "algorithm": "pbkdf2",
                        "parameters": {
                            "salt": asn1_algos.Pbkdf2Salt(name="specified", value=salt),
                            "iteration_count": iterations,
                            "prf": {"algorithm": "sha256"},
                        },
                    },
                    "encryption_scheme": {"algorithm": "aes256_cbc", "parameters": iv},
                },
            },
            "encrypted_data": encrypted,
        }
    )
    armored: bytes = asn1_pem.armor("ENCRYPTED PRIVATE KEY", info.dump())
    return armored


def load_cert(cert_pem: bytes) -> x509.Certificate:
    """The certificate from PEM (or DER) bytes; a clear error when they are not a certificate."""
    try:
        if b"-----BEGIN" in cert_pem:
            return x509.load_pem_x509_certificate(cert_pem)
        return x509.load_der_x509_certificate(cert_pem)
    except (ValueError, TypeError) as e:
        raise SelfcheckError(
            "证书无法读取（不是有效的 X.509 证书）", "the certificate cannot be read (not a valid X.509 certificate)"
        ) from e


def fingerprint(cert_pem: bytes) -> str:
    """SHA-256 of the certificate's DER bytes as "AB:CD:..." (uppercase hex, colon-separated). PEM or DER in."""
    der = load_cert(cert_pem).public_bytes(serialization.Encoding.DER)
    return format_fingerprint(hashlib.sha256(der).digest())


def format_fingerprint(digest: bytes) -> str:
    return ":".join(f"{b:02X}" for b in digest)


def cert_subject(cert_pem: bytes) -> dict[str, str | None]:
    """{"name": CN (the school), "organization": O, "code": serialNumber (the school code), "country": C}."""
    subject = load_cert(cert_pem).subject

    def first(oid: x509.ObjectIdentifier) -> str | None:
        attrs = subject.get_attributes_for_oid(oid)
        if not attrs:
            return None
        value = attrs[0].value
        return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)

    return {
        "name": first(NameOID.COMMON_NAME),
        "organization": first(NameOID.ORGANIZATION_NAME),
        "code": first(NameOID.SERIAL_NUMBER),
        "country": first(NameOID.COUNTRY_NAME),
    }


def issuer_name(cert_pem: bytes) -> str | None:
    """Who issued the certificate (the issuer's CN, else its O), or None when it is self-signed (`keys init`)."""
    cert = load_cert(cert_pem)
    if cert.issuer == cert.subject:
        return None
    names = cert.issuer.get_attributes_for_oid(NameOID.COMMON_NAME) or cert.issuer.get_attributes_for_oid(
        NameOID.ORGANIZATION_NAME
    )
    value = names[0].value if names else cert.issuer.rfc4514_string()
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def export_cert_pem(identity: Identity) -> bytes:
    """The certificate alone, PEM, to hand to the bureau (never the key)."""
    return identity.cert_pem


def unlock(identity: Identity, passphrase: str) -> ec.EllipticCurvePrivateKey:
    """Decrypt the school's key. Wrong passphrase → SelfcheckError "口令不正确 / wrong passphrase"."""
    if not passphrase:
        raise SelfcheckError("请输入口令", "enter the passphrase")
    if b"ENCRYPTED PRIVATE KEY" not in identity.key_pem:
        raise SelfcheckError("签名私钥未加密保存，拒绝使用", "the signing key is not stored encrypted; refusing to use it")
    try:
        key = serialization.load_pem_private_key(identity.key_pem, password=passphrase.encode("utf-8"))
    except ValueError as e:
        # cryptography: "Incorrect password, could not decrypt key" — a damaged key reads the same
        raise SelfcheckError("口令不正确", "wrong passphrase") from e
    except Exception as e:  # unsupported or garbled key file
        raise SelfcheckError("签名私钥无法读取", "the signing key cannot be read") from e
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise SelfcheckError("签名私钥不是 ECDSA P-256 密钥", "the signing key is not an ECDSA P-256 key")
    cert = load_cert(identity.cert_pem)
    pub = serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(serialization.Encoding.DER, pub) != cert.public_key().public_bytes(
        serialization.Encoding.DER, pub
    ):
        raise SelfcheckError("签名私钥与证书不匹配", "the signing key does not match the certificate")
    return key

"""The one verification policy: who signed, with what, and whether the data says the same school.

Used by `verify()` (and so by `report verify`, the bureau's intake and the GUI's check of a file): a signed file
from a stick is hostile until every rule here holds. Each failure is a `PolicyError` with a machine-readable code
and a one-line reason in Chinese and English.

**Identity.** The signer's certificate must carry exactly one school code (serialNumber, 2.5.4.5), exactly one
school name as O and exactly one as CN, and O = CN: the attributes our own certificates use
(`reports/identity.py`). Each is text, compared after Unicode NFKC normalisation; a name or code holding an
invisible or control character (zero-width space, BOM, bidi marks, C0/C1 controls, private use) is refused, not
stripped. The embedded data's `school.code` and `school.name` must be strings equal to the certificate's.

**Crypto** (following the BSI TR-02102-1 and NIST SP 800-57/800-131A floors for signatures made today): RSA keys
of at least 2048 bits, EC keys on P-256, P-384 or P-521 (Ed25519 and Ed448 also pass), digests SHA-256 or
stronger, for the document digest and for the certificate's own signature. MD5, SHA-1 and SHA-224 are refused.

**Validity.** The certificate must have been valid when the file was signed (the signing time the signature
carries; a signature with none is refused). A file signed while its certificate was valid stays acceptable after
the certificate expires, with a distinct note saying so (`expired_note`).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from selfcheck.core.printable import invisible

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509

MIN_RSA_BITS = 2048
EC_CURVES = frozenset({"secp256r1", "secp384r1", "secp521r1"})
EDWARDS = frozenset({"ed25519", "ed448"})
DIGESTS = frozenset({"sha256", "sha384", "sha512", "sha3_256", "sha3_384", "sha3_512", "sha512_256"})
MAX_IDENTITY_TEXT = 128


class PolicyError(Exception):
    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.code, self.zh, self.en = code, zh, en


@dataclass(frozen=True)
class CertIdentity:
    name: str
    code: str


def clean_text(value: Any, what_zh: str, what_en: str, code: str = "bad_identity") -> str:
    """`value` as NFKC text, refused when it is not a string, is empty, too long, or holds an invisible or control
    character (refused, never stripped: "城关一小" and "城关\u200b一小" must not both pass as one school)."""
    if not isinstance(value, str):
        raise PolicyError(code, f"{what_zh}不是文字", f"the {what_en} is not text ({type(value).__name__})")
    hidden = invisible(value)
    if hidden:
        raise PolicyError(
            code, f"{what_zh}含有不可见字符或控制字符 {hidden}", f"the {what_en} holds an invisible or control character {hidden}"
        )
    text = unicodedata.normalize("NFKC", value)
    if not text.strip():
        raise PolicyError(code, f"{what_zh}是空的", f"the {what_en} is empty")
    if len(text) > MAX_IDENTITY_TEXT:
        raise PolicyError(code, f"{what_zh}过长", f"the {what_en} is too long (over {MAX_IDENTITY_TEXT} characters)")
    return text


def cert_identity(cert: asn1_x509.Certificate) -> CertIdentity:
    """The school name and code the certificate names, in exactly the attributes our certificates use."""
    return subject_identity(cert.subject)


def subject_identity(subject: asn1_x509.Name) -> CertIdentity:
    """The school name and code a subject names (a certificate's, or a certificate request's): exactly one
    serialNumber, one O and one CN, O = CN, each clean (`clean_text`)."""
    found: dict[str, list[Any]] = {"serial_number": [], "organization_name": [], "common_name": []}
    try:
        for rdn in subject.chosen:
            for attr in rdn:
                kind = attr["type"].native
                if kind in found:
                    found[kind].append(attr["value"].native)
    except Exception as e:
        raise PolicyError("bad_identity", "签名证书的主体名称无法读取", "the signing certificate's subject cannot be read") from e
    labels = {"serial_number": ("学校代码（serialNumber）", "school code (serialNumber)"),
              "organization_name": ("学校名称（O）", "school name (O)"),
              "common_name": ("学校名称（CN）", "school name (CN)")}  # fmt: skip
    for kind, values in found.items():
        zh, en = labels[kind]
        if len(values) != 1:
            raise PolicyError(
                "bad_identity",
                f"签名证书应有且只有一个{zh}，实有 {len(values)} 个",
                f"the signing certificate must carry exactly one {en}; it carries {len(values)}",
            )
    code = clean_text(found["serial_number"][0], "证书中的学校代码", "certificate's school code")
    name = clean_text(found["organization_name"][0], "证书中的学校名称", "certificate's school name")
    if clean_text(found["common_name"][0], "证书中的学校名称", "certificate's school name") != name:
        raise PolicyError(
            "bad_identity",
            "签名证书的 O 与 CN 不是同一个学校名称",
            "the signing certificate's O and CN name different schools",
        )
    return CertIdentity(name, code)


def bind(identity: CertIdentity, data: dict[str, Any]) -> None:
    """The data's school is the certificate's school: code and name, as strings, equal after NFKC."""
    school = data.get("school")
    if not isinstance(school, dict):
        raise PolicyError("school_mismatch", "报告数据中没有学校信息", "the report data names no school")
    code = clean_text(school.get("code"), "报告中的学校代码", "report's school code", "school_mismatch")
    name = clean_text(school.get("name"), "报告中的学校名称", "report's school name", "school_mismatch")
    inspection, template = data.get("inspection"), data.get("template")
    if isinstance(inspection, dict):  # the intake groups reports by period: one period must read one way only
        clean_text(inspection.get("period"), "报告中的期次", "report's period", "bad_data")
    if isinstance(template, dict):
        clean_text(template.get("id"), "报告中的检查表编号", "report's checklist id", "bad_data")
        clean_text(template.get("version"), "报告中的检查表版本", "report's checklist version", "bad_data")
    if code != identity.code:
        raise PolicyError(
            "school_mismatch",
            f"报告中的学校代码 {code} 与签名证书的学校代码 {identity.code} 不一致",
            f"the report's school code {code} differs from the signing certificate's school code {identity.code}",
        )
    if name != identity.name:
        raise PolicyError(
            "school_mismatch",
            f"报告中的学校名称“{name}”与签名证书的学校名称“{identity.name}”不一致",
            f"the report's school name {name!r} differs from the signing certificate's school name {identity.name!r}",
        )


def check_key(cert: asn1_x509.Certificate) -> None:
    """The certificate's key and its own signature meet the crypto policy."""
    try:
        key = cert.public_key
        algorithm = key.algorithm
    except Exception as e:
        raise PolicyError("weak_crypto", "签名证书的公钥无法读取", "the signing certificate's public key cannot be read") from e
    if algorithm == "rsa":
        bits = key.bit_size
        if bits < MIN_RSA_BITS:
            raise PolicyError(
                "weak_crypto",
                f"签名密钥太弱：RSA {bits} 位（至少 {MIN_RSA_BITS} 位）",
                f"the signing key is too weak: RSA {bits} bits (at least {MIN_RSA_BITS})",
            )
    elif algorithm == "ec":
        kind, curve = key.curve
        if kind != "named" or curve not in EC_CURVES:
            raise PolicyError(
                "weak_crypto",
                f"签名密钥的椭圆曲线 {curve} 不被接受（应为 P-256、P-384 或 P-521）",
                f"the signing key's curve {curve} is not accepted (P-256, P-384 or P-521)",
            )
    elif algorithm not in EDWARDS:
        raise PolicyError("weak_crypto", f"签名密钥类型 {algorithm} 不被接受", f"the key type {algorithm} is not accepted")
    try:
        cert_hash = cert["signature_algorithm"].hash_algo
    except Exception:  # Ed25519 and Ed448 carry no separate hash
        cert_hash = None if algorithm in EDWARDS else "unknown"
    if cert_hash is not None and cert_hash not in DIGESTS:
        raise PolicyError(
            "weak_crypto",
            f"签名证书使用了弱摘要算法 {cert_hash}（应为 SHA-256 或更强）",
            f"the signing certificate is signed with the weak digest {cert_hash} (SHA-256 or stronger is required)",
        )


def check_digest(md_algorithm: str | None) -> None:
    if md_algorithm not in DIGESTS:
        raise PolicyError(
            "weak_crypto",
            f"签名使用了弱摘要算法 {md_algorithm}（应为 SHA-256 或更强）",
            f"the signature uses the weak digest {md_algorithm} (SHA-256 or stronger is required)",
        )


def validity(cert: asn1_x509.Certificate) -> tuple[dt.datetime, dt.datetime]:
    period = cert["tbs_certificate"]["validity"]
    return period["not_before"].native, period["not_after"].native


def check_signing_time(cert: asn1_x509.Certificate, signed_at: dt.datetime | None, now: dt.datetime) -> tuple[str, str] | None:
    """Refuse a signature made outside the certificate's validity; a note (zh, en) when the certificate has
    expired since, which leaves the signature acceptable; None otherwise."""
    from selfcheck.core.dates import chinese_date

    if signed_at is None:
        raise PolicyError("no_signing_time", "签名没有签名时间", "the signature carries no signing time")
    if signed_at.tzinfo is None:
        signed_at = signed_at.replace(tzinfo=dt.UTC)
    not_before, not_after = validity(cert)
    if signed_at < not_before:
        raise PolicyError(
            "cert_not_yet_valid",
            f"签名时（{chinese_date(signed_at.date())}）证书尚未生效（{chinese_date(not_before.date())} 起有效）",
            f"the certificate was not yet valid when the file was signed ({signed_at:%Y-%m-%d}; "
            f"valid from {not_before:%Y-%m-%d})",
        )
    if signed_at > not_after:
        raise PolicyError(
            "cert_expired",
            f"签名时（{chinese_date(signed_at.date())}）证书已过期（{chinese_date(not_after.date())} 到期）",
            f"the certificate had expired when the file was signed ({signed_at:%Y-%m-%d}; it expired {not_after:%Y-%m-%d})",
        )
    if now > not_after:
        return (
            f"签名证书已于 {chinese_date(not_after.date())} 过期，签名时（{chinese_date(signed_at.date())}）有效",
            f"the signing certificate expired on {not_after:%Y-%m-%d}; it was valid when the file was signed "
            f"({signed_at:%Y-%m-%d})",
        )
    return None

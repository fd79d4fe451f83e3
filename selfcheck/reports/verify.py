"""Checking a signed report PDF, and reading its embedded data.

pyHanko's `valid` only says the CMS signature matches its own signed attributes: it stays true when bytes are
appended to the file, and its `intact` alone says nothing about bytes outside the /ByteRange. `verify()` accepts
a file only when ALL of these hold, checked in this order (the first that fails is the reason given):

1. the bytes are a PDF (start with "%PDF-", at most MAX_PDF bytes) that parses (strict) and is not encrypted,
   within the parsing budget: at most MAX_OBJECTS xref entries (counted from the table headers first), MAX_READS
   reads by pyHanko's parser, MAX_DECODED bytes inflated from its streams ("too_complex" otherwise);
2. it holds exactly one filled signature field (any /SubFilter counts); its key and digest meet the crypto
   policy and its certificate names one school (`reports/policy.py`);
3. that signature lives in the LAST revision: no incremental update at all after signing;
4. its /ByteRange is [0 a b c] with b + c = file length, and the gap a..b is exactly the "<hex>" of its own
   /Contents (no unsigned hole, nothing cut off); the CMS there is exactly what our signer writes, in minimal DER;
5. the document digest matches the signed one (pyHanko `intact`) and the ECDSA/RSA signature over the signed
   attributes is correct (pyHanko `valid`);
6. pyHanko rates the coverage SignatureCoverageLevel.ENTIRE_FILE;
7. it is a certification signature (/Perms /DocMDP of the catalog points to it) with DocMDP P=1 (NO_CHANGES),
   and the certificate was valid at the signing time (a note when it has expired since);
8. exactly one "selfcheck-report.json" is embedded and no other attachment (name tree, /AF, annotations); it is
   UTF-8 JSON that fits the report schema with strict types (`verify_either`: the kind, a report or a review,
   is the one whose embedded file the name tree holds, and 8-10 are that kind's, against its own certificates);
9. the school code and name in the data are the certificate's (after NFKC; invisible characters refused);
10. when `trusted` certificates are given: the signer's certificate has the SHA-256 fingerprint of one of them
    (a byte-identical certificate), or was issued by one of them that is a CA (a bureau's issuing certificate).

Without `trusted`, a file passing 1-9 is ok=True with trusted=None and a reason that says the signer was not
checked: the caller must show the fingerprint so a person can compare it. docs/SECURITY.md says what each
check stops.

`verify()` never raises: garbage, truncated, hostile or huge input all come back as ok=False with a reason.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from selfcheck.core import clock
from selfcheck.errors import SelfcheckError
from selfcheck.reports import policy
from selfcheck.reports.attachments import (
    DATA_NAME,
    MAX_DATA,
    DataSpec,
    data_bytes,
    embedded_files,
    find_data_specs,
    read_data,
    report_data,
)
from selfcheck.reports.identity import format_fingerprint
from selfcheck.reports.pdf_read import MAX_DECODED, MAX_OBJECTS, MAX_PDF, MAX_READS, TooComplex, budgets, read_pdf, too_complex
from selfcheck.reports.signature_shape import MAX_CMS, check_byte_range, check_cms_shape
from selfcheck.reports.signed_kind import REPORT, SignedKind
from selfcheck.reports.verdict import Reject, VerifyResult, short_error

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509

TrustArg: TypeAlias = "Trusted | list[bytes] | tuple[bytes, ...]"

__all__ = [
    "DATA_NAME",
    "MAX_CMS",
    "MAX_DATA",
    "MAX_DECODED",
    "MAX_OBJECTS",
    "MAX_PDF",
    "MAX_READS",
    "DataSpec",
    "Reject",
    "VerifyResult",
    "data_bytes",
    "find_data_specs",
    "read_data",
    "verify",
    "verify_either",
]


def verify(pdf: bytes, trusted: Trusted | list[bytes] | tuple[bytes, ...] = (), *, kind: SignedKind = REPORT) -> VerifyResult:
    """Check a signed report; see the module doc for what is checked. Never raises. `trusted`: the certificates
    (PEM or DER), or a `Trusted` made of them once for many files (the bureau's intake). `kind`: a report (the
    default) or a reviewer's 督查意见 (`signed_kind.REVIEW`): the same checks, its own embedded file, schema and
    the unit its certificate must name (checks 8 and 9)."""
    return _guarded(pdf, ((kind, trusted),), [])


def verify_either(pdf: bytes, kinds: Sequence[tuple[SignedKind, TrustArg]]) -> tuple[SignedKind | None, VerifyResult]:
    """`verify` for a file that may be any one of `kinds` (the bureau's intake: a report or a 督查意见), each with
    its own trusted certificates, in ONE pass: checks 1-7 as for any signed file, then the kind is the one whose
    embedded file the name tree holds (none: "no_data"), and checks 8-10 are that kind's, against its own
    certificates. Returns the kind found (None when the file failed before it was known) and the verdict."""
    chosen: list[SignedKind] = []
    result = _guarded(pdf, tuple(kinds), chosen)
    return (chosen[0] if chosen else None), result


def _guarded(pdf: bytes, kinds: tuple[tuple[SignedKind, TrustArg], ...], chosen: list[SignedKind]) -> VerifyResult:
    running = budgets()
    depth = len(running)
    try:
        with _quiet_pyhanko():
            return _verify(pdf, kinds, chosen)
    except Reject as r:
        if any(b.spent for b in running[depth:]):
            return too_complex()
        return r.result
    except TooComplex:
        return too_complex()
    except Exception as e:  # anything pyHanko / asn1crypto throws on hostile input (incl. RecursionError)
        if any(b.spent for b in running[depth:]):
            return too_complex()
        return VerifyResult(
            False,
            f"文件无法检查（{type(e).__name__}）",
            f"the file cannot be checked ({type(e).__name__}: {short_error(e)})",
            None,
            None,
            None,
            None,
            "unreadable",
        )
    finally:
        del running[depth:]


_quiet_lock = threading.Lock()
_quiet_count = 0
_quiet_levels: list[int] = []


@contextlib.contextmanager
def _quiet_pyhanko() -> Iterator[None]:
    """pyHanko logs a warning per odd entry it skips: a hostile file makes millions of lines. verify() gives its own
    reasons, so pyHanko's loggers are held to critical messages while any verify() runs (counted, so that two
    threads verifying at once restore the levels only when the last one ends)."""
    global _quiet_count, _quiet_levels
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    with _quiet_lock:
        if _quiet_count == 0:
            _quiet_levels = [logger.level for logger in loggers]
            for logger in loggers:
                logger.setLevel(logging.CRITICAL)
        _quiet_count += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_count -= 1
            if _quiet_count == 0:
                for logger, level in zip(loggers, _quiet_levels, strict=True):
                    logger.setLevel(level)


# -- the checks -----------------------------------------------------------------------------------------------


def _verify(pdf: bytes, kinds: tuple[tuple[SignedKind, TrustArg], ...], chosen: list[SignedKind]) -> VerifyResult:
    from pyhanko.sign.fields import MDPPerm, enumerate_sig_fields
    from pyhanko.sign.validation import read_certification_data, validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        trusts = [t if isinstance(t, Trusted) else _trusted_of(tuple(t or ())) for _kind, t in kinds]
    except SelfcheckError as e:
        raise Reject("bad_trusted_cert", "受信任的证书无法读取", "a trusted certificate cannot be read") from e
    reader = read_pdf(pdf)

    # 2. exactly one signature
    sig_fields = list(enumerate_sig_fields(reader, filled_status=True))
    if not sig_fields:
        raise Reject(
            "not_signed",
            "文件没有数字签名（印章图片不是签名）",
            "the file carries no digital signature (a seal image is not one)",
        )
    if len(sig_fields) > 1:
        raise Reject(
            "multiple_signatures",
            f"文件有 {len(sig_fields)} 个签名，合格的报告只有 1 个",
            f"the file holds {len(sig_fields)} signatures; a genuine report holds exactly 1",
        )
    name, _sig_obj, field = sig_fields[0]
    try:
        embedded = EmbeddedPdfSignature(reader, field, name)
        cert = embedded.signer_cert
        signer = _cn(cert)
        fp = format_fingerprint(hashlib.sha256(cert.dump()).digest())
    except Exception as e:
        raise Reject(
            "bad_signature_data",
            "签名数据已损坏，无法读取",
            f"the signature data is damaged and cannot be read ({type(e).__name__})",
        ) from e

    # 2b. the policy on the signer's key and digests, before pyHanko computes anything with them
    try:
        policy.check_key(cert)
        policy.check_digest(embedded.md_algorithm)
        identity = policy.cert_identity(cert)
    except policy.PolicyError as e:
        raise Reject(e.code, e.zh, e.en, signer, fp) from None
    except Exception as e:
        what = type(e).__name__
        raise Reject("bad_signature_data", "签名数据已损坏，无法读取", f"the signature data is damaged ({what})") from e

    # 3. nothing after the signed revision
    revisions = reader.xrefs.total_revisions
    after = revisions - 1 - embedded.signed_revision
    if after > 0:
        raise Reject(
            "modified_after_signing",
            f"文件在签名后被改动过（签名后追加了 {after} 次增量更新）",
            f"the file was changed after signing ({after} incremental update(s) appended after the signature)",
            signer,
            fp,
        )

    # 4. the byte range: the whole file but exactly this signature's /Contents
    check_byte_range(pdf, embedded, signer, fp)

    # 4b. the CMS holds exactly what our signer writes, in canonical DER: the parts of a CMS that its signature
    # does not cover (the digestAlgorithms set, the certificate list, unsigned attributes) cannot be varied either
    check_cms_shape(embedded, signer, fp)

    # 5./6. digest, signature, coverage — pyHanko. Its trust verdict is not used (trust is decided by fingerprint
    # below); the signer's own certificate is its only trust root so that it builds a path offline, without
    # logging a "self-signed certificate" warning with a traceback on every check.
    vc = ValidationContext(trust_roots=[cert], allow_fetching=False, revocation_mode="soft-fail", moment=clock.utcnow())
    try:
        status = validate_pdf_signature(embedded, signer_validation_context=vc, skip_diff=True)
    except SignatureValidationError as e:
        raise Reject("signature_invalid", "签名无效", f"the signature is invalid ({short_error(e)})", signer, fp) from e
    if not status.intact:
        raise Reject(
            "digest_mismatch",
            "签名后文件内容被改动（摘要不符）",
            "the file's content was changed after signing (the digest does not match)",
            signer,
            fp,
        )
    if not status.valid:
        raise Reject(
            "signature_invalid",
            "签名值无效（与证书不符）",
            "the signature value does not verify against its certificate",
            signer,
            fp,
        )
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        raise Reject(
            "coverage",
            "签名没有覆盖整个文件",
            f"the signature does not cover the entire file (coverage: {getattr(status.coverage, 'name', None)})",
            signer,
            fp,
        )

    # 7. certification, no change permitted
    cert_info = read_certification_data(reader)
    if cert_info is None or cert_info.author_sig is not embedded.sig_object:
        raise Reject(
            "not_certified", "签名不是文档认证签名", "the signature is not a certification (author) signature", signer, fp
        )
    if embedded.docmdp_level != MDPPerm.NO_CHANGES or cert_info.permission != MDPPerm.NO_CHANGES:
        raise Reject(
            "docmdp",
            "认证签名允许签名后修改（应为“不允许任何修改”）",
            f"the certification permits later changes ({embedded.docmdp_level}); it must be NO_CHANGES",
            signer,
            fp,
        )

    # 7b. the certificate was valid when the file was signed (a note when it has expired since)
    signed_at = embedded.self_reported_timestamp
    try:
        note = policy.check_signing_time(cert, signed_at, clock.utcnow())
    except policy.PolicyError as e:
        raise Reject(e.code, e.zh, e.en, signer, fp) from None
    note_zh, note_en = note or ("", "")

    # 8. the data, valid against the report schema with strict types
    try:
        at = _which_kind(reader, [k for k, _t in kinds]) if len(kinds) > 1 else 0
        kind, trust = kinds[at][0], trusts[at]
        chosen.append(kind)
        data = report_data(reader, kind.data_name)
        model = kind.validate(data)
    except Reject as r:
        raise Reject(r.result.code, r.result.reason_zh, r.result.reason_en, signer, fp) from None

    # 9. the school in the data is the school in the certificate: code and name
    try:
        kind.bind(identity, data)
    except policy.PolicyError as e:
        raise Reject(e.code, e.zh, e.en, signer, fp) from None

    # 10. the signer: one of the trusted certificates (looked up by fingerprint), or issued by a trusted bureau CA
    issuer = issuing_ca(cert, trust.cas, signed_at) if fp not in trust.schools and trust.cas else None
    if issuer is not None:
        return VerifyResult(
            True,
            f"签名有效：文件自 {signer or '签名者'} 签名后未被改动，签名证书由受信任的 {issuer} 签发"
            + (f"；{note_zh}" if note_zh else ""),
            f"valid: the file is unchanged since {signer or 'the signer'} signed it, with a certificate issued by the "
            f"trusted {issuer}" + (f"; {note_en}" if note_en else ""),
            signer,
            fp,
            data,
            True,
            "ok",
            note_zh,
            note_en,
            model,
            issuer,
        )
    if trust.count:
        if fp not in trust.schools:
            only = next(iter(trust.schools)) if trust.count == 1 and trust.schools else None
            raise Reject(
                "untrusted_signer",
                f"签名证书指纹 {fp} 与受信任的证书不符（应为 {only}）"
                if only
                else f"签名证书（指纹 {fp}）不在 {trust.count} 个受信任的证书之中，也不是由受信任的 CA 签发",
                f"the signing certificate's fingerprint {fp} does not match the trusted certificate ({only})"
                if only
                else f"the signing certificate (fingerprint {fp}) is not one of the {trust.count} trusted certificates, "
                "nor issued by a trusted CA",
                signer,
                fp,
            )
        return VerifyResult(
            True,
            f"签名有效：文件自 {signer or '签名者'} 签名后未被改动，签名证书与受信任证书一致"
            + (f"；{note_zh}" if note_zh else ""),
            f"valid: the file is unchanged since {signer or 'the signer'} signed it, with a trusted certificate"
            + (f"; {note_en}" if note_en else ""),
            signer,
            fp,
            data,
            True,
            "ok",
            note_zh,
            note_en,
            model,
        )
    return VerifyResult(
        True,
        f"签名完好，文件签名后未被改动；未核对签名者身份，请核对证书指纹 {fp}" + (f"；{note_zh}" if note_zh else ""),
        f"the signature is intact and the file unchanged since signing; the signer was not checked against a "
        f"trusted certificate: compare the fingerprint {fp}" + (f"; {note_en}" if note_en else ""),
        signer,
        fp,
        data,
        None,
        "ok_unchecked_signer",
        note_zh,
        note_en,
        model,
    )


# -- helpers ----------------------------------------------------------------------------------------------------


def _which_kind(reader: Any, kinds: list[SignedKind]) -> int:
    """Which of `kinds` the file is: the first whose embedded file the name tree holds (`report_data` then refuses
    a file holding another attachment beside it), or Reject "no_data"."""
    names = {name for name, _spec in embedded_files(reader)}
    for at, kind in enumerate(kinds):
        if kind.data_name in names:
            return at
    raise Reject(
        "no_data",
        f"文件中没有{'或'.join(k.label_zh + '数据' for k in kinds)}（{'、'.join(k.data_name for k in kinds)}）",
        f"the file carries no {' or '.join(k.label_en + ' data' for k in kinds)} ({', '.join(k.data_name for k in kinds)})",
    )


class Trusted:
    """The trusted certificates, read once for any number of files: the school certificates by their SHA-256
    fingerprint (a signer is looked up in O(1), whatever the number of schools), each with its subject's name, and
    the bureau CA certificates (basic constraints CA: trusted for the school certificates they sign), parsed.

    It pickles as the fingerprints and the CAs' DER, so a worker process gets it once (its pool initialiser)."""

    def __init__(self, schools: dict[str, str], ca_ders: tuple[bytes, ...]) -> None:
        from cryptography import x509

        self.schools = schools  # fingerprint "AB:CD:..." -> the certificate's common name ("" without one)
        self.ca_ders = ca_ders
        self.cas: list[Any] = [x509.load_der_x509_certificate(der) for der in ca_ders]

    @property
    def count(self) -> int:
        return len(self.schools) + len(self.cas)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Trusted, (self.schools, self.ca_ders))

    @classmethod
    def of(cls, trusted: list[bytes] | tuple[bytes, ...]) -> Trusted:
        """From certificates as PEM or DER; SelfcheckError when one cannot be read. The same certificate given
        twice counts once."""
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization
        from cryptography.x509.oid import NameOID

        from selfcheck.reports.identity import load_cert

        schools: dict[str, str] = {}
        cas: dict[bytes, None] = {}
        for raw in trusted:
            try:
                cert = load_cert(bytes(raw))
                try:
                    is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
                except x509.ExtensionNotFound:
                    is_ca = False
                der = cert.public_bytes(serialization.Encoding.DER)
                if is_ca:
                    cas[der] = None
                else:
                    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
                    schools[format_fingerprint(hashlib.sha256(der).digest())] = str(names[0].value) if names else ""
            except Exception as e:
                raise SelfcheckError("受信任的证书无法读取", "a trusted certificate cannot be read") from e
        return cls(schools, tuple(cas))


def _trusted_of(certs: tuple[bytes, ...]) -> Trusted:
    """Trusted.of, remembered for the last few lists given as bytes: `report verify` and the GUI check file after
    file against the same certificates, which need not be read again for each."""
    if all(type(c) is bytes for c in certs):
        return _trusted_cached(certs)
    return Trusted.of(certs)


@functools.lru_cache(maxsize=8)
def _trusted_cached(certs: tuple[bytes, ...]) -> Trusted:
    return Trusted.of(certs)


def issuing_ca(cert: asn1_x509.Certificate, cas: list[Any], signed_at: Any) -> str | None:
    """The name of the trusted CA that issued `cert` and was valid when it signed, or None. One level: a bureau
    CA signs school certificates directly. The CA's key and digest meet the same policy as a school's."""
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.x509.oid import NameOID

    try:
        school = x509.load_der_x509_certificate(cert.dump())
    except Exception:
        return None
    try:
        if school.extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
            return None  # a CA certificate does not sign reports
    except x509.ExtensionNotFound:
        pass
    for ca in cas:
        if school.issuer != ca.subject:
            continue
        try:
            school.verify_directly_issued_by(ca)
        except Exception:
            continue
        try:
            usage = ca.extensions.get_extension_for_class(x509.KeyUsage).value
            if not usage.key_cert_sign:
                continue
        except x509.ExtensionNotFound:
            pass
        try:
            ca_asn1 = asn1_x509.Certificate.load(ca.public_bytes(serialization.Encoding.DER))
            policy.check_key(ca_asn1)
            policy.check_signing_time(ca_asn1, signed_at, signed_at)  # the CA too was valid when the school signed
        except policy.PolicyError:
            continue
        names = ca.subject.get_attributes_for_oid(NameOID.COMMON_NAME) or ca.subject.get_attributes_for_oid(
            NameOID.ORGANIZATION_NAME
        )
        label = str(names[0].value) if names else "CA"
        return f"CA“{label}”"
    return None


def _subject(cert: asn1_x509.Certificate) -> dict[str, Any]:
    try:
        return dict(cert.subject.native)
    except Exception:
        return {}


def _cn(cert: asn1_x509.Certificate) -> str | None:
    value = _subject(cert).get("common_name")
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) else None

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
   UTF-8 JSON that fits the report schema with strict types;
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
import hashlib
import io
import json
import logging
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from selfcheck.core import clock
from selfcheck.core.printable import printable
from selfcheck.core.stickfile import REPORT_CAP
from selfcheck.errors import SelfcheckError
from selfcheck.reports import policy
from selfcheck.reports.identity import format_fingerprint

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

DATA_NAME = "selfcheck-report.json"
MAX_PDF = REPORT_CAP  # 16 MB: a 500-item report with seal and signature is 0.25 MB
MAX_DATA = 8 * 1024 * 1024  # the embedded JSON: some hundred kB for 500 items
MAX_CMS = 64 * 1024  # the signature data (/Contents): ours is under 2 kB, pyHanko reserves 16 kB of room
# Parsing budget: pyHanko's PDF parser is pure Python and reads a token at a time, so the number of reads it makes
# of the file measures the parsing work. A genuine 500-item report takes about 6,200; a file built to exhaust the
# parser (a catalog with millions of numbers, a dictionary with millions of keys, an xref table of a million
# objects) is stopped at this many, in well under a second and a few tens of MB, and refused as too complex.
MAX_READS = 250_000
MAX_OBJECTS = 50_000  # entries in the xref tables: a 500-item report has 147 objects
MAX_DECODED = 32 * 1024 * 1024  # bytes pyHanko may inflate from the file's streams in all
_XREF = re.compile(rb"[^0-9A-Za-z]xref[ \t]*\r?\n")
_SUBSECTION = re.compile(rb"[ \t\r\n]*([0-9]{1,12})[ \t]+([0-9]{1,12})[ \t]*\r?\n")


def _xref_entries(pdf: bytes) -> int:
    """How many entries the file's classic xref tables announce (every subsection of every table), counted from
    the headers alone; stops counting past MAX_OBJECTS."""
    total = 0
    found = pdf.find(b"xref")
    while found >= 0:
        table = _XREF.match(pdf, found - 1) if found else _XREF.match(b" " + pdf[:16])
        found, start = pdf.find(b"xref", found + 4), found
        if table is None:
            continue
        at = table.end() if start else table.end() - 1
        while total <= MAX_OBJECTS:
            header = _SUBSECTION.match(pdf, at)
            if header is None:
                break
            count = int(header.group(2))
            total += count
            at = header.end() + 20 * count  # each entry is exactly 20 bytes
    return total


_MAX_TREE_NODES = 4096
_MAX_TREE_DEPTH = 32


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    reason_zh: str
    reason_en: str
    signer: str | None  # the certificate's CN (the school name), when a signature could be read
    fingerprint: str | None  # SHA-256 of the signer's certificate, "AB:CD:..."
    data: dict[str, Any] | None  # the embedded JSON, only when ok
    trusted: bool | None = None  # True: matched a trusted certificate; None: no trusted certificates given
    code: str = ""  # machine-readable reason: "ok", "ok_unchecked_signer", "not_pdf", "modified_after_signing", ...
    note_zh: str = ""  # an accepted file's remark: the certificate has expired since it was signed
    note_en: str = ""

    @property
    def reason(self) -> str:
        return f"{self.reason_zh} / {self.reason_en}"


class _Reject(Exception):
    def __init__(self, code: str, zh: str, en: str, signer: str | None = None, fp: str | None = None) -> None:
        super().__init__(en)
        self.result = VerifyResult(False, zh, en, signer, fp, None, None, code)


@dataclass(frozen=True)
class DataSpec:
    """One "selfcheck-report.json" entry of the /EmbeddedFiles name tree: its /Names array, the index of the
    file spec in it, and the file spec dictionary."""

    names: Any  # generic.ArrayObject
    index: int
    spec: Any  # generic.DictionaryObject


class _Budget(io.BytesIO):
    """The file as pyHanko's parser reads it, counting its reads; past MAX_READS every read fails (so a parser that
    swallows the first failure cannot go on either), and verify() reports the file as too complex."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.reads = 0
        self.spent = False

    def _count(self) -> None:
        self.reads += 1
        if self.reads > MAX_READS:
            self.spent = True
            raise _TooComplex

    def read(self, size: int | None = -1, /) -> bytes:
        self._count()
        return super().read(size)

    def read1(self, size: int | None = -1, /) -> bytes:
        self._count()
        return super().read1(size)

    def readline(self, size: int | None = -1, /) -> bytes:
        self._count()
        return super().readline(size)


class _TooComplex(Exception):
    pass


_state = threading.local()  # per thread: the read budgets of the verify() running in it (GUI workers verify too)


def _budgets() -> list[_Budget]:
    found: list[_Budget] | None = getattr(_state, "budgets", None)
    if found is None:
        found = _state.budgets = []
    return found


def _too_complex() -> VerifyResult:
    return VerifyResult(
        False,
        "文件结构过于复杂（对象、数值或压缩数据过多），不是自查报告，已拒绝",
        f"the file's structure is too complex to be a report (over {MAX_READS} parser reads, {MAX_OBJECTS} objects "
        f"or {MAX_DECODED // 2**20} MB of decompressed data: huge arrays, dictionaries, object tables or a deflate "
        "bomb); refused",
        None,
        None,
        None,
        None,
        "too_complex",
    )


def verify(pdf: bytes, trusted: Trusted | list[bytes] | tuple[bytes, ...] = ()) -> VerifyResult:
    """Check a signed report; see the module doc for what is checked. Never raises. `trusted`: the certificates
    (PEM or DER), or a `Trusted` made of them once for many files (the bureau's intake)."""
    budgets = _budgets()
    depth = len(budgets)
    try:
        with _quiet_pyhanko():
            return _verify(pdf, trusted)
    except _Reject as r:
        if any(b.spent for b in budgets[depth:]):
            return _too_complex()
        return r.result
    except _TooComplex:
        return _too_complex()
    except Exception as e:  # anything pyHanko / asn1crypto throws on hostile input (incl. RecursionError)
        if any(b.spent for b in budgets[depth:]):
            return _too_complex()
        return VerifyResult(
            False,
            f"文件无法检查（{type(e).__name__}）",
            f"the file cannot be checked ({type(e).__name__}: {_short(e)})",
            None,
            None,
            None,
            None,
            "unreadable",
        )
    finally:
        del budgets[depth:]


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


def read_data(pdf: bytes) -> dict[str, Any]:
    """The embedded "selfcheck-report.json" as a dict. Does NOT check the signature: call verify() for that
    (its result's `.data` is the same dict). SelfcheckError when the file or the data cannot be read."""
    try:
        reader = _read(pdf)
        return _data(reader)
    except _Reject as r:
        raise SelfcheckError(r.result.reason_zh, r.result.reason_en) from None
    except Exception as e:
        raise SelfcheckError("报告数据无法读取", f"the report data cannot be read ({type(e).__name__})") from e


def find_data_specs(reader: PdfFileReader) -> list[DataSpec]:
    """Every "selfcheck-report.json" entry in the document's /EmbeddedFiles name tree (bounded walk)."""
    return [spec for name, spec in embedded_files(reader) if name == DATA_NAME]


def embedded_files(reader: PdfFileReader) -> list[tuple[str, DataSpec]]:
    """Every entry of the document's /EmbeddedFiles name tree, with its name (bounded walk)."""
    from pyhanko.pdf_utils import generic

    try:
        tree = reader.root["/Names"]["/EmbeddedFiles"]
    except (KeyError, TypeError):
        return []
    found: list[tuple[str, DataSpec]] = []
    seen: set[int] = set()
    todo: list[tuple[Any, int]] = [(tree, 0)]
    while todo:
        node, depth = todo.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if not isinstance(node, generic.DictionaryObject) or id(node) in seen:
            continue
        seen.add(id(node))
        if len(seen) > _MAX_TREE_NODES or depth > _MAX_TREE_DEPTH:
            raise _Reject("bad_data", "附件目录结构异常", "the embedded-file name tree is malformed")
        # not node.get(): pyHanko's DictionaryObject.get() does not resolve indirect references
        names = node["/Names"] if "/Names" in node else None  # noqa: SIM401
        if isinstance(names, generic.ArrayObject):
            for i in range(0, len(names) - 1, 2):
                key = names[i]
                name = _text(key) if isinstance(key, generic.TextStringObject | generic.ByteStringObject) else "?"
                found.append((name, DataSpec(names, i + 1, names[i + 1])))
                if len(found) > _MAX_TREE_NODES:
                    raise _Reject("bad_data", "附件目录结构异常", "the embedded-file name tree is malformed")
        kids = node["/Kids"] if "/Kids" in node else None  # noqa: SIM401
        if isinstance(kids, generic.ArrayObject):
            todo.extend((kid, depth + 1) for kid in kids)
    return found


# -- the checks -----------------------------------------------------------------------------------------------


def _verify(pdf: bytes, trusted: Trusted | list[bytes] | tuple[bytes, ...]) -> VerifyResult:
    from pyhanko.sign.fields import MDPPerm, enumerate_sig_fields
    from pyhanko.sign.validation import read_certification_data, validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        trust = trusted if isinstance(trusted, Trusted) else Trusted.of(list(trusted or ()))
    except SelfcheckError as e:
        raise _Reject("bad_trusted_cert", "受信任的证书无法读取", "a trusted certificate cannot be read") from e
    reader = _read(pdf)

    # 2. exactly one signature
    sig_fields = list(enumerate_sig_fields(reader, filled_status=True))
    if not sig_fields:
        raise _Reject(
            "not_signed",
            "文件没有数字签名（印章图片不是签名）",
            "the file carries no digital signature (a seal image is not one)",
        )
    if len(sig_fields) > 1:
        raise _Reject(
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
        raise _Reject(
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
        raise _Reject(e.code, e.zh, e.en, signer, fp) from None
    except Exception as e:
        what = type(e).__name__
        raise _Reject("bad_signature_data", "签名数据已损坏，无法读取", f"the signature data is damaged ({what})") from e

    # 3. nothing after the signed revision
    revisions = reader.xrefs.total_revisions
    after = revisions - 1 - embedded.signed_revision
    if after > 0:
        raise _Reject(
            "modified_after_signing",
            f"文件在签名后被改动过（签名后追加了 {after} 次增量更新）",
            f"the file was changed after signing ({after} incremental update(s) appended after the signature)",
            signer,
            fp,
        )

    # 4. the byte range: the whole file but exactly this signature's /Contents
    _check_byte_range(pdf, embedded, signer, fp)

    # 4b. the CMS holds exactly what our signer writes, in canonical DER: the parts of a CMS that its signature
    # does not cover (the digestAlgorithms set, the certificate list, unsigned attributes) cannot be varied either
    _check_cms_shape(embedded, signer, fp)

    # 5./6. digest, signature, coverage — pyHanko. Its trust verdict is not used (trust is decided by fingerprint
    # below); the signer's own certificate is its only trust root so that it builds a path offline, without
    # logging a "self-signed certificate" warning with a traceback on every check.
    vc = ValidationContext(trust_roots=[cert], allow_fetching=False, revocation_mode="soft-fail", moment=clock.utcnow())
    try:
        status = validate_pdf_signature(embedded, signer_validation_context=vc, skip_diff=True)
    except SignatureValidationError as e:
        raise _Reject("signature_invalid", "签名无效", f"the signature is invalid ({_short(e)})", signer, fp) from e
    if not status.intact:
        raise _Reject(
            "digest_mismatch",
            "签名后文件内容被改动（摘要不符）",
            "the file's content was changed after signing (the digest does not match)",
            signer,
            fp,
        )
    if not status.valid:
        raise _Reject(
            "signature_invalid",
            "签名值无效（与证书不符）",
            "the signature value does not verify against its certificate",
            signer,
            fp,
        )
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        raise _Reject(
            "coverage",
            "签名没有覆盖整个文件",
            f"the signature does not cover the entire file (coverage: {getattr(status.coverage, 'name', None)})",
            signer,
            fp,
        )

    # 7. certification, no change permitted
    cert_info = read_certification_data(reader)
    if cert_info is None or cert_info.author_sig is not embedded.sig_object:
        raise _Reject(
            "not_certified", "签名不是文档认证签名", "the signature is not a certification (author) signature", signer, fp
        )
    if embedded.docmdp_level != MDPPerm.NO_CHANGES or cert_info.permission != MDPPerm.NO_CHANGES:
        raise _Reject(
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
        raise _Reject(e.code, e.zh, e.en, signer, fp) from None
    note_zh, note_en = note or ("", "")

    # 8. the data, valid against the report schema with strict types
    try:
        data = _data(reader)
        _check_schema(data)
    except _Reject as r:
        raise _Reject(r.result.code, r.result.reason_zh, r.result.reason_en, signer, fp) from None

    # 9. the school in the data is the school in the certificate: code and name
    try:
        policy.bind(identity, data)
    except policy.PolicyError as e:
        raise _Reject(e.code, e.zh, e.en, signer, fp) from None

    # 10. the signer: one of the trusted certificates (looked up by fingerprint), or issued by a trusted bureau CA
    issuer = _issuing_ca(cert, trust.cas, signed_at) if fp not in trust.schools and trust.cas else None
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
        )
    if trust.count:
        if fp not in trust.schools:
            only = next(iter(trust.schools)) if trust.count == 1 and trust.schools else None
            raise _Reject(
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
    )


def _read(pdf: bytes) -> PdfFileReader:
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not isinstance(pdf, bytes | bytearray | memoryview):
        raise _Reject("not_pdf", "不是 PDF 文件", "not a PDF file")
    pdf = bytes(pdf)
    if not pdf:
        raise _Reject("empty", "文件是空的", "the file is empty")
    if len(pdf) > MAX_PDF:
        raise _Reject(
            "too_large", "文件太大，不是自查报告", f"the file is too large to be a report (over {MAX_PDF // 2**20} MiB)"
        )
    if not pdf.startswith(b"%PDF-"):
        raise _Reject("not_pdf", "不是 PDF 文件", "not a PDF file")
    if _xref_entries(pdf) > MAX_OBJECTS:  # the xref tables announce their size: refuse before reading them
        raise _TooComplex
    from pyhanko.pdf_utils.decode_limits import DecodeLimits, DocumentDecodeBudget, StreamDecodeLimits

    budget = _Budget(pdf)
    _budgets().append(budget)
    # what pyHanko may inflate for this file, all streams together: a deflate bomb in an object or xref stream
    # stops at MAX_DECODED (pyHanko's own default is 100 times the file, 1.6 GB for a file at the cap)
    limits = DecodeLimits(
        per_stream=StreamDecodeLimits(max_ratio=1100, max_output_size=MAX_DECODED),
        document_budget=DocumentDecodeBudget(base_allowance=MAX_DECODED, max_ratio=2),
    )
    try:
        reader = PdfFileReader(budget, strict=True, decode_limits=limits)
        reader.root  # noqa: B018 — force the catalog to resolve
    except _TooComplex:
        raise
    except Exception as e:
        from pyhanko.pdf_utils.misc import PdfDecodeLimitError

        if budget.spent or isinstance(e, PdfDecodeLimitError):
            raise _TooComplex from e
        cut = _truncated(pdf)
        if cut:
            raise _Reject(
                "truncated",
                "文件不完整（比签名时短，可能被截断）",
                f"the file is incomplete: it is shorter than the signed length ({cut} bytes expected)",
            ) from e
        if b"%%EOF" not in pdf[-1024:]:
            raise _Reject(
                "truncated",
                "文件不完整（没有文件结束标记，可能被截断）",
                "the file is incomplete: it has no end-of-file marker (probably cut short)",
            ) from e
        raise _Reject(
            "unreadable", "PDF 文件已损坏，无法读取", f"the PDF file is damaged and cannot be read ({_short(e)})"
        ) from e
    if reader.encrypted:
        raise _Reject("encrypted", "不支持加密的 PDF 文件", "encrypted PDF files are not supported")
    return reader


_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]")


def _truncated(pdf: bytes) -> int | None:
    """The signed length a damaged file announces, when it is longer than the file."""
    for m in _BYTE_RANGE.finditer(pdf):
        _, _, start2, len2 = (int(x) for x in m.groups())
        if start2 + len2 > len(pdf):
            return start2 + len2
    return None


def _check_byte_range(pdf: bytes, embedded: EmbeddedPdfSignature, signer: str | None, fp: str | None) -> None:
    br = embedded.byte_range
    values = [int(x) for x in br if isinstance(x, int) and not isinstance(x, bool)] if isinstance(br, list) else []
    if len(values) != 4 or len(br) != 4 or values[0] != 0 or any(v < 0 for v in values):
        raise _Reject("byte_range", "签名范围（/ByteRange）格式异常", "the signature's /ByteRange is malformed", signer, fp)
    _, len1, start2, len2 = values
    if start2 + len2 > len(pdf):
        raise _Reject(
            "truncated",
            "文件不完整（比签名时短，可能被截断）",
            f"the file is incomplete: the signature covers {start2 + len2} bytes but the file has {len(pdf)}",
            signer,
            fp,
        )
    if start2 + len2 < len(pdf):
        raise _Reject(
            "coverage",
            "签名没有覆盖整个文件（签名范围之后还有内容）",
            f"the signature does not cover the entire file ({len(pdf) - start2 - len2} bytes after the signed range)",
            signer,
            fp,
        )
    gap = pdf[len1:start2]
    contents = embedded.pkcs7_content
    good_gap = (
        len1 < start2
        and len(gap) == 2 * len(contents) + 2
        and gap[:1] == b"<"
        and gap[-1:] == b">"
        and re.fullmatch(rb"[0-9A-F]*", gap[1:-1]) is not None  # pyHanko writes uppercase hex
        and bytes.fromhex(gap[1:-1].decode("ascii")) == contents
    )
    if not good_gap:
        raise _Reject(
            "byte_range",
            "签名范围（/ByteRange）留有未签名的空隙",
            f"the signature's /ByteRange leaves an unsigned gap (bytes {len1}..{start2} are not exactly its /Contents)",
            signer,
            fp,
        )
    # the CMS blob is followed by zero padding only: with the checks above, no byte of the file can change
    end = _der_end(contents)
    if end is None or contents[end:].strip(b"\0"):
        raise _Reject(
            "bad_signature_data",
            "签名数据已损坏（签名值之后有多余内容）",
            "the signature data is damaged (stray bytes after the signature value)",
            signer,
            fp,
        )


def _check_cms_shape(embedded: EmbeddedPdfSignature, signer: str | None, fp: str | None) -> None:
    from asn1crypto import cms

    def bad(what: str) -> _Reject:
        return _Reject(
            "bad_signature_data",
            "签名数据的结构不符合本系统的签名格式",
            f"the signature data is not in the form selfcheck writes ({what})",
            signer,
            fp,
        )

    contents = bytes(embedded.pkcs7_content)
    if len(contents) > MAX_CMS:
        raise bad(f"{len(contents)} bytes, over {MAX_CMS}")
    end = _der_end(contents)
    if end is None:
        raise bad("no DER header")
    try:
        info = cms.ContentInfo.load(contents[:end])
        canonical = _minimal_der(contents[:end])  # re-encoding the whole CMS (asn1crypto) took 100 ms a file
        sd = info["content"]
        si = sd["signer_infos"][0] if len(sd["signer_infos"]) == 1 else None
        checks = {
            "canonical DER": canonical,
            "signed-data": info["content_type"].native == "signed_data",
            "version": sd["version"].native == "v1",
            "one signer": si is not None,
            "digest algorithms": si is not None
            and [d.dump() for d in sd["digest_algorithms"]] == [si["digest_algorithm"].dump()],
            "detached data": sd["encap_content_info"]["content_type"].native == "data"
            and sd["encap_content_info"]["content"].native is None,
            "one certificate, the signer's": len(sd["certificates"]) == 1
            and sd["certificates"][0].chosen.dump() == embedded.signer_cert.dump(),
            "no CRLs": not sd["crls"].native,
            "no unsigned attributes": si is not None and si["unsigned_attrs"].native is None and si["version"].native == "v1",
        }
    except Exception as e:
        raise bad(type(e).__name__) from e
    failed = [name for name, ok in checks.items() if not ok]
    if failed:
        raise bad(", ".join(failed))
    try:
        hash_algo = si["signature_algorithm"].hash_algo if si is not None else None
    except Exception:  # a signature algorithm that names no hash of its own (plain "ecdsa", Ed25519)
        hash_algo = None
    if hash_algo is not None:
        try:
            policy.check_digest(hash_algo)
        except policy.PolicyError as e:
            raise _Reject(e.code, e.zh, e.en, signer, fp) from None


def _minimal_der(blob: bytes) -> bool:
    """Every length in `blob` (a DER structure) is in its shortest form and definite, and the constructed parts
    nest exactly: the same bytes could not be written another way with longer lengths."""
    stack = [(0, len(blob))]
    count = 0
    while stack:
        at, end = stack.pop()
        while at < end:
            count += 1
            if count > 20_000 or at + 2 > end:
                return False
            tag = blob[at]
            if tag == 0 or tag & 0x1F == 0x1F:  # end-of-contents (BER only), high tag numbers: not what we write
                return False
            first = blob[at + 1]
            if first < 0x80:
                length, body = first, at + 2
            elif first == 0x80 or first > 0x84:
                return False  # indefinite (BER), or absurd
            else:
                n = first & 0x7F
                if at + 2 + n > end or blob[at + 2] == 0:
                    return False
                length, body = int.from_bytes(blob[at + 2 : at + 2 + n], "big"), at + 2 + n
                if length < 0x80 or length < 1 << (8 * (n - 1)):
                    return False  # a long form where a shorter one would do
            if body + length > end:
                return False
            if tag & 0x20:  # constructed: its content is a run of TLVs too
                stack.append((body, body + length))
            at = body + length
    return True


def _der_end(blob: bytes) -> int | None:
    """Where the outer DER SEQUENCE of `blob` ends, or None when it has no sane header."""
    if len(blob) < 2 or blob[0] != 0x30:
        return None
    first = blob[1]
    if first < 0x80:
        end = 2 + first
    elif 0x81 <= first <= 0x84 and len(blob) >= 2 + (first & 0x7F):
        n = first & 0x7F
        end = 2 + n + int.from_bytes(blob[2 : 2 + n], "big")
    else:
        return None
    return end if end <= len(blob) else None


def _data(reader: PdfFileReader) -> dict[str, Any]:
    from pyhanko.pdf_utils import generic

    files = embedded_files(reader)
    specs = [spec for name, spec in files if name == DATA_NAME]
    if not specs:
        raise _Reject("no_data", f"文件中没有报告数据（{DATA_NAME}）", f"the file carries no report data ({DATA_NAME})")
    if len(specs) > 1:
        raise _Reject("bad_data", f"文件中有多个 {DATA_NAME}", f"the file carries more than one {DATA_NAME}")
    others = [printable(name, 60) for name, _ in files if name != DATA_NAME]
    if others:  # a viewer lists every attachment: a clerk could open "selfcheck-report.json " instead of ours
        raise _Reject(
            "extra_attachment",
            f"文件中除报告数据外还有其他附件（{'、'.join(others[:3])}），不是本系统导出的报告",
            f"the file carries attachments besides the report data ({', '.join(others[:3])}); not a report selfcheck wrote",
        )
    spec = specs[0].spec.get_object()
    _check_no_other_attachments(reader, spec, _raw_of(reader))
    try:
        ef = spec["/EF"]
        streams = [ef.raw_get(k) for k in ("/F", "/UF") if k in ef]
        objs = [s.get_object() for s in streams]
    except Exception as e:
        raise _Reject("bad_data", "报告数据附件结构异常", "the report data attachment is malformed") from e
    if not objs or not all(isinstance(o, generic.StreamObject) for o in objs) or any(o is not objs[0] for o in objs):
        raise _Reject(
            "bad_data", "报告数据附件结构异常", "the report data attachment is malformed (/EF /F and /UF must be one stream)"
        )
    stream = objs[0]
    if len(stream.encoded_data) > MAX_DATA:
        raise _Reject("bad_data", "报告数据过大", "the report data is too large")
    raw = _bounded_data(stream)
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise _Reject("bad_data", "报告数据不是有效的 JSON", "the report data is not valid JSON") from e
    if not isinstance(value, dict):
        raise _Reject("bad_data", "报告数据不是 JSON 对象", "the report data is not a JSON object")
    return value


def _check_no_other_attachments(reader: PdfFileReader, spec: Any, pdf: bytes | None) -> None:
    """The catalog's /AF lists our data file alone, and no page carries a file-attachment annotation."""
    from pyhanko.pdf_utils import generic

    def refuse(where: str) -> _Reject:
        return _Reject(
            "extra_attachment",
            f"文件中除报告数据外还有其他附件（{where}），不是本系统导出的报告",
            f"the file carries attachments besides the report data ({where}); not a report selfcheck wrote",
        )

    root = reader.root
    if "/AF" in root:
        af = root["/AF"]
        af = af.get_object() if hasattr(af, "get_object") else af
        if not isinstance(af, generic.ArrayObject) or len(af) != 1 or af[0].get_object() is not spec:
            raise refuse("/AF")
    try:
        holders = _annots_holders(reader, pdf) if pdf is not None else None
    except Exception:  # the xref data is pyHanko's internal API: when it reads otherwise, walk the pages
        holders = None
    if holders is not None:  # the fast path: only the objects whose bytes say /Annots (see _annots_holders)
        for number, generation in sorted(holders):
            try:
                node = reader.get_object(generic.Reference(number, generation, reader))  # type: ignore[no-untyped-call]
            except Exception:
                continue  # not an object the document uses: nothing of it can be shown
            annots_of = node["/Annots"] if isinstance(node, generic.DictionaryObject) and "/Annots" in node else None
            _refuse_file_attachments(annots_of, refuse)
        return
    pages = root["/Pages"] if "/Pages" in root else None  # noqa: SIM401
    todo: list[tuple[Any, int]] = [(pages, 0)] if pages is not None else []
    seen = 0
    while todo:
        node, depth = todo.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        seen += 1
        if not isinstance(node, generic.DictionaryObject) or seen > _MAX_TREE_NODES * 4 or depth > _MAX_TREE_DEPTH:
            continue
        kids = node["/Kids"] if "/Kids" in node else None  # noqa: SIM401
        if isinstance(kids, generic.ArrayObject):
            todo.extend((kid, depth + 1) for kid in kids)
        _refuse_file_attachments(node["/Annots"] if "/Annots" in node else None, refuse)  # noqa: SIM401


def _refuse_file_attachments(annots: Any, refuse: Callable[[str], _Reject]) -> None:
    from pyhanko.pdf_utils import generic

    annots = annots.get_object() if hasattr(annots, "get_object") else annots
    if isinstance(annots, generic.ArrayObject):
        for annot in annots:
            annot = annot.get_object() if hasattr(annot, "get_object") else annot
            if isinstance(annot, generic.DictionaryObject) and annot.get("/Subtype") == "/FileAttachment":
                raise refuse("页面上的附件注释 / a file-attachment annotation on a page")


_ESCAPED_NAME = re.compile(rb"/[^\s/\[\]<>(){}%#]*#[0-9A-Fa-f]{2}")


def _annots_holders(reader: PdfFileReader, pdf: bytes) -> set[tuple[int, int]] | None:
    """(number, generation) of every object whose bytes could hold an /Annots key: the object's span (from its
    offset in the xref tables to the next object's) holds "/Annots" or a #-escaped name. None when the file uses
    object streams (compressed objects cannot be told from their bytes): then the page tree is walked instead.
    Walking it parses every page (15 ms for a 500-item report); a report has one object with /Annots."""
    xrefs = reader.xrefs
    offsets: dict[int, tuple[int, int]] = {}
    for revision in range(xrefs.total_revisions):
        data = xrefs.get_xref_data(revision)
        if data.xrefs_in_objstm or data.obj_streams_used:
            return None
        for number, (generation, offset) in data.standard_xrefs.items():
            offsets[int(offset)] = (int(number), int(generation))
    starts = sorted(offsets)
    holders = set()
    for start, end in zip(starts, [*starts[1:], len(pdf)], strict=True):
        chunk = pdf[start:end]
        if b"/Annots" in chunk or (b"#" in chunk and _ESCAPED_NAME.search(chunk)):
            holders.add(offsets[start])
    return holders


def _raw_of(reader: PdfFileReader) -> bytes | None:
    """The file's bytes, as verify() handed them to the reader (None if the reader was given something else)."""
    stream = reader.stream
    return stream.getvalue() if isinstance(stream, io.BytesIO) else None


def _check_schema(data: dict[str, Any]) -> None:
    """The embedded data is a report as `reports/schema.py` defines it: every field, strict types (a code that is
    a JSON number or null, a score given as text, an unknown field: all refused)."""
    from pydantic import ValidationError

    from selfcheck.reports.schema import ReportData

    try:
        ReportData.model_validate(data, strict=True)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(root)"
        raise _Reject(
            "bad_data",
            f"报告数据不符合报告格式（{where}）",
            f"the report data does not fit the report format ({where}: {first['msg']})",
        ) from None


def _bounded_data(stream: Any) -> bytes:
    """The stream's decoded bytes, never more than MAX_DATA: a few KB of deflate can expand to gigabytes, so the
    decoding stops at the limit instead of trusting the declared sizes. Only what we write is accepted: no
    filter, or one /FlateDecode without parameters."""
    import zlib

    filters = stream.get("/Filter")
    names = [] if filters is None else [str(f) for f in (filters if isinstance(filters, list) else [filters])]
    if not names:
        raw = bytes(stream.encoded_data)
    elif names == ["/FlateDecode"] and stream.get("/DecodeParms") is None:
        inflater = zlib.decompressobj()
        try:
            raw = inflater.decompress(bytes(stream.encoded_data), MAX_DATA + 1)
        except zlib.error as e:
            raise _Reject("bad_data", "报告数据无法解压", "the report data cannot be decompressed") from e
    else:
        raise _Reject("bad_data", "报告数据的编码方式不受支持", f"the report data uses an unsupported encoding ({names})")
    if len(raw) > MAX_DATA:
        raise _Reject("bad_data", "报告数据过大", "the report data is too large")
    return raw


def data_bytes(pdf: bytes) -> bytes:
    """The embedded "selfcheck-report.json" exactly as stored (decoded from its stream filters)."""
    try:
        reader = _read(pdf)
        specs = find_data_specs(reader)
        if len(specs) != 1:
            raise _Reject("no_data", f"文件中没有唯一的 {DATA_NAME}", f"the file does not carry exactly one {DATA_NAME}")
        raw: bytes = specs[0].spec.get_object()["/EF"]["/F"].get_object().data
        return raw
    except _Reject as r:
        raise SelfcheckError(r.result.reason_zh, r.result.reason_en) from None
    except Exception as e:
        raise SelfcheckError("报告数据无法读取", f"the report data cannot be read ({type(e).__name__})") from e


# -- helpers ----------------------------------------------------------------------------------------------------


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


def _issuing_ca(cert: asn1_x509.Certificate, cas: list[Any], signed_at: Any) -> str | None:
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


def _text(value: Any) -> str:
    from pyhanko.pdf_utils import generic

    if isinstance(value, generic.TextStringObject):
        return str(value)
    try:
        return bytes(value).decode("latin-1")
    except Exception:
        return ""


def _short(e: BaseException) -> str:
    text = str(e).replace("\n", " ")
    return text if len(text) <= 200 else text[:197] + "..."

"""Putting the inspection's data into the report PDF, and signing it.

The data travels inside the PDF as an embedded file ("selfcheck-report.json", MIME application/json,
/AFRelationship /Data, listed in the document catalog's /AF array and in the /EmbeddedFiles name tree). Adding
/AF makes the file declare PDF 2.0 (pyHanko's `embed_file` sets /Version in the catalog).

`sign()` writes the data and the signature in ONE incremental update on top of the renderer's PDF, so the signed
file has two revisions (the renderer's, then ours) and the signature's /ByteRange covers every byte of the file:
PAdES baseline B-B (/SubFilter /ETSI.CAdES.detached, SHA-256, ECDSA P-256, no timestamp), a CERTIFICATION
signature with DocMDP P=1 (no change of any kind permitted), in an invisible field "SelfcheckSignature". Any
byte appended or changed afterwards is caught by `selfcheck.reports.verify.verify`.

pyHanko runs its signing on `asyncio.run()`: call `sign()` from a plain thread, never from inside a running
event loop.
"""

from __future__ import annotations

import datetime as dt
import json
from io import BytesIO
from typing import TYPE_CHECKING, Any

from selfcheck.core import clock
from selfcheck.errors import RuleError, SelfcheckError
from selfcheck.reports.identity import Identity, cert_subject, load_cert, unlock

if TYPE_CHECKING:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader

    from selfcheck.reports.signed_kind import SignedKind

DATA_NAME = "selfcheck-report.json"
DATA_MIME = "application/json"
SIGNATURE_FIELD = "SelfcheckSignature"
MAX_DATA = 16 * 1024 * 1024  # the embedded JSON; a real report's is some tens of kB


def attach_data(pdf: bytes, data_json: bytes) -> bytes:
    """The PDF with `data_json` embedded (one incremental update), for an unsigned export.

    If the PDF already carries "selfcheck-report.json" with the same bytes it is returned unchanged; with other
    bytes the entry is replaced. A signed PDF is refused: any change would break its signature.
    """
    _check_json(data_json)
    writer = _open(pdf)
    if _has_signature(writer.prev):
        raise RuleError("报告已签名，不能再改动", "the report is already signed and can no longer be changed")
    if not _put_data(writer, data_json):
        return bytes(pdf)
    out = BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def sign(
    pdf: bytes,
    data_json: bytes,
    identity: Identity,
    passphrase: str,
    *,
    reason: str = "学校自查报告",
    location: str | None = None,
    kind: SignedKind | None = None,
) -> bytes:
    """Embed `data_json` and certify the PDF with the school's key, in one incremental update.

    Wrong passphrase → SelfcheckError("口令不正确", "wrong passphrase"). A PDF that already holds a signature is
    refused. The result is checked with `verify()` against the identity's own certificate before it is
    returned, so a file that would not verify never leaves this function. `kind`: what is signed (a report by
    default; `signed_kind.REVIEW` for a 督查意见): the embedded file's name and the self-check follow it.
    """
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from selfcheck.reports.verify import verify

    _check_json(data_json)
    key = unlock(identity, passphrase)
    writer = _open(pdf)
    if _has_signature(writer.prev):
        raise RuleError("报告已签名，不能再次签名", "the report is already signed; it cannot be signed again")
    _put_data(writer, data_json, kind)

    key_info = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert = asn1_x509.Certificate.load(load_cert(identity.cert_pem).public_bytes(serialization.Encoding.DER))
    registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]
    signer = signers.SimpleSigner(signing_cert=cert, signing_key=key_info, cert_registry=registry)
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        certify=True,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
        reason=reason or None,
        location=location or None,
        name=cert_subject(identity.cert_pem).get("name"),
    )
    try:
        out = _clocked_signer(signers.PdfSigner)(meta, signer=signer).sign_pdf(writer, existing_fields_only=False)
    except SigningError as e:
        raise SelfcheckError(f"签名失败：{e}", f"signing failed: {e}") from e
    signed: bytes = out.getvalue()

    check = verify(signed, [identity.cert_pem], kind=kind) if kind is not None else verify(signed, [identity.cert_pem])
    if not check.ok:  # a bug, not a user error; refuse to hand out a file that would not verify
        raise SelfcheckError(
            f"签名后的文件未通过自检：{check.reason_zh}", f"the signed file failed its self-check: {check.reason_en}"
        )
    return signed


# -- internals ------------------------------------------------------------------------------------------------


def _clocked_signer(base: type[Any]) -> type[Any]:
    """pyHanko's PdfSigner with the signing time (/M) taken from selfcheck's clock, not the system's: pyHanko
    reads the system clock itself and offers no argument for it on this path."""

    class ClockedSigner(base):  # type: ignore[misc]
        def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
            session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
            session.system_time = clock.now()
            return session

    return ClockedSigner


def _check_json(data_json: bytes) -> None:
    if not isinstance(data_json, bytes | bytearray):
        raise RuleError("报告数据必须是 JSON 字节串", "the report data must be JSON bytes")
    if len(data_json) > MAX_DATA:
        raise RuleError("报告数据过大", f"the report data is too large (more than {MAX_DATA} bytes)")
    try:
        value = json.loads(data_json.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise RuleError("报告数据不是有效的 UTF-8 JSON", "the report data is not valid UTF-8 JSON") from e
    if not isinstance(value, dict):
        raise RuleError("报告数据必须是 JSON 对象", "the report data must be a JSON object")


def _open(pdf: bytes) -> IncrementalPdfFileWriter:
    if not isinstance(pdf, bytes | bytearray) or bytes(pdf[:5]) != b"%PDF-":  # as verify() demands
        raise RuleError("不是 PDF 文件", "not a PDF file")
    try:
        writer = _archive_writer()(BytesIO(bytes(pdf)), strict=True)
    except Exception as e:
        raise RuleError(f"PDF 文件无法读取：{e}", f"the PDF file cannot be read: {e}") from e
    if writer.prev.encrypted:
        raise RuleError("不支持加密的 PDF 文件", "encrypted PDF files are not supported")
    return writer


def _archive_writer() -> type[IncrementalPdfFileWriter]:
    """pyHanko's incremental writer with the update's metadata written by selfcheck (`reports/xmp.py`): the
    document info keeps what the renderer wrote, gets the update's /ModDate from selfcheck's clock (pyHanko reads
    the system clock) and pyHanko's name as /Producer; the XMP packet is made afresh from that info, whatever an
    earlier revision held, so the two say the same. pyHanko's own XMP writer needs lxml, which the frozen app does
    not ship (without it pyHanko writes no XMP at all), and spells the keywords `pdf:keywords`."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.metadata.info import view_from_info_dict
    from pyhanko.pdf_utils.metadata.model import VENDOR

    from selfcheck.reports import xmp

    class ArchiveWriter(IncrementalPdfFileWriter):
        _metadata_done = False

        def _update_meta(self) -> None:  # pyHanko calls it before every write of the update (a signer writes twice)
            if self._metadata_done:
                return
            self._metadata_done = True
            if self._info is None:
                self._info = self.add_object(generic.DictionaryObject())  # type: ignore[no-untyped-call]
            info = self._info.get_object()  # type: ignore[no-untyped-call]
            now = clock.now().replace(microsecond=0)
            info["/ModDate"] = generic.pdf_date(now)
            info["/Producer"] = generic.TextStringObject(VENDOR)
            self.mark_update(self._info)
            view = view_from_info_dict(info, strict=False)
            trapped = str(info.get("/Trapped", "")).lstrip("/")
            packet = xmp.packet(
                xmp.Info(
                    title=_text(view.title),
                    author=_text(view.author),
                    subject=_text(view.subject),
                    keywords=str(info["/Keywords"]) if "/Keywords" in info else None,
                    creator=_text(view.creator),
                    producer=VENDOR,
                    created=view.created if isinstance(view.created, dt.datetime) else None,
                    modified=now,
                    trapped={"True": True, "False": False}.get(trapped),
                    language=str(self.root["/Lang"]) if "/Lang" in self.root else None,
                )
            )
            stream = generic.StreamObject(
                {"/Type": generic.pdf_name("/Metadata"), "/Subtype": generic.pdf_name("/XML")}, stream_data=packet
            )
            self.root["/Metadata"] = self.add_object(stream)
            self.update_root()  # type: ignore[no-untyped-call]

    return ArchiveWriter


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _has_signature(reader: PdfFileReader) -> bool:
    from pyhanko.sign.fields import enumerate_sig_fields

    return any(True for _ in enumerate_sig_fields(reader, filled_status=True))


def _put_data(writer: IncrementalPdfFileWriter, data_json: bytes, kind: SignedKind | None = None) -> bool:
    """Embed (or replace) the data file in the writer's pending update. False when it is already there as is."""
    from pyhanko.pdf_utils import embed, generic

    from selfcheck.reports.verify import find_data_specs

    name = kind.data_name if kind is not None else DATA_NAME
    existing = find_data_specs(writer.prev, name)
    if len(existing) > 1:
        raise RuleError(f"PDF 中有多个 {name}", f"the PDF holds more than one {name}")
    if existing:
        try:
            if existing[0].spec["/EF"]["/F"].get_object().data == bytes(data_json):
                return False
        except Exception:  # unreadable: replace it
            pass

    now = clock.utcnow().replace(microsecond=0)
    stream = embed.EmbeddedFileObject.from_file_data(
        writer,
        data=bytes(data_json),
        compress=True,
        params=embed.EmbeddedFileParams(embed_size=True, embed_checksum=True, creation_date=now, modification_date=now),
        mime_type=DATA_MIME,
    )
    spec = embed.FileSpec(
        file_spec_string=name,
        file_name=name,
        embedded_data=stream,
        description=kind.description if kind is not None else "自查报告数据 / self-inspection report data",
        af_relationship=generic.pdf_name("/Data"),
    )
    if not existing:
        embed.embed_file(writer, spec)  # name tree entry + catalog /AF + /Version 2.0
        return True

    # replace: point the name-tree entry at a new file spec, and swap it into the catalog's /AF array
    old = existing[0]
    new_ref = writer.add_object(spec.as_pdf_object())
    old.names[old.index] = new_ref
    writer.update_container(old.names)
    root = writer.root
    af = root["/AF"] if "/AF" in root else None  # noqa: SIM401 — .get() would not resolve a reference
    kept = generic.ArrayObject()
    if isinstance(af, generic.ArrayObject):
        kept.extend(x for x in af if not _is(x, old.spec))
    kept.append(new_ref)
    root["/AF"] = writer.add_object(kept)
    writer.update_root()  # type: ignore[no-untyped-call]
    writer.ensure_output_version(version=(2, 0))  # type: ignore[no-untyped-call]
    return True


def _is(entry: Any, spec: Any) -> bool:
    try:
        return entry.get_object() is spec
    except Exception:
        return False

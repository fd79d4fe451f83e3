"""The tamper suite: every way of changing a signed report, or faking one, is rejected by verify() with a
specific reason, and verify() never raises, whatever bytes it is given."""

from __future__ import annotations

import io
import os
import random
import re
from typing import Any

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name

from selfcheck.reports.identity import fingerprint
from selfcheck.reports.signing import sign
from selfcheck.reports.verify import VerifyResult, verify
from tests.reports.test_signing import (
    CODE,
    PASSPHRASE,
    SCORE_TEXT,
    impostor_identity,
    incremental,
    make_pdf,
    report_json,
    school_identity,
    signed_report,
)


def rejected(pdf: bytes, code: str, *words: str, trusted: tuple[bytes, ...] | None = None) -> VerifyResult:
    """verify() with and without the school's certificate: both reject, with `code` and the `words` in the
    English reason; a Chinese reason is there too."""
    for trust in ([school_identity().cert_pem],) if trusted is None else (list(trusted),):
        result = verify(pdf, trust)
        assert isinstance(result, VerifyResult)
        assert result.ok is False, f"accepted: {result}"
        assert result.code == code, result.reason
        assert result.data is None
        assert result.reason_zh and result.reason_en
        for word in words:
            assert word in result.reason_en, result.reason_en
    if trusted is None:
        untrusted = verify(pdf)
        assert untrusted.ok is False and untrusted.code == code
    return result


def page_of(writer: Any) -> Any:
    return writer.root["/Pages"]["/Kids"][0].get_object()


# -- changes inside the signed bytes --------------------------------------------------------------------------


def test_a_byte_flipped_inside_the_signed_range() -> None:
    signed = signed_report()
    at = signed.index(SCORE_TEXT.encode()) + len("Total score: ")
    assert signed[at : at + 2] == b"85"
    forged = signed[:at] + b"95" + signed[at + 2 :]
    assert len(forged) == len(signed)
    rejected(forged, "digest_mismatch", "changed after signing", "digest")


def test_a_byte_flipped_in_the_embedded_data_stream_in_place() -> None:
    signed = signed_report()
    start = signed.index(b"/Type /EmbeddedFile")
    at = signed.index(b"stream\n", start) + len(b"stream\n") + 5
    forged = signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1 :]
    rejected(forged, "digest_mismatch")


@pytest.mark.parametrize("seed", range(3))
def test_random_single_byte_changes_anywhere_are_all_rejected(seed: int) -> None:
    """No byte of a signed file can change, not even in the unsigned /Contents gap or its zero padding."""
    signed = signed_report()
    rng = random.Random(seed)
    gap = re.search(rb"/Contents <([0-9A-F]+)>", signed)
    assert gap
    positions = [rng.randrange(len(signed)) for _ in range(40)]
    positions += [gap.start(1), gap.start(1) + 1, gap.end(1) - 1, gap.end(1) - 50, gap.end(1)]  # the gap, its padding
    for at in positions:
        forged = signed[:at] + bytes([signed[at] ^ (1 << rng.randrange(8))]) + signed[at + 1 :]
        result = verify(forged, [school_identity().cert_pem])
        assert result.ok is False, f"byte {at} changed and still accepted"
        assert result.reason_en


# -- incremental updates after signing ------------------------------------------------------------------------


def test_an_incremental_update_that_changes_the_page_text() -> None:
    def change(w: Any) -> None:
        page = page_of(w)
        old = page["/Contents"]
        old = old.get_object() if not isinstance(old, generic.ArrayObject) else old[0].get_object()
        text = old.data.replace(b"Total score: 85", b"Total score: 99")
        assert text != old.data
        page["/Contents"] = w.add_object(generic.StreamObject(stream_data=text))
        w.update_container(page)

    forged = incremental(signed_report(), change)
    rejected(forged, "modified_after_signing", "changed after signing", "1 incremental update")


def test_an_incremental_update_that_overwrites_the_content_stream_object() -> None:
    """Same object number, new content: the reader sees only the new version."""

    def change(w: Any) -> None:
        ref = page_of(w).raw_get("/Contents")
        old = ref.get_object()
        new = generic.StreamObject(stream_data=old.data.replace(b"85", b"99"))
        w.objects[(ref.generation, ref.idnum)] = new

    forged = incremental(signed_report(), change)
    rejected(forged, "modified_after_signing")


def test_an_incremental_update_that_adds_a_freetext_annotation_over_a_value() -> None:
    def change(w: Any) -> None:
        page = page_of(w)
        annot = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/FreeText"),
                pdf_name("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in (140, 695, 200, 715)]),
                pdf_name("/Contents"): generic.TextStringObject("99"),
                pdf_name("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
                pdf_name("/F"): generic.NumberObject(4),
            }
        )
        annots = page["/Annots"] if "/Annots" in page else generic.ArrayObject()
        annots.append(w.add_object(annot))
        page["/Annots"] = annots
        w.update_container(page)

    forged = incremental(signed_report(), change)
    rejected(forged, "modified_after_signing")


def test_an_incremental_update_that_adds_a_page() -> None:
    def change(w: Any) -> None:
        contents = w.add_object(generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 700 Td (Appendix: all fine) Tj ET"))
        page = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Page"),
                pdf_name("/MediaBox"): generic.ArrayObject([generic.NumberObject(v) for v in (0, 0, 595, 842)]),
                pdf_name("/Contents"): contents,
                pdf_name("/Resources"): page_of(w)["/Resources"],
            }
        )
        w.insert_page(page)

    forged = incremental(signed_report(), change)
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(forged)).pages) == 2
    rejected(forged, "modified_after_signing")


def test_an_incremental_update_that_replaces_the_embedded_json() -> None:
    from pyhanko.pdf_utils import embed

    def change(w: Any) -> None:
        spec = w.root["/Names"]["/EmbeddedFiles"]["/Names"][1]
        new = embed.EmbeddedFileObject.from_file_data(w, report_json(score=100), mime_type="application/json")
        spec["/EF"]["/F"] = new.ef_stream_ref
        spec["/EF"]["/UF"] = new.ef_stream_ref
        w.update_container(spec["/EF"])

    forged = incremental(signed_report(), change)
    from pypdf import PdfReader

    assert b'"points": 100.0' in PdfReader(io.BytesIO(forged)).attachments["selfcheck-report.json"][0]
    rejected(forged, "modified_after_signing")


def test_a_second_signature_by_another_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyHanko refuses to sign a document certified with NO_CHANGES ("Author signature forbids all changes");
    the forger's tool would not, so the check is switched off for this one signing."""
    from pyhanko.sign.general import SigningError
    from pyhanko.sign.signers.pdf_signer import PdfSigner

    from selfcheck.errors import RuleError

    with pytest.raises(RuleError):  # our own sign() refuses too
        sign(signed_report(), report_json(), impostor_identity(), PASSPHRASE)

    from asn1crypto import keys, x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from selfcheck.reports.identity import unlock

    other = impostor_identity()
    key = unlock(other, PASSPHRASE).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    signer = signers.SimpleSigner(
        signing_cert=x509.Certificate.load(_der(other.cert_pem)),
        signing_key=keys.PrivateKeyInfo.load(key),
        cert_registry=SimpleCertificateStore(),
    )
    meta = signers.PdfSignatureMetadata(field_name="Second", subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256")
    with pytest.raises(SigningError, match="forbids all changes"):
        signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(signed_report())), meta, signer=signer)

    monkeypatch.setattr(PdfSigner, "_enforce_certification_constraints", lambda self, reader: None)
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(signed_report())), meta, signer=signer)
    monkeypatch.undo()
    forged = out.getvalue()
    assert forged.count(b"/ByteRange") == 2
    result = rejected(forged, "multiple_signatures", "2 signatures")
    assert result.fingerprint is None


def _der(cert_pem: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    return x509.load_pem_x509_certificate(cert_pem).public_bytes(serialization.Encoding.DER)


def test_garbage_appended_after_the_signed_file() -> None:
    forged = signed_report() + b"\n% a comment that changes nothing visible\n"
    rejected(forged, "coverage", "does not cover the entire file")


# -- damage to the signature itself ---------------------------------------------------------------------------


@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_a_truncated_file(keep: float) -> None:
    signed = signed_report()
    rejected(signed[: int(len(signed) * keep)], "truncated", "incomplete")


def test_a_truncated_file_that_lost_only_its_last_bytes() -> None:
    rejected(signed_report()[:-3], "truncated", "incomplete")


def test_a_byte_range_that_leaves_a_gap() -> None:
    signed = signed_report()
    m = re.search(rb"/ByteRange \[(0 (\d+) (\d+) (\d+))\s*\]", signed)
    assert m
    len1, start2, len2 = int(m.group(2)), int(m.group(3)), int(m.group(4))
    # sign less: the first range stops 200 bytes early, so those bytes would be free to change
    new = f"0 {len1 - 200} {start2} {len2}".encode()
    new = new.ljust(len(m.group(1)))
    forged = signed[: m.start(1)] + new + signed[m.end(1) :]
    assert len(forged) == len(signed)
    rejected(forged, "byte_range", "gap")


def test_a_byte_range_that_skips_the_end_of_the_file() -> None:
    signed = signed_report()
    m = re.search(rb"/ByteRange \[(0 (\d+) (\d+) (\d+))\s*\]", signed)
    assert m
    new = f"0 {m.group(2).decode()} {m.group(3).decode()} {int(m.group(4)) - 100}".encode().ljust(len(m.group(1)))
    forged = signed[: m.start(1)] + new + signed[m.end(1) :]
    rejected(forged, "coverage", "does not cover the entire file")


def test_contents_emptied_to_zeros() -> None:
    signed = signed_report()
    m = re.search(rb"/Contents <([0-9A-F]+)>", signed)
    assert m
    forged = signed[: m.start(1)] + b"0" * len(m.group(1)) + signed[m.end(1) :]
    assert len(forged) == len(signed)
    rejected(forged, "bad_signature_data", "damaged")


def test_contents_replaced_by_another_files_signature() -> None:
    """The CMS blob of another signed report (same size) pasted in: the digest does not match."""
    other = sign(make_pdf(pages=2), report_json(), school_identity(), PASSPHRASE)
    ours = re.search(rb"/Contents <([0-9A-F]+)>", signed_report())
    theirs = re.search(rb"/Contents <([0-9A-F]+)>", other)
    assert ours and theirs
    blob = theirs.group(1).rstrip(b"0")
    blob += b"0" * (len(blob) % 2)  # whole bytes
    assert len(blob) < len(ours.group(1))
    signed = signed_report()
    forged = signed[: ours.start(1)] + blob.ljust(len(ours.group(1)), b"0") + signed[ours.end(1) :]
    assert len(forged) == len(signed)
    rejected(forged, "digest_mismatch")


# -- not our signature ----------------------------------------------------------------------------------------


def test_an_unsigned_pdf_that_only_carries_a_seal_image() -> None:
    from selfcheck.reports.signing import attach_data

    sealed = attach_data(make_pdf(seal=True), report_json())
    result = rejected(sealed, "not_signed", "no digital signature")
    assert "印章" in result.reason_zh


def test_the_same_school_signed_by_another_key_is_named_by_fingerprint() -> None:
    forged = sign(make_pdf(), report_json(), impostor_identity(), PASSPHRASE)
    real_fp = fingerprint(school_identity().cert_pem)
    forged_fp = fingerprint(impostor_identity().cert_pem)
    result = rejected(forged, "untrusted_signer", "fingerprint", trusted=(school_identity().cert_pem,))
    assert forged_fp in result.reason_en and real_fp in result.reason_en
    assert forged_fp in result.reason_zh
    assert result.fingerprint == forged_fp and result.signer == "北京市第一中学"
    # on its own (no --trust) the forgery is an intact signature: only the fingerprint tells them apart
    alone = verify(forged)
    assert alone.ok and alone.trusted is None and alone.fingerprint == forged_fp != real_fp


def test_a_report_whose_data_names_another_school() -> None:
    """A school's genuine key over data that claims another school's code."""
    from pyhanko.sign.fields import MDPPerm

    from selfcheck.errors import SelfcheckError

    with pytest.raises(SelfcheckError, match="self-check"):  # our sign() checks its output and refuses
        sign(make_pdf(), report_json(code="9999999999"), school_identity(), PASSPHRASE)
    forged = _sign_plain(certify=True, docmdp=MDPPerm.NO_CHANGES, data_json=report_json(code="9999999999"))
    rejected(forged, "school_mismatch", "9999999999", CODE)


def test_an_approval_signature_instead_of_a_certification() -> None:
    forged = _sign_plain(certify=False)
    rejected(forged, "not_certified", "certification")


def test_a_certification_that_permits_form_filling() -> None:
    from pyhanko.sign.fields import MDPPerm

    forged = _sign_plain(certify=True, docmdp=MDPPerm.FILL_FORMS)
    rejected(forged, "docmdp", "NO_CHANGES")


def test_a_signed_file_without_embedded_data() -> None:
    from pyhanko.sign.fields import MDPPerm

    forged = _sign_plain(certify=True, docmdp=MDPPerm.NO_CHANGES, data=False)
    rejected(forged, "no_data", "no report data")


def _sign_plain(*, certify: bool, docmdp: Any = None, data: bool = True, data_json: bytes | None = None) -> bytes:
    """Sign with pyHanko directly (not our sign()), to make signatures that break one rule each."""
    from asn1crypto import keys, x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from selfcheck.reports.identity import unlock
    from selfcheck.reports.signing import attach_data

    ident = school_identity()
    key = unlock(ident, PASSPHRASE).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    signer = signers.SimpleSigner(
        signing_cert=x509.Certificate.load(_der(ident.cert_pem)),
        signing_key=keys.PrivateKeyInfo.load(key),
        cert_registry=SimpleCertificateStore(),
    )
    kwargs: dict[str, Any] = {"certify": certify}
    if docmdp is not None:
        kwargs["docmdp_permissions"] = docmdp
    meta = signers.PdfSignatureMetadata(
        field_name="Sig", subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256", **kwargs
    )
    pdf = attach_data(make_pdf(), data_json or report_json()) if data else make_pdf()
    return signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer).getvalue()


# -- not a report at all --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", "empty"),
        (os.urandom(4096), "not_pdf"),
        (b"PK\x03\x04 this is a zip, not a PDF", "not_pdf"),
        ("学校自查报告".encode(), "not_pdf"),
        (b"%PDF-1.7\n" + os.urandom(10_000), "truncated"),  # no %%EOF at the end: read as cut short
        (b"%PDF-1.7\n%%EOF\n", "unreadable"),
        (b"%PDF-1.7\n" + os.urandom(10_000) + b"\n%%EOF\n", "unreadable"),
        (b"%PDF-1.7\n1 0 obj\n<< /ByteRange [0 10 20 99999999] >>\nendobj\n%%EOF", "truncated"),
    ],
    ids=["empty", "random", "zip", "text", "header-garbage", "header-eof", "header-garbage-eof", "byterange-only"],
)
def test_garbage_and_non_pdfs(raw: bytes, code: str) -> None:
    rejected(raw, code)


def test_a_plain_pdf_without_anything() -> None:
    rejected(make_pdf(), "not_signed")


def test_huge_input_is_refused_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    from selfcheck.reports import pdf_read

    monkeypatch.setattr(pdf_read, "MAX_PDF", 1024 * 1024)  # the real cap is 16 MiB; same code path
    result = verify(b"%PDF-1.7\n" + b"\0" * (1024 * 1024))
    assert result.ok is False and result.code == "too_large"
    monkeypatch.undo()
    # below the cap, megabytes of junk after a header: the parser is stopped at its budget
    result = verify(b"%PDF-1.7\n" + b"0 0 obj " * 250_000 + b"\n%%EOF\n")
    assert result.ok is False and result.code == "too_complex"
    # a little junk is just unreadable
    result = verify(b"%PDF-1.7\n" + b"0 0 obj " * 25 + b"\n%%EOF\n")
    assert result.ok is False and result.code == "unreadable"


def test_nonsense_arguments_do_not_raise() -> None:
    assert verify(None).ok is False  # type: ignore[arg-type]
    assert verify("a string").ok is False  # type: ignore[arg-type]
    result = verify(signed_report(), [b"not a certificate"])
    assert result.ok is False and result.code == "bad_trusted_cert"


def test_a_flate_bomb_as_embedded_data() -> None:
    """An unsigned report whose JSON stream inflates 1000:1 to 32 MiB: refused, not parsed."""
    import zlib

    from pyhanko.pdf_utils import embed

    from selfcheck.errors import SelfcheckError
    from selfcheck.reports.verify import read_data

    bomb = zlib.compress(b" " * (32 * 1024 * 1024), 9)
    assert len(bomb) < 64 * 1024

    def change(w: Any) -> None:
        stream = embed.EmbeddedFileObject(w, encoded_data=bomb, mime_type="application/json")
        stream["/Filter"] = pdf_name("/FlateDecode")
        embed.embed_file(w, embed.FileSpec("selfcheck-report.json", embedded_data=stream))

    pdf = incremental(make_pdf(), change)
    result = verify(pdf)
    assert result.ok is False and result.code == "not_signed"
    with pytest.raises(SelfcheckError, match="too large"):
        read_data(pdf)


def test_codes_are_distinct_enough_to_act_on() -> None:
    """The reasons a person reads differ between the main failure kinds."""
    reasons = {
        verify(b"").reason_en,
        verify(b"junk").reason_en,
        verify(make_pdf()).reason_en,
        verify(signed_report() + b"x").reason_en,
        verify(signed_report()[:-3]).reason_en,
    }
    assert len(reasons) == 5


def test_embedded_data_is_decoded_within_the_limit_not_by_its_declared_size() -> None:
    """A deflate bomb in the data attachment stops at MAX_DATA instead of filling the memory."""
    import zlib

    from pyhanko.pdf_utils import generic

    from selfcheck.reports import attachments

    bomb = zlib.compress(b"{" + b" " * (attachments.MAX_DATA * 8) + b"}", 9)
    assert len(bomb) < attachments.MAX_DATA // 100
    stream = generic.StreamObject({generic.NameObject("/Filter"): generic.NameObject("/FlateDecode")}, encoded_data=bomb)
    with pytest.raises(attachments.Reject) as caught:
        attachments.bounded_data(stream)
    assert caught.value.result.reason_en == "the report data is too large"
    odd = generic.StreamObject({generic.NameObject("/Filter"): generic.NameObject("/LZWDecode")}, encoded_data=b"x")
    with pytest.raises(attachments.Reject):
        attachments.bounded_data(odd)
    fine = generic.StreamObject(
        {generic.NameObject("/Filter"): generic.NameObject("/FlateDecode")}, encoded_data=zlib.compress(b'{"a": 1}')
    )
    assert attachments.bounded_data(fine) == b'{"a": 1}'


def test_no_byte_of_the_signature_data_can_change() -> None:
    """The CMS in /Contents is outside the signed byte range, and parts of it are not covered by its own signature
    either (the digestAlgorithms set, the certificate list, the version, the lengths): each hex digit of its first
    400 and last 200 bytes changed to another digit (so the gap stays valid hex) is refused."""
    signed = signed_report()
    gap = re.search(rb"/Contents <([0-9A-F]+)>", signed)
    assert gap
    digits = b"0123456789ABCDEF"
    der_end = gap.start(1) + len(gap.group(1).rstrip(b"0")) + 8  # the CMS ends before the zero padding
    for at in [*range(gap.start(1), gap.start(1) + 800), *range(der_end - 400, der_end)]:
        other = digits[(digits.index(signed[at]) + 1) % 16]
        forged = signed[:at] + bytes([other]) + signed[at + 1 :]
        result = verify(forged, [school_identity().cert_pem])
        assert result.ok is False, f"hex digit {at - gap.start(1)} of /Contents changed and still accepted"

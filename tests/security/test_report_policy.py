"""The verification policy against a hostile school: identity binding, crypto policy, certificate validity.

Every file here is a real PDF signed the way selfcheck signs, by a forger who controls the key, the certificate
and the embedded data; only the policy (selfcheck/reports/policy.py) stands between it and the bureau's summary."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from selfcheck.core import clock
from selfcheck.reports.verify import verify
from tests.reports import samples
from tests.security.forge import CODE, NAME, certificate, pem, resign_sha1, rsa_key, sign_report, subject


def minimal_report(**fields: object) -> dict:
    """The forge's school (NAME, CODE) unless a test says otherwise."""
    return samples.minimal_report(**{"name": NAME, "code": CODE, **fields})  # type: ignore[arg-type]


def refused(pdf: bytes, code: str, *words: str, trusted: list[bytes] | None = None) -> None:
    for trust in ([], trusted or []):
        result = verify(pdf, trust)
        assert result.ok is False, f"accepted: {result.reason_en}"
        assert result.code == code, result.reason_en
        assert result.reason_zh and "\n" not in result.reason_en
        for word in words:
            assert word in result.reason_en, result.reason_en


def test_a_genuine_forged_style_report_passes() -> None:
    """The forge itself makes acceptable files: every refusal below is the policy's doing."""
    key, cert = certificate()
    result = verify(sign_report(key, cert), [pem(cert)])
    assert result.ok and result.trusted and result.code == "ok", result.reason_en


# -- identity -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attrs", "word"),
    [
        ([(NameOID.ORGANIZATION_NAME, NAME), (NameOID.COMMON_NAME, NAME)], "exactly one school code"),
        (
            [
                (NameOID.ORGANIZATION_NAME, NAME),
                (NameOID.SERIAL_NUMBER, CODE),
                (NameOID.SERIAL_NUMBER, "3499999999"),
                (NameOID.COMMON_NAME, NAME),
            ],
            "exactly one school code",
        ),
        ([(NameOID.SERIAL_NUMBER, CODE), (NameOID.COMMON_NAME, NAME)], "exactly one school name (O)"),
        (
            [
                (NameOID.ORGANIZATION_NAME, NAME),
                (NameOID.ORGANIZATION_NAME, "城关第二小学"),
                (NameOID.SERIAL_NUMBER, CODE),
                (NameOID.COMMON_NAME, NAME),
            ],
            "exactly one school name (O)",
        ),
        ([(NameOID.ORGANIZATION_NAME, NAME), (NameOID.SERIAL_NUMBER, CODE)], "exactly one school name (CN)"),
        (
            [(NameOID.ORGANIZATION_NAME, NAME), (NameOID.SERIAL_NUMBER, CODE), (NameOID.COMMON_NAME, "城关第二小学")],
            "O and CN name different schools",
        ),
    ],
)
def test_a_certificate_of_another_shape_is_refused(attrs: list, word: str) -> None:
    """Before: with no code attribute, or two, the binding of certificate to data was skipped."""
    key, cert = certificate(name=subject(names=attrs))
    refused(sign_report(key, cert), "bad_identity", word, trusted=[pem(cert)])


def test_a_trusted_school_cannot_file_as_another() -> None:
    """School C, trusted by the bureau, signs a report whose data says school B: refused, with C's own key."""
    key, cert = certificate(name=subject(name="城关第三小学", code="3400000003"))
    forged = sign_report(key, cert, minimal_report(name="城关第二小学", code="3400000002"))
    refused(forged, "school_mismatch", "school code", trusted=[pem(cert)])
    forged = sign_report(key, cert, minimal_report(name="城关第二小学", code="3400000003"))  # the right code, another name
    refused(forged, "school_mismatch", "school name", trusted=[pem(cert)])


@pytest.mark.parametrize("code", [3412345678, None, ["3412345678"]])
def test_a_code_that_is_not_text_is_refused(code: object) -> None:
    key, cert = certificate()
    data = minimal_report()
    data["school"]["code"] = code
    refused(sign_report(key, cert, data), "bad_data", "school.code", trusted=[pem(cert)])


@pytest.mark.parametrize("hidden", ["\u200b", "\ufeff", "\u202e", "\x1b", "\u2028"])
def test_invisible_characters_in_a_name_are_refused_not_stripped(hidden: str) -> None:
    sneaky = NAME[:2] + hidden + NAME[2:]
    key, cert = certificate(name=subject(name=sneaky))
    data = minimal_report(name=sneaky)
    refused(sign_report(key, cert, data), "bad_identity", "invisible or control character", trusted=[pem(cert)])
    # the data alone carrying it, the certificate clean
    key, cert = certificate()
    refused(sign_report(key, cert, minimal_report(name=sneaky)), "school_mismatch", "invisible", trusted=[pem(cert)])


def test_a_zero_width_space_in_the_period_is_refused() -> None:
    """Before: "2026年秋季学期" and "2026年\u200b秋季学期" made two "current" rows for one school."""
    key, cert = certificate()
    refused(sign_report(key, cert, minimal_report(period="2026年\u200b秋季学期")), "bad_data", "period", trusted=[pem(cert)])


def test_fullwidth_forms_compare_equal_after_nfkc() -> None:
    key, cert = certificate(name=subject(name="城关第１小学"))
    assert verify(sign_report(key, cert, minimal_report(name="城关第1小学")), [pem(cert)]).ok


def test_the_data_must_fit_the_report_schema_strictly() -> None:
    key, cert = certificate()
    data = minimal_report()
    data["score"]["points"] = "85"  # text where a number belongs
    refused(sign_report(key, cert, data), "bad_data", "score.points")
    data = minimal_report()
    data["smuggled"] = {"school": "城关第二小学"}
    refused(sign_report(key, cert, data), "bad_data", "smuggled")


# -- crypto ---------------------------------------------------------------------------------------------------


def test_rsa_1024_is_refused_and_rsa_2048_passes() -> None:
    key, cert = certificate(key=rsa_key(1024))
    refused(sign_report(key, cert), "weak_crypto", "RSA 1024 bits", trusted=[pem(cert)])
    key, cert = certificate(key=rsa_key(2048))
    assert verify(sign_report(key, cert), [pem(cert)]).ok


def test_rsa_512_is_refused() -> None:
    key = rsa_key(512)
    assert key.key_size == 512
    key, cert = certificate(key=key)
    refused(sign_report(key, cert), "weak_crypto", "RSA 512 bits")


def test_p192_is_refused_and_p384_passes() -> None:
    key, cert = certificate(key=ec.generate_private_key(ec.SECP192R1()))
    refused(sign_report(key, cert), "weak_crypto", "secp192r1")
    key, cert = certificate(key=ec.generate_private_key(ec.SECP384R1()))
    assert verify(sign_report(key, cert), [pem(cert)]).ok


def test_sha1_as_the_document_digest_is_refused_without_a_traceback(capfd: pytest.CaptureFixture[str]) -> None:
    key, cert = certificate()
    forged = sign_report(key, cert, md="sha1")
    refused(forged, "weak_crypto", "sha1")
    assert "Traceback" not in capfd.readouterr().err


def test_a_certificate_signed_with_sha1_is_refused() -> None:
    key, cert = certificate()
    cert = resign_sha1(key, cert)
    refused(sign_report(key, cert), "weak_crypto", "certificate is signed with the weak digest sha1")


# -- validity -------------------------------------------------------------------------------------------------


def test_a_certificate_expired_when_signing_is_refused() -> None:
    now = clock.utcnow()
    key, cert = certificate(not_before=now - dt.timedelta(days=400), not_after=now - dt.timedelta(days=1))
    refused(sign_report(key, cert), "cert_expired", "had expired when the file was signed", trusted=[pem(cert)])


def test_a_certificate_not_yet_valid_when_signing_is_refused() -> None:
    now = clock.utcnow()
    key, cert = certificate(not_before=now + dt.timedelta(days=2), not_after=now + dt.timedelta(days=400))
    refused(sign_report(key, cert), "cert_not_yet_valid", "not yet valid", trusted=[pem(cert)])


def test_a_report_signed_in_time_stays_acceptable_after_its_certificate_expires(set_today) -> None:  # type: ignore[no-untyped-def]
    now = clock.utcnow()
    key, cert = certificate(not_before=now - dt.timedelta(days=30), not_after=now + dt.timedelta(days=30))
    signed = sign_report(key, cert)
    fresh = verify(signed, [pem(cert)])
    assert fresh.ok and fresh.note_en == ""
    set_today(dt.date(2028, 3, 1))
    later = verify(signed, [pem(cert)])
    assert later.ok and later.trusted, later.reason_en
    assert "expired on" in later.note_en and "valid when the file was signed" in later.note_en
    assert "过期" in later.note_zh and later.note_zh in later.reason_zh


# -- attachments ----------------------------------------------------------------------------------------------


def test_a_second_attachment_named_like_the_data_is_refused() -> None:
    """A viewer lists every attachment: "selfcheck-report.json " (a trailing space) beside ours could be the one a
    clerk opens."""
    from pyhanko.pdf_utils import embed

    def add(writer) -> None:  # type: ignore[no-untyped-def]
        fake = embed.EmbeddedFileObject.from_file_data(writer, b'{"score": 100}', mime_type="application/json")
        embed.embed_file(writer, embed.FileSpec(file_spec_string="selfcheck-report.json ", embedded_data=fake))

    key, cert = certificate()
    refused(sign_report(key, cert, before=add), "extra_attachment", "selfcheck-report.json ", trusted=[pem(cert)])


def attach(writer, *, page: int = 0, subtype=None, key=None) -> None:  # type: ignore[no-untyped-def]
    """Put a file-attachment annotation on page `page` of the writer's pending revision (its /Subtype and the
    page's /Annots key as given: the plain names by default)."""
    from pyhanko.pdf_utils import generic

    node = writer.root["/Pages"]["/Kids"][page].get_object()
    annot = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
            generic.pdf_name("/Subtype"): subtype or generic.pdf_name("/FileAttachment"),
            generic.pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(0)] * 4),
        }
    )
    node[key or generic.pdf_name("/Annots")] = generic.ArrayObject([writer.add_object(annot)])
    writer.update_container(node)


def test_a_file_attachment_annotation_is_refused() -> None:
    key, cert = certificate()
    refused(sign_report(key, cert, before=attach), "extra_attachment", "file-attachment annotation", trusted=[pem(cert)])


def test_a_file_attachment_annotation_whose_subtype_is_an_indirect_object_is_refused() -> None:
    """A viewer resolves "/Subtype 12 0 R" to /FileAttachment: so does the check."""
    from pyhanko.pdf_utils import generic

    def annotate(writer) -> None:  # type: ignore[no-untyped-def]
        attach(writer, subtype=writer.add_object(generic.pdf_name("/FileAttachment")))

    key, cert = certificate()
    refused(sign_report(key, cert, before=annotate), "extra_attachment", "file-attachment annotation", trusted=[pem(cert)])


def test_a_file_attachment_annotation_under_an_escaped_annots_key_is_refused() -> None:
    """The name /Ann#6Fts is /Annots: the check that finds the objects holding the key reads it however written."""
    from pyhanko.pdf_utils import generic

    class Escaped(generic.NameObject):
        def write_to_stream(self, stream, handler=None, container_ref=None) -> None:  # type: ignore[no-untyped-def]
            stream.write(b"/Ann#6Fts")

    key, cert = certificate()
    signed = sign_report(key, cert, before=lambda writer: attach(writer, key=Escaped("/Annots")))
    assert b"/Ann#6Fts" in signed and b"/Annots" not in signed
    refused(signed, "extra_attachment", "file-attachment annotation", trusted=[pem(cert)])


def test_a_file_attachment_annotation_behind_a_decoy_xref_entry_is_refused() -> None:
    """Before: the check read only the objects whose span in the file (from their xref offset to the next one) held
    an /Annots key. A trusted school's own report with an unused xref entry pointing into page 2's dictionary, just
    before its /Annots, gave the key to that entry; its "object" did not parse and was skipped, page 2 was never
    read, and the file-attachment annotation on it passed. Now the value after every /Annots key in the file is
    read where the key stands, whatever object the xref tables say is there."""
    from io import BytesIO

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.reader import PdfFileReader

    from tests.reports.test_signing import incremental, make_pdf
    from tests.security.hostile import with_decoy_xref_entry

    annotated = incremental(make_pdf(pages=2), lambda writer: attach(writer, page=1))  # the signature goes on page 1
    before = PdfFileReader(BytesIO(annotated))
    page_ref = before.root["/Pages"]["/Kids"].raw_get(1).reference
    page_at, decoy = before.xrefs[page_ref], generic.Reference(int(before.trailer["/Size"]), 0)
    key_at = annotated.index(b"/Annots", page_at)
    key, cert = certificate()
    signed = sign_report(key, cert, base=with_decoy_xref_entry(annotated, key_at - 1))
    # the signed file holds page 2 as crafted, and the decoy's offset lies between the page's start and its /Annots
    after = PdfFileReader(BytesIO(signed))
    assert after.xrefs[page_ref] == page_at < after.xrefs[decoy] == key_at - 1
    assert signed[key_at : key_at + 7] == b"/Annots" and not signed[page_at:key_at].count(b"endobj")
    refused(signed, "extra_attachment", "file-attachment annotation", trusted=[pem(cert)])


def test_a_file_attachment_annotation_behind_a_decoy_object_that_parses_is_refused() -> None:
    """The decoy can be a real object: "6 0 obj << /Annots [] /S (" in a comment of page 2's dictionary opens a
    string that swallows the page's own /Annots. The decoy parses, holds an /Annots key (an empty one) and spans
    the page's key; checking that the object given the key really holds it would not have been enough."""
    from tests.security.hostile import pdf_with_objects, with_decoy_xref_entry

    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] % 6 0 obj << /Annots [] /S (\n/Annots [5 0 R] % )\n>>"
    base = pdf_with_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            page,
            b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 0 0] >>",
        ]
    )
    key, cert = certificate()
    signed = sign_report(key, cert, base=with_decoy_xref_entry(base, base.index(b"6 0 obj <<")))
    refused(signed, "extra_attachment", "file-attachment annotation", trusted=[pem(cert)])


def test_annots_spelled_in_a_string_is_not_taken_for_a_page_s() -> None:
    """Every /Annots in the file's bytes is read, even one inside a string: when it seems to list a file
    attachment, the page tree has the last word, and a report whose pages carry none passes."""
    from pyhanko.pdf_utils import generic

    class Raw(generic.TextStringObject):
        def write_to_stream(self, stream, handler=None, container_ref=None) -> None:  # type: ignore[no-untyped-def]
            stream.write(b"(/Annots [<< /Subtype /FileAttachment >>])")

    def note(writer) -> None:  # type: ignore[no-untyped-def]
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        page[generic.pdf_name("/Note")] = Raw("")
        writer.update_container(page)

    key, cert = certificate()
    signed = sign_report(key, cert, before=note)
    assert b"(/Annots [<< /Subtype /FileAttachment >>])" in signed
    result = verify(signed, [pem(cert)])
    assert result.ok and result.trusted, result.reason_en


# -- a bureau CA ----------------------------------------------------------------------------------------------


def test_a_school_certificate_issued_by_the_trusted_bureau_ca_is_trusted() -> None:
    from tests.security.forge import bureau_ca, issued_by

    ca_key, ca = bureau_ca()
    key, cert = issued_by(ca_key, ca)
    result = verify(sign_report(key, cert), [pem(ca)])
    assert result.ok and result.trusted and "紫阳县教育局" in result.reason_zh, result.reason_en
    # the identity policy still binds: the CA's school cannot file as another school
    forged = sign_report(key, cert, minimal_report(name="城关第二小学", code="3400000002"))
    refused(forged, "school_mismatch", trusted=[pem(ca)])


def test_a_certificate_from_another_ca_or_self_signed_is_not_trusted_by_the_ca() -> None:
    from tests.security.forge import bureau_ca, issued_by

    _, ca = bureau_ca()
    other_key, other = bureau_ca()  # same name, another key: a forger's look-alike CA
    key, cert = issued_by(other_key, other)
    result = verify(sign_report(key, cert), [pem(ca)])
    assert not result.ok and result.code == "untrusted_signer" and "nor issued by a trusted CA" in result.reason_en
    key, cert = certificate()  # self-signed, same school
    assert verify(sign_report(key, cert), [pem(ca)]).code == "untrusted_signer"


def test_a_ca_expired_when_the_school_signed_does_not_vouch() -> None:
    from tests.security.forge import bureau_ca, issued_by

    ca_key, ca = bureau_ca(not_after=clock.utcnow() - dt.timedelta(hours=1))
    key, cert = issued_by(ca_key, ca)
    assert verify(sign_report(key, cert), [pem(ca)]).code == "untrusted_signer"

"""Hostile files, built from code (no binaries are checked in): what someone with a stick could hand the bureau."""

from __future__ import annotations

import re


def pdf_with_objects(objects: list[bytes], root: int = 1) -> bytes:
    """A syntactically valid PDF of the given object bodies (object i+1 = objects[i]) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def huge_number_array(size: int) -> bytes:
    """A catalog whose /AcroForm /Fields is one array of numbers, `size` bytes long: a parser that reads the form's
    fields builds millions of number objects."""
    count = max(1, (size - 400) // 2)
    array = b"[" + b"1 " * count + b"]"
    return pdf_with_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields 4 0 R >> >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            array,
        ]
    )


def huge_content_stream(size: int) -> bytes:
    """One page whose content stream is `size` bytes of drawing operators (uncompressed)."""
    body = b"0 0 m 1 1 l S\n" * max(1, size // 14)
    return pdf_with_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
        ]
    )


def huge_dictionary(size: int) -> bytes:
    """A catalog with millions of keys."""
    count = max(1, size // 12)
    entries = b"".join(b"/K%07d 1 " % i for i in range(count))
    return pdf_with_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R " + entries + b">>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
    )


def many_objects(count: int) -> bytes:
    """Hundreds of thousands of tiny objects, all in the xref table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    objects += [b"1"] * count
    return pdf_with_objects(objects)


def deep_arrays(depth: int) -> bytes:
    return pdf_with_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields " + b"[" * depth + b"]" * depth + b" >> >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
    )


def xref_stream_bomb(inflated: int) -> bytes:
    """A PDF whose cross-reference is a stream that inflates to `inflated` bytes (Flate, about 1000:1): the
    parser must inflate it before it can read a single object."""
    import zlib

    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(head)
    for number, body in enumerate(objects, start=1):
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    compressor = zlib.compressobj(9)
    chunk = b"\x00" * (1 << 20)
    packed = b"".join(compressor.compress(chunk) for _ in range(inflated >> 20)) + compressor.flush()
    at = len(out)
    out += (
        b"4 0 obj\n<< /Type /XRef /Size 5 /Root 1 0 R /W [1 4 1] /Index [0 %d] /Filter /FlateDecode /Length %d >>\n"
        b"stream\n" % (inflated // 6, len(packed))
    )
    out += packed + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % at
    return bytes(out)


def with_decoy_xref_entry(pdf: bytes, offset: int) -> bytes:
    """`pdf` with one more entry in its last (classic) xref table: a new object number, used by nothing, whose
    offset is `offset` (anywhere: the middle of another object's dictionary). /Size grows to cover it."""
    table = pdf.rindex(b"\nxref")
    trailer = pdf.index(b"trailer", table)
    size = re.compile(rb"/Size (\d+)")
    found = size.search(pdf, trailer)
    assert found is not None
    number = int(found.group(1))
    entry = b"%d 1\n%010d 00000 n \n" % (number, offset)
    tail = pdf[trailer:]
    tail = size.sub(b"/Size %d" % (number + 1), tail, count=1)
    return pdf[:trailer] + entry + tail

"""The signature as we write it: /ByteRange covering the whole file but its own /Contents, the CMS in the exact
shape and minimal DER our signer produces (verify's check 4)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from selfcheck.reports import policy
from selfcheck.reports.verdict import Reject

if TYPE_CHECKING:
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

MAX_CMS = 64 * 1024  # the signature data (/Contents): ours is under 2 kB, pyHanko reserves 16 kB of room


def check_byte_range(pdf: bytes, embedded: EmbeddedPdfSignature, signer: str | None, fp: str | None) -> None:
    br = embedded.byte_range
    values = [int(x) for x in br if isinstance(x, int) and not isinstance(x, bool)] if isinstance(br, list) else []
    if len(values) != 4 or len(br) != 4 or values[0] != 0 or any(v < 0 for v in values):
        raise Reject("byte_range", "签名范围（/ByteRange）格式异常", "the signature's /ByteRange is malformed", signer, fp)
    _, len1, start2, len2 = values
    if start2 + len2 > len(pdf):
        raise Reject(
            "truncated",
            "文件不完整（比签名时短，可能被截断）",
            f"the file is incomplete: the signature covers {start2 + len2} bytes but the file has {len(pdf)}",
            signer,
            fp,
        )
    if start2 + len2 < len(pdf):
        raise Reject(
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
        raise Reject(
            "byte_range",
            "签名范围（/ByteRange）留有未签名的空隙",
            f"the signature's /ByteRange leaves an unsigned gap (bytes {len1}..{start2} are not exactly its /Contents)",
            signer,
            fp,
        )
    # the CMS blob is followed by zero padding only: with the checks above, no byte of the file can change
    end = _der_end(contents)
    if end is None or contents[end:].strip(b"\0"):
        raise Reject(
            "bad_signature_data",
            "签名数据已损坏（签名值之后有多余内容）",
            "the signature data is damaged (stray bytes after the signature value)",
            signer,
            fp,
        )


def check_cms_shape(embedded: EmbeddedPdfSignature, signer: str | None, fp: str | None) -> None:
    from asn1crypto import cms

    def bad(what: str) -> Reject:
        return Reject(
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
            raise Reject(e.code, e.zh, e.en, signer, fp) from None


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

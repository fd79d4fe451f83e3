"""What verifying a report says: the result, and the refusal a check raises (shared by the checks' modules)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
    # `data` as its schema's model (ReportData, PeriodData, ReviewData), only when ok: verify() built it to check the
    # data, and a caller that reads the data into the model takes it instead of validating the data a second time
    model: Any = field(default=None, compare=False, repr=False)
    issuer: str = ""  # trusted through a bureau CA: the CA, as CA“…” (empty when trusted by its own certificate)

    @property
    def reason(self) -> str:
        return f"{self.reason_zh} / {self.reason_en}"


class Reject(Exception):
    def __init__(self, code: str, zh: str, en: str, signer: str | None = None, fp: str | None = None) -> None:
        super().__init__(en)
        self.result = VerifyResult(False, zh, en, signer, fp, None, None, code)


def pdf_text(value: Any) -> str:
    from pyhanko.pdf_utils import generic

    if isinstance(value, generic.TextStringObject):
        return str(value)
    try:
        return bytes(value).decode("latin-1")
    except Exception:
        return ""


def short_error(e: BaseException) -> str:
    text = str(e).replace("\n", " ")
    return text if len(text) <= 200 else text[:197] + "..."

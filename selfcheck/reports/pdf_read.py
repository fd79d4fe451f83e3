"""Reading a PDF from a stick without trusting it: size and header first, the xref tables counted before they are
read, pyHanko's parser on a read budget and a decompression budget (verify's check 1)."""

from __future__ import annotations

import io
import re
import threading
from typing import TYPE_CHECKING

from selfcheck.core.stickfile import REPORT_CAP
from selfcheck.reports.verdict import Reject, VerifyResult, short_error

if TYPE_CHECKING:
    from pyhanko.pdf_utils.reader import PdfFileReader

MAX_PDF = REPORT_CAP  # 16 MB: a 500-item report with seal and signature is 0.25 MB
# Parsing budget: pyHanko's PDF parser is pure Python and reads a token at a time, so the number of reads it makes
# of the file measures the parsing work. A genuine 500-item report takes about 6,200; a file built to exhaust the
# parser (a catalog with millions of numbers, a dictionary with millions of keys, an xref table of a million
# objects) is stopped at this many, in well under a second and a few tens of MB, and refused as too complex.
MAX_READS = 250_000
MAX_OBJECTS = 50_000  # entries in the xref tables: a 500-item report has 147 objects
MAX_DECODED = 32 * 1024 * 1024  # bytes pyHanko may inflate from the file's streams in all
_XREF_WORD = re.compile(rb"xref")
_XREF = re.compile(rb"[^0-9A-Za-z]xref[ \t]*\r?\n")
_SUBSECTION = re.compile(rb"[ \t\r\n]*([0-9]{1,12})[ \t]+([0-9]{1,12})[ \t]*\r?\n")


def xref_entries(pdf: bytes) -> int:
    """How many entries the file's classic xref tables announce (every subsection of every table), counted from
    the headers alone; stops counting past MAX_OBJECTS."""
    total = 0
    for word in _XREF_WORD.finditer(pdf):  # sre's literal search: twice as fast as bytes.find here
        start = word.start()
        table = _XREF.match(pdf, start - 1) if start else _XREF.match(b" " + pdf[:16])
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


class ReadBudget(io.BytesIO):
    """The file as pyHanko's parser reads it, counting its reads; past MAX_READS every read fails (so a parser that
    swallows the first failure cannot go on either), and verify() reports the file as too complex."""

    # slots: BytesIO's own instance dictionary makes `self.reads += 1` cost 190 ns a read, a slot 70 ns (a report
    # makes some 6,000 reads: the difference was 7 % of a verify)
    __slots__ = ("reads", "spent")

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.reads = 0
        self.spent = False

    def _spend(self) -> None:
        self.spent = True
        raise TooComplex

    # pyHanko's tokenizer reads a byte at a time (some 6,000 reads for a genuine report): the count is kept inline,
    # with BytesIO's own methods called directly, so the budget costs little beside the parsing it bounds.
    def read(self, size: int | None = -1, /) -> bytes:
        self.reads += 1
        if self.reads > MAX_READS:
            self._spend()
        return _READ(self, size)

    def read1(self, size: int | None = -1, /) -> bytes:
        self.reads += 1
        if self.reads > MAX_READS:
            self._spend()
        return _READ1(self, size)

    def readline(self, size: int | None = -1, /) -> bytes:
        self.reads += 1
        if self.reads > MAX_READS:
            self._spend()
        return _READLINE(self, size)


_READ, _READ1, _READLINE = io.BytesIO.read, io.BytesIO.read1, io.BytesIO.readline


class TooComplex(Exception):
    pass


_budget_state = threading.local()  # per thread: the read budgets of the verify() running in it (GUI workers verify too)


def budgets() -> list[ReadBudget]:
    found: list[ReadBudget] | None = getattr(_budget_state, "budgets", None)
    if found is None:
        found = _budget_state.budgets = []
    return found


def too_complex() -> VerifyResult:
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


def read_pdf(pdf: bytes) -> PdfFileReader:
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not isinstance(pdf, bytes | bytearray | memoryview):
        raise Reject("not_pdf", "不是 PDF 文件", "not a PDF file")
    pdf = bytes(pdf)
    if not pdf:
        raise Reject("empty", "文件是空的", "the file is empty")
    if len(pdf) > MAX_PDF:
        raise Reject("too_large", "文件太大，不是自查报告", f"the file is too large to be a report (over {MAX_PDF // 2**20} MiB)")
    if not pdf.startswith(b"%PDF-"):
        raise Reject("not_pdf", "不是 PDF 文件", "not a PDF file")
    if xref_entries(pdf) > MAX_OBJECTS:  # the xref tables announce their size: refuse before reading them
        raise TooComplex
    from pyhanko.pdf_utils.decode_limits import DecodeLimits, DocumentDecodeBudget, StreamDecodeLimits

    budget = ReadBudget(pdf)
    budgets().append(budget)
    # what pyHanko may inflate for this file, all streams together: a deflate bomb in an object or xref stream
    # stops at MAX_DECODED (pyHanko's own default is 100 times the file, 1.6 GB for a file at the cap)
    limits = DecodeLimits(
        per_stream=StreamDecodeLimits(max_ratio=1100, max_output_size=MAX_DECODED),
        document_budget=DocumentDecodeBudget(base_allowance=MAX_DECODED, max_ratio=2),
    )
    try:
        reader = PdfFileReader(budget, strict=True, decode_limits=limits)
        reader.root  # noqa: B018 — force the catalog to resolve
    except TooComplex:
        raise
    except Exception as e:
        from pyhanko.pdf_utils.misc import PdfDecodeLimitError

        if budget.spent or isinstance(e, PdfDecodeLimitError):
            raise TooComplex from e
        cut = truncated(pdf)
        if cut:
            raise Reject(
                "truncated",
                "文件不完整（比签名时短，可能被截断）",
                f"the file is incomplete: it is shorter than the signed length ({cut} bytes expected)",
            ) from e
        if b"%%EOF" not in pdf[-1024:]:
            raise Reject(
                "truncated",
                "文件不完整（没有文件结束标记，可能被截断）",
                "the file is incomplete: it has no end-of-file marker (probably cut short)",
            ) from e
        raise Reject(
            "unreadable", "PDF 文件已损坏，无法读取", f"the PDF file is damaged and cannot be read ({short_error(e)})"
        ) from e
    if reader.encrypted:
        raise Reject("encrypted", "不支持加密的 PDF 文件", "encrypted PDF files are not supported")
    return reader


BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]")


def truncated(pdf: bytes) -> int | None:
    """The signed length a damaged file announces, when it is longer than the file."""
    for m in BYTE_RANGE.finditer(pdf):
        _, _, start2, len2 = (int(x) for x in m.groups())
        if start2 + len2 > len(pdf):
            return start2 + len2
    return None

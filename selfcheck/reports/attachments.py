"""The report's embedded data: exactly one "selfcheck-report.json", bounded, fitting the schema, and no other
attachment anywhere (name tree, /AF, annotations) (verify's check 8); reading the data without verifying."""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from selfcheck.core.printable import printable
from selfcheck.errors import SelfcheckError
from selfcheck.reports.pdf_read import TooComplex, read_pdf
from selfcheck.reports.verdict import Reject, pdf_text

if TYPE_CHECKING:
    from pyhanko.pdf_utils.reader import PdfFileReader

DATA_NAME = "selfcheck-report.json"
MAX_DATA = 8 * 1024 * 1024  # the embedded JSON: some hundred kB for 500 items
_MAX_TREE_NODES = 4096
_MAX_TREE_DEPTH = 32


@dataclass(frozen=True)
class DataSpec:
    """One "selfcheck-report.json" entry of the /EmbeddedFiles name tree: its /Names array, the index of the
    file spec in it, and the file spec dictionary."""

    names: Any  # generic.ArrayObject
    index: int
    spec: Any  # generic.DictionaryObject


def read_data(pdf: bytes) -> dict[str, Any]:
    """The embedded "selfcheck-report.json" as a dict. Does NOT check the signature: call verify() for that
    (its result's `.data` is the same dict). SelfcheckError when the file or the data cannot be read."""
    try:
        reader = read_pdf(pdf)
        return report_data(reader)
    except Reject as r:
        raise SelfcheckError(r.result.reason_zh, r.result.reason_en) from None
    except Exception as e:
        raise SelfcheckError("报告数据无法读取", f"the report data cannot be read ({type(e).__name__})") from e


def find_data_specs(reader: PdfFileReader, name: str = DATA_NAME) -> list[DataSpec]:
    """Every "selfcheck-report.json" entry in the document's /EmbeddedFiles name tree (bounded walk)."""
    return [spec for found, spec in embedded_files(reader) if found == name]


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
            raise Reject("bad_data", "附件目录结构异常", "the embedded-file name tree is malformed")
        # not node.get(): pyHanko's DictionaryObject.get() does not resolve indirect references
        names = node["/Names"] if "/Names" in node else None  # noqa: SIM401
        if isinstance(names, generic.ArrayObject):
            for i in range(0, len(names) - 1, 2):
                key = names[i]
                name = pdf_text(key) if isinstance(key, generic.TextStringObject | generic.ByteStringObject) else "?"
                found.append((name, DataSpec(names, i + 1, names[i + 1])))
                if len(found) > _MAX_TREE_NODES:
                    raise Reject("bad_data", "附件目录结构异常", "the embedded-file name tree is malformed")
        kids = node["/Kids"] if "/Kids" in node else None  # noqa: SIM401
        if isinstance(kids, generic.ArrayObject):
            todo.extend((kid, depth + 1) for kid in kids)
    return found


def report_data(reader: PdfFileReader, data_name: str = DATA_NAME) -> dict[str, Any]:
    """The one embedded `data_name` file as a dict (a report's by default; a review's is "selfcheck-review.json")."""
    from pyhanko.pdf_utils import generic

    files = embedded_files(reader)
    specs = [spec for name, spec in files if name == data_name]
    if not specs:
        what_zh, what_en = ("报告数据", "report data") if data_name == DATA_NAME else ("数据", "data")
        raise Reject("no_data", f"文件中没有{what_zh}（{data_name}）", f"the file carries no {what_en} ({data_name})")
    if len(specs) > 1:
        raise Reject("bad_data", f"文件中有多个 {data_name}", f"the file carries more than one {data_name}")
    others = [printable(name, 60) for name, _ in files if name != data_name]
    if others:  # a viewer lists every attachment: a clerk could open "selfcheck-report.json " instead of ours
        raise Reject(
            "extra_attachment",
            f"文件中除报告数据外还有其他附件（{'、'.join(others[:3])}），不是本系统导出的报告",
            f"the file carries attachments besides the report data ({', '.join(others[:3])}); not a report selfcheck wrote",
        )
    spec = specs[0].spec.get_object()
    check_no_other_attachments(reader, spec)
    try:
        ef = spec["/EF"]
        streams = [ef.raw_get(k) for k in ("/F", "/UF") if k in ef]
        objs = [s.get_object() for s in streams]
    except Exception as e:
        raise Reject("bad_data", "报告数据附件结构异常", "the report data attachment is malformed") from e
    if not objs or not all(isinstance(o, generic.StreamObject) for o in objs) or any(o is not objs[0] for o in objs):
        raise Reject(
            "bad_data", "报告数据附件结构异常", "the report data attachment is malformed (/EF /F and /UF must be one stream)"
        )
    stream = objs[0]
    if len(stream.encoded_data) > MAX_DATA:
        raise Reject("bad_data", "报告数据过大", "the report data is too large")
    raw = bounded_data(stream)
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise Reject("bad_data", "报告数据不是有效的 JSON", "the report data is not valid JSON") from e
    if not isinstance(value, dict):
        raise Reject("bad_data", "报告数据不是 JSON 对象", "the report data is not a JSON object")
    return value


def check_no_other_attachments(reader: PdfFileReader, spec: Any) -> None:
    """The catalog's /AF lists our data file alone, and no page carries a file-attachment annotation."""
    from pyhanko.pdf_utils import generic

    def refuse(where: str) -> Reject:
        return Reject(
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
    if not _no_attachment_under_any_annots_key(reader):
        _walk_pages(reader, refuse)


def _walk_pages(reader: PdfFileReader, refuse: Callable[[str], Reject]) -> None:
    """The page tree as a viewer walks it (bounded): every page's /Annots resolved, every annotation's /Subtype."""
    from pyhanko.pdf_utils import generic

    root = reader.root
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
        if _lists_file_attachment(node["/Annots"] if "/Annots" in node else None):  # noqa: SIM401
            raise refuse("页面上的附件注释 / a file-attachment annotation on a page")


def _lists_file_attachment(annots: Any) -> bool:
    """`annots` (an /Annots value, resolved here) lists an annotation whose /Subtype is /FileAttachment."""
    from pyhanko.pdf_utils import generic

    annots = annots.get_object() if hasattr(annots, "get_object") else annots
    if isinstance(annots, generic.ArrayObject):
        for annot in annots:
            annot = annot.get_object() if hasattr(annot, "get_object") else annot
            # annot["/Subtype"], not .get(): an indirect "/Subtype 12 0 R" is resolved, as a viewer resolves it
            if isinstance(annot, generic.DictionaryObject) and "/Subtype" in annot:
                with contextlib.suppress(KeyError):  # a /Subtype that resolves to null
                    if annot["/Subtype"] == "/FileAttachment":
                        return True
    return False


# the key /Annots however its name is written: each character as itself or as a #hh escape ("/Ann#6Fts"), the
# hex digits in either case (every spelling pyHanko's name decoder turns into /Annots)
_ANNOTS_KEY = re.compile(rb"/(?:A|#41)(?:n|#6[Ee])(?:n|#6[Ee])(?:o|#6[Ff])(?:t|#74)(?:s|#73)")


def _no_attachment_under_any_annots_key(reader: PdfFileReader) -> bool:
    """True when no /Annots key anywhere in the file's bytes lists a file-attachment annotation: then no page
    does, and the page tree need not be walked (walking it parses every page: 15-50 ms for a 500-item report;
    reading the one /Annots key such a report has: 0.4 ms). False when one does, or when this cannot vouch: a
    key whose value does not read, a file that uses object streams (compressed objects cannot be told from their
    bytes), a reader not given the bytes by verify(); then the page tree walk decides.

    Each key is read where it stands, as pyHanko's dictionary parser reads a key and its value, whatever object
    the xref tables place there: a page's /Annots is read even when a crafted xref entry points into the page's
    dictionary. (The scan this replaces gave each key to the object whose xref offset came just before it, and
    read only those objects: an unused entry pointing between a page's start and its /Annots took the key, did
    not parse, and the page was never read.) A key that is no page's (in a string, a stream) is read too:
    harmless, a report holds no file-attachment annotation anywhere, and the walk has the last word. The reads
    go through the reader's own stream, on verify's parsing budget."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.misc import read_non_whitespace

    pdf = _raw_of(reader)
    if pdf is None or _uses_object_streams(reader):
        return False
    stream = reader.stream
    container = generic.Reference(0, 0, reader)  # what the value's references resolve through: the reader
    for key in _ANNOTS_KEY.finditer(pdf):
        try:
            stream.seek(key.start())
            if generic.NameObject.read_from_stream(stream) != "/Annots":  # type: ignore[no-untyped-call]
                continue  # /AnnotsX and the like: another key
            read_non_whitespace(stream, seek_back=True)  # type: ignore[no-untyped-call]
            if _lists_file_attachment(generic.read_object(stream, container)):
                return False
        except TooComplex:
            raise
        except Exception:
            return False
    return True


def _uses_object_streams(reader: PdfFileReader) -> bool:
    """Some revision keeps objects in object streams (pyHanko's xref data is internal API: any doubt says yes)."""
    try:
        xrefs = reader.xrefs
        for revision in range(xrefs.total_revisions):
            data = xrefs.get_xref_data(revision)
            if data.xrefs_in_objstm or data.obj_streams_used:
                return True
    except Exception:
        return True
    return False


def _raw_of(reader: PdfFileReader) -> bytes | None:
    """The file's bytes, as verify() handed them to the reader (None if the reader was given something else): the
    bytes scanned for /Annots are the bytes the reader reads."""
    stream = reader.stream
    return stream.getvalue() if isinstance(stream, io.BytesIO) else None


def check_schema(data: dict[str, Any]) -> Any:
    """The embedded data is a report as `reports/schema.py` defines it, or a quarterly summary or half-year
    assessment as `reports/period_schema.py` does (told apart by its `format`): every field, strict types (a code
    that is a JSON number or null, a score given as text, an unknown field: all refused). Returns the model."""
    from pydantic import BaseModel, ValidationError

    from selfcheck.reports import period_schema
    from selfcheck.reports.schema import ReportData

    model: type[BaseModel] = period_schema.PeriodData if data.get("format") == period_schema.FORMAT else ReportData
    try:
        return model.model_validate(data, strict=True)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(root)"
        raise Reject(
            "bad_data",
            f"报告数据不符合报告格式（{where}）",
            f"the report data does not fit the report format ({where}: {first['msg']})",
        ) from None


def bounded_data(stream: Any) -> bytes:
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
            raise Reject("bad_data", "报告数据无法解压", "the report data cannot be decompressed") from e
    else:
        raise Reject("bad_data", "报告数据的编码方式不受支持", f"the report data uses an unsupported encoding ({names})")
    if len(raw) > MAX_DATA:
        raise Reject("bad_data", "报告数据过大", "the report data is too large")
    return raw


def data_bytes(pdf: bytes) -> bytes:
    """The embedded "selfcheck-report.json" exactly as stored (decoded from its stream filters)."""
    try:
        reader = read_pdf(pdf)
        specs = find_data_specs(reader)
        if len(specs) != 1:
            raise Reject("no_data", f"文件中没有唯一的 {DATA_NAME}", f"the file does not carry exactly one {DATA_NAME}")
        raw: bytes = specs[0].spec.get_object()["/EF"]["/F"].get_object().data
        return raw
    except Reject as r:
        raise SelfcheckError(r.result.reason_zh, r.result.reason_en) from None
    except Exception as e:
        raise SelfcheckError("报告数据无法读取", f"the report data cannot be read ({type(e).__name__})") from e

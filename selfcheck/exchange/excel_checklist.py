"""Checklists authored in Excel: read a county-style .xlsx form into a validated Template, and write it as YAML."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from selfcheck.core.template import Template
from selfcheck.core.template_file import cross_field_rules, kind, rules_despite, translate_error
from selfcheck.errors import Located, TemplateError
from selfcheck.exchange import zipguard

MAX_ROWS = 5000
MAX_COLS = 50
MAX_SHEETS = 50
HEADER_SCAN = 15  # the header row is looked for in the first rows of each sheet
MAX_MERGES = 50_000
MAX_XML_MEMBER = 40 * 1024 * 1024
LIMITS = zipguard.Limits(max_member=MAX_XML_MEMBER, max_total=100 * 1024 * 1024)

# ---- located errors --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellLocated(Located):
    """A problem in a workbook: `line` is the row and `column` the column (1-based), as in the YAML errors."""

    sheet: str = ""
    cell: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.sheet:
            where += f": {_sheet_ref(self.sheet)}" + (f"!{self.cell}" if self.cell else "")
        field_name = self.path or "(文件 / file)"
        text = f"{where}: {field_name}: {self.zh} / {self.en}"
        return "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in text)


def _sheet_ref(name: str) -> str:
    return f"'{name}'" if re.search(r"[\s!'()\-]", name) else name


def column_letter(col: int) -> str:
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


@dataclass(frozen=True)
class Ref:
    """Where a value came from: sheet, row, column, and the header (or key) naming it."""

    sheet: str
    row: int
    col: int
    label: str

    @property
    def cell(self) -> str:
        return f"{column_letter(self.col)}{self.row}" if self.row and self.col else ""


class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Located] = []
        self.cells: set[tuple[str, int, int]] = set()

    def add(self, ref: Ref | None, zh: str, en: str, *, sheet: str = "", label: str = "") -> None:
        if ref is None:
            self.items.append(CellLocated(self.file, 0, 0, label, zh, en, sheet=sheet))
            return
        self.cells.add((ref.sheet, ref.row, ref.col))
        self.items.append(CellLocated(self.file, ref.row, ref.col, label or ref.label, zh, en, sheet=ref.sheet, cell=ref.cell))


def _refused(file: str, zh: str, en: str) -> TemplateError:
    return TemplateError([CellLocated(file, 0, 0, "", zh, en)])


# ---- the vocabulary of real forms ------------------------------------------------------------------------------

# Column kinds and the headers seen on county forms for them. Exact matches first; then the longest synonym the
# header contains (so 检查内容及要求 is content and 自评得分 is not points).
COLUMNS: dict[str, tuple[str, ...]] = {
    "ignore": (
        "自评得分",
        "自查得分",
        "自评分",
        "自查分",
        "自评",
        "自查情况",
        "自评情况",
        "自查结果",
        "检查结果",
        "检查情况",
        "得分",
        "实得分",
        "扣分",
        "扣分情况",
        "存在问题",
        "存在的问题",
        "整改措施",
        "整改情况",
        "评分",
        "评定",
        "考核得分",
        "复核得分",
        "完成情况",
    ),
    "rule": (
        "评分标准",
        "扣分标准",
        "评分细则",
        "评分办法",
        "评分方法",
        "评分说明",
        "计分办法",
        "计分方法",
        "扣分细则",
        "考核标准",
        "考评标准",
        "评价标准",
        "评估标准",
        "赋分标准",
        "赋分办法",
        "评分依据",
        "扣分办法",
    ),
    "points": ("分值", "分数", "标准分", "满分", "配分", "权重分", "赋分", "基准分", "分值分", "rule_points"),
    "method": (
        "检查方法",
        "检查方式",
        "方式",
        "方法",
        "评估方法",
        "评估方式",
        "查看方式",
        "考核方法",
        "考核方式",
        "评价方法",
        "评价方式",
        "核查方式",
        "核查方法",
        "检查途径",
        "评估途径",
        "考评方法",
        "考评方式",
    ),
    "evidence": (
        "材料",
        "佐证材料",
        "印证材料",
        "查阅资料",
        "支撑材料",
        "证明材料",
        "材料提示",
        "台账资料",
        "查阅材料",
        "备查资料",
        "备查材料",
        "资料",
        "所需材料",
        "提供材料",
    ),
    "remark": ("备注", "说明", "注"),
    "content": (
        "检查内容",
        "内容",
        "二级指标",
        "三级指标",
        "评估内容",
        "检查要点",
        "考核内容",
        "检查事项",
        "指标内容",
        "评价内容",
        "考评内容",
        "评估要点",
        "考核要点",
        "具体内容",
        "工作要求",
        "检查标准",
        "评价要点",
        "测评内容",
        "督导内容",
        "自查内容",
        "内容要求",
        "标准要求",
        "主要内容",
    ),
    "category": (
        "检查项目",
        "类别",
        "项目",
        "一级指标",
        "检查类别",
        "考核项目",
        "评估项目",
        "类目",
        "检查类目",
        "评估指标",
        "考核类别",
        "评价项目",
        "考评项目",
        "指标",
        "检查项",
        "部分",
        "维度",
    ),
    "number": ("序号", "编号", "序", "项目编号", "条目", "no", "no."),
    "id": ("标识", "id", "项目标识", "检查项标识"),
    "type": ("作答方式", "作答类型", "答案类型", "题型", "答题方式"),
}
_KIND_ZH = {
    "rule": "评分标准",
    "points": "分值",
    "method": "检查方法",
    "evidence": "材料",
    "remark": "备注",
    "content": "检查内容",
    "category": "检查项目",
    "number": "序号",
    "id": "标识",
    "type": "作答方式",
    "subcategory": "二级类别",
}
_EXACT = {syn: kind for kind, syns in COLUMNS.items() for syn in syns}
_CONTAINS = sorted(((syn, kind) for syn, kind in _EXACT.items() if len(syn) >= 2), key=lambda sk: -len(sk[0]))

META_KEYS: dict[str, tuple[str, ...]] = {
    "id": ("编号", "检查表编号", "标识", "代码", "id"),
    "title": ("名称", "标题", "表名", "检查表名称", "名", "title"),
    "version": ("版本", "版本号", "version"),
    "issuer": ("发布单位", "发文单位", "制定单位", "印发单位", "下发单位", "发布机关", "issuer"),
    "effective_date": ("生效日期", "施行日期", "执行日期", "启用日期", "实施日期", "effective_date"),
    "description": ("说明", "填表说明", "描述", "简介", "description"),
    "grading": ("等次", "等次划分", "评定等次", "等级", "等级划分", "grading"),
}
_META = {unicodedata.normalize("NFKC", syn).lower(): key for key, syns in META_KEYS.items() for syn in syns}
_META_INLINE = re.compile(
    r"(" + "|".join(sorted((re.escape(s) for s in _META if len(s) >= 2), key=len, reverse=True)) + r")\s*[:：]\s*"
)

_TOTAL = re.compile(r"^(合计|总计|总分|小计|合计分值|分值合计|总分值|满分合计)")
_NOTE = re.compile(
    r"^(注|说明|备注|填表说明)\s*[:：\d]|^(检查人|填表人|审核人|负责人|校长|签字|签名|日期|填表日期|检查日期)\s*[:：]"
)
_CN_NUMERAL = re.compile(r"^[一二三四五六七八九十百]+[、.．]?$|^第[一二三四五六七八九十百\d]+(部分|项|类)")
_VETO = "一票否决"
_NO_POINTS = {"", "-", "—", "–", "/", "无", "——", "不计分"}
_PER = re.compile(r"每[^，。；;,]*?(加|扣|减)\s*([0-9]+(?:\.[0-9]+)?)\s*分")
_CAP = re.compile(r"(?:最多|最高|不超过|上限)\s*(?:加|扣|减)?\s*([0-9]+(?:\.[0-9]+)?)\s*分")
_ADJ = re.compile(r"加分|扣分|减分|加减分")

TYPES: dict[str, tuple[str, str | None]] = {
    "是否": ("choice", "shifou"),
    "选择": ("choice", "shifou"),
    "是/否": ("choice", "shifou"),
    "有无": ("choice", "cunzai"),
    "存在": ("choice", "cunzai"),
    "存在与否": ("choice", "cunzai"),
    "打分": ("score", None),
    "评分": ("score", None),
    "直接打分": ("score", None),
    "扣分": ("deduction", None),
    "按次扣分": ("deduction", None),
    "数值": ("number", None),
    "数字": ("number", None),
    "填数": ("number", None),
    "文字": ("text", None),
    "文本": ("text", None),
    "填写": ("text", None),
    "日期": ("date", None),
}

# The answer scales, as the built-in checklists use them (wuchawukan.yaml).
SCALES: dict[str, list[dict[str, Any]]] = {
    "shifou": [
        {"key": "yes", "label": "是", "share": 1},
        {"key": "partly", "label": "基本落实", "share": 0.5, "note_required": True, "raises_problem": True},
        {"key": "no", "label": "否", "share": 0, "note_required": True, "raises_problem": True},
        {"key": "na", "label": "不适用", "not_applicable": True, "note_required": True},
    ],
    "cunzai": [
        {"key": "none", "label": "不存在", "share": 1},
        {"key": "found", "label": "存在", "share": 0, "note_required": True, "raises_problem": True},
    ],
}
DEFAULT_BANDS = [
    {"name": "优秀", "min": 90},
    {"name": "良好", "min": 80, "max": 90},
    {"name": "合格", "min": 60, "max": 80},
    {"name": "不合格", "min": 0, "max": 60},
]


def _norm(text: str) -> str:
    """A header as compared: NFKC (full-width to half-width), no spaces, no （unit） note, no trailing colon."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"\([^)]*\)$", "", text)
    return text.rstrip(":").lower()


def header_kind(text: str) -> str | None:
    key = _norm(text)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    for syn, answer_type in _CONTAINS:
        if syn in key:
            return answer_type
    return None


# ---- reading cells ---------------------------------------------------------------------------------------------


@dataclass
class _Sheet:
    name: str
    rows: list[tuple[int, list[Any]]]  # (row number, values), non-empty rows only
    merges: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # cell → its merge's top-left
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # top-left → (rows, columns)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").strip()


def _read_rows(ws: Any, name: str, problems: _Problems, limit: int) -> list[tuple[int, list[Any]]] | None:
    """Non-empty rows of a read-only sheet, at most `limit` rows read; formulas and error values refused."""
    rows: list[tuple[int, list[Any]]] = []
    for r, cells in enumerate(ws.iter_rows(min_row=1, max_row=limit + 1), start=1):
        if r > limit:
            problems.add(
                None,
                f"工作表“{name}”超过 {limit} 行，已拒绝；请删除多余的行",
                f"sheet {name!r} has more than {limit} rows: refused; delete the extra rows",
                sheet=name,
            )
            return None
        values: list[Any] = []
        for c, cell in enumerate(cells, start=1):
            value = cell.value
            if value is None or value == "":
                values.append(None)
                continue
            if c > MAX_COLS:
                problems.add(
                    Ref(name, r, c, ""),
                    f"超过 {MAX_COLS} 列，已拒绝；请删除多余的列",
                    f"beyond {MAX_COLS} columns: refused; delete the extra columns",
                )
                return None
            kind = getattr(cell, "data_type", None)
            if kind == "f" or (isinstance(value, str) and kind != "s" and value.startswith("=")) or not _plain(value):
                problems.add(
                    Ref(name, r, c, "公式 / formula"),
                    "单元格含有公式，请复制后“选择性粘贴为数值”再导入",
                    "the cell holds a formula: copy it and paste as values, then import again",
                )
                values.append(None)
                continue
            if kind == "e":
                problems.add(
                    Ref(name, r, c, ""), f"单元格是错误值 {value}，请改正", f"the cell holds the error value {value}: fix it"
                )
                values.append(None)
                continue
            values.append(value)
        while values and values[-1] is None:
            values.pop()
        if values:
            rows.append((r, values))
    return rows


def _plain(value: Any) -> bool:
    return isinstance(value, str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta)


_MERGE = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']([A-Za-z]{1,3})([0-9]{1,7})(?::([A-Za-z]{1,3})([0-9]{1,7}))?[\"']"
)


def _merges(archive: zipfile.ZipFile, member: str) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges (min_row, min_col, max_row, max_col), read from its XML.

    openpyxl's read-only mode does not give merged cells, and its full mode is several times slower; the ranges are
    plain attributes after the cell data, found with a bounded regex over the (already DOCTYPE-checked) stream.
    """
    found: set[tuple[int, int, int, int]] = set()
    tail = b""
    for chunk in zipguard.stream_member(archive, member, MAX_XML_MEMBER):
        window = tail + chunk
        for m in _MERGE.finditer(window):
            c1, r1 = _column_index(m[1].decode()), int(m[2])
            c2, r2 = (_column_index(m[3].decode()), int(m[4])) if m[3] else (c1, r1)
            found.add((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
            if len(found) > MAX_MERGES:
                break
        tail = window[-300:]
    return sorted(found)


def _apply_merges(sheet: _Sheet, ranges: list[tuple[int, int, int, int]]) -> None:
    for r1, c1, r2, c2 in ranges:
        if r2 > MAX_ROWS or c2 > MAX_COLS:
            r2, c2 = min(r2, MAX_ROWS), min(c2, MAX_COLS)
        sheet.spans[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    sheet.merges[(r, c)] = (r1, c1)


# ---- the workbook ----------------------------------------------------------------------------------------------


def read_workbook(path: str | Path) -> Template:
    """Read a checklist workbook (.xlsx) into a validated Template, or raise TemplateError naming sheet and cell."""
    p = Path(path)
    file = str(path)
    suffix = p.suffix.lower()
    if suffix in (".xlsm", ".xltm", ".xlam"):
        raise _refused(
            file,
            "含宏的工作簿（.xlsm）不能导入：请在 Excel 中“另存为 Excel 工作簿 (*.xlsx)”",
            "macro-enabled workbooks (.xlsm) are refused: save as an Excel Workbook (*.xlsx)",
        )
    if suffix in (".xls", ".et", ".wps"):
        raise _refused(
            file,
            "旧版 .xls（或 WPS 格式）文件不能导入：请在 Excel 或 WPS 中“另存为 Excel 工作簿 (*.xlsx)”",
            "old .xls (or WPS) files are refused: save as an Excel Workbook (*.xlsx)",
        )
    try:
        archive = zipguard.open_checked(p, LIMITS)
    except zipguard.ZipRefused as exc:
        raise _refused(file, exc.zh, exc.en) from None
    with archive:
        try:
            _check_parts(archive, file)
        except zipguard.ZipRefused as exc:
            raise _refused(file, exc.zh, exc.en) from None
        return _read(p, file, archive)


def _check_parts(archive: zipfile.ZipFile, file: str) -> None:
    names = archive.namelist()
    lower = [n.lower() for n in names]
    if any(n.startswith("xl/externallinks/") for n in lower):
        raise zipguard.ZipRefused(
            "工作簿含有外部链接（引用其他文件的数据），已拒绝：请复制全部单元格并“选择性粘贴为数值”，删除外部链接后另存",
            "the workbook has external links (data from other files): refused; paste the cells as values, "
            "remove the links and save again",
        )
    if any(n.rsplit("/", 1)[-1] == "vbaproject.bin" for n in lower):
        raise zipguard.ZipRefused(
            "工作簿含有宏（VBA），已拒绝：请“另存为 Excel 工作簿 (*.xlsx)”",
            "the workbook holds macros (VBA): refused; save it as an Excel Workbook (*.xlsx)",
        )
    if "xl/workbook.xml" not in lower and "[content_types].xml" not in lower:
        raise zipguard.ZipRefused(
            "这是一个 zip 文件，但不是 Excel 工作簿（.xlsx）", "this is a zip file but not an Excel workbook (.xlsx)"
        )
    for name in names:
        zipguard.scan_xml(archive, name, MAX_XML_MEMBER, text=name.lower().endswith((".xml", ".rels", ".vml")))
    types = zipguard.read_member(archive, "[Content_Types].xml", 1024 * 1024) if "[Content_Types].xml" in names else b""
    if b"macroEnabled" in types:
        raise zipguard.ZipRefused(
            "工作簿声明为含宏格式，已拒绝：请“另存为 Excel 工作簿 (*.xlsx)”",
            "the workbook is declared macro-enabled: refused; save it as an Excel Workbook (*.xlsx)",
        )


def _read(p: Path, file: str, archive: zipfile.ZipFile) -> Template:
    import openpyxl  # heavy: only when a workbook is read

    problems = _Problems(file)
    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=False, keep_links=False, keep_vba=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged files; all mean the same to the user
        raise _refused(
            file,
            f"无法读取工作簿（{type(exc).__name__}）：文件可能已损坏，请在 Excel 中打开后重新另存为 .xlsx",
            f"cannot read the workbook ({type(exc).__name__}): it may be damaged; open it in Excel and save as .xlsx",
        ) from None
    try:
        sheets = wb.worksheets
        if len(sheets) > MAX_SHEETS:
            raise _refused(
                file,
                f"工作表太多（{len(sheets)} 个，最多 {MAX_SHEETS} 个）",
                f"too many sheets ({len(sheets)}, at most {MAX_SHEETS})",
            )
        try:
            return _read_sheets(sheets, archive, file, problems)
        except TemplateError:
            raise
        except zipguard.ZipRefused as exc:
            raise _refused(file, exc.zh, exc.en) from None
        except Exception as exc:  # a damaged part met while iterating
            raise _refused(
                file,
                f"读取工作簿时出错（{type(exc).__name__}）：文件可能已损坏，请在 Excel 中打开后重新另存为 .xlsx",
                f"error while reading the workbook ({type(exc).__name__}): it may be damaged; save it again as .xlsx",
            ) from None
    finally:
        wb.close()


def _dimension_ok(ws: Any, problems: _Problems) -> bool:
    rows, cols = ws.max_row, ws.max_column
    if rows is not None and rows > MAX_ROWS:
        problems.add(
            None,
            f"工作表“{ws.title}”有 {rows} 行（最多 {MAX_ROWS} 行），已拒绝；请删除多余的行",
            f"sheet {ws.title!r} has {rows} rows (at most {MAX_ROWS}): refused; delete the extra rows",
            sheet=ws.title,
        )
        return False
    if cols is not None and cols > MAX_COLS:
        problems.add(
            None,
            f"工作表“{ws.title}”有 {cols} 列（最多 {MAX_COLS} 列），已拒绝；请删除多余的列",
            f"sheet {ws.title!r} has {cols} columns (at most {MAX_COLS}): refused; delete the extra columns",
            sheet=ws.title,
        )
        return False
    return True


def _find_header(rows: list[tuple[int, list[Any]]]) -> tuple[int, dict[int, str], list[tuple[int, str]]] | None:
    """The header row in the first rows: (row number, column → kind, unknown headers)."""
    for r, values in rows:
        if r > HEADER_SCAN:
            break
        kinds: dict[int, str] = {}
        for c, value in enumerate(values, start=1):
            if isinstance(value, str) and (kind := header_kind(value)):
                kinds[c] = kind
        found = set(kinds.values())
        if "content" in found and len(found - {"ignore", "remark"}) >= 2:
            return r, kinds, [(c, _text(v)) for c, v in enumerate(values, start=1) if v is not None and c not in kinds]
    return None


def _read_sheets(sheets: list[Any], archive: zipfile.ZipFile, file: str, problems: _Problems) -> Template:
    checklist: tuple[Any, _Sheet, int, dict[int, str]] | None = None
    meta_sheets: list[tuple[Any, list[tuple[int, list[Any]]]]] = []
    for ws in sheets:
        if not _dimension_ok(ws, problems):
            raise TemplateError(problems.items)
        head = _read_rows_head(ws)
        if checklist is None and (found := _find_header(head)) is not None:
            rows = _read_rows(ws, ws.title, problems, MAX_ROWS)
            if rows is None or problems.items:
                raise TemplateError(problems.items)
            sheet = _Sheet(ws.title, rows)
            member = getattr(ws, "_worksheet_path", None)
            if isinstance(member, str):
                _apply_merges(sheet, _merges(archive, member))
            checklist = (ws, sheet, found[0], found[1])
        elif any(_meta_key(v[0]) for _, v in head if v and isinstance(v[0], str)):
            meta_sheets.append((ws, head))
    if checklist is None:
        raise _refused(
            file,
            "没有找到检查表：任一工作表的前 15 行中都没有包含“检查内容”和“序号”“分值”等栏目的表头行",
            "no checklist found: no sheet has a header row (with 检查内容 and columns like 序号, 分值) in its first 15 rows",
        )
    _, sheet, header_row, kinds = checklist
    meta: dict[str, tuple[Any, Ref]] = {}
    for ws, _head in meta_sheets[:1]:
        rows = _read_rows(ws, ws.title, problems, 500)
        if rows is None:
            raise TemplateError(problems.items)
        _meta_from_sheet(ws.title, rows, meta, problems)
    return _build(sheet, header_row, kinds, meta, problems)


def _read_rows_head(ws: Any) -> list[tuple[int, list[Any]]]:
    rows: list[tuple[int, list[Any]]] = []
    for r, values in enumerate(ws.iter_rows(min_row=1, max_row=HEADER_SCAN, max_col=MAX_COLS, values_only=True), start=1):
        vals = list(values)
        while vals and (vals[-1] is None or vals[-1] == ""):
            vals.pop()
        if vals:
            rows.append((r, vals))
    return rows


def _meta_key(value: str) -> str | None:
    return _META.get(_norm(value))


def _put_meta(meta: dict[str, tuple[Any, Ref]], key: str, value: Any, ref: Ref, problems: _Problems) -> None:
    if value is None or _text(value) == "":
        return
    if key in meta and _text(meta[key][0]) != _text(value):
        other = meta[key][1]
        problems.add(
            ref,
            f"与 {_sheet_ref(other.sheet)}!{other.cell} 的“{_text(meta[key][0])}”不一致；只写一处",
            f"differs from {_text(meta[key][0])!r} at {_sheet_ref(other.sheet)}!{other.cell}; give it once",
        )
        return
    meta[key] = (value, ref)


def _meta_from_sheet(name: str, rows: list[tuple[int, list[Any]]], meta: dict[str, tuple[Any, Ref]], problems: _Problems) -> None:
    """Key/value rows: the key in the first filled cell, the value in the next filled one."""
    for r, values in rows:
        filled = [(c, v) for c, v in enumerate(values, start=1) if v is not None and _text(v) != ""]
        if len(filled) < 2 or not isinstance(filled[0][1], str):
            continue
        key = _meta_key(filled[0][1])
        if key:
            c, v = filled[1]
            _put_meta(meta, key, v, Ref(name, r, c, _text(filled[0][1])), problems)


def _meta_above(sheet: _Sheet, header_row: int, meta: dict[str, tuple[Any, Ref]], problems: _Problems) -> None:
    """The rows above the header: a title line, and 编号：… 版本：… 发布单位：… as cells or inside one cell."""
    title: tuple[str, Ref] | None = None
    for r, values in sheet.rows:
        if r >= header_row:
            break
        filled = [(c, v) for c, v in enumerate(values, start=1) if v is not None and _text(v) != ""]
        used = False
        for n, (c, v) in enumerate(filled):
            text = _text(v)
            key = _meta_key(text) if isinstance(v, str) else None
            if key and n + 1 < len(filled):  # a key cell followed by its value cell
                nc, nv = filled[n + 1]
                _put_meta(meta, key, nv, Ref(sheet.name, r, nc, text), problems)
                used = True
                continue
            pairs = list(_META_INLINE.finditer(text))
            for k, m in enumerate(pairs):
                end = pairs[k + 1].start() if k + 1 < len(pairs) else len(text)
                value = text[m.end() : end].strip(" ，,;；")
                _put_meta(meta, _META[_norm(m[1])], value, Ref(sheet.name, r, c, m[1]), problems)
                used = True
        if (
            not used
            and len(filled) == 1
            and title is None
            and not re.fullmatch(r"附件\s*[0-9一二三四五六七八九十]*", _text(filled[0][1]))
        ):
            title = (_text(filled[0][1]), Ref(sheet.name, r, filled[0][0], "标题"))
    if title and "title" not in meta:
        meta["title"] = (title[0], title[1])


# ---- rows to the template --------------------------------------------------------------------------------------


@dataclass
class _Row:
    r: int
    own: dict[str, tuple[Any, int]]  # kind → (value, column), the row's own cells
    filled: dict[str, tuple[Any, int, int]]  # kind → (value, row, column) from a vertical merge above


def _points(value: Any) -> float | str | None:
    """A 分值 cell: a number (decimals allowed), nothing, or "veto"; a str error marker otherwise."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "bad"
    if isinstance(value, int | float):
        return float(value)
    text = unicodedata.normalize("NFKC", _text(value)).replace(" ", "")
    if _VETO in text:
        return "veto"
    if text in _NO_POINTS:
        return None
    text = re.sub(r"分$", "", text)
    try:
        number = float(text)
    except ValueError:
        return "bad"
    return number if number == number and abs(number) != float("inf") else "bad"


def _number_id(value: Any) -> str | None:
    text = unicodedata.normalize("NFKC", _text(value)).rstrip("、.．")
    return text if re.fullmatch(r"[0-9]{1,6}([.-][0-9]{1,6}){0,3}", text) else None


def _build(
    sheet: _Sheet, header_row: int, kinds: dict[int, str], meta: dict[str, tuple[Any, Ref]], problems: _Problems
) -> Template:
    headers = {c: _text(v) for c, v in enumerate(dict(sheet.rows).get(header_row, []), start=1)}
    cols: dict[str, int] = {}
    for c in sorted(kinds):
        kind = kinds[c]
        if kind == "ignore":
            continue
        if kind in cols:
            if kind == "content" and "subcategory" not in cols:  # 二级指标 | 评估内容: the left one groups the rows
                cols["subcategory"] = cols["content"]
                cols["content"] = c
                continue
            if kind == "category" and "subcategory" not in cols:
                cols["subcategory"] = c
                continue
            problems.add(
                Ref(sheet.name, header_row, c, headers.get(c, "")),
                f"与 {column_letter(cols[kind])} 列同为“{_KIND_ZH.get(kind, kind)}”栏，只能有一列",
                f"column {column_letter(cols[kind])} is already the {kind} column; keep one",
            )
            continue
        cols[kind] = c
    if "evidence" not in cols and "remark" in cols:  # 备注 is where many forms list the materials
        cols["evidence"] = cols.pop("remark")
    label = {kind: headers.get(c, _KIND_ZH.get(kind, kind)) for kind, c in cols.items()}
    _meta_above(sheet, header_row, meta, problems)

    fill_kinds = {"category", "subcategory", "method", "evidence", "rule", "remark", "type"}
    by_col = {c: kind for kind, c in cols.items()}
    where: dict[tuple[str | int, ...], Ref] = {}
    sections: list[dict[str, Any]] = []
    adjustments: list[dict[str, Any]] = []
    notes: list[str] = []
    scales_used: set[str] = set()
    anchors: dict[tuple[int, int], Any] = {}
    current: tuple[str, Ref] | None = None
    used_ids: set[str] = set()
    serial = 0  # changes whenever the category in force changes: a new section
    current_sub = ""
    total_points = 0.0
    section_points = 0.0

    def ref(kind: str, row: _Row) -> Ref:
        if kind in row.own:
            return Ref(sheet.name, row.r, row.own[kind][1], label.get(kind, ""))
        if kind in row.filled:
            _, fr, fc = row.filled[kind]
            return Ref(sheet.name, fr, fc, label.get(kind, ""))
        c = cols.get(kind) or cols.get("content") or 1
        return Ref(sheet.name, row.r, c, label.get(kind, _KIND_ZH.get(kind, kind)))

    def value(kind: str, row: _Row) -> str:
        if kind in row.own:
            return _text(row.own[kind][0])
        if kind in row.filled:
            return _text(row.filled[kind][0])
        return ""

    for r, values in sheet.rows:
        for c, v in enumerate(values, start=1):
            if v is not None and (r, c) in sheet.spans:
                anchors[(r, c)] = v
        if r <= header_row:
            continue
        row = _Row(r, {}, {})
        for c, v in enumerate(values, start=1):
            col_kind = by_col.get(c)
            if col_kind and v is not None and _text(v) != "":
                row.own[col_kind] = (v, c)
        for kind in fill_kinds & cols.keys():
            c = cols[kind]
            anchor = sheet.merges.get((r, c))
            if kind not in row.own and anchor and anchor[1] == c and anchor[0] > header_row and anchor in anchors:
                row.filled[kind] = (anchors[anchor], anchor[0], anchor[1])
        texts = [t for v in values if v is not None and (t := _text(v))]
        if not texts:
            continue
        first = texts[0]
        content = value("content", row)
        lead = [t.replace(" ", "") for t in texts[:3]]
        # a 合计 / 小计 row: ignored, its points checked
        if any(_TOTAL.match(t) for t in lead) and (not content or _TOTAL.match(content.replace(" ", ""))):
            if "points" in row.own:
                got = _points(row.own["points"][0])
                subtotal = any(t.startswith("小计") for t in lead)
                expected = section_points if subtotal else total_points
                if isinstance(got, float) and abs(got - expected) > 1e-6:
                    problems.add(
                        ref("points", row),
                        f"{'小计' if subtotal else '合计'} {got:g} 与各项分值之和 {expected:g} 不符",
                        f"the {'subtotal' if subtotal else 'total'} {got:g} differs from the sum of the points, {expected:g}",
                    )
            continue
        if len(texts) == 1 and _NOTE.match(first) and "points" not in row.own:
            if re.match(r"^(注|说明|填表说明)", first):
                notes.append(first)
            continue
        own_cat = _text(row.own["category"][0]) if "category" in row.own else ""
        has_points = "points" in row.own
        horizontal = any(sheet.spans.get((r, c), (1, 1))[1] >= 2 for c in range(1, len(values) + 1))
        banner_text = {t for t in texts if not _CN_NUMERAL.fullmatch(t)}
        numeral = "number" in row.own and _CN_NUMERAL.fullmatch(_text(row.own["number"][0]))
        if not has_points and len(banner_text) == 1 and (numeral or (not content and (horizontal or own_cat))):
            title = next(iter(banner_text))
            c_title = next(
                (c for c, v in enumerate(values, start=1) if v is not None and _text(v) == title), cols.get("content", 1)
            )
            current = (title, Ref(sheet.name, r, c_title, label.get("category", "检查项目")))
            serial += 1
            current_sub = ""
            continue
        if not content:
            if set(row.own) <= {"number"}:
                continue  # a numbered empty line, as blank forms have
            if "content" in cols:
                problems.add(
                    ref("content", row),
                    "检查内容为空，请填写或删除这一行",
                    "the check text is empty: fill it in or delete the row",
                )
            continue
        # the row's category: its own cell, a merged cell above, or the one in force
        cat_value = value("category", row)
        if cat_value and (current is None or current[0] != cat_value):
            current = (cat_value, ref("category", row))
            serial += 1
            current_sub = ""
        sub = value("subcategory", row)
        if sub:
            current_sub = sub
        if current is None:
            title = _text(meta["title"][0]) if "title" in meta else "检查项目"
            current = (title, Ref(sheet.name, r, cols.get("category", cols.get("content", 1)), label.get("category", "检查项目")))
            serial += 1
        text = f"{current_sub}：{content}" if current_sub and current_sub != content else content
        rule = value("rule", row)
        remark = value("remark", row)
        if remark:
            rule = f"{rule}（备注：{remark}）" if rule else remark
        pts = _points(row.own["points"][0]) if has_points else None
        veto = _VETO in current[0] or _VETO in rule or _VETO in content or pts == "veto"
        if pts == "bad":
            problems.add(ref("points", row), "不是数字，请写分值（可带小数）", "not a number: give the points (decimals allowed)")
        points = pts if isinstance(pts, float) else 0.0
        pmerge = sheet.spans.get((r, cols.get("points", 0)))
        if pmerge and pmerge[0] > 1:
            problems.add(
                ref("points", row),
                f"分值单元格合并了 {pmerge[0]} 行：每一项要有自己的分值，请取消合并并分别填写",
                f"the points cell is merged over {pmerge[0]} rows: each item needs its own points; unmerge and fill each",
            )
        # 加分项 / 扣分项: an adjustment, counted per occurrence within a cap
        if not veto and _is_adjustment(current[0]):
            source = f"{rule} {content}"
            per = _PER.search(source)
            kind = "bonus" if ("加" in (per[1] if per else current[0]) and not (per and per[1] in "扣减")) else "deduction"
            if per is None:
                problems.add(
                    ref("rule", row) if "rule" in cols else ref("content", row),
                    "加减分项要写明每次加（扣）几分，如“每次扣 2 分”",
                    "a bonus or deduction item must say the points per occurrence, e.g. 每次扣 2 分",
                )
                continue
            cap_match = _CAP.search(source)
            cap = points if points else (float(cap_match[1]) if cap_match else None)
            n = len(adjustments)
            adj: dict[str, Any] = {"id": f"adj.{n + 1}", "kind": kind, "text": text, "per_occurrence": float(per[2])}
            if cap is not None:
                adj["cap"] = cap
            if rule:
                adj["rule"] = rule
            if ev := value("evidence", row):
                adj["evidence"] = ev
            if "id" in row.own:
                adj["id"] = _text(row.own["id"][0])
            for f, k in (
                ("", "content"),
                ("text", "content"),
                ("cap", "points"),
                ("per_occurrence", "rule"),
                ("rule", "rule"),
                ("evidence", "evidence"),
                ("id", "id"),
            ):
                where[("adjustments", n, f) if f else ("adjustments", n)] = ref(k if k in cols else "content", row)
            adjustments.append(adj)
            continue
        if not sections or sections[-1]["_serial"] != serial:
            s = len(sections)
            sections.append({"id": f"s{s + 1}", "title": current[0], "items": [], "_serial": serial})
            where[("sections", s)] = current[1]
            where[("sections", s, "title")] = current[1]
            section_points = 0.0
        section = sections[-1]
        s = len(sections) - 1
        i = len(section["items"])
        item: dict[str, Any] = {"id": "", "text": text}
        id_ref = ref("content", row)
        if "id" in row.own:
            item["id"] = _text(row.own["id"][0])
            id_ref = ref("id", row)
        elif "number" in row.own and (num := _number_id(row.own["number"][0])):
            item["id"] = f"{section['id']}.{num}"
            id_ref = ref("number", row)
        if not item["id"] or (item["id"] in used_ids and "id" not in row.own and "number" not in row.own):
            item["id"] = f"{section['id']}.{i + 1}"
            if item["id"] in used_ids:  # numbered and unnumbered rows mixed: the row number keeps it unique
                item["id"] = f"{section['id']}.r{r}"
        used_ids.add(item["id"])
        kind_text = value("type", row)
        a_type, scale = ("choice", "cunzai") if veto else ("choice", None)
        if kind_text:
            key = unicodedata.normalize("NFKC", kind_text).replace(" ", "")
            if key in TYPES:
                a_type, scale = TYPES[key]
                if veto and a_type == "choice":
                    scale = "cunzai"
            else:
                problems.add(
                    ref("type", row),
                    f"不认识的作答方式“{kind_text}”，可选：{'、'.join(TYPES)}",
                    f"unknown answer type {kind_text!r}; use one of: {', '.join(TYPES)}",
                )
        if a_type != "choice":
            item["type"] = a_type
        if a_type == "choice":
            scale = scale or "shifou"
            scales_used.add(scale)
            if scale != "shifou":
                item["scale"] = scale
        if method := value("method", row):
            item["method"] = method
        if ev := value("evidence", row):
            item["evidence"] = ev
        if points or a_type in ("score", "deduction"):
            item["points"] = points
        if rule:
            item["rule"] = rule
        if a_type in ("number", "text", "date"):
            item["required"] = False
        if veto and a_type == "choice":
            item["veto"] = True
            item["veto_options"] = ["found"]
        if a_type == "deduction":
            per = _PER.search(rule or content)
            if per is None:
                problems.add(
                    ref("rule", row) if "rule" in cols else ref("content", row),
                    "按次扣分的项要在评分标准中写明每处扣几分，如“每发现一处扣 1 分”",
                    "a deduction item must say the points per occurrence in its rule, e.g. 每发现一处扣 1 分",
                )
            else:
                item["per_occurrence"] = float(per[2])
        base = ("sections", s, "items", i)
        where[base] = ref("content", row)
        where[(*base, "text")] = ref("content", row)
        where[(*base, "id")] = id_ref
        for f, k in (
            ("points", "points"),
            ("method", "method"),
            ("evidence", "evidence"),
            ("rule", "rule"),
            ("per_occurrence", "rule"),
        ):
            where[(*base, f)] = ref(k, row) if k in cols else ref("content", row)
        for f in ("type", "options", "scale", "veto", "veto_options", "required"):
            where[(*base, f)] = ref("type", row) if "type" in cols else ref("content", row)
        section["items"].append(item)
        total_points += points
        section_points += points

    if not sections and not problems.items:
        problems.add(
            None,
            "表头下面没有检查项：请在“检查内容”栏逐行填写",
            "there are no items under the header: fill in the check column row by row",
            sheet=sheet.name,
        )
    data = _template_data(meta, sections, adjustments, notes, scales_used, where, problems, sheet.name)
    return _validate(data, where, problems, sheet.name)


def _is_adjustment(title: str) -> bool:
    t = title.replace(" ", "")
    return bool(re.search(r"(加分|扣分|减分|加减分)(项|项目|类)?$", t) or re.match(r"^(加分|扣分|减分|加减分)", t))


def _template_data(
    meta: dict[str, tuple[Any, Ref]],
    sections: list[dict[str, Any]],
    adjustments: list[dict[str, Any]],
    notes: list[str],
    scales_used: set[str],
    where: dict[tuple[str | int, ...], Ref],
    problems: _Problems,
    sheet: str,
) -> dict[str, Any]:
    data: dict[str, Any] = {"format": "selfcheck.checklist/1"}
    required = {
        "id": ("检查表编号（英文字母或数字，如 zfjs-2026）", "the checklist id (letters or digits, e.g. zfjs-2026)"),
        "version": ("版本（如 1.0）", "the version (e.g. 1.0)"),
        "title": ("检查表名称", "the title"),
        "issuer": ("发布单位（如 某县教育局）", "the issuer (e.g. the county bureau)"),
        "effective_date": ("生效日期（如 2026-09-01）", "the effective date (e.g. 2026-09-01)"),
    }
    for key, (zh, en) in required.items():
        if key not in meta:
            problems.add(
                None,
                f"缺少{zh}：在“信息”工作表写一行“{META_KEYS[key][0]} | 值”，或在表头上方写“{META_KEYS[key][0]}：值”",
                f"missing {en}: add a row '{META_KEYS[key][0]} | value' on an information sheet, or "
                f"'{META_KEYS[key][0]}：value' above the header",
                sheet=sheet,
                label=META_KEYS[key][0],
            )
            continue
        value, ref = meta[key]
        where[(key,)] = ref
        data[key] = _date(value) if key == "effective_date" else _text(value)
    description = [_text(meta["description"][0])] if "description" in meta else []
    if "description" in meta:
        where[("description",)] = meta["description"][1]
    description += notes
    if description:
        data["description"] = "\n".join(description)
    if scales_used:
        data["scales"] = {name: SCALES[name] for name in ("shifou", "cunzai") if name in scales_used}
        if "shifou" in scales_used:
            data["default_scale"] = "shifou"
        else:  # every choice item is a 存在/不存在 one
            data["default_scale"] = "cunzai"
            for section in sections:
                for item in section["items"]:
                    item.pop("scale", None)
    data["sections"] = [{k: v for k, v in s.items() if not k.startswith("_")} for s in sections]
    if adjustments:
        data["adjustments"] = adjustments
    bands = DEFAULT_BANDS
    if "grading" in meta:
        where[("grading",)] = meta["grading"][1]
        parsed = _bands(_text(meta["grading"][0]))
        if parsed is None:
            problems.add(
                meta["grading"][1],
                "看不懂等次划分，请写成“优秀 90，良好 80，合格 60，不合格 0”（每档写名称和下限）",
                "cannot read the grades: write e.g. 优秀 90，良好 80，合格 60，不合格 0 (each name with its lower bound)",
            )
        else:
            bands = parsed
    grading: dict[str, Any] = {"basis": "percent", "bands": bands}
    data["grading"] = grading
    return data


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = unicodedata.normalize("NFKC", _text(value))
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    return text


def _bands(text: str) -> list[dict[str, Any]] | None:
    """优秀 90，良好 80，合格 60，不合格 0 (or ≥90 / 90分以上 / <60) to contiguous bands, highest first."""
    parts = [p for p in re.split(r"[，,；;、\n]+", unicodedata.normalize("NFKC", text)) if p.strip()]
    found: list[tuple[str, float]] = []
    for part in parts:
        m = re.fullmatch(
            r"\s*([^\d<>=≥≤:：\s]+)\s*[:：]?\s*(<|≤|<=)?\s*(?:≥|>=|>)?\s*(\d+(?:\.\d+)?)?\s*(?:分|%)?\s*(?:及?以上)?\s*", part
        )
        if not m:
            return None
        name, below, number = m[1], m[2], m[3]
        found.append((name, 0.0 if below or number is None else float(number)))
    if len(found) < 1:
        return None
    found.sort(key=lambda nf: -nf[1])
    bands: list[dict[str, Any]] = []
    upper: float | None = None
    for name, low in found:
        band: dict[str, Any] = {"name": name, "min": low}
        if upper is not None:
            band["max"] = upper
        bands.append(band)
        upper = low
    return bands


def _locate(path: tuple[str | int, ...], where: dict[tuple[str | int, ...], Ref]) -> Ref | None:
    for n in range(len(path), 0, -1):
        if path[:n] in where:
            return where[path[:n]]
    return None


def _validate(data: dict[str, Any], where: dict[tuple[str | int, ...], Ref], problems: _Problems, sheet: str) -> Template:
    def report(path: tuple[str | int, ...], zh: str, en: str) -> None:
        ref = _locate(path, where)
        if ref is not None and (ref.sheet, ref.row, ref.col) in problems.cells:
            return  # already reported at this cell, in the workbook's own words
        if ref is None and problems.items:
            return  # a missing top-level field, already named
        problems.add(ref, zh, en, sheet=sheet, label=ref.label if ref else ".".join(str(p) for p in path))

    template: Template | None = None
    try:
        template = Template.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for err in errors:
            zh, en = translate_error(dict(err))
            report(tuple(err["loc"]), zh, en)
        for path, zh, en in rules_despite(data, [(tuple(e["loc"]), kind(e)) for e in errors]):
            report(path, zh, en)
    if template is not None:
        for path, zh, en in cross_field_rules(template):
            report(path, zh, en)
    if problems.items:
        problems.items.sort(key=lambda p: (getattr(p, "sheet", "") != sheet, p.line, p.column))
        raise TemplateError(problems.items)
    assert template is not None
    return template


# ---- to YAML ---------------------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Plain data, no anchors (the safe reader refuses them), multi-line text as a literal block."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)


class _Flow(dict[str, Any]):
    """A short mapping (an option, a grade band) written on one line, as the built-in checklists do."""


class _FlowList(list[Any]):
    """A list of short words (veto_options) written on one line."""


_Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True))
_Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def _tidy(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        tidy = {k: _tidy(v, k) for k, v in value.items()}
        return _Flow(tidy) if "label" in value or ("min" in value and "name" in value) else tidy
    if isinstance(value, list):
        items = [_tidy(v) for v in value]
        return _FlowList(items) if key == "veto_options" else items
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


_ORDER = (
    "format",
    "id",
    "version",
    "title",
    "issuer",
    "effective_date",
    "description",
    "scales",
    "default_scale",
    "sections",
    "adjustments",
    "grading",
)


def template_to_yaml(template: Template, *, source: str | None = None) -> str:
    """The checklist as a YAML file `read_template` reads back to an equal template (defaults left out)."""
    data = template.model_dump(mode="json", exclude_defaults=True)
    data["format"] = template.format
    ordered = {k: _tidy(data[k]) for k in _ORDER if k in data}
    body = yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)
    head = f"# {template.title}（{template.id} 版本 {template.version}）\n"
    if source:
        head += f"# 由 {Path(source).name} 转换（selfcheck template convert）\n"
    return head + body


def iter_problems(exc: TemplateError) -> Iterator[str]:
    """Each problem of a TemplateError as one line (for callers that show them one by one)."""
    for p in exc.problems:
        yield str(p)

"""The workbook file: the kinds refused by name (.xlsm, .xls), the zip checked before anything parses it (no
external links, no macros, bounded sizes), then openpyxl (imported only here, when a workbook is read) to find the
checklist sheet by its header and the information sheet by its keys."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from selfcheck.core.checklist import Checklist
from selfcheck.errors import ChecklistError
from selfcheck.exchange import zipguard
from selfcheck.exchange.excel.cells import (
    MAX_ROWS,
    MAX_XML_MEMBER,
    Rows,
    Sheet,
    apply_merges,
    dimension_ok,
    merged_ranges,
    read_head,
    read_rows,
)
from selfcheck.exchange.excel.headers import HEADER_SCAN, find_header, meta_key
from selfcheck.exchange.excel.located import Problems, refused
from selfcheck.exchange.excel.metadata import Meta, from_sheet
from selfcheck.exchange.excel.rows import build

MAX_SHEETS = 50
ODS_ZH = "OpenDocument 表格（.ods）不能导入：请在 WPS/LibreOffice 中另存为 .xlsx（Excel 工作簿）"
ODS_EN = "OpenDocument spreadsheets (.ods) are refused: save it as .xlsx (Excel Workbook) in WPS/LibreOffice"
LIMITS = zipguard.Limits(max_member=MAX_XML_MEMBER, max_total=100 * 1024 * 1024)


def read_workbook(path: str | Path) -> Checklist:
    """Read a checklist workbook (.xlsx) into a validated Template, or raise TemplateError naming sheet and cell."""
    p = Path(path)
    file = str(path)
    suffix = p.suffix.lower()
    if suffix in (".xlsm", ".xltm", ".xlam"):
        raise refused(
            file,
            "含宏的工作簿（.xlsm）不能导入：请在 Excel 中“另存为 Excel 工作簿 (*.xlsx)”",
            "macro-enabled workbooks (.xlsm) are refused: save as an Excel Workbook (*.xlsx)",
        )
    if suffix in (".ods", ".fods", ".ots"):
        raise refused(file, ODS_ZH, ODS_EN)
    if suffix in (".xls", ".et", ".wps"):
        raise refused(
            file,
            "旧版 .xls（或 WPS 格式）文件不能导入：请在 Excel 或 WPS 中“另存为 Excel 工作簿 (*.xlsx)”",
            "old .xls (or WPS) files are refused: save as an Excel Workbook (*.xlsx)",
        )
    try:
        archive = zipguard.open_checked(p, LIMITS)
    except zipguard.ZipRefused as exc:
        raise refused(file, exc.zh, exc.en) from None
    with archive:
        try:
            _check_parts(archive, file)
        except zipguard.ZipRefused as exc:
            raise refused(file, exc.zh, exc.en) from None
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
    if "mimetype" in names and b"opendocument" in zipguard.read_member(archive, "mimetype", 256):  # an .ods renamed
        raise zipguard.ZipRefused(ODS_ZH, ODS_EN)
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


def _read(p: Path, file: str, archive: zipfile.ZipFile) -> Checklist:
    import openpyxl  # heavy: only when a workbook is read

    problems = Problems(file)
    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=False, keep_links=False, keep_vba=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged files; all mean the same to the user
        raise refused(
            file,
            f"无法读取工作簿（{type(exc).__name__}）：文件可能已损坏，请在 Excel 中打开后重新另存为 .xlsx",
            f"cannot read the workbook ({type(exc).__name__}): it may be damaged; open it in Excel and save as .xlsx",
        ) from None
    try:
        sheets = wb.worksheets
        if len(sheets) > MAX_SHEETS:
            raise refused(
                file,
                f"工作表太多（{len(sheets)} 个，最多 {MAX_SHEETS} 个）",
                f"too many sheets ({len(sheets)}, at most {MAX_SHEETS})",
            )
        try:
            return _read_sheets(sheets, archive, file, problems)
        except ChecklistError:
            raise
        except zipguard.ZipRefused as exc:
            raise refused(file, exc.zh, exc.en) from None
        except Exception as exc:  # a damaged part met while iterating
            raise refused(
                file,
                f"读取工作簿时出错（{type(exc).__name__}）：文件可能已损坏，请在 Excel 中打开后重新另存为 .xlsx",
                f"error while reading the workbook ({type(exc).__name__}): it may be damaged; save it again as .xlsx",
            ) from None
    finally:
        wb.close()


def _read_sheets(sheets: list[Any], archive: zipfile.ZipFile, file: str, problems: Problems) -> Checklist:
    """The first sheet with a header row is the checklist; the first other one whose rows start with a metadata
    key (编号, 版本, ...) is the information sheet."""
    checklist: tuple[Sheet, int, dict[int, str]] | None = None
    meta_sheets: list[Any] = []
    for ws in sheets:
        if not dimension_ok(ws, problems):
            raise ChecklistError(problems.items)
        head = read_head(ws, HEADER_SCAN)
        if checklist is None and (found := find_header(head)) is not None:
            rows = read_rows(ws, ws.title, problems, MAX_ROWS, formulas=True)  # a 合计 row's =SUM(...) is fine
            if rows is None or problems.items:
                raise ChecklistError(problems.items)
            sheet = Sheet(ws.title, rows)
            member = getattr(ws, "_worksheet_path", None)  # openpyxl's name for the sheet's part in the zip
            if isinstance(member, str):
                apply_merges(sheet, merged_ranges(archive, member))
            checklist = (sheet, found[0], found[1])
        elif any(meta_key(v[0]) for _, v in head if v and isinstance(v[0], str)):
            meta_sheets.append(ws)
    if checklist is None:
        raise refused(
            file,
            "没有找到检查表：任一工作表的前 15 行中都没有包含“检查内容”和“序号”“分值”等栏目的表头行",
            "no checklist found: no sheet has a header row (with 检查内容 and columns like 序号, 分值) in its first 15 rows",
        )
    sheet, header_row, kinds = checklist
    meta: Meta = {}
    for ws in meta_sheets[:1]:
        info: Rows | None = read_rows(ws, ws.title, problems, 500)
        if info is None:
            raise ChecklistError(problems.items)
        from_sheet(ws.title, info, meta, problems)
    return build(sheet, header_row, kinds, meta, problems)

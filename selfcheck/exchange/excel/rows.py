"""The rows under the header, one at a time, to checklist data: a 合计 / 小计 row (its points checked, then left
out), a note (kept in the description), a category banner, or a checklist row, which falls in the category in
force (its own cell, a merged cell above it, or the last banner) as an item, or under a 加分项 / 扣分项 category as
an adjustment. The data is then validated with each problem at its cell."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from selfcheck.core.checklist import Checklist
from selfcheck.exchange.excel.cells import FORMULA_EN, FORMULA_ZH, Formula, Sheet, cell_text, filled, formula_ref
from selfcheck.exchange.excel.headers import Columns, FormRow, assign_columns
from selfcheck.exchange.excel.items import SCALES, VETO, Said, adjustment, is_adjustment, item
from selfcheck.exchange.excel.located import Problems, Ref, Where, validate
from selfcheck.exchange.excel.metadata import Meta, above_header, checklist_fields

_TOTAL = re.compile(r"^(合计|总计|总分|小计|合计分值|分值合计|总分值|满分合计)")
_NOTE = re.compile(
    r"^(注|说明|备注|填表说明)\s*[:：\d]|^(检查人|填表人|审核人|负责人|校长|签字|签名|日期|填表日期|检查日期)\s*[:：]"
)
_CN_NUMERAL = re.compile(r"^[一二三四五六七八九十百]+[、.．]?$|^第[一二三四五六七八九十百\d]+(部分|项|类)")
_NO_POINTS = {"", "-", "—", "–", "/", "无", "——", "不计分"}
# the columns a cell merged down over several rows fills for each of them (a category, one method for a group ...)
_FILL_KINDS = {"category", "subcategory", "method", "evidence", "rule", "remark", "type"}


def build(sheet: Sheet, header_row: int, kinds: dict[int, str], meta: Meta, problems: Problems) -> Checklist:
    """The checklist sheet, its header found, as a validated Template; or TemplateError naming sheet and cell."""
    _judge_formulas(sheet, header_row, kinds, problems)
    columns = assign_columns(sheet, header_row, kinds, problems)
    above_header(sheet, header_row, meta, problems)
    rows = _Rows(sheet, header_row, columns, meta, problems)
    for r, values in sheet.rows:
        rows.read(r, values)
    if not rows.sections and not problems.items:
        problems.add(
            None,
            "表头下面没有检查项：请在“检查内容”栏逐行填写",
            "there are no items under the header: fill in the check column row by row",
            sheet=sheet.name,
        )
    return validate(rows.data(), rows.where, problems, sheet.name)


def _judge_formulas(sheet: Sheet, header_row: int, kinds: dict[int, str], problems: Problems) -> None:
    """A formula in a 合计 / 小计 row (=SUM(...)) is ignored with the row; in any other cell it is refused, naming the
    cell. Either way the cell reads as empty from here on."""
    content_col = next((c for c, kind in kinds.items() if kind == "content"), None)
    for r, values in sheet.rows:
        at = [c for c, v in enumerate(values, start=1) if isinstance(v, Formula)]
        if not at:
            continue
        for c in at:
            values[c - 1] = None
        texts = [t.replace(" ", "") for v in values if v is not None and (t := cell_text(v))]
        content = cell_text(values[content_col - 1]) if content_col and content_col <= len(values) else ""
        total = r > header_row and any(_TOTAL.match(t) for t in texts[:3])
        if total and (not content or _TOTAL.match(content.replace(" ", ""))):
            continue
        for c in at:
            problems.add(formula_ref(sheet.name, r, c), FORMULA_ZH, FORMULA_EN)


def points_of(value: Any) -> float | str | None:
    """A 分值 cell: a number (decimals allowed), nothing, or "veto"; a str error marker otherwise."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "bad"
    if isinstance(value, int | float):
        return float(value)
    text = unicodedata.normalize("NFKC", cell_text(value)).replace(" ", "")
    if VETO in text:
        return "veto"
    if text in _NO_POINTS:
        return None
    text = re.sub(r"分$", "", text)
    try:
        number = float(text)
    except ValueError:
        return "bad"
    return number if number == number and abs(number) != float("inf") else "bad"


class _Rows:
    """What the rows gave so far, and the category in force as the next row is read."""

    def __init__(self, sheet: Sheet, header_row: int, columns: Columns, meta: Meta, problems: Problems) -> None:
        self.sheet, self.header_row, self.columns, self.meta, self.problems = sheet, header_row, columns, meta, problems
        self.by_col = {c: kind for kind, c in columns.at.items()}
        self.where: Where = {}
        self.sections: list[dict[str, Any]] = []
        self.adjustments: list[dict[str, Any]] = []
        self.notes: list[str] = []
        self.scales_used: set[str] = set()
        self.used_ids: set[str] = set()
        self.anchors: dict[tuple[int, int], Any] = {}  # a merged range's top-left → its value
        self.current: tuple[str, Ref] | None = None  # the category in force
        self.serial = 0  # changes whenever the category in force changes: a new section
        self.current_sub = ""
        self.total_points = 0.0
        self.section_points = 0.0

    def read(self, r: int, values: list[Any]) -> None:
        """One row of the sheet (those above the header too: a merged cell's value is kept wherever it starts)."""
        for c, v in enumerate(values, start=1):
            if v is not None and (r, c) in self.sheet.spans:
                self.anchors[(r, c)] = v
        if r <= self.header_row:
            return
        row = self._form_row(r, values)
        texts = [t for v in values if v is not None and (t := cell_text(v))]
        if not texts:
            return
        content = row.value("content")
        lead = [t.replace(" ", "") for t in texts[:3]]
        if any(_TOTAL.match(t) for t in lead) and (not content or _TOTAL.match(content.replace(" ", ""))):
            self._check_total(row, lead)  # a 合计 / 小计 row: ignored, its points checked
            return
        if len(texts) == 1 and _NOTE.match(texts[0]) and "points" not in row.own:
            if re.match(r"^(注|说明|填表说明)", texts[0]):
                self.notes.append(texts[0])
            return
        if self._banner(row, values, texts, content):
            return
        if not content:
            if set(row.own) <= {"number"}:
                return  # a numbered empty line, as blank forms have
            if "content" in self.columns.at:
                self.problems.add(
                    row.ref("content"),
                    "检查内容为空，请填写或删除这一行",
                    "the check text is empty: fill it in or delete the row",
                )
            return
        self._checklist_row(row, content)

    def _form_row(self, r: int, values: list[Any]) -> FormRow:
        """The row's cells by kind; a merged cell's value for each of the rows it spans below the header."""
        row = FormRow(self.sheet.name, r, self.columns)
        for c, v in filled(values):
            if col_kind := self.by_col.get(c):
                row.own[col_kind] = (v, c)
        for kind in _FILL_KINDS & self.columns.at.keys():
            c = self.columns.at[kind]
            anchor = self.sheet.merges.get((r, c))
            if kind not in row.own and anchor and anchor[1] == c and anchor[0] > self.header_row and anchor in self.anchors:
                row.from_merge[kind] = (self.anchors[anchor], anchor[0], anchor[1])
        return row

    def _check_total(self, row: FormRow, lead: list[str]) -> None:
        if "points" not in row.own:
            return
        got = points_of(row.own["points"][0])
        subtotal = any(t.startswith("小计") for t in lead)
        expected = self.section_points if subtotal else self.total_points
        if isinstance(got, float) and abs(got - expected) > 1e-6:
            self.problems.add(
                row.ref("points"),
                f"{'小计' if subtotal else '合计'} {got:g} 与各项分值之和 {expected:g} 不符",
                f"the {'subtotal' if subtotal else 'total'} {got:g} differs from the sum of the points, {expected:g}",
            )

    def _banner(self, row: FormRow, values: list[Any], texts: list[str], content: str) -> bool:
        """A row that names a category and nothing else (一、思想作风 across the form): it is now in force."""
        own_cat = cell_text(row.own["category"][0]) if "category" in row.own else ""
        horizontal = any(self.sheet.spans.get((row.r, c), (1, 1))[1] >= 2 for c in range(1, len(values) + 1))
        banner_text = {t for t in texts if not _CN_NUMERAL.fullmatch(t)}
        numeral = "number" in row.own and _CN_NUMERAL.fullmatch(cell_text(row.own["number"][0]))
        if "points" in row.own or len(banner_text) != 1 or not (numeral or (not content and (horizontal or own_cat))):
            return False
        title = next(iter(banner_text))
        c_title = next(
            (c for c, v in enumerate(values, start=1) if v is not None and cell_text(v) == title),
            self.columns.at.get("content", 1),
        )
        self._enter((title, Ref(self.sheet.name, row.r, c_title, self.columns.label.get("category", "检查项目"))))
        return True

    def _enter(self, category: tuple[str, Ref]) -> None:
        self.current = category
        self.serial += 1
        self.current_sub = ""

    def _checklist_row(self, row: FormRow, content: str) -> None:
        # the row's category: its own cell, a merged cell above, or the one in force
        cat_value = row.value("category")
        if cat_value and (self.current is None or self.current[0] != cat_value):
            self._enter((cat_value, row.ref("category")))
        if sub := row.value("subcategory"):
            self.current_sub = sub
        if self.current is None:
            title = cell_text(self.meta["title"][0]) if "title" in self.meta else "检查项目"
            cols = self.columns.at
            col = cols.get("category", cols.get("content", 1))
            self.current = (title, Ref(self.sheet.name, row.r, col, self.columns.label.get("category", "检查项目")))
            self.serial += 1
        category = self.current
        rule = row.value("rule")
        if remark := row.value("remark"):
            rule = f"{rule}（备注：{remark}）" if rule else remark
        pts = points_of(row.own["points"][0]) if "points" in row.own else None
        said = Said(
            text=f"{self.current_sub}：{content}" if self.current_sub and self.current_sub != content else content,
            content=content,
            rule=rule,
            points=pts if isinstance(pts, float) else 0.0,
            veto=VETO in category[0] or VETO in rule or VETO in content or pts == "veto",
        )
        if pts == "bad":
            self.problems.add(
                row.ref("points"), "不是数字，请写分值（可带小数）", "not a number: give the points (decimals allowed)"
            )
        pmerge = self.sheet.spans.get((row.r, self.columns.at.get("points", 0)))
        if pmerge and pmerge[0] > 1:
            self.problems.add(
                row.ref("points"),
                f"分值单元格合并了 {pmerge[0]} 行：每一项要有自己的分值，请取消合并并分别填写",
                f"the points cell is merged over {pmerge[0]} rows: each item needs its own points; unmerge and fill each",
            )
        if not said.veto and is_adjustment(category[0]):  # 加分项 / 扣分项: counted per occurrence within a cap
            if found := adjustment(row, said, category[0], len(self.adjustments), self.problems):
                self.adjustments.append(found[0])
                self.where.update(found[1])
            return
        if not self.sections or self.sections[-1]["_serial"] != self.serial:
            s = len(self.sections)
            self.sections.append({"id": f"s{s + 1}", "title": category[0], "items": [], "_serial": self.serial})
            self.where[("sections", s)] = category[1]
            self.where[("sections", s, "title")] = category[1]
            self.section_points = 0.0
        section = self.sections[-1]
        place = (len(self.sections) - 1, len(section["items"]))
        new, where = item(row, said, section["id"], place, self.used_ids, self.scales_used, self.problems)
        self.where.update(where)
        section["items"].append(new)
        self.total_points += said.points
        self.section_points += said.points

    def data(self) -> dict[str, Any]:
        """The checklist data: the fields from the metadata, the scales the items use, sections, adjustments."""
        data, grading = checklist_fields(self.meta, self.notes, self.where, self.problems, self.sheet.name)
        if self.scales_used:
            data["scales"] = {name: SCALES[name] for name in ("shifou", "cunzai") if name in self.scales_used}
            if "shifou" in self.scales_used:
                data["default_scale"] = "shifou"
            else:  # every choice item is a 存在/不存在 one
                data["default_scale"] = "cunzai"
                for section in self.sections:
                    for it in section["items"]:
                        it.pop("scale", None)
        data["sections"] = [{k: v for k, v in s.items() if not k.startswith("_")} for s in self.sections]
        if self.adjustments:
            data["adjustments"] = self.adjustments
        data["grading"] = grading
        return data

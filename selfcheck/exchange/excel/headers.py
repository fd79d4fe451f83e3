"""The header row: which column is what, from the headers county forms use, and the keys of the checklist's own
fields (编号, 版本, 发布单位, ...) as an information sheet or the lines above the header write them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from selfcheck.exchange.excel.cells import Rows, Sheet, cell_text
from selfcheck.exchange.excel.located import Problems, Ref, column_letter

HEADER_SCAN = 15  # the header row is looked for in the first rows of each sheet

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


def meta_key(value: str) -> str | None:
    """The checklist field a key cell names (编号 → id), or None."""
    return _META.get(_norm(value))


def inline_pairs(text: str) -> list[tuple[str, str, str]]:
    """(field, key as written, value) of each "编号：… 版本：…" pair written inside one cell."""
    pairs = list(_META_INLINE.finditer(text))
    out: list[tuple[str, str, str]] = []
    for k, m in enumerate(pairs):
        end = pairs[k + 1].start() if k + 1 < len(pairs) else len(text)
        out.append((_META[_norm(m[1])], m[1], text[m.end() : end].strip(" ，,;；")))
    return out


def find_header(rows: Rows) -> tuple[int, dict[int, str], list[tuple[int, str]]] | None:
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
            return r, kinds, [(c, cell_text(v)) for c, v in enumerate(values, start=1) if v is not None and c not in kinds]
    return None


@dataclass(frozen=True)
class Columns:
    """The form's columns: kind → column number, and kind → its header as written (for the errors)."""

    at: dict[str, int]
    label: dict[str, str]


def assign_columns(sheet: Sheet, header_row: int, kinds: dict[int, str], problems: Problems) -> Columns:
    """One column per kind; a second content (or category) column, left of it, groups the rows as a subcategory."""
    headers = {c: cell_text(v) for c, v in enumerate(dict(sheet.rows).get(header_row, []), start=1)}
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
    return Columns(cols, {kind: headers.get(c, _KIND_ZH.get(kind, kind)) for kind, c in cols.items()})


@dataclass
class FormRow:
    """A row under the header, its cells by column kind: its own, or from a vertical merge above it."""

    sheet: str
    r: int
    columns: Columns
    own: dict[str, tuple[Any, int]] = field(default_factory=dict)  # kind → (value, column)
    from_merge: dict[str, tuple[Any, int, int]] = field(default_factory=dict)  # kind → (value, row, column)

    def value(self, kind: str) -> str:
        if kind in self.own:
            return cell_text(self.own[kind][0])
        if kind in self.from_merge:
            return cell_text(self.from_merge[kind][0])
        return ""

    def ref(self, kind: str) -> Ref:
        """The cell the row's value of `kind` came from; without one, where it would be (or the content cell)."""
        label = self.columns.label
        if kind in self.own:
            return Ref(self.sheet, self.r, self.own[kind][1], label.get(kind, ""))
        if kind in self.from_merge:
            _, fr, fc = self.from_merge[kind]
            return Ref(self.sheet, fr, fc, label.get(kind, ""))
        c = self.columns.at.get(kind) or self.columns.at.get("content") or 1
        return Ref(self.sheet, self.r, c, label.get(kind, _KIND_ZH.get(kind, kind)))

    def ref_or_content(self, kind: str) -> Ref:
        """The cell of `kind` when the form has that column, else the content cell (a field the row implies)."""
        return self.ref(kind if kind in self.columns.at else "content")

"""The report PDF: the 自查报告 a bureau files, laid out with reportlab Platypus as GB/T 9704 lays out a 公文.

Page 1 on, portrait A4 with the standard's margins (top 37, bottom 35, left 28, right 26 mm): the 发文字号 if any,
the title in Song 二号, the addressee (主送), the text (正文: headings 一、 in Hei and （一） in Kai, body in Song 三号),
the 附件说明, then the school's name and the date with the seal pressed over them, on the same page as the text's
last lines. Then the attachments on landscape pages: 附件1 the filled checklist with the county forms' columns,
附件2 the problem list and rectification ledger (this round's problems, and the previous round's with how they
ended), closed by the verification box (QR code with the data's fingerprint). Page numbers "— 3 —" at the bottom
outside edge. Cells are white, header rows shaded; a table row stays whole unless it is taller than a page.
The CJK fonts are embedded (resources/fonts).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from selfcheck.core.ledger import Status
from selfcheck.reports import evidence_annex, gongwen, page_flow
from selfcheck.reports import narrative as narrative_text
from selfcheck.reports.gongwen import (
    BODY_SIZE,
    BOTTOM,
    L_BODY_HEIGHT,
    L_BOTTOM,
    L_MARGIN,
    L_WIDTH,
    LEADING,
    LEFT,
    RED,
    RIGHT,
    SONG,
    WIDTH,
    register_fonts,
    style,
)
from selfcheck.reports.gongwen import esc as _esc
from selfcheck.reports.narrative import date_text, num
from selfcheck.reports.schema import ItemData, ProblemData, ReportData, SectionData

__all__ = ["SONG", "register_fonts", "render", "title_of"]  # SONG and register_fonts: as gongwen's, for the callers
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
UNSIGNED_NOTE = "未经教育局签名（学校自行导入）"
NO_TEXT = "（此页无正文）"


class _Styles(gongwen.Styles):
    def __init__(self) -> None:
        super().__init__()
        indent = 2 * BODY_SIZE
        self.red = style("red", SONG, 9, 12.6, textColor=RED)
        self.no_text = style("no_text", SONG, BODY_SIZE, LEADING, firstLineIndent=indent)
        self.unsigned = style("unsigned", SONG, 12, 18, alignment=TA_CENTER, textColor=RED, spaceAfter=LEADING / 2)
        self.right = style("right", SONG, BODY_SIZE, LEADING, alignment=TA_RIGHT)


def chinese_date(iso: str) -> str:
    return date_text(iso)


def _on_portrait(canvas: Canvas, doc: Any) -> None:
    gongwen.page_number(canvas, WIDTH, BOTTOM, RIGHT, LEFT)


def _on_landscape(canvas: Canvas, doc: Any) -> None:
    gongwen.page_number(canvas, L_WIDTH, L_BOTTOM + 4, L_MARGIN, L_MARGIN)


def _table(
    rows: list[list[Any]],
    widths: list[float],
    style: list[tuple[Any, ...]],
    frame_height: float,
    foot: list[Any] | None = None,
    continued: Callable[[str], Any] | None = None,
) -> Table:
    """A table whose rows stay whole across pages (the header repeats); only when a row is taller than a page does
    the table allow splitting inside a row, or it could not be laid out at all. `foot`: what follows the last row
    across the table's width (a summary), on the same page as that row. `continued`: the second column's cell for a
    row that starts a page inside its group (page_flow.ContinuedTable)."""
    split = 0
    room = frame_height - 40  # the repeated header and the padding
    for row in rows[1:]:
        for cell, width in zip(row, widths, strict=True):
            if _long(cell) and _height(cell, width - 5) > room:
                split = 1
                break
        if split:
            break
    if foot:
        rows = [*rows, [foot] + [""] * (len(widths) - 1)]
        style = [*style, ("SPAN", (0, -1), (-1, -1)), ("NOSPLIT", (0, -2), (-1, -1))]
    table = page_flow.ContinuedTable(rows, colWidths=widths, repeatRows=1, splitInRow=split)
    table.continued = continued
    table.setStyle(TableStyle(style))
    return table


def _long(cell: Any) -> bool:
    parts = cell if isinstance(cell, list) else [cell]
    return sum(len(p.text) for p in parts if isinstance(p, Paragraph)) > 150


def _height(cell: Any, width: float) -> float:
    parts = cell if isinstance(cell, list) else [cell]
    return float(sum(p.wrap(width, 1e6)[1] for p in parts if isinstance(p, Paragraph)))


# ---- the 自查报告 -------------------------------------------------------------------------------------------------


def title_of(data: ReportData) -> str:
    """《XX学校关于2026年秋季学期“五查五看”自查情况的报告》: the checklist's name without 自查表, in quotation marks
    unless it quotes its own short name already."""
    name = _strip_form(data.template.title)
    if "“" not in name:
        name = f"“{name}”"
    return f"{data.school.name}关于{data.inspection.period}{name}自查情况的报告"


def _strip_form(title: str) -> str:
    for suffix in ("自查表", "检查表", "评估表", "督查表", "自评表", "表"):
        if title.endswith(suffix) and len(title) > len(suffix):
            return title[: -len(suffix)]
    return title


def _document(data: ReportData, s: _Styles, signature_png: bytes | None, seal_png: bytes | None) -> list[Flowable]:
    doc = data.document
    addressee = doc.addressee if doc else narrative_text.bureau(data.template.issuer)
    text = doc.narrative if doc else narrative_text.write(data, inspection_date=data.report_date)
    story: list[Flowable] = []
    if doc and doc.document_number:
        story.append(Paragraph(_esc(doc.document_number), s.number))
        story.append(Spacer(1, LEADING / 2))
    story.append(Paragraph(_esc(title_of(data)), s.title))
    if data.template.provenance == "unsigned":  # the bureau must see at once that this is not the checklist it signed
        story.append(Paragraph(_esc(f"检查表来源：{UNSIGNED_NOTE}"), s.unsigned))
    story.append(Paragraph(_esc(f"{addressee.rstrip('：:')}："), s.addressee))
    paras = gongwen.text_flow(narrative_text.paragraphs(text), s)
    more = ParagraphStyle("annex2", parent=s.annex_note, leftIndent=s.annex_note.leftIndent, firstLineIndent=0)
    annex = [
        Spacer(1, LEADING),
        Paragraph(_esc(f"附件：1. {data.template.title}"), s.annex_note),
        Paragraph(_esc("2. 问题清单及整改台账"), more),
    ]
    if evidence_annex.has_evidence(data):
        annex.append(Paragraph(_esc(f"{evidence_annex.ANNEX_NUMBER}. {evidence_annex.TITLE}"), more))
    seal = gongwen.SealBlock(data.school.name, data.report_date, seal_png, signer="校长（签字）：", signature_png=signature_png)
    ending = [*annex, Spacer(1, LEADING), seal]
    # the seal never stands alone: the text's last lines go with it to the next page when they do not fit
    return story + page_flow.sign_off(paras or [Paragraph(NO_TEXT, s.no_text)], ending)


# ---- 附件1: the checklist ----------------------------------------------------------------------------------------

CHECKLIST_HEAD = [
    "序号",
    "检查项目",
    "检查内容",
    "评分标准",
    "分值",
    "自查情况",
    "得分",
    "存在问题",
    "整改措施",
    "督查情况",
    "备注",
]
CHECKLIST_WIDTHS = [10, 26, 52, 38, 10, 29, 10, 29, 28, 16, 9]  # mm, 257 in all


def _own_words(problem: str, item: ItemData, answer: str) -> str:
    """What a problem raised on the item says beyond its row: a raised problem reads "item text：what was found", and
    with no note what was found is the answer itself ("发现 1 处", "自查结果为“否”"), printed in 自查情况 already.
    Empty when nothing is left: the row then says where the problem stands (see _item_row)."""
    for prefix in (f"{item.text}：", f"{item.text}:"):
        if problem.startswith(prefix):
            problem = problem[len(prefix) :]
            break
    else:
        if problem == item.text:
            return ""
    said = {_squash(answer), _squash(item.result), _squash(f"自查结果为“{item.result}”"), "自查发现问题"}
    return "" if _squash(problem.rstrip("。")) in said else problem


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _where(item: ItemData, problem: str) -> str:
    """存在问题 for a problem that says nothing its row does not: the item's requirement when it names only that, else
    what the school found (自查情况)."""
    return "见检查内容" if problem.strip().rstrip("：:") == item.text.strip() else "见自查情况"


def _item_row(section: SectionData, item: ItemData, first: bool, s: _Styles) -> list[Any]:
    content: list[Flowable] = [Paragraph(_esc(item.text), s.cell)]
    if item.method:
        content.append(Paragraph(_esc(f"检查方法：{item.method}"), s.small))
    if item.evidence:
        content.append(Paragraph(_esc(f"佐证材料：{item.evidence}"), s.small))
    # Each fact once: 自查情况 gives the answer (the count, the result chosen) and the note no problem quotes; 存在问题
    # gives each problem in its own words, or, when those only repeat the item's text or the answer, where it stands.
    answer = date_text(item.result) if item.type == "date" and ISO_DATE.match(item.result) else item.result
    problems = [_own_words(p, item, answer) for p in item.problems]
    shown = [p for p in problems if p]
    result: list[Flowable] = [Paragraph(_esc(answer), s.cell)]
    if item.note and item.note not in shown:
        result.append(Paragraph(_esc(item.note), s.cell))
    found: list[Flowable] = [
        Paragraph(_esc(p or _where(item, raw)), s.cell) for p, raw in zip(problems, item.problems, strict=True)
    ]
    measures: list[Flowable] = [Paragraph(_esc(m), s.cell) for m in item.measures]
    scored = item.points > 0 or item.type in ("score", "deduction")
    remarks = []
    if item.vetoed:
        remarks.append(Paragraph("一票否决", s.red))
    if not item.applicable:
        remarks.append(Paragraph("不适用", s.cell_c))
    heading: Any = ""
    if first:
        parts = [Paragraph(_esc(section.title), s.cell)]
        for label, text in (("查", section.check), ("看", section.look)):
            if text:
                words = text if text.startswith(label) else f"{label}{text}"
                parts.append(Paragraph(_esc(words), s.small))
        heading = parts
    return [
        Paragraph(item.number, s.cell_c),
        heading,
        content,
        Paragraph(_esc(item.rule), s.cell) if item.rule else "",
        Paragraph(num(item.points), s.cell_c) if scored else "",
        result,
        Paragraph(num(item.earned) if item.applicable else "不计", s.cell_c) if scored else "",
        found or "",
        measures or "",
        "",  # 督查情况: for the level above
        remarks or "",
    ]


def _checklist(data: ReportData, s: _Styles) -> list[Flowable]:
    t, sc = data.template, data.score
    day = data.document.inspection_date if data.document else data.report_date
    info = [
        f"学校：{data.school.name}",
        f"检查期次：{data.inspection.period}",
        f"自查日期：{date_text(day)}",
        f"自查得分：{num(sc.points)}分（满分{num(sc.max)}分）",
    ]
    if sc.grade:
        info.append(f"等次：{sc.grade}")
    story: list[Flowable] = [
        Paragraph("附件1", s.annex_label),
        Paragraph(_esc(t.title), s.annex_title),
        Paragraph(_esc("　　".join(info)), s.annex_info),
    ]
    if t.provenance == "unsigned":  # the bureau must see that this checklist is not the one it signed
        story.append(Paragraph(_esc(f"检查表来源：{UNSIGNED_NOTE}"), ParagraphStyle("un", parent=s.annex_info, textColor=RED)))
    widths = [w * mm for w in CHECKLIST_WIDTHS]
    rows: list[list[Any]] = [[Paragraph(h, s.head) for h in CHECKLIST_HEAD]]
    section_of: dict[str, str] = {}  # an item's number: its section's title
    for section in data.sections:
        for n, item in enumerate(section.items):
            rows.append(_item_row(section, item, n == 0, s))
            section_of[item.number] = section.title

    def continued(number: str) -> Any:  # a page starting inside a section names it again, as printed forms do
        title = section_of.get(number)
        return [Paragraph(_esc(f"{title}（续）"), s.cell)] if title else None

    adjust = [a for a in data.adjustments if a.occurrences]
    lines = [f"{'加分' if a.kind == 'bonus' else '扣分'}：{a.text}（{a.occurrences}次，{num(a.points)}分）" for a in adjust]
    scores = "；".join(f"{sec.title}{num(sec.earned)}分（满分{num(sec.max)}分）" for sec in data.sections if sec.max > 0)
    if scores:
        lines.append(f"各部分得分：{scores}。")
    # the totals close the table as its last row, on the page of the last item (never alone on a page of their own)
    foot = [Paragraph(_esc(line), s.cell) for line in lines]
    story.append(_table(rows, widths, gongwen.grid(), L_BODY_HEIGHT, foot=foot or None, continued=continued))
    return story


# ---- 附件2: problems and their rectification ---------------------------------------------------------------------


def _verified(p: ProblemData) -> str:
    parts = []
    if p.verified_by:
        parts.append(f"验收人：{p.verified_by}")
    if p.verified_on:
        early = f"（早于提出日期{date_text(p.raised_on)}，原因：{p.close_reason}）" if p.close_reason and p.raised_on else ""
        parts.append(f"验收日期：{date_text(p.verified_on)}{early}")
    if p.evidence:
        parts.append(f"佐证：{p.evidence}")
    return "；".join(parts)


def _status(p: ProblemData, s: _Styles) -> list[Flowable]:
    out = [Paragraph(_esc(p.status_label), s.cell_c)]
    if p.overdue:
        out.append(Paragraph("已逾期", ParagraphStyle("od", parent=s.red, alignment=TA_CENTER)))
    return out


def _problems(data: ReportData, s: _Styles) -> list[Flowable]:
    numbers = {i.id: i.number for sec in data.sections for i in sec.items}
    previous = data.previous if data.previous is not None else data.carried
    info = f"学校：{data.school.name}　　检查期次：{data.inspection.period}"
    # with nothing left from the last round, saying so under the title keeps a heading and one sentence from taking a
    # page of their own after a long table; the one part left needs no number
    if not previous:
        info += "　　上一轮自查没有需要整改的问题"
    story: list[Flowable] = [
        Paragraph("附件2", s.annex_label),
        Paragraph("问题清单及整改台账", s.annex_title),
        Paragraph(_esc(info), s.annex_info),
        Paragraph("一、本次自查发现的问题" if previous else "本次自查发现的问题", s.annex_h),
    ]
    if data.problems:
        head = ["序号", "存在问题", "对应检查内容序号", "整改措施", "责任人", "责任部门", "整改期限", "整改状态", "验收情况"]
        widths = [w * mm for w in (10, 62, 18, 55, 18, 22, 24, 20, 28)]
        rows: list[list[Any]] = [[Paragraph(h, s.head) for h in head]]
        for n, p in enumerate(data.problems, 1):
            rows.append(
                [
                    Paragraph(str(n), s.cell_c),
                    Paragraph(_esc(p.description), s.cell),
                    Paragraph(numbers.get(p.item_id or "", "另行发现") if p.item_id else "另行发现", s.cell_c),
                    Paragraph(_esc(p.measure or ""), s.cell),
                    Paragraph(_esc(p.owner or ""), s.cell_c),
                    Paragraph(_esc(p.department or ""), s.cell_c),
                    Paragraph(date_text(p.deadline), s.cell_c),
                    _status(p, s),
                    Paragraph(_esc(_verified(p)), s.cell),
                ]
            )
        story.append(_table(rows, widths, gongwen.grid(), L_BODY_HEIGHT))
    else:
        story.append(Paragraph("本次自查未发现需要整改的问题。", s.annex_info))
    if previous:
        story.append(CondPageBreak(40 * mm))  # the heading goes with the table's header and first row
        story.append(Paragraph("二、上一轮问题整改情况", s.annex_h))
        head = ["序号", "问题", "整改措施", "责任人", "责任部门", "整改期限", "本轮开始时", "现在", "验收情况"]
        widths = [w * mm for w in (10, 62, 45, 18, 22, 24, 22, 20, 34)]  # 验收情况 holds who, when and the proof
        rows = [[Paragraph(h, s.head) for h in head]]
        labels = {status.value: status.label for status in Status}
        for n, p in enumerate(previous, 1):
            start = labels.get(p.status_at_start or "", "")
            rows.append(
                [
                    Paragraph(str(n), s.cell_c),
                    Paragraph(_esc(p.description), s.cell),
                    Paragraph(_esc(p.measure or ""), s.cell),
                    Paragraph(_esc(p.owner or ""), s.cell_c),
                    Paragraph(_esc(p.department or ""), s.cell_c),
                    Paragraph(date_text(p.deadline), s.cell_c),
                    Paragraph(start, s.cell_c),
                    _status(p, s),
                    Paragraph(_esc(_verified(p)), s.cell),
                ]
            )
        story.append(_table(rows, widths, gongwen.grid(), L_BODY_HEIGHT))
    return story


def _verification(data: ReportData, s: _Styles, signer_fingerprint: str | None) -> list[Flowable]:
    fingerprint = data.fingerprint()
    text = f"电子文档编号：{data.document_id}<br/>数据指纹：{fingerprint}<br/>"
    if signer_fingerprint:
        text += f"签名证书指纹：{signer_fingerprint}<br/>本报告内附自查数据和数字签名，教育局可离线验证其来源和完整性。"
    else:
        text += "本报告内附自查数据，未经数字签名。"
    return gongwen.verification_box(data.document_id, fingerprint, text, s.small)


def render(
    data: ReportData,
    *,
    signature_png: bytes | None = None,
    seal_png: bytes | None = None,
    signer_fingerprint: str | None = None,
    thumbnails: dict[str, bytes] | None = None,
) -> bytes:
    """The report as PDF bytes (unsigned; signing.sign or signing.attach_data add the data and signature).
    `thumbnails`: JPEG bytes by SHA-256 for the evidence photos (reports.evidence.gather)."""
    register_fonts()
    s = _Styles()
    buffer = io.BytesIO()
    title = title_of(data)
    doc = gongwen.document(
        buffer,
        on_portrait=_on_portrait,
        on_landscape=_on_landscape,
        title=title,
        author=data.school.name,
        subject=f"{data.template.title} {data.inspection.period}",
        keywords=f"自查报告,{data.template.title},{data.inspection.period},{data.school.name}",
    )
    story = _document(data, s, signature_png, seal_png)
    story += [NextPageTemplate("annex"), PageBreak(), *_checklist(data, s)]
    story += [PageBreak(), *_problems(data, s)]
    evidence = evidence_annex.annex(
        data, thumbnails or {}, s, _esc, lambda rows, widths: _table(rows, widths, gongwen.grid(), L_BODY_HEIGHT), SONG
    )
    if evidence:
        story += [PageBreak(), *evidence]
    doc.build(page_flow.close_with(story, _verification(data, s, signer_fingerprint)))
    return gongwen.pdf_2(buffer)

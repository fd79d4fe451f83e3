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
import sys
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from selfcheck.core.ledger import Status
from selfcheck.errors import SelfcheckError
from selfcheck.reports import linebreak
from selfcheck.reports import narrative as narrative_text
from selfcheck.reports.narrative import date_text, num
from selfcheck.reports.schema import ItemData, ProblemData, ReportData, SectionData

FONT = "WQYMicroHei"  # Hei (黑体): the 一、 headings and the tables' header rows
FONT_FILE = "wqy-microhei.ttc"
SONG = "ARPLUMing"  # Song (宋体): the title, the body text, the table cells
SONG_FILE = "uming.ttc"
KAI = "ARPLUKai"  # Kai (楷体): the （一） headings, when resources/fonts holds ukai.ttc (not shipped: see kai())
KAI_FILE = "ukai.ttc"
INK = colors.black
RULE = colors.black
HEAD_BG = colors.HexColor("#e6e6e6")
RED = colors.HexColor("#c00000")
WIDTH, HEIGHT = A4
# GB/T 9704: A4, margins top 37, bottom 35, left 28, right 26 mm; 22 lines of 28 characters of 三号 (16 pt)
TOP, BOTTOM, LEFT, RIGHT = 37 * mm, 35 * mm, 28 * mm, 26 * mm
BODY_WIDTH = WIDTH - LEFT - RIGHT
BODY_HEIGHT = HEIGHT - TOP - BOTTOM
BODY_SIZE = 16  # 三号
LEADING = BODY_HEIGHT / 22  # 22 lines a page
TITLE_SIZE = 22  # 二号
# The attachments: landscape A4 with 20 mm margins (25 mm at the bottom for the page number)
L_WIDTH, L_HEIGHT = landscape(A4)
L_MARGIN, L_BOTTOM = 20 * mm, 25 * mm
L_BODY_WIDTH = L_WIDTH - 2 * L_MARGIN
L_BODY_HEIGHT = L_HEIGHT - L_MARGIN - L_BOTTOM
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
UNSIGNED_NOTE = "未经教育局签名（学校自行导入）"
NO_TEXT = "（此页无正文）"


def fonts_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources" / "fonts"
    return Path(__file__).resolve().parent.parent.parent / "resources" / "fonts"


def kai() -> str:
    """The face of the （一） headings: Kai (AR PL UKai) when resources/fonts holds it, else Song. The shipped app
    leaves it out: its 17 MB would take the frozen folder over its size limit (tests/test_frozen.py)."""
    return KAI if KAI in pdfmetrics.getRegisteredFontNames() else SONG


def register_fonts() -> str:
    """Register the embedded CJK fonts once; the table font's name."""
    if FONT in pdfmetrics.getRegisteredFontNames() and SONG in pdfmetrics.getRegisteredFontNames():
        linebreak.install()
        return FONT
    for name, file in ((SONG, SONG_FILE), (FONT, FONT_FILE), (KAI, KAI_FILE)):
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        path = fonts_dir() / file
        if name == KAI and not path.is_file():
            continue  # optional
        if not path.is_file():
            raise SelfcheckError(
                f"找不到报告字体 {path}；请重新安装 selfcheck", f"the report font {path} is missing; reinstall selfcheck"
            )
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
    # Charts and the QR code start from reportlab's default state font (Helvetica, never embedded): make the
    # embedded font the default, so every font in the PDF is embedded.
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = FONT
    linebreak.install()
    return FONT


class _Styles:
    def __init__(self) -> None:
        def style(name: str, font: str, size: float, leading: float | None = None, **kw: Any) -> ParagraphStyle:
            kw.setdefault("textColor", INK)
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.4, wordWrap="CJK", **kw)

        indent = 2 * BODY_SIZE
        self.number = style("number", SONG, BODY_SIZE, LEADING, alignment=TA_CENTER)
        self.title = style("title", SONG, TITLE_SIZE, TITLE_SIZE * 1.5, alignment=TA_CENTER, spaceAfter=LEADING)
        self.addressee = style("addressee", SONG, BODY_SIZE, LEADING)
        self.body = style("body", SONG, BODY_SIZE, LEADING, firstLineIndent=indent, alignment=TA_JUSTIFY)
        self.h1 = style("h1", FONT, BODY_SIZE, LEADING, firstLineIndent=indent, keepWithNext=1)
        self.h2 = style("h2", kai(), BODY_SIZE, LEADING, firstLineIndent=indent, keepWithNext=1)
        self.annex_note = style(
            "annex_note", SONG, BODY_SIZE, LEADING, leftIndent=indent + 3 * BODY_SIZE, firstLineIndent=-3 * BODY_SIZE
        )
        self.annex_label = style("annex_label", FONT, BODY_SIZE, LEADING)
        self.annex_title = style("annex_title", SONG, 18, 28, alignment=TA_CENTER, spaceAfter=2 * mm)
        self.annex_info = style("annex_info", SONG, 10.5, 16, spaceAfter=2 * mm)
        self.annex_h = style("annex_h", FONT, 12, 20, spaceBefore=3 * mm, spaceAfter=1.5 * mm)
        self.cell = style("cell", SONG, 9, 12.6)
        self.cell_c = style("cell_c", SONG, 9, 12.6, alignment=TA_CENTER)
        self.small = style("small", SONG, 7.5, 10.5)
        self.head = style("head", FONT, 9, 12.6, alignment=TA_CENTER)
        self.red = style("red", SONG, 9, 12.6, textColor=RED)
        self.no_text = style("no_text", SONG, BODY_SIZE, LEADING, firstLineIndent=indent)
        self.unsigned = style("unsigned", SONG, 12, 18, alignment=TA_CENTER, textColor=RED, spaceAfter=LEADING / 2)
        self.right = style("right", SONG, BODY_SIZE, LEADING, alignment=TA_RIGHT)


def chinese_date(iso: str) -> str:
    return date_text(iso)


def _esc(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def _page_number(canvas: Canvas, page_width: float, bottom: float) -> None:
    """ "— 3 —" in Song 四号 below the text, at the outside edge: right on odd pages, left on even ones."""
    n = canvas.getPageNumber()
    canvas.saveState()
    canvas.setFont(SONG, 14)
    canvas.setFillColor(INK)
    text = f"— {n} —"
    y = bottom - 7 * mm - 14
    if n % 2:
        canvas.drawRightString(page_width - RIGHT - 14, y, text)
    else:
        canvas.drawString(LEFT + 14, y, text)
    canvas.restoreState()


def _on_portrait(canvas: Canvas, doc: Any) -> None:
    _page_number(canvas, WIDTH, BOTTOM)


def _on_landscape(canvas: Canvas, doc: Any) -> None:
    n = canvas.getPageNumber()
    canvas.saveState()
    canvas.setFont(SONG, 14)
    canvas.setFillColor(INK)
    y = L_BOTTOM - 7 * mm - 10
    if n % 2:
        canvas.drawRightString(L_WIDTH - L_MARGIN - 14, y, f"— {n} —")
    else:
        canvas.drawString(L_MARGIN + 14, y, f"— {n} —")
    canvas.restoreState()


class _SealBlock(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """落款: the school's name centred over the date, the date right-aligned four characters in (GB/T 9704 for a
    sealed document), the red seal pressed over both (盖章压日期); the principal's signature at the left."""

    def __init__(self, data: ReportData, signature_png: bytes | None, seal_png: bytes | None) -> None:
        super().__init__()
        self.data = data
        self.signature = ImageReader(io.BytesIO(signature_png)) if signature_png else None
        self.seal = ImageReader(io.BytesIO(seal_png)) if seal_png else None
        self.width = BODY_WIDTH
        self.height = 4 * LEADING

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFillColor(INK)
        c.setFont(SONG, BODY_SIZE)
        date = date_text(self.data.report_date)
        date_right = self.width - 4 * BODY_SIZE
        date_width = pdfmetrics.stringWidth(date, SONG, BODY_SIZE)
        centre = date_right - date_width / 2
        name_y = self.height - 2 * LEADING
        date_y = name_y - LEADING
        c.drawCentredString(centre, name_y, self.data.school.name)
        c.drawRightString(date_right, date_y, date)
        c.drawString(0, name_y, "校长（签字）：")
        label = pdfmetrics.stringWidth("校长（签字）：", SONG, BODY_SIZE)
        if self.signature is not None:
            c.drawImage(
                self.signature, label, name_y - 5 * mm, width=40 * mm, height=14 * mm, preserveAspectRatio=True, mask="auto"
            )
        if self.seal is not None:  # 盖章压日期: the seal over the name and the date, its lower edge near the date
            size = 42 * mm
            c.drawImage(
                self.seal, centre - size / 2, date_y - 10 * mm, width=size, height=size, preserveAspectRatio=True, mask="auto"
            )


def _qr(text: str, size: float) -> Drawing:
    widget = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def _grid() -> list[tuple[Any, ...]]:
    return [
        ("FONTNAME", (0, 0), (-1, -1), SONG),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),  # the header row only: every other cell stays white
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]


def _table(rows: list[list[Any]], widths: list[float], style: list[tuple[Any, ...]], frame_height: float) -> Table:
    """A table whose rows stay whole across pages (the header repeats); only when a row is taller than a page does
    the table allow splitting inside a row, or it could not be laid out at all."""
    split = 0
    room = frame_height - 40  # the repeated header and the padding
    for row in rows[1:]:
        for cell, width in zip(row, widths, strict=True):
            if _long(cell) and _height(cell, width - 5) > room:
                split = 1
                break
        if split:
            break
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=split)
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
    paras: list[Flowable] = []
    for kind, line in narrative_text.paragraphs(text):
        style = {"h1": s.h1, "h2": s.h2}.get(kind, s.body)
        paras.append(Paragraph(_esc(line), style))
    annex = [
        Spacer(1, LEADING),
        Paragraph(_esc(f"附件：1. {data.template.title}"), s.annex_note),
        Paragraph(
            _esc("2. 问题清单及整改台账"),
            ParagraphStyle("annex2", parent=s.annex_note, leftIndent=s.annex_note.leftIndent, firstLineIndent=0),
        ),
    ]
    ending = [*annex, Spacer(1, LEADING), _SealBlock(data, signature_png, seal_png)]
    # the seal never stands alone: the text's last paragraph goes with it to the next page when they do not fit
    tail = paras[-1:] if paras else [Paragraph(NO_TEXT, s.no_text)]
    story += paras[:-1]
    story.append(KeepTogether([*tail, *ending]))
    return story


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
CHECKLIST_WIDTHS = [10, 26, 52, 38, 10, 30, 10, 29, 29, 14, 9]  # mm, 257 in all


def _own_words(problem: str, item: ItemData) -> str:
    """A problem raised from an answer reads "item text：note"; in the item's row the item text is already there."""
    for prefix in (f"{item.text}：", f"{item.text}:"):
        if problem.startswith(prefix) and len(problem) > len(prefix):
            return problem[len(prefix) :]
    return "" if problem == item.text else problem


def _item_row(section: SectionData, item: ItemData, first: bool, s: _Styles) -> list[Any]:
    content: list[Flowable] = [Paragraph(_esc(item.text), s.cell)]
    if item.method:
        content.append(Paragraph(_esc(f"检查方法：{item.method}"), s.small))
    if item.evidence:
        content.append(Paragraph(_esc(f"佐证材料：{item.evidence}"), s.small))
    problems = [_own_words(p, item) for p in item.problems]
    shown = [p for p in problems if p]
    answer = date_text(item.result) if item.type == "date" and ISO_DATE.match(item.result) else item.result
    result: list[Flowable] = [Paragraph(_esc(answer), s.cell)]
    if item.note and item.note not in shown:  # each note once: in 存在问题 when a problem quotes it, else here
        result.append(Paragraph(_esc(item.note), s.cell))
    found: list[Flowable] = [Paragraph(_esc(p or "见检查内容"), s.cell) for p in problems]
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
    for section in data.sections:
        for n, item in enumerate(section.items):
            rows.append(_item_row(section, item, n == 0, s))
    story.append(_table(rows, widths, _grid(), L_BODY_HEIGHT))
    adjust = [a for a in data.adjustments if a.occurrences]
    lines = [f"{'加分' if a.kind == 'bonus' else '扣分'}：{a.text}（{a.occurrences}次，{num(a.points)}分）" for a in adjust]
    scores = "；".join(f"{sec.title}{num(sec.earned)}分（满分{num(sec.max)}分）" for sec in data.sections if sec.max > 0)
    if scores:
        lines.append(f"各部分得分：{scores}。")
    story += [Spacer(1, 2 * mm), *[Paragraph(_esc(line), s.annex_info) for line in lines]]
    return story


# ---- 附件2: problems and their rectification ---------------------------------------------------------------------


def _verified(p: ProblemData) -> str:
    parts = []
    if p.verified_by:
        parts.append(f"验收人：{p.verified_by}")
    if p.verified_on:
        parts.append(f"验收日期：{date_text(p.verified_on)}")
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
    story: list[Flowable] = [
        Paragraph("附件2", s.annex_label),
        Paragraph("问题清单及整改台账", s.annex_title),
        Paragraph(_esc(f"学校：{data.school.name}　　检查期次：{data.inspection.period}"), s.annex_info),
        Paragraph("一、本次自查发现的问题", s.annex_h),
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
        story.append(_table(rows, widths, _grid(), L_BODY_HEIGHT))
    else:
        story.append(Paragraph("本次自查未发现需要整改的问题。", s.annex_info))
    story.append(CondPageBreak(40 * mm))
    story.append(Paragraph("二、上一轮问题整改情况", s.annex_h))
    previous = data.previous if data.previous is not None else data.carried
    if previous:
        head = ["序号", "问题", "整改措施", "责任人", "责任部门", "整改期限", "本轮开始时", "现在", "验收情况"]
        widths = [w * mm for w in (10, 62, 55, 18, 22, 24, 22, 20, 24)]
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
        story.append(_table(rows, widths, _grid(), L_BODY_HEIGHT))
    else:
        story.append(Paragraph("上一轮自查没有需要整改的问题。", s.annex_info))
    return story


def _verification(data: ReportData, s: _Styles, signer_fingerprint: str | None) -> Flowable:
    fingerprint = data.fingerprint()
    qr = _qr(f"selfcheck:{data.document_id}:{fingerprint}", 24 * mm)
    text = f"电子文档编号：{data.document_id}<br/>数据指纹：{fingerprint}<br/>"
    if signer_fingerprint:
        text += f"签名证书指纹：{signer_fingerprint}<br/>本报告内附自查数据和数字签名，教育局可离线验证其来源和完整性。"
    else:
        text += "本报告内附自查数据，未经数字签名。"
    box = Table([[qr, Paragraph(text, s.small)]], colWidths=[28 * mm, 140 * mm])
    box.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTNAME", (0, 0), (-1, -1), SONG)]))
    return KeepTogether([Spacer(1, 6 * mm), box])


def render(
    data: ReportData,
    *,
    signature_png: bytes | None = None,
    seal_png: bytes | None = None,
    signer_fingerprint: str | None = None,
) -> bytes:
    """The report as PDF bytes (unsigned; signing.sign or signing.attach_data add the data and signature)."""
    register_fonts()
    s = _Styles()
    buffer = io.BytesIO()
    title = title_of(data)
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=title,
        author=data.school.name,
        subject=f"{data.template.title} {data.inspection.period}",
        keywords=f"自查报告,{data.template.title},{data.inspection.period},{data.school.name}",
        creator="selfcheck",
        lang="zh-CN",
        initialFontName=SONG,  # else an unembedded Helvetica sits in every page's resources
        initialFontSize=10,
    )
    portrait = PageTemplate(
        "document",
        [Frame(LEFT, BOTTOM, BODY_WIDTH, BODY_HEIGHT, 0, 0, 0, 0, id="body")],
        onPage=_on_portrait,
        pagesize=A4,
    )
    wide = PageTemplate(
        "annex",
        [Frame(L_MARGIN, L_BOTTOM, L_BODY_WIDTH, L_BODY_HEIGHT, 0, 0, 0, 0, id="annex")],
        onPage=_on_landscape,
        pagesize=(L_WIDTH, L_HEIGHT),
    )
    doc.addPageTemplates([portrait, wide])
    story = _document(data, s, signature_png, seal_png)
    story += [NextPageTemplate("annex"), PageBreak(), *_checklist(data, s)]
    story += [PageBreak(), *_problems(data, s), _verification(data, s, signer_fingerprint)]
    doc.build(story)
    # One PDF version in the header and the catalog: the data attachment (/AF, signing.py) makes it a PDF 2.0 file,
    # which pyHanko declares in the catalog; the header says the same (same length: no offset moves).
    pdf = buffer.getvalue()
    assert pdf.startswith(b"%PDF-1.4")
    return b"%PDF-2.0" + pdf[len(b"%PDF-1.4") :]

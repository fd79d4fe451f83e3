"""The report PDF, laid out with reportlab Platypus in the layout of the county forms people know.

Title, header block, one table per section (with its 查 and 看), summary with a bar chart, the
rectification ledger with last round's problems, the sign-and-stamp block with the seal stamped over
the school name and date, "第 X 页 共 Y 页" on every page, the document id and a QR code carrying
the data's fingerprint. The CJK font is embedded (resources/fonts).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from selfcheck.core.ledger import Status
from selfcheck.errors import SelfcheckError
from selfcheck.reports.schema import ProblemData, ReportData

FONT = "WQYMicroHei"  # tables and small text: a clear sans-serif at small sizes
FONT_FILE = "wqy-microhei.ttc"
SONG = "ARPLUMing"  # title, headings, body and the sign-and-stamp block: the Song (Ming) face of official documents
SONG_FILE = "uming.ttc"
INK = colors.HexColor("#1a1a1a")
RULE = colors.HexColor("#555555")
HEAD_BG = colors.HexColor("#e8e8e8")
SECTION_BG = colors.HexColor("#f4f4f4")
WIDTH, HEIGHT = A4
MARGIN = 18 * mm
BODY_WIDTH = WIDTH - 2 * MARGIN


def fonts_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources" / "fonts"
    return Path(__file__).resolve().parent.parent.parent / "resources" / "fonts"


def register_fonts() -> str:
    """Register the embedded CJK font once; its name."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return FONT
    for name, file in ((SONG, SONG_FILE), (FONT, FONT_FILE)):
        path = fonts_dir() / file
        if not path.is_file():
            raise SelfcheckError(
                f"找不到报告字体 {path}；请重新安装 selfcheck", f"the report font {path} is missing; reinstall selfcheck"
            )
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
    # Charts and the QR code start from reportlab's default state font (Helvetica, never embedded): make the
    # embedded font the default, so every font in the PDF is embedded.
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = FONT
    return FONT


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    small: ParagraphStyle
    head: ParagraphStyle
    veto: ParagraphStyle


def _styles() -> _Styles:
    def style(name: str, size: float, **kw: Any) -> ParagraphStyle:
        kw.setdefault("textColor", INK)
        kw.setdefault("fontName", FONT)
        return ParagraphStyle(name, fontSize=size, leading=size * 1.45, wordWrap="CJK", **kw)

    return _Styles(
        title=style("title", 20, fontName=SONG, alignment=TA_CENTER, spaceAfter=2 * mm),
        subtitle=style("subtitle", 13, fontName=SONG, alignment=TA_CENTER, spaceAfter=4 * mm),
        h2=style("h2", 13.5, fontName=SONG, spaceBefore=5 * mm, spaceAfter=2 * mm),
        body=style("body", 10.5, fontName=SONG),
        cell=style("cell", 8.6),
        small=style("small", 7.4, textColor=colors.HexColor("#444444")),
        head=style("head", 8.6, alignment=TA_CENTER),
        veto=style("veto", 8.6, textColor=colors.HexColor("#b00000")),
    )


def chinese_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso[:10])
    return f"{day.year}年{day.month}月{day.day}日"


def _esc(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}" if value == int(value) else f"{value:.2f}".rstrip("0").rstrip(".")


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
    """Defers each page until the page count is known, for "第 X 页 共 Y 页"."""

    school = ""
    document_id = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        self.saveState()
        self.setFont(FONT, 8)
        self.setFillColor(RULE)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.4)
        top = HEIGHT - 12 * mm
        self.drawString(MARGIN, top, self.school)
        self.drawRightString(WIDTH - MARGIN, top, "学校自查报告")
        self.line(MARGIN, top - 1.6 * mm, WIDTH - MARGIN, top - 1.6 * mm)
        bottom = 10 * mm
        self.line(MARGIN, bottom + 4 * mm, WIDTH - MARGIN, bottom + 4 * mm)
        self.drawString(MARGIN, bottom, f"文档编号 {self.document_id}")
        self.drawRightString(WIDTH - MARGIN, bottom, f"第 {self._pageNumber} 页 共 {total} 页")
        self.restoreState()


class _SealBlock(Flowable):  # type: ignore[misc]
    """The sign-and-stamp block: 校长签字 with the signature image; the school name and the date with the
    red seal stamped over them (盖章压日期), as GB/T 9704 lays out the end of an official document."""

    def __init__(self, data: ReportData, signature_png: bytes | None, seal_png: bytes | None) -> None:
        super().__init__()
        self.data = data
        self.signature = ImageReader(io.BytesIO(signature_png)) if signature_png else None
        self.seal = ImageReader(io.BytesIO(seal_png)) if seal_png else None
        self.width = BODY_WIDTH
        self.height = 46 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFillColor(INK)
        c.setFont(SONG, 12)
        c.drawString(0, self.height - 10 * mm, "校长（签字）：")
        if self.signature is not None:
            c.drawImage(
                self.signature,
                28 * mm,
                self.height - 18 * mm,
                width=45 * mm,
                height=16 * mm,
                preserveAspectRatio=True,
                mask="auto",
                anchor="sw",
            )
        else:
            c.line(28 * mm, self.height - 11 * mm, 70 * mm, self.height - 11 * mm)
        right = self.width
        c.drawRightString(right, self.height - 26 * mm, f"{self.data.school.name}（公章）")
        c.drawRightString(right, self.height - 34 * mm, chinese_date(self.data.report_date))
        if self.seal is not None:  # stamped over the name and the date
            size = 40 * mm
            c.drawImage(
                self.seal, right - 44 * mm, self.height - 44 * mm, width=size, height=size, preserveAspectRatio=True, mask="auto"
            )


def _qr(text: str, size: float) -> Drawing:
    widget = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def _grid(header_rows: int = 1) -> list[tuple[Any, ...]]:
    return [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]


def _header_block(data: ReportData, s: _Styles) -> Table:
    t = data.template
    rows = [
        ["学校名称", data.school.name, "学校代码", data.school.code],
        ["检查期次", data.inspection.period, "自查日期", chinese_date(data.report_date)],
        ["自查组成员", "、".join(data.inspection.inspectors) or "—", "校长", data.school.principal],
        ["检查表", f"{t.title}（{t.id}，版本 {t.version}）", "发布单位", t.issuer],
    ]
    if t.provenance == "unsigned":  # the bureau must see that this checklist is not the one it signed
        rows.append(["检查表来源", UNSIGNED_NOTE, "", ""])
    cells = [[Paragraph(_esc(v), s.head if n % 2 == 0 else s.cell) for n, v in enumerate(r)] for r in rows]
    style = [*_grid(0), ("BACKGROUND", (0, 0), (0, -1), HEAD_BG), ("BACKGROUND", (2, 0), (2, 3), HEAD_BG)]
    if len(rows) > 4:
        cells[4][1] = Paragraph(_esc(UNSIGNED_NOTE), s.veto)  # in red, across the row
        style.append(("SPAN", (1, 4), (3, 4)))
    table = Table(cells, colWidths=[22 * mm, 68 * mm, 22 * mm, BODY_WIDTH - 112 * mm])
    table.setStyle(TableStyle(style))
    return table


UNSIGNED_NOTE = "未经教育局签名（学校自行导入）"


ITEM_COLUMNS = [11 * mm, 60 * mm, 28 * mm, 10 * mm, 10 * mm]  # the last column takes the rest


def _section_table(section: Any, s: _Styles) -> Table:
    head = ["序号", "检查内容", "自查情况", "分值", "得分", "存在问题 / 整改措施"]
    widths = [*ITEM_COLUMNS, BODY_WIDTH - sum(ITEM_COLUMNS)]
    title = f"{_esc(section.title)}（{_num(section.earned)} / {_num(section.max)} 分）"
    lines = [title]
    if section.check:
        lines.append(f"查：{_esc(section.check)}")
    if section.look:
        lines.append(f"看：{_esc(section.look)}")
    rows: list[list[Any]] = [[Paragraph("<br/>".join(lines), s.cell), "", "", "", "", ""]]
    rows.append([Paragraph(h, s.head) for h in head])
    # Each cell is a list of single-style paragraphs (and the short numbers plain strings): reportlab's CJK line
    # breaking is several times slower on one paragraph that mixes styles with <font> markup.
    for item in section.items:
        hint = "；".join(
            part
            for part in (
                f"检查方法：{_esc(item.method)}" if item.method else "",
                f"材料：{_esc(item.evidence)}" if item.evidence else "",
            )
            if part
        )
        content: list[Flowable] = [Paragraph(_esc(item.text), s.cell)]
        if hint:
            content.append(Paragraph(hint, s.small))
        result: list[Flowable] = [Paragraph(_esc(item.result), s.cell)]
        if item.note:
            result.append(Paragraph(_esc(item.note), s.small))
        if item.vetoed:
            result.append(Paragraph("一票否决", s.veto))
        fixes: list[Flowable] = [Paragraph(f"问题：{_esc(p)}", s.cell) for p in item.problems]
        fixes += [Paragraph(f"措施：{_esc(m)}", s.cell) for m in item.measures]
        scored = item.points > 0 or item.type in ("score", "deduction")
        rows.append(
            [
                item.number,
                content,
                result,
                _num(item.points) if scored else "—",
                (_num(item.earned) if item.applicable else "不计") if scored else "—",
                fixes or "—",
            ]
        )
    table = Table(rows, colWidths=widths, repeatRows=2, splitInRow=1)  # a row taller than a page splits
    table.setStyle(
        TableStyle(
            [
                *_grid(0),
                ("SPAN", (0, 0), (-1, 0)),
                ("BACKGROUND", (0, 0), (-1, 0), SECTION_BG),
                ("BACKGROUND", (0, 1), (-1, 1), HEAD_BG),
                ("FONTSIZE", (0, 2), (-1, -1), 8.6),
                ("ALIGN", (0, 2), (0, -1), "CENTER"),
                ("ALIGN", (3, 2), (5, -1), "CENTER"),
                ("VALIGN", (0, 2), (-1, -1), "TOP"),  # reportlab splits middle-aligned rows badly
            ]
        )
    )
    return table


def _chart(data: ReportData) -> Drawing:
    sections = [sec for sec in data.sections if sec.max > 0]
    height = 12 * mm + 7 * mm * max(1, len(sections))
    drawing = Drawing(BODY_WIDTH, height)
    chart = HorizontalBarChart()
    chart.x = 52 * mm
    chart.y = 6 * mm
    chart.width = BODY_WIDTH - 62 * mm
    chart.height = height - 10 * mm
    chart.data = [[sec.percent or 0 for sec in reversed(sections)]]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = [sec.title[:16] for sec in reversed(sections)]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.bars[0].fillColor = colors.HexColor("#4a6fa5")
    chart.barLabelFormat = "%.0f%%"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    drawing.add(chart)
    return drawing


def _summary(data: ReportData, s: _Styles) -> list[Flowable]:
    sc = data.score
    percent = "—" if sc.percent is None else f"{sc.percent:.2f}%"
    rows = [
        ["得分", f"{_num(sc.points)} / {_num(sc.max)}", "得分率", percent, "等次", sc.grade or "—"],
        ["加分", f"+{_num(sc.bonus)}", "扣分", f"−{_num(sc.deduction)}", "已答", f"{sc.answered} / {sc.total}"],
    ]
    cells = [[Paragraph(_esc(v), s.head) for v in r] for r in rows]
    table = Table(cells, colWidths=[BODY_WIDTH / 6] * 6)
    table.setStyle(TableStyle([*_grid(0), *[("BACKGROUND", (c, 0), (c, -1), HEAD_BG) for c in (0, 2, 4)]]))
    out: list[Flowable] = [table, Spacer(1, 2 * mm)]
    if sc.vetoed_by:
        out.append(
            Paragraph(
                f"<font color='#b00000'>一票否决项：{_esc('、'.join(sc.vetoed_by))}；等次最高为 {_esc(sc.grade)}</font>", s.body
            )
        )
    counts = "；".join(f"{_esc(k)} {v} 项" for k, v in sc.counts.items())
    out.append(Paragraph(f"自查结果统计：{counts}", s.body))
    per = [[Paragraph(h, s.head) for h in ("部分", "得分", "满分", "得分率")]]
    for sec in data.sections:
        per.append(
            [
                Paragraph(_esc(sec.title), s.cell),
                Paragraph(_num(sec.earned), s.head),
                Paragraph(_num(sec.max), s.head),
                Paragraph("—" if sec.percent is None else f"{sec.percent:.1f}%", s.head),
            ]
        )
    per_table = Table(per, colWidths=[BODY_WIDTH - 60 * mm, 20 * mm, 20 * mm, 20 * mm], repeatRows=1)
    per_table.setStyle(TableStyle(_grid()))
    out += [Spacer(1, 2 * mm), per_table, Spacer(1, 2 * mm), _chart(data)]
    adjust = [a for a in data.adjustments if a.occurrences]
    if adjust:
        lines = [
            f"{'加分' if a.kind == 'bonus' else '扣分'}：{_esc(a.text)}（{a.occurrences} 次，{_num(a.points)} 分）"
            for a in adjust
        ]
        out.append(Paragraph("<br/>".join(lines), s.cell))
    return out


_STATUSES = {s.value: s for s in Status}  # the carried problems' status at the start, by key


def _problem_rows(problems: list[ProblemData], s: _Styles, *, carried: bool) -> Table:
    head = ["编号", "问题", "整改措施", "责任人", "责任部门", "整改期限", "状态"]
    widths = [10 * mm, 50 * mm, 42 * mm, 16 * mm, 18 * mm, 18 * mm]
    if carried:
        head[-1] = "本轮开始时 → 现在"
    rows = [[Paragraph(h, s.head) for h in head]]
    for p in problems:
        status = p.status_label
        if carried and p.status_at_start:
            known = _STATUSES.get(p.status_at_start)
            start = known.label if known is not None else _esc(p.status_at_start)
            status = f"{start} → {p.status_label}"
        if p.overdue:
            status += "<br/><font color='#b00000'>逾期</font>"
        if p.verified_by:
            status += f"<br/><font size=7>验收：{_esc(p.verified_by)} {_esc(p.verified_on or '')}</font>"
        rows.append(
            [
                Paragraph(f"#{p.id}", s.head),
                Paragraph(_esc(p.description), s.cell),
                Paragraph(_esc(p.measure or "—"), s.cell),
                Paragraph(_esc(p.owner or "—"), s.cell),
                Paragraph(_esc(p.department or "—"), s.cell),
                Paragraph(_esc(p.deadline or "—"), s.head),
                Paragraph(status, s.cell),
            ]
        )
    table = Table(rows, colWidths=[*widths, BODY_WIDTH - sum(widths)], repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle(_grid()))
    return table


def render(
    data: ReportData,
    *,
    signature_png: bytes | None = None,
    seal_png: bytes | None = None,
    signer_fingerprint: str | None = None,
) -> bytes:
    """The report as PDF bytes (unsigned; signing.sign or signing.attach_data add the data and signature)."""
    register_fonts()
    s = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{data.school.name}{data.inspection.period}{data.template.title}自查报告",
        author=data.school.name,
        subject=data.template.title,
        creator="selfcheck",
        initialFontName=FONT,  # else an unembedded Helvetica sits in every page's resources
        initialFontSize=10,
    )
    story: list[Flowable] = [
        Paragraph(_esc(f"{data.school.name}{data.inspection.period}"), s.title),
        Paragraph(_esc(f"{data.template.title}自查报告"), s.subtitle),
        _header_block(data, s),
        Paragraph("一、自查情况", s.h2),
    ]
    for section in data.sections:
        story += [_section_table(section, s), Spacer(1, 3 * mm)]
    story += [Paragraph("二、得分汇总", s.h2), *_summary(data, s)]
    story.append(Paragraph("三、整改台账", s.h2))
    if data.problems:
        story.append(_problem_rows(data.problems, s, carried=False))
    else:
        story.append(Paragraph("本次自查未发现需要整改的问题。", s.body))
    story.append(Paragraph("上一轮问题整改情况", s.h2))
    if data.carried:
        story.append(_problem_rows(data.carried, s, carried=True))
    else:
        story.append(Paragraph("上一轮没有未销号的问题。", s.body))
    fingerprint = data.fingerprint()
    qr = _qr(f"selfcheck:{data.document_id}:{fingerprint}", 26 * mm)
    ident = Table(
        [
            [
                qr,
                Paragraph(
                    f"文档编号：{data.document_id}<br/>数据指纹（SHA-256）：<br/>{fingerprint}<br/>"
                    + (
                        f"签名证书指纹（SHA-256）：<br/>{signer_fingerprint}<br/>"
                        "本报告附有自查数据（selfcheck-report.json）和数字签名，可用 selfcheck report verify 离线验证。"
                        if signer_fingerprint
                        else "本报告附有自查数据（selfcheck-report.json），未经数字签名。"
                    ),
                    s.small,
                ),
            ]
        ],
        colWidths=[30 * mm, BODY_WIDTH - 30 * mm],
    )
    ident.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTNAME", (0, 0), (-1, -1), FONT)]))
    story += [Spacer(1, 6 * mm), KeepTogether([_SealBlock(data, signature_png, seal_png), Spacer(1, 4 * mm), ident])]

    class Canvas_(_NumberedCanvas):
        school = data.school.name
        document_id = data.document_id

    doc.build(story, canvasmaker=Canvas_)
    return buffer.getvalue()

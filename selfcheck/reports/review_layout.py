"""The review PDF (督查意见): a short 公文 from the reviewing unit to the school, with the comparison attached.

Page 1 on, portrait A4 with GB/T 9704's margins (the constants of reports/layout.py): the title in Song 二号, the
school as addressee (主送), the opinion in Song 三号, the 附件说明, then the reviewing unit's name and the date with
its seal pressed over them. Then 附件 on landscape pages: 督查情况对照表 (per item the school's 自查情况 and 自评得分
beside the reviewer's 督查情况 and 督评得分, what the reviewer found), the totals, the earlier reviews of the same
report, and the verification box naming the school's report by its file's SHA-256. Fonts embedded (resources/fonts).
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from selfcheck.reports import gongwen, page_flow
from selfcheck.reports.gongwen import (
    BODY_SIZE,
    BOTTOM,
    HEAD_BG,
    L_BOTTOM,
    L_MARGIN,
    L_WIDTH,
    LEADING,
    RED,
    RIGHT,
    RULE,
    SONG,
    WIDTH,
    register_fonts,
    style,
)
from selfcheck.reports.gongwen import esc as _esc
from selfcheck.reports.narrative import date_text, num
from selfcheck.reports.review_schema import FiguresData, ReviewData

HEAD = ["序号", "检查内容", "分值", "自查情况", "自评得分", "督查情况", "督评得分", "督查发现的问题", "说明"]
WIDTHS = [12, 70, 12, 30, 14, 30, 14, 50, 25]  # mm, 257 in all


def title_of(data: ReviewData) -> str:
    return f"关于{data.report.school.name}{data.report.period}“{data.report.template.title}”自查情况的{data.level}督查意见"


class _Styles(gongwen.Styles):
    def __init__(self) -> None:
        super().__init__()
        self.body = style("body", SONG, BODY_SIZE, LEADING, firstLineIndent=2 * BODY_SIZE)  # ragged, not justified
        self.info = self.annex_info
        self.h = self.annex_h
        self.worse = style("worse", SONG, 9, 12.6, textColor=RED)


def _on_portrait(canvas: Canvas, _doc: Any) -> None:
    gongwen.page_number(canvas, WIDTH, BOTTOM, RIGHT, RIGHT)


def _on_landscape(canvas: Canvas, _doc: Any) -> None:
    gongwen.page_number(canvas, L_WIDTH, L_BOTTOM, L_MARGIN, L_MARGIN)


def _figures(f: FiguresData) -> str:
    pct = "—" if f.percent is None else f"{f.percent:.1f}%"
    return f"{num(f.points)} / {num(f.max)} 分（{pct}），{f.grade or '未定等次'}"


def _document(data: ReviewData, s: _Styles, seal_png: bytes | None) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(_esc(title_of(data)), s.title),
        Paragraph(_esc(f"{data.report.school.name}："), s.addressee),
    ]
    paras = [Paragraph(_esc(line), s.body) for line in data.opinion.splitlines() if line.strip()]
    ending = [
        Spacer(1, LEADING),
        Paragraph(_esc("附件：督查情况对照表"), s.body),
        Spacer(1, LEADING),
        gongwen.SealBlock(data.reviewer.name, data.review_date, seal_png, keep_aspect=False),
    ]
    return story + page_flow.sign_off(paras, ending)  # the seal never stands alone on a page


def _grid() -> list[tuple[Any, ...]]:
    return [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
    ]


def _annex(data: ReviewData, s: _Styles, signer_fingerprint: str | None) -> list[Flowable]:
    r = data.report
    story: list[Flowable] = [
        Paragraph("附件", s.h),
        Paragraph("督查情况对照表", s.annex_title),
        Paragraph(
            _esc(
                f"被督查学校：{r.school.name}（{r.school.code}）　期次：{r.period}　检查表：{r.template.title}"
                f"（{r.template.id} {r.template.version}）　督查层级：{data.level}　督查单位：{data.reviewer.name}"
                f"　督查人员：{'、'.join(data.reviewer.people)}　督查日期：{date_text(data.review_date)}"
            ),
            s.info,
        ),
    ]
    rows: list[list[Any]] = [[Paragraph(h, s.head) for h in HEAD]]
    for section in data.sections:
        rows.append(
            [Paragraph(_esc(f"{section.title}（自评 {num(section.school_earned)}，督评 {num(section.earned)}）"), s.cell)]
        )
        rows[-1] += [""] * (len(HEAD) - 1)
        for i in section.items:
            mark = s.worse if i.worse else s.cell
            found = "；".join(i.problems) + ("；" if i.problems and i.reason else "") + i.reason
            rows.append(
                [
                    Paragraph(_esc(i.number), s.cell_c),
                    Paragraph(_esc(i.text), s.cell),
                    Paragraph(num(i.points), s.cell_c),
                    Paragraph(_esc(i.school_result), s.cell),
                    Paragraph(num(i.school_earned), s.cell_c),
                    Paragraph(_esc(i.result), mark),
                    Paragraph(num(i.earned) if i.answered else "—", s.cell_c),
                    Paragraph(_esc(found), mark),
                    Paragraph(_esc(i.note or ""), s.cell),
                ]
            )
    style = _grid()
    style += [("SPAN", (0, n), (-1, n)) for n, row in enumerate(rows) if len(row) > 1 and row[1] == ""]
    table = Table(rows, colWidths=[w * mm for w in WIDTHS], repeatRows=1)
    table.setStyle(TableStyle(style))
    story.append(table)
    story.append(Paragraph(_esc(f"合计：自评 {_figures(data.school_score)}；督评 {_figures(data.score)}"), s.h))
    overall = [p.description for p in data.problems if p.item_id is None]
    if overall:
        story.append(Paragraph(_esc("其他问题：" + "；".join(overall)), s.info))
    if data.earlier:
        story.append(Paragraph("此前的督查", s.h))
        for e in data.earlier:
            pct = "—" if e.percent is None else f"{e.percent:.1f}%"
            line = f"{e.level}（{e.reviewer}，{date_text(e.review_date)}）：{num(e.points)} / {num(e.max)} 分"
            line += f"（{pct}），{e.grade or '—'}"
            story.append(Paragraph(_esc(line), s.info))
    text = (
        f"督查意见编号：{data.review_id}<br/>所督查报告文件的 SHA-256：{r.sha256}<br/>报告数据指纹：{r.data_fingerprint}"
        f"<br/>学校签名证书指纹：{r.signer_fingerprint}<br/>督查意见数据指纹：{data.fingerprint()}"
    )
    if signer_fingerprint:
        text += f"<br/>督查单位签名证书指纹：{signer_fingerprint}。本意见内附督查数据和数字签名，可离线验证。"
    story.append(KeepTogether([Spacer(1, 6 * mm), Paragraph(text, s.small)]))
    return story


def render(data: ReviewData, *, seal_png: bytes | None = None, signer_fingerprint: str | None = None) -> bytes:
    """The review as PDF bytes (unsigned; signing.sign(..., kind=REVIEW) adds the data and the signature)."""
    register_fonts()
    s = _Styles()
    buffer = io.BytesIO()
    doc = gongwen.document(
        buffer,
        on_portrait=_on_portrait,
        on_landscape=_on_landscape,
        title=title_of(data),
        author=data.reviewer.name,
        subject=f"{data.level}督查意见 {data.report.school.name} {data.report.period}",
        keywords=f"督查意见,{data.level},{data.report.school.name},{data.report.period}",
    )
    story = _document(data, s, seal_png)
    story += [NextPageTemplate("annex"), PageBreak(), *_annex(data, s, signer_fingerprint)]
    doc.build(story)
    return gongwen.pdf_2(buffer)

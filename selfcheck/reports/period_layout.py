"""The quarterly summary's and half-year assessment's PDF, laid out as the 自查报告 is (reports/layout.py: the same
GB/T 9704 page, fonts, headings and page numbers): 发文字号, title, 主送, 正文, 附件说明, the school's name and the
date with the seal pressed over them; then on landscape pages 附件1 the period's inspections, 附件2 the ledger's
movement, 附件3 the responsibility list's progress, and the verification box (QR code with the data's fingerprint)."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from selfcheck.core.state import Stage
from selfcheck.reports import gongwen, page_flow
from selfcheck.reports.gongwen import (
    BODY_SIZE,
    BOTTOM,
    L_BOTTOM,
    L_MARGIN,
    L_WIDTH,
    LEADING,
    RED,
    RIGHT,
    SONG,
    WIDTH,
    style,
)
from selfcheck.reports.gongwen import esc as _esc
from selfcheck.reports.narrative import date_text, num, paragraphs
from selfcheck.reports.period_schema import PeriodData
from selfcheck.reports.schema import ProblemData

STAGES = {stage.value for stage in Stage}
ANNEXES = ("本期自查情况一览", "问题整改台账变动情况", "责任清单进展情况")


class _Styles(gongwen.Styles):
    def __init__(self) -> None:
        super().__init__()
        self.annex_more = style("annex_more", SONG, BODY_SIZE, LEADING, leftIndent=2 * BODY_SIZE + 3 * BODY_SIZE)
        self.red = style("red", SONG, 9, 12.6, textColor=RED, alignment=TA_CENTER)


def _table(head: list[str], rows: list[list[Any]], widths_mm: tuple[float, ...], s: _Styles) -> Table:
    table = Table(
        [[Paragraph(h, s.head) for h in head], *rows], colWidths=[w * mm for w in widths_mm], repeatRows=1, splitInRow=1
    )
    table.setStyle(TableStyle(gongwen.grid()))
    return table


def _document(data: PeriodData, s: _Styles, seal_png: bytes | None) -> list[Flowable]:
    doc = data.document
    story: list[Flowable] = []
    if doc.document_number:
        story += [Paragraph(_esc(doc.document_number), s.number), Spacer(1, LEADING / 2)]
    story.append(Paragraph(_esc(data.title), s.title))
    story.append(Paragraph(_esc(f"{doc.addressee.rstrip('：:')}："), s.addressee))
    paras = gongwen.text_flow(paragraphs(doc.narrative), s)
    annex: list[Flowable] = [Spacer(1, LEADING), Paragraph(_esc(f"附件：1. {ANNEXES[0]}"), s.annex_note)]
    annex += [Paragraph(_esc(f"{n}. {title}"), s.annex_more) for n, title in enumerate(ANNEXES[1:], 2)]
    ending = [*annex, Spacer(1, LEADING), gongwen.SealBlock(data.school.name, data.report_date, seal_png, lines=3)]
    return story + page_flow.sign_off(paras or [Paragraph("（此页无正文）", s.body)], ending)


def _inspections(data: PeriodData, s: _Styles) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph("附件1", s.annex_label),
        Paragraph(ANNEXES[0], s.annex_title),
        Paragraph(_esc(f"学校：{data.school.name}　　期间：{data.period.label}"), s.annex_info),
    ]
    if not data.inspections:
        return [*story, Paragraph("本期未开展自查。", s.annex_info)]
    rows = []
    for n, i in enumerate(data.inspections, 1):
        score = f"{num(i.points)}/{num(i.max)}" if i.max > 0 else "—"
        rows.append(
            [
                Paragraph(str(n), s.cell_c),
                Paragraph(date_text(i.created_at), s.cell_c),
                Paragraph(_esc(i.checklist_title), s.cell),
                Paragraph(_esc(i.period), s.cell),
                Paragraph(f"{i.answered}/{i.total}", s.cell_c),
                Paragraph(score, s.cell_c),
                Paragraph(_esc(i.grade or "—"), s.cell_c),
                Paragraph(str(i.problems_raised), s.cell_c),
                Paragraph(_esc(Stage(i.status).text() if i.status in STAGES else i.status), s.cell_c),
            ]
        )
    head = ["序号", "开始日期", "检查表", "期次", "已答/总项", "得分/满分", "等次", "查出问题", "状态"]
    return [*story, _table(head, rows, (12, 32, 70, 45, 20, 24, 18, 16, 20), s)]


def _problem_rows(problems: list[ProblemData], s: _Styles) -> list[list[Any]]:
    rows = []
    for n, p in enumerate(problems, 1):
        status = [Paragraph(_esc(p.status_label), s.cell_c)]
        if p.overdue:
            status.append(Paragraph("已逾期", s.red))
        rows.append(
            [
                Paragraph(str(n), s.cell_c),
                Paragraph(_esc(p.description), s.cell),
                Paragraph(_esc(p.measure or ""), s.cell),
                Paragraph(_esc("".join(x for x in (p.department, p.owner) if x)), s.cell_c),
                Paragraph(date_text(p.raised_on), s.cell_c),
                Paragraph(date_text(p.deadline), s.cell_c),
                status,
                Paragraph(_esc(date_text(p.verified_on) + (f" {p.verified_by}" if p.verified_by else "")), s.cell_c),
            ]
        )
    return rows


def _ledger(data: PeriodData, s: _Styles) -> list[Flowable]:
    lg = data.ledger
    story: list[Flowable] = [
        Paragraph("附件2", s.annex_label),
        Paragraph(ANNEXES[1], s.annex_title),
        Paragraph(
            _esc(
                f"本期新发现{len(lg.raised)}个，销号{len(lg.closed)}个，逾期{len(lg.overdue)}个；期末未销号{lg.open_at_end}个。"
            ),
            s.annex_info,
        ),
    ]
    head = ["序号", "问题", "整改措施", "责任部门（人）", "提出日期", "整改期限", "现在", "验收"]
    widths = (10, 66, 58, 28, 26, 26, 20, 23)
    for title, problems in (
        ("一、本期新发现的问题", lg.raised),
        ("二、本期销号的问题", lg.closed),
        ("三、逾期未整改的问题", lg.overdue),
    ):
        story.append(Paragraph(title, s.annex_h))
        if problems:
            story.append(_table(head, _problem_rows(problems, s), widths, s))
        else:
            story.append(Paragraph("无。", s.annex_info))
    return story


def _tasks(data: PeriodData, s: _Styles) -> list[Flowable]:
    story: list[Flowable] = [Paragraph("附件3", s.annex_label), Paragraph(ANNEXES[2], s.annex_title)]
    if not data.tasks:
        return [*story, Paragraph("尚未建立责任清单。", s.annex_info)]
    rows = []
    for n, t in enumerate(data.tasks, 1):
        state = [Paragraph(_esc(t.state_label), s.red if (t.overdue or t.stalled) else s.cell_c)]
        progress = [Paragraph(_esc(f"{date_text(e.on)} {e.percent}%：{e.note}"), s.small) for e in t.entries]
        rows.append(
            [
                Paragraph(str(n), s.cell_c),
                Paragraph(_esc(t.title), s.cell),
                Paragraph(_esc(t.standard), s.cell),
                Paragraph(_esc("".join(x for x in (t.department, t.owner) if x)), s.cell_c),
                Paragraph(date_text(t.deadline), s.cell_c),
                Paragraph(f"{t.percent}%", s.cell_c),
                state,
                progress or Paragraph("本期无进展记录", s.small),
            ]
        )
    head = [
        "序号",
        "任务（定责任）",
        "完成标准（定标准）",
        "责任部门（人）",
        "完成时限（定时间）",
        "进度",
        "状态",
        "本期进展（定进度）",
    ]
    return [*story, _table(head, rows, (10, 45, 55, 26, 26, 14, 16, 65), s)]


def _verification(data: PeriodData, s: _Styles, signer_fingerprint: str | None) -> list[Flowable]:
    fingerprint = data.fingerprint()
    text = f"电子文档编号：{data.document_id}<br/>数据指纹：{fingerprint}<br/>"
    if signer_fingerprint:
        text += f"签名证书指纹：{signer_fingerprint}<br/>本文件内附数据和数字签名，教育局可离线验证其来源和完整性。"
    else:
        text += "本文件内附数据，未经数字签名。"
    return gongwen.verification_box(data.document_id, fingerprint, text, s.small)


def _on_portrait(canvas: Any, _doc: Any) -> None:
    gongwen.page_number(canvas, WIDTH, BOTTOM, RIGHT, RIGHT)


def _on_landscape(canvas: Any, _doc: Any) -> None:
    gongwen.page_number(canvas, L_WIDTH, L_BOTTOM + 4, L_MARGIN, L_MARGIN)


def render(data: PeriodData, *, seal_png: bytes | None = None, signer_fingerprint: str | None = None) -> bytes:
    """The document as PDF bytes (unsigned: reports/signing.py adds the data and the signature)."""
    gongwen.register_fonts()
    s = _Styles()
    buffer = io.BytesIO()
    doc = gongwen.document(
        buffer,
        on_portrait=_on_portrait,
        on_landscape=_on_landscape,
        title=data.title,
        author=data.school.name,
        subject=f"{data.kind_label} {data.period.label}",
        keywords=f"{data.kind_label},{data.period.label},{data.school.name}",
    )
    story = _document(data, s, seal_png)
    story += [NextPageTemplate("annex"), PageBreak(), *_inspections(data, s)]
    story += [PageBreak(), *_ledger(data, s), PageBreak(), *_tasks(data, s)]
    doc.build(page_flow.close_with(story, _verification(data, s, signer_fingerprint)))
    return gongwen.pdf_2(buffer)  # one PDF version, as the report (the data attachment makes it 2.0)

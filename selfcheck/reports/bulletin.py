"""The bureau's documents from a round's status (`core.desk.RoundStatus`), in 公文 form like the school's report:
the 通报 (bulletin: the round's facts, the ranking, the common problems, the overdue items named, what the schools
must do; the full ranking as 附件) and the 督办单 (chase notice: one per school with overdue problems).

GB/T 9704 page and type as `reports/layout.py` (its fonts, page size and margins): Song title and body, Hei 一、
headings, "— 3 —" page numbers, the issuing unit above the date at the end. These documents are not signed: the
bureau prints, seals and sends them as it always has.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from selfcheck.core.desk import OverdueItem, Ranked, RoundStatus
from selfcheck.core.ledger import Status
from selfcheck.reports import gongwen, page_flow
from selfcheck.reports.gongwen import (
    BODY_SIZE,
    BODY_WIDTH,
    BOTTOM,
    FONT,
    HEAD_BG,
    LEADING,
    LEFT,
    RIGHT,
    RULE,
    SONG,
    TOP,
    WIDTH,
    kai,
    register_fonts,
    style,
)
from selfcheck.reports.gongwen import esc as _esc
from selfcheck.reports.narrative import date_text

MAX_NAMED = 30  # schools named one by one in the text; the rest are in the attachment
TOP_NAMED = 5  # the leading schools named (ties at the top can be many)


def _status(status: str) -> str:
    """A filed problem's status in the core's words (a value the core does not know is printed as it came)."""
    return Status(status).zh if status in Status.__members__.values() else status


class _Styles(gongwen.Styles):
    """The 公文's title, 主送 and body as every document's; the bureau's tables in a larger type (10.5 pt)."""

    def __init__(self) -> None:
        super().__init__()
        indent = 2 * BODY_SIZE
        # no keepWithNext: a heading before a long paragraph would carry it, and the page before would stay half
        # empty; a conditional page break before each heading keeps it off a page's last lines instead
        self.h1 = style("h1", FONT, BODY_SIZE, LEADING, firstLineIndent=indent)
        self.h2 = style("h2", kai(), BODY_SIZE, LEADING, firstLineIndent=indent)
        self.right = style("right", SONG, BODY_SIZE, LEADING, alignment=TA_RIGHT, rightIndent=2 * BODY_SIZE)
        self.annex = style("annex", FONT, BODY_SIZE, LEADING)
        self.annex_title = style("annex_title", SONG, 18, 28, alignment=TA_CENTER, spaceAfter=3 * mm)
        self.cell = style("cell", SONG, 10.5, 14)
        self.cell_c = style("cell_c", SONG, 10.5, 14, alignment=TA_CENTER)
        self.head = style("head", FONT, 10.5, 14, alignment=TA_CENTER)


def _page_number(canvas: Canvas, _doc: Any) -> None:
    """ "— 3 —" below the text at the outside edge, as the school's report."""
    gongwen.page_number(canvas, WIDTH, BOTTOM, RIGHT, LEFT)


def _doc(buffer: io.BytesIO, title: str, unit: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=title,
        author=unit,
        creator="selfcheck",
        lang="zh-CN",
        initialFontName=SONG,
        initialFontSize=10,
    )


def _name(title: str) -> str:
    """The checklist's short name in quotation marks: “五查五看” from 五查五看自查表."""
    for suffix in ("自查表", "检查表", "评估表", "督查表", "自评表", "表"):
        if title.endswith(suffix) and len(title) > len(suffix):
            title = title[: -len(suffix)]
            break
    return title if "“" in title else f"“{title}”"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _score(value: float) -> str:
    return f"{value:g}"


def _grid(rows: list[list[Any]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table


def _names(rows: list[Ranked]) -> str:
    shown = "、".join(r.filed.school for r in rows[:MAX_NAMED])
    return shown + (f"等 {len(rows)} 所学校" if len(rows) > MAX_NAMED else "")


def file_name(status: RoundStatus, kind: str, school: str = "") -> str:
    """A FAT/NTFS-safe file name: kind "bulletin" (通报), "missing" (未提交名单, .xlsx) or "chase" (督办单 of `school`)."""
    from selfcheck.reports.export import safe_filename

    if kind == "chase":
        return safe_filename(school, status.period, "督办单")
    if kind == "missing":
        return safe_filename("未提交名单", status.period, status.checklist_id, suffix=".xlsx")
    return safe_filename("通报", status.period, status.checklist_id)


def bulletin_title(status: RoundStatus) -> str:
    return f"关于{status.period}{_name(status.checklist_title)}自查情况的通报"


def bulletin_text(status: RoundStatus, unit: str, *, days: int = 15) -> list[tuple[str, str]]:
    """The 通报's 正文 as (kind, line): kind "h1", "h2" or "p"."""
    out: list[tuple[str, str]] = []
    submitted = len(status.ranking)
    on_roster = [r for r in status.ranking if r.filed.on_roster]
    percents = [r.filed.percent for r in status.ranking if r.filed.percent is not None]
    average = sum(percents) / len(percents) if percents else None
    out.append(("h1", "一、基本情况"))
    facts = (
        f"按照{unit}统一部署，各学校对照{_name(status.checklist_title)}开展了{status.period}自查。"
        f"全县名册内学校 {status.roster_size} 所，已提交经签名验证的自查报告 {len(on_roster)} 所"
    )
    if submitted > len(on_roster):
        facts += f"（另有名册外学校 {submitted - len(on_roster)} 所提交）"
    facts += f"，未提交 {len(status.missing)} 所。"
    if average is not None:
        facts += f"已提交学校平均得分率 {average:.1f}%。"
    out.append(("p", facts))
    if status.missing:
        names = "、".join(m.name for m in status.missing[:MAX_NAMED])
        more = f"等 {len(status.missing)} 所学校" if len(status.missing) > MAX_NAMED else ""
        out.append(("p", f"未按时提交自查报告的学校：{names}{more}。"))
    out.append(("h1", "二、排名情况"))
    if status.ranking:
        top = [r for r in status.ranking if r.rank <= 3]
        named = "、".join(f"{r.filed.school}（{_pct(r.filed.percent)}）" for r in top[:TOP_NAMED])
        more = f"等 {len(top)} 所学校" if len(top) > TOP_NAMED else ""
        out.append(("h2", "（一）总体排名"))
        out.append(("p", f"得分率位居前列的学校：{named}{more}。全部学校的得分、得分率、等次及名次见附件。"))
        vetoed = [r for r in status.ranking if r.filed.vetoed]
        if vetoed:
            out.append(("p", f"触发一票否决的学校：{_names(vetoed)}，排在末位。"))
        out.append(("h2", "（二）各学区情况"))
        for district, rows in status.districts.items():
            values = [r.filed.percent for r in rows if r.filed.percent is not None]
            avg = f"，平均得分率 {sum(values) / len(values):.1f}%" if values else ""
            out.append(("p", f"{district}：已提交 {len(rows)} 所{avg}，学区第一名为{rows[0].filed.school}。"))
        sections = [s for s in status.sections if s.average is not None]
        if sections:
            out.append(("h2", "（三）各部分得分情况"))
            parts = "；".join(f"{s.title}平均得分率 {s.average:.1f}%" for s in sections)
            out.append(("p", parts + "。"))
    else:
        out.append(("p", "本期尚无学校提交经验证的自查报告。"))
    out.append(("h1", "三、存在的共性问题"))
    if status.common:
        for n, c in enumerate(status.common[:8], 1):
            out.append(("p", f"{'一二三四五六七八'[n - 1]}是{c.text.rstrip('。；;')}，{c.schools} 所学校在问题清单中列出。"))
    else:
        out.append(("p", "各校问题清单中未列出共性问题。"))
    out.append(("h1", "四、逾期未整改问题"))
    if status.overdue:
        by_school = status.overdue_by_school()
        day = date_text(status.today.isoformat())
        out.append(("p", f"截至{day}，{len(by_school)} 所学校共有 {len(status.overdue)} 个问题超过整改期限仍未整改到位："))
        for items in by_school.values():
            described = "；".join(_overdue_phrase(o) for o in items)
            out.append(("p", f"{items[0].school}：{described}。"))
    else:
        out.append(("p", f"截至{date_text(status.today.isoformat())}，各校问题清单中无逾期未整改问题。"))
    flagged = [r for r in status.ranking if r.flagged]
    if status.reviewed:
        out.append(("h1", "五、自评与督评对比"))
        out.append(("p", f"本期有 {len(status.reviewed)} 所学校的自查报告经过督查复核。"))
        if flagged:
            named = "、".join(
                f"{r.filed.school}（自评 {_pct(r.filed.percent)}，督评 {_pct(r.review.percent if r.review else None)}）"
                for r in flagged
            )
            out.append(("p", f"自评明显高于督评的学校：{named}。请上述学校认真查找自查不实的原因。"))
    out.append(("h1", f"{'六' if status.reviewed else '五'}、工作要求"))
    asks = []
    if status.missing:
        asks.append(f"未提交自查报告的学校须在 {days} 日内补报")
    if status.overdue:
        asks.append("有逾期问题的学校须按督办单要求限期整改到位，并书面报告整改结果")
    asks.append("各学校要对照共性问题举一反三、建立台账、逐项销号")
    out.append(("p", "；".join(asks) + "。"))
    return out


def _new(text: str | None, within: str) -> bool:
    return text is not None and text != "" and text not in within


def _overdue_phrase(o: OverdueItem) -> str:
    p = o.problem
    owner = f"，责任人{p.owner}" if p.owner else ""
    return f"{p.description}（整改期限{date_text(p.deadline or '')}，已逾期 {o.days} 天{owner}）"


def _ending(unit: str, status: RoundStatus, s: _Styles) -> list[Any]:
    return [
        Spacer(1, LEADING * 1.5),
        Paragraph(_esc(unit), s.right),
        Paragraph(_esc(date_text(status.today.isoformat())), s.right),
    ]


def render_bulletin(status: RoundStatus, unit: str, *, number: str | None = None) -> bytes:
    """The 通报 as PDF bytes: 正文 in 公文 form, then 附件 the full ranking."""
    register_fonts()
    s = _Styles()
    buffer = io.BytesIO()
    title = bulletin_title(status)
    doc = _doc(buffer, title, unit)
    story: list[Any] = []
    if number:
        story += [Paragraph(_esc(number), s.number), Spacer(1, LEADING / 2)]
    story += [Paragraph(_esc(title), s.title), Paragraph("各学区、各学校：", s.addressee)]
    paras: list[Any] = []
    for kind, line in bulletin_text(status, unit):
        if kind in ("h1", "h2"):
            paras.append(CondPageBreak(3 * LEADING))
        paras.append(Paragraph(_esc(line), gongwen.para_style(kind, line, s)))
    annex = [Spacer(1, LEADING), Paragraph(_esc("附件：各学校自查得分排名表"), s.body)]
    story += page_flow.sign_off(paras, [*annex, *_ending(unit, status, s)])  # the sign-off never stands alone
    story += _ranking_annex(status, s)
    doc.build(story, onFirstPage=_page_number, onLaterPages=_page_number, canvasmaker=gongwen.ClockedCanvas)
    return buffer.getvalue()


def _ranking_annex(status: RoundStatus, s: _Styles) -> list[Any]:
    """附件: every school's score, percent, grade, rank overall and in its 学区, and its overdue problems."""
    head = ["名次", "学校", "学区", "得分", "得分率", "等次", "学区名次", "逾期问题"]
    rows: list[list[Any]] = [[Paragraph(h, s.head) for h in head]]
    for r in status.ranking:
        f = r.filed
        rows.append(
            [
                Paragraph(str(r.rank), s.cell_c),
                Paragraph(_esc(f.school + ("" if f.on_roster else "（名册外）")), s.cell),
                Paragraph(_esc(f.district or "—"), s.cell),
                Paragraph(f"{_score(f.points)}/{_score(f.max)}", s.cell_c),
                Paragraph(_pct(f.percent), s.cell_c),
                Paragraph(_esc((f.grade or "—") + ("（否决）" if f.vetoed else "")), s.cell_c),
                Paragraph(str(r.district_rank), s.cell_c),
                Paragraph(str(r.overdue or ""), s.cell_c),
            ]
        )
    widths = [w * mm for w in (12, 44, 26, 20, 18, 18, 14, 14)]
    scale = BODY_WIDTH / sum(widths)
    return [
        PageBreak(),
        Paragraph("附件", s.annex),
        Paragraph(_esc(f"{status.period}{_name(status.checklist_title)}各学校自查得分排名表"), s.annex_title),
        _grid(rows, [w * scale for w in widths]),
    ]


def render_chase(status: RoundStatus, code: str, unit: str, *, days: int = 10, number: str | None = None) -> bytes:
    """The 督办单 for one school: its overdue problems, the deadline to fix them, the issuing unit and date."""
    items = status.overdue_by_school().get(code, [])
    if not items:
        raise ValueError(f"no overdue problem for {code}")
    register_fonts()
    s = _Styles()
    buffer = io.BytesIO()
    school = items[0].school
    doc = _doc(buffer, f"督办单 {school}", unit)
    story: list[Any] = [Paragraph("督  办  单", s.title)]
    if number:
        story.append(Paragraph(_esc(number), s.number))
    story.append(Paragraph(_esc(f"{school}："), s.addressee))
    story.append(
        Paragraph(
            _esc(
                f"你校在{status.period}{_name(status.checklist_title)}自查中列入问题清单的下列 {len(items)} 个问题，"
                f"截至{date_text(status.today.isoformat())}已超过整改期限仍未整改到位。现予督办，请于收到本督办单之日起 "
                f"{days} 日内整改到位，逐项销号，并将整改情况及佐证材料书面报送{unit}。"
            ),
            s.body,
        )
    )
    story.append(Spacer(1, LEADING / 2))
    head = ["序号", "问题", "责任人", "整改期限", "逾期天数", "状态"]
    rows: list[list[Any]] = [[Paragraph(h, s.head) for h in head]]
    for n, o in enumerate(items, 1):
        p = o.problem
        rows.append(
            [
                Paragraph(str(n), s.cell_c),
                Paragraph(
                    _esc(p.description + (f"（{p.item_text}）" if p.item_text and p.item_text not in p.description else "")),
                    s.cell,
                ),
                Paragraph(_esc(" ".join(x for x in (p.department, p.owner) if x) or "—"), s.cell),
                Paragraph(_esc(date_text(p.deadline) if p.deadline else "—"), s.cell_c),  # 2026年10月1日, as the text
                Paragraph(str(o.days), s.cell_c),
                Paragraph(_status(p.status), s.cell_c),
            ]
        )
    widths = [w * mm for w in (10, 60, 24, 32, 18, 16)]  # the date and 逾期天数 each on one line
    scale = BODY_WIDTH / sum(widths)
    story.append(_grid(rows, [w * scale for w in widths]))
    story.append(KeepTogether(_ending(unit, status, s)))
    doc.build(story, onFirstPage=_page_number, onLaterPages=_page_number, canvasmaker=gongwen.ClockedCanvas)
    return buffer.getvalue()

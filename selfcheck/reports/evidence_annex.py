"""附件3 佐证材料: the photos attached to the items as thumbnails with captions (图1, the item's number and words,
the file's name), then those of the ledger's problems captioned 整改前 / 整改后 with the problem's words, four to a
row on the landscape pages, then every evidence file listed with its size and SHA-256 fingerprint, so the bureau
can ask for an original and check it is the one the school attached."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Paragraph, Table, TableStyle

from selfcheck.core.ledger import phase_label
from selfcheck.reports.schema import EvidenceData, ItemData, ProblemData, ReportData

PER_ROW = 4
THUMB_W, THUMB_H = 58 * mm, 44 * mm
ANNEX_NUMBER = 3
TITLE = "佐证材料"
MAX_CAPTION_TEXT = 40


def has_evidence(data: ReportData) -> bool:
    return bool(data.evidence)


def size_text(size: int) -> str:
    """The exact size, as a clerk compares it with the original file's properties (no English units)."""
    return f"{size:,} 字节"


def _items(data: ReportData) -> dict[str, ItemData]:
    return {item.id: item for section in data.sections for item in section.items}


def _problems(data: ReportData) -> dict[int, ProblemData]:
    return {p.id: p for p in [*data.problems, *data.carried, *(data.previous or [])]}


def _where(f: EvidenceData, items: dict[str, ItemData], problems: dict[int, ProblemData], limit: int | None) -> str:
    """What a file shows: the item (number and words), or for a problem's file its phase and the problem's words."""
    cut = (lambda t: _short(t, limit)) if limit else (lambda t: t)
    if f.problem_id is not None:
        problem = problems.get(f.problem_id)
        words = cut(problem.description) if problem else ""
        return f"{phase_label(f.phase or 'before')}　问题：{words}" if words else phase_label(f.phase or "before")
    item = items.get(f.item_id)
    return f"{item.number} {cut(item.text)}" if item else ""


def _short(text: str, limit: int = MAX_CAPTION_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def annex(
    data: ReportData,
    thumbnails: dict[str, bytes],
    s: Any,
    esc: Callable[[object], str],
    table: Callable[[list[list[Any]], list[float]], Table],
    font: str,
) -> list[Flowable]:
    """The flowables of 附件3 (nothing when the inspection has no evidence). `s`: the layout's paragraph styles,
    `esc` its escaping, `table` its table of white cells whose rows stay whole, `font` an embedded font (a table
    without one names reportlab's unembedded Helvetica)."""
    files = data.evidence or []
    if not files:
        return []
    items = _items(data)
    problems = _problems(data)
    photos = [f for f in files if f.photo and f.sha256 in thumbnails]
    counts = f"共 {len(files)} 个文件，其中照片 {len(photos)} 张"
    story: list[Flowable] = [
        Paragraph(f"附件{ANNEX_NUMBER}", s.annex_label),
        Paragraph(TITLE, s.annex_title),
        Paragraph(esc(f"学校：{data.school.name}　　检查期次：{data.inspection.period}　　{counts}"), s.annex_info),
    ]
    figure: dict[int, int] = {}
    if photos:
        story.append(Paragraph("一、照片", s.annex_h))
        cells: list[Any] = []
        for n, f in enumerate(photos, 1):
            figure[id(f)] = n
            where = _where(f, items, problems, MAX_CAPTION_TEXT) or "另行提供"
            reader = ImageReader(io.BytesIO(thumbnails[f.sha256]))
            w, h = reader.getSize()
            scale = min(THUMB_W / w, THUMB_H / h)
            picture = Image(io.BytesIO(thumbnails[f.sha256]), width=w * scale, height=h * scale)
            caption = Paragraph(esc(f"图{n}　{where}\n{_short(f.name, 60)}"), s.small)
            cells.append([picture, caption])
        rows = [cells[i : i + PER_ROW] for i in range(0, len(cells), PER_ROW)]
        rows[-1] += [""] * (PER_ROW - len(rows[-1]))
        grid = Table(rows, colWidths=[64 * mm] * PER_ROW)
        grid.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), font),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        story.append(grid)
    story.append(Paragraph("二、材料清单" if photos else "材料清单", s.annex_h))
    head = ["序号", "检查内容或问题", "文件名", "大小", "文件指纹", "说明"]
    widths = [w * mm for w in (10, 60, 50, 22, 78, 37)]
    listing: list[list[Any]] = [[Paragraph(h, s.head) for h in head]]
    for n, f in enumerate(files, 1):
        listing.append(
            [
                Paragraph(str(n), s.cell_c),
                Paragraph(esc(_where(f, items, problems, None)), s.cell),
                Paragraph(esc(f.name), s.cell),
                Paragraph(size_text(f.size), s.cell_c),
                Paragraph(f.sha256, s.small),
                Paragraph(esc(_remark(f, figure.get(id(f)))), s.cell),
            ]
        )
    story.append(table(listing, widths))
    return story


def _remark(f: EvidenceData, figure: int | None) -> str:
    if f.missing:
        return "数据文件夹中的文件缺失或与添加时不一致，未印出"
    if figure:
        return f"见图{figure}"
    return "未印缩略图（不是图片，或文件过大）"

"""page_flow on its own: what closes a table takes the fewest rows it must to the next page, and the text's last
lines go over with the seal, each page filled as far as that allows."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table

from selfcheck.reports import gongwen, page_flow
from tests.reports.test_pdf import pdftotext, squash

ROW = 40.0  # points


@pytest.fixture(autouse=True)
def _fonts() -> None:
    gongwen.register_fonts()


def _pages(tmp_path: Path, story: list[Flowable]) -> list[str]:
    path = tmp_path / "flow.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, topMargin=72, bottomMargin=72, initialFontName=gongwen.SONG)
    doc.build(story)
    text = pdftotext(path)
    return [squash(page) for page in text.split("\f") if page.strip()]


def test_the_closing_takes_the_last_row_only(tmp_path: Path) -> None:
    frame = A4[1] - 144 - 12  # the frame less its padding
    rows = int(frame // ROW) - 1  # the table fits, with less than a row to spare
    s = gongwen.Styles()
    table = Table([[Paragraph(f"第{n}行", s.cell)] for n in range(1, rows + 1)], rowHeights=ROW, repeatRows=0)
    table.setStyle(gongwen.grid())
    closing = [Spacer(1, 20), Paragraph("验证框", s.cell), Spacer(1, 2 * ROW)]
    pages = _pages(tmp_path, page_flow.close_with([table], closing))
    assert len(pages) == 2
    assert pages[1].startswith(f"第{rows}行") and "验证框" in pages[1]  # the last row went over with it
    assert f"第{rows - 1}行" in pages[0]  # the others fill the page


def test_the_seal_takes_the_last_lines_only(tmp_path: Path) -> None:
    s = gongwen.Styles()
    filler = [Paragraph("我校开展了自查。", s.body) for _ in range(6)]
    last = Paragraph("按月跟踪整改进度，按期完成整改并报请验收。" * 12, s.body)  # about ten lines
    ending = [
        Spacer(1, gongwen.LEADING),
        Paragraph("附件：测试表", s.body),
        gongwen.SealBlock("城关第一小学", "2026-11-20", None),
    ]
    pages = _pages(tmp_path, [Spacer(1, 8 * gongwen.LEADING), *page_flow.sign_off([*filler, last], ending)])
    assert len(pages) == 2 and "城关第一小学" in pages[1]
    carried = pages[1].split("附件：")[0]
    assert 20 < len(carried) < len(squash(last.text)) / 3, carried  # two lines or so, not the paragraph
    assert squash(last.text).endswith(carried)

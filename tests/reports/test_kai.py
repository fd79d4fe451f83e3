"""The （一） headings in Kai: the shipped subset of AR PL UKai (resources/fonts/ukai-gb2312.ttf.xz) embedded when a
heading's characters are all in it; a heading with a character outside it (犇, not in GB2312) set in Song instead,
its text intact. Read back as a printer and a reader would: pdffonts and pdftotext."""

from __future__ import annotations

import subprocess
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from selfcheck.reports import gongwen
from selfcheck.reports.layout import render
from selfcheck.storage import Store
from tests.reports.test_pdf import build, pdftotext, squash, write

RARE = "犇"  # in Song (uming), not in GB2312, so not in the Kai subset


def fonts(pdf: Path) -> dict[str, tuple[str, str]]:
    """pdffonts' rows by base name (the subset tag dropped): (emb, sub)."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = {}
    for row in out.splitlines()[2:]:
        cols = row.split()
        rows[cols[0].split("+")[-1]] = (cols[-5], cols[-4])
    return rows


def kai_embedded(pdf: Path) -> bool:
    return any("UKai" in name and emb == "yes" for name, (emb, _sub) in fonts(pdf).items())


def test_the_kai_subset_is_shipped_and_holds_gb2312() -> None:
    assert (gongwen.fonts_dir() / gongwen.KAI_FILE).is_file()
    gongwen.register_fonts()
    assert gongwen.kai() == gongwen.KAI
    glyphs = pdfmetrics.getFont(gongwen.KAI).face.charToGlyph
    for c in "组织领导学校教育局（一）、，。：；“”《》—…·０９Az19":
        assert ord(c) in glyphs, c
    assert ord(RARE) not in glyphs  # the check below really meets a character the subset lacks
    assert ord(RARE) in pdfmetrics.getFont(gongwen.SONG).face.charToGlyph
    assert gongwen.kai_for("（一）组织领导") == gongwen.KAI
    assert gongwen.kai_for(f"（二）{RARE}牛小组") == gongwen.SONG


def test_common_headings_are_set_in_kai(mini_store: Store, tmp_path: Path) -> None:
    inspection = mini_store.new_inspection("mini", "2026年秋季学期").id
    mini_store.set_report_text(inspection, narrative="一、基本情况\n（一）组织领导\n我校成立了自查领导小组。")
    pdf = write(tmp_path, "kai.pdf", render(build(mini_store, inspection)))
    rows = fonts(pdf)
    kai = [row for name, row in rows.items() if "UKai" in name]
    assert kai and all(row == ("yes", "yes") for row in kai), rows  # embedded, as a subset
    assert "（一）组织领导" in squash(pdftotext(pdf, 1))


def test_a_heading_with_a_rare_character_is_set_in_song(mini_store: Store, tmp_path: Path) -> None:
    inspection = mini_store.new_inspection("mini", "2026年秋季学期").id
    heading = f"（一）{RARE}牛小组攻坚"
    mini_store.set_report_text(inspection, narrative=f"一、基本情况\n{heading}\n我校成立了自查领导小组。")
    pdf = write(tmp_path, "rare.pdf", render(build(mini_store, inspection)))
    assert not kai_embedded(pdf), fonts(pdf)  # the only （一） heading: in Song, so no Kai in the file
    assert heading in squash(pdftotext(pdf, 1))  # every character came out, 犇 too
    # with a second, common heading the Kai font is back: the fallback is per heading, not per document
    mini_store.set_report_text(inspection, narrative=f"一、基本情况\n{heading}\n正文。\n（二）组织领导\n正文。")
    pdf = write(tmp_path, "both.pdf", render(build(mini_store, inspection)))
    assert kai_embedded(pdf), fonts(pdf)
    text = squash(pdftotext(pdf, 1))
    assert heading in text and "（二）组织领导" in text

"""A workbook printed as a clerk prints it: LibreOffice converts it to PDF, and the pages are read back with
pdftotext's word boxes (where every word sits on the page, and how tall it is set).

The test setup installs LibreOffice (`scripts/setup.sh test`), so in CI these tests run or fail; on a developer's
machine without it they skip.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"),
    reason="LibreOffice is not installed (scripts/setup.sh test installs it)",
)
A4_LANDSCAPE = (841.9, 595.3)
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def overlap(self, other: Word) -> float:
        """How much of the smaller of the two boxes the other covers (0: apart, 1: one inside the other)."""
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        if w <= 0 or h <= 0:
            return 0.0
        smaller = min((self.x1 - self.x0) * self.height, (other.x1 - other.x0) * other.height)
        return w * h / smaller if smaller > 0 else 0.0


@dataclass(frozen=True)
class Printed:
    pdf: Path
    pages: list[list[Word]]

    def text(self, page: int) -> str:
        """Page `page`'s words run together, without spaces (a cell's text wraps across lines)."""
        return "".join(w.text for w in self.pages[page])


def print_workbook(xlsx: Path, tmp_path: Path) -> Printed:
    """Convert `xlsx` to PDF with LibreOffice (a user profile of its own: runs in parallel and leaves no trace)."""
    out = tmp_path / "printed"
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = out / (xlsx.stem + ".pdf")
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [
        [Word(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in WORD.findall(page)]
        for page in boxes.split("<page ")[1:]
    ]
    return Printed(pdf, pages)


def sheet_pages(printed: Printed, title: str) -> list[int]:
    """The pages (from 0) whose page header carries `title`: one sheet's pages."""
    return [n for n in range(len(printed.pages)) if title in printed.text(n)]


def assert_prints_well(
    printed: Printed, *, title: str, headers: list[str], pages: list[int] | None = None, min_text_pt: float = 6.5
) -> None:
    """Every page (or `pages`): A4 landscape; the title in the page header; every column's header (so no column is
    cut off onto a page of its own, and the header rows repeat); "第 N 页 共 M 页"; text no smaller than
    `min_text_pt`; and no word printed over another (rows too short for their wrapped text overlap the next row)."""
    total = len(printed.pages)
    assert total == len(PdfReader(printed.pdf).pages) and total > 0
    for n, page in enumerate(PdfReader(printed.pdf).pages):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert all(abs(a - b) < 1 for a, b in zip(size, A4_LANDSCAPE, strict=True)), (n + 1, size)
    for n in range(total) if pages is None else pages:
        words, text = printed.pages[n], printed.text(n)
        where = f"page {n + 1} of {total}"
        assert title in text, where
        assert f"第{n + 1}页共{total}页" in text, where
        missing = [h for h in headers if h not in text]
        assert not missing, (where, missing)
        small = [w for w in words if w.height < min_text_pt]
        assert not small, (where, small[:5])
        for i, a in enumerate(words):
            for b in words[i + 1 :]:
                assert a.overlap(b) < 0.2, (where, a, b)

"""Every built-in checklist's report, and a 5-item and a 500-item one, filled, signed and read back as a clerk who
files it would: fonts embedded, a page number on every page and no page without text, no ISO date, no internal id,
no English word, no line (a cell's included) starting with closing punctuation or ending with opening punctuation,
no row of 附件1 or 附件2 split across pages, a deduction's count printed once in its row, a page of 附件1 that starts
inside a section naming it again (（续）), and the verification box never alone on the last page."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from selfcheck.core.checklist_file import parse_checklist
from selfcheck.reports import service
from selfcheck.reports.attachments import read_data
from selfcheck.reports.layout import CHECKLIST_HEAD
from selfcheck.reports.schema import ReportData
from selfcheck.storage import Store
from tests.conftest import CHECKLISTS
from tests.reports.images import png, seal, signature
from tests.reports.samples import big_checklist
from tests.reports.test_document import FORBIDDEN_END, FORBIDDEN_START, ISO, assert_archive_metadata
from tests.reports.test_pdf import assert_fonts_embedded, assert_page_numbers, pdftotext, squash, two_rounds

PASS = "城关一小-内置检查表报告-2026"
BUILTINS = [str(yaml.safe_load(path.read_text(encoding="utf-8"))["id"]) for path in CHECKLISTS]
SIZES = {"five": 5, "big": 500}  # made-up checklists: 5 items (one a section) and 500 items
PAGE_NUMBER = re.compile(r"^—\s*\d+\s*—$")
HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
HEX_OR_ID = re.compile(r"^[0-9a-fA-F:-]+$")  # the verification box: document id and fingerprints
LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</line>', re.S)
WORD = re.compile(r"<word[^>]*>([^<]*)</word>")
FILE_NAMES = ("现场照片.png", "整改后.jpg")  # the evidence files: their names are the school's words, printed as given


@dataclass
class Printed:
    data: ReportData
    pdf: Path
    pages: list[str]  # each page's text (-raw: a cell's lines stay together), whitespace removed
    lines: list[list[tuple[float, str, str]]]  # each page's lines (a cell's lines are lines of their own): x, text, first word


def _install(store: Store, case: str) -> None:
    if case in SIZES:
        checklist = big_checklist(SIZES[case], sections=5)
        checklist.update(id=case, title="五项检查表" if case == "five" else "五百项检查表")
        raw = yaml.safe_dump(checklist, allow_unicode=True).encode()
        store.install_checklist(parse_checklist(raw, f"{case}.yaml"), "test")


def _lines(pdf: Path) -> list[list[tuple[float, str, str]]]:
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        found = []
        for x, _y, body in LINE.findall(page):
            words = [html.unescape(w) for w in WORD.findall(body)]
            found.append((float(x), "".join(words), words[0] if words else ""))
        pages.append(found)
    return pages


def _print(store: Store, tmp_path: Path, case: str) -> Printed:
    store.set_school("临海市城关第一小学", "3310820001", "陈明")
    store.set_school_images(signature=signature(), seal=seal())
    service.init_keys(store, PASS)
    _install(store, case)
    inspection = two_rounds(store, case)
    photo, after = (tmp_path / name for name in FILE_NAMES)
    photo.write_bytes(png(120, 80, lambda x, y: (x * 2 % 255, y * 3 % 255, 90, 255)))
    after.write_bytes(png(120, 80, lambda x, y: (40, x * 2 % 255, y * 3 % 255, 255)))  # a PNG named .jpg: by content
    first = store.checklist(case).items()[0]
    store.attach_evidence(inspection, first.id, photo)
    problem = store.problems(inspection_id=inspection)[0]
    store.attach_problem_evidence(problem.id, "整改前", [photo])
    store.attach_problem_evidence(problem.id, "整改后", [after])
    store.complete_inspection(inspection)
    store.set_report_text(inspection, document_number="城关一小〔2026〕12号")
    done = service.export(store, inspection, tmp_path / f"{case}.pdf", passphrase=PASS)
    pdf = Path(done.path)
    total = len(PdfReader(pdf).pages)
    pages = [squash(pdftotext(pdf, n)) for n in range(1, total + 1)]
    return Printed(ReportData.model_validate(read_data(pdf.read_bytes())), pdf, pages, _lines(pdf))


def _fonts_pages_and_no_empty_page(printed: Printed) -> None:
    assert_fonts_embedded(printed.pdf)
    total = assert_page_numbers(printed.pdf)
    assert len(printed.lines) == total
    for n, lines in enumerate(printed.lines, 1):
        assert [t for _x, t, _w in lines if not PAGE_NUMBER.match(t)], f"page {n} holds nothing but its number"
    reader = PdfReader(printed.pdf)
    for n, lines in enumerate(printed.lines, 1):  # no heading at the foot of a page of the text, its words on the next
        page = reader.pages[n - 1]
        if float(page.mediabox.width) < float(page.mediabox.height):
            text = [t for _x, t, _w in lines if not PAGE_NUMBER.match(t)]
            assert not HEADING.match(text[-1]), (n, text[-1])
    seal_page = next(page for page in printed.pages if "校长（签字）" in page)
    assert len(seal_page.split("附件：")[0]) > 20 or "（此页无正文）" in seal_page  # the seal never stands alone


def _verification_box_not_alone(printed: Printed) -> None:
    """The verification box closes the report: on its page something of the attachment before it stands above it."""
    pages = [n for n, page in enumerate(printed.pages, 1) if "电子文档编号：" in page]
    assert pages == [len(printed.pages)], pages
    text = [t for _x, t, _w in printed.lines[-1] if not PAGE_NUMBER.match(t)]
    assert not text[0].startswith("电子文档编号"), f"page {pages[0]} holds only the verification box: {text}"


def _no_iso_date_internal_id_or_english(printed: Printed) -> None:
    data, text = printed.data, pdftotext(printed.pdf)
    assert not ISO.search(text), ISO.search(text)
    flat = "".join(printed.pages)
    for section in data.sections:
        for item in section.items:
            assert item.id not in flat, item.id
    assert data.template.id not in flat and f"版本{data.template.version}" not in flat
    assert "#" not in flat and "→" not in flat and "示范模板" not in flat
    allowed = {w for name in FILE_NAMES for w in re.findall(r"[A-Za-z]+", name)}
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9:-]+", text) if not HEX_OR_ID.match(w) and w not in allowed]
    assert not words, words
    assert "2026年11月20日" in flat  # the day it was completed, as the 自查日期 and the date of issue


def _numbers_read_well(printed: Printed) -> None:
    text = "".join(printed.pages[:3])
    assert not re.search(r"（[一二三四五六七八九十]+）[一二三四五六七八九十]+、", text)  # never "（二）二、查：…"
    assert not re.search(r"[%％]\d+项", text)  # "满意率80%～90%1项": a label with digits is quoted before its count
    rates = re.findall(r"得分率([\d.]+)%", text)
    assert rates and all(not r.endswith("0") or "." not in r for r in rates), rates  # 67%, 62.5%: one way throughout


def _chinese_line_breaking_in_text_and_cells(printed: Printed) -> None:
    for n, lines in enumerate(printed.lines, 1):
        for _x, line, _w in lines:
            if PAGE_NUMBER.match(line) or line == "—":  # a page number; an empty score
                continue
            assert line[0] not in FORBIDDEN_START, (n, line)
            assert line[-1] not in FORBIDDEN_END, (n, line)
            assert not re.search(r"\d\.$", line), (n, line)  # an item number (4.3) is not cut at its point


def _annexes(printed: Printed) -> tuple[int, int]:
    """The index of 附件1's first page and of 附件2's."""
    data, pages = printed.data, printed.pages
    annex1 = next(n for n, page in enumerate(pages) if page.startswith("附件1") or "附件1" + data.template.title[:4] in page)
    return annex1, next(n for n, page in enumerate(pages) if n > annex1 and "附件2" in page)


def _each_count_printed_once(printed: Printed) -> None:
    """附件1: a deduction's count ("发现 1 处") stands in 自查情况 alone; the problem it raised without a note does not
    say it again in 存在问题."""
    annex1, annex2 = _annexes(printed)
    table = "".join(printed.pages[annex1:annex2])
    items = [item for section in printed.data.sections for item in section.items]
    counted = [item for item in items if item.type == "deduction" and item.problems]
    assert counted or not any(item.type == "deduction" for item in items)  # answered 1 each: each raised one
    for result in {squash(item.result) for item in counted}:
        fixed = "".join(squash(f"{i.text}{i.rule}{i.method}{i.evidence}{i.note}") for i in items)  # the forms' own words
        expected = sum(squash(item.result) == result for item in items) + fixed.count(result)
        assert table.count(result) == expected, (result, table.count(result), expected)


def _no_row_split_across_pages(printed: Printed) -> None:
    data, pages = printed.data, printed.pages
    annex1, annex2 = _annexes(printed)
    # the page of each row of 附件1: where its number stands in the first column (pdftotext may join the number and
    # the 检查项目 beside it into one line: the number is its first word)
    first_column = min(x for n in range(annex1, annex2) for x, _t, _w in printed.lines[n])
    page_of = {w: n for n in range(annex1, annex2) for x, _t, w in printed.lines[n] if x < first_column + 10}
    rows = 0
    for section in data.sections:
        for item in section.items:
            n = page_of[item.number]
            for part in (item.text, item.rule, item.note, *item.measures):
                if part:
                    assert squash(part) in pages[n], (item.number, part, n + 1)
            rows += 1
    assert rows == data.score.total
    for problem in data.problems:  # 附件2: each problem's words whole on one page
        assert any(squash(problem.description) in page for page in pages[annex2:]), problem.description


def _section_named_on_every_page(printed: Printed) -> None:
    """附件1: a page that starts inside a section names the section in its first row's 检查项目 (with （续））."""
    data, pages = printed.data, printed.pages
    head = "".join(CHECKLIST_HEAD)
    owner = {item.number: (section, n) for section in data.sections for n, item in enumerate(section.items)}
    continued = 0
    for n, page in enumerate(pages, 1):
        if head not in page:
            continue
        first_row = page.split(head, 1)[1]
        number = re.match(r"[\d.]+", first_row)
        assert number, (n, first_row[:40])
        section, index = owner[number.group()]
        if index > 0:
            assert first_row.startswith(f"{number.group()}{squash(section.title)}（续）"), (n, first_row[:60])
            continued += 1
    if data.score.total >= 100:
        assert continued, "no page of 附件1 starts inside a section"


@pytest.mark.parametrize("case", [*BUILTINS, *SIZES])
def test_the_report_reads_as_a_document(store: Store, tmp_path: Path, case: str) -> None:
    printed = _print(store, tmp_path, case)
    _fonts_pages_and_no_empty_page(printed)
    assert_archive_metadata(printed.pdf, "临海市城关第一小学")  # the signing update's XMP says what the info says
    _verification_box_not_alone(printed)
    _no_iso_date_internal_id_or_english(printed)
    _numbers_read_well(printed)
    _chinese_line_breaking_in_text_and_cells(printed)
    _no_row_split_across_pages(printed)
    _each_count_printed_once(printed)
    _section_named_on_every_page(printed)

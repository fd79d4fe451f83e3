"""The report layout on its own (no signing, no CLI): render real data from a Store, then read the PDF back the way
a person and a printer would: pdftotext for the words, pdffonts for embedding, pypdf for pages and page numbers."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from selfcheck.core.checklist_file import parse_checklist
from selfcheck.core.ledger import Status
from selfcheck.reports import data as report_data
from selfcheck.reports.layout import render
from selfcheck.reports.schema import ReportData
from selfcheck.storage import Store
from tests.reports.images import seal, signature
from tests.reports.samples import big_checklist

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts")), reason="poppler-utils (pdftotext, pdffonts) not installed"
)

TODAY = dt.date(2026, 11, 21)


def squash(text: str) -> str:
    """pdftotext breaks lines inside wrapped cells: compare with all whitespace removed."""
    return re.sub(r"\s+", "", text)


def pdftotext(pdf: Path, *pages: int) -> str:
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    # -raw: content-stream order, so a wrapped cell is not interleaved with the column beside it
    return subprocess.run(["pdftotext", "-raw", *span, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def answer_all(store: Store, inspection_id: int, template_id: str, *, note: str = "记录不全，需补齐") -> None:
    """Every item answered; choice items cycle through their (non-veto, applicable) options."""
    t = store.checklist(template_id)
    for n, item in enumerate(t.items()):
        if item.type == "choice":
            keys = t.veto_keys(item)
            options = [o for o in t.options_for(item) if not o.not_applicable and o.key not in keys]
            store.save_answer(inspection_id, item.id, options[n % len(options)].key, note=note)
        elif item.type in ("score", "deduction", "number"):
            store.save_answer(inspection_id, item.id, value=1)
        elif item.type == "date":
            store.save_answer(inspection_id, item.id, value="2026-10-01")
        else:
            store.save_answer(inspection_id, item.id, value="情况良好")


def two_rounds(store: Store, template_id: str) -> int:
    """Last round with problems worked on (one carried open, one in progress, one closed), and this round."""
    first = store.new_inspection(template_id, "2026年春季学期", ["李华"])
    answer_all(store, first.id, template_id)
    raised = store.raise_problems_from_answers(first.id)
    raised.append(store.add_problem("家长来电反映作业量偏大", inspection_id=first.id))
    assert len(raised) >= 3
    store.update_problem(raised[0].id, measure="每周三下午集中学习并签到", owner="王主任", department="办公室")
    store.update_problem(raised[1].id, status=Status.IN_PROGRESS, deadline=dt.date(2026, 12, 31))
    store.update_problem(raised[2].id, measure="补齐台账", status=Status.FIXED)
    store.close_problem(raised[2].id, handling="已处理", verified_by="李华", evidence="台账已补齐")
    second = store.new_inspection(template_id, "2026年秋季学期", ["李华", "王芳"])
    answer_all(store, second.id, template_id, note="两周未组织 <见附件> & 签到表缺页")
    now = store.raise_problems_from_answers(second.id)
    store.update_problem(
        now[0].id, measure="建立台账，专人负责，按月检查", owner="李校长", department="教务处", deadline=dt.date(2026, 10, 1)
    )
    return second.id


def build(store: Store, inspection_id: int) -> ReportData:
    return report_data.build(store, inspection_id, today=TODAY)


def write(tmp_path: Path, name: str, pdf: bytes) -> Path:
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def assert_fonts_embedded(pdf: Path) -> None:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        assert "Type 3" not in row, row
        cols = row.split()
        # name type [type...] encoding emb sub uni object ID: emb is the fifth column from the end
        assert cols[-5] == "yes", row


def assert_page_numbers(pdf: Path) -> int:
    reader = PdfReader(pdf)
    total = len(reader.pages)
    for n, page in enumerate(reader.pages, 1):
        assert f"— {n} —" in page.extract_text(), n  # GB/T 9704's page number
    return total


def test_mini_report_reads_back(mini_store: Store, tmp_path: Path) -> None:
    inspection = two_rounds(mini_store, "mini")
    data = build(mini_store, inspection)
    assert data.carried and data.problems
    pdf = write(tmp_path, "mini.pdf", render(data, signature_png=signature(), seal_png=seal()))

    text = squash(pdftotext(pdf))
    for expected in (
        "城关第一小学关于2026年秋季学期“测试用小”自查情况的报告",
        "某县教育局：",
        "一、基本情况",
        "二、自查开展情况",
        "三、存在的主要问题",
        "四、整改措施及下一步打算",
        "附件1",
        "附件2",
        "问题清单及整改台账",
        "李华、王芳",
        "2026年11月21日",
        "校长（签字）",
        data.document_id,
        data.fingerprint(),
    ):
        assert squash(expected) in text, expected
    assert data.score.grade and data.score.grade in text
    for section in data.sections:
        assert squash(section.title) in text
        if section.look:
            assert squash(section.look) in text
        for item in section.items:
            assert squash(item.text) in text, item.id
    for problem in data.problems + data.carried:
        assert squash(problem.description) in text, problem.id
    assert "两周未组织<见附件>&签到表缺页" in text  # markup characters print as typed
    assert "每周三下午集中学习并签到" in text and "王主任" in text
    # last round's problems: how each stood when this round began, and now
    carried_text = squash(pdftotext(pdf, len(PdfReader(pdf).pages)))
    assert "整改中" in carried_text

    assert_fonts_embedded(pdf)
    assert assert_page_numbers(pdf) >= 1


def test_renders_without_signature_or_seal(mini_store: Store, tmp_path: Path) -> None:
    inspection = mini_store.new_inspection("mini", "2026年秋季学期")
    data = build(mini_store, inspection.id)  # nothing answered, no problems, nobody on the team
    pdf = write(tmp_path, "blank.pdf", render(data))
    text = squash(pdftotext(pdf))
    assert "未答" in text and "校长（签字）" in text and "2026年11月21日" in text
    assert_fonts_embedded(pdf)
    assert_page_numbers(pdf)


def test_five_checks_five_looks_report(store: Store, tmp_path: Path) -> None:
    store.set_school("城关第一小学", "3412345678", "张明")
    inspection = two_rounds(store, "wuchawukan")
    data = build(store, inspection)
    pdf = write(tmp_path, "wuchawukan.pdf", render(data, signature_png=signature(), seal_png=seal()))
    text = squash(pdftotext(pdf))
    for section in data.sections:
        assert squash(section.title) in text
        for item in section.items:
            assert squash(item.text) in text, item.id
    assert_fonts_embedded(pdf)
    assert assert_page_numbers(pdf) > 2


def test_500_items_paginate_with_repeated_headers(store: Store, tmp_path: Path) -> None:
    store.set_school("城关第一小学", "3412345678", "张明")
    store.install_checklist(parse_checklist(yaml.safe_dump(big_checklist(), allow_unicode=True).encode(), "big.yaml"), "test")
    inspection = store.new_inspection("big", "2026年秋季学期", ["李华"])
    answer_all(store, inspection.id, "big")
    store.raise_problems_from_answers(inspection.id)
    data = build(store, inspection.id)
    assert data.score.total == 500
    pdf = write(tmp_path, "big.pdf", render(data))

    total = assert_page_numbers(pdf)
    assert total > 20
    text = squash(pdftotext(pdf))
    for section in data.sections:
        for item in section.items:
            assert squash(item.text) in text, item.id
    assert data.score.grade and data.score.grade in text

    # every page that continues a section's table starts with the section heading and the column headers again
    reader = PdfReader(pdf)
    continued = 0
    for n in range(2, total + 1):
        page = squash(pdftotext(pdf, n))
        found = re.search(r"第(\d)部分第\d+项", page)
        if "检查方法" not in page or found is None:
            continue  # not a page of the checklist tables
        continued += 1
        assert "序号检查项目检查内容评分标准分值自查情况得分存在问题整改措施督查情况备注" in page, n
    assert continued > 15
    assert len(reader.pages) == total
    assert_fonts_embedded(pdf)


def test_long_unbroken_text_wraps_inside_the_page(mini_store: Store, tmp_path: Path) -> None:
    inspection = mini_store.new_inspection("mini", "2026年秋季学期")
    long_note = "学习记录" * 120 + " https://example.org/" + "a" * 150
    mini_store.save_answer(inspection.id, "s1.study", "no", note=long_note)
    mini_store.raise_problems_from_answers(inspection.id)
    data = build(mini_store, inspection.id)
    pdf = write(tmp_path, "long.pdf", render(data))
    assert "学习记录" * 120 in squash(pdftotext(pdf))
    # no text starts outside the page: wrapped, not run off the edge
    reader = PdfReader(pdf)
    for page in reader.pages:
        width = float(page.mediabox.width)
        xs: list[float] = []

        def visit(text: str, cm: Any, tm: Any, *_: Any, xs: list[float] = xs) -> None:
            if text.strip():
                xs.append(cm[0] * tm[4] + cm[2] * tm[5] + cm[4])

        page.extract_text(visitor_text=visit)
        assert xs and all(0 <= x < width for x in xs)
    assert_page_numbers(pdf)

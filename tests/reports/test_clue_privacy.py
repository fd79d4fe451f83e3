"""Clues in the documents that leave the school: the report's 正文 quotes the term's tally in the seed's words, and
neither the report PDF (text and embedded data) nor the Excel ledger carries a person's contact."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from selfcheck.core.clues import Stage
from selfcheck.core.ledger import Status
from selfcheck.exchange.ledger_xlsx import write_ledger
from selfcheck.reports import data as report_data
from selfcheck.reports.layout import render
from selfcheck.storage import Store
from tests.conftest import TODAY
from tests.reports.test_pdf import answer_all, pdftotext, squash

CONTACT = "13812345678"
NAME = "反映人王女士"


def with_clues(store: Store) -> int:
    inspection = store.new_inspection("mini", "2026年秋季学期", ["李华"])
    answer_all(store, inspection.id, "mini")
    store.complete_inspection(inspection.id)
    true = store.add_clue("家长来电", dt.date(2026, 10, 9), "数学老师有偿补课", contact=f"{NAME} {CONTACT}", staff="李老师")
    store.record_clue_stage(true.id, Stage.CHECKED, finding="属实", checked_by="王副校长")
    problem = store.raise_problem_from_clue(true.id, measure="责令退费", owner="王副校长")
    store.update_problem(problem.id, status=Status.FIXED)
    store.record_clue_stage(true.id, Stage.HANDLED, handling="退费并诫勉", accountability="诫勉")
    store.add_clue("学生来信", dt.date(2026, 11, 2), "食堂饭菜分量不足", contact=CONTACT)
    store.add_clue("家长来访", dt.date(2026, 7, 1), "上学期的线索", contact=CONTACT)  # last term: not in this report
    return inspection.id


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")
def test_the_report_quotes_the_tally_and_never_the_contact(mini_store: Store, tmp_path: Path) -> None:
    iid = with_clues(mini_store)
    data = report_data.build(mini_store, iid, today=TODAY)
    assert data.document is not None
    sentence = "受理问题线索2件，经核查属实（含部分属实）1件，追责问责1件；已办结0件，正在办理中2件。"
    assert sentence in data.document.narrative
    embedded = data.model_dump_json()
    assert CONTACT not in embedded and NAME not in embedded
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render(data))
    text = squash(pdftotext(pdf))
    assert squash(sentence) in text
    assert CONTACT not in text and NAME not in text and "138****5678" not in text
    assert CONTACT.encode() not in pdf.read_bytes()


def test_a_report_without_clues_says_nothing_of_them(mini_store: Store) -> None:
    inspection = mini_store.new_inspection("mini", "2026年秋季学期", ["李华"])
    data = report_data.build(mini_store, inspection.id, today=TODAY)
    assert data.document is not None and "问题线索" not in data.document.narrative


def test_the_excel_ledger_never_carries_the_contact(mini_store: Store, tmp_path: Path) -> None:
    with_clues(mini_store)
    path = write_ledger(mini_store, tmp_path / "台账.xlsx", today=TODAY)
    cells = [str(c) for ws in openpyxl.load_workbook(path).worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert any("数学老师有偿补课" in c for c in cells)  # the problem raised from the clue is there ...
    assert not [c for c in cells if CONTACT in c or NAME in c]  # ... its reporter's contact is not

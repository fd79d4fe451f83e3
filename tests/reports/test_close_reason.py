"""A close-out dated before the problem was raised (an old paper ledger entered later) carries its reason into the
report: in the embedded data and beside the 验收日期 in 附件2, in Chinese dates."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from selfcheck.core.ledger import Status
from selfcheck.reports import data as report_data
from selfcheck.reports.layout import render
from selfcheck.storage import Store

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")


def test_an_earlier_close_out_shows_its_reason(mini_store: Store, tmp_path: Path) -> None:
    s = mini_store
    inspection = s.new_inspection("mini", "2026年秋季学期", ["李华"])
    old = s.add_problem("食堂台账不全", inspection_id=inspection.id, raised_on=dt.date(2026, 9, 1), measure="补齐台账")
    s.update_problem(old.id, status=Status.FIXED)
    s.close_problem(
        old.id,
        verified_by="赵书记",
        evidence="台账照片",
        verified_on=dt.date(2026, 8, 30),
        reason="纸质台账原样补录",
        handling="已提醒食堂管理员",
    )
    plain = s.add_problem("校门口拥堵", inspection_id=inspection.id, measure="错峰放学")
    s.update_problem(plain.id, status=Status.FIXED)
    s.close_problem(plain.id, verified_by="赵书记", evidence="现场查看", handling="已调整放学时间")
    data = report_data.build(s, inspection.id)
    by_id = {p.id: p for p in data.problems}
    assert by_id[old.id].close_reason == "纸质台账原样补录"
    assert by_id[plain.id].close_reason is None
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render(data))
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert "验收日期：2026年8月30日（早于提出日期2026年9月1日，原因：纸质台账原样补录）" in flat
    assert not re.search(r"\d{4}-\d{1,2}-\d{1,2}", text)

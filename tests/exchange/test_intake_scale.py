"""The intake at scale, for correctness (its speed and memory are measured by `python -m bench intake`, never
asserted here): the trusted certificates read once and handed to the workers, reports kept without their data,
items shared between reports, the workbook written row by row with every school in it."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from selfcheck.exchange.collect import collect
from selfcheck.exchange.intake.examine import MAX_REASON, cap
from selfcheck.exchange.summary_xlsx import MAX_CELL, build
from selfcheck.exchange.summary_xlsx import cap as cap_cell
from tests.reports.samples import minimal_report
from tests.security.forge import certificate, pem, sign_report, subject

SCHOOLS = 15
PERIODS = ["2025年秋季学期", "2026年春季学期"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("corpus")
    stick, trust = root / "stick", root / "trust"
    stick.mkdir()
    trust.mkdir()
    for k in range(SCHOOLS):
        name, code = f"测试第{k + 1}小学", f"34{k:08d}"
        key, cert = certificate(name=subject(name=name, code=code))
        (trust / f"{code}.pem").write_bytes(pem(cert))
        for n, period in enumerate(PERIODS):
            data = minimal_report(name=name, code=code, period=period, points=60 + (k + n) % 40)
            (stick / f"{code}_{n}.pdf").write_bytes(sign_report(key, cert, json.dumps(data).encode()))
    return stick, trust


@pytest.mark.parametrize("workers", [1, 2])
def test_every_school_is_in_the_summary(corpus: tuple[Path, Path], workers: int) -> None:
    stick, trust = corpus
    intake = collect([stick], trust, workers=workers)
    assert intake.workers == workers and not intake.rejected
    assert intake.trusted_certificates == SCHOOLS and intake.schools == SCHOOLS
    assert len(intake.current) == SCHOOLS * len(PERIODS)
    assert all(r.trusted and r.sha256 and r.path for r in intake.current)
    book = load_workbook(BytesIO(build(intake)))
    ws = book["汇总"]
    header = [c.value for c in ws[3]]
    rows = [dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=4, values_only=True)]
    assert {(r["学校代码"], r["期次"]) for r in rows} == {(f"34{k:08d}", p) for k in range(SCHOOLS) for p in PERIODS}
    assert ws.freeze_panes == "A4" and ws["A1"].value == "学校自查报告汇总"
    assert "A1:O1" in {str(m) for m in ws.merged_cells.ranges}
    assert ws.column_dimensions["A"].width == 20
    assert ws.cell(row=4, column=10).number_format == "0.00%"


def test_reports_share_their_items_and_texts(corpus: tuple[Path, Path]) -> None:
    stick, trust = corpus
    intake = collect([stick], trust, workers=1)
    first, *others = intake.current
    same = [r for r in others if r.items == first.items]
    assert same and all(r.items is first.items for r in same)
    assert all(r.checklist_title is first.checklist_title for r in others)


def test_an_untrusted_file_among_trusted_ones_in_the_pool(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    stick, trust = corpus
    extra = tmp_path / "extra"
    extra.mkdir()
    key, cert = certificate(name=subject(name="测试第1小学", code="3400000000"))  # a forger's look-alike
    (extra / "forged.pdf").write_bytes(
        sign_report(key, cert, json.dumps(minimal_report(name="测试第1小学", code="3400000000")).encode())
    )
    intake = collect([stick, extra], trust, workers=2)
    (rejected,) = intake.rejected
    assert rejected.code == "untrusted_signer" and rejected.path == "extra/forged.pdf"
    assert f"{SCHOOLS} trusted certificates" in rejected.reason_en


def test_reasons_and_cells_are_capped() -> None:
    assert cap("短") == "短"
    long = cap("原" * 100_000)
    assert len(long) <= MAX_REASON and long.endswith("cut）")
    cell = cap_cell("😀" * 40_000)  # two UTF-16 units each, as Excel counts
    assert len(cell.encode("utf-16-le")) // 2 <= MAX_CELL and cell.endswith("cut）")

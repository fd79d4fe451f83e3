"""The bureau's intake survives any stick, and never files one school's report as another's."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from selfcheck.exchange.collect import collect
from selfcheck.exchange.summary_xlsx import write_summary
from tests.cli.helpers import run_cli
from tests.reports.samples import minimal_report
from tests.security.forge import CODE, NAME, certificate, pem, sign_report


def report(key, cert, *, at: str = "2026-11-20T10:00:00+08:00", points: float = 85) -> bytes:  # type: ignore[no-untyped-def]
    data = minimal_report(name=NAME, code=CODE, generated_at=at, points=points)
    return sign_report(key, cert, json.dumps(data).encode())


@pytest.fixture
def school() -> tuple:
    return certificate()


def test_odd_names_are_listed_as_refused_in_a_printable_form(tmp_path: Path, school: tuple) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "城关一小.pdf").write_bytes(report(*school))
    raw = os.fsencode(stick) + b"/\xff\xfe\xb1\xe0.pdf"  # GBK-looking bytes: not UTF-8
    with open(raw, "wb") as fh:
        fh.write(b"%PDF-1.7\n")
    (stick / "\x1b[31mred\x07.pdf").write_bytes(b"%PDF-1.7\n")  # a terminal escape sequence and a bell
    (stick / ("长" * 80 + ".pdf")).write_bytes(b"%PDF-1.7\n")  # 244 bytes: the longest ext4 allows, shown cut
    intake = collect([stick], None, workers=1)
    assert [r.school for r in intake.current] == [NAME]
    odd = {r.path: r for r in intake.rejected if r.code == "bad_name"}
    assert len(odd) == 2, intake.rejected
    assert "\\xFF\\xFE\\xB1\\xE0.pdf" in next(iter(p for p in odd if "xFF" in p))
    assert any("\\u{001B}[31mred\\u{0007}.pdf" in p for p in odd)
    for r in intake.rejected:
        assert r.path.isprintable() and len(r.path) <= 1000
    # the summary is always written, and every cell is a string openpyxl accepts
    out = write_summary(intake, tmp_path / "汇总.xlsx")
    cells = [c.value for ws in load_workbook(out) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any("\x1b" in c or "\x07" in c for c in cells)


def test_the_cli_prints_no_raw_name_and_writes_the_summary(tmp_path: Path, school: tuple) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "ok.pdf").write_bytes(report(*school))
    with open(os.fsencode(stick) + b"/\x1b]0;pwned\x07\xff.pdf", "wb") as fh:
        fh.write(b"%PDF")
    out = tmp_path / "汇总.xlsx"
    proc = run_cli("bureau", "collect", stick, "--out", out, data_dir=tmp_path / "data")
    assert out.exists()
    assert "\x1b" not in proc.stdout + proc.stderr and "\x07" not in proc.stdout + proc.stderr
    assert "\\u{001B}]0;pwned\\u{0007}\\xFF.pdf" in proc.stdout
    assert "WARNING: no --trust" in proc.stderr and "未指定 --trust" in proc.stderr


def test_without_trust_a_different_signer_never_supersedes(tmp_path: Path, school: tuple) -> None:
    """A forger's newer file, self-signed in the school's name, must not replace the school's own report."""
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "a_genuine.pdf").write_bytes(report(*school, at="2026-11-20T10:00:00+08:00", points=70))
    forger = certificate()
    (stick / "b_forged.pdf").write_bytes(report(*forger, at="2026-11-21T10:00:00+08:00", points=99))
    intake = collect([stick], None, workers=1)
    assert intake.current == [] and intake.conflicts == 1
    assert sorted(h.state for h in intake.history) == ["conflict", "conflict"]
    # the same school's own resubmission (same certificate) does supersede
    (stick / "c_resubmitted.pdf").write_bytes(report(*school, at="2026-11-22T10:00:00+08:00", points=75))
    (stick / "b_forged.pdf").unlink()
    intake = collect([stick], None, workers=1)
    assert [(r.path, r.points) for r in intake.current] == [("c_resubmitted.pdf", 75)]
    # with the school's certificate trusted, the forged file is refused and the genuine one counts
    (stick / "b_forged.pdf").write_bytes(report(*forger, at="2026-11-23T10:00:00+08:00", points=99))
    trust = tmp_path / "trust"
    trust.mkdir()
    (trust / "school.pem").write_bytes(pem(school[1]))
    intake = collect([stick], trust, workers=1)
    assert [(r.path, r.points) for r in intake.current] == [("c_resubmitted.pdf", 75)]
    assert [r.code for r in intake.rejected] == ["untrusted_signer"]


def test_an_untrusted_rejection_does_not_list_every_trusted_fingerprint(tmp_path: Path, school: tuple) -> None:
    stick, trust = tmp_path / "stick", tmp_path / "trust"
    stick.mkdir()
    trust.mkdir()
    (stick / "forged.pdf").write_bytes(report(*certificate()))
    for n in range(40):
        (trust / f"s{n}.pem").write_bytes(pem(certificate()[1]))
    intake = collect([stick], trust, workers=1)
    (rejected,) = intake.rejected
    assert rejected.code == "untrusted_signer" and len(rejected.reason_en) < 400, rejected.reason_en

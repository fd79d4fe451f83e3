"""A stick holding reports, reviews and junk, collected into the bureau's desk in this process and in the worker
pool: the same filing either way, every file verified exactly once (a review is not first tried as a report, a
file that is neither is not tried twice), and the reviews checked against the reviewing units' certificates only."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from selfcheck.exchange.desk_intake import collect_into_desk
from selfcheck.exchange.intake.reviews import NOT_A_REPORT
from selfcheck.reports import verify as verify_module
from selfcheck.reports.signed_kind import REPORT
from selfcheck.reports.signing import sign
from selfcheck.storage.desk import Desk
from tests.cli.test_cli_review import FIRST, review, world
from tests.reports.test_signing import PASSPHRASE, make_pdf, school_identity

__all__ = ["world"]  # the fixture, imported for pytest


@pytest.fixture
def stick(world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    """The school's report and the 学区's review, a copy of the review, a tampered review, and three kinds of junk:
    a file that is no PDF, an unsigned PDF, and a validly signed PDF that embeds neither a report nor a review."""
    first = review(world, capsys, "学区", FIRST)
    stick = world["stick"]
    shutil.copy(first, stick / "督查意见副本.pdf")
    tampered = bytearray(first.read_bytes())
    tampered[tampered.index(b"/Title") + 8] ^= 0x01
    (stick / "改过的督查意见.pdf").write_bytes(bytes(tampered))
    (stick / "杂物" / "说明").mkdir(parents=True)
    (stick / "杂物" / "说明" / "readme.pdf").write_bytes(b"not a pdf at all")
    (stick / "杂物" / "未签名.pdf").write_bytes(make_pdf())
    other = dataclasses.replace(REPORT, data_name="notes.json", validate=lambda d: d, bind=lambda _i, _d: None)
    (stick / "杂物" / "别的签名文件.pdf").write_bytes(sign(make_pdf(), b"{}", school_identity(), PASSPHRASE, kind=other))
    trust = world["tmp"] / "证书"
    (trust / "督查单位").mkdir(parents=True)
    shutil.copy(world["school_pem"], trust / "school.pem")
    shutil.copy(world["unit_pem"], trust / "督查单位" / "xuequ.pem")
    world.update(first=first, trust=trust)
    return world


def filing(data: Path, w: dict[str, Path], workers: int) -> tuple[Any, ...]:
    """What one intake into a fresh desk came to: reports, reviews and rejections as listed, and the desk's rows."""
    with Desk.open(data) as desk:
        done = collect_into_desk(desk, [w["stick"]], w["trust"], workers=workers)
        rows = desk.conn.execute(
            "SELECT s.code, s.sha256, s.current, r.sha256, r.level, r.unit, r.current, r.path FROM reviews r "
            "JOIN submissions s ON s.id = r.submission_id"
        ).fetchall()
        filed = desk.conn.execute("SELECT code, sha256, current, path FROM submissions").fetchall()
    intake = done.intake
    assert intake.workers == (workers if workers > 1 else 1)
    return (
        [(r.path, r.sha256, r.code, r.trusted) for r in intake.current],
        list(intake.reviews),
        [(r.path, r.code, r.reason_zh) for r in intake.rejected],
        [(h.path, h.status) for h in intake.history],
        filed,
        rows,
        (done.reviews.filed, done.reviews.superseded, done.reviews.unknown),
    )


def test_reports_reviews_and_junk_are_each_verified_once_and_filed_alike_in_the_pool(
    stick: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    w = stick
    verified: list[str] = []
    real = verify_module._verify

    def counting(pdf: bytes, *args: Any) -> Any:
        verified.append(hashlib.sha256(pdf).hexdigest())
        return real(pdf, *args)

    with monkeypatch.context() as m:  # in this process: every verification is seen
        m.setattr(verify_module, "_verify", counting)
        alone = filing(w["tmp"] / "台账1", w, workers=1)
    files = [p for p in w["stick"].rglob("*.pdf") if p.name != "督查意见副本.pdf"]
    assert len(files) == 6
    # each file once, whatever it is (the copy is not verified again)
    assert Counter(verified) == {hashlib.sha256(p.read_bytes()).hexdigest(): 1 for p in files}

    current, reviews, rejected, _history, filed, rows, counts = alone
    assert [c[1:] for c in current] == [(hashlib.sha256(w["report"].read_bytes()).hexdigest(), current[0][2], True)]
    [one] = reviews
    assert (one.path, one.level, one.sha256) == (w["first"].name, "学区", hashlib.sha256(w["first"].read_bytes()).hexdigest())
    assert counts == (1, 0, [])
    assert len(rows) == 1 and rows[0][0] == current[0][2] and rows[0][3] == one.sha256 and rows[0][6] == 1
    assert [f[2] for f in filed] == [1]
    reasons = {Path(path).name: (code, zh) for path, code, zh in rejected}
    assert reasons["改过的督查意见.pdf"][1].startswith("督查意见未通过验证")
    assert reasons["别的签名文件.pdf"][0] == "no_data" and NOT_A_REPORT[0] in reasons["别的签名文件.pdf"][1]
    assert reasons["未签名.pdf"][0] == "not_signed"
    assert "readme.pdf" in reasons and "督查意见副本.pdf" not in reasons  # a review's copy counts once, never rejected
    assert len(rejected) == 4

    pooled = filing(w["tmp"] / "台账2", w, workers=2)
    assert pooled[:4] == alone[:4] and pooled[6] == alone[6]
    assert [r[:3] for r in pooled[4]] == [r[:3] for r in alone[4]] and pooled[5] == alone[5]


def test_a_review_is_never_checked_against_the_schools_certificates(stick: dict[str, Path]) -> None:
    """The schools' trust folder holds the 学区's certificate too, but the reviewers given are the school's own:
    the review is refused, whichever process checks it."""
    w = stick
    shutil.copy(w["unit_pem"], w["trust"] / "xuequ.pem")
    shutil.rmtree(w["trust"] / "督查单位")
    schools_only = w["tmp"] / "学校证书"
    schools_only.mkdir()
    shutil.copy(w["school_pem"], schools_only / "school.pem")
    for workers in (1, 2):
        with Desk.open(w["tmp"] / f"台账{workers}") as desk:
            done = collect_into_desk(desk, [w["stick"]], w["trust"], workers=workers, reviewers_dir=schools_only)
        assert done.intake.reviews == [] and len(done.intake.current) == 1
        [refused] = [r for r in done.intake.rejected if r.path == w["first"].name]
        assert refused.code == "untrusted_signer" and refused.reason_zh.startswith("督查意见未通过验证")

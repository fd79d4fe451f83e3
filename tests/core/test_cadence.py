"""The cadence's rules: periods, what a school owes on a day, done / due / overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from selfcheck.core import cadence
from selfcheck.core.cadence import DueState, Kind, MonthlyCheck, Rhythm, SignedDocument
from selfcheck.errors import RuleError

D = dt.date


def test_periods_and_their_labels() -> None:
    assert cadence.period_of(Kind.MONTHLY, D(2026, 2, 14)).end == D(2026, 2, 28)
    q = cadence.period_of(Kind.QUARTERLY, D(2026, 11, 20))
    assert (q.start, q.end, q.label) == (D(2026, 10, 1), D(2026, 12, 31), "2026年第四季度")
    h = cadence.period_of(Kind.HALF_YEAR, D(2026, 3, 1))
    assert (h.start, h.end, h.label) == (D(2026, 1, 1), D(2026, 6, 30), "2026年上半年")
    assert cadence.previous(cadence.period_of(Kind.QUARTERLY, D(2026, 1, 5))).label == "2025年第四季度"
    assert cadence.document_period(Kind.HALF_YEAR, D(2026, 7, 3)).label == "2026年上半年"
    assert [p.text("en") for p in (q, h, cadence.period_of(Kind.MONTHLY, D(2026, 2, 14)))] == ["2026 Q4", "2026 H1", "2026-02"]
    assert q.text("zh") == q.label
    assert cadence.monthly_check_period(D(2026, 11, 20)) == "2026年11月月度检查"
    assert Kind.parse("季度小结") is Kind.QUARTERLY and Kind.parse("half_year") is Kind.HALF_YEAR
    with pytest.raises(RuleError, match="未知的类型"):
        Kind.parse("年度总结")


def test_nothing_is_owed_without_a_rhythm_or_before_it_was_set() -> None:
    assert cadence.agenda(None, D(2026, 11, 20), [], []) == []
    rhythm = Rhythm(True, True, True, since=D(2026, 11, 1), monthly_checklist="mini")
    due = cadence.agenda(rhythm, D(2026, 11, 20), [], [])
    # only this month's check: October's quarter ended before the rhythm was set
    assert [(d.kind, d.state, d.period.label) for d in due] == [(Kind.MONTHLY, DueState.DUE, "2026年11月")]


def test_monthly_checks_done_in_progress_and_missed() -> None:
    rhythm = Rhythm(True, False, False, since=D(2026, 8, 1), monthly_checklist="mini")
    checks = [
        MonthlyCheck(1, D(2026, 8, 10), True),
        MonthlyCheck(2, D(2026, 9, 30), False),  # begun, never completed: September is overdue
        MonthlyCheck(3, D(2026, 11, 2), False),
    ]
    due = cadence.agenda(rhythm, D(2026, 11, 20), checks, [])
    states = {d.period.label: (d.state, d.ref) for d in due}
    assert states == {
        "2026年9月": (DueState.OVERDUE, 2),
        "2026年10月": (DueState.OVERDUE, None),
        "2026年11月": (DueState.IN_PROGRESS, 3),
    }
    assert [d.state for d in due][:2] == [DueState.OVERDUE, DueState.OVERDUE]  # overdue first
    checks.append(MonthlyCheck(4, D(2026, 11, 19), True))
    now = {d.period.label: d.state for d in cadence.agenda(rhythm, D(2026, 11, 20), checks, [])}
    assert now["2026年11月"] == DueState.DONE


def test_summary_due_within_grace_then_overdue_and_done_when_signed() -> None:
    rhythm = Rhythm(False, True, True, since=D(2026, 1, 1), grace_days=10)
    due = cadence.agenda(rhythm, D(2026, 10, 5), [], [])
    by = {(d.kind, d.period.label): d for d in due}
    q3 = by[(Kind.QUARTERLY, "2026年第三季度")]
    assert q3.state == DueState.DUE and q3.due_on == D(2026, 10, 10) and q3.days_left(D(2026, 10, 5)) == 5
    assert by[(Kind.QUARTERLY, "2026年第二季度")].state == DueState.OVERDUE
    assert by[(Kind.HALF_YEAR, "2026年上半年")].state == DueState.OVERDUE
    later = {(d.kind, d.period.label): d.state for d in cadence.agenda(rhythm, D(2026, 10, 11), [], [])}
    assert later[(Kind.QUARTERLY, "2026年第三季度")] == DueState.OVERDUE
    signed = [SignedDocument(7, Kind.QUARTERLY, D(2026, 7, 1), D(2026, 9, 30))]
    after = cadence.agenda(rhythm, D(2026, 10, 11), [], signed)
    q3_done = next(d for d in after if d.period.label == "2026年第三季度")
    assert q3_done.state == DueState.DONE and q3_done.ref == 7
    # a half-year document does not count for a quarter
    other = [SignedDocument(8, Kind.HALF_YEAR, D(2026, 7, 1), D(2026, 9, 30))]
    missed = cadence.agenda(rhythm, D(2026, 10, 11), [], other)
    assert any(d.state == DueState.OVERDUE and d.period.label == "2026年第三季度" for d in missed)


def test_rhythm_rules() -> None:
    with pytest.raises(RuleError, match="检查表"):
        cadence.check_rhythm(Rhythm(True, False, False, since=D(2026, 1, 1)))
    with pytest.raises(RuleError, match="0 到 60"):
        cadence.check_rhythm(Rhythm(False, True, False, since=D(2026, 1, 1), grace_days=61))
    with pytest.raises(RuleError, match="早于开始日期"):
        cadence.check_range(D(2026, 9, 30), D(2026, 7, 1))

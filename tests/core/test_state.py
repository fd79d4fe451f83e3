"""The inspection's state in the core: item statuses, notes, problems called for, gaps, the one summary, the labels.

The last tests hold the skins to it: the CLI's JSON, the GUI's summary and home pages and the report's data show the
same figures for one inspection, and the status words are written only in the core.
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path
from typing import Any

import pytest

from selfcheck.core.answers import Answer, missing, normalise
from selfcheck.core.checklist import Checklist
from selfcheck.core.ledger import LABELS, Status
from selfcheck.core.records import Inspection
from selfcheck.core.scoring import score
from selfcheck.core.state import (
    STAGE_LABELS,
    InspectionState,
    ItemStatus,
    Stage,
    item_state,
    problems_to_raise,
    stage_label,
    stage_of,
    summary,
)
from selfcheck.storage import Store

ROOT = Path(__file__).resolve().parents[2]


def answer(template: Checklist, item_id: str, option: str | None = None, value: Any = None, note: str | None = None) -> Answer:
    return normalise(template, item_id, option, value, note)


def answers(template: Checklist, *entries: tuple[str, str | None, Any, str | None]) -> dict[str, Answer]:
    return {item_id: answer(template, item_id, option, value, note) for item_id, option, value, note in entries}


# ---- one item ------------------------------------------------------------------------------------------------------


def test_an_unanswered_item(mini: Checklist) -> None:
    state = item_state(mini, "s1.study", None)
    assert state.status == ItemStatus.UNANSWERED
    assert not (state.answered or state.note_required or state.note_missing or state.calls_for_problem or state.has_problem)


def test_an_option_that_needs_a_note_and_raises_a_problem(mini: Checklist) -> None:
    bare = item_state(mini, "s1.study", answer(mini, "s1.study", "no"))
    assert bare.answered and bare.note_required and bare.note_missing and bare.calls_for_problem
    assert bare.status == ItemStatus.NOTE_MISSING  # the note comes first: it blocks completion
    noted = item_state(mini, "s1.study", answer(mini, "s1.study", "no", note="没有学习记录"))
    assert noted.note_required and not noted.note_missing
    assert noted.status == ItemStatus.PROBLEM_CALLED and noted.needs_rectification
    raised = item_state(mini, "s1.study", answer(mini, "s1.study", "no", note="没有学习记录"), has_problem=True)
    assert raised.status == ItemStatus.PROBLEM_RAISED and raised.needs_rectification


def test_a_plain_answer(mini: Checklist) -> None:
    state = item_state(mini, "s1.study", answer(mini, "s1.study", "yes"))
    assert state.status == ItemStatus.ANSWERED
    assert not (state.note_required or state.note_missing or state.calls_for_problem or state.needs_rectification)


def test_deductions_call_for_a_problem_only_with_occurrences(mini: Checklist) -> None:
    assert item_state(mini, "s2.fees", answer(mini, "s2.fees", value=0)).status == ItemStatus.ANSWERED
    assert item_state(mini, "s2.fees", answer(mini, "s2.fees", value=2)).status == ItemStatus.PROBLEM_CALLED
    assert not item_state(mini, "s2.score", answer(mini, "s2.score", value=0)).calls_for_problem  # 0 points is no count
    assert not item_state(mini, "s1.count", answer(mini, "s1.count", value=3)).calls_for_problem  # a number never calls


def test_bonus_and_deduction_lines_are_answered_and_nothing_more(mini: Checklist) -> None:
    state = item_state(mini, "d.complaint", answer(mini, "d.complaint", value=1))
    assert state.status == ItemStatus.ANSWERED and not state.calls_for_problem
    assert item_state(mini, "b.award", None).status == ItemStatus.UNANSWERED


def test_a_problem_on_an_unanswered_item_is_still_unanswered(mini: Checklist) -> None:
    state = item_state(mini, "s2.firstask", None, has_problem=True)
    assert state.status == ItemStatus.UNANSWERED and state.has_problem and state.needs_rectification


# ---- the whole inspection ------------------------------------------------------------------------------------------


def test_the_state_lists_what_is_answered_missing_and_called_for(mini: Checklist) -> None:
    given = answers(
        mini,
        ("s1.study", "no", None, None),  # note missing, calls for a problem
        ("s2.firstask", "bad", None, "没有落实"),  # calls for a problem, has one
        ("s2.fees", None, 1, None),  # calls for a problem
        ("s2.score", None, 4, None),
        ("b.award", None, 1, None),
    )
    state = InspectionState(mini, given, open_problems={"s2.firstask"})
    assert state.ids() == [i.id for i in mini.items()] + ["b.award", "d.complaint"]
    assert state.answered() == ["s1.study", "s2.firstask", "s2.fees", "s2.score", "b.award"]
    assert state.notes_missing() == ["s1.study"]
    assert state.problems_called() == ["s1.study", "s2.fees"]
    assert [s.status for s in state.items()][:4] == [
        ItemStatus.NOTE_MISSING,
        ItemStatus.UNANSWERED,
        ItemStatus.PROBLEM_RAISED,
        ItemStatus.PROBLEM_CALLED,
    ]
    assert state.gaps == missing(mini, given)
    assert [g.item_id for g in state.gaps if g.reason == "note_missing"] == state.notes_missing()
    assert state.score == score(mini, given)


def test_one_changed_answer_recomputes_one_item(mini: Checklist) -> None:
    state = InspectionState(mini, answers(mini, ("s1.study", "yes", None, None)))
    before = {i: state.item(i) for i in state.ids()}
    first_score = state.score
    changed = state.set_answer("s1.study", answer(mini, "s1.study", "partial"))
    assert changed.status == ItemStatus.NOTE_MISSING
    assert all(state.item(i) is before[i] for i in state.ids() if i != "s1.study")  # the others were not recomputed
    assert state.score is not first_score and state.score.items["s1.study"].earned == 5
    assert [g.item_id for g in state.gaps if g.reason == "note_missing"] == ["s1.study"]
    assert state.set_answer("s1.study", None).status == ItemStatus.UNANSWERED
    assert "s1.study" not in state.answers


def test_open_problems_change(mini: Checklist) -> None:
    state = InspectionState(mini, answers(mini, ("s2.fees", None, 3, None)))
    assert state.item("s2.fees").status == ItemStatus.PROBLEM_CALLED
    state.set_open_problems({"s2.fees"})
    assert state.item("s2.fees").status == ItemStatus.PROBLEM_RAISED
    state.set_open_problems(())
    assert state.item("s2.fees").status == ItemStatus.PROBLEM_CALLED


def test_the_problems_to_raise_are_those_the_store_raises(mini_store: Store, mini: Checklist) -> None:
    insp = mini_store.new_inspection("mini", "2026年秋季学期").id
    mini_store.save_answer(insp, "s1.study", "no", note="没有学习记录")  # raises
    mini_store.save_answer(insp, "s2.firstask", "ok")  # does not
    mini_store.save_answer(insp, "s2.fees", value=2)  # deduction with count > 0: raises
    mini_store.save_answer(insp, "s2.score", value=0)
    mini_store.save_answer(insp, "s2.tutoring", "found")  # raises, without a note
    mini_store.save_answer(insp, "s1.count", value=3)
    mini_store.save_answer(insp, "d.complaint", value=1)  # adjustments are not items
    expected = problems_to_raise(mini, mini_store.answers(insp), raised=())
    assert [c.item_id for c in expected] == ["s1.study", "s2.fees", "s2.tutoring"]
    raised = mini_store.raise_problems_from_answers(insp)
    assert [(p.item_id, p.description) for p in raised] == [(c.item_id, c.description) for c in expected]
    assert expected[0].description == "每周是否组织一次集中政治业务学习，有记录：没有学习记录"
    assert problems_to_raise(mini, mini_store.answers(insp), raised={p.item_id for p in raised if p.item_id}) == []


# ---- the summary ---------------------------------------------------------------------------------------------------


def test_the_summary_is_the_score_and_the_gaps(mini: Checklist) -> None:
    given = answers(
        mini,
        ("s1.study", "yes", None, None),
        ("s2.firstask", "ok", None, None),
        ("s2.fees", None, 2, None),
        ("s2.score", None, 4, None),
        ("s2.tutoring", "found", None, "一名教师"),
        ("b.award", None, 5, None),
        ("d.complaint", None, 1, None),
    )
    result = score(mini, given)
    figures = summary(mini, given)
    assert (figures.points, figures.max, figures.percent, figures.grade) == (result.total, result.max, result.percent, "不合格")
    assert (figures.answered, figures.total) == (result.answered, result.total_items)
    assert (figures.bonus, figures.deduction, figures.vetoed_by) == (4, 3, ["s2.tutoring"])
    assert figures.counts == result.counts
    assert [(s.id, s.points, s.max, s.answered, s.total) for s in figures.sections] == [
        (s.section_id, s.earned, s.max, s.answered, s.total) for s in result.sections
    ]
    assert figures.gaps == [] and figures.can_complete
    assert list(figures.to_json()) == [
        "progress",
        "points",
        "max",
        "percent",
        "grade",
        "bonus",
        "deduction",
        "vetoed_by",
        "counts",
        "sections",
    ]
    assert figures.to_json()["sections"][0] == {
        "id": "s1",
        "title": "一查思想作风",
        "points": 10.0,
        "max": 10.0,
        "percent": 100.0,
        "answered": 1,
        "total": 2,
    }
    empty = summary(mini, {})
    assert not empty.can_complete
    assert {g.item_id for g in empty.gaps} == {"s1.study", "s2.firstask", "s2.fees", "s2.score", "s2.tutoring"}


# ---- the labels ----------------------------------------------------------------------------------------------------


def _inspection(status: str = "draft", revision: int = 1, signed_at: str | None = None) -> Inspection:
    return Inspection(1, "u", "mini", "1.0", "2026年秋季学期", [], status, "t", "t", None, revision, signed_at)


def test_stage_labels() -> None:
    assert stage_of(_inspection()) == Stage.DRAFT
    assert stage_of(_inspection("complete")) == Stage.COMPLETE
    signed = _inspection("complete", 2, "2026-11-20T10:00:00")
    assert stage_of(signed) == Stage.SIGNED
    assert [stage_label(i) for i in (_inspection(), _inspection("complete"), signed)] == ["填写中", "已完成", "已签名（第 2 版）"]
    assert [stage_label(i, "en") for i in (_inspection(), _inspection("complete"), signed)] == [
        "In progress",
        "Complete",
        "Signed (revision 2)",
    ]


def test_ledger_status_labels_in_both_languages_and_workflow_order() -> None:
    assert [(s.zh, s.en) for s in Status] == [
        ("待整改", "Open"),
        ("整改中", "In progress"),
        ("已整改（待验收）", "Fixed (awaiting acceptance)"),
        ("已销号", "Closed out"),
    ]
    assert Status.FIXED.label == Status.FIXED.zh and Status.FIXED.text("en") == "Fixed (awaiting acceptance)"
    assert Status.CLOSED.text("fr") == "已销号"  # not a language we have: Chinese
    assert sorted(Status, key=lambda s: s.rank) == [Status.OPEN, Status.IN_PROGRESS, Status.FIXED, Status.CLOSED]
    assert Status.parse("已整改") == Status.FIXED and Status.parse("in_progress") == Status.IN_PROGRESS


# ---- the skins agree -----------------------------------------------------------------------------------------------


def test_cli_gui_and_report_show_the_same_figures(mini_store: Store, data_dir: Path, qapp: Any) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    pytest.importorskip("PySide6")
    from PySide6.QtWidgets import QProgressBar

    from selfcheck.gui.pages.home_page import HomePage
    from selfcheck.gui.pages.summary_page import SummaryPage
    from selfcheck.reports.data import build
    from tests.cli.helpers import as_json, run_cli

    store = mini_store
    insp = store.new_inspection("mini", "2026年秋季学期", ["张三"]).id
    store.save_answers(
        insp,
        [
            {"item": "s1.study", "option": "partial", "note": "少两次"},
            {"item": "s2.firstask", "option": "ok"},
            {"item": "s2.fees", "value": 1},
            {"item": "s2.score", "value": 3.5},
            {"item": "s2.tutoring", "option": "none"},
            {"item": "b.award", "value": 1},
            {"item": "d.complaint", "value": 1},
        ],
    )
    store.raise_problems_from_answers(insp)
    store.complete_inspection(insp)

    cli = as_json(run_cli("inspection", "show", str(insp), "--json", data_dir=data_dir))
    listed = as_json(run_cli("inspection", "list", "--json", data_dir=data_dir))
    assert [i for i in listed if i["id"] == insp] == [{k: cli[k] for k in listed[0]}]
    listed_text = run_cli("inspection", "list", data_dir=data_dir).stdout
    assert listed_text.splitlines()[0].endswith("\t已完成")

    report = build(store, insp)
    sc = report.score
    assert (sc.points, sc.max, sc.percent, sc.grade, sc.bonus, sc.deduction, sc.vetoed_by, sc.counts) == (
        cli["points"],
        cli["max"],
        cli["percent"],
        cli["grade"],
        cli["bonus"],
        cli["deduction"],
        cli["vetoed_by"],
        cli["counts"],
    )
    assert (sc.answered, sc.total) == (cli["progress"]["answered"], cli["progress"]["total"])
    assert [(s.id, s.earned, s.max) for s in report.sections] == [
        (s["id"], pytest.approx(s["points"]), s["max"]) for s in cli["sections"]
    ]

    page = SummaryPage(store, insp)
    page.refresh()
    assert page.total.text() == f"{cli['points']:g} / {cli['max']:g} （{cli['percent']:g}%）"
    assert page.grade.text() == cli["grade"]
    assert page.detail.text().startswith(f"已答 {cli['progress']['answered']} / {cli['progress']['total']} 项")
    bars = page.sections_box.findChildren(QProgressBar)
    assert [b.format() for b in bars] == [f"{s['points']:g} / {s['max']:g}" for s in cli["sections"]]
    assert not page.complete_button.isEnabled()  # complete already

    home = HomePage(store)
    home.refresh()
    row = home._ids.index(insp)
    cells = [home.model.cell(row, col) for col in range(6)]
    progress = cli["progress"]
    assert cells[2:] == [
        f"{progress['answered']}/{progress['total']}",
        f"{cli['points']:g}/{cli['max']:g}（{cli['percent']:g}%）",
        cli["grade"],
        "已完成",
    ]


# ---- the words are written once ------------------------------------------------------------------------------------

CJK = re.compile(r"[\u3400-\u9fff]")
# Where the statuses are worded: the ledger's and the inspection's, in the core. Translations live outside selfcheck/.
OWNERS = {"selfcheck/core/ledger.py", "selfcheck/core/state.py"}


def _words(text: str) -> str:
    """The ideographs of a text: "已签名（第 {n} 版）" and "已签名（第 {rev} 版）。" read alike."""
    return "".join(CJK.findall(re.sub(r"\{[^{}]*\}", "", text)))


def test_status_labels_are_written_only_in_the_core() -> None:
    labels = {_words(zh) for zh, _ in [*LABELS.values(), *STAGE_LABELS.values()]}
    labels |= {_words(zh.split("（")[0]) for zh, _ in LABELS.values()}  # 已整改, as clerks type it
    assert {"待整改", "整改中", "已整改待验收", "已整改", "已销号", "填写中", "已完成", "已签名第版"} == labels
    found: list[str] = []
    for path in sorted((ROOT / "selfcheck").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in OWNERS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip: set[int] = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skip.add(id(body[0].value))  # docstrings
            if isinstance(node, ast.Call):  # the CLI's help texts name the statuses a user may type
                for keyword in node.keywords:
                    if keyword.arg in ("help", "description", "epilog"):
                        skip.update(id(n) for n in ast.walk(keyword.value))
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) and id(node) not in skip else None
            if isinstance(text, str) and _words(text) in labels:
                found.append(f"{rel}:{node.lineno}: {text!r}")
    assert not found, "status labels written outside core/ledger.py and core/state.py:\n" + "\n".join(found)

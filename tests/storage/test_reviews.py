"""The store's reviews (storage/reviews.py, schema upgrade 008_review): the reviewer's side and the school's import."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from selfcheck.core.answers import Answer
from selfcheck.core.checklist import Checklist
from selfcheck.core.review import Received
from selfcheck.errors import ConflictError, NotFoundError, RuleError
from selfcheck.storage import Store
from selfcheck.storage import db as dbmod

REPORT = "ab" * 32


def received(mini: Checklist, **over: object) -> Received:
    base = Received(
        uid="r-1", level="学区", reviewer_name="城关学区", reviewer_code="XQ1", reviewer_kind="学区", people=["李督学"],
        report_sha256=REPORT, school_name="城关第一小学", school_code="3412345678", period="2026年秋季学期",
        template_id="mini", template_version="1.0", content_hash=mini.content_hash(), review_date="2026-11-20",
        answers={"s1.study": Answer("s1.study", "no", note="无记录"), "s2.firstask": Answer("s2.firstask", "good")},
        school_answers={"s1.study": Answer("s1.study", "yes"), "s2.firstask": Answer("s2.firstask", "good")},
        problems=[("s2.firstask", "登记簿未填"), (None, "公开栏陈旧")], data_json="{}", file_sha256="01" * 32,
        signer_fingerprint="AA",
    )  # fmt: skip
    return dataclasses.replace(base, **over)  # type: ignore[arg-type]


@pytest.fixture
def exported(mini_store: Store) -> int:
    inspection = mini_store.new_inspection("mini", "2026年秋季学期")
    mini_store.record_export(inspection.id, "/u/r.pdf", REPORT, signed=True, fingerprint="f", document_id="d")
    return inspection.id


def test_import_raises_each_finding_once(mini_store: Store, mini: Checklist, exported: int) -> None:
    done = mini_store.import_review(received(mini))
    assert done.new and len(done.raised) == 3  # the worse item, the item with a finding, the overall finding
    problems = {p.item_id: p for p in mini_store.problems(inspection_id=exported)}
    assert {p.source for p in problems.values()} == {"review"}
    assert problems["s1.study"].description.startswith("【督查·学区·城关学区】") and "无记录" in problems["s1.study"].description
    again = mini_store.import_review(received(mini))
    assert not again.new and again.raised == [] and not again.changes
    # the reviewer exported the same review again with one more finding: only that one is raised
    more = received(mini, file_sha256="02" * 32, problems=[("s2.firstask", "登记簿未填"), (None, "公开栏陈旧"), (None, "新问题")])
    assert len(mini_store.import_review(more).raised) == 1
    assert len(mini_store.problems(inspection_id=exported)) == 4
    rows = mini_store.conn.execute("SELECT DISTINCT unit FROM audit WHERE entity = 'review'").fetchall()
    assert len(rows) == 2  # two imports that changed something, each one audited unit


@pytest.mark.parametrize(
    ("over", "error", "words"),
    [
        ({"school_code": "999"}, RuleError, "不是本校"),
        ({"report_sha256": "cd" * 32}, NotFoundError, "不是本机导出的签名报告"),
        ({"content_hash": "0" * 64}, ConflictError, "内容"),
        ({"template_version": "2.0"}, ConflictError, "检查表"),
        ({"answers": {"s1.study": Answer("s1.study", "maybe")}}, RuleError, "答案与检查表不符"),
        ({"answers": {"nope": Answer("nope", "yes")}}, RuleError, "答案与检查表不符"),
        ({"problems": [("nope", "x")]}, RuleError, "检查表没有的检查项"),
    ],
)
def test_import_refuses_what_is_not_this_schools_report(
    mini_store: Store, mini: Checklist, exported: int, over: dict[str, object], error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words):
        mini_store.import_review(received(mini, **over))
    assert mini_store.review_list() == [] and mini_store.problems() == []


def test_the_reviewers_side(mini_store: Store, mini: Checklist) -> None:
    mini_store.set_unit_kind("学区")
    assert mini_store.unit_kind() == "学区"
    with pytest.raises(RuleError):
        mini_store.set_unit_kind("公司")
    args = dict(report_json="{}", report_sha256=REPORT, report_signer="f", school_name="甲校", school_code="1",
                period="2026年秋季学期", template_id="mini", template_version="1.0", level="学区", people=["李"])  # fmt: skip
    with pytest.raises(ConflictError, match="内容"):
        mini_store.new_review(**args, content_hash="0" * 64, uid="x")  # type: ignore[arg-type]
    with pytest.raises(NotFoundError, match="checklist import"):
        mini_store.new_review(**{**args, "template_version": "9"}, content_hash=mini.content_hash(), uid="x")  # type: ignore[arg-type]
    review = mini_store.new_review(**args, content_hash=mini.content_hash(), uid="x")  # type: ignore[arg-type]
    saved = mini_store.save_review_answers(
        review.id, [{"item": "s2.score", "value": 3}], problems=[{"description": "总体问题"}], opinion="意见"
    )
    assert saved.changes.reviews == {review.id}
    assert mini_store.review_answers(review.id)["s2.score"].value == 3
    assert mini_store.review_problems(review.id) == [(None, "总体问题")] and mini_store.review(review.id).opinion == "意见"
    assert not mini_store.save_review_answers(review.id, [{"item": "s2.score", "value": 3}]).changes
    with pytest.raises(RuleError, match="answers\\[0\\]"):
        mini_store.save_review_answers(review.id, [{"item": "s2.score", "value": 99}])
    assert mini_store.review_answers(review.id)["s2.score"].value == 3


def test_upgrade_to_008_keeps_the_ledger_and_lets_a_review_raise(
    data_dir: Path, mini: Checklist, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dbmod, "UPGRADES", [u for u in dbmod.UPGRADES if u[0] != "008_review"])
    with Store.open(data_dir) as s:
        s.install_checklist(mini, "test")
        s.set_school("城关第一小学", "3412345678", "张明")
        inspection = s.new_inspection("mini", "2026年秋季学期")
        old = s.add_problem("食堂台账不全", inspection_id=inspection.id)
        s.record_export(inspection.id, "/u/r.pdf", REPORT, signed=True, fingerprint="f", document_id="d")
        with pytest.raises(Exception, match="CHECK"):
            s.conn.execute("UPDATE problems SET source = 'review' WHERE id = ?", [old.id])
    monkeypatch.undo()
    with Store.open(data_dir) as s:
        assert s.problem(old.id).description == "食堂台账不全" and s.unit_kind() == "学校"
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(s.import_review(received(mini)).raised) == 3
        with pytest.raises(Exception, match="CHECK"):  # the CHECK still holds for anything else
            s.conn.execute("UPDATE problems SET source = 'other' WHERE id = ?", [old.id])

"""The ledger names where a problem came from: a reviewer's finding (督查) shows as 督查 in the 来源 column, its
tooltip and the search, and the source filter shows one source at a time. The model and filter, no window."""

from __future__ import annotations

from selfcheck.core.ledger import SOURCES, Status, source_label
from selfcheck.core.records import Inspection, Problem
from selfcheck.gui.models.ledger_model import ItemRef, LedgerFilter, LedgerModel, column
from selfcheck.storage import Store
from tests.conftest import TODAY


def _rows(store: Store) -> tuple[LedgerModel, LedgerFilter, list[Problem]]:
    insp = store.new_inspection("wuchawukan", "2026年秋季学期", ["李华"])
    item = store.checklist("wuchawukan").items()[0].id
    common = {"status": Status.OPEN, "inspection_id": insp.id, "template_id": "wuchawukan", "item_id": item}
    problems = [
        Problem(1, "理论学习记录不全", source="answer", **common),  # type: ignore[arg-type]
        Problem(2, "督查发现：会议记录缺签名", source="review", **common),  # type: ignore[arg-type]
        Problem(3, "校门口交通拥堵", status=Status.OPEN, source="manual"),
    ]
    model = LedgerModel(today=TODAY)
    inspections: dict[int, Inspection] = {i.id: i for i in store.inspections()}
    titles = {t.template_id: t.title for t in store.checklists()}
    model.set_rows(problems, inspections, titles, {(insp.id, item): ItemRef("1.1", "第一项全文")})
    proxy = LedgerFilter()
    proxy.setSourceModel(model)
    return model, proxy, problems


def test_review_problems_show_as_review_in_the_source_column(school_store: Store) -> None:
    model, proxy, _ = _rows(school_store)
    source = {model.problem(r).id: model.index(r, column("source")).data() for r in range(model.rowCount())}
    assert source[2].startswith("督查 · ") and source[2].endswith("1.1")
    assert not source[1].startswith("督查") and "督查" not in source[1]
    assert source[3] == "手工录入"
    tip = model.index(model.row_of(2) or 0, column("source")).data(0x03)  # ToolTipRole
    assert "督查" in tip
    proxy.set_search("督查")  # the search finds them by the word shown
    assert [p.id for p in proxy.visible_problems()] == [2]


def test_the_source_filter_shows_one_source(school_store: Store) -> None:
    _, proxy, _ = _rows(school_store)
    assert sorted(p.id for p in proxy.visible_problems()) == [1, 2, 3]
    proxy.set_source("review")
    assert [p.id for p in proxy.visible_problems()] == [2]
    proxy.set_source("answer")
    assert [p.id for p in proxy.visible_problems()] == [1]
    proxy.set_source("manual")
    assert [p.id for p in proxy.visible_problems()] == [3]
    proxy.set_source(None)
    assert proxy.rowCount() == 3


def test_sources_are_worded_once_in_the_core() -> None:
    assert [source_label(k) for k in SOURCES] == ["自查", "督查", "手工录入"]
    assert source_label("review", "en") == "Review"

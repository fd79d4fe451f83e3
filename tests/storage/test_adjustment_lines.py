"""A 加减分项 line (adj.*) is answered like an item: it takes evidence and raises problems (issue 15.5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfcheck.errors import NotFoundError
from selfcheck.storage import Store


def test_an_adjustment_line_takes_evidence_and_a_problem(mini_store: Store, tmp_path: Path) -> None:
    inspection = mini_store.new_inspection("mini", "2026年秋季学期")
    mini_store.save_answer(inspection.id, "d.complaint", value=1, note="家长投诉收费不公开")
    scan = tmp_path / "投诉件.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + b"x" * 100)
    evidence = mini_store.attach_evidence(inspection.id, "d.complaint", scan)
    assert evidence.path.read_bytes() == scan.read_bytes()
    assert [e.name for e in mini_store.attachments(inspection.id, "d.complaint")] == ["投诉件.pdf"]
    problem = mini_store.add_problem("", inspection_id=inspection.id, item_id="d.complaint")
    assert (problem.item_id, problem.source) == ("d.complaint", "answer")
    assert problem.description == "被群众投诉并查实：家长投诉收费不公开"  # the line's text and the note, as for an item
    assert mini_store.items_with_open_problems(inspection.id) == {"d.complaint"}


def test_an_unknown_line_is_still_refused(mini_store: Store, tmp_path: Path) -> None:
    inspection = mini_store.new_inspection("mini", "2026年秋季学期")
    scan = tmp_path / "a.jpg"
    scan.write_bytes(b"\xff\xd8\xff")
    with pytest.raises(NotFoundError, match=r"adj\.nothing"):
        mini_store.attach_evidence(inspection.id, "adj.nothing", scan)
    with pytest.raises(NotFoundError, match=r"adj\.nothing"):
        mini_store.add_problem("x", inspection_id=inspection.id, item_id="adj.nothing")

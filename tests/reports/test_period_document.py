"""The quarterly summary / half-year assessment as a document: its data from the store (the period's inspections,
the ledger's movement, task progress, the clue tally when the store keeps clues), its PDF read back, its signature
verified by the report verifier and told apart from a 自查报告 by the bureau's intake."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest

from selfcheck.core.cadence import Kind
from selfcheck.core.clues import Stage
from selfcheck.core.ledger import Status
from selfcheck.errors import RuleError, SelfcheckError
from selfcheck.exchange.intake.examine import examine
from selfcheck.reports import period_data, period_narrative, period_service, verify
from selfcheck.reports.attachments import check_schema
from selfcheck.reports.identity import create_identity
from selfcheck.reports.verdict import Reject
from selfcheck.storage import Store

D = dt.date
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def school(mini_store: Store, set_today: object) -> Store:
    s = mini_store
    old = s.add_problem(
        "课后服务收费未公示", owner="王老师", department="总务处", deadline=D(2026, 9, 30), raised_on=D(2026, 9, 1)
    )
    s.update_problem(old.id, measure="公示", status=Status.FIXED)
    s.close_problem(old.id, verified_by="张明", evidence="公示照片", verified_on=D(2026, 10, 15), handling="已约谈责任教师")
    s.add_problem("图书室开放时间未公示", owner="李华", deadline=D(2026, 10, 31), raised_on=D(2026, 10, 8))
    s.add_problem("下季度的问题", raised_on=D(2026, 11, 20))
    task = s.add_task("食堂台账", standard="每日台账齐全", owner="赵六", deadline=D(2026, 12, 31), set_on=D(2026, 9, 20))
    s.add_progress(task.id, percent=20, note="九月已补", on=D(2026, 9, 25))
    s.add_progress(task.id, percent=60, note="十月已补", on=D(2026, 10, 20))
    s.new_inspection("mini", "2026年11月月度检查")  # started today, in the fourth quarter, not complete
    return s


def test_the_data_of_a_quarter(school: Store) -> None:
    doc = school.open_period_document(Kind.QUARTERLY, D(2026, 10, 1), D(2026, 12, 31))
    data = period_data.build(school, doc.id, today=D(2026, 11, 20))
    assert data.period.label == "2026年第四季度" and data.kind == "quarterly" and data.kind_label == "季度小结"
    assert [p.description for p in data.ledger.raised] == ["图书室开放时间未公示", "下季度的问题"]
    assert [p.description for p in data.ledger.closed] == ["课后服务收费未公示"]
    assert [p.description for p in data.ledger.overdue] == ["图书室开放时间未公示"]
    assert data.ledger.open_at_end == 2
    assert [(i.period, i.status, i.checklist_id) for i in data.inspections] == [("2026年11月月度检查", "draft", "mini")]
    assert "本期共开展自查1次，其中已完成0次" in data.document.narrative and "尚未完成" in data.document.narrative
    assert [e.note for e in data.tasks[0].entries] == ["十月已补"]  # only the period's entries
    assert data.tasks[0].percent == 60 and data.clues is None
    assert "问题线索" not in data.document.narrative and "验收销号1个" in data.document.narrative
    odd = school.open_period_document(Kind.QUARTERLY, D(2026, 10, 8), D(2026, 12, 31))
    assert period_data.build(school, odd.id).period.label == "2026年10月8日至2026年12月31日"


def test_the_clue_register_fills_the_documents_clue_section(school: Store) -> None:
    """The clues received in the period (the clue register's tally) are quoted in the document, in the seed's words."""
    first = school.add_clue("家长来电", D(2026, 9, 3), "反映教师有偿补课", contact="13812345678", staff="王某")
    school.add_clue("12345热线", D(2026, 11, 20), "反映食堂收费", contact="13900001111")
    school.add_clue("来信", D(2026, 6, 30), "学期前的来信")  # before the period: not counted
    school.record_clue_stage(first.id, Stage.CHECKED, day=D(2026, 9, 10), finding="属实", checked_by="李华")
    doc = school.open_period_document(Kind.HALF_YEAR, D(2026, 7, 1), D(2026, 12, 31))
    data = period_data.build(school, doc.id)
    assert data.clues is not None and (data.clues.accepted, data.clues.true, data.clues.in_progress) == (2, 1, 2)
    text = period_narrative.write(data)
    assert "问题线索办理情况" in text and "受理问题线索2件，经核查属实（含部分属实）1件" in text
    assert "13812345678" not in data.model_dump_json() and "138" not in text


def test_signed_verified_and_not_summed_up_as_a_report(school: Store, tmp_path: Path) -> None:
    made = create_identity("城关第一小学", "3412345678", PASSPHRASE)
    school.set_identity(made.key_pem, made.cert_pem, made.fingerprint)
    doc = period_service.begin(school, Kind.QUARTERLY, D(2026, 10, 1), D(2026, 12, 31))
    school.set_period_text(doc.id, narrative="一、基本情况\n本季度学校按月开展自查。\n二、下一步打算\n继续整改。")
    done = period_service.export(school, doc.id, tmp_path, passphrase=PASSPHRASE)
    raw = done.path.read_bytes()
    result = verify.verify(raw, [made.cert_pem])
    assert result.ok and result.trusted and result.data is not None and result.data["kind"] == "quarterly"
    assert result.data["document"]["narrative"].startswith("一、基本情况\n本季度学校按月开展自查。")
    text = subprocess.run(["pdftotext", "-layout", str(done.path), "-"], capture_output=True, text=True, check=True).stdout
    for words in (
        "城关第一小学2026年第四季度工作小结",
        "本季度学校按月开展自查",
        "附件3",
        "十月已补",
        "2026年11月月度检查",
        "填写中",
    ):
        assert words in text, words
    pages = subprocess.run(["pdfinfo", str(done.path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+4\n", pages)  # the short text on one page, then one landscape page per attachment
    assert school.period_document(doc.id).locked
    outcome = examine(raw, (made.cert_pem,))
    assert outcome.report is None and outcome.code == "period_document" and "季度小结" in outcome.reason_zh


def test_the_schema_is_strict_and_told_apart_by_format(school: Store) -> None:
    doc = school.open_period_document(Kind.QUARTERLY, D(2026, 10, 1), D(2026, 12, 31))
    data = json.loads(period_data.build(school, doc.id).canonical_json())
    check_schema(data)
    for broken in ({**data, "kind": "yearly"}, {**data, "ledger": {**data["ledger"], "open_at_end": "2"}}, {**data, "x": 1}):
        with pytest.raises(Reject):
            check_schema(broken)
    with pytest.raises(Reject):  # a report's format with a period's body
        check_schema({**data, "format": "selfcheck.report/1"})


def test_an_unsigned_export_is_not_done(school: Store, tmp_path: Path) -> None:
    doc = period_service.begin(school, Kind.QUARTERLY, D(2026, 7, 1), D(2026, 9, 30))
    done = period_service.export(school, doc.id, tmp_path / "q3.pdf", passphrase=None)
    assert not done.signed and not school.period_document(doc.id).locked
    assert verify.verify(done.path.read_bytes()).code == "not_signed"
    made = create_identity("城关第一小学", "3412345678", PASSPHRASE)
    school.set_identity(made.key_pem, made.cert_pem, made.fingerprint)
    stick = tmp_path / "stick"
    stick.mkdir()
    with pytest.raises(RuleError, match="签名需要口令"):
        period_service.export(school, doc.id, stick, passphrase=None)
    with pytest.raises(SelfcheckError, match="口令不正确"):
        period_service.export(school, doc.id, stick, passphrase="wrong passphrase here")
    assert list(stick.iterdir()) == [] and not school.period_document(doc.id).locked

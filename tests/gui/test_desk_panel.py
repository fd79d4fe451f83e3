"""The desk on the bureau page, driven as a clerk would: collect a stick with the schools' certificates (the reports
are filed), open 本期台账, import the roster (one school has not submitted), read the ranking and the missing list,
write the 通报; the desk's table models tested without a window."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt

from selfcheck.core.desk import RosterEntry, RoundStatus, SectionScore, Submission
from selfcheck.gui.models.desk_model import SORT_ROLE, DeskTableModel
from selfcheck.gui.pages import desk_panel
from selfcheck.gui.pages.bureau_page import BureauPage
from selfcheck.storage.desk import Desk
from tests.conftest import TODAY
from tests.gui.test_bureau_page import PERIOD, SCHOOLS, Stick, choose, page, stick  # noqa: F401  (fixtures)


def test_collect_files_into_the_desk_and_the_desk_tab_ranks_names_missing_and_writes_the_bulletin(
    page: BureauPage,  # noqa: F811  (the bureau page's fixture)
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    stick: Stick,  # noqa: F811
    tmp_path: Path,
) -> None:
    choose(page, qtbot, monkeypatch, stick.root, stick.certs, tmp_path / "汇总.xlsx")
    with qtbot.waitSignal(page.collected, timeout=60_000):
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    book = openpyxl.load_workbook(tmp_path / "汇总.xlsx", read_only=True)
    assert "名册报送情况" in book.sheetnames
    book.close()

    page.pages.setCurrentWidget(page.desk_panel)
    panel = page.desk_panel
    assert panel.rounds.count() == 1 and panel.rounds.currentData() == (PERIOD, "mini")
    assert panel.ranking_model.rowCount() == 3
    assert sorted(panel.ranking_model.codes) == sorted(code for _, code in SCHOOLS)

    roster = tmp_path / "名册.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["学校名称", "学校代码", "学区"])
    for name, code in [*SCHOOLS, ("石门小学", "3412000009")]:
        wb.active.append([name, code, "城关学区"])
    wb.save(roster)
    monkeypatch.setattr(desk_panel, "ask_roster", lambda parent, start: roster)
    qtbot.mouseClick(panel.roster_button, Qt.MouseButton.LeftButton)
    assert panel.missing_model.rowCount() == 1
    assert panel.missing_model.data(panel.missing_model.index(0, 1)) == "石门小学"
    assert "未提交 1 所" in panel.summary.text() and "新增 4 所" in panel.summary.text()

    out = tmp_path / "通报.pdf"
    monkeypatch.setattr(desk_panel, "ask_save", lambda parent, title, suggested, pattern: out)
    panel.unit_edit.clear()
    panel.unit_edit.insert("紫阳县教育局")  # as an input method commits it (QTest types ASCII only)
    qtbot.mouseClick(panel.bulletin_button, Qt.MouseButton.LeftButton)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = text.replace(" ", "").replace("\n", "")
    assert "自查情况的通报" in flat and "石门小学" in flat and "紫阳县教育局" in flat
    # a review of one school's report, verified by the reviewers' verifier (here a stand-in), filed beside it
    from types import SimpleNamespace as NS

    from selfcheck.exchange import desk_reviews

    code = SCHOOLS[0][1]
    with Desk.open(page.store.path.parent) as desk:
        own = {r.filed.code: r.filed for r in desk.round_status(PERIOD, "mini", TODAY).ranking}[code]
    data = NS(
        review_id="r1", generated_at="2026-11-20T09:00:00+08:00", level="学区", reviewer=NS(name="城关学区", people=["李督学"]),
        report=NS(data_fingerprint=own.fingerprint, school=NS(code=code), template=NS(id="mini"), period=PERIOD),
        score=NS(points=1.0, max=10.0, percent=10.0, grade="不合格"),
    )  # fmt: skip
    reviews = tmp_path / "督查意见"
    reviews.mkdir()
    (reviews / "r.pdf").write_bytes(b"%PDF-")
    unit = tmp_path / "督查单位证书"
    unit.mkdir()
    (unit / "u.pem").write_bytes(stick.certs.joinpath(f"{code}.pem").read_bytes())  # any certificate: a stand-in
    verdict = NS(ok=True, data=data, trusted=True, sha256="abc", reason_zh="")
    monkeypatch.setattr(desk_reviews, "verifier", lambda: lambda path, trusted: verdict)
    folders = [reviews, unit]
    monkeypatch.setattr(desk_panel, "ask_folder", lambda parent, title, start: folders.pop(0))
    qtbot.mouseClick(panel.reviews_button, Qt.MouseButton.LeftButton)
    assert "已归档督查意见 1 份" in panel.summary.text() and "督查复核 1 所" in panel.summary.text()
    row = panel.ranking_model.codes.index(code)
    assert panel.ranking_model.data(panel.ranking_model.index(row, 7)).startswith("+")  # 自评 above 督评
    again = desk_panel.DeskPanel(tmp_path / "elsewhere", "城关一小")
    qtbot.addWidget(again)
    assert again.unit_edit.text() == "紫阳县教育局"  # what was typed is kept for next time


def test_the_desk_models_without_a_window(data_dir: Path, qapp: Any) -> None:
    tz = dt.timezone(dt.timedelta(hours=8))
    with Desk.open(data_dir) as desk:
        desk.import_roster([RosterEntry("1", "甲校", "东"), RosterEntry("2", "乙校", "西"), RosterEntry("3", "丙校", "西")], "x")
        desk.file_reports(
            [
                Submission(
                    f"sha{c}",
                    f"{c}.pdf",
                    c,
                    f"校{c}",
                    "mini",
                    "1.0",
                    "表",
                    PERIOD,
                    dt.datetime(2026, 11, 1, tzinfo=tz),
                    "d",
                    f"fp{c}",
                    "AB",
                    p,
                    100,
                    p,
                    "合格",
                    False,
                    (SectionScore("一", p / 10, 10),),
                )
                for c, p in (("1", 70.0), ("2", 95.0))
            ],
            "U盘",
        )
        status: RoundStatus = desk.round_status(PERIOD, "mini", TODAY)
    ranking = DeskTableModel("ranking")
    ranking.set_status(status)
    assert ranking.rowCount() == 2 and ranking.columnCount() == 9
    assert [ranking.data(ranking.index(r, 1)) for r in range(2)] == ["乙校", "甲校"]
    assert ranking.data(ranking.index(0, 4)) == "95.0%" and ranking.data(ranking.index(0, 4), SORT_ROLE) == 95.0
    missing = DeskTableModel("missing")
    missing.set_status(status)
    assert missing.rowCount() == 1 and missing.data(missing.index(0, 1)) == "丙校"
    sections = DeskTableModel("sections")
    sections.set_status(status)
    assert sections.rowCount() == 1 and sections.data(sections.index(0, 2)) == "82.5%"  # (70 + 95) / 2
    assert sections.data(sections.index(0, 3)) == "甲校 70.0%、乙校 95.0%"  # roster names
    missing.set_status(None)
    assert missing.rowCount() == 0


def test_the_intake_files_a_signed_review_on_the_stick_beside_the_report(
    page: BureauPage,  # noqa: F811
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    stick: Stick,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A 学区's signed review on the stick, its certificate in the trust folder's 督查单位: the GUI intake files it."""
    import shutil

    from selfcheck.core.checklist_file import read_checklist
    from selfcheck.reports import review_service, service
    from selfcheck.storage import Store
    from tests.gui.test_bureau_page import MINI, PASS

    root, certs = tmp_path / "U盘", tmp_path / "证书"
    shutil.copytree(stick.root, root)
    shutil.copytree(stick.certs, certs)
    name, code = SCHOOLS[1]
    report = next(p for p in root.rglob("*.pdf") if name in p.name)
    with Store.open(tmp_path / "xuequ", install_builtins=False) as unit:
        unit.install_checklist(read_checklist(MINI), "test")
        unit.set_school("紫阳县城关学区", "XQ-0101", "赵主任")
        unit.set_unit_kind("学区")
        service.init_keys(unit, PASS)
        school_pem = (certs / f"{code}.pem").read_bytes()
        review = review_service.start_review(unit, report, level="学区", people=["李督学"], trusted=[school_pem])
        unit.save_review_answers(review.id, [{"item": "s2.fees", "value": 3}])
        review_service.export_review(unit, review.id, root, passphrase=PASS)
        (certs / "督查单位").mkdir()
        (certs / "督查单位" / "xuequ.pem").write_bytes(service.certificate(unit)[0])
    choose(page, qtbot, monkeypatch, root, certs, tmp_path / "汇总.xlsx")
    with qtbot.waitSignal(page.collected, timeout=60_000):
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert "督查意见 1 份已验证并归档到本期台账" in page.status.text()
    assert page.results.tabText(1) == "未采用的文件（1）"  # the invoice only: the review is not a rejected report
    page.pages.setCurrentWidget(page.desk_panel)
    panel = page.desk_panel
    assert "督查复核 1 所" in panel.summary.text()
    with Desk.open(page.store.path.parent) as desk:
        [ranked] = [r for r in desk.round_status(PERIOD, "mini", TODAY).ranking if r.filed.code == code]
    assert ranked.review is not None and ranked.review.unit == "紫阳县城关学区" and ranked.gap is not None and ranked.gap > 0

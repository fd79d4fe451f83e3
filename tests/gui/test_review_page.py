"""The reviewing unit's 督查 screen: start a review from a school's signed report, answer an item by double-click,
export the signed 督查意见 (in the thread pool), all through real clicks; a school's window has no such tab."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from selfcheck.core.checklist import Checklist
from selfcheck.gui.main_window import MainWindow
from selfcheck.gui.pages import review_page
from selfcheck.reports import review_service, service
from selfcheck.storage import Store

PASSPHRASE = "correct horse battery staple"


def tab_titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_a_reviewer_reviews_a_report_through_the_screen(  # type: ignore[no-untyped-def]
    qtbot, school_store: Store, mini: Checklist, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    school_store.install_checklist(mini, "test")
    service.init_keys(school_store, PASSPHRASE)
    inspection = school_store.new_inspection("mini", "2026年秋季学期")
    school_store.save_answers(inspection.id, [{"item": "s1.study", "option": "yes"}, {"item": "s2.score", "value": 5}])
    stick = tmp_path / "stick"
    stick.mkdir()
    report = service.export(school_store, inspection.id, stick, passphrase=PASSPHRASE).path
    school_cert = tmp_path / "school.pem"
    school_cert.write_bytes(service.certificate(school_store)[0])
    school_window = MainWindow(school_store)
    qtbot.addWidget(school_window)
    assert "督查" not in tab_titles(school_window)

    unit = Store.open(tmp_path / "xuequ")
    unit.install_checklist(mini, "test")
    unit.set_school("紫阳县城关学区", "XQ-0101", "赵主任")
    unit.set_unit_kind("学区")
    service.init_keys(unit, PASSPHRASE)
    files = {"报告": str(report), "证书": str(school_cert)}
    monkeypatch.setattr(
        review_page, "choose_file", lambda parent, title, pattern: next(v for k, v in files.items() if k in title)
    )
    monkeypatch.setattr(review_page, "ask_start", lambda parent: ("学区", ["李督学"]))
    answer: dict[str, Any] = {"item": "s1.study", "option": "no", "note": "无学习记录"}
    monkeypatch.setattr(review_page, "ask_answer", lambda parent, checklist, item: {**answer, "item": item.id})
    monkeypatch.setattr(review_page, "choose_folder", lambda parent: str(stick))
    monkeypatch.setattr(review_page, "ask_passphrase", lambda parent: PASSPHRASE)

    window = MainWindow(unit)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    index = tab_titles(window).index("督查")
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    page = window.pages["ReviewPage"]
    assert isinstance(page, review_page.ReviewPage)
    assert "还没有督查" in page.figures.text() and not page.export_button.isEnabled()

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.list_model.rowCount() == 1 and page.list_model.cell(0, 3) == "学区"
    assert page.items.rowCount() == len(mini.items())
    row = next(r for r in range(page.items.rowCount()) if page.items.cell(r, 0) == "1.1")
    assert page.items.cell(row, 2) == "是 · 10" and page.items.cell(row, 3) == "未查"
    hint = page.items.data(page.items.index(row, 1), Qt.ItemDataRole.ToolTipRole)
    assert "材料提示：学习记录本、签到表" in hint and "检查方法：查看资料" in hint  # the evidence to ask the school for

    rect = page.table.visualRect(page.items.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    row = next(r for r in range(page.items.rowCount()) if page.items.cell(r, 0) == "1.1")
    assert page.items.cell(row, 3) == "否 · 0" and page.items.worse(row, 3)
    assert "与自评不符 1 项" in page.figures.text()

    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已导出并签名" in page.figures.text(), timeout=60000)
    written = [p for p in stick.iterdir() if "督查意见" in p.name]
    assert len(written) == 1
    verdict = review_service.verify_review(written[0], [service.certificate(unit)[0]])
    assert verdict.ok and verdict.data is not None and [i.id for i in verdict.data.items if i.worse] == ["s1.study"]
    qtbot.waitUntil(lambda: page.list_model.rowCount() == 1 and page.list_model.cell(0, 4) == "2026-11-20")
    window.close()
    unit.close()

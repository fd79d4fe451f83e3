"""The reviewing unit's 督查 screen: start a review from a signed report, answer items from the keyboard in the list
with the editor beside it (a number key picks the 督查情况 and goes on, Enter goes to the note or the value, a finding
with Enter), export the signed 督查意见 (in the thread pool); a later level's review shows what the earlier one found
beside each item; a school's window has no such tab."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from selfcheck.core.checklist import Checklist
from selfcheck.gui.main_window import MainWindow
from selfcheck.gui.models.review_model import ITEM_ROLE
from selfcheck.gui.pages import review_page
from selfcheck.reports import review_service, service
from selfcheck.storage import Store

PASSPHRASE = "correct horse battery staple"


def tab_titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def row_of(page: review_page.ReviewPage, item_id: str) -> int:
    return next(r for r in range(page.items.rowCount()) if page.items.data(page.items.index(r, 0), ITEM_ROLE) == item_id)


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
    monkeypatch.setattr(review_page, "choose_folder", lambda parent: str(stick))
    monkeypatch.setattr(review_page, "ask_passphrase", lambda parent: PASSPHRASE)

    window = MainWindow(unit)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # the keys go where the focus is, as for a person
    index = tab_titles(window).index("督查")
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    page = window.pages["ReviewPage"]
    assert isinstance(page, review_page.ReviewPage)
    assert "还没有督查" in page.figures.text() and not page.export_button.isEnabled()

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.list_model.rowCount() == 1 and page.list_model.cell(0, 3) == "学区"
    school = page.list_model.cell(0, 1)  # the school's name and code read whole, not cut to "城关第一小…"
    assert "3412345678" in school and page.list.columnWidth(1) >= page.list.fontMetrics().horizontalAdvance(school)
    assert page.items.rowCount() == len(mini.items())
    # beside the editor at 1024: 序号, the item (elided), 自评 and 督评 all in sight, no sideways scrolling
    header, em = page.table.horizontalHeader(), page.table.fontMetrics().horizontalAdvance("问")
    assert header.length() <= page.table.viewport().width() and page.table.horizontalScrollBar().maximum() == 0
    assert header.sectionSize(1) >= em * 8
    for col in (0, 2, 4):
        widest = max(page.table.fontMetrics().horizontalAdvance(page.items.cell(r, col)) for r in range(page.items.rowCount()))
        assert header.sectionSize(col) >= widest, col
    row = next(r for r in range(page.items.rowCount()) if page.items.cell(r, 0) == "1.1")
    assert page.items.cell(row, 2) == "是 · 10" and page.items.cell(row, 4) == "未查"
    hint = page.items.data(page.items.index(row, 1), Qt.ItemDataRole.ToolTipRole)
    assert "材料提示：学习记录本、签到表" in hint and "检查方法：查看资料" in hint  # the evidence to ask the school for

    # the editor beside the list shows the item chosen: the school's answer, the evidence hint
    rect = page.table.visualRect(page.items.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page.table.setFocus()
    assert page.editor.title.text() == "每周是否组织一次集中政治业务学习，有记录"
    assert "是 · 10" in page.editor.school.text() and "学习记录本、签到表" in page.editor.hint.text()
    assert [b.text() for b in page.editor.option_buttons] == ["1 是", "2 部分落实", "3 否", "4 不适用"]
    # a number key picks the 督查情况, saves it and goes to the next item
    qtbot.keyClick(page.table, Qt.Key.Key_3)
    row = next(r for r in range(page.items.rowCount()) if page.items.cell(r, 0) == "1.1")
    assert page.items.cell(row, 4) == "否 · 0" and page.items.worse(row, 4)
    assert "与自评不符 1 项" in page.figures.text()
    assert page.table.currentIndex().row() == row + 1 and page.table.hasFocus()
    # back up, Enter to the note, type it, Enter: saved with the option, and back to the list
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.editor.note.hasFocus()
    page.editor.note.insert("无学习记录")  # as an input method commits it (QTest types ASCII only)
    qtbot.keyClick(page.editor.note, Qt.Key.Key_Return)
    assert unit.review_answers(1)["s1.study"].note == "无学习记录" and unit.review_answers(1)["s1.study"].option == "no"
    assert page.table.hasFocus() and page.current_item() == "s1.study"
    # a score item: Enter goes to the value; a finding is written down with Enter
    score = row_of(page, "s2.score")
    page.table.setCurrentIndex(page.items.index(score, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.editor.value.hasFocus()
    qtbot.keyClicks(page.editor.value, "3")
    qtbot.keyClick(page.editor.value, Qt.Key.Key_Return)
    assert unit.review_answers(1)["s2.score"].value == 3
    page.editor.finding.insert("档案未分类")
    qtbot.keyClick(page.editor.finding, Qt.Key.Key_Return)
    assert unit.review_problems(1) == [("s2.score", "档案未分类")]
    score = row_of(page, "s2.score")
    assert "档案未分类" in page.items.cell(score, 5) and page.items.cell(score, 4) == "3 分 · 3"

    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已导出并签名" in page.figures.text(), timeout=60000)
    written = [p for p in stick.iterdir() if "督查意见" in p.name]
    assert len(written) == 1
    verdict = review_service.verify_review(written[0], [service.certificate(unit)[0]])
    assert verdict.ok and verdict.data is not None and [i.id for i in verdict.data.items if i.worse] == ["s1.study", "s2.score"]
    qtbot.waitUntil(lambda: page.list_model.rowCount() == 1 and page.list_model.cell(0, 4) == "2026-11-20")

    # a second level in the same folder: beside each item, what the 学区 found
    monkeypatch.setattr(review_page, "ask_start", lambda parent: ("督查组", ["王督学"]))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.list_model.rowCount() == 2 and page.current_id() == 2
    row = next(r for r in range(page.items.rowCount()) if page.items.cell(r, 0) == "1.1")
    assert page.items.cell(row, 3) == "学区：否（0） 无学习记录" and page.items.worse(row, 3)
    assert page.items.cell(row, 4) == "未查"
    page.table.setCurrentIndex(page.items.index(row, 0))
    assert page.editor.earlier.text() == "学区：否（0） 无学习记录"
    score = row_of(page, "s2.score")
    assert page.items.cell(score, 3) == "学区：3 分（3） 发现：档案未分类"
    window.close()
    unit.close()


def test_the_editor_swaps_its_option_buttons_without_widening_the_window(qtbot, mini: Checklist) -> None:  # type: ignore[no-untyped-def]
    """Choosing items one after another: the earlier item's buttons leave the row at once (not when Qt deletes them
    later), so the row never holds two items' buttons and the window is never pushed wider than it was."""
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    from selfcheck.gui.widgets.review_editor import ReviewItemEditor

    host = QWidget()
    qtbot.addWidget(host)
    editor = ReviewItemEditor()
    QVBoxLayout(host).addWidget(editor)
    host.resize(420, 500)
    host.show()
    item = next(i for i in mini.items() if i.type == "choice" and len(mini.option_map[i.id]) >= 3)
    options = len(mini.option_map[item.id])
    editor.show_item(item, mini, school="是 · 10")
    QApplication.processEvents()
    width = host.width()  # as wide as one item's buttons need
    for _ in range(4):  # as the selection moves: each item shown before the event loop runs
        editor.show_item(item, mini, school="是 · 10")
    assert editor.buttons.count() == options
    QApplication.processEvents()
    assert host.width() == width and editor.buttons.count() == options

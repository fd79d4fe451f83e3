"""The responsibility list and the cadence in the app: the tasks model without a window; the tasks screen, the ledger's
"建立任务", the home page's reminder and the cadence screen driven with keys and clicks; a quarterly summary edited,
signed in the worker thread and verified."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from selfcheck.core.cadence import Kind
from selfcheck.core.changes import Changes
from selfcheck.core.ledger import Status
from selfcheck.gui import ops
from selfcheck.gui.dialogs.task_dialog import ProgressDialog, TaskDialog
from selfcheck.gui.models.tasks_model import ALERT, TasksModel
from selfcheck.gui.pages import tasks_page
from selfcheck.gui.pages.cadence_page import CadencePage
from selfcheck.gui.pages.home_page import HomePage
from selfcheck.gui.pages.ledger_page import LedgerPage
from selfcheck.gui.pages.tasks_page import TasksPage
from selfcheck.reports import verify
from selfcheck.storage import Store
from tests.conftest import DATA, TODAY
from tests.gui.conftest import listen

D = dt.date
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    shown: list[BaseException] = []
    monkeypatch.setattr(ops, "show_error", lambda parent, exc, title=None: shown.append(exc))
    return shown


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """Type as a Chinese user does: ASCII as key presses, Chinese as the input method commits it."""
    widget.setFocus()
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)  # QTest only knows keys for ASCII
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def save(dialog: Any) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def test_the_model_ranks_and_marks_late_and_stalled_tasks(school_store: Store) -> None:
    s = school_store
    late = s.add_task("公示收费", standard="每学期", owner="张明", deadline=TODAY - dt.timedelta(days=1))
    quiet = s.add_task(
        "食堂台账", standard="齐全", owner="李华", deadline=TODAY + dt.timedelta(days=60), set_on=TODAY - dt.timedelta(days=40)
    )
    fine = s.add_task("图书室", standard="开放", owner="赵六", deadline=TODAY + dt.timedelta(days=9))
    s.add_progress(fine.id, percent=10, note="开始")
    model = TasksModel()
    model.set_rows(s.tasks(), TODAY)
    assert [model.task(r).id for r in range(3)] == [late.id, quiet.id, fine.id]
    assert [model.cell(r, 6) for r in range(3)] == ["已逾期", "停滞", "推进中"]
    assert [model.alert(r) for r in range(3)] == [True, True, False]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole).color() == ALERT
    assert model.data(model.index(2, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert model.cell(2, 5) == "10%"


def test_set_a_task_and_record_progress_with_keys(
    qtbot: Any, school_store: Store, tmp_path: Path, errors: list[BaseException], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = listen(TasksPage(school_store))
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, TaskDialog) and dialog.focusWidget() is dialog.title
    type_text(qtbot, dialog.title, "课后服务收费公示")
    type_text(qtbot, dialog.standard, "公示栏和家长群同时公示")
    save(dialog)  # no owner yet: refused, nothing typed is lost
    assert "责任人" in dialog.message.text() and dialog.isVisible()
    assert dialog.title.text() == "课后服务收费公示" and dialog.standard.toPlainText() == "公示栏和家长群同时公示"
    type_text(qtbot, dialog.owner, "王老师")
    save(dialog)
    assert not dialog.isVisible()
    task = school_store.tasks()[0]
    assert (task.title, task.owner, task.deadline) == ("课后服务收费公示", "王老师", TODAY + dt.timedelta(days=30))
    assert page.model.rowCount() == 1 and page.selected_task() is not None

    qtbot.mouseClick(page.progress_button, Qt.MouseButton.LeftButton)
    progress = page.dialog
    assert isinstance(progress, ProgressDialog) and progress.focusWidget() is progress.percent
    qtbot.keyClicks(progress.percent, "60")
    photo = tmp_path / "公示.png"
    photo.write_bytes(b"\x89PNG board")
    progress.evidence.setText(str(tmp_path / "没有.png"))
    type_text(qtbot, progress.note, "已在公示栏张贴")
    save(progress)
    assert "找不到" in progress.message.text() and progress.note.toPlainText() == "已在公示栏张贴"
    progress.evidence.setText(str(photo))
    save(progress)
    assert not progress.isVisible() and school_store.task(task.id).percent == 60
    assert "已在公示栏张贴" in page.history.item(0).text() and "公示.png" in page.history.item(0).text()
    assert page.model.cell(0, 5) == "60%"
    opened: list[str] = []
    monkeypatch.setattr(tasks_page.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    page.history.itemActivated.emit(page.history.item(0))
    assert len(opened) == 1 and Path(opened[0]).read_bytes() == photo.read_bytes()
    assert Path(opened[0]).is_relative_to(school_store.evidence_dir())  # the copy, not the file on the stick
    assert errors == []


def test_the_ledger_sets_a_task_for_a_problem_and_shows_late_ones(
    qtbot: Any, school_store: Store, errors: list[BaseException]
) -> None:
    problem = school_store.add_problem(
        "图书室开放时间未公示", owner="李华", department="教务处", deadline=TODAY + dt.timedelta(days=5)
    )
    page = listen(LedgerPage(school_store))
    qtbot.addWidget(page)
    page.show()
    assert page.select(problem.id)
    assert page.task_button.isEnabled() and not page.tasks_note.isVisible()
    qtbot.mouseClick(page.task_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, TaskDialog)
    assert (dialog.title.text(), dialog.owner.text(), dialog.department.text()) == ("图书室开放时间未公示", "李华", "教务处")
    assert dialog.focusWidget() is dialog.standard
    type_text(qtbot, dialog.standard, "开放时间上墙并在家长群公布")
    save(dialog)
    task = school_store.tasks(problem_id=problem.id)
    assert len(task) == 1 and task[0].deadline == TODAY + dt.timedelta(days=5)
    school_store.add_task("旧任务", standard="x", owner="y", deadline=TODAY - dt.timedelta(days=3))
    ops.broadcast(Changes(tasks=frozenset({2})))
    assert page.tasks_note.isVisible() and "1 项任务逾期" in page.tasks_note.text()
    school_store.update_problem(problem.id, status=Status.IN_PROGRESS)


def test_home_shows_what_is_due_and_late(qtbot: Any, school_store: Store, set_today: Callable[[dt.date], None]) -> None:
    school_store.install_checklist(
        __import__("selfcheck.core.checklist_file", fromlist=["x"]).read_checklist(DATA / "mini.yaml"), "test"
    )
    school_store.set_rhythm(monthly=True, quarterly=True, half_year=False, monthly_checklist="mini", since=D(2026, 10, 1))
    school_store.add_task("食堂台账", standard="齐全", owner="李华", deadline=TODAY - dt.timedelta(days=2))
    home = listen(HomePage(school_store))
    qtbot.addWidget(home)
    home.resize(1024, 768)
    home.show()
    lines = [home.due.list.item(n).text() for n in range(home.due.list.count())]
    assert lines[0].startswith("【已逾期】月度检查 · 2026年10月")
    assert any(line.startswith("【待完成】月度检查 · 2026年11月") for line in lines)
    assert any("【任务已逾期】食堂台账" in line for line in lines)
    assert home.due.list.item(0).foreground().color().name() == "#b3261e"
    with qtbot.waitSignal(home.show_tasks):
        home.due.list.itemActivated.emit(home.due.list.item(len(lines) - 1))
    school_store.new_inspection("mini", "2026年11月月度检查")
    ops.broadcast(Changes(inspections=frozenset({1})))
    lines = [home.due.list.item(n).text() for n in range(home.due.list.count())]
    assert any(line.startswith("【进行中】月度检查 · 2026年11月") for line in lines)


def test_cadence_screen_rhythm_monthly_check_and_a_signed_summary(
    qtbot: Any, school_store: Store, tmp_path: Path, errors: list[BaseException]
) -> None:
    from selfcheck.core.checklist_file import read_checklist
    from selfcheck.reports import service

    school_store.install_checklist(read_checklist(DATA / "mini.yaml"), "test")
    service.init_keys(school_store, PASSPHRASE)
    school_store.add_problem("课后服务收费未公示", raised_on=D(2026, 8, 3), deadline=D(2026, 9, 1))
    page = listen(CadencePage(school_store))
    qtbot.addWidget(page)
    page.resize(1024, 768)
    page.show()
    assert not page.start_button.isEnabled()
    page.checklist.setCurrentIndex(page.checklist.findData("mini"))
    qtbot.mouseClick(page.monthly, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.quarterly, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_rhythm_button, Qt.MouseButton.LeftButton)
    rhythm = school_store.rhythm()
    assert rhythm is not None and rhythm.monthly_checklist == "mini" and rhythm.quarterly and not rhythm.half_year
    assert page.agenda.item(0).text().startswith("【待完成】月度检查")
    with qtbot.waitSignal(page.open_inspection) as opened:
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    started = school_store.inspection(opened.args[0])
    assert (started.template_id, started.period) == ("mini", "2026年11月月度检查")

    # the last ended quarter is offered; its text is written from the data, edited, saved, signed
    assert (page.start.date().toString("yyyy-MM-dd"), page.end.date().toString("yyyy-MM-dd")) == ("2026-07-01", "2026-09-30")
    qtbot.mouseClick(page.load_button, Qt.MouseButton.LeftButton)
    written = page.text.toPlainText()
    assert written.startswith("一、基本情况") and "其中1个已超过整改期限" in written and page.focusWidget() is page.text
    page.text.moveCursor(page.text.textCursor().MoveOperation.End)
    type_text(qtbot, page.text, "（校长补充）")
    dialog = page.export()
    assert dialog is not None
    doc = school_store.find_period_document(Kind.QUARTERLY, D(2026, 7, 1), D(2026, 9, 30))
    assert doc is not None and doc.narrative is not None and doc.narrative.endswith("（校长补充）")
    stick = tmp_path / "stick"
    stick.mkdir()
    dialog.target.setEditText(str(stick))
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.result_value is not None, timeout=60_000)
    exported = dialog.result_value
    checked = verify.verify(exported.path.read_bytes(), [school_store.identity()[1]])
    assert checked.ok and checked.data["kind"] == "quarterly" and checked.data["document"]["narrative"].endswith("（校长补充）")
    dialog.close_button.click()
    qtbot.waitUntil(lambda: page.dialog is None)
    assert not page.text.isEnabled() and "已于" in page.doc_message.text()
    signed = school_store.find_period_document(Kind.QUARTERLY, D(2026, 7, 1), D(2026, 9, 30))
    assert signed is not None and signed.locked and signed.path == str(exported.path)
    assert page.reopen_button.isVisible()
    qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    assert page.text.isEnabled() and not page.reopen_button.isVisible()
    reopened = school_store.find_period_document(Kind.QUARTERLY, D(2026, 7, 1), D(2026, 9, 30))
    assert reopened is not None and not reopened.locked
    assert errors == []


def test_the_new_screens_and_dialogs_fit_1024_by_768(qtbot: Any, school_store: Store) -> None:
    from selfcheck.gui.dialogs.period_dialog import PeriodExportDialog

    task = school_store.add_task("公示", standard="每学期", owner="张明", deadline=TODAY)
    doc = school_store.open_period_document(Kind.QUARTERLY, D(2026, 7, 1), D(2026, 9, 30))
    widgets = [
        TasksPage(school_store),
        CadencePage(school_store),
        TaskDialog(school_store),
        ProgressDialog(school_store, task),
        PeriodExportDialog(school_store, doc.id, "季度小结"),
    ]
    for widget in widgets:
        qtbot.addWidget(widget)
        hint = widget.minimumSizeHint()
        assert hint.width() <= 1024 and hint.height() <= 700, (type(widget).__name__, hint)
        size = widget.sizeHint()
        assert size.width() <= 1024 and size.height() <= 740, (type(widget).__name__, size)


@pytest.mark.parametrize("where", ["cadence", "home"])
def test_the_due_lists_wrap_long_lines_in_a_narrow_box(qtbot: Any, school_store: Store, where: str) -> None:
    """At 1024×768 the due lists (工作节奏's, home's) are the narrower boxes (narrower still here): each line wraps and
    keeps its date in sight, with no sideways scroll."""
    from PySide6.QtGui import QFontMetrics

    from selfcheck.gui.widgets.due_panel import DuePanel

    school_store.set_rhythm(monthly=False, quarterly=True, half_year=True, since=D(2026, 1, 1))
    school_store.add_task("课后服务收费项目和标准在校门口公示栏同步公示", standard="x", owner="赵强", deadline=TODAY)
    widget: Any = CadencePage(school_store) if where == "cadence" else DuePanel()
    qtbot.addWidget(widget)
    widget.resize(760 if where == "cadence" else 300, 600)
    widget.show()
    widget.refresh() if where == "cadence" else widget.refresh(school_store)
    shown = widget.agenda if where == "cadence" else widget.list
    qtbot.waitUntil(lambda: shown.count() > 0)
    metrics = QFontMetrics(shown.font())
    widest = max(metrics.horizontalAdvance(shown.item(r).text()) for r in range(shown.count()))
    assert widest > shown.viewport().width()  # a line longer than the box is wide
    assert shown.horizontalScrollBar().maximum() == 0
    assert not shown.horizontalScrollBar().isVisible()

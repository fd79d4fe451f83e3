"""导出台账 on the 问题线索 screen, clicked as a principal would: the period (this term by default), the contacts left
masked unless ticked, the workbook written in the worker and named on the page; a wrong period refused in the dialog."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt

from selfcheck.gui.dialogs import clue_export_dialog
from selfcheck.gui.dialogs.clue_export_dialog import ClueExportDialog
from selfcheck.gui.pages.clues_page import CluesPage
from selfcheck.storage import Store
from tests.conftest import TODAY
from tests.gui.conftest import listen

CONTACT = "13812345678"


def _text(path: Path) -> str:
    ws = openpyxl.load_workbook(path)["问题线索台账"]
    return "\n".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None)


def test_export_the_register_from_the_clue_page(
    qtbot: Any, school_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = school_store
    store.add_clue("家长来电", TODAY - dt.timedelta(days=5), "数学老师暑期有偿补课", contact=CONTACT)
    store.add_clue("家长来信", dt.date(2026, 3, 2), "上学期的线索")  # another term: not in the default period
    page = listen(CluesPage(store, today=TODAY))
    qtbot.addWidget(page)
    page.show()
    asked: list[Path] = []
    target = tmp_path / "台账.xlsx"

    def answer(parent: Any, suggested: Path) -> Path:
        asked.append(suggested)
        return target

    monkeypatch.setattr(clue_export_dialog, "ask_save_path", answer)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ClueExportDialog)
    assert dialog.start.date() == QDate(2026, 8, 1) and dialog.end.date() == QDate(2026, 11, 20)
    assert not dialog.contacts.isChecked()
    size = dialog.sizeHint()
    assert size.width() <= 1024 and size.height() <= 768  # fits the smallest screen a school has

    dialog.start.setDate(QDate(2026, 12, 1))  # after the end: refused in the dialog, nothing asked
    qtbot.mouseClick(dialog.export_button(), Qt.MouseButton.LeftButton)
    assert "起始日期晚于截止日期" in dialog.message.text() and asked == [] and dialog.isVisible()
    dialog.start.setDate(QDate(2026, 8, 1))
    qtbot.mouseClick(dialog.export_button(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target.is_file() and page.dialog is None, timeout=10000)
    assert asked[0].name == "问题线索台账_城关第一小学_2026-08-01至2026-11-20.xlsx"
    assert str(target) in page.notice.text()
    written = _text(target)
    assert "138****5678" in written and CONTACT not in written and "上学期的线索" not in written

    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ClueExportDialog)
    dialog.contacts.setChecked(True)  # the principal chooses to include them: the dialog warns
    assert "妥善保管" in dialog.message.text()
    target = tmp_path / "含联系方式.xlsx"
    qtbot.mouseClick(dialog.export_button(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target.is_file() and page.dialog is None, timeout=10000)
    assert CONTACT in _text(target)

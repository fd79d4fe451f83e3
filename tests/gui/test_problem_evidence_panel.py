"""The problem dialog's evidence panel: 整改前 / 整改后 files added from the ledger with the phase chosen by keyboard,
listed with their phase, removed; a closed-out problem shows its files and refuses changes; the report's evidence
names each problem's phase. Real widgets, keys and clicks; the store and the report data read back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from selfcheck.core.ledger import Status
from selfcheck.gui.dialogs.problem_dialog import ProblemDialog
from selfcheck.gui.ops import bus
from selfcheck.reports import evidence as report_evidence
from selfcheck.storage import Store
from tests.gui.test_ledger import _page


def _photo(path: Path, colour: str) -> Path:
    Image.new("RGB", (64, 48), colour).save(path)
    return path


def _choose(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    """The file dialog answers as a person picking these files would."""
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in paths], ""))


def test_before_and_after_files_from_the_ledger(
    qtbot: Any, school_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = school_store
    insp = store.new_inspection("wuchawukan", "2026年秋季学期", ["李华"])
    p = store.add_problem("食堂留样柜损坏", inspection_id=insp.id, measure="更换留样柜")
    page = _page(qtbot, store)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)  # the first row
    assert page.selected_problem() == p
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter on the row edits it
    dialog = page.dialog
    assert isinstance(dialog, ProblemDialog) and dialog.evidence is not None
    panel = dialog.evidence
    assert panel.isVisible() and panel.phase.currentData() == "before"  # 待整改: what was found
    assert not panel.attach_button.autoDefault()  # Enter in a field saves the problem, never opens a file dialog

    _choose(monkeypatch, _photo(tmp_path / "坏柜1.png", "red"), _photo(tmp_path / "坏柜2.png", "maroon"))
    with qtbot.waitSignal(bus().changed, timeout=2000):
        qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    assert [panel.files.item(i).text().split("（")[0] for i in range(panel.files.count())] == [
        "整改前 · 坏柜1.png",
        "整改前 · 坏柜2.png",
    ]

    panel.phase.setFocus()
    qtbot.keyClick(panel.phase, Qt.Key.Key_Down)  # the next choice: 整改后
    assert panel.phase.currentText() == "整改后"
    _choose(monkeypatch, _photo(tmp_path / "新柜.png", "green"))
    with qtbot.waitSignal(bus().changed, timeout=2000):
        qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    assert [(e.phase, e.name) for e in store.problem_attachments(p.id)] == [
        ("before", "坏柜1.png"),
        ("before", "坏柜2.png"),
        ("after", "新柜.png"),
    ]
    assert panel.files.item(2).text().startswith("整改后 · 新柜.png")

    panel.files.setCurrentRow(1)  # a wrong photo: removed
    with qtbot.waitSignal(bus().changed, timeout=2000):
        qtbot.mouseClick(panel.detach_button, Qt.MouseButton.LeftButton)
    assert [e.name for e in store.problem_attachments(p.id)] == ["坏柜1.png", "新柜.png"]
    assert panel.files.count() == 2

    gathered = report_evidence.gather(store, insp.id)  # what the next report's 附件3 prints
    assert [(f.name, f.problem_id, f.phase, f.photo) for f in gathered.files] == [
        ("坏柜1.png", p.id, "before", True),
        ("新柜.png", p.id, "after", True),
    ]


def test_a_missing_file_is_said_and_nothing_is_added(
    qtbot: Any, school_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = school_store
    p = store.add_problem("校门口交通拥堵")
    dialog = ProblemDialog(store, p)
    qtbot.addWidget(dialog)
    shown: list[BaseException] = []
    from selfcheck.gui import ops

    monkeypatch.setattr(ops, "show_error", lambda parent, exc, title=None: shown.append(exc))
    assert dialog.evidence is not None
    _choose(monkeypatch, _photo(tmp_path / "a.png", "red"), tmp_path / "拔掉的U盘.jpg")
    qtbot.mouseClick(dialog.evidence.attach_button, Qt.MouseButton.LeftButton)
    assert shown and "拔掉的U盘.jpg" in str(getattr(shown[0], "zh", shown[0]))
    assert store.problem_attachments(p.id) == [] and dialog.evidence.files.count() == 0


def test_a_closed_problem_shows_its_files_read_only(qtbot: Any, school_store: Store, tmp_path: Path) -> None:
    store = school_store
    p = store.add_problem("消防通道堆放杂物", measure="清理通道")
    store.attach_problem_evidence(p.id, "整改后", [_photo(tmp_path / "通道.png", "white")])
    store.update_problem(p.id, status=Status.FIXED)
    closed = store.close_problem(p.id, verified_by="赵书记", evidence="整改后照片", handling="已更换")
    dialog = ProblemDialog(store, closed)
    qtbot.addWidget(dialog)
    assert dialog.evidence is not None and dialog.evidence.files.count() == 1
    assert not dialog.evidence.attach_button.isEnabled() and not dialog.evidence.detach_button.isEnabled()


def test_a_new_problem_has_no_panel_yet(qtbot: Any, school_store: Store) -> None:
    dialog = ProblemDialog(school_store)
    qtbot.addWidget(dialog)
    assert dialog.evidence is None


def test_the_close_out_names_the_after_files_as_its_evidence(qtbot: Any, school_store: Store, tmp_path: Path) -> None:
    from selfcheck.gui.dialogs.problem_dialog import CloseOutDialog
    from tests.conftest import TODAY

    store = school_store
    p = store.add_problem("食堂留样柜损坏", measure="更换留样柜")
    store.attach_problem_evidence(p.id, "整改前", [_photo(tmp_path / "坏柜.png", "red")])
    store.attach_problem_evidence(p.id, "整改后", [_photo(tmp_path / "新柜.png", "green")])
    fixed = store.update_problem(p.id, status=Status.FIXED)
    dialog = CloseOutDialog(store, fixed, today=TODAY)
    qtbot.addWidget(dialog)
    assert "新柜.png" in dialog.after_files.text() and "坏柜.png" not in dialog.after_files.text()
    assert dialog.evidence.toPlainText() == "整改后材料：新柜.png"
    dialog.verifier.setFocus()
    qtbot.keyClicks(dialog.verifier, "Zhao")
    dialog.handling.setFocus()
    qtbot.keyClicks(dialog.handling, "replaced")
    with qtbot.waitSignal(bus().changed, timeout=2000):
        qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert store.problem(p.id).evidence == "整改后材料：新柜.png"

    bare = store.add_problem("无材料的问题", measure="整改")
    dialog = CloseOutDialog(store, store.update_problem(bare.id, status=Status.FIXED), today=TODAY)
    qtbot.addWidget(dialog)
    assert "尚未添加整改后" in dialog.after_files.text() and dialog.evidence.toPlainText() == ""

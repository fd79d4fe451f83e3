"""The 督查对照 tab: a school imports a signed review through the GUI (the button, then the file and the reviewing
unit's certificate) and sees 自评 beside 督评 per item and in total, worse items in red; the ledger gets them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from selfcheck.core.checklist import Checklist
from selfcheck.gui.main_window import MainWindow
from selfcheck.gui.models.review_model import WORSE_ROLE, ReviewModel
from selfcheck.gui.pages import review_tab
from selfcheck.gui.pages.inspection_page import REVIEW_TAB
from selfcheck.reports import review_service, service
from selfcheck.storage import Store

PASSPHRASE = "correct horse battery staple"


def signed_review(school: Store, mini: Checklist, tmp_path: Path) -> tuple[int, Path, Path]:
    """The school exports a signed report; a 学区 in its own folder reviews it and exports the signed review."""
    school.install_checklist(mini, "test")
    service.init_keys(school, PASSPHRASE)
    inspection = school.new_inspection("mini", "2026年秋季学期")
    school.save_answers(
        inspection.id,
        [{"item": "s1.study", "option": "yes"}, {"item": "s2.firstask", "option": "good"}, {"item": "s2.score", "value": 5}],
    )
    stick = tmp_path / "stick"
    stick.mkdir()
    report = service.export(school, inspection.id, stick, passphrase=PASSPHRASE).path
    with Store.open(tmp_path / "xuequ") as unit:
        unit.install_checklist(mini, "test")
        unit.set_school("紫阳县城关学区", "XQ-0101", "赵主任")
        unit.set_unit_kind("学区")
        service.init_keys(unit, PASSPHRASE)
        school_cert = service.certificate(school)[0]
        review = review_service.start_review(unit, report, level="学区", people=["李督学"], trusted=[school_cert])
        unit.save_review_answers(review.id, [{"item": "s1.study", "option": "no", "note": "无学习记录"}])
        file = review_service.export_review(unit, review.id, stick, passphrase=PASSPHRASE).path
        cert = tmp_path / "unit.pem"
        cert.write_bytes(service.certificate(unit)[0])
    return inspection.id, file, cert


def test_the_model_marks_worse_cells_without_a_window() -> None:
    model = ReviewModel()
    model.set_rows(
        ["序号", "检查内容", "自评", "督评（学区）"],
        [("a", ["1.1", "学习", "是 · 10", "否 · 0"], [False] * 3 + [True], [""] * 4)],
    )
    assert (model.rowCount(), model.columnCount()) == (1, 4)
    assert model.data(model.index(0, 3), WORSE_ROLE) is True and model.data(model.index(0, 2), WORSE_ROLE) is False
    assert model.data(model.index(0, 3), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.headerData(3, Qt.Orientation.Horizontal) == "督评（学区）"


def test_import_a_review_and_see_it_beside_the_schools_own(  # type: ignore[no-untyped-def]
    qtbot, school_store: Store, mini: Checklist, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inspection_id, file, cert = signed_review(school_store, mini, tmp_path)
    told: list[str] = []
    monkeypatch.setattr(review_tab, "choose_review_file", lambda parent: str(file))
    monkeypatch.setattr(review_tab, "choose_certificate", lambda parent: str(cert))
    monkeypatch.setattr(review_tab, "tell", lambda parent, title, text: told.append(text))
    window = MainWindow(school_store)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    page = window.open_inspection(inspection_id)
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(REVIEW_TAB).center())
    tab = page.reviews
    qtbot.waitUntil(tab.isVisible)
    assert "尚未收到督查意见" in tab.totals.text() and tab.model.columnCount() == 3

    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    assert told and "学区督查意见" in told[0] and "1 个" in told[0]
    model = tab.model
    assert model.columnCount() == 4 and model.headerData(3, Qt.Orientation.Horizontal) == "督查情况 / 督评（学区）"
    rows = {model.cell(r, 0): r for r in range(model.rowCount())}
    study = rows["1.1"]
    assert model.cell(study, 2) == "是 · 10" and model.cell(study, 3) == "否 · 0" and model.worse(study, 3)
    assert model.cell(rows["2.3"], 3) == "未查" and not model.worse(rows["2.3"], 3)
    assert "学区督评（紫阳县城关学区）" in tab.totals.text() and "与自评不符 1 项" in tab.totals.text()
    assert [p.source for p in school_store.problems(inspection_id=inspection_id)] == ["review"]

    # a review that is not signed by the certificate chosen is refused: nothing more in the ledger
    monkeypatch.setattr(review_tab, "choose_certificate", lambda parent: str(tmp_path / "other.pem"))
    (tmp_path / "other.pem").write_bytes(service.certificate(school_store)[0])
    errors: list[str] = []
    monkeypatch.setattr("selfcheck.gui.ops.show_error", lambda parent, exc, title=None: errors.append(str(exc)))
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    assert errors and "未通过验证" in errors[0]
    assert len(school_store.problems(inspection_id=inspection_id)) == 1

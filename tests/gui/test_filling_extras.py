"""Filling details: evidence files copied into the data folder and opened from there; filters and search;
values typed for number items; the print copy; the note saved on its own after a pause."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from selfcheck.core.checklist import Checklist
from selfcheck.gui.dialogs.print_report import inspection_html, print_to
from selfcheck.gui.pages.filling_page import NOTE_SAVE_MS, FillingPage
from selfcheck.storage import Store
from tests.gui.conftest import listen


def _page(qtbot, store: Store) -> FillingPage:  # type: ignore[no-untyped-def]
    inspection = store.new_inspection("wuchawukan", "2026年秋季学期")
    page = listen(FillingPage(store, inspection.id))
    qtbot.addWidget(page)
    page.show()
    return page


def test_evidence_is_copied_in_and_survives_the_original_going_away(qtbot, school_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, school_store)
    original = tmp_path / "考勤记录 10月.jpg"
    original.write_bytes(b"\xff\xd8\xff" + b"photo" * 1000)
    page.select(page.entries[3].id)
    page.attach_file(str(original))
    assert page.evidence_list.count() == 1
    assert "考勤记录 10月.jpg" in page.evidence_list.item(0).text()
    [ev] = school_store.attachments(page.inspection_id, page.entries[3].id)
    original.unlink()  # the stick is pulled out
    assert ev.path.read_bytes().startswith(b"\xff\xd8\xff")
    assert school_store.path.parent in ev.path.parents
    # Removing the record removes the copy; the audit log keeps both steps.
    page.evidence_list.setCurrentRow(0)
    page._detach()
    assert page.evidence_list.count() == 0 and not ev.path.exists()
    actions = [e.action for e in school_store.audit("inspection", page.inspection_id)]
    assert actions.count("attach") == 1 and actions.count("detach") == 1


def test_filters_and_search_narrow_the_list(qtbot, school_store: Store) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, school_store)
    first, second = page.entries[2], page.entries[4]
    page.select(first.id)
    page.pick_number(1)
    page.filter.setCurrentIndex(page.filter.findData("unanswered"))
    assert first.id not in page.visible_ids() and second.id in page.visible_ids()
    page.filter.setCurrentIndex(page.filter.findData("all"))
    qtbot.keyClicks(page.search, second.id)
    assert page.visible_ids() == [second.id]
    page.search.clear()
    assert len(page.visible_ids()) == len(page.entries)


def test_the_problem_and_note_filters_ask_the_core(qtbot, school_store: Store, mini: Checklist) -> None:  # type: ignore[no-untyped-def]
    school_store.install_checklist(mini, "test")
    inspection = school_store.new_inspection("mini", "2026年秋季学期")
    school_store.save_answer(inspection.id, "s1.study", "no")  # a note is required, and the answer calls for a problem
    school_store.save_answer(inspection.id, "s2.firstask", "ok")
    school_store.save_answer(inspection.id, "s2.fees", value=2)  # a deduction with occurrences calls for one too
    page = listen(FillingPage(school_store, inspection.id))
    qtbot.addWidget(page)
    page.show()
    page.filter.setCurrentIndex(page.filter.findData("problems"))
    assert page.visible_ids() == ["s1.study", "s2.fees"]  # what `inspection raise` would raise
    page.filter.setCurrentIndex(page.filter.findData("notes"))
    assert page.visible_ids() == ["s1.study"]
    assert page.row_text("s1.study").startswith("! ") and page.row_text("s2.fees").startswith("✗ ")  # found: fails
    school_store.raise_problems_from_answers(inspection.id)
    page.reload()
    assert page.row_text("s2.fees").endswith("（整改）") and not page.row_text("s2.firstask").endswith("（整改）")


def test_a_number_item_takes_its_value_by_keyboard(qtbot, school_store: Store) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, school_store)
    number = next(e for e in page.entries if e.item is not None and e.item.type == "number")
    page.select(number.id)
    page.pick_number(1)  # starts the value with "1"
    qtbot.keyClicks(page.number.lineEdit(), "2")
    qtbot.keyClick(page.number.lineEdit(), Qt.Key.Key_Return)
    assert school_store.answers(page.inspection_id)[number.id].value == 12.0
    assert page.current is not None and page.current.id != number.id  # moved on
    # Enter on an untouched value field saves nothing.
    other = next(e for e in page.entries if e.item is not None and e.item.type == "number" and e.id != number.id)
    page.select(other.id)
    page.number.lineEdit().setFocus()
    qtbot.keyClick(page.number.lineEdit(), Qt.Key.Key_Return)
    assert other.id not in school_store.answers(page.inspection_id)


def test_a_note_is_saved_after_a_pause_without_leaving_the_item(qtbot, school_store: Store) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, school_store)
    entry = page.entries[0] if page.entries[0].item.type == "choice" else page.entries[2]  # type: ignore[union-attr]
    page.select(entry.id)
    page.pick_number(1)
    qtbot.keyClicks(page.note, "checked on Monday")
    qtbot.waitUntil(
        lambda: school_store.answers(page.inspection_id)[entry.id].note == "checked on Monday", timeout=NOTE_SAVE_MS * 8
    )


def test_the_print_copy_holds_every_item_and_prints_to_pdf(qtbot, school_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, school_store)
    page.select(page.entries[0].id)
    page.pick_number(1)
    html = inspection_html(school_store, page.inspection_id)
    template = school_store.checklist("wuchawukan")
    assert all(item.text[:10] in html for item in template.items())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "print.pdf"
    printer.setOutputFileName(str(out))
    print_to(printer, school_store, page.inspection_id)
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 10_000

"""Take the README's and the user guide's screenshots of the real app, with realistic data, at 1366×768 (the most
common office laptop screen).

    SELFCHECK_CLOCK=2026-01-05T10:00 PYTHONPATH=$PWD .venv/bin/python -m bench.school /tmp/school   # ten years
    SELFCHECK_CLOCK=2025-12-22T10:00 PYTHONPATH=$PWD xvfb-run -a -s "-screen 0 1366x768x24" \
        .venv/bin/python scripts/screenshots.py [OUT_DIR] --school /tmp/school [--size 1024x768]

The school's screens (home, filling, summary, export, ledger, checklists, the clue register and its export, the
responsibility list, cadence, 督查对照), a 学区's 督查 screen and a county bureau's desk, each in its own data folder
seeded by scripts/shots_seed.py through the stores' public API; the user guide (F1) last.

(bench.school's ten years end in December 2025: the clock set just after, its last year's problems read as a
school's would, a few overdue, rather than all of them.)

Under Xvfb the windows are real X11 windows; the shots are `QWidget.grab()` of each window, reduced to a 256-colour
palette (a screenshot of a UI has few colours) so each stays well under 200 KB. With --school, a copy of that data
folder is used (the original is not touched) and this term's inspection is added to it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "城关一小 2026 自查"


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshots"))
    p.add_argument("--scale", default=None, help="QT_SCALE_FACTOR, e.g. 1.5 to check large-font readability")
    p.add_argument("--lang", default="zh")
    p.add_argument("--school", default=None, help="a data folder made by python -m bench.school (copied, not changed)")
    p.add_argument("--size", default="1366x768", help="the window's size")
    args = p.parse_args()
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = args.scale
    work = Path(tempfile.mkdtemp(prefix="selfcheck-shots-"))
    os.environ["SELFCHECK_DATA_DIR"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.school:
        shutil.copytree(args.school, work / "data")
    width, height = (int(n) for n in args.size.split("x"))

    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from selfcheck.core import clock
    from selfcheck.gui import i18n
    from selfcheck.gui.app import make_application
    from selfcheck.gui.dialogs.clue_export_dialog import ClueExportDialog
    from selfcheck.gui.main_window import MainWindow
    from selfcheck.gui.pages.inspection_page import REVIEW_TAB
    from selfcheck.reports import service
    from selfcheck.storage import Store

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import shots_seed

    clock.install(clock.from_environment())  # SELFCHECK_CLOCK: "today" just after the bench school's last inspection
    _app = make_application()  # kept alive for the run
    i18n.install(args.lang)
    store = Store.open(work / "data")
    if store.school() is None:
        store.set_school("临海市城关第一小学", "3310820001", "陈明", "临海市城关镇解放路 18 号")
    if store.identity() is None:
        service.init_keys(store, PASSPHRASE)
    template = store.checklist("wuchawukan")
    year = clock.today().year
    earlier = store.new_inspection("wuchawukan", f"{year}年春季学期", ["陈明", "王芳", "李华"])
    inspection = store.new_inspection("wuchawukan", f"{year}年秋季学期", ["陈明", "王芳", "李华"])
    items = template.items()
    notes = {3: "两名教师学习笔记不全，已要求补记。", 7: "家长座谈会记录缺少签到表。", 15: "考勤表 10 月缺页。"}
    answers = []
    for n, item in enumerate(items):
        options = template.options_for(item)
        if item.type != "choice":
            answers.append({"item": item.id, "value": 4})
        elif n in notes:
            chosen = next((o for o in options if o.note_required and not o.not_applicable), options[-1])
            answers.append({"item": item.id, "option": chosen.key, "note": notes[n]})
        elif n < 30:
            answers.append({"item": item.id, "option": options[0].key})
    store.save_answers(inspection.id, answers)
    store.save_answers(
        earlier.id,
        [
            {"item": i.id, "option": template.options_for(i)[0].key} if i.type == "choice" else {"item": i.id, "value": 4}
            for i in items
        ],
    )
    store.complete_inspection(earlier.id)
    raised = store.raise_problems_from_answers(inspection.id)
    owners = [("王芳", "教务处"), ("李华", "政教处"), ("赵强", "总务处")]
    for n, problem in enumerate(raised):
        owner, department = owners[n % 3]
        store.update_problem(
            problem.id,
            measure="限期补齐记录，每周检查一次",
            owner=owner,
            department=department,
            deadline=clock.today() + dt.timedelta(days=-3 if n == 0 else 30),
        )
    manual = store.add_problem(
        "校园网站未及时公开收费项目",
        template_id="wuchawukan",
        measure="每学期开学前公开",
        owner="赵强",
        department="总务处",
        deadline=clock.today() + dt.timedelta(days=14),
    )
    store.update_problem(manual.id, status=__import__("selfcheck.core.ledger", fromlist=["Status"]).Status("in_progress"))
    shots_seed.clues(store)
    shots_seed.tasks(store)

    def present(window: MainWindow) -> MainWindow:
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMaximized)
        window.resize(width, height)
        window.show()
        QTest.qWait(300)
        return window

    window = present(MainWindow(store))

    def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        QTest.qWait(200)
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        with Image.open(path) as taken:
            small = taken.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        small.save(path, optimize=True)
        print(path, f"{path.stat().st_size // 1024} KB")

    shot(window, "home")
    page = window.open_inspection(inspection.id)
    page.filling.select(items[15].id)
    shot(window, "filling")
    # Complete the rest, then the summary.
    rest = [
        {"item": i.id, "option": template.options_for(i)[0].key} for n, i in enumerate(items) if n >= 30 and i.type == "choice"
    ]
    store.save_answers(inspection.id, rest)
    page.filling.reload()
    page.show_summary()
    shot(window, "summary")
    store.complete_inspection(inspection.id)
    page.summary.refresh()
    page.export()
    dialog = page.export_dialog
    stick = Path(tempfile.gettempdir()) / "U盘"  # a fixed, plain name: the shot shows it and must not change per run
    shutil.rmtree(stick, ignore_errors=True)
    stick.mkdir()
    dialog.target.setEditText(str(stick))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.start()
    while dialog.result_value is None and dialog.busy:
        QTest.qWait(50)
    shot(dialog, "export")
    report = dialog.result_value.path
    dialog.accept()
    # A 学区 reviews the signed report; the school imports the review: 督查对照 beside the school's own answers.
    unit, _review_file, _cert = shots_seed.reviews(store, report, work / "xuequ", stick, PASSPHRASE)
    page.tabs.setCurrentIndex(REVIEW_TAB)
    page.reviews.refresh()
    shot(window, "review-tab")
    window.show_ledger()
    shot(window, "ledger")
    checklists = window.page("ChecklistsPage")
    if checklists is not None:
        window.tabs.setCurrentWidget(checklists)
        shot(window, "checklists")
    clues = window.show_page("CluesPage")
    clues.select(1)
    shot(window, "clues")
    clues.export_register()
    shot(clues.findChild(ClueExportDialog), "clue-export")
    clues.findChild(ClueExportDialog).reject()
    tasks = window.show_page("TasksPage")
    tasks.select(store.tasks()[0].id)
    shot(window, "tasks")
    window.show_page("CadencePage")
    shot(window, "cadence")
    # The 督查组's review, in the unit's own window: the 学区's findings beside each item.
    unit_window = present(MainWindow(unit))
    reviewing = unit_window.show_page("ReviewPage")
    reviewing.select_review(max(r.id for r in unit.review_list()))
    QTest.qWait(300)
    reviewing.table.setCurrentIndex(reviewing.items.index(3, 0))
    shot(unit_window, "review")
    unit_window.close()
    unit.close()
    # The county bureau's desk: one round filed, one school missing.
    bureau = shots_seed.desk(work / "jiaoyuju", inspection.period, template)
    bureau_window = present(MainWindow(bureau))
    intake = bureau_window.show_page("BureauPage")
    intake.pages.setCurrentWidget(intake.desk_panel)
    intake.desk_panel.refresh()
    shot(bureau_window, "desk")
    bureau_window.close()
    intake.desk_panel.close_desk()
    bureau.close()
    window.show_home()
    window.show_guide()  # F1: the user guide, opened at the home page's section
    window.guide_dialog.resize(1100, 700)
    shot(window.guide_dialog, "guide")
    window.close()
    store.close()
    QApplication.processEvents()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every page and every dialog at 1024×768 (the smallest office screen we support): the window fits, no visible
widget lies outside it or is squeezed below its minimum size hint, and every button can be reached (inside the
window, or inside a scroll area that scrolls to it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
    QWizard,
)

from selfcheck.gui.main_window import MainWindow
from selfcheck.storage import Store

WIDTH, HEIGHT = 1024, 768
SLACK = 2  # pixels: frames and rounding
ROOT = Path(__file__).resolve().parents[2]


def _inside_scrolled_content(widget: QWidget, top: QWidget) -> bool:
    """A widget in a scroll area's viewport (a table cell editor, a scrolled form) may lie beyond what is shown."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return True
        parent = grand
    return False


def _squeezable(widget: QWidget) -> bool:
    """Widgets whose size hint is a wish, not a need: text that wraps or elides, views that scroll, Qt's inner parts."""
    if isinstance(widget, QLabel):
        return widget.wordWrap() or not widget.text() or (widget.pixmap() is not None and not widget.pixmap().isNull())
    if widget.objectName().startswith("qt_"):  # Qt's own parts (a spin box's line edit): sized by their owner, checked
        return True
    return isinstance(widget, QAbstractScrollArea | QTabWidget) or type(widget) is QWidget


def layout_problems(top: QWidget) -> list[str]:
    """What is clipped, squeezed or off-screen in `top` as shown now."""
    found = []
    screen = QRect(0, 0, WIDTH, HEIGHT)
    if top.width() > WIDTH or top.height() > HEIGHT:
        found.append(f"{type(top).__name__} is {top.width()}×{top.height()}, larger than the screen")
    frame = top.frameGeometry()
    if not screen.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(QRect(frame.topLeft(), top.size())):
        found.append(f"{type(top).__name__} at {frame.x()},{frame.y()} {top.width()}×{top.height()} is off the screen")
    area = top.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not top or _inside_scrolled_content(widget, top):
            continue
        name = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName() or _text(widget)!r}"
        where = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
        if not area.contains(where):
            found.append(f"{name} at {where.x()},{where.y()} {where.width()}×{where.height()} lies outside the window")
        if isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal and widget.count() > 1:
            em = widget.fontMetrics().horizontalAdvance("字")
            for section in range(widget.count()):
                label = str(widget.model().headerData(section, Qt.Orientation.Horizontal) or "")
                need = min(widget.fontMetrics().horizontalAdvance(label), 3 * em)
                if not widget.isSectionHidden(section) and label and widget.sectionSize(section) + SLACK < need:
                    found.append(f"column {label!r} of {name} is {widget.sectionSize(section)} px wide, under {need}")
        hint = widget.minimumSizeHint()
        if hint.isValid() and not _squeezable(widget):
            small_w = widget.width() + SLACK < min(hint.width(), widget.maximumWidth())
            small_h = widget.height() + SLACK < min(hint.height(), widget.maximumHeight())
            if small_w or small_h:
                found.append(f"{name} is {widget.width()}×{widget.height()}, below its minimum {hint.width()}×{hint.height()}")
    return found


def _text(widget: QWidget) -> str:
    for kind in (QAbstractButton, QLabel, QLineEdit):
        if isinstance(widget, kind):
            return widget.text()[:20]  # type: ignore[attr-defined]
    if isinstance(widget, QComboBox):
        return widget.currentText()[:20]
    return ""


def check(qtbot, top: QWidget, what: str) -> None:  # type: ignore[no-untyped-def]
    """Show `top` on a 1024×768 screen the way the app would, let its layouts settle, then look."""
    top.move(0, 0)
    if not isinstance(top, MainWindow):
        # As the dialog opens on a 1024×768 screen: its size hint, its height for that width (wrapped labels), at
        # most the screen. (The offscreen platform's own screen is 800×600, where Qt would cap it at 2/3 of that.)
        top.ensurePolished()
        width = min(max(top.sizeHint().width(), top.minimumWidth()), WIDTH)
        layout = top.layout()
        height = layout.totalHeightForWidth(width) if layout is not None and layout.hasHeightForWidth() else -1
        top.resize(width, min(max(height, top.sizeHint().height()), HEIGHT))
    elif top.width() > WIDTH or top.height() > HEIGHT:
        top.resize(min(top.width(), WIDTH), min(top.height(), HEIGHT))
    top.show()
    qtbot.waitExposed(top)
    QApplication.processEvents()
    problems = layout_problems(top)
    import os

    if os.environ.get("SHOW_SIZES"):
        print(what, top.size().toTuple(), top.minimumSizeHint().toTuple())
    assert not problems, f"{what} at {WIDTH}×{HEIGHT}:\n  " + "\n  ".join(problems)


def tabs_of(widget: QWidget) -> Iterator[tuple[QTabWidget, int]]:
    for tabs in widget.findChildren(QTabWidget):
        for i in range(tabs.count()):
            yield tabs, i


@pytest.fixture(autouse=True)
def app_font(qapp) -> None:  # type: ignore[no-untyped-def]
    """The font the app sets at its start (gui/app.py): the shipped CJK font at 10 pt at least. The suite's conftest
    puts the previous font back after each test."""
    from PySide6.QtGui import QFont, QFontDatabase

    from selfcheck.storage.paths import resources_dir

    QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / "wqy-microhei.ttc"))
    font = QFont(qapp.font())
    font.setFamilies(["Microsoft YaHei UI", "Noto Sans CJK SC", "WenQuanYi Micro Hei"])
    font.setPointSizeF(max(font.pointSizeF(), 10))
    qapp.setFont(font)


@pytest.fixture
def filled(school_store: Store) -> Store:
    from selfcheck.reports import service

    inspection = school_store.new_inspection("wuchawukan", "2026年秋季学期")
    template = school_store.checklist("wuchawukan")
    first, (_section, item) = next((k, v) for k, v in template.item_index.items() if v[1].type == "choice")
    school_store.save_answer(inspection.id, first, template.options_for(item)[-1].key, note="缺记录")
    school_store.add_problem("食堂进货台账不全，缺少索证索票记录", inspection_id=inspection.id, item_id=first, owner="李华")
    service.init_keys(school_store, "城关一小 2026 自查口令")
    return school_store


@pytest.fixture(params=["zh", "en"])
def language(request):  # type: ignore[no-untyped-def]
    """Chinese, and English (longer words: what fits in Chinese may not)."""
    from selfcheck.gui import i18n

    assert i18n.install(request.param) == request.param
    yield request.param
    i18n.install("zh")


def test_every_page_fits_1024_by_768(qtbot, filled: Store, language: str) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(filled)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)  # a 1024×768 screen, not the offscreen platform's 800×600
    window.resize(WIDTH, HEIGHT)
    check(qtbot, window, "home")
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        check(qtbot, window, window.tabs.tabText(index))
    page = window.open_inspection(filled.inspections()[0].id)
    check(qtbot, window, "filling")
    page.show_summary()
    check(qtbot, window, "summary")


def dialogs(store: Store, window: MainWindow, tmp_path: Path) -> Iterator[tuple[str, Callable[[], QWidget]]]:
    from selfcheck.exchange.checklist_import import inspect_checklist
    from selfcheck.gui.dialogs.export_dialog import ExportDialog
    from selfcheck.gui.dialogs.guide_dialog import GuideDialog
    from selfcheck.gui.dialogs.import_dialog import ImportDialog, ImportErrorsDialog, TrustKeyDialog
    from selfcheck.gui.dialogs.issued_cert_dialog import IssuedCertDialog
    from selfcheck.gui.dialogs.new_inspection_dialog import NewInspectionDialog
    from selfcheck.gui.dialogs.passphrase_dialog import PassphraseDialog
    from selfcheck.gui.dialogs.problem_dialog import CloseOutDialog, ProblemDialog
    from selfcheck.gui.dialogs.settings_dialog import SettingsDialog
    from selfcheck.gui.dialogs.setup_wizard import SetupWizard
    from selfcheck.gui.dialogs.shortcuts_dialog import ShortcutsDialog, collect

    inspection = store.inspections()[0]
    problem = store.problems()[0]
    mini = tmp_path / "mini.yaml"
    mini.write_text((ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    from selfcheck.errors import Located

    located = [Located(str(mini), 12, 5, "sections[0].items[1].points", "分值必须是数字", "points must be a number")] * 30
    yield "new inspection", lambda: NewInspectionDialog(store, window)
    yield "problem", lambda: ProblemDialog(store, problem, window)
    yield "new problem", lambda: ProblemDialog(store, None, window, inspection_id=inspection.id)
    yield "close-out", lambda: CloseOutDialog(store, problem, window)
    yield "export", lambda: ExportDialog(store, inspection.id, window)
    yield "settings", lambda: SettingsDialog(store, window)
    yield "setup wizard", lambda: SetupWizard(store, window)
    yield "import", lambda: ImportDialog(inspect_checklist(store, mini), window)
    yield "import errors", lambda: ImportErrorsDialog(str(mini), located, window)
    yield "trust key", lambda: TrustKeyDialog(str(tmp_path / "bureau.pub"), "AB:" * 31 + "CD", window, "某县教育局")
    yield "user guide", lambda: GuideDialog(window)
    yield "shortcuts", lambda: ShortcutsDialog(collect(window), window)
    yield "passphrase", lambda: PassphraseDialog(store, window)
    yield "issued certificate", lambda: IssuedCertDialog(store, window)
    from selfcheck.gui.dialogs.desk_ca_dialog import DeskCADialog
    from selfcheck.storage.desk import Desk

    desk = Desk.open(tmp_path / "desk")
    window.destroyed.connect(desk.close)
    yield "bureau CA", lambda: DeskCADialog(desk, "紫阳县教育局", window)


def test_every_dialog_fits_1024_by_768(qtbot, filled: Store, tmp_path: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(filled)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(WIDTH, HEIGHT)
    window.show()
    failures = []
    for what, make in dialogs(filled, window, tmp_path):
        dialog = make()
        qtbot.addWidget(dialog)
        pages: list[int | None] = [None]
        if isinstance(dialog, QWizard):
            pages = list(dialog.pageIds())
        for page_id in pages:
            if isinstance(dialog, QWizard) and page_id is not None:
                dialog.setStartId(page_id)
                dialog.restart()
                what = f"setup wizard, page {dialog.currentPage().title()}"
            try:
                check(qtbot, dialog, what)
            except AssertionError as exc:
                failures.append(str(exc))
            for tabs, i in list(tabs_of(dialog)):
                tabs.setCurrentIndex(i)
                try:
                    check(qtbot, dialog, f"{what}, tab {tabs.tabText(i)}")
                except AssertionError as exc:
                    failures.append(str(exc))
        dialog.close()
    assert not failures, "\n".join(failures)


def test_the_check_sees_what_it_guards_against(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    squeezed = QPushButton("一个很长很长的按钮文字，放不下")
    squeezed.setMaximumWidth(40)
    layout.addWidget(squeezed)
    beyond = QPushButton("确定", top)
    beyond.move(WIDTH + 50, 10)
    top.resize(400, 300)
    top.move(0, 0)
    top.show()
    qtbot.waitExposed(top)
    found = "\n".join(layout_problems(top))
    assert "确定" in found and "outside the window" in found
    tall = QWidget()
    qtbot.addWidget(tall)
    tall.setMinimumHeight(HEIGHT + 100)
    tall.show()
    assert any("larger than the screen" in p for p in layout_problems(tall))


def test_the_first_start_on_a_small_screen_uses_all_of_it(qtbot, school_store: Store) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(school_store)  # no geometry saved for this data folder yet
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    assert screen.width() < 1400  # the offscreen platform's screen is small (800×600)
    assert window.isMaximized() or window.windowState() & Qt.WindowState.WindowMaximized


def test_the_home_list_shows_all_its_columns_at_1024(qtbot, filled: Store, language: str) -> None:  # type: ignore[no-untyped-def]
    """The title gives way (elided, whole in the tooltip): 进度 and 得分 whole, nothing beyond the right edge."""
    filled.new_inspection("wuchawukan", "2025年12月专项检查（第30次）")
    window = MainWindow(filled)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(WIDTH, HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    table = window.home.table
    QApplication.processEvents()
    header, metrics = table.horizontalHeader(), table.fontMetrics()
    assert header.length() <= table.viewport().width() and table.horizontalScrollBar().maximum() == 0
    for row in range(table.model().rowCount()):
        for col in (2, 3):  # 进度, 得分: the numbers whole
            text = table.model().index(row, col).data()
            assert header.sectionSize(col) >= metrics.horizontalAdvance(text), (col, text)
    assert header.sectionSize(0) >= metrics.horizontalAdvance("问") * 8  # the title: some of it, all in its tooltip

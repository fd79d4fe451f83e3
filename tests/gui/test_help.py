"""Help in the app: F1 opens the user guide with its contents and search; Help lists every key the app answers;
Qt's own dialogs speak Chinese in the Chinese UI; the window's place is kept per data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox

from selfcheck.gui import i18n, ops
from selfcheck.gui.dialogs.guide_dialog import GuideDialog, guide_path
from selfcheck.gui.dialogs.shortcuts_dialog import ShortcutsDialog
from selfcheck.gui.folder_settings import FILE_NAME, folder_settings
from selfcheck.gui.main_window import MainWindow
from selfcheck.storage import Store

ROOT = Path(__file__).resolve().parents[2]


def test_f1_opens_the_guide_with_contents_and_search(qtbot, school_store: Store) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(school_store)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide: GuideDialog = window.guide_dialog
    qtbot.waitUntil(guide.isVisible)
    assert guide_path() == ROOT / "docs" / "用户指南.md"
    text = guide.browser.toPlainText()
    assert "首页" in text and "#" not in text.splitlines()[0]  # rendered, not shown as Markdown source
    headings = guide.headings()
    assert len(headings) > 10 and any("备份" in h for h in headings)
    # the contents lead to the heading
    item = guide.contents.findItems(headings[-1], Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)[0]
    guide.contents.setCurrentItem(item)
    guide.contents.itemActivated.emit(item, 0)
    assert guide.browser.textCursor().block().text().strip() == headings[-1]
    # search: typing finds, Enter goes on, a word that is nowhere says so
    qtbot.waitUntil(lambda: QApplication.focusWidget() is guide.search)
    qtbot.keyClicks(guide.search, "Ctrl")
    first = guide.browser.textCursor().position()
    assert guide.browser.textCursor().selectedText() == "Ctrl"
    qtbot.keyClick(guide.search, Qt.Key.Key_Return)
    assert guide.browser.textCursor().position() != first
    guide.search.clear()
    qtbot.keyClicks(guide.search, "qwxz")
    assert guide.found.text() == "没有找到"
    # the screenshots the guide shows are found beside it
    image = guide.browser.loadResource(2, QUrl("screenshots/home.png"))  # QTextDocument.ImageResource
    assert isinstance(image, QByteArray) and len(image) > 1000


def test_f1_opens_the_guide_at_the_screen_in_front(qtbot, school_store: Store) -> None:  # type: ignore[no-untyped-def]
    inspection = school_store.new_inspection("wuchawukan", "2026年秋季学期")
    window = MainWindow(school_store)
    qtbot.addWidget(window)
    window.show()
    expected = {}
    window.open_inspection(inspection.id)
    window.show_guide()
    expected["filling"] = window.guide_dialog.browser.textCursor().block().text()
    window.show_ledger()
    window.show_guide()
    expected["ledger"] = window.guide_dialog.browser.textCursor().block().text()
    guide = window.guide_dialog
    top = guide.heading_top(guide.browser.textCursor().block())
    assert top > 1000 and abs(guide.browser.verticalScrollBar().value() - top) <= 2  # the heading at the view's top
    qtbot.waitUntil(lambda: _fitted(guide))  # the shots refitted to the pane
    top = guide.heading_top(guide.browser.textCursor().block())
    assert abs(guide.browser.verticalScrollBar().value() - top) <= 2  # and the heading stayed at the top
    assert expected["filling"].startswith("2A.4") and "逐项填写" in expected["filling"]
    assert expected["ledger"].startswith("12.") and "整改台账" in expected["ledger"]


def _image_widths(guide: GuideDialog) -> list[float]:
    from PySide6.QtGui import QImage, QTextImageFormat

    widths = []
    block = guide.browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():  # a shot narrower than the view (a small dialog) keeps its own width
                image = QTextImageFormat(fmt)
                natural = QImage.fromData(guide.browser.loadResource(2, QUrl(image.name()))).width()
                widths.append(image.width() or natural)
            it += 1
        block = block.next()
    return widths


def _fitted(guide: GuideDialog) -> bool:
    """No screenshot wider than the text pane, the 1366-pixel ones about as wide as it (a dialog's stays its size)."""
    widths, view = _image_widths(guide), guide.browser.viewport().width()
    return bool(widths) and max(widths) > view - 60 and all(0 < w <= view for w in widths)


def test_the_guide_fits_its_screenshots_to_the_view(qtbot) -> None:  # type: ignore[no-untyped-def]
    guide = GuideDialog()
    qtbot.addWidget(guide)
    for width in (1100, 800):  # as the window the screenshots show, then narrower: the shots follow the pane
        guide.resize(width, 700)
        guide.show()
        qtbot.waitUntil(lambda: _fitted(guide))  # 1366-pixel shots, scaled to the pane
        assert len(_image_widths(guide)) >= 5


def test_the_guide_wraps_its_code_blocks(qtbot) -> None:  # type: ignore[no-untyped-def]
    guide = GuideDialog()
    qtbot.addWidget(guide)
    guide.resize(1100, 700)
    guide.show()
    qtbot.waitUntil(lambda: _fitted(guide))
    document = guide.browser.document()
    assert "selfcheck problem add --inspection" in document.toPlainText()  # a long command line
    assert document.idealWidth() <= guide.browser.viewport().width()  # nothing wider than the pane: no sideways bar
    assert guide.browser.horizontalScrollBar().maximum() == 0


def test_the_guide_says_so_when_its_file_is_missing(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    guide = GuideDialog(None, tmp_path / "用户指南.md")
    qtbot.addWidget(guide)
    assert "找不到用户指南" in guide.browser.toPlainText() and "重新安装" in guide.browser.toPlainText()


def test_the_guide_is_packaged() -> None:
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert '"docs/用户指南.md", "docs"' in spec and '"docs/screenshots/*.png", "docs/screenshots"' in spec


def every_shortcut(window: MainWindow) -> set[str]:
    keys = set()
    for action in window.findChildren(QAction):
        keys |= {s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts() if not s.isEmpty()}
    for shortcut in window.findChildren(QShortcut):
        if not shortcut.key().isEmpty():
            keys.add(shortcut.key().toString(QKeySequence.SequenceFormat.NativeText))
    return keys


def test_help_lists_every_shortcut_of_the_app(qtbot, school_store: Store) -> None:  # type: ignore[no-untyped-def]
    inspection = school_store.new_inspection("wuchawukan", "2026年秋季学期")
    window = MainWindow(school_store)
    qtbot.addWidget(window)
    window.show()
    window.open_inspection(inspection.id)
    window.show_shortcuts()
    dialog: ShortcutsDialog = window.shortcuts_dialog
    rows = dialog.rows()
    listed = {keys for keys, _what, _where in rows}
    expected = every_shortcut(window)  # after show_shortcuts built every screen
    native = {k: QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in ("Ctrl+N", "F1", "Ctrl+Down")}
    assert {native["Ctrl+N"], native["F1"], native["Ctrl+Down"], "1"} <= expected
    for keys in expected:
        if keys.isdigit():
            assert any(k[0] in "01" and k.endswith("9") and "…" in k for k in listed), keys
        else:
            assert keys in listed, f"{keys} is not in the shortcut list"
    assert all(what for _keys, what, _where in rows), [r for r in rows if not r[1]]  # each says what it does
    assert (native["F1"], "用户指南", "所有页面") in rows
    assert any(r[0] == native["Ctrl+Down"] and r[1] == "下一项" and r[2] == "逐项填写" for r in rows)
    # the Alt+letter of the screens' buttons and labelled fields too: Alt+S goes to the note, Alt+W raises a problem
    alt = {k: QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in ("Alt+S", "Alt+W", "Alt+2")}
    assert any(r[0] == alt["Alt+S"] and "说明" in r[1] and r[2] == "逐项填写" for r in rows)
    assert any(r[0] == alt["Alt+W"] and r[1] == "提出整改问题" for r in rows)
    assert any(r[0] == alt["Alt+2"] and r[1] == "汇总与导出" and r[2] == "打开的自查" for r in rows)


def test_help_menu_opens_the_shortcut_list(qtbot, school_store: Store) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(school_store)
    qtbot.addWidget(window)
    [action] = [a for a in window.findChildren(QAction) if a.text() == "快捷键一览(&K)"]
    action.trigger()
    assert window.shortcuts_dialog.isVisible()
    assert "逐项填写" in window.shortcuts_dialog.findChild(QLabel).text()  # no inspection open: says where the rest are


def test_qt_standard_buttons_are_chinese_in_the_chinese_ui(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert i18n.install("zh") == "zh"
    box = QMessageBox(QMessageBox.Icon.Question, "t", "t", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "取消"
    assert box.button(QMessageBox.StandardButton.Yes).text() in ("是(&Y)", "是")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open)
    qtbot.addWidget(buttons)
    assert "打开" in buttons.button(QDialogButtonBox.StandardButton.Open).text()


def test_window_geometry_is_kept_per_data_folder(qtbot, school_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(school_store)
    qtbot.addWidget(window)
    window.setGeometry(QRect(40, 50, 700, 500))  # within the offscreen platform's screen
    window.show()
    window.close()
    folder = school_store.path.parent
    assert (folder / FILE_NAME).is_file()
    saved = folder_settings(folder).value("window/geometry")
    assert isinstance(saved, QByteArray) and not saved.isEmpty()
    again = MainWindow(school_store)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)
    with Store.open(tmp_path / "other-school") as other:  # another data folder keeps its own (none yet)
        third = MainWindow(other)
        qtbot.addWidget(third)
        assert (third.width(), third.height()) != (700, 500)


def test_first_run_tips_on_the_filling_page_shown_once_per_data_folder(qtbot, school_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inspection = school_store.new_inspection("wuchawukan", "2026年秋季学期")
    window = MainWindow(school_store)
    qtbot.addWidget(window)
    window.show()
    page = window.open_inspection(inspection.id)
    assert page.tip.isVisible() and "数字键 1–9" in page.tip.text.text() and "F1" in page.tip.text.text()
    qtbot.mouseClick(page.tip.dismiss_button, Qt.MouseButton.LeftButton)
    assert not page.tip.isVisible()
    window.show_home()
    again = window.open_inspection(school_store.new_inspection("wuchawukan", "2027年春季学期").id)
    assert again is not page and not again.tip.isVisible()  # dismissed once, gone for this data folder
    with Store.open(tmp_path / "another-school") as other:  # another data folder shows it again
        other.set_school("城关第二小学", "3412345679", "王芳")
        other_window = MainWindow(other)
        qtbot.addWidget(other_window)
        other_window.show()
        third = other_window.open_inspection(other.new_inspection("wuchawukan", "2026年秋季学期").id)
        assert third.tip.isVisible()
        other_window.close()  # gone before its store closes: no later activation may reach a closed database
        ops.bus().changed.disconnect(other_window._on_changes)


def test_every_empty_list_says_what_to_do_next(qtbot, school_store: Store) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(school_store)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    home = window.home
    assert home.empty_hint.isVisible() and "新建自查" in home.empty_hint.text()
    window.show_ledger()
    ledger = window.ledger
    assert ledger is not None
    assert "Alt+W" in ledger.empty_state.showing() and "新增问题" in ledger.empty_state.showing()
    qtbot.keyClicks(ledger.search, "xyz")
    qtbot.waitUntil(lambda: "筛选" in ledger.empty_state.showing())
    ledger.search.clear()
    inspection = school_store.new_inspection("wuchawukan", "2026年秋季学期")
    from selfcheck.gui.ops import run_op

    run_op(window, lambda: school_store.add_problem("食堂台账不全", inspection_id=inspection.id))
    qtbot.waitUntil(lambda: ledger.empty_state.showing() == "")  # a list with rows shows no hint
    bureau = window.page("BureauPage")
    window.tabs.setCurrentWidget(bureau)
    hints = [state.showing() for state in bureau.empty_states]
    assert "U盘" in hints[0] and "开始汇总" in hints[1]
    checklists = window.page("ChecklistsPage")
    assert checklists.empty_state.showing() == ""  # the built-in checklists are installed
    assert "bureau.pub" in checklists.keys_empty_state.showing()  # no bureau key trusted yet

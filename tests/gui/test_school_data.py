"""Moving and protecting the school's data from the app's menus: back up to a folder (a USB stick), restore on a new
PC (answers, ledger, evidence, key, the folder's settings and the drafts not yet saved come back; a damaged or
foreign file is refused and nothing changes), change the passphrase, export the encrypted key; the home page
reminds when no backup has left the PC for 30 days."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from selfcheck.core.ledger import Status
from selfcheck.gui import school_data
from selfcheck.gui.dialogs.report_draft import ReportDraft
from selfcheck.gui.main_window import MainWindow
from selfcheck.reports import identity, service
from selfcheck.storage import Store
from tests.gui.test_inspection_flow import type_text

PASS = "城关一小 2026 自查口令"
NEW_PASS = "新的口令 horse battery 2027"


@pytest.fixture
def answered(mini_store: Store, tmp_path: Path) -> Store:
    """A school with an answer and its note, a problem in the ledger, an evidence file and a signing key."""
    store = mini_store
    inspection = store.new_inspection("mini", "2026年秋季学期")
    store.save_answer(inspection.id, "s1.study", "no", note="周二学习缺记录")
    store.add_problem("学习记录缺失", inspection_id=inspection.id, item_id="s1.study", measure="补齐记录", owner="李华")
    photo = tmp_path / "签到表.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo of the sign-in sheet")
    store.attach_evidence(inspection.id, "s1.study", photo)
    service.init_keys(store, PASS)
    return store


@pytest.fixture
def answer_dialogs(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The questions and messages the actions show, answered 'yes' and recorded."""
    said: dict[str, list[str]] = {"confirm": [], "inform": [], "error": []}
    monkeypatch.setattr(school_data, "confirm", lambda _p, _t, text: said["confirm"].append(text) or True)
    monkeypatch.setattr(school_data, "inform", lambda _p, _t, text: said["inform"].append(text))

    def error(_parent: object, exc: BaseException, _title: str | None = None) -> None:
        from selfcheck.gui.ops import error_text

        said["error"].append(error_text(exc))

    monkeypatch.setattr("selfcheck.gui.ops.show_error", error)
    monkeypatch.setattr(school_data, "show_error", error)
    return said


def window_on(qtbot, store: Store) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    return window


def menu_action(window: MainWindow, text: str) -> Callable[[], None]:
    from PySide6.QtGui import QAction

    for action in window.findChildren(QAction):
        if action.text().startswith(text):
            return action.trigger
    raise AssertionError(f"no menu action {text}")


def test_backup_to_a_folder_then_restore_into_a_fresh_data_folder(  # type: ignore[no-untyped-def]
    qtbot, answered: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer_dialogs: dict[str, list[str]]
) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(school_data, "ask_backup_folder", lambda _p: stick)
    monkeypatch.setattr(school_data, "left_pc", lambda out, _data: out == stick)  # tmp_path is one disk: say it is a stick
    window = window_on(qtbot, answered)
    assert window.home.backup_reminder.isVisible()  # never backed up
    # The school's settings and what it typed but has not saved yet: the filling tip dismissed, a note typed on
    # an item before its result (a draft), the report's text half written (its draft).
    [inspection] = answered.inspections()
    page = window.open_inspection(inspection.id)
    qtbot.mouseClick(page.tip.dismiss_button, Qt.MouseButton.LeftButton)
    page.filling.select("s2.firstask")
    page.filling.note.setFocus()
    type_text(qtbot, page.filling.note, "首问登记本未找到")
    page.filling.flush_note()
    ReportDraft(answered.path, inspection.id).keep(("本学期自查情况如下", "县教育局", "城一小〔2026〕3号"))
    menu_action(window, "备份到U盘")()
    qtbot.waitUntil(lambda: bool(answer_dialogs["inform"]), timeout=20000)
    files = list(stick.glob("selfcheck-backup-*.zip"))
    assert len(files) == 1 and str(files[0]) in answer_dialogs["inform"][0]
    assert "1 个材料文件" in answer_dialogs["inform"][0] and answer_dialogs["error"] == []
    assert answered.audit("database")[-1].action == "school_backup"  # recorded by the store, once
    assert [e.new for e in answered.audit("database") if e.action == "school_backup"] == [
        {"file": files[0].name, "left_pc": True}
    ]
    qtbot.waitUntil(lambda: not window.home.backup_reminder.isVisible())  # the home page heard of it

    # A new PC: an empty data folder, the app opened on it, the backup restored from the menu.
    fresh = tmp_path / "new-pc"
    with Store.open(fresh) as empty:
        new_window = window_on(qtbot, empty)
        monkeypatch.setattr(school_data, "ask_backup_file", lambda _p: files[0])
        menu_action(new_window, "从备份恢复")()
        assert answer_dialogs["error"] == []
        restored = new_window.store
        assert restored is not empty
        school = restored.school()
        assert school is not None and school.name == "城关第一小学"
        [inspection] = restored.inspections()
        answer = restored.answers(inspection.id)["s1.study"]
        assert (answer.option, answer.note) == ("no", "周二学习缺记录")
        [problem] = restored.problems()
        assert (problem.description, problem.owner, problem.status) == ("学习记录缺失", "李华", Status.OPEN)
        [evidence] = restored.attachments(inspection.id)
        assert evidence.path.is_relative_to(fresh) and evidence.path.read_bytes().endswith(b"sign-in sheet")
        assert evidence.name == "签到表.jpg"
        key, cert, fingerprint = restored.identity()  # type: ignore[misc]
        assert fingerprint == answered.identity()[2]  # type: ignore[index]
        identity.unlock(identity.Identity(key, cert), PASS)  # the key comes back, still under its passphrase
        # the screens were built again on the restored data
        assert new_window.home.model.rowCount() == 1
        # the settings and drafts came with it: the tip stays dismissed, the note and the report text wait
        assert ReportDraft(restored.path, inspection.id).read() == ("本学期自查情况如下", "县教育局", "城一小〔2026〕3号")
        new_page = new_window.open_inspection(inspection.id)
        assert new_page.tip.isHidden()
        new_page.filling.select("s2.firstask")
        assert new_page.filling.note.toPlainText() == "首问登记本未找到"
        assert "暂存" in new_page.filling.row_text("s2.firstask")
        new_window.close()


def test_restore_refuses_a_damaged_or_foreign_file_and_keeps_the_data(  # type: ignore[no-untyped-def]
    qtbot, answered: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer_dialogs: dict[str, list[str]]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    from selfcheck.storage.school_backup import make_school_backup

    good = make_school_backup(answered.path.parent, out)
    damaged = tmp_path / "damaged.zip"
    data = bytearray(good.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = b"\0" * 64  # a bad sector in the middle of the database
    damaged.write_bytes(bytes(data))
    foreign = tmp_path / "photos.zip"
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("holiday.jpg", b"not a backup")

    window = window_on(qtbot, answered)
    before = answered.answers(answered.inspections()[0].id)
    for file, reason in ((damaged, "不是可用的本程序备份文件"), (foreign, "不是可用的本程序备份文件")):
        answer_dialogs["error"].clear()
        monkeypatch.setattr(school_data, "ask_backup_file", lambda _p, f=file: f)
        menu_action(window, "从备份恢复")()
        assert len(answer_dialogs["error"]) == 1 and reason in answer_dialogs["error"][0]
        assert file.name in answer_dialogs["error"][0]
        assert answer_dialogs["confirm"] == []  # refused before asking to replace anything
        assert window.store is answered
        assert answered.answers(answered.inspections()[0].id) == before  # the store still open, the data as it was


def test_a_cancelled_restore_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, answered: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    from selfcheck.storage.school_backup import make_school_backup

    file = make_school_backup(answered.path.parent, out)
    asked: list[str] = []
    monkeypatch.setattr(school_data, "ask_backup_file", lambda _p: file)
    monkeypatch.setattr(school_data, "confirm", lambda _p, _t, text: asked.append(text) and False)
    window = window_on(qtbot, answered)
    menu_action(window, "从备份恢复")()
    assert "替换本机的全部数据" in asked[0] and "城关第一小学" in asked[0]
    assert window.store is answered and len(answered.inspections()) == 1


def test_change_passphrase_by_typing(qtbot, answered: Store) -> None:  # type: ignore[no-untyped-def]
    window = window_on(qtbot, answered)
    menu_action(window, "修改口令")()
    dialog = window.passphrase_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.old)  # the first key goes to the old passphrase
    qtbot.keyClicks(dialog.old, "wrong passphrase")
    type_text(qtbot, dialog.new.first, NEW_PASS)
    assert not dialog.ok_button.isEnabled()  # the new one twice first
    type_text(qtbot, dialog.new.second, NEW_PASS)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "口令" in dialog.status.text() and "正在" not in dialog.status.text(), timeout=20000)
    assert dialog.isVisible() and dialog.new.first.text() == NEW_PASS  # what was typed stays
    dialog.old.clear()
    type_text(qtbot, dialog.old, PASS)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    key, cert, _ = answered.identity()  # type: ignore[misc]
    identity.unlock(identity.Identity(key, cert), NEW_PASS)
    with pytest.raises(Exception, match="口令"):
        identity.unlock(identity.Identity(key, cert), PASS)


def test_export_the_encrypted_key(  # type: ignore[no-untyped-def]
    qtbot, answered: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer_dialogs: dict[str, list[str]]
) -> None:
    target = tmp_path / "stick" / "key.pem"
    target.parent.mkdir()
    monkeypatch.setattr(school_data, "ask_key_path", lambda _p, suggested: target if suggested.endswith(".pem") else None)
    window = window_on(qtbot, answered)
    menu_action(window, "导出加密密钥")()
    written = target.read_bytes()
    assert written.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert written == answered.identity()[0]  # type: ignore[index]
    assert str(target) in answer_dialogs["inform"][0]


def test_home_reminds_when_no_backup_left_the_pc_for_30_days(  # type: ignore[no-untyped-def]
    qtbot, answered: Store, set_today: Callable[[dt.date], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_on(qtbot, answered)
    home = window.home
    home.refresh()
    assert home.backup_reminder.isVisibleTo(home) and "从未备份" in home.backup_text.text()
    from selfcheck.gui.ops import run_op  # as the app records a backup: the broadcast tells the home page

    run_op(window, lambda: answered.record_school_backup("selfcheck-backup-x.zip", left_pc=False))  # same disk: no
    home.refresh()
    assert home.backup_reminder.isVisibleTo(home)
    run_op(window, lambda: answered.record_school_backup("selfcheck-backup-y.zip", left_pc=True))
    home.refresh()
    assert not home.backup_reminder.isVisibleTo(home)
    set_today(dt.date(2026, 12, 19))  # 29 days on
    home.refresh()
    assert not home.backup_reminder.isVisibleTo(home)
    set_today(dt.date(2026, 12, 20))  # 30 days on
    home.refresh()
    assert home.backup_reminder.isVisibleTo(home) and "30 天" in home.backup_text.text()
    asked: list[bool] = []
    monkeypatch.setattr(school_data, "ask_backup_folder", lambda _p: asked.append(True))  # the menu's backup, cancelled
    qtbot.mouseClick(home.backup_button, Qt.MouseButton.LeftButton)
    assert asked == [True]


def test_a_new_pc_restores_from_the_first_run_setup(  # type: ignore[no-untyped-def]
    qtbot, answered: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer_dialogs: dict[str, list[str]]
) -> None:
    from PySide6.QtWidgets import QDialog, QWizard

    from selfcheck.gui.dialogs.setup_wizard import SetupWizard
    from selfcheck.storage.school_backup import make_school_backup

    out = tmp_path / "stick"
    out.mkdir()
    file = make_school_backup(answered.path.parent, out)
    monkeypatch.setattr(school_data, "ask_backup_file", lambda _p: file)
    with Store.open(tmp_path / "new-pc") as empty:
        wizard = SetupWizard(empty)
        qtbot.addWidget(wizard)
        restored: list[Store] = []
        school_data.offer_restore(wizard, empty, restored)
        wizard.show()
        button = wizard.button(QWizard.WizardButton.CustomButton1)
        assert button.isVisible() and button.text() == "从备份恢复(&R)…"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert wizard.result() == QDialog.DialogCode.Accepted.value and not wizard.isVisible()
        [store] = restored
        try:
            school = store.school()
            assert school is not None and school.name == "城关第一小学" and store.identity() is not None
            [asked] = answer_dialogs["confirm"]  # what the file is, asked once; an empty folder has nothing to replace
            assert "城关第一小学" in asked and "替换本机的全部数据" not in asked
        finally:
            store.close()


def test_a_restore_that_fails_keeps_the_data_and_the_app_goes_on(  # type: ignore[no-untyped-def]
    qtbot, answered: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer_dialogs: dict[str, list[str]]
) -> None:
    from selfcheck.errors import StorageError
    from selfcheck.storage import school_backup

    out = tmp_path / "out"
    out.mkdir()
    file = school_backup.make_school_backup(answered.path.parent, out)
    monkeypatch.setattr(school_data, "ask_backup_file", lambda _p: file)

    def full_disk(*_args: object, **_kw: object) -> None:
        raise StorageError("恢复失败（No space left on device），当前数据未改动", "the restore failed; the data is unchanged")

    monkeypatch.setattr(school_backup, "restore_school_backup", full_disk)
    window = window_on(qtbot, answered)
    before = answered.answers(answered.inspections()[0].id)
    menu_action(window, "从备份恢复")()
    assert "替换本机的全部数据" in answer_dialogs["confirm"][0]
    assert answer_dialogs["error"] == ["恢复失败（No space left on device），当前数据未改动"]
    assert window.store is not answered  # the app's store was closed for the restore and opened again on the same data
    again = window.store
    assert again.answers(again.inspections()[0].id) == before
    assert window.home.model.rowCount() == 1
    # the way back made before the restore: the current data (database, evidence and settings) as a checked backup file
    [kept] = (answered.path.parent / "backups").glob("selfcheck-backup-*.zip")
    assert school_backup.read_backup(kept).evidence_files == 1
    window.close()


def test_a_backup_to_a_missing_stick_says_what_to_do(  # type: ignore[no-untyped-def]
    qtbot, answered: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer_dialogs: dict[str, list[str]]
) -> None:
    pulled = tmp_path / "U盘已拔出"
    monkeypatch.setattr(school_data, "ask_backup_folder", lambda _p: pulled)
    window = window_on(qtbot, answered)
    menu_action(window, "备份到U盘")()
    qtbot.waitUntil(lambda: bool(answer_dialogs["error"]), timeout=20000)
    assert str(pulled) in answer_dialogs["error"][0] and "插好U盘" in answer_dialogs["error"][0]
    assert answer_dialogs["inform"] == [] and not any(e.action == "school_backup" for e in answered.audit("database"))
    assert window.home.backup_reminder.isVisible()  # nothing left the PC


def test_a_bureau_desk_open_on_screen_is_restored_too(  # type: ignore[no-untyped-def]
    qtbot, answered: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer_dialogs: dict[str, list[str]]
) -> None:
    """On a bureau's PC the desk's tab holds its database open: a restore closes it, puts the backup's desk in place,
    and the tab shows the restored desk."""
    from selfcheck.core.desk import RosterEntry
    from selfcheck.storage.desk import Desk
    from selfcheck.storage.school_backup import make_school_backup

    folder = answered.path.parent
    with Desk.open(folder) as desk:
        desk.import_roster([RosterEntry("3412345678", "城关第一小学")], "名册.xlsx")
    out = tmp_path / "out"
    out.mkdir()
    file = make_school_backup(folder, out)
    window = window_on(qtbot, answered)
    bureau = window.show_page("BureauPage")
    panel = bureau.desk_panel  # type: ignore[union-attr]
    bureau.pages.setCurrentWidget(panel)  # type: ignore[union-attr]
    panel.desk().import_roster([RosterEntry("9999999999", "另一所学校")], "新名册.xlsx")  # changed since the backup
    monkeypatch.setattr(school_data, "ask_backup_file", lambda _p: file)
    menu_action(window, "从备份恢复")()
    assert answer_dialogs["error"] == [] and window.store is not answered
    assert panel._desk is None  # let go of before the swap
    with Desk.open(window.store.path.parent) as desk:
        assert [e.code for e in desk.roster()] == ["3412345678"]
    window.close()

"""The checklists screen driven as a person would: import unsigned, signed, malformed and rollback files; trust and
untrust a bureau key; move an in-progress inspection to a newer checklist version. Real files, real keys, real database."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QTableWidget, QWidget

from selfcheck.core.checklist_file import read_checklist
from selfcheck.exchange import signed_checklist
from selfcheck.exchange.checklist_import import trust_bureau_key
from selfcheck.gui import ops
from selfcheck.gui.dialogs.import_dialog import ImportDialog, ImportErrorsDialog, TrustKeyDialog
from selfcheck.gui.dialogs.move_dialog import MoveDialog
from selfcheck.gui.models.checklists_model import KIND_ROLE, UNSIGNED_BACKGROUND, column
from selfcheck.gui.ops import bus
from selfcheck.gui.pages import checklists_page
from selfcheck.gui.pages.checklists_page import ChecklistsPage
from selfcheck.storage import Store
from tests.gui.conftest import listen

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.yaml"
MIGRATE = ROOT / "tests" / "data" / "migrate"
BUREAU = "某某县教育局"


def text(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    assert item is not None, f"no cell at {row}, {col}"
    return item.text()


def mini_text(version: str = "1.0") -> str:
    return MINI.read_text(encoding="utf-8").replace('version: "1.0"', f'version: "{version}"', 1)


def snapshot(store: Store) -> tuple[Any, ...]:
    """What a refused import must leave as it was."""
    return (
        [(t.template_id, t.version, t.content_hash) for t in store.checklists()],
        store.provenances(),
        store.db.execute("SELECT COUNT(*) FROM audit").fetchone()[0],
    )


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """Error boxes would block a test (QMessageBox.exec): record what would have been shown instead."""
    shown: list[BaseException] = []
    monkeypatch.setattr(checklists_page, "show_error", lambda parent, exc, title=None: shown.append(exc))
    monkeypatch.setattr(ops, "show_error", lambda parent, exc, title=None: shown.append(exc))
    return shown


@pytest.fixture
def page(school_store: Store, qtbot: Any, errors: list[BaseException]) -> ChecklistsPage:
    widget = listen(ChecklistsPage(school_store))
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def bureau_key() -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.generate()


def write_pub(tmp_path: Path, key: ed25519.Ed25519PrivateKey) -> Path:
    path = tmp_path / "bureau.pub"
    path.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return path


def open_import(page: ChecklistsPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, path: Path) -> Any:
    """Click 导入检查表…, answer the file dialog with `path`, wait for the worker and return the dialog it opened."""
    monkeypatch.setattr(checklists_page, "ask_open_path", lambda parent, folder: path)
    before = page.dialog
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog is not before and not page.busy)
    return page.dialog


def type_text(widget: QWidget, text: str) -> None:
    """Chinese typed as an input method commits it (QTest only knows keys for ASCII)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def row_of(page: ChecklistsPage, template_id: str, version: str) -> int:
    row = page.model.row_of(template_id, version)
    assert row is not None, f"{template_id} {version} not listed"
    return row


def test_unsigned_checklist_needs_the_explicit_button_and_is_marked(
    page: ChecklistsPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, errors: list[BaseException]
) -> None:
    store = page.store
    path = tmp_path / "mini.yaml"
    path.write_text(mini_text(), encoding="utf-8")
    before = snapshot(store)

    dialog = open_import(page, qtbot, monkeypatch, path)
    assert isinstance(dialog, ImportDialog)
    assert "没有教育局签名" in dialog.verdict.text()
    assert dialog.install_button is not None and "仍然安装（未签名）" in dialog.install_button.text()
    # Enter is the safe choice: it cancels, nothing is installed
    assert dialog.cancel_button.isDefault() and not dialog.install_button.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert snapshot(store) == before

    dialog = open_import(page, qtbot, monkeypatch, path)
    with qtbot.waitSignal(page.imported, timeout=10_000), qtbot.waitSignal(bus().changed):
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert store.checklist("mini").version == "1.0"
    assert store.provenance("mini", "1.0").kind == "unsigned"
    row = row_of(page, "mini", "1.0")
    source = page.model.index(row, column("source"))
    assert source.data() == "未签名"
    assert source.data(KIND_ROLE) == "unsigned"
    assert page.model.index(row, column("title")).data(Qt.ItemDataRole.BackgroundRole) == UNSIGNED_BACKGROUND
    builtin = page.model.index(row_of(page, "wuchawukan", "1.1"), column("source"))
    assert builtin.data() == "内置" and builtin.data(Qt.ItemDataRole.BackgroundRole) is None
    assert "已安装《测试用小检查表》版本 1.0（未签名）" in page.notice.text()


def test_signed_checklist_from_a_trusted_key_installs(
    page: ChecklistsPage,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    bureau_key: ed25519.Ed25519PrivateKey,
    errors: list[BaseException],
) -> None:
    store = page.store
    fingerprint = trust_bureau_key(store, write_pub(tmp_path, bureau_key), BUREAU)[0].fingerprint
    page.refresh()
    path = tmp_path / "mini-1.0.signed.yaml"
    path.write_bytes(signed_checklist.sign(mini_text().encode("utf-8"), "mini", "1.0", bureau_key))

    dialog = open_import(page, qtbot, monkeypatch, path)
    assert isinstance(dialog, ImportDialog)
    assert "教育局签名有效" in dialog.verdict.text()
    assert dialog.install_button is not None and dialog.install_button.isDefault()
    with qtbot.waitSignal(page.imported, timeout=10_000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # the default button: install
    assert errors == []
    prov = store.provenance("mini", "1.0")
    assert (prov.kind, prov.key_fingerprint, prov.key_name) == ("signed", fingerprint, BUREAU)
    source = page.model.index(row_of(page, "mini", "1.0"), column("source"))
    assert source.data().startswith(f"教育局签名（{BUREAU}，{fingerprint[:11]}")
    assert source.data(KIND_ROLE) == "signed"
    assert fingerprint in source.data(Qt.ItemDataRole.ToolTipRole)

    # the same file signed by a key nobody trusts is refused, with the reason and no install button
    stranger = ed25519.Ed25519PrivateKey.generate()
    other = tmp_path / "mini-1.1.signed.yaml"
    other.write_bytes(signed_checklist.sign(mini_text("1.1").encode("utf-8"), "mini", "1.1", stranger))
    before = snapshot(store)
    dialog = open_import(page, qtbot, monkeypatch, other)
    assert dialog.install_button is None
    assert "未被信任" in dialog.verdict.text()
    assert snapshot(store) == before


def test_malformed_checklist_lists_each_error_with_line_and_field(
    page: ChecklistsPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, errors: list[BaseException]
) -> None:
    store = page.store
    good = mini_text()
    bad = good.replace("points: 10\n        rule: 每缺一次扣 1 分", "points: 十分\n        rule: 每缺一次扣 1 分", 1)
    bad = bad.replace("      - id: s1.count", "      - id: s1.study", 1)
    assert bad != good
    path = tmp_path / "错误的检查表.yaml"
    path.write_text(bad, encoding="utf-8")
    lines = bad.splitlines()
    points_line = next(n for n, line in enumerate(lines, 1) if "points: 十分" in line)
    duplicate_line = next(n for n, line in enumerate(lines, 1) if "- id: s1.study" in line and n > points_line)
    before = snapshot(store)

    dialog = open_import(page, qtbot, monkeypatch, path)
    assert isinstance(dialog, ImportErrorsDialog)
    assert errors == []  # a table, not an error box with a wall of text
    table = dialog.table
    assert table.rowCount() == len(dialog.problems) >= 2
    rows = [[text(table, r, c) for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert all(r[0] == "错误的检查表.yaml" for r in rows)
    assert all(re.fullmatch(r"[1-9][0-9]*", r[1]) and re.fullmatch(r"[1-9][0-9]*", r[2]) for r in rows)
    by_field = {r[3]: r for r in rows}
    assert by_field["sections.0.items.0.points"][1] == str(points_line)
    duplicate = next(r for r in rows if r[3].startswith("sections.0.items.1"))
    assert duplicate[1] == str(duplicate_line) and "s1.study" in duplicate[4]
    assert all(re.search(r"[\u4e00-\u9fff]", r[4]) for r in rows)  # the Chinese message
    assert snapshot(store) == before

    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text().splitlines()
    assert len(copied) == len(rows)
    assert any(f"{path}:{points_line}:" in line and "sections.0.items.0.points" in line for line in copied)

    # fixed and saved: 重新检查 reads the same file again and offers to install it
    path.write_text(good, encoding="utf-8")
    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(page.dialog, ImportDialog) and not page.busy)
    retried = page.dialog
    assert isinstance(retried, ImportDialog)
    assert retried.plan.template is not None and retried.plan.template.id == "mini"


def test_rollback_is_refused_with_the_reason(
    page: ChecklistsPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    store = page.store
    newer = tmp_path / "mini-1.1.yaml"
    newer.write_text(mini_text("1.1"), encoding="utf-8")
    dialog = open_import(page, qtbot, monkeypatch, newer)
    with qtbot.waitSignal(page.imported, timeout=10_000):
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    older = tmp_path / "mini-1.0.yaml"
    older.write_text(mini_text("1.0"), encoding="utf-8")
    before = snapshot(store)

    dialog = open_import(page, qtbot, monkeypatch, older)
    assert isinstance(dialog, ImportDialog)
    assert dialog.plan.refused
    assert dialog.install_button is None
    assert "版本回退" in dialog.verdict.text() and "1.1" in dialog.verdict.text()
    assert "未导入" in page.notice.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert snapshot(store) == before
    assert [t.version for t in store.checklists() if t.template_id == "mini"] == ["1.1"]


def test_trust_and_untrust_a_bureau_key(
    page: ChecklistsPage,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    bureau_key: ed25519.Ed25519PrivateKey,
    errors: list[BaseException],
) -> None:
    store = page.store
    pub = write_pub(tmp_path, bureau_key)
    fingerprint = signed_checklist.fingerprint_of(bureau_key.public_key())
    monkeypatch.setattr(checklists_page, "ask_key_path", lambda parent, folder: pub)
    changed: list[bool] = []
    bus().changed.connect(lambda *_: changed.append(True))

    qtbot.mouseClick(page.add_key_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, TrustKeyDialog)
    shown = re.sub(r"\s", "", dialog.fingerprint_label.text())
    assert shown.replace(":", "") == fingerprint.replace(":", "")
    assert not dialog.trust_button.isEnabled()  # not before the user says the fingerprint matches
    type_text(dialog.name, BUREAU)
    qtbot.mouseClick(dialog.matches, Qt.MouseButton.LeftButton)
    assert dialog.matches.isChecked() and dialog.trust_button.isEnabled()
    qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
    keys = store.trusted_keys()
    assert [(k.fingerprint, k.name) for k in keys] == [(fingerprint, BUREAU)]
    assert page.keys_table.rowCount() == 1
    assert text(page.keys_table, 0, 0) == BUREAU and text(page.keys_table, 0, 1) == fingerprint
    assert changed

    # the same key again: said so, nothing added
    qtbot.mouseClick(page.add_key_button, Qt.MouseButton.LeftButton)
    assert "已经信任" in page.keys_notice.text()
    assert len(store.trusted_keys()) == 1

    # a private key handed over by mistake: refused with the reason
    wrong = tmp_path / "bureau.key"
    wrong.write_bytes(
        bureau_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    monkeypatch.setattr(checklists_page, "ask_key_path", lambda parent, folder: wrong)
    qtbot.mouseClick(page.add_key_button, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and "私钥" in errors[0].zh  # type: ignore[attr-defined]

    # removing asks first; No keeps the key, Yes removes it
    asked: list[str] = []
    answer = [False]

    def ask(parent: Any, title: str, text: str) -> bool:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(checklists_page, "confirm", ask)
    assert not page.remove_key_button.isEnabled()
    page.keys_table.selectRow(0)
    assert page.remove_key_button.isEnabled()
    qtbot.mouseClick(page.remove_key_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and fingerprint in asked[0]
    assert len(store.trusted_keys()) == 1
    answer[0] = True
    qtbot.mouseClick(page.remove_key_button, Qt.MouseButton.LeftButton)
    assert store.trusted_keys() == []
    assert page.keys_table.rowCount() == 0


def test_newer_version_offers_to_move_the_inspection_and_carries_answers(
    page: ChecklistsPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, errors: list[BaseException]
) -> None:
    store = page.store
    store.install_checklist(read_checklist(MIGRATE / "v1.yaml"), "test")
    inspection = store.new_inspection("migtest", "2026年秋季学期", ["李华"])
    store.save_answers(
        inspection.id,
        [
            {"item": "s1.study", "option": "yes"},
            {"item": "s1.old", "option": "no", "note": "未订阅"},
            {"item": "s2.firstask", "option": "good"},
            {"item": "s2.tutoring", "option": "none"},
        ],
    )
    done = store.new_inspection("migtest", "2026年春季学期")  # complete: stays on its version, never offered
    store.db.execute("UPDATE inspections SET status = 'complete' WHERE id = ?", [done.id])
    store.db.conn.commit()
    page.refresh()
    assert not page.update_button.isVisible()

    dialog = open_import(page, qtbot, monkeypatch, MIGRATE / "v2.yaml")
    with qtbot.waitSignal(page.imported, timeout=10_000):
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(page.dialog, MoveDialog))
    offer = page.dialog
    assert isinstance(offer, MoveDialog)
    assert offer.plan.inspection_id == inspection.id and offer.plan.to_version == "2.0"
    assert "新增 2 项，删除 2 项" in offer.counts.text()
    changes = {text(offer.changes, r, 1): text(offer.changes, r, 0) for r in range(offer.changes.rowCount())}
    assert changes["s1.new"] == "新增" and changes["s1.old"] == "删除" and "改写" in changes["s1.study"]
    fates = {text(offer.answers, r, 1): text(offer.answers, r, 0) for r in range(offer.answers.rowCount())}
    assert fates == {
        "s1.study": "保留，需复核",  # reworded
        "s2.firstask": "保留，需复核",  # re-scored: an option removed
        "s1.old": "移除（检查项已删除）",
        "s2.tutoring": "保留",
    }
    assert offer.later_button.isDefault()

    # 暂不更新: nothing moves, and the page keeps offering it
    qtbot.mouseClick(offer.later_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert store.inspection(inspection.id).template_version == "1.0"
    assert page.update_button.isVisible() and page.update_button.isEnabled()

    qtbot.mouseClick(page.update_button, Qt.MouseButton.LeftButton)
    offer = page.dialog
    assert isinstance(offer, MoveDialog)
    with qtbot.waitSignal(page.moved, timeout=10_000), qtbot.waitSignal(bus().changed):
        qtbot.mouseClick(offer.update_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert store.inspection(inspection.id).template_version == "2.0"
    assert store.inspection(done.id).template_version == "1.0"
    answers = store.answers(inspection.id)
    assert answers["s1.study"].option == "yes" and answers["s2.firstask"].option == "good"
    assert answers["s2.tutoring"].option == "none"
    assert "s1.old" not in answers
    assert "reworded" in store.rechecks(inspection.id)["s1.study"]
    assert "版本 2.0" in page.notice.text()
    assert not page.update_button.isVisible()
    assert (store.path.parent / "backups").is_dir()  # a copy of the database before answers moved
    QApplication.processEvents()


def test_remove_a_version_nobody_uses(
    page: ChecklistsPage, school_store: Store, qtbot: Any, monkeypatch: pytest.MonkeyPatch, errors: list[BaseException]
) -> None:
    """Select a row, press 删除此版本: a shipped checklist cannot be removed (the button is off), an unused imported
    one is removed after the user confirms, one that an inspection uses is kept with the reason."""
    store = school_store
    store.install_checklist(read_checklist(MINI), "file:mini.yaml")
    page.refresh()
    asked: list[str] = []
    monkeypatch.setattr(checklists_page, "confirm", lambda parent, title, text: asked.append(text) or True)

    def select(template_id: str) -> None:
        row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, column("id")).data() == template_id)
        page.table.selectRow(row)

    shipped = next(t for t in store.checklists() if t.source.startswith("builtin:"))
    select(shipped.template_id)
    assert not page.remove_button.isEnabled()
    select("mini")
    assert page.remove_button.isEnabled()
    inspection = store.new_inspection("mini", "2026年秋季学期")
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and "在用" in errors[0].zh  # type: ignore[attr-defined]
    assert any(t.template_id == "mini" for t in store.checklists())
    store.db.execute("DELETE FROM inspections WHERE id = ?", [inspection.id])
    select("mini")
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and "mini" not in {t.template_id for t in store.checklists()}
    assert "已删除" in page.notice.text()

"""The bureau's CA on the desk, driven as a clerk drives it: the unit's name and a passphrase typed, 创建证书机构
clicked; the root exported; a school's request issued (the school on the roster), a request from a school off the
roster refused in the dialog; the certificate issued installs in the school's own data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from selfcheck.core.desk import RosterEntry
from selfcheck.gui.dialogs import desk_ca_dialog
from selfcheck.gui.dialogs.desk_ca_dialog import DeskCADialog
from selfcheck.reports import service
from selfcheck.storage import Store
from selfcheck.storage.desk import Desk

PASS = "correct horse battery staple"
CA_PASS = "ziyang bureau roots 2026 winter"


def _school(folder: Path, name: str, code: str) -> Path:
    """A school's data folder with its key, and the request it wrote."""
    with Store.open(folder) as store:
        store.set_school(name, code, "张明")
        service.init_keys(store, PASS)
        request = folder / f"{name}.csr"
        request.write_bytes(service.request_certificate(store, PASS))
    return request


def test_create_export_issue_and_refuse(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    desk = Desk.open(tmp_path / "教育局")
    desk.import_roster([RosterEntry("3412345678", "城关第一小学", "城关学区", "小学")], "名册.xlsx")
    dialog = DeskCADialog(desk, "紫阳县教育局")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.create_box.isVisible() and not dialog.ca_box.isVisible() and not dialog.create_button.isEnabled()
    qtbot.keyClicks(dialog.passphrase_form.first, CA_PASS)
    qtbot.keyClicks(dialog.passphrase_form.second, CA_PASS)
    assert dialog.create_button.isEnabled()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.ca() is not None, timeout=20_000)
    assert dialog.ca_box.isVisible() and "紫阳县教育局" in dialog.ca_label.text()
    assert dialog.focusWidget() is dialog.passphrase  # next: the passphrase to issue with

    root = tmp_path / "根证书.pem"
    monkeypatch.setattr(desk_ca_dialog, "ask_save", lambda *_: root)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(root.exists, timeout=5_000)

    stranger = _school(tmp_path / "外校", "外县小学", "9999999999")
    monkeypatch.setattr(desk_ca_dialog, "ask_request", lambda *_: stranger)
    qtbot.keyClicks(dialog.passphrase, CA_PASS)
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "不在名册中" in dialog.status.text(), timeout=5_000)
    assert desk.issued_certificates() == []

    school = tmp_path / "城关第一小学"
    request = _school(school, "城关第一小学", "3412345678")
    issued = tmp_path / "城关第一小学-3412345678.pem"
    monkeypatch.setattr(desk_ca_dialog, "ask_request", lambda *_: request)
    monkeypatch.setattr(desk_ca_dialog, "ask_save", lambda *_: issued)
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(desk.issued_certificates()) == 1, timeout=20_000)
    assert issued.exists() and "城关第一小学" in dialog.status.text() and "已签发 1 张" in dialog.issued_label.text()
    with Store.open(school) as store:  # the school installs it
        done = service.install_certificate(store, issued.read_bytes(), root.read_bytes(), cert_name="c", ca_name="r")
        assert done.fingerprint == desk.issued_certificates()[0].fingerprint
    desk.close()

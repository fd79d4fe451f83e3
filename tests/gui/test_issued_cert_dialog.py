"""The bureau-CA certificate dialog, driven as a principal drives it: the passphrase typed and Enter pressed writes the
request; the two file names typed and 装入证书 clicked installs what the CA issued; a wrong passphrase or a wrong
certificate is said in the dialog, with what was typed kept and nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from selfcheck.gui.dialogs import issued_cert_dialog
from selfcheck.gui.dialogs.issued_cert_dialog import IssuedCertDialog
from selfcheck.reports import service
from selfcheck.storage import Store
from tests.reports.test_issued_certificate import _issue
from tests.security.forge import bureau_ca, pem

PASS = "correct horse battery staple"


@pytest.fixture
def keyed(school_store: Store) -> Store:
    service.init_keys(school_store, PASS)
    return school_store


def test_request_then_install_by_keys_and_a_click(qtbot, keyed: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    request = tmp_path / "城关第一小学.csr"
    monkeypatch.setattr(issued_cert_dialog, "ask_request_path", lambda *_: str(request))
    before = keyed.identity()
    assert before is not None
    dialog = IssuedCertDialog(keyed)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.passphrase  # the first thing to type

    qtbot.keyClicks(dialog.passphrase, PASS + "x")  # a wrong passphrase: said here, nothing written
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "口令" in dialog.status.text(), timeout=20_000)
    assert not request.exists() and dialog.passphrase.text() == PASS + "x"
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASS)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(request.exists, timeout=20_000)
    qtbot.waitUntil(lambda: "已生成证书申请" in dialog.status.text(), timeout=5_000)
    assert dialog.passphrase.text() == "" and dialog.focusWidget() is dialog.cert_path

    ca_key, ca = bureau_ca()
    (tmp_path / "ca.pem").write_bytes(pem(ca))
    (tmp_path / "wrong.pem").write_bytes(pem(ca))  # the CA's own certificate given as the school's
    (tmp_path / "issued.pem").write_bytes(pem(_issue(ca_key, ca, request.read_bytes())))
    assert not dialog.install_button.isEnabled()
    qtbot.keyClicks(dialog.cert_path, str(tmp_path / "wrong.pem"))
    qtbot.keyClicks(dialog.ca_path, str(tmp_path / "ca.pem"))
    qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "wrong.pem" in dialog.status.text(), timeout=10_000)
    assert keyed.identity() == before and not dialog.installed

    dialog.cert_path.clear()
    qtbot.keyClicks(dialog.cert_path, str(tmp_path / "issued.pem"))
    qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.installed, timeout=10_000)
    after = keyed.identity()
    assert after is not None and after[0] == before[0] and after[2] != before[2]
    assert "紫阳县教育局" in dialog.status.text() and after[2] in dialog.status.text().replace("\n", "")


def test_settings_names_who_issued_the_certificate(qtbot, keyed: Store) -> None:  # type: ignore[no-untyped-def]
    from selfcheck.gui.dialogs.settings_dialog import SettingsDialog

    settings = SettingsDialog(keyed)
    qtbot.addWidget(settings)
    assert "本校自签名" in settings.subject_label.text()
    ca_key, ca = bureau_ca()
    found = keyed.identity()
    assert found is not None
    from selfcheck.reports.identity import Identity, unlock

    request = service.request_certificate(keyed, PASS)
    issued = pem(_issue(ca_key, ca, request))
    service.install_certificate(keyed, issued, pem(ca), cert_name="issued.pem", ca_name="ca.pem")
    settings.refresh()
    assert "签发：紫阳县教育局" in settings.subject_label.text()
    assert unlock(Identity(found[0], found[1]), PASS)  # the key still opens with the passphrase

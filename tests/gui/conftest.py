"""GUI tests: real widgets on Qt's offscreen platform, a fresh data folder per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from selfcheck.storage import Store


@pytest.fixture(autouse=True)
def _qt_settings(tmp_path: Path, qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """QSettings (geometry, language) go to a per-test folder, never the user's."""
    from PySide6.QtCore import QSettings

    qapp.setOrganizationName("selfcheck-tests")
    qapp.setApplicationName("selfcheck-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    font = qapp.font()
    yield
    qapp.setFont(font)  # a test that ran the app's own start-up set its font; the next test starts clean
    from selfcheck.gui import i18n

    i18n.install("zh")


@pytest.fixture
def school_store(store: Store) -> Store:
    """A store with the school set (the built-in checklists are installed by Store.open)."""
    store.set_school("城关第一小学", "3412345678", "张明", "城关镇解放路 1 号")
    return store


def listen(screen: Any) -> Any:
    """Connect a screen tested on its own to the app's one changes broadcast, as the main window does (Qt drops
    the connection when the screen is deleted)."""
    from selfcheck.gui.ops import bus

    bus().changed.connect(screen.on_changes)
    return screen

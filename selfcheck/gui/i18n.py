"""The UI language: Simplified Chinese (the source strings) by default, English through Qt Linguist files.

The source strings in the code are Chinese, so the app is Chinese with no file at all; `resources/i18n/
selfcheck_en.qm` (compiled from `selfcheck_en.ts` with pyside6-lrelease) turns it into English.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

LANGUAGES = {"zh": "简体中文", "en": "English"}
_current = "zh"
_installed: list[QTranslator] = []


def i18n_dir() -> Path:
    from selfcheck.storage.paths import resources_dir

    return resources_dir() / "i18n"


def current_language() -> str:
    return _current


def saved_language() -> str:
    value = QSettings().value("language", "zh")
    return value if value in LANGUAGES else "zh"


def install(language: str) -> str:
    """Load the translators for `language` into the running application (replacing earlier ones)."""
    global _current
    app = QCoreApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    language = language if language in LANGUAGES else "zh"
    if language == "en":
        ours = QTranslator()
        if ours.load(str(i18n_dir() / "selfcheck_en.qm")):
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            language = "zh"  # no English file: stay in Chinese rather than show a mix
    if language == "zh":
        qt = QTranslator()  # Qt's own strings (OK/Cancel in standard dialogs)
        if qt.load(
            QLocale(QLocale.Language.Chinese, QLocale.Country.China),
            "qtbase",
            "_",
            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        ):
            app.installTranslator(qt)
            _installed.append(qt)
    _current = language
    return language

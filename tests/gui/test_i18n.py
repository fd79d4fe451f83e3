"""The English translation: the shipped .ts covers every GUI string, the .qm matches it, and the app switches.

resources/i18n/selfcheck_en.ts is the one source of the English text (translators edit it: resources/i18n/README.md);
these tests hold it to the rules a translation must keep.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

from selfcheck.gui import i18n
from selfcheck.gui.main_window import MainWindow
from selfcheck.storage import Store

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "selfcheck" / "gui"
TS = ROOT / "resources" / "i18n" / "selfcheck_en.ts"
QM = ROOT / "resources" / "i18n" / "selfcheck_en.qm"
BIN = ROOT / ".venv" / "bin"
FIX = (
    "run `bash scripts/update_translations.sh`, translate what it lists as unfinished in resources/i18n/selfcheck_en.ts "
    "(.venv/bin/pyside6-linguist, or edit the .ts; see resources/i18n/README.md), then run the script again"
)

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")  # ideographs; punctuation alone is no message
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
MNEMONIC = re.compile(r"&(?!&)(.)")


def gui_sources() -> list[Path]:
    """Every Python file of selfcheck/gui, in subfolders too (as scripts/update_translations.sh finds them)."""
    return sorted(GUI.rglob("*.py"))


def tool(name: str) -> Path:
    found = BIN / name
    if found.exists():
        return found
    on_path = shutil.which(name)
    if on_path is None:
        pytest.skip(f"{name} is not installed (it comes with PySide6)")
    return Path(on_path)


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) → the <translation> element."""
    out: dict[tuple[str, str], ET.Element] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            out[(name, message.findtext("source") or "")] = translation
    return out


@pytest.fixture(scope="module")
def shipped() -> dict[tuple[str, str], ET.Element]:
    assert TS.exists(), f"{TS} is missing: {FIX}"
    return messages(TS)


@pytest.fixture
def back_to_chinese() -> Iterator[None]:
    """Other tests expect the Chinese UI: whatever a test installs, Chinese comes back after it."""
    yield
    i18n.install("zh")


# ---- (a) the .ts covers the code, completely and faithfully -----------------------------------------------------


def test_the_ts_holds_exactly_the_strings_of_the_gui(tmp_path: Path, shipped: dict[tuple[str, str], ET.Element]) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = [str(p) for p in gui_sources()]
    run = subprocess.run(
        [
            str(tool("pyside6-lupdate")),
            *sources,
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            "-silent",
            "-ts",
            str(fresh),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    in_code = set(messages(fresh))
    new = sorted(in_code - set(shipped))
    gone = sorted(set(shipped) - in_code)
    assert not new, f"strings in selfcheck/gui missing from {TS.name}: {new[:10]}; {FIX}"
    assert not gone, f"strings in {TS.name} no longer in selfcheck/gui: {gone[:10]}; {FIX}"


def test_every_message_has_a_finished_english_text(shipped: dict[tuple[str, str], ET.Element]) -> None:
    unfinished = [key for key, t in shipped.items() if t.get("type") or not (t.text or "").strip()]
    assert not unfinished, f"{len(unfinished)} messages without English, e.g. {unfinished[:5]}; {FIX}"
    chinese = [(key, t.text) for key, t in shipped.items() if CJK.search(t.text or "")]
    assert not chinese, f"English texts with Chinese left in them: {chinese[:5]}"


def test_translations_keep_placeholders_mnemonics_and_ellipses(shipped: dict[tuple[str, str], ET.Element]) -> None:
    wrong: list[str] = []
    for (context, source), t in shipped.items():
        english = t.text or ""
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(english)):
            wrong.append(f"{context}: placeholders of {source!r} → {english!r}")
        if len(MNEMONIC.findall(source)) != len(MNEMONIC.findall(english)):
            wrong.append(f"{context}: mnemonic of {source!r} → {english!r}")
        if source.endswith("…") and not english.endswith("…"):
            wrong.append(f"{context}: {source!r} opens a dialog but {english!r} lost its “…”")
        if source.endswith("\n") != english.endswith("\n") or source.startswith("\n") != english.startswith("\n"):
            wrong.append(f"{context}: line breaks at the ends of {source!r} → {english!r}")
    assert not wrong, "\n".join(wrong)


def access_keys(text: str) -> list[str]:
    """The letters after a single `&` (`&&` is a literal ampersand), lower-cased."""
    return [key.lower() for key in re.findall(r"&(.)", text, flags=re.DOTALL) if key != "&"]


# MainWindow's strings live in several menus at once: the running window's menus are checked one by one below.
MNEMONICS_CHECKED_LIVE = {"MainWindow"}


def test_english_access_keys_are_letters_and_stay_distinct(shipped: dict[tuple[str, str], ET.Element]) -> None:
    """An English mnemonic sits on a letter or digit, and two items of one window (context) whose Chinese keys differ
    get different English keys: the translation brings no key clash the Chinese window does not have."""
    wrong: list[str] = []
    by_context: dict[str, list[tuple[str, str, str, str]]] = {}
    for (context, source), t in shipped.items():
        english = t.text or ""
        wrong += [
            f"{context}: {english!r} puts its mnemonic on {key!r}"
            for key in access_keys(english)
            if not (key.isascii() and key.isalnum())
        ]
        zh, en = access_keys(source), access_keys(english)
        if zh and en and context not in MNEMONICS_CHECKED_LIVE:
            by_context.setdefault(context, []).append((source, english, zh[0], en[0]))
    for context, items in by_context.items():
        for i, (source, english, zh_key, en_key) in enumerate(items):
            for other_source, other_english, other_zh, other_en in items[i + 1 :]:
                if en_key == other_en and zh_key != other_zh:
                    wrong.append(
                        f"{context}: {english!r} and {other_english!r} share Alt+{en_key.upper()} ({source!r}, {other_source!r})"
                    )
    assert not wrong, "\n".join(wrong)


def _user_text_outside_tr(path: Path, translated: set[str]) -> list[str]:
    """Chinese string literals in `path` that lupdate did not collect and that are not known exceptions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))  # docstrings
        if isinstance(node, ast.Call):
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            inside: list[ast.AST] = []
            if func.endswith("Error"):  # SelfcheckError(zh, en): show_error picks the language
                inside = [*node.args, *(k.value for k in node.keywords)]
            inside += [k.value for k in node.keywords if k.arg in ("help", "description")]  # argparse, a console
            for sub in inside:
                skip.update(id(n) for n in ast.walk(sub))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = node.value
            if len(text) > 1 and CJK.search(text) and text not in translated:
                found.append(f"{path.relative_to(GUI)}:{node.lineno}: {text!r}")
    return found


# The printed inspection form is an official Chinese document, like the signed PDF; language names show in their own
# language.
NOT_TRANSLATED = {"print_report.py", "i18n.py"}


def test_no_chinese_text_is_hidden_from_lupdate(shipped: dict[tuple[str, str], ET.Element]) -> None:
    """A helper such as `_tr(text)` hides its literal from lupdate: the text would stay Chinese in the English UI."""
    translated = {source for _, source in shipped}
    hidden = [line for p in gui_sources() if p.name not in NOT_TRANSLATED for line in _user_text_outside_tr(p, translated)]
    assert not hidden, (
        'Chinese text that lupdate cannot see (wrap it as QCoreApplication.translate("Context", "literal") or '
        'self.tr("literal"), never through a helper or inside an f-string):\n' + "\n".join(hidden)
    )


# ---- (b) the shipped .qm is the compiled .ts --------------------------------------------------------------------


def test_the_qm_is_compiled_from_the_shipped_ts(tmp_path: Path) -> None:
    assert QM.exists(), f"{QM} is missing: {FIX}"
    compiled = tmp_path / "selfcheck_en.qm"
    run = subprocess.run(
        [str(tool("pyside6-lrelease")), "-silent", str(TS), "-qm", str(compiled)], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert compiled.read_bytes() == QM.read_bytes(), f"{QM.name} is older than {TS.name}: {FIX}"


# ---- (c) and (d) the running app -----------------------------------------------------------------------------------


def menu_texts(window: MainWindow) -> list[str]:
    texts: list[str] = []
    for action in window.menuBar().actions():
        texts.append(action.text())
        menu = action.menu()
        if isinstance(menu, QMenu):
            texts += [a.text() for a in menu.actions() if not a.isSeparator()]
    return texts


def tab_texts(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_english_main_window_then_chinese_again(qtbot, school_store: Store, back_to_chinese: None) -> None:  # type: ignore[no-untyped-def]
    assert i18n.install("en") == "en"
    assert i18n.current_language() == "en"
    window = MainWindow(school_store)
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "Se&ttings", "&Help"]
    assert tab_texts(window)[:2] == ["Home", "Rectification ledger"]
    chinese = [t for t in menu_texts(window) + tab_texts(window) if CJK.search(t)]
    assert not chinese, f"Chinese left in the English menus and tabs: {chinese}"
    for action in window.menuBar().actions():  # within one menu, each key opens one item
        menu = action.menu()
        if isinstance(menu, QMenu):
            keys = [m.group(1).lower() for a in menu.actions() if (m := MNEMONIC.search(a.text()))]
            assert len(keys) == len(set(keys)), f"menu {action.text()!r} repeats a mnemonic: {keys}"
    window.close()

    assert i18n.install("zh") == "zh"
    again = MainWindow(school_store)
    qtbot.addWidget(again)
    assert [a.text() for a in again.menuBar().actions()] == ["文件(&F)", "编辑(&E)", "查看(&V)", "设置(&T)", "帮助(&H)"]
    assert tab_texts(again)[:2] == ["首页", "整改台账"]
    assert QCoreApplication.translate("LedgerModel", "已销号") == "已销号"


def test_english_switches_module_level_texts(back_to_chinese: None) -> None:
    """Texts outside any widget class (ops, app, the ledger's statuses) follow the language too."""
    from selfcheck.core.ledger import Status

    i18n.install("en")
    assert Status.CLOSED.text(i18n.current_language()) == "Closed out"
    assert QCoreApplication.translate("ops", "操作未完成") == "Operation not completed"
    i18n.install("zh")
    assert Status.CLOSED.text(i18n.current_language()) == "已销号"


def test_chinese_is_the_default(qtbot, school_store: Store, back_to_chinese: None) -> None:  # type: ignore[no-untyped-def]
    assert i18n.saved_language() == "zh"  # a fresh QSettings (conftest): nothing saved
    assert i18n.install(i18n.saved_language()) == "zh"
    window = MainWindow(school_store)
    qtbot.addWidget(window)
    assert [a.text() for a in window.menuBar().actions()] == ["文件(&F)", "编辑(&E)", "查看(&V)", "设置(&T)", "帮助(&H)"]


def test_a_saved_english_setting_is_what_the_app_loads(back_to_chinese: None) -> None:
    from PySide6.QtCore import QSettings

    QSettings().setValue("language", "en")
    assert i18n.saved_language() == "en"
    assert i18n.install(i18n.saved_language()) == "en"
    assert QCoreApplication.translate("MainWindow", "整改台账") == "Rectification ledger"
    QSettings().setValue("language", "fr")  # not one we have: Chinese, never a half-translated mix
    assert i18n.saved_language() == "zh"

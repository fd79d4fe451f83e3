"""The frozen app: build build.spec with PyInstaller once, then prove the one folder is complete and small.

The build (40 s to 3 minutes on 2 cores) lands in build/dist/selfcheck; SELFCHECK_FROZEN_REUSE=1 reuses it.
Then: its size, `selfcheck-cli --version`, a whole inspection through the frozen CLI ending in a signed
report that the frozen CLI and poppler's pdfsig both verify (so the checklists, the fonts and the signing
stack are inside), what is in the folder and what is not, and the desktop app starting offscreen. The icon
and the version resource are checked without a build.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from selfcheck import __version__
from tests.reports.images import seal, signature
from tests.reports.test_document import assert_archive_metadata

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "build" / "dist"
WORK = ROOT / "build" / "work"
APP = DIST / "selfcheck"
EXE = ".exe" if sys.platform == "win32" else ""
LIMIT = 170 * 1000 * 1000  # bytes, as `du -sb` counts them: the whole folder (165.1 MB when written; ~168.9 with the Kai)
PASSPHRASE = "城关一小-打包测试"


def folder_size(path: Path) -> int:
    """What `du -sb` prints: the apparent size of every file, link and folder, each inode once."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for entry in [path, *path.rglob("*")]:
        st = entry.lstat()
        if (st.st_dev, st.st_ino) not in seen:
            seen.add((st.st_dev, st.st_ino))
            total += st.st_size
    return total


@pytest.fixture(scope="module")
def app() -> Iterator[Path]:
    """Build the one-folder app once for this module; a failed build fails every test here with its log."""
    pytest.importorskip(
        "PyInstaller", reason="PyInstaller is not installed (it comes with the dev extras: pip install -e .[dev])"
    )
    if os.environ.get("SELFCHECK_FROZEN_REUSE") and (APP / f"selfcheck-cli{EXE}").is_file():
        yield APP  # while working on these tests: reuse the last build (CI never sets this)
        return
    shutil.rmtree(APP, ignore_errors=True)
    proc = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "build.spec", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(WORK)],
        cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, f"pyinstaller build.spec failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-8000:]}"
    yield APP


def frozen(app: Path, *args: str | Path, data: Path | None = None, code: int = 0, env: dict[str, str] | None = None) -> str:
    """Run the frozen CLI; check its exit code and that no traceback leaks; return stdout."""
    argv = [str(app / f"selfcheck-cli{EXE}")]
    if data is not None:
        argv += ["--data-dir", str(data)]
    argv += [str(a) for a in args]
    proc = subprocess.run(
        argv, capture_output=True, text=True, encoding="utf-8", env=env or dict(os.environ), timeout=300, check=False
    )
    shown = f"$ selfcheck-cli {' '.join(map(str, args))}\n--- exit {proc.returncode}\n{proc.stdout}\n--- stderr\n{proc.stderr}"
    log = data / "logs" / "error.log" if data is not None else None
    if log is not None and log.is_file():  # an internal error: the traceback is in the log, not on stderr
        shown += f"\n--- {log}\n{log.read_text(encoding='utf-8')[-6000:]}"
    assert "Traceback" not in proc.stdout + proc.stderr, shown
    assert proc.returncode == code, shown
    return proc.stdout


def answers_for(template: dict[str, Any]) -> list[dict[str, Any]]:
    """An answer for every item and adjustment of `template show --json`, none of them triggering a veto."""
    answers: list[dict[str, Any]] = []
    for section in template["sections"]:
        for n, item in enumerate(section["items"]):
            answer: dict[str, Any] = {"item": item["id"], "note": "已核查：资料齐全"}
            kind = item["type"]
            if kind == "choice":
                veto = set(item["veto_options"] or [])
                options = [o for o in item["options"] if not o["not_applicable"] and o["key"] not in veto]
                answer["option"] = options[n % len(options)]["key"]  # not all top marks: the report shows problems too
            elif kind == "score":
                answer["value"] = item["points"]
            elif kind == "deduction":
                answer["value"] = 0
            elif kind == "number":
                answer["value"] = 12
            elif kind == "text":
                answer["value"] = "已按要求落实"
            elif kind == "date":
                answer["value"] = "2026-09-01"
            else:
                raise AssertionError(f"unknown item type {kind}")
            answers.append(answer)
    answers += [{"item": adjustment["id"], "value": 0} for adjustment in template["adjustments"]]
    return answers


# ---- the folder ------------------------------------------------------------------------------------------


def test_the_whole_folder_is_under_170_mb(app: Path) -> None:
    """The issue's figure, on the whole folder as `du -sb` counts it (links not followed)."""
    total = folder_size(app)
    print(f"frozen app: {total} bytes ({total / 1e6:.1f} MB) as `du -sb` counts it")
    assert total < LIMIT, f"{app} is {total / 1e6:.1f} MB, over the {LIMIT / 1e6:.0f} MB limit"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the system-library filter is for Linux builds")
def test_linux_takes_the_base_system_libraries_from_the_system(app: Path) -> None:
    """build.spec leaves the desktop's own libraries (X11/xcb, GL, fontconfig, GLib, D-Bus, libstdc++, OpenSSL,
    ...) to the system, but never what a wheel vendors: PySide6's Qt and ICU, Pillow's pillow.libs. The
    frozen programs running in the tests below is the proof that the system provides what was left out."""
    internal = app / "_internal"
    stems = {p.name.split(".so", 1)[0] for p in internal.rglob("*.so*")}
    for system in ("libX11", "libxcb-cursor", "libxkbcommon", "libfontconfig", "libfreetype", "libglib-2.0",
                   "libdbus-1", "libsystemd", "libstdc++", "libgcc_s", "libz", "libexpat", "libssl", "libcrypto"):  # fmt: skip
        assert system not in stems, f"{system} is bundled; build.spec should leave it to the system"
    for own in ("libQt6Core", "libQt6Gui", "libQt6Widgets", "libQt6DBus", "libicudata", "libicuuc", "libicui18n",
                "libpython3", "libsqlite3", "libffi"):  # fmt: skip
        assert any(stem.startswith(own) for stem in stems), f"{own} is missing from the frozen app"
    assert any(p.name.startswith("libxcb-") for p in (internal / "pillow.libs").iterdir())  # Pillow's own copy stays


def test_it_holds_what_the_app_needs_and_not_what_it_does_not(app: Path) -> None:
    internal = app / "_internal"
    assert (app / f"selfcheck{EXE}").is_file() and (app / f"selfcheck-cli{EXE}").is_file()
    shipped = sorted(p.name for p in (ROOT / "checklists").glob("*.yaml"))
    assert sorted(p.name for p in (internal / "checklists").glob("*.yaml")) == shipped
    for font in (ROOT / "resources" / "fonts").iterdir():
        assert (internal / "resources" / "fonts" / font.name).read_bytes() == font.read_bytes(), font.name
    assert (internal / "resources" / "icons" / "selfcheck.ico").is_file()
    assert (internal / "resources" / "icons" / "selfcheck.png").is_file()
    assert (internal / "docs" / "用户指南.md").read_bytes() == (ROOT / "docs" / "用户指南.md").read_bytes()  # F1
    for png in (ROOT / "docs" / "screenshots").glob("*.png"):
        assert (internal / "docs" / "screenshots" / png.name).is_file(), png.name
    for qm in (ROOT / "resources" / "i18n").glob("*.qm"):
        assert (internal / "resources" / "i18n" / qm.name).is_file(), qm.name

    qt = internal / "PySide6" / "Qt"
    assert sorted(p.name for p in (qt / "translations").iterdir()) == ["qtbase_en.qm", "qtbase_zh_CN.qm"]
    plugins = {f"{p.parent.name}/{p.name}" for p in (qt / "plugins").rglob("*") if p.is_file()}
    allowed = re.compile(r"(platforms/(lib)?q(offscreen|minimal|xcb|windows)|imageformats/(lib)?q(jpeg|ico)|styles/.*)\.(so|dll)")
    assert plugins and all(allowed.fullmatch(p) for p in plugins), sorted(plugins)
    assert any(p.startswith("platforms/") and "offscreen" in p for p in plugins)
    names = {p.name.split(".")[0] for p in internal.rglob("*")}
    for absent in ("pytest", "_pytest", "hypothesis", "mypy", "pip", "setuptools", "tkinter", "_tkinter", "lxml",
                   "QtNetwork", "QtQml", "QtQuick", "QtSvg", "libQt6Qml", "libQt6Quick", "libQt6Network"):  # fmt: skip
        assert absent not in names, f"{absent} is in the frozen app"


def test_version(app: Path) -> None:
    assert frozen(app, "--version").strip() == f"selfcheck {__version__}"


# ---- a whole inspection through the frozen CLI ---------------------------------------------------------


def test_frozen_cli_exports_a_signed_report_that_verifies(app: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "SELFCHECK_PASSPHRASE": PASSPHRASE}
    (tmp_path / "sig.png").write_bytes(signature())
    (tmp_path / "seal.png").write_bytes(seal())
    frozen(app, "school", "set", "--name", "城关第一小学", "--code", "3412345678", "--principal", "张明",
           "--signature-image", tmp_path / "sig.png", "--seal-image", tmp_path / "seal.png", data=data)  # fmt: skip
    frozen(app, "keys", "init", data=data, env=env)
    cert = tmp_path / "school.pem"
    frozen(app, "keys", "export-cert", "--out", cert, data=data)

    # the built-in checklists come from inside the folder
    listed = json.loads(frozen(app, "template", "list", "--json", data=data))
    assert {t["template_id"] for t in listed} == {p.stem for p in (ROOT / "checklists").glob("*.yaml")}
    template = json.loads(frozen(app, "template", "show", "wuchawukan", "--json", data=data))
    out = frozen(app, "inspection", "new", "--template", "wuchawukan", "--period", "2026年秋季学期",
                 "--inspector", "李华", "--inspector", "王芳", data=data)  # fmt: skip
    inspection = out.strip().splitlines()[-1]
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": answers_for(template)}, ensure_ascii=False), encoding="utf-8")
    frozen(app, "inspection", "answer", inspection, "--file", answers, data=data)
    shown = json.loads(frozen(app, "inspection", "show", inspection, "--json", data=data))
    items = sum(len(s["items"]) for s in template["sections"])
    assert shown["progress"] == {"answered": items, "total": items}
    assert shown["grade"] and shown["points"] > 0
    frozen(app, "inspection", "raise-problems", inspection, data=data)
    frozen(app, "inspection", "complete", inspection, data=data)

    stick = tmp_path / "U盘"
    stick.mkdir()
    exported = json.loads(frozen(app, "report", "export", inspection, "--out", stick, "--json", data=data, env=env))
    pdf = Path(exported["path"])
    assert exported["signed"] and pdf.parent == stick and pdf.suffix == ".pdf"
    assert [p.name for p in stick.iterdir()] == [pdf.name]
    assert_archive_metadata(pdf, "城关第一小学")  # the frozen app, without lxml, writes the same XMP packet

    # the bureau's side, with the same frozen program
    checked = json.loads(frozen(app, "report", "verify", pdf, "--trust", cert, "--json"))
    assert [(c["ok"], c["school"], c["fingerprint"]) for c in checked] == [(True, "城关第一小学", exported["fingerprint"])]
    embedded = json.loads(frozen(app, "report", "data", pdf, "--trust", cert, "--json"))
    assert embedded["school"]["code"] == "3412345678"
    # a changed byte is refused
    tampered = tmp_path / "tampered.pdf"
    raw = bytearray(pdf.read_bytes())
    raw[len(raw) // 3] ^= 0x01
    tampered.write_bytes(bytes(raw))
    refused = json.loads(frozen(app, "report", "verify", tampered, "--trust", cert, "--json", code=1))
    assert refused[0]["ok"] is False

    # and independently of selfcheck, with poppler
    if shutil.which("pdfsig") is None:
        pytest.skip("poppler-utils (pdfsig) is not installed: the frozen CLI verified the report, pdfsig did not")
    sig = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True, timeout=120, check=False).stdout
    assert "Signature Validation: Signature is Valid." in sig and "Total document signed" in sig, sig
    assert "Signature #2" not in sig
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, timeout=120, check=False).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(" yes " in row for row in rows), fonts  # every font embedded: the bundled CJK fonts were found


# ---- the desktop app -------------------------------------------------------------------------------------


def _gui_has_smoke_test() -> bool:
    app_py = ROOT / "selfcheck" / "gui" / "app.py"
    return app_py.is_file() and "--smoke-test" in app_py.read_text(encoding="utf-8")


def test_frozen_gui_starts_offscreen(app: Path, tmp_path: Path) -> None:
    """`selfcheck --smoke-test`: start, show the main window with an inspection open, paint, quit with 0;
    then the same through `selfcheck-cli start`."""
    data = tmp_path / "data"
    frozen(app, "school", "set", "--name", "城关第一小学", "--code", "3412345678", "--principal", "张明", data=data)
    out = frozen(app, "inspection", "new", "--template", "wuchawukan", "--period", "2026年秋季学期", data=data)
    inspection = out.strip().splitlines()[-1]
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # QSettings: keep the tester's own settings out of it
        "HOME": str(tmp_path),
    }
    proc = subprocess.run(
        [str(app / f"selfcheck{EXE}"), "--data-dir", str(data), "--smoke-test", "--open", inspection],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    shown = f"exit {proc.returncode}\n--- stdout\n{proc.stdout[-3000:]}\n--- stderr\n{proc.stderr[-6000:]}"
    if proc.returncode != 0 and not _gui_has_smoke_test():
        pytest.xfail("selfcheck/gui/app.py with main() and a --smoke-test flag is not there yet (the lead is writing it)")
    assert proc.returncode == 0, shown
    assert "Traceback" not in proc.stdout + proc.stderr, shown
    log = data / "logs" / "error.log"
    assert not log.exists(), log.read_text(encoding="utf-8")
    # the console program opens the same window (`selfcheck-cli start`)
    frozen(app, "start", "--smoke-test", data=data, env=env)


# ---- without a build ---------------------------------------------------------------------------------------


def test_the_icon_holds_every_size_as_png() -> None:
    ico = (ROOT / "resources" / "icons" / "selfcheck.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for n in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * n)
        blob = ico[offset : offset + length]
        assert blob.startswith(b"\x89PNG\r\n\x1a\n") and len(blob) == length
        side = width or 256
        assert (side, height or 256, planes, bits) == (side, side, 1, 32)
        assert struct.unpack(">II", blob[16:24]) == (side, side)  # the PNG's own IHDR agrees
        sizes.append(side)
    assert sorted(sizes) == [16, 24, 32, 48, 64, 128, 256]


def _load_version_script() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("version_info", ROOT / "scripts" / "version_info.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_version_resource_follows_the_package(tmp_path: Path) -> None:
    """The file PyInstaller turns into the Windows version resource, read the way PyInstaller reads it (eval)."""
    version_info = _load_version_script()
    assert version_info.numeric("1.2.0rc1") == (1, 2, 0, 0)
    path = version_info.write(tmp_path / "v.txt", "selfcheck-cli")
    calls: dict[str, list[Any]] = {}

    def record(name: str) -> Any:
        def make(*args: Any, **kwargs: Any) -> dict[str, Any]:
            calls.setdefault(name, []).append((args, kwargs))
            return {"type": name, "args": args, "kwargs": kwargs}

        return make

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo", "VarStruct")
    eval(path.read_text(encoding="utf-8"), {name: record(name) for name in names})
    parts = tuple(int(p) for p in __version__.split(".")[:3])
    assert calls["FixedFileInfo"][0][1]["filevers"][:3] == parts
    strings = {args[0]: args[1] for args, _ in calls["StringStruct"]}
    assert strings["FileVersion"] == __version__ and strings["OriginalFilename"] == "selfcheck-cli.exe"
    tables = [args[0] for args, _ in calls["StringTable"]]
    assert tables == ["080404B0", "040904B0"]  # Simplified Chinese, then English; both Unicode
    companies = [args[1] for args, _ in calls["StringStruct"] if args[0] == "CompanyName"]
    assert any("学校自查" in c for c in companies) and any(c.isascii() for c in companies)

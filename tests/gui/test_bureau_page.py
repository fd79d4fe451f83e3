"""The bureau's intake screen driven as a person would: a stick with signed reports of three schools and a foreign
PDF, the schools' certificates, the workbook; cancelling; the choices checked before anything runs."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from selfcheck.core.checklist_file import read_checklist
from selfcheck.gui import ops
from selfcheck.gui.pages import bureau_page
from selfcheck.gui.pages.bureau_page import BureauPage
from selfcheck.reports import service
from selfcheck.storage import Store
from tests.gui.conftest import listen

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"
PASS = "县局汇总-测试口令"
PERIOD = "2026年秋季学期"


def text(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    assert item is not None, f"no cell at {row}, {col}"
    return item.text()


SCHOOLS = [("城关第一小学", "3412000001"), ("城关第二小学", "3412000002"), ("河口中学", "3412000003")]


@dataclass
class Stick:
    root: Path
    certs: Path


def _foreign_pdf(text: str) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def stick(tmp_path_factory: pytest.TempPathFactory) -> Stick:
    """Three schools export signed reports with the report service, as a school's app does; one stray invoice."""
    tmp = tmp_path_factory.mktemp("bureau")
    root = tmp / "U盘"
    certs = tmp / "证书"
    certs.mkdir()
    for k, (name, code) in enumerate(SCHOOLS):
        folder = root / f"乡镇{k}"
        folder.mkdir(parents=True)
        # the small test checklist, not a shipped one: each report is laid out, signed and verified on export
        with Store.open(tmp / "schools" / code, install_builtins=False) as store:
            store.install_checklist(read_checklist(MINI), "test")
            store.set_school(name, code, "校长")
            service.init_keys(store, PASS)
            inspection = store.new_inspection("mini", PERIOD, ["李华"])
            store.save_answer(inspection.id, "s1.study", "yes" if k != 1 else "no", note="学习记录不全")
            store.save_answer(inspection.id, "s2.fees", value=k)
            service.export(store, inspection.id, folder, passphrase=PASS)
            (certs / f"{code}.pem").write_bytes(service.certificate(store)[0])
    (root / "发票.pdf").write_bytes(_foreign_pdf("Invoice 2026-11"))
    return Stick(root, certs)


@pytest.fixture
def page(school_store: Store, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[BureauPage]:
    shown: list[BaseException] = []
    monkeypatch.setattr(bureau_page, "show_error", lambda parent, exc, title=None: shown.append(exc))
    monkeypatch.setattr(ops, "show_error", lambda parent, exc, title=None: shown.append(exc))
    widget = listen(BureauPage(school_store))
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    assert not widget.busy, "a run was left going"


def choose(page: BureauPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, source: Path, trust: Path | None, out: Path) -> None:
    """Pick the folder, the certificates and the output through the page's buttons, answering each file dialog."""
    folders = [source] + ([trust] if trust is not None else [])
    monkeypatch.setattr(bureau_page, "ask_folder", lambda parent, title, start: folders.pop(0))
    monkeypatch.setattr(bureau_page, "ask_save_path", lambda parent, suggested: out)
    qtbot.mouseClick(page.add_folder_button, Qt.MouseButton.LeftButton)
    if trust is not None:
        qtbot.mouseClick(page.trust_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.out_button, Qt.MouseButton.LeftButton)
    assert folders == []


def test_collect_a_stick_shows_schools_and_rejected_files_and_writes_the_workbook(
    page: BureauPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, stick: Stick, tmp_path: Path
) -> None:
    out = tmp_path / "汇总.xlsx"
    choose(page, qtbot, monkeypatch, stick.root, stick.certs, out)
    assert page.source_paths() == [stick.root] and page.trust_edit.text() == str(stick.certs)
    seen: list[tuple[int, int]] = []
    page.progress.valueChanged.connect(lambda v: seen.append((v, page.progress.maximum())))

    with qtbot.waitSignal(page.collected, timeout=60_000):
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
        assert page.busy and page.cancel_button.isEnabled() and not page.start_button.isEnabled()

    assert page.progress.maximum() == 4 and page.progress.value() == 4  # three reports and the invoice
    assert seen[-1] == (4, 4) and [v for v, _ in seen] == sorted(v for v, _ in seen)
    schools = page.schools
    assert schools.rowCount() == 3
    rows = {text(schools, r, 0): [text(schools, r, c) for c in range(schools.columnCount())] for r in range(3)}
    assert set(rows) == {name for name, _ in SCHOOLS}
    first = rows["城关第一小学"]
    assert first[1] == "3412000001" and first[3] == PERIOD and first[2] == "测试用小检查表 1.0"
    assert rows["城关第二小学"][6] and rows["城关第二小学"][4] != first[4]  # a grade; "no" scores lower
    assert first[8] == "已验证（受信任证书）"
    assert page.rejected.rowCount() == 1
    assert text(page.rejected, 0, 0) == "发票.pdf"
    assert text(page.rejected, 0, 1)  # the reason
    assert page.results.tabText(0) == "学校（3）" and page.results.tabText(1) == "未采用的文件（1）"
    assert "采用 3 份报告" in page.status.text()

    assert out.is_file()
    book = openpyxl.load_workbook(out, read_only=True)
    summary = [str(v) for row in book["汇总"].iter_rows(values_only=True) for v in row if v is not None]
    assert all(any(name in v for v in summary) for name, _ in SCHOOLS)
    rejected = [str(v) for row in book["未采用的文件"].iter_rows(values_only=True) for v in row if v is not None]
    assert "发票.pdf" in rejected
    book.close()

    opened: list[Path] = []
    monkeypatch.setattr(bureau_page, "open_path", opened.append)
    assert page.open_button.isEnabled()
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
    assert opened == [out, out.parent]

    # a second run over the same output asks before replacing it; No leaves the file alone
    asked: list[str] = []

    def refuse(parent: Any, title: str, text: str) -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(bureau_page, "confirm", refuse)
    page.out_edit.setText(str(out))
    page.out_edit.textEdited.emit(str(out))  # typed by hand: the save dialog did not ask
    stamp = out.stat().st_mtime_ns
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and str(out) in asked[0]
    assert not page.busy and out.stat().st_mtime_ns == stamp


def test_cancel_stops_without_writing(page: BureauPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    for n in range(12):
        (folder / f"文件{n:02d}.pdf").write_bytes(_foreign_pdf(f"not a report {n}"))
    out = tmp_path / "汇总.xlsx"
    choose(page, qtbot, monkeypatch, folder, None, out)

    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    assert "已取消" in page.status.text()
    assert not out.exists()
    assert page.start_button.isEnabled() and not page.open_button.isEnabled()


def test_choices_are_checked_before_anything_runs(
    page: BureauPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert not page.busy and "请先添加" in page.status.text()

    monkeypatch.setattr(bureau_page, "ask_files", lambda parent, start: [tmp_path / "a.pdf", tmp_path / "b.pdf"])
    qtbot.mouseClick(page.add_files_button, Qt.MouseButton.LeftButton)
    assert page.source_paths() == [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    page.sources.item(0).setSelected(True)
    qtbot.mouseClick(page.remove_source_button, Qt.MouseButton.LeftButton)
    assert page.source_paths() == [tmp_path / "b.pdf"]

    page.out_edit.clear()
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert not page.busy and "保存位置" in page.status.text()

    # a path that does not exist: the intake's own error, shown on the page, the page ready again
    page.out_edit.setText(str(tmp_path / "汇总"))
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.out_edit.text().endswith("汇总.xlsx")
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    assert "b.pdf" in page.status.text() or "没有找到" in page.status.text() or "不存在" in page.status.text()
    assert not (tmp_path / "汇总.xlsx").exists()

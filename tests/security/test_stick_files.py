"""What comes on a stick is hostile until checked: files that are not files, files too big, and PDFs built to
exhaust the parser. Each is refused with a one-line reason, and nothing blocks or runs away."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from selfcheck.core.stickfile import REPORT_CAP, read_stick_file
from selfcheck.errors import RuleError
from selfcheck.reports import service
from selfcheck.reports.verify import MAX_OBJECTS, verify
from tests.cli.helpers import run_cli
from tests.security import hostile

UNDER_CAP = REPORT_CAP - 64 * 1024


def finishes(fn, seconds: float = 20.0):  # type: ignore[no-untyped-def]
    """Run `fn` in a thread; fail (instead of hanging the suite) if it does not return in time."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as e:  # handed back to the test's thread
            box["error"] = e

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blocked"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]


@pytest.mark.parametrize(
    ("build", "code"),
    [
        (lambda: hostile.huge_number_array(UNDER_CAP), "too_complex"),  # was 48 s and 1.1 GB at 8 MB
        (lambda: hostile.huge_dictionary(UNDER_CAP), "too_complex"),  # was 8 s and 400 MB at 8 MB
        (lambda: hostile.many_objects(MAX_OBJECTS + 1), "too_complex"),
        (lambda: hostile.huge_content_stream(UNDER_CAP), "not_signed"),  # never parsed: harmless
        (lambda: hostile.deep_arrays(100_000), "unreadable"),
    ],
)
def test_a_pdf_built_to_exhaust_the_parser_is_refused(build, code: str) -> None:  # type: ignore[no-untyped-def]
    data = build()
    assert len(data) <= REPORT_CAP
    result = finishes(lambda: verify(data))
    assert result.ok is False and result.code == code, result.reason_en
    assert "\n" not in result.reason_en and result.reason_zh


def test_a_file_over_the_cap_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    with big.open("wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.truncate(REPORT_CAP + 1)
    checked = service.verify_file(big, [])
    assert not checked.ok and "too large" in checked.reason_en and "16 MB" in checked.reason_en


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "report.pdf"
    os.mkfifo(fifo)
    checked = finishes(lambda: service.verify_file(fifo, []))
    assert not checked.ok and "not a regular file" in checked.reason_en


def test_a_link_to_dev_zero_is_not_followed(tmp_path: Path) -> None:
    link = tmp_path / "report.pdf"
    link.symlink_to("/dev/zero")
    checked = finishes(lambda: service.verify_file(link, []))
    assert not checked.ok and "symbolic link" in checked.reason_en


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_not_read() -> None:
    with pytest.raises(RuleError, match="not a regular file"):
        finishes(lambda: read_stick_file("/dev/zero", REPORT_CAP))


def test_a_folder_is_named_as_one(tmp_path: Path) -> None:
    checked = service.verify_file(tmp_path, [])
    assert not checked.ok and "folder" in checked.reason_en


def test_the_cli_says_it_in_one_line(tmp_path: Path) -> None:
    fifo = tmp_path / "report.pdf"
    os.mkfifo(fifo)
    result = run_cli("report", "verify", fifo, data_dir=tmp_path / "data", check_code=1)  # and no traceback
    assert "not a regular file" in result.stdout + result.stderr


def test_a_workbook_part_declared_in_utf7_is_refused(tmp_path: Path) -> None:
    """Before: the byte scan for DOCTYPE missed "+ADw-!DOCTYPE", which a parser honouring encoding="UTF-7" reads
    as "<!DOCTYPE"."""
    from tests.exchange.test_excel_checklist import errors_of, rewrite, simple

    def utf7(data: bytes) -> bytes:
        body = data.partition(b"?>")[2] or data
        return b'<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE x +AFs-+ADw-!ENTITY a +ACI-aaaa+ACI-+AD4-+AF0-+AD4-' + body

    bad = rewrite(simple(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", {"xl/worksheets/sheet1.xml": utf7})
    text = "\n".join(errors_of(bad))
    assert "UTF-7" in text and "not UTF-8" in text


def test_a_deflate_bomb_in_an_xref_stream_is_stopped() -> None:
    """A 1 GB cross-reference stream packed into about a megabyte: pyHanko inflates at most MAX_DECODED for us."""
    data = hostile.xref_stream_bomb(1024 * 1024 * 1024)
    assert len(data) < 2 * 1024 * 1024
    result = finishes(lambda: verify(data))
    assert result.ok is False and result.code == "too_complex", result.reason_en


def test_verifying_in_several_threads_at_once() -> None:
    """The GUI verifies on worker threads: one thread's hostile file must not make another's genuine report "too
    complex", and pyHanko's log levels come back as they were."""
    import logging
    from concurrent.futures import ThreadPoolExecutor

    from tests.reports.test_signing import school_identity, signed_report

    genuine, hostile_pdf = signed_report(), hostile.huge_number_array(4 * 1024 * 1024)
    trusted = [school_identity().cert_pem]
    before = logging.getLogger("pyhanko").level
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda pdf: verify(pdf, trusted).code, [hostile_pdf, genuine] * 4))
    assert results == ["too_complex", "ok"] * 4
    assert logging.getLogger("pyhanko").level == before

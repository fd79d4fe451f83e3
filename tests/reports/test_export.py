"""Export to a USB stick: names valid on FAT32/exFAT/NTFS, collision numbering, and a write that is whole or absent.

The OS failures (disk full, read-only, stick pulled out, I/O error) are simulated by monkeypatching the os calls the
writer makes, so the tests run anywhere (also as root, where chmod stops nothing). One test hits a REAL ENOSPC and
one a REAL EROFS on a 64 KiB tmpfs; they are skipped where mounting is not permitted.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from selfcheck.errors import ConflictError, NotFoundError, SelfcheckError
from selfcheck.reports import export
from selfcheck.reports.export import ExportError, safe_filename, target_path, write_atomic

SCHOOL, PERIOD, TITLE = "城关第一小学", "2026年秋季学期", "五查五看自查表"
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"

# ---- an independent statement of the rules -----------------------------------------------------------------------

WINDOWS_DEVICE = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)", re.IGNORECASE)


def name_problems(name: str) -> list[str]:
    """Every reason `name` would be refused, or be unsafe, on a FAT32/exFAT/NTFS stick used on Windows."""
    problems = []
    if not name:
        return ["empty"]
    if not name.endswith(".pdf"):
        problems.append("no .pdf extension")
    if set(name) <= {".", " "}:
        problems.append("only dots and spaces")
    for c in name:
        if c in '<>:"/\\|?*':
            problems.append(f"forbidden character {c!r}")
        if ord(c) < 32 or 127 <= ord(c) < 160:
            problems.append(f"control character {ord(c):#x}")
        if 0xD800 <= ord(c) <= 0xDFFF:
            problems.append(f"lone surrogate {ord(c):#x}")
    if name[-1] in ". ":
        problems.append("trailing dot or space")
    # Windows takes the part before the first dot, trailing spaces dropped, as the device name
    if WINDOWS_DEVICE.fullmatch(name.split(".", 1)[0].rstrip(" ")):
        problems.append("reserved device name")
    if len(name) > 120:
        problems.append(f"{len(name)} characters")
    try:
        if len(name.encode("utf-8")) > 240:
            problems.append("more than 240 UTF-8 bytes")
        if len(name.encode("utf-16-le")) // 2 > 255:
            problems.append("more than 255 UTF-16 units")
    except UnicodeEncodeError:
        problems.append("not encodable")
    if name.startswith("."):
        problems.append("hidden (leading dot)")
    return problems


def test_the_validator_can_fail() -> None:
    """Guard the guard: each rule of the validator does refuse."""
    bad = ["", "CON.pdf", "con.x.pdf", "COM1 .pdf", "LPT9.pdf", "nul.pdf", "a:b.pdf", "a/b.pdf", "a\\b.pdf",
           "a?.pdf", "a*.pdf", 'a".pdf', "a<.pdf", "a>.pdf", "a|.pdf", "a\x00.pdf", "a\x1f.pdf", "a.pdf.", "a.pdf ",
           "...", "x" * 117 + ".pdf", "学" * 80 + ".pdf", "a.txt", ".pdf", "a\ud800.pdf"]  # fmt: skip
    for name in bad:
        assert name_problems(name), name
    for name in ["CONSOLE.pdf", "com10.pdf", "x" * 116 + ".pdf", "学" * 78 + ".pdf", "a .pdf", "..a.b.pdf"[2:]]:
        assert name_problems(name) == [], name


# ---- safe_filename ------------------------------------------------------------------------------------------------

HOSTILE = {
    "CON": "CON",
    "con.pdf": "con.pdf",
    "COM1": "COM1",
    "lpt9.txt": "lpt9.txt",
    "a/b": "a/b",
    "dotdot-backslash": "..\\x",
    "300 chars": "x" * 300,
    "300 Chinese": "学" * 300,
    "301 chars": "x" * 301,
    "trailing dot": "城关一小.",
    "trailing dots and spaces": "城关一小. . ",
    "only dots": "...",
    "one dot": ".",
    "only spaces": "   ",
    "empty": "",
    "control chars": "a\x00b\x1f\x7fc",
    "line break": "城关\n一小",
    "tab": "城关\t一小",
    "emoji": "🏫学校👨‍👩‍👧",
    "full-width punctuation": "五查五看：自查表？（试行）",
    "all forbidden": '<>:"/\\|?*',
    "bidi override": "\u202efdp.exe",
    "surrogate": "a\ud800b",
    "ideographic spaces": "\u3000城关一小\u3000",
}
# Inputs that are the same name by design (one shown where the other is meant): blank means "left out".
SAME_BY_DESIGN = [{"only spaces", "empty"}]


@pytest.mark.parametrize("position", [0, 1, 2], ids=["school", "period", "checklist"])
@pytest.mark.parametrize("key", list(HOSTILE))
def test_a_hostile_part_gives_a_valid_name(key: str, position: int) -> None:
    parts = [SCHOOL, PERIOD, TITLE]
    parts[position] = HOSTILE[key]
    name = safe_filename(*parts)
    assert name_problems(name) == [], name
    assert name_problems(name[: -len(".pdf")] + " (9999).pdf") == [], name  # room left for the numbering
    assert safe_filename(*parts) == name  # deterministic


@pytest.mark.parametrize("position", [0, 1, 2], ids=["school", "period", "checklist"])
def test_hostile_parts_give_distinct_names(position: int) -> None:
    names: dict[str, list[str]] = {}
    for key, value in HOSTILE.items():
        parts = [SCHOOL, PERIOD, TITLE]
        parts[position] = value
        names.setdefault(safe_filename(*parts).casefold(), []).append(key)  # the stick ignores case
    clashes = [set(keys) for keys in names.values() if len(keys) > 1]
    assert all(c in SAME_BY_DESIGN for c in clashes), clashes


def test_the_issue_cases_are_valid_and_distinct_in_every_part() -> None:
    cases = ["CON", "a/b", "..\\x", "x" * 300, "trailing."]
    names = {safe_filename(c, c, c) for c in cases}
    assert len(names) == len(cases)
    assert all(name_problems(n) == [] for n in names), names


def test_the_plain_name_is_kept_as_is() -> None:
    assert safe_filename(SCHOOL, PERIOD, TITLE) == "城关第一小学_2026年秋季学期_五查五看自查表.pdf"
    assert safe_filename("城关一小", "2026年秋", "安全/卫生: 检查?") == "城关一小_2026年秋_安全／卫生： 检查？.pdf"
    assert safe_filename(" 城关一小 ", "2026年秋", "表") == "城关一小_2026年秋_表.pdf"


def test_samples() -> None:
    assert safe_filename("CON", "", "") == "_CON.pdf"
    assert safe_filename("", "", "") == "自查报告.pdf"
    assert safe_filename("a/b", PERIOD, TITLE) == "a／b_2026年秋季学期_五查五看自查表.pdf"
    name = safe_filename("..\\x", PERIOD, TITLE)
    assert re.fullmatch(r"＼x~[0-9a-f]{6}_2026年秋季学期_五查五看自查表\.pdf", name), name
    name = safe_filename("城关一小.", PERIOD, TITLE)
    assert re.fullmatch(r"城关一小~[0-9a-f]{6}_2026年秋季学期_五查五看自查表\.pdf", name), name


def test_long_parts_are_cut_evenly_and_marked() -> None:
    name = safe_filename("x" * 300, "y" * 300, "学" * 300)
    assert name_problems(name) == []
    school, period, title = name[: -len(".pdf")].split("_")
    for part, ch in ((school, "x"), (period, "y"), (title, "学")):
        assert re.fullmatch(re.escape(ch) + r"+…~[0-9a-f]{6}", part), part
    assert len(school) == len(period) == len(title)
    # a short part is not cut to make room for a long one's share
    name = safe_filename(SCHOOL, PERIOD, "学" * 300)
    assert name.startswith(f"{SCHOOL}_{PERIOD}_学学") and "…~" in name and name_problems(name) == []


def test_the_suffix_is_checked() -> None:
    assert safe_filename(SCHOOL, PERIOD, TITLE, suffix=".json").endswith("五查五看自查表.json")
    for bad in ["pdf", ".", ".p/f", ".pdf ", ""]:
        with pytest.raises(ValueError):
            safe_filename(SCHOOL, PERIOD, TITLE, suffix=bad)


ANY_CHAR = st.characters(codec=None, exclude_categories=())  # surrogates and controls included
HOSTILE_CHARS = st.sampled_from(list('<>:"/\\|?*. \x00\x1f\x7f\u3000\u200d\u202e\ufeff\ufffe\ud83d~_…') + ["CON", "com1", "😀"])
PART = st.one_of(
    st.text(ANY_CHAR, max_size=400),
    st.lists(st.one_of(HOSTILE_CHARS, ANY_CHAR), max_size=60).map("".join),
)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PART, PART, PART)
@example("CON", "", "")
@example("con .txt", "", "")
@example(".", " ", "..")
@example("\ud800", "\udfff", "\x00")
@example("COM¹", "", "")
@example("x" * 5000, "学" * 5000, "😀" * 5000)
def test_any_text_gives_a_valid_name(school: str, period: str, checklist: str) -> None:
    name = safe_filename(school, period, checklist)
    assert name_problems(name) == [], (name, school, period, checklist)
    assert name_problems(name[: -len(".pdf")] + " (9999).pdf") == []
    assert safe_filename(school, period, checklist) == name


@settings(max_examples=300, deadline=None)
@given(st.text(ANY_CHAR, max_size=40), st.text(ANY_CHAR, max_size=40))
def test_a_school_whose_name_needed_repair_does_not_take_another_schools_name(a: str, b: str) -> None:
    """Two schools get the same name only when both are the same text up to spacing at the ends, NFC and the
    full-width twins of the forbidden punctuation (or both are blank)."""
    na, nb = safe_filename(a, PERIOD, TITLE), safe_filename(b, PERIOD, TITLE)
    if na == nb and a != b:
        assert export._Part(a).text == export._Part(b).text
        assert not export._Part(a).lossy and not export._Part(b).lossy


# ---- target_path --------------------------------------------------------------------------------------------------


def test_a_folder_gets_the_safe_name(tmp_path: Path) -> None:
    assert target_path(tmp_path, SCHOOL, PERIOD, TITLE) == tmp_path / safe_filename(SCHOOL, PERIOD, TITLE)
    assert target_path(str(tmp_path), SCHOOL, PERIOD, TITLE) == tmp_path / safe_filename(SCHOOL, PERIOD, TITLE)


def test_a_taken_name_is_numbered(tmp_path: Path) -> None:
    stem = "城关第一小学_2026年秋季学期_五查五看自查表"
    expected = [f"{stem}.pdf", f"{stem} (2).pdf", f"{stem} (3).pdf", f"{stem} (4).pdf"]
    for name in expected:
        path = target_path(tmp_path, SCHOOL, PERIOD, TITLE)
        assert path.name == name
        path.write_bytes(b"old " + name.encode())
    # overwrite takes the plain name; nothing is written by target_path itself
    assert target_path(tmp_path, SCHOOL, PERIOD, TITLE, overwrite=True).name == f"{stem}.pdf"
    assert (tmp_path / f"{stem}.pdf").read_bytes() == f"old {stem}.pdf".encode()


def test_a_gap_in_the_numbering_is_reused_and_a_folder_or_dangling_link_counts_as_taken(tmp_path: Path) -> None:
    stem = "城关第一小学_2026年秋季学期_五查五看自查表"
    (tmp_path / f"{stem}.pdf").mkdir()
    (tmp_path / f"{stem} (2).pdf").symlink_to(tmp_path / "nowhere")
    (tmp_path / f"{stem} (4).pdf").write_bytes(b"x")
    assert target_path(tmp_path, SCHOOL, PERIOD, TITLE).name == f"{stem} (3).pdf"
    # a folder of the name cannot be overwritten: numbering even with overwrite
    assert target_path(tmp_path, SCHOOL, PERIOD, TITLE, overwrite=True).name == f"{stem} (3).pdf"


def test_numbered_long_names_stay_valid(tmp_path: Path) -> None:
    for _ in range(3):
        path = target_path(tmp_path, "学" * 300, "期" * 300, "表" * 300)
        assert name_problems(path.name) == [], path.name
        path.write_bytes(b"x")
    assert path.name.endswith(" (3).pdf")


def test_too_many_numbered_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "MAX_NUMBER", 3)
    for _ in range(3):
        target_path(tmp_path, SCHOOL, PERIOD, TITLE).write_bytes(b"x")
    with pytest.raises(ConflictError, match=re.escape(str(tmp_path))):
        target_path(tmp_path, SCHOOL, PERIOD, TITLE)


def test_an_explicit_file(tmp_path: Path) -> None:
    for name in ["报告.pdf", "报告.PDF", "Report.Pdf", "a b.pdf", "CONSOLE.pdf", "😀.pdf"]:
        assert target_path(tmp_path / name, SCHOOL, PERIOD, TITLE) == tmp_path / name


def test_an_existing_explicit_file_is_refused_unless_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "报告.pdf"
    path.write_bytes(b"old")
    with pytest.raises(ConflictError) as info:
        target_path(path, SCHOOL, PERIOD, TITLE)
    assert str(path) in info.value.zh and str(path) in info.value.en and "不会覆盖" in info.value.zh
    assert target_path(path, SCHOOL, PERIOD, TITLE, overwrite=True) == path
    assert path.read_bytes() == b"old"


@pytest.mark.parametrize(
    "name",
    [
        "CON.pdf",
        "nul.pdf",
        "com1.x.pdf",
        "a:b.pdf",
        "a?.pdf",
        'a".pdf',
        "a|b.pdf",
        "a*.pdf",
        "a<b>.pdf",
        "a\x01.pdf",
        ".pdf",
        "x" * 117 + ".pdf",
        "学" * 80 + ".pdf",
        "a\udcff.pdf",
    ],
)
def test_an_explicit_file_name_invalid_on_fat32_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(SelfcheckError) as info:
        target_path(tmp_path / name, SCHOOL, PERIOD, TITLE)
    assert info.value.zh != info.value.en and "文件名" in info.value.zh


def test_an_explicit_file_in_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as info:
        target_path(tmp_path / "gone" / "报告.pdf", SCHOOL, PERIOD, TITLE)
    assert str(tmp_path / "gone") in info.value.zh and "U盘" in info.value.zh


def test_neither_a_folder_nor_a_pdf(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as info:
        target_path(tmp_path / "gone", SCHOOL, PERIOD, TITLE)
    assert str(tmp_path / "gone") in info.value.zh and ".pdf" in info.value.zh
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(SelfcheckError) as info2:
        target_path(tmp_path / "notes.txt", SCHOOL, PERIOD, TITLE)
    assert "不是文件夹" in info2.value.zh and (tmp_path / "notes.txt").read_text() == "x"


# ---- write_atomic: success ----------------------------------------------------------------------------------------


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    """A folder standing for the stick, with a file of someone else's that must survive everything."""
    folder = tmp_path / "stick"
    folder.mkdir()
    (folder / "别人的文件.docx").write_bytes(b"keep me")
    return folder


@pytest.fixture
def fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records each fsync as 'file' or 'folder'."""
    calls: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        calls.append("folder" if os.path.stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return calls


def test_write_success(stick: Path, fsyncs: list[str]) -> None:
    path = stick / safe_filename(SCHOOL, PERIOD, TITLE)
    assert write_atomic(path, PDF) == path
    assert path.read_bytes() == PDF
    assert listing(stick) == {"别人的文件.docx": b"keep me", path.name: PDF}  # no temporary file left
    assert fsyncs[0] == "file" and "folder" in fsyncs[1:]


def test_verify_sees_the_whole_file_before_it_gets_its_name(stick: Path) -> None:
    path = stick / "报告.pdf"
    seen: list[Path] = []

    def verify(p: Path) -> None:
        assert p != path and p.parent == stick and p.read_bytes() == PDF
        assert not path.exists()
        seen.append(p)

    write_atomic(path, PDF, verify=verify)
    assert len(seen) == 1 and not seen[0].exists() and path.read_bytes() == PDF


def test_overwrite(stick: Path) -> None:
    path = stick / "报告.pdf"
    path.write_bytes(b"old")
    with pytest.raises(ConflictError):
        write_atomic(path, PDF)
    assert path.read_bytes() == b"old" and len(listing(stick)) == 2
    write_atomic(path, PDF, overwrite=True)
    assert path.read_bytes() == PDF and len(listing(stick)) == 2


def test_empty_data(stick: Path) -> None:
    write_atomic(stick / "空.pdf", b"")
    assert (stick / "空.pdf").read_bytes() == b""


def test_short_writes_are_continued(stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real(fd, bytes(data)[:1000]))
    write_atomic(stick / "报告.pdf", PDF)
    assert (stick / "报告.pdf").read_bytes() == PDF


def test_without_hard_links_the_rename_is_used(stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """FAT32 and exFAT: link() gives EPERM; the file still arrives, and an existing one is still not replaced."""

    def no_link(src: object, dst: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_link)
    write_atomic(stick / "报告.pdf", PDF)
    assert (stick / "报告.pdf").read_bytes() == PDF
    assert sorted(listing(stick)) == ["别人的文件.docx", "报告.pdf"]


# ---- write_atomic: failures ---------------------------------------------------------------------------------------


def assert_untouched(stick: Path, before: dict[str, bytes]) -> None:
    assert listing(stick) == before  # no final file, no temporary file, the rest as it was


def fail_with(code: int) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


def test_disk_full_while_writing(stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = listing(stick)
    real = os.write
    calls = []

    def write(fd: int, data: bytes) -> int:
        calls.append(fd)
        if len(calls) == 1:
            return real(fd, bytes(data)[:4096])  # a part gets written first
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", write)
    path = stick / "报告.pdf"
    with pytest.raises(ExportError) as info:
        write_atomic(path, PDF)
    assert info.value.errno == errno.ENOSPC
    assert "U盘空间不足" in info.value.zh and str(path) in info.value.zh
    assert "full" in info.value.en and str(path) in info.value.en
    assert_untouched(stick, before)


@pytest.mark.parametrize("call", ["fsync", "close"])
def test_disk_full_reported_late(stick: Path, monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    """A stick may accept the writes into the cache and say ENOSPC only at fsync or close."""
    before = listing(stick)
    real = getattr(os, call)
    failed = []

    def late(fd: int) -> None:
        real(fd)
        if not failed:
            failed.append(fd)
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, call, late)
    with pytest.raises(ExportError, match="U盘空间不足"):
        write_atomic(stick / "报告.pdf", PDF)
    assert_untouched(stick, before)


@pytest.mark.parametrize(
    ("code", "zh", "en"),
    [
        (errno.EROFS, "U盘是只读的", "read-only"),
        (errno.EACCES, "没有权限", "no permission"),
        (errno.EPERM, "没有权限", "no permission"),
        (errno.ENAMETOOLONG, "路径太长", "too long"),
        (errno.ENOENT, "U盘可能已拔出", "pulled out"),
        (errno.EIO, "读写U盘出错", "I/O error"),
    ],
)
def test_the_temporary_file_cannot_be_created(stick: Path, monkeypatch: pytest.MonkeyPatch, code: int, zh: str, en: str) -> None:
    before = listing(stick)
    real = os.open

    def open_(path: str | Path, flags: int, *args: int) -> int:
        if flags & os.O_CREAT:
            raise OSError(code, os.strerror(code), str(path))
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", open_)
    path = stick / "报告.pdf"
    with pytest.raises(ExportError) as info:
        write_atomic(path, PDF)
    err = info.value
    assert err.errno == code and zh in err.zh and en in err.en
    assert str(path.parent) in err.zh and str(path.parent) in err.en  # the path is named (the folder, at least)
    assert_untouched(stick, before)


def test_the_stick_is_pulled_out_before_the_rename(stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder disappears after the data went to the temporary file: ENOENT at the rename."""
    real = os.fsync

    def fsync_then_pull(fd: int) -> None:
        real(fd)
        shutil.rmtree(stick)

    monkeypatch.setattr(os, "fsync", fsync_then_pull)
    path = stick / "报告.pdf"
    with pytest.raises(ExportError) as info:
        write_atomic(path, PDF)
    assert info.value.errno == errno.ENOENT
    assert "找不到文件夹" in info.value.zh and "U盘可能已拔出" in info.value.zh and str(stick) in info.value.zh
    assert str(stick) in info.value.en
    assert not stick.exists()


@pytest.mark.parametrize("call", ["link", "rename"])
def test_the_rename_fails(stick: Path, monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    before = listing(stick)
    if call == "rename":  # the FAT32 way: no hard links
        monkeypatch.setattr(os, "link", fail_with(errno.EPERM))
    monkeypatch.setattr(os, call, fail_with(errno.ENOENT))
    with pytest.raises(ExportError, match="U盘可能已拔出"):
        write_atomic(stick / "报告.pdf", PDF)
    assert_untouched(stick, before)


def test_an_io_error_at_fsync(stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = listing(stick)
    monkeypatch.setattr(os, "fsync", fail_with(errno.EIO))
    with pytest.raises(ExportError) as info:
        write_atomic(stick / "报告.pdf", PDF)
    assert "读写U盘出错" in info.value.zh and info.value.errno == errno.EIO
    assert_untouched(stick, before)


def test_an_io_error_at_the_folder_fsync_removes_the_final_file(stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = listing(stick)
    real = os.fsync

    def fsync(fd: int) -> None:
        if os.path.stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, "Input/output error")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(ExportError, match="读写U盘出错"):
        write_atomic(stick / "报告.pdf", PDF)
    assert_untouched(stick, before)


def test_a_folder_fsync_the_file_system_does_not_support_is_skipped(stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fsync

    def fsync(fd: int) -> None:
        if os.path.stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomic(stick / "报告.pdf", PDF)
    assert (stick / "报告.pdf").read_bytes() == PDF


def test_a_failed_verify_leaves_no_file(stick: Path) -> None:
    before = listing(stick)
    problem = SelfcheckError("签名无效", "the signature is invalid")

    def verify(p: Path) -> None:
        raise problem

    with pytest.raises(SelfcheckError) as info:
        write_atomic(stick / "报告.pdf", PDF, verify=verify)
    assert info.value is problem  # propagates unchanged
    assert_untouched(stick, before)


def test_a_failed_verify_keeps_the_file_that_was_to_be_overwritten(stick: Path) -> None:
    path = stick / "报告.pdf"
    path.write_bytes(b"old")
    before = listing(stick)

    def verify(p: Path) -> None:
        raise ValueError("bad pdf")

    with pytest.raises(ValueError, match="bad pdf"):
        write_atomic(path, PDF, verify=verify, overwrite=True)
    assert_untouched(stick, before)


@pytest.mark.parametrize("when", [1, 2], ids=["before the rename", "after the rename"])
def test_a_read_back_that_differs(stick: Path, monkeypatch: pytest.MonkeyPatch, when: int) -> None:
    before = listing(stick)
    real = export._read_back
    reads: list[Path] = []

    def read_back(p: Path) -> bytes:
        reads.append(p)
        data = real(p)
        return data[:-1] + b"?" if len(reads) == when else data

    monkeypatch.setattr(export, "_read_back", read_back)
    with pytest.raises(ExportError) as info:
        write_atomic(stick / "报告.pdf", PDF)
    assert "读回的内容" in info.value.zh and "differs" in info.value.en
    assert_untouched(stick, before)
    assert len(reads) == when and (reads[-1].name == "报告.pdf") == (when == 2)


@pytest.mark.parametrize("no_links", [False, True], ids=["link", "no hard links"])
def test_a_file_that_appears_during_the_write_is_not_overwritten(
    stick: Path, monkeypatch: pytest.MonkeyPatch, no_links: bool
) -> None:
    if no_links:
        monkeypatch.setattr(os, "link", fail_with(errno.EPERM))
    path = stick / "报告.pdf"

    def someone_else_saves(p: Path) -> None:
        path.write_bytes(b"theirs")

    with pytest.raises(ConflictError, match="未覆盖"):
        write_atomic(path, PDF, verify=someone_else_saves)
    assert listing(stick) == {"别人的文件.docx": b"keep me", "报告.pdf": b"theirs"}


def test_an_interrupt_removes_the_temporary_file(stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = listing(stick)

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(stick / "报告.pdf", PDF)
    assert_untouched(stick, before)


def test_an_unknown_os_error_is_still_bilingual(stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", fail_with(errno.ETIMEDOUT))
    with pytest.raises(ExportError) as info:
        write_atomic(stick / "报告.pdf", PDF)
    assert str(stick / "报告.pdf") in info.value.zh and "无法写入" in info.value.zh and "cannot write" in info.value.en


# ---- a real small file system -------------------------------------------------------------------------------------


@pytest.fixture
def tiny_stick(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs: a stick that really fills up. Skipped where mounting is not permitted."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root on Linux")
    folder = tmp_path / "tiny"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_a_real_full_stick(tiny_stick: Path) -> None:
    (tiny_stick / "别人的文件.docx").write_bytes(b"keep me")
    before = listing(tiny_stick)
    path = target_path(tiny_stick, SCHOOL, PERIOD, TITLE)
    with pytest.raises(ExportError) as info:
        write_atomic(path, os.urandom(256 * 1024))
    assert info.value.errno == errno.ENOSPC and "U盘空间不足" in info.value.zh and str(path) in info.value.zh
    assert_untouched(tiny_stick, before)
    # the space the temporary file took is free again: a report that fits is written
    assert write_atomic(path, PDF).read_bytes() == PDF


def test_a_real_read_only_stick(tiny_stick: Path) -> None:
    (tiny_stick / "别人的文件.docx").write_bytes(b"keep me")
    before = listing(tiny_stick)
    remount = subprocess.run(["mount", "-o", "remount,ro", str(tiny_stick)], capture_output=True)
    if remount.returncode != 0:
        pytest.skip("cannot remount read-only here")
    with pytest.raises(ExportError) as info:
        write_atomic(tiny_stick / "报告.pdf", PDF)
    assert info.value.errno == errno.EROFS and "U盘是只读的" in info.value.zh
    assert_untouched(tiny_stick, before)

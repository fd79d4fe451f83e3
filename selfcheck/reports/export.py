"""Export to a USB stick: a file name valid on FAT32/exFAT/NTFS, and a write that is whole or absent.

The bureau's PCs run Windows and the sticks are FAT32, exFAT or NTFS, so every name made here obeys the strictest
of those rules wherever the program runs:

* no reserved device names (CON, PRN, AUX, NUL, COM0-9, LPT0-9, COM¹²³, LPT¹²³, CONIN$, CONOUT$), with or without
  an extension ("CON.pdf" and "con.tar.pdf" are the device too);
* none of ``< > : " / \\ | ? *`` and no control characters (0-31, 127-159);
* no trailing dot or space, and no name that is only dots or spaces;
* at most ``MAX_NAME_CHARS`` (120) characters AND ``MAX_NAME_BYTES`` (240) UTF-8 bytes for the whole name, the
  " (2)" a collision adds included: far under the 255 UTF-16 units a name may have, leaving room in Windows'
  260-character path limit.

Writing (``write_atomic``): the bytes go to a temporary file in the target folder (same file system, so the rename
is atomic), are flushed and fsync'ed, read back (with the page cache dropped where the OS allows, so the read
reaches the stick) and compared, handed to ``verify`` — all BEFORE the rename, so a file that fails never appears
under its final name. Then the rename (never replacing an existing file unless ``overwrite=True``), an fsync of the
folder where the OS supports one, and a second read-back of the final file; should that fail, the final file is
removed. Any failure removes the temporary file when the stick still allows it, leaves an existing file of the same
name untouched (until the rename), and raises a bilingual ``SelfcheckError`` naming the path.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import unicodedata
from collections.abc import Callable
from pathlib import Path

from selfcheck.errors import ConflictError, NotFoundError, SelfcheckError

MAX_NAME_CHARS = 120
MAX_NAME_BYTES = 240
MAX_NUMBER = 9999  # "name (9999).pdf" is the last collision name tried
_NUMBER_ROOM = len(f" ({MAX_NUMBER})")  # kept free in every made name, so numbering never needs a new truncation

_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{port}{n}" for port in ("COM", "LPT") for n in (*"0123456789", "¹", "²", "³")
}
_FORBIDDEN = '<>:"/\\|?*'
# The forbidden ASCII punctuation becomes its full-width twin: the title still reads the same ("安全/卫生" → "安全／卫生").
_FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in _FORBIDDEN})
_ZWJ = "\u200d"  # kept: it joins emoji sequences
_TAG_CHARS = 6  # hex digits of the sha256 of an input that had to be changed
_EMPTY_STEM = "自查报告"


# ---- the file name --------------------------------------------------------------------------------------------


def safe_filename(school: str, period: str, checklist: str, *, suffix: str = ".pdf") -> str:
    """A file name valid on FAT32, exFAT and NTFS: ``{school}_{period}_{checklist}{suffix}``.

    Deterministic. Chinese, emoji and full-width punctuation are kept as they are. Each part is NFC-normalised and
    trimmed of surrounding spaces, and the forbidden ASCII punctuation becomes its full-width twin; those changes keep
    the meaning and add nothing. Any change that loses something — control or invisible formatting characters
    removed, dots or spaces stripped from the ends, a part cut short — appends ``~`` and 6 hex digits of the part's
    sha256 (a cut part ends in ``…~abcdef``), so distinct inputs stay distinct. Empty parts are left out; with none
    left the name is "自查报告". Long parts are cut evenly (the longest first) so the whole name, a later " (9999)"
    included, stays within ``MAX_NAME_CHARS`` characters and ``MAX_NAME_BYTES`` UTF-8 bytes.
    """
    if not _is_valid_suffix(suffix):
        raise ValueError(f"suffix must be a dot and 1-10 letters or digits, not {suffix!r}")
    parts = [_Part(text) for text in (school, period, checklist)]
    max_chars = MAX_NAME_CHARS - len(suffix) - _NUMBER_ROOM
    max_bytes = MAX_NAME_BYTES - len(suffix.encode()) - _NUMBER_ROOM
    longest = max(len(p.text) for p in parts)
    for cap in range(min(longest, max_chars), -1, -1):  # the largest per-part length that fits
        stem = _stem(parts, cap)
        if len(stem) <= max_chars and len(stem.encode("utf-8")) <= max_bytes:
            return stem + suffix
    raise AssertionError("unreachable: three cut parts always fit")  # pragma: no cover


class _Part:
    """One input cleaned: its text, and the tag it carries when cleaning lost something."""

    def __init__(self, raw: str) -> None:
        faithful = _strip(unicodedata.normalize("NFC", raw), lambda c: unicodedata.category(c) == "Zs")
        faithful = faithful.translate(_FULL_WIDTH)
        kept: list[str] = []
        for ch in faithful:
            category = unicodedata.category(ch)
            if category in ("Cc", "Zl", "Zp"):  # tabs, line breaks, other controls: one space
                if kept and kept[-1] != " ":
                    kept.append(" ")
            elif (category == "Cf" and ch != _ZWJ) or category == "Cs" or _is_noncharacter(ch):
                continue  # invisible formatting (bidi overrides, BOM ...), lone surrogates: dropped
            else:
                kept.append(ch)
        self.text = _strip("".join(kept), lambda c: c == "." or unicodedata.category(c) == "Zs")
        self.lossy = self.text != faithful
        self.tag = "~" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:_TAG_CHARS]

    def render(self, cap: int) -> str:
        if len(self.text) > cap:
            cut = _strip(self.text[:cap], lambda c: c in (".", _ZWJ) or unicodedata.category(c) in ("Zs", "Mn"), left=False)
            return cut + "…" + self.tag
        return self.text + self.tag if self.lossy else self.text


def _stem(parts: list[_Part], cap: int) -> str:
    stem = "_".join(r for r in (p.render(cap) for p in parts) if r) or _EMPTY_STEM
    return "_" + stem if _is_device(stem) else stem


def _strip(text: str, drop: Callable[[str], bool], *, left: bool = True) -> str:
    start, end = 0, len(text)
    while end > start and drop(text[end - 1]):
        end -= 1
    while left and start < end and drop(text[start]):
        start += 1
    return text[start:end]


def _is_noncharacter(ch: str) -> bool:
    n = ord(ch)
    return 0xFDD0 <= n <= 0xFDEF or (n & 0xFFFE) == 0xFFFE


def _is_device(name: str) -> bool:
    """Windows takes "CON", "con.pdf", "CON .x.pdf" all for the console: the part before the first dot decides."""
    return name.split(".")[0].rstrip(" ").upper() in _DEVICES


def _is_valid_suffix(suffix: str) -> bool:
    return 2 <= len(suffix) <= 11 and suffix[0] == "." and suffix[1:].isascii() and suffix[1:].isalnum()


def filename_problem(name: str) -> tuple[str, str] | None:
    """Why ``name`` may not be used on a FAT32/exFAT/NTFS stick, as (zh, en); None when it is fine."""
    if not name or name.strip(" .") == "":
        return "文件名不能为空，也不能只有点或空格", "the file name is empty or only dots and spaces"
    if bad := sorted({c for c in name if c in _FORBIDDEN}):
        shown = " ".join(bad)
        return f"文件名不能含有这些字符：{shown}", f"the file name may not contain {shown}"
    if any(unicodedata.category(c) in ("Cc", "Cs") or _is_noncharacter(c) for c in name):
        return "文件名含有控制字符或无法识别的字符", "the file name contains control or undecodable characters"
    if name[-1] in " .":
        return "文件名不能以点或空格结尾", "the file name may not end with a dot or a space"
    if _is_device(name):
        device = name.split(".")[0].rstrip(" ")
        return f"“{device}”是 Windows 的保留名称，不能用作文件名", f"'{device}' is a name Windows reserves for a device"
    if len(name) > MAX_NAME_CHARS or len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return (
            f"文件名太长（最多 {MAX_NAME_CHARS} 个字符、{MAX_NAME_BYTES} 字节，一个汉字算 3 字节）",
            f"the file name is too long (at most {MAX_NAME_CHARS} characters and {MAX_NAME_BYTES} UTF-8 bytes)",
        )
    return None


# ---- where to write ---------------------------------------------------------------------------------------------


def target_path(
    out: str | Path, school: str, period: str, checklist: str, *, overwrite: bool = False, suffix: str = ".pdf"
) -> Path:
    """The file to write for ``--out``.

    A folder (the stick): ``folder/safe_filename(...)``; when that name is taken, "name (2).pdf", "name (3).pdf" ...
    — unless ``overwrite`` is set, which takes the name as it is (an existing folder of that name still is skipped).
    A path ending in ".pdf" (any case): that file; its folder must exist, its name must be valid on FAT32, and an
    existing file there is refused (ConflictError) unless ``overwrite`` is set. Anything else: a clear error.
    `suffix`: another kind of file (".xlsx", a workbook) named and placed the same way.
    """
    out = Path(out)
    if out.is_dir():
        name = safe_filename(school, period, checklist, suffix=suffix)
        if overwrite and not out.joinpath(name).is_dir():
            return out / name
        stem = name[: -len(suffix)]
        for n in range(1, MAX_NUMBER + 1):
            candidate = out / (name if n == 1 else f"{stem} ({n}){suffix}")
            if not os.path.lexists(candidate):
                return candidate
        raise ConflictError(
            f"文件夹 {out} 里同名的文件太多（已到 {MAX_NUMBER} 份），请换一个文件夹",
            f"the folder {out} already holds {MAX_NUMBER} files of this name; use another folder",
        )
    if out.name.lower().endswith(suffix):
        return _explicit_file(out, overwrite=overwrite, suffix=suffix)
    if out.exists():
        raise SelfcheckError(
            f"{out} 是一个文件，不是文件夹。--out 请写U盘上的文件夹，或以 {suffix} 结尾的文件名",
            f"{out} is a file, not a folder: give --out a folder on the USB stick or a file name ending in {suffix}",
        )
    raise NotFoundError(
        f"找不到文件夹 {out}，U盘可能没有插好。请插好U盘后写它的文件夹（如 E:\\），或写以 {suffix} 结尾的文件名",
        f"no folder {out} (is the USB stick plugged in?): give --out a folder, or a file name ending in {suffix}",
    )


def _explicit_file(path: Path, *, overwrite: bool, suffix: str = ".pdf") -> Path:
    if problem := filename_problem(path.name):
        zh, en = problem
        raise SelfcheckError(f"不能使用文件名“{path.name}”：{zh}", f"cannot use the file name {path.name!r}: {en}")
    if path.name.lower() == suffix:
        raise SelfcheckError(f"文件名不能只有扩展名 {suffix}", f"the file name needs more than the extension {suffix}")
    if not path.parent.is_dir():
        raise NotFoundError(
            f"找不到文件夹 {path.parent}，U盘可能没有插好或已拔出",
            f"no folder {path.parent}: the USB stick may not be plugged in",
        )
    if path.is_dir():  # pragma: no cover - target_path takes an existing folder as the folder case first
        raise SelfcheckError(f"{path} 是一个文件夹", f"{path} is a folder")
    if os.path.lexists(path) and not overwrite:
        raise ConflictError(
            f"文件 {path} 已存在，不会覆盖。请换一个文件名，或只写U盘的文件夹（程序会自动起一个不重复的名字）",
            f"the file {path} exists and is not overwritten: give another name, or just the folder (a free name is chosen)",
        )
    return path


# ---- writing ------------------------------------------------------------------------------------------------------


class ExportError(SelfcheckError):
    """Writing the report to the stick failed. ``path`` is the file that was to be written; ``errno`` the OS's."""

    def __init__(self, zh: str, en: str, *, path: Path, errno: int | None = None) -> None:
        self.path = path
        self.errno = errno
        super().__init__(zh, en)


def write_atomic(path: Path, data: bytes, *, verify: Callable[[Path], None] | None = None, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` whole or not at all; return ``path``.

    Temporary file in the same folder → write, fsync → read back and compare → ``verify(temporary path)`` → rename
    (an existing ``path`` is refused with ConflictError unless ``overwrite``; never replaced in a race either, where
    the OS can promise it) → fsync of the folder where supported → read back the final file and compare.

    ``verify`` sees the temporary file, before the rename: whatever it raises propagates unchanged, and the final
    name never appears. A failed read-back after the rename removes the final file. OS errors become ExportError
    (disk full, read-only, stick pulled out, I/O error, path too long ...) naming the path. The temporary file is
    removed on every failure where the stick still allows it; nothing else is touched.
    """
    path = Path(path)
    folder = path.parent
    if not overwrite and os.path.lexists(path):
        raise ConflictError(f"文件 {path} 已存在，不会覆盖", f"the file {path} exists and is not overwritten")
    tmp: Path | None = None
    renamed = False
    try:
        tmp = _write_temporary(folder, data)
        if _read_back(tmp) != data:
            raise _mismatch(path)
        if verify is not None:
            verify(tmp)
        _rename_into_place(tmp, path, overwrite=overwrite)
        renamed = True
        tmp = None
        _fsync_folder(folder)
        if _read_back(path) != data:
            raise _mismatch(path)
        return path
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if renamed:
            with contextlib.suppress(OSError):
                os.unlink(path)
        if isinstance(exc, FileExistsError) and not overwrite:
            raise ConflictError(
                f"文件 {path} 在写入时被其他程序创建，未覆盖；请重新导出",
                f"the file {path} appeared while writing and was not overwritten; export again",
            ) from None
        if isinstance(exc, OSError):
            raise _os_error(exc, path) from exc
        raise


def write_chosen(path: Path, data: bytes) -> Path:
    """`data` written whole or not at all to a file the user chose in a save dialog (which has asked before
    replacing one); its name must suit a USB stick (FAT32)."""
    if problem := filename_problem(path.name):
        raise SelfcheckError(f"{path}：{problem[0]}", f"{path}: {problem[1]}")
    return write_atomic(path, data, overwrite=True)


def _write_temporary(folder: Path, data: bytes) -> Path:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        # short and ASCII: fits where the final name barely does
        tmp = folder / f".selfcheck-{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o644)
        except FileExistsError:
            continue
        break
    else:  # pragma: no cover - 100 collisions of 48 random bits
        raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            if written <= 0:  # a regular file that takes nothing: the device is full
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp))
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    try:
        os.close(fd)  # a stick may report a failed write only here
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _read_back(path: Path) -> bytes:
    """The file's bytes, read from the device where the OS lets the cached copy be dropped first."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        fadvise = getattr(os, "posix_fadvise", None)
        if fadvise is not None:
            with contextlib.suppress(OSError):
                fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EXDEV, errno.EMLINK}


def _rename_into_place(tmp: Path, path: Path, *, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, path)
    elif os.name == "nt":
        os.rename(tmp, path)  # Windows' rename refuses an existing target: FileExistsError
    else:
        try:
            os.link(tmp, path)  # atomic, and never replaces: EEXIST
        except OSError as exc:
            if isinstance(exc, FileExistsError) or exc.errno not in _NO_HARD_LINKS:
                raise
            # FAT32 and exFAT have no hard links: look, then rename (the only window left is this one line)
            if os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
            os.rename(tmp, path)
        else:
            os.unlink(tmp)


_NO_FOLDER_FSYNC = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF, errno.EACCES, errno.EPERM, errno.EISDIR}


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable. Windows cannot open a folder this way and some file systems refuse: skipped there."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        if exc.errno in _NO_FOLDER_FSYNC:
            return
        raise
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _NO_FOLDER_FSYNC:
            raise
    finally:
        os.close(fd)


def _mismatch(path: Path) -> ExportError:
    return ExportError(
        f"写入U盘后读回的内容与原文不一致（{path}），U盘可能有故障。文件未保存，请换一个U盘后重新导出",
        f"the file read back from the USB stick differs from what was written ({path}); the stick may be faulty. "
        "Nothing was saved: export again to another stick",
        path=path,
    )


# Windows error numbers that errno does not name well: write-protected, device gone, device failing.
_WIN_READ_ONLY = {19}
_WIN_GONE = {21, 55, 1167}
_WIN_IO = {23, 31, 483, 1117}


def _os_error(exc: OSError, path: Path) -> SelfcheckError:
    code = exc.errno
    win = getattr(exc, "winerror", None)
    folder = path.parent
    if code == errno.EEXIST:
        return ConflictError(f"文件 {path} 已存在，不会覆盖", f"the file {path} exists and is not overwritten")
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        zh = f"U盘空间不足，无法写入 {path}。请删掉U盘上不需要的文件或换一个U盘，然后重新导出"
        en = f"the USB stick is full: cannot write {path}. Free some space or use another stick, then export again"
    elif code == errno.EROFS or win in _WIN_READ_ONLY:
        zh = f"U盘是只读的，无法写入 {path}。请拨开U盘侧面的写保护开关，或换一个U盘"
        en = f"the USB stick is read-only: cannot write {path}. Turn off its write-protect switch or use another stick"
    elif code in (errno.EACCES, errno.EPERM):
        zh = f"没有权限写入 {path}。U盘可能有写保护，或同名文件正被其他程序（如PDF阅读器）打开；请关闭后重试，或换一个文件夹"
        en = (
            f"no permission to write {path}: the stick may be write-protected, or the file is open in another program "
            "(a PDF reader?). Close it and retry, or use another folder"
        )
    elif code in (errno.ENOENT, errno.ENOTDIR, errno.ENODEV, errno.ENXIO) or win in _WIN_GONE:
        zh = f"找不到文件夹 {folder}，U盘可能已拔出。请重新插好U盘后再导出"
        en = f"the folder {folder} is gone: the USB stick may have been pulled out. Plug it in again and export again"
    elif code == errno.EIO or win in _WIN_IO:
        zh = f"读写U盘出错（{path}），U盘可能已拔出或已损坏。请重新插好U盘或换一个U盘后再导出"
        en = f"I/O error writing {path}: the USB stick may have been pulled out or be damaged. Reinsert it or use another"
    elif code == errno.ENAMETOOLONG:
        zh = f"路径太长：{path}。请导出到U盘的根目录或较浅的文件夹，或用更短的文件名"
        en = f"the path is too long: {path}. Export to the stick's top folder or use a shorter file name"
    elif code == errno.EINVAL:
        zh = f"U盘不接受这个文件名：{path.name}。请换一个文件名"
        en = f"the USB stick does not accept the file name {path.name!r}; use another name"
    else:
        reason = exc.strerror or type(exc).__name__
        zh = f"无法写入 {path}：{reason}。请检查U盘后重新导出"
        en = f"cannot write {path}: {reason}. Check the USB stick and export again"
    return ExportError(zh, en, path=path, errno=code)

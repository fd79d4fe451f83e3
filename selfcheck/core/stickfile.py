"""Reading a file that came on a stick: a regular file, of a size that suits its kind, read without following a
link and without blocking.

A path on a stick can name a FIFO (reading it blocks for ever), a device (/dev/zero never ends), a symbolic link
to anything on the PC, or a file that grows while it is read. `read_stick_file()` opens with O_NOFOLLOW and
O_NONBLOCK, checks with fstat on the open descriptor (so the check and the read see the same file), refuses what
is not a regular file or is over the cap, and never reads more than the cap plus one byte.

The caps, measured on real files (say them in docs/SECURITY.md when they change):
- a signed report: 16 MB (a 500-item report with seal and signature is 0.25 MB);
- a checklist file (YAML/JSON): 8 MB (core/safeyaml.py; the largest built-in checklist is under 40 kB);
- a checklist workbook (.xlsx): 16 MB on disk, its unpacked parts bounded by exchange/zipguard.py;
- a seal or signature image: 8 MB; a certificate: 1 MB.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from selfcheck.errors import RuleError

MB = 1024 * 1024
REPORT_CAP = 16 * MB
CHECKLIST_CAP = 8 * MB
WORKBOOK_CAP = 16 * MB
IMAGE_CAP = 8 * MB
CERT_CAP = 1 * MB


class StickFileError(RuleError):
    """A file from a stick that was not read: "NAME：reason"; the reason alone is kept for callers that name the
    file themselves (a located checklist error)."""

    def __init__(self, name: str, reason_zh: str, reason_en: str) -> None:
        super().__init__(f"{name}：{reason_zh}", f"{name}: {reason_en}")
        self.name, self.reason_zh, self.reason_en = name, reason_zh, reason_en


def _size(n: int) -> str:
    """A file size as the messages give it: "16 MB", "2.5 MB", "64 KB" (a certificate's cap is well under 1 MB)."""
    if n >= MB:
        return f"{n / MB:.1f}".removesuffix(".0") + " MB"
    return f"{max(1, round(n / 1024))} KB"


def read_stick_file(path: str | Path, cap: int, what_zh: str = "文件", what_en: str = "file") -> bytes:
    """The bytes of the regular file at `path`, at most `cap` of them; StickFileError otherwise."""
    name = str(path)

    def refuse(zh: str, en: str) -> StickFileError:
        return StickFileError(name, zh, en)

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        if os.path.islink(name):
            raise refuse("是符号链接，未读取；请拷贝文件本身", "a symbolic link, not read; copy the file itself")
        fd = os.open(name, flags)
    except FileNotFoundError:
        raise refuse("文件不存在", "file not found") from None
    except IsADirectoryError:
        raise refuse(f"无法读取：这是文件夹，不是{what_zh}", f"cannot read it: a folder, not a {what_en}") from None
    except OSError as e:
        raise refuse(f"无法读取（{e.strerror}）", f"cannot read the {what_en} ({e.strerror})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise refuse(f"无法读取：这是文件夹，不是{what_zh}", f"cannot read it: a folder, not a {what_en}")
        if not stat.S_ISREG(st.st_mode):
            raise refuse("不是普通文件（设备、管道或套接字），未读取", "not a regular file (a device, pipe or socket); not read")
        if st.st_size > cap:
            raise refuse(
                f"{what_zh}过大（{_size(st.st_size)}，上限 {_size(cap)}），未读取",
                f"the {what_en} is too large ({_size(st.st_size)}, the limit is {_size(cap)}); not read",
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= cap:
            chunk = os.read(fd, min(1 * MB, cap + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > cap:
            raise refuse(
                f"{what_zh}在读取时变大，超过上限 {_size(cap)}，未读取",
                f"the {what_en} grew past the {_size(cap)} limit while being read",
            )
        return b"".join(chunks)
    except OSError as e:
        raise refuse(f"无法读取（{e.strerror}）", f"cannot read the {what_en} ({e.strerror})") from None
    finally:
        os.close(fd)

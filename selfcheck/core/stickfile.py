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


def read_stick_file(path: str | Path, cap: int, what_zh: str = "文件", what_en: str = "file") -> bytes:
    """The bytes of the regular file at `path`, at most `cap` of them; RuleError naming the file otherwise."""
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        if os.path.islink(name):
            raise RuleError(
                f"{what_zh} {name} 是符号链接，未读取；请拷贝文件本身",
                f"the {what_en} {name} is a symbolic link and was not read; copy the file itself",
            )
        fd = os.open(name, flags)
    except FileNotFoundError:
        raise RuleError(f"找不到{what_zh} {name}", f"the {what_en} {name} does not exist") from None
    except IsADirectoryError:
        raise RuleError(f"{name} 是文件夹，不是{what_zh}", f"{name} is a folder, not a {what_en}") from None
    except OSError as e:
        raise RuleError(f"无法读取{what_zh} {name}（{e.strerror}）", f"cannot read the {what_en} {name} ({e.strerror})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise RuleError(f"{name} 是文件夹，不是{what_zh}", f"{name} is a folder, not a {what_en}")
        if not stat.S_ISREG(st.st_mode):
            raise RuleError(
                f"{name} 不是普通文件（设备、管道或套接字），未读取",
                f"{name} is not a regular file (a device, pipe or socket); it was not read",
            )
        if st.st_size > cap:
            raise RuleError(
                f"{what_zh} {name} 太大（{st.st_size / MB:.1f} MB，上限 {cap / MB:.0f} MB），未读取",
                f"the {what_en} {name} is too large ({st.st_size / MB:.1f} MB, the limit is {cap / MB:.0f} MB); not read",
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
            raise RuleError(
                f"{what_zh} {name} 在读取时变大，超过上限 {cap / MB:.0f} MB，未读取",
                f"the {what_en} {name} grew past the {cap / MB:.0f} MB limit while being read",
            )
        return b"".join(chunks)
    except OSError as e:
        raise RuleError(f"无法读取{what_zh} {name}（{e.strerror}）", f"cannot read the {what_en} {name} ({e.strerror})") from None
    finally:
        os.close(fd)

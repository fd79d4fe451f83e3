"""Checks on a zip file (an .xlsx is one) before anything parses it: size, members, bombs, names, XML prologs."""

from __future__ import annotations

import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from selfcheck.errors import SelfcheckError


class ZipRefused(SelfcheckError):
    """The file is refused before parsing; the message says why and what to do."""


@dataclass(frozen=True)
class Limits:
    max_file: int = 20 * 1024 * 1024  # the file on disk
    max_members: int = 1000
    max_member: int = 64 * 1024 * 1024  # one member, uncompressed
    max_total: int = 160 * 1024 * 1024  # all members, uncompressed
    max_ratio: float = 200.0  # uncompressed / compressed, for members big enough to matter
    ratio_from: int = 1024 * 1024  # a 2 KB member at 300:1 is normal; a 50 MB one is a bomb


DEFAULT = Limits()

_MB = 1024 * 1024


def open_checked(path: Path, limits: Limits = DEFAULT) -> zipfile.ZipFile:
    """Open ``path`` as a zip after checking what its directory declares; the caller closes it.

    Refused: not a regular file, too big, not a zip (or an encrypted Office file, which is not a zip), too many
    members, a member or the whole too big once uncompressed, a high compression ratio (a bomb), encrypted members,
    member names that climb out (``..``), are absolute, or are symbolic links.
    """
    name = path.name
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ZipRefused(f"{path}：文件不存在", f"{path}: file not found") from None
    except OSError as exc:
        raise ZipRefused(f"{path}：无法读取（{exc.strerror}）", f"{path}: cannot read ({exc.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        raise ZipRefused(f"{path} 不是普通文件", f"{path} is not a regular file")
    if st.st_size > limits.max_file:
        raise ZipRefused(
            f"{name} 太大（{st.st_size / _MB:.1f} MB，最大 {limits.max_file // _MB} MB）；检查表不需要这么大的文件，"
            "请删除图片和多余的工作表后另存",
            f"{name} is too large ({st.st_size / _MB:.1f} MB, at most {limits.max_file // _MB} MB): "
            "remove pictures and extra sheets and save again",
        )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ZipRefused(
            f"{name} 不是有效的 .xlsx 文件（不是 zip 格式）。旧版 .xls 或设置了打开密码的文件请在 Excel 中"
            "取消密码并“另存为 Excel 工作簿 (*.xlsx)”",
            f"{name} is not a valid .xlsx file (not a zip). Save old .xls or password-protected files as "
            "an Excel Workbook (*.xlsx) without a password",
        ) from None
    try:
        _check_directory(archive, name, limits)
    except BaseException:
        archive.close()
        raise
    return archive


def _check_directory(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise ZipRefused(
            f"{name} 含有 {len(infos)} 个内部文件（最多 {limits.max_members} 个），不像正常的工作簿，已拒绝",
            f"{name} holds {len(infos)} members (at most {limits.max_members}): not a normal workbook, refused",
        )
    total = 0
    for info in infos:
        member = info.filename
        if _bad_name(member):
            raise ZipRefused(
                f"{name} 含有不安全的内部路径“{member}”，已拒绝",
                f"{name} holds an unsafe member path {member!r}: refused",
            )
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise ZipRefused(f"{name} 含有符号链接“{member}”，已拒绝", f"{name} holds a symbolic link {member!r}: refused")
        if info.flag_bits & 0x1:
            raise ZipRefused(
                f"{name} 的内容已加密，请取消密码后另存", f"{name} has encrypted content: remove the password and save again"
            )
        if info.file_size > limits.max_member:
            raise ZipRefused(
                f"{name} 中的“{member}”解压后有 {info.file_size / _MB:.0f} MB（最多 {limits.max_member // _MB} MB），已拒绝",
                f"{member} in {name} is {info.file_size / _MB:.0f} MB uncompressed "
                f"(at most {limits.max_member // _MB} MB): refused",
            )
        if info.file_size >= limits.ratio_from and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise ZipRefused(
                f"{name} 中的“{member}”压缩比异常（{ratio:.0f}:1），可能是压缩炸弹，已拒绝",
                f"{member} in {name} has an abnormal compression ratio ({ratio:.0f}:1), likely a zip bomb: refused",
            )
        total += info.file_size
    if total > limits.max_total:
        raise ZipRefused(
            f"{name} 解压后共 {total / _MB:.0f} MB（最多 {limits.max_total // _MB} MB），可能是压缩炸弹，已拒绝",
            f"{name} is {total / _MB:.0f} MB uncompressed (at most {limits.max_total // _MB} MB), likely a zip bomb: refused",
        )


def _bad_name(member: str) -> bool:
    if "\x00" in member or "\\" in member or member.startswith("/") or re.match(r"^[A-Za-z]:", member):
        return True
    return ".." in PurePosixPath(member).parts


def read_member(archive: zipfile.ZipFile, member: str, limit: int) -> bytes:
    """A member's bytes, at most ``limit`` of them whatever its header declares (a lying header is a bomb)."""
    return b"".join(stream_member(archive, member, limit))


def stream_member(archive: zipfile.ZipFile, member: str, limit: int, chunk: int = 1 << 20) -> Iterator[bytes]:
    """A member in chunks, refused past ``limit`` bytes of output."""
    seen = 0
    with archive.open(member) as fh:
        while data := fh.read(chunk):
            seen += len(data)
            if seen > limit:
                raise ZipRefused(
                    f"“{member}”解压后超过 {limit // _MB} MB，可能是压缩炸弹，已拒绝",
                    f"{member} is over {limit // _MB} MB uncompressed, likely a zip bomb: refused",
                )
            yield data


_DECL = re.compile(
    b"|".join(re.escape(word.encode(enc)) for word in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be"))
)


_ENCODING = re.compile(rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']{1,64})["']""")


def scan_xml(archive: zipfile.ZipFile, member: str, limit: int, *, text: bool = True) -> None:
    """Refuse a member that declares a DOCTYPE or entities (how entity bombs and external entities work), in UTF-8
    or UTF-16; and, for a member named as XML (``text``), one that is not UTF-8 (Excel writes nothing else)."""
    tail = b""
    first = True
    for data in stream_member(archive, member, limit):
        if first and text and (data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:64]):
            raise ZipRefused(
                f"“{member}”不是 UTF-8 编码的 XML，已拒绝；请在 Excel 中重新另存为 .xlsx",
                f"{member} is not UTF-8 XML: refused; save the file again as .xlsx from Excel",
            )
        if first and text:
            declared = _ENCODING.match(data[:256])
            if declared and declared.group(1).lower().replace(b"-", b"").replace(b"_", b"") != b"utf8":
                # a parser honours the declaration: in UTF-7, "+ADw-!DOCTYPE" is a DOCTYPE the byte scan cannot see
                raise ZipRefused(
                    f"“{member}”声明的编码是 {declared.group(1).decode('ascii', 'replace')[:20]}，不是 UTF-8，已拒绝；"
                    "请在 Excel 中重新另存为 .xlsx",
                    f"{member} declares the encoding {declared.group(1).decode('ascii', 'replace')[:20]}, not UTF-8: "
                    "refused; save the file again as .xlsx from Excel",
                )
        first = False
        window = tail + data
        if _DECL.search(window):
            raise ZipRefused(
                f"“{member}”含有 DOCTYPE 或实体声明（XML 炸弹或外部实体），已拒绝",
                f"{member} declares a DOCTYPE or entities (XML bomb or external entity): refused",
            )
        tail = window[-32:]  # a declaration split across two chunks is still seen

"""File names from a stick, made safe to show: on a terminal, in a workbook cell, in a dialog.

A name read from a USB stick can hold anything a file system allows: bytes that are not UTF-8 (Python hands them
over as lone surrogates, U+DC80..U+DCFF), terminal escape sequences, line breaks, bidi overrides that show a name
backwards, or thousands of characters. `printable()` gives a form that shows every such character as an escape
and keeps the length bounded; `odd_name()` says why a name is not to be trusted at all.
"""

from __future__ import annotations

import unicodedata

MAX_NAME = 255  # characters in one path component: what FAT, NTFS and ext4 allow
MAX_SHOWN = 160
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cn"})


def printable(text: str, limit: int = MAX_SHOWN) -> str:
    """`text` with undecodable bytes as \\xNN, control and invisible characters as \\u{XXXX}, and at most `limit`
    characters (the middle cut out, its head and tail kept). Applying it twice changes nothing more."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02X}")
        elif 0xD800 <= code <= 0xDFFF or unicodedata.category(ch) in _HIDDEN or (ch != " " and ch.isspace()):
            # spaces other than the plain one (no-break, ideographic, ...) look alike: shown by their code
            out.append(f"\\u{{{code:04X}}}")
        else:
            out.append(ch)
    shown = "".join(out)
    if len(shown) > limit:
        keep = (limit - 1) // 2
        shown = shown[:keep] + "…" + shown[len(shown) - (limit - 1 - keep) :]
    return shown


def odd_name(name: str) -> tuple[str, str] | None:
    """(zh, en) when a single file or folder name is not one to trust, or None."""
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in name):
        return "文件名不是有效的 UTF-8 编码", "the name is not valid UTF-8"
    if any(unicodedata.category(ch) in _HIDDEN for ch in name):
        return "文件名含有控制字符或不可见字符", "the name holds control or invisible characters"
    if len(name) > MAX_NAME:
        return f"文件名过长（{len(name)} 个字符）", f"the name is too long ({len(name)} characters)"
    return None


_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def invisible(text: str) -> str | None:
    """The first invisible or control character in `text` (zero-width space, BOM, bidi marks, C0/C1 controls,
    line separators, private use), as "U+XXXX", or None."""
    for ch in text:
        if unicodedata.category(ch) in _INVISIBLE:
            return f"U+{ord(ch):04X}"
    return None

"""Names from a stick shown safely: every character printable, bounded, and showing it twice changes nothing."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from selfcheck.core.printable import MAX_SHOWN, odd_name, printable


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_name_is_shown_printable_bounded_and_stable(raw: bytes) -> None:
    name = os.fsdecode(raw)  # how Python hands over a name that is not UTF-8
    shown = printable(name)
    assert shown.isprintable() and len(shown) <= MAX_SHOWN
    assert printable(shown) == shown
    shown.encode("utf-8")  # never a lone surrogate (raises if there were one)


def test_what_is_odd() -> None:
    assert odd_name("城关一小 2026年秋季.pdf") is None
    assert odd_name(os.fsdecode(b"\xb3\xc7.pdf")) == ("文件名不是有效的 UTF-8 编码", "the name is not valid UTF-8")
    assert odd_name("a\u202egp.exe.pdf") is not None  # a right-to-left override shows the name backwards
    assert odd_name("a" * 256) is not None
    assert printable("a\x1b[2Jb") == "a\\u{001B}[2Jb"
    assert printable("x" * 500, 21) == "x" * 10 + "…" + "x" * 10

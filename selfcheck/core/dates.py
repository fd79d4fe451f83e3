"""Dates as people type them (2026-12-01, 2026/12/1, 2026年12月1日) and as official documents write them."""

from __future__ import annotations

import datetime as dt
import re

from selfcheck.errors import RuleError

_PATTERN = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_date(text: str, what: str = "日期") -> dt.date:
    match = _PATTERN.match(text or "")
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise RuleError(f"{what}“{text}”不是有效日期，请写成 2026-12-01", f"'{text}' is not a valid date; write 2026-12-01")


def chinese_date(day: dt.date) -> str:
    """2026年11月21日, as GB/T 9704 writes dates."""
    return f"{day.year}年{day.month}月{day.day}日"


def suggested_period(today: dt.date) -> str:
    """The school term a date falls in: 秋季学期 from August, 春季学期 from February."""
    if today.month >= 8:
        return f"{today.year}年秋季学期"
    if today.month >= 2:
        return f"{today.year}年春季学期"
    return f"{today.year - 1}年秋季学期"

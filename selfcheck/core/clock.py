"""The one clock: every "today" and "now" in selfcheck comes from here.

Overdue problems, the suggested period, default dates, the report's date and its signing time, certificate
validity, the time a signature is verified at, backups' names and the audit log all read `now()` or `today()`.
No other module calls `date.today()`, `datetime.now()` or `time.time()` for a date (tests/test_layers.py
guards this), so a test that sets the clock gets the same answers in any year.

- The GUI and the CLI install the clock at start (`install(from_environment())`): the system clock, unless
  SELFCHECK_CLOCK names a moment, which tests use for the child processes they start. The core itself never
  reads the environment.
- Tests set it with `use(FixedClock(...))` (tests/conftest.py does it for every test).

A fixed clock still moves: it starts at the moment given and runs on with the real monotonic time, so two
backups made a second apart get two names and audit rows keep their order, while the date stays the one set.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from typing import Protocol

ENV = "SELFCHECK_CLOCK"


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current moment, timezone-aware, in the machine's local time zone."""
        ...


class SystemClock:
    """The machine's clock: what the app runs on."""

    def now(self) -> dt.datetime:
        return dt.datetime.now().astimezone()

    def __repr__(self) -> str:
        return "SystemClock()"


class FixedClock:
    """Starts at `start` (naive = local time) and runs on from there at the real pace."""

    def __init__(self, start: dt.datetime) -> None:
        self.start = start.astimezone()
        self._t0 = time.monotonic()

    def now(self) -> dt.datetime:
        return (self.start + dt.timedelta(seconds=time.monotonic() - self._t0)).astimezone()

    def __repr__(self) -> str:
        return f"FixedClock({self.start.isoformat()})"


_clock: Clock = SystemClock()


def use(clock: Clock) -> Clock:
    """Make `clock` the one every module reads; returns the one it replaces."""
    global _clock
    previous, _clock = _clock, clock
    return previous


install = use  # the skins' word for it, at start


def current() -> Clock:
    return _clock


def now() -> dt.datetime:
    """Timezone-aware local time."""
    return _clock.now()


def today() -> dt.date:
    """The local date."""
    return _clock.now().date()


def utcnow() -> dt.datetime:
    """Timezone-aware UTC time (certificates, PDF signing and verification)."""
    return _clock.now().astimezone(dt.UTC)


def parse_moment(text: str) -> dt.datetime:
    """An ISO date or date and time ("2026-11-20", "2026-11-20T10:00", "2026-11-20T10:00:00+08:00"); a bare
    date means 10:00 local time that day. ValueError if it is neither."""
    text = text.strip()
    if len(text) == 10:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(10, 0))
    return dt.datetime.fromisoformat(text)


def from_environment(environ: dict[str, str] | None = None) -> Clock:
    """The clock the skins install: the system clock, or a fixed one when SELFCHECK_CLOCK is set (tests)."""
    value = (os.environ if environ is None else environ).get(ENV, "").strip()
    if not value:
        return SystemClock()
    try:
        return FixedClock(parse_moment(value))
    except ValueError:
        from selfcheck.errors import SelfcheckError

        raise SelfcheckError(
            f"环境变量 {ENV}={value!r} 不是 ISO 日期或时间（删除它即使用系统时钟）",
            f"{ENV}={value!r} is not an ISO date or date and time (unset it to use the system clock)",
        ) from None

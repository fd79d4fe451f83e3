"""The one clock: no module reads the system's date or time on its own, and the clock the tests set is the one
every "today" in the product follows (tests pass in any year)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from selfcheck.core import clock
from tests.conftest import NOW, TODAY

ROOT = Path(__file__).resolve().parent.parent
CLOCK_MODULE = "selfcheck/core/clock.py"
REAL_TIME_MARK = "# clock: real"  # a wall time compared across processes (the start-up benchmark), not a date

# name of the receiver (last part) → methods that read the system clock
FORBIDDEN = {
    "date": {"today"},
    "datetime": {"now", "today", "utcnow"},
    "time": {"time", "time_ns", "localtime", "gmtime", "ctime", "asctime"},
    "QDate": {"currentDate"},
    "QDateTime": {"currentDateTime", "currentDateTimeUtc", "currentMSecsSinceEpoch", "currentSecsSinceEpoch"},
    "QTime": {"currentTime"},
}


def clock_reads(source: str, file: str) -> list[str]:
    """Each call in `source` that reads the system clock, as "file:line: text"."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source, file)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        receiver = node.func.value
        name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", None)
        if name in FORBIDDEN and node.func.attr in FORBIDDEN[name]:
            text = lines[node.lineno - 1]
            if REAL_TIME_MARK not in text:
                found.append(f"{file}:{node.lineno}: {text.strip()}")
    return found


def test_no_module_reads_the_system_clock_on_its_own() -> None:
    found = []
    files = [*sorted((ROOT / "selfcheck").rglob("*.py")), *sorted((ROOT / "scripts").glob("*.py"))]
    assert len(files) > 50
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        if rel == CLOCK_MODULE:
            continue
        found += clock_reads(path.read_text(encoding="utf-8"), rel)
    assert not found, "use selfcheck.core.clock (now(), today(), utcnow()) instead:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        "import datetime as dt\nx = dt.date.today()",
        "from datetime import date\nx = date.today()",
        "import datetime\nx = datetime.datetime.now(datetime.UTC)",
        "from datetime import datetime\nx = datetime.utcnow()",
        "import time\nx = time.time()",
        "from PySide6.QtCore import QDate\nx = QDate.currentDate()",
    ],
)
def test_the_guard_catches(source: str) -> None:
    assert len(clock_reads(source, "x.py")) == 1


def test_the_guard_lets_marked_wall_time_through() -> None:
    assert clock_reads(f"import time\nx = time.time()  {REAL_TIME_MARK} (bench)", "x.py") == []


def test_the_suite_runs_on_the_fixed_clock() -> None:
    assert clock.today() == TODAY
    assert abs(clock.now() - NOW.astimezone()) < dt.timedelta(minutes=30)
    assert clock.now().tzinfo is not None and clock.utcnow().utcoffset() == dt.timedelta(0)


def test_a_fixed_clock_moves_on_but_keeps_its_day() -> None:
    fixed = clock.FixedClock(dt.datetime(2031, 3, 4, 10, 0))
    first = fixed.now()
    second = fixed.now()
    assert first.date() == dt.date(2031, 3, 4) and second >= first


def test_from_environment() -> None:
    assert isinstance(clock.from_environment({}), clock.SystemClock)
    assert clock.from_environment({clock.ENV: "2030-02-01"}).now().date() == dt.date(2030, 2, 1)
    moment = clock.from_environment({clock.ENV: "2030-02-01T23:30:00+08:00"}).now()
    assert moment.astimezone(dt.timezone(dt.timedelta(hours=8))).date() == dt.date(2030, 2, 1)
    from selfcheck.errors import SelfcheckError

    with pytest.raises(SelfcheckError, match="SELFCHECK_CLOCK"):
        clock.from_environment({clock.ENV: "next tuesday"})


def test_set_today_moves_every_today(set_today, store) -> None:  # type: ignore[no-untyped-def]
    """Overdue is judged against the clock, not the calendar on the wall."""
    from selfcheck.core.dates import suggested_period

    problem = store.add_problem("门口交通拥堵", owner="李华", deadline=dt.date(2027, 1, 10), raised_on=TODAY)
    assert not problem.overdue(clock.today())
    assert problem.to_json()["overdue"] is False
    assert suggested_period(clock.today()) == "2026年秋季学期"
    set_today(dt.date(2031, 6, 1))
    assert store.problem(problem.id).to_json()["overdue"] is True
    assert suggested_period(clock.today()) == "2031年春季学期"


def test_certificates_and_signatures_follow_the_clock(set_today) -> None:  # type: ignore[no-untyped-def]
    """A certificate made under the clock starts at the clock's moment; a report signed then verifies then."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from reportlab.pdfgen import canvas

    from selfcheck.reports.identity import create_identity, load_cert
    from selfcheck.reports.signing import sign
    from selfcheck.reports.verify import verify

    set_today(dt.date(2030, 5, 6))
    identity = create_identity("城关第一小学", "3412345678", "口令-足够长的一句话", valid_years=1)
    cert = load_cert(identity.cert_pem)
    assert cert.not_valid_before_utc.date() == dt.date(2030, 5, 6)
    assert cert.not_valid_after_utc.date().year == 2031

    buf = io.BytesIO()
    page = canvas.Canvas(buf)
    page.drawString(72, 720, "report")
    page.save()
    import json

    from tests.reports.samples import minimal_report

    data = json.dumps(minimal_report(name="城关第一小学", code="3412345678")).encode()
    signed = sign(buf.getvalue(), data, identity, "口令-足够长的一句话")
    (sig,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert sig.self_reported_timestamp is not None and sig.self_reported_timestamp.date() == dt.date(2030, 5, 6)
    assert verify(signed, [identity.cert_pem]).ok

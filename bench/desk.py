"""The bureau's desk at a county's scale: 500 schools × 40 rounds (4 a year for 10 years) in the desk database.

The database is built through the desk's own API (`Desk.import_roster`, `Desk.file_reports`, one intake per round:
`python -m bench.fixtures desk DIR`), cached under the temp folder. Measured, in this process, the database warm:

* ``desk_round_status_500x40``: `Desk.round_status` for one round (the rows of 500 schools, their 5 sections and
  their ledgers read with the indexes, then ranked overall, per 学区 and per section, missing, overdue and common
  problems computed in `core.desk`) and its JSON, as `round status --json` prints it; the median of 20;
* its floor: bare SQLite doing the same reads (the same four SELECTs on the same indexes, rows fetched as tuples,
  nothing computed). Aim: < 200 ms. ``cpu_ms`` beside it is the process's own CPU time for the same call: what the
  figure is when other programs share the cores (the wall time then measures them too).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

CACHE = Path(tempfile.gettempdir()) / "selfcheck-bench-desk-500x40"
SCHOOLS = 500
ROUNDS = 40
DISTRICTS = 12
CHECKLIST = "wcwk"
SECTIONS = ("一查思想作风", "二查工作作风", "三查行政行为", "四查业务行为", "五查服务质量")


def period(n: int) -> str:
    return f"{2017 + n // 4}年第{n % 4 + 1}季度"


def code(k: int) -> str:
    return f"6109{k:06d}"


def build(folder: Path, schools: int = SCHOOLS, rounds: int = ROUNDS) -> Path:
    """The desk database under `folder` (made once; a complete one is kept)."""
    from selfcheck.core.desk import FiledProblem, RosterEntry, SectionScore, Submission
    from selfcheck.storage.desk import Desk

    folder.mkdir(parents=True, exist_ok=True)
    done = folder / "complete"
    if done.exists():
        return folder
    for stale in folder.glob("bureau-desk.db*"):
        stale.unlink()
    tz = dt.timezone(dt.timedelta(hours=8))
    with Desk.open(folder) as desk:
        desk.import_roster(
            [
                RosterEntry(code(k), f"第{k + 1}学校", f"第{k % DISTRICTS + 1}学区", "小学" if k % 3 else "初中")
                for k in range(schools)
            ],
            "名册.xlsx",
        )
        for n in range(rounds):
            day = dt.date(2017 + n // 4, 3 * (n % 4) + 1, 15)

            def reports(n: int = n, day: dt.date = day) -> Any:
                for k in range(schools):
                    if (k * 7 + n) % 50 == 0:
                        continue  # 2 % of the schools miss each round
                    earned = [(k * 13 + n * 7 + s * 5) % 21 for s in range(5)]
                    points = float(sum(earned))
                    problems = tuple(
                        FiledProblem(
                            f"问题{p}：第{k + 1}学校",
                            f"s{p}.item{(k + p) % 9}",
                            f"检查项目{(k + p) % 9}",
                            "王主任",
                            "办公室",
                            (day + dt.timedelta(days=30 * (p + 1))).isoformat(),
                            ("open", "in_progress", "fixed", "closed")[(k + p + n) % 4],
                        )
                        for p in range(k % 4)
                    )
                    yield Submission(
                        sha256=f"{k:06d}-{n:03d}",
                        path=f"{code(k)}/{n}.pdf",
                        code=code(k),
                        school=f"第{k + 1}学校",
                        checklist_id=CHECKLIST,
                        checklist_version="1.0",
                        checklist_title="五查五看自查表",
                        period=period(n),
                        generated_at=dt.datetime(day.year, day.month, day.day, 9, tzinfo=tz),
                        document_id=f"doc-{k}-{n}",
                        fingerprint=f"fp-{k}-{n}",
                        signer="AB",
                        points=points,
                        max=100.0,
                        percent=points,
                        grade="合格",
                        vetoed=k % 97 == 0,
                        sections=tuple(SectionScore(t, float(e), 20.0) for t, e in zip(SECTIONS, earned, strict=True)),
                        problems=problems,
                    )

            desk.file_reports(reports(), f"第{n + 1}轮")
    done.write_text("ok")
    return folder


def _floor(path: Path, p: str) -> None:
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("SELECT code, name, district, category, active FROM roster").fetchall()
        conn.execute(
            "SELECT code, school, points, max, percent, grade, vetoed, generated_at, checklist_version, fingerprint, "
            "checklist_title FROM submissions WHERE period = ? AND checklist_id = ? AND current = 1",
            [p, CHECKLIST],
        ).fetchall()
        conn.execute(
            "SELECT s.code, x.title, x.earned, x.max FROM submissions s JOIN submission_sections x ON x.submission_id = s.id "
            "WHERE s.period = ? AND s.checklist_id = ? AND s.current = 1",
            [p, CHECKLIST],
        ).fetchall()
        conn.execute(
            "SELECT s.code, p.description, p.item_id, p.item_text, p.owner, p.department, p.deadline, p.status "
            "FROM submissions s JOIN submission_problems p ON p.submission_id = s.id "
            "WHERE s.period = ? AND s.checklist_id = ? AND s.current = 1",
            [p, CHECKLIST],
        ).fetchall()
    finally:
        conn.close()


def bench_desk(results: dict[str, dict[str, Any]], work: Path) -> None:
    from selfcheck.storage.desk import Desk

    folder = build(CACHE)
    target = period(ROUNDS // 2)
    today = dt.date(2027, 6, 1)
    ours: list[float] = []
    floor: list[float] = []
    cpu: list[float] = []  # this process's CPU time: what the figure is when other programs share the cores
    with Desk.open(folder) as desk:
        for _ in range(20):
            start, started = time.perf_counter(), time.process_time()
            json.dumps(desk.round_status(target, CHECKLIST, today).to_json(), ensure_ascii=False)
            ours.append(time.perf_counter() - start)
            cpu.append(time.process_time() - started)
            start = time.perf_counter()
            _floor(desk.path, target)
            floor.append(time.perf_counter() - start)
        path = desk.path
    with sqlite3.connect(str(path)) as bare:  # the bench's own read of the size, beside the desk, as the floor reads
        rows = bare.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
    value, bare = statistics.median(ours) * 1000, statistics.median(floor) * 1000
    results["desk_round_status_500x40"] = {
        "value": round(value, 3),
        "unit": "ms",
        "floor": round(bare, 3),
        "ratio": round(value / bare, 3),
        "submissions": rows,
        "target_ms": 200,
        "cpu_ms": round(statistics.median(cpu) * 1000, 3),
    }

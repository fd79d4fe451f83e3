"""The bureau's desk: the only writer of the desk database (`desk_db.py`): the roster, the verified reports filed per
round (a school's resubmission supersedes, the history kept) and the reviews filed beside them; the round's rows for
`core.desk.status`.

Every write is one atomic unit, audited once, handing back `Changes(desk=True)` (`@writes`, as the school's store).
Filing is streamed: `file_streamed` opens one unit and takes submissions one at a time as the intake verifies them,
so the desk holds none of them in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfcheck.core import clock
from selfcheck.core.changes import NOTHING, Changes
from selfcheck.core.desk import (
    Filed,
    FiledProblem,
    ReviewFiling,
    ReviewRow,
    RosterEntry,
    RoundStatus,
    SectionScore,
    Submission,
    status,
)
from selfcheck.errors import StorageError
from selfcheck.storage import db as dbmod
from selfcheck.storage.base import writes
from selfcheck.storage.db import now
from selfcheck.storage.desk_ca import DeskCA
from selfcheck.storage.desk_db import DESK_NAME, DESK_UPGRADES
from selfcheck.storage.paths import data_dir

__all__ = ["DESK_NAME", "Desk", "Filing", "ReviewsFiled", "RosterImport"]


@dataclass(frozen=True)
class RosterImport:
    added: int
    updated: int
    unchanged: int
    inactive: int  # on the roster before, left out of this file: kept, no longer expected to submit
    changes: Changes = NOTHING


@dataclass(frozen=True)
class Filing:
    """What one intake filed: new submissions, of which current now; copies (the same file filed before)."""

    filed: int = 0
    current: int = 0
    superseded: int = 0
    copies: int = 0
    not_on_roster: list[str] = field(default_factory=list)  # codes filed that the roster does not hold
    changes: Changes = NOTHING


@dataclass(frozen=True)
class ReviewsFiled:
    """What filing reviews came to: filed (new files, of which `superseded` are older exports of a review already
    current), copies (the same file filed before), and the reviews not filed: (file, reason zh, reason en)."""

    filed: int = 0
    superseded: int = 0
    copies: int = 0
    unknown: list[tuple[str, str, str]] = field(default_factory=list)
    changes: Changes = NOTHING


def _utc(at: dt.datetime) -> str:
    """An aware time as UTC ISO text, so that text order is time order in SQL."""
    aware = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).isoformat(timespec="microseconds")


class Desk(DeskCA):
    """Open with `Desk.open(data_dir)`; close with `close()` or use as a context manager."""

    @classmethod
    def open(cls, directory: str | Path | None = None) -> Desk:
        folder = data_dir(directory)
        path = folder / DESK_NAME
        conn = dbmod.connect(path)
        with dbmod.preparing(conn, path, ("教育局台账", "the bureau's desk")):
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "school" in tables or "inspections" in tables:
                raise StorageError(
                    f"{path} 是学校的数据库，不是教育局台账；请检查数据文件夹",
                    f"{path} is a school database, not the bureau's desk; check the data folder",
                )
            dbmod.upgrade_schema(conn, DESK_UPGRADES)
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def outside_changes(self) -> Changes:
        """Another program (the CLI) committed to the desk since this was last asked: everything on it."""
        version = self._data_version()
        if version == self._seen_version:
            return NOTHING
        self._seen_version = version
        return Changes(desk=True)

    # ---- the roster --------------------------------------------------------------------------------------------

    @writes()
    def import_roster(self, entries: Iterable[RosterEntry], source: str) -> RosterImport:
        """Add or update each school by its code; schools on the roster but not in `entries` become inactive."""
        old = {r.code: r for r in self.roster(active_only=False)}
        seen: set[str] = set()
        added = updated = unchanged = 0
        at = now()
        for e in entries:
            seen.add(e.code)
            before = old.get(e.code)
            after = RosterEntry(e.code, e.name, e.district, e.category, True)
            if before == after:
                unchanged += 1
                continue
            self.conn.execute(
                "INSERT INTO roster (code, name, district, category, active, source, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?) "
                "ON CONFLICT (code) DO UPDATE SET name = excluded.name, district = excluded.district, "
                "category = excluded.category, active = 1, source = excluded.source, updated_at = excluded.updated_at",
                [e.code, e.name, e.district, e.category, source, at],
            )
            if before is None:
                added += 1
            else:
                updated += 1
        inactive = [c for c, r in old.items() if c not in seen and r.active]
        for code in inactive:
            self.conn.execute("UPDATE roster SET active = 0, updated_at = ? WHERE code = ?", [at, code])
        self._audit(
            "roster_import",
            "roster",
            source,
            None,
            None,
            {"added": added, "updated": updated, "unchanged": unchanged, "inactive": len(inactive)},
        )
        if added or updated or inactive:
            self._changed(desk=True)
        return RosterImport(added, updated, unchanged, len(inactive))

    def roster(self, *, active_only: bool = True) -> list[RosterEntry]:
        sql = "SELECT code, name, district, category, active FROM roster"
        sql += " WHERE active = 1" if active_only else ""
        return [RosterEntry(r[0], r[1], r[2], r[3], bool(r[4])) for r in self.conn.execute(sql + " ORDER BY district, code")]

    # ---- filing reports ----------------------------------------------------------------------------------------

    @writes()
    def file_reports(self, submissions: Iterable[Submission], source: str) -> Filing:
        """File verified reports (an iterable, consumed once: a generator keeps none of them in memory)."""

        def produce(add: Callable[[Submission], None]) -> None:
            for s in submissions:
                add(s)

        return self._file_all(produce, source)

    @writes()
    def file_streamed(self, produce: Callable[[Callable[[Submission], None]], object], source: str) -> Filing:
        """File what `produce(add)` hands to `add` as it goes (the intake's callback, each report as it is verified);
        all of it one unit: an intake cancelled or failed midway files nothing."""
        return self._file_all(produce, source)

    def _file_all(self, produce: Callable[[Callable[[Submission], None]], object], source: str) -> Filing:
        cursor = self.conn.execute("INSERT INTO intakes (at, source) VALUES (?, ?)", [now(), source])
        intake_id = int(cursor.lastrowid or 0)
        roster = {r[0] for r in self.conn.execute("SELECT code FROM roster WHERE active = 1")}
        tally = {"filed": 0, "current": 0, "superseded": 0, "copies": 0}
        strangers: set[str] = set()

        def add(s: Submission) -> None:
            outcome = self._file_one(s, intake_id)
            tally[outcome] += 1
            if outcome != "copies":
                tally["filed"] += 1
                if s.code not in roster:
                    strangers.add(s.code)

        produce(add)
        self.conn.execute("UPDATE intakes SET filed = ?, copies = ? WHERE id = ?", [tally["filed"], tally["copies"], intake_id])
        self._audit("file_reports", "intake", intake_id, None, None, dict(tally, source=source))
        if tally["filed"]:
            self._changed(desk=True)
        return Filing(tally["filed"], tally["current"], tally["superseded"], tally["copies"], sorted(strangers))

    def _file_one(self, s: Submission, intake_id: int) -> str:
        """One submission: 'copies' (this file was filed before), 'current' (it is now the school's current report
        for the round) or 'superseded' (a newer one is current)."""
        if self.conn.execute("SELECT 1 FROM submissions WHERE sha256 = ?", [s.sha256]).fetchone():
            return "copies"
        at = _utc(s.generated_at)
        cursor = self.conn.execute(
            "INSERT INTO submissions (sha256, path, code, school, checklist_id, checklist_version, checklist_title, "
            "period, generated_at, document_id, fingerprint, signer, points, max, percent, grade, vetoed, current, "
            "intake_id, filed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
            [
                s.sha256,
                s.path,
                s.code,
                s.school,
                s.checklist_id,
                s.checklist_version,
                s.checklist_title,
                s.period,
                at,
                s.document_id,
                s.fingerprint,
                s.signer,
                s.points,
                s.max,
                s.percent,
                s.grade,
                int(s.vetoed),
                intake_id,
                now(),
            ],
        )
        new = int(cursor.lastrowid or 0)
        self.conn.executemany(
            "INSERT INTO submission_sections (submission_id, position, title, earned, max) VALUES (?, ?, ?, ?, ?)",
            [(new, i, x.title, x.earned, x.max) for i, x in enumerate(s.sections)],
        )
        self.conn.executemany(
            "INSERT INTO submission_problems (submission_id, position, description, item_id, item_text, owner, "
            "department, deadline, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (new, i, p.description, p.item_id, p.item_text, p.owner, p.department, p.deadline, p.status)
                for i, p in enumerate(s.problems)
            ],
        )
        old = self.conn.execute(
            "SELECT id, generated_at, path FROM submissions WHERE code = ? AND checklist_id = ? AND period = ? AND current = 1",
            [s.code, s.checklist_id, s.period],
        ).fetchone()
        old_newer = old is not None and (old[1], old[2]) > (at, s.path)  # the newest by its signed time wins; ties by path
        return "current" if self._newest_current("submissions", new, old, old_newer) else "superseded"

    def _newest_current(self, table: str, new: int, old: Any, old_newer: bool) -> bool:
        """Of the row just filed (`new`) and the current one it may replace (`old`: a row whose first column is its
        id, or None), keep the newer one current and mark the other superseded by it; True: the new one is current."""
        if old is not None and old_newer:
            self.conn.execute(f"UPDATE {table} SET superseded_by = ? WHERE id = ?", [old[0], new])
            return False
        if old is not None:
            self.conn.execute(f"UPDATE {table} SET current = 0, superseded_by = ? WHERE id = ?", [new, old[0]])
        self.conn.execute(f"UPDATE {table} SET current = 1 WHERE id = ?", [new])
        return True

    # ---- filing reviews ----------------------------------------------------------------------------------------

    @writes()
    def file_review(self, review: ReviewFiling) -> ReviewsFiled:
        """File one review already verified by the exchange; see `file_reviews`."""
        return self._file_reviews([review])

    @writes()
    def file_reviews(self, reviews: Iterable[ReviewFiling]) -> ReviewsFiled:
        """File reviews already verified by the exchange (their signature and their reviewer's certificate), each
        against the school's report it names by the report's document fingerprint, in one unit. A review naming a
        report the desk does not hold, or naming it with another school, checklist or period, is not filed: it is
        listed in `unknown` with the reason. The same file twice is one review; the same review (its review_id)
        filed again in a newer export supersedes the older file, which is kept (history)."""
        return self._file_reviews(reviews)

    def _file_reviews(self, reviews: Iterable[ReviewFiling]) -> ReviewsFiled:
        tally = {"filed": 0, "superseded": 0, "copies": 0}
        unknown: list[tuple[str, str, str]] = []
        for r in reviews:
            outcome = self._file_review_one(r)
            if isinstance(outcome, tuple):
                unknown.append((r.path, *outcome))
            else:
                tally[outcome] += 1
                tally["filed"] += outcome == "superseded"
        if tally["filed"]:
            self._changed(desk=True)
        return ReviewsFiled(tally["filed"], tally["superseded"], tally["copies"], unknown)

    def _file_review_one(self, r: ReviewFiling) -> str | tuple[str, str]:
        """'copies', 'filed' (current now), 'superseded' (filed, a newer export of it is current), or why it is not
        filed (zh, en)."""
        if self.conn.execute("SELECT 1 FROM reviews WHERE sha256 = ?", [r.sha256]).fetchone():
            return "copies"
        named = self.conn.execute(
            "SELECT id, code, checklist_id, period, school FROM submissions WHERE fingerprint = ? ORDER BY id LIMIT 1",
            [r.report_fingerprint],
        ).fetchone()
        where = f"{r.code} {r.period} {r.checklist_id}"
        if named is None:
            return (
                f"督查意见（{r.level}，{r.unit}）所督查的报告（学校代码 {where}，报告指纹 {r.report_fingerprint[:16]}…）"
                "不在教育局台账中，未归档；请先汇总该校的这份报告（bureau collect --trust），再归档督查意见",
                f"the review ({r.level}, {r.unit}) names a report ({where}, fingerprint {r.report_fingerprint[:16]}...) "
                "the desk does not hold; not filed: collect that report first",
            )
        if (named[1], named[2], named[3]) != (r.code, r.checklist_id, r.period):
            return (
                f"督查意见中的学校、检查表或期次（{where}）与所督查的报告（{named[4]} {named[1]} {named[3]} {named[2]}）"
                "不一致，未归档",
                f"the review's school, checklist or period ({where}) differ from the report it names; not filed",
            )
        at = _utc(r.generated_at)
        cursor = self.conn.execute(
            "INSERT INTO reviews (sha256, review_id, report_fingerprint, code, checklist_id, period, level, reviewer, "
            "unit, points, max, percent, grade, generated_at, filed_at, current, submission_id, path) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
            [r.sha256, r.review_id, r.report_fingerprint, r.code, r.checklist_id, r.period, r.level, r.reviewer, r.unit,
             r.points, r.max, r.percent, r.grade, at, now(), named[0], r.path],
        )  # fmt: skip
        new = int(cursor.lastrowid or 0)
        self._audit("file_review", "review", new, None, None, {"code": r.code, "level": r.level, "report": r.report_fingerprint})
        old = self.conn.execute(
            "SELECT id, generated_at FROM reviews WHERE review_id = ? AND current = 1 AND id != ?", [r.review_id, new]
        ).fetchone()
        old_newer = old is not None and (old[1], old[0]) > (at, new)  # an older export of a review filed after its newer one
        return "filed" if self._newest_current("reviews", new, old, old_newer) else "superseded"

    def review_history(self, code: str, period: str, checklist_id: str) -> list[tuple[str, str, str, bool, str]]:
        """A school's reviews filed for a round, newest first: (generated_at, level, unit, current, path)."""
        return [
            (r["generated_at"], r["level"], r["unit"], r["current"], r["file"])
            for r in self.review_versions(code, period, checklist_id)
        ]

    def review_versions(self, code: str, period: str, checklist_id: str) -> list[dict[str, Any]]:
        """A school's reviews filed for a round, newest first, each with what `round history` shows of it: when it
        was made and filed, level, reviewing unit and person, current or superseded, the file, its SHA-256 and the
        document fingerprint of the report it reviewed."""
        keys = ("generated_at", "level", "unit", "reviewer", "current", "file", "sha256", "report_fingerprint", "filed_at")
        rows = self.conn.execute(
            "SELECT generated_at, level, unit, reviewer, current, path, sha256, report_fingerprint, filed_at FROM reviews "
            "WHERE code = ? AND period = ? AND checklist_id = ? ORDER BY generated_at DESC, id DESC",
            [code, period, checklist_id],
        )
        return [{**dict(zip(keys, r, strict=True)), "current": bool(r[4])} for r in rows]

    # ---- reading a round ---------------------------------------------------------------------------------------

    def rounds(self) -> list[tuple[str, str, str, int]]:
        """(period, checklist id, checklist title, schools with a current report) of every round filed, newest
        period first."""
        rows = self.conn.execute(
            "SELECT period, checklist_id, MAX(checklist_title), COUNT(*) FROM submissions WHERE current = 1 "
            "GROUP BY period, checklist_id ORDER BY period DESC, checklist_id"
        ).fetchall()
        return [(r[0], r[1], r[2], int(r[3])) for r in rows]

    def round_status(self, period: str, checklist_id: str, today: dt.date | None = None) -> RoundStatus:
        """The round's status (`core.desk.status`) from its rows, read in a few indexed queries."""
        day = today or clock.today()
        roster = self.roster(active_only=False)
        on_roster = {r.code: r for r in roster}
        versions = dict(
            self.conn.execute(
                "SELECT code, COUNT(*) FROM submissions WHERE period = ? AND checklist_id = ? GROUP BY code",
                [period, checklist_id],
            ).fetchall()
        )
        filed: list[Filed] = []
        title = ""
        for r in self.conn.execute(
            "SELECT code, school, points, max, percent, grade, vetoed, generated_at, checklist_version, fingerprint, "
            "checklist_title FROM submissions WHERE period = ? AND checklist_id = ? AND current = 1",
            [period, checklist_id],
        ):
            entry = on_roster.get(r[0])
            title = r[10]
            filed.append(
                Filed(
                    code=r[0],
                    school=entry.name if entry else r[1],
                    district=entry.district if entry else "",
                    category=entry.category if entry else "",
                    on_roster=entry is not None and entry.active,
                    points=r[2],
                    max=r[3],
                    percent=r[4],
                    grade=r[5],
                    vetoed=bool(r[6]),
                    generated_at=r[7],
                    checklist_version=r[8],
                    fingerprint=r[9],
                    versions=int(versions.get(r[0], 1)),
                )
            )
        current_fp = {f.code: f.fingerprint for f in filed}
        sections = [
            (r[0], SectionScore(r[1], r[2], r[3]))
            for r in self.conn.execute(
                "SELECT s.code, x.title, x.earned, x.max FROM submissions s "
                "JOIN submission_sections x ON x.submission_id = s.id "
                "WHERE s.period = ? AND s.checklist_id = ? AND s.current = 1 ORDER BY x.position",
                [period, checklist_id],
            )
        ]
        problems = [
            (r[0], FiledProblem(r[1], r[2], r[3], r[4], r[5], r[6], r[7]))
            for r in self.conn.execute(
                "SELECT s.code, p.description, p.item_id, p.item_text, p.owner, p.department, p.deadline, p.status "
                "FROM submissions s JOIN submission_problems p ON p.submission_id = s.id "
                "WHERE s.period = ? AND s.checklist_id = ? AND s.current = 1 ORDER BY s.code, p.position",
                [period, checklist_id],
            )
        ]
        reviews = [
            ReviewRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], current_fp.get(r[0]) == r[9])
            for r in self.conn.execute(
                "SELECT code, level, reviewer, unit, points, max, percent, grade, generated_at, report_fingerprint "
                "FROM reviews WHERE period = ? AND checklist_id = ? AND current = 1 ORDER BY generated_at, id",
                [period, checklist_id],
            )
        ]
        if not title:
            row = self.conn.execute(
                "SELECT checklist_title FROM submissions WHERE checklist_id = ? ORDER BY id DESC LIMIT 1", [checklist_id]
            ).fetchone()
            title = row[0] if row else checklist_id
        return status(period, checklist_id, title, day, roster, filed, sections, problems, reviews)

    def history(self, code: str, period: str, checklist_id: str) -> list[tuple[str, str, bool, str]]:
        """A school's reports for a round, newest first: (generated_at, path, current, sha256)."""
        return [
            (r[0], r[1], bool(r[2]), r[3])
            for r in self.conn.execute(
                "SELECT generated_at, path, current, sha256 FROM submissions WHERE code = ? AND period = ? "
                "AND checklist_id = ? ORDER BY generated_at DESC, path DESC",
                [code, period, checklist_id],
            )
        ]

"""The bureau's desk database: a file of its own (``bureau-desk.db``) beside the school database in the data folder,
with its own list of schema upgrades (recorded in its own `migrations` table), so a bureau PC that also fills in a
school's inspections keeps the two apart: the school's `Store` never opens the desk's file, and the desk never opens
``selfcheck.db``."""

from __future__ import annotations

import sqlite3

from selfcheck.storage.db import Upgrade

DESK_NAME = "bureau-desk.db"


def _d001_desk(db: sqlite3.Connection) -> None:
    for sql in SCHEMA_D1:
        db.execute(sql)


SCHEMA_D1 = (
    # The roster (名册): one row per school; a school left out of a later import is kept, inactive.
    """CREATE TABLE roster (
        code TEXT PRIMARY KEY, name TEXT NOT NULL, district TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL DEFAULT '', active INTEGER NOT NULL DEFAULT 1,
        source TEXT, updated_at TEXT NOT NULL)""",
    # Each verified report filed: all of them kept (the history); one current per school, checklist and period.
    """CREATE TABLE submissions (
        id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, path TEXT NOT NULL,
        code TEXT NOT NULL, school TEXT NOT NULL,
        checklist_id TEXT NOT NULL, checklist_version TEXT NOT NULL, checklist_title TEXT NOT NULL,
        period TEXT NOT NULL, generated_at TEXT NOT NULL, document_id TEXT NOT NULL, fingerprint TEXT NOT NULL,
        signer TEXT NOT NULL, points REAL NOT NULL, max REAL NOT NULL, percent REAL, grade TEXT,
        vetoed INTEGER NOT NULL, current INTEGER NOT NULL DEFAULT 0, superseded_by INTEGER REFERENCES submissions (id),
        intake_id INTEGER REFERENCES intakes (id), filed_at TEXT NOT NULL)""",
    # a round's current submissions in one index range; a school's group for the newest-wins rule
    "CREATE INDEX submissions_round ON submissions (period, checklist_id, current, code)",
    "CREATE INDEX submissions_group ON submissions (code, checklist_id, period, current)",
    "CREATE INDEX submissions_fingerprint ON submissions (fingerprint)",
    """CREATE TABLE submission_sections (
        submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL, title TEXT NOT NULL, earned REAL NOT NULL, max REAL NOT NULL,
        PRIMARY KEY (submission_id, position)) WITHOUT ROWID""",
    """CREATE TABLE submission_problems (
        submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL, description TEXT NOT NULL, item_id TEXT, item_text TEXT,
        owner TEXT, department TEXT, deadline TEXT, status TEXT NOT NULL,
        PRIMARY KEY (submission_id, position)) WITHOUT ROWID""",
    # Reviews (督查) filed beside the report they name; the latest per school and level counts.
    """CREATE TABLE reviews (
        id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, review_id TEXT NOT NULL,
        report_fingerprint TEXT NOT NULL, code TEXT NOT NULL, checklist_id TEXT NOT NULL, period TEXT NOT NULL,
        level TEXT NOT NULL, reviewer TEXT NOT NULL, unit TEXT NOT NULL,
        points REAL NOT NULL, max REAL NOT NULL, percent REAL, grade TEXT,
        generated_at TEXT NOT NULL, filed_at TEXT NOT NULL)""",
    "CREATE INDEX reviews_round ON reviews (period, checklist_id, code)",
    # One row per intake run that filed into the desk.
    """CREATE TABLE intakes (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, source TEXT NOT NULL,
        filed INTEGER NOT NULL DEFAULT 0, copies INTEGER NOT NULL DEFAULT 0)""",
    # The same audit log as the school database's: one unit per user action.
    """CREATE TABLE audit (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL,
        entity TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT, old, new, unit INTEGER)""",
    "CREATE INDEX audit_unit ON audit (unit)",
)


def _d002_review_history(db: sqlite3.Connection) -> None:
    for sql in SCHEMA_D2:
        db.execute(sql)


SCHEMA_D2 = (
    # A review is filed against the report it names (its submission); the same review (its review_id) exported again
    # and filed supersedes the earlier file, which is kept as history (current = 0), as a report's resubmission.
    "ALTER TABLE reviews ADD COLUMN current INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE reviews ADD COLUMN superseded_by INTEGER REFERENCES reviews (id)",
    "ALTER TABLE reviews ADD COLUMN submission_id INTEGER REFERENCES submissions (id)",
    "ALTER TABLE reviews ADD COLUMN path TEXT NOT NULL DEFAULT ''",
    "UPDATE reviews SET submission_id = (SELECT s.id FROM submissions s WHERE s.fingerprint = reviews.report_fingerprint "
    "ORDER BY s.id LIMIT 1)",
    # reviews filed before this upgrade: of one review_id only the newest stays current
    "UPDATE reviews SET current = 0 WHERE EXISTS (SELECT 1 FROM reviews r WHERE r.review_id = reviews.review_id "
    "AND (r.generated_at, r.id) > (reviews.generated_at, reviews.id))",
    "CREATE INDEX reviews_review_id ON reviews (review_id, current)",
)


def _d003_ca(db: sqlite3.Connection) -> None:
    for sql in SCHEMA_D3:
        db.execute(sql)


SCHEMA_D3 = (
    # The bureau's certificate authority (one; its key encrypted under the bureau's passphrase), and every school
    # certificate it issued (`bureau ca issue`).
    """CREATE TABLE ca (
        id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL, key_pem BLOB NOT NULL, cert_pem BLOB NOT NULL,
        fingerprint TEXT NOT NULL, created_at TEXT NOT NULL)""",
    """CREATE TABLE issued (
        id INTEGER PRIMARY KEY, serial TEXT NOT NULL UNIQUE, code TEXT NOT NULL, school TEXT NOT NULL,
        fingerprint TEXT NOT NULL, not_after TEXT NOT NULL, issued_at TEXT NOT NULL)""",
    "CREATE INDEX issued_code ON issued (code)",
)

# The desk's schema upgrades, in order (never the school database's `UPGRADES`, and never mixed with them).
DESK_UPGRADES: list[tuple[str, Upgrade]] = [
    ("d001_desk", _d001_desk),
    ("d002_review_history", _d002_review_history),
    ("d003_ca", _d003_ca),
]

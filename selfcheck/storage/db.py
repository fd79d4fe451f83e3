"""Opening the database: durable pragmas, explicit transactions, schema migrations recorded in it."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from selfcheck.core import clock
from selfcheck.errors import StorageError
from selfcheck.storage.paths import private_dir, private_file

if TYPE_CHECKING:
    import sqlite_utils

DB = TypeVar("DB", sqlite3.Connection, "sqlite_utils.Database")


def now() -> str:
    """Local time with its offset, to the millisecond: what the audit log and 'last change' show."""
    return clock.now().isoformat(timespec="milliseconds")


PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",  # a power cut after a save returns never loses that save
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
)


# What a damaged or unreadable database file raises: a bad schema can even fail to decode as UTF-8.
DB_ERRORS = (sqlite3.Error, UnicodeDecodeError)


def connect(path: Path) -> sqlite3.Connection:
    conn = None
    try:
        private_dir(path.parent)
        if not path.exists():  # created 0600, so no moment exists when another user could open it
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        private_file(path)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so one user action is one transaction.
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        for pragma in PRAGMAS:
            conn.execute(pragma)
        for side in ("-wal", "-shm"):  # SQLite makes them with the database's mode; older ones may predate that
            private_file(path.with_name(path.name + side))
        return conn
    except (*DB_ERRORS, OSError) as exc:
        if conn is not None:
            conn.close()
        raise StorageError(f"无法打开数据库 {path}：{exc}", f"cannot open the database {path}: {exc}") from None


@contextlib.contextmanager
def preparing(conn: sqlite3.Connection, path: Path, what: tuple[str, str]) -> Iterator[None]:
    """Checking and upgrading a database just opened: on a failure the connection is closed, and what SQLite
    refuses becomes a StorageError that `what` (Chinese, English) may be damaged and a backup restores it."""
    try:
        yield
    except DB_ERRORS as exc:
        conn.close()
        raise StorageError(
            f"无法读取{what[0]} {path}（{exc}）；它可能已损坏，请从备份恢复",
            f"cannot read {what[1]} {path} ({exc}); it may be damaged: restore a backup",
        ) from None
    except StorageError:
        conn.close()
        raise


def write_failed(exc: BaseException) -> StorageError:
    return StorageError(
        f"数据库写入失败（{exc}），本次操作未保存，之前保存的内容不受影响；请检查磁盘空间，或关闭其他正在使用数据库的程序",
        f"the database refused the write ({exc}); this action was not saved, earlier data is untouched",
    )


@contextlib.contextmanager
def transaction(db: DB) -> Iterator[DB]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error: nothing half-written ever stays.

    For the schema upgrades, which run before there is a store; the store's own writes nest (`Store.atomic`).
    A write the database refuses (locked, disk full, I/O error) becomes a StorageError a user can act on.
    """
    conn = db if isinstance(db, sqlite3.Connection) else db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
    except DB_ERRORS as exc:
        raise write_failed(exc) from None
    try:
        yield db
        conn.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(*DB_ERRORS):  # SQLite may have rolled back already (disk full)
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        if isinstance(exc, DB_ERRORS):
            raise write_failed(exc) from None
        raise


Upgrade = Callable[[sqlite3.Connection], None]


def _m001_initial(db: sqlite3.Connection) -> None:
    for sql in SCHEMA_1:
        db.execute(sql)


SCHEMA_1 = (
    """CREATE TABLE school (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL, code TEXT NOT NULL, principal TEXT NOT NULL, address TEXT,
        updated_at TEXT NOT NULL)""",
    """CREATE TABLE templates (
        template_id TEXT NOT NULL, version TEXT NOT NULL, version_key TEXT NOT NULL,
        title TEXT NOT NULL, issuer TEXT NOT NULL, effective_date TEXT NOT NULL,
        content_hash TEXT NOT NULL, content TEXT NOT NULL, items INTEGER NOT NULL,
        source TEXT NOT NULL, installed_at TEXT NOT NULL,
        PRIMARY KEY (template_id, version))""",
    """CREATE TABLE inspections (
        id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE,
        template_id TEXT NOT NULL, template_version TEXT NOT NULL,
        period TEXT NOT NULL, inspectors TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'complete')),
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, completed_at TEXT,
        FOREIGN KEY (template_id, template_version) REFERENCES templates (template_id, version))""",
    """CREATE TABLE answers (
        inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
        item_id TEXT NOT NULL, option TEXT, value, note TEXT, updated_at TEXT NOT NULL,
        PRIMARY KEY (inspection_id, item_id)) WITHOUT ROWID""",
    """CREATE TABLE problems (
        id INTEGER PRIMARY KEY,
        inspection_id INTEGER REFERENCES inspections (id),
        template_id TEXT, item_id TEXT,
        source TEXT NOT NULL CHECK (source IN ('answer', 'manual')),
        description TEXT NOT NULL, measure TEXT, owner TEXT, department TEXT, deadline TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'fixed', 'closed')),
        raised_on TEXT NOT NULL, verified_by TEXT, verified_on TEXT, evidence TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    "CREATE INDEX problems_status ON problems (status)",
    "CREATE INDEX problems_inspection ON problems (inspection_id)",
    """CREATE TABLE carryovers (
        inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
        problem_id INTEGER NOT NULL REFERENCES problems (id),
        status_at_start TEXT NOT NULL,
        PRIMARY KEY (inspection_id, problem_id))""",
    """CREATE TABLE audit (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL,
        entity TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT, old, new)""",
    "CREATE INDEX audit_entity ON audit (entity, entity_id)",
    """CREATE TABLE builtin_files (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, installed_at TEXT NOT NULL)""",
)


def _m002_signing(db: sqlite3.Connection) -> None:
    for sql in SCHEMA_2:
        db.execute(sql)


SCHEMA_2 = (
    "ALTER TABLE school ADD COLUMN signature_image BLOB",
    "ALTER TABLE school ADD COLUMN seal_image BLOB",
    # The school's signing identity: the key only ever stored encrypted (PKCS#8 under the principal's passphrase).
    """CREATE TABLE identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        key_pem BLOB NOT NULL, cert_pem BLOB NOT NULL, fingerprint TEXT NOT NULL, created_at TEXT NOT NULL)""",
    """CREATE TABLE exports (
        id INTEGER PRIMARY KEY,
        inspection_id INTEGER NOT NULL REFERENCES inspections (id),
        path TEXT NOT NULL, sha256 TEXT NOT NULL, signed INTEGER NOT NULL, fingerprint TEXT,
        document_id TEXT NOT NULL, exported_at TEXT NOT NULL)""",
)


def _m003_trust(db: sqlite3.Connection) -> None:
    for sql in SCHEMA_3:
        db.execute(sql)


SCHEMA_3 = (
    # Bureau keys the school trusts to sign checklists (Ed25519 public keys, PEM).
    """CREATE TABLE trusted_keys (
        fingerprint TEXT PRIMARY KEY, public_pem TEXT NOT NULL, name TEXT, added_at TEXT NOT NULL)""",
    # Where each installed checklist came from; a template without a row is builtin or unsigned by its source.
    """CREATE TABLE template_provenance (
        template_id TEXT NOT NULL, version TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('builtin', 'signed', 'unsigned')),
        key_fingerprint TEXT, key_name TEXT, file TEXT, file_sha256 TEXT, recorded_at TEXT NOT NULL,
        CHECK ((kind = 'signed') = (key_fingerprint IS NOT NULL)),
        PRIMARY KEY (template_id, version),
        FOREIGN KEY (template_id, version) REFERENCES templates (template_id, version))""",
)


def _m005_app(db: sqlite3.Connection) -> None:
    for sql in SCHEMA_5:
        db.execute(sql)


SCHEMA_5 = (
    # A signed inspection is locked; reopening it starts the next revision (the audit log keeps the story).
    "ALTER TABLE inspections ADD COLUMN revision INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE inspections ADD COLUMN signed_at TEXT",
    # Evidence files attached to an item: copied into the data folder, never referenced where they were.
    """CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
        item_id TEXT NOT NULL, name TEXT NOT NULL, stored TEXT NOT NULL, sha256 TEXT NOT NULL,
        size INTEGER NOT NULL, added_at TEXT NOT NULL)""",
    "CREATE INDEX evidence_item ON evidence (inspection_id, item_id)",
)


def _m004_migration(db: sqlite3.Connection) -> None:
    for sql in SCHEMA_4:
        db.execute(sql)


SCHEMA_4 = (
    # Moving an inspection to a newer checklist version: answers flagged for a second look, one row per item.
    """CREATE TABLE answer_reviews (
        inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
        item_id TEXT NOT NULL, reason TEXT NOT NULL, from_version TEXT NOT NULL, to_version TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (inspection_id, item_id)) WITHOUT ROWID""",
    # Answers the new version could not take, kept as they were (the audit log has them too).
    """CREATE TABLE dropped_answers (
        id INTEGER PRIMARY KEY,
        inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
        item_id TEXT NOT NULL, option TEXT, value, note TEXT, answered_at TEXT,
        reason TEXT NOT NULL, from_version TEXT NOT NULL, to_version TEXT NOT NULL, dropped_at TEXT NOT NULL)""",
    "CREATE INDEX dropped_answers_inspection ON dropped_answers (inspection_id)",
)


def _m006_units(db: sqlite3.Connection) -> None:
    for sql in SCHEMA_6:
        db.execute(sql)


SCHEMA_6 = (
    # One user action is one atomic unit: its audit rows share the unit's number (storage/base.py).
    "ALTER TABLE audit ADD COLUMN unit INTEGER",
    "CREATE INDEX audit_unit ON audit (unit)",
    # Lists filtered in SQL: overdue problems (status, deadline), a problem's carry-overs.
    "CREATE INDEX problems_deadline ON problems (status, deadline)",
    "CREATE INDEX carryovers_problem ON carryovers (problem_id)",
    # Each inspection's figures as last computed, valid while `basis` (its last change and checklist version) holds:
    # a list of 300 inspections reads them instead of scoring 300 times. A cache: never user data, never audited.
    """CREATE TABLE summaries (
        inspection_id INTEGER PRIMARY KEY REFERENCES inspections (id) ON DELETE CASCADE,
        basis TEXT NOT NULL, summary TEXT NOT NULL)""",
    # ... and dropped by the database itself whenever an answer or the checklist version changes, whoever writes.
    "CREATE TRIGGER summaries_answer_in AFTER INSERT ON answers BEGIN "
    "DELETE FROM summaries WHERE inspection_id = NEW.inspection_id; END",
    "CREATE TRIGGER summaries_answer_set AFTER UPDATE ON answers BEGIN "
    "DELETE FROM summaries WHERE inspection_id IN (OLD.inspection_id, NEW.inspection_id); END",
    "CREATE TRIGGER summaries_answer_out AFTER DELETE ON answers BEGIN "
    "DELETE FROM summaries WHERE inspection_id = OLD.inspection_id; END",
    "CREATE TRIGGER summaries_version AFTER UPDATE OF template_version ON inspections BEGIN "
    "DELETE FROM summaries WHERE inspection_id = NEW.id; END",
)


def _m007_report_text(db: sqlite3.Connection) -> None:
    for sql in SCHEMA_7:
        db.execute(sql)


SCHEMA_7 = (
    # What the 自查报告 says besides the answers, set by the principal before signing: the narrative (正文), the
    # addressee (主送), the document number (发文字号) and the inspection date (自查日期, ISO); NULL means the default.
    """CREATE TABLE report_texts (
        inspection_id INTEGER PRIMARY KEY REFERENCES inspections (id) ON DELETE CASCADE,
        narrative TEXT, addressee TEXT, document_number TEXT, inspection_date TEXT, updated_at TEXT NOT NULL)""",
)


def _m008_review(db: sqlite3.Connection) -> None:
    for sql in SCHEMA_8:
        db.execute(sql)
    # A problem may come from a review (督查): the CHECK on problems.source widens. SQLite cannot ALTER a CHECK; its
    # documented way (lang_altertable.html, "making other kinds of table schema changes") is to edit the stored
    # CREATE statement, which leaves every row and index as it is. Inside this upgrade's transaction.
    version = int(db.execute("PRAGMA schema_version").fetchone()[0])
    db.execute("PRAGMA writable_schema=ON")
    try:
        db.execute(
            "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'problems'",
            ["CHECK (source IN ('answer', 'manual'))", "CHECK (source IN ('answer', 'manual', 'review'))"],
        )
        db.execute(f"PRAGMA schema_version={version + 1}")
    finally:
        db.execute("PRAGMA writable_schema=OFF")


SCHEMA_8 = (
    # the kind of unit this data folder is: a school, or a reviewing unit (学区 / 督查组 / 教育局)
    "ALTER TABLE school ADD COLUMN unit_kind TEXT NOT NULL DEFAULT '学校'",
    # 对标四查. A review of a school's signed report, on either side: 'given' in the reviewer's database (with the
    # school's report data as it was embedded), 'received' in the school's (bound to the inspection whose signed
    # export has the file sha256 the review names, with the review data as it was embedded).
    """CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        side TEXT NOT NULL CHECK (side IN ('given', 'received')),
        level TEXT NOT NULL,
        reviewer_name TEXT NOT NULL, reviewer_code TEXT NOT NULL, reviewer_kind TEXT NOT NULL,
        people TEXT NOT NULL,
        report_sha256 TEXT NOT NULL,
        school_name TEXT NOT NULL, school_code TEXT NOT NULL, period TEXT NOT NULL,
        template_id TEXT NOT NULL, template_version TEXT NOT NULL,
        report_data TEXT, report_signer TEXT,
        inspection_id INTEGER REFERENCES inspections (id),
        opinion TEXT, review_date TEXT,
        data TEXT, file_sha256 TEXT, signer_fingerprint TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    "CREATE INDEX reviews_report ON reviews (report_sha256)",
    "CREATE INDEX reviews_inspection ON reviews (inspection_id)",
    # 督查情况 per item: the same answer kinds as the checklist's
    """CREATE TABLE review_answers (
        review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        item_id TEXT NOT NULL, option TEXT, value, note TEXT, updated_at TEXT NOT NULL,
        PRIMARY KEY (review_id, item_id)) WITHOUT ROWID""",
    # what the reviewer found, per item (item_id) or overall (NULL)
    """CREATE TABLE review_problems (
        id INTEGER PRIMARY KEY,
        review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        item_id TEXT, description TEXT NOT NULL)""",
    "CREATE INDEX review_problems_review ON review_problems (review_id)",
    # earlier reviews of the same report at other levels, by other units, verified when this review began: their
    # summaries travel in this review's export (a later review sees the earlier ones)
    """CREATE TABLE review_earlier (
        review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        uid TEXT NOT NULL, summary TEXT NOT NULL, file_sha256 TEXT NOT NULL,
        PRIMARY KEY (review_id, uid))""",
    # the school's ledger problems raised from a received review, one per key (an item id, or "*" + an overall
    # problem's text): importing the same review again raises nothing twice
    """CREATE TABLE review_raised (
        review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        problem_id INTEGER NOT NULL REFERENCES problems (id),
        PRIMARY KEY (review_id, key))""",
)


def _m009_clues(db: sqlite3.Connection) -> None:
    for sql in SCHEMA_9:
        db.execute(sql)
    # 四不放过 in full: a problem closed before this upgrade kept its state, but the record says what it lacks by
    # today's rule (no handling was ever asked for), so the ledger can show it instead of pretending it was met.
    db.execute(
        "UPDATE problems SET lacks = ? WHERE status = 'closed' AND (handling IS NULL OR handling = '')",
        ['["handling"]'],
    )


SCHEMA_9 = (
    # The clue register (问题线索): a complaint from a parent, a student or the public, and where it stands. `contact`
    # is private: lists show it masked, reports and exports never carry it.
    """CREATE TABLE clues (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL, channel TEXT NOT NULL, received_on TEXT NOT NULL, contact TEXT,
        summary TEXT NOT NULL, staff TEXT,
        stage TEXT NOT NULL DEFAULT '受理' CHECK (stage IN ('受理', '核查', '处理', '答复', '办结')),
        finding TEXT CHECK (finding IS NULL OR finding IN ('属实', '部分属实', '不属实')),
        checked_by TEXT, checked_on TEXT, handling TEXT, accountability TEXT, handled_on TEXT,
        answer TEXT, answered_on TEXT, concluded_on TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    "CREATE INDEX clues_received ON clues (received_on)",
    # Each stage as it was recorded (a correction records the stage again); the audit log has the same story.
    """CREATE TABLE clue_steps (
        id INTEGER PRIMARY KEY,
        clue_id INTEGER NOT NULL REFERENCES clues (id),
        stage TEXT NOT NULL, day TEXT NOT NULL, detail TEXT NOT NULL, recorded_at TEXT NOT NULL)""",
    "CREATE INDEX clue_steps_clue ON clue_steps (clue_id)",
    # A problem raised from a clue (one clue, one or more problems).
    """CREATE TABLE problem_clues (
        problem_id INTEGER PRIMARY KEY REFERENCES problems (id),
        clue_id INTEGER NOT NULL REFERENCES clues (id))""",
    "CREATE INDEX problem_clues_clue ON problem_clues (clue_id)",
    # 四不放过 in full on the problem: the handling (处理), who raised it (a person to answer), the answer given.
    "ALTER TABLE problems ADD COLUMN handling TEXT",
    "ALTER TABLE problems ADD COLUMN raised_by TEXT",
    "ALTER TABLE problems ADD COLUMN answer TEXT",
    "ALTER TABLE problems ADD COLUMN answered_on TEXT",
    # What a problem closed before 四不放过 was asked in full lacks (JSON list of field keys); NULL when nothing.
    "ALTER TABLE problems ADD COLUMN lacks TEXT",
)


def _m010_tasks(db: sqlite3.Connection) -> None:
    for sql in SCHEMA_10:
        db.execute(sql)


SCHEMA_10 = (
    # Responsibility lists (责任清单): a task with its standard, owner, department and deadline, standalone or carrying
    # out a ledger problem; its dated progress entries (percent, note, an evidence file copied into the data folder).
    """CREATE TABLE tasks (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL, standard TEXT NOT NULL, owner TEXT NOT NULL, department TEXT, deadline TEXT NOT NULL,
        problem_id INTEGER REFERENCES problems (id),
        created_on TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    "CREATE INDEX tasks_problem ON tasks (problem_id)",
    """CREATE TABLE task_progress (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        on_date TEXT NOT NULL, percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100), note TEXT NOT NULL,
        evidence_name TEXT, evidence_stored TEXT, evidence_sha256 TEXT, evidence_size INTEGER,
        added_at TEXT NOT NULL)""",
    "CREATE INDEX task_progress_task ON task_progress (task_id, on_date)",
)


def _m011_cadence(db: sqlite3.Connection) -> None:
    for sql in SCHEMA_11:
        db.execute(sql)


SCHEMA_11 = (
    # The school's rhythm (一月一查、一季度一小结、半年一考核): one row, absent until the school sets it.
    """CREATE TABLE cadence (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        monthly INTEGER NOT NULL, quarterly INTEGER NOT NULL, half_year INTEGER NOT NULL,
        monthly_checklist TEXT, grace_days INTEGER NOT NULL DEFAULT 10, since TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    # Quarterly summaries and half-year assessments: the text the principal edits before signing, and the signed file.
    """CREATE TABLE period_documents (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('quarterly', 'half_year')),
        start_date TEXT NOT NULL, end_date TEXT NOT NULL,
        narrative TEXT, addressee TEXT, document_number TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        signed_at TEXT, path TEXT, sha256 TEXT, document_id TEXT, fingerprint TEXT,
        UNIQUE (kind, start_date, end_date))""",
)


def _m012_problem_evidence(db: sqlite3.Connection) -> None:
    for sql in SCHEMA_12:
        db.execute(sql)


SCHEMA_12 = (
    # Evidence files of a ledger problem, before or after rectification (整改前 / 整改后), copied into the data
    # folder under evidence/0/ (inspection ids start at 1: the folder is the ledger's). Item evidence stays in
    # `evidence`, untouched.
    """CREATE TABLE problem_evidence (
        id INTEGER PRIMARY KEY,
        problem_id INTEGER NOT NULL REFERENCES problems (id),
        phase TEXT NOT NULL CHECK (phase IN ('before', 'after')),
        name TEXT NOT NULL, stored TEXT NOT NULL, sha256 TEXT NOT NULL,
        size INTEGER NOT NULL, added_at TEXT NOT NULL)""",
    "CREATE INDEX problem_evidence_problem ON problem_evidence (problem_id)",
)


# Schema upgrades, in order; the name of each one applied is kept in the database's `migrations` table.
# (Moving an inspection's answers to a newer checklist version is another thing: storage/version_move.py.)
UPGRADES: list[tuple[str, Upgrade]] = [
    ("001_initial", _m001_initial),
    ("002_signing", _m002_signing),
    ("003_trust", _m003_trust),
    ("004_migration", _m004_migration),
    ("005_app", _m005_app),
    ("006_units", _m006_units),
    ("007_report_text", _m007_report_text),
    ("008_review", _m008_review),
    ("009_clues", _m009_clues),
    ("010_tasks", _m010_tasks),
    ("011_cadence", _m011_cadence),
    ("012_problem_evidence", _m012_problem_evidence),
]


def upgrade_schema(db: sqlite3.Connection, upgrades: list[tuple[str, Upgrade]] | None = None) -> list[str]:
    """Apply the schema upgrades this database has not had yet, each in its own transaction; return their names.
    `upgrades`: another database's list (the bureau's desk, storage/desk_db.py); the school's by default."""
    upgrades = UPGRADES if upgrades is None else upgrades
    db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in db.execute("SELECT name FROM migrations").fetchall()}
    known = {name for name, _ in upgrades}
    unknown = done - known
    if unknown:
        raise StorageError(
            "数据库由更新版本的 selfcheck 创建，请升级软件后再打开",
            f"the database was made by a newer selfcheck ({', '.join(sorted(unknown))}); upgrade to open it",
        )
    applied = []
    for name, step in upgrades:
        if name in done:
            continue
        with transaction(db):
            step(db)
            db.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", [name, now()])
        applied.append(name)
    return applied

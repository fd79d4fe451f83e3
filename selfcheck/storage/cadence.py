"""The cadence (一月一查、一季度一小结、半年一考核): the school's rhythm, the quarterly summaries and half-year assessments
(their text before signing, the signed file), and what is due on a day. The rules of periods and what is owed are
the core's (core/cadence.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from selfcheck.core import clock
from selfcheck.core.changes import NOTHING, Changed, Changes
from selfcheck.errors import NotFoundError, RuleError
from selfcheck.storage.base import record_from, writes
from selfcheck.storage.db import now
from selfcheck.storage.tasks import TaskStore

if TYPE_CHECKING:  # the rules are imported where they are used: opening the store does not pay for them
    from selfcheck.core.cadence import Due, Kind, MonthlyCheck, Rhythm

TEXT_FIELDS = ("narrative", "addressee", "document_number")
MAX_NARRATIVE = 100_000


@dataclass(frozen=True)
class PeriodDocument:
    """A quarterly summary or half-year assessment: its period, the principal's text (None: the one written from the
    data), and, once signed, where the signed file went."""

    id: int
    kind: Kind
    start: dt.date
    end: dt.date
    narrative: str | None = None
    addressee: str | None = None
    document_number: str | None = None
    created_at: str = ""
    updated_at: str = ""
    signed_at: str | None = None
    path: str | None = None
    sha256: str | None = None
    document_id: str | None = None
    fingerprint: str | None = None
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    @property
    def locked(self) -> bool:
        return self.signed_at is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "kind_label": self.kind.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "edited": self.narrative is not None,
            "addressee": self.addressee,
            "document_number": self.document_number,
            "signed_at": self.signed_at,
            "path": self.path,
            "document_id": self.document_id,
        }


class CadenceStore(TaskStore):
    def rhythm(self) -> Rhythm | None:
        """The rhythm the school has set, or None (nothing is owed then)."""
        from selfcheck.core.cadence import Rhythm

        rows = list(self._query("SELECT * FROM cadence WHERE id = 1"))
        read: dict[str, Callable[[Any], Any]] = {
            **dict.fromkeys(("monthly", "quarterly", "half_year"), bool),
            "since": dt.date.fromisoformat,
            "grace_days": int,
        }
        return record_from(Rhythm, rows[0], read) if rows else None

    @writes()
    def set_rhythm(
        self,
        *,
        monthly: bool,
        quarterly: bool,
        half_year: bool,
        monthly_checklist: str | None = None,
        grace_days: int = 10,
        since: dt.date | None = None,
    ) -> Changed:
        """Set what the school keeps (the rhythm is the result's `value`). `since` (default: the first day of this
        month, or the one already set) is the day from which periods are owed."""
        from selfcheck.core import cadence
        from selfcheck.core.cadence import Rhythm

        if monthly_checklist:
            monthly_checklist = self.checklist(monthly_checklist).id  # must be installed
        current = self.rhythm()
        start = since or (current.since if current else clock.today().replace(day=1))
        new = cadence.check_rhythm(Rhythm(monthly, quarterly, half_year, start, monthly_checklist or None, grace_days))
        if new == current:
            return Changed(value=new)
        self.db.execute(
            "INSERT INTO cadence (id, monthly, quarterly, half_year, monthly_checklist, grace_days, since, updated_at) "
            "VALUES (1,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET monthly = excluded.monthly, quarterly = "
            "excluded.quarterly, half_year = excluded.half_year, monthly_checklist = excluded.monthly_checklist, "
            "grace_days = excluded.grace_days, since = excluded.since, updated_at = excluded.updated_at",
            [int(monthly), int(quarterly), int(half_year), new.monthly_checklist, grace_days, start.isoformat(), now()],
        )
        self._audit("set", "cadence", 1, None, _rhythm_json(current), _rhythm_json(new))
        self._changed(cadence=True)
        return Changed(value=new)

    def monthly_checks(self) -> list[MonthlyCheck]:
        """The inspections of the monthly checklist, as the agenda counts them."""
        from selfcheck.core.cadence import MonthlyCheck

        rhythm = self.rhythm()
        if rhythm is None or not rhythm.monthly_checklist:
            return []
        return [
            MonthlyCheck(i.id, dt.datetime.fromisoformat(i.created_at).date(), i.status == "complete")
            for i in self.inspections()
            if i.template_id == rhythm.monthly_checklist
        ]

    def agenda(self, today: dt.date | None = None) -> list[Due]:
        """What the cadence asks today: done, due and overdue (core.cadence.agenda over this school's records)."""
        from selfcheck.core import cadence
        from selfcheck.core.cadence import SignedDocument

        signed = [SignedDocument(d.id, d.kind, d.start, d.end) for d in self.period_documents() if d.locked]
        return cadence.agenda(self.rhythm(), today or clock.today(), self.monthly_checks(), signed)

    # ---- the period documents -----------------------------------------------------------------------

    def _document_from(self, r: dict[str, Any]) -> PeriodDocument:
        from selfcheck.core.cadence import Kind

        start, end = dt.date.fromisoformat(r["start_date"]), dt.date.fromisoformat(r["end_date"])
        return record_from(PeriodDocument, r, {"id": int, "kind": Kind}, start=start, end=end)

    def period_documents(self) -> list[PeriodDocument]:
        return [self._document_from(r) for r in self._query("SELECT * FROM period_documents ORDER BY start_date, id")]

    def period_document(self, document_id: int) -> PeriodDocument:
        rows = list(self._query("SELECT * FROM period_documents WHERE id = ?", [document_id]))
        if not rows:
            raise NotFoundError(f"没有编号为 {document_id} 的小结或考核", f"no period document with id {document_id}")
        return self._document_from(rows[0])

    def find_period_document(self, kind: Kind, start: dt.date, end: dt.date) -> PeriodDocument | None:
        rows = list(
            self._query(
                "SELECT * FROM period_documents WHERE kind = ? AND start_date = ? AND end_date = ?",
                [kind.value, start.isoformat(), end.isoformat()],
            )
        )
        return self._document_from(rows[0]) if rows else None

    @writes()
    def open_period_document(self, kind: Kind, start: dt.date, end: dt.date) -> PeriodDocument:
        """The quarterly summary or half-year assessment of [start, end]: the one begun before, or a new draft."""
        from selfcheck.core import cadence

        if kind not in cadence.DOCUMENT_KINDS:
            raise RuleError("只有季度小结和半年考核是文件", "only quarterly summaries and half-year assessments are documents")
        cadence.check_range(start, end)
        found = self.find_period_document(kind, start, end)
        if found is not None:
            return found
        stamp = now()
        cursor = self.db.execute(
            "INSERT INTO period_documents (kind, start_date, end_date, created_at, updated_at) VALUES (?,?,?,?,?)",
            [kind.value, start.isoformat(), end.isoformat(), stamp, stamp],
        )
        pid = int(cursor.lastrowid or 0)
        self._audit(
            "add", "period_document", pid, None, None, {"kind": kind.value, "start": start.isoformat(), "end": end.isoformat()}
        )
        self._changed(cadence=True)
        return self.period_document(pid)

    @writes()
    def set_period_text(self, document_id: int, **fields: str | None) -> PeriodDocument:
        """The principal's text before signing: narrative (None: back to the one written from the data), addressee,
        document number (blank: the default)."""
        unknown = set(fields) - set(TEXT_FIELDS)
        if unknown:
            raise RuleError(f"不能修改字段：{', '.join(sorted(unknown))}", f"cannot change: {', '.join(sorted(unknown))}")
        current = self.period_document(document_id)
        if current.locked:
            raise RuleError("该文件已签名导出，不能再修改", "this document is signed and can no longer be changed")
        changed = False
        for key, value in fields.items():
            value = value if value is None or value.strip() else None
            if value is not None and len(value) > MAX_NARRATIVE:
                raise RuleError("正文过长", "the text is too long")
            if key != "narrative" and value is not None:
                value = value.strip()
            if getattr(current, key) == value:
                continue
            self.db.execute(f"UPDATE period_documents SET {key} = ?, updated_at = ? WHERE id = ?", [value, now(), document_id])
            self._audit("update", "period_document", document_id, key, getattr(current, key), value)
            changed = True
        if changed:
            self._changed(cadence=True)
        return self.period_document(document_id)

    @writes()
    def record_period_export(
        self, document_id: int, path: str, sha256: str, *, fingerprint: str | None, document_id_text: str
    ) -> PeriodDocument:
        """A signed file was written and verified: the document is done (and locked)."""
        current = self.period_document(document_id)
        self.db.execute(
            "UPDATE period_documents SET signed_at = COALESCE(signed_at, ?), path = ?, sha256 = ?, document_id = ?, "
            "fingerprint = ?, updated_at = ? WHERE id = ?",
            [now(), path, sha256, document_id_text, fingerprint, now(), document_id],
        )
        self._audit(
            "export",
            "period_document",
            document_id,
            None,
            current.signed_at,
            {"path": path, "sha256": sha256, "document_id": document_id_text, "fingerprint": fingerprint},
        )
        self._changed(cadence=True)
        return self.period_document(document_id)

    @writes()
    def reopen_period_document(self, document_id: int) -> PeriodDocument:
        """Unlock a signed document so its text can be corrected and signed again (the file already handed in stays
        what it is; the audit log keeps where it went). Until signed again it is not done for the cadence."""
        current = self.period_document(document_id)
        if not current.locked:
            raise RuleError("该文件尚未签名，无需重新打开", "this document is not signed; nothing to reopen")
        self.db.execute("UPDATE period_documents SET signed_at = NULL, updated_at = ? WHERE id = ?", [now(), document_id])
        self._audit("reopen", "period_document", document_id, "signed_at", current.signed_at, None)
        self._changed(cadence=True)
        return self.period_document(document_id)


def _rhythm_json(rhythm: Rhythm | None) -> dict[str, Any] | None:
    if rhythm is None:
        return None
    return {
        "monthly": rhythm.monthly,
        "quarterly": rhythm.quarterly,
        "half_year": rhythm.half_year,
        "monthly_checklist": rhythm.monthly_checklist,
        "grace_days": rhythm.grace_days,
        "since": rhythm.since.isoformat(),
    }

"""Inspections and their answers: start one (carrying in last round's open problems), answer, complete,
record an export (a signed one locks it), reopen it as the next revision."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from selfcheck.core.answers import Answer, normalise, normalise_all
from selfcheck.core.changes import Changed, ChangedList
from selfcheck.core.records import AnswerChange, Inspection, ReportText
from selfcheck.errors import LockedError, NotFoundError, RuleError, StorageError
from selfcheck.storage.base import json_text, writes
from selfcheck.storage.db import now
from selfcheck.storage.school import SchoolStore

if TYPE_CHECKING:
    from selfcheck.core.state import Summary


def _locked(inspection_id: int) -> LockedError:
    return LockedError(
        f"自查 {inspection_id} 已签名导出，已锁定；如需修改，请先“重新打开”（将生成新的修订版）",
        f"inspection {inspection_id} was signed and is locked; reopen it (a new revision) to change it",
        inspection_id,
    )


def _uuid4() -> str:
    import uuid  # here, not at the top: it loads `platform`, and the app's start never makes an id

    return str(uuid.uuid4())


class InspectionStore(SchoolStore):
    def _inspection_from(self, r: dict[str, Any]) -> Inspection:
        return Inspection(
            r["id"],
            r["uid"],
            r["template_id"],
            r["template_version"],
            r["period"],
            json.loads(r["inspectors"]),
            r["status"],
            r["created_at"],
            r["updated_at"],
            r["completed_at"],
            r.get("revision", 1),
            r.get("signed_at"),
        )

    @writes()
    def new_inspection(
        self, template_id: str, period: str, inspectors: Sequence[str] = (), version: str | None = None
    ) -> Inspection:
        """Start an inspection bound to one template version; carry in the open problems of earlier rounds."""
        template = self.checklist(template_id, version)
        period = period.strip()
        if not period:
            raise RuleError("请填写检查期次，如 2026年秋季学期", "give the period, e.g. 2026年秋季学期")
        people = [p.strip() for p in inspectors if p.strip()]
        stamp = now()
        cursor = self.db.execute(
            "INSERT INTO inspections (uid, template_id, template_version, period, inspectors, status, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?)",
            [_uuid4(), template.id, template.version, period, json_text(people), stamp, stamp],
        )
        new_id = cursor.lastrowid
        self._audit(
            "create", "inspection", new_id, None, None, {"template": f"{template.id}@{template.version}", "period": period}
        )
        carried = self.db.execute(
            "SELECT id, status FROM problems WHERE status != 'closed' AND template_id = ? "
            "AND (inspection_id IS NULL OR inspection_id != ?)",
            [template.id, new_id],
        ).fetchall()
        for pid, status in carried:
            self.db.execute(
                "INSERT INTO carryovers (inspection_id, problem_id, status_at_start) VALUES (?, ?, ?)",
                [new_id, pid, status],
            )
        self._changed(inspections=[int(new_id or 0)])
        return self.inspection(int(new_id or 0))

    def inspection(self, inspection_id: int) -> Inspection:
        rows = list(self._query("SELECT * FROM inspections WHERE id = ?", [inspection_id]))
        if not rows:
            raise NotFoundError(f"没有编号为 {inspection_id} 的自查", f"no inspection with id {inspection_id}")
        return self._inspection_from(rows[0])

    def inspections(self) -> list[Inspection]:
        return [self._inspection_from(r) for r in self._query("SELECT * FROM inspections ORDER BY id")]

    def answers(self, inspection_id: int) -> dict[str, Answer]:
        rows = self.conn.execute(
            "SELECT item_id, option, value, note FROM answers WHERE inspection_id = ?", [inspection_id]
        ).fetchall()
        return {r[0]: Answer(r[0], r[1], r[2], r[3]) for r in rows}

    def summaries(self, inspection_ids: Iterable[int] | None = None) -> dict[int, Summary]:
        """Each inspection's figures (core/state.py's one summary), from the cache where it still holds; the rest are
        scored now (their answers read in one query) and kept for next time. A cache write, not a change of data: it
        is never audited, never undone, and is skipped when another program holds the write lock."""
        from selfcheck.core.state import Summary, summary

        wanted = None if inspection_ids is None else list(inspection_ids)
        sql = (
            "SELECT i.id, i.template_id, i.template_version, i.updated_at, s.basis, s.summary "
            "FROM inspections i LEFT JOIN summaries s ON s.inspection_id = i.id"
        )
        rows = self.conn.execute(
            sql + (f" WHERE i.id IN ({', '.join('?' * len(wanted))})" if wanted is not None else ""), wanted or []
        ).fetchall()
        out: dict[int, Summary] = {}
        stale: dict[int, tuple[str, str, str]] = {}
        for iid, tid, version, updated, basis, cached in rows:
            key = f"{updated}|{version}"
            if basis == key:
                out[iid] = Summary.from_cache(json.loads(cached))
            else:
                stale[iid] = (tid, version, key)
        if stale:
            answers: dict[int, dict[str, Answer]] = {iid: {} for iid in stale}
            marks = ", ".join("?" * len(stale))
            for iid, item, option, value, note in self.conn.execute(
                f"SELECT inspection_id, item_id, option, value, note FROM answers WHERE inspection_id IN ({marks})",
                list(stale),
            ):
                answers[iid][item] = Answer(item, option, value, note)
            for iid, (tid, version, _key) in stale.items():
                out[iid] = summary(self.checklist(tid, version), answers[iid])
            self._keep_summaries({iid: (key, out[iid]) for iid, (_t, _v, key) in stale.items()})
        return out

    def _keep_summaries(self, fresh: dict[int, tuple[str, Summary]]) -> None:
        rows = [(iid, key, json.dumps(s.to_cache(), ensure_ascii=False)) for iid, (key, s) in fresh.items()]
        try:
            with self.atomic("cache"):
                self.conn.executemany(
                    "INSERT INTO summaries (inspection_id, basis, summary) VALUES (?, ?, ?) ON CONFLICT (inspection_id) "
                    "DO UPDATE SET basis = excluded.basis, summary = excluded.summary",
                    rows,
                )
        except StorageError:
            pass  # locked by another program, or read-only: the figures were computed; keeping them can wait

    def rechecks(self, inspection_id: int) -> dict[str, str]:
        """Answers to look at again after a move to a new checklist version: item id → reason
        (see storage/version_move.py, which writes them)."""
        self.inspection(inspection_id)  # a NotFoundError for an inspection that does not exist
        rows = self.conn.execute(
            "SELECT item_id, reason FROM answer_reviews WHERE inspection_id = ? ORDER BY item_id", [inspection_id]
        ).fetchall()
        return {str(r[0]): str(r[1]) for r in rows}

    @writes(undoable=True)
    def save_answer(
        self, inspection_id: int, item_id: str, option: str | None = None, value: Any = None, note: str | None = None
    ) -> AnswerChange:
        """Save one answer at once (the hot path: one small transaction, fsynced before it returns)."""
        row = self.conn.execute(
            "SELECT template_id, template_version, signed_at FROM inspections WHERE id = ?", [inspection_id]
        ).fetchone()
        if row is None:
            self.inspection(inspection_id)  # raises the NotFoundError with its message
        if row[2] is not None:
            raise _locked(inspection_id)
        template = self.checklist(row[0], row[1])
        answer = normalise(template, item_id, option, value, note)
        return self._put_answer(inspection_id, answer)

    @writes(undoable=True)
    def save_answers(self, inspection_id: int, items: Iterable[dict[str, Any]]) -> ChangedList[AnswerChange]:
        """Save many answers as one action: all checked first, then all written, or none."""
        inspection = self.inspection(inspection_id)
        if inspection.locked:
            raise _locked(inspection_id)
        template = self.checklist(inspection.template_id, inspection.template_version)
        errors: list[str] = []
        answers = normalise_all(template, items, errors)
        if errors:
            raise RuleError("答案有误，未保存任何答案：\n" + "\n".join(errors), "answers have errors; nothing was saved")
        return ChangedList(self._put_answer(inspection.id, a) for a in answers)

    def _put_answer(self, inspection_id: int, answer: Answer) -> AnswerChange:
        execute = self.db.conn.execute
        old_row = execute(
            "SELECT option, value, note FROM answers WHERE inspection_id = ? AND item_id = ?",
            [inspection_id, answer.item_id],
        ).fetchone()
        old = Answer(answer.item_id, *old_row) if old_row else None
        # Answering, even with the same answer, is the second look a changed item asked for after a move to a
        # new checklist version.
        if execute(
            "DELETE FROM answer_reviews WHERE inspection_id = ? AND item_id = ?", [inspection_id, answer.item_id]
        ).rowcount:
            self._changed(answers=[inspection_id])
        if old == answer:
            return AnswerChange(inspection_id, answer.item_id, old, answer)
        stamp = now()
        execute(
            "INSERT INTO answers (inspection_id, item_id, option, value, note, updated_at) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT (inspection_id, item_id) DO UPDATE SET option=excluded.option, value=excluded.value, "
            "note=excluded.note, updated_at=excluded.updated_at",
            [inspection_id, answer.item_id, answer.option, answer.value, answer.note, stamp],
        )
        self._audit(
            "answer",
            "inspection",
            inspection_id,
            answer.item_id,
            None if old is None else {"option": old.option, "value": old.value, "note": old.note},
            {"option": answer.option, "value": answer.value, "note": answer.note},
            stamp,
        )
        # A changed answer reopens a completed inspection: its result is no longer the one marked complete.
        execute(
            "UPDATE inspections SET updated_at = ?, status = 'draft', completed_at = NULL WHERE id = ?",
            [stamp, inspection_id],
        )
        self._changed(answers=[inspection_id], items=[(inspection_id, answer.item_id)], inspections=[inspection_id])
        return AnswerChange(inspection_id, answer.item_id, old, answer)

    @writes(undoable=True)
    def clear_answer(self, inspection_id: int, item_id: str) -> AnswerChange:
        inspection = self.inspection(inspection_id)
        if inspection.locked:
            raise _locked(inspection_id)
        old_row = self.db.execute(
            "SELECT option, value, note FROM answers WHERE inspection_id = ? AND item_id = ?",
            [inspection_id, item_id],
        ).fetchone()
        if old_row is None:
            return AnswerChange(inspection_id, item_id, None, None)
        self.db.execute("DELETE FROM answers WHERE inspection_id = ? AND item_id = ?", [inspection_id, item_id])
        self._audit(
            "clear",
            "inspection",
            inspection_id,
            item_id,
            {"option": old_row[0], "value": old_row[1], "note": old_row[2]},
            None,
        )
        self.db.execute(
            "UPDATE inspections SET updated_at = ?, status = 'draft', completed_at = NULL WHERE id = ?",
            [now(), inspection.id],
        )
        self._changed(answers=[inspection_id], items=[(inspection_id, item_id)], inspections=[inspection_id])
        return AnswerChange(inspection_id, item_id, Answer(item_id, *old_row), None)

    @writes(undoable=True)
    def complete_inspection(self, inspection_id: int) -> Inspection:
        """Mark complete, refused while required items are unanswered or required notes are missing."""
        from selfcheck.core.answers import missing

        inspection = self.inspection(inspection_id)
        template = self.checklist(inspection.template_id, inspection.template_version)
        gaps = missing(template, self.answers(inspection_id))
        if gaps:
            listing = "\n".join(f"  {g.item_id}: {g.zh}" for g in gaps[:50])
            more = f"\n  ……另有 {len(gaps) - 50} 项" if len(gaps) > 50 else ""
            raise RuleError(
                f"还有 {len(gaps)} 项未完成，不能标记为完成：\n{listing}{more}",
                f"{len(gaps)} item(s) still missing; cannot mark complete",
            )
        stamp = now()
        self.db.execute(
            "UPDATE inspections SET status = 'complete', completed_at = ?, updated_at = ? WHERE id = ?",
            [stamp, stamp, inspection_id],
        )
        self._audit("complete", "inspection", inspection_id, "status", inspection.status, "complete")
        self._changed(inspections=[inspection_id])
        return self.inspection(inspection_id)

    @writes()
    def record_export(
        self, inspection_id: int, path: str, sha256: str, *, signed: bool, fingerprint: str | None, document_id: str
    ) -> Changed:
        self.db.execute(
            "INSERT INTO exports (inspection_id, path, sha256, signed, fingerprint, document_id, exported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [inspection_id, path, sha256, int(signed), fingerprint, document_id, now()],
        )
        self._audit("export", "inspection", inspection_id, None, None, {"path": path, "sha256": sha256})
        self._changed(exports=[inspection_id])
        if signed:  # what was signed must stay what the answers say: lock until reopened as a new revision
            stamp = now()
            self.db.execute(
                "UPDATE inspections SET signed_at = ?, updated_at = ? WHERE id = ? AND signed_at IS NULL",
                [stamp, stamp, inspection_id],
            )
            self._changed(inspections=[inspection_id])
        return Changed()

    def report_text(self, inspection_id: int) -> ReportText:
        """What the principal set for the 自查报告 (narrative, 主送, 发文字号, 自查日期); defaults where nothing was set."""
        import datetime as dt

        row = self.conn.execute(
            "SELECT narrative, addressee, document_number, inspection_date FROM report_texts WHERE inspection_id = ?",
            [inspection_id],
        ).fetchone()
        if row is None:
            self.inspection(inspection_id)  # NotFoundError for an unknown inspection
            return ReportText(inspection_id)
        day = dt.date.fromisoformat(row[3]) if row[3] else None
        return ReportText(inspection_id, row[0], row[1], row[2], day)

    @writes()
    def set_report_text(self, inspection_id: int, **fields: Any) -> ReportText:
        """Set some of the report's texts: narrative, addressee, document_number (str, or None/"" for the default) and
        inspection_date (a date, or None). Refused once the inspection is signed (reopen it first)."""
        import datetime as dt

        allowed = ("narrative", "addressee", "document_number", "inspection_date")
        unknown = set(fields) - set(allowed)
        if unknown:
            raise ValueError(f"unknown report text fields: {sorted(unknown)}")
        inspection = self.inspection(inspection_id)
        if inspection.locked:
            raise _locked(inspection_id)
        old = self.report_text(inspection_id)
        values: dict[str, Any] = {}
        for name in allowed:
            value = fields.get(name, getattr(old, name))
            if isinstance(value, str):
                value = value.replace("\r\n", "\n").strip() or None
            if name == "inspection_date" and value is not None and not isinstance(value, dt.date):
                raise ValueError("inspection_date must be a date")
            values[name] = value
        new = ReportText(inspection_id, **values)
        if new == old:
            return old
        day = new.inspection_date.isoformat() if new.inspection_date else None
        self.db.execute(
            "INSERT INTO report_texts (inspection_id, narrative, addressee, document_number, inspection_date, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (inspection_id) DO UPDATE SET narrative = excluded.narrative, "
            "addressee = excluded.addressee, document_number = excluded.document_number, "
            "inspection_date = excluded.inspection_date, updated_at = excluded.updated_at",
            [inspection_id, new.narrative, new.addressee, new.document_number, day, now()],
        )
        for name in allowed:
            if getattr(new, name) != getattr(old, name):
                before, after = getattr(old, name), getattr(new, name)
                if isinstance(before, dt.date) or isinstance(after, dt.date):
                    before = before.isoformat() if before else None
                    after = after.isoformat() if after else None
                self._audit("report_text", "inspection", inspection_id, name, before, after)
        self._changed(inspections=[inspection_id])
        return ReportText(inspection_id, **values)

    @writes()
    def reopen_inspection(self, inspection_id: int) -> Inspection:
        """Unlock a signed inspection for changes: it becomes the next revision, recorded in the audit log."""
        inspection = self.inspection(inspection_id)
        if not inspection.locked:
            raise RuleError("这次自查尚未签名，无需重新打开", "this inspection is not signed; nothing to reopen")
        stamp = now()
        self.db.execute(
            "UPDATE inspections SET signed_at = NULL, status = 'draft', completed_at = NULL, "
            "revision = revision + 1, updated_at = ? WHERE id = ?",
            [stamp, inspection_id],
        )
        self._audit("reopen", "inspection", inspection_id, "revision", inspection.revision, inspection.revision + 1)
        self._changed(inspections=[inspection_id])
        return self.inspection(inspection_id)

"""Carrying out a move of a draft inspection to a newer checklist version (the rules and the plan: core/version_move.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from selfcheck.core.answers import Answer
from selfcheck.core.changes import Changed
from selfcheck.core.checklist import version_tuple
from selfcheck.core.records import Inspection
from selfcheck.errors import RuleError
from selfcheck.storage import backup
from selfcheck.storage.base import writes, writes_outside_unit
from selfcheck.storage.db import now
from selfcheck.storage.evidence import EvidenceStore

if TYPE_CHECKING:  # the moving rules load when a move is planned, not with the store
    from selfcheck.core.version_move import DroppedAnswer, MovePlan, MoveResult


class VersionMoveStore(EvidenceStore):
    def plan_move(self, inspection_id: int, to_version: str, *, template_id: str | None = None) -> MovePlan:
        """What moving the inspection to `to_version` would do; refuses (RuleError) what `move_to_version` would refuse.

        `template_id`, when given, must be the inspection's checklist: a version of another checklist is refused.
        """
        from selfcheck.core.version_move import check_move, plan_move

        inspection = self.inspection(inspection_id)
        installed = [t.version for t in self.checklists() if t.template_id == inspection.template_id]
        target = check_move(inspection, to_version, template_id, installed)
        old = self.checklist(inspection.template_id, inspection.template_version)
        new = self.checklist(inspection.template_id, target)
        return plan_move(inspection, old, new, self.answers(inspection_id), self.problems(inspection_id=inspection_id))

    @writes_outside_unit
    def move_to_version(self, inspection_id: int, to_version: str, *, template_id: str | None = None) -> MoveResult:
        """Move the inspection to `to_version` in one unit; every step is in the audit log. A backup of the database
        is made first (a risky change to saved answers), whichever skin asked for the move."""
        self.plan_move(inspection_id, to_version, template_id=template_id)  # refused moves make no backup
        backup.make_backup(self.path.parent, "move")
        return self._move(inspection_id, to_version, template_id=template_id)

    @writes()
    def _move(self, inspection_id: int, to_version: str, *, template_id: str | None = None) -> MoveResult:
        from selfcheck.core.version_move import MoveResult, answer_json

        # Planned again under the write lock: what is moved is what is in the database now.
        plan = self.plan_move(inspection_id, to_version, template_id=template_id)
        stamp = now()
        execute = self.db.execute
        for fate in plan.fates:
            a = fate.answer
            if fate.dropped:
                row = execute(
                    "SELECT updated_at FROM answers WHERE inspection_id = ? AND item_id = ?", [inspection_id, a.item_id]
                ).fetchone()
                execute(
                    "INSERT INTO dropped_answers (inspection_id, item_id, option, value, note, answered_at, reason, "
                    "from_version, to_version, dropped_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    [inspection_id, a.item_id, a.option, a.value, a.note, row[0] if row else None, fate.fate]
                    + [plan.from_version, plan.to_version, stamp],
                )
                execute("DELETE FROM answers WHERE inspection_id = ? AND item_id = ?", [inspection_id, a.item_id])
                execute("DELETE FROM answer_reviews WHERE inspection_id = ? AND item_id = ?", [inspection_id, a.item_id])
                self._audit(
                    "migrate-drop",
                    "inspection",
                    inspection_id,
                    a.item_id,
                    answer_json(a),
                    {"reason": fate.fate, "detail": fate.detail, "to_version": plan.to_version},
                    stamp,
                )
                continue
            if fate.carried_as is not None:
                c = fate.carried_as
                execute(
                    "UPDATE answers SET option = ?, value = ?, note = ?, updated_at = ? WHERE inspection_id = ? AND item_id = ?",
                    [c.option, c.value, c.note, stamp, inspection_id, a.item_id],
                )
                self._audit("migrate-answer", "inspection", inspection_id, a.item_id, answer_json(a), answer_json(c), stamp)
            if fate.fate == "flagged":
                reason = self._merged_reasons(inspection_id, a.item_id, fate.reasons)
                execute(
                    "INSERT INTO answer_reviews (inspection_id, item_id, reason, from_version, to_version, created_at) "
                    "VALUES (?,?,?,?,?,?) ON CONFLICT (inspection_id, item_id) DO UPDATE SET reason = excluded.reason, "
                    "to_version = excluded.to_version, created_at = excluded.created_at",
                    [inspection_id, a.item_id, reason, plan.from_version, plan.to_version, stamp],
                )
                self._audit("migrate-flag", "inspection", inspection_id, a.item_id, None, {"review": reason}, stamp)
        for p in plan.problems:
            self._audit(
                "migrate", "problem", p.id, "item_id", p.item_id, {"item_id": p.item_id, "removed_in": plan.to_version}, stamp
            )
        done = execute(
            "UPDATE inspections SET template_version = ?, updated_at = ? WHERE id = ? AND status = 'draft'",
            [plan.to_version, stamp, inspection_id],
        )
        if done.rowcount != 1:  # cannot happen under the lock after the checks; never move half an inspection
            raise RuleError(f"自查 {inspection_id} 未能迁移，请重试", f"inspection {inspection_id} could not be moved; try again")
        self._audit(
            "migrate",
            "inspection",
            inspection_id,
            "template_version",
            plan.from_version,
            plan.to_version,
            stamp,
        )
        self._changed(
            inspections=[inspection_id], answers=[inspection_id], items=[(inspection_id, f.item_id) for f in plan.fates]
        )
        return MoveResult(plan, self.inspection(inspection_id))

    def _merged_reasons(self, inspection_id: int, item_id: str, reasons: tuple[str, ...]) -> str:
        """A flag still pending from an earlier move keeps its reasons: the principal has not looked yet."""
        row = self.conn.execute(
            "SELECT reason FROM answer_reviews WHERE inspection_id = ? AND item_id = ?", [inspection_id, item_id]
        ).fetchone()
        merged = [r for r in (row[0].split(",") if row else []) if r]
        merged += [r for r in reasons if r not in merged]
        return ",".join(merged)

    def pending_updates(self, template_id: str | None = None) -> list[tuple[Inspection, str]]:
        """In-progress inspections (drafts, unsigned) whose checklist has a newer installed version:
        (inspection, newest version), from two queries whatever the number of inspections."""
        newest: dict[str, str] = {}
        for info in self.checklists():
            have = newest.get(info.template_id)
            if have is None or version_tuple(info.version) > version_tuple(have):
                newest[info.template_id] = info.version
        sql = "SELECT * FROM inspections WHERE status = 'draft' AND signed_at IS NULL"
        params: list[str] = []
        if template_id is not None:
            sql += " AND template_id = ?"
            params.append(template_id)
        out = []
        for inspection in (self._inspection_from(r) for r in self._query(sql + " ORDER BY id", params)):
            version = newest.get(inspection.template_id)
            if version is not None and version_tuple(version) > version_tuple(inspection.template_version):
                out.append((inspection, version))
        return out

    def pending_update(self, inspection_id: int) -> str | None:
        """The newest installed version newer than the inspection's, if the inspection can still move (a draft, unsigned)."""
        inspection = self.inspection(inspection_id)
        if inspection.status != "draft" or inspection.locked:
            return None
        current = version_tuple(inspection.template_version)
        newer = [
            t.version for t in self.checklists() if t.template_id == inspection.template_id and version_tuple(t.version) > current
        ]
        return max(newer, key=version_tuple) if newer else None

    @writes(undoable=True)
    def clear_recheck(self, inspection_id: int, item_id: str) -> Changed:
        """The principal has looked at the answer again: take the flag off (False if there was none)."""
        self.inspection(inspection_id)
        row = self.db.execute(
            "SELECT reason FROM answer_reviews WHERE inspection_id = ? AND item_id = ?", [inspection_id, item_id]
        ).fetchone()
        if row is None:
            return Changed(value=False)
        self.db.execute("DELETE FROM answer_reviews WHERE inspection_id = ? AND item_id = ?", [inspection_id, item_id])
        self._audit("review", "inspection", inspection_id, item_id, {"review": row[0]}, None)
        self._changed(answers=[inspection_id], items=[(inspection_id, item_id)])
        return Changed(value=True)

    def dropped_answers(self, inspection_id: int) -> list[DroppedAnswer]:
        """Answers earlier moves took out of the inspection, oldest first."""
        from selfcheck.core.version_move import DroppedAnswer

        self.inspection(inspection_id)
        rows = self.conn.execute(
            "SELECT item_id, option, value, note, reason, from_version, to_version, dropped_at FROM dropped_answers "
            "WHERE inspection_id = ? ORDER BY id",
            [inspection_id],
        ).fetchall()
        return [DroppedAnswer(r[0], Answer(r[0], r[1], r[2], r[3]), r[4], r[5], r[6], r[7]) for r in rows]

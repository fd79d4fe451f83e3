"""The audit log: every write's rows, grouped by the unit (one user action) that wrote them."""

from __future__ import annotations

import datetime as dt
import json

from selfcheck.core.changes import Changed
from selfcheck.core.records import AuditEntry
from selfcheck.storage.base import writes
from selfcheck.storage.version_move import VersionMoveStore


class AuditStore(VersionMoveStore):
    def audit(self, entity: str | None = None, entity_id: object | None = None) -> list[AuditEntry]:
        rows = self._rows("audit", {"entity": entity, "entity_id": None if entity_id is None else str(entity_id)})
        return [
            AuditEntry(
                r["id"],
                r["at"],
                r["action"],
                r["entity"],
                r["entity_id"],
                r["field"],
                json.loads(r["old"]) if r["old"] is not None else None,
                json.loads(r["new"]) if r["new"] is not None else None,
            )
            for r in rows
        ]

    @writes()
    def record_restore(self, backup_name: str, damaged_kept_as: str) -> Changed:
        """Note in the restored database that it was restored, from which backup, and where the damaged file went."""
        self._audit("restore", "database", 1, None, None, {"backup": backup_name, "damaged_kept_as": damaged_kept_as})
        self._changed(school=True, checklists=True)  # everything may differ from what the screens showed
        return Changed()

    @writes()
    def record_school_backup(self, file_name: str, *, left_pc: bool) -> Changed:
        """Note that the school's data was written to a backup file, and whether the folder was on another disk
        (a USB stick, a network share) than the data folder: the home page reminds when none has left the PC."""
        self._audit("school_backup", "database", 1, None, None, {"file": file_name, "left_pc": left_pc})
        self._changed(school=True)
        return Changed()

    def last_backup_off_pc(self) -> dt.datetime | None:
        """When a backup last went to another disk than the data folder's (None: never)."""
        for row in self._query(
            "SELECT at FROM audit WHERE action = 'school_backup' AND json_extract(new, '$.left_pc') = 1 ORDER BY id DESC LIMIT 1"
        ):
            return dt.datetime.fromisoformat(row["at"])
        return None

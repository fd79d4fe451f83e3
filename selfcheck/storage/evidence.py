"""Evidence files attached to an inspection item: copied into the data folder, so a stick pulled out or a
file moved on the desktop never breaks the record."""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfcheck.core.changes import NOTHING, Changed, Changes
from selfcheck.errors import NotFoundError, RuleError, StorageError
from selfcheck.storage.base import with_changes, writes, writes_outside_unit
from selfcheck.storage.db import now
from selfcheck.storage.ledger import LedgerStore
from selfcheck.storage.paths import private_dir, private_file

MAX_EVIDENCE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Evidence:
    id: int
    inspection_id: int
    item_id: str
    name: str
    path: Path  # the copy in the data folder
    sha256: str
    size: int
    added_at: str
    changes: Changes = field(default=NOTHING, compare=False, repr=False)  # set on what a write hands back


_COLUMNS = "id, inspection_id, item_id, name, stored, sha256, size, added_at"


def _missing(evidence_id: int) -> Evidence:
    raise NotFoundError(f"没有编号为 {evidence_id} 的材料", f"no evidence file with id {evidence_id}")


class EvidenceStore(LedgerStore):
    def evidence_dir(self) -> Path:
        return self.path.parent / "evidence"

    def _evidence_from(self, r: tuple[Any, ...]) -> Evidence:
        return Evidence(
            int(r[0]), int(r[1]), str(r[2]), str(r[3]), self.evidence_dir() / str(r[4]), str(r[5]), int(r[6]), str(r[7])
        )

    def attachments(self, inspection_id: int, item_id: str | None = None) -> list[Evidence]:
        sql = f"SELECT {_COLUMNS} FROM evidence WHERE inspection_id = ?"
        params: list[object] = [inspection_id]
        if item_id is not None:
            sql += " AND item_id = ?"
            params.append(item_id)
        return [self._evidence_from(r) for r in self.conn.execute(sql + " ORDER BY id", params).fetchall()]

    def _copy_in(self, src: Path, folder: str) -> tuple[str, str, int]:
        """Copy a chosen file into the data folder's evidence/FOLDER (size capped, fsynced, never half-written), under a
        name no user input can steer; return (the stored name relative to evidence/, its sha256, its size). Shared by
        the inspections' evidence and the progress entries of the responsibility list (storage/tasks.py)."""
        if not src.is_file():
            raise NotFoundError(f"找不到文件：{src}", f"file not found: {src}")
        size = src.stat().st_size
        if size > MAX_EVIDENCE_BYTES:
            raise RuleError(
                f"文件太大（{size // (1024 * 1024)} MB，上限 200 MB）：{src.name}",
                f"file too large ({size // (1024 * 1024)} MB; the limit is 200 MB): {src.name}",
            )
        digest = hashlib.sha256()
        try:
            with src.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
        except OSError as exc:
            raise StorageError(f"无法读取 {src}：{exc.strerror}", f"cannot read {src}: {exc.strerror}") from None
        sha = digest.hexdigest()
        # Stored under a name no user input can steer out of the folder; the original name is kept in the table.
        stored = f"{folder}/{sha[:16]}{src.suffix.lower()[:10] if src.suffix.isascii() else ''}"
        target = self.evidence_dir() / stored
        tmp = target.with_name(target.name + ".part")
        try:
            private_dir(target.parent)
            if not target.exists():
                shutil.copyfile(src, tmp)
                private_file(tmp)
                with tmp.open("rb+") as fh:
                    os.fsync(fh.fileno())
                os.replace(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)  # a half-copied file never stays behind
            raise StorageError(
                f"无法把 {src.name} 复制到数据文件夹（{exc.strerror}）",
                f"cannot copy {src.name} into the data folder ({exc.strerror})",
            ) from None
        return stored, sha, size

    @writes_outside_unit
    def attach_evidence(self, inspection_id: int, item_id: str, source: str | os.PathLike[str]) -> Evidence:
        """Copy `source` into the data folder, then record it against the item (one unit, after the copy: the
        write lock is not held while a large file is copied)."""
        inspection = self.inspection(inspection_id)
        if inspection.locked:
            raise RuleError("自查已签名锁定，不能再添加材料", "the inspection is signed and locked")
        template = self.checklist(inspection.template_id, inspection.template_version)
        if item_id not in template.item_index and item_id not in template.adjustment_index:  # 加减分项 too
            raise NotFoundError(f"检查表中没有检查项 {item_id}", f"no item {item_id} in the checklist")
        src = Path(source)
        stored, sha, size = self._copy_in(src, str(inspection_id))
        with self.atomic("attach_evidence") as unit:
            unit.undoable = False
            cursor = self.db.execute(
                "INSERT INTO evidence (inspection_id, item_id, name, stored, sha256, size, added_at) VALUES (?,?,?,?,?,?,?)",
                [inspection_id, item_id, src.name, stored, sha, size, now()],
            )
            new_id = int(cursor.lastrowid or 0)
            self._audit("attach", "inspection", inspection_id, item_id, None, {"name": src.name, "sha256": sha})
            self._changed(evidence=[inspection_id])
        added = self.attachments(inspection_id, item_id)[-1] if new_id else _missing(new_id)
        return with_changes(added, unit.changes)  # type: ignore[no-any-return]

    @writes()
    def detach_evidence(self, evidence_id: int) -> Changed:
        """Remove the record (the copied file stays while another record uses the same content)."""
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM evidence WHERE id = ?", [evidence_id]).fetchone()
        if row is None:
            _missing(evidence_id)
        item = self._evidence_from(row)
        if self.inspection(item.inspection_id).locked:
            raise RuleError("自查已签名锁定，不能删除材料", "the inspection is signed and locked")
        self.db.execute("DELETE FROM evidence WHERE id = ?", [evidence_id])
        self._audit("detach", "inspection", item.inspection_id, item.item_id, {"name": item.name, "sha256": item.sha256}, None)
        self._changed(evidence=[item.inspection_id])
        still = self.db.execute("SELECT 1 FROM evidence WHERE stored = ?", [str(item.path.relative_to(self.evidence_dir()))])
        if still.fetchone() is None:
            item.path.unlink(missing_ok=True)
        return Changed()

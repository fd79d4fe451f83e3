"""Evidence files attached to an inspection item, or to a ledger problem before or after its rectification
(整改前 / 整改后): copied into the data folder, so a stick pulled out or a file moved on the desktop never breaks
the record."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from selfcheck.core import ledger
from selfcheck.core.changes import NOTHING, Changed, Changes
from selfcheck.errors import NotFoundError, RuleError, StorageError
from selfcheck.storage.base import with_changes, writes, writes_outside_unit
from selfcheck.storage.db import now
from selfcheck.storage.ledger import LedgerStore
from selfcheck.storage.paths import private_dir, settle

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


@dataclass(frozen=True)
class ProblemEvidence:
    """A file attached to a ledger problem: `phase` is "before" (整改前, what was found) or "after" (整改后)."""

    id: int
    problem_id: int
    phase: str
    name: str
    path: Path  # the copy in the data folder
    sha256: str
    size: int
    added_at: str
    changes: Changes = field(default=NOTHING, compare=False, repr=False)


@dataclass(frozen=True)
class _Copied:
    name: str
    stored: str  # relative to the evidence folder
    sha256: str
    size: int


_COLUMNS = "id, inspection_id, item_id, name, stored, sha256, size, added_at"
_PROBLEM_COLUMNS = "id, problem_id, phase, name, stored, sha256, size, added_at"
F = TypeVar("F", Evidence, ProblemEvidence)
PROBLEMS_FOLDER = "0"  # evidence/0/: the ledger's files (inspection ids, the other folders' names, start at 1)


def _missing(evidence_id: int) -> Evidence:
    raise NotFoundError(f"没有编号为 {evidence_id} 的材料", f"no evidence file with id {evidence_id}")


class EvidenceStore(LedgerStore):
    def evidence_dir(self) -> Path:
        return self.path.parent / "evidence"

    def _file_from(self, cls: type[F], r: tuple[Any, ...]) -> F:
        """An item's or a problem's file from its row (`_COLUMNS`, `_PROBLEM_COLUMNS`: the same shape)."""
        return cls(int(r[0]), int(r[1]), str(r[2]), str(r[3]), self.evidence_dir() / str(r[4]), str(r[5]), int(r[6]), str(r[7]))

    def _file(self, cls: type[F], columns: str, table: str, evidence_id: int) -> F:
        """One file record by its id, or NotFoundError."""
        row = self.conn.execute(f"SELECT {columns} FROM {table} WHERE id = ?", [evidence_id]).fetchone()
        if row is None:
            _missing(evidence_id)
        return self._file_from(cls, row)

    def attachments(self, inspection_id: int, item_id: str | None = None) -> list[Evidence]:
        sql = f"SELECT {_COLUMNS} FROM evidence WHERE inspection_id = ?"
        params: list[object] = [inspection_id]
        if item_id is not None:
            sql += " AND item_id = ?"
            params.append(item_id)
        return [self._file_from(Evidence, r) for r in self.conn.execute(sql + " ORDER BY id", params).fetchall()]

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
        copied = self._copy_in(self._checked_source(source), str(inspection_id))
        with self.atomic("attach_evidence") as unit:
            unit.undoable = False
            cursor = self.db.execute(
                "INSERT INTO evidence (inspection_id, item_id, name, stored, sha256, size, added_at) VALUES (?,?,?,?,?,?,?)",
                [inspection_id, item_id, copied.name, copied.stored, copied.sha256, copied.size, now()],
            )
            new_id = int(cursor.lastrowid or 0)
            self._audit("attach", "inspection", inspection_id, item_id, None, {"name": copied.name, "sha256": copied.sha256})
            self._changed(evidence=[inspection_id])
        added = self.attachments(inspection_id, item_id)[-1] if new_id else _missing(new_id)
        return with_changes(added, unit.changes)  # type: ignore[no-any-return]

    @writes()
    def detach_evidence(self, evidence_id: int) -> Changed:
        """Remove the record (the copied file stays while another record uses the same content)."""
        item = self._file(Evidence, _COLUMNS, "evidence", evidence_id)
        if self.inspection(item.inspection_id).locked:
            raise RuleError("自查已签名锁定，不能删除材料", "the inspection is signed and locked")
        self.db.execute("DELETE FROM evidence WHERE id = ?", [evidence_id])
        self._audit("detach", "inspection", item.inspection_id, item.item_id, {"name": item.name, "sha256": item.sha256}, None)
        self._changed(evidence=[item.inspection_id])
        self._forget_copy("evidence", item.path)
        return Changed()

    # ---- a problem's evidence (整改前 / 整改后) ------------------------------------------------------------

    def problem_attachments(self, problem_ids: int | Iterable[int]) -> list[ProblemEvidence]:
        """The evidence files of one problem or of several, 整改前 before 整改后, each phase in the order attached."""
        ids = [problem_ids] if isinstance(problem_ids, int) else list(problem_ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT {_PROBLEM_COLUMNS} FROM problem_evidence WHERE problem_id IN ({marks}) "
            "ORDER BY problem_id, phase = 'after', id",
            ids,
        ).fetchall()
        return [self._file_from(ProblemEvidence, r) for r in rows]

    @writes_outside_unit
    def attach_problem_evidence(
        self, problem_id: int, phase: str, sources: Sequence[str | os.PathLike[str]]
    ) -> list[ProblemEvidence]:
        """Copy the files into the data folder and record them against the problem, of one phase ("before" 整改前 or
        "after" 整改后, or the Chinese words): all or none (every file is checked before any is copied), one unit,
        one audit row."""
        key = ledger.parse_phase(phase)
        ledger.check_problem_evidence(self.problem(problem_id).status)
        if not sources:
            raise RuleError("没有给出文件", "no files given")
        checked = [self._checked_source(source) for source in sources]
        copied = [self._copy_in(src, PROBLEMS_FOLDER) for src in checked]
        with self.atomic("attach_problem_evidence") as unit:
            unit.undoable = False
            ledger.check_problem_evidence(self.problem(problem_id).status)  # closed meanwhile (another window)?
            first = None
            for c in copied:
                cursor = self.db.execute(
                    "INSERT INTO problem_evidence (problem_id, phase, name, stored, sha256, size, added_at) "
                    "VALUES (?,?,?,?,?,?,?)",
                    [problem_id, key, c.name, c.stored, c.sha256, c.size, now()],
                )
                first = first or int(cursor.lastrowid or 0)
            files = [{"name": c.name, "sha256": c.sha256} for c in copied]
            self._audit("attach", "problem", problem_id, "evidence", None, {"phase": key, "files": files})
            self._changed(problems=[problem_id])
        added = [e for e in self.problem_attachments(problem_id) if first is not None and e.id >= first]
        return with_changes(added, unit.changes)  # type: ignore[no-any-return]

    @writes()
    def detach_problem_evidence(self, evidence_id: int) -> Changed:
        """Remove a problem's file record (the copied file stays while another record uses the same content)."""
        item = self._file(ProblemEvidence, _PROBLEM_COLUMNS, "problem_evidence", evidence_id)
        ledger.check_problem_evidence(self.problem(item.problem_id).status)
        self.db.execute("DELETE FROM problem_evidence WHERE id = ?", [evidence_id])
        old = {"phase": item.phase, "name": item.name, "sha256": item.sha256}
        self._audit("detach", "problem", item.problem_id, "evidence", old, None)
        self._changed(problems=[item.problem_id])
        self._forget_copy("problem_evidence", item.path)
        return Changed()

    # ---- the copies in the data folder ----------------------------------------------------------------

    def _checked_source(self, source: str | os.PathLike[str]) -> Path:
        src = Path(source)
        if not src.is_file():
            raise NotFoundError(f"找不到文件：{src}", f"file not found: {src}")
        size = src.stat().st_size
        if size > MAX_EVIDENCE_BYTES:
            raise RuleError(
                f"文件太大（{size // (1024 * 1024)} MB，上限 200 MB）：{src.name}",
                f"file too large ({size // (1024 * 1024)} MB; the limit is 200 MB): {src.name}",
            )
        return src

    def _copy_in(self, src: Path, folder: str) -> _Copied:
        """Copy `src` into evidence/<folder>/ under a name made of its fingerprint (no user input can steer it out of
        the folder; the original name is kept in the table); a file of the same content is there already."""
        digest = hashlib.sha256()
        try:
            with src.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
            size = src.stat().st_size
        except OSError as exc:
            raise StorageError(f"无法读取 {src}：{exc.strerror}", f"cannot read {src}: {exc.strerror}") from None
        sha = digest.hexdigest()
        stored = f"{folder}/{sha[:16]}{src.suffix.lower()[:10] if src.suffix.isascii() else ''}"
        target = self.evidence_dir() / stored
        tmp = target.with_name(target.name + ".part")
        try:
            private_dir(target.parent)
            if not target.exists():
                shutil.copyfile(src, tmp)
                settle(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)  # a half-copied file never stays behind
            raise StorageError(
                f"无法把 {src.name} 复制到数据文件夹（{exc.strerror}）",
                f"cannot copy {src.name} into the data folder ({exc.strerror})",
            ) from None
        return _Copied(src.name, stored, sha, size)

    def _forget_copy(self, table: str, path: Path) -> None:
        """Delete a copy no record of `table` (the one table whose files share its folder) uses any more."""
        stored = path.relative_to(self.evidence_dir()).as_posix()
        still = self.db.execute(f"SELECT 1 FROM {table} WHERE stored = ?", [stored])
        if still.fetchone() is None:
            path.unlink(missing_ok=True)

"""The store: the one object through which every change to the data goes, each change one transaction."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfcheck.core import clock, ledger
from selfcheck.core.answers import Answer, normalise
from selfcheck.core.ledger import Status
from selfcheck.core.printable import invisible
from selfcheck.core.records import (
    AnswerChange,
    AuditEntry,
    Carried,
    Inspection,
    Problem,
    School,
    TemplateInfo,
)
from selfcheck.core.template import Template, canonical_json, from_stored, version_tuple
from selfcheck.errors import ConflictError, NotFoundError, RuleError, StorageError, TemplateError
from selfcheck.storage import db as dbmod
from selfcheck.storage.db import now, transaction
from selfcheck.storage.paths import DB_NAME, builtin_checklists_dir, data_dir

if TYPE_CHECKING:
    import sqlite_utils

PROBLEM_FIELDS = ("description", "measure", "owner", "department", "deadline")


def _version_key(version: str) -> str:
    return ".".join(f"{p:06d}" for p in version_tuple(version))


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


MAX_IMAGE = 4 * 1024 * 1024


def _locked(inspection_id: int) -> RuleError:
    return RuleError(
        f"自查 {inspection_id} 已签名导出，已锁定；如需修改，请先“重新打开”（将生成新的修订版）",
        f"inspection {inspection_id} was signed and is locked; reopen it (a new revision) to change it",
    )


def _check_image(image: bytes, label: str) -> None:
    if len(image) > MAX_IMAGE:
        raise RuleError(f"{label}图片过大（最大 4 MB）", f"the {label} image is too large (4 MB at most)")
    if not (image.startswith(b"\x89PNG\r\n\x1a\n") or image.startswith(b"\xff\xd8\xff")):
        raise RuleError(f"{label}图片应为 PNG 或 JPG 文件", f"the {label} image must be a PNG or JPEG file")


def _uuid4() -> str:
    import uuid  # here, not at the top: it loads `platform`, and the app's start never makes an id

    return str(uuid.uuid4())


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class Store:
    """Open with `Store.open(data_dir)`; close with `close()` or use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._templates: dict[tuple[str, str], Template] = {}

    # Reads go through the connection itself, rows as dicts the way sqlite-utils gives them: opening the app and
    # showing an inspection needs nothing but sqlite3. Writes go through sqlite-utils' Database on the same
    # connection; it is loaded on the first write (or right after the app's window is shown), because importing it
    # takes about 0.1 s (it brings click, dateutil and pluggy along).
    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        keys = [d[0] for d in cursor.description]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    # ---- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, directory: str | Path | None = None, *, install_builtins: bool = True) -> Store:
        folder = data_dir(directory)
        path = folder / DB_NAME
        conn = dbmod.connect(path)
        store = cls(conn, path)
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise StorageError(f"数据库已损坏：{path}", f"the database is damaged: {path}")
            dbmod.migrate(conn)
            if install_builtins:
                store.install_builtins()
        except dbmod.DB_ERRORS as exc:
            conn.close()
            raise StorageError(
                f"无法读取数据库 {path}（{exc}）；它可能已损坏，请从备份恢复",
                f"cannot read the database {path} ({exc}); it may be damaged: restore a backup",
            ) from None
        except StorageError:
            conn.close()
            raise
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _audit(
        self, action: str, entity: str, entity_id: object, field: str | None, old: Any, new: Any, at: str | None = None
    ) -> None:
        self.db.execute(
            "INSERT INTO audit (at, action, entity, entity_id, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [at or now(), action, entity, str(entity_id), field, _json(old), _json(new)],
        )

    # ---- school ----------------------------------------------------------------------------------

    def school(self) -> School | None:
        rows = list(self._query("SELECT * FROM school WHERE id = 1"))
        if not rows:
            return None
        r = rows[0]
        return School(r["name"], r["code"], r["principal"], r["address"], r["updated_at"])

    def set_school(self, name: str, code: str, principal: str, address: str | None = None) -> School:
        fields = {"name": name.strip(), "code": code.strip(), "principal": principal.strip()}
        for key, value in fields.items():
            label = {"name": "学校名称", "code": "学校代码", "principal": "校长"}[key]
            if not value:
                raise RuleError(f"{label}不能为空", f"{key} cannot be empty")
            hidden = invisible(value)
            if hidden:  # a report naming it would be refused at the bureau (reports/policy.py)
                raise RuleError(f"{label}含有不可见字符 {hidden}，请重新输入", f"the {key} holds an invisible character {hidden}")
        with transaction(self.db):
            old = self.school()
            if old is not None and (old.name, old.code) != (fields["name"], fields["code"]) and self.identity() is not None:
                # the certificate the bureau trusts names the school: a report whose data named another would be
                # refused as filed by someone else (reports/policy.py)
                raise ConflictError(
                    f"本校已有签名证书，证书上的学校名称“{old.name}”和代码 {old.code} 不能再更改；"
                    "如学校确已更名或换码，需要新的签名密钥和证书，请联系教育局",
                    f"the school has a signing certificate naming {old.name!r} (code {old.code}); the name and code can "
                    "no longer change: a renamed school needs a new key and certificate (ask the bureau)",
                )
            if address is None:  # not given: keep what was saved; "" clears it
                address = old.address if old else None
            new = School(fields["name"], fields["code"], fields["principal"], (address or "").strip() or None, now())
            self.db.execute(
                "INSERT INTO school (id, name, code, principal, address, updated_at) VALUES (1, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET name=excluded.name, code=excluded.code, "
                "principal=excluded.principal, address=excluded.address, updated_at=excluded.updated_at",
                [new.name, new.code, new.principal, new.address, new.updated_at],
            )
            for key in ("name", "code", "principal", "address"):
                before = getattr(old, key) if old else None
                if before != getattr(new, key):
                    self._audit("set", "school", 1, key, before, getattr(new, key))
        return new

    def set_school_images(self, *, signature: bytes | None = None, seal: bytes | None = None) -> None:
        """Store the principal's signature and the school seal (PNG or JPEG) for the report."""
        if self.school() is None:
            raise RuleError("请先设置学校信息", "set the school profile first")
        with transaction(self.db):
            for column, image, label in (("signature_image", signature, "签名"), ("seal_image", seal, "公章")):
                if image is None:
                    continue
                _check_image(image, label)
                self.db.execute(f"UPDATE school SET {column} = ?, updated_at = ? WHERE id = 1", [image, now()])
                self._audit("set", "school", 1, column, None, f"{len(image)} bytes")

    def school_images(self) -> tuple[bytes | None, bytes | None]:
        row = self.conn.execute("SELECT signature_image, seal_image FROM school WHERE id = 1").fetchone()
        return (row[0], row[1]) if row else (None, None)

    # ---- signing identity --------------------------------------------------------------------------

    def identity(self) -> tuple[bytes, bytes, str] | None:
        """(encrypted key PEM, certificate PEM, fingerprint), or None before `keys init`."""
        row = self.conn.execute("SELECT key_pem, cert_pem, fingerprint FROM identity WHERE id = 1").fetchone()
        return (bytes(row[0]), bytes(row[1]), str(row[2])) if row else None

    def set_identity(self, key_pem: bytes, cert_pem: bytes, fingerprint: str) -> None:
        """Keep the school's signing identity. Never replaced silently: the bureau trusts this certificate."""
        if b"ENCRYPTED PRIVATE KEY" not in key_pem:
            raise RuleError("私钥必须加密保存", "the private key must be stored encrypted")
        with transaction(self.db):
            if self.identity() is not None:
                raise ConflictError(
                    "本校已有签名密钥；更换密钥后教育局需重新信任新证书，如确需更换请联系技术支持",
                    "the school already has a signing key; replacing it means the bureau must trust a new certificate",
                )
            self.db.execute(
                "INSERT INTO identity (id, key_pem, cert_pem, fingerprint, created_at) VALUES (1, ?, ?, ?, ?)",
                [key_pem, cert_pem, fingerprint, now()],
            )
            self._audit("create", "identity", 1, "fingerprint", None, fingerprint)

    def record_export(
        self, inspection_id: int, path: str, sha256: str, *, signed: bool, fingerprint: str | None, document_id: str
    ) -> None:
        with transaction(self.db):
            self.db.execute(
                "INSERT INTO exports (inspection_id, path, sha256, signed, fingerprint, document_id, exported_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [inspection_id, path, sha256, int(signed), fingerprint, document_id, now()],
            )
            self._audit("export", "inspection", inspection_id, None, None, {"path": path, "sha256": sha256})
            if signed:  # what was signed must stay what the answers say: lock until reopened as a new revision
                stamp = now()
                self.db.execute(
                    "UPDATE inspections SET signed_at = ?, updated_at = ? WHERE id = ? AND signed_at IS NULL",
                    [stamp, stamp, inspection_id],
                )

    def reopen_inspection(self, inspection_id: int) -> Inspection:
        """Unlock a signed inspection for changes: it becomes the next revision, recorded in the audit log."""
        inspection = self.inspection(inspection_id)
        if not inspection.locked:
            raise RuleError("这次自查尚未签名，无需重新打开", "this inspection is not signed; nothing to reopen")
        with transaction(self.db):
            stamp = now()
            self.db.execute(
                "UPDATE inspections SET signed_at = NULL, status = 'draft', completed_at = NULL, "
                "revision = revision + 1, updated_at = ? WHERE id = ?",
                [stamp, inspection_id],
            )
            self._audit("reopen", "inspection", inspection_id, "revision", inspection.revision, inspection.revision + 1)
        return self.inspection(inspection_id)

    # ---- templates -------------------------------------------------------------------------------

    def install_template(self, template: Template, source: str) -> bool:
        """Install (id, version). Same content again: nothing to do (False). Other content: refused."""
        content_hash = template.content_hash()
        with transaction(self.db):
            # "1", "1.0" and "1.00" are one version: compare by the normalised key, not the spelling.
            row = self.db.execute(
                "SELECT content_hash, version FROM templates WHERE template_id = ? AND version_key = ?",
                [template.id, _version_key(template.version)],
            ).fetchone()
            if row is not None:
                if row[0] == content_hash and row[1] == template.version:
                    return False
                raise ConflictError(
                    f"检查表 {template.id} 版本 {template.version} 已安装且内容不同；"
                    "已安装的版本不会被覆盖，请让发布单位提高版本号",
                    f"checklist {template.id} version {template.version} is installed with other content; "
                    "installed versions are never overwritten: ask the issuer for a new version number",
                )
            self.db.execute(
                "INSERT INTO templates (template_id, version, version_key, title, issuer, effective_date, "
                "content_hash, content, items, source, installed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    template.id,
                    template.version,
                    _version_key(template.version),
                    template.title,
                    template.issuer,
                    template.effective_date.isoformat(),
                    content_hash,
                    canonical_json(template),
                    len(template.items()),
                    source,
                    now(),
                ],
            )
            self._audit("install", "template", f"{template.id}@{template.version}", None, None, content_hash)
        self._templates[(template.id, template.version)] = template
        return True

    def remove_template(self, template_id: str, version: str) -> None:
        """Remove an installed checklist version that no inspection uses. The shipped checklists stay (they would
        come back at the next start); a version with inspections stays (their answers need it)."""
        with transaction(self.db):
            row = self.db.execute(
                "SELECT version, source, content_hash FROM templates WHERE template_id = ? AND version_key = ?",
                [template_id, _version_key(version)],
            ).fetchone()
            if row is None:
                raise NotFoundError(
                    f"没有安装检查表“{template_id}”版本 {version}",
                    f"checklist '{template_id}' version {version} is not installed",
                )
            stored_version, source, content_hash = str(row[0]), str(row[1]), str(row[2])
            if source.startswith("builtin:"):
                raise RuleError(
                    f"检查表“{template_id}”版本 {stored_version} 随程序提供，不能删除",
                    f"checklist '{template_id}' version {stored_version} ships with the program and cannot be removed",
                )
            used = self.db.execute(
                "SELECT COUNT(*) FROM inspections WHERE template_id = ? AND template_version = ?",
                [template_id, stored_version],
            ).fetchone()[0]
            if used:
                raise ConflictError(
                    f"检查表“{template_id}”版本 {stored_version} 已有 {used} 次自查在用，不能删除",
                    f"checklist '{template_id}' version {stored_version} is used by {used} inspection(s) and cannot be removed",
                )
            self.db.execute(
                "DELETE FROM template_provenance WHERE template_id = ? AND version = ?", [template_id, stored_version]
            )
            self.db.execute("DELETE FROM templates WHERE template_id = ? AND version = ?", [template_id, stored_version])
            self._audit("remove", "template", f"{template_id}@{stored_version}", None, content_hash, None)
        self._templates.pop((template_id, stored_version), None)

    def install_builtins(self, folder: Path | None = None) -> list[str]:
        """Install the shipped checklists whose files are new or changed since last time."""
        folder = folder or builtin_checklists_dir()
        if not folder.is_dir():
            return []
        done = {r["name"]: r["sha256"] for r in self._query("SELECT name, sha256 FROM builtin_files")}
        installed = []
        for path in sorted(folder.glob("*.yaml")):
            raw = path.read_bytes()
            digest = hashlib.sha256(raw).hexdigest()
            if done.get(path.name) == digest:
                continue
            try:
                from selfcheck.core.template_file import parse_template  # the YAML reader: only when a file changed

                template = parse_template(raw, str(path))
                if self.install_template(template, f"builtin:{path.name}"):
                    installed.append(f"{template.id}@{template.version}")
            except (TemplateError, ConflictError):
                continue  # a broken shipped file is a packaging bug the tests catch; never block start-up
            with transaction(self.db):
                self.db.execute(
                    "INSERT INTO builtin_files (name, sha256, installed_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (name) DO UPDATE SET sha256=excluded.sha256, installed_at=excluded.installed_at",
                    [path.name, digest, now()],
                )
        return installed

    def templates(self) -> list[TemplateInfo]:
        rows = self._query(
            "SELECT template_id, version, title, issuer, effective_date, content_hash, items, source, installed_at "
            "FROM templates ORDER BY template_id, version_key"
        )
        return [TemplateInfo(**r) for r in rows]

    def template(self, template_id: str, version: str | None = None) -> Template:
        """A template by id, the newest installed version unless one is named."""
        if version is None:
            row = self.conn.execute(
                "SELECT version FROM templates WHERE template_id = ? ORDER BY version_key DESC LIMIT 1",
                [template_id],
            ).fetchone()
            if row is None:
                known = ", ".join(sorted({t.template_id for t in self.templates()})) or "（无）"
                raise NotFoundError(
                    f"没有安装检查表“{template_id}”；已安装：{known}",
                    f"no checklist '{template_id}' is installed; installed: {known}",
                )
            version = str(row[0])
        key = (template_id, version)
        if key not in self._templates:
            row = self.conn.execute(
                "SELECT content FROM templates WHERE template_id = ? AND version = ?", [template_id, version]
            ).fetchone()
            if row is None:
                raise NotFoundError(
                    f"检查表“{template_id}”没有版本 {version}", f"checklist '{template_id}' has no version {version}"
                )
            try:
                self._templates[key] = from_stored(row[0])
            except ValueError as exc:  # pydantic's ValidationError is one: what was stored no longer reads back
                raise StorageError(
                    f"数据库中的检查表“{template_id}”版本 {version} 已损坏，请从备份恢复：{exc}",
                    f"checklist '{template_id}' version {version} is damaged in the database; restore a backup: {exc}",
                ) from None
        return self._templates[key]

    # ---- inspections -----------------------------------------------------------------------------

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

    def new_inspection(
        self, template_id: str, period: str, inspectors: Sequence[str] = (), version: str | None = None
    ) -> Inspection:
        """Start an inspection bound to one template version; carry in the open problems of earlier rounds."""
        template = self.template(template_id, version)
        period = period.strip()
        if not period:
            raise RuleError("请填写检查期次，如 2026年秋季学期", "give the period, e.g. 2026年秋季学期")
        people = [p.strip() for p in inspectors if p.strip()]
        stamp = now()
        with transaction(self.db):
            cursor = self.db.execute(
                "INSERT INTO inspections (uid, template_id, template_version, period, inspectors, status, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?)",
                [_uuid4(), template.id, template.version, period, _json(people), stamp, stamp],
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

    def reviews(self, inspection_id: int) -> dict[str, str]:
        """Answers to look at again after a move to a new checklist version: item id → reason
        (see storage/migrate_inspection.py, which writes them)."""
        rows = self.conn.execute(
            "SELECT item_id, reason FROM answer_reviews WHERE inspection_id = ? ORDER BY item_id", [inspection_id]
        ).fetchall()
        return {str(r[0]): str(r[1]) for r in rows}

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
        template = self.template(row[0], row[1])
        answer = normalise(template, item_id, option, value, note)
        with transaction(self.db):
            return self._put_answer(inspection_id, answer)

    def save_answers(self, inspection_id: int, items: Iterable[dict[str, Any]]) -> list[AnswerChange]:
        """Save many answers as one action: all checked first, then all written, or none."""
        inspection = self.inspection(inspection_id)
        if inspection.locked:
            raise _locked(inspection_id)
        template = self.template(inspection.template_id, inspection.template_version)
        answers: list[Answer] = []
        errors: list[str] = []
        for n, entry in enumerate(items, 1):
            try:
                if not isinstance(entry, dict) or "item" not in entry:
                    raise RuleError("缺少 item", "item is missing")
                unknown = sorted(set(entry) - {"item", "option", "value", "note"})
                if unknown:
                    raise RuleError(
                        f"未知字段 {', '.join(unknown)}（可用：item、option、value、note）",
                        f"unknown field(s) {', '.join(unknown)} (use item, option, value, note)",
                    )
                answers.append(
                    normalise(template, str(entry["item"]), entry.get("option"), entry.get("value"), entry.get("note"))
                )
            except RuleError as exc:
                errors.append(f"第 {n} 条 (answers[{n - 1}]): {exc.message}")
        if errors:
            raise RuleError("答案有误，未保存任何答案：\n" + "\n".join(errors), "answers have errors; nothing was saved")
        with transaction(self.db):
            return [self._put_answer(inspection.id, a) for a in answers]

    def _put_answer(self, inspection_id: int, answer: Answer) -> AnswerChange:
        execute = self.db.conn.execute
        old_row = execute(
            "SELECT option, value, note FROM answers WHERE inspection_id = ? AND item_id = ?",
            [inspection_id, answer.item_id],
        ).fetchone()
        old = Answer(answer.item_id, *old_row) if old_row else None
        # Answering, even with the same answer, is the second look a changed item asked for after a move to a
        # new checklist version.
        execute("DELETE FROM answer_reviews WHERE inspection_id = ? AND item_id = ?", [inspection_id, answer.item_id])
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
        return AnswerChange(inspection_id, answer.item_id, old, answer)

    def clear_answer(self, inspection_id: int, item_id: str) -> AnswerChange:
        inspection = self.inspection(inspection_id)
        if inspection.locked:
            raise _locked(inspection_id)
        with transaction(self.db):
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
        return AnswerChange(inspection_id, item_id, Answer(item_id, *old_row), None)

    def complete_inspection(self, inspection_id: int) -> Inspection:
        """Mark complete, refused while required items are unanswered or required notes are missing."""
        from selfcheck.core.answers import missing

        inspection = self.inspection(inspection_id)
        template = self.template(inspection.template_id, inspection.template_version)
        gaps = missing(template, self.answers(inspection_id))
        if gaps:
            listing = "\n".join(f"  {g.item_id}: {g.zh}" for g in gaps[:50])
            more = f"\n  ……另有 {len(gaps) - 50} 项" if len(gaps) > 50 else ""
            raise RuleError(
                f"还有 {len(gaps)} 项未完成，不能标记为完成：\n{listing}{more}",
                f"{len(gaps)} item(s) still missing; cannot mark complete",
            )
        with transaction(self.db):
            stamp = now()
            self.db.execute(
                "UPDATE inspections SET status = 'complete', completed_at = ?, updated_at = ? WHERE id = ?",
                [stamp, stamp, inspection_id],
            )
            self._audit("complete", "inspection", inspection_id, "status", inspection.status, "complete")
        return self.inspection(inspection_id)

    # ---- problems (the ledger) -------------------------------------------------------------------

    def _problem_from(self, r: dict[str, Any]) -> Problem:
        return Problem(
            id=r["id"],
            description=r["description"],
            status=Status(r["status"]),
            source=r["source"],
            inspection_id=r["inspection_id"],
            template_id=r["template_id"],
            item_id=r["item_id"],
            measure=r["measure"],
            owner=r["owner"],
            department=r["department"],
            deadline=_date(r["deadline"]),
            raised_on=_date(r["raised_on"]),
            verified_by=r["verified_by"],
            verified_on=_date(r["verified_on"]),
            evidence=r["evidence"],
            updated_at=r["updated_at"],
        )

    def problem(self, problem_id: int) -> Problem:
        rows = list(self._query("SELECT * FROM problems WHERE id = ?", [problem_id]))
        if not rows:
            raise NotFoundError(f"没有编号为 {problem_id} 的问题", f"no problem with id {problem_id}")
        return self._problem_from(rows[0])

    def problems(
        self, *, inspection_id: int | None = None, status: Status | None = None, item_id: str | None = None
    ) -> list[Problem]:
        where: list[str] = []
        params: list[Any] = []
        if inspection_id is not None:
            where.append("inspection_id = ?")
            params.append(inspection_id)
        if item_id is not None:
            where.append("item_id = ?")
            params.append(item_id)
        if status is not None:
            where.append("status = ?")
            params.append(status.value)
        sql = "SELECT * FROM problems" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        return [self._problem_from(r) for r in self._query(sql, params)]

    def items_with_open_problems(self, inspection_id: int) -> set[str]:
        """The items of an inspection with a problem not yet closed: what the filling list marks."""
        rows = self.conn.execute(
            "SELECT DISTINCT item_id FROM problems WHERE inspection_id = ? AND item_id IS NOT NULL AND status != 'closed'",
            [inspection_id],
        ).fetchall()
        return {str(r[0]) for r in rows}

    def carried(self, inspection_id: int) -> list[Carried]:
        rows = self.conn.execute(
            "SELECT problem_id, status_at_start FROM carryovers WHERE inspection_id = ? ORDER BY problem_id",
            [inspection_id],
        ).fetchall()
        return [Carried(self.problem(pid), Status(status)) for pid, status in rows]

    def add_problem(
        self,
        description: str | None = None,
        *,
        inspection_id: int | None = None,
        item_id: str | None = None,
        template_id: str | None = None,
        measure: str | None = None,
        owner: str | None = None,
        department: str | None = None,
        deadline: dt.date | None = None,
        raised_on: dt.date | None = None,
    ) -> Problem:
        """Raise a problem by hand, or from an answer (inspection + item: the description is pre-filled).

        A hand-raised problem may name its checklist (template_id) so it carries into that checklist's next round.
        """
        if template_id is not None:
            template_id = self.template(template_id).id  # must be installed
        source = "manual"
        if inspection_id is not None:
            inspection = self.inspection(inspection_id)
            template_id = inspection.template_id
            if item_id is not None:
                template = self.template(inspection.template_id, inspection.template_version)
                index = template.item_index
                if item_id not in index:
                    raise NotFoundError(f"检查表中没有检查项“{item_id}”", f"the checklist has no item '{item_id}'")
                source = "answer"
                if not description:
                    answer = self.answers(inspection_id).get(item_id)
                    description = index[item_id][1].text
                    if answer and answer.note:
                        description = f"{description}：{answer.note}"
        elif item_id is not None:
            raise RuleError("从检查项提出问题时需要指明自查编号", "raising from an item needs the inspection id")
        if not description or not description.strip():
            raise RuleError("请填写问题描述", "give a description of the problem")
        with transaction(self.db):
            pid = self._insert_problem(
                inspection_id, template_id, item_id, source, description, measure, owner, department, deadline, raised_on
            )
        return self.problem(pid)

    def _insert_problem(
        self,
        inspection_id: int | None,
        template_id: str | None,
        item_id: str | None,
        source: str,
        description: str,
        measure: str | None = None,
        owner: str | None = None,
        department: str | None = None,
        deadline: dt.date | None = None,
        raised_on: dt.date | None = None,
    ) -> int:
        """Insert one problem and its audit row; the caller holds the transaction."""
        stamp = now()
        cursor = self.db.execute(
            "INSERT INTO problems (inspection_id, template_id, item_id, source, description, measure, owner, "
            "department, deadline, status, raised_on, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?, 'open', ?,?,?)",
            [
                inspection_id,
                template_id,
                item_id,
                source,
                description.strip(),
                measure,
                owner,
                department,
                deadline.isoformat() if deadline else None,
                (raised_on or clock.today()).isoformat(),
                stamp,
                stamp,
            ],
        )
        pid = int(cursor.lastrowid or 0)
        self._audit("raise", "problem", pid, None, None, description.strip())
        return pid

    def raise_problems_from_answers(self, inspection_id: int) -> list[Problem]:
        """One problem per answer whose option raises one (or deduction item with occurrences) and that has none yet.

        One action, one transaction: either every such problem is raised or none is.
        """
        inspection = self.inspection(inspection_id)
        template = self.template(inspection.template_id, inspection.template_version)
        answers = self.answers(inspection_id)
        have = {p.item_id for p in self.problems(inspection_id=inspection_id)}
        pids = []
        with transaction(self.db):
            for item in template.items():
                answer = answers.get(item.id)
                if item.id in have or answer is None:
                    continue
                option = template.option_map[item.id].get(answer.option or "")
                deducted = item.type == "deduction" and isinstance(answer.value, int | float) and answer.value > 0
                if (option is not None and option.raises_problem) or deducted:
                    text = f"{item.text}：{answer.note}" if answer.note else item.text
                    pids.append(self._insert_problem(inspection.id, inspection.template_id, item.id, "answer", text))
        return [self.problem(pid) for pid in pids]

    def update_problem(self, problem_id: int, *, status: Status | None = None, **fields: Any) -> Problem:
        """Change the measure, owner, department, deadline, description or status (not close-out)."""
        unknown = set(fields) - set(PROBLEM_FIELDS)
        if unknown:
            raise RuleError(f"不能修改字段：{', '.join(sorted(unknown))}", f"cannot change: {', '.join(sorted(unknown))}")
        with transaction(self.db):
            current = self.problem(problem_id)
            if current.status == Status.CLOSED:
                raise RuleError("已销号的问题不能再修改", "a closed problem cannot be changed")
            changes: dict[str, Any] = {}
            for key, value in fields.items():
                if isinstance(value, str):
                    value = value.strip() or None
                if key == "description" and not value:
                    raise RuleError("问题描述不能为空", "the description cannot be empty")
                if getattr(current, key) != value:
                    changes[key] = value
            if status is not None and status != current.status:
                ledger.check_move(current.status, status)
                changes["status"] = status
            if not changes:
                return current
            stamp = now()
            for key, value in changes.items():
                stored = (
                    value.isoformat() if isinstance(value, dt.date) else (value.value if isinstance(value, Status) else value)
                )
                before = getattr(current, key)
                before = (
                    before.isoformat()
                    if isinstance(before, dt.date)
                    else (before.value if isinstance(before, Status) else before)
                )
                self.db.execute(f"UPDATE problems SET {key} = ?, updated_at = ? WHERE id = ?", [stored, stamp, problem_id])
                self._audit("update", "problem", problem_id, key, before, stored)
        return self.problem(problem_id)

    def close_problem(
        self,
        problem_id: int,
        *,
        verified_by: str | None,
        evidence: str | None,
        verified_on: dt.date | None = None,
        today: dt.date | None = None,
    ) -> Problem:
        """销号, refused unless 四不放过 is met: a measure, a verifier, a date and evidence."""
        today = today or clock.today()
        with transaction(self.db):
            current = self.problem(problem_id)
            close = ledger.check_close(current.status, current.measure, verified_by, verified_on or today, evidence, today)
            if current.raised_on and close.verified_on < current.raised_on:
                raise RuleError(
                    f"验收日期不能早于问题提出日期 {current.raised_on.isoformat()}",
                    f"the verification date cannot be before the problem was raised ({current.raised_on.isoformat()})",
                )
            stamp = now()
            self.db.execute(
                "UPDATE problems SET status = 'closed', verified_by = ?, verified_on = ?, evidence = ?, "
                "updated_at = ? WHERE id = ?",
                [close.verified_by, close.verified_on.isoformat(), close.evidence, stamp, problem_id],
            )
            self._audit(
                "close",
                "problem",
                problem_id,
                "status",
                current.status.value,
                {
                    "status": "closed",
                    "verified_by": close.verified_by,
                    "verified_on": close.verified_on.isoformat(),
                    "evidence": close.evidence,
                },
            )
        return self.problem(problem_id)

    # ---- audit -----------------------------------------------------------------------------------

    def audit(self, entity: str | None = None, entity_id: object | None = None) -> list[AuditEntry]:
        where: list[str] = []
        params: list[Any] = []
        if entity is not None:
            where.append("entity = ?")
            params.append(entity)
        if entity_id is not None:
            where.append("entity_id = ?")
            params.append(str(entity_id))
        sql = "SELECT * FROM audit" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
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
            for r in self._query(sql, params)
        ]

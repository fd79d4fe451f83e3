"""Installed checklists: install (never overwriting a version), remove, the shipped ones, where each came from.

Provenance lives in its own table keyed by (template_id, version). A checklist with no row there (shipped
checklists installed at start-up, or one whose provenance write never happened) is `builtin` when its source
says so and `unsigned` otherwise: a missing record can only ever make a checklist look less trusted.

`installed()` lists them for `selfcheck checklist list` straight from the file when the store would open it
unchanged, so that command loads neither the store's other parts nor the checklist model (imported here by the
methods that use it).
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from selfcheck.core.changes import NOTHING, Changed, ChangedList, Changes
from selfcheck.core.checklist_info import ChecklistInfo
from selfcheck.errors import ChecklistError, ConflictError, NotFoundError, RuleError, StorageError
from selfcheck.storage import db as dbmod
from selfcheck.storage.base import StoreBase, writes
from selfcheck.storage.db import now
from selfcheck.storage.paths import DB_NAME, builtin_checklists_dir, data_dir

if TYPE_CHECKING:
    from selfcheck.core.checklist import Checklist

Kind = Literal["builtin", "signed", "unsigned"]
KIND_LABEL: dict[str, str] = {"builtin": "内置", "signed": "教育局签名", "unsigned": "未签名"}


def version_key(version: str) -> str:
    """ "1", "1.0" and "1.00" are one version: stored and compared by this key, not the spelling."""
    from selfcheck.core.checklist import version_tuple

    return ".".join(f"{p:06d}" for p in version_tuple(version))


@dataclass(frozen=True)
class Provenance:
    template_id: str
    version: str
    kind: Kind
    key_fingerprint: str | None = None  # the signer's, when signed
    key_name: str | None = None  # the name the school gave that key when it trusted it
    file: str | None = None  # the file name it was imported from
    recorded_at: str | None = None
    changes: Changes = field(default=NOTHING, compare=False, repr=False)  # set on what a write hands back

    @property
    def label(self) -> str:
        """As a list or a report shows it: 内置 / 教育局签名（名称） / 未签名."""
        if self.kind == "signed" and self.key_name:
            return f"{KIND_LABEL['signed']}（{self.key_name}）"
        return KIND_LABEL[self.kind]

    def to_json(self) -> dict[str, Any]:
        return {**{k: v for k, v in asdict(self).items() if k != "changes"}, "label": self.label}


_SELECT = (
    "SELECT t.template_id, t.version, t.source, p.kind, p.key_fingerprint, p.key_name, p.file, p.recorded_at "
    "FROM templates t LEFT JOIN template_provenance p ON p.template_id = t.template_id AND p.version = t.version"
)


def _provenance_from(row: Any) -> Provenance:
    template_id, version, source, kind, fp, key_name, file, at = row
    if kind is None:  # no record: only the shipped checklists are trusted without one
        kind = "builtin" if str(source).startswith("builtin:") else "unsigned"
    return Provenance(template_id, version, kind, fp, key_name, file, at)


def _checklist_infos(conn: sqlite3.Connection) -> list[ChecklistInfo]:
    cursor = conn.execute(
        "SELECT template_id, version, title, issuer, effective_date, content_hash, items, source, installed_at "
        "FROM templates ORDER BY template_id, version_key"
    )
    keys = [d[0] for d in cursor.description]
    return [ChecklistInfo(**dict(zip(keys, row, strict=True))) for row in cursor]


def _provenances(conn: sqlite3.Connection) -> dict[tuple[str, str], Provenance]:
    return {(p.template_id, p.version): p for p in map(_provenance_from, conn.execute(_SELECT).fetchall())}


def _builtin_files_to_install(conn: sqlite3.Connection, folder: Path | None = None) -> list[tuple[Path, bytes, str]]:
    """The shipped checklist files that are new or changed since they were last installed (a read)."""
    folder = folder or builtin_checklists_dir()
    if not folder.is_dir():
        return []
    done = dict(conn.execute("SELECT name, sha256 FROM builtin_files").fetchall())
    new = []
    for path in sorted(folder.glob("*.yaml")):
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if done.get(path.name) != digest:
            new.append((path, raw, digest))
    return new


def installed(directory: str | Path | None = None) -> tuple[list[ChecklistInfo], dict[tuple[str, str], Provenance]]:
    """The installed checklists and where each came from, as `Store.checklists()` and `Store.provenances()` give
    them. Read straight from the database when opening the store would change nothing (the file exists, every schema
    upgrade is applied, the shipped checklists are installed); otherwise the store opens, does that, and answers."""
    path = data_dir(directory) / DB_NAME
    if path.is_file():
        try:
            conn = dbmod.connect(path)
        except StorageError:
            conn = None  # the store's open below says why
        if conn is not None:
            try:
                done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
                if done == {name for name, _ in dbmod.UPGRADES} and not _builtin_files_to_install(conn):
                    return _checklist_infos(conn), _provenances(conn)
            except dbmod.DB_ERRORS:
                pass  # damaged, or older than the migrations table: the store's open below deals with it
            finally:
                conn.close()
    from selfcheck.storage.store import Store

    with Store.open(directory) as store:
        return store.checklists(), store.provenances()


class ChecklistStore(StoreBase):
    """Checklists by (id, version); rebuilt from their stored JSON once per store and kept."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._checklists: dict[tuple[str, str], Checklist] = {}

    def _rolled_back(self) -> None:
        self._checklists.clear()  # one may have been installed by the unit that was undone

    @writes()
    def install_checklist(self, template: Checklist, source: str) -> Changed:
        """Install (id, version). Same content again: nothing to do (`.value` False). Other content: refused."""
        from selfcheck.core.checklist import canonical_json

        content_hash = template.content_hash()
        # "1", "1.0" and "1.00" are one version: compare by the normalised key, not the spelling.
        row = self.db.execute(
            "SELECT content_hash, version FROM templates WHERE template_id = ? AND version_key = ?",
            [template.id, version_key(template.version)],
        ).fetchone()
        if row is not None:
            if row[0] == content_hash and row[1] == template.version:
                return Changed(value=False)
            raise ConflictError(
                f"检查表 {template.id} 版本 {template.version} 已安装且内容不同；已安装的版本不会被覆盖，请让发布单位提高版本号",
                f"checklist {template.id} version {template.version} is installed with other content; "
                "installed versions are never overwritten: ask the issuer for a new version number",
            )
        self.db.execute(
            "INSERT INTO templates (template_id, version, version_key, title, issuer, effective_date, "
            "content_hash, content, items, source, installed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                template.id,
                template.version,
                version_key(template.version),
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
        self._changed(checklists=True)
        self._checklists[(template.id, template.version)] = template
        return Changed(value=True)

    @writes()
    def remove_checklist(self, template_id: str, version: str) -> Changed:
        """Remove an installed checklist version that no inspection uses. The shipped checklists stay (they would
        come back at the next start); a version with inspections stays (their answers need it)."""
        row = self.db.execute(
            "SELECT version, source, content_hash FROM templates WHERE template_id = ? AND version_key = ?",
            [template_id, version_key(version)],
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
        self.db.execute("DELETE FROM template_provenance WHERE template_id = ? AND version = ?", [template_id, stored_version])
        self.db.execute("DELETE FROM templates WHERE template_id = ? AND version = ?", [template_id, stored_version])
        self._audit("remove", "template", f"{template_id}@{stored_version}", None, content_hash, None)
        self._changed(checklists=True)
        self._checklists.pop((template_id, stored_version), None)
        return Changed()

    @writes()
    def install_builtins(self, folder: Path | None = None) -> ChangedList[str]:
        """Install the shipped checklists whose files are new or changed since last time."""
        installed: ChangedList[str] = ChangedList()
        for path, raw, digest in self._new_builtins(folder):
            try:
                from selfcheck.core.checklist_file import parse_checklist  # the YAML reader: only when a file changed

                template = parse_checklist(raw, str(path))
                if self.install_checklist(template, f"builtin:{path.name}"):
                    installed.append(f"{template.id}@{template.version}")
            except (ChecklistError, ConflictError):
                continue  # a broken shipped file is a packaging bug the tests catch; never block start-up
            self.db.execute(
                "INSERT INTO builtin_files (name, sha256, installed_at) VALUES (?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET sha256=excluded.sha256, installed_at=excluded.installed_at",
                [path.name, digest, now()],
            )
        return installed

    def _new_builtins(self, folder: Path | None = None) -> list[tuple[Path, bytes, str]]:
        """The shipped checklist files that are new or changed since they were last installed (a read: opening the
        store asks this first and takes the write lock only when there is something to install)."""
        return _builtin_files_to_install(self.conn, folder)

    def checklists(self) -> list[ChecklistInfo]:
        return _checklist_infos(self.conn)

    def checklist(self, template_id: str, version: str | None = None) -> Checklist:
        """A template by id, the newest installed version unless one is named."""
        if version is None:
            row = self.conn.execute(
                "SELECT version FROM templates WHERE template_id = ? ORDER BY version_key DESC LIMIT 1",
                [template_id],
            ).fetchone()
            if row is None:
                known = ", ".join(sorted({t.template_id for t in self.checklists()})) or "（无）"
                raise NotFoundError(
                    f"没有安装检查表“{template_id}”；已安装：{known}",
                    f"no checklist '{template_id}' is installed; installed: {known}",
                )
            version = str(row[0])
        key = (template_id, version)
        if key not in self._checklists:
            row = self.conn.execute(
                "SELECT content FROM templates WHERE template_id = ? AND version = ?", [template_id, version]
            ).fetchone()
            if row is None:
                raise NotFoundError(
                    f"检查表“{template_id}”没有版本 {version}", f"checklist '{template_id}' has no version {version}"
                )
            from selfcheck.core.checklist import from_stored

            try:
                self._checklists[key] = from_stored(row[0])
            except ValueError as exc:  # pydantic's ValidationError is one: what was stored no longer reads back
                raise StorageError(
                    f"数据库中的检查表“{template_id}”版本 {version} 已损坏，请从备份恢复：{exc}",
                    f"checklist '{template_id}' version {version} is damaged in the database; restore a backup: {exc}",
                ) from None
        return self._checklists[key]

    # ---- provenance -------------------------------------------------------------------------------

    @writes()
    def record_provenance(
        self,
        template_id: str,
        version: str,
        kind: Kind,
        *,
        key_fingerprint: str | None = None,
        key_name: str | None = None,
        file: str | None = None,
        file_sha256: str | None = None,
    ) -> Provenance:
        """Record (or replace) where an installed checklist came from; audited with the old and new kind."""
        if (kind == "signed") != (key_fingerprint is not None):
            raise ValueError("a signed checklist names its key; an unsigned or builtin one does not")
        stamp = now()
        old = self.provenance(template_id, version)
        self.db.execute(
            "INSERT INTO template_provenance (template_id, version, kind, key_fingerprint, key_name, file, file_sha256, "
            "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (template_id, version) DO UPDATE SET "
            "kind=excluded.kind, key_fingerprint=excluded.key_fingerprint, key_name=excluded.key_name, "
            "file=excluded.file, file_sha256=excluded.file_sha256, recorded_at=excluded.recorded_at",
            [template_id, version, kind, key_fingerprint, key_name, file, file_sha256, stamp],
        )
        self._audit(
            "provenance",
            "template",
            f"{template_id}@{version}",
            "provenance",
            {"kind": old.kind, "key": old.key_fingerprint},
            {"kind": kind, "key": key_fingerprint, "file": file, "sha256": file_sha256},
            at=stamp,
        )
        self._changed(checklists=True)
        return Provenance(template_id, version, kind, key_fingerprint, key_name, file, stamp)

    @writes()
    def import_checklist(
        self,
        template: Checklist,
        *,
        key_fingerprint: str | None,
        key_name: str | None = None,
        file: str,
        file_sha256: str | None = None,
    ) -> tuple[Provenance, bool]:
        """Install a checklist read from a file and record where it came from, in one unit: a checklist is never
        installed without its provenance. Signed by a trusted key when `key_fingerprint` is given.
        (provenance, whether it was newly installed)."""
        source = f"signed:{file}" if key_fingerprint else f"file:{file}"
        installed = bool(self.install_checklist(template, source).value)
        prov = self.record_provenance(
            template.id,
            template.version,
            "signed" if key_fingerprint else "unsigned",
            key_fingerprint=key_fingerprint,
            key_name=key_name if key_fingerprint else None,
            file=file,
            file_sha256=file_sha256,
        )
        return prov, installed

    def provenance(self, template_id: str, version: str) -> Provenance:
        """Where (template_id, version) came from; NotFoundError when it is not installed."""
        row = self.conn.execute(f"{_SELECT} WHERE t.template_id = ? AND t.version = ?", [template_id, version]).fetchone()
        if row is None:
            raise NotFoundError(f"检查表“{template_id}”没有版本 {version}", f"checklist '{template_id}' has no version {version}")
        return _provenance_from(row)

    def provenances(self) -> dict[tuple[str, str], Provenance]:
        """Every installed checklist's provenance, keyed by (template_id, version)."""
        return _provenances(self.conn)

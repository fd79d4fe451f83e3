"""Trusted bureau keys and where each installed checklist came from (builtin, signed by a key, unsigned).

Functions over a `Store` (its file is owned elsewhere); each write is one transaction with its audit row.
Provenance lives in its own table keyed by (template_id, version). A template with no row there (shipped
checklists installed at start-up, or one whose provenance write never happened) is `builtin` when its source
says so and `unsigned` otherwise: a missing record can only ever make a checklist look less trusted.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from selfcheck.errors import NotFoundError
from selfcheck.storage.db import now, transaction
from selfcheck.storage.store import Store

Kind = Literal["builtin", "signed", "unsigned"]
KIND_LABEL: dict[str, str] = {"builtin": "内置", "signed": "教育局签名", "unsigned": "未签名"}


@dataclass(frozen=True)
class TrustedKey:
    fingerprint: str  # SHA-256 of the DER public key, "AB:CD:..."
    public_pem: str
    name: str | None
    added_at: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Provenance:
    template_id: str
    version: str
    kind: Kind
    key_fingerprint: str | None = None  # the signer's, when signed
    key_name: str | None = None  # the name the school gave that key when it trusted it
    file: str | None = None  # the file name it was imported from
    recorded_at: str | None = None

    @property
    def label(self) -> str:
        """As a list or a report shows it: 内置 / 教育局签名（名称） / 未签名."""
        if self.kind == "signed" and self.key_name:
            return f"{KIND_LABEL['signed']}（{self.key_name}）"
        return KIND_LABEL[self.kind]

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "label": self.label}


# ---- trusted keys ---------------------------------------------------------------------------------


def trusted_keys(store: Store) -> list[TrustedKey]:
    rows = store.conn.execute("SELECT fingerprint, public_pem, name, added_at FROM trusted_keys ORDER BY added_at").fetchall()
    return [TrustedKey(*r) for r in rows]


def trusted_key(store: Store, fingerprint: str) -> TrustedKey | None:
    row = store.conn.execute(
        "SELECT fingerprint, public_pem, name, added_at FROM trusted_keys WHERE fingerprint = ?", [fingerprint]
    ).fetchone()
    return TrustedKey(*row) if row else None


def add_trusted_key(store: Store, fingerprint: str, public_pem: str, name: str | None = None) -> tuple[TrustedKey, bool]:
    """Trust a bureau key. Already trusted: (that key, False), its name updated when a new one is given."""
    name = (name or "").strip() or None
    with transaction(store.db):
        old = trusted_key(store, fingerprint)
        if old is not None:
            if name is None or name == old.name:
                return old, False
            store.db.execute("UPDATE trusted_keys SET name = ? WHERE fingerprint = ?", [name, fingerprint])
            store._audit("set", "trusted_key", fingerprint, "name", old.name, name)
            return TrustedKey(old.fingerprint, old.public_pem, name, old.added_at), False
        key = TrustedKey(fingerprint, public_pem, name, now())
        store.db.execute(
            "INSERT INTO trusted_keys (fingerprint, public_pem, name, added_at) VALUES (?, ?, ?, ?)",
            [key.fingerprint, key.public_pem, key.name, key.added_at],
        )
        store._audit("trust", "trusted_key", fingerprint, None, None, {"name": name})
    return key, True


def remove_trusted_key(store: Store, fingerprint: str) -> TrustedKey:
    """Stop trusting a key. Checklists it signed stay installed and stay marked as signed by it."""
    with transaction(store.db):
        old = trusted_key(store, fingerprint)
        if old is None:
            known = "、".join(k.fingerprint[:11] + "…" for k in trusted_keys(store)) or "（无）"
            raise NotFoundError(
                f"没有信任指纹为 {fingerprint} 的公钥；已信任：{known}（用 selfcheck trust list 查看）",
                f"no trusted key has fingerprint {fingerprint}; see selfcheck trust list",
            )
        store.db.execute("DELETE FROM trusted_keys WHERE fingerprint = ?", [fingerprint])
        store._audit("untrust", "trusted_key", fingerprint, None, {"name": old.name}, None)
    return old


# ---- provenance -----------------------------------------------------------------------------------


def record_provenance(
    store: Store,
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
    with transaction(store.db):
        old = provenance(store, template_id, version)
        store.db.execute(
            "INSERT INTO template_provenance (template_id, version, kind, key_fingerprint, key_name, file, file_sha256, "
            "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (template_id, version) DO UPDATE SET "
            "kind=excluded.kind, key_fingerprint=excluded.key_fingerprint, key_name=excluded.key_name, "
            "file=excluded.file, file_sha256=excluded.file_sha256, recorded_at=excluded.recorded_at",
            [template_id, version, kind, key_fingerprint, key_name, file, file_sha256, stamp],
        )
        store._audit(
            "provenance",
            "template",
            f"{template_id}@{version}",
            "provenance",
            {"kind": old.kind, "key": old.key_fingerprint},
            {"kind": kind, "key": key_fingerprint, "file": file, "sha256": file_sha256},
            at=stamp,
        )
    return Provenance(template_id, version, kind, key_fingerprint, key_name, file, stamp)


_SELECT = (
    "SELECT t.template_id, t.version, t.source, p.kind, p.key_fingerprint, p.key_name, p.file, p.recorded_at "
    "FROM templates t LEFT JOIN template_provenance p ON p.template_id = t.template_id AND p.version = t.version"
)


def _from_row(row: Any) -> Provenance:
    template_id, version, source, kind, fp, key_name, file, at = row
    if kind is None:  # no record: only the shipped checklists are trusted without one
        kind = "builtin" if str(source).startswith("builtin:") else "unsigned"
    return Provenance(template_id, version, kind, fp, key_name, file, at)


def provenance(store: Store, template_id: str, version: str) -> Provenance:
    """Where (template_id, version) came from; NotFoundError when it is not installed."""
    row = store.conn.execute(f"{_SELECT} WHERE t.template_id = ? AND t.version = ?", [template_id, version]).fetchone()
    if row is None:
        raise NotFoundError(f"检查表“{template_id}”没有版本 {version}", f"checklist '{template_id}' has no version {version}")
    return _from_row(row)


def provenances(store: Store) -> dict[tuple[str, str], Provenance]:
    """Every installed checklist's provenance, keyed by (template_id, version)."""
    return {(p.template_id, p.version): p for p in map(_from_row, store.conn.execute(_SELECT).fetchall())}

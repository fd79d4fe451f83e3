"""Bureau keys the school trusts to sign checklists (Ed25519 public keys). Where each installed checklist came
from (builtin, signed by one of these keys, unsigned) is kept with the checklists: storage/checklists.py."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from selfcheck.core.changes import NOTHING, Changes
from selfcheck.errors import NotFoundError
from selfcheck.storage.base import writes
from selfcheck.storage.checklists import KIND_LABEL, ChecklistStore, Kind, Provenance
from selfcheck.storage.db import now

__all__ = ["KIND_LABEL", "Kind", "Provenance", "TrustStore", "TrustedKey"]


@dataclass(frozen=True)
class TrustedKey:
    fingerprint: str  # SHA-256 of the DER public key, "AB:CD:..."
    public_pem: str
    name: str | None
    added_at: str
    changes: Changes = field(default=NOTHING, compare=False, repr=False)  # set on what a write hands back

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "changes"}


class TrustStore(ChecklistStore):
    def trusted_keys(self) -> list[TrustedKey]:
        rows = self.conn.execute("SELECT fingerprint, public_pem, name, added_at FROM trusted_keys ORDER BY added_at").fetchall()
        return [TrustedKey(*r) for r in rows]

    def trusted_key(self, fingerprint: str) -> TrustedKey | None:
        row = self.conn.execute(
            "SELECT fingerprint, public_pem, name, added_at FROM trusted_keys WHERE fingerprint = ?", [fingerprint]
        ).fetchone()
        return TrustedKey(*row) if row else None

    @writes()
    def add_trusted_key(self, fingerprint: str, public_pem: str, name: str | None = None) -> tuple[TrustedKey, bool]:
        """Trust a bureau key. Already trusted: (that key, False), its name updated when a new one is given."""
        name = (name or "").strip() or None
        old = self.trusted_key(fingerprint)
        if old is not None:
            if name is None or name == old.name:
                return old, False
            self.db.execute("UPDATE trusted_keys SET name = ? WHERE fingerprint = ?", [name, fingerprint])
            self._audit("set", "trusted_key", fingerprint, "name", old.name, name)
            self._changed(trust=True)
            return TrustedKey(old.fingerprint, old.public_pem, name, old.added_at), False
        key = TrustedKey(fingerprint, public_pem, name, now())
        self.db.execute(
            "INSERT INTO trusted_keys (fingerprint, public_pem, name, added_at) VALUES (?, ?, ?, ?)",
            [key.fingerprint, key.public_pem, key.name, key.added_at],
        )
        self._audit("trust", "trusted_key", fingerprint, None, None, {"name": name})
        self._changed(trust=True)
        return key, True

    @writes()
    def remove_trusted_key(self, fingerprint: str) -> TrustedKey:
        """Stop trusting a key. Checklists it signed stay installed and stay marked as signed by it."""
        old = self.trusted_key(fingerprint)
        if old is None:
            known = "、".join(k.fingerprint[:11] + "…" for k in self.trusted_keys()) or "（无）"
            raise NotFoundError(
                f"没有信任指纹为 {fingerprint} 的公钥；已信任：{known}（用 selfcheck trust list 查看）",
                f"no trusted key has fingerprint {fingerprint}; see selfcheck trust list",
            )
        self.db.execute("DELETE FROM trusted_keys WHERE fingerprint = ?", [fingerprint])
        self._audit("untrust", "trusted_key", fingerprint, None, {"name": old.name}, None)
        self._changed(trust=True)
        return old

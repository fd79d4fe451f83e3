"""The bureau's certificate authority in its desk: its key (encrypted under the bureau's passphrase) and certificate,
and every school certificate it issued. `reports/bureau_ca.py` makes and checks them; this only keeps them."""

from __future__ import annotations

from dataclasses import dataclass

from selfcheck.errors import ConflictError, RuleError
from selfcheck.storage.base import StoreBase, writes
from selfcheck.storage.db import now


@dataclass(frozen=True)
class IssuedCert:
    serial: str
    code: str
    school: str
    fingerprint: str
    not_after: str
    issued_at: str


class DeskCA(StoreBase):
    """The CA's part of the desk (a base of `Desk`)."""

    def ca(self) -> tuple[bytes, bytes, str] | None:
        """(encrypted key PEM, certificate PEM, fingerprint), or None before `bureau ca init`."""
        row = self.conn.execute("SELECT key_pem, cert_pem, fingerprint FROM ca WHERE id = 1").fetchone()
        return (bytes(row[0]), bytes(row[1]), str(row[2])) if row else None

    def refuse_second_ca(self) -> None:
        """ConflictError when the desk already has its CA (asked before a passphrase is)."""
        if self.ca() is not None:
            raise ConflictError(
                "教育局已有证书机构；更换后各校须重新申请证书，如确需更换请联系技术支持",
                "the bureau already has a CA; replacing it means every school must request a certificate again",
            )

    @writes()
    def set_ca(self, name: str, key_pem: bytes, cert_pem: bytes, fingerprint: str) -> None:
        """Keep the bureau's CA. Never replaced: every school certificate it issued names it."""
        if b"ENCRYPTED PRIVATE KEY" not in key_pem:
            raise RuleError("私钥必须加密保存", "the private key must be stored encrypted")
        self.refuse_second_ca()
        self.conn.execute(
            "INSERT INTO ca (id, name, key_pem, cert_pem, fingerprint, created_at) VALUES (1, ?, ?, ?, ?, ?)",
            [name, key_pem, cert_pem, fingerprint, now()],
        )
        self._audit("create", "ca", 1, "fingerprint", None, fingerprint)
        self._changed(desk=True)

    @writes()
    def record_issued(self, serial: str, code: str, school: str, fingerprint: str, not_after: str) -> None:
        """A school certificate the CA issued, kept with its serial number and fingerprint, dated now."""
        self.conn.execute(
            "INSERT INTO issued (serial, code, school, fingerprint, not_after, issued_at) VALUES (?, ?, ?, ?, ?, ?)",
            [serial, code, school, fingerprint, not_after, now()],
        )
        self._audit("issue_certificate", "issued", serial, "fingerprint", None, fingerprint)
        self._changed(desk=True)

    def issued_certificates(self) -> list[IssuedCert]:
        rows = self.conn.execute(
            "SELECT serial, code, school, fingerprint, not_after, issued_at FROM issued ORDER BY issued_at, id"
        )
        return [IssuedCert(*map(str, r)) for r in rows]

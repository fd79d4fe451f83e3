"""The school: its profile, the principal's signature and the seal images, the signing identity."""

from __future__ import annotations

from selfcheck.core.changes import Changed
from selfcheck.core.printable import invisible
from selfcheck.core.records import School
from selfcheck.errors import ConflictError, RuleError
from selfcheck.storage.base import record_from, writes
from selfcheck.storage.db import now
from selfcheck.storage.trust import TrustStore

MAX_IMAGE = 4 * 1024 * 1024


def _check_image(image: bytes, label: str) -> None:
    if len(image) > MAX_IMAGE:
        raise RuleError(f"{label}图片过大（最大 4 MB）", f"the {label} image is too large (4 MB at most)")
    if not (image.startswith(b"\x89PNG\r\n\x1a\n") or image.startswith(b"\xff\xd8\xff")):
        raise RuleError(f"{label}图片应为 PNG 或 JPG 文件", f"the {label} image must be a PNG or JPEG file")


class SchoolStore(TrustStore):
    def school(self) -> School | None:
        rows = list(self._query("SELECT * FROM school WHERE id = 1"))
        return record_from(School, rows[0], {}) if rows else None

    @writes()
    def set_school(self, name: str, code: str, principal: str, address: str | None = None) -> School:
        fields = {"name": name.strip(), "code": code.strip(), "principal": principal.strip()}
        for key, value in fields.items():
            label = {"name": "学校名称", "code": "学校代码", "principal": "校长"}[key]
            if not value:
                raise RuleError(f"{label}不能为空", f"{key} cannot be empty")
            hidden = invisible(value)
            if hidden:  # a report naming it would be refused at the bureau (reports/policy.py)
                raise RuleError(f"{label}含有不可见字符 {hidden}，请重新输入", f"the {key} holds an invisible character {hidden}")
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
        self._changed(school=True)
        return new

    @writes()
    def set_school_images(self, *, signature: bytes | None = None, seal: bytes | None = None) -> Changed:
        """Store the principal's signature and the school seal (PNG or JPEG) for the report."""
        if self.school() is None:
            raise RuleError("请先设置学校信息", "set the school profile first")
        for column, image, label in (("signature_image", signature, "签名"), ("seal_image", seal, "公章")):
            if image is None:
                continue
            _check_image(image, label)
            self.db.execute(f"UPDATE school SET {column} = ?, updated_at = ? WHERE id = 1", [image, now()])
            self._audit("set", "school", 1, column, None, f"{len(image)} bytes")
            self._changed(school=True)
        return Changed()

    def school_images(self) -> tuple[bytes | None, bytes | None]:
        row = self.conn.execute("SELECT signature_image, seal_image FROM school WHERE id = 1").fetchone()
        return (row[0], row[1]) if row else (None, None)

    # ---- signing identity --------------------------------------------------------------------------

    def identity(self) -> tuple[bytes, bytes, str] | None:
        """(encrypted key PEM, certificate PEM, fingerprint), or None before `keys init`."""
        row = self.conn.execute("SELECT key_pem, cert_pem, fingerprint FROM identity WHERE id = 1").fetchone()
        return (bytes(row[0]), bytes(row[1]), str(row[2])) if row else None

    @writes()
    def set_identity(self, key_pem: bytes, cert_pem: bytes, fingerprint: str) -> Changed:
        """Keep the school's signing identity. Never replaced silently: the bureau trusts this certificate."""
        if b"ENCRYPTED PRIVATE KEY" not in key_pem:
            raise RuleError("私钥必须加密保存", "the private key must be stored encrypted")
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
        self._changed(school=True)
        return Changed()

    @writes()
    def replace_certificate(self, cert_pem: bytes, fingerprint: str) -> Changed:
        """The school's certificate replaced by one a bureau CA issued for the same key (`reports/issued.py` checks it
        first). Only the certificate changes: a certificate for any other key is refused. Audited with both
        fingerprints, so the bureau can be told which one it trusted before."""
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization

        current = self.identity()
        if current is None:
            raise RuleError("尚未创建签名密钥；请先运行 selfcheck keys init", "no signing key yet: run selfcheck keys init")
        spki = serialization.PublicFormat.SubjectPublicKeyInfo
        der = serialization.Encoding.DER
        try:
            new_key = x509.load_pem_x509_certificate(cert_pem).public_key().public_bytes(der, spki)
        except ValueError as exc:
            raise RuleError("不是证书（PEM）", "not a PEM certificate") from exc
        if new_key != x509.load_pem_x509_certificate(current[1]).public_key().public_bytes(der, spki):
            raise ConflictError(
                "证书与本校签名密钥不符：只能换成为同一把密钥签发的证书",
                "the certificate is not for the school's signing key: only a certificate for the same key may replace it",
            )
        self.db.execute("UPDATE identity SET cert_pem = ?, fingerprint = ? WHERE id = 1", [cert_pem, fingerprint])
        self._audit("replace_certificate", "identity", 1, "fingerprint", current[2], fingerprint)
        self._changed(school=True)
        return Changed()

    @writes()
    def replace_key_encryption(self, key_pem: bytes, passphrase: str) -> Changed:
        """The same signing key under a new passphrase (the principal changed it): the certificate and its
        fingerprint stay, so the bureau's trust stays. `key_pem` must open with `passphrase` and hold the very key
        the certificate names; anything else is refused (a new key is `set_identity`'s business, and refused there)."""
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization

        current = self.identity()
        if current is None:
            raise RuleError("尚未创建签名密钥；请先运行 selfcheck keys init", "no signing key yet: run selfcheck keys init")
        if b"ENCRYPTED PRIVATE KEY" not in key_pem:
            raise RuleError("私钥必须加密保存", "the private key must be stored encrypted")
        spki = serialization.PublicFormat.SubjectPublicKeyInfo
        der = serialization.Encoding.DER
        try:
            key = serialization.load_pem_private_key(key_pem, password=passphrase.encode("utf-8"))
            certified = x509.load_pem_x509_certificate(current[1]).public_key().public_bytes(der, spki)
        except (ValueError, TypeError) as exc:
            raise RuleError("新的私钥无法用新口令打开", "the new key does not open with the new passphrase") from exc
        if key.public_key().public_bytes(der, spki) != certified:
            raise ConflictError(
                "新的私钥与本校证书不符：只能更换口令，不能换成另一把密钥",
                "the new key does not match the school's certificate: only the passphrase may change, not the key",
            )
        self.db.execute("UPDATE identity SET key_pem = ? WHERE id = 1", [key_pem])
        self._audit("change_passphrase", "identity", 1, "key_encryption", None, current[2])  # the fingerprint, never the key
        self._changed(school=True)
        return Changed()

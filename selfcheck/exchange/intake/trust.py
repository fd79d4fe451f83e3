"""The trust folder: the schools' certificates a report's signer must match, byte for byte, when one is given."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from selfcheck.errors import NotFoundError, RuleError, SelfcheckError

if TYPE_CHECKING:
    from selfcheck.reports.verify import Trusted

# What a worker checks signers against: the trusted certificates read once per intake (looked up by fingerprint),
# or none (integrity only, no trust folder given)
Trust: TypeAlias = "Trusted | tuple[()]"
# what a worker is handed once: the schools' certificates and the reviewing units' (two sets, never mixed)
Trusts: TypeAlias = "tuple[Trust, Trust]"

MAX_TRUST_FILE = 1024 * 1024

_PEM_CERT = re.compile(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.DOTALL)


def load_trusted(folder: str | Path) -> list[bytes]:
    """Every certificate in the ``*.pem`` / ``*.crt`` files of `folder` (not its subfolders), PEM or DER, one
    certificate or several per file. A file that holds none is an error naming it; so is a folder with none."""
    from selfcheck.reports.identity import load_cert

    root = Path(folder)
    if not root.is_dir():
        raise NotFoundError(
            f"信任文件夹 {root} 不存在或不是文件夹；请指定存放各校证书（.pem）的文件夹",
            f"the trust folder {root} does not exist or is not a folder; name the folder holding the schools' .pem files",
        )
    certs: list[bytes] = []
    names = sorted(p for p in root.iterdir() if p.suffix.lower() in (".pem", ".crt"))
    for path in names:
        if path.is_symlink() or not path.is_file():
            raise RuleError(
                f"信任文件夹中的 {path.name} 不是普通文件（链接或文件夹）；请放入证书文件本身",
                f"{path} in the trust folder is not a regular file (a link or a folder); put the certificate file itself there",
            )
        size = path.stat().st_size
        if size > MAX_TRUST_FILE:
            raise RuleError(
                f"信任文件夹中的 {path.name} 太大（{size // 1024} KB），不是证书；请删除或换成学校导出的证书",
                f"{path} in the trust folder is too large ({size // 1024} KB) to be a certificate; remove or replace it",
            )
        raw = path.read_bytes()
        blocks = _PEM_CERT.findall(raw) if b"-----BEGIN" in raw else [raw]
        problem = None
        if not blocks:
            problem = (
                "其中没有证书（如是私钥，切勿外传）" if b"PRIVATE KEY" in raw else "其中没有 PEM 证书",
                "it holds no certificate (if it is a private key, never hand it out)"
                if b"PRIVATE KEY" in raw
                else "it holds no PEM certificate",
            )
        for block in blocks:
            try:
                load_cert(block)
            except SelfcheckError:
                problem = ("其内容不是有效的 X.509 证书", "its content is not a valid X.509 certificate")
                break
        if problem:
            raise RuleError(
                f"信任文件夹中的 {path.name} 无法使用：{problem[0]}；请删除或换成学校用 keys export-cert 导出的证书",
                f"{path} in the trust folder cannot be used: {problem[1]}; remove it or replace it with the certificate "
                "the school exported (keys export-cert)",
            )
        certs.extend(blocks)
    if not certs:
        raise RuleError(
            f"信任文件夹 {root} 中没有证书（*.pem 或 *.crt）；请放入各校证书，或不指定 --trust 只检查完整性",
            f"the trust folder {root} holds no certificate (*.pem or *.crt); add the schools' certificates, or leave "
            "out --trust to check integrity only",
        )
    return certs


def read_trust(certs: list[bytes]) -> Trust:
    """The certificates `load_trusted` found, parsed once for the whole intake (none: integrity only)."""
    if not certs:
        return ()
    from selfcheck.reports.verify import Trusted

    return Trusted.of(certs)

"""Signed checklists: the bureau's Ed25519 key, and a checklist file with a signature trailer in YAML comments.

A signed checklist is the checklist's exact bytes, still a readable YAML checklist, followed by four comment
lines (the trailer) and nothing else:

    # selfcheck-signature: v1
    # checklist: <id> <version>
    # key: <SHA-256 fingerprint of the signer's public key, "AB:CD:...">
    # sig: <base64 Ed25519 signature>

The signature is over a domain-separated message, so it can never be replayed as anything else:
`b"selfcheck-checklist-v1\\0" + id + "\\0" + version + "\\0" + fingerprint + "\\0" + sha256(content)`, where
content is every byte before the trailer. Id and version sit in the trailer too, so a file is checked before
its YAML is parsed; the importer then requires the parsed id and version to be the signed ones.

Why Ed25519: signatures are deterministic (the same file signed twice is the same file) and not malleable
(OpenSSL refuses a second encoding of the same signature), so "any byte changed fails" holds for the
signature bytes too; base64 is decoded strictly and must re-encode to the same text for the same reason.
Parsing is strict: the trailer must be the exact last four lines; a marker anywhere else (a trailer in the
middle, two trailers) is refused rather than ignored.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from selfcheck.core.checklist import Checklist
from selfcheck.core.checklist_file import parse_checklist, read_checklist
from selfcheck.errors import ConflictError, RuleError, SelfcheckError
from selfcheck.reports.identity import check_passphrase, encrypt_key, format_fingerprint

MARKER = b"selfcheck-signature"
DOMAIN = b"selfcheck-checklist-v1\x00"
KEY_FILE = "bureau.key"
PUB_FILE = "bureau.pub"
MAX_KEY_FILE = 64 * 1024

_FP = rb"[0-9A-F]{2}(?::[0-9A-F]{2}){31}"
_TRAILER = re.compile(
    rb"(?:\A|(?<=\n))# selfcheck-signature: v1\n"
    rb"# checklist: ([A-Za-z0-9][A-Za-z0-9_.-]{0,63}) ([0-9]+(?:\.[0-9]+)*)\n"
    rb"# key: (" + _FP + rb")\n"
    rb"# sig: ([A-Za-z0-9+/]{86}==)\n\Z"
)

# A trailer line outside a well-formed trailer. A single changed byte can spoil only one of the four lines, so
# a damaged marker still leaves these behind, and the file is refused instead of passing as unsigned.
_CLAIMS = re.compile(rb"^# (?:key: " + _FP + rb"|sig: [A-Za-z0-9+/]{86}==)\r?$", re.MULTILINE)


@dataclass(frozen=True)
class Signed:
    """A signed file taken apart (nothing verified yet)."""

    content: bytes  # the checklist's bytes, exactly as signed
    template_id: str
    version: str
    fingerprint: str
    signature: bytes


class SignatureError(SelfcheckError):
    """A signature trailer that is malformed or does not verify: the file is refused, never read as unsigned."""


def fingerprint_of(key: ed25519.Ed25519PublicKey) -> str:
    """SHA-256 of the DER SubjectPublicKeyInfo, "AB:CD:..." (the form `identity.format_fingerprint` gives)."""
    der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return format_fingerprint(hashlib.sha256(der).digest())


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed (any case, with or without colons or spaces) in the "AB:CD:..." form."""
    hexdigits = re.sub(r"[\s:]", "", text).upper()
    if not re.fullmatch(r"[0-9A-F]{64}", hexdigits):
        raise RuleError(
            f"指纹格式不对：{text!r}；应为 64 位十六进制数字（可用冒号分隔），如 selfcheck trust list 所示",
            f"not a fingerprint: {text!r}; expected 64 hex digits (colons optional), as selfcheck trust list shows",
        )
    return ":".join(hexdigits[i : i + 2] for i in range(0, 64, 2))


def message(template_id: str, version: str, fingerprint: str, content: bytes) -> bytes:
    """What the signature covers: domain, id, version, signer fingerprint and the content's digest."""
    parts = [template_id.encode(), version.encode(), fingerprint.encode(), hashlib.sha256(content).digest()]
    return DOMAIN + b"\x00".join(parts)


# ---- keys -----------------------------------------------------------------------------------------


def keygen(folder: str | Path, passphrase: str) -> tuple[Path, Path, str]:
    """Write FOLDER/bureau.key (encrypted PKCS#8) and FOLDER/bureau.pub (PEM); never overwrite either."""
    check_passphrase(passphrase)
    out = Path(folder)
    key_path, pub_path = out / KEY_FILE, out / PUB_FILE
    for path in (key_path, pub_path):
        if path.exists() or path.is_symlink():
            raise ConflictError(
                f"{path} 已存在，不会覆盖（覆盖会使各校已信任的公钥失效）；请换一个文件夹",
                f"{path} exists and is not overwritten (schools trust the key it holds); choose another folder",
            )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RuleError(f"{out}：无法创建文件夹（{exc.strerror}）", f"{out}: cannot create the folder ({exc.strerror})") from None
    key = ed25519.Ed25519PrivateKey.generate()
    public = key.public_key()
    pub_pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    key_pem = encrypt_key(key, passphrase)
    written: list[Path] = []
    try:
        for path, data, mode in ((key_path, key_pem, 0o600), (pub_path, pub_pem, 0o644)):
            # O_EXCL: a file that appeared since the check above is still never overwritten
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
            written.append(path)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
    except FileExistsError:
        _remove(written)
        raise ConflictError(f"{path} 已存在，不会覆盖", f"{path} exists and is not overwritten") from None
    except OSError as exc:
        _remove(written)
        raise RuleError(f"{path}：无法写入（{exc.strerror}）", f"{path}: cannot write ({exc.strerror})") from None
    return key_path, pub_path, fingerprint_of(public)


def _remove(paths: list[Path]) -> None:
    for p in paths:
        with contextlib.suppress(OSError):
            p.unlink()


def _read_small(path: str | Path, what_zh: str, what_en: str) -> bytes:
    from selfcheck.core.stickfile import read_stick_file

    p = Path(path)
    try:
        if p.is_file() and not p.is_symlink() and p.stat().st_size > MAX_KEY_FILE:
            raise RuleError(f"{p}：文件过大，不是{what_zh}", f"{p}: too large to be {what_en}")
        return read_stick_file(p, MAX_KEY_FILE, what_zh, what_en)  # no link, FIFO or device
    except FileNotFoundError:
        raise RuleError(f"{p}：文件不存在", f"{p}: file not found") from None
    except OSError as exc:
        raise RuleError(f"{p}：无法读取（{exc.strerror}）", f"{p}: cannot read ({exc.strerror})") from None


def load_public_key(pem: bytes, name: str = "") -> ed25519.Ed25519PublicKey:
    """The bureau's public key from PEM (what `bureau keygen` writes as bureau.pub)."""
    where = f"{name}：" if name else ""
    where_en = f"{name}: " if name else ""
    try:
        key = serialization.load_pem_public_key(pem.strip() + b"\n")
    except (ValueError, TypeError):
        hint = "这是私钥，请只交出 bureau.pub" if b"PRIVATE KEY" in pem else "应为 selfcheck bureau keygen 生成的 bureau.pub"
        hint_en = "this is a private key: hand out only bureau.pub" if b"PRIVATE KEY" in pem else "expected the bureau.pub"
        raise RuleError(f"{where}不是有效的公钥（{hint}）", f"{where_en}not a valid public key ({hint_en})") from None
    if not isinstance(key, ed25519.Ed25519PublicKey):
        raise RuleError(
            f"{where}不是教育局检查表签名公钥（应为 Ed25519，由 selfcheck bureau keygen 生成）",
            f"{where_en}not a bureau checklist key (expected Ed25519, made by selfcheck bureau keygen)",
        )
    return key


def read_public_key(path: str | Path) -> tuple[ed25519.Ed25519PublicKey, bytes]:
    """(key, canonical PEM) from a bureau.pub file."""
    key = load_public_key(_read_small(path, "公钥文件", "a public key file"), str(path))
    return key, key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def read_private_key(path: str | Path, passphrase: str) -> ed25519.Ed25519PrivateKey:
    """Decrypt bureau.key. Wrong passphrase → "口令不正确 / wrong passphrase"."""
    pem = _read_small(path, "私钥文件", "a key file")
    if b"ENCRYPTED PRIVATE KEY" not in pem:
        raise RuleError(
            f"{path}：不是加密保存的教育局私钥（应为 selfcheck bureau keygen 生成的 bureau.key）",
            f"{path}: not an encrypted bureau key (expected the bureau.key made by selfcheck bureau keygen)",
        )
    if not passphrase:
        raise RuleError("请输入口令", "enter the passphrase")
    try:
        key = serialization.load_pem_private_key(pem, password=passphrase.encode("utf-8"))
    except ValueError:
        raise RuleError(f"{path}：口令不正确", f"{path}: wrong passphrase") from None
    except Exception:  # a garbled or unsupported file
        raise RuleError(f"{path}：私钥无法读取", f"{path}: the key cannot be read") from None
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise RuleError(f"{path}：不是教育局检查表签名私钥（Ed25519）", f"{path}: not a bureau checklist key (Ed25519)")
    return key


# ---- signing and checking -------------------------------------------------------------------------


def sign(content: bytes, template_id: str, version: str, key: ed25519.Ed25519PrivateKey) -> bytes:
    """The signed file: `content` (a newline added if its last line has none) and the trailer."""
    if MARKER in content:
        raise RuleError(
            "文件中已含有签名行（selfcheck-signature）；请对未签名的原始检查表签名",
            "the file already holds a signature line (selfcheck-signature); sign the original, unsigned checklist",
        )
    if content and not content.endswith(b"\n"):
        content += b"\n"  # the trailer must start on its own line; the newline is part of what is signed
    fp = fingerprint_of(key.public_key())
    sig = key.sign(message(template_id, version, fp, content))
    trailer = (
        f"# selfcheck-signature: v1\n# checklist: {template_id} {version}\n# key: {fp}\n"
        f"# sig: {base64.b64encode(sig).decode('ascii')}\n"
    )
    return content + trailer.encode("ascii")


def split(raw: bytes, name: str = "") -> Signed | None:
    """Take a file apart: None when it carries no signature at all; SignatureError when the trailer is wrong."""
    if MARKER not in raw and not _CLAIMS.search(raw):
        return None
    where, where_en = (f"{name}：", f"{name}: ") if name else ("", "")
    m = _TRAILER.search(raw)
    if m is None:
        raise SignatureError(
            f"{where}签名行格式不对或不在文件末尾（文件可能被改动过）；请向教育局重新索取检查表文件",
            f"{where_en}the signature lines are malformed or not at the end of the file (it may have been altered); "
            "ask the bureau for the file again",
        )
    content = raw[: m.start()]
    if MARKER in content:
        raise SignatureError(
            f"{where}文件中有多处签名行（只允许文件末尾一处）；请向教育局重新索取检查表文件",
            f"{where_en}the file holds more than one signature (only one, at the end, is allowed); ask the bureau again",
        )
    text = m.group(4)
    try:
        sig = base64.b64decode(text, validate=True)
    except binascii.Error:
        sig = b""
    if len(sig) != 64 or base64.b64encode(sig) != text:  # a second spelling of the same bytes is a changed byte
        raise SignatureError(f"{where}签名无效（签名数据已损坏）", f"{where_en}the signature is invalid (damaged signature data)")
    return Signed(content, m.group(1).decode(), m.group(2).decode(), m.group(3).decode(), sig)


def verify(signed: Signed, public_pem: bytes, name: str = "") -> None:
    """Check `signed` against the trusted key's PEM; SignatureError unless every byte is as the bureau signed it."""
    where, where_en = (f"{name}：", f"{name}: ") if name else ("", "")
    key = load_public_key(public_pem)
    if fingerprint_of(key) != signed.fingerprint:
        raise SignatureError(f"{where}签名公钥与指纹不符", f"{where_en}the public key does not match the fingerprint")
    try:
        key.verify(signed.signature, message(signed.template_id, signed.version, signed.fingerprint, signed.content))
    except InvalidSignature:
        raise SignatureError(
            f"{where}签名无效：文件在签名后被改动过（或已损坏）；请勿使用，向教育局重新索取",
            f"{where_en}invalid signature: the file was changed after signing (or damaged); do not use it, "
            "ask the bureau for it again",
        ) from None


def sign_file(
    path: str | Path, key_path: str | Path, out: str | Path | None, passphrase: Callable[[], str]
) -> tuple[Path, Checklist, str]:
    """Validate the checklist at `path`, sign it with the bureau key, write OUT (never over an existing file).

    Returns (written path, template, signer fingerprint). `passphrase` is asked only once the file is valid.
    """
    p = Path(path)
    if p.suffix.lower() == ".xlsx":
        raise RuleError(
            f"{p}：请先用 selfcheck checklist convert 把 Excel 检查表转为 YAML，再对 YAML 文件签名",
            f"{p}: convert the workbook to YAML (selfcheck checklist convert) and sign the YAML file",
        )
    read_checklist(p)  # every located error, as `checklist validate` gives them
    raw = p.read_bytes()
    template = parse_checklist(raw, str(p))  # the bytes signed are the bytes validated
    key = read_private_key(key_path, passphrase())
    signed = sign(raw, template.id, template.version, key)
    default = f"{template.id}-{template.version}.signed.yaml"
    target = Path(out) if out is not None else Path(default)
    if target.is_dir():
        target = target / default
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise RuleError(
            f"{target}：签名后的检查表应以 .yaml 结尾（如 {default}）",
            f"{target}: a signed checklist's name ends in .yaml (e.g. {default})",
        )
    # check the result as an importer will before it leaves the bureau
    parts = split(signed, str(target))
    if parts is None:  # cannot happen: sign() always writes a trailer
        raise SelfcheckError("签名失败", "signing failed")
    pub = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    verify(parts, pub, str(target))
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    except FileExistsError:
        raise ConflictError(f"{target} 已存在，不会覆盖；请换一个文件名", f"{target} exists and is not overwritten") from None
    except OSError as exc:
        raise RuleError(f"{target}：无法写入（{exc.strerror}）", f"{target}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(signed)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        _remove([target])
        raise RuleError(f"{target}：写入失败（{exc.strerror}）", f"{target}: write failed ({exc.strerror})") from None
    return target, template, parts.fingerprint

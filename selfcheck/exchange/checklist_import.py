"""Importing a checklist from a USB stick: what the file is (signed, unsigned, refused), then installing it.

Two steps so a window can ask before it acts: `inspect_checklist` reads and checks the file once and returns
an `ImportPlan` (it changes nothing); `install_checklist` installs what the plan holds (never the file again,
so what was shown is what is installed) after checking the database once more. The rules:

- a valid signature from a trusted bureau key installs, recorded as `signed` with that key;
- no signature installs only with `allow_unsigned` (the user confirmed), recorded as `unsigned`;
- a bad or malformed signature, an unknown key, an older version than one installed (rollback), or an
  installed id and version with other content is refused with the reason, and the database is unchanged.

A file that is not a valid checklist at all raises `TemplateError` with every located problem, as
`checklist validate` does. `.xlsx` workbooks are read by `exchange.excel` and are always unsigned.
"""

from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from selfcheck.core import safeyaml
from selfcheck.core.checklist import Checklist, version_tuple
from selfcheck.core.checklist_file import parse_checklist
from selfcheck.errors import ChecklistError, ConflictError, Located, RuleError
from selfcheck.exchange import signed_checklist
from selfcheck.storage import Store, trust

MAX_FILE = safeyaml.MAX_BYTES + 4096  # the largest checklist the reader takes, plus its signature trailer
MAX_WORKBOOK = 20 * 1024 * 1024

Status = Literal["new", "newer", "installed", "refused"]


@dataclass(frozen=True)
class ImportPlan:
    """What a checklist file is and what installing it would do. Nothing is written until `install_checklist`."""

    path: str
    file_sha256: str
    signed: bool  # carries a signature trailer (valid or not)
    status: Status  # new id / newer version / already installed, identical / refused
    template: Checklist | None  # None when refused before the content could be trusted to read
    template_id: str | None
    version: str | None
    key_fingerprint: str | None = None
    key_name: str | None = None
    installed_versions: tuple[str, ...] = ()  # versions of this checklist already installed
    reason_zh: str | None = None  # why refused
    reason_en: str | None = None

    @property
    def refused(self) -> bool:
        return self.status == "refused"

    @property
    def verified(self) -> bool:
        """Signed by a trusted key and the signature holds."""
        return self.signed and not self.refused and self.template is not None

    @property
    def needs_confirmation(self) -> bool:
        """Unsigned and would install: the user must say yes (`--allow-unsigned`)."""
        return not self.signed and self.status in ("new", "newer")

    def source_zh(self) -> str:
        """One line on where the file comes from, as the CLI and the window show it."""
        if self.verified:
            return f"教育局签名有效（{self.key_name or '未命名公钥'}，指纹 {self.key_fingerprint}）"
        if self.signed:
            return f"签名未通过（指纹 {self.key_fingerprint or '—'}）"
        return "未签名（无法确认来自教育局）"

    def source_en(self) -> str:
        if self.verified:
            return f"valid bureau signature ({self.key_name or 'unnamed key'}, fingerprint {self.key_fingerprint})"
        if self.signed:
            return f"signature not accepted (fingerprint {self.key_fingerprint or '—'})"
        return "unsigned (cannot be confirmed as the bureau's)"


@dataclass(frozen=True)
class ImportResult:
    template: Checklist
    installed: bool  # False: that id and version was already installed with the same content
    provenance: trust.Provenance


def _refused(base: ImportPlan, zh: str, en: str) -> ImportPlan:
    return ImportPlan(
        base.path,
        base.file_sha256,
        base.signed,
        "refused",
        base.template,
        base.template_id,
        base.version,
        base.key_fingerprint,
        base.key_name,
        base.installed_versions,
        zh,
        en,
    )


def _read(path: Path, limit: int) -> bytes:
    """The file's bytes: a regular file (a FIFO or device on a stick would hang or never end), not a link, size
    checked on the open file; a refusal is a located error naming the file."""
    from selfcheck.core.stickfile import StickFileError, read_stick_file

    try:
        return read_stick_file(path, limit, "检查表文件", "checklist file")
    except StickFileError as exc:
        raise ChecklistError([Located(str(path), 0, 0, "", exc.reason_zh, exc.reason_en)]) from None


def _origin(prov: trust.Provenance) -> tuple[str, str]:
    """(zh, en): where an installed version came from, as the messages name it."""
    if prov.kind == "signed":
        who = prov.key_name or prov.key_fingerprint or ""
        return f"教育局签名（公钥 {who}）", f"signed by the bureau (key {who})"
    if prov.kind == "builtin":
        return "随程序提供", "shipped with the program"
    return f"未签名，来自文件 {prov.file or '?'}", f"unsigned, from the file {prov.file or '?'}"


def _compare(store: Store, template: Checklist, *, signed: bool = True) -> tuple[Status, tuple[str, ...], str | None, str | None]:
    """(status, installed versions, reason zh, reason en) of `template` against what is installed now.

    The bureau's line of a checklist (its signed and shipped versions) is never shadowed: an unsigned file may not
    use an id the bureau's checklists use, and a signed version is compared for rollback with the bureau's own
    versions only; an unsigned version installed earlier under the same id at or above it must be removed first."""
    infos = [i for i in store.checklists() if i.template_id == template.id]
    versions = tuple(i.version for i in infos)
    provs = store.provenances()
    origin = {i.version: provs[(template.id, i.version)] for i in infos if (template.id, i.version) in provs}
    mine = version_tuple(template.version)
    same = [i for i in infos if version_tuple(i.version) == mine]
    if same and same[0].content_hash == template.content_hash() and same[0].version == template.version:
        return "installed", versions, None, None
    bureau = [v for v in versions if v in origin and origin[v].kind in ("signed", "builtin")]
    if not signed and bureau:
        kinds = "、".join(f"{v}（{_origin(origin[v])[0]}）" for v in sorted(bureau, key=version_tuple))
        kinds_en = ", ".join(f"{v} ({_origin(origin[v])[1]})" for v in sorted(bureau, key=version_tuple))
        return (
            "refused",
            versions,
            f"检查表编号 {template.id} 是教育局检查表的编号（已安装 {kinds}）；未签名的检查表不能使用这个编号，"
            "否则会挡住教育局以后发布的版本；请让制表人改用别的编号，或向教育局索取签名版本",
            f"the id {template.id} belongs to the bureau's checklist (installed: {kinds_en}); an unsigned checklist may "
            "not use it, or it would block the bureau's later versions: ask its author for another id, or ask the "
            "bureau for a signed version",
        )
    if same:
        zh, en = _origin(origin[same[0].version]) if same[0].version in origin else ("", "")
        remove_first = signed and same[0].version not in bureau
        return (
            "refused",
            versions,
            f"检查表 {template.id} 版本 {template.version} 已安装且内容不同（已安装的：{zh}）；已安装的版本不会被覆盖"
            + ("，请先删除这个未签名的版本（selfcheck checklist remove）再导入" if remove_first else "，请让发布单位提高版本号"),
            f"checklist {template.id} version {template.version} is installed with other content (installed: {en}); "
            "installed "
            "versions are never overwritten"
            + (": remove that unsigned version first (selfcheck checklist remove), then import" if remove_first
               else ": ask the issuer for a new version number"),
        )  # fmt: skip
    compared = bureau if signed else list(versions)
    newest = max(compared, key=version_tuple, default=None)
    if newest is not None and version_tuple(newest) > mine:
        zh, en = _origin(origin[newest]) if newest in origin else ("", "")
        return (
            "refused",
            versions,
            f"版本回退：已安装 {template.id} 版本 {newest}（{zh}），不能导入更旧的版本 {template.version}；"
            "请向教育局索取最新版本",
            f"rollback: {template.id} version {newest} is installed ({en}); the older version {template.version} is "
            "refused: ask the bureau for the current version",
        )
    shadows = [v for v in versions if v not in bureau and version_tuple(v) >= mine] if signed else []
    if shadows:
        listed = "、".join(shadows)
        return (
            "refused",
            versions,
            f"已安装未签名的 {template.id} 版本 {listed}，它会挡住教育局签名的版本 {template.version}；请先用 "
            f"selfcheck checklist remove {template.id} {shadows[0]} 删除（已有自查在用的不能删除，请联系教育局）再导入",
            f"the unsigned {template.id} version(s) {', '.join(shadows)} installed would shadow the bureau's signed "
            f"version {template.version}: remove them first (selfcheck checklist remove {template.id} {shadows[0]}; a "
            "version with inspections cannot be removed: ask the bureau), then import",
        )
    return ("newer" if versions else "new"), versions, None, None


def inspect_checklist(store: Store, path: str | Path) -> ImportPlan:
    """Read and check a checklist file (YAML/JSON, signed or not, or .xlsx); change nothing."""
    p = Path(path)
    name = str(path)
    if p.suffix.lower() == ".xlsx":
        raw = _read(p, MAX_WORKBOOK)
        digest = hashlib.sha256(raw).hexdigest()
        template = _read_workbook(p)
        base = ImportPlan(name, digest, False, "new", template, template.id, template.version)
        return _with_comparison(store, base, template)

    raw = _read(p, MAX_FILE)
    digest = hashlib.sha256(raw).hexdigest()
    try:
        signed = signed_checklist.split(raw, name)
    except signed_checklist.SignatureError as exc:
        return _refused(ImportPlan(name, digest, True, "refused", None, None, None), exc.zh, exc.en)
    if signed is None:
        template = parse_checklist(raw, name)
        base = ImportPlan(name, digest, False, "new", template, template.id, template.version)
        return _with_comparison(store, base, template)

    base = ImportPlan(name, digest, True, "new", None, signed.template_id, signed.version, signed.fingerprint)
    key = store.trusted_key(signed.fingerprint)
    if key is None:
        return _refused(
            base,
            f"{name}：签名公钥未被信任（指纹 {signed.fingerprint}）；如确为教育局的公钥，请核对指纹后用 "
            "selfcheck trust add-bureau bureau.pub 信任它，再导入",
            f"{name}: signed by a key that is not trusted (fingerprint {signed.fingerprint}); if it is the bureau's, "
            "compare the fingerprint and trust it with selfcheck trust add-bureau bureau.pub, then import again",
        )
    base = ImportPlan(name, digest, True, "new", None, signed.template_id, signed.version, key.fingerprint, key.name)
    try:
        signed_checklist.verify(signed, key.public_pem.encode("ascii"), name)
    except signed_checklist.SignatureError as exc:
        return _refused(base, exc.zh, exc.en)
    # Signed by a trusted key: the content is the bureau's; a content error is the bureau's to fix.
    template = parse_checklist(signed.content, name)
    if (template.id, template.version) != (signed.template_id, signed.version):
        return _refused(
            base,
            f"{name}：签名所写的检查表（{signed.template_id} {signed.version}）与文件内容"
            f"（{template.id} {template.version}）不符",
            f"{name}: the signature names {signed.template_id} {signed.version} but the file holds "
            f"{template.id} {template.version}",
        )
    base = ImportPlan(name, digest, True, "new", template, template.id, template.version, key.fingerprint, key.name)
    return _with_comparison(store, base, template)


def _with_comparison(store: Store, base: ImportPlan, template: Checklist) -> ImportPlan:
    status, versions, zh, en = _compare(store, template, signed=base.signed)
    plan = ImportPlan(
        base.path,
        base.file_sha256,
        base.signed,
        status,
        template,
        template.id,
        template.version,
        base.key_fingerprint,
        base.key_name,
        versions,
    )
    return _refused(plan, f"{base.path}：{zh}", f"{base.path}: {en}") if zh is not None and en is not None else plan


def _read_workbook(path: Path) -> Checklist:
    try:  # imported only when a workbook arrives (openpyxl is slow to import)
        excel = importlib.import_module("selfcheck.exchange.excel")
    except ModuleNotFoundError as exc:
        if exc.name != "selfcheck.exchange.excel":
            raise
        raise RuleError(
            f"{path}：此版本不能导入 Excel 检查表；请使用 YAML 检查表文件",
            f"{path}: this version cannot import Excel checklists; use a YAML checklist file",
        ) from None
    template: Checklist = excel.read_workbook(path)
    return template


def install_checklist(store: Store, plan: ImportPlan, *, allow_unsigned: bool) -> ImportResult:
    """Install what `plan` holds under the rules above; a refusal raises with its reason and writes nothing."""
    if plan.refused or plan.template is None:
        raise RuleError(plan.reason_zh or "拒绝导入", plan.reason_en or "import refused")
    template = plan.template
    file = Path(plan.path).name
    if not plan.signed and not allow_unsigned and plan.status != "installed":
        raise RuleError(
            f"{plan.path}：检查表未经教育局签名，无法确认来源；确认要导入请加 --allow-unsigned"
            "（导入后在列表和报告中标注“未签名”）",
            f"{plan.path}: the checklist is not signed by the bureau; to import it anyway add --allow-unsigned "
            "(it will be marked unsigned in lists and reports)",
        )
    status, _, zh, en = _compare(store, template, signed=plan.verified)  # the database may have changed meanwhile
    if status == "refused":
        raise ConflictError(f"{plan.path}：{zh}", f"{plan.path}: {en}")
    if status == "installed":
        current = store.provenance(template.id, template.version)
        if plan.verified and current.kind == "unsigned":  # the bureau's signed copy of what was taken on trust
            current, _ = _import(store, plan, template, file)
        return ImportResult(template, False, current)
    provenance, installed = _import(store, plan, template, file)
    return ImportResult(template, installed, provenance)


def _import(store: Store, plan: ImportPlan, template: Checklist, file: str) -> tuple[trust.Provenance, bool]:
    """The checklist and its provenance, in one unit of the store."""
    signed = plan.verified
    return store.import_checklist(
        template,
        key_fingerprint=plan.key_fingerprint if signed else None,
        key_name=plan.key_name if signed else None,
        file=file,
        file_sha256=plan.file_sha256,
    )


def trust_bureau_key(store: Store, path: str | Path, name: str | None = None) -> tuple[trust.TrustedKey, bool]:
    """Trust the bureau public key in `path` (bureau.pub). (key, False) if it was trusted already."""
    key, pem = signed_checklist.read_public_key(path)
    return store.add_trusted_key(signed_checklist.fingerprint_of(key), pem.decode("ascii"), name)

"""Report actions shared by the CLI and the GUI: set up the signing identity, export, verify.

reportlab and pyHanko are imported inside the functions: start-up never waits for them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfcheck.errors import RuleError, SelfcheckError
from selfcheck.storage import Store

if TYPE_CHECKING:
    from selfcheck.core.state import ProblemCall
    from selfcheck.reports.issued import Issued
    from selfcheck.reports.signed_kind import SignedKind


@dataclass(frozen=True)
class Exported:
    path: Path
    signed: bool
    fingerprint: str | None  # the signer certificate's, when signed
    document_id: str
    data_fingerprint: str  # sha256 of the embedded JSON (the QR code's)
    sha256: str  # of the file as written


def write_checked(
    target: Path,
    document: bytes,
    cert_pem: bytes | None,
    what: tuple[str, str],
    *,
    overwrite: bool,
    kind: SignedKind | None = None,
) -> tuple[Path, str]:
    """Write `document` to `target` safely (reports/export.py); a signed one (`cert_pem`, the signer's certificate)
    must verify, read back from the temporary file, before it takes its name. `what` it is, in Chinese and English,
    for the message. The path written and the document's sha256."""
    from selfcheck.reports import export as files
    from selfcheck.reports import verify
    from selfcheck.reports.signed_kind import REPORT

    def check(written: Path) -> None:
        """Runs on the temporary file before it takes its name (write_atomic compares the bytes itself)."""
        if cert_pem is not None:
            result = verify.verify(written.read_bytes(), [cert_pem], kind=kind or REPORT)
            if not result.ok:
                raise SelfcheckError(
                    f"写入 {target} 的{what[0]}未通过验证：{result.reason_zh}",
                    f"the {what[1]} written to {target} fails verification: {result.reason_en}",
                )

    path = files.write_atomic(target, document, verify=check, overwrite=overwrite)
    return path, hashlib.sha256(document).hexdigest()


def sign_or_attach(
    pdf: bytes,
    payload: bytes,
    found: tuple[bytes, bytes, str] | None,
    passphrase: str | None,
    reason: str,
    check_certificate: Callable[[bytes], None] = lambda _cert: None,
) -> bytes:
    """The school's document to write: signed with its identity `found` (key, certificate, fingerprint), which needs
    the passphrase and passes `check_certificate`; with no identity (or unsigned asked), the data attached unsigned."""
    from selfcheck.reports import signing
    from selfcheck.reports.identity import Identity

    if found is None:
        return signing.attach_data(pdf, payload)
    if not passphrase:
        raise RuleError("签名需要口令：请设置 SELFCHECK_PASSPHRASE 或在提示时输入", "signing needs the passphrase")
    key_pem, cert_pem, _fingerprint = found
    check_certificate(cert_pem)
    return signing.sign(pdf, payload, Identity(key_pem, cert_pem), passphrase, reason=reason)


def init_keys(store: Store, passphrase: str) -> str:
    """Create the school's signing key and certificate; return the certificate's fingerprint."""
    from selfcheck.reports import identity

    school = store.school()
    if school is None:
        raise RuleError("请先设置学校信息（selfcheck school set …）", "set the school profile first")
    made = identity.create_identity(school.name, school.code, passphrase)
    fingerprint = identity.fingerprint(made.cert_pem)
    store.set_identity(made.key_pem, made.cert_pem, fingerprint)  # refuses to replace an existing identity
    return fingerprint


def change_passphrase(store: Store, old: str, new: str) -> str:
    """Encrypt the school's key again under `new` (checked for strength); the key, certificate and fingerprint stay.
    Returns the fingerprint."""
    from selfcheck.reports import identity

    found = _identity(store)
    key = identity.unlock(identity.Identity(found[0], found[1]), old)  # a wrong old passphrase stops here
    if new == old:
        raise RuleError("新口令与原口令相同", "the new passphrase is the same as the old one")
    school = store.school()
    identity.check_passphrase(new, (school.name, school.code, school.principal) if school else ())
    store.replace_key_encryption(identity.encrypt_key(key, new), new)
    return found[2]


def _identity(store: Store) -> tuple[bytes, bytes, str]:
    """(encrypted key, certificate, fingerprint), or a message saying to make them first."""
    found = store.identity()
    if found is None:
        raise RuleError("尚未创建签名密钥；请先运行 selfcheck keys init", "no signing key yet: run selfcheck keys init")
    return found


def request_certificate(store: Store, passphrase: str) -> bytes:
    """The school's certificate request (PEM) for the bureau's CA, signed with its key."""
    from selfcheck.reports import identity, issued

    found = _identity(store)
    return issued.request(identity.Identity(found[0], found[1]), passphrase)


def install_certificate(store: Store, cert_file: bytes, ca_file: bytes, *, cert_name: str, ca_name: str) -> Issued:
    """Replace the school's certificate with one the bureau's CA issued for its key, after every check of
    `reports/issued.py`. Returns what was installed."""
    from selfcheck.reports import issued

    found = _identity(store)
    done = issued.check_issued(cert_file, ca_file, found[1], cert_name=cert_name, ca_name=ca_name)
    store.replace_certificate(done.cert_pem, done.fingerprint)
    return done


def certificate(store: Store) -> tuple[bytes, str]:
    found = _identity(store)
    return found[1], found[2]


def narrative(store: Store, inspection_id: int) -> tuple[str, bool]:
    """The 自查报告's text as the next export prints it, and whether it is the principal's own (else written from the
    data): what an editor offers to start from. Save an edit with `store.set_report_text(id, narrative=...)`;
    `narrative=None` goes back to the written one."""
    from selfcheck.reports import data as report_data

    document = report_data.build(store, inspection_id).document
    assert document is not None
    return document.narrative, document.edited


def inspection_date(store: Store, inspection_id: int) -> dt.date:
    """自查日期 as the next export prints it: the one set for the inspection, else the day it was marked complete,
    else today."""
    from selfcheck.core import clock

    chosen = store.report_text(inspection_id).inspection_date
    if chosen is not None:
        return chosen
    completed = store.inspection(inspection_id).completed_at
    return dt.date.fromisoformat(completed[:10]) if completed else clock.today()


def unraised(store: Store, inspection_id: int) -> list[ProblemCall]:
    """Answers that call for a problem (the core's rule) with none raised yet, open or closed: what to warn about
    before signing; `store.raise_problems_from_answers` raises them all."""
    from selfcheck.core.state import problems_to_raise

    inspection = store.inspection(inspection_id)
    template = store.checklist(inspection.template_id, inspection.template_version)
    have = {p.item_id for p in store.problems(inspection_id=inspection_id) if p.item_id}
    return problems_to_raise(template, store.answers(inspection_id), have)


def export(
    store: Store,
    inspection_id: int,
    out: str | Path,
    *,
    passphrase: str | None,
    unsigned: bool = False,
    overwrite: bool = False,
) -> Exported:
    """Lay out, embed the data, sign (when the school has an identity and unsigned is not asked), write safely,
    read back and verify. Nothing in the database changes unless the file is written and verified."""
    from selfcheck.reports import data as report_data
    from selfcheck.reports import evidence as evidence_files
    from selfcheck.reports import export as files
    from selfcheck.reports import layout

    gathered = evidence_files.gather(store, inspection_id)
    data = report_data.build(store, inspection_id, evidence=gathered.files)
    signature_png, seal_png = store.school_images()
    found = None if unsigned else store.identity()
    pdf = layout.render(
        data,
        signature_png=signature_png,
        seal_png=seal_png,
        signer_fingerprint=found[2] if found else None,
        thumbnails=gathered.thumbnails,
    )
    fingerprint = None if found is None else found[2]
    document = sign_or_attach(
        pdf,
        data.canonical_json(),
        found,
        passphrase,
        "学校自查报告",
        lambda cert_pem: _check_certificate_names_school(cert_pem, data.school.name, data.school.code),
    )
    target = files.target_path(out, data.school.name, data.inspection.period, data.template.title, overwrite=overwrite)
    path, digest = write_checked(target, document, None if found is None else found[1], ("报告", "report"), overwrite=overwrite)
    store.record_export(
        inspection_id, str(path), digest, signed=found is not None, fingerprint=fingerprint, document_id=data.document_id
    )
    return Exported(path, found is not None, fingerprint, data.document_id, data.fingerprint(), digest)


def _check_certificate_names_school(cert_pem: bytes, name: str, code: str) -> None:
    """Before signing: the certificate names the school the report is for (verify would refuse it otherwise)."""
    from selfcheck.reports.identity import cert_subject

    subject = cert_subject(cert_pem)
    if (subject.get("organization"), subject.get("code")) != (name, code):
        raise RuleError(
            f"签名证书上的学校是“{subject.get('organization')}”（代码 {subject.get('code')}），与学校信息“{name}”"
            f"（代码 {code}）不一致，报告无法签名；请把学校信息改回证书上的名称和代码，或联系教育局更换密钥",
            f"the signing certificate names {subject.get('organization')!r} (code {subject.get('code')}), not the school "
            f"profile's {name!r} (code {code}): the report cannot be signed; set the profile back, or ask the bureau "
            "about a new key",
        )


@dataclass(frozen=True)
class Checked:
    file: str
    ok: bool
    reason_zh: str
    reason_en: str
    school: str | None
    period: str | None
    checklist: str | None
    signer: str | None
    fingerprint: str | None
    data: dict[str, Any] | None
    issuer: str = ""  # the bureau CA the signer's certificate was trusted through, if it was


def verify_file(path: str | Path, trusted: list[bytes]) -> Checked:
    """Strictly verify one report file; every failure is a result with a reason, never an exception."""
    from selfcheck.core.printable import printable
    from selfcheck.core.stickfile import REPORT_CAP, read_stick_file
    from selfcheck.reports import verify

    name = printable(str(path), 1000)
    try:
        raw = read_stick_file(path, REPORT_CAP, "报告", "report")
    except SelfcheckError as exc:  # a link, a FIFO or device, a folder, missing, over the cap: not read at all
        return Checked(name, False, exc.zh, exc.en, *(None,) * 6)
    result = verify.verify(raw, trusted)
    data: dict[str, Any] = result.data or {}

    def part(key: str) -> dict[str, Any]:
        value = data.get(key)
        return value if isinstance(value, dict) else {}

    school = part("school").get("name")
    inspection = part("inspection")
    template = part("template")
    checklist = f"{template.get('title')}（{template.get('id')} {template.get('version')}）" if template else None
    period = inspection.get("period")
    if "kind_label" in data:  # a quarterly summary or half-year assessment (reports/period_schema.py)
        period, checklist = part("period").get("label"), data.get("kind_label")
    return Checked(
        name,
        result.ok,
        result.reason_zh,
        result.reason_en,
        school,
        period,
        checklist,
        result.signer,
        result.fingerprint,
        result.data if result.ok else None,
        result.issuer if result.ok else "",
    )

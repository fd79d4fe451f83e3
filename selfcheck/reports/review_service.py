"""Review actions shared by the CLI, the GUI and the bureau's desk: start a review of a school's signed report, export
the signed 督查意见, verify one, and import one on the school's side.

`verify_review(path, trusted)` is the desk's API: Qt-free, never raises for a bad file, and hands back the verdict
with the review's data (`ReviewData`, schema-validated with strict types) only when every check passed: the same
checks as a report (reports/verify.py with `signed_kind.REVIEW`), the reviewing unit named by the certificate, and
(with `trusted`) the certificate one of the trusted ones. reportlab and pyHanko are imported inside the functions.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from selfcheck.core.answers import Answer
from selfcheck.core.review import Comparison, Received, Review, ReviewImport, answers_from_rows
from selfcheck.errors import RuleError, SelfcheckError
from selfcheck.reports.review_schema import ReviewData
from selfcheck.reports.service import write_checked
from selfcheck.storage import Store

if TYPE_CHECKING:
    from pydantic import BaseModel

    from selfcheck.reports.verdict import VerifyResult
    from selfcheck.reports.verify import Trusted

M = TypeVar("M", bound="BaseModel")


@dataclass(frozen=True)
class ReviewVerdict:
    file: str
    ok: bool
    reason_zh: str
    reason_en: str
    code: str  # "ok", "untrusted_signer", "modified_after_signing", ... (reports/verify.py's codes)
    signer: str | None  # the certificate's unit name
    fingerprint: str | None  # the signer certificate's SHA-256
    trusted: bool | None  # True: matched a trusted certificate; None: none were given
    sha256: str | None  # of the file as read
    data: ReviewData | None  # only when ok


@dataclass(frozen=True)
class ExportedReview:
    path: Path
    sha256: str
    fingerprint: str
    review_id: str
    data_fingerprint: str


def _read(path: str | Path, cap_what: tuple[str, str]) -> bytes:
    from selfcheck.core.stickfile import REPORT_CAP, read_stick_file

    return read_stick_file(path, REPORT_CAP, *cap_what)


def verify_review(path: str | Path, trusted: Trusted | list[bytes] | tuple[bytes, ...]) -> ReviewVerdict:
    """Strictly verify one review file from the stick (a regular file, no link followed, at most 16 MB); every
    failure is a verdict with a reason, never an exception. `trusted`: the reviewing units' certificates (PEM or
    DER), or a `verify.Trusted` made once for many files; none: the signer is not checked (`trusted` is None)."""
    from selfcheck.core.printable import printable

    name = printable(str(path), 1000)
    try:
        raw = _read(path, ("督查意见", "review"))
    except SelfcheckError as exc:
        return ReviewVerdict(name, False, exc.zh, exc.en, "unreadable", None, None, None, None, None)
    return check_review(raw, trusted, name)


def check_review(raw: bytes, trusted: Trusted | list[bytes] | tuple[bytes, ...], name: str = "") -> ReviewVerdict:
    """`verify_review` on bytes already read (a worker process of the desk's intake): the same checks."""
    from selfcheck.reports import verify
    from selfcheck.reports.signed_kind import REVIEW

    result = verify.verify(raw, trusted, kind=REVIEW)
    digest = hashlib.sha256(raw).hexdigest()
    data = _model(ReviewData, result) if result.ok and result.data is not None else None
    return ReviewVerdict(
        name, result.ok, result.reason_zh, result.reason_en, result.code, result.signer, result.fingerprint,
        result.trusted, digest, data,
    )  # fmt: skip


def _model(model: type[M], result: VerifyResult) -> M:
    """The verified data as `model`: the one verify() built when it is one, else validated from the data."""
    return result.model if isinstance(result.model, model) else model.model_validate(result.data)


def trusted_certificates(names: list[str]) -> list[bytes]:
    """The certificates given as files (PEM or DER) or folders of .pem/.crt files (the trust folder)."""
    from selfcheck.core.stickfile import CERT_CAP, read_stick_file
    from selfcheck.exchange.intake.trust import load_trusted

    out: list[bytes] = []
    for name in names:
        if Path(name).is_dir():
            out += load_trusted(name)
        else:
            out.append(read_stick_file(name, CERT_CAP, "证书", "certificate"))
    return out


def start_review(
    store: Store,
    report_path: str | Path,
    *,
    level: str,
    people: list[str],
    trusted: list[bytes],
    earlier: Sequence[str | Path] = (),
) -> Review:
    """Verify a school's signed report against the trusted school certificates and start a review of it. `earlier`:
    review files of the same report by other units (学区 before 教育局), verified against the same trusted
    certificates; their summaries travel in this review's export."""
    from selfcheck.reports import verify
    from selfcheck.reports.schema import ReportData

    if not trusted:
        raise RuleError(
            "请用 --trust 指定学校的证书（或存放各校证书的文件夹），以核对报告确由该校签名",
            "give the school's certificate (or the trust folder) with --trust, to check who signed the report",
        )
    raw = _read(report_path, ("报告", "report"))
    result = verify.verify(raw, trusted)
    if not result.ok or result.data is None or result.fingerprint is None:
        raise RuleError(
            f"{report_path}：报告未通过验证（{result.reason_zh}），不能据此督查",
            f"{report_path}: the report does not verify ({result.reason_en})",
        )
    report = _model(ReportData, result)
    report_sha256 = hashlib.sha256(raw).hexdigest()
    summaries = []
    for path in earlier:
        verdict = verify_review(path, trusted)
        if not verdict.ok or verdict.data is None or verdict.sha256 is None:
            raise RuleError(
                f"{path}：此前的督查意见未通过验证（{verdict.reason_zh}）", f"{path}: the earlier review does not verify"
            )
        if verdict.data.report.sha256 != report_sha256:
            raise RuleError(
                f"{path}：此前的督查意见针对的是另一份报告，不是 {report_path}",
                f"{path}: the earlier review is of another report than {report_path}",
            )
        d = verdict.data
        summary = {"review_id": d.review_id, "level": d.level, "reviewer": d.reviewer.name, "review_date": d.review_date,
                   "points": d.score.points, "max": d.score.max, "percent": d.score.percent, "grade": d.score.grade,
                   # per item what that level found, kept here (not signed again): the later reviewer sees it beside
                   # each item (review_data.earlier_items)
                   "items": {i.id: {"result": i.result, "earned": i.earned, "note": i.note, "worse": i.worse,
                                    "problems": i.problems} for i in d.items if i.answered or i.problems}}  # fmt: skip
        summaries.append((d.review_id, summary, verdict.sha256))
    return store.new_review(
        report_json=report.model_dump_json(),
        report_sha256=report_sha256,
        report_signer=result.fingerprint,
        school_name=report.school.name,
        school_code=report.school.code,
        period=report.inspection.period,
        template_id=report.template.id,
        template_version=report.template.version,
        content_hash=report.template.content_hash,
        uid=str(uuid.uuid4()),
        level=level,
        people=people,
        earlier=summaries,
    )


def export_review(
    store: Store, review_id: int, out: str | Path, *, passphrase: str | None, overwrite: bool = False
) -> ExportedReview:
    """Lay out, embed the data, sign with the reviewing unit's key, write safely, read back and verify. The review
    is noted as exported only when the file is written and verified."""
    from selfcheck.reports import export as files
    from selfcheck.reports import review_data, review_layout, signing
    from selfcheck.reports.identity import Identity, cert_subject
    from selfcheck.reports.signed_kind import REVIEW

    review = store.review(review_id)
    if review.side != "given":
        raise RuleError("只能导出本单位出具的督查意见", "only a review this unit gave can be exported")
    found = store.identity()
    if found is None:
        raise RuleError("尚未创建签名密钥；请先运行 selfcheck keys init", "no signing key yet: run selfcheck keys init")
    if not passphrase:
        raise RuleError("签名需要口令：请设置 SELFCHECK_PASSPHRASE 或在提示时输入", "signing needs the passphrase")
    key_pem, cert_pem, fingerprint = found
    subject = cert_subject(cert_pem)
    if (subject.get("organization"), subject.get("code")) != (review.reviewer_name, review.reviewer_code):
        raise RuleError(
            f"签名证书上的单位是“{subject.get('organization')}”，与出具督查的单位“{review.reviewer_name}”不一致",
            "the signing certificate names another unit than the one that made the review",
        )
    data = review_data.build(store, review_id)
    _, seal_png = store.school_images()
    pdf = review_layout.render(data, seal_png=seal_png, signer_fingerprint=fingerprint)
    payload = data.canonical_json()
    document = signing.sign(pdf, payload, Identity(key_pem, cert_pem), passphrase, reason="督查意见", kind=REVIEW)
    title = f"{data.report.template.title}_{data.level}督查意见"
    target = files.target_path(out, data.report.school.name, data.report.period, title, overwrite=overwrite)
    path, digest = write_checked(target, document, cert_pem, ("督查意见", "review"), overwrite=overwrite, kind=REVIEW)
    store.record_review_export(
        review_id, path=str(path), sha256=digest, fingerprint=fingerprint, data_json=payload.decode(), day=data.review_date
    )
    return ExportedReview(path, digest, fingerprint, data.review_id, data.fingerprint())


def received(verdict: ReviewVerdict) -> Received:
    """A verified review's contents as the school's store takes them."""
    data = verdict.data
    assert data is not None and verdict.sha256 is not None and verdict.fingerprint is not None
    rows = [{"item": i.id, "option": i.option, "value": i.value, "note": i.note} for i in data.items if i.answered]
    return Received(
        uid=data.review_id,
        level=data.level,
        reviewer_name=data.reviewer.name,
        reviewer_code=data.reviewer.code,
        reviewer_kind=data.reviewer.kind,
        people=list(data.reviewer.people),
        report_sha256=data.report.sha256,
        school_name=data.report.school.name,
        school_code=data.report.school.code,
        period=data.report.period,
        template_id=data.report.template.id,
        template_version=data.report.template.version,
        content_hash=data.report.template.content_hash,
        review_date=data.review_date,
        answers=answers_from_rows(rows),  # type: ignore[arg-type]
        school_answers=received_school_answers(data),
        problems=[(p.item_id, p.description) for p in data.problems],
        data_json=data.model_dump_json(),
        file_sha256=verdict.sha256,
        signer_fingerprint=verdict.fingerprint,
    )


def import_review(store: Store, path: str | Path, trusted: list[bytes]) -> ReviewImport:
    """The school's side: verify a review against the trusted reviewer certificates, then keep it and raise its
    findings in the ledger (the store refuses a review of a report this school did not export signed)."""
    if not trusted:
        raise RuleError(
            "请用 --trust 指定督查单位的证书，以核对督查意见确由该单位签名",
            "give the reviewing unit's certificate with --trust, to check who signed the review",
        )
    verdict = verify_review(path, trusted)
    if not verdict.ok or verdict.data is None:
        raise RuleError(
            f"{verdict.file}：督查意见未通过验证（{verdict.reason_zh}），未导入",
            f"{verdict.file}: the review does not verify ({verdict.reason_en}); nothing imported",
        )
    return store.import_review(received(verdict))


@dataclass(frozen=True)
class SideBySide:
    """One received review of an inspection beside the school's own answers (what `inspection show` and the GUI's
    督评 column show)."""

    review: Review
    comparison: Comparison
    results: dict[str, str]  # item → the reviewer's 督查情况 as printed
    raised: dict[str, int]  # key → the ledger problem raised from it
    answers: dict[str, Answer]  # item → the reviewer's answer

    def to_json(self) -> dict[str, Any]:
        c = self.comparison
        return {
            "id": self.review.id,
            "uid": self.review.uid,
            "level": self.review.level,
            "reviewer": self.review.reviewer_name,
            "reviewer_code": self.review.reviewer_code,
            "reviewer_kind": self.review.reviewer_kind,
            "people": self.review.people,
            "review_date": self.review.review_date,
            "points": round(c.review.total, 4),
            "max": c.review.max,
            "percent": c.review.percent,
            "grade": c.review.grade,
            "school_points": round(c.school.total, 4),
            "school_percent": c.school.percent,
            "school_grade": c.school.grade,
            "gap": c.gap,
            "worse": c.worse_items,
            "problems": sorted(self.raised.values()),
            "items": [
                {
                    "item": i.item_id,
                    "result": self.results.get(i.item_id),
                    **({k: getattr(a, k) for k in ("option", "value", "note")} if (a := self.answers.get(i.item_id)) else {}),
                    "school_earned": i.school_earned,
                    "earned": i.review_earned if i.review_answered else None,
                    "answered": i.review_answered,
                    "worse": i.worse,
                    "reason": i.reason,
                }
                for i in c.items.values()
            ],
        }


def side_by_side(store: Store, inspection_id: int) -> list[SideBySide]:
    """The reviews this school received of an inspection, each compared with the school's answers as the reviewed
    report carried them (core.review.compare)."""
    from selfcheck.core.review import compare
    from selfcheck.reports.data import answer_text

    out = []
    for review in store.review_list(side="received", inspection_id=inspection_id):
        data = ReviewData.model_validate(store.review_report_data(review.id))
        checklist = store.checklist(review.template_id, review.template_version)
        school = received_school_answers(data)
        answers = store.review_answers(review.id)
        index = checklist.item_index
        results = {i: answer_text(checklist, index[i][1], a, none="未查") for i, a in answers.items() if i in index}
        comparison = compare(checklist, school, answers)
        out.append(SideBySide(review, comparison, results, store.review_raised(review.id), answers))
    return out


def received_school_answers(data: ReviewData) -> dict[str, Answer]:
    rows = [
        {"item": i.id, "option": i.school_option, "value": i.school_value, "note": i.school_note}
        for i in data.items
        if i.school_option is not None or i.school_value is not None
    ]
    return answers_from_rows(rows)  # type: ignore[arg-type]

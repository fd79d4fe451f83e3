"""Checking one file's bytes, once: `verify_either` under the strict policy decides whether it is a report or a
督查意见; a report's embedded data is read through the one report schema (`reports/schema.py`) into a `Report`, a
review's into what the desk files (`intake/reviews.py`); or the reason it is rejected, with what to do about it.

This is what a worker process runs (`init_worker` once, `check_in_worker` per file), and what the intake runs in
its own process when it has few files."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from selfcheck.core.desk import FiledProblem, SectionScore
from selfcheck.exchange.intake.model import MAX_REASON, ItemResult, Outcome, Report, cap
from selfcheck.exchange.intake.reviews import NOT_A_REPORT, review_outcome
from selfcheck.exchange.intake.trust import Trust
from selfcheck.reports.schema import FORMAT, ReportData  # the one report schema; no I/O, light to import

# What to do about each verification failure, appended to verify's reason (zh, en).
_HINTS: dict[str, tuple[str, str]] = {
    "not_signed": (
        "请学校创建签名密钥（keys init）后重新导出报告",
        "ask the school to create its key (keys init) and export again",
    ),
    "untrusted_signer": (
        "如该校更换过证书，请把新证书放入信任文件夹；否则不要采用",
        "if the school has a new certificate, put it in the trust folder; otherwise do not accept the file",
    ),
    "modified_after_signing": ("请学校重新导出报告", "ask the school to export the report again"),
    "digest_mismatch": ("请学校重新导出报告", "ask the school to export the report again"),
    "truncated": ("请重新拷贝该文件", "copy the file again"),
    "unreadable": ("请重新拷贝该文件", "copy the file again"),
}


__all__ = ["MAX_REASON", "Outcome", "cap", "check_in_worker", "examine", "init_worker"]

_WORKER_TRUSTED: Trust = ()
_WORKER_REVIEWERS: Trust = ()


def init_worker(trusted: Trust, reviewers: Trust = ()) -> None:
    """A worker process's start: the schools' trusted certificates and the reviewing units' (two sets, never
    mixed), read once by the intake, kept for every file it checks."""
    global _WORKER_TRUSTED, _WORKER_REVIEWERS
    _WORKER_TRUSTED, _WORKER_REVIEWERS = trusted, reviewers
    import selfcheck.reports.verify  # noqa: F401 — pay pyHanko's import while the main process reads files


def check_in_worker(raw: bytes) -> Outcome:
    """One file in a worker process (module-level, so the pool can name it to a spawned worker)."""
    return examine(raw, _WORKER_TRUSTED, _WORKER_REVIEWERS)


# the review's embedded file name as it stands in the name tree: pyHanko writes "-" and "." as octal escapes
_REVIEW_NAMES = (b"selfcheck\\055review\\056json", b"selfcheck-review.json")


def examine(raw: bytes, trusted: Trust, reviewers: Trust = ()) -> Outcome:
    """One file's bytes, verified ONCE as whichever it is (`verify.verify_either`): a report, read into a Report
    (path, file and hash filled in by the caller), or a 督查意见 checked against the reviewing units' certificates
    (`reviewers`, never the schools'), read into what the desk files; or the reason it is rejected. A file that
    fails before its kind is known is spoken of as a review when its bytes name the review's embedded file."""
    from selfcheck.reports.signed_kind import REPORT, REVIEW
    from selfcheck.reports.verify import verify_either

    kind, result = verify_either(raw, ((REPORT, trusted), (REVIEW, reviewers)))
    if kind is REVIEW or (kind is None and result.code != "no_data" and any(n in raw for n in _REVIEW_NAMES)):
        return review_outcome(result)
    if result.code == "no_data":
        return Outcome(None, "no_data", f"{result.reason_zh}；{NOT_A_REPORT[0]}", f"{result.reason_en}; {NOT_A_REPORT[1]}")
    if not result.ok or result.data is None:
        zh, en = result.reason_zh, result.reason_en
        if result.code in _HINTS:
            hint_zh, hint_en = _HINTS[result.code]
            zh, en = f"{zh}；{hint_zh}", f"{en}; {hint_en}"
        return Outcome(None, result.code or "rejected", zh, en)
    if result.data.get("format") == "selfcheck.period/1":  # reports/period_schema.py: signed, but not a 自查报告
        label = str(result.data.get("kind_label", ""))[:20]
        return Outcome(
            None,
            "period_document",
            f"这是学校的{label}（签名有效），不是自查报告，不计入汇总表",
            "this is a school's quarterly summary or half-year assessment (validly signed), not a self-inspection "
            "report: it is not summed up",
        )
    try:  # verify() checked the data against the schema strictly already, and hands over the model it built
        data = result.model if isinstance(result.model, ReportData) else ReportData.model_validate(result.data)
        generated = dt.datetime.fromisoformat(data.generated_at)
    except ValidationError as e:
        first: dict[str, Any] = dict(e.errors()[0])
    except ValueError as e:  # a generated_at that is not an ISO time
        first = {"loc": ("generated_at",), "msg": str(e)}
    else:
        first = {}
    if first:
        where = ".".join(str(p) for p in first["loc"]) or "(根 / root)"
        return Outcome(
            None,
            "bad_data",
            f"报告数据缺少字段或格式不符（{where}）；请学校用最新版本重新导出",
            f"the report data lacks a field or has a wrong one ({where}: {first['msg']}); ask the school to export again",
        )
    if data.format != FORMAT:
        return Outcome(
            None,
            "bad_format",
            f"报告格式 {data.format[:40]} 不受支持；请更新 selfcheck",
            f"report format {data.format[:40]!r} is not supported; update selfcheck",
        )
    # NFKC, as the policy compares them: "２０２６年秋季学期" and "2026年秋季学期" are one period
    code = unicodedata.normalize("NFKC", data.school.code).strip()
    period = unicodedata.normalize("NFKC", data.inspection.period).strip()
    if not code or not period:
        return Outcome(None, "bad_data", "报告数据缺少学校代码或期次", "the report data lacks the school code or the period")
    at = generated if generated.tzinfo else generated.replace(tzinfo=dt.UTC)
    items = tuple(
        ItemResult(
            section=section.title,
            number=item.number,
            id=item.id,
            text=item.text,
            type=item.type,
            points=item.points,
            answered=item.answered,
            applicable=item.applicable,
            noncompliant=item.answered
            and item.applicable
            and (item.vetoed or item.earned < item.points - 1e-9 or bool(item.problems)),
        )
        for section in data.sections
        for item in section.items
    )
    closed = sum(1 for p in data.problems if p.status == "closed")
    vetoed_by = set(data.score.vetoed_by)
    veto_items = tuple(
        f"{item.number} {item.text}" for section in data.sections for item in section.items if item.id in vetoed_by
    ) + tuple(adj.text for adj in data.adjustments if adj.id in vetoed_by)
    texts = {item.id: item.text for section in data.sections for item in section.items}
    ledger = tuple(
        FiledProblem(p.description, p.item_id, texts.get(p.item_id or ""), p.owner, p.department, p.deadline, p.status)
        for p in (*data.problems, *data.carried)
    )
    report = Report(
        path="",
        file=Path(),
        sha256="",
        school=data.school.name.strip(),
        code=code,
        checklist_id=data.template.id,
        checklist_version=data.template.version,
        checklist_title=data.template.title,
        period=period,
        status=data.inspection.status,
        generated_at=at,
        generated_text=generated.isoformat(),
        document_id=data.document_id,
        points=data.score.points,
        max=data.score.max,
        percent=data.score.percent,
        grade=data.score.grade,
        vetoed=bool(data.score.vetoed_by),
        problems_open=len(data.problems) - closed,
        problems_closed=closed,
        signer=result.signer,
        fingerprint=result.fingerprint,
        trusted=result.trusted,
        items=items,
        bonus=data.score.bonus,
        deduction=data.score.deduction,
        veto_items=veto_items,
        document_fingerprint=data.fingerprint(),
        sections=tuple(SectionScore(x.title, x.earned, x.max) for x in data.sections),
        problems=ledger,
    )
    return Outcome(report, result.code, result.reason_zh, result.reason_en)

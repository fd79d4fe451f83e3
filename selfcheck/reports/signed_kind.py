"""The kinds of signed file selfcheck writes and verifies: a school's report, a reviewer's 督查意见.

Both go through the same checks (`reports/verify.py`: one signature, whole-file coverage, DocMDP, the crypto
policy, one embedded JSON file and no other attachment); a kind says which file name the data is embedded under,
which schema it must fit (strict types) and which unit in the data the signing certificate must name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from selfcheck.reports import policy
from selfcheck.reports.verdict import Reject


@dataclass(frozen=True)
class SignedKind:
    data_name: str  # the embedded file: "selfcheck-report.json"
    label_zh: str  # 报告 / 督查意见
    label_en: str
    description: str  # the embedded file's /Desc
    validate: Callable[[dict[str, Any]], Any]  # the schema, strict: the model, or raises Reject("bad_data", ...)
    bind: Callable[[policy.CertIdentity, dict[str, Any]], None]  # the certificate names the data's unit: PolicyError


def _schema_error(what_zh: str, what_en: str, error: Any) -> Reject:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "(root)"
    return Reject(
        "bad_data", f"{what_zh}数据不符合格式（{where}）", f"the {what_en} data does not fit its format ({where}: {first['msg']})"
    )


def _check_report(data: dict[str, Any]) -> Any:
    from selfcheck.reports.attachments import check_schema

    return check_schema(data)


def _check_review(data: dict[str, Any]) -> Any:
    from pydantic import ValidationError

    from selfcheck.reports.review_schema import ReviewData

    try:
        return ReviewData.model_validate(data, strict=True)
    except ValidationError as e:
        raise _schema_error("督查意见", "review", e) from None


def _bind_reviewer(identity: policy.CertIdentity, data: dict[str, Any]) -> None:
    """The reviewing unit in the data is the certificate's; the reviewed school's name and code are clean text."""
    reviewer = data.get("reviewer")
    report = data.get("report")
    school = report.get("school") if isinstance(report, dict) else None
    if not isinstance(reviewer, dict) or not isinstance(school, dict):
        raise policy.PolicyError("school_mismatch", "督查意见中没有督查单位或学校", "the review names no reviewer or school")
    for value, zh, en in (
        (school.get("code"), "被督查学校的代码", "reviewed school's code"),
        (school.get("name"), "被督查学校的名称", "reviewed school's name"),
        (report.get("period") if isinstance(report, dict) else None, "督查意见中的期次", "review's period"),
    ):
        policy.clean_text(value, zh, en, "bad_data")
    policy.bind(identity, {"school": reviewer})


REPORT = SignedKind(
    "selfcheck-report.json", "报告", "report", "自查报告数据 / self-inspection report data", _check_report, policy.bind
)
REVIEW = SignedKind("selfcheck-review.json", "督查意见", "review", "督查意见数据 / review data", _check_review, _bind_reviewer)

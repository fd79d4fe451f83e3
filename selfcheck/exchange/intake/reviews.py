"""The reviews (督查意见) on the stick: a file `examine` found to be a review, in the same single verification as
every file (`reports.verify.verify_either`: every report check with the review's own embedded file and schema, the
reviewing unit bound to its certificate, the signer checked against the reviewing units' certificates, never the
schools'), comes back as what the desk files (`ReviewFiling`) or rejected with the reason. The worker that checks
it fills in the filing; the intake adds the file's SHA-256 and name, and hands the reviews back in file order.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import TYPE_CHECKING, Any

from selfcheck.core.desk import ReviewFiling
from selfcheck.exchange.intake.model import Outcome

if TYPE_CHECKING:
    from selfcheck.reports.verdict import VerifyResult

REVIEWERS_FOLDER = "督查单位"  # the trust folder's subfolder holding the reviewing units' certificates, by default
REVIEWERS_FOLDERS = (REVIEWERS_FOLDER, "reviewers")  # the English name works too

NOT_A_REPORT = ("不是本系统导出的自查报告或督查意见", "neither a report nor a review exported by selfcheck")


def _nfkc(text: object) -> str:
    return unicodedata.normalize("NFKC", str(text)).strip()  # as the intake files a report's code and period


def review_filing(data: Any, sha256: str, path: str = "") -> ReviewFiling:
    """What the desk files of a verified review's data (`reports.review_schema.ReviewData`)."""
    generated = dt.datetime.fromisoformat(str(data.generated_at))
    people = "、".join(str(p) for p in getattr(data.reviewer, "people", []) or [])
    return ReviewFiling(
        sha256=sha256,
        review_id=str(data.review_id),
        report_fingerprint=str(data.report.data_fingerprint),
        code=_nfkc(data.report.school.code),
        checklist_id=str(data.report.template.id),
        period=_nfkc(data.report.period),
        level=str(data.level),
        reviewer=people or str(data.reviewer.name),
        unit=str(data.reviewer.name),
        points=float(data.score.points),
        max=float(data.score.max),
        percent=data.score.percent,
        grade=data.score.grade,
        generated_at=generated if generated.tzinfo else generated.replace(tzinfo=dt.UTC),
        path=path,
    )


def review_outcome(result: VerifyResult) -> Outcome:
    """A review's verdict: its filing (sha256 and path filled in by the intake), or why it is not filed."""
    from selfcheck.reports.review_schema import ReviewData

    if not result.ok or result.data is None:
        return Outcome(
            None,
            result.code or "rejected",
            f"督查意见未通过验证：{result.reason_zh}；未归档",
            f"the review does not verify: {result.reason_en}; not filed",
        )
    data = result.model if isinstance(result.model, ReviewData) else ReviewData.model_validate(result.data)
    what = f"{data.level}督查意见（{data.reviewer.name}，{data.report.school.name}）"
    if not result.trusted:
        return Outcome(
            None,
            "review_unchecked",
            f"{what}签名完好，但没有督查单位的证书可核对，未归档；请把督查单位的证书放入信任文件夹下的"
            f"“{REVIEWERS_FOLDER}”文件夹（或用 --reviewers 指定）",
            f"a {data.level} review by {data.reviewer.name}, intact, but no reviewing unit's certificate to check it "
            f"against; not filed: put the units' certificates in the trust folder's reviewers (督查单位) subfolder "
            "(or give --reviewers)",
        )
    try:
        return Outcome(None, "ok", "", "", review_filing(data, ""))
    except ValueError as e:  # a generated_at that is not an ISO time
        return Outcome(
            None, "bad_data", "督查意见的生成时间无法读取；未归档", f"the review's time cannot be read ({e}); not filed"
        )

"""The reviews (督查意见) on the stick: the files `examine` found to be review candidates, each read again (the same
size cap; the same bytes, by their SHA-256, as the walk hashed), verified as a review (`reports.review_service.
check_review`: every report check with the review's own embedded file and schema, the reviewing unit bound to its
certificate) against the reviewing units' certificates, and handed back as what the desk files (`ReviewFiling`), or
rejected with the reason. A candidate that turns out to be neither a review nor a report keeps the report's reason.

Reviews are verified in the intake's own process, after the reports: a county's round has one or two per school,
against thousands of reports."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Callable
from typing import Any

from selfcheck.core.desk import ReviewFiling
from selfcheck.exchange.intake.examine import Outcome, cap, examine
from selfcheck.exchange.intake.model import Rejected
from selfcheck.exchange.intake.stick import Found, read_report
from selfcheck.exchange.intake.trust import Trust

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


def settle(
    found: Found,
    sha256: str,
    candidate: Outcome,
    trusted: Trust,
    reviewers: Trust,
    max_bytes: int,
) -> ReviewFiling | Rejected | Outcome:
    """One review candidate: its filing, why it is rejected, or (a report after all) its report's outcome."""
    from selfcheck.reports.review_service import check_review

    raw = read_report(found, max_bytes)
    if isinstance(raw, Rejected):
        return raw
    if hashlib.sha256(raw).hexdigest() != sha256:
        return Rejected(
            found.shown,
            "文件在汇总过程中被改动，未检查；请重新拷贝后再汇总",
            "the file changed during the intake; copy it again",
            "changed",
        )
    verdict = check_review(raw, reviewers, found.shown)
    if verdict.code == "no_data":  # no review inside either
        if not candidate.reason_zh:  # it only named a review's file: check it as a report after all
            return examine(raw, trusted, sniff=False)
        return Rejected(
            found.shown,
            cap(f"{candidate.reason_zh}；{NOT_A_REPORT[0]}"),
            cap(f"{candidate.reason_en}; {NOT_A_REPORT[1]}"),
            "no_data",
        )
    if not verdict.ok or verdict.data is None:
        return Rejected(
            found.shown,
            cap(f"督查意见未通过验证：{verdict.reason_zh}；未归档"),
            cap(f"the review does not verify: {verdict.reason_en}; not filed"),
            verdict.code or "rejected",
        )
    data = verdict.data
    what = f"{data.level}督查意见（{data.reviewer.name}，{data.report.school.name}）"
    if not verdict.trusted:
        return Rejected(
            found.shown,
            cap(
                f"{what}签名完好，但没有督查单位的证书可核对，未归档；请把督查单位的证书放入信任文件夹下的"
                f"“{REVIEWERS_FOLDER}”文件夹（或用 --reviewers 指定）"
            ),
            cap(
                f"a {data.level} review by {data.reviewer.name}, intact, but no reviewing unit's certificate to check it "
                f"against; not filed: put the units' certificates in the trust folder's reviewers (督查单位) subfolder "
                "(or give --reviewers)"
            ),
            "review_unchecked",
        )
    return review_filing(data, sha256, found.shown)


def settle_all(
    candidates: dict[int, Outcome],
    found: list[Found],
    shas: dict[int, str],
    trusted: Trust,
    reviewers: Trust,
    max_bytes: int,
    reviews: list[ReviewFiling],
    finished: Callable[[int, Outcome | Rejected], None],
    stop: Callable[[], bool],
) -> set[int]:
    """Settle every candidate in file order; the verified reviews go into `reviews`, the rest to `finished` (a
    report after all, or a rejection). Returns the indexes of the files filed as reviews."""
    from selfcheck.exchange.intake.model import Cancelled

    filed: set[int] = set()
    for index in sorted(candidates):
        if stop():
            raise Cancelled
        outcome = settle(found[index], shas[index], candidates[index], trusted, reviewers, max_bytes)
        if isinstance(outcome, ReviewFiling):
            reviews.append(outcome)
            filed.add(index)
        else:
            finished(index, outcome)
    return filed

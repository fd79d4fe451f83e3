"""Filing reviews (督查意见) into the bureau's desk: every PDF under the paths is verified as a review by the
reviewers' side of the exchange (`reports.review_service.verify_review`: the report's strict checks with the review's
own embedded file and schema, the reviewing unit bound to its certificate, the certificate a trusted one), and each
review that passes is filed beside the school's report it names (`Desk.file_reviews`, one unit, after all of them
are verified, so the desk's write lock is never held while pyHanko works); one naming a report the desk does not hold
is listed with the reason. `bureau collect` files the reviews it finds on the stick the same way
(`exchange.desk_intake`).

The verifier is looked up by name when it runs (`VERIFIER`): it comes with the reviewer's round trip, so this module
needs nothing of it at import, and says so plainly when the installed selfcheck does not have it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfcheck.core.desk import ReviewFiling
from selfcheck.errors import RuleError
from selfcheck.exchange.intake.reviews import review_filing
from selfcheck.exchange.intake.stick import walk
from selfcheck.storage.desk import Desk

VERIFIER = ("selfcheck.reports.review_service", "verify_review")
MAX_FILE_BYTES = 16 * 1024 * 1024


@dataclass
class ReviewIntake:
    filed: int = 0
    copies: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)


def verifier() -> Callable[[Path, list[bytes]], Any]:
    module, name = VERIFIER
    try:
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
    except (ImportError, AttributeError):
        raise RuleError(
            "这个版本的 selfcheck 还不能验证督查意见（缺少督查意见的验证）；请升级后再归档督查意见",
            "this selfcheck cannot verify reviews yet (no review verifier); upgrade to file reviews",
        ) from None


def file_reviews(
    desk: Desk,
    paths: Sequence[str | Path],
    trusted: list[bytes],
    *,
    verify: Callable[[Path, list[bytes]], Any] | None = None,
) -> ReviewIntake:
    """Verify every PDF under `paths` as a review against the trusted reviewers' certificates and file the ones that
    pass. Without trusted certificates nothing is filed (anyone could sign a review in a 学区's name)."""
    if not trusted:
        raise RuleError(
            "请用 --trust 指定督查单位的证书，以核对督查意见确由该单位签名",
            "give the reviewing units' certificates with --trust",
        )
    check = verify or verifier()
    found, rejected = walk(paths, max_entries=100_000, max_depth=64, max_bytes=MAX_FILE_BYTES)
    out = ReviewIntake(refused=[(r.path, r.reason_zh) for r in rejected])

    def produce() -> list[ReviewFiling]:
        filings = []
        for f in found:
            verdict = check(f.file, trusted)
            if not verdict.ok or verdict.data is None or not verdict.trusted or verdict.sha256 is None:
                out.refused.append((f.shown, verdict.reason_zh))
                continue
            filings.append(review_filing(verdict.data, verdict.sha256, f.shown))
        return filings

    result = desk.file_reviews(produce())  # verified first (slow, no lock held), then filed in one unit
    out.filed, out.copies = result.filed, result.copies
    out.refused += [(path, zh) for path, zh, _ in result.unknown]
    return out

"""The intake filing into the bureau's desk: each report the intake verifies is filed as soon as it is verified (the
desk keeps none in memory), in one unit: a cancelled or failed intake files nothing.

Only reports whose signer matched a trusted certificate (``--trust``) are filed: without the schools' certificates
anyone could file a report in a school's name, and the desk would rank it. The reviews (督查意见) on the stick are
verified against the reviewing units' certificates (``--reviewers``, by default the trust folder's 督查单位 subfolder:
never the schools' own, or a school could sign a 督评 of another) and filed after the reports, in a unit of their own,
each against the report it names; one naming a report the desk does not hold is added to the intake's rejected files
with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from selfcheck.core.desk import Submission
from selfcheck.exchange.collect import Intake, Rejected, Report, collect
from selfcheck.exchange.intake.reviews import REVIEWERS_FOLDERS
from selfcheck.exchange.intake.trust import load_trusted
from selfcheck.storage.desk import Desk, Filing, ReviewsFiled


def submission(report: Report) -> Submission:
    """What the desk files of an accepted report."""
    return Submission(
        sha256=report.sha256,
        path=report.path,
        code=report.code,
        school=report.school,
        checklist_id=report.checklist_id,
        checklist_version=report.checklist_version,
        checklist_title=report.checklist_title,
        period=report.period,
        generated_at=report.generated_at,
        document_id=report.document_id,
        fingerprint=report.document_fingerprint,
        signer=report.fingerprint or "",
        points=report.points,
        max=report.max,
        percent=report.percent,
        grade=report.grade,
        vetoed=report.vetoed,
        sections=report.sections,
        problems=report.problems,
    )


@dataclass(frozen=True)
class DeskIntake:
    intake: Intake
    filing: Filing
    untrusted: int  # accepted for the workbook (integrity only) but not filed: no trust folder given
    reviews: ReviewsFiled = field(default_factory=ReviewsFiled)


def reviewers_folder(trusted_dir: str | Path | None, reviewers_dir: str | Path | None) -> Path | None:
    """The folder of the reviewing units' certificates: the one given, else the trust folder's 督查单位 (or reviewers)
    subfolder when there is one."""
    if reviewers_dir is not None:
        return Path(reviewers_dir)
    if trusted_dir is None:
        return None
    return next((Path(trusted_dir) / n for n in REVIEWERS_FOLDERS if (Path(trusted_dir) / n).is_dir()), None)


def collect_into_desk(
    desk: Desk,
    paths: Sequence[str | Path],
    trusted_dir: str | Path | None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
    reviewers_dir: str | Path | None = None,
) -> DeskIntake:
    """`collect` with each trusted report filed into `desk` as it is verified, then the verified reviews; returns the
    intake and the filings."""
    folder = reviewers_folder(trusted_dir, reviewers_dir)
    reviewers = load_trusted(folder) if folder is not None else []
    held: list[Intake] = []
    skipped = [0]

    def produce(add: Callable[[Submission], None]) -> None:
        def one(report: Report) -> None:
            if report.trusted:
                add(submission(report))
            else:
                skipped[0] += 1

        held.append(
            collect(paths, trusted_dir, progress=progress, cancel=cancel, workers=workers, on_report=one, reviewers=reviewers)
        )

    source = "、".join(str(p) for p in paths)
    filing = desk.file_streamed(produce, source)
    intake = held[0]
    reviews = desk.file_reviews(intake.reviews) if intake.reviews else ReviewsFiled()
    if reviews.unknown:
        unknown = {path for path, _, _ in reviews.unknown}
        intake.reviews = [r for r in intake.reviews if r.path not in unknown]  # what is left: the reviews filed
        intake.rejected = sorted(
            [*intake.rejected, *(Rejected(path, zh, en, "unknown_report") for path, zh, en in reviews.unknown)],
            key=lambda r: r.path,
        )
    return DeskIntake(intake, filing, skipped[0], reviews)

"""The intake filing into the bureau's desk: each report the intake verifies is filed as soon as it is verified (the
desk keeps none in memory), in one unit: a cancelled or failed intake files nothing.

Only reports whose signer matched a trusted certificate (``--trust``) are filed: without the schools' certificates
anyone could file a report in a school's name, and the desk would rank it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from selfcheck.core.desk import Submission
from selfcheck.exchange.collect import Intake, Report, collect
from selfcheck.storage.desk import Desk, Filing


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


def collect_into_desk(
    desk: Desk,
    paths: Sequence[str | Path],
    trusted_dir: str | Path | None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> DeskIntake:
    """`collect` with each trusted report filed into `desk` as it is verified; returns the intake and the filing."""
    held: list[Intake] = []
    skipped = [0]

    def produce(add: Callable[[Submission], None]) -> None:
        def one(report: Report) -> None:
            if report.trusted:
                add(submission(report))
            else:
                skipped[0] += 1

        held.append(collect(paths, trusted_dir, progress=progress, cancel=cancel, workers=workers, on_report=one))

    source = "、".join(str(p) for p in paths)
    filing = desk.file_streamed(produce, source)
    return DeskIntake(held[0], filing, skipped[0])

"""Sorting out the verified reports: the copies (identical files), then per school, checklist and period the
newest report current and the others superseded, or a conflict when different unchecked signers claim one group."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from selfcheck.exchange.intake.model import HistoryEntry, Intake, Rejected, Report
from selfcheck.exchange.intake.stick import Found


def sort_out(
    intake: Intake,
    found: list[Found],
    outcomes: dict[int, Report | Rejected],
    copies: dict[int, int],
    walk_rejected: list[Rejected],
) -> None:
    """Fill in the intake's current reports, history and rejected files from every file's outcome (by its index in
    `found`: its Report, path, file and hash filled in, or why it was rejected); `copies` maps a file to the
    identical one verified in its stead."""
    accepted: dict[int, Report] = {}
    rejected: list[Rejected] = list(walk_rejected)
    for index, outcome in sorted(outcomes.items()):
        if index in copies:
            continue
        if isinstance(outcome, Rejected):
            rejected.append(outcome)
        else:
            accepted[index] = outcome
    outcomes.clear()  # what is kept from here on is in `accepted` and `rejected`
    history: list[HistoryEntry] = []
    by_path: dict[str, Rejected] = {}
    for r in rejected if copies else ():
        by_path.setdefault(r.path, r)
    for index, original in sorted(copies.items()):
        shown = found[index].shown
        if original in accepted:
            copy = dataclasses.replace(accepted[original], path=shown, file=found[index].file)
            history.append(HistoryEntry(copy, "copy", accepted[original].path))
        else:
            reason = by_path[found[original].shown]
            rejected.append(
                Rejected(
                    shown,
                    f"{reason.reason_zh}（与 {reason.path} 完全相同）",
                    f"{reason.reason_en} (identical to {reason.path})",
                    reason.code,
                )
            )
    groups: dict[tuple[str, str, str], list[Report]] = {}
    for report in accepted.values():
        groups.setdefault(report.key, []).append(report)
    current: list[Report] = []
    for reports in groups.values():
        reports.sort(key=lambda r: (r.generated_at, r.path))
        newest = reports[-1]
        signers = {r.fingerprint for r in reports}
        if len(signers) > 1 and not all(r.trusted for r in reports):
            # never let an unchecked signer supersede another: a forger's newer file would replace the school's
            history.extend(HistoryEntry(r, "conflict", None) for r in reports)
            intake.conflicts += 1
            continue
        current.append(newest)
        if len(reports) > 1:
            history.append(HistoryEntry(newest, "current", None))
            history.extend(HistoryEntry(r, "superseded", newest.path) for r in reports[:-1])
    current.sort(key=_order)
    history.sort(key=lambda h: (_order(h.report), h.state != "current", h.report.path))
    intake.current = current
    intake.history = history
    intake.rejected = sorted(rejected, key=lambda r: r.path)


def _order(r: Report) -> tuple[str, str, str, str, str]:
    return (r.code, r.checklist_id, r.checklist_version, r.period, r.school)


def checklists(reports: Iterable[Report]) -> dict[tuple[str, str], list[Report]]:
    """The reports by (checklist id, version), in id and version order."""
    out: dict[tuple[str, str], list[Report]] = {}
    for r in sorted(reports, key=lambda r: (r.checklist_id, r.checklist_version)):
        out.setdefault((r.checklist_id, r.checklist_version), []).append(r)
    return out

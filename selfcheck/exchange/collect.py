"""The bureau's intake: every report PDF under some paths, each strictly verified, one current report per school.

`collect(paths, trusted_dir)` walks files and folders (a whole USB stick) and returns an `Intake`; it prints
nothing, so the GUI can run it on a worker thread with `progress(done, total)` and `cancel()`. The rules:

* **Which files.** Every regular file whose name ends in ``.pdf`` (any case), folders walked recursively in name
  order. Symbolic links are never followed: a link named ``*.pdf`` or pointing at a folder is listed as rejected.
  A file over ``MAX_FILE_BYTES`` is rejected unread. More than ``MAX_ENTRIES`` entries under the paths stops the
  walk with an error (point at the folder that holds the reports), and folders deeper than ``MAX_DEPTH`` are
  listed, not entered. The same file reached twice (overlapping paths) counts once.
* **Verification.** `selfcheck.reports.verify.verify`, the strict policy of `report verify`: one certification
  signature, intact, covering the whole file, nothing after it, the embedded data naming the certificate's school
  and, with ``trusted_dir``, a signer certificate byte-identical to one of the ``*.pem`` / ``*.crt`` files there
  (a file there that is not a certificate is an error naming it; an empty folder is an error too, since checking
  against nothing would silently accept every signer). Then the embedded data must have the report format's
  fields. A file that fails anything is rejected with the reason and never counts in any figure.
* **Duplicates.** Each file is read and hashed (SHA-256) once; a file identical to one already seen is not
  verified again: it shares that file's verdict and is listed in the history as a copy.
* **The current report.** Reports are grouped by (school code, checklist id, period). The newest by the
  ``generated_at`` time inside the signed data wins (the time the school built the report; it is covered by the
  signature, and the CMS signing time is the same clock a moment later, so it would decide nothing more); equal
  times are broken by the file path, so the result never depends on the walk order. The others are superseded;
  the history lists every report of a group that had more than one, the current one included.
* **Reviews.** A 督查意见 on the stick is verified in the same single pass as a report, by the same worker
  (`verify.verify_either`: the kind is the embedded file the name tree holds), against the reviewing units'
  certificates (``reviewers``, read like the trust folder; never the schools'), and handed back in
  ``Intake.reviews`` in file order for the desk to file beside the report it names (`exchange.intake.reviews`);
  without those certificates, or failing a check, it is rejected with the reason. A file that is neither is
  verified once too, and rejected. A copy of a review verified counts once.
* **Non-compliance** of an item in a report (for the per-checklist sheet): answered, applicable, and either
  vetoed, or earning less than its points (a partial answer, a deduction), or having a problem raised from it.
* **Speed.** Verification is CPU-bound (pyHanko). With at least ``POOL_MIN_FILES`` distinct files and more than
  one CPU, files are verified in a ``ProcessPoolExecutor`` while the main process reads and hashes the next ones.
  Workers are forked where that is safe (Linux, a process with one thread: the CLI), so they start with pyHanko
  imported; elsewhere (the GUI's worker thread, Windows, macOS) they are spawned and import it afresh (about
  0.8 s each). Fewer files are verified in-process. A worker that dies takes no file with it: the files it held are
  checked again one by one in a worker of their own, and a file that kills that one too is rejected.
  The trusted certificates are read once per intake (`verify.Trusted`: the school certificates by fingerprint,
  the bureau CAs parsed) and handed to each worker once, by its initialiser: a file's check looks its signer up,
  so its cost does not grow with the number of trusted schools.
* **Memory.** At most a few files' bytes are in flight at once; of a verified file only its `Report` is kept (its
  embedded data is not), its items and repeated texts shared with the reports before it (`model.Interned`), and
  the workbook is written row by row. A rejection reason is at most ``examine.MAX_REASON`` characters: an
  untrusted signer's names its own fingerprint and how many certificates are trusted, never the list.

The parts are in `selfcheck.exchange.intake` (finding the files, checking one, the pool, the trust folder, sorting
out the newest); this module puts them together and holds the limits above.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from selfcheck.core.desk import ReviewFiling
from selfcheck.core.stickfile import REPORT_CAP
from selfcheck.errors import NotFoundError, RuleError
from selfcheck.exchange.intake.examine import Outcome, cap, examine
from selfcheck.exchange.intake.model import Cancelled, HistoryEntry, Intake, Interned, ItemResult, Rejected, Report
from selfcheck.exchange.intake.newest import checklists, sort_out
from selfcheck.exchange.intake.pool import run_pool
from selfcheck.exchange.intake.stick import read_report, walk
from selfcheck.exchange.intake.trust import load_trusted, read_trust

__all__ = [
    "Cancelled",
    "HistoryEntry",
    "Intake",
    "ItemResult",
    "Rejected",
    "Report",
    "checklists",
    "collect",
    "load_trusted",
]

MAX_FILE_BYTES = REPORT_CAP  # 16 MB: a 500-item report with seal and signature is 0.25 MB
MAX_ENTRIES = 100_000  # directory entries walked, of any kind (read at each call: a test lowers it)
MAX_DEPTH = 64
POOL_MIN_FILES = 24  # below this, starting (spawned) workers costs about what they save on 2 cores
MAX_WORKERS = 8


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def collect(
    paths: Sequence[str | Path],
    trusted_dir: str | Path | None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
    on_report: Callable[[Report], None] | None = None,
    reviewers: Sequence[bytes] = (),
) -> Intake:
    """Find, verify and sort every report under `paths`; see the module doc. `workers`: None decides from the
    number of files and CPUs, 1 verifies in this process. Raises SelfcheckError (bad paths, bad trust folder,
    too many files) or Cancelled; a bad file is never an exception, only a Rejected entry. `on_report`: called with
    each accepted report as soon as it is verified (the bureau's desk files it then: `exchange.desk_intake`).
    `reviewers`: the reviewing units' certificates (PEM or DER) the reviews on the stick are verified against."""
    start = time.perf_counter()
    if not paths:
        raise RuleError("请指定要汇总的文件或文件夹（如 U盘）", "name the files or folders to collect (e.g. the USB stick)")
    certs = load_trusted(trusted_dir) if trusted_dir is not None else []
    trusted = read_trust(certs)  # parsed once here, handed to each worker once: a file's check looks its signer up
    found, rejected = walk(paths, max_entries=MAX_ENTRIES, max_depth=MAX_DEPTH, max_bytes=MAX_FILE_BYTES)
    intake = Intake(
        roots=[str(p) for p in paths],
        trust_dir=str(trusted_dir) if trusted_dir is not None else None,
        trusted_certificates=len(certs),
        files=len(found) + len(rejected),
    )
    if not found and not rejected:
        raise NotFoundError(
            f"在 {'、'.join(intake.roots)} 下没有找到 PDF 文件；请检查路径",
            f"no PDF file under {', '.join(intake.roots)}; check the path",
        )
    total = len(found)
    notify = progress or (lambda _done, _total: None)
    stop = cancel or (lambda: False)
    notify(0, total)

    n_workers = workers if workers is not None else (min(_cpus(), MAX_WORKERS) if len(found) >= POOL_MIN_FILES else 1)
    if getattr(sys, "frozen", False) and workers is None:
        # a frozen app's spawned worker starts the app's own entry point, which must call
        # multiprocessing.freeze_support() first; until the entry scripts do, stay in-process
        n_workers = 1
    # only what the sorting out and the summary need is kept per file: its Report (the items interned, so that
    # 5,000 reports of one checklist share its texts) or why it was rejected; never its bytes or data
    outcomes: dict[int, Report | Rejected] = {}
    shas: dict[int, str] = {}
    shared = Interned()
    first_of: dict[str, int] = {}  # sha256 -> index of the file verified for it
    copies: dict[int, int] = {}  # index -> index of the identical file verified
    reviews: dict[int, ReviewFiling] = {}  # index -> a review verified, handed back in file order
    done = 0

    def finished(index: int, outcome: Outcome | Rejected) -> None:
        nonlocal done
        here = found[index]
        if isinstance(outcome, Rejected):
            outcomes[index] = outcome
        elif outcome.review is not None:
            reviews[index] = dataclasses.replace(outcome.review, sha256=shas[index], path=here.shown)
        elif outcome.report is None:
            outcomes[index] = Rejected(here.shown, cap(outcome.reason_zh), cap(outcome.reason_en), outcome.code)
        else:
            accepted = shared.report(outcome.report, here.shown, here.file, shas[index])
            outcomes[index] = accepted
            if on_report is not None:
                on_report(accepted)
        done += 1
        notify(done, total)

    def finished_copy() -> None:
        nonlocal done
        done += 1
        notify(done, total)

    def prepare(index: int) -> bytes | None:
        """Read and hash one file: its bytes when they need verifying, None when settled here."""
        if stop():
            raise Cancelled
        raw = read_report(found[index], MAX_FILE_BYTES)
        if isinstance(raw, Rejected):
            finished(index, raw)
            return None
        sha = hashlib.sha256(raw).hexdigest()
        shas[index] = sha
        if sha in first_of:
            copies[index] = first_of[sha]
            outcomes[index] = Rejected("", "", "", "copy")  # placeholder: sort_out lists it as a copy
            finished_copy()
            return None
        first_of[sha] = index
        return raw

    trusts = (trusted, read_trust(list(reviewers)))  # the schools' and the reviewing units': never mixed
    pending = list(range(total))
    if n_workers > 1:
        pending = run_pool(pending, prepare, finished, trusts, n_workers, stop)
        if not pending:
            intake.workers = n_workers
    for index in pending:  # in-process: few files, one CPU, or what a broken pool left
        raw = prepare(index)
        if raw is not None:
            finished(index, examine(raw, *trusts))

    intake.reviews.extend(reviews[index] for index in sorted(reviews))
    for index in [i for i, original in copies.items() if original in reviews]:  # a review's copy counts once
        del copies[index]
        del outcomes[index]
    sort_out(intake, found, outcomes, copies, rejected)
    intake.seconds = time.perf_counter() - start
    return intake

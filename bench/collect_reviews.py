"""The bureau's intake of a stick with reports AND reviews: N signed reports and M signed 督查意见 of them.

    python -m bench.collect_reviews [--repeat 3]     (or `python -m bench collect_reviews`)

The corpus (made once under the temp folder, through the app's own code): 20 schools × 10 periods of the small
test checklist (`bench.fixtures`), and one 学区 reviewing each report (`review_service.start_review`, a few worse
answers, `export_review`), its certificate in the trust folder's 督查单位 subfolder. Measured: `collect` of the
whole stick with the schools' and the reviewers' certificates, as `bureau collect` runs it (worker processes on a
machine with several CPUs, their start-up included), repeated, the median kept (this machine is shared: the spread
is printed too), with the CPU time of the intake's own process and of its workers. Its floor: bare pyHanko
validation of every file in this process, divided by the workers used.
"""

from __future__ import annotations

import functools
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import fixtures
from bench.intake import _bare

ROOT = Path(tempfile.gettempdir()) / "selfcheck-bench-collect-reviews-20x10"
SCHOOLS, PERIODS = 20, 10


def corpus(root: Path = ROOT) -> tuple[Path, Path, int, int]:
    """(stick, trust folder, reports, reviews): the reports, then a 学区's review of each, made once."""
    from selfcheck.core.checklist_file import read_checklist
    from selfcheck.reports import identity, review_service, service
    from selfcheck.storage import Store

    stick, trust = fixtures.intake_corpus(root, SCHOOLS, PERIODS)
    reports = sorted(p for p in stick.rglob("*.pdf") if "督查" not in p.parts[-2])
    out, done = stick / "督查", root / "reviews.done"
    if not done.exists():
        out.mkdir(exist_ok=True)
        (trust / "督查单位").mkdir(exist_ok=True)
        schools = [p.read_bytes() for p in sorted(trust.glob("*.pem"))]
        fast = functools.partial(identity.__dict__["encrypt_key"], iterations=fixtures.FAST_KDF)
        original, identity.encrypt_key = identity.encrypt_key, fast  # type: ignore[assignment]
        try:
            with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp), install_builtins=False) as unit:
                unit.install_checklist(read_checklist(fixtures.ROOT / "tests" / "data" / "mini.yaml"), "bench")
                unit.set_school("县城关学区", "XQ-01", "主任")
                unit.set_unit_kind("学区")
                service.init_keys(unit, fixtures.PASSPHRASE)
                (trust / "督查单位" / "xuequ.pem").write_bytes(service.certificate(unit)[0])
                start = time.perf_counter()
                for n, report in enumerate(reports):
                    review = review_service.start_review(unit, report, level="学区", people=["李督学"], trusted=schools)
                    note = {"item": "s2.fees", "value": n % 3, "note": "督查发现"}
                    unit.save_review_answers(review.id, [{"item": "s1.study", "option": "partial"}, note])
                    review_service.export_review(unit, review.id, out, passphrase=fixtures.PASSPHRASE)
                print(f"{len(reports)} reviews made in {time.perf_counter() - start:.0f} s under {out}", file=sys.stderr)
        finally:
            identity.encrypt_key = original  # type: ignore[assignment]
        done.touch()
    return stick, trust, len(reports), len(list(out.glob("*.pdf")))


def measure(repeat: int = 3) -> dict[str, Any]:
    from selfcheck.exchange.collect import collect
    from selfcheck.exchange.intake.trust import load_trusted

    stick, trust, n_reports, n_reviews = corpus()
    reviewers = load_trusted(trust / "督查单位")
    files = sorted(stick.rglob("*.pdf"))
    _bare(files[:3])
    times, main_cpu, worker_cpu, workers = [], [], [], 1
    for _ in range(repeat):
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        intake = collect([stick], trust, reviewers=reviewers)
        times.append(time.perf_counter() - start)
        own2, children2 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        main_cpu.append(own2.ru_utime + own2.ru_stime - own.ru_utime - own.ru_stime)
        worker_cpu.append(children2.ru_utime + children2.ru_stime - children.ru_utime - children.ru_stime)
        workers = intake.workers
        if len(intake.current) != n_reports or len(intake.reviews) != n_reviews or intake.rejected:
            raise SystemExit(f"the corpus under {ROOT} no longer verifies: delete it and run again")
    floors = []
    for _ in range(repeat):
        start = time.perf_counter()
        _bare(files)
        floors.append((time.perf_counter() - start) / max(1, workers))
    return {
        "reports": n_reports,
        "reviews": n_reviews,
        "workers": workers,
        "seconds": [round(t, 2) for t in times],
        "median_s": round(statistics.median(times), 2),
        "main_cpu_median_s": round(statistics.median(main_cpu), 2),  # the intake's own process
        "workers_cpu_median_s": round(statistics.median(worker_cpu), 2),  # its worker processes, reaped at the end
        "floor_median_s": round(statistics.median(floors), 2),
    }


def bench_collect_reviews(results: dict[str, dict[str, Any]], work: Path) -> None:
    from bench.__main__ import entry

    got = measure()
    results["collect_200_reports_200_reviews"] = {**entry(got["median_s"], "s", got["floor_median_s"]), **got}


if __name__ == "__main__":
    print(measure(int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3))

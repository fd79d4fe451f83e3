"""Corpora for the benchmarks, made through the app's own code.

python -m bench.fixtures intake DIR --schools N --periods P [--workers W]
python -m bench.fixtures desk DIR [--schools 500] [--rounds 40]

``desk``: the bureau's desk database (``DIR/bureau-desk.db``) with a roster of N schools and R rounds filed through
the desk's own API (`bench/desk.py`).

``intake``: N schools, each with its own P-256 key and self-signed certificate (``keys init`` as the app makes
it), P periods of the small test checklist each, every report a real one (store, answers, problems, layout,
signature): DIR/stick/<school>/<period>.pdf, and DIR/trust/<code>.pem, the bureau's trust folder. Schools are
made in worker processes; a school is done when its certificate is in the trust folder (written after its
reports), so an interrupted build goes on where it stopped, and the schools done so far are a usable corpus.

Only the corpus is made faster: the school keys are encrypted with 1,000 PBKDF2 iterations instead of 600,000
(nothing measured depends on them).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PASSPHRASE = "bench-intake-passphrase"
FAST_KDF = 1000


def periods(count: int) -> list[str]:
    """`count` periods, oldest first: 2022年春季学期, 2022年秋季学期, 2023年春季学期, ..."""
    return [f"{2022 + n // 2}年{'春秋'[n % 2]}季学期" for n in range(count)]


def school_code(k: int) -> str:
    return f"3310{k:06d}"


def school_folder(k: int) -> str:
    return f"school{k:05d}"


def make_intake_school(k: int, root: str, n_periods: int) -> None:
    """One school's reports and certificate (runs in a worker process)."""
    import functools

    from selfcheck.core.checklist_file import read_checklist
    from selfcheck.reports import identity
    from selfcheck.storage import Store

    base = Path(root)
    pem = base / "trust" / f"{school_code(k)}.pem"
    if pem.exists():
        return
    fast = functools.partial(identity.__dict__["encrypt_key"], iterations=FAST_KDF)
    original = identity.encrypt_key
    identity.encrypt_key = fast  # type: ignore[assignment]  # create_identity encrypts with the fast KDF too
    try:
        made = identity.create_identity(f"县第{k + 1}学校", school_code(k), PASSPHRASE)
    finally:
        identity.encrypt_key = original  # type: ignore[assignment]
    folder = base / "stick" / school_folder(k)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp), install_builtins=False) as store:
        store.install_checklist(read_checklist(ROOT / "tests" / "data" / "mini.yaml"), "bench")
        store.set_school(f"县第{k + 1}学校", school_code(k), "校长")
        _reports(store, k, n_periods, made, folder)
    part = pem.with_suffix(".part")
    part.write_bytes(made.cert_pem)
    part.replace(pem)


def _reports(store: Any, k: int, n_periods: int, made: Any, folder: Path) -> None:
    """One school's reports, one per period, in its own store (a store shared by schools would carry one
    school's open problems into the next one's inspections)."""
    from selfcheck.reports import data as report_data
    from selfcheck.reports import layout, signing

    for n, period in enumerate(periods(n_periods)):
        inspection = store.new_inspection("mini", period, ["检查员"])
        pick = (k + n) % 4
        store.save_answers(
            inspection.id,
            [
                {"item": "s1.study", "option": ["yes", "partial", "no", "na"][pick], "note": "记录不全"},
                {"item": "s2.firstask", "option": ["good", "ok", "bad", "good"][pick], "note": "未落实"},
                {"item": "s2.fees", "value": pick},
                {"item": "s2.score", "value": 5 - pick},
                {"item": "s2.tutoring", "option": "found" if (k + n) % 17 == 0 else "none", "note": "查实"},
            ],
        )
        store.raise_problems_from_answers(inspection.id)
        data = report_data.build(store, inspection.id)
        pdf = signing.sign(layout.render(data), data.canonical_json(), made, PASSPHRASE)
        target = folder / f"{period}.pdf"
        target.with_suffix(".part").write_bytes(pdf)
        target.with_suffix(".part").replace(target)


def intake_corpus(
    root: Path, schools: int, n_periods: int, *, workers: int | None = None, quiet: bool = False
) -> tuple[Path, Path]:
    """(stick folder, trust folder) of `schools` × `n_periods` reports under `root`, made (or finished) now."""
    stick, trust = root / "stick", root / "trust"
    stick.mkdir(parents=True, exist_ok=True)
    trust.mkdir(parents=True, exist_ok=True)
    todo = [k for k in range(schools) if not (trust / f"{school_code(k)}.pem").exists()]
    if todo:
        start = time.perf_counter()
        n = workers or os.cpu_count() or 1
        with ProcessPoolExecutor(max_workers=n) as pool:
            chunk = max(1, min(25, len(todo) // (n * 4) or 1))
            for done, _ in enumerate(
                pool.map(make_intake_school, todo, [str(root)] * len(todo), [n_periods] * len(todo), chunksize=chunk), 1
            ):
                if not quiet and (done % 100 == 0 or done == len(todo)):
                    took = time.perf_counter() - start
                    print(f"  {done}/{len(todo)} schools, {took:.0f} s", file=sys.stderr, flush=True)
        if not quiet:
            print(f"intake corpus: {len(todo) * n_periods} reports made in {time.perf_counter() - start:.0f} s under {root}")
    return stick, trust


def done_schools(root: Path) -> int:
    """How many schools of an intake corpus are complete (their certificate written after their reports)."""
    return len(list((root / "trust").glob("*.pem"))) if (root / "trust").is_dir() else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fixtures")
    sub = parser.add_subparsers(dest="what", required=True)
    intake = sub.add_parser("intake", help="signed reports of N schools × P periods, and a trust folder")
    intake.add_argument("dir", type=Path)
    intake.add_argument("--schools", type=int, default=50)
    intake.add_argument("--periods", type=int, default=10)
    intake.add_argument("--workers", type=int, default=None)
    desk = sub.add_parser("desk", help="the bureau's desk database: N schools × R rounds filed")
    desk.add_argument("dir", type=Path)
    desk.add_argument("--schools", type=int, default=500)
    desk.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args(argv)
    if args.what == "desk":
        from bench.desk import build

        start = time.perf_counter()
        build(args.dir, args.schools, args.rounds)
        print(f"desk database under {args.dir} ({time.perf_counter() - start:.0f} s)")
        return 0
    stick, trust = intake_corpus(args.dir, args.schools, args.periods, workers=args.workers)
    print(f"{stick} ({done_schools(args.dir)} schools), trust folder {trust}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

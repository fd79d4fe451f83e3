"""Bureau intake of 500 signed reports (collect + workbook) vs bare pyHanko validation of the same 500 files.

The corpus: 50 schools × 10 periods of the small test checklist, each school with its own key and certificate,
every report a real one (store, answers, problems, layout, signature). Making it takes a minute or two (layout is
~0.2 s a report), so it is kept under the temp folder (``selfcheck-bench-intake-v1``) and reused while every file
still verifies. The school keys here are re-encrypted with 1,000 PBKDF2 iterations instead of 600,000: only the
corpus is made faster, nothing measured depends on it.

Measured in the same run, files in the page cache for both:
  * ``intake_500``: ``collect(stick, trust folder)`` + ``summary_xlsx.build`` as the CLI runs it (worker processes
    on a machine with several CPUs; their start-up included);
  * ``intake_500_serial``: the same with ``workers=1`` (everything in this process);
  * floor: for each file, read it, ``PdfFileReader``, and ``validate_pdf_signature`` on its embedded signature with
    a ValidationContext whose trust root is the signer's certificate (as verify does; without one pyHanko logs a
    traceback per self-signed file, which would flatter us), in this process.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCHOOLS = 50
PERIODS = [f"{year}年{term}季学期" for year in range(2022, 2027) for term in ("春", "秋")]
CACHE = Path(tempfile.gettempdir()) / "selfcheck-bench-intake-v1"
PASSPHRASE = "bench-intake-passphrase"


def _code(k: int) -> str:
    return f"33108{k:05d}"


def _make_school(k: int, cache: str) -> None:
    """One school's 10 reports and its certificate (runs in a worker process)."""
    from selfcheck.core.template_file import read_template
    from selfcheck.reports import data as report_data
    from selfcheck.reports import identity, layout, signing
    from selfcheck.storage import Store

    root = Path(cache)
    made = identity.create_identity(f"县第{k + 1}学校", _code(k), PASSPHRASE)
    fast = identity.Identity(identity.encrypt_key(identity.unlock(made, PASSPHRASE), PASSPHRASE, iterations=1000), made.cert_pem)
    (root / "trust" / f"{_code(k)}.pem").write_bytes(made.cert_pem)
    folder = root / "stick" / f"school{k:03d}"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp), install_builtins=False) as store:
        store.install_template(read_template(ROOT / "tests" / "data" / "mini.yaml"), "bench")
        store.set_school(f"县第{k + 1}学校", _code(k), "校长")
        for n, period in enumerate(PERIODS):
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
            pdf = signing.sign(layout.render(data), data.canonical_json(), fast, PASSPHRASE)
            (folder / f"{period}.pdf").write_bytes(pdf)


def corpus() -> tuple[Path, Path]:
    """(stick folder, trust folder), made once and reused."""
    stick, trust, done = CACHE / "stick", CACHE / "trust", CACHE / "complete"
    if done.exists() and len(list(stick.rglob("*.pdf"))) == SCHOOLS * len(PERIODS):
        return stick, trust
    import shutil

    shutil.rmtree(CACHE, ignore_errors=True)
    trust.mkdir(parents=True)
    stick.mkdir()
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(_make_school, range(SCHOOLS), [str(CACHE)] * SCHOOLS))
    done.write_text("ok\n")
    print(f"intake corpus: {SCHOOLS * len(PERIODS)} reports made in {time.perf_counter() - start:.0f} s under {CACHE}")
    return stick, trust


def _bare(files: list[Path]) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    for path in files:
        signature = PdfFileReader(io.BytesIO(path.read_bytes())).embedded_signatures[0]
        vc = ValidationContext(trust_roots=[signature.signer_cert], allow_fetching=False, revocation_mode="soft-fail")
        status = validate_pdf_signature(signature, signer_validation_context=vc)
        assert status.intact and status.valid


def bench_intake(results: dict[str, dict[str, Any]], work: Path) -> None:
    from selfcheck.exchange import summary_xlsx
    from selfcheck.exchange.collect import collect

    stick, trust = corpus()
    files = sorted(stick.rglob("*.pdf"))

    def ours(workers: int | None) -> float:
        start = time.perf_counter()
        intake = collect([stick], trust, workers=workers)
        (work / "summary.xlsx").write_bytes(summary_xlsx.build(intake))
        took = time.perf_counter() - start
        if len(intake.current) != len(files) or intake.rejected:
            raise SystemExit(f"intake corpus under {CACHE} no longer verifies: delete it and run again")
        return took

    _bare(files[:5])  # imports and caches warm for everyone
    ours(1)
    floor = min(_timed(lambda: _bare(files)) for _ in range(2))
    pooled = min(ours(None) for _ in range(2))
    serial = min(ours(1) for _ in range(2))
    results["intake_500"] = entry(pooled, "s", floor)
    results["intake_500_serial"] = entry(serial, "s", floor)


def entry(value: float, unit: str, floor: float) -> dict[str, Any]:
    """The shape bench/__main__.py writes (not imported from there: `python -m bench` runs it as __main__)."""
    return {"value": round(value, 6), "unit": unit, "floor": round(floor, 6), "ratio": round(value / floor, 3)}


def _timed(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start

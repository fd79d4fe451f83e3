"""对标四查 at scale: a school imports a reviewer's signed review of a 500-item report and its ledger is updated.

Figure (issue 16): import a 500-item review and update the ledger < 1 s. Measured from the file on the stick to
the committed ledger: read, verify (every check of reports/verify.py, with the reviewer's certificate trusted),
validate the data against the review schema, bind it to the school's own export, store the reviewer's 500 answers
and raise a problem for each worse item (a quarter of them). Its floor is bare pyHanko validation of the same
file plus the same rows (500 answers, 125 problems) inserted by bare sqlite3 in one fsync'd transaction.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from selfcheck.core.checklist_file import parse_checklist
from selfcheck.storage import Store
from selfcheck.storage.db import PRAGMAS

PASSPHRASE = "bench-passphrase-1"
ITEMS = 500


def _checklist_yaml(items: int) -> bytes:
    lines = [
        "format: selfcheck.checklist/1", "id: big", 'version: "1.0"', "title: 大型检查表", "issuer: 县教育局",
        "effective_date: 2026-09-01", "scales:", "  yesno:", '    - {key: "yes", label: 是, share: 1}',
        "    - {key: partial, label: 基本落实, share: 0.5, note_required: true, raises_problem: true}",
        '    - {key: "no", label: 否, share: 0, note_required: true, raises_problem: true}',
        "    - {key: na, label: 不适用, not_applicable: true}", "default_scale: yesno", "sections:",
    ]  # fmt: skip
    per = items // 10
    for s in range(10):
        lines += [f"  - id: s{s}", f"    title: 第{s + 1}部分", "    items:"]
        for i in range(per):
            lines += [
                f"      - id: s{s}.i{i}",
                f"        text: 第{s + 1}部分第{i + 1}项：制度是否健全、记录是否完整",
                "        points: 2",
            ]
    lines += ["grading:", "  bands:", "    - {name: 优秀, min: 90}", "    - {name: 良好, min: 80, max: 90}",
              "    - {name: 合格, min: 60, max: 80}", "    - {name: 不合格, min: 0, max: 60}"]  # fmt: skip
    return ("\n".join(lines) + "\n").encode()


def _unit(folder: Path, name: str, code: str, yaml: bytes) -> tuple[Store, bytes]:
    from selfcheck.reports import service

    store = Store.open(folder, install_builtins=False)
    store.install_checklist(parse_checklist(yaml, "big.yaml"), "bench")
    store.set_school(name, code, "负责人")
    service.init_keys(store, PASSPHRASE)
    return store, service.certificate(store)[0]


def bench_review(results: dict[str, dict[str, Any]], work: Path) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from bench.__main__ import entry
    from selfcheck.reports import review_service, service

    yaml = _checklist_yaml(ITEMS)
    school, school_cert = _unit(work / "review-school", "临海市城关第一小学", "3310820001", yaml)
    inspection = school.new_inspection("big", "2026年秋季学期", ["王芳"])
    items = [i.id for i in school.checklist("big").items()]
    school.save_answers(inspection.id, [{"item": i, "option": "yes"} for i in items])
    (work / "review-stick").mkdir()
    report = service.export(school, inspection.id, work / "review-stick", passphrase=PASSPHRASE).path
    school.close()

    unit, unit_cert = _unit(work / "review-unit", "临海市城关学区", "XQ-01", yaml)
    unit.set_unit_kind("学区")
    review = review_service.start_review(unit, report, level="学区", people=["李督学"], trusted=[school_cert])
    answers = [
        {"item": i, "option": "no", "note": "督查发现记录缺失"} if n % 4 == 0 else {"item": i, "option": "yes"}
        for n, i in enumerate(items)
    ]
    unit.save_review_answers(review.id, answers)
    file = review_service.export_review(unit, review.id, work / "review-stick", passphrase=PASSPHRASE).path
    unit.close()
    worse = len(items[::4])

    def ours(n: int) -> float:
        folder = work / f"review-import-{n}"
        shutil.copytree(work / "review-school", folder)
        with Store.open(folder, install_builtins=False) as store:
            start = time.perf_counter()
            done = review_service.import_review(store, file, [unit_cert])
            took = time.perf_counter() - start
        assert len(done.raised) == worse, len(done.raised)
        return took

    raw = file.read_bytes()

    def floor(n: int) -> float:
        db = work / f"review-floor-{n}.db"
        conn = sqlite3.connect(str(db), isolation_level=None)
        for pragma in PRAGMAS:
            conn.execute(pragma)
        conn.execute("CREATE TABLE a (r INTEGER, item TEXT, option TEXT, value, note TEXT, PRIMARY KEY (r, item))")
        conn.execute("CREATE TABLE p (id INTEGER PRIMARY KEY, item TEXT, description TEXT)")
        start = time.perf_counter()
        reader = PdfFileReader(io.BytesIO(raw))
        embedded = reader.embedded_signatures[0]
        vc = ValidationContext(trust_roots=[embedded.signer_cert], allow_fetching=False, revocation_mode="soft-fail")
        validate_pdf_signature(embedded, signer_validation_context=vc, skip_diff=True)
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO a VALUES (1, ?, ?, NULL, ?)", [(a["item"], a["option"], a.get("note")) for a in answers])
        conn.executemany("INSERT INTO p (item, description) VALUES (?, ?)", [(i, json.dumps(i)) for i in items[::4]])
        conn.execute("COMMIT")
        took = time.perf_counter() - start
        conn.close()
        return took

    ours(0)
    floor(0)
    value = min(ours(n) for n in range(1, 4))
    bare = min(floor(n) for n in range(1, 4))
    results["review_import_500"] = entry(value * 1e3, "ms", bare * 1e3)

"""Run the benchmarks and write bench/results.json as {name: {value, unit, floor, ratio}}.

python -m bench            # all
python -m bench save load  # only those whose name starts with one of the words
"""

from __future__ import annotations

import compileall
import contextlib
import gc
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from bench.cli import bench_cli
from bench.collect_reviews import bench_collect_reviews
from bench.desk import bench_desk
from bench.excel import bench_excel
from bench.gui import bench_gui
from bench.hostile import bench_hostile
from bench.intake import bench_intake, bench_intake_10000
from bench.review import bench_review
from bench.scale import bench_scale
from selfcheck.core.answers import normalise
from selfcheck.core.checklist import Checklist
from selfcheck.core.checklist_file import parse_checklist, read_checklist
from selfcheck.core.scoring import score
from selfcheck.errors import ChecklistError
from selfcheck.storage import Store
from selfcheck.storage.db import PRAGMAS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
Result = dict[str, dict[str, Any]]


def entry(value: float, unit: str, floor: float) -> dict[str, Any]:
    return {"value": round(value, 6), "unit": unit, "floor": round(floor, 6), "ratio": round(value / floor, 3)}


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def p99(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[98]


def big_checklist_yaml(items: int) -> bytes:
    """A realistic checklist of `items` items in 10 sections, as an author would write it."""
    lines = [
        "format: selfcheck.checklist/1",
        "id: big",
        'version: "1.0"',
        "title: 大型检查表",
        "issuer: 县教育局",
        "effective_date: 2026-09-01",
        "scales:",
        "  yesno:",
        '    - {key: "yes", label: 是, share: 1}',
        "    - {key: partial, label: 基本落实, share: 0.5, note_required: true, raises_problem: true}",
        '    - {key: "no", label: 否, share: 0, note_required: true, raises_problem: true}',
        "    - {key: na, label: 不适用, not_applicable: true}",
        "default_scale: yesno",
        "sections:",
    ]
    per = items // 10
    n = 0
    for s in range(10):
        lines += [
            f"  - id: s{s}",
            f"    title: 第{s + 1}部分",
            "    check: 查工作作风",
            "    look: 看是否存在办事拖拉、互相推诿等问题",
            "    items:",
        ]
        for _ in range(per):
            n += 1
            lines += [
                f"      - id: s{s}.item-{n:05d}",
                f"        text: 第{n}项：落实首问负责制，来访来电有登记、有答复、有回访，群众满意",
                "        method: 查看资料",
                "        evidence: 来访登记簿、答复记录、回访记录",
                "        points: 1",
                "        rule: 制度健全、记录齐全的得满分；记录不全的得一半分；未落实的不得分",
            ]
    lines += [
        "grading:",
        "  bands:",
        "    - {name: 优秀, min: 90}",
        "    - {name: 良好, min: 80, max: 90}",
        "    - {name: 合格, min: 60, max: 80}",
        "    - {name: 不合格, min: 0, max: 60}",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def bench_save(results: Result, work: Path) -> None:
    """One answer saved through the store as the app saves it (undo on: its log triggers fire; the audit row, the
    cached figures dropped) vs a bare sqlite3 upsert + commit under the same pragmas."""
    n = 3000
    with Store.open(work / "store", install_builtins=False) as store:
        template = read_checklist(ROOT / "tests" / "data" / "mini.yaml")
        store.install_checklist(template, "bench")
        inspection = store.new_inspection("mini", "2026年秋季学期")
        store.enable_undo()
        options = ["yes", "partial", "no", "na"]
        counter = iter(range(10**9))

        def save() -> None:
            k = next(counter)
            store.save_answer(inspection.id, "s1.study", options[k % 4], None, f"说明{k}")

        timed(save, 200)  # warm up
        gc.collect()
        store_times = timed(save, n)

    conn = sqlite3.connect(str(work / "floor.db"), isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    conn.execute(
        "CREATE TABLE answers (inspection_id INTEGER, item_id TEXT, option TEXT, value, note TEXT, "
        "updated_at TEXT, PRIMARY KEY (inspection_id, item_id)) WITHOUT ROWID"
    )
    counter2 = iter(range(10**9))

    def bare() -> None:
        k = next(counter2)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO answers VALUES (1, 's1.study', ?, NULL, ?, ?) ON CONFLICT (inspection_id, item_id) "
            "DO UPDATE SET option=excluded.option, note=excluded.note, updated_at=excluded.updated_at",
            [options[k % 4], f"说明{k}", "2026-11-21T00:00:00"],
        )
        conn.execute("COMMIT")

    timed(bare, 200)
    gc.collect()
    floor_times = timed(bare, n)
    conn.close()
    results["save_answer_mean"] = entry(statistics.mean(store_times) * 1e3, "ms", statistics.mean(floor_times) * 1e3)
    results["save_answer_p99"] = entry(p99(store_times) * 1e3, "ms", p99(floor_times) * 1e3)


def bench_load(results: Result, work: Path) -> None:
    """Validate and load a 2,000-item template vs bare libyaml parsing + pydantic validation."""
    raw = big_checklist_yaml(2000)
    path = work / "big.yaml"
    path.write_bytes(raw)
    t = read_checklist(path)
    assert len(t.items()) == 2000
    ours = min(timed(lambda: read_checklist(path), 15))

    def bare() -> None:
        Checklist.model_validate(yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader))

    floor = min(timed(bare, 15))
    results["template_load_2000"] = entry(ours * 1e3, "ms", floor * 1e3)


def bench_score(results: Result, work: Path) -> None:
    """Score a 2,000-item inspection vs a bare loop summing points × share over the same answers."""
    template = parse_checklist(big_checklist_yaml(2000), "big.yaml")
    keys = ["yes", "partial", "no", "na"]
    answers = {i.id: normalise(template, i.id, keys[n % 4], None, "x") for n, i in enumerate(template.items())}
    share = {"yes": 1.0, "partial": 0.5, "no": 0.0}
    rows = [(i.points, answers[i.id].option) for i in template.items()]

    def bare() -> float:
        earned = maximum = 0.0
        for points, option in rows:
            if option in share:
                earned += points * share[option]
                maximum += points
        return earned / maximum

    ours = min(timed(lambda: score(template, answers), 30))
    floor = min(timed(bare, 30))
    results["score_2000"] = entry(ours * 1e3, "ms", floor * 1e3)


def bench_malformed(results: Result, work: Path) -> None:
    """The slowest malformed file of the corpus to its located error, vs loading the valid test checklist."""
    corpus = sorted((ROOT / "tests" / "data" / "malformed").glob("*"))
    worst = 0.0
    for path in corpus:

        def attempt(p: Path = path) -> None:
            with contextlib.suppress(ChecklistError):
                read_checklist(p)

        worst = max(worst, min(timed(attempt, 3)))
    # huge and hostile inputs made on the fly, as the tests do
    bomb = b"a: &a [" + b"x," * 10 + b"]\n" + b"".join(b"b%d: &b%d [*a,*a,*a]\n" % (i, i) for i in range(9))
    deep = b"x: " + b"[" * 5000 + b"]" * 5000 + b"\n"
    for raw in (bomb, deep, b"a: b\n" * 2_000_000):

        def attempt_raw(r: bytes = raw) -> None:
            with contextlib.suppress(ChecklistError):
                parse_checklist(r, "hostile.yaml")

        worst = max(worst, min(timed(attempt_raw, 3)))
    valid = min(timed(lambda: read_checklist(ROOT / "tests" / "data" / "mini.yaml"), 10))
    results["malformed_worst"] = entry(worst * 1e3, "ms", valid * 1e3)


def _big_inspection(store: Store, items: int) -> int:
    template = parse_checklist(big_checklist_yaml(items), "big.yaml")
    store.install_checklist(template, "bench")
    store.set_school("临海市城关第一小学", "3310820001", "陈明")
    inspection = store.new_inspection("big", "2026年秋季学期", ["王芳", "李华"])
    keys = ["yes", "partial", "no", "na"]
    entries = [
        {"item": i.id, "option": keys[n % 4], "note": "抽查发现记录不全" if n % 4 in (1, 2) else None}
        for n, i in enumerate(template.items())
    ]
    store.save_answers(inspection.id, entries)
    store.raise_problems_from_answers(inspection.id)
    return inspection.id


def _bare_signer(work: Path, key_pem: bytes, cert_pem: bytes, passphrase: str) -> Any:
    """A pyHanko SimpleSigner with the key already unlocked: the floor signs with no key handling at all."""
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign import signers

    from selfcheck.reports import identity

    key = identity.unlock(identity.Identity(key_pem, cert_pem), passphrase)
    plain = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    (work / "floor-key.pem").write_bytes(plain)
    (work / "floor-cert.pem").write_bytes(cert_pem)
    return signers.SimpleSigner.load(str(work / "floor-key.pem"), str(work / "floor-cert.pem"))


def _bare_sign(pdf: bytes, signer: Any) -> bytes:
    import io

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    out = io.BytesIO()
    signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)),
        signers.PdfSignatureMetadata(field_name="Signature"),
        signer=signer,
        output=out,
    )
    return out.getvalue()


def bench_report(results: Result, work: Path) -> None:
    """Export and sign a 500-item inspection vs bare reportlab (a 500-row table, same font) + a bare pyHanko
    signature; verify one report vs bare pyHanko validation of the same file."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from selfcheck.reports import data as report_data
    from selfcheck.reports import layout, service, verify

    passphrase = "bench-passphrase-1"
    with Store.open(work / "report", install_builtins=False) as store:
        inspection_id = _big_inspection(store, 500)
        service.init_keys(store, passphrase)
        key_pem, cert_pem, _ = store.identity() or (b"", b"", "")
        out_dir = work / "stick"
        out_dir.mkdir()
        counter = iter(range(1000))

        def ours() -> None:
            service.export(store, inspection_id, out_dir / f"r{next(counter)}.pdf", passphrase=passphrase)

        ours()
        export_time = min(timed(ours, 3))
        font = layout.register_fonts()
        style = ParagraphStyle("cell", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
        store.checklist("big")
        signer = _bare_signer(work, key_pem, cert_pem, passphrase)

        rows_data = [item for section in report_data.build(store, inspection_id).sections for item in section.items]

        def floor() -> None:
            """The same 500 rows (the same six cells, the same texts) in one bare reportlab table, then signed."""
            buffer = io.BytesIO()
            rows = [[Paragraph(h, style) for h in ("序号", "检查内容", "自查情况", "分值", "得分", "存在问题 / 整改措施")]]
            for item in rows_data:
                rows.append(
                    [
                        Paragraph(item.number, style),
                        Paragraph(f"{item.text}<br/>检查方法：{item.method}；材料：{item.evidence}", style),
                        Paragraph(f"{item.result}<br/>{item.note or ''}", style),
                        Paragraph(f"{item.points:g}", style),
                        Paragraph(f"{item.earned:g}", style),
                        Paragraph("<br/>".join(item.problems + item.measures) or "—", style),
                    ]
                )
            widths = [9 * mm, 62 * mm, 28 * mm, 10 * mm, 10 * mm, 55 * mm]
            SimpleDocTemplate(buffer, pagesize=A4).build([Table(rows, colWidths=widths, repeatRows=1)])
            _bare_sign(buffer.getvalue(), signer)

        floor()
        floor_time = min(timed(floor, 3))
        results["report_export_500"] = entry(export_time * 1e3, "ms", floor_time * 1e3)

        signed = (out_dir / "r0.pdf").read_bytes()

        def ours_verify() -> None:
            assert verify.verify(signed, [cert_pem]).ok

        def bare_verify() -> None:
            # the same work as verify's pyHanko step: with a ValidationContext whose trust root is the signer's
            # certificate (without one pyHanko logs a traceback per self-signed file, which made the floor slow)
            from pyhanko_certvalidator import ValidationContext

            reader = PdfFileReader(io.BytesIO(signed))
            embedded = reader.embedded_signatures[0]
            vc = ValidationContext(trust_roots=[embedded.signer_cert], allow_fetching=False, revocation_mode="soft-fail")
            validate_pdf_signature(embedded, signer_validation_context=vc, skip_diff=True)

        ours_verify()
        bare_verify()
        results["report_verify"] = entry(min(timed(ours_verify, 5)) * 1e3, "ms", min(timed(bare_verify, 5)) * 1e3)


BENCHES = {
    "save": bench_save,
    "load": bench_load,
    "score": bench_score,
    "malformed": bench_malformed,
    "report": bench_report,
    "intake": bench_intake,
    "excel": bench_excel,
    "gui": bench_gui,
    "hostile": bench_hostile,
    "scale": bench_scale,
    "cli": bench_cli,
    "review": bench_review,
    "desk": bench_desk,
    "collect_reviews": bench_collect_reviews,  # 200 reports and 200 reviews of them on one stick
    "county10k": bench_intake_10000,  # its own name: `python -m bench intake` does not wait for 10,000 reports
}


def main(argv: list[str]) -> int:
    wanted = [name for name in BENCHES if not argv or any(name.startswith(a) for a in argv)]
    # Every process measured runs with the bytecode compiled, as an installed program does (pip compiles at install,
    # PyInstaller ships bytecode); a checkout under PYTHONDONTWRITEBYTECODE would compile each module at each start.
    compileall.compile_dir(ROOT / "selfcheck", quiet=1)
    out = HERE / "results.json"
    results: Result = json.loads(out.read_text()) if out.exists() else {}
    with tempfile.TemporaryDirectory(prefix="selfcheck-bench-") as tmp:
        for name in wanted:
            BENCHES[name](results, Path(tmp))
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    width = max(len(k) for k in results)
    for key, r in sorted(results.items()):
        print(f"{key:<{width}}  {r['value']:>10.4f} {r['unit']:<3} floor {r['floor']:>10.4f}  ratio {r['ratio']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""The README's report images: a sample 自查报告 exported and signed, its pages drawn with poppler's pdftoppm.

Run from the repository root: PYTHONPATH=$PWD .venv/bin/python scripts/report_pages.py [--out docs]
Writes report-page-1.png (the document's first page), report-page-seal.png (the page with the seal) and
report-page-annex.png (附件1's first page).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

PASSPHRASE = "临海城关一小-报告样张-2026"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="docs")
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="selfcheck-report-"))

    from selfcheck.core import clock
    from selfcheck.reports import service
    from selfcheck.storage import Store
    from tests.reports.images import seal, signature  # the test suite's drawn signature and seal

    with Store.open(work / "data") as store:
        store.set_school("临海市城关第一小学", "3310820001", "陈明", "临海市城关镇解放路 18 号")
        store.set_school_images(signature=signature(), seal=seal())
        service.init_keys(store, PASSPHRASE)
        template = store.checklist("wuchawukan")
        inspection = store.new_inspection("wuchawukan", "2026年秋季学期", ["陈明", "王芳", "李华"])
        notes = {3: "两名教师学习笔记不全，已要求补记。", 7: "家长座谈会记录缺少签到表。", 15: "考勤表10月缺页。"}
        answers = []
        for n, item in enumerate(template.items()):
            options = template.options_for(item)
            if item.type != "choice":
                answers.append({"item": item.id, "value": 4})
            elif n in notes:
                chosen = next((o for o in options if o.note_required and not o.not_applicable), options[-1])
                answers.append({"item": item.id, "option": chosen.key, "note": notes[n]})
            else:
                answers.append({"item": item.id, "option": options[0].key})
        store.save_answers(inspection.id, answers)
        owners = [("王芳", "教务处"), ("李华", "政教处"), ("赵强", "总务处")]
        for n, problem in enumerate(store.raise_problems_from_answers(inspection.id)):
            owner, department = owners[n % 3]
            store.update_problem(
                problem.id,
                measure="限期补齐记录，每周检查一次",
                owner=owner,
                department=department,
                deadline=clock.today() + dt.timedelta(days=30),
            )
        store.complete_inspection(inspection.id)
        store.set_report_text(inspection.id, document_number="城关一小〔2026〕12号")
        done = service.export(store, inspection.id, work / "报告.pdf", passphrase=PASSPHRASE)

    pdf = str(done.path)
    pages = int(
        next(
            line.split()[-1]
            for line in subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    texts = [
        subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), pdf, "-"], capture_output=True, text=True, check=True).stdout
        for n in range(1, pages + 1)
    ]
    seal = next(n for n, text in enumerate(texts, 1) if "校长（签字）" in text)
    annex = next(n for n, text in enumerate(texts, 1) if text.lstrip().startswith("附件1") or "\n附件1" in text)
    out = Path(args.out)
    for name, page in (("report-page-1", 1), ("report-page-seal", seal), ("report-page-annex", annex)):
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(args.dpi), "-f", str(page), "-l", str(page), "-singlefile", pdf, str(out / name)],
            check=True,
        )
        print(out / f"{name}.png")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

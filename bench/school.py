"""A school's data folder after ten years of use, built through the store's public API (no SQL of its own).

    python -m bench.fixtures school DIR [--years 10] [--per-year 30] [--seed 1]

Each year 30 inspections (monthly checks, quarterly summaries, the term and special reviews) on the shipped
checklists in turn, every item answered (mostly well, some deficient with a note), the problems the answers call
for raised, then worked through the ledger as a school would: owner, department, deadline and measure set, moved
to 整改中 and 已整改, and closed out (四不放过) within weeks, the last year's still open, some overdue. Past
inspections are completed and their signed export recorded (which locks them). The clock walks through the ten
years, so dates, deadlines and the audit log read as they would. Deterministic for a seed.

At the defaults: 300 inspections, about 20,000 answers, 5,000 problems and 60,000 audit rows (the issue's
"ten years of a school"); it takes a minute or two.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path
from typing import Any

from selfcheck.core import clock
from selfcheck.core.checklist import Checklist
from selfcheck.core.ledger import Status
from selfcheck.storage import Store

OWNERS = ["王老师", "李主任", "张校长", "赵会计", "陈老师", "刘主任", "周老师", "吴老师"]
DEPARTMENTS = ["教务处", "政教处", "总务处", "财务室", "办公室", "团委", "安保办"]
KINDS = ["月度自查", "月度自查", "季度小结", "学期自查", "专项检查"]
DEFICIENT = 0.55  # share of items answered short of the standard: about 17 problems an inspection


def _answer(rng: random.Random, template: Checklist, item_id: str) -> dict[str, Any]:
    _, item = template.item_index[item_id]
    entry: dict[str, Any] = {"item": item_id}
    short = rng.random() < DEFICIENT
    if item.type == "choice":
        options = list(template.option_map[item_id].values())
        raising = [o for o in options if o.raises_problem]
        fine = [o for o in options if not o.raises_problem and not o.not_applicable]
        chosen = rng.choice(raising) if short and raising else rng.choice(fine or options)
        entry["option"] = chosen.key
        if chosen.note_required or chosen.raises_problem:
            entry["note"] = rng.choice(["记录不全，缺少两次签到", "公示未按时更新", "台账未按月整理", "制度未上墙"])
    elif item.type == "score":
        entry["value"] = round(item.points * (rng.uniform(0.5, 0.8) if short else rng.uniform(0.85, 1.0)), 1)
    elif item.type == "deduction":
        entry["value"] = rng.randint(1, 2) if short else 0
        if entry["value"]:
            entry["note"] = "发现未公示的收费项目"
    else:  # number
        entry["value"] = rng.randint(0, 12)
    return entry


def _work_through(store: Store, rng: random.Random, problem_id: int, raised: dt.date, final_year: bool) -> None:
    """The ledger's life of one problem, each step on its own day."""
    deadline = raised + dt.timedelta(days=rng.choice([14, 30, 30, 60]))
    clock.use(clock.FixedClock(dt.datetime.combine(raised + dt.timedelta(days=1), dt.time(9))))
    store.update_problem(
        problem_id,
        owner=rng.choice(OWNERS),
        department=rng.choice(DEPARTMENTS),
        deadline=deadline,
        measure=rng.choice(["补齐台账并每月检查", "重新公示并留存照片", "组织专题学习并签到", "修订制度并上墙"]),
    )
    if final_year and rng.random() < 0.6:
        return  # still 待整改: the last year's problems are partly open, some past their deadline
    store.update_problem(problem_id, status=Status.IN_PROGRESS)
    if final_year and rng.random() < 0.5:
        return
    done = raised + dt.timedelta(days=rng.randint(5, 40))
    clock.use(clock.FixedClock(dt.datetime.combine(done, dt.time(15))))
    store.update_problem(problem_id, status=Status.FIXED)
    if final_year and rng.random() < 0.5:
        return
    store.close_problem(
        problem_id, handling="已处理", verified_by=rng.choice(OWNERS[2:4]), evidence="整改照片、签到表", verified_on=done
    )


def build(folder: Path, *, years: int = 10, per_year: int = 30, seed: int = 1, last_year: int | None = None) -> dict[str, int]:
    """Fill `folder` (a new data folder) and return the counts."""
    rng = random.Random(seed)
    last = last_year or clock.today().year - 1
    first = last - years + 1
    saved = clock.current()
    try:
        clock.use(clock.FixedClock(dt.datetime(first, 1, 5, 8)))
        with Store.open(folder) as store:
            store.set_school("城关镇第一小学", "4331010001", "张明", "城关镇学府路 1 号")
            checklists = [t.template_id for t in store.checklists()]
            for year in range(first, last + 1):
                for n in range(per_year):
                    day = dt.date(year, 1, 10) + dt.timedelta(days=n * 355 // per_year)
                    clock.use(clock.FixedClock(dt.datetime.combine(day, dt.time(8, 30))))
                    checklist = checklists[(year * per_year + n) % len(checklists)]
                    period = f"{year}年{day.month}月{KINDS[n % len(KINDS)]}（第{n + 1}次）"
                    inspection = store.new_inspection(checklist, period, ["张明", rng.choice(OWNERS)])
                    template = store.checklist(inspection.template_id, inspection.template_version)
                    store.save_answers(inspection.id, [_answer(rng, template, i.id) for i in template.items()])
                    raised = store.raise_problems_from_answers(inspection.id)
                    for problem in raised:
                        _work_through(store, rng, problem.id, day, final_year=year == last)
                    clock.use(clock.FixedClock(dt.datetime.combine(day + dt.timedelta(days=3), dt.time(17))))
                    if year < last or n < per_year - 3:  # the newest few are still being filled in
                        store.complete_inspection(inspection.id)
                        store.record_export(
                            inspection.id,
                            f"E:/自查报告/{period}.pdf",
                            f"{rng.getrandbits(256):064x}",
                            signed=True,
                            fingerprint="bench",
                            document_id=f"bench-{inspection.id}",
                        )
            inspections = store.inspections()
            counts = {
                "inspections": len(inspections),
                "answers": sum(len(store.answers(i.id)) for i in inspections),
                "problems": len(store.problems()),
                "audit": len(store.audit()),
            }
    finally:
        clock.use(saved)
    counts["bytes"] = (folder / "selfcheck.db").stat().st_size
    return counts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fixtures school", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-year", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.folder.exists() and any(args.folder.iterdir()):
        print(f"{args.folder} is not empty: give a new folder", file=sys.stderr)
        return 2
    start = time.monotonic()
    counts = build(args.folder, years=args.years, per_year=args.per_year, seed=args.seed)
    print(", ".join(f"{k} {v:,}" for k, v in counts.items()), f"({time.monotonic() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

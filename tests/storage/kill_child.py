"""The writer that test_kill.py SIGKILLs: saves answers in a tight loop, one stdout line per save that returned.

    python kill_child.py saves DATA_DIR INSPECTION_ID RUN
    python kill_child.py fresh DATA_DIR
    python kill_child.py            (the same arguments come later, as one JSON list on stdin)

Prints `imported` once the store module is imported, `open` once `Store.open` returned, then after
each `save_answer` that returned: `SEQ ITEM OPTION VALUE`. What save SEQ sends is `plan(RUN, SEQ)`,
a pure function the parent calls too, so it knows what was sent without having to be told. Every
save carries a note unique to (RUN, SEQ): the stored answer says exactly which save it came from.

`fresh` only opens (creating the database, installing the built-in checklists) and prints `open`.

Without arguments the child imports, says `imported` and waits for its arguments: the parent starts
the next writers while the current one runs, so the import time (most of a writer's start) overlaps
the work instead of adding to it. End of input before any arguments: it exits quietly.
"""

from __future__ import annotations

import json
import os
import random
import sys

# The items of tests/data/mini.yaml (and its two adjustments) with what each takes.
CHOICES = {
    "s1.study": ["yes", "partial", "no", "na"],
    "s2.firstask": ["good", "ok", "bad"],
    "s2.tutoring": ["none", "found"],
}
VALUES = ["s1.count", "s2.fees", "s2.score", "s2.date", "b.award", "d.complaint"]
ITEMS = sorted([*CHOICES, *VALUES])


def plan(run: int, seq: int) -> tuple[str, str | None, float | str | None, str]:
    """The save number `seq` of run `run`: (item, option, value, note), always a valid answer."""
    rng = random.Random(run * 1_000_003 + seq)
    item = ITEMS[(seq + rng.randrange(3)) % len(ITEMS)]  # cycles the items, with repeats now and then
    note = f"r{run}s{seq}"
    if item in CHOICES:
        return item, rng.choice(CHOICES[item]), None, note
    if item == "s1.count":
        return item, None, float(rng.randrange(0, 10_000)) / 4, note
    if item == "s2.score":
        return item, None, rng.randrange(0, 11) / 2, note
    if item == "s2.date":
        return item, None, f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}", note
    return item, None, float(rng.randrange(0, 6)), note  # s2.fees and the adjustments: counts


def say(text: str) -> None:
    os.write(1, (text + "\n").encode())  # unbuffered: once written, the parent can read it even after a kill


def main(argv: list[str]) -> None:
    from selfcheck.storage.store import Store

    say("imported")
    if not argv:
        line = sys.stdin.readline()
        if not line:
            return
        argv = [str(a) for a in json.loads(line)]
    if argv[0] == "fresh":
        Store.open(argv[1]).close()
        say("open")
        return
    assert argv[0] == "saves", argv
    folder, inspection_id, run = argv[1], int(argv[2]), int(argv[3])
    store = Store.open(folder)
    say("open")
    for seq in range(100_000):
        item, option, value, note = plan(run, seq)
        store.save_answer(inspection_id, item, option, value, note)
        say(f"{seq} {item} {option} {value}")
    store.close()


if __name__ == "__main__":
    main(sys.argv[1:])

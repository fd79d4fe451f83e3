"""Reliability: SIGKILL a writer hundreds of times; every save that returned must still be there.

A child process (kill_child.py) opens the store and saves answers in a tight loop, printing one line
after each `save_answer` returns. The parent kills it at a random moment — during interpreter start,
during `Store.open`, after a random number of saves, right away or a few milliseconds later (mostly
inside a transaction or its fsync) — then opens the database through `Store.open` and checks:

* `PRAGMA integrity_check` is ok (and no foreign key is broken);
* each item's stored answer is the last reported save of that item, or the one save that was sent
  but not reported (it may have committed just before the kill), and nothing else;
* the audit log has exactly one answer row per committed save: the answer and its audit row went in
  together or not at all.

All iterations share one database, so the kills pile up on the same file. For stretches of the run
an idle reader keeps a connection open, so the WAL is not checkpointed on close and grows until the
writer checkpoints it itself (every 1000 pages), so kills can also land in the middle of a checkpoint.

Set SELFCHECK_KILL_SEED to replay a run's choices (the kill timing itself cannot be replayed).
"""

from __future__ import annotations

import collections
import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from selfcheck.core.answers import Answer, normalise
from selfcheck.core.checklist import Checklist
from selfcheck.storage import Store
from selfcheck.storage.db import UPGRADES
from selfcheck.storage.paths import DB_NAME
from tests.storage import kill_child

CHILD = Path(kill_child.__file__).resolve()
ITERATIONS = 200
MAX_SAVES = 30  # the parent kills after 0..MAX_SAVES reported saves
HOLDER_BLOCK = 25  # iterations with and without an idle reader holding the WAL open, in turn
FRESH_ITERATIONS = 16
PREFETCH = 2  # writers importing ahead: with 2 cores the import time mostly overlaps the writing
BUILTINS = {"wuchawukan", "work-style-campaign", "conduct-review", "star-rating", "campus-safety"}

pytestmark = pytest.mark.slow


def seed() -> int:
    return int(os.environ.get("SELFCHECK_KILL_SEED") or random.randrange(2**32))


@dataclass
class Run:
    lines: list[str]
    returncode: int
    stderr: str

    @property
    def opened(self) -> bool:
        return "open" in self.lines

    def saves(self) -> list[list[str]]:
        return [line.split(" ") for line in self.lines if line[:1].isdigit()]


class Child:
    """One writer process, read line by line; only whole lines count as reported."""

    def __init__(self, env: dict[str, str], args: list[str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), *(args or [])],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.out = self.proc.stdout
        self.lines: list[str] = []
        self.eof = False

    def start(self, args: list[str]) -> None:
        """Give a waiting child its arguments: from here on it opens the store and writes."""
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(args) + "\n").encode())
        self.proc.stdin.flush()

    def wait_for(self, predicate: Callable[[list[str]], bool]) -> None:
        """Read until predicate(lines) holds or the output ends (no time limit: the child either writes or ends)."""
        while not self.eof and not predicate(self.lines):
            line = self.out.readline()
            if line.endswith(b"\n"):
                self.lines.append(line[:-1].decode())
            else:
                self.eof = True  # a last piece without its newline was not reported

    def kill(self) -> Run:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        rest = self.out.read()  # what it printed before it died was reported too
        self.lines.extend(piece.decode() for piece in rest.split(b"\n")[:-1])
        return self._end()

    def dismiss(self) -> Run:
        """A waiting child that is not needed: end of input makes it exit by itself."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.out.read()
        return self._end()

    def _end(self) -> Run:
        assert self.proc.stderr is not None
        err = self.proc.stderr.read().decode(errors="replace")
        code = self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None and not stream.closed:
                with contextlib.suppress(BrokenPipeError):
                    stream.close()
        return Run(self.lines, code, err)


class Pool:
    """Writers started ahead, importing while the current one runs; `take()` gives one that has imported."""

    def __init__(self, env: dict[str, str], depth: int = PREFETCH) -> None:
        self.env = env
        self.waiting: collections.deque[Child] = collections.deque(Child(env) for _ in range(depth))

    def take(self) -> Child:
        child = self.waiting.popleft()
        self.waiting.append(Child(self.env))
        child.wait_for(lambda lines: "imported" in lines)
        if "imported" not in child.lines:
            run = child.kill()
            pytest.fail(f"a writer ended before it could start ({run.returncode}):\n{run.stderr}")
        return child

    def close(self) -> None:
        while self.waiting:
            self.waiting.popleft().dismiss()


@contextlib.contextmanager
def pool(env: dict[str, str]) -> Iterator[Pool]:
    p = Pool(env)
    try:
        yield p
    finally:
        p.close()


@pytest.fixture(scope="module")
def child_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The writers' environment: byte code cached (outside the checkout) so each start only imports."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path_factory.mktemp("writer-pycache"))
    return env


def check_child_ended(run: Run, context: str) -> None:
    assert run.returncode in (-signal.SIGKILL, 0), f"{context}: child failed ({run.returncode}):\n{run.stderr}"


def integrity(store: Store) -> None:
    assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []


def audited(new_json: str) -> tuple[object, object, object]:
    new = json.loads(new_json)
    return new["option"], new["value"], new["note"]


class Ledger:
    """What the database must hold after each kill, learnt from what the writers reported."""

    def __init__(self, data: Path, inspection_id: int, mini: Checklist, seed: int) -> None:
        self.data = data
        self.inspection_id = inspection_id
        self.mini = mini
        self.seed = seed
        self.expected: dict[str, Answer] = {}  # item -> the answer it must hold
        self.audit_rows = 0  # answer rows in the audit log so far
        self.stats: Counter[str] = Counter()

    def canonical(self, run: int, seq: int) -> Answer:
        return normalise(self.mini, *kill_child.plan(run, seq))

    def check(self, run: int, result: Run) -> None:
        context = f"iteration {run} (SELFCHECK_KILL_SEED={self.seed})"
        check_child_ended(result, context)
        saves = result.saves()
        reported = len(saves)
        assert [int(s[0]) for s in saves] == list(range(reported)), context
        for printed in saves:  # the child did what the plan says
            planned = kill_child.plan(run, int(printed[0]))
            assert printed[1:] == [planned[0], str(planned[1]), str(planned[2])], context
        for n in range(reported):
            answer = self.canonical(run, n)
            self.expected[answer.item_id] = answer
        # The one save that may have committed without being reported: the next one, if the loop had begun.
        in_flight = self.canonical(run, reported) if result.opened else None

        with Store.open(self.data) as s:
            integrity(s)
            stored = s.answers(self.inspection_id)
            extra = in_flight is not None and stored.get(in_flight.item_id) == in_flight
            if in_flight is not None and extra:
                self.expected[in_flight.item_id] = in_flight
                self.stats["committed but not reported"] += 1
            assert stored == self.expected, f"{context}: {reported} saves reported; in flight: {in_flight}"

            rows = s.db.execute("SELECT field, new FROM audit WHERE action = 'answer' ORDER BY id").fetchall()
            assert len(rows) == self.audit_rows + reported + extra, f"{context}: answers and audit rows disagree"
            self.audit_rows = len(rows)
            if reported + extra:
                last = in_flight if in_flight is not None and extra else self.canonical(run, reported - 1)
                field, new = rows[-1]
                assert (field, audited(new)) == (last.item_id, (last.option, last.value, last.note)), context
            assert s.inspection(self.inspection_id).template_version == "1.0"
        self.stats["saves reported"] += reported
        self.stats["WAL file left after check"] += (self.data / f"{DB_NAME}-wal").exists()


def test_child_plan_matches_the_mini_checklist(mini: Checklist) -> None:
    index = mini.item_index
    adjustments = {a.id for a in mini.adjustments}
    assert set(kill_child.ITEMS) == set(index) | adjustments
    for item, keys in kill_child.CHOICES.items():
        assert keys == [o.key for o in mini.options_for(index[item][1])]
    for seq in range(500):  # every planned save is a valid answer
        item, option, value, note = kill_child.plan(7, seq)
        normalise(mini, item, option, value, note)


def test_sigkill_never_loses_a_returned_save(tmp_path: Path, mini: Checklist, child_env: dict[str, str]) -> None:
    rng_seed = seed()
    rng = random.Random(rng_seed)
    data = tmp_path / "data"
    with Store.open(data) as s:
        s.install_checklist(mini, "test")
        s.set_school("城关第一小学", "3412345678", "张明")
        inspection_id = s.new_inspection("mini", "2026年秋季学期").id
    ledger = Ledger(data, inspection_id, mini, rng_seed)

    holder: sqlite3.Connection | None = None  # an idle reader: while it is open the WAL is never checkpointed on close

    def close_holder() -> None:
        if holder is not None:
            holder.close()

    with pool(child_env) as writers, contextlib.ExitStack() as cleanup:
        cleanup.callback(close_holder)
        for run in range(ITERATIONS):
            if run % HOLDER_BLOCK == 0:
                if holder is not None:
                    holder.close()
                    holder = None
                elif (run // HOLDER_BLOCK) % 2 == 1:
                    holder = sqlite3.connect(str(data / DB_NAME), isolation_level=None)
                    holder.execute("SELECT COUNT(*) FROM answers").fetchall()  # read to the end: holds no snapshot

            mode = rng.choices(["spawn", "open", "saves"], weights=[1, 2, 12])[0]
            args = ["saves", str(data), str(inspection_id), str(run)]
            if mode == "spawn":  # a writer started now, killed anywhere in its start: interpreter, imports, open
                child = Child(child_env, args)
                time.sleep(rng.uniform(0, 0.45))
            else:
                child = writers.take()
                child.start(args)
                if mode == "open":  # inside Store.open or the first saves
                    time.sleep(rng.uniform(0, 0.03))
                else:  # after 0..MAX_SAVES saves returned: at once, or a little later (inside the next one)
                    wanted = rng.randint(0, MAX_SAVES)
                    child.wait_for(lambda lines: sum(line[:1].isdigit() for line in lines) >= wanted)  # noqa: B023
                    pause = rng.choice([0.0, rng.uniform(0, 0.002), rng.uniform(0, 0.008)])
                    if pause:
                        time.sleep(pause)
            result = child.kill()
            ledger.stats[f"mode {mode}"] += 1
            ledger.check(run, result)

    with Store.open(data) as s:
        integrity(s)
        assert s.answers(inspection_id) == ledger.expected
        assert {t.template_id for t in s.checklists()} == BUILTINS | {"mini"}
    print(f"\nkill loop: seed {rng_seed}, {ITERATIONS} kills, {dict(ledger.stats)}")


def phase_reached(folder: Path, probe: Path) -> str:
    """How far the killed first open got, read from a copy (so the real file meets Store.open first)."""
    if not (folder / DB_NAME).exists():
        return "no file"
    shutil.copytree(folder, probe)
    conn = sqlite3.connect(str(probe / DB_NAME))
    try:
        counts = []
        for table in ("migrations", "templates", "builtin_files"):
            try:
                counts.append(f"{table} {conn.execute(f'SELECT COUNT(*) FROM {table}').fetchone()[0]}")
            except sqlite3.OperationalError:
                counts.append(f"no {table}")
        return ", ".join(counts)
    finally:
        conn.close()


def test_sigkill_during_first_open_leaves_a_database_that_opens(tmp_path: Path, child_env: dict[str, str]) -> None:
    """Killed while creating the database (migrations, built-in checklists): the next open finishes the job."""
    rng_seed = seed()
    rng = random.Random(rng_seed)
    phases: Counter[str] = Counter()
    with pool(child_env) as writers:
        # How long a first open takes here, so that the kills spread over it (a measure, never an assertion).
        child = writers.take()
        started = time.monotonic()
        child.start(["fresh", str(tmp_path / "calibration")])
        child.wait_for(lambda lines: "open" in lines)
        window = (time.monotonic() - started) * 1.5
        check_child_ended(child.kill(), "calibration")
        for run in range(FRESH_ITERATIONS):
            context = f"fresh iteration {run} (SELFCHECK_KILL_SEED={rng_seed})"
            folder = tmp_path / f"fresh-{run}"
            child = writers.take()
            child.start(["fresh", str(folder)])
            time.sleep(rng.uniform(0, window))
            result = child.kill()
            check_child_ended(result, context)
            phases[phase_reached(folder, tmp_path / f"probe-{run}")] += 1
            with Store.open(folder) as s:
                integrity(s)
                names = [r[0] for r in s.db.execute("SELECT name FROM migrations").fetchall()]
                assert sorted(names) == sorted(name for name, _ in UPGRADES), context
                infos = s.checklists()
                assert {t.template_id for t in infos} == BUILTINS, context
                assert len(infos) == len(BUILTINS), context
                assert s.db.execute("SELECT COUNT(*) FROM builtin_files").fetchone()[0] == len(BUILTINS), context
                for info in infos:
                    assert s.checklist(info.template_id).content_hash() == info.content_hash, context
    print(f"\nfirst-open kills: seed {rng_seed}, {FRESH_ITERATIONS} kills over {window:.3f} s, reached: {dict(phases)}")

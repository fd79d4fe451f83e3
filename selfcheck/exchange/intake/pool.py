"""Verifying in worker processes: a bounded queue of files in flight while the caller reads and hashes the next
ones, forked workers where that is safe and spawned ones elsewhere, and a worker that dies taking no file with it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from selfcheck.exchange.intake.examine import Outcome, check_in_worker, examine, init_worker
from selfcheck.exchange.intake.model import Cancelled, Rejected
from selfcheck.exchange.intake.trust import Trusts


def _spawn_pool(n_workers: int, trusts: Trusts) -> ProcessPoolExecutor:
    import multiprocessing
    import threading

    # fork starts a worker at once with pyHanko already imported, but is only safe in a process with one thread
    # (the CLI) and on Linux; elsewhere (the GUI's worker thread, Windows, macOS) spawn, which imports afresh
    single = threading.active_count() == 1 and sys.platform.startswith("linux")
    method = "fork" if single and "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(
        max_workers=n_workers,
        mp_context=multiprocessing.get_context(method),
        initializer=init_worker,
        initargs=trusts,
    )


def run_pool(
    indexes: list[int],
    prepare: Callable[[int], bytes | None],
    finished: Callable[[int, Outcome | Rejected], None],
    trusts: Trusts,
    n_workers: int,
    stop: Callable[[], bool],
) -> list[int]:
    """Verify in worker processes; return the indexes left to verify in-process: all of them when no worker could
    start, none otherwise.

    When a worker dies (killed, out of memory: perhaps a file crafted for it), each file then in flight is checked
    again alone in a fresh worker, so one such file is rejected without taking the others, or the caller, with it;
    the rest go on in a new pool. A pool that breaks before any file came back could not start at all: everything
    left is verified in-process."""
    from concurrent.futures.process import BrokenProcessPool

    position = 0
    worked = False
    while position < len(indexes):
        in_flight: dict[Future[Outcome], tuple[int, bytes]] = {}
        limit = n_workers * 4  # bounded: a stick of big files is never all in memory at once
        try:
            pool = _spawn_pool(n_workers, trusts)
        except (OSError, ValueError, NotImplementedError):
            return indexes[position:]
        try:
            while position < len(indexes):
                index = indexes[position]
                raw = prepare(index)
                position += 1
                if raw is not None:
                    in_flight[pool.submit(check_in_worker, raw)] = (index, raw)
                worked |= _drain(in_flight, finished, block=False)
                while len(in_flight) >= limit:
                    if stop():
                        raise Cancelled
                    worked |= _drain(in_flight, finished, block=True)
            while in_flight:
                if stop():
                    raise Cancelled
                worked |= _drain(in_flight, finished, block=True)
        except (BrokenProcessPool, OSError):
            if not worked:
                for index, raw in in_flight.values():
                    finished(index, examine(raw, *trusts))
                return indexes[position:]
            _one_by_one(list(in_flight.values()), trusts, finished)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return []


def _drain(
    in_flight: dict[Future[Outcome], tuple[int, bytes]],
    finished: Callable[[int, Outcome | Rejected], None],
    *,
    block: bool,
) -> bool:
    """Hand on the results that are ready (waiting a moment for one if `block`); True if any came back."""
    if not in_flight:
        return False
    ready, _ = wait(list(in_flight), timeout=0.2 if block else 0, return_when=FIRST_COMPLETED)
    for future in ready:
        outcome = future.result()  # raises BrokenProcessPool when a worker died
        index, _raw = in_flight.pop(future)
        finished(index, outcome)
    return bool(ready)


def _one_by_one(suspects: list[tuple[int, bytes]], trusts: Trusts, finished: Callable[[int, Outcome | Rejected], None]) -> None:
    """Verify files one at a time in a worker of their own: a file that kills it is rejected, and only that file."""
    from concurrent.futures.process import BrokenProcessPool

    one: ProcessPoolExecutor | None = None
    try:
        for index, raw in suspects:
            one = one or _spawn_pool(1, trusts)
            try:
                outcome = one.submit(check_in_worker, raw).result()
            except (BrokenProcessPool, OSError):
                one.shutdown(wait=True)
                one = None
                outcome = Outcome(
                    None,
                    "checker_died",
                    "检查该文件时检查进程异常退出（文件可能是恶意构造的）；不要采用",
                    "the checking process died on this file (it may be crafted to do so); do not accept it",
                )
            finished(index, outcome)
    finally:
        if one is not None:
            one.shutdown(wait=True)

"""Safety: an answer typed survives SIGKILL; one instance at a time (a stale lock is cleared); a corrupt
database on start leads to the restore offer and a working app; backups are made and pruned."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import selfcheck.gui.app as app_module
from selfcheck.storage import Store, backup
from selfcheck.storage.paths import DB_NAME

HERE = Path(__file__).resolve().parent
KILLS = 50


def _child(folder: Path, inspection_id: int, seed: int) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SELFCHECK_DATA_DIR": str(folder)}
    return subprocess.Popen(
        [sys.executable, str(HERE / "kill_child.py"), str(folder), str(inspection_id), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_sigkill_right_after_typing_never_loses_the_answer(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.set_school("城关第一小学", "3412345678", "张明")
        inspection_id = store.new_inspection("wuchawukan", "2026年秋季学期").id
    seed = int(os.environ.get("SELFCHECK_KILL_SEED", random.randrange(2**32)))
    rng = random.Random(seed)
    expected: dict[str, str] = {}
    for run in range(KILLS):
        child = _child(folder, inspection_id, rng.randrange(2**32))
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", child.stderr.read() if child.stderr else ""
        stop_after = rng.randint(1, 6)
        typed = 0
        for line in child.stdout:
            said, item, option = line.split()
            if said == "typed":
                expected[item] = option
                typed += 1
                if typed >= stop_after:
                    break
        child.send_signal(signal.SIGKILL)  # right after the last key press was reported handled
        child.wait(timeout=10)
        assert child.returncode == -signal.SIGKILL
        # The child typed on while the kill was on its way: each press it reported handled must be saved too; the
        # one in flight ("typing" with no "typed") may or may not be.
        in_flight: tuple[str, str] | None = None
        for line in child.stdout:
            if not line.endswith("\n"):  # cut by the kill
                break
            said, later_item, later_option = line.split()
            if said == "typed":
                expected[later_item] = later_option
                in_flight = None
            else:
                in_flight = (later_item, later_option)
        with Store.open(folder, install_builtins=False) as store:
            assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            saved = {k: a.option for k, a in store.answers(inspection_id).items()}
        context = f"run {run} (SELFCHECK_KILL_SEED={seed})"
        if in_flight is not None and saved.get(in_flight[0]) == in_flight[1]:
            expected[in_flight[0]] = in_flight[1]  # the press in flight was saved before the kill landed
        # The last answer reported typed is there, and so is every earlier one (later ones may overwrite earlier).
        assert saved[item] == expected[item], context
        assert {k: saved.get(k) for k in expected} == expected, context


def _holder(folder: Path) -> subprocess.Popen[str]:
    code = (
        "import os, sys, time\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from selfcheck.gui.app import InstanceLock\n"
        "app = QCoreApplication([])\n"
        "lock = InstanceLock(Path(sys.argv[1]))\n"
        "print('locked' if lock.acquire() else 'refused', flush=True)\n"
        "time.sleep(60)\n"
    )
    return subprocess.Popen([sys.executable, "-c", code, str(folder)], stdout=subprocess.PIPE, text=True)


def test_a_second_instance_is_refused_and_a_stale_lock_is_cleared(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    told: list[str] = []
    monkeypatch.setattr(app_module, "tell", lambda _p, title, text: told.append(f"{title}\n{text}"))
    first = _holder(folder)
    try:
        assert first.stdout is not None and first.stdout.readline().strip() == "locked"
        assert app_module.main(["--data-dir", str(folder), "--smoke-test"]) == 1
        assert told and "已经打开" in told[0] and str(first.pid) in told[0]
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    assert (folder / app_module.LOCK_NAME).exists()  # the killed app left its lock behind
    told.clear()
    assert app_module.main(["--data-dir", str(folder), "--smoke-test"]) == 0
    assert told == []
    assert not (folder / app_module.LOCK_NAME).exists()  # released on exit


def _corrupt(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    raw[0:100] = b"\x00" * 100  # the header: SQLite no longer knows the file
    raw[4096:8192] = os.urandom(4096)
    path.write_bytes(bytes(raw))


def test_a_corrupt_database_leads_to_the_restore_offer_and_a_working_app(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.set_school("城关第一小学", "3412345678", "张明")
        inspection = store.new_inspection("wuchawukan", "2026年秋季学期")
        store.save_answer(inspection.id, "s1.study-weekly", "yes")
    # A start makes the backup the restore will use.
    monkeypatch.setattr(app_module, "tell", lambda *_a: None)
    assert app_module.main(["--data-dir", str(folder), "--smoke-test"]) == 0
    assert len(backup.backups(folder)) == 1
    for side in ("-wal", "-shm"):
        (folder / (DB_NAME + side)).unlink(missing_ok=True)
    _corrupt(folder / DB_NAME)

    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(app_module, "ask", lambda _p, _t, text: asked.append(text) or True)
    monkeypatch.setattr(app_module, "tell", lambda _p, _t, text: told.append(text))
    assert app_module.main(["--data-dir", str(folder), "--smoke-test"]) == 0
    assert asked and "恢复" in asked[0]
    assert told and "已恢复" in told[0]
    with Store.open(folder) as store:
        assert store.answers(inspection.id)["s1.study-weekly"].option == "yes"
        assert any(e.action == "restore" for e in store.audit("database", 1))
    damaged = list(folder.glob("selfcheck-damaged-*.db"))
    assert len(damaged) == 1  # kept, never deleted


def test_declining_the_restore_leaves_everything_as_it_was(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.set_school("城关第一小学", "3412345678", "张明")
    backup.make_backup(folder, "start")
    _corrupt(folder / DB_NAME)
    before = (folder / DB_NAME).read_bytes()
    monkeypatch.setattr(app_module, "ask", lambda *_a: False)
    monkeypatch.setattr(app_module, "tell", lambda *_a: None)
    assert app_module.main(["--data-dir", str(folder), "--smoke-test"]) == 1
    assert (folder / DB_NAME).read_bytes() == before
    assert not list(folder.glob("selfcheck-damaged-*"))


def test_backups_are_kept_to_a_few_and_each_one_opens(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.set_school("城关第一小学", "3412345678", "张明")
        for n in range(backup.KEEP + 3):
            store.new_inspection("wuchawukan", f"第 {n} 期")
            backup.make_backup(folder, "test")
            time.sleep(0.002)
    kept = backup.backups(folder)
    assert len(kept) == backup.KEEP
    assert all(backup.is_good(b) for b in kept)
    with Store.open(kept[0].parent.parent / "restored-check", install_builtins=False) as _:
        pass
    newest = backup.newest_good(folder)
    assert newest == kept[0]
    import sqlite3

    conn = sqlite3.connect(newest)
    assert conn.execute("SELECT count(*) FROM inspections").fetchone()[0] == backup.KEEP + 3
    conn.close()

"""The store is the only writer: no code outside selfcheck/storage writes SQL or reaches into the store; every
public write runs in one atomic unit, nests, is audited as one unit and hands back what it changed; undo puts
back answers and ledger edits."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from selfcheck.core.changes import Changed, ChangedList, Changes
from selfcheck.core.checklist import Checklist
from selfcheck.core.clues import Stage as ClueStage
from selfcheck.core.ledger import Status
from selfcheck.errors import RuleError
from selfcheck.storage import Store
from selfcheck.storage.base import WRITE_MARK

ROOT = Path(__file__).resolve().parents[2]
SQL_WRITE = re.compile(r"\b(INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|REPLACE\s+INTO|DROP\s+TABLE|ALTER\s+TABLE)\b", re.I)
STORE_INSIDES = {"db", "conn", "atomic"}  # what only storage/ may use: the connection, and units by hand


def outside_storage() -> list[Path]:
    return [p for p in (ROOT / "selfcheck").rglob("*.py") if "storage" not in p.relative_to(ROOT / "selfcheck").parts[:1]]


def violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(ROOT).as_posix()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_WRITE.search(node.value):
            found.append(f"{rel}:{node.lineno}: SQL that writes: {node.value[:60]!r}")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name | ast.Attribute):
            owner = node.value.id if isinstance(node.value, ast.Name) else node.value.attr
            if "store" in owner.lower() and (node.attr in STORE_INSIDES or (node.attr.startswith("_") and node.attr[1] != "_")):
                found.append(f"{rel}:{node.lineno}: {owner}.{node.attr} reaches into the store")
    return found


def test_no_module_outside_storage_writes_or_reaches_in() -> None:
    files = outside_storage()
    assert len(files) > 40 and any(p.name == "main_window.py" for p in files)  # the walk sees the skins
    found = [v for p in files for v in violations(p)]
    assert found == [], "\n".join(found)


def test_the_guard_sees_what_it_guards_against(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        'store._audit("x")\nself.store.db.execute("UPDATE problems SET status = 1")\nstore.conn.commit()\n'
        'sql = "DELETE FROM answers"\n',
        encoding="utf-8",
    )
    bad = bad.rename(ROOT / "selfcheck" / "_guard_probe.py")
    try:
        found = violations(bad)
    finally:
        bad.unlink()
    assert len(found) == 5, found  # _audit, db, UPDATE, conn, DELETE


def public_methods() -> dict[str, Any]:
    return {
        name: member
        for name, member in inspect.getmembers(Store, predicate=inspect.isfunction)
        if not name.startswith("_") and name not in {"open", "close", "atomic"}
    }


def test_every_public_method_is_a_marked_write_or_a_read_that_cannot_write() -> None:
    writes = {n for n, m in public_methods().items() if getattr(m, WRITE_MARK, False)}
    assert {"save_answer", "update_problem", "install_checklist", "attach_evidence", "undo"} <= writes
    for name, method in public_methods().items():
        if name in writes:
            continue
        source = inspect.getsource(method)
        for marker in ("_audit(", "_changed(", "atomic(", "INSERT", "UPDATE ", "DELETE "):
            assert marker not in source, f"Store.{name} is not marked @writes but its code holds {marker!r}"


@pytest.fixture
def full(store: Store, mini: Checklist, tmp_path: Path) -> dict[str, Any]:
    """A store with a school, a checklist and an inspection: what every write needs."""
    store.install_checklist(mini, "test")
    store.set_school("城关一小", "4301", "张明")
    inspection = store.new_inspection("mini", "2026年秋季学期")
    photo = tmp_path / "photo.png"
    Image.new("RGB", (4, 4), "white").save(photo)
    return {"inspection": inspection.id, "photo": photo}


def every_write(store: Store, full: dict[str, Any], mini: Checklist) -> dict[str, Any]:
    """Call each public write once, the way the skins do; name → what it handed back."""
    from tests.storage.test_store import variant

    iid = full["inspection"]
    png = full["photo"].read_bytes()
    out: dict[str, Any] = {}
    out["set_school"] = store.set_school("城关一小", "4301", "李华")
    out["set_school_images"] = store.set_school_images(seal=png)
    out["install_checklist"] = store.install_checklist(variant(mini, version="1.1"), "test")
    out["record_provenance"] = store.record_provenance("mini", "1.1", "unsigned", file="mini.yaml")
    out["remove_checklist"] = store.remove_checklist("mini", "1.1")
    out["import_checklist"] = store.import_checklist(variant(mini, version="1.2"), key_fingerprint=None, file="x.yaml")
    out["add_trusted_key"] = store.add_trusted_key("AB:CD", "-----BEGIN PUBLIC KEY-----", "教育局")
    out["remove_trusted_key"] = store.remove_trusted_key("AB:CD")
    out["save_answer"] = store.save_answer(iid, "s1.study", "no", note="未组织")
    out["save_answers"] = store.save_answers(iid, [{"item": "s2.score", "value": 4}])
    out["clear_answer"] = store.clear_answer(iid, "s2.score")
    out["raise_problems_from_answers"] = store.raise_problems_from_answers(iid)
    out["add_problem"] = problem = store.add_problem("食堂台账不全", inspection_id=iid)
    out["update_problem"] = store.update_problem(problem.id, owner="王老师", status=Status.IN_PROGRESS)
    store.update_problem(problem.id, measure="补齐台账", status=Status.FIXED)
    out["close_problem"] = store.close_problem(
        problem.id, handling="已处理", verified_by="张明", evidence="台账照片", verified_on=dt.date(2026, 11, 20)
    )
    out["add_clue"] = clue = store.add_clue("家长来电", dt.date(2026, 11, 20), "食堂饭菜分量不足", contact="13812345678")
    out["record_clue_stage"] = store.record_clue_stage(clue.id, ClueStage.CHECKED, finding="属实", checked_by="张明")
    out["raise_problem_from_clue"] = store.raise_problem_from_clue(clue.id)
    out["correct_clue"] = store.correct_clue(clue.id, staff="食堂主任")
    out["attach_evidence"] = evidence = store.attach_evidence(iid, "s1.study", full["photo"])
    out["detach_evidence"] = store.detach_evidence(evidence.id)
    fixing = store.add_problem("校门口交通拥堵")
    out["attach_problem_evidence"] = before = store.attach_problem_evidence(fixing.id, "整改前", [full["photo"]])
    out["detach_problem_evidence"] = store.detach_problem_evidence(before[0].id)
    two = store.new_inspection("mini", "2027年春季学期", version="1.0")
    out["new_inspection"] = two
    out["move_to_version"] = store.move_to_version(two.id, "1.2")
    out["clear_recheck"] = store.clear_recheck(two.id, "s1.study")
    for item in ("s1.study", "s2.firstask", "s2.fees", "s2.score", "s2.tutoring", "s3.ok"):
        answer = {"s1.study": "yes", "s2.firstask": "good", "s2.tutoring": "none"}.get(item)
        if item in mini.item_index:
            kind = mini.item_index[item][1].type
            store.save_answer(iid, item, answer, value=None if answer else (0 if kind == "deduction" else 5))
    out["complete_inspection"] = store.complete_inspection(iid)
    out["set_report_text"] = store.set_report_text(iid, narrative="一、基本情况\n正文", inspection_date=dt.date(2026, 12, 1))
    out["record_export"] = store.record_export(iid, "/媒体/报告.pdf", "ab" * 32, signed=True, fingerprint="f", document_id="d")
    out["reopen_inspection"] = store.reopen_inspection(iid)
    out.update(review_writes(store, mini))
    from selfcheck.reports.identity import create_identity, encrypt_key, unlock

    made = create_identity("城关一小", "4301", "correct horse battery staple")
    out["set_identity"] = store.set_identity(made.key_pem, made.cert_pem, made.fingerprint)
    rekeyed = encrypt_key(unlock(made, "correct horse battery staple"), "purple lantern over quiet harbour")
    out["replace_key_encryption"] = store.replace_key_encryption(rekeyed, "purple lantern over quiet harbour")
    out["replace_certificate"] = store.replace_certificate(
        *_reissued(made.cert_pem, unlock(made, "correct horse battery staple"))
    )
    out["record_restore"] = store.record_restore("selfcheck-1.db", "selfcheck-damaged.db")
    out["record_school_backup"] = store.record_school_backup("selfcheck-backup-1.zip", left_pc=True)
    out["install_builtins"] = store.install_builtins()
    from selfcheck.core.cadence import Kind

    out["add_task"] = task = store.add_task(
        None, standard="台账齐全", owner="王老师", deadline=dt.date(2026, 12, 31), problem_id=problem.id
    )
    out["update_task"] = store.update_task(task.id, owner="李老师")
    out["add_progress"] = store.add_progress(task.id, percent=40, note="已补齐一半", evidence=full["photo"])
    out["set_rhythm"] = store.set_rhythm(monthly=True, quarterly=True, half_year=True, monthly_checklist="mini")
    out["open_period_document"] = doc = store.open_period_document(Kind.QUARTERLY, dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    out["set_period_text"] = store.set_period_text(doc.id, narrative="一、基本情况\n正文")
    out["record_period_export"] = store.record_period_export(
        doc.id, "/媒体/小结.pdf", "ab" * 32, fingerprint="f", document_id_text="d"
    )
    out["reopen_period_document"] = store.reopen_period_document(doc.id)
    return out


def review_writes(store: Store, mini: Checklist) -> dict[str, Any]:
    """The review writes (对标四查, storage/reviews.py), on a store that has exported report "ab" * 32 signed."""
    from selfcheck.core.answers import Answer
    from selfcheck.core.review import Received

    out: dict[str, Any] = {"set_unit_kind": store.set_unit_kind("学区")}
    report = {"school": "城关一小", "code": "4301", "period": "2026年秋季学期"}
    out["new_review"] = given = store.new_review(
        report_json="{}", report_sha256="cd" * 32, report_signer="f", school_name=report["school"],
        school_code=report["code"], period=report["period"], template_id="mini", template_version="1.0",
        content_hash=mini.content_hash(), uid="u-given", level="学区", people=["李督学"],
    )  # fmt: skip
    out["save_review_answers"] = store.save_review_answers(given.id, [{"item": "s1.study", "option": "no", "note": "无记录"}])
    out["record_review_export"] = store.record_review_export(
        given.id, path="/媒体/督查.pdf", sha256="ef" * 32, fingerprint="f", data_json="{}", day="2026-11-20"
    )
    received = Received(
        uid="u-received", level="学区", reviewer_name="城关学区", reviewer_code="XQ1", reviewer_kind="学区",
        people=["李督学"], report_sha256="ab" * 32, school_name=report["school"], school_code=report["code"],
        period=report["period"], template_id="mini", template_version="1.0", content_hash=mini.content_hash(),
        review_date="2026-11-20", answers={"s1.study": Answer("s1.study", "no", None, "无记录")},
        school_answers={"s1.study": Answer("s1.study", "yes")}, problems=[], data_json="{}", file_sha256="01" * 32,
        signer_fingerprint="f",
    )  # fmt: skip
    out["import_review"] = store.import_review(received)
    return out


def changes_of(result: Any) -> Changes:
    if isinstance(result, tuple):
        result = result[0]
    assert isinstance(result, Changed | ChangedList) or hasattr(result, "changes"), result
    return result.changes  # type: ignore[no-any-return]


def _reissued(cert_pem: bytes, key: Any) -> tuple[bytes, str]:
    """Another certificate for the same key (as a bureau CA would issue), and its fingerprint."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    from selfcheck.reports.identity import fingerprint

    old = x509.load_pem_x509_certificate(cert_pem)
    builder = x509.CertificateBuilder().subject_name(old.subject).issuer_name(old.subject).public_key(key.public_key())
    builder = builder.serial_number(x509.random_serial_number()).not_valid_before(old.not_valid_before_utc)
    cert = builder.not_valid_after(old.not_valid_after_utc).sign(key, hashes.SHA256())
    pem = cert.public_bytes(serialization.Encoding.PEM)
    return pem, fingerprint(pem)


def test_every_write_hands_back_what_it_changed(store: Store, full: dict[str, Any], mini: Checklist) -> None:
    results = every_write(store, full, mini)
    writes = {n for n, m in public_methods().items() if getattr(m, WRITE_MARK, False)} - {"undo", "_move"}
    assert set(results) >= writes, f"writes this test does not call: {writes - set(results)}"
    iid = full["inspection"]
    for name, result in results.items():
        changes = changes_of(result)
        if name in ("install_builtins", "clear_recheck"):
            assert changes == Changes()  # nothing new to install, no flag to clear: nothing changed, and it says so
            continue
        assert changes, f"{name} changed something but handed back no changes"
    assert changes_of(results["save_answer"]).items == {(iid, "s1.study")}
    assert changes_of(results["update_problem"]).problems == {results["add_problem"].id}
    assert changes_of(results["install_checklist"]).checklists
    assert changes_of(results["add_trusted_key"]).trust and not changes_of(results["add_trusted_key"]).checklists
    assert changes_of(results["record_export"]).exports == {iid} and changes_of(results["record_export"]).inspections == {iid}
    assert changes_of(results["attach_evidence"]).evidence == {iid}
    assert changes_of(results["attach_problem_evidence"]).problems == {results["attach_problem_evidence"][0].problem_id}
    imported = results["import_review"]
    assert changes_of(imported).reviews == {imported.review.id} and changes_of(imported).problems == set(imported.raised)
    assert len(imported.raised) == 1 and store.problem(imported.raised[0]).source == "review"
    clue_id = results["add_clue"].id
    assert changes_of(results["add_clue"]).clues == {clue_id} == changes_of(results["record_clue_stage"]).clues
    raised = results["raise_problem_from_clue"]
    assert changes_of(raised).clues == {clue_id} and changes_of(raised).problems == {raised.id}
    task = results["add_task"].id
    assert changes_of(results["add_task"]).tasks == changes_of(results["add_progress"]).tasks == {task}
    assert changes_of(results["set_rhythm"]).cadence and changes_of(results["record_period_export"]).cadence
    assert changes_of(results["raise_problems_from_answers"]).problems == {p.id for p in results["raise_problems_from_answers"]}
    flagged = store.save_answer(results["new_inspection"].id, "s1.study", "yes")
    store.conn.execute(  # a flag as a move to a reworded version leaves it (tests/storage/test_version_move.py)
        "INSERT INTO answer_reviews VALUES (?, 's1.study', 'reworded', '1.0', '1.2', 'x')", [flagged.inspection_id]
    )
    assert store.clear_recheck(flagged.inspection_id, "s1.study").changes.items == {(flagged.inspection_id, "s1.study")}
    # The same answer again changes nothing, and says so.
    again = store.save_answer(iid, "s1.study", "yes")
    assert not again.changes


def test_units_nest_and_one_action_is_one_audited_unit(mini_store: Store, insp: int) -> None:
    with mini_store.atomic("two answers") as unit:
        mini_store.save_answer(insp, "s1.study", "yes")
        with pytest.raises(RuleError), mini_store.atomic():  # an inner unit fails: only it is rolled back
            mini_store.save_answer(insp, "s2.firstask", "good")
            raise RuleError("停", "stop")
        mini_store.save_answer(insp, "s2.score", value=3)
    assert set(mini_store.answers(insp)) == {"s1.study", "s2.score"}
    assert unit.changes.items == {(insp, "s1.study"), (insp, "s2.score")}
    rows = mini_store.conn.execute("SELECT action, unit FROM audit WHERE action = 'answer'").fetchall()
    assert len(rows) == 2 and len({u for _, u in rows}) == 1  # two answers, one unit
    problem = mini_store.add_problem("图书室开放时间未公示", inspection_id=insp)
    mini_store.update_problem(problem.id, owner="王老师", department="教务处", measure="公示")
    units = mini_store.conn.execute("SELECT DISTINCT unit FROM audit WHERE action = 'update'").fetchall()
    assert len(units) == 1  # three fields, one edit, one unit


def test_an_outer_failure_rolls_back_what_inner_units_wrote(mini_store: Store, insp: int) -> None:
    before = mini_store.conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    with pytest.raises(RuleError), mini_store.atomic():
        mini_store.save_answer(insp, "s1.study", "yes")
        mini_store.add_problem("应回滚", inspection_id=insp)
        raise RuleError("停", "stop")
    assert mini_store.answers(insp) == {} and mini_store.problems() == []
    assert mini_store.conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == before


def test_a_checklist_import_is_one_unit(store: Store, mini: Checklist, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checklist and its provenance are one unit: a failure recording provenance leaves no checklist."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Store, "_audit", lambda self, action, *a, **k: refuse() if action == "provenance" else None)
    with pytest.raises(Exception, match="disk I/O error"):
        store.import_checklist(mini, key_fingerprint=None, file="mini.yaml")
    monkeypatch.undo()
    assert [t.template_id for t in store.checklists()].count("mini") == 0
    with pytest.raises(Exception, match="没有安装"):
        store.checklist("mini")


@pytest.fixture
def insp(mini_store: Store) -> int:
    return mini_store.new_inspection("mini", "2026年秋季学期").id


@pytest.fixture
def undoing(mini_store: Store, insp: int) -> Store:
    mini_store.enable_undo()
    return mini_store


def test_undo_puts_back_answers_one_action_at_a_time(undoing: Store, insp: int) -> None:
    undoing.save_answer(insp, "s1.study", "yes")
    undoing.save_answer(insp, "s1.study", "no", note="缺两次")
    undoing.save_answer(insp, "s2.score", value=4)
    assert undoing.undo_step() is not None and undoing.undo_step().zh == "答案"  # type: ignore[union-attr]
    done = undoing.undo()
    assert done.changes.undone and done.changes.items == {(insp, "s2.score")}
    assert "s2.score" not in undoing.answers(insp)
    undoing.undo()
    assert undoing.answers(insp)["s1.study"].option == "yes" and undoing.answers(insp)["s1.study"].note is None
    undoing.undo()
    assert undoing.answers(insp) == {}
    with pytest.raises(RuleError, match="没有可以撤销"):
        undoing.undo()
    assert [e.action for e in undoing.audit("unit")] == ["undo", "undo", "undo"]  # the log keeps the story


def test_undo_puts_back_a_ledger_edit_and_a_close_out(undoing: Store, insp: int) -> None:
    problem = undoing.add_problem("食堂台账不全", inspection_id=insp)
    undoing.update_problem(problem.id, measure="补齐台账", owner="王老师", status=Status.FIXED)
    undoing.close_problem(problem.id, handling="已处理", verified_by="张明", evidence="照片", verified_on=dt.date(2026, 11, 20))
    assert undoing.problem(problem.id).status == Status.CLOSED
    undoing.undo()
    restored = undoing.problem(problem.id)
    assert restored.status == Status.FIXED and restored.verified_by is None and restored.owner == "王老师"
    undoing.undo()
    assert undoing.problem(problem.id).measure is None and undoing.problem(problem.id).status == Status.OPEN
    undoing.undo()
    assert undoing.problems() == []


def test_undo_ends_at_a_write_it_cannot_take_back(undoing: Store, insp: int) -> None:
    undoing.save_answer(insp, "s1.study", "yes")
    undoing.record_export(insp, "/x.pdf", "ab", signed=True, fingerprint="f", document_id="d")  # signed: locked
    assert undoing.undo_step() is None
    with pytest.raises(RuleError):
        undoing.undo()
    assert undoing.answers(insp)["s1.study"].option == "yes"


def test_undo_ends_when_another_program_writes(undoing: Store, insp: int, data_dir: Path) -> None:
    undoing.save_answer(insp, "s1.study", "yes")
    with Store.open(data_dir) as other:  # the CLI, or a worker, on the same database
        other.save_answer(insp, "s1.study", "no", note="另一个程序写的")
    assert undoing.undo_step() is None
    assert undoing.answers(insp)["s1.study"].note == "另一个程序写的"

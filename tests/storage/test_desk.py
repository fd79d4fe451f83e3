"""The bureau's desk database: its own file and upgrades, the roster, filing with the newest report current and the
history kept, reviews beside reports, and a round's status read back (ranking, missing, sections, gap, overdue)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from selfcheck.core.desk import FiledProblem, ReviewFiling, RosterEntry, SectionScore, Submission
from selfcheck.errors import StorageError
from selfcheck.storage import Store
from selfcheck.storage.base import WRITE_MARK
from selfcheck.storage.desk import DESK_NAME, Desk
from tests.conftest import TODAY

PERIOD = "2026年秋季学期"
UTC8 = dt.timezone(dt.timedelta(hours=8))


def sub(
    code: str,
    percent: float,
    *,
    at: int = 10,
    sha: str | None = None,
    period: str = PERIOD,
    problems: tuple[FiledProblem, ...] = (),
    vetoed: bool = False,
) -> Submission:
    return Submission(
        sha256=sha or f"{code}-{at}-{percent}-{period}",
        path=f"{code}/{at}.pdf",
        code=code,
        school=f"学校{code}",
        checklist_id="mini",
        checklist_version="1.0",
        checklist_title="测试用小检查表",
        period=period,
        generated_at=dt.datetime(2026, 12, 1, at, 0, tzinfo=UTC8),
        document_id=f"doc-{code}-{at}",
        fingerprint=f"fp-{code}-{at}",
        signer="AB:CD",
        points=percent / 2,
        max=50.0,
        percent=percent,
        grade="优秀" if percent >= 90 else "合格",
        vetoed=vetoed,
        sections=(SectionScore("一查", percent / 10, 10.0), SectionScore("二查", 20.0, 40.0)),
        problems=problems,
    )


ROSTER = [
    RosterEntry("001", "城关一小", "城关学区", "小学"),
    RosterEntry("002", "城关二小", "城关学区", "小学"),
    RosterEntry("003", "河口中学", "河口学区", "初中"),
    RosterEntry("004", "河口小学", "河口学区", "小学"),
]


@pytest.fixture
def desk(data_dir: Path) -> Desk:
    d = Desk.open(data_dir)
    d.import_roster(ROSTER, "名册.xlsx")
    return d


def test_the_desk_is_its_own_file_with_its_own_upgrades(data_dir: Path) -> None:
    with Desk.open(data_dir) as desk:
        assert desk.path.name == DESK_NAME
        assert [r[0] for r in desk.conn.execute("SELECT name FROM migrations")] == ["d001_desk", "d002_review_history", "d003_ca"]
    with Store.open(data_dir, install_builtins=False) as store:  # the school's database beside it, untouched
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "roster" not in names and "school" in names
    (data_dir / "school-as-desk").mkdir()
    with Store.open(data_dir / "school-as-desk", install_builtins=False):
        pass
    (data_dir / "school-as-desk" / "selfcheck.db").rename(data_dir / "school-as-desk" / DESK_NAME)
    with pytest.raises(StorageError, match="学校的数据库"):
        Desk.open(data_dir / "school-as-desk")


def test_roster_reimport_updates_adds_and_keeps_left_out_schools_inactive(desk: Desk) -> None:
    again = desk.import_roster(
        [RosterEntry("001", "城关第一小学", "城关学区", "小学"), ROSTER[1], ROSTER[2], RosterEntry("005", "新校", "河口学区")],
        "名册2.xlsx",
    )
    assert (again.added, again.updated, again.unchanged, again.inactive) == (1, 1, 2, 1)
    assert again.changes.desk
    assert [r.code for r in desk.roster()] == ["001", "002", "003", "005"]
    assert [r.code for r in desk.roster(active_only=False) if not r.active] == ["004"]
    same = desk.import_roster(
        [RosterEntry("001", "城关第一小学", "城关学区", "小学"), ROSTER[1], ROSTER[2], RosterEntry("005", "新校", "河口学区")],
        "名册2.xlsx",
    )
    assert not same.changes and same.unchanged == 4


def test_newest_report_is_current_history_kept_and_the_same_file_is_a_copy(desk: Desk) -> None:
    first = desk.file_reports([sub("001", 70, at=9), sub("002", 95)], "U盘1")
    assert (first.filed, first.current, first.copies) == (2, 2, 0) and first.changes.desk
    later = desk.file_reports([sub("001", 85, at=11), sub("001", 60, at=8), sub("002", 95)], "U盘2")
    assert (later.filed, later.current, later.superseded, later.copies) == (2, 1, 1, 1)
    history = desk.history("001", PERIOD, "mini")
    assert [current for _, _, current, _ in history] == [True, False, False]
    status = desk.round_status(PERIOD, "mini", TODAY)
    assert [(r.filed.code, r.filed.percent, r.filed.versions) for r in status.ranking] == [("002", 95, 1), ("001", 85, 3)]
    rows = desk.conn.execute("SELECT COUNT(*), COUNT(DISTINCT unit) FROM audit WHERE action = 'file_reports'").fetchone()
    assert rows == (2, 2)  # one audited unit per intake


def test_a_failed_intake_files_nothing(desk: Desk) -> None:
    def produce(add: object) -> None:
        assert callable(add)
        add(sub("001", 70))
        raise RuntimeError("the stick was pulled out")

    with pytest.raises(RuntimeError):
        desk.file_streamed(produce, "U盘")
    assert desk.conn.execute("SELECT COUNT(*) FROM submissions").fetchone()[0] == 0


def test_round_status_ranks_names_missing_and_overdue(desk: Desk) -> None:
    late = FiledProblem("食堂台账不全", "s1.study", "每周学习", "王老师", "总务处", (TODAY - dt.timedelta(days=5)).isoformat())
    fixed = FiledProblem("图书室", "s1.study", "每周学习", deadline=(TODAY - dt.timedelta(days=5)).isoformat(), status="fixed")
    future = FiledProblem("档案", "s2.score", "档案管理", deadline=(TODAY + dt.timedelta(days=5)).isoformat())
    desk.file_reports(
        [sub("001", 80, problems=(late, fixed)), sub("002", 80, problems=(future,)), sub("003", 99, vetoed=True), sub("099", 90)],
        "U盘",
    )
    status = desk.round_status(PERIOD, "mini", TODAY)
    assert [(r.rank, r.filed.code) for r in status.ranking] == [(1, "099"), (2, "001"), (2, "002"), (4, "003")]
    assert {r.filed.code: r.district_rank for r in status.ranking} == {"001": 1, "002": 1, "003": 1, "099": 1}
    assert [m.code for m in status.missing] == ["004"]
    assert not next(r for r in status.ranking if r.filed.code == "099").filed.on_roster
    assert [(o.code, o.problem.description, o.days) for o in status.overdue] == [("001", "食堂台账不全", 5)]
    assert {c.text: c.schools for c in status.common} == {"每周学习": 1, "档案管理": 1}  # schools, not problems
    assert status.sections[0].title == "一查" and status.sections[0].lowest[0][0] == "001"
    # per section by the section's own percent (the veto does not count here): 99, 90, 80, 80
    assert [(r, c) for r, c, _, _ in status.sections[0].ranking] == [(1, "003"), (2, "099"), (3, "001"), (3, "002")]
    data = status.to_json()
    assert set(data) >= {"submitted", "missing", "reviewed", "ranking"}
    assert data["missing"] == [{"code": "004", "name": "河口小学", "district": "河口学区"}]


def test_reviews_show_the_gap_and_flag_a_school_rating_itself_far_above(desk: Desk) -> None:
    desk.file_reports([sub("001", 95), sub("002", 80)], "U盘")

    def review(code: str, percent: float, level: str, hour: int) -> ReviewFiling:
        return ReviewFiling(
            f"r-{code}-{level}",
            f"rev-{code}",
            f"fp-{code}-10",
            code,
            "mini",
            PERIOD,
            level,
            "李督学",
            f"{level}督查组",
            percent / 2,
            50,
            percent,
            None,
            dt.datetime(2026, 12, 5, hour, tzinfo=UTC8),
        )

    assert desk.file_review(review("001", 90, "学区", 9)).changes.desk
    desk.file_review(review("001", 70, "教育局", 10))
    desk.file_review(review("002", 78, "学区", 9))
    assert desk.file_review(review("002", 78, "学区", 9)).copies == 1
    status = desk.round_status(PERIOD, "mini", TODAY)
    by = {r.filed.code: r for r in status.ranking}
    assert (by["001"].review and by["001"].review.level, by["001"].gap, by["001"].flagged) == ("教育局", 25.0, True)
    assert (by["002"].gap, by["002"].flagged) == (2.0, False)
    assert all(r.matches_current for r in status.reviews)
    assert [x["code"] for x in status.to_json()["reviewed"]] == ["001", "002"]


def test_every_public_desk_method_is_a_marked_write_or_a_read() -> None:
    import inspect

    for name, member in inspect.getmembers(Desk, predicate=inspect.isfunction):
        if name.startswith("_") or name in {"open", "close", "atomic", "warm_up", "outside_changes"}:
            continue
        if getattr(member, WRITE_MARK, False):
            continue
        source = inspect.getsource(member)
        for marker in ("_audit(", "_changed(", "INSERT", "UPDATE ", "DELETE "):
            assert marker not in source, f"Desk.{name} writes but is not marked @writes"


def test_reviews_verified_elsewhere_are_filed_and_refused_ones_listed(desk: Desk, tmp_path: Path) -> None:
    from types import SimpleNamespace as NS

    from selfcheck.exchange.desk_reviews import file_reviews

    desk.file_reports([sub("001", 95)], "U盘")
    folder = tmp_path / "督查"
    folder.mkdir()
    for name in ("好.pdf", "坏.pdf", "未信任.pdf"):
        (folder / name).write_bytes(b"%PDF-")
    data = NS(
        review_id="r1", generated_at="2026-12-05T09:00:00+08:00", level="学区",
        reviewer=NS(name="城关学区", people=["李督学", "王督学"]),
        report=NS(data_fingerprint="fp-001-10", school=NS(code="001"), template=NS(id="mini"), period=PERIOD),
        score=NS(points=35.0, max=50.0, percent=70.0, grade="合格"),
    )  # fmt: skip

    def verify(path: Path, trusted: list[bytes]) -> NS:
        ok = path.name != "坏.pdf"
        return NS(ok=ok, data=data if ok else None, trusted=path.name == "好.pdf", sha256=path.name, reason_zh="签名无效")

    result = file_reviews(desk, [folder], [b"cert"], verify=verify)
    assert (result.filed, sorted(n for n, _ in result.refused)) == (1, ["坏.pdf", "未信任.pdf"])
    ranked = desk.round_status(PERIOD, "mini", TODAY).ranking[0]
    assert ranked.review is not None and ranked.review.reviewer == "李督学、王督学" and ranked.gap == 25.0
    assert ranked.review.matches_current
    with pytest.raises(Exception, match="--trust"):
        file_reviews(desk, [folder], [], verify=verify)


def test_a_review_is_filed_against_its_report_and_a_newer_export_supersedes_it(desk: Desk) -> None:
    desk.file_reports([sub("001", 95), sub("001", 90, at=11)], "U盘")  # the report at 11 is current, 10 superseded

    def review(at: int, percent: float, *, report: str = "fp-001-11", code: str = "001", sha: str = "") -> ReviewFiling:
        return ReviewFiling(
            sha or f"r-{at}", "rev-1", report, code, "mini", PERIOD, "学区", "李督学", "城关学区", percent / 2, 50, percent,
            None, dt.datetime(2026, 12, 5, at, tzinfo=UTC8), f"督查/{at}.pdf",
        )  # fmt: skip

    first = desk.file_reviews([review(9, 80)])
    assert (first.filed, first.superseded, first.unknown) == (1, 0, []) and first.changes.desk
    newer, older = desk.file_reviews([review(12, 70), review(8, 99)]), None  # a newer export, then an older one late
    assert (newer.filed, newer.superseded) == (2, 1)
    ranked = desk.round_status(PERIOD, "mini", TODAY).ranking[0]
    assert ranked.review is not None and ranked.review.percent == 70 and ranked.gap == 20.0
    assert [v.percent for v in ranked.levels] == [70]
    history = desk.review_history("001", PERIOD, "mini")
    assert [(h[3], h[4]) for h in history] == [(True, "督查/12.pdf"), (False, "督查/9.pdf"), (False, "督查/8.pdf")]
    assert older is None

    # a review of the superseded report is kept but never compared with the current one
    desk.file_reviews([ReviewFiling("r-old", "rev-2", "fp-001-10", "001", "mini", PERIOD, "教育局", "周", "教育局", 10, 50,
                                    20.0, None, dt.datetime(2026, 12, 6, 9, tzinfo=UTC8))])  # fmt: skip
    status = desk.round_status(PERIOD, "mini", TODAY)
    assert status.ranking[0].review is not None and status.ranking[0].review.level == "学区"
    assert any(not r.matches_current and r.level == "教育局" for r in status.reviews)

    unknown = desk.file_reviews([review(13, 60, report="fp-nowhere", sha="x1"), review(14, 60, code="002", sha="x2")])
    assert unknown.filed == 0 and [u[0] for u in unknown.unknown] == ["督查/13.pdf", "督查/14.pdf"]
    assert "不在教育局台账中" in unknown.unknown[0][1] and "不一致" in unknown.unknown[1][1]
    assert not unknown.changes.desk


def test_the_review_history_upgrade_keeps_the_newest_of_each_review_current(data_dir: Path) -> None:
    from selfcheck.storage import db as dbmod
    from selfcheck.storage.desk_db import DESK_UPGRADES

    data_dir.mkdir(parents=True, exist_ok=True)
    conn = dbmod.connect(data_dir / DESK_NAME)
    dbmod.upgrade_schema(conn, DESK_UPGRADES[:1])  # a desk made before reviews had a history
    conn.execute(
        "INSERT INTO submissions (sha256, path, code, school, checklist_id, checklist_version, checklist_title, period, "
        "generated_at, document_id, fingerprint, signer, points, max, vetoed, filed_at) "
        "VALUES ('s', 'a.pdf', '001', '一小', 'mini', '1.0', '小', ?, 'x', 'd', 'fp', 'AB', 1, 2, 0, 'x')",
        [PERIOD],
    )
    for sha, at in (("a", "2026-12-05T01:00:00"), ("b", "2026-12-05T03:00:00")):
        conn.execute(
            "INSERT INTO reviews (sha256, review_id, report_fingerprint, code, checklist_id, period, level, reviewer, unit, "
            "points, max, generated_at, filed_at) VALUES (?, 'rev', 'fp', '001', 'mini', ?, '学区', '李', '学区', 1, 2, ?, 'x')",
            [sha, PERIOD, at],
        )
    conn.close()
    with Desk.open(data_dir) as desk:
        rows = desk.conn.execute("SELECT sha256, current, submission_id FROM reviews ORDER BY sha256").fetchall()
    assert [tuple(r) for r in rows] == [("a", 0, 1), ("b", 1, 1)]

"""对标四查 at two levels, end to end through the CLI with real keys and real signed files: a school's report is
reviewed by its 学区, then by the 教育局, which starts from the 学区's signed review and sees what it found on every
item; both reviews go on the stick beside the report; `bureau collect` verifies the report against the schools'
certificates and the reviews against the reviewing units' (the trust folder's 督查单位 subfolder) and files them;
`round status --json` shows both levels and the 自评-督评 gap; the 学区 exports its review again and the new file
supersedes the old (kept as history); the school imports both reviews and sees them side by side with the problems
raised. Reviews that cannot be filed are listed with a Chinese reason, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from selfcheck.reports import review_service
from selfcheck.storage import Store
from selfcheck.storage.desk import Desk
from tests.cli.test_cli_review import FIRST, SCHOOL, UNIT, cli, last_line, review, world, write
from tests.conftest import DATA

__all__ = ["world"]  # the fixture, imported for pytest

PERIOD = "2026年秋季学期"
BUREAU = ("紫阳县教育局", "JYJ-01")
THIRD = {
    "answers": [
        {"item": "s1.study", "option": "no", "note": "无学习记录"},  # worse than the school's 是 and the 学区's 部分落实
        {"item": "s2.score", "value": 3, "note": "档案未分类"},  # worse: 3 < 5
    ],
    "problems": [{"item": "s2.score", "description": "档案未按年度装订"}],
}


def collect(data: Path, stick: Path, trust: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    capsys.readouterr()
    code = cli(data, "bureau", "collect", str(stick), "--trust", str(trust), *extra)
    captured = capsys.readouterr()
    assert code == 0 and "Traceback" not in captured.err, captured.err
    return captured.out


def status(data: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert cli(data, "round", "status", "--period", PERIOD, "--checklist", "mini", "--json") == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


@pytest.fixture
def two_levels(world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    """The 学区's review and the 教育局's (which carries the 学区's), both on the stick; the bureau's folder is the
    教育局's own data folder, where its desk lives too."""
    world["first"] = review(world, capsys, "学区", FIRST)
    bureau = world["tmp"] / "bureau"
    kind = ("--principal", "周局长", "--kind", "教育局")
    assert cli(bureau, "school", "set", "--name", BUREAU[0], "--code", BUREAU[1], *kind) == 0
    assert cli(bureau, "keys", "init") == 0
    assert cli(bureau, "checklist", "import", "--allow-unsigned", str(DATA / "mini.yaml")) == 0
    trust = world["tmp"] / "证书"
    (trust / "督查单位").mkdir(parents=True)
    shutil.copy(world["school_pem"], trust / "school.pem")
    shutil.copy(world["unit_pem"], trust / "督查单位" / "xuequ.pem")
    assert cli(bureau, "keys", "export-cert", "--out", str(trust / "督查单位" / "jyj.pem")) == 0
    capsys.readouterr()
    pems = ("--trust", str(world["school_pem"]), "--trust", str(world["unit_pem"]))
    args = ("review", "new", str(world["report"]), "--level", "教育局", "--reviewer", "周督学", *pems)
    assert cli(bureau, *args, "--earlier", str(world["first"])) == 0
    world["bureau_review"] = Path(last_line(capsys))
    world.update(bureau=bureau, trust=trust)
    return world


def test_a_later_review_sees_what_the_earlier_level_found_on_each_item(
    two_levels: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    bureau, rid = two_levels["bureau"], str(two_levels["bureau_review"])
    capsys.readouterr()
    assert cli(bureau, "review", "show", rid, "--json") == 0
    items = {i["id"]: i for i in json.loads(capsys.readouterr().out)["items"]}
    study = items["s1.study"]["earlier"]
    assert [(e["level"], e["reviewer"], e["result"], e["earned"], e["note"], e["worse"]) for e in study] == [
        ("学区", UNIT[0], "部分落实", 5, "缺 3 次学习记录", True)
    ]
    assert items["s2.firstask"]["earlier"][0]["problems"] == ["首问登记簿未按日填写"]
    assert items["s2.score"]["earlier"] == []  # the 学区 did not look at it
    assert cli(bureau, "review", "show", rid) == 0
    assert f"此前学区（{UNIT[0]}）：部分落实（5）缺 3 次学习记录" in capsys.readouterr().out
    # the 学区 in its own folder has no earlier review: nothing is made up
    assert cli(two_levels["unit"], "review", "show", "1", "--json") == 0
    assert all(i["earlier"] == [] for i in json.loads(capsys.readouterr().out)["items"])


def test_reviewed_at_two_levels_filed_at_the_desk_and_imported_back_side_by_side(
    two_levels: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    w = two_levels
    bureau, stick, trust = w["bureau"], w["stick"], w["trust"]
    rid = str(w["bureau_review"])
    assert cli(bureau, "review", "answer", rid, "--file", str(write(w["tmp"] / "third.json", THIRD))) == 0
    capsys.readouterr()
    assert cli(bureau, "review", "export", rid, "--out", str(stick), "--json") == 0
    second = Path(json.loads(capsys.readouterr().out)["path"])
    unit_pem, jyj_pem = (w["unit_pem"].read_bytes(), (trust / "督查单位" / "jyj.pem").read_bytes())
    one = review_service.verify_review(w["first"], [unit_pem])
    two = review_service.verify_review(second, [jyj_pem])
    assert one.data is not None and two.data is not None

    # the bureau collects the stick: the report, and both reviews beside it
    out = collect(bureau, stick, trust, capsys, "--out", str(w["tmp"] / "汇总.xlsx"))
    assert "现行报告 1 份" in out and "已归档督查意见 2 份" in out and "未采用 0 个" in out, out
    s = status(bureau, capsys)
    assert [x["code"] for x in s["submitted"]] == [SCHOOL[1]]
    [reviewed] = s["reviewed"]
    own = s["ranking"][0]["percent"]
    assert [(v["level"], v["unit"], v["percent"]) for v in reviewed["levels"]] == [
        ("学区", UNIT[0], one.data.score.percent),
        ("教育局", BUREAU[0], two.data.score.percent),
    ]
    assert reviewed["level"] == "教育局" and reviewed["review_percent"] == two.data.score.percent
    assert reviewed["gap"] == round(own - two.data.score.percent, 1) > 0
    assert reviewed["levels"][0]["gap"] == round(own - one.data.score.percent, 1)
    sheet = openpyxl.load_workbook(w["tmp"] / "汇总.xlsx")["督查复核"]
    cells = [v for row in sheet.iter_rows(values_only=True) for v in row]
    assert cells.count("学区") == 1 and cells.count("教育局") == 1 and BUREAU[0] in cells

    # collecting the same stick again files nothing twice
    assert "此前已归档 2 份" in collect(bureau, stick, trust, capsys)

    # the 学区 reviews again (the school fixed the fees) and exports: the new file supersedes, the old one is kept
    fixed = {"answers": [{"item": "s2.fees", "value": 0}], "problems": FIRST["problems"]}
    assert cli(w["unit"], "review", "answer", "1", "--file", str(write(w["tmp"] / "fixed.json", fixed))) == 0
    stick2 = w["tmp"] / "stick2"
    stick2.mkdir()
    capsys.readouterr()
    assert cli(w["unit"], "review", "export", "1", "--out", str(stick2), "--json") == 0
    again = review_service.verify_review(Path(json.loads(capsys.readouterr().out)["path"]), [unit_pem])
    assert again.data is not None and again.data.review_id == one.data.review_id
    assert again.data.score.percent != one.data.score.percent
    assert "已归档督查意见 1 份" in collect(bureau, stick2, trust, capsys)
    levels = status(bureau, capsys)["reviewed"][0]["levels"]
    assert [(v["level"], v["percent"]) for v in levels] == [
        ("教育局", two.data.score.percent),
        ("学区", again.data.score.percent),
    ]
    capsys.readouterr()
    assert cli(bureau, "round", "history", "--period", PERIOD, "--checklist", "mini", "--school", SCHOOL[1]) == 0
    lines = [x for x in capsys.readouterr().out.splitlines() if x.startswith("督查意见")]
    assert [x.split("\t")[0] + x.split("\t")[2] for x in lines].count("督查意见 已被取代学区") == 1 and len(lines) == 3
    with Desk.open(bureau) as desk:
        history = desk.review_history(SCHOOL[1], PERIOD, "mini")
    assert sorted((level, current) for _, level, _, current, _ in history) == [
        ("学区", False),
        ("学区", True),
        ("教育局", True),
    ]
    # the same with --json: the reports, then every review filed (current and superseded) with what the text shows
    assert cli(bureau, "round", "history", "--period", PERIOD, "--checklist", "mini", "--school", SCHOOL[1], "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [h["kind"] for h in listed] == ["report", "review", "review", "review"]
    shown = [r for r in listed if r["kind"] == "review"]
    assert [(r["level"], r["current"]) for r in shown] == [(level, current) for _, level, _, current, _ in history]
    assert {r["sha256"] for r in shown} == {again.sha256, one.sha256, two.sha256}
    assert {r["report_fingerprint"] for r in shown} == {one.data.report.data_fingerprint}
    assert all(r["reviewer"] and r["filed_at"] and r["unit"] for r in shown)
    for r in shown:  # each in the text output too: level, unit, file, reviewer, filed time
        assert f"{r['level']}\t{r['unit']}\t{r['file']}\t{r['reviewer']}\t归档于 {r['filed_at']}" in "\n".join(lines)

    # the school imports both levels: side by side, and the problems each raised in its ledger
    school, pems = w["school"], ("--trust", str(w["unit_pem"]), "--trust", str(trust / "督查单位" / "jyj.pem"))
    assert cli(school, "review", "import", str(w["first"]), *pems) == 0
    assert cli(school, "review", "import", str(second), *pems) == 0
    capsys.readouterr()
    assert cli(school, "inspection", "show", "1", "--json") == 0
    shown = {r["level"]: r for r in json.loads(capsys.readouterr().out)["reviews"]}
    assert set(shown) == {"学区", "教育局"}
    assert shown["学区"]["worse"] == ["s1.study", "s2.fees"]
    assert shown["教育局"]["worse"] == ["s1.study", "s2.score"]
    study = {lv: next(i for i in r["items"] if i["item"] == "s1.study") for lv, r in shown.items()}
    assert (study["学区"]["result"], study["教育局"]["result"]) == ("部分落实", "否")
    assert shown["教育局"]["school_points"] == shown["学区"]["school_points"] == 35
    assert cli(school, "inspection", "show", "1") == 0
    text = capsys.readouterr().out
    assert f"督评（学区，{UNIT[0]}）" in text and f"督评（教育局，{BUREAU[0]}）" in text
    with Store.open(school) as store:
        raised = [p.description for p in store.problems() if p.source == "review"]
    assert sum(d.startswith(f"【督查·教育局·{BUREAU[0]}】") for d in raised) == 2  # study, score (with its finding)
    assert sum(d.startswith(f"【督查·学区·{UNIT[0]}】") for d in raised) == 4
    assert any("档案未按年度装订" in d for d in raised)


def test_reviews_that_cannot_be_filed_are_listed_with_the_reason(
    two_levels: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    w = two_levels
    tmp, first = w["tmp"], w["first"]
    only = tmp / "只有督查意见"
    only.mkdir()
    shutil.copy(first, only / "1督查意见.pdf")
    shutil.copy(first, only / "2副本.pdf")  # the same file twice counts once
    tampered = bytearray(first.read_bytes())
    tampered[tampered.index(b"/Title") + 8] ^= 0x01
    (only / "改过的.pdf").write_bytes(bytes(tampered))

    # a desk that holds no report of that school: the review is listed, not filed
    empty = tmp / "另一台账"
    out = collect(empty, only, w["trust"], capsys)
    assert "已归档督查意见 0 份" in out and "所督查的报告不在台账中 1 份" in out
    assert "1督查意见.pdf: 督查意见（学区，紫阳县城关学区）所督查的报告" in out and "不在教育局台账中" in out
    assert "2副本.pdf" not in out
    assert "改过的.pdf: 督查意见未通过验证" in out
    with Desk.open(empty) as desk:
        assert desk.conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 0

    # no reviewing unit's certificate: intact, but not filed, and it says where the certificates go
    schools_only = tmp / "只有学校证书"
    schools_only.mkdir()
    shutil.copy(w["school_pem"], schools_only / "school.pem")
    out = collect(tmp / "台账3", w["stick"], schools_only, capsys)
    assert "现行报告 1 份" in out and "督查单位" in out and "签名完好，但没有督查单位的证书可核对，未归档" in out
    # a school's certificate is not a reviewer's: given as the reviewers' folder, the review's signer does not match
    out = collect(tmp / "台账4", w["stick"], schools_only, capsys, "--reviewers", str(schools_only))
    assert "督查意见未通过验证" in out and "已归档督查意见" not in out
    # a reviewers' folder holding something else than certificates is a message naming the file
    junk = tmp / "杂物"
    junk.mkdir()
    (junk / "readme.pem").write_text("不是证书", encoding="utf-8")
    capsys.readouterr()
    assert cli(tmp / "台账5", "bureau", "collect", str(w["stick"]), "--trust", str(w["trust"]), "--reviewers", str(junk)) == 1
    err = capsys.readouterr().err
    assert "readme.pem" in err and "Traceback" not in err

"""对标四查 end to end through the CLI, with real keys and real signed files: a school exports its signed report; a
学区 (its own data folder, its own key) verifies it and reviews it at two levels; each review is exported as a signed
督查意见; the school imports them: 自评 and 督评 side by side, and a ledger problem (source 督查) for every item the
reviewer found worse, once however often the file is imported. Tampered, untrusted and misdirected reviews are
refused with a Chinese reason and nothing stored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from selfcheck.cli.main import main
from selfcheck.reports import review_service
from selfcheck.storage import Store
from tests.conftest import DATA

PASSPHRASE = "correct horse battery staple"
SCHOOL = ("城关第一小学", "3101010001")
UNIT = ("紫阳县城关学区", "XQ-0101")


def cli(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


def write(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


def last_line(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().out.strip().splitlines()[-1]


@pytest.fixture
def world(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """The school's folder with a signed export, the reviewing unit's folder, both certificates, the stick."""
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", PASSPHRASE)
    school, unit, stick = tmp_path / "school", tmp_path / "xuequ", tmp_path / "stick"
    stick.mkdir()
    assert cli(school, "school", "set", "--name", SCHOOL[0], "--code", SCHOOL[1], "--principal", "王校长") == 0
    assert cli(school, "keys", "init") == 0
    assert cli(school, "checklist", "import", "--allow-unsigned", str(DATA / "mini.yaml")) == 0
    assert cli(school, "inspection", "new", "--template", "mini", "--period", "2026年秋季学期") == 0
    answers = [
        {"item": "s1.study", "option": "yes"},
        {"item": "s1.count", "value": 12},
        {"item": "s2.firstask", "option": "good"},
        {"item": "s2.fees", "value": 0},
        {"item": "s2.score", "value": 5},
        {"item": "s2.tutoring", "option": "none"},
    ]
    assert cli(school, "inspection", "answer", "1", "--file", str(write(tmp_path / "a.json", {"answers": answers}))) == 0
    capsys.readouterr()
    assert cli(school, "report", "export", "1", "--out", str(stick), "--json") == 0
    report = Path(json.loads(capsys.readouterr().out)["path"])
    assert cli(school, "keys", "export-cert", "--out", str(tmp_path / "school.pem")) == 0

    assert cli(unit, "school", "set", "--name", UNIT[0], "--code", UNIT[1], "--principal", "赵主任", "--kind", "学区") == 0
    assert cli(unit, "keys", "init") == 0
    assert cli(unit, "checklist", "import", "--allow-unsigned", str(DATA / "mini.yaml")) == 0
    assert cli(unit, "keys", "export-cert", "--out", str(tmp_path / "unit.pem")) == 0
    capsys.readouterr()
    return {"school": school, "unit": unit, "stick": stick, "report": report, "tmp": tmp_path,
            "school_pem": tmp_path / "school.pem", "unit_pem": tmp_path / "unit.pem"}  # fmt: skip


def review(world: dict[str, Path], capsys: pytest.CaptureFixture[str], level: str, answers: dict[str, Any]) -> Path:
    """The unit reviews the school's report at `level` and exports the signed review; its path."""
    unit = world["unit"]
    pem = str(world["school_pem"])
    assert cli(unit, "review", "new", str(world["report"]), "--level", level, "--reviewer", "李督学", "--trust", pem) == 0
    rid = last_line(capsys)
    assert cli(unit, "review", "answer", rid, "--file", str(write(world["tmp"] / f"r{rid}.json", answers))) == 0
    capsys.readouterr()
    assert cli(unit, "review", "export", rid, "--out", str(world["stick"]), "--json") == 0
    return Path(json.loads(capsys.readouterr().out)["path"])


FIRST = {
    "answers": [
        {"item": "s1.study", "option": "partial", "note": "缺 3 次学习记录"},  # worse: 5 < 10
        {"item": "s2.firstask", "option": "good"},  # the same
        {"item": "s2.fees", "value": 1},  # worse: a fee not published
    ],
    "problems": [{"item": "s2.firstask", "description": "首问登记簿未按日填写"}, {"description": "校务公开栏内容陈旧"}],
    "opinion": "经督查，该校自查基本属实。\n请对督查发现的问题限期整改。",
}
SECOND = {"answers": [{"item": "s2.score", "value": 3, "note": "档案未分类"}]}  # worse: 3 < 5


def test_school_report_reviewed_at_two_levels_and_imported_back(
    world: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    first = review(world, capsys, "学区", FIRST)
    second = review(world, capsys, "干部抽查", SECOND)

    # the reviewer's side: the review names the report by the SHA-256 of the signed file, and carries the earlier one
    unit_cert = world["unit_pem"].read_bytes()
    one = review_service.verify_review(first, [unit_cert])
    two = review_service.verify_review(second, [unit_cert])
    assert one.ok and two.ok and one.data is not None and two.data is not None, (one.reason_en, two.reason_en)
    import hashlib

    assert one.data.report.sha256 == hashlib.sha256(world["report"].read_bytes()).hexdigest()
    assert one.data.reviewer.name == UNIT[0] and one.data.reviewer.kind == "学区"
    assert [i.id for i in one.data.items if i.worse] == ["s1.study", "s2.fees"]
    # 督评: what the reviewer looked at as found (study 5 of 10, fees 8 of 10), the rest (未查) as the school rated it
    assert one.data.school_score.points == 35 and one.data.score.points == 28
    assert [(e.level, e.reviewer) for e in two.data.earlier] == [("学区", UNIT[0])]
    from selfcheck.reports import verify

    assert verify.verify(first.read_bytes(), [unit_cert]).code == "no_data"  # a review is not a report
    by_id = {i.id: i for i in one.data.items}
    assert (by_id["s1.study"].school_result, by_id["s1.study"].result) == ("是", "部分落实")

    # the bureau, another unit in its own folder, reviews the same report and carries the 学区's review (verified)
    bureau = world["tmp"] / "bureau"
    assert (
        cli(bureau, "school", "set", "--name", "紫阳县教育局", "--code", "JYJ-01", "--principal", "周局长", "--kind", "教育局")
        == 0
    )
    assert cli(bureau, "keys", "init") == 0
    assert cli(bureau, "checklist", "import", "--allow-unsigned", str(DATA / "mini.yaml")) == 0
    trust = ("--trust", str(world["school_pem"]), "--trust", str(world["unit_pem"]))
    args = ("review", "new", str(world["report"]), "--level", "教育局", "--reviewer", "周督学", *trust)
    assert cli(bureau, *args, "--earlier", str(world["report"])) == 1  # a report is not a review
    assert "此前的督查意见未通过验证" in capsys.readouterr().err
    assert cli(bureau, *args, "--earlier", str(first)) == 0
    capsys.readouterr()
    assert cli(bureau, "review", "export", "1", "--out", str(world["tmp"]), "--json") == 0
    third = review_service.verify_review(Path(json.loads(capsys.readouterr().out)["path"]), [])
    assert third.ok and third.data is not None and third.trusted is None
    assert [(e.level, e.reviewer, e.points) for e in third.data.earlier] == [("学区", UNIT[0], 28)]

    # the PDF reads as a 督查意见: the title, the unit, the school's answer beside the reviewer's
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(first).pages)
    for words in ("督查意见", UNIT[0], "督查情况对照表", "自查情况", "督评得分", "2026年11月20日", "部分落实"):
        assert words in text.replace(" ", "").replace("\n", ""), words

    # the school imports both: side by side, and the ledger
    school, pem = world["school"], str(world["unit_pem"])
    capsys.readouterr()
    assert cli(school, "review", "import", str(first), "--trust", pem, "--json") == 0
    done = json.loads(capsys.readouterr().out)
    assert done["new"] is True and len(done["raised"]) == 4  # study, fees, firstask (found), the overall problem
    assert cli(school, "review", "import", str(second), "--trust", pem) == 0
    capsys.readouterr()
    assert cli(school, "review", "import", str(first), "--trust", pem, "--json") == 0  # again: nothing twice
    again = json.loads(capsys.readouterr().out)
    assert again["new"] is False and again["raised"] == []

    capsys.readouterr()
    assert cli(school, "inspection", "show", "1", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    reviews = {r["level"]: r for r in shown["reviews"]}
    assert set(reviews) == {"学区", "干部抽查"}
    district = reviews["学区"]
    assert district["reviewer"] == UNIT[0] and district["school_points"] == 35 and district["points"] == 28
    items = {i["item"]: i for i in district["items"]}
    assert items["s1.study"]["worse"] and items["s1.study"]["result"] == "部分落实" and items["s1.study"]["earned"] == 5
    assert (items["s1.study"]["option"], items["s1.study"]["note"]) == ("partial", "缺 3 次学习记录")
    assert not items["s2.firstask"]["worse"] and items["s2.score"]["earned"] is None  # not looked at
    assert reviews["干部抽查"]["worse"] == ["s2.score"]

    capsys.readouterr()
    assert cli(school, "inspection", "show", "1") == 0  # the text a person reads
    assert "督评（学区，紫阳县城关学区）：28 / 35" in capsys.readouterr().out
    assert cli(school, "review", "list") == 0 and cli(school, "review", "show", str(district["id"])) == 0
    shown_text = capsys.readouterr().out
    assert "收到\t学区" in shown_text and "✗ s1.study" in shown_text
    assert cli(world["unit"], "review", "show", "1") == 0
    assert "✗ 1.1 自查：是（10） 督查：部分落实（5）" in capsys.readouterr().out

    with Store.open(school) as store:
        problems = [p for p in store.problems() if p.source == "review"]
        assert len(problems) == 5
        texts = {p.item_id: p.description for p in problems}
        assert texts["s1.study"].startswith("【督查·学区·紫阳县城关学区】") and "缺 3 次学习记录" in texts["s1.study"]
        assert "首问登记簿未按日填写" in texts["s2.firstask"] and "档案未分类" in texts["s2.score"]
        assert any(p.item_id is None and "校务公开栏" in p.description for p in problems)
        assert all(p.inspection_id == 1 for p in problems)

    # the next report shows them: 附件2 lists the 督查 problems
    assert cli(school, "inspection", "reopen", "1") == 0
    assert cli(school, "report", "export", "1", "--out", str(world["tmp"] / "next.pdf"), "--json") == 0
    capsys.readouterr()
    result = verify.verify((world["tmp"] / "next.pdf").read_bytes(), [world["school_pem"].read_bytes()])
    assert result.ok and result.data is not None
    listed = [p["description"] for p in result.data["problems"] if p["source"] == "review"]
    assert len(listed) == 5
    text = "".join(page.extract_text() for page in PdfReader(world["tmp"] / "next.pdf").pages).replace(" ", "")
    assert "首问登记簿未按日填写" in text


def test_tampered_untrusted_and_misdirected_reviews_are_refused(
    world: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = review(world, capsys, "学区", FIRST)
    school, pem = world["school"], str(world["unit_pem"])

    def refused(folder: Path, file: Path, trust: str, words: str) -> None:
        assert cli(folder, "review", "import", str(file), "--trust", trust) == 1
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err, err

    tampered = tmp_path / "tampered.pdf"
    raw = bytearray(good.read_bytes())
    at = raw.index(b"/Title") + 8  # a byte of the document information, inside the signed range
    raw[at] ^= 0x01
    tampered.write_bytes(bytes(raw))
    refused(school, tampered, pem, "未通过验证")
    appended = tmp_path / "appended.pdf"
    appended.write_bytes(good.read_bytes() + b"\n% appended\n")
    refused(school, appended, pem, "未通过验证")
    refused(school, good, str(world["school_pem"]), "未通过验证")  # signed by a unit the school does not trust
    # a report is not a review
    refused(school, world["report"], str(world["school_pem"]), "未通过验证")

    other = tmp_path / "other-school"  # another school: the review is not of its report
    assert cli(other, "school", "set", "--name", "城关第二小学", "--code", "3101010002", "--principal", "刘校长") == 0
    refused(other, good, pem, "不是本校")
    twin = tmp_path / "same-code-no-export"  # the same school on a PC that never exported that report
    assert cli(twin, "school", "set", "--name", SCHOOL[0], "--code", SCHOOL[1], "--principal", "王校长") == 0
    assert cli(twin, "checklist", "import", "--allow-unsigned", str(DATA / "mini.yaml")) == 0
    refused(twin, good, pem, "不是本机导出的签名报告")
    for folder in (school, other, twin):
        with Store.open(folder) as store:
            assert store.review_list() == [] and [p for p in store.problems() if p.source == "review"] == []


def test_a_review_needs_a_trusted_school_report(world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    unit = world["unit"]
    assert cli(unit, "school", "show", "--json") == 0 and json.loads(capsys.readouterr().out)["kind"] == "学区"
    assert cli(unit, "school", "set", "--name", UNIT[0], "--code", UNIT[1], "--principal", "赵", "--kind", "公司") == 1
    assert "单位类别应为" in capsys.readouterr().err
    with Store.open(unit) as store:
        profile = store.school()
        assert profile is not None and profile.principal == "赵主任"  # nothing saved
    args = ("review", "new", str(world["report"]), "--level", "学区", "--reviewer", "李督学")
    assert cli(unit, *args) == 1
    assert "--trust" in capsys.readouterr().err
    assert cli(unit, *args, "--trust", str(world["unit_pem"])) == 1  # not the school's certificate
    assert "未通过验证" in capsys.readouterr().err
    assert cli(unit, *args, "--trust", str(world["school_pem"])) == 0
    capsys.readouterr()
    assert cli(unit, *args, "--trust", str(world["school_pem"])) == 1  # the same level twice
    assert "已有这份报告的学区督查" in capsys.readouterr().err
    bad = write(world["tmp"] / "bad.json", {"answers": [{"item": "nope", "option": "yes"}], "problems": [{"item": "x"}]})
    assert cli(unit, "review", "answer", "1", "--file", str(bad)) == 1
    err = capsys.readouterr().err
    assert "bad.json" in err and "answers[0]" in err and "problems[0]" in err
    with Store.open(unit) as store:
        assert store.review_answers(1) == {} and store.review_problems(1) == []

"""The data behind the newer screens' screenshots (scripts/screenshots.py), made through the stores' public API as a
school, a 学区 and a county bureau would make it: a school's clues at several stages and its responsibility list
with progress, a 学区's review of the school's signed report (and a 督查组's after it), the bureau's desk with one
round filed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from selfcheck.core import clock
from selfcheck.core.clues import Stage
from selfcheck.core.desk import FiledProblem, RosterEntry, SectionScore, Submission
from selfcheck.reports import review_service, service
from selfcheck.storage import Store
from selfcheck.storage.desk import Desk


def days(n: int) -> dt.date:
    return clock.today() + dt.timedelta(days=n)


def clues(store: Store) -> None:
    """Five clues: one just received, one being checked, one found true and handled, one answered, one concluded."""
    c1 = store.add_clue(
        "家长来电", days(-49), "反映五年级数学教师暑期在校外有偿补课", contact="13857612345", staff="五年级数学教师刘某"
    )
    store.record_clue_stage(c1.id, Stage.CHECKED, day=days(-42), finding="属实", checked_by="王芳（副校长）")
    store.raise_problem_from_clue(
        c1.id,
        "教师暑期有偿补课",
        measure="责令停止补课并退还费用，全校通报",
        owner="王芳",
        department="教务处",
        deadline=days(20),
    )
    store.record_clue_stage(
        c1.id, Stage.HANDLED, day=days(-35), handling="退还补课费 2400 元，全校通报", accountability="诫勉谈话"
    )
    store.record_clue_stage(c1.id, Stage.ANSWERED, day=days(-30), answer="电话告知家长核查和处理结果，家长表示满意")
    c2 = store.add_clue("12345热线", days(-32), "反映学校食堂饭菜分量不足、价格偏高", contact="13957698765")
    store.record_clue_stage(c2.id, Stage.CHECKED, day=days(-25), finding="部分属实", checked_by="赵强（总务主任）")
    store.raise_problem_from_clue(
        c2.id,
        "食堂菜品定价未经膳食委员会审议",
        measure="膳食委员会每月审议菜价并公示",
        owner="赵强",
        department="总务处",
        deadline=days(9),
    )
    c3 = store.add_clue("家长来信", days(-21), "反映三年级二班收取班费未公示", staff="三年级二班班主任")
    store.record_clue_stage(c3.id, Stage.CHECKED, day=days(-17), finding="不属实", checked_by="李华（政教主任）")
    store.record_clue_stage(c3.id, Stage.ANSWERED, day=days(-15), answer="当面向家长说明：班费为家委会自管，账目已在群内公示")
    store.record_clue_stage(c3.id, Stage.CONCLUDED, day=days(-14))
    c4 = store.add_clue("校长信箱", days(-6), "反映放学时校门口接送车辆拥堵，无人疏导", channel="来信")
    store.record_clue_stage(c4.id, Stage.CHECKED, day=days(-2), finding="属实", checked_by="李华（政教主任）")
    store.add_clue("家长来访", days(-1), "反映课后服务收费项目和标准不清楚", contact="13600578120")


def tasks(store: Store) -> None:
    """A responsibility list: tasks from the ledger's problems and standalone ones, with dated progress; the rhythm."""
    plan = [
        (
            "建立教师师德档案，一人一档",
            "全体教师档案齐全，学期末考核",
            "王芳",
            "教务处",
            25,
            [(30, -40, "完成档案模板"), (70, -12, "已建档 46 人")],
        ),
        ("课后服务收费项目和标准公示", "校门口公示栏、学校网站同步公示", "赵强", "总务处", -4, [(40, -20, "公示内容已拟定")]),
        ("校门口上下学时段交通疏导", "每天 2 名教师值守，家委会协助", "李华", "政教处", 10, [(50, -3, "排定值守表")]),
        (
            "落实首问负责制，来访来电登记",
            "来访登记簿增加“办理结果”栏",
            "陈明",
            "校长办公室",
            40,
            [(100, -8, "登记簿已更换并启用")],
        ),
        ("每月开展一次作风建设自查", "每月 25 日前完成并留存记录", "王芳", "教务处", 3, []),
    ]
    for title, standard, owner, department, due, progress in plan:
        task = store.add_task(title, standard=standard, owner=owner, department=department, deadline=days(due), set_on=days(-60))
        for percent, on, note in progress:
            store.add_progress(task.id, percent=percent, note=note, on=days(on))
    for problem in sorted(store.problems(), key=lambda p: p.id)[-3:]:  # this term's, not the bench's old ones
        store.add_task(None, standard="整改到位并留存照片", owner=problem.owner, deadline=problem.deadline, problem_id=problem.id)
    store.set_rhythm(
        monthly=True, quarterly=True, half_year=True, monthly_checklist="wuchawukan", since=dt.date(clock.today().year, 9, 1)
    )


def reviews(school: Store, report: Path, folder: Path, stick: Path, passphrase: str) -> tuple[Store, Path, Path]:
    """A 学区 reviews the school's signed report and exports its 督查意见 (the school imports it); a 督查组 then
    starts its own review in the same folder, the 学区's findings beside each item. Hands back the unit's store, the
    review file and its certificate."""
    unit = Store.open(folder)
    unit.set_school("临海市城关学区", "XQ-331082", "周建国", "临海市城关镇人民路 6 号")
    unit.set_unit_kind("学区")
    service.init_keys(unit, passphrase)
    trusted = [service.certificate(school)[0]]
    review = review_service.start_review(unit, report, level="学区", people=["周建国", "吴晓燕"], trusted=trusted)
    template = unit.checklist(review.template_id, review.template_version)
    found = {
        3: ("学习笔记抽查 6 本，2 本不全", "教师政治学习笔记不全"),
        7: ("家长座谈会无签到表", None),
        12: ("考勤记录 10 月缺页", "教师考勤记录缺页"),
    }
    answers: list[dict[str, Any]] = []
    problems = []
    for n, item in enumerate(template.items()[:24]):
        options = template.options_for(item)
        if item.type != "choice":
            answers.append({"item": item.id, "value": 3 if n in found else 4})
        elif n in found:
            worse = next((o for o in options[1:] if not o.not_applicable), options[-1])
            answers.append({"item": item.id, "option": worse.key, "note": found[n][0]})
        else:
            answers.append({"item": item.id, "option": options[0].key})
        if n in found and found[n][1]:
            problems.append({"item": item.id, "description": found[n][1]})
    unit.save_review_answers(review.id, answers, problems=problems, opinion="学校自查认真，个别台账不全，限期整改。")
    file = review_service.export_review(unit, review.id, stick, passphrase=passphrase).path
    cert = folder / "学区证书.pem"
    cert.write_bytes(service.certificate(unit)[0])
    review_service.import_review(school, file, [cert.read_bytes()])
    later = review_service.start_review(
        unit, report, level="督查组", people=["钱立新"], trusted=[*trusted, cert.read_bytes()], earlier=[file]
    )
    first = template.items()[:6]
    unit.save_review_answers(
        later.id,
        [
            {"item": i.id, "option": template.options_for(i)[0].key} if i.type == "choice" else {"item": i.id, "value": 4}
            for i in first
        ],
    )
    return unit, file, cert


SCHOOLS = [
    ("临海市城关第一小学", "3310820001", "城关学区"),
    ("临海市城关第二小学", "3310820002", "城关学区"),
    ("临海市回浦实验小学", "3310820003", "城关学区"),
    ("临海市大洋小学", "3310820004", "大洋学区"),
    ("临海市大洋中学", "3310820005", "大洋学区"),
    ("临海市江南中学", "3310820006", "江南学区"),
    ("临海市江南小学", "3310820007", "江南学区"),
    ("临海市杜桥小学", "3310820008", "杜桥学区"),
    ("临海市杜桥中学", "3310820009", "杜桥学区"),
    ("临海市白水洋小学", "3310820010", "白水洋学区"),
]


def desk(folder: Path, period: str, template: Any) -> Store:
    """A county bureau's data folder: its roster of ten schools, nine of them filed for the round (one missing)."""
    bureau = Store.open(folder)
    bureau.set_school("临海市教育局", "JYJ-331082", "孙立平", "临海市东方大道 1 号")
    bureau.set_unit_kind("教育局")
    sections = [(s.title, len(s.items) * 4.0) for s in template.sections]
    total = sum(m for _, m in sections)
    tz = dt.timezone(dt.timedelta(hours=8))
    owners = [("王主任", "办公室"), ("李老师", "教务处"), ("张老师", "总务处")]
    problems_text = ["教师学习笔记不全", "家长座谈会无签到表", "收费公示不及时", "考勤记录缺页", "食堂台账不全"]

    def submission(k: int, name: str, code: str) -> Submission:
        lost = [min(m / 2, (k * 5 + s * 3) % 7 * (1 + k % 4)) for s, (_, m) in enumerate(sections)]
        scores = tuple(SectionScore(t, m - lost[s], m) for s, (t, m) in enumerate(sections))
        points = sum(s.earned for s in scores)
        day = days(-20 + k)
        problems = tuple(
            FiledProblem(
                problems_text[(k + p) % 5],
                owner=owners[p % 3][0],
                department=owners[p % 3][1],
                deadline=days(-5 + 12 * p - k).isoformat(),
                status=("open", "in_progress", "fixed")[(k + p) % 3],
            )
            for p in range(k % 4)
        )
        percent = round(100 * points / total, 1)
        return Submission(
            sha256=f"shots-{code}",
            path=f"U盘/{name}.pdf",
            code=code,
            school=name,
            checklist_id=template.id,
            checklist_version=template.version,
            checklist_title=template.title,
            period=period,
            generated_at=dt.datetime(day.year, day.month, day.day, 9, 30, tzinfo=tz),
            document_id=f"shots-doc-{code}",
            fingerprint=f"shots-fp-{code}",
            signer="shots",
            points=points,
            max=total,
            percent=percent,
            grade="优秀" if percent >= 90 else "良好" if percent >= 80 else "合格",
            vetoed=False,
            sections=scores,
            problems=problems,
        )

    with Desk.open(folder) as d:
        d.import_roster(
            [RosterEntry(code, name, district, "小学" if "小学" in name else "初中") for name, code, district in SCHOOLS],
            "名册.xlsx",
        )
        d.file_reports([submission(k, name, code) for k, (name, code, _) in enumerate(SCHOOLS) if k != 6], "U盘")
    return bureau

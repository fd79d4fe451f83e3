"""CLI commands: the clue register (问题线索): `clue add|update|raise-problem|list|show|tally|export`."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selfcheck.core.clues import Clue
    from selfcheck.storage import Store

HERE = "selfcheck.cli.cmd_clue"


def register(groups: dict[str, Any]) -> None:
    """Add the `clue` group."""
    from selfcheck.cli.main import record_id
    from selfcheck.cli.zh_argparse import Parser

    clue = groups["top"].add_parser("clue", help="问题线索 / clues from parents and the public")
    sub = clue.add_subparsers(dest="cmd", required=True, parser_class=Parser)
    s = sub.add_parser("add", help="受理线索（最后一行输出线索编号）")
    _options(
        s,
        ("--source!", "TEXT", "来源，如 家长来电、学生来信、12345转办"),
        ("--channel", "渠道", "电话 / 来信 / 来访 / 热线 / 12345（默认从来源看出）"),
        ("--received!", "D", "受理日期，如 2026-11-20"),
        ("--summary!", "TEXT", "反映的问题"),
        ("--contact", "TEXT", "反映人联系方式（保密：列表中只显示部分，报告和导出中不出现）"),
        ("--staff", "NAME", "涉及人员"),
    )
    s.set_defaults(func=f"{HERE}:clue_add")
    s = sub.add_parser("update", help="记录办理阶段：核查 → 处理 → 答复 → 办结；或更正登记的内容")
    s.add_argument("clue_id", type=record_id, metavar="ID")
    _options(
        s,
        ("--stage", "阶段", "核查 / 处理 / 答复 / 办结"),
        ("--summary", "TEXT", "更正反映内容（不带 --stage 时）"),
        ("--contact", "TEXT", "更正联系方式（空字符串清除）"),
        ("--staff", "NAME", "更正涉及人员（空字符串清除）"),
        ("--finding", "结论", "核查结论：属实 / 部分属实 / 不属实"),
        ("--checked-by", "NAME", "核查人"),
        ("--handling", "TEXT", "处理情况"),
        ("--accountability", "TEXT", "追责问责：谈话提醒 / 批评教育 / 诫勉 / 处分，或其他说明"),
        ("--answer", "TEXT", "如何答复反映人"),
        ("--answered-on", "D", "答复日期（默认今天）"),
        ("--date", "D", "本阶段的日期（默认今天）"),
    )
    s.set_defaults(func=f"{HERE}:clue_update")
    s = sub.add_parser("raise-problem", help="核查属实的线索登记为整改问题（最后一行输出问题编号）")
    s.add_argument("clue_id", type=record_id, metavar="ID")
    _options(
        s,
        ("--description", "TEXT", "问题描述（默认为线索内容）"),
        ("--measure", "TEXT", "整改措施"),
        ("--owner", "NAME", "责任人"),
        ("--department", "NAME", "责任部门"),
        ("--deadline", "D", "整改期限"),
    )
    s.set_defaults(func=f"{HERE}:clue_raise_problem")
    s = sub.add_parser("list", help="线索登记簿（联系方式只显示部分）")
    s.add_argument("--stage", metavar="阶段", help="只列出某一阶段：受理 / 核查 / 处理 / 答复 / 办结")
    _received_between(s)
    _reveal_contact(s)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=f"{HERE}:clue_list")
    s = sub.add_parser("show", help="一件线索的全部办理记录")
    s.add_argument("clue_id", type=record_id, metavar="ID")
    _reveal_contact(s)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=f"{HERE}:clue_show")
    s = sub.add_parser("tally", help="某一时段的线索统计（受理、属实、追责问责、办结、正在办理）")
    _received_between(s)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=f"{HERE}:clue_tally")
    s = sub.add_parser("export", help="导出问题线索台账（Excel，可打印；最后一行输出文件路径）")
    _received_between(s)
    s.add_argument("--out", required=True, metavar="PATH", help="文件夹（自动起名），或以 .xlsx 结尾的文件名")
    s.add_argument("--with-contacts", action="store_true", help="包含反映人完整联系方式（注意保密；默认只显示部分）")
    s.add_argument("--overwrite", action="store_true", help="允许覆盖同名文件")
    s.set_defaults(func=f"{HERE}:clue_export")


def _options(s: argparse.ArgumentParser, *options: tuple[str, str, str]) -> None:
    """Text options as (flag, metavar, help), a flag ending in "!" required; then --json."""
    for flag, metavar, help_text in options:
        s.add_argument(flag.rstrip("!"), required=flag.endswith("!"), metavar=metavar, help=help_text)
    s.add_argument("--json", action="store_true")


def _received_between(s: argparse.ArgumentParser) -> None:
    """--from and --to: the clues received between two days (list, tally)."""
    s.add_argument("--from", dest="date_from", metavar="D", help="受理日期从")
    s.add_argument("--to", dest="date_to", metavar="D", help="受理日期到")


def _reveal_contact(s: argparse.ArgumentParser) -> None:
    """--reveal-contact: the reporter's contact in full, for the principal's eyes only (list, show)."""
    s.add_argument("--reveal-contact", action="store_true", help="显示完整联系方式（仅限校长查看）")


def _out(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _day(text: str | None, what: str) -> Any:
    from selfcheck.core.dates import parse_date

    return parse_date(text, what) if text else None


def _line(c: Clue, reveal: bool) -> str:
    contact = (c.contact if reveal else c.masked) or "—"
    finding = c.finding or "—"
    return f"#{c.id}\t{c.received_on}\t{c.channel}\t[{c.stage.value}]\t{finding}\t{contact}\t{c.summary}"


def clue_add(args: argparse.Namespace, store: Store) -> int:
    received = _day(args.received, "受理日期")
    clue = store.add_clue(args.source, received, args.summary, contact=args.contact, staff=args.staff, channel=args.channel)
    if args.json:
        _out(clue.to_json())
    else:
        print(f"已受理线索 #{clue.id}（{clue.channel}，{clue.received_on}）：{clue.summary}")
        print(clue.id)
    return 0


def clue_update(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.core.clues import Stage
    from selfcheck.errors import RuleError

    corrections = {k: getattr(args, k) for k in ("summary", "contact", "staff") if getattr(args, k) is not None}
    if args.stage is None:
        if not corrections:
            raise RuleError(
                "请用 --stage 记录办理阶段，或用 --summary、--contact、--staff 更正登记的内容",
                "give --stage, or --summary, --contact or --staff to correct the clue",
            )
        corrected = store.correct_clue(args.clue_id, **corrections)
        if args.json:
            _out(corrected.to_json())
        else:
            print(f"线索 #{corrected.id} 已更正" if corrected.changes else "（与原内容相同，没有更改）")
        return 0
    if corrections:
        raise RuleError("更正登记内容和记录办理阶段请分两次进行", "correct the clue and record a stage separately")
    stage = Stage.parse(args.stage)
    day = _day(args.date, f"{stage.value}日期")
    if stage == Stage.ANSWERED and args.answered_on:
        day = _day(args.answered_on, "答复日期")
    given = {
        Stage.CHECKED: ("finding", "checked_by"),
        Stage.HANDLED: ("handling", "accountability"),
        Stage.ANSWERED: ("answer",),
        Stage.CONCLUDED: (),
    }.get(stage, ())
    stray = [
        f"--{k.replace('_', '-')}"
        for k in ("finding", "checked_by", "handling", "accountability", "answer")
        if getattr(args, k) is not None and k not in given
    ]
    if stray:
        raise RuleError(
            f"“{stage.value}”阶段不记录 {'、'.join(stray)}；请分步记录各阶段",
            f"the {stage.en} stage does not take {', '.join(stray)}: record each stage in turn",
        )
    clue = store.record_clue_stage(
        args.clue_id,
        stage,
        day=day,
        finding=args.finding,
        checked_by=args.checked_by,
        handling=args.handling,
        accountability=args.accountability,
        answer=args.answer,
    )
    if args.json:
        _out(clue.to_json())
    else:
        print(f"线索 #{clue.id} 已记录“{stage.value}”")
    return 0


def clue_raise_problem(args: argparse.Namespace, store: Store) -> int:
    deadline = _day(args.deadline, "整改期限")
    problem = store.raise_problem_from_clue(
        args.clue_id, args.description, measure=args.measure, owner=args.owner, department=args.department, deadline=deadline
    )
    if args.json:
        _out(problem.to_json())
    else:
        print(f"已据线索 #{args.clue_id} 登记问题 #{problem.id}：{problem.description}")
        print(problem.id)
    return 0


def clue_list(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.core.clues import Stage

    stage = Stage.parse(args.stage) if args.stage else None
    clues = store.clues(stage=stage, received_from=_day(args.date_from, "起始日期"), received_to=_day(args.date_to, "截止日期"))
    if args.json:
        _out([c.to_json(reveal_contact=args.reveal_contact) for c in clues])
        return 0
    for c in clues:
        print(_line(c, args.reveal_contact))
    if not clues:
        print("（没有线索）")
    return 0


def clue_show(args: argparse.Namespace, store: Store) -> int:
    clue = store.clue(args.clue_id)
    steps = store.clue_steps(args.clue_id)
    if args.json:
        data = clue.to_json(reveal_contact=args.reveal_contact)
        data["steps"] = [
            {"stage": s.stage.value, "day": s.day.isoformat(), "detail": s.detail, "recorded_at": s.recorded_at} for s in steps
        ]
        _out(data)
        return 0
    contact = (clue.contact if args.reveal_contact else clue.masked) or "—"
    print(f"线索 #{clue.id} [{clue.stage.value}]  {clue.source}（{clue.channel}）  受理 {clue.received_on}")
    print(f"反映内容：{clue.summary}")
    print(f"联系方式：{contact}    涉及人员：{clue.staff or '—'}")
    if clue.finding:
        print(f"核查：{clue.finding}（{clue.checked_by}，{clue.checked_on}）")
    if clue.handling:
        print(
            f"处理：{clue.handling}（{clue.handled_on}）" + (f"  追责问责：{clue.accountability}" if clue.accountability else "")
        )
    if clue.answer:
        print(f"答复：{clue.answer}（{clue.answered_on}）")
    if clue.concluded_on:
        print(f"办结：{clue.concluded_on}")
    if clue.problem_ids:
        print("整改问题：" + "、".join(f"#{p}" for p in clue.problem_ids))
    print("办理记录：")
    for s in steps:
        print(f"  {s.day}  {s.stage.value}  （记录于 {s.recorded_at}）")
    return 0


def clue_tally(args: argparse.Namespace, store: Store) -> int:
    tally = store.clue_tally(_day(args.date_from, "起始日期"), _day(args.date_to, "截止日期"))
    if args.json:
        _out(tally.to_json())
    else:
        print(tally.sentence())
    return 0


def clue_export(args: argparse.Namespace, store: Store) -> int:
    """The register of a period as a workbook: --from and --to default to this term up to today."""
    from selfcheck.core import clock
    from selfcheck.core.clues import term_start
    from selfcheck.exchange.clues_xlsx import write_register

    today = clock.today()
    end = _day(args.date_to, "截止日期") or today
    start = _day(args.date_from, "起始日期") or term_start(end)
    path = write_register(store, args.out, start, end, with_contacts=args.with_contacts, overwrite=args.overwrite, today=today)
    count = len(store.clues(received_from=start, received_to=end))
    contacts = "，含反映人联系方式，请注意保密" if args.with_contacts else "，反映人联系方式已隐去部分"
    print(f"已导出问题线索台账：{start.isoformat()} 至 {end.isoformat()} 受理 {count} 件{contacts}")
    print(path)
    return 0

"""CLI commands of the responsibility list (`task`), the cadence (`cadence`) and the quarterly summaries and
half-year assessments (`period`): registered into the parser by `register`, run by name
(`selfcheck.cli.cmd_cadence:NAME`). Each listing takes --json; each new record prints its id as its last line."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from selfcheck.cli.main import record_id

if TYPE_CHECKING:
    from selfcheck.storage import Store

M = "selfcheck.cli.cmd_cadence:"


def register(groups: dict[str, Any]) -> None:
    top = groups["top"]
    task = top.add_parser("task", help="责任清单：任务和进度 / responsibility list").add_subparsers(dest="cmd", required=True)
    s = task.add_parser("add", help="建立任务（定标准、定责任、定时间；最后一行输出任务编号）")
    s.add_argument("--title", metavar="TEXT", help="任务名称（从问题建立时默认为问题描述）")
    s.add_argument("--standard", metavar="TEXT", help="完成标准（从问题建立时默认为整改措施）")
    s.add_argument("--owner", metavar="NAME", help="责任人（从问题建立时默认为问题的责任人）")
    s.add_argument("--department", metavar="NAME", help="责任部门")
    s.add_argument("--deadline", metavar="D", help="完成时限，如 2026-12-31（从问题建立时默认为整改期限）")
    s.add_argument("--problem", type=record_id, metavar="PID", help="这项任务落实的整改台账问题")
    s.add_argument("--set-on", metavar="D", help="建立日期（默认今天；补录纸质清单时写原来的日期）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=M + "task_add")
    s = task.add_parser("progress", help="记录进展（定进度）：完成百分比、说明、佐证材料")
    s.add_argument("task_id", type=record_id, metavar="ID")
    s.add_argument("--percent", type=int, required=True, metavar="N", help="完成百分比，0 到 100")
    s.add_argument("--note", required=True, metavar="TEXT", help="做了什么")
    s.add_argument("--evidence", metavar="FILE", help="佐证材料文件（复制到数据文件夹保存）")
    s.add_argument("--date", metavar="D", help="进展日期（默认今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=M + "task_progress")
    s = task.add_parser("update", help="修改任务名称、标准、责任人、部门或时限")
    s.add_argument("task_id", type=record_id, metavar="ID")
    for flag in ("title", "standard", "owner", "department", "deadline"):
        s.add_argument(f"--{flag}", metavar="TEXT")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=M + "task_update")
    s = task.add_parser("list", help="责任清单（逾期、停滞的在前）")
    s.add_argument("--overdue", action="store_true", help="只列出逾期的任务")
    s.add_argument("--stalled", action="store_true", help="只列出 30 天以上没有进展的任务")
    s.add_argument("--problem", type=record_id, metavar="PID", help="只列出落实这个问题的任务")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=M + "task_list")
    s = task.add_parser("show", help="任务和它的全部进展")
    s.add_argument("task_id", type=record_id, metavar="ID")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=M + "task_show")

    cad = top.add_parser("cadence", help="工作节奏：月度检查、季度小结、半年考核 / cadence").add_subparsers(
        dest="cmd", required=True
    )
    s = cad.add_parser("set", help="设置本校的工作节奏（没有给出的一项即不开展）")
    s.add_argument("--monthly", metavar="CHECKLIST", help="开展月度检查，使用这个检查表（编号）")
    s.add_argument("--quarterly", action="store_true", help="每季度写季度小结")
    s.add_argument("--half-year", action="store_true", help="每半年写半年考核")
    s.add_argument("--grace-days", type=int, default=10, metavar="N", help="季度、半年结束后几天内报送（默认 10）")
    s.add_argument("--since", metavar="D", help="从哪天起计算（默认本月 1 日）")
    s.set_defaults(func=M + "cadence_set")
    s = cad.add_parser("show", help="本校的工作节奏，以及现在待完成和已逾期的事项")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=M + "cadence_show")

    per = top.add_parser("period", help="季度小结、半年考核 / period documents").add_subparsers(dest="cmd", required=True)
    s = per.add_parser("summary", help="生成季度小结或半年考核，签名后写入文件夹（U盘）；最后一行输出文件路径")
    _period_args(s)
    s.add_argument("--out", required=True, metavar="PATH", help="文件夹，或以 .pdf 结尾的文件名")
    s.add_argument("--unsigned", action="store_true", help="不签名（不计为已完成）")
    s.add_argument("--overwrite", action="store_true", help="允许覆盖同名文件")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=M + "period_summary")
    s = per.add_parser("narrative", help="正文：显示，或从文件设置（签名前由校长修改）；主送、发文字号")
    _period_args(s)
    s.add_argument("--file", metavar="F.txt", help="正文文件（UTF-8，每段一行；“一、”“（一）”开头的行是标题）")
    s.add_argument("--reset", action="store_true", help="恢复为按数据生成的正文")
    s.add_argument("--addressee", metavar="单位", help="主送机关（空字符串恢复默认）")
    s.add_argument("--number", metavar="文号", help="发文字号（空字符串去掉）")
    s.set_defaults(func=M + "period_narrative")
    s = per.add_parser("reopen", help="重新打开已签名的季度小结或半年考核（修改后重新签名；已报送的文件不变）")
    _period_args(s)
    s.set_defaults(func=M + "period_reopen")
    s = per.add_parser("list", help="已开始或已签名的季度小结和半年考核")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=M + "period_list")


def _period_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("--kind", required=True, metavar="KIND", help="季度小结 或 半年考核（或 quarterly / half_year）")
    s.add_argument("--from", dest="start", required=True, metavar="D", help="开始日期，如 2026-10-01")
    s.add_argument("--to", dest="end", required=True, metavar="D", help="结束日期，如 2026-12-31")


def _out(data: Any) -> None:
    from selfcheck.cli.commands import out

    out(data)


def _date(text: str | None, what: str) -> Any:
    from selfcheck.core.dates import parse_date

    return parse_date(text, what) if text else None


# ---- tasks ------------------------------------------------------------------------------------------------


def _print_task(task: Any, as_json: bool) -> None:
    from selfcheck.core import clock

    today = clock.today()
    if as_json:
        _out(task.to_json(today))
        return
    state = task.state(today)
    dept = f"（{task.department}）" if task.department else ""
    print(f"#{task.id} {task.title}：{state.label}，完成 {task.percent}%")
    print(f"  标准：{task.standard}；责任人：{task.owner}{dept}；时限：{task.deadline.isoformat()}")
    if task.problem_id:
        print(f"  落实问题 #{task.problem_id}")


def task_add(args: argparse.Namespace, store: Store) -> int:
    task = store.add_task(
        args.title,
        standard=args.standard,
        owner=args.owner,
        department=args.department,
        deadline=_date(args.deadline, "完成时限"),
        problem_id=args.problem,
        set_on=_date(args.set_on, "建立日期"),
    )
    _print_task(task, args.json)
    if not args.json:
        print(task.id)
    return 0


def task_progress(args: argparse.Namespace, store: Store) -> int:
    task = store.add_progress(
        args.task_id, percent=args.percent, note=args.note, on=_date(args.date, "进展日期"), evidence=args.evidence or None
    )
    _print_task(task, args.json)
    if not args.json:
        print(f"已记录进展：{task.percent}%")
    return 0


def task_update(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.errors import RuleError

    fields: dict[str, Any] = {k: getattr(args, k) for k in ("title", "standard", "owner", "department") if getattr(args, k)}
    if args.deadline:
        fields["deadline"] = _date(args.deadline, "完成时限")
    if not fields:
        raise RuleError("没有要修改的内容；请给出 --owner、--deadline 等", "nothing to change")
    task = store.update_task(args.task_id, **fields)
    _print_task(task, args.json)
    if not task.changes:
        print("（与原内容相同，没有更改）", file=sys.stderr)
    return 0


def task_list(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.core import clock
    from selfcheck.core import tasks as rules

    today = clock.today()
    tasks = sorted(store.tasks(problem_id=args.problem), key=lambda t: rules.rank(t, today))
    if args.overdue:
        tasks = [t for t in tasks if t.overdue(today)]
    if args.stalled:
        tasks = [t for t in tasks if t.stalled(today)]
    if args.json:
        _out([t.to_json(today) for t in tasks])
        return 0
    for t in tasks:
        state = t.state(today)
        flag = f"【{state.label}】" if t.overdue(today) or t.stalled(today) else state.label
        print(f"#{t.id}\t{flag}\t{t.percent}%\t{t.deadline.isoformat()}\t{t.owner}\t{t.department or '—'}\t{t.title}")
    figures = rules.figures(tasks, today)
    print(
        f"共 {figures.total} 项，已完成 {figures.done} 项，逾期 {figures.overdue} 项，停滞 {figures.stalled} 项", file=sys.stderr
    )
    return 0


def task_show(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.core import clock
    from selfcheck.core.printable import printable

    task = store.task(args.task_id)
    entries = store.progress(args.task_id)
    if args.json:
        _out({**task.to_json(clock.today()), "progress": [e.to_json() for e in entries]})
        return 0
    _print_task(task, False)
    for e in entries:
        evidence = f"（材料：{printable(e.evidence_name, 200)}）" if e.evidence_name else ""
        print(f"  {e.on.isoformat()}  {e.percent:>3}%  {e.note}{evidence}")
    if not entries:
        print("  （还没有进展记录）")
    return 0


# ---- the cadence ------------------------------------------------------------------------------------------


def cadence_set(args: argparse.Namespace, store: Store) -> int:
    rhythm = store.set_rhythm(
        monthly=bool(args.monthly),
        quarterly=args.quarterly,
        half_year=args.half_year,
        monthly_checklist=args.monthly,
        grace_days=args.grace_days,
        since=_date(args.since, "起算日期"),
    ).value
    kept = [k for k, on in (("月度检查", rhythm.monthly), ("季度小结", rhythm.quarterly), ("半年考核", rhythm.half_year)) if on]
    print(f"已设置工作节奏：{'、'.join(kept) or '（不开展）'}，自 {rhythm.since.isoformat()} 起")
    return 0


def cadence_show(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.core import clock

    today = clock.today()
    rhythm = store.rhythm()
    due = store.agenda(today)
    if args.json:
        _out(
            {
                "rhythm": None
                if rhythm is None
                else {
                    "monthly": rhythm.monthly,
                    "monthly_checklist": rhythm.monthly_checklist,
                    "quarterly": rhythm.quarterly,
                    "half_year": rhythm.half_year,
                    "grace_days": rhythm.grace_days,
                    "since": rhythm.since.isoformat(),
                },
                "due": [
                    {
                        "kind": d.kind.value,
                        "kind_label": d.kind.label,
                        "period": d.period.label,
                        "start": d.period.start.isoformat(),
                        "end": d.period.end.isoformat(),
                        "state": d.state.value,
                        "state_label": d.state.label,
                        "due_on": d.due_on.isoformat(),
                        "ref": d.ref,
                    }
                    for d in due
                ],
            }
        )
        return 0
    if rhythm is None:
        print("尚未设置工作节奏：用 selfcheck cadence set --monthly 检查表 --quarterly --half-year 设置")
        return 0
    for d in due:
        print(f"{d.state.label}\t{d.kind.label}\t{d.period.label}\t期限 {d.due_on.isoformat()}")
    if not due:
        print("现在没有待完成的事项。")
    return 0


# ---- quarterly summaries and half-year assessments --------------------------------------------------------


def _document(args: argparse.Namespace, store: Store) -> Any:
    from selfcheck.core import cadence
    from selfcheck.core.dates import parse_date
    from selfcheck.errors import RuleError
    from selfcheck.reports import period_service

    kind = cadence.Kind.parse(args.kind)
    if kind not in cadence.DOCUMENT_KINDS:
        raise RuleError("--kind 应为 季度小结 或 半年考核", "--kind must be 季度小结 or 半年考核")
    return period_service.begin(store, kind, parse_date(args.start, "开始日期"), parse_date(args.end, "结束日期"))


def period_summary(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.cli.cmd_report import export_passphrase, exported_json
    from selfcheck.reports import period_service

    document = _document(args, store)
    passphrase = export_passphrase(args, store)
    done = period_service.export(
        store, document.id, args.out, passphrase=passphrase, unsigned=args.unsigned, overwrite=args.overwrite
    )
    if args.json:
        _out(exported_json(done))
        return 0
    print(f"已生成{document.kind.label}{'并签名' if done.signed else '（未签名，不计为已完成）'}")
    if done.signed:
        print(f"签名证书指纹：{done.fingerprint}")
    print(done.path)
    return 0


def period_narrative(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.cli.cmd_report import set_or_show_text, text_fields
    from selfcheck.reports import period_service

    document = _document(args, store)
    return set_or_show_text(
        text_fields(args),
        lambda **given: store.set_period_text(document.id, **given),
        lambda: period_service.narrative(store, document.id),
        "已保存，下次生成时使用。",
        "按数据生成的正文：可另存为文件，修改后用 --file 设置",
    )


def period_reopen(args: argparse.Namespace, store: Store) -> int:
    document = store.reopen_period_document(_document(args, store).id)
    print(f"已重新打开{document.kind.label}（{document.start.isoformat()} 至 {document.end.isoformat()}）：修改后请重新签名导出")
    return 0


def period_list(args: argparse.Namespace, store: Store) -> int:
    documents = store.period_documents()
    if args.json:
        _out([d.to_json() for d in documents])
        return 0
    for d in documents:
        state = f"已签名 {d.signed_at[:10]}" if d.signed_at else "未签名"
        print(f"#{d.id}\t{d.kind.label}\t{d.start.isoformat()} 至 {d.end.isoformat()}\t{state}\t{d.path or ''}")
    return 0

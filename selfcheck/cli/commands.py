"""The CLI's commands: each reads its arguments, asks the store or the core, and prints."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfcheck.core import clock
from selfcheck.errors import ChecklistError, LockedError, RuleError
from selfcheck.storage.paths import data_dir

if TYPE_CHECKING:  # the store loads when a command opens it: `checklist list` reads without it
    from selfcheck.core.records import Inspection, Problem
    from selfcheck.storage import Store

MAX_ANSWER_FILE = 16 * 1024 * 1024


def run(args: argparse.Namespace) -> int:
    """Run the command the parser named (by name, so `--version` and usage errors import nothing heavy)."""
    if ":" in args.func:  # "selfcheck.cli.cmd_x:function", imported only when that command runs
        module_name, _, name = args.func.partition(":")
        func = getattr(importlib.import_module(module_name), name)
    else:
        func = globals()[args.func]
    if getattr(args, "store", True) is False:
        return int(func(args, None))
    from selfcheck.storage import Store

    with Store.open(args.data_dir) as store:
        return int(func(args, store))


def crash_log(args: argparse.Namespace, details: str) -> Path:
    folder = data_dir(getattr(args, "data_dir", None)) / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "error.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {clock.now().isoformat()} selfcheck {' '.join(sys.argv[1:])}\n{details}\n")
        return path
    except OSError:
        return Path("(stderr)")


def out(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


# ---- school ---------------------------------------------------------------------------------------


def school_set(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.core.review import UNIT_KINDS

    if args.kind is not None and args.kind not in UNIT_KINDS:  # checked before anything is saved
        raise RuleError(f"单位类别应为 {'、'.join(UNIT_KINDS)} 之一", f"--kind must be one of {', '.join(UNIT_KINDS)}")
    images = {k: _read_image(getattr(args, f"{k}_image")) for k in ("signature", "seal") if getattr(args, f"{k}_image")}
    school = store.set_school(args.name, args.code, args.principal, args.address)
    if images:
        store.set_school_images(**images)
    if args.kind:
        store.set_unit_kind(args.kind)
    print(f"已保存学校信息：{school.name}（{school.code}），校长 {school.principal}")
    for k, label in (("signature", "签名"), ("seal", "公章")):
        if k in images:
            print(f"已保存{label}图片（{len(images[k]) // 1024} KB）")
    return 0


def _read_image(name: str) -> bytes:
    from selfcheck.core.stickfile import IMAGE_CAP, read_stick_file

    return read_stick_file(name, IMAGE_CAP, "图片", "image")  # a regular file, not a link, a FIFO or a device


def school_show(args: argparse.Namespace, store: Store) -> int:
    school = store.school()
    if school is None:
        if args.json:
            out(None)
            return 0
        raise RuleError(
            "尚未设置学校信息；请运行 selfcheck school set --name … --code … --principal …",
            "no school profile yet; run selfcheck school set",
        )
    kind = store.unit_kind()  # 学校, or a reviewing unit's kind (对标四查)
    if args.json:
        out({**school.to_json(), "kind": kind})
    else:
        print(f"学校名称：{school.name}\n学校代码：{school.code}\n校长：{school.principal}\n地址：{school.address or ''}")
        if kind != "学校":
            print(f"单位类别：{kind}")
    return 0


# ---- templates ------------------------------------------------------------------------------------


def template_validate(args: argparse.Namespace, _: None) -> int:
    from selfcheck.core.checklist_file import read_checklist  # pydantic and the YAML reader: only to read a file

    failed = 0
    for name in args.files:
        try:
            t = read_checklist(name)
        except ChecklistError as exc:
            failed += 1
            print(str(exc), file=sys.stderr)
            continue
        print(f"{name}: 有效 / valid — {t.id} {t.version}，{len(t.items())} 项，满分 {sum(i.points for i in t.items()):g}")
    if failed:
        print(f"{failed} 个文件有错误 / {failed} file(s) with errors", file=sys.stderr)
    return 1 if failed else 0


def template_import(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.exchange.checklist_import import inspect_checklist, install_checklist

    plan = inspect_checklist(store, args.file)
    print(f"来源：{plan.source_zh()} / source: {plan.source_en()}")
    done = install_checklist(store, plan, allow_unsigned=args.allow_unsigned)
    template = done.template
    if done.installed:
        print(f"已导入 {template.id} 版本 {template.version}（{template.title}，{len(template.items())} 项）")
    else:
        print(f"{template.id} 版本 {template.version} 已安装，内容相同，无需导入")
    print(f"记录为：{done.provenance.label}")
    return 0


def template_remove(args: argparse.Namespace, store: Store) -> int:
    store.remove_checklist(args.template_id, args.tversion)
    print(f"已删除检查表 {args.template_id} 版本 {args.tversion} / removed checklist {args.template_id} {args.tversion}")
    return 0


def template_list(args: argparse.Namespace, _: None) -> int:
    from selfcheck.storage.checklists import installed

    infos, origins = installed(args.data_dir)  # straight from the file, or through the store when it must open first
    if args.json:
        out([{**i.to_json(), "provenance": origins[(i.template_id, i.version)].to_json()} for i in infos])
        return 0
    for i in infos:
        origin = origins[(i.template_id, i.version)].label
        print(f"{i.template_id}\t{i.version}\t{i.items} 项\t{i.title}\t{i.issuer}\t{origin}")
    return 0


def template_show(args: argparse.Namespace, store: Store) -> int:
    template = store.checklist(args.template_id, args.tversion)
    if args.json:
        out(template.resolved())
        return 0
    print(f"{template.title}（{template.id} 版本 {template.version}，{template.issuer}，{template.effective_date} 起施行）")
    for section in template.sections:
        print(f"\n{section.title}")
        if section.look:
            print(f"  {section.look}")
        for item in section.items:
            opts = " / ".join(f"{o.key}={o.label}" for o in template.options_for(item))
            print(f"  [{item.id}] {item.text}（{item.points:g} 分，{item.type}{'：' + opts if opts else ''}）")
    return 0


def template_schema(args: argparse.Namespace, _: None) -> int:
    from selfcheck.core.checklist import json_schema

    out(json_schema())
    return 0


# ---- inspections ----------------------------------------------------------------------------------


def inspection_new(args: argparse.Namespace, store: Store) -> int:
    inspection = store.new_inspection(args.template, args.period, args.inspector, args.tversion)
    carried = store.carried(inspection.id)
    print(f"已新建自查：{inspection.period}，检查表 {inspection.template_id} 版本 {inspection.template_version}")
    if carried:
        print(f"上一轮未销号的问题 {len(carried)} 个已转入本次自查")
    print(inspection.id)
    return 0


def _checklists(store: Store) -> dict[tuple[str, str], dict[str, str]]:
    """(id, version) → the checklist as the JSON output names it, from the installed list (its hash is stored)."""
    return {
        (t.template_id, t.version): {"id": t.template_id, "version": t.version, "title": t.title, "content_hash": t.content_hash}
        for t in store.checklists()
    }


def _head(inspection: Inspection, checklist: dict[str, str]) -> dict[str, Any]:
    return {
        "id": inspection.id,
        "uid": inspection.uid,
        "template": checklist,
        "period": inspection.period,
        "inspectors": inspection.inspectors,
        "status": inspection.status,
        "created_at": inspection.created_at,
        "updated_at": inspection.updated_at,
    }


def _summary(store: Store, inspection_id: int) -> dict[str, Any]:
    inspection = store.inspection(inspection_id)
    checklist = _checklists(store)[(inspection.template_id, inspection.template_version)]
    today = clock.today()
    problems = store.problems(inspection_id=inspection_id)
    return {
        **_head(inspection, checklist),
        **store.summaries([inspection_id])[inspection_id].to_json(),
        "problems": [p.to_json(today) for p in problems],
        "carried_problems": [
            {**c.problem.to_json(today), "status_at_start": c.status_at_start.value} for c in store.carried(inspection_id)
        ],
    }


def inspection_list(args: argparse.Namespace, store: Store) -> int:
    """Every inspection with its figures: a fixed number of queries however many there are (figures from the cache)."""
    inspections = store.inspections()
    checklists = _checklists(store)
    figures = store.summaries()
    summaries = [{**_head(i, checklists[(i.template_id, i.template_version)]), **figures[i.id].to_json()} for i in inspections]
    if args.json:
        out(
            [
                {
                    k: s[k]
                    for k in ("id", "template", "period", "status", "progress", "points", "max", "percent", "grade", "updated_at")
                }
                for s in summaries
            ]
        )
        return 0
    from selfcheck.core.state import stage_label

    for inspection, s in zip(inspections, summaries, strict=True):
        pct = "—" if s["percent"] is None else f"{s['percent']:.1f}%"
        print(
            f"{s['id']}\t{s['period']}\t{s['template']['title']}\t{s['progress']['answered']}/{s['progress']['total']}"
            f"\t{pct}\t{s['grade'] or '—'}\t{stage_label(inspection)}"
        )
    return 0


def read_json_file(name: str) -> Any:
    from selfcheck.core.stickfile import read_stick_file

    try:  # a regular file only: no link followed, no FIFO blocking, at most MAX_ANSWER_FILE read
        text = read_stick_file(name, MAX_ANSWER_FILE).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RuleError(f"{name}：不是 UTF-8 编码", f"{name}: not UTF-8") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RuleError(
            f"{name}:{exc.lineno}:{exc.colno}: JSON 格式错误：{exc.msg}",
            f"{name}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}",
        ) from None
    except (RecursionError, ValueError):  # nesting too deep, or an integer of thousands of digits
        raise RuleError(f"{name}：JSON 嵌套过深或数字过长", f"{name}: JSON nested too deeply or a number too long") from None


def inspection_answer(args: argparse.Namespace, store: Store) -> int:
    data = read_json_file(args.file)
    if not isinstance(data, dict) or not isinstance(data.get("answers"), list):
        raise RuleError(
            f'{args.file}：应为 {{"answers": [{{"item": …, "option": …}}]}}',
            f'{args.file}: expected {{"answers": [{{"item": ..., "option": ...}}]}}',
        )
    try:
        changes = store.save_answers(args.inspection_id, data["answers"])
    except LockedError:
        raise
    except RuleError as exc:
        raise RuleError(f"{args.file}：{exc.zh}", f"{args.file}: {exc.en}") from None
    changed = len(changes.changes.items)  # what the store says it changed, not a second comparison here
    print(f"已保存 {len(changes)} 个答案（其中 {changed} 个有变化）")
    return 0


def inspection_show(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.core.version_move import reason_text

    s = _summary(store, args.inspection_id)
    from selfcheck.reports.review_service import side_by_side

    # Answers carried over from an older checklist version whose item changed: the principal should look again.
    s["recheck"] = [{"item": item, "reason": reason} for item, reason in store.rechecks(args.inspection_id).items()]
    # 对标四查: each review received of this inspection, 督评 beside 自评 per item and in total
    s["reviews"] = [r.to_json() for r in side_by_side(store, args.inspection_id)]
    if args.json:
        out(s)
        return 0
    pct = "—" if s["percent"] is None else f"{s['percent']:.1f}%"
    print(f"{s['template']['title']} — {s['period']}")
    print(
        f"进度 {s['progress']['answered']}/{s['progress']['total']}，得分 {s['points']:g} / {s['max']:g}（{pct}），"
        f"等次：{s['grade'] or '—'}"
    )
    if s["bonus"] or s["deduction"]:
        print(f"加分 +{s['bonus']:g}，扣分 −{s['deduction']:g}")
    if s["vetoed_by"]:
        print(f"一票否决：{', '.join(s['vetoed_by'])}")
    for sec in s["sections"]:
        print(f"  {sec['title']}：{sec['points']:g} / {sec['max']:g}（{sec['answered']}/{sec['total']}）")
    for key, heading in (("problems", "问题"), ("carried_problems", "上一轮未销号的问题")):
        if s[key]:
            print(f"{heading} {len(s[key])} 个：")
            for p in s[key]:
                print(f"  #{p['id']} [{p['status_label']}] {p['description']}")
    if s["recheck"]:
        print(f"换用新版本后需复核的答案 {len(s['recheck'])} 个：")
        for r in s["recheck"]:
            print(f"  {r['item']}：{reason_text(r['reason'])}")
    for r in s["reviews"]:
        pct = "—" if r["percent"] is None else f"{r['percent']:.1f}%"
        print(f"督评（{r['level']}，{r['reviewer']}）：{r['points']:g} / {r['max']:g}（{pct}），等次：{r['grade'] or '—'}；"
              f"与自评不符 {len(r['worse'])} 项")  # fmt: skip
    return 0


def inspection_complete(args: argparse.Namespace, store: Store) -> int:
    inspection = store.complete_inspection(args.inspection_id)
    print(f"自查 {inspection.id} 已标记完成")
    return 0


def inspection_reopen(args: argparse.Namespace, store: Store) -> int:
    inspection = store.reopen_inspection(args.inspection_id)
    print(f"自查 {inspection.id} 已重新打开，现为第 {inspection.revision} 版，可以修改；修改后请重新导出并签名报告")
    return 0


def inspection_attach(args: argparse.Namespace, store: Store) -> int:
    """Evidence files for one item, each copied into the data folder (one record each, as the app adds them)."""
    for name in args.files:
        added = store.attach_evidence(args.inspection_id, args.item, name)
        print(f"已添加：{added.name}（{added.size:,} 字节，SHA-256 {added.sha256}）")
    return 0


def inspection_raise(args: argparse.Namespace, store: Store) -> int:
    raised = store.raise_problems_from_answers(args.inspection_id)
    if args.json:
        out([p.to_json() for p in raised])
    else:
        print(f"已提出 {len(raised)} 个问题")
        for p in raised:
            print(f"  #{p.id} {p.description}")
    return 0


# ---- problems -------------------------------------------------------------------------------------


def _print_problem(p: Problem, as_json: bool) -> None:
    if as_json:
        out(p.to_json())
    else:
        print(f"#{p.id} [{p.status.label}] {p.description}")


def _fields(args: argparse.Namespace) -> dict[str, Any]:
    from selfcheck.core.dates import parse_date

    fields: dict[str, Any] = {}
    for key in ("description", "measure", "owner", "department", "handling", "answer", "raised_by"):
        value = getattr(args, key, None)
        if value is not None:
            fields[key] = value
    if args.deadline is not None:
        fields["deadline"] = parse_date(args.deadline, "整改期限") if args.deadline.strip() else None
    answered_on = getattr(args, "answered_on", None)
    if answered_on is not None:
        fields["answered_on"] = parse_date(answered_on, "答复日期") if answered_on.strip() else None
    return fields


def problem_list(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.core.ledger import Status

    status = Status.parse(args.status) if args.status else None
    today = clock.today()
    problems = store.problems(inspection_id=args.inspection, status=status, overdue_on=today if args.overdue else None)
    if args.json:
        out([p.to_json(today) for p in problems])
        return 0
    for p in problems:
        flag = "【逾期】" if p.overdue(today) else ""
        if p.clue_id is not None:
            flag += f"【线索#{p.clue_id}】"
        if p.lacks:  # closed before 四不放过 was asked in full (upgrade 009)
            flag += "【销号时未记录处理情况】"
        print(f"#{p.id}\t{p.status.label}{flag}\t{p.deadline or '—'}\t{p.owner or '—'}\t{p.department or '—'}\t{p.description}")
    return 0


def problem_add(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.core.dates import parse_date

    fields = _fields(args)
    description = fields.pop("description", None)
    raised_by = fields.pop("raised_by", None)
    raised_on = parse_date(args.raised_on, "提出日期") if args.raised_on else None
    problem = store.add_problem(
        description,
        inspection_id=args.inspection,
        item_id=args.item,
        template_id=args.template,
        raised_on=raised_on,
        raised_by=raised_by,
        **fields,
    )
    _print_problem(problem, args.json)
    if not args.json:
        print(problem.id)
    return 0


def problem_update(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.core.ledger import Status

    status = Status.parse(args.status) if args.status else None
    fields = _fields(args)
    if status is None and not fields:
        raise RuleError("没有要修改的内容；请给出 --measure、--owner、--status 等", "nothing to change")
    problem = store.update_problem(args.problem_id, status=status, **fields)
    _print_problem(problem, args.json)
    if not problem.changes:  # the values given are the ones it had: say so rather than look as if it saved
        print("（与原内容相同，没有更改）", file=sys.stderr)
    return 0


def problem_close(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.core.dates import parse_date

    day = parse_date(args.date, "验收日期") if args.date else None
    answered_on = parse_date(args.answered_on, "答复日期") if args.answered_on else None
    problem = store.close_problem(
        args.problem_id,
        verified_by=args.verified_by,
        evidence=args.evidence,
        verified_on=day,
        reason=args.reason,
        handling=args.handling,
        answer=args.answer,
        answered_on=answered_on,
    )
    _print_problem(problem, args.json)
    if args.reason and args.reason.strip() and not args.json:
        print(f"提出日期 {problem.raised_on}，验收日期 {problem.verified_on}；原因（已记入修改记录）：{args.reason.strip()}")
    return 0


def problem_attach(args: argparse.Namespace, store: Store) -> int:
    """Files of one phase for a problem: all copied and recorded, or none (one action, as the app adds them)."""
    from selfcheck.core.ledger import phase_label

    added = store.attach_problem_evidence(args.problem_id, args.phase, args.files)
    if args.json:
        out(
            [
                {"id": e.id, "problem_id": e.problem_id, "phase": e.phase, "name": e.name, "sha256": e.sha256, "size": e.size}
                for e in added
            ]
        )
        return 0
    for e in added:
        print(f"已添加（{phase_label(e.phase)}）：{e.name}（{e.size:,} 字节，SHA-256 {e.sha256}）")
    return 0


def audit_list(args: argparse.Namespace, store: Store) -> int:
    if args.inspection is not None:
        store.inspection(args.inspection)  # names a missing inspection instead of printing nothing
        entries = store.audit("inspection", args.inspection)
    elif args.problem is not None:
        store.problem(args.problem)
        entries = store.audit("problem", args.problem)
    elif getattr(args, "clue", None) is not None:
        store.clue(args.clue)
        entries = store.audit("clue", args.clue)
    else:
        entries = store.audit()
    if args.json:
        out([e.__dict__ for e in entries])
        return 0
    for e in entries:
        old, new = (json.dumps(v, ensure_ascii=False) if v is not None else "—" for v in (e.old, e.new))
        print(f"{e.at}\t{e.action}\t{e.entity}:{e.entity_id}\t{e.field or ''}\t{old} → {new}")
    return 0


def start(args: argparse.Namespace, _: None) -> int:
    """The desktop app (the same as running `selfcheck-gui` or the frozen `selfcheck` program)."""
    from selfcheck.gui.app import main as gui_main

    extra = ["--data-dir", str(args.data_dir)] if args.data_dir else []
    if getattr(args, "smoke_test", False):
        extra.append("--smoke-test")
    return gui_main(extra)


# ---- signing and reports ----------------------------------------------------------------------------

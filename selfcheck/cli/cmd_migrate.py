"""CLI commands: what changed between checklist versions, and moving an inspection to a newer one."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selfcheck.core.version_move import MovePlan
    from selfcheck.storage import Store

HERE = "selfcheck.cli.cmd_migrate"


def register(groups: dict[str, Any]) -> None:
    """Add `inspection migrate`, `inspection diff`, `inspection reviewed` and `checklist diff`."""
    ins, tpl = groups["inspection"], groups["template"]
    s = ins.add_parser("migrate", help="换用检查表的新版本（答案按检查项编号保留）/ move to a newer checklist version")
    s.add_argument("inspection_id", type=_record_id, metavar="ID")
    s.add_argument("--to-version", metavar="V", help="目标版本，如 2.0（或 编号@版本）；默认为已安装的最新版本")
    s.add_argument("--yes", action="store_true", help="不再询问，直接迁移")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=f"{HERE}:inspection_migrate")
    s = ins.add_parser("diff", help="预览换用新版本的变化和每个答案的去向（不做修改）")
    s.add_argument("inspection_id", type=_record_id, metavar="ID")
    s.add_argument("--to-version", metavar="V", help="目标版本；默认为已安装的最新版本")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=f"{HERE}:inspection_diff")
    s = ins.add_parser("reviewed", help="复核后取消“需复核”标记")
    s.add_argument("inspection_id", type=_record_id, metavar="ID")
    s.add_argument("items", nargs="+", metavar="ITEM")
    s.set_defaults(func=f"{HERE}:inspection_reviewed")
    s = tpl.add_parser("diff", help="比较检查表的两个版本：新增、删除、改写、改分、移动")
    s.add_argument("template_id", metavar="ID")
    s.add_argument("old_version", metavar="V1")
    s.add_argument("new_version", metavar="V2")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=f"{HERE}:template_diff")


def _record_id(text: str) -> int:
    from selfcheck.cli.main import record_id

    return record_id(text)


def _out(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _target(args: argparse.Namespace, store: Store) -> tuple[str, str | None]:
    """(version, checklist id if the user named one): `--to-version 2.0` or `--to-version wuchawukan@2.0`."""
    from selfcheck.errors import RuleError

    given = args.to_version
    if given:
        template_id, at, version = given.rpartition("@")
        return (version, template_id) if at else (given, None)
    newest = store.pending_update(args.inspection_id)
    if newest is None:
        inspection = store.inspection(args.inspection_id)
        raise RuleError(
            f"自查 {inspection.id} 没有可换用的新版本（现用 {inspection.template_id} {inspection.template_version}；"
            "已完成的自查不能换版本）；导入新版本后再试，或用 --to-version 指定",
            f"inspection {inspection.id} has no newer version to move to (it uses {inspection.template_version}; "
            "complete inspections stay on theirs): import one first, or name it with --to-version",
        )
    return newest, None


def _plan(args: argparse.Namespace, store: Store) -> MovePlan:

    version, template_id = _target(args, store)
    return store.plan_move(args.inspection_id, version, template_id=template_id)


def inspection_diff(args: argparse.Namespace, store: Store) -> int:
    plan = _plan(args, store)
    if args.json:
        _out(plan.to_json())
    else:
        print("\n".join(plan.describe()))
    return 0


def inspection_migrate(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.errors import RuleError

    plan = _plan(args, store)
    if not args.yes:
        if args.json:
            _out(plan.to_json())
        else:
            print("\n".join(plan.describe()))
        if args.json or not sys.stdin.isatty():
            raise RuleError(
                "以上是迁移计划，尚未做任何修改；确认后请加上 --yes 再运行一次",
                "this is the plan; nothing was changed: run again with --yes to move the inspection",
            )
        reply = input(f"\n换用版本 {plan.to_version}？/ move to {plan.to_version}? [y/N] ").strip().lower()
        if reply not in ("y", "yes", "是"):
            raise RuleError("已取消，未做任何修改", "cancelled; nothing was changed")
    result = store.move_to_version(plan.inspection_id, plan.to_version, template_id=plan.template_id)
    done = result.plan
    if args.json:
        _out(result.to_json())
        return 0
    print(
        f"自查 {done.inspection_id} 已换用 {done.template_id} 版本 {done.to_version}：保留答案 {len(done.kept)} 个"
        f"（其中需复核 {len(done.flagged)} 个），移除 {len(done.dropped)} 个"
    )
    if done.flagged:
        print(f"需复核：{'、'.join(f.item_id for f in done.flagged)}")
        print(f"复核后取消标记：selfcheck inspection reviewed {done.inspection_id} 检查项编号…")
    if done.dropped:
        print(
            f"已移除（原答案见 selfcheck audit --inspection {done.inspection_id}）：{'、'.join(f.item_id for f in done.dropped)}"
        )
    return 0


def inspection_reviewed(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.errors import RuleError

    store.inspection(args.inspection_id)
    pending = store.rechecks(args.inspection_id)
    unknown = [i for i in args.items if i not in pending]
    if unknown:
        listed = "、".join(pending) or "（无）"
        raise RuleError(
            f"自查 {args.inspection_id} 中这些检查项没有“需复核”标记：{'、'.join(unknown)}；有标记的：{listed}",
            f"inspection {args.inspection_id} has no review flag on {', '.join(unknown)}; "
            f"flagged: {', '.join(pending) or 'none'}",
        )
    for item in args.items:
        store.clear_recheck(args.inspection_id, item)
    left = len(pending) - len(set(args.items))
    print(f"已取消 {len(set(args.items))} 项的复核标记，还有 {left} 项需复核")
    return 0


def template_diff(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.core.checklist_diff import diff

    changes = diff(store.checklist(args.template_id, args.old_version), store.checklist(args.template_id, args.new_version))
    if args.json:
        _out(changes.to_json())
    else:
        print("\n".join(changes.describe()))
    return 0

"""`selfcheck` command: parse arguments, open the store, run one command, map failures to exit codes.

Exit codes: 0 success; 1 a failure the user can act on (message on stderr, no traceback); 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from selfcheck import __version__
from selfcheck.cli.zh_argparse import VERSION, Parser, building_for
from selfcheck.errors import ChecklistError, LockedError, SelfcheckError


def record_id(text: str) -> int:
    """An inspection or problem id: a positive whole number SQLite can hold."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"编号应为正整数 / an id is a positive whole number: {text!r}") from None
    if not 1 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"编号超出范围 / id out of range: {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="selfcheck", description="学校自查：检查表、整改台账、自查报告 / school self-inspections")
    p.add_argument("--version", action="version", version=f"selfcheck {__version__}", help=VERSION)
    p.add_argument("--data-dir", metavar="DIR", help="数据文件夹（默认为用户数据目录；也可用 SELFCHECK_DATA_DIR）")
    sub = p.add_subparsers(dest="group", metavar="COMMAND", parser_class=Parser)

    school = sub.add_parser("school", help="学校信息 / school profile").add_subparsers(dest="cmd", required=True)
    s = school.add_parser("set", help="设置学校信息")
    s.add_argument("--name", required=True, help="学校名称")
    s.add_argument("--code", required=True, help="学校代码")
    s.add_argument("--principal", required=True, help="校长姓名")
    s.add_argument("--address", help="地址")
    s.add_argument("--signature-image", metavar="PNG", help="校长签名图片（PNG 或 JPG）")
    s.add_argument("--seal-image", metavar="PNG", help="学校公章图片（PNG 或 JPG，建议透明背景）")
    s.add_argument("--kind", metavar="KIND", help="单位类别：学校（默认）/ 学区 / 督查组 / 教育局（督查单位用）")
    s.set_defaults(func="school_set")
    s = school.add_parser("show", help="显示学校信息")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="school_show")

    tpl = sub.add_parser("checklist", aliases=["template"], help="检查表（旧名 template 仍可用） / checklists").add_subparsers(
        dest="cmd", required=True
    )
    s = tpl.add_parser("validate", help="校验检查表文件，列出全部错误")
    s.add_argument("files", nargs="+", metavar="FILE")
    s.set_defaults(func="template_validate", store=False)
    s = tpl.add_parser("import", help="导入检查表文件（已安装的版本不会被覆盖）")
    s.add_argument("file", metavar="FILE")
    s.add_argument("--allow-unsigned", action="store_true", help="确认导入未经教育局签名的检查表（将标注“未签名”）")
    s.set_defaults(func="template_import")
    s = tpl.add_parser("remove", help="删除一个没有自查在用的检查表版本（随程序提供的不能删除）")
    s.add_argument("template_id", metavar="ID")
    s.add_argument("tversion", metavar="VERSION")
    s.set_defaults(func="template_remove")
    s = tpl.add_parser("list", help="已安装的检查表")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="template_list", store=False)  # reads the file itself (storage.checklists.installed)
    s = tpl.add_parser("show", help="显示检查表（含全部检查项和选项）")
    s.add_argument("template_id", metavar="ID")
    s.add_argument("--version", dest="tversion", metavar="V")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="template_show")
    s = tpl.add_parser("schema", help="输出检查表文件格式的 JSON Schema")
    s.set_defaults(func="template_schema", store=False)

    ins = sub.add_parser("inspection", help="自查 / inspections").add_subparsers(dest="cmd", required=True)
    s = ins.add_parser("new", help="新建自查（最后一行输出自查编号）")
    s.add_argument("--template", default="wuchawukan", metavar="ID", help="检查表（默认 wuchawukan，即“五查五看”）")
    s.add_argument("--version", dest="tversion", metavar="V")
    s.add_argument("--period", required=True, metavar="TEXT", help="期次，如 2026年秋季学期")
    s.add_argument("--inspector", action="append", default=[], metavar="NAME", help="自查组成员（可重复）")
    s.set_defaults(func="inspection_new")
    s = ins.add_parser("list", help="全部自查")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="inspection_list")
    s = ins.add_parser("answer", help="从 JSON 文件保存答案")
    s.add_argument("inspection_id", type=record_id, metavar="ID")
    s.add_argument("--file", required=True, metavar="ANSWERS.json")
    s.set_defaults(func="inspection_answer")
    for name, help_text, func, with_json in (  # the commands on one inspection that take nothing else
        ("show", "进度、得分、等次、问题", "inspection_show", True),
        ("complete", "标记完成（必答项和必填说明齐全时）", "inspection_complete", False),
        ("reopen", "重新打开已签名的自查（生成新的修订版，之后可以修改）", "inspection_reopen", False),
        ("raise-problems", "为需要整改的答案提出问题", "inspection_raise", True),
    ):
        s = ins.add_parser(name, help=help_text)
        s.add_argument("inspection_id", type=record_id, metavar="ID")
        if with_json:
            s.add_argument("--json", action="store_true")
        s.set_defaults(func=func)
    s = ins.add_parser("attach", help="为检查项添加佐证材料（复制到数据文件夹；报告附件3 印出照片、列出全部文件）")
    s.add_argument("inspection_id", type=record_id, metavar="ID")
    s.add_argument("--item", required=True, metavar="ITEM", help="检查项编号（selfcheck checklist show ID --json 中的 id）")
    s.add_argument("files", nargs="+", metavar="FILE")
    s.set_defaults(func="inspection_attach")

    prob = sub.add_parser("problem", help="整改台账 / the ledger").add_subparsers(dest="cmd", required=True)
    s = prob.add_parser("list", help="问题清单")
    s.add_argument("--json", action="store_true")
    s.add_argument("--status", help="待整改 / 整改中 / 已整改 / 已销号（或 open / in_progress / fixed / closed）")
    s.add_argument("--inspection", type=record_id, metavar="ID")
    s.add_argument("--overdue", action="store_true", help="只列出逾期的问题")
    s.set_defaults(func="problem_list")
    s = prob.add_parser("add", help="提出问题（手工，或 --inspection 与 --item 从答案提出）")
    s.add_argument("--description", metavar="TEXT")
    s.add_argument("--inspection", type=record_id, metavar="ID")
    s.add_argument("--item", metavar="ITEM")
    s.add_argument("--template", metavar="ID", help="手工问题所属的检查表（用于转入下一次自查）")
    s.add_argument("--raised-on", metavar="D", help="提出日期（默认今天；补录纸质台账时写原来的日期，不能晚于今天）")
    s.add_argument("--raised-by", metavar="NAME", help="反映人（群众、家长反映的问题；销号时需要已答复反映人）")
    _problem_fields(s)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="problem_add")
    s = prob.add_parser("update", help="修改整改措施、责任人、期限或状态")
    s.add_argument("problem_id", type=record_id, metavar="PID")
    s.add_argument("--description", metavar="TEXT")
    _problem_fields(s)
    _four_fields(s)
    s.add_argument("--raised-by", metavar="NAME", help="反映人")
    s.add_argument("--status", help="待整改 / 整改中 / 已整改")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="problem_update")
    s = prob.add_parser("close", help="销号（四不放过：验收人和日期、整改证据、处理情况；群众或线索反映的问题还需答复反映人）")
    s.add_argument("problem_id", type=record_id, metavar="PID")
    s.add_argument("--verified-by", required=True, metavar="NAME")
    s.add_argument("--evidence", required=True, metavar="TEXT")
    s.add_argument("--date", metavar="D", help="验收日期（默认今天）")
    _four_fields(s)
    s.add_argument("--reason", metavar="TEXT", help="验收日期早于提出日期时（如补录纸质台账）说明原因，记入修改记录")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="problem_close")
    s = prob.add_parser("attach", help="为问题添加整改前或整改后的佐证材料（复制到数据文件夹；报告附件3 印出照片）")
    s.add_argument("problem_id", type=record_id, metavar="PID")
    s.add_argument("--phase", required=True, metavar="整改前|整改后", help="整改前（发现的问题）或 整改后（整改结果）")
    s.add_argument("files", nargs="+", metavar="FILE")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="problem_attach")

    keys = sub.add_parser("keys", help="签名密钥 / signing identity").add_subparsers(dest="cmd", required=True)
    s = keys.add_parser("init", help="创建本校签名密钥和证书（口令来自 SELFCHECK_PASSPHRASE 或提示输入）")
    s.set_defaults(func="selfcheck.cli.cmd_report:keys_init")
    s = keys.add_parser("show", help="显示证书和指纹")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="selfcheck.cli.cmd_report:keys_show")
    s = keys.add_parser(
        "change-passphrase",
        help="更换口令（密钥和证书不变；旧口令和新口令来自 SELFCHECK_PASSPHRASE、SELFCHECK_NEW_PASSPHRASE 或提示输入）",
    )
    s.set_defaults(func="selfcheck.cli.cmd_report:keys_change_passphrase")
    s = keys.add_parser("export-cert", help="导出证书（PEM），交给教育局")
    s.add_argument("--out", required=True, metavar="FILE")
    s.set_defaults(func="selfcheck.cli.cmd_report:keys_export_cert")
    s = keys.add_parser(
        "request", help="生成证书申请（CSR），交给教育局的证书机构签发证书（口令来自 SELFCHECK_PASSPHRASE 或提示输入）"
    )
    s.add_argument("--out", required=True, metavar="FILE", help="申请文件，如 城关第一小学.csr")
    s.set_defaults(func="selfcheck.cli.cmd_report:keys_request")
    s = keys.add_parser("install-cert", help="装入教育局证书机构签发的本校证书（密钥不变）")
    s.add_argument("cert", metavar="CERT", help="签发的证书（PEM 或 DER）")
    s.add_argument("--ca", required=True, metavar="CA", help="教育局证书机构的根证书，用于核对签发关系")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="selfcheck.cli.cmd_report:keys_install_cert")

    rep = sub.add_parser("report", help="自查报告 / reports").add_subparsers(dest="cmd", required=True)
    s = rep.add_parser("export", help="生成并签名报告，写入文件夹（U盘）或 .pdf 文件")
    s.add_argument("inspection_id", type=record_id, metavar="ID")
    s.add_argument("--out", required=True, metavar="PATH", help="文件夹，或以 .pdf 结尾的文件名")
    s.add_argument("--unsigned", action="store_true", help="不签名")
    s.add_argument("--overwrite", action="store_true", help="允许覆盖同名文件")
    s.add_argument("--raise-problems", action="store_true", help="先为未登记问题的不达标项登记问题，再导出")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="selfcheck.cli.cmd_report:report_export")
    s = rep.add_parser("narrative", help="报告正文：显示，或从文件设置（签名前由校长修改）；主送、发文字号、自查日期")
    s.add_argument("inspection_id", type=record_id, metavar="ID")
    s.add_argument("--file", metavar="F.txt", help="正文文件（UTF-8，每段一行；“一、”“（一）”开头的行是标题）")
    s.add_argument("--reset", action="store_true", help="恢复为按自查数据生成的正文")
    s.add_argument("--addressee", metavar="单位", help="主送机关（默认：检查表的发布单位；空字符串恢复默认）")
    s.add_argument("--number", metavar="文号", help="发文字号，如 城关一小〔2026〕5号（空字符串去掉）")
    s.add_argument("--date", metavar="YYYY-MM-DD", help="自查日期（默认：标记完成的日期；空字符串恢复默认）")
    s.set_defaults(func="selfcheck.cli.cmd_report:report_narrative")
    s = rep.add_parser("verify", help="验证报告的签名（每个文件：通过或原因）")
    s.add_argument("files", nargs="+", metavar="FILE")
    s.add_argument("--trust", action="append", default=[], metavar="CERT", help="信任的学校证书（PEM，可重复）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="selfcheck.cli.cmd_report:report_verify", store=False)
    s = rep.add_parser("data", help="输出已验证报告中的数据")
    s.add_argument("file", metavar="FILE")
    s.add_argument("--trust", action="append", default=[], metavar="CERT")
    s.add_argument("--json", action="store_true", required=True)
    s.set_defaults(func="selfcheck.cli.cmd_report:report_data", store=False)

    aud = sub.add_parser("audit", help="修改记录 / audit log")
    aud.add_argument("--inspection", type=record_id, metavar="ID")
    aud.add_argument("--problem", type=record_id, metavar="PID")
    aud.add_argument("--clue", type=record_id, metavar="CID", help="一件问题线索的修改记录")
    aud.add_argument("--json", action="store_true")
    aud.set_defaults(func="audit_list")

    s = sub.add_parser("backup", help="把全部数据备份为一个文件，可带到另一台电脑恢复 / back up everything to one file")
    s.add_argument("--out", required=True, metavar="DIR", help="写入的文件夹（如U盘）；最后一行输出备份文件的路径")
    s.set_defaults(func="selfcheck.cli.cmd_report:school_backup", store=False)
    s = sub.add_parser("restore", help="从备份文件恢复全部数据到正在使用的数据文件夹 / restore a backup")
    s.add_argument("file", metavar="FILE", help="selfcheck backup 生成的 .zip 文件")
    s.add_argument("--replace", action="store_true", help="数据文件夹中已有数据时，确认用备份替换全部数据")
    s.set_defaults(func="selfcheck.cli.cmd_report:school_restore", store=False)

    start = sub.add_parser("start", help="启动桌面程序 / start the desktop app")
    start.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    start.set_defaults(func="start", store=False)

    # Commands that live in their own modules register here; their `func` is "module:function".
    groups = {"top": sub, "template": tpl, "inspection": ins, "problem": prob, "keys": keys, "report": rep}
    from selfcheck.cli import cmd_bureau, cmd_ca, cmd_cadence, cmd_clue, cmd_desk, cmd_excel, cmd_migrate, cmd_review, cmd_trust

    for module in (cmd_trust, cmd_excel, cmd_bureau, cmd_ca, cmd_migrate, cmd_review, cmd_desk, cmd_clue, cmd_cadence):
        module.register(groups)
    return p


def _problem_fields(s: argparse.ArgumentParser) -> None:
    s.add_argument("--measure", metavar="TEXT", help="整改措施")
    s.add_argument("--owner", metavar="NAME", help="责任人")
    s.add_argument("--department", metavar="NAME", help="责任部门")
    s.add_argument("--deadline", metavar="D", help="整改期限，如 2026-12-31")


def _four_fields(s: argparse.ArgumentParser) -> None:
    """What 四不放过 asks besides the close-out itself: the handling and the answer to whoever raised it."""
    s.add_argument("--handling", metavar="TEXT", help="处理情况（纠正、处理到位的情况）")
    s.add_argument("--answer", metavar="TEXT", help="答复反映人的情况（如何答复）")
    s.add_argument("--answered-on", metavar="D", help="答复日期（默认今天）")


def main(argv: Sequence[str] | None = None) -> int:
    # Chinese must print on a Windows console (cp936) and through pipes alike.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    words = sys.argv[1:] if argv is None else argv
    with building_for(words):  # only the command group named is built in full
        parser = build_parser()
        args = parser.parse_args(words)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    from selfcheck.cli.commands import run  # here, not at the top: --version and usage errors stay fast
    from selfcheck.core import clock

    try:
        clock.install(clock.from_environment())  # the system clock (tests name a moment in SELFCHECK_CLOCK)
        return run(args)
    except ChecklistError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except LockedError as exc:  # name the command that reopens it
        command = f"selfcheck inspection reopen {exc.inspection_id}"
        print(f"错误：{exc.zh}\n运行 {command} 重新打开\nerror: {exc.en}: run {command}", file=sys.stderr)
        return 1
    except SelfcheckError as exc:
        print(f"错误：{exc.zh}" if exc.zh == exc.en else f"错误：{exc.zh}\nerror: {exc.en}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断 / interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception:  # a bug: say so plainly, keep the details for the developers
        import traceback

        from selfcheck.cli.commands import crash_log

        path = crash_log(args, traceback.format_exc())
        print(
            f"内部错误，操作未完成（已保存的数据不受影响）。详情已写入 {path}，请发给技术支持。\n"
            f"internal error: the action did not finish (saved data is untouched). Details: {path}",
            file=sys.stderr,
        )
        return 1

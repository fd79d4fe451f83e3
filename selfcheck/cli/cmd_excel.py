"""CLI commands: excel (registered into the parser by `register`; kept light: argparse only at import).

`checklist convert FILE.xlsx --out FILE.yaml` turns an Excel checklist into a checklist file;
`ledger export --out FILE.xlsx` writes the 整改台账 as a workbook.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfcheck.core import clock

if TYPE_CHECKING:
    from selfcheck.storage import Store


def register(groups: dict[str, Any]) -> None:
    """Add this module's subcommands; `groups` maps "top", "template", "inspection", ... to subparser actions."""
    s = groups["template"].add_parser(
        "convert",
        help="把 Excel 检查表（.xlsx）转换为检查表文件（.yaml）",
        description="读取 Excel 检查表（表头含 序号、检查项目、检查内容、分值 等栏目），检查全部规则，写成 YAML 检查表文件。"
        " / Convert an Excel checklist to a YAML checklist file.",
    )
    s.add_argument("file", metavar="FILE.xlsx")
    s.add_argument("--out", required=True, metavar="FILE.yaml", help="输出的检查表文件（.yaml）")
    s.add_argument("--overwrite", action="store_true", help="允许覆盖已有的文件")
    s.set_defaults(func="selfcheck.cli.cmd_excel:template_convert", store=False)

    s = groups["template"].add_parser(
        "export-xlsx",
        help="把已安装的检查表导出为 Excel（.xlsx），便于编辑后再导入",
        description="按导入时读取的格式写出检查表（检查表 + 信息 两个工作表）；表格无法表达的内容会逐条列出。"
        " / Write an installed checklist as a workbook the importer reads.",
    )
    s.add_argument("template", metavar="ID[@VERSION]", help="检查表编号，可加 @版本，如 wuchawukan@1.0（默认最新版本）")
    s.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件（.xlsx）")
    s.add_argument("--overwrite", action="store_true", help="允许覆盖已有的文件")
    s.set_defaults(func="selfcheck.cli.cmd_excel:template_export_xlsx")

    ledger = groups.get("ledger")
    if ledger is None:
        parser = groups["top"].add_parser("ledger", help="整改台账（Excel） / the ledger as a workbook")
        ledger = parser.add_subparsers(dest="cmd", required=True, metavar="COMMAND")
        groups["ledger"] = ledger
    s = ledger.add_parser(
        "export",
        help="把整改台账导出为 Excel（.xlsx）",
        description="按教育局常用的整改台账格式导出全部问题（或按状态、自查筛选），逾期的行标红。"
        " / Write the rectification ledger as an .xlsx workbook.",
    )
    s.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件（.xlsx）")
    s.add_argument("--status", help="只导出此状态：待整改 / 整改中 / 已整改 / 已销号（或 open / in_progress / fixed / closed）")
    s.add_argument("--inspection", type=_record_id, metavar="ID", help="只导出这次自查的问题")
    s.add_argument("--overdue", action="store_true", help="只导出逾期的问题")
    s.add_argument("--overwrite", action="store_true", help="允许覆盖已有的文件")
    s.set_defaults(func="selfcheck.cli.cmd_excel:ledger_export")
    _ = argparse


def _record_id(text: str) -> int:
    from selfcheck.cli.main import record_id

    return record_id(text)


def template_export_xlsx(args: argparse.Namespace, store: Store) -> int:
    import sys

    from selfcheck.exchange.excel.to_xlsx import lossy, write_workbook

    template_id, _, version = args.template.partition("@")
    template = store.checklist(template_id, version or None)
    path = write_workbook(template, args.out, overwrite=args.overwrite)
    print(f"已导出检查表：{template.title}（{template.id} 版本 {template.version}，{len(template.items())} 项）→ {path}")
    missing = lossy(template)
    if missing:
        print(f"注意：以下 {len(missing)} 处内容表格无法表达，再次导入后会不同 / not kept in the workbook:", file=sys.stderr)
        for zh, en in missing:
            print(f"  {zh} / {en}", file=sys.stderr)
    else:
        print("表格可完整表达此检查表：原样导入后内容相同（内容指纹一致）")
    return 0


def template_convert(args: argparse.Namespace, _: Store | None) -> int:
    from selfcheck.core.checklist_file import read_checklist
    from selfcheck.errors import RuleError, SelfcheckError
    from selfcheck.exchange.excel import checklist_to_yaml, read_workbook
    from selfcheck.reports.export import write_atomic

    source = Path(args.file)
    out = Path(args.out)
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise RuleError(f"{out}：输出文件名应以 .yaml 结尾", f"{out}: the output file name must end in .yaml")
    if not out.parent.is_dir():
        raise RuleError(f"找不到文件夹 {out.parent}", f"no folder {out.parent}")
    template = read_workbook(source)
    text = checklist_to_yaml(template, source=str(source))

    def same(tmp: Path) -> None:
        # the file must read back as the same checklist, or it is not written at all
        if read_checklist(tmp) != template:
            raise SelfcheckError(
                "转换结果读回后与原表不一致，未写入", "the converted file does not read back the same; not written"
            )

    write_atomic(out, text.encode("utf-8"), verify=same, overwrite=args.overwrite)
    items = len(template.items())
    print(
        f"已转换：{template.title}（{template.id} 版本 {template.version}），{len(template.sections)} 部分，{items} 项"
        f"{f'，{len(template.adjustments)} 个加减分项' if template.adjustments else ''} → {out}"
    )
    return 0


def ledger_export(args: argparse.Namespace, store: Store) -> int:

    from selfcheck.core.ledger import Status
    from selfcheck.exchange.ledger_xlsx import write_ledger

    status = Status.parse(args.status) if args.status else None
    today = clock.today()
    path = write_ledger(
        store,
        Path(args.out),
        status=status,
        overdue_only=args.overdue,
        inspection_id=args.inspection,
        today=today,
        overwrite=args.overwrite,
    )
    problems = store.problems(inspection_id=args.inspection, status=status)
    if args.overdue:
        problems = [p for p in problems if p.overdue(today)]
    late = sum(1 for p in problems if p.overdue(today))
    print(f"已导出整改台账：{len(problems)} 条（逾期 {late} 条）→ {path}")
    return 0

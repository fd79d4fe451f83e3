"""CLI commands: the bureau's desk (registered into the parser by `register`; argparse only at import).

    roster import FILE.xlsx     the roster (学校名称, 学校代码, 学区, 类别) into the desk; a later import updates it
    roster show [--json]
    round list [--json]         the rounds filed (期次 + checklist) and how many schools each
    round status --period P --checklist ID [--json]   submitted, missing, reviewed, ranking, overdue
    round missing ... --out FILE.xlsx                  the schools that have not submitted, to print or send
    round bulletin ... --out FILE.pdf                  the 通报
    round chase ... --out DIR                          a 督办单 per school with overdue problems

The desk is its own database (``bureau-desk.db``) in the data folder (`--data-dir`); `bureau collect` files into it.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from typing import Any


def _round_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("--period", required=True, metavar="期次", help="期次，如 2026年秋季学期")
    s.add_argument("--checklist", "--template", dest="checklist", required=True, metavar="ID", help="检查表编号")


def _unit_args(s: argparse.ArgumentParser) -> None:
    if not isinstance(s, argparse.ArgumentParser):  # a group the command line does not name: never shown
        return
    from selfcheck.core.desk import DEFAULT_UNIT  # here: a command of another group does not load the desk's rules

    s.add_argument("--unit", metavar="单位", help=f"发文单位（默认：数据文件夹中设置的单位名称，否则“{DEFAULT_UNIT}”）")
    s.add_argument("--number", metavar="文号", help="发文字号，如 紫教〔2026〕12号")
    s.add_argument("--overwrite", action="store_true", help="允许覆盖已有文件")


def register(groups: dict[str, Any]) -> None:
    top = groups["top"]
    roster = top.add_parser("roster", help="教育局：学校名册 / the bureau's roster of schools")
    action = roster.add_subparsers(dest="cmd", required=True, metavar="COMMAND")
    s = action.add_parser("import", help="从 Excel 导入名册（学校名称、学校代码、学区、类别）；再次导入即更新")
    s.add_argument("file", metavar="FILE.xlsx")
    s.set_defaults(func="selfcheck.cli.cmd_desk:roster_import", store=False)
    s = action.add_parser("show", help="显示名册")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="selfcheck.cli.cmd_desk:roster_show", store=False)

    rounds = top.add_parser("round", help="教育局：一个期次一张检查表的报送、排名、通报、督办 / a round at the bureau's desk")
    action = rounds.add_subparsers(dest="cmd", required=True, metavar="COMMAND")
    s = action.add_parser("list", help="已归档的期次和检查表")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="selfcheck.cli.cmd_desk:round_list", store=False)
    s = action.add_parser("status", help="报送情况：已提交、未提交、督查复核、排名、逾期问题")
    _round_args(s)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="selfcheck.cli.cmd_desk:round_status", store=False)
    s = action.add_parser("history", help="一所学校本轮报送过的全部报告和督查意见（现行的和被取代的）")
    _round_args(s)
    s.add_argument("--school", required=True, metavar="CODE", help="学校代码")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="selfcheck.cli.cmd_desk:round_history", store=False)
    s = action.add_parser("missing", help="未提交学校名单写入 Excel（打印或发送）")
    _round_args(s)
    s.add_argument("--out", required=True, metavar="FILE.xlsx")
    s.add_argument("--overwrite", action="store_true", help="允许覆盖已有文件")
    s.set_defaults(func="selfcheck.cli.cmd_desk:round_missing", store=False)
    s = action.add_parser("bulletin", help="生成通报（PDF，公文格式）：排名、共性问题、逾期问题")
    _round_args(s)
    s.add_argument("--out", required=True, metavar="FILE.pdf")
    _unit_args(s)
    s.set_defaults(func="selfcheck.cli.cmd_desk:round_bulletin", store=False)
    s = action.add_parser("reviews", help="归档督查意见（学区、督查组等签名的 PDF）：逐一验证后放在所督查的学校报告旁")
    s.add_argument("paths", nargs="+", metavar="PATH", help="督查意见文件或文件夹")
    s.add_argument("--trust", required=True, metavar="DIR", help="存放督查单位证书（.pem / .crt）的文件夹")
    s.set_defaults(func="selfcheck.cli.cmd_desk:round_reviews", store=False)
    s = action.add_parser("chase", help="为每所有逾期问题的学校生成督办单（PDF），写入文件夹")
    _round_args(s)
    s.add_argument("--out", required=True, metavar="DIR")
    s.add_argument("--days", type=int, default=10, metavar="N", help="限期整改天数（默认 10）")
    _unit_args(s)
    s.set_defaults(func="selfcheck.cli.cmd_desk:round_chase", store=False)


def _period(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()  # as the intake files it


def _open(args: argparse.Namespace) -> Any:
    from selfcheck.storage.desk import Desk

    return Desk.open(args.data_dir)


def _status(desk: Any, args: argparse.Namespace) -> Any:
    from selfcheck.errors import NotFoundError

    period = _period(args.period)
    rounds = desk.rounds()
    if not any(p == period and c == args.checklist for p, c, _, _ in rounds):
        known = "；".join(f"{p} {c}" for p, c, _, _ in rounds[:10]) or "（无）"
        raise NotFoundError(
            f"教育局台账中没有 {period} {args.checklist} 的报告；已归档：{known}。请先用 bureau collect --trust 汇总",
            f"no report filed for {period} {args.checklist}; filed: {known}. Run bureau collect --trust first",
        )
    return desk.round_status(period, args.checklist)


def _unit(args: argparse.Namespace) -> str:
    if args.unit:
        return str(args.unit).strip()
    from selfcheck.core.desk import DEFAULT_UNIT
    from selfcheck.storage import Store
    from selfcheck.storage.paths import DB_NAME, data_dir

    if (data_dir(args.data_dir) / DB_NAME).exists():  # the unit's own profile (school set --name 紫阳县教育局)
        with Store.open(args.data_dir, install_builtins=False) as store:
            school = store.school()
            if school is not None and school.name:
                return school.name
    return DEFAULT_UNIT


def roster_import(args: argparse.Namespace, _: None) -> int:
    from selfcheck.exchange.roster_xlsx import read_roster

    entries = read_roster(args.file)  # every bad row reported before anything is written
    with _open(args) as desk:
        result = desk.import_roster(entries, str(args.file))
        total = len(desk.roster())
    print(
        f"名册已导入：新增 {result.added} 所，更新 {result.updated} 所，未变 {result.unchanged} 所，"
        f"移出名册 {result.inactive} 所；名册现有 {total} 所学校\n"
        f"roster imported: {result.added} added, {result.updated} updated, {result.unchanged} unchanged, "
        f"{result.inactive} left out; {total} schools on the roster"
    )
    return 0


def roster_show(args: argparse.Namespace, _: None) -> int:
    with _open(args) as desk:
        rows = desk.roster()
    if args.json:
        print(
            json.dumps(
                [{"code": r.code, "name": r.name, "district": r.district, "category": r.category} for r in rows],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for r in rows:
        print(f"{r.code}\t{r.name}\t{r.district}\t{r.category}")
    print(f"共 {len(rows)} 所 / {len(rows)} schools")
    return 0


def round_list(args: argparse.Namespace, _: None) -> int:
    with _open(args) as desk:
        rounds = desk.rounds()
    if args.json:
        print(
            json.dumps(
                [{"period": p, "checklist": c, "title": t, "submitted": n} for p, c, t, n in rounds], ensure_ascii=False, indent=2
            )
        )
        return 0
    for p, c, t, n in rounds:
        print(f"{p}\t{c}\t{t}\t已提交 {n} 所")
    if not rounds:
        print("教育局台账中还没有报告；请用 bureau collect --trust 汇总 / nothing filed yet")
    return 0


def round_status(args: argparse.Namespace, _: None) -> int:
    with _open(args) as desk:
        status = _status(desk, args)
    if args.json:
        print(json.dumps(status.to_json(), ensure_ascii=False, indent=2))
        return 0
    on_roster = sum(1 for r in status.ranking if r.filed.on_roster)
    print(f"{status.period} {status.checklist_title}（{status.checklist_id}）")
    print(
        f"名册 {status.roster_size} 所：已提交 {on_roster} 所，未提交 {len(status.missing)} 所；"
        f"督查复核 {len(status.reviewed)} 所；逾期问题 {len(status.overdue)} 个"
    )
    print("排名 / ranking:")
    for r in status.ranking:
        f = r.filed
        gap = f"  自评-督评 {r.gap:+.1f}{' ⚠' if r.flagged else ''}" if r.gap is not None else ""
        pct = "—" if f.percent is None else f"{f.percent:.1f}%"
        print(
            f"  {r.rank:>3}. {f.school}（{f.code}）{f.district}  {pct} {f.grade or ''}"
            f"{'（否决）' if f.vetoed else ''}{'（名册外）' if not f.on_roster else ''}{gap}"
        )
    if status.missing:
        print("未提交 / missing:")
        for m in status.missing:
            print(f"  {m.name}（{m.code}）{m.district}")
    if status.overdue:
        print("逾期问题 / overdue:")
        for o in status.overdue:
            print(f"  {o.school}：{o.problem.description}（期限 {o.problem.deadline}，逾期 {o.days} 天）")
    return 0


def round_missing(args: argparse.Namespace, _: None) -> int:
    from selfcheck.exchange.desk_xlsx import check_output, missing_workbook
    from selfcheck.reports.export import write_atomic

    path = check_output(args.out, ".xlsx", overwrite=args.overwrite)
    with _open(args) as desk:
        status = _status(desk, args)
    written = write_atomic(path, missing_workbook(status), overwrite=args.overwrite)
    print(f"未提交 {len(status.missing)} 所，名单已写入 / {len(status.missing)} missing, written: {written}")
    return 0


def round_bulletin(args: argparse.Namespace, _: None) -> int:
    from selfcheck.exchange.desk_xlsx import check_output
    from selfcheck.reports.bulletin import render_bulletin
    from selfcheck.reports.export import write_atomic

    path = check_output(args.out, ".pdf", overwrite=args.overwrite)
    unit = _unit(args)
    with _open(args) as desk:
        status = _status(desk, args)
    written = write_atomic(path, render_bulletin(status, unit, number=args.number), overwrite=args.overwrite)
    print(f"通报已写入 / bulletin written: {written}")
    return 0


def round_chase(args: argparse.Namespace, _: None) -> int:
    from pathlib import Path

    from selfcheck.errors import NotFoundError
    from selfcheck.reports.bulletin import file_name, render_chase
    from selfcheck.reports.export import write_atomic

    folder = Path(args.out)
    if not folder.is_dir():
        raise NotFoundError(f"文件夹 {folder} 不存在；请先创建", f"the folder {folder} does not exist; create it first")
    if args.days < 1:
        print("错误：--days 应为正整数 / --days must be positive", file=sys.stderr)
        return 2
    unit = _unit(args)
    with _open(args) as desk:
        status = _status(desk, args)
    by_school = status.overdue_by_school()
    for code, items in by_school.items():
        name = file_name(status, "chase", items[0].school)
        pdf = render_chase(status, code, unit, days=args.days, number=args.number)
        print(write_atomic(folder / name, pdf, overwrite=args.overwrite))
    print(f"督办单 {len(by_school)} 份 / {len(by_school)} chase notice(s) written to {folder}")
    return 0


def round_reviews(args: argparse.Namespace, _: None) -> int:
    from selfcheck.exchange.desk_reviews import file_reviews
    from selfcheck.exchange.intake.trust import load_trusted

    trusted = load_trusted(args.trust)
    with _open(args) as desk:
        result = file_reviews(desk, args.paths, trusted)
    print(
        f"已归档督查意见 {result.filed} 份，此前已归档 {result.copies} 份，未采用 {len(result.refused)} 个\n"
        f"reviews filed: {result.filed}, filed before: {result.copies}, refused: {len(result.refused)}"
    )
    for name, reason in result.refused:
        print(f"  {name}: {reason}")
    return 0


def round_history(args: argparse.Namespace, _: None) -> int:
    from selfcheck.errors import NotFoundError

    with _open(args) as desk:
        rows = desk.history(args.school.strip(), _period(args.period), args.checklist)
        reviews = desk.review_versions(args.school.strip(), _period(args.period), args.checklist)
    if not rows:
        raise NotFoundError(
            f"教育局台账中没有学校 {args.school} 在 {args.period} {args.checklist} 的报告",
            f"no report of school {args.school} filed for {args.period} {args.checklist}",
        )
    if args.json:  # the reports, then the reviews filed for the round (as the text lists them), each with its kind
        out = [{"kind": "report", "generated_at": g, "file": p, "current": c, "sha256": h} for g, p, c, h in rows]
        print(json.dumps(out + [{"kind": "review", **r} for r in reviews], ensure_ascii=False, indent=2))
        return 0
    for generated, path, current, sha in rows:
        print(f"{'现行' if current else '已被取代'}\t{generated}\t{path}\t{sha[:16]}…")
    for r in reviews:  # the reviews filed for the round, older exports kept
        state = "现行" if r["current"] else "已被取代"
        print(
            f"督查意见 {state}\t{r['generated_at']}\t{r['level']}\t{r['unit']}\t{r['file']}\t{r['reviewer']}"
            f"\t归档于 {r['filed_at']}\t{r['sha256'][:16]}…"
        )
    return 0

"""CLI commands: bureau (registered into the parser by `register`; kept light: argparse only at import).

`bureau_group(groups)` creates the top-level `bureau` group once and keeps its subparsers action in
`groups["bureau"]`: cmd_trust adds `bureau keygen` to the same group, and whichever module registers first creates it.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any


def bureau_group(groups: dict[str, Any]) -> Any:
    """The `bureau` subparsers action, created on first use and cached in groups["bureau"]."""
    existing = groups.get("bureau")
    if existing is not None:
        return existing
    parser = groups["top"].add_parser("bureau", help="教育局：汇总学校报告等 / bureau tools")
    action = parser.add_subparsers(dest="cmd", required=True, metavar="COMMAND")
    groups["bureau"] = action
    return action


def register(groups: dict[str, Any]) -> None:
    """Add this module's subcommands; `groups` maps "top", "template", "inspection", ... to subparser actions."""
    bureau = bureau_group(groups)
    s = bureau.add_parser(
        "collect",
        help="汇总 U盘 上各校的自查报告（逐一验证签名），归档到教育局台账，写入 Excel 汇总表",
        description="查找路径下（含子文件夹）全部 PDF 报告，严格验证签名，每校每表每期只采用最新一份；"
        "签名证书受信任（--trust）的报告归档到教育局台账（数据文件夹中的 bureau-desk.db），可写入汇总表。"
        "督查意见（学区、督查组等签名的 PDF）用督查单位的证书（--reviewers）验证后，归档在所督查的学校报告旁。"
        " / Verify every report PDF under the paths, file the trusted ones (and the reviews, against the reviewing"
        " units' certificates) into the bureau's desk and write the county summary workbook.",
    )
    s.add_argument("paths", nargs="+", metavar="PATH", help="文件或文件夹（如 U盘）")
    s.add_argument("--out", metavar="SUMMARY.xlsx", help="汇总表文件名（.xlsx）；不指定时只归档到教育局台账")
    s.add_argument("--trust", metavar="DIR", help="存放各校证书（.pem / .crt）的文件夹；不指定时只检查完整性")
    s.add_argument(
        "--reviewers",
        metavar="DIR",
        help="存放督查单位（学区、督查组等）证书的文件夹，用于验证 U盘 上的督查意见并归档；"
        "默认为 --trust 文件夹下的“督查单位”文件夹",
    )
    s.add_argument("--overwrite", action="store_true", help="允许覆盖已有的汇总表")
    s.set_defaults(func="selfcheck.cli.cmd_bureau:bureau_collect", store=False)
    _ = argparse


class _Progress:
    """One progress line on stderr: redrawn in place on a terminal, a line per tenth otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last_step = -1
        self.last_draw = 0.0

    def __call__(self, done: int, total: int) -> None:
        if total <= 0:
            return
        text = f"已检查 / checked {done}/{total}"
        if self.tty:
            now = time.monotonic()
            if done == total or now - self.last_draw > 0.1:
                self.last_draw = now
                print(f"\r{text}", end="\n" if done == total else "", file=sys.stderr, flush=True)
            return
        step = done * 10 // total
        if step != self.last_step:
            self.last_step = step
            print(text, file=sys.stderr, flush=True)


_UNCHECKED = (
    "警告：未指定 --trust，签名者身份未核对：只检查了文件完整性，任何人都能以学校名义自制证书签名；"
    "请核对汇总表中的证书指纹，或用 --trust 指定各校证书\n"
    "WARNING: no --trust: signers are NOT checked, only integrity; anyone can make a certificate in a school's "
    "name: compare the fingerprints in the summary, or give the schools' certificates with --trust"
)


def bureau_collect(args: argparse.Namespace, _: None) -> int:
    from selfcheck.core.printable import printable
    from selfcheck.exchange.collect import collect
    from selfcheck.exchange.desk_intake import collect_into_desk
    from selfcheck.exchange.desk_xlsx import roster_sheets
    from selfcheck.exchange.summary_xlsx import check_target, write_summary
    from selfcheck.storage.desk import Desk

    if args.out:
        check_target(args.out, overwrite=args.overwrite)  # before the verification, not after it
    if not args.trust:
        print(_UNCHECKED, file=sys.stderr, flush=True)
    filing = reviews = None
    statuses = []
    if args.trust:
        with Desk.open(args.data_dir) as desk:
            filed = collect_into_desk(desk, args.paths, args.trust, progress=_Progress(), reviewers_dir=args.reviewers)
            intake, filing, reviews = filed.intake, filed.filing, filed.reviews
            rounds = sorted(
                {(r.period, r.checklist_id) for r in intake.current} | {(r.period, r.checklist_id) for r in intake.reviews}
            )
            statuses = [desk.round_status(p, c) for p, c in rounds]
    else:  # without the schools' certificates nothing is filed: anyone could file a report in a school's name
        intake = collect(args.paths, None, progress=_Progress())
    path = write_summary(intake, args.out, overwrite=args.overwrite, extra=roster_sheets(statuses)) if args.out else None
    trust = (
        f"签名证书均与信任文件夹中的证书一致 / signers checked against {intake.trusted_certificates} trusted certificate(s)"
        if args.trust
        else _UNCHECKED
    )
    print(
        f"已检查 {intake.files} 个文件：现行报告 {len(intake.current)} 份（{intake.schools} 所学校），"
        f"历史 {len(intake.history)} 条，未采用 {len(intake.rejected)} 个\n"
        f"checked {intake.files} file(s): {len(intake.current)} current report(s) from {intake.schools} school(s), "
        f"{len(intake.history)} in history, {len(intake.rejected)} rejected\n{trust}"
    )
    if intake.conflicts:
        print(
            f"{intake.conflicts} 组同一学校的报告由不同证书签名，未采用任何一份（见汇总表“历史”）\n"
            f"{intake.conflicts} group(s) of reports for one school signed by different certificates: none taken"
        )
    if intake.rejected:
        print("未采用 / rejected:")
        for r in intake.rejected:  # names are printable already (collect escapes them); reasons are ours
            print(f"  {printable(r.path, 1000)}: {r.reason_zh} / {r.reason_en}")
    if filing is not None:
        print(
            f"已归档到教育局台账：新报告 {filing.filed} 份（现行 {filing.current}，被更新的报告取代 {filing.superseded}），"
            f"此前已归档 {filing.copies} 份\n"
            f"filed into the bureau's desk: {filing.filed} new report(s) ({filing.current} current, "
            f"{filing.superseded} superseded), {filing.copies} filed before"
        )
        if filing.not_on_roster:
            print(f"名册中没有的学校代码 / codes not on the roster: {'、'.join(filing.not_on_roster[:50])}")
    else:
        print("未指定 --trust：报告未归档到教育局台账 / no --trust: nothing filed into the bureau's desk")
    if reviews is not None and (intake.reviews or reviews.unknown):
        print(
            f"已归档督查意见 {reviews.filed} 份（其中旧版 {reviews.superseded} 份已被更新的取代），"
            f"此前已归档 {reviews.copies} 份，所督查的报告不在台账中 {len(reviews.unknown)} 份\n"
            f"reviews filed: {reviews.filed} ({reviews.superseded} older exports superseded), filed before: "
            f"{reviews.copies}, naming a report not at the desk: {len(reviews.unknown)}"
        )
    if path is not None:
        print(f"已写入汇总表 / summary written: {path}")
    return 0

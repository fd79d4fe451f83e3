"""The review commands (对标四查): `review new|answer|show|list|export` on the reviewing unit's side, `review import`
on the school's. One function per command, named by the parser (`selfcheck.cli.cmd_review:NAME`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from selfcheck.cli.commands import out
from selfcheck.errors import RuleError

if TYPE_CHECKING:
    from selfcheck.storage import Store

_HERE = "selfcheck.cli.cmd_review"


def register(groups: dict[str, Any]) -> None:
    from selfcheck.cli.main import record_id

    rev = groups["top"].add_parser("review", help="督查（对标四查） / reviews").add_subparsers(dest="cmd", required=True)
    groups["review"] = rev
    s = rev.add_parser("new", help="验证学校的签名报告并开始督查（最后一行输出督查编号）")
    s.add_argument("report", metavar="REPORT.pdf")
    s.add_argument("--level", required=True, metavar="LEVEL", help="督查层级：学区 / 干部抽查 / 督查组 / 教育局")
    s.add_argument("--reviewer", action="append", required=True, metavar="NAME", help="督查人员（可重复）")
    s.add_argument("--trust", action="append", default=[], metavar="CERT", help="学校的证书（PEM）或存放证书的文件夹（可重复）")
    s.add_argument(
        "--earlier", action="append", default=[], metavar="REVIEW.pdf",
        help="其他单位此前对同一报告的督查意见（可重复；其证书也用 --trust 给出），摘要附入本次督查意见",
    )  # fmt: skip
    s.set_defaults(func=f"{_HERE}:review_new")
    s = rev.add_parser("answer", help="从 JSON 文件保存督查情况（格式同 inspection answer，另可有 problems 和 opinion）")
    s.add_argument("review_id", type=record_id, metavar="ID")
    s.add_argument("--file", required=True, metavar="ANSWERS.json")
    s.set_defaults(func=f"{_HERE}:review_answer")
    s = rev.add_parser("show", help="自评与督评逐项对照")
    s.add_argument("review_id", type=record_id, metavar="ID")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=f"{_HERE}:review_show")
    s = rev.add_parser("list", help="全部督查（出具的和收到的）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=f"{_HERE}:review_list")
    s = rev.add_parser("export", help="生成并签名督查意见，写入文件夹（U盘）或 .pdf 文件")
    s.add_argument("review_id", type=record_id, metavar="ID")
    s.add_argument("--out", required=True, metavar="PATH")
    s.add_argument("--overwrite", action="store_true", help="允许覆盖同名文件")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=f"{_HERE}:review_export")
    s = rev.add_parser("import", help="学校导入督查意见：验证签名，逐项对照，督查发现的问题记入整改台账")
    s.add_argument("file", metavar="FILE")
    s.add_argument("--trust", action="append", default=[], metavar="CERT", help="督查单位的证书（PEM）或文件夹（可重复）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=f"{_HERE}:review_import")


def review_new(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.reports import review_service

    trusted = review_service.trusted_certificates(args.trust)
    review = review_service.start_review(
        store, args.report, level=args.level, people=args.reviewer, trusted=trusted, earlier=args.earlier
    )
    print(f"已验证 {review.school_name}（{review.school_code}）{review.period} 的自查报告，开始{review.level}督查")
    print(review.id)
    return 0


def review_answer(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.cli.commands import read_json_file

    data = read_json_file(args.file)
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("answers", []), list)
        or set(data) - {"answers", "problems", "opinion"}
    ):
        raise RuleError(
            f'{args.file}：应为 {{"answers": [{{"item": …, "option": …}}], "problems": [{{"item": …, "description": …}}], '
            '"opinion": "…"}',
            f"{args.file}: expected answers, problems and opinion",
        )
    problems = data.get("problems")
    if problems is not None and not isinstance(problems, list):
        raise RuleError(f"{args.file}：problems 应为列表", f"{args.file}: problems must be a list")
    try:
        changed = store.save_review_answers(
            args.review_id, data.get("answers", []), problems=problems, opinion=data.get("opinion")
        )
    except RuleError as exc:
        raise RuleError(f"{args.file}：{exc.zh}", f"{args.file}: {exc.en}") from None
    print(f"已保存督查情况：答案 {len(changed)} 项有变化" if changed.changes else "已保存督查情况：没有变化")
    return 0


def _show(store: Store, review_id: int) -> dict[str, Any]:
    from selfcheck.reports import review_data, review_service

    review = store.review(review_id)
    if review.side == "received":
        assert review.inspection_id is not None
        found = next(r for r in review_service.side_by_side(store, review.inspection_id) if r.review.id == review_id)
        return {**review.to_json(), **found.to_json()}
    data = review_data.build(store, review_id)
    before = review_data.earlier_items(store, review_id)
    return {
        **review.to_json(),
        "school_score": data.school_score.model_dump(),
        "score": data.score.model_dump(),
        "worse": [i.id for i in data.items if i.worse],
        "problems": [p.model_dump() for p in data.problems],
        "opinion": data.opinion,
        "earlier": [e.model_dump() for e in data.earlier],
        "items": [
            {
                **{
                    k: getattr(i, k)
                    for k in ("number", "id", "school_result", "school_earned", "result", "earned", "worse", "reason")
                },
                "earlier": [e.to_json() for e in before.get(i.id, [])],
            }
            for i in data.items
        ],
    }


def review_show(args: argparse.Namespace, store: Store) -> int:
    s = _show(store, args.review_id)
    if args.json:
        out(s)
        return 0
    print(f"{s['school_name']}（{s['school_code']}）{s['period']} — {s['level']}督查，{s['reviewer_name']}")
    if "school_score" in s:
        own, theirs = s["school_score"], s["score"]
        print(f"自评 {own['points']:g} / {own['max']:g}（{own['grade'] or '—'}）；", end="")
        print(f"督评 {theirs['points']:g} / {theirs['max']:g}（{theirs['grade'] or '—'}）")
        for i in s["items"]:
            mark = "  ✗ " if i["worse"] else "    "
            own_text = f"自查：{i['school_result']}（{i['school_earned']:g}）"
            print(f"{mark}{i['number']} {own_text} 督查：{i['result']}（{i['earned']:g}） {i['reason']}")
            for e in i["earlier"]:  # what the earlier levels found on this item
                print(f"        此前{e['level']}（{e['reviewer']}）：{e['result']}（{e['earned']:g}）{e['note'] or ''}")
    else:
        print(f"自评 {s['school_points']:g}（{s['school_grade'] or '—'}）；", end="")
        print(f"督评 {s['points']:g} / {s['max']:g}（{s['grade'] or '—'}）")
        for i in s["items"]:
            if i["worse"]:
                print(f"  ✗ {i['item']}：{i['result']}，{i['reason']}")
        if s["problems"]:
            print(f"已记入整改台账的问题：{'、'.join('#' + str(p) for p in s['problems'])}")
    return 0


def review_list(args: argparse.Namespace, store: Store) -> int:
    reviews = store.review_list()
    if args.json:
        out([r.to_json() for r in reviews])
        return 0
    for r in reviews:
        side = "出具" if r.side == "given" else "收到"
        print(f"{r.id}\t{side}\t{r.level}\t{r.reviewer_name}\t{r.school_name}\t{r.period}\t{r.review_date or '未导出'}")
    return 0


def review_export(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.cli.cmd_report import ask_passphrase
    from selfcheck.reports import review_service

    done = review_service.export_review(store, args.review_id, args.out, passphrase=ask_passphrase(), overwrite=args.overwrite)
    if args.json:
        out({"path": str(done.path), "sha256": done.sha256, "fingerprint": done.fingerprint, "review_id": done.review_id,
             "data_fingerprint": done.data_fingerprint})  # fmt: skip
        return 0
    print(f"已导出并签名督查意见：{done.path}")
    print(f"签名证书指纹：{done.fingerprint}")
    return 0


def review_import(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.reports import review_service

    done = review_service.import_review(store, args.file, review_service.trusted_certificates(args.trust))
    r = done.review
    if args.json:
        out({"review": r.to_json(), "new": done.new, "raised": done.raised})
        return 0
    print(f"已{'导入' if done.new else '再次导入'}{r.reviewer_name}的{r.level}督查意见（自查编号 {r.inspection_id}）")
    print(
        f"新记入整改台账的问题 {len(done.raised)} 个"
        + (f"：{'、'.join('#' + str(p) for p in done.raised)}" if done.raised else "")
    )
    return 0

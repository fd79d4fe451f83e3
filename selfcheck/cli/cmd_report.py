"""The commands of signing keys, reports and the school's backup: one function per command, named by the parser
(`selfcheck.cli.cmd_report:NAME`), imported only when one of them runs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfcheck.cli.commands import MAX_ANSWER_FILE, out
from selfcheck.core.dates import chinese_date, parse_date
from selfcheck.errors import NotFoundError, RuleError
from selfcheck.storage import Store
from selfcheck.storage.paths import data_dir

if TYPE_CHECKING:
    from selfcheck.reports.service import Exported


def ask_passphrase(confirm: bool = False) -> str:
    """From SELFCHECK_PASSPHRASE, or asked for on the terminal (never echoed). Shared by every command that
    signs (the school's keys here, the bureau's checklist key in cmd_trust), so all ask the same way."""
    import getpass
    import os

    env = os.environ.get("SELFCHECK_PASSPHRASE")
    if env:
        return env
    if not sys.stdin.isatty():
        raise RuleError(
            "需要口令：请设置环境变量 SELFCHECK_PASSPHRASE，或在终端中运行以输入口令",
            "a passphrase is needed: set SELFCHECK_PASSPHRASE or run in a terminal",
        )
    first = getpass.getpass("口令 / passphrase: ")
    if confirm and getpass.getpass("再输入一次 / again: ") != first:
        raise RuleError("两次输入的口令不一致", "the passphrases differ")
    return first


def export_passphrase(args: argparse.Namespace, store: Store) -> str | None:
    """The passphrase of an export that signs: asked for only when the school has a key and --unsigned is not given
    (the school's report here, the quarterly and half-year documents in cmd_cadence)."""
    if args.unsigned or store.identity() is None:
        return None
    return ask_passphrase()


def exported_json(done: Exported) -> dict[str, Any]:
    """A signed (or unsigned) export's result as --json prints it."""
    return {
        "path": str(done.path),
        "signed": done.signed,
        "fingerprint": done.fingerprint,
        "document_id": done.document_id,
        "data_fingerprint": done.data_fingerprint,
        "sha256": done.sha256,
    }


def keys_init(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.reports import service

    fingerprint = service.init_keys(store, ask_passphrase(confirm=True))
    print("已创建本校签名密钥（私钥已用口令加密保存）。请妥善保管口令：遗失后无法签名。")
    print(f"证书指纹（SHA-256）：{fingerprint}")
    print("用 selfcheck keys export-cert --out 文件.pem 导出证书，交给教育局。")
    return 0


def keys_change_passphrase(args: argparse.Namespace, store: Store) -> int:
    import getpass
    import os

    from selfcheck.reports import service

    service.certificate(store)  # no key yet: say so before asking for passphrases
    old = os.environ.get("SELFCHECK_PASSPHRASE")
    new = os.environ.get("SELFCHECK_NEW_PASSPHRASE")
    if not (old and new) and not sys.stdin.isatty():
        raise RuleError(
            "需要旧口令和新口令：请设置环境变量 SELFCHECK_PASSPHRASE 和 SELFCHECK_NEW_PASSPHRASE，或在终端中运行以输入口令",
            "the old and new passphrases are needed: set SELFCHECK_PASSPHRASE and SELFCHECK_NEW_PASSPHRASE, or run in a terminal",
        )
    if not old:
        old = getpass.getpass("原口令 / current passphrase: ")
    if not new:
        new = getpass.getpass("新口令 / new passphrase: ")
        if getpass.getpass("再输入一次新口令 / new passphrase again: ") != new:
            raise RuleError("两次输入的新口令不一致，口令未更换", "the new passphrases differ; nothing changed")
    fingerprint = service.change_passphrase(store, old, new)
    print("已更换口令：签名密钥和证书不变，教育局无需重新信任。以后签名请用新口令；旧口令已不能使用。")
    print(f"证书指纹（SHA-256）：{fingerprint}")
    return 0


def keys_show(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.reports import identity, service

    cert_pem, fingerprint = service.certificate(store)
    subject = identity.cert_subject(cert_pem)
    cert = identity.load_cert(cert_pem)
    issuer = identity.issuer_name(cert_pem)
    begins, ends = (cert.not_valid_before_utc.date(), cert.not_valid_after_utc.date())
    where = f"{store.path}（数据库 identity 表中，私钥已用口令加密）"
    if args.json:
        out(
            {
                "school": subject["name"],
                "code": subject["code"],
                "fingerprint": fingerprint,
                "issuer": issuer,
                "valid_from": begins.isoformat(),
                "valid_until": ends.isoformat(),
                "stored_in": str(store.path),
                "subject": subject,
                "certificate": cert_pem.decode("ascii"),
            }
        )
        return 0
    print(f"学校：{subject['name'] or '—'}（代码 {subject['code'] or '—'}）")
    print(f"证书指纹（SHA-256）：{fingerprint}")
    print(f"签发：{issuer or '本校自签名'}")
    print(f"有效期：{chinese_date(begins)} 至 {chinese_date(ends)}")
    print(f"密钥保存在：{where}")
    return 0


def keys_export_cert(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.reports import service

    cert_pem, fingerprint = service.certificate(store)
    path = new_file(args.out, cert_pem)
    print(f"已导出证书：{path}\n指纹：{fingerprint}")
    return 0


def keys_request(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.reports import service

    service.certificate(store)  # no key yet: say so before asking for the passphrase
    path = new_file(args.out, service.request_certificate(store, ask_passphrase()))
    print(f"已生成证书申请：{path}")
    print("把它交给教育局的证书机构；拿回签发的证书和教育局根证书后，用 selfcheck keys install-cert 证书 --ca 根证书 装入。")
    return 0


def keys_install_cert(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.reports import service
    from selfcheck.reports.issued import read_certificate as read

    service.certificate(store)
    cert, ca = Path(args.cert), Path(args.ca)
    done = service.install_certificate(store, read(cert), read(ca), cert_name=cert.name, ca_name=ca.name)
    if args.json:
        out({"fingerprint": done.fingerprint, "issuer": done.ca})
        return 0
    print(f"已装入由{done.ca}签发的本校证书（签名密钥不变）。")
    print(f"新的证书指纹（SHA-256）：{done.fingerprint}")
    print("以后的报告用这张证书签名：教育局信任其根证书即可核验；只信任旧证书的，须改为信任根证书或新证书。")
    return 0


def new_file(target: str, data: bytes) -> Path:
    """`data` written to the new file `target` (never over an existing one), in a folder that exists."""
    from selfcheck.reports import export as files

    path = Path(target)
    problem = files.filename_problem(path.name)
    if problem:
        raise RuleError(f"{path}：{problem[0]}", f"{path}: {problem[1]}")
    if not path.parent.is_dir():
        raise NotFoundError(
            f"文件夹 {path.parent} 不存在；请先建好这个文件夹，或换一个已有的文件夹",
            f"the folder {path.parent} does not exist: create it first, or choose a folder that exists",
        )
    files.write_atomic(path, data, overwrite=False)
    return path


def text_fields(args: argparse.Namespace) -> dict[str, Any]:
    """The 公文's text as `--file` (read as a file from a stick: size-capped, UTF-8), `--reset` (back to the text
    written from the data), `--addressee` (主送) and `--number` (发文字号) set it: only what was given (the school's
    report here, the quarterly and half-year documents in cmd_cadence)."""
    from selfcheck.core.stickfile import read_stick_file

    fields: dict[str, Any] = {}
    if args.file and args.reset:
        raise RuleError("--file 和 --reset 只能选一个", "give --file or --reset, not both")
    if args.file:
        text = read_stick_file(args.file, MAX_ANSWER_FILE, "正文文件", "text file").decode("utf-8-sig")
        if not text.strip():
            raise RuleError(f"{args.file}：文件是空的", f"{args.file}: the file is empty")
        fields["narrative"] = text
    if args.reset:
        fields["narrative"] = None
    if args.addressee is not None:
        fields["addressee"] = args.addressee
    if args.number is not None:
        fields["document_number"] = args.number
    return fields


def set_or_show_text(
    fields: dict[str, Any], save: Callable[..., object], narrative: Callable[[], tuple[str, bool]], saved: str, written: str
) -> int:
    """Save the text fields given; with none, print the text (where it came from on stderr, so stdout can be kept as
    a file): the principal's, or `written` from the data."""
    if fields:
        save(**fields)
        print(saved)
        return 0
    text, edited = narrative()
    print(f"（{'校长修改的正文' if edited else written}）", file=sys.stderr)
    print(text)
    return 0


def report_narrative(args: argparse.Namespace, store: Store) -> int:
    """Show the 自查报告's text, or set it from a file (and 主送, 发文字号, 自查日期) before signing."""
    from selfcheck.reports import service

    fields = text_fields(args)
    if args.date is not None:
        fields["inspection_date"] = parse_date(args.date, "自查日期") if args.date.strip() else None
    return set_or_show_text(
        fields,
        lambda **given: store.set_report_text(args.inspection_id, **given),
        lambda: service.narrative(store, args.inspection_id),
        "已保存，下次导出的报告将使用。",
        "按自查数据生成的正文：可另存为文件，修改后用 --file 设置",
    )


def report_export(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.reports import service

    if args.raise_problems:
        raised = store.raise_problems_from_answers(args.inspection_id)
        if raised:
            print(f"已登记问题 {len(raised)} 个。", file=sys.stderr)
    unraised = service.unraised(store, args.inspection_id)
    if unraised:
        print(
            f"提醒：有 {len(unraised)} 项自查结果不达标但尚未登记问题，报告的问题清单中没有它们"
            "（加 --raise-problems 先全部登记，或用 selfcheck problem 逐个登记）：",
            file=sys.stderr,
        )
        for call in unraised[:20]:
            print(f"  {call.description}", file=sys.stderr)
        if len(unraised) > 20:
            print(f"  ……另有 {len(unraised) - 20} 项", file=sys.stderr)
    done = service.export(
        store,
        args.inspection_id,
        args.out,
        passphrase=export_passphrase(args, store),
        unsigned=args.unsigned,
        overwrite=args.overwrite,
    )
    if args.json:
        out(exported_json(done))
        return 0
    print(f"已导出{'并签名' if done.signed else '（未签名）'}：{done.path}")
    if done.signed:
        print(f"签名证书指纹：{done.fingerprint}")
    else:
        print("提示：尚未创建签名密钥或选择了不签名；教育局无法验证未签名的报告。")
    print(f"文档编号：{done.document_id}")
    return 0


def _trusted(names: list[str]) -> list[bytes]:
    from selfcheck.core.stickfile import CERT_CAP, read_stick_file

    return [read_stick_file(name, CERT_CAP, "证书", "certificate") for name in names]


def report_verify(args: argparse.Namespace, _: None) -> int:
    from selfcheck.reports import service

    trusted = _trusted(args.trust)
    results = [service.verify_file(name, trusted) for name in args.files]
    if args.json:
        out([{k: v for k, v in r.__dict__.items() if k != "data"} for r in results])
    else:
        for r in results:
            if r.ok:
                trust = "" if trusted else "（未用 --trust 核对签名人，请核对指纹 / signer not checked: compare the fingerprint）"
                trust = f"；证书由{r.issuer}签发" if r.issuer else trust
                print(
                    f"{r.file}: 通过 / OK — {r.school}，{r.period}，{r.checklist}；签名人 {r.signer}；指纹 {r.fingerprint}{trust}"
                )
            else:
                print(f"{r.file}: 未通过 / FAILED — {r.reason_zh} / {r.reason_en}")
    return 0 if all(r.ok for r in results) else 1


def report_data(args: argparse.Namespace, _: None) -> int:
    from selfcheck.reports import service

    result = service.verify_file(args.file, _trusted(args.trust))
    if not result.ok or result.data is None:
        raise RuleError(
            f"{args.file}：报告未通过验证（{result.reason_zh}），不输出数据",
            f"{args.file}: the report does not verify ({result.reason_en})",
        )
    out(result.data)
    return 0


# ---- backup and restore -------------------------------------------------------------------------------


def school_backup(args: argparse.Namespace, _: None) -> int:
    from selfcheck.storage.school_backup import make_school_backup, read_backup

    path = make_school_backup(data_dir(args.data_dir), args.out)
    info = read_backup(path)
    print(f"已备份：{info.school_name or '（未设置学校）'}，数据库和 {info.evidence_files} 个材料文件；已读回核对无误")
    print("签名私钥在备份中仍由口令加密；恢复后签名仍需原口令。请把备份文件保存在安全的地方。")
    print(path)
    return 0


def school_restore(args: argparse.Namespace, _: None) -> int:
    from selfcheck.storage.school_backup import restore_school_backup

    folder = data_dir(args.data_dir)
    info = restore_school_backup(args.file, folder, replace=args.replace)
    with Store.open(folder) as store:  # brings an older backup's database up to this version's schema
        school = store.school()
    print(f"已恢复：{school.name if school else '（未设置学校）'}，备份时间 {info.created_at}，材料文件 {info.evidence_files} 个")
    print(f"数据文件夹：{folder}")
    return 0

"""CLI commands: bureau keygen, template sign, trust add-bureau / list / remove (argparse only at import)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selfcheck.storage import Store

_HERE = "selfcheck.cli.cmd_trust"


def register(groups: dict[str, Any]) -> None:
    """Add this module's subcommands; `groups` maps "top", "template", "inspection", ... to subparser actions."""
    bureau = groups.get("bureau")
    if bureau is None:  # shared with the intake commands: whoever registers first creates the group
        bureau = groups["top"].add_parser("bureau", help="教育局 / bureau").add_subparsers(dest="cmd", required=True)
        groups["bureau"] = bureau
    s = bureau.add_parser("keygen", help="创建教育局检查表签名密钥（bureau.key 加密保存，bureau.pub 交给各校）")
    s.add_argument("--out", required=True, metavar="DIR", help="写入 DIR/bureau.key 和 DIR/bureau.pub（不覆盖已有文件）")
    s.set_defaults(func=f"{_HERE}:bureau_keygen", store=False)

    s = groups["template"].add_parser("sign", help="用教育局私钥为检查表签名（先检查文件）")
    s.add_argument("file", metavar="FILE")
    s.add_argument("--key", required=True, metavar="KEY", help="bureau.key（口令来自 SELFCHECK_PASSPHRASE 或提示输入）")
    s.add_argument("--out", metavar="OUT", help="输出文件（.yaml）或文件夹；默认为 <id>-<version>.signed.yaml")
    s.set_defaults(func=f"{_HERE}:template_sign", store=False)

    trust = (
        groups["top"].add_parser("trust", help="信任的教育局公钥 / trusted bureau keys").add_subparsers(dest="cmd", required=True)
    )
    groups["trust"] = trust
    s = trust.add_parser("add-bureau", help="信任教育局的检查表签名公钥（bureau.pub）")
    s.add_argument("pubkey", metavar="PUBKEY")
    s.add_argument("--name", metavar="NAME", help="名称，如 某某县教育局")
    s.set_defaults(func=f"{_HERE}:trust_add_bureau")
    s = trust.add_parser("list", help="已信任的公钥")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=f"{_HERE}:trust_list")
    s = trust.add_parser("remove", help="不再信任某个公钥（已导入的检查表不受影响）")
    s.add_argument("fingerprint", metavar="FINGERPRINT")
    s.set_defaults(func=f"{_HERE}:trust_remove")


def bureau_keygen(args: argparse.Namespace, _: None) -> int:
    from selfcheck.cli.cmd_report import ask_passphrase
    from selfcheck.exchange import signed_checklist

    key_path, pub_path, fingerprint = signed_checklist.keygen(args.out, ask_passphrase(confirm=True))
    print(f"已创建教育局检查表签名密钥：{key_path}（已用口令加密，请妥善保管，切勿外传）")
    print(f"公钥：{pub_path}（发给各校，由学校执行 selfcheck trust add-bureau {pub_path.name}）")
    print(f"公钥指纹（SHA-256）：{fingerprint}")
    return 0


def template_sign(args: argparse.Namespace, _: None) -> int:
    from selfcheck.cli.cmd_report import ask_passphrase
    from selfcheck.exchange import signed_checklist

    out, template, fingerprint = signed_checklist.sign_file(args.file, args.key, args.out, ask_passphrase)
    print(f"已签名：{out}")
    print(f"检查表 {template.id} 版本 {template.version}（{template.title}，{len(template.items())} 项）")
    print(f"签名公钥指纹：{fingerprint}")
    return 0


def trust_add_bureau(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.exchange.checklist_import import trust_bureau_key

    key, added = trust_bureau_key(store, args.pubkey, args.name)
    print(f"{'已信任' if added else '此公钥早已信任'}：{key.name or '（未命名）'}")
    print(f"指纹（SHA-256）：{key.fingerprint}")
    if added:
        print("请与教育局核对此指纹（电话或纸质通知），确认无误。")
    return 0


def trust_list(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.cli.commands import out

    keys = store.trusted_keys()
    if args.json:
        out([k.to_json() for k in keys])
        return 0
    if not keys:
        print("尚未信任任何教育局公钥（selfcheck trust add-bureau bureau.pub）")
    for k in keys:
        print(f"{k.fingerprint}\t{k.name or '（未命名）'}\t{k.added_at}")
    return 0


def trust_remove(args: argparse.Namespace, store: Store) -> int:
    from selfcheck.exchange.signed_checklist import normalise_fingerprint

    key = store.remove_trusted_key(normalise_fingerprint(args.fingerprint))
    print(f"已不再信任：{key.name or '（未命名）'}（{key.fingerprint}）；已导入的检查表不受影响")
    return 0

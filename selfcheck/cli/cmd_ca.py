"""CLI commands: the bureau's certificate authority (registered into the parser by `register`; argparse only at import).

bureau ca init --name 紫阳县教育局     the CA's key (under the bureau's passphrase) and certificate, in the desk
bureau ca show [--json]                its name, fingerprint, validity, and the certificates it issued
bureau ca export --out CA.pem          its certificate: for the trust folder, for the schools, for PDF readers
bureau ca issue REQUEST.csr --out PATH  a school certificate for a request `keys request` wrote (on the roster)
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(groups: dict[str, Any]) -> None:
    from selfcheck.cli.cmd_bureau import bureau_group

    ca = bureau_group(groups).add_parser("ca", help="教育局证书机构：为各校签发签名证书 / the bureau's CA")
    action = ca.add_subparsers(dest="ca_cmd", required=True, metavar="COMMAND")
    s = action.add_parser("init", help="创建教育局证书机构（口令来自 SELFCHECK_PASSPHRASE 或提示输入）")
    s.add_argument("--name", required=True, metavar="单位", help="单位名称，如 紫阳县教育局")
    s.set_defaults(func="selfcheck.cli.cmd_ca:ca_init", store=False)
    s = action.add_parser("show", help="显示证书机构及已签发的证书")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="selfcheck.cli.cmd_ca:ca_show", store=False)
    s = action.add_parser("export", help="导出证书机构的根证书（PEM）：放入信任文件夹，发给各校")
    s.add_argument("--out", required=True, metavar="FILE")
    s.set_defaults(func="selfcheck.cli.cmd_ca:ca_export", store=False)
    s = action.add_parser("issue", help="为学校的证书申请（keys request）签发证书；学校须在名册中，名称、代码一致")
    s.add_argument("request", metavar="REQUEST.csr")
    s.add_argument("--out", required=True, metavar="PATH", help="文件夹，或以 .pem 结尾的文件名")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func="selfcheck.cli.cmd_ca:ca_issue", store=False)


def _open(args: argparse.Namespace) -> Any:
    from selfcheck.storage.desk import Desk

    return Desk.open(args.data_dir)


def _ca(desk: Any) -> tuple[bytes, bytes, str]:
    from selfcheck.errors import RuleError

    found = desk.ca()
    if found is None:
        raise RuleError(
            "还没有教育局证书机构；请先运行 selfcheck bureau ca init --name 单位名称",
            "no CA yet: run selfcheck bureau ca init --name UNIT first",
        )
    return found  # type: ignore[no-any-return]


def ca_init(args: argparse.Namespace, _: None) -> int:
    from selfcheck.cli.cmd_report import ask_passphrase
    from selfcheck.reports import bureau_ca, identity

    with _open(args) as desk:
        desk.refuse_second_ca()  # before a passphrase is asked
        made = bureau_ca.create(args.name, ask_passphrase(confirm=True))
        fingerprint = identity.fingerprint(made.cert_pem)
        desk.set_ca(args.name.strip(), made.key_pem, made.cert_pem, fingerprint)
    print(f"已创建教育局证书机构：{args.name.strip()}（私钥已用口令加密保存在教育局台账中）")
    print(f"根证书指纹（SHA-256）：{fingerprint}")
    print("用 selfcheck bureau ca export --out 根证书.pem 导出根证书，放入信任文件夹并发给各校。")
    return 0


def ca_show(args: argparse.Namespace, _: None) -> int:
    import json

    from selfcheck.core.dates import chinese_date
    from selfcheck.reports import identity

    with _open(args) as desk:
        _key, cert_pem, fingerprint = _ca(desk)
        issued = desk.issued_certificates()
    cert = identity.load_cert(cert_pem)
    name = identity.cert_subject(cert_pem)["organization"]
    if args.json:
        rows = [i.__dict__ for i in issued]
        print(
            json.dumps(
                {"name": name, "fingerprint": fingerprint, "valid_until": cert.not_valid_after_utc.date().isoformat(),
                 "issued": rows},
                ensure_ascii=False,
                indent=2,
            )
        )  # fmt: skip
        return 0
    print(f"教育局证书机构：{name}")
    print(f"根证书指纹（SHA-256）：{fingerprint}")
    print(f"有效期至：{chinese_date(cert.not_valid_after_utc.date())}")
    print(f"已签发 {len(issued)} 张学校证书：")
    for i in issued:
        print(f"  {i.issued_at[:10]}  {i.school}（{i.code}）  至 {i.not_after[:10]}  {i.fingerprint}")
    return 0


def ca_export(args: argparse.Namespace, _: None) -> int:
    from selfcheck.cli.cmd_report import new_file

    with _open(args) as desk:
        _key, cert_pem, fingerprint = _ca(desk)
    path = new_file(args.out, cert_pem)
    print(f"已导出根证书：{path}\n指纹：{fingerprint}")
    return 0


def ca_issue(args: argparse.Namespace, _: None) -> int:
    import json

    from selfcheck.cli.cmd_report import ask_passphrase
    from selfcheck.core.dates import chinese_date
    from selfcheck.reports import bureau_ca
    from selfcheck.reports import export as files
    from selfcheck.reports.identity import Identity

    request = Path(args.request)
    data = bureau_ca.read_request(request)
    with _open(args) as desk:
        key_pem, cert_pem, _fp = _ca(desk)
        roster = {r.code: r.name for r in desk.roster()}
        code, school = bureau_ca.check_request(data, roster, name=request.name)  # said before the passphrase is asked
        target = files.target_path(args.out, school, code, "签名证书", suffix=".pem")  # a name safe on any stick
        done = bureau_ca.issue(Identity(key_pem, cert_pem), ask_passphrase(), data, roster, name=request.name)
        # recorded first: a certificate never leaves the desk unrecorded (a failed write leaves a record to issue again)
        desk.record_issued(done.serial, done.code, done.school, done.fingerprint, done.not_after.isoformat())
        path = files.write_atomic(target, done.cert_pem)
    until = chinese_date(done.not_after.date())
    if args.json:
        print(json.dumps({"path": str(path), "code": done.code, "school": done.school, "fingerprint": done.fingerprint,
                          "valid_until": done.not_after.date().isoformat()}, ensure_ascii=False, indent=2))  # fmt: skip
        return 0
    print(f"已为 {done.school}（{done.code}）签发证书：{path}")
    print(f"证书指纹（SHA-256）：{done.fingerprint}；有效期至 {until}")
    print("把证书和根证书交给学校，用 selfcheck keys install-cert 证书 --ca 根证书 装入。")
    return 0

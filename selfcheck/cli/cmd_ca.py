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
    print(f"有效期至：{cert.not_valid_after_utc.date():%Y年%m月%d日}")
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

    from selfcheck.cli.cmd_report import ask_passphrase, new_file
    from selfcheck.errors import NotFoundError, RuleError
    from selfcheck.reports import bureau_ca
    from selfcheck.reports.identity import Identity
    from selfcheck.storage.desk_ca import IssuedCert

    request = Path(args.request)
    if not request.is_file():
        raise NotFoundError(f"找不到文件：{request}", f"no such file: {request}")
    if request.stat().st_size > bureau_ca.MAX_REQUEST:
        raise RuleError(f"{request.name}：文件太大，不是证书申请", f"{request.name}: too large to be a certificate request")
    data = request.read_bytes()
    with _open(args) as desk:
        key_pem, cert_pem, _fp = _ca(desk)
        roster = {r.code: r.name for r in desk.roster()}
        bureau_ca.check_request(data, roster, name=request.name)  # a bad request is said before the passphrase is asked
        done = bureau_ca.issue(Identity(key_pem, cert_pem), ask_passphrase(), data, roster, name=request.name)
        out = Path(args.out)
        target = out / f"{done.school}-{done.code}.pem" if out.is_dir() else out
        path = new_file(str(target), done.cert_pem)
        desk.record_issued(IssuedCert(done.serial, done.code, done.school, done.fingerprint, done.not_after.isoformat(), _now()))
    if args.json:
        print(json.dumps({"path": str(path), "code": done.code, "school": done.school, "fingerprint": done.fingerprint,
                          "valid_until": done.not_after.date().isoformat()}, ensure_ascii=False, indent=2))  # fmt: skip
        return 0
    print(f"已为 {done.school}（{done.code}）签发证书：{path}")
    print(f"证书指纹（SHA-256）：{done.fingerprint}；有效期至 {done.not_after.date():%Y年%m月%d日}")
    print("把证书和根证书交给学校，用 selfcheck keys install-cert 证书 --ca 根证书 装入。")
    return 0


def _now() -> str:
    from selfcheck.core import clock

    return clock.now().replace(microsecond=0).isoformat()

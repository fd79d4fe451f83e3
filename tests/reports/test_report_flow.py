"""The signed report end to end through the CLI: export to a folder, read it back as a person and as
the bureau would (pdftotext, pdffonts, pdfsig, the embedded JSON), verify with and without trust."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from selfcheck.cli.main import main
from selfcheck.core.checklist_file import parse_checklist
from selfcheck.reports.verify import read_data
from selfcheck.storage import Store
from tests.reports.images import seal, signature
from tests.reports.samples import big_checklist

PASS = "城关一小-2026秋"


def cli(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


def tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=False).stdout


@pytest.fixture
def school(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    (tmp_path / "sig.png").write_bytes(signature())
    (tmp_path / "seal.png").write_bytes(seal())
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", PASS)
    assert (
        cli(
            data,
            "school",
            "set",
            "--name",
            "城关第一小学",
            "--code",
            "3412345678",
            "--principal",
            "张明",
            "--signature-image",
            str(tmp_path / "sig.png"),
            "--seal-image",
            str(tmp_path / "seal.png"),
        )
        == 0
    )
    return data


def fill(data: Path, template: str = "wuchawukan") -> int:
    """A whole inspection: every item answered, some problems raised and worked on."""
    with Store.open(data) as store:
        inspection = store.new_inspection(template, "2026年秋季学期", ["李华", "王芳"])
        t = store.checklist(template)
        for n, item in enumerate(t.items()):
            if item.type == "choice":
                options = [o for o in t.options_for(item) if not o.not_applicable]
                keys = t.veto_keys(item)
                candidates = [o for o in options if o.key not in keys]
                pick = candidates[n % len(candidates)]
                store.save_answer(inspection.id, item.id, pick.key, note="记录不全，需补齐")
            elif item.type in ("score", "deduction", "number"):
                store.save_answer(inspection.id, item.id, value=1)
            elif item.type == "date":
                store.save_answer(inspection.id, item.id, value="2026-10-01")
            else:
                store.save_answer(inspection.id, item.id, value="情况良好")
        problems = store.raise_problems_from_answers(inspection.id)
        store.update_problem(problems[0].id, measure="每周三下午集中学习并签到", owner="王主任", department="办公室")
        return inspection.id


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_signed_report_reads_back_as_person_and_bureau(school: Path, tmp_path: Path) -> None:
    inspection = fill(school)
    assert cli(school, "keys", "init") == 0
    assert cli(school, "keys", "export-cert", "--out", str(tmp_path / "school.pem")) == 0
    stick = tmp_path / "stick"
    stick.mkdir()
    assert cli(school, "report", "export", str(inspection), "--out", str(stick)) == 0
    (pdf,) = stick.glob("*.pdf")
    assert pdf.name == "城关第一小学_2026年秋季学期_中小学校政风行风“五查五看”自查表.pdf"
    assert not list(stick.glob(".selfcheck-*"))

    # -raw: content-stream order, so a wrapped cell is not interleaved with the column beside it
    text = normalise(tool("pdftotext", "-raw", str(pdf), "-"))
    with Store.open(school) as store:
        template = store.checklist("wuchawukan")
        answers = store.answers(inspection)
    assert "城关第一小学" in text and "2026年秋季学期" in text
    for item in template.items():
        assert normalise(item.text) in text, item.id
    embedded = read_data(pdf.read_bytes())
    assert embedded["score"]["grade"] and normalise(embedded["score"]["grade"]) in text
    assert text.startswith("—1—") or "—1—" in text  # GB/T 9704's page number
    with Store.open(school) as store:
        signer = store.identity()
    assert signer is not None and signer[2] in text  # the certificate's fingerprint is printed

    fonts = tool("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts), fonts

    sig = tool("pdfsig", str(pdf))
    assert "Signature is Valid." in sig and "Total document signed" in sig

    # the embedded JSON matches the database
    assert embedded["school"]["code"] == "3412345678"
    assert embedded["template"]["content_hash"] == template.content_hash()
    items = {i["id"]: i for s in embedded["sections"] for i in s["items"]}
    assert set(items) == {i.id for i in template.items()}
    for item_id, answer in answers.items():
        if item_id in items:
            assert (items[item_id]["option"], items[item_id]["value"], items[item_id]["note"]) == (
                answer.option,
                answer.value,
                answer.note,
            )
    assert embedded["problems"][0]["measure"] == "每周三下午集中学习并签到"

    assert cli(school, "report", "verify", str(pdf), "--trust", str(tmp_path / "school.pem")) == 0
    assert cli(school, "report", "data", str(pdf), "--json") == 0


def test_another_key_with_the_same_school_name_is_not_trusted(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inspection = fill(school)
    assert cli(school, "keys", "init") == 0
    assert cli(school, "keys", "export-cert", "--out", str(tmp_path / "real.pem")) == 0
    impostor = tmp_path / "impostor"
    assert cli(impostor, "school", "set", "--name", "城关第一小学", "--code", "3412345678", "--principal", "张明") == 0
    impostor_inspection = fill(impostor)
    assert cli(impostor, "keys", "init") == 0
    out = tmp_path / "forged.pdf"
    assert cli(impostor, "report", "export", str(impostor_inspection), "--out", str(out)) == 0
    capsys.readouterr()
    assert cli(school, "report", "verify", str(out), "--trust", str(tmp_path / "real.pem")) == 1
    assert "未通过" in capsys.readouterr().out
    del inspection


def test_wrong_passphrase_writes_nothing(
    school: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    inspection = fill(school)
    assert cli(school, "keys", "init") == 0
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", "not-the-passphrase")
    stick = tmp_path / "stick"
    stick.mkdir()
    capsys.readouterr()
    assert cli(school, "report", "export", str(inspection), "--out", str(stick)) == 1
    err = capsys.readouterr().err
    assert "口令不正确" in err and "Traceback" not in err
    assert list(stick.iterdir()) == []
    with Store.open(school) as store:
        assert store.db.execute("SELECT COUNT(*) FROM exports").fetchone()[0] == 0


def test_keys_are_not_replaced(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(school, "keys", "init") == 0
    with Store.open(school) as store:
        before = store.identity()
    assert cli(school, "keys", "init") == 1
    with Store.open(school) as store:
        assert store.identity() == before


def test_unsigned_export_carries_data_but_does_not_verify(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inspection = fill(school)
    out = tmp_path / "unsigned.pdf"
    assert cli(school, "report", "export", str(inspection), "--out", str(out), "--unsigned") == 0
    assert read_data(out.read_bytes())["inspection"]["id"] == inspection
    capsys.readouterr()
    assert cli(school, "report", "verify", str(out)) == 1
    assert "未通过" in capsys.readouterr().out
    # an existing file is never overwritten silently
    assert cli(school, "report", "export", str(inspection), "--out", str(out), "--unsigned") == 1


def test_a_500_item_report_paginates_with_repeated_headers(school: Path, tmp_path: Path) -> None:
    doc = big_checklist()
    items = [item for section in doc["sections"] for item in section["items"]]
    with Store.open(school) as store:
        store.install_checklist(parse_checklist(yaml.safe_dump(doc, allow_unicode=True).encode(), "big.yaml"), "test")
    inspection = fill(school, "big")
    out = tmp_path / "big.pdf"
    assert cli(school, "report", "export", str(inspection), "--out", str(out), "--unsigned") == 0
    pages = int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(out)))[1])  # type: ignore[index]
    assert pages > 20
    for page in (2, pages // 2):
        text = tool("pdftotext", "-f", str(page), "-l", str(page), str(out), "-")
        assert f"— {page} —" in text
        if "检查内容" not in text:
            continue
        assert "序号" in text  # the header row repeats on continued pages
    body = normalise(tool("pdftotext", "-raw", str(out), "-"))
    assert all(normalise(i["text"]) in body for i in items)
    assert json.loads(json.dumps(read_data(out.read_bytes())))["score"]["total"] == 500

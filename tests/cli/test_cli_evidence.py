"""Evidence from the command line: `inspection attach` copies files into the data folder against an item, as the
app's 添加材料 does, and the next report lists them (photos as thumbnails in 附件3)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PIL import Image

from selfcheck.reports.verify import read_data
from tests.cli.helpers import cli, mini_inspection


@pytest.fixture
def mini(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "data"
    mini_inspection(data)
    capsys.readouterr()
    return data


def test_attach_then_the_report_lists_the_files(mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    photo = tmp_path / "学习记录照片.jpg"
    Image.new("RGB", (800, 600), (30, 90, 200)).save(photo)
    minutes = tmp_path / "会议记录.txt"
    minutes.write_text("每周三集中学习", encoding="utf-8")
    assert cli(mini, "inspection", "attach", "1", "--item", "s1.study", str(photo), str(minutes)) == 0
    printed = capsys.readouterr().out
    assert "已添加：学习记录照片.jpg" in printed and hashlib.sha256(photo.read_bytes()).hexdigest() in printed
    photo.unlink()  # the copy in the data folder is what counts
    out = tmp_path / "U盘"
    out.mkdir()
    assert cli(mini, "report", "export", "1", "--out", str(out), "--unsigned") == 0
    (pdf,) = out.glob("*.pdf")
    listed = read_data(pdf.read_bytes())["evidence"]
    assert [(e["name"], e["photo"], e["missing"]) for e in listed] == [
        ("学习记录照片.jpg", True, False),
        ("会议记录.txt", False, False),
    ]


def test_attach_to_an_unknown_item_says_so(mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_text("x", encoding="utf-8")
    assert cli(mini, "inspection", "attach", "1", "--item", "no.such", str(f)) != 0
    err = capsys.readouterr().err
    assert "no.such" in err and "Traceback" not in err

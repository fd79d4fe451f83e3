"""A problem's evidence from the command line, end to end: `problem attach PID --phase 整改前|整改后 FILE...` copies
the files into the data folder against the problem, and the next report's 附件3 prints the photos captioned 整改前 /
整改后 with the problem's words (read back with pdftotext), the embedded data naming the problem and the phase."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from selfcheck.reports.verify import read_data
from tests.cli.helpers import cli, mini_inspection


@pytest.fixture
def mini(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "data"
    mini_inspection(data)
    assert cli(data, "problem", "add", "--inspection", "1", "--description", "食堂留样柜损坏") == 0
    capsys.readouterr()
    return data


def _photo(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (640, 480), colour).save(path)
    return path


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")
def test_attach_before_and_after_then_the_report_captions_them(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = _photo(tmp_path / "坏柜.jpg", (200, 30, 30))
    fixed = _photo(tmp_path / "新柜.jpg", (30, 160, 60))
    assert cli(mini, "problem", "attach", "1", "--phase", "整改前", str(broken)) == 0
    assert "已添加（整改前）：坏柜.jpg" in capsys.readouterr().out
    assert cli(mini, "problem", "attach", "1", "--phase", "整改后", str(fixed), "--json") == 0
    [added] = json.loads(capsys.readouterr().out)
    assert (added["phase"], added["name"], added["problem_id"]) == ("after", "新柜.jpg", 1)
    out = tmp_path / "U盘"
    out.mkdir()
    assert cli(mini, "report", "export", "1", "--out", str(out), "--unsigned") == 0
    (pdf,) = out.glob("*.pdf")
    listed = read_data(pdf.read_bytes())["evidence"]
    assert [(e["name"], e["problem_id"], e["phase"], e["photo"]) for e in listed] == [
        ("坏柜.jpg", 1, "before", True),
        ("新柜.jpg", 1, "after", True),
    ]
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    annex = text[text.rindex("佐证材料") :]
    assert "图1 整改前 问题：食堂留样柜损坏" in annex.replace("\u3000", " ")
    assert "图2 整改后 问题：食堂留样柜损坏" in annex.replace("\u3000", " ")


def test_a_wrong_phase_or_a_missing_file_says_so_and_saves_nothing(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _photo(tmp_path / "a.jpg", (0, 0, 0))
    assert cli(mini, "problem", "attach", "1", "--phase", "整改中", str(good)) == 1
    err = capsys.readouterr().err
    assert "整改前、整改后" in err and "Traceback" not in err
    assert cli(mini, "problem", "attach", "1", "--phase", "整改前", str(good), str(tmp_path / "没有.jpg")) == 1
    err = capsys.readouterr().err
    assert "找不到文件" in err and "没有.jpg" in err
    assert not (mini / "evidence" / "0").exists()

"""Evidence in the report (附件3): photos attached to items print as thumbnails with captions, every file is listed
with its SHA-256, a tampered or missing copy is marked and never printed, and twenty phone-sized photos keep the
signed report small. Read back from the exported PDF: pypdf for the images and the embedded data, pdftotext for
the words."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from selfcheck.reports import evidence, service
from selfcheck.reports.verify import read_data
from selfcheck.storage import Store

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")

PHOTOS = 20


def photo(path: Path, seed: int, size: tuple[int, int] = (2400, 1800)) -> Path:
    """A phone-sized JPEG that does not compress away: 16-pixel blocks of noise (more detail at thumbnail size than
    a photo of a classroom has)."""
    w, h = size
    small = Image.frombytes("RGB", (w // 16, h // 16), os.urandom((w // 16) * (h // 16) * 3))
    image = small.resize((w, h), Image.Resampling.NEAREST)
    image.paste((seed * 12 % 256, 80, 160), (0, 0, w // 4, h // 4))
    image.save(path, "JPEG", quality=92)
    return path


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def image_count(reader: PdfReader) -> int:
    return sum(len(page.images) for page in reader.pages)


@pytest.fixture
def with_evidence(mini_store: Store, tmp_path: Path) -> tuple[Store, int, list[Path]]:
    s = mini_store
    inspection = s.new_inspection("mini", "2026年秋季学期", ["李华"])
    s.save_answer(inspection.id, "s1.study", "no", note="没有学习记录")
    s.raise_problems_from_answers(inspection.id)
    originals = tmp_path / "originals"
    originals.mkdir()
    files = [photo(originals / f"整改前-{n:02d}.jpg", n) for n in range(PHOTOS)]
    for n, f in enumerate(files):
        s.attach_evidence(inspection.id, "s1.study" if n % 2 else "s2.firstask", f)
    minutes = originals / "学习记录.pdf"
    minutes.write_bytes(b"%PDF-1.4\n% minutes of the weekly study\n%%EOF\n")
    s.attach_evidence(inspection.id, "s1.study", minutes)
    return s, inspection.id, [*files, minutes]


def test_photos_print_as_small_thumbnails_and_every_file_is_listed(
    with_evidence: tuple[Store, int, list[Path]], tmp_path: Path
) -> None:
    store, inspection_id, files = with_evidence
    originals = sum(f.stat().st_size for f in files)
    out = tmp_path / "U盘"
    out.mkdir()
    done = service.export(store, inspection_id, out, passphrase=None, unsigned=True)
    size = done.path.stat().st_size
    reader = PdfReader(done.path)
    assert image_count(reader) == PHOTOS  # one thumbnail per photo (no seal or signature set here)
    assert originals > 20 * size / 4  # the photos weigh far more than the report
    print(f"report with {PHOTOS} photos: {size} bytes (the photos: {originals} bytes)")
    assert size < 1_500_000, size  # twenty photos: a report a clerk can e-mail
    for page in reader.pages:
        for picture in page.images:
            assert max(picture.image.size) <= evidence.THUMB_PX
    fonts = subprocess.run(["pdffonts", str(done.path)], capture_output=True, text=True, check=True).stdout
    assert all(row.split()[-5] == "yes" for row in fonts.splitlines()[2:]), fonts  # every font embedded
    text = pdf_text(done.path)
    squashed = "".join(text.split())
    assert "附件3" in squashed and "佐证材料" in squashed and "3.佐证材料" in squashed  # listed in 附件说明 too
    assert "图1" in squashed and f"图{PHOTOS}" in squashed and "1.1" in squashed
    assert "整改前-00.jpg" in squashed and "学习记录.pdf" in squashed
    for f in files:
        assert hashlib.sha256(f.read_bytes()).hexdigest() in squashed
        assert f"{f.stat().st_size:,}字节" in squashed
    assert "非图片" in squashed or "不是图片" in squashed
    data = read_data(done.path.read_bytes())
    listed = data["evidence"]
    assert [e["name"] for e in listed] == [f.name for f in files]
    assert sum(e["photo"] for e in listed) == PHOTOS and not any(e["missing"] for e in listed)


def test_a_tampered_or_missing_copy_is_marked_and_not_printed(
    with_evidence: tuple[Store, int, list[Path]], tmp_path: Path
) -> None:
    store, inspection_id, _files = with_evidence
    stored = store.attachments(inspection_id)
    stored[0].path.write_bytes(stored[0].path.read_bytes()[:-10] + b"0123456789")  # same size, other content
    stored[1].path.unlink()
    gathered = evidence.gather(store, inspection_id)
    assert [f.missing for f in gathered.files[:3]] == [True, True, False]
    assert stored[0].sha256 not in gathered.thumbnails and stored[1].sha256 not in gathered.thumbnails
    out = tmp_path / "U盘"
    out.mkdir()
    done = service.export(store, inspection_id, out, passphrase=None, unsigned=True)
    assert image_count(PdfReader(done.path)) == PHOTOS - 2
    assert "缺失或与添加时不一致" in "".join(pdf_text(done.path).split())


def test_thumbnail_refuses_what_is_not_a_picture_and_keeps_orientation(tmp_path: Path) -> None:
    assert evidence.thumbnail(b"%PDF-1.4 not a picture") is None
    assert evidence.thumbnail(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40) is None  # a broken PNG
    tall = io.BytesIO()
    image = Image.new("RGB", (400, 300), (200, 10, 10))
    exif = image.getexif()
    exif[0x0112] = 6  # the camera was turned: shown rotated 90°
    image.save(tall, "JPEG", exif=exif)
    thumb = evidence.thumbnail(tall.getvalue())
    assert thumb is not None
    with Image.open(io.BytesIO(thumb)) as shown:
        assert shown.format == "JPEG" and shown.size == (300, 400)


def test_a_report_without_evidence_has_no_third_attachment(mini_store: Store, tmp_path: Path) -> None:
    inspection = mini_store.new_inspection("mini", "2026年秋季学期", ["李华"])
    done = service.export(mini_store, inspection.id, tmp_path, passphrase=None, unsigned=True)
    squashed = "".join(pdf_text(done.path).split())
    assert "附件3" not in squashed and "佐证材料" not in squashed.replace("佐证材料：", "")
    assert read_data(done.path.read_bytes())["evidence"] is None

"""The evidence files (佐证材料) an inspection's items carry, for the report: each file's name and SHA-256 for the
embedded data, and, for photos, a small JPEG thumbnail for 附件3, so twenty photos add a few hundred KB, not the
megabytes a phone's pictures weigh.

The copies in the data folder are read as files that may have been tampered with: the size is capped before
reading, the content must match the fingerprint recorded when it was attached, and a picture is recognised by what
Pillow finds in it (never by its name), within a pixel limit that stops decompression bombs. A file that fails any
of this is still listed, marked, never printed as a picture.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from selfcheck.core.printable import printable
from selfcheck.reports.schema import EvidenceData

if TYPE_CHECKING:
    from selfcheck.storage import Store

THUMB_PX = 400  # the longest side: 58 mm wide at about 175 dpi, enough for a printed thumbnail
THUMB_QUALITY = 65
MAX_PHOTO_BYTES = 40 * 1024 * 1024  # a photo larger than this is listed, not decoded
MAX_PIXELS = 60_000_000  # 60 megapixels: more is not a phone's photo
PHOTO_FORMATS = {"JPEG", "PNG", "GIF", "BMP", "WEBP", "TIFF", "MPO"}


@dataclass(frozen=True)
class Gathered:
    files: list[EvidenceData]
    thumbnails: dict[str, bytes]  # sha256 -> JPEG bytes, for the files marked photo


def gather(store: Store, inspection_id: int) -> Gathered:
    """Every evidence file of the inspection's items in the order attached, then those of the problems its 附件2
    shows (整改前 before 整改后, problem by problem), with thumbnails of the photos."""
    from selfcheck.reports.data import problem_ids

    files: list[EvidenceData] = []
    thumbs: dict[str, bytes] = {}
    for ev in store.attachments(inspection_id):
        files.append(_checked(ev.name, ev.path, ev.size, ev.sha256, thumbs, item_id=ev.item_id))
    for pe in store.problem_attachments(problem_ids(store, inspection_id)):
        phase: Literal["before", "after"] = "after" if pe.phase == "after" else "before"
        files.append(_checked(pe.name, pe.path, pe.size, pe.sha256, thumbs, item_id="", problem_id=pe.problem_id, phase=phase))
    return Gathered(files, thumbs)


def _checked(name: str, path: object, size: int, sha256: str, thumbs: dict[str, bytes], **where: Any) -> EvidenceData:
    """One file as the report lists it: read warily, its fingerprint checked, a thumbnail when it is a picture."""
    present, raw = _read(path, size)
    missing = not present or (raw is not None and hashlib.sha256(raw).hexdigest() != sha256)
    thumb = None if missing or raw is None else thumbs.get(sha256) or thumbnail(raw)
    if thumb is not None:
        thumbs[sha256] = thumb
    return EvidenceData(name=printable(name, 200), sha256=sha256, size=size, photo=thumb is not None, missing=missing, **where)


def _read(path: object, size: int) -> tuple[bool, bytes | None]:
    """(whether the stored copy is a regular file of the recorded size, its bytes when small enough to decode)."""
    from pathlib import Path

    p = Path(str(path))
    try:
        if p.is_symlink() or not p.is_file() or p.stat().st_size != size:
            return False, None
        if size > MAX_PHOTO_BYTES:  # listed by name and fingerprint only: not read, so not decoded
            return True, None
        return True, p.read_bytes()
    except OSError:
        return False, None


def thumbnail(raw: bytes) -> bytes | None:
    """A JPEG no larger than THUMB_PX on its longest side, upright as the camera held it; None when `raw` is not a
    picture Pillow reads within the limits."""
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(raw)) as probe:
            if probe.format not in PHOTO_FORMATS:
                return None
            width, height = probe.size
            if width * height > MAX_PIXELS or width < 1 or height < 1:
                return None
            probe.draft("RGB", (THUMB_PX, THUMB_PX))  # JPEG: decode at a reduced size, much faster
            image = ImageOps.exif_transpose(probe) or probe
            image = image.convert("RGB")
            image.thumbnail((THUMB_PX, THUMB_PX), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            image.save(out, "JPEG", quality=THUMB_QUALITY, optimize=True)
            return out.getvalue()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None

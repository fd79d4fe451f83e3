"""Make resources/fonts/ukai-gb2312.ttf.xz: the Kai face of the （一） headings, a subset of AR PL UKai.

The whole ukai.ttc (17 MB) would take the frozen app over its size limit (tests/test_frozen.py), and so would the
plain GB2312 subset (4.45 MB: the folder measured 172.4 MB against 170), so the app ships the subset with its
outlines rounded and packed with xz (0.95 MB, level 1 only: see below); gongwen.register_fonts unpacks it in memory. Made once and
committed as a binary, like the other fonts; fontTools is not in the project's lock. To regenerate:

    apt-get download fonts-arphic-ukai && dpkg -x fonts-arphic-ukai_*.deb /tmp/ukai   # Debian 0.2.20080216.2-5
    python3 -m venv /tmp/ft && /tmp/ft/bin/pip install fonttools
    /tmp/ft/bin/python scripts/subset_kai.py /tmp/ukai/usr/share/fonts/truetype/arphic/ukai.ttc

Input: face 0 of ukai.ttc, "AR PL UKai CN" (TrueType outlines). The character set, exactly:
- the 3,755 hanzi of GB2312 level 1 (the common characters): the byte pairs 0xB0A1-0xD7F9 decoded as GB2312
  (0xD7FA-0xD7FE are unassigned and skipped). Level 2 (another 3,008 rarer hanzi) is left out for the frozen app's
  size: with it the file is 1.77 MB and the folder 169.7 MB of its 170; a heading with any character the font lacks
  is set in Song whole (gongwen.kai_for), so no glyph is ever lost;
- the CJK punctuation and full-width forms headings use: （）、，。：；“”《》—…·‘’「」【】〔〕！？％
  and the full-width digits ０-９;
- printable ASCII (0x20-0x7E).
Output: a plain TrueType font (glyf outlines; no hinting, no glyph names, no OpenType layout features, the name
table kept whole), its outline points rounded to QUANTUM font units, packed with xz (preset 9e). reportlab embeds
a further subset of the glyphs a report uses. License: the Arphic Public License, as the original font's
(resources/fonts/LICENSE-arphic-uming.txt is the same license text); a modified version of AR PL UKai.
"""

from __future__ import annotations

import io
import lzma
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

OUT = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "ukai-gb2312.ttf.xz"
QUANTUM = 4  # outline points rounded to 4/1024 em: 0.02 mm at 三号, below a 600 dpi printer's dot; xz packs them tighter
PUNCTUATION = "（）、，。：；“”《》—…·‘’「」【】〔〕！？％" + "".join(chr(c) for c in range(0xFF10, 0xFF1A))


def gb2312_hanzi() -> list[str]:
    """The 3,755 hanzi of GB2312 level 1 (the common characters, 0xB0A1-0xD7F9), in code order."""
    out = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # 0xD7FA-0xD7FE
    return out


def characters() -> str:
    hanzi = gb2312_hanzi()
    assert len(hanzi) == 3755, len(hanzi)
    return "".join(hanzi) + PUNCTUATION + "".join(chr(c) for c in range(0x20, 0x7F))


def round_outlines(font: TTFont) -> None:
    """Every outline point to the nearest multiple of QUANTUM font units (the xz file shrinks from 2.26 to 1.77 MB)."""
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if glyph.numberOfContours > 0:  # composites (-1) and empty glyphs (0) have no points of their own
            points = glyph.coordinates
            for i, (x, y) in enumerate(points):
                points[i] = (round(x / QUANTUM) * QUANTUM, round(y / QUANTUM) * QUANTUM)
            glyph.recalcBounds(glyf)


def main(source: str) -> None:
    font = TTCollection(source, recalcTimestamp=False).fonts[0]  # the original date: the same bytes each time
    assert font["name"].getDebugName(4) == "AR PL UKai CN", font["name"].getDebugName(4)
    options = subset.Options()
    options.hinting = False
    options.glyph_names = False
    options.name_IDs = ["*"]  # keep the copyright and license notices
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters())
    subsetter.subset(font)
    round_outlines(font)
    ttf = io.BytesIO()
    font.save(ttf)
    OUT.write_bytes(lzma.compress(ttf.getvalue(), preset=9 | lzma.PRESET_EXTREME))
    cmap = font.getBestCmap()
    missing = [c for c in characters() if ord(c) not in cmap]
    print(f"{OUT}: {OUT.stat().st_size} bytes ({len(ttf.getvalue())} unpacked), {len(cmap)} characters")
    print(f"not in the font: {''.join(missing) or 'none'}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/arphic/ukai.ttc")

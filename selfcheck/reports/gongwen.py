"""The 公文 page that every PDF of the app is laid out on (GB/T 9704): the school's 自查报告 (reports/layout.py),
the 督查意见 (review_layout.py), the quarterly and half-year documents (period_layout.py) and the bureau's 通报 and
督办单 (bulletin.py) share it from here.

Portrait A4 with the standard's margins (top 37, bottom 35, left 28, right 26 mm; 22 lines of 三号 a page) for the
text, landscape A4 with 20 mm margins for the attachments; the embedded CJK fonts (resources/fonts); the paragraph
styles of title, 主送, 正文, headings, 附件说明 and table cells; "— 3 —" page numbers at the outside edge; the
落款 with the seal pressed over the name and the date; the tables' grid; the verification box with its QR code.
"""

from __future__ import annotations

import datetime as dt
import io
import lzma
import sys
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, TimeStamp
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from selfcheck.core import clock
from selfcheck.errors import SelfcheckError
from selfcheck.reports import linebreak
from selfcheck.reports.narrative import date_text

FONT = "WQYMicroHei"  # Hei (黑体): the 一、 headings and the tables' header rows
FONT_FILE = "wqy-microhei.ttc"
SONG = "ARPLUMing"  # Song (宋体): the title, the body text, the table cells
SONG_FILE = "uming.ttc"
KAI = "ARPLUKai"  # Kai (楷体): the （一） headings (GB2312 level 1, 3,755 hanzi: see kai_for())
KAI_FILE = "ukai-gb2312.ttf.xz"  # xz-packed TrueType: scripts/subset_kai.py
INK = colors.black
RULE = colors.black
HEAD_BG = colors.HexColor("#e6e6e6")
RED = colors.HexColor("#c00000")
WIDTH, HEIGHT = A4
# GB/T 9704: A4, margins top 37, bottom 35, left 28, right 26 mm; 22 lines of 28 characters of 三号 (16 pt)
TOP, BOTTOM, LEFT, RIGHT = 37 * mm, 35 * mm, 28 * mm, 26 * mm
BODY_WIDTH = WIDTH - LEFT - RIGHT
BODY_HEIGHT = HEIGHT - TOP - BOTTOM
BODY_SIZE = 16  # 三号
LEADING = BODY_HEIGHT / 22  # 22 lines a page
TITLE_SIZE = 22  # 二号
# The attachments: landscape A4 with 20 mm margins (25 mm at the bottom for the page number)
L_WIDTH, L_HEIGHT = landscape(A4)
L_MARGIN, L_BOTTOM = 20 * mm, 25 * mm
L_BODY_WIDTH = L_WIDTH - 2 * L_MARGIN
L_BODY_HEIGHT = L_HEIGHT - L_MARGIN - L_BOTTOM


def producer() -> str:
    """The PDF's /Producer: pyHanko's own name, which its signing update writes as the XMP's pdf:Producer and keeps in
    the document info when it is already there (else it appends it to reportlab's), so the two say the same."""
    from pyhanko.pdf_utils.metadata.model import VENDOR

    return VENDOR


def fonts_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources" / "fonts"
    return Path(__file__).resolve().parent.parent.parent / "resources" / "fonts"


def kai() -> str:
    """The face of the （一） headings: Kai (AR PL UKai, its GB2312 level-1 subset) when resources/fonts holds it, else Song.
    The whole font's 17 MB would take the frozen folder over its size limit (tests/test_frozen.py), so the app
    ships its GB2312 level-1 subset, xz-packed (scripts/subset_kai.py); a heading it cannot set is set in Song (kai_for)."""
    return KAI if KAI in pdfmetrics.getRegisteredFontNames() else SONG


def kai_for(text: str) -> str:
    """The face of one （一） heading: Kai when the Kai font holds every character of it, else Song, so that a rare
    character (outside GB2312 level 1, the subset's set) never comes out as an empty box."""
    face = kai()
    if face == KAI:
        glyphs = pdfmetrics.getFont(KAI).face.charToGlyph
        if any(ord(c) not in glyphs for c in text if c not in "\n\r\t"):
            return SONG
    return face


def para_style(kind: str, line: str, s: Styles) -> ParagraphStyle:
    """The style of one line of a 正文 (kind "h1", "h2" or "p"): a （一） heading in Kai unless kai_for says Song."""
    if kind == "h1":
        return s.h1
    if kind != "h2":
        return s.body
    if s.h2.fontName == KAI and kai_for(line) != KAI:
        return ParagraphStyle(f"{s.h2.name}-song", parent=s.h2, fontName=SONG)
    return s.h2


def register_fonts() -> str:
    """Register the embedded CJK fonts once; the table font's name."""
    if FONT in pdfmetrics.getRegisteredFontNames() and SONG in pdfmetrics.getRegisteredFontNames():
        linebreak.install()
        return FONT
    for name, file in ((SONG, SONG_FILE), (FONT, FONT_FILE), (KAI, KAI_FILE)):
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        path = fonts_dir() / file
        if name == KAI and not path.is_file():
            continue  # optional
        if not path.is_file():
            raise SelfcheckError(
                f"找不到报告字体 {path}；请重新安装 selfcheck", f"the report font {path} is missing; reinstall selfcheck"
            )
        if name == KAI:  # packed for size: unpacked in memory (4.3 MB)
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(lzma.decompress(path.read_bytes()))))
            continue
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
    # Charts and the QR code start from reportlab's default state font (Helvetica, never embedded): make the
    # embedded font the default, so every font in the PDF is embedded.
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = FONT
    linebreak.install()
    return FONT


def esc(text: object) -> str:
    """Text for a Paragraph: its markup characters escaped, its line breaks kept."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def style(name: str, font: str, size: float, leading: float | None = None, **kw: Any) -> ParagraphStyle:
    """A paragraph style in ink, wrapping CJK text anywhere; `leading` 1.4 times the size unless given."""
    kw.setdefault("textColor", INK)
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.4, wordWrap="CJK", **kw)


class Styles:
    """The styles of a 公文 and of its attachments' tables (a document's own ones are added by its module)."""

    def __init__(self) -> None:
        indent = 2 * BODY_SIZE
        self.number = style("number", SONG, BODY_SIZE, LEADING, alignment=TA_CENTER)
        self.title = style("title", SONG, TITLE_SIZE, TITLE_SIZE * 1.5, alignment=TA_CENTER, spaceAfter=LEADING)
        self.addressee = style("addressee", SONG, BODY_SIZE, LEADING)
        # allowWidows=0: a paragraph's last line never stands alone at the top of a page
        self.body = style("body", SONG, BODY_SIZE, LEADING, firstLineIndent=indent, alignment=TA_JUSTIFY, allowWidows=0)
        self.h1 = style("h1", FONT, BODY_SIZE, LEADING, firstLineIndent=indent)
        self.h2 = style("h2", kai(), BODY_SIZE, LEADING, firstLineIndent=indent)
        self.annex_note = style(
            "annex_note", SONG, BODY_SIZE, LEADING, leftIndent=indent + 3 * BODY_SIZE, firstLineIndent=-3 * BODY_SIZE
        )
        self.annex_label = style("annex_label", FONT, BODY_SIZE, LEADING)
        self.annex_title = style("annex_title", SONG, 18, 28, alignment=TA_CENTER, spaceAfter=2 * mm)
        self.annex_info = style("annex_info", SONG, 10.5, 16, spaceAfter=2 * mm)
        self.annex_h = style("annex_h", FONT, 12, 20, spaceBefore=3 * mm, spaceAfter=1.5 * mm)
        self.cell = style("cell", SONG, 9, 12.6)
        self.cell_c = style("cell_c", SONG, 9, 12.6, alignment=TA_CENTER)
        self.small = style("small", SONG, 7.5, 10.5)
        self.head = style("head", FONT, 9, 12.6, alignment=TA_CENTER)


def text_flow(lines: list[tuple[str, str]], s: Styles) -> list[Flowable]:
    """The 正文's paragraphs ((kind, line) as narrative.paragraphs gives them): a heading starts a new page unless it
    and three lines of what follows fit, and the paragraph after it may split (keeping a heading with its whole next
    paragraph left pages half empty). Three, not two: the body leaves neither a first nor a last line alone, so a
    paragraph of three lines does not split and would leave its heading at the foot of the page."""
    out: list[Flowable] = []
    for kind, line in lines:
        if kind in ("h1", "h2"):
            out.append(CondPageBreak(4 * LEADING))
        out.append(Paragraph(esc(line), para_style(kind, line, s)))
    return out


def page_number(canvas: Canvas, width: float, bottom: float, right: float, left: float) -> None:
    """ "— 3 —" in Song 四号 below the text, at the outside edge: right on odd pages, left on even ones."""
    n = canvas.getPageNumber()
    canvas.saveState()
    canvas.setFont(SONG, 14)
    canvas.setFillColor(INK)
    y = bottom - 7 * mm - 14
    if n % 2:
        canvas.drawRightString(width - right - 14, y, f"— {n} —")
    else:
        canvas.drawString(left + 14, y, f"— {n} —")
    canvas.restoreState()


def stamp(moment: dt.datetime) -> TimeStamp:
    """reportlab's time stamp for a PDF's /CreationDate and /ModDate, set to `moment` (reportlab reads the system
    clock itself; selfcheck's dates come from its one clock, which tests set)."""
    stamp = TimeStamp(invariant=False)
    minutes = int((moment.utcoffset() or dt.timedelta(0)).total_seconds() // 60)
    stamp.t = moment.timestamp()
    stamp.lt = moment.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = int(minutes / 60)  # toward zero, as "-05'30'" wants
    stamp.dmm = abs(minutes) % 60
    stamp.tzname = moment.tzname() or "UTC"
    return stamp


class ClockedCanvas(Canvas):  # type: ignore[misc]
    """reportlab's canvas with the document's dates taken from selfcheck's clock: every PDF of the app is drawn on
    it (Document and SimpleDocument pass it to build)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._doc._timeStamp = stamp(clock.now())


class Document(BaseDocTemplate):  # type: ignore[misc]
    """BaseDocTemplate drawing on ClockedCanvas."""

    def build(self, flowables: list[Flowable], filename: Any = None, canvasmaker: Any = ClockedCanvas) -> None:
        super().build(flowables, filename=filename, canvasmaker=canvasmaker)


def document(
    buffer: io.BytesIO,
    *,
    on_portrait: Any,
    on_landscape: Any,
    **info: str,
) -> Document:
    """A document of two page templates: "document" (portrait, the text) and "annex" (landscape, the attachments),
    each calling its page function (the page number); `info`: title, author, subject, keywords of the PDF."""
    doc = Document(
        buffer,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        **info,
        creator="selfcheck",
        producer=producer(),
        lang="zh-CN",
        initialFontName=SONG,  # else an unembedded Helvetica sits in every page's resources
        initialFontSize=10,
    )
    portrait = PageTemplate(
        "document",
        [Frame(LEFT, BOTTOM, BODY_WIDTH, BODY_HEIGHT, 0, 0, 0, 0, id="body")],
        onPage=on_portrait,
        pagesize=A4,
    )
    wide = PageTemplate(
        "annex",
        [Frame(L_MARGIN, L_BOTTOM, L_BODY_WIDTH, L_BODY_HEIGHT, 0, 0, 0, 0, id="annex")],
        onPage=on_landscape,
        pagesize=(L_WIDTH, L_HEIGHT),
    )
    doc.addPageTemplates([portrait, wide])
    return doc


def pdf_2(buffer: io.BytesIO) -> bytes:
    """The built PDF with one version in the header and the catalog: the data attachment (/AF, signing.py) makes it
    a PDF 2.0 file, which pyHanko declares in the catalog; the header says the same (same length: no offset moves)."""
    pdf = buffer.getvalue()
    assert pdf.startswith(b"%PDF-1.4")
    return b"%PDF-2.0" + pdf[len(b"%PDF-1.4") :]


class SealBlock(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """落款: the issuer's name centred over the date, the date right-aligned four characters in (GB/T 9704 for a
    sealed document), the red seal pressed over both (盖章压日期); `lines` of the text's height in all, the name on
    the second line from the bottom. `signer`: a label at the left ("校长（签字）："), the signature image after it."""

    def __init__(
        self,
        name: str,
        day: str,
        seal_png: bytes | None,
        *,
        lines: int = 4,
        signer: str | None = None,
        signature_png: bytes | None = None,
        keep_aspect: bool = True,
    ) -> None:
        super().__init__()
        self.name, self.day, self.signer, self.keep_aspect = name, day, signer, keep_aspect
        self.signature = ImageReader(io.BytesIO(signature_png)) if signature_png else None
        self.seal = ImageReader(io.BytesIO(seal_png)) if seal_png else None
        self.width = BODY_WIDTH
        self.height = lines * LEADING

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFillColor(INK)
        c.setFont(SONG, BODY_SIZE)
        date = date_text(self.day)
        date_right = self.width - 4 * BODY_SIZE
        centre = date_right - pdfmetrics.stringWidth(date, SONG, BODY_SIZE) / 2
        name_y = 2 * LEADING
        date_y = name_y - LEADING
        c.drawCentredString(centre, name_y, self.name)
        c.drawRightString(date_right, date_y, date)
        if self.signer is not None:
            c.drawString(0, name_y, self.signer)
            label = pdfmetrics.stringWidth(self.signer, SONG, BODY_SIZE)
            if self.signature is not None:
                c.drawImage(
                    self.signature,
                    label,
                    name_y - 5 * mm,
                    width=40 * mm,
                    height=14 * mm,
                    preserveAspectRatio=True,
                    mask="auto",
                )
        if self.seal is not None:  # its lower edge near the date
            size = 42 * mm
            c.drawImage(
                self.seal,
                centre - size / 2,
                date_y - 10 * mm,
                width=size,
                height=size,
                preserveAspectRatio=self.keep_aspect,
                mask="auto",
            )


def grid() -> list[tuple[Any, ...]]:
    """The attachments' table style: thin rules, the header row shaded and centred, every other cell white."""
    return [
        ("FONTNAME", (0, 0), (-1, -1), SONG),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),  # the header row only: every other cell stays white
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]


def qr(text: str, size: float) -> Drawing:
    widget = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def verification_box(document_id: str, fingerprint: str, text: str, small: ParagraphStyle) -> list[Flowable]:
    """The QR code of "selfcheck:<document id>:<data fingerprint>" beside `text` (markup), after a space; the
    document closes with it (page_flow.close_with keeps it with the end of what precedes it)."""
    box = Table([[qr(f"selfcheck:{document_id}:{fingerprint}", 24 * mm), Paragraph(text, small)]], colWidths=[28 * mm, 140 * mm])
    box.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTNAME", (0, 0), (-1, -1), SONG)]))
    return [Spacer(1, 6 * mm), box]

"""Chinese line breaking (禁则) for reportlab's CJK paragraphs.

reportlab's own CJK wrap (`textsplit.wordSplit` for one-style text, `paragraph.cjkFragSplit` for mixed styles)
hangs only the few closing marks of its list and treats any character below U+3000 (so ” ’ … — and digits) as
Latin, walking back to a space that Chinese has not: a closing quotation mark or a comma could start a line. The two
splitters here replace them for the whole process (`install`): a line never starts with closing punctuation (in the
公文's body, 三号 and larger, up to two marks hang past the line's end, as Word's 允许标点溢出边界 does; in smaller
text, the tables' cells, where a hanging mark would cross the rule, the character it closes moves down with it),
never ends with opening punctuation (it
moves down with the character it opens), and a run of Latin letters or digits ("2026", "12345", "4.3", the item
number whose point is no full stop) is not cut unless it is longer than a line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

CANNOT_START = frozenset("，。、；：？！）」』”’》〉】〕…—·%‰℃,.;:?!)]}")
CANNOT_END = frozenset("（「『“‘《〈【〔([{")
FUZZ = 1e-8
HANG = 2  # closing marks allowed to hang past the line's end
HANG_FROM_SIZE = 14.0  # pt: the body text (16 pt) hangs them; table cells (9 pt and smaller) push them down


def _word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "./-_")


def breaks(
    text: Sequence[str],
    width_of: Callable[[int, float], float],
    max_widths: Sequence[float],
    hard: Callable[[int], bool],
    hang: bool = True,
) -> list[tuple[int, int, float, bool]]:
    """The lines of `text` (one character each): (start, end, width, ended by a hard break) for each.
    `width_of(i, max_width)`: character i's width; `hard(i)`: character i ends its line (an explicit <br/>);
    `hang`: closing marks may hang past the line's end (else they move down with the character they close)."""
    out: list[tuple[int, int, float, bool]] = []
    widths = [0.0] * len(text)
    count = len(text)
    start = i = 0
    used = 0.0
    max_width = max_widths[0]

    def close(end: int, line_break: bool) -> None:
        nonlocal start, used, max_width
        out.append((start, end, sum(widths[start:end]), line_break))
        start, used = end, 0.0
        max_width = max_widths[min(len(out), len(max_widths) - 1)]

    while i < count:
        ch = text[i]
        widths[i] = w = width_of(i, max_width)
        if hard(i):
            i += 1
            close(i, True)
            continue
        if used + w > max_width + FUZZ and used > 0 and i > start:
            end = i
            inside = _word(ch) and _word(text[i - 1]) and i + 1 < count and _word(text[i + 1])
            closing = bool(ch) and ch in CANNOT_START and not inside
            pushed = _push_down(text, start, i) if closing and not hang else None
            if closing and pushed is None:  # hang them past the line's end (or the line holds nothing else)
                end = i + 1
                while end < count and end - i < HANG and text[end] and text[end] in CANNOT_START:
                    widths[end] = width_of(end, max_width)
                    end += 1
            elif pushed is not None:
                end = pushed
            else:
                back = end
                while back > start + 1 and _word(text[back - 1]) and _word(text[back]):
                    back -= 1
                if back > start + 1:
                    end = back
                while end - 1 > start and text[end - 1] and text[end - 1] in CANNOT_END:
                    end -= 1
            close(end, False)
            i = end
            continue
        used += w
        i += 1
    if start < count or not out:
        close(count, False)
    return out


def _push_down(text: Sequence[str], start: int, i: int) -> int | None:
    """Where to end the line instead when text[i], a closing mark, would start the next one: before the character it
    closes (with the closing marks between them and the whole of a Latin or digit run), so the mark moves down with
    it rather than hanging past the line's end, across a table's rule. None when the line would be left empty."""
    end = i
    while end > start + 1 and text[end] and text[end] in CANNOT_START:
        end -= 1
    while end > start + 1 and _word(text[end - 1]) and _word(text[end]):
        end -= 1
    while end - 1 > start and text[end - 1] and text[end - 1] in CANNOT_END:
        end -= 1
    if end <= start + 1 or (text[end] and text[end] in CANNOT_START):
        return None
    return end


def frag_split(frags: Any, max_widths: Any, calc_bounds: Any, encoding: str = "utf8") -> Any:
    """What `paragraph.cjkFragSplit` returns (ParaLines of CJK FragLines), with the rules above."""
    from reportlab.platypus import paragraph

    glyphs: list[Any] = []
    for f in frags:
        text = f.text
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text:
            glyphs.extend(paragraph.cjkU(t, f, encoding) for t in text)
        else:
            glyphs.append(paragraph.cjkU(text, f, encoding))

    def width_of(i: int, max_width: float) -> float:
        w = glyphs[i].width
        if hasattr(w, "normalizedValue"):
            w._normalizer = max_width
            w = w.normalizedValue(max_width)
        return float(w)

    widths = list(max_widths) if isinstance(max_widths, list | tuple) else [max_widths]
    lines = []
    for n, (start, end, used, hard) in enumerate(
        breaks(
            glyphs,
            width_of,
            widths,
            lambda i: hasattr(glyphs[i].frag, "lineBreak"),
            hang=max((float(f.fontSize) for f in frags), default=0) >= HANG_FROM_SIZE,
        )
    ):
        max_width = widths[min(n, len(widths) - 1)]
        lines.append(paragraph.makeCJKParaLine(glyphs[start:end], max_width, used, max_width - used, hard, calc_bounds))
    return paragraph.ParaLines(kind=1, lines=lines)


# Each character's width in a font at a size, for the whole process: a 500-item report wraps some 20,000 cells, and
# measuring each character of each anew was a sixth of its layout time. A font's widths never change once it is
# registered (reportlab registers a name once), and the texts' characters are a few thousand at most.
_SIZES: dict[tuple[str, float], dict[str, float]] = {}


def word_split(word: Any, max_widths: Any, font_name: str, font_size: float, encoding: str = "utf8") -> list[list[Any]]:
    """What `textsplit.wordSplit` returns ([extra space, text] for each line), with the rules above."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = word.decode(encoding) if isinstance(word, bytes) else word
    widths = list(max_widths) if isinstance(max_widths, list | tuple) else [max_widths]
    sizes = _SIZES.get((font_name, font_size))
    if sizes is None:
        sizes = _SIZES[font_name, font_size] = {}

    def width_of(i: int, max_width: float) -> float:
        ch = text[i]
        size = sizes.get(ch)
        if size is None:
            size = sizes[ch] = stringWidth(ch, font_name, font_size)
        return size

    whole = stringWidth(text, font_name, font_size)
    if whole < widths[0] - 0.01:  # fits on its first line (most cells): no break to look for
        return [[widths[0] - whole, text]]
    out = []
    lines = breaks(text, width_of, widths, lambda i: False, hang=font_size >= HANG_FROM_SIZE)
    for n, (start, end, used, _hard) in enumerate(lines):
        out.append([widths[min(n, len(widths) - 1)] - used, text[start:end]])
    return out


def install() -> None:
    """Make every CJK paragraph of this process wrap with these rules (idempotent)."""
    from reportlab.platypus import paragraph

    paragraph.cjkFragSplit = frag_split
    paragraph.wordSplit = word_split

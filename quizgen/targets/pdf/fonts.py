"""The typeface printed worksheets use, and the check that it can print a text.

Worksheets are set in PT Sans, a sans-serif ParaType drew for the languages of
the Russian Federation and its neighbours, Kazakh included; it also covers
Latin with its extensions, but not every letter of them: the dotted letters of
transliterated Arabic ("ṣ", "ẓ", "ḥ") and its ayn and hamza ("ʿ", "ʾ") it lacks.
Those characters are set in Noto Sans, letter by letter (`marked`, `runs`):
a name prints with every letter drawn, the rest of the text in PT Sans. The
font files come from the pip packages `fontpkg`, `fontpkg-pt-sans` and
`fontpkg-noto-sans`, so nothing depends on fonts installed on the machine.

`register()` registers the four styles with reportlab once, on first use, as
the family `PTSans` (so `<b>` and `<i>` in Paragraph markup pick the right
file), and the fallback as the family `NotoSans` (its upright and italic files;
it comes in one weight, so bold text falls back to the upright letters).
`missing(text)` lists the characters neither family can draw: reportlab would
print them as empty boxes, so content is checked before any rendering starts.
"""
from __future__ import annotations

import threading

FAMILY = "PT Sans"  # the family name fontpkg knows
REGULAR = "PTSans"
BOLD = "PTSans-Bold"
ITALIC = "PTSans-Italic"
BOLD_ITALIC = "PTSans-BoldItalic"

_STYLES = (  # reportlab name, weight, style
    (REGULAR, 400, "normal"),
    (BOLD, 700, "normal"),
    (ITALIC, 400, "italic"),
    (BOLD_ITALIC, 700, "italic"),
)

FALLBACK_FAMILY = "Noto Sans"  # for the characters PT Sans has no glyph for
FALLBACK = "NotoSans"
FALLBACK_ITALIC = "NotoSans-Italic"

_lock = threading.Lock()
_registered = False
_codepoints: frozenset[int] | None = None
_fallback_codepoints: frozenset[int] = frozenset()


def _fonts():
    import fontpkg
    from reportlab.pdfbase.ttfonts import TTFont

    return [TTFont(name, str(fontpkg.path(FAMILY, weight=weight, style=style))) for name, weight, style in _STYLES]


def _fallback_fonts():
    import fontpkg
    from reportlab.pdfbase.ttfonts import TTFont

    return [TTFont(FALLBACK, str(fontpkg.path(FALLBACK_FAMILY, weight=400, style="normal"))),
            TTFont(FALLBACK_ITALIC, str(fontpkg.path(FALLBACK_FAMILY, weight=400, style="italic")))]


def register() -> None:
    """Register PT Sans (all four styles and the family) with reportlab, once."""
    global _registered, _codepoints, _fallback_codepoints
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics

        fonts = _fonts()
        for font in fonts:
            pdfmetrics.registerFont(font)
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
        for name, weight, style in _STYLES:
            addMapping(REGULAR, int(weight == 700), int(style == "italic"), name)
        # A character counts as printable only if every style has it, since any
        # text may end up bold or italic.
        maps = [set(font.face.charToGlyph) for font in fonts]
        _codepoints = frozenset(set.intersection(*maps))
        fallbacks = _fallback_fonts()
        for font in fallbacks:
            pdfmetrics.registerFont(font)
        pdfmetrics.registerFontFamily(FALLBACK, normal=FALLBACK, bold=FALLBACK, italic=FALLBACK_ITALIC,
                                      boldItalic=FALLBACK_ITALIC)
        for bold in (0, 1):
            addMapping(FALLBACK, bold, 0, FALLBACK)
            addMapping(FALLBACK, bold, 1, FALLBACK_ITALIC)
        _fallback_codepoints = frozenset(set.intersection(*(set(f.face.charToGlyph) for f in fallbacks)))
        _registered = True


def codepoints() -> frozenset[int]:
    """Return the code points every style of the family has a glyph for."""
    register()
    assert _codepoints is not None
    return _codepoints


def missing(text: str) -> list[str]:
    """Return the characters of `text` that neither the font nor its fallback can draw, each once, in order of
    appearance.

    Whitespace (spaces, tabs, line breaks) is never reported: it is laid out,
    not drawn.
    """
    have = codepoints()
    if have.issuperset(map(ord, text)):  # the usual text, told at once
        return []
    out: list[str] = []
    for ch in text:
        if ch.isspace() or ord(ch) in have or ord(ch) in _fallback_codepoints or ch in out:
            continue
        out.append(ch)
    return out


def runs(text: str) -> list[tuple[str, bool]]:
    """The text in runs, each with whether it is set in the fallback font (characters PT Sans lacks and Noto Sans
    has; everything else, spaces included, in PT Sans)."""
    have = codepoints()
    if have.issuperset(map(ord, text)):
        return [(text, False)] if text else []
    out: list[tuple[str, bool]] = []
    for ch in text:
        other = ord(ch) not in have and ord(ch) in _fallback_codepoints
        if out and out[-1][1] == other:
            out[-1] = (out[-1][0] + ch, other)
        else:
            out.append((ch, other))
    return out


def marked(markup: str) -> str:
    """Paragraph markup with each run of characters PT Sans lacks set in the fallback font (markup's own tags and
    entities are ASCII, which PT Sans has, so no run breaks one)."""
    parts = runs(markup)
    if len(parts) < 2 and not any(other for _, other in parts):
        return markup
    return "".join(f'<font name="{FALLBACK}">{part}</font>' if other else part for part, other in parts)


def draw_string(canv, x: float, y: float, text: str, size: float, right: bool = False) -> None:
    """Draw one line of plain text on a canvas in PT Sans, the characters it lacks in the fallback font
    (`right`: the line ends at x)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    parts = [(part, FALLBACK if other else REGULAR) for part, other in runs(text)]
    if right:
        x -= sum(stringWidth(part, font, size) for part, font in parts)
    for part, font in parts:
        canv.setFont(font, size)
        canv.drawString(x, y, part)
        x += stringWidth(part, font, size)


def width(text: str, size: float, font: str = REGULAR) -> float:
    """The width of one line of plain text as `draw_string` sets it (in `font`, the characters it lacks in the
    fallback)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(part, FALLBACK if other else font, size) for part, other in runs(text))

"""The typeface printed worksheets use, and the check that it can print a text.

Worksheets are set in PT Sans, a sans-serif ParaType drew for the languages of
the Russian Federation and its neighbours, Kazakh included; it also covers
Latin with its extensions. The font files come from the pip packages `fontpkg`
and `fontpkg-pt-sans`, so nothing depends on fonts installed on the machine.

`register()` registers the four styles with reportlab once, on first use, as
the family `PTSans` (so `<b>` and `<i>` in Paragraph markup pick the right
file). `missing(text)` lists the characters no style of the family can draw:
reportlab would print them as empty boxes, so content is checked before any
rendering starts.
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

_lock = threading.Lock()
_registered = False
_codepoints: frozenset[int] | None = None


def _fonts():
    import fontpkg
    from reportlab.pdfbase.ttfonts import TTFont

    return [TTFont(name, str(fontpkg.path(FAMILY, weight=weight, style=style))) for name, weight, style in _STYLES]


def register() -> None:
    """Register PT Sans (all four styles and the family) with reportlab, once."""
    global _registered, _codepoints
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
        _registered = True


def codepoints() -> frozenset[int]:
    """Return the code points every style of the family has a glyph for."""
    register()
    assert _codepoints is not None
    return _codepoints


def missing(text: str) -> list[str]:
    """Return the characters of `text` the font cannot draw, each once, in order of appearance.

    Whitespace (spaces, tabs, line breaks) is never reported: it is laid out,
    not drawn.
    """
    have = codepoints()
    if have.issuperset(map(ord, text)):  # the usual text, told at once
        return []
    out: list[str] = []
    for ch in text:
        if ch.isspace() or ord(ch) in have or ch in out:
            continue
        out.append(ch)
    return out

"""Read an article from a local .txt, .md or .html file: front matter, paragraphs, and what was left out.

- Plain text: the first line is the title; paragraphs are separated by blank
  lines (or, in a file without blank lines, are single lines); subheadings,
  bylines, source lines and date lines are read from the lines themselves
  (see "plain text" below).
- Markdown: front matter between '---' lines gives the metadata; the body is
  parsed as CommonMark (markdown-it-py) and read like HTML, so links and
  emphasis become plain text.
- HTML is parsed with lxml, which repairs tags left open the way browsers do.
  The title comes from the article's `<h1>`, the page's meta tags or its
  `<title>`; author, date, publisher and URL from meta tags (Open Graph,
  Dublin Core, citation_*), the canonical link or schema.org JSON-LD. The body
  is read from the page's `<article>` (or `<main>`), a block at a time.

Page furniture (see `quizgen.authoring.furniture`) never reaches the body; it is
returned in `Article.dropped` with its line and the reason, for the author to
review.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from . import AuthoringError
from .article import Article, Dropped
from .furniture import end_matter_reason, iso_date, text_reason
from .html_reader import read_html
from .words import clean_text, shorten

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
META_FIELDS = ("title", "author", "publisher", "url", "date")


def read_article(path: Path | str) -> Article:
    """Read an article file of any supported kind; raise AuthoringError saying what is wrong with it."""
    path = Path(path)
    try:
        return _read_article(path)
    except OSError as exc:  # a name too long, a file that cannot be read
        raise AuthoringError(f"cannot read '{shorten(str(path), 80)}': {exc.strerror or exc}") from None


def _read_article(path: Path) -> Article:
    if not path.exists():
        address = re.match(r"(https?|ftp|file):/+(.*)", str(path), re.I)
        if address:  # the command line made 'https://...' a path 'https:/...'
            shown = shorten(f"{address.group(1)}://{address.group(2)}", 80)
            raise AuthoringError(
                f"'{shown}' is a web address; quizgen imports files. Open the page in your browser, save it "
                f"(File > Save Page As, 'Web Page, HTML only') and give the saved file")
        raise AuthoringError(f"article file not found: '{shorten(str(path), 80)}'")
    if not path.is_file():
        raise AuthoringError(f"'{path}' is a folder; give the article's file (.txt, .md or .html)")
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES:
        raise AuthoringError(
            f"cannot import '{path.name}': quizgen reads articles saved as .txt, .md or .html "
            f"(in a browser: File > Save Page As, 'Web Page, HTML only')"
        )
    data = _as_utf8(path.read_bytes(), path)
    if b"\x00" in data[:8192]:
        raise AuthoringError(f"'{path}' is not a text file (it contains NUL bytes); save the article as text or HTML")
    if suffix in HTML_SUFFIXES:
        article = read_html(data, path)
    else:
        text = _decode_utf8(data, path)
        article = _read_markdown(text, path) if suffix in MARKDOWN_SUFFIXES else _read_text(text, path)
    article.finish()
    if not article.paragraphs:
        raise AuthoringError(
            f"found no paragraphs of article text in '{path}'"
            + (f" (left out {len(article.dropped)} blocks as page furniture)" if article.dropped else "")
        )
    if not article.meta.get("title"):
        article.meta["title"], article.origin["title"] = title_of_file(path), "the file name (none found in the file)"
    return article


def title_of_file(path: Path) -> str:
    """A title from a file's name, written as the name has it ("Lala_Lajpat_Rai.html" -> "Lala Lajpat Rai"), without
    the site a browser appends ("Atom - Wikipedia")."""
    name = path.stem if " " in path.stem else path.stem.replace("_", " ").replace("-", " ")
    name = " ".join(name.split())
    for separator in (" - ", " – ", " — ", " | "):
        head, _, site = name.rpartition(separator)
        if head and len(site.split()) <= 3 and all(w[:1].isupper() for w in site.split()):
            name = head
            break
    return (name[:1].upper() + name[1:]) or "Untitled"


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def _as_utf8(data: bytes, path: Path) -> bytes:
    """A file's bytes as UTF-8: text a byte-order mark says is UTF-16 or UTF-32 is decoded; UTF-16 without one is
    refused with a hint (read as bytes, it is full of NUL bytes)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).encode("utf-8")
            except UnicodeDecodeError as exc:
                raise AuthoringError(f"'{path}' starts like {encoding.upper()} text but is not valid "
                                     f"{encoding.upper()} (at byte {exc.start}); save the file as UTF-8") from None
    head = data[:8192]
    if len(head) >= 4 and head.count(b"\x00") * 3 >= len(head) and (head[0::2].count(0) * 4 >= len(head)
                                                                        or head[1::2].count(0) * 4 >= len(head)):
        raise AuthoringError(f"'{path}' looks like UTF-16 text without a byte-order mark; save the file as UTF-8 "
                             f"(in most editors: Save As, encoding UTF-8)")
    return data


def _decode_utf8(data: bytes, path: Path) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AuthoringError(
            f"'{path}' line {line}: not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- plain text -------------------------------------------------------------------------
#
# A text file has no markup, so its structure is read from its lines: the first is the title; a short line
# without a sentence's closing punctuation, followed by the text it heads, is a subheading (kept as a paragraph
# and listed under skip_paragraphs, as HTML headings are); "By ...", "Source: ...", "Originally published in ..."
# and date lines are page furniture that gives the front matter; "References" and "See also" end the article.
# A paragraph's lines may be wrapped: a heading or such a line is split from the text under it only when the
# next line starts a sentence and the line is clearly shorter than the paragraph's.


def _read_text(text: str, path: Path) -> Article:
    article = Article(path=str(path))
    units = _text_units(text)
    if units and _looks_like_title(units[0][1]) and not text_reason(units[0][1]):
        line, title, _ = units.pop(0)
        article.meta["title"], article.origin["title"] = _heading_text(title), f"the first line (line {line})"
    end_matter: list | None = None  # [reason, first line, texts]
    for index, (line, block, heading) in enumerate(units):
        heads = heading and index + 1 < len(units) and not units[index + 1][2]
        if end_matter is not None and not heading:
            end_matter[2].append(block)
            continue
        if end_matter is not None:
            article.drop(" · ".join(end_matter[2]), end_matter[0], end_matter[1])
            end_matter = None
        if heading and end_matter_reason(_heading_text(block)):
            end_matter = [end_matter_reason(_heading_text(block)), line, [_heading_text(block)]]
        else:
            article.keep_or_drop(_heading_text(block) if heading else block, line, subheading=heads or False)
    if end_matter is not None:
        article.drop(" · ".join(end_matter[2]), end_matter[0], end_matter[1])
    return article


_RULE = re.compile(r"^[=\-~_*#·•]{3,}$|^(?:[*·•] ?){3,}$")  # an underline, or a break between sections
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(\S.*?)\s*#*$")


def _text_units(text: str) -> list[tuple[int, str, bool]]:
    """The file's blocks as (first line, text, whether a heading), with headings and furniture lines split off."""
    units: list[tuple[int, str, bool]] = []
    for block in _raw_blocks(text):
        lines = list(block)
        if len(lines) >= 2 and _RULE.match(lines[-1][1]) and lines[-1][1][0] in "=-":  # "Title\n====="
            units.append((lines[0][0], " ".join(t for _, t in lines[:-1]), True))
            continue
        lines = [(n, t) for n, t in lines if not _RULE.match(t)]
        tail = []
        while len(lines) >= 2 and text_reason(lines[-1][1]) == "source line":
            tail.insert(0, lines.pop())
        while len(lines) >= 2 and _heads_its_block(lines):
            n, first = lines.pop(0)
            units.append((n, first, _is_heading(first)))
        if lines:
            joined = clean_text(" ".join(t for _, t in lines))
            units.append((lines[0][0], joined, len(lines) == 1 and _is_heading(joined)))
        units += [(n, t, False) for n, t in tail]
    return [(n, clean_text(t), h) for n, t, h in units if clean_text(t)]


def _raw_blocks(text: str) -> list[list[tuple[int, str]]]:
    """Split text into blocks of (line number, stripped line) at blank lines, or at every line if it has none."""
    lines = text.split("\n")
    has_blank = any(not ln.strip() for ln in lines[1:-1])
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        if raw.strip() and (has_blank or not current):
            current.append((number, raw.strip()))
            continue
        if current:
            blocks.append(current)
        current = [(number, raw.strip())] if raw.strip() else []
    if current:
        blocks.append(current)
    return blocks


def _heads_its_block(lines: list[tuple[int, str]]) -> bool:
    """Whether a block's first line stands apart from the lines under it: a heading or a byline, source or date
    line, followed by the start of a sentence, and shorter than a wrapped paragraph's lines."""
    first, after = lines[0][1], lines[1][1]
    if not (_is_heading(first) or text_reason(first)):
        return False
    if not re.match(r"[\"“‘'(\[]?[A-Z0-9À-ÖØ-ÞА-ЯЁ]", after):
        return False
    longest = max(len(t) for _, t in lines[1:])
    return bool(_MARKDOWN_HEADING.match(first)) or len(first) < 0.6 * longest or text_reason(first) is not None


def _is_heading(line: str) -> bool:
    """A line that reads as a heading: "## Herding", "Fish and fishermen", "2. The dam"; not a sentence."""
    if _MARKDOWN_HEADING.match(line):
        return True
    words = line.split()
    if not words or len(words) > 12 or len(line) > 90 or text_reason(line):
        return False
    if re.search(r"[.,;:!]['\"’”)]?$", line) or (line.endswith("?") and len(words) > 10):
        return False
    return bool(re.match(r"[\"“‘'(]?[A-Z0-9À-ÖØ-ÞА-ЯЁ]", line)) and bool(re.search(r"[^\W\d_]{2}", line))


def _heading_text(line: str) -> str:
    heading = _MARKDOWN_HEADING.match(line)
    return heading.group(1) if heading else line


def _looks_like_title(text: str) -> bool:
    return len(text.split()) <= 25 and not re.search(r"[.;,:]$", text)


# --- Markdown ---------------------------------------------------------------------------


def _read_markdown(text: str, path: Path) -> Article:
    from markdown_it import MarkdownIt
    from ruamel.yaml.error import YAMLError

    from ..loader.files import bounded_yaml

    meta: dict = {}
    offset = 0
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end < 0:
            raise AuthoringError(f"'{path}': the front matter opened with '---' on line 1 is never closed")
        try:
            meta = bounded_yaml("safe").load(text[4:end]) or {}
        except YAMLError as exc:
            from ..errors import Problems
            from ..loader.files import yaml_problem

            found = Problems()
            yaml_problem(exc, str(path), found, first_line=2)
            problem = found.items[0]
            raise AuthoringError(f"'{path}' line {problem.line}: the front matter is not valid YAML: "
                                 f"{problem.message.removeprefix('invalid YAML: ')}") from None
        if not isinstance(meta, dict):
            raise AuthoringError(f"'{path}': the front matter must be fields such as 'title: ...'")
        offset = text.count("\n", 0, end + 5)
        text = text[end + 5 :]
    md = MarkdownIt("commonmark")
    tokens = md.parse(text)
    for token in tokens:  # keep source lines, so what is left out can be found in the file
        if token.map and token.nesting == 1:
            token.attrSet("data-line", str(token.map[0] + 1 + offset))
    html = md.renderer.render(tokens, md.options, {})
    given = Article(path=str(path))
    for key, value in meta.items():
        if key not in META_FIELDS + ("attribution",):
            given.dropped.append(Dropped(f"{key}: {value}", "front matter field quizgen does not use", 1))
        elif key == "url" and value not in (None, "") and not re.match(r"https?://\S+$", str(value).strip(), re.I):
            # A citation links only to a web address: "javascript:..." would run in a learner's card view.
            given.dropped.append(Dropped(f"{key}: {value}", "url that is not an http:// or https:// address", 1))
        elif value not in (None, ""):
            value = clean_text(str(value))  # YAML reads 2021-03-05 as a date
            if key == "date" and not iso_date(value):
                given.dropped.append(Dropped(f"{key}: {value}", "front matter date that is no date quizgen reads", 1))
                continue
            given.meta[key] = iso_date(value) if key == "date" else value
            given.origin[key] = "the front matter"
    return read_html(f"<!DOCTYPE html><html><body>{html}</body></html>".encode(), path, given)



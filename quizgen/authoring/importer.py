"""Read an article from a local .txt, .md or .html file: front matter, paragraphs, and what was left out.

- Plain text: the first line is the title; paragraphs are separated by blank
  lines (or, in a file without blank lines, are single lines).
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
from .furniture import iso_date
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
    if not article.paragraphs:
        raise AuthoringError(
            f"found no paragraphs of article text in '{path}'"
            + (f" (left out {len(article.dropped)} blocks as page furniture)" if article.dropped else "")
        )
    if not article.meta.get("title"):
        title = path.stem.replace("_", " ").replace("-", " ").strip().capitalize() or "Untitled"
        article.meta["title"], article.origin["title"] = title, "the file name (none found in the file)"
    return article


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
                raise AuthoringError(f"'{path}' starts like {encoding.upper()} text but is not valid {encoding.upper()} "
                                     f"(at byte {exc.start}); save the file as UTF-8") from None
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


def _read_text(text: str, path: Path) -> Article:
    article = Article(path=str(path))
    blocks = _text_blocks(text)
    if blocks and _looks_like_title(blocks[0][1]):
        line, title = blocks.pop(0)
        article.meta["title"], article.origin["title"] = title, f"the first line (line {line})"
    for line, block in blocks:
        article.keep_or_drop(block, line)
    return article


def _text_blocks(text: str) -> list[tuple[int, str]]:
    """Split text into (first line number, text) blocks at blank lines, or at every line if it has none."""
    lines = text.split("\n")
    has_blank = any(not ln.strip() for ln in lines[1:-1])
    blocks, current, start = [], [], 0
    for number, raw in enumerate(lines, start=1):
        if raw.strip() and (has_blank or not current):
            current.append(raw)
            start = start or number
            continue
        if current:
            blocks.append((start, clean_text(" ".join(current))))
        current, start = ([raw], number) if raw.strip() else ([], 0)
    if current:
        blocks.append((start, clean_text(" ".join(current))))
    return [(n, b) for n, b in blocks if b]


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
    return read_html(f"<!DOCTYPE html><html><body>{html}</body></html>".encode("utf-8"), path, given)



"""Read an HTML page into an Article: its metadata, and its body a block at a time, furniture left out.

HTML is parsed with lxml, which repairs tags left open the way browsers do.
The title comes from the article's `<h1>`, the page's meta tags or its
`<title>`; author, date, publisher and URL from meta tags (Open Graph, Dublin
Core, citation_*), the canonical link or schema.org JSON-LD. The body is read
from the page's `<article>` (or `<main>`).
"""
from __future__ import annotations

import codecs
import json
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import AuthoringError
from .article import COUNTED, Article, Dropped
from .furniture import byline_names, element_reason, end_matter_reason, iso_date
from .words import clean_text

BLOCK_TAGS = frozenset("""address article aside blockquote body center dd details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section
    summary table tbody thead tfoot tr td th caption ul""".split())
# Never text of the article, and nothing an author would want back: skipped without a word.
SILENT_TAGS = frozenset("""script style noscript template svg math head title meta link iframe object embed canvas
    video audio img picture source input textarea select option""".split())


def read_html(data: bytes, path: Path, given: Article | None = None) -> Article:
    """Read an HTML page; `given` carries what Markdown front matter already said (then meta tags are not read)."""
    import lxml.html
    from lxml import etree

    text = _decode_html(data, path)
    # huge_tree: libxml2 otherwise stops at 256 levels of nesting, and old pages that leave <font> open
    # reach that: everything after it was silently lost. It still stops at 2,048, which is refused below.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=True)
    try:
        doc = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise AuthoringError(f"cannot read '{path}' as HTML: {exc}") from None
    _refuse_what_the_parser_dropped(parser, path)
    with _deep_enough():  # the walk below recurses once or twice per level of nesting
        return _read_document(doc, path, given)


def _refuse_what_the_parser_dropped(parser, path: Path) -> None:
    """A page the parser could not read to its end (nesting deeper than libxml2 allows) is refused, not cut."""
    from lxml import etree

    for entry in parser.error_log:
        if entry.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT or "Excessive depth" in entry.message:
            raise AuthoringError(
                f"'{path}' line {entry.line}: tags nest too deeply here (more than 2,048 levels, usually tags such "
                f"as <font> left open), and nothing after this point could be read; nothing was written. Save "
                f"the article as text (.txt) instead, or close the tags")


@contextmanager
def _deep_enough():
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 4 * MAX_HTML_DEPTH + 1_000))
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


MAX_HTML_DEPTH = 2_048  # libxml2's limit with huge_tree


def _read_document(doc, path: Path, given: Article | None) -> Article:
    body = doc.find("body")
    if body is None:
        raise AuthoringError(f"cannot read '{path}' as HTML: it has no body")
    article = given or Article(path=str(path))
    if given is None:
        _html_meta(doc, article)
    root = _content_root(body)
    if "title" not in article.origin or article.origin["title"].startswith("<meta"):
        # The article's own heading beats the page's meta tags; a site logo in a page header does not.
        heading = _first(root.iter("h1")) if root is not body else None
        if heading is None and "title" not in article.meta:
            heading = _first(e for e in body.iter("h1") if not _inside_furniture(e, body))
        if heading is not None and clean_text(_text_of(heading)):
            article.meta["title"] = clean_text(_text_of(heading))
            article.origin["title"] = (f"<h1> (line {_line(heading)})" if given is None
                                       else f"'# ' heading (line {_line(heading)})")
    if "title" not in article.meta:
        title = _document_title(doc, article.meta.get("publisher", ""))
        if title:
            article.meta["title"], article.origin["title"] = title, "<title>"
    if "title" not in article.meta:  # a part of a page, without its head: an encyclopedia's lead names its subject
        opening = _opening_in_bold(root)
        if opening is not None:
            article.meta["title"] = clean_text(_text_of(opening))
            article.origin["title"] = f"the opening words in bold (line {_line(opening)})"

    walker = _Walker(_paragraph_words(root))
    walker.walk_block(root)
    for mark, line in walker.marks:
        article.drop(mark, "citation mark", line)
    title = article.meta.get("title", "")
    title_dropped = False
    end_matter: _EndMatter | None = None
    for block in walker.blocks:
        level = int(block.tag[1]) if block.tag in _HEADINGS else 0
        if end_matter is not None and (not level or level > end_matter.level):
            if block.reason in COUNTED:
                article.drop(block.text, block.reason, block.line)
            else:  # the references, links and notes after such a heading
                end_matter.texts.append(block.text)
            continue
        if end_matter is not None:
            article.drop(" · ".join(end_matter.texts), end_matter.reason, end_matter.line)
            end_matter = None
        if level and not block.reason and end_matter_reason(block.text):
            end_matter = _EndMatter(level, end_matter_reason(block.text), block.line, [block.text])
        elif block.reason:
            # The header that holds the article's heading: the title, not furniture.
            why = "the title (it is in the front matter)" if block.text == title and not title_dropped else block.reason
            title_dropped = title_dropped or block.text == title
            article.drop(block.text, why, block.line)
            if block.reason == "byline" and "author" not in article.meta and byline_names(block.text):
                article.meta["author"] = byline_names(block.text)
                article.origin["author"] = f"the byline (line {block.line})"
        elif block.tag == "h1" and block.text == title and not title_dropped:
            title_dropped = True
            article.drop(block.text, "the title (it is in the front matter)", block.line)
        elif block.link_share >= 0.8 and len(block.text.split()) <= 12 and block.tag not in ("h1", "h2", "h3"):
            article.drop(block.text, "link on its own", block.line)
        else:
            article.keep_or_drop(block.text, block.line, subheading=block.tag in _HEADINGS)
    if end_matter is not None:
        article.drop(" · ".join(end_matter.texts), end_matter.reason, end_matter.line)
    if root is not body:
        for dropped in _outside(root, body):
            article.drop(dropped.text, dropped.reason, dropped.line)
    return article


@dataclass
class _EndMatter:
    """A section of references, notes or links to other pages, left out whole."""

    level: int
    reason: str
    line: int
    texts: list[str]


def _opening_in_bold(root):
    """The bold words that open the first paragraph ("<b>Lala Lajpat Rai</b> (1865-1928) was ..."), or None."""
    first = next((p for p in root.iter("p") if clean_text(_text_of(p))), None)
    if first is None or (first.text or "").strip() or not len(first):
        return None
    bold = first[0]
    words = clean_text(_text_of(bold)).split() if isinstance(bold.tag, str) else []
    return bold if bold.tag in ("b", "strong") and 1 <= len(words) <= 10 else None


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _first(elements):
    return next(iter(elements), None)


def _line(el) -> int:
    marked = el.get("data-line")
    return int(marked) if marked and marked.isdigit() else (el.sourceline or 0)


def _decode_html(data: bytes, path: Path) -> str:
    """Decode as UTF-8, else as the character set the page declares in a <meta> tag."""
    import lxml.html
    from lxml import etree

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = ""
    try:  # the meta tags are ASCII, so a single-byte reading finds them
        head = lxml.html.document_fromstring(data.decode("latin-1"))
        for meta in head.iter("meta"):
            if meta.get("charset"):
                declared = meta.get("charset").strip()
            elif (meta.get("http-equiv") or "").lower() == "content-type":
                declared = (meta.get("content") or "").lower().partition("charset=")[2].strip(" ;\"'")
            if declared:
                break
    except (etree.ParserError, ValueError):
        pass
    if not declared:
        raise AuthoringError(
            f"'{path}' is not UTF-8 and does not say which character set it uses; save it as UTF-8 "
            f"or add <meta charset=\"...\"> to its <head>"
        )
    try:
        return data.decode(declared)
    except LookupError:
        raise AuthoringError(f"'{path}' declares the unknown character set '{declared}'") from None
    except UnicodeDecodeError as exc:
        raise AuthoringError(
            f"'{path}' is not valid {declared} as it declares (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); save it as UTF-8"
        ) from None


def _content_root(body):
    """The element that holds the article: the <article> with the most paragraph text, <main>, or <body>."""
    articles = [a for a in body.iter("article")]
    if articles:
        best = max(articles, key=_paragraph_words)
        if _paragraph_words(best):
            return best
    for el in body.iter():
        if isinstance(el.tag, str) and (el.tag == "main" or (el.get("role") or "").lower() == "main"):
            if _paragraph_words(el):
                return el
    return body


def _paragraph_words(el) -> int:
    return sum(len(_text_of(p).split()) for p in el.iter("p"))


def _text_of(el) -> str:
    """The text of an element without scripts, styles and other silent parts."""
    parts = [el.text or ""] if el.tag not in SILENT_TAGS else []
    for child in el:
        if isinstance(child.tag, str) and child.tag not in SILENT_TAGS:
            parts.append(_text_of(child) if child.tag != "br" else " ")
        parts.append(child.tail or "")
    return " ".join(parts) if el.tag in BLOCK_TAGS else "".join(parts)


def _attrs(el) -> dict[str, str]:
    return {k.lower(): v or "" for k, v in el.attrib.items()}


def _inside_furniture(el, stop) -> bool:
    content_words = _paragraph_words(stop)
    node = el
    while node is not None and node is not stop:
        # As in _Walker: a wrapper holding most of the article is not furniture, whatever its class says.
        if element_reason(node.tag, _attrs(node)) and not _paragraph_words(node) * 2 > content_words:
            return True
        node = node.getparent()
    return False


def _outside(root, body) -> list[Dropped]:
    """Everything on the page that is not inside the article's element, one entry per element."""
    dropped = []
    node = root
    where = f"outside the page's <{root.tag}>"
    while node is not body:
        parent = node.getparent()
        for sibling in parent:
            if sibling is node or not isinstance(sibling.tag, str) or sibling.tag in SILENT_TAGS:
                continue
            walker = _Walker(0, furniture=False)
            walker.walk_block(sibling)
            text = " · ".join(b.text for b in walker.blocks)
            if text:
                reason = element_reason(sibling.tag, _attrs(sibling)) or where
                dropped.append(Dropped(text, reason, _line(sibling)))
        node = parent
    return dropped


def _holds_prose(table) -> bool:
    """Whether a table lays out the article's text (a cell of 40 words or more) rather than data or a summary."""
    return any(len(_text_of(cell).split()) >= 40 for cell in table.iter("td", "th"))


def _is_note_mark(sup) -> bool:
    """A citation or footnote mark: "[12]", "[citation needed]", or a short link to a note further down the page."""
    text = clean_text(_text_of(sup))
    if re.fullmatch(r"(?:\[[^\[\]]{1,40}\]\s*)+", text):
        return True
    links = [a for a in sup.iter("a") if (a.get("href") or "").startswith("#")]
    return bool(links) and len(text) <= 4 and len(links) == len(list(sup.iter("a")))


_SUPERSCRIPTS = dict(zip("0123456789+-−=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ"))
_SUBSCRIPTS = dict(zip("0123456789+-−=()aeoxhklmnpst", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ"))


def script_text(tag: str, text: str, before: str = "") -> str:
    """A <sup> or <sub> as plain text: in Unicode superscripts or subscripts where each character has one and the
    worksheets' font draws them all ("m²", "H₂O"), else "^" before a superscript ("10^−31", "x^(n+1)"), and a
    subscript of digits as digits ("C6H12O6"), of anything else after "_" ("x_i"). An ordinal's letters after a
    number stay letters ("1st")."""
    from .pipeline import outside_body_font

    table = _SUPERSCRIPTS if tag == "sup" else _SUBSCRIPTS
    # A formula's subscript digits are all written one way: "C₆H₁₂O₆" or "C6H12O6", never "C6H₁₂O6".
    wanted = text + ("0123456789" if tag == "sub" and text.isdigit() else "")
    if all(c in table for c in wanted) and not outside_body_font("".join(table[c] for c in wanted)):
        return "".join(table[c] for c in text)
    if tag == "sup" and text.isalpha() and before[-1:].isdigit():
        return text
    if tag == "sub" and text.isdigit():
        return text
    mark = "^" if tag == "sup" else "_"
    return mark + (text if re.fullmatch(r"[−+-]?[\w.]+", text) else f"({text})")


@dataclass
class _Block:
    text: str
    tag: str
    line: int
    link_share: float = 0.0
    reason: str = ""


class _Walker:
    """Turn an element into blocks of text, one per paragraph, heading or list item.

    Inline text runs on across inline elements; a block-level element ends the
    paragraph before it; two `<br>` in a row split a paragraph. Furniture
    elements become one dropped block each, with all their text.
    """

    def __init__(self, content_words: int, furniture: bool = True):
        self.blocks: list[_Block] = []
        self.marks: list[tuple[str, int]] = []  # citation and footnote marks left out, with their lines
        self.content_words = content_words
        self.furniture = furniture
        self.parts: list[tuple[str, bool]] = []
        self.breaks = 0
        self.context: list[tuple[str, int]] = []

    def walk_block(self, el) -> None:
        self.context.append((el.tag, _line(el)))
        self._content(el, in_link=False)
        self._flush()
        self.context.pop()

    def _content(self, el, in_link: bool) -> None:
        self._text(el.text, in_link)
        for child in el:
            if isinstance(child.tag, str) and child.tag not in SILENT_TAGS:
                tag = child.tag.lower()
                if tag == "br":
                    self.breaks += 1
                elif tag == "sup" and self.furniture and _is_note_mark(child):
                    self.marks.append((clean_text(_text_of(child)), _line(child)))
                else:
                    reason = self._reason(child) if self.furniture else None
                    if reason:
                        self._drop(child, reason)
                    elif tag in BLOCK_TAGS:
                        self._flush()
                        self.walk_block(child)
                    elif tag in ("sup", "sub"):
                        self._script(child, tag, in_link)
                    else:
                        self._content(child, in_link or tag == "a")
            self._text(child.tail, in_link)

    def _script(self, el, tag: str, in_link: bool) -> None:
        """A superscript or subscript, kept as one: "10<sup>−31</sup>" is not "10−31"."""
        text = clean_text(_text_of(el))
        if text:
            before = "".join(t for t, _ in self.parts)
            self.parts.append((script_text(tag, text, before), in_link))

    def _reason(self, el) -> str | None:
        reason = element_reason(el.tag, _attrs(el), in_heading=any(tag in _HEADINGS for tag, _ in self.context))
        if reason is None and el.tag == "table" and not _holds_prose(el):
            reason = "data table"
        # A wrapper that holds most of the article is not furniture, whatever its class says.
        if reason and self.content_words and _paragraph_words(el) * 2 > self.content_words:
            return None
        return reason

    def _drop(self, el, reason: str) -> None:
        if el.tag in BLOCK_TAGS:
            self._flush()
        inner = _Walker(0, furniture=False)
        inner.walk_block(el)
        text = " · ".join(b.text for b in inner.blocks)
        if text:
            self.blocks.append(_Block(text, el.tag, _line(el), reason=reason))

    def _text(self, text: str | None, in_link: bool) -> None:
        if not text:
            return
        if self.breaks and text.strip():
            if self.breaks >= 2:
                self._flush()
            else:
                self.parts.append((" ", False))
            self.breaks = 0
        self.parts.append((re.sub(r"\s+", " ", text), in_link))

    def _flush(self) -> None:
        self.breaks = 0
        text = clean_text("".join(t for t, _ in self.parts))
        if text:
            linked = len(clean_text("".join(t for t, link in self.parts if link)))
            tag, line = self.context[-1] if self.context else ("body", 0)
            self.blocks.append(_Block(text, tag, line, link_share=linked / len(text)))
        self.parts = []


# --- HTML metadata ----------------------------------------------------------------------

# Meta tags that give each front matter field, in order of preference (lower-case name or property).
META_TAGS = {
    "title": ("og:title", "twitter:title", "citation_title", "dc.title"),
    "author": ("author", "article:author", "citation_author", "dc.creator", "parsely-author", "sailthru.author"),
    "publisher": ("og:site_name", "citation_publisher", "dc.publisher", "publisher", "application-name"),
    "date": ("article:published_time", "og:article:published_time", "datepublished", "citation_publication_date",
             "citation_date", "dc.date.issued", "dc.date", "date", "parsely-pub-date", "sailthru.date", "pubdate",
             "publish-date"),
    "url": ("og:url", "citation_abstract_html_url", "dc.identifier"),
}


def _html_meta(doc, article: Article) -> None:
    metas: dict[str, list[str]] = {}
    for meta in doc.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = clean_text(meta.get("content") or "")
        if key and content:
            metas.setdefault(key, []).append(content)
    for name, keys in META_TAGS.items():
        for key in keys:
            values = [v for v in metas.get(key, []) if _usable(name, v)]
            if values:
                value = ", ".join(dict.fromkeys(values)) if name == "author" else values[0]
                article.meta[name] = iso_date(value) if name == "date" else value
                attr = "property" if ":" in key and not key.startswith("citation") else "name"
                article.origin[name] = f'<meta {attr}="{key}">'
                break
    canonical = _first(link for link in doc.iter("link") if "canonical" in (link.get("rel") or "").lower().split())
    if canonical is not None and _usable("url", canonical.get("href") or ""):
        article.meta["url"], article.origin["url"] = canonical.get("href").strip(), '<link rel="canonical">'
    linked = _json_ld(doc)
    modified = linked.pop("modified", "")
    for name, value in linked.items():
        if name not in article.meta and _usable(name, value):
            article.meta[name] = iso_date(value) if name == "date" else clean_text(value)
            article.origin[name] = "the page's JSON-LD"
    if "date" not in article.meta:
        time = _first(t for t in doc.iter("time") if iso_date(t.get("datetime") or ""))
        if time is not None:
            article.meta["date"] = iso_date(time.get("datetime"))
            article.origin["date"] = f"<time datetime> (line {_line(time)})"
    if _revised_in_place(doc, metas):
        _date_the_revision(doc, metas, modified, article)


# Wiki software, by the generator it names: a wiki's page is edited in place, so it is cited at a revision.
_WIKI_GENERATOR = re.compile(r"wiki|confluence", re.I)
_LAST_EDITED = re.compile(r"\blast (?:edited|modified|updated)(?: on)?\s*:?\s*(.{6,40}?\d{4})\b", re.I)


def _revised_in_place(doc, metas: dict[str, list[str]]) -> bool:
    """Whether the page is a wiki's: its text is what it was at a revision, not as first published."""
    generator = " ".join(metas.get("generator", []))
    return bool(_WIKI_GENERATOR.search(generator)) or any(
        "this page was last edited" in (el.text or "").lower() for el in doc.iter("li", "p", "div", "span"))


def _date_the_revision(doc, metas: dict[str, list[str]], modified: str, article: Article) -> None:
    """Date a wiki page by its revision ("last edited on"), not by when the page was first made, and link
    to the revision (its permanent link) rather than to the page, which changes."""
    candidates = [(iso_date(modified), "the page's JSON-LD (dateModified)")]
    for key in ("article:modified_time", "og:updated_time", "dc.date.modified", "last-modified"):
        candidates += [(iso_date(v), f'<meta property="{key}">') for v in metas.get(key, [])]
    for el in doc.iter("li", "p", "div", "span"):
        found = _LAST_EDITED.search(el.text or "")
        if found and iso_date(found.group(1).strip(" ,")):
            candidates.append((iso_date(found.group(1).strip(" ,")), f"\"last edited on\" (line {_line(el)})"))
    date, origin = next(((d, o) for d, o in candidates if d), ("", ""))
    if date:
        article.meta["date"], article.origin["date"] = date, origin
    from urllib.parse import urljoin

    base = article.meta.get("url", "")
    for a in doc.iter("a"):
        words = clean_text(a.text_content()).lower()
        if words in ("permanent link", "permalink") or (a.get("title") or "").lower().startswith("permanent link"):
            url = urljoin(base, a.get("href") or "") if base else a.get("href") or ""
            if _usable("url", url):
                article.meta["url"], article.origin["url"] = url, f"the page's permanent link (line {_line(a)})"
            break


def _usable(name: str, value: str) -> bool:
    value = value.strip()
    if not value:
        return False
    if name == "url":
        return bool(re.match(r"https?://\S+$", value))
    if name == "date":
        return bool(iso_date(value))
    if name == "author":  # article:author is often a profile URL, not a name
        return not re.match(r"(https?:)?//|www\.", value)
    return True


_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "opinionnewsarticle",
                  "analysisnewsarticle", "scholarlyarticle", "webpage"}


def _json_ld(doc) -> dict[str, str]:
    """Read title, author, date, publisher and URL from schema.org JSON-LD, where the page has it."""
    found: dict[str, str] = {}
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        nodes = data if isinstance(data, list) else [data]
        nodes = [n for node in nodes if isinstance(node, dict) for n in [node, *node.get("@graph", [])]]
        for node in nodes:
            if not isinstance(node, dict):
                continue
            types = node.get("@type")
            types = {t.lower() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}
            if not types & _ARTICLE_TYPES:
                continue
            authors = node.get("author")
            authors = authors if isinstance(authors, list) else [authors]
            names = [a.get("name") if isinstance(a, dict) else a for a in authors]
            publisher = node.get("publisher")
            entity = node.get("mainEntityOfPage")
            candidates = {
                "title": node.get("headline") or node.get("name"),
                "author": ", ".join(n for n in names if isinstance(n, str) and n.strip()),
                "date": node.get("datePublished"),
                "modified": node.get("dateModified"),
                "publisher": publisher.get("name") if isinstance(publisher, dict) else publisher,
                "url": node.get("url") or (entity.get("@id") if isinstance(entity, dict) else entity),
            }
            for name, value in candidates.items():
                if isinstance(value, str) and value.strip() and name not in found:
                    found[name] = value.strip()
    return found


def _document_title(doc, publisher: str) -> str:
    """The <title>, without the site name that pages append ('Article | Site')."""
    element = doc.find(".//title")
    title = clean_text(element.text_content()) if element is not None else ""
    for sep in (" | ", " - ", " – ", " — ", " :: ", " « ", " » "):
        head, _, tail = title.rpartition(sep)
        if head and (not publisher or tail.strip().lower() == publisher.lower()):
            return head.strip()
    return title

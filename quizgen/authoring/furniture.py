"""Recognise page furniture: the parts of a saved web page that are not the article.

Navigation, "Back to Top", login links, share buttons, image credits,
disclaimers, bylines and the like. Two kinds of evidence are used:

- the text of a block on its own (`text_reason`), for plain text files and for
  HTML that gives no structural hint;
- where the block sits in an HTML page (`element_reason`): inside `<nav>`,
  `<footer>`, `<aside>`, a `<figcaption>`, or an element whose class, id or
  role names such a thing.

Each rule returns a short reason that the import prints beside what it left
out, so the author can judge it and put back anything that was wrong to drop.
"""
from __future__ import annotations

import datetime as dt
import re

# Whole blocks whose text (lower case, outer punctuation stripped) is one of these.
_PHRASES = {
    "navigation": """back to top | top | to top | go to top | scroll to top | return to top | home | menu | main menu |
        skip to content | skip to main content | skip navigation | search | next | previous | prev | next article |
        previous article | next post | previous post | older posts | newer posts | read more | continue reading |
        more | related | related articles | related posts | related stories | you may also like | recommended |
        most read | most popular | print | print this page | print article | close | open menu | toggle navigation |
        tags | categories""",
    "login link": """login | log in | log out | logout | sign in | sign out | sign up | register | create an account |
        my account | lost your password | forgot your password | forgot password | reset password | remember me |
        username | password""",
    "share button": """share | share this | share this article | share this story | share this post |
        share on facebook | share on twitter | share on x | share on linkedin | share via email | share by email |
        tweet | email | e-mail | facebook | twitter | x | linkedin | whatsapp | reddit | telegram | pinterest |
        copy link | link copied | follow us | like | save""",
    "subscription prompt": """subscribe | subscribe now | newsletter | sign up for our newsletter | donate |
        support us""",
    "comments": """comments | comment | leave a comment | leave a reply | no comments | 0 comments | reply |
        cancel reply | post comment""",
    "advertisement": "advertisement | advertisements | sponsored | sponsored content | ad | ads",
    "cookie notice": "accept | accept cookies | accept all | accept all cookies | cookie settings | manage cookies",
}
PHRASE_REASONS = {
    phrase.strip(): reason
    for reason, phrases in _PHRASES.items()
    for phrase in phrases.replace("\n", " ").split("|")
}

_CREDIT = re.compile(
    r"^(cc\s|cc[- ]by\b|©|\(c\)\s"
    r"|(photo|photograph|image|picture|illustration|graphic|header image|top image|featured image)s?"
    r"\s*(credits?)?\s*(:|by\b|courtesy\b|via\b|source\b|©)"
    r"|(photo |image )?credits?\s*:)",
    re.I,
)
_CREDIT_ANYWHERE = re.compile(r"wikimedia commons|creative commons|\bcc[- ]by(-sa|-nd|-nc)*\b|\bflickr\b", re.I)
_DISCLAIMER = re.compile(
    r"(views|opinions) expressed (in|here|herein|by|on)\b|do not necessarily (reflect|represent)"
    r"|not necessarily those of|for informational purposes only|\bdisclaimer\b",
    re.I,
)
_COPYRIGHT = re.compile(r"^(copyright\b|©\s*\d{4})|all rights reserved", re.I)
_COOKIES = re.compile(r"\b(we|this (web)?site) uses? cookies\b|\bcookie policy\b", re.I)
_URL = re.compile(r"(https?://|www\.)\S+", re.I)
_BYLINE = re.compile(r"^(by|written by|words by|words and photos by)\s+(\S.*)$", re.I)
_BYLINE_CONNECTORS = {"and", "&", "de", "del", "der", "van", "von", "la", "le", "du", "da", "di", "bin", "al", "with"}
_DATE_PREFIX = re.compile(r"^(published|updated|posted|last updated|first published|date)(\s+on)?\s*:?\s*", re.I)


def _phrase_key(text: str) -> str:
    return re.sub(r"^[\W_]+|[\W_]+$", "", text.lower()).strip()


def text_reason(text: str) -> str | None:
    """Say what kind of page furniture a block of text is, judged by its words alone; None for article text."""
    words = text.split()
    if not words:
        return None
    key = _phrase_key(text)
    if len(words) <= 6 and key in PHRASE_REASONS:
        return PHRASE_REASONS[key]
    if len(words) <= 30 and _COPYRIGHT.search(text):
        return "copyright notice"
    if len(words) <= 30 and (_CREDIT.match(text) or _CREDIT_ANYWHERE.search(text)):
        return "image credit"
    if len(words) <= 60 and _DISCLAIMER.search(text):
        return "disclaimer"
    if len(words) <= 60 and _COOKIES.search(text):
        return "cookie notice"
    urls = sum(len(m.group()) for m in _URL.finditer(text))
    if len(words) <= 12 and urls and urls >= 0.6 * len(text.replace(" ", "")):
        return "link on its own"
    if len(words) <= 12 and byline_names(text):
        return "byline"
    if len(words) <= 10 and iso_date(_DATE_PREFIX.sub("", text).strip(" .")):
        return "date line"
    return None


def byline_names(text: str) -> str:
    """Return the names of a byline such as 'By Jane Doe and John Roe', or '' if the text is not one."""
    match = _BYLINE.match(text.strip())
    if not match:
        return ""
    names = re.split(r"\s+[|•·–—]\s+", match.group(2), maxsplit=1)[0]
    # "By Jane Doe, June 14, 2022": the names end where a date begins.
    names = re.split(rf",\s*(?={_MONTH}|\d)", names, maxsplit=1, flags=re.I)[0].strip(" ,.")
    tokens = names.replace(",", " ").split()
    if not tokens or any(t.lower() not in _BYLINE_CONNECTORS and not t[0].isupper() for t in tokens):
        return ""
    return names


# --- HTML structure ------------------------------------------------------------------

TAG_REASONS = {
    "nav": "navigation",
    "menu": "navigation",
    "aside": "sidebar",
    "header": "page header",
    "footer": "page footer",
    "form": "form",
    "button": "button",
    "dialog": "pop-up",
    "figcaption": "image caption or credit",
}
ROLE_REASONS = {
    "navigation": "navigation",
    "menu": "navigation",
    "menubar": "navigation",
    "banner": "page header",
    "contentinfo": "page footer",
    "complementary": "sidebar",
    "search": "search form",
    "dialog": "pop-up",
    "alertdialog": "pop-up",
}
# A class or id token, or a hyphen/underscore-separated part of one, that names furniture.
_CLASS_WORDS = {
    "navigation": "nav navbar navigation menu breadcrumb breadcrumbs pagination pager skip toc",
    "share button": "share sharing social sharedaddy addthis sharethis",
    "login link": "login signin logout account password",
    "subscription prompt": "subscribe subscription newsletter signup paywall donate",
    "comments": "comment comments respond disqus",
    "related links": "related recommended popular trending readmore",
    "advertisement": "ad ads advert advertisement sponsor sponsored promo",
    "image caption or credit": "caption credit credits",
    "disclaimer": "disclaimer copyright legal",
    "byline": "byline author dateline posted published timestamp",
    "sidebar": "sidebar widget widgets",
    "page header": "masthead",
    "page footer": "footer colophon",
    "cookie notice": "cookie cookies consent gdpr",
    "tags": "tags categories",
}
CLASS_REASONS = {word: reason for reason, words in _CLASS_WORDS.items() for word in words.split()}
# Whole class names only: "hidden-xs" hides on small screens only, so parts do not count here.
_HIDDEN_CLASSES = {"hidden", "sr-only", "screen-reader-text", "visually-hidden", "visuallyhidden", "screen-reader"}


def element_reason(tag: str, attrs: dict[str, str]) -> str | None:
    """Say what kind of page furniture an HTML element is, from its tag, role, class and id; None if none."""
    if "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true":
        return "hidden text"
    if tag in TAG_REASONS:
        return TAG_REASONS[tag]
    role = attrs.get("role", "").lower().strip()
    if role in ROLE_REASONS:
        return ROLE_REASONS[role]
    names = (attrs.get("class", "") + " " + attrs.get("id", "")).lower().split()
    if _HIDDEN_CLASSES.intersection(names):
        return "hidden text"
    for name in names:
        for part in [name, *re.split(r"[-_]+", name)]:
            if part in CLASS_REASONS:
                return CLASS_REASONS[part]
    return None


# --- dates -----------------------------------------------------------------------------

_MONTHS = {name: i for i, names in enumerate(
    ["jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
     "sep sept september", "oct october", "nov november", "dec december"], start=1) for name in names.split()}
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}.*)?"
_DATE_FORMATS = [
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?:[T ].*)?$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})-(\d{2})$"), ("y", "m")),
    (re.compile(r"^(\d{4})$"), ("y",)),
    (re.compile(rf"^(?:\w+day,?\s+)?{_MONTH}\s+{_DAY},?\s+(\d{{4}}){_TIME}$", re.I), ("M", "d", "y")),
    (re.compile(rf"^(?:\w+day,?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}}){_TIME}$", re.I), ("d", "M", "y")),
    (re.compile(rf"^{_MONTH},?\s+(\d{{4}})$", re.I), ("M", "y")),
]


def iso_date(text: str) -> str:
    """Read a date written as ISO or in English words; return it as ISO text, as precise as given, or ''."""
    text = " ".join(text.split())
    for pattern, parts in _DATE_FORMATS:
        match = pattern.match(text)
        if not match:
            continue
        values = dict(zip(parts, match.groups()))
        year = int(values["y"])
        month = _MONTHS[values["M"].lower().rstrip(".")] if "M" in values else int(values.get("m", 0))
        day = int(values.get("d", 0))
        try:
            if day:
                return dt.date(year, month, day).isoformat()
            if month:
                dt.date(year, month, 1)
                return f"{year:04d}-{month:02d}"
            return f"{year:04d}" if 1000 <= year <= 2999 else ""
        except ValueError:
            return ""
    return ""

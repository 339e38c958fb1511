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
        skip to content | skip to main content | skip navigation | jump to content | jump to navigation |
        jump to search | search | next | previous | prev | next article |
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
    "edit link": "edit | edit source | edit section | edit this page",
}
# The same furniture on Russian and Kazakh pages (a page's language is not known before it is read, and a block
# that is only one of these phrases is furniture in any language).
_PHRASES_RU_KK = {
    "navigation": """наверх | в начало | главная | меню | главное меню | перейти к содержанию | перейти к навигации |
        перейти к поиску | поиск | далее | назад | следующая статья | предыдущая статья | читать далее |
        читать также | читайте также | читать ещё | подробнее | ещё | похожие статьи | по теме | рекомендуем |
        самое читаемое | популярное | печать | версия для печати | закрыть | теги | рубрики |
        жоғары | басты бет | мәзір | іздеу | келесі | алдыңғы | келесі мақала | алдыңғы мақала | толығырақ |
        тағы оқыңыз | ұқсас мақалалар | тақырыпқа қатысты | көп оқылғандар | басып шығару | жабу | тегтер""",
    "login link": """войти | вход | выйти | выход | регистрация | зарегистрироваться | личный кабинет |
        забыли пароль | восстановить пароль | запомнить меня | логин | пароль |
        кіру | шығу | тіркелу | жеке кабинет | құпиясөзді ұмыттыңыз ба | құпиясөз""",
    "share button": """поделиться | поделиться в соцсетях | поделитесь | отправить | скопировать ссылку |
        ссылка скопирована | подписывайтесь на нас | вконтакте | одноклассники | телеграм |
        бөлісу | әлеуметтік желіде бөлісу | сілтемені көшіру | сілтеме көшірілді | бізге жазылыңыз""",
    "subscription prompt": "подписаться | подпишитесь | рассылка | поддержать | пожертвовать | жазылу | қолдау",
    "comments": """комментарии | комментарий | оставить комментарий | ответить | нет комментариев |
        пікірлер | пікір қалдыру | жауап беру | пікір жоқ""",
    "advertisement": "реклама | на правах рекламы | партнёрский материал | жарнама",
    "cookie notice": "принять | принять все | настройки cookie | қабылдау | барлығын қабылдау",
    "edit link": "править | править код | редактировать | өңдеу | қайнарын өңдеу",
}
PHRASE_REASONS = {
    phrase.strip(): reason
    for table in (_PHRASES, _PHRASES_RU_KK)
    for reason, phrases in table.items()
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


# "From Wikipedia, the free encyclopedia", "From Wikivoyage, the free travel guide": a site's line under the title.
_TAGLINE = re.compile(r"^from [\w .'’-]{2,40}, the free [\w -]{3,40}$", re.I)
# Notes that point the reader to other pages: "Main article: ...", "For other uses, see ...".
_HATNOTE = re.compile(r"^(main articles?|see also|further information|further reading|for other uses, see|"
                      r"this article is about|not to be confused with|\S.{0,60} redirects here)\b", re.I)
# A line saying where the text comes from: "Source: ...", "Originally published in ... on ...", "URL: ...".
_SOURCE_LINE = re.compile(
    r"^(?:(?:original\s+)?sources?|url|link|web\s*site|available\s+(?:at|from)|retrieved\s+from)\s*:\s*\S"
    r"|^(?:(?:originally|first)\s+)?published\s+(?:in|by|at|on)\s+(?![\d\W])\S"
    r"|^(?:originally|first)\s+published\b"
    r"|^reprinted\s+(?:from|with\s+permission)\b", re.I)
_LAST_EDITED = re.compile(r"^this (?:page|article) was last (?:edited|modified|updated)\b", re.I)
# Citation marks: "[12]", "[a]", "[note 3]", "[citation needed]"; never "[sic]" or "[...]", which are the text's own.
CITATION_MARK = re.compile(
    r"(?<!\[)\[(?:\d{1,3}(?:[–-]\d{1,3})?|[a-z]|(?i:note|nb|n) ?\d{1,3}|(?i:[a-z][a-z ]{1,30} needed)"
    r"|(?i:who|when|which|where|by whom|according to whom|why|how)\?|(?i:dubious(?: [–-] discuss)?)"
    r"|(?i:failed verification|unreliable source\??|original research\??|improper synthesis\??|disputed))\](?!\])")
# An "[edit]" link after a heading's text, when the page kept no class to say so.
EDIT_MARK = re.compile(r"\s*\[\s*edit(?: source)?\s*\]\s*$", re.I)


# Sections at an article's end that are no part of its text: its references, notes and links to other pages.
_END_MATTER = {
    "reference list": "references | notes | footnotes | endnotes | citations | sources | bibliography | works cited | "
                      "literature | notes and references | references and notes | general references | "
                      "cited sources | sources and further reading",
    "links to other pages": "see also | external links | further reading | related articles | related pages | "
                            "links",
}
_END_MATTER_RU_KK = {
    "reference list": "примечания | литература | источники | список литературы | ссылки и примечания | "
                      "дереккөздер | әдебиет | пайдаланылған әдебиет | ескертпелер",
    "links to other pages": "см. также | ссылки | внешние ссылки | тағы қараңыз | сілтемелер | сыртқы сілтемелер",
}
END_MATTER_REASONS = {name.strip(): reason for table in (_END_MATTER, _END_MATTER_RU_KK)
                      for reason, names in table.items() for name in names.split("|")}


def end_matter_reason(heading: str) -> str | None:
    """Whether a heading opens a section of references or links ("References", "See also"), and which."""
    return END_MATTER_REASONS.get(_phrase_key(EDIT_MARK.sub("", heading)))


def _phrase_key(text: str) -> str:
    return re.sub(r"^[\W_]+|[\W_]+$", "", text.lower()).strip()


def text_reason(text: str) -> str | None:
    """Say what kind of page furniture a block of text is, judged by its words alone; None for article text."""
    words = text.split()
    if not words:
        return None
    key = _phrase_key(text)
    if not re.search(r"[^\W_]", text):
        return "line of symbols"
    if len(words) <= 6 and key in PHRASE_REASONS:
        return PHRASE_REASONS[key]
    if len(words) <= 12 and _TAGLINE.match(text.strip()):
        return "site tagline"
    if len(words) <= 40 and _SOURCE_LINE.match(text.strip()) and source_line_meta(text) is not None:
        return "source line"
    if len(words) <= 40 and _HATNOTE.match(text.strip()):
        return "pointer to other pages"
    if len(words) <= 30 and _LAST_EDITED.match(text.strip()):
        return "page footer"
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


def source_line_meta(text: str) -> dict[str, str] | None:
    """What a source line says of the article: its publisher, web address and date, those it gives.

    None when the text is no source line: "Published by Penguin in 1990, the novel sold well" is a sentence,
    and only a line labelled with a colon ("Source: ...") may hold words other than a name, a date and an address.
    """
    found: dict[str, str] = {}
    labelled = bool(re.match(r"^[^:]{1,30}:", text.strip()))
    rest = _SOURCE_LABEL.sub("", text.strip(), count=1)
    url = re.search(r"https?://[^\s<>\"'()]+", rest)
    if url:
        found["url"] = url.group().rstrip(".,;:")
        rest = rest[: url.start()] + " " + rest[url.end():]
    date = date_in(rest)
    year = re.search(r"(?:^|[,;(])\s*((?:1[4-9]|20)\d\d)\s*(?=$|[,;).])", rest) if labelled and not date else None
    if date:
        found["date"] = date[0]
        rest = rest.replace(date[1], " ")
    elif year:  # a labelled line's year standing alone between commas ("Methuen & Co., London, 1895, ...")
        found["date"] = year.group(1)
        rest = rest[: year.start(1)] + " " + rest[year.end(1):]
    rest = re.sub(r"\([^)]*\)", " ", rest)  # "(CC BY-SA)", "(accessed ...)"
    rest = re.sub(r"\b(?:on|in|by|at|via|from|the website of)\b\s*$", " ", rest.strip(" ,.;:-–—|"), flags=re.I)
    rest = re.sub(r"^(?:on|in|by|at|via|from)\b\s*", "", rest.strip(" ,.;:-–—|"), flags=re.I)
    publisher = " ".join(rest.strip(" ,.;:-–—|").split())
    named = publisher[:1].isalpha() and len(publisher.split()) <= 8 and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _NAME_LINKS for w in publisher.split())
    if named and not _CREDIT_ANYWHERE.search(publisher):
        found["publisher"] = publisher
    elif publisher and not labelled:
        return None
    return found


_NAME_LINKS = {"of", "the", "and", "&", "for", "on", "in", "de", "la", "le", "du", "der", "die", "und", "y", "a"}


_SOURCE_LABEL = re.compile(r"^(?:(?:original\s+)?sources?\s*:|url\s*:|link\s*:|web\s*site\s*:|available\s+(?:at|from)"
                           r"\s*:?|retrieved\s+from\s*:?|(?:(?:originally|first)\s+)?published(?:\s+online)?"
                           r"|reprinted\s+(?:from|with\s+permission\s+(?:from|of))?)\s*", re.I)


def date_in(text: str) -> tuple[str, str] | None:
    """The first date written out in a text (ISO or in English words), as (ISO date, the words), or None."""
    for match in _DATE_IN_TEXT.finditer(text):
        iso = iso_date(match.group().strip(" ,."))
        if iso and len(iso) >= 7:  # a year alone is too often a number
            return iso, match.group()
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
    "navigation": "nav navbar navigation menu breadcrumb breadcrumbs pagination pager skip jump toc navbox",
    "share button": "share sharing social sharedaddy addthis sharethis",
    "login link": "login signin logout account password",
    "subscription prompt": "subscribe subscription newsletter signup paywall donate",
    "comments": "comment comments respond disqus",
    "related links": "related recommended popular trending readmore portal sistersitebox",
    "advertisement": "ad ads advert advertisement sponsor sponsored promo",
    "image caption or credit": "caption credit credits thumbcaption gallerytext",
    "disclaimer": "disclaimer copyright legal",
    "byline": "byline author dateline posted published timestamp",
    "sidebar": "sidebar widget widgets",
    "page header": "masthead",
    "page footer": "footer colophon printfooter",
    "edit link": "editsection editlink",
    "infobox": "infobox factbox",
    "reference list": "reflist references refbegin footnotes endnotes",
    "pointer to other pages": "hatnote dablink rellink",
    "notice about the page": "ambox ombox tmbox mbox",
    "cookie notice": "cookie cookies consent gdpr",
    "tags": "tags categories catlinks",
}
CLASS_REASONS = {word: reason for reason, words in _CLASS_WORDS.items() for word in words.split()}
# Whole class names a site gives what it leaves out of a printed page: never the article itself.
_NOT_PRINTED = {"noprint", "no-print", "print-hide", "hide-print", "hidden-print", "d-print-none", "screen-only",
                "print-no"}
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
# Whole class names only: "hidden-xs" hides on small screens only, so parts do not count here.
_HIDDEN_CLASSES = {"hidden", "sr-only", "screen-reader-text", "visually-hidden", "visuallyhidden", "screen-reader"}


def element_reason(tag: str, attrs: dict[str, str], in_heading: bool = False) -> str | None:
    """Say what kind of page furniture an HTML element is, from its tag, role, class and id; None if none.

    `in_heading`: the element is inside a heading, where an id is the heading's text made an anchor.
    """
    if "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true" or \
            _HIDDEN_STYLE.search(attrs.get("style", "")):
        return "hidden text"
    if tag in TAG_REASONS:
        return TAG_REASONS[tag]
    role = attrs.get("role", "").lower().strip()
    if role in ROLE_REASONS:
        return ROLE_REASONS[role]
    names = attrs.get("class", "").lower().split()
    element_id = attrs.get("id", "").lower()
    # A heading's id is its text made an anchor ("In_popular_culture"), as is any id of many words: no role.
    if element_id and not in_heading and tag not in ("h1", "h2", "h3", "h4", "h5", "h6") and \
            len(re.split(r"[-_]+", element_id)) <= 3:
        names.append(element_id)
    if _HIDDEN_CLASSES.intersection(names):
        return "hidden text"
    if _NOT_PRINTED.intersection(names):
        return "not in print version"
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
_DATE_IN_TEXT = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}\b|\b{_MONTH}\s+{_DAY},?\s+\d{{4}}\b"
    rf"|\b{_MONTH},?\s+\d{{4}}\b", re.I)
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

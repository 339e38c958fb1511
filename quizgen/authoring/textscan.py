"""Read English prose the way the fact suggester needs: sentences, dates, names, verbs, clauses.

Everything here is rules over the text itself, with word lists kept small
and general; sentence boundaries come from sentencex (rule-based, offline).
Offsets are always into the paragraph as the source holds it, so a quote cut
from them is verbatim.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_MONTH = "(" + "|".join(MONTHS) + ")"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(1[0-9]{3}|20[0-9]{2})"  # years 1000-2099; other four-digit numbers are quantities
CITATION_RE = re.compile(r"(?<!\[)\[(?:\d{1,3}|[a-z]|[a-z ]{3,40})\](?!\])")  # "[12]", "[a]", "[better source needed]"

# Dates, most precise first; each names the parts it gives. A preposition before a bare year or month is
# required, so "1,700 times" or "May" the verb are never dates. The preposition says what the date is to the
# fact: "in 1986" dates it; "by 1920", "since 1991", "until 1991" only bound it.
_BOUND = r"[Bb]y|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]efore|[Ff]rom"
_DATE_PATTERNS = (
    (re.compile(rf"\b(?:(?:[Oo]n|{_BOUND}) )?{_DAY} {_MONTH},? {_YEAR}\b"), "dmy"),
    (re.compile(rf"\b(?:(?:[Oo]n|{_BOUND}) )?{_MONTH} {_DAY},? {_YEAR}\b"), "mdy"),
    (re.compile(rf"\b(?:[Ii]n |[Dd]uring |(?:{_BOUND}) )(?:(?:early|mid|late)[- ])?{_MONTH},? {_YEAR}\b"), "my"),
    (re.compile(rf"\b(?:[Oo]n |[Bb]y )(?:the )?{_DAY} (?:of )?{_MONTH}\b(?!,? \d)"), "dm"),
    (re.compile(rf"\b(?:[Oo]n |[Bb]y ){_MONTH} {_DAY}\b(?!,? \d)"), "md"),
    (re.compile(rf"\b(?:[Bb]etween {_YEAR} and {_YEAR}|[Ff]rom {_YEAR} (?:to|until|till) {_YEAR})\b"), "range"),
    # "the 1960s", "by the late 1980s", "the early 20th century": periods, never a year
    (re.compile(r"\b(?:(?:[Ii]n|[Dd]uring|[Tt]hroughout|[Oo]f|[Bb]y|[Ss]ince|[Uu]ntil|[Bb]efore|[Ff]rom) )?"
                r"the ((?:(?:early|mid|late)[- ])?(?:1[0-9]{2}0|20[0-9]0)['’]?s)\b"), "decade"),
    (re.compile(r"\b(?:(?:[Ii]n|[Dd]uring|[Tt]hroughout|[Oo]f|[Bb]y|[Ss]ince|[Uu]ntil|[Bb]efore|[Ff]rom) )?"
                r"the ((?:(?:early|mid|late)[- ])?(?:1[0-9]|20|[1-9])(?:st|nd|rd|th)[- ]century)\b"), "century"),
    (re.compile(rf"\b(?:(?:[Bb]ack |[Ee]arly |[Ll]ate )?[Ii]n |[Dd]uring |[Oo]f |(?:{_BOUND}) )"
                rf"(?:the (?:early |late )?(?:year )?)?{_YEAR}\b(?![\d,.]*\s?(?:%|per|times|years))"
                rf"(?!s\b|['’]s\b)"), "y"),
    (re.compile(rf"\b(?:[Ii]n |[Dd]uring )(?:(early|mid|late)[- ])?{_MONTH}\b(?!,? \d)"), "m"),
    (re.compile(r"\b([Ee]arlier|[Ll]ater) this year\b|\bthis year['’]s\b"), "this-year"),
)


@dataclass(frozen=True)
class Date:
    """A date the text gives, with its span in the sentence.

    `iso` is set only for a date an event can have (a year, a month or a day the fact happened in); a period
    ("the 1960s", "1908-1913") or a bound ("by 1920") has no `iso`, only its `period` as the text words it and,
    where the text makes them exact, its `years`.
    """

    iso: str
    start: int
    end: int
    years: str = ""  # "1908-1913" for a range, "1960-1969" for a decade, "1991-" for "since 1991"
    year_from_article: bool = False
    words: str = ""  # the date as the text writes it
    period: str = ""  # "the 1960s", "by 1920": set when the date is a period or a bound, not a point

    @property
    def is_point(self) -> bool:
        return bool(self.iso) and not self.period


def find_dates(text: str, article_year: int | None, article_month: int | None = None) -> list[Date]:
    """Every date in a sentence, in order; month-only dates take the article's year when it is known."""
    found: list[Date] = []
    taken: list[tuple[int, int]] = []
    for pattern, form in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            date = _date_of(match, form, article_year, article_month)
            if date is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(date)
    return sorted(found, key=lambda d: d.start)


def _date_of(match, form: str, year: int | None, month_now: int | None) -> Date | None:
    g = [x for x in match.groups() if x is not None]
    words = match.group(0)
    preposition = words.split(" ", 1)[0].lower()
    bound = preposition in ("by", "since", "until", "till", "before", "from")

    def month_no(name: str) -> int:
        return MONTHS.index(name) + 1

    if form in ("decade", "century"):
        years = ""
        # "the 1960s" is exactly 1960-1969; "the 1900s" may be a decade or a century, and "the late 1980s" has no
        # agreed years: those keep their words only.
        if form == "decade" and re.fullmatch(r"\d{2}[1-9]0['’]?s", g[0]):
            years = f"{g[0][:4]}-{int(g[0][:4]) + 9}"
        period = ("by " if preposition == "by" else preposition + " " if bound else "") + "the " + g[0]
        if bound:
            years = f"{years[:4]}-" if preposition in ("since", "from") and years else ""
        return Date("", match.start(), match.end(), years=years, words=words, period=period)
    if form == "dmy":
        iso, own = _iso(int(g[2]), month_no(g[1]), int(g[0])), False
    elif form == "mdy":
        iso, own = _iso(int(g[2]), month_no(g[0]), int(g[1])), False
    elif form == "my":
        iso, own = _iso(int(g[-1]), month_no(g[-2])), False
    elif form == "range":
        start, end = int(g[0]), int(g[1])
        if end <= start:
            return None
        return Date("", match.start(), match.end(), years=f"{start}-{end}", words=words, period=f"{start}-{end}")
    elif form == "y":
        iso, own = str(int(g[0])).zfill(4), False
    elif form in ("dm", "md", "m"):
        if year is None:
            return None
        month = month_no(g[1] if form == "dm" else g[-1] if form == "m" else g[0])
        if month_now is not None and month > month_now:  # a month after the article's: last year, or a plan
            return None
        day = int(g[0]) if form == "dm" else int(g[1]) if form == "md" else None
        iso, own = _iso(year, month, day), True
    else:  # this year
        if year is None:
            return None
        iso, own = str(year), True
    if iso is None:
        return None
    if bound:  # "by 1920": a bound, not the date it happened; "since 1991": so from then on
        years = f"{iso[:4]}-" if preposition in ("since", "from") else ""
        period = preposition + " " + words.split(" ", 1)[1]
        return Date("", match.start(), match.end(), years=years, year_from_article=own, words=words, period=period)
    return Date(iso, match.start(), match.end(), year_from_article=own, words=words)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    import datetime

    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


# --- sentences ----------------------------------------------------------------------------------


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """The sentences of a paragraph as (start, end) offsets into it."""
    import sentencex

    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in sentencex.segment("en", paragraph):
        piece = piece.strip()
        if not piece:
            continue
        at = paragraph.find(piece, cursor)
        if at < 0:  # the segmenter changed the text: keep the rest as one sentence
            rest = paragraph[cursor:].strip()
            if rest:
                at = paragraph.index(rest, cursor)
                spans.append((at, at + len(rest)))
            return _merge_citations(paragraph, spans)
        spans.append((at, at + len(piece)))
        cursor = at + len(piece)
    return _merge_citations(paragraph, spans)


# A run-in label before a sentence: "Blacklisted Passport - His passport was ...", "The World War I - Due to ...".
_RUN_IN_LABEL = re.compile(r"(?:(?:[A-Z][\w’'\-]*|of|the|and|in|on|for)\s){0,5}[A-Z][\w’'\-]*"
                           r"\s[-–—]\s(?=[A-Z])")


def readable_text(sentence: str) -> tuple[str, tuple[int, ...]]:
    """The sentence as the rules read it: citation marks and a run-in label left out.

    Returns the text and, for each of its characters (and its end), the offset in the sentence it came from,
    so that a quote cut from the text maps back to the words as the source holds them.
    """
    keep = [True] * len(sentence)
    label = _RUN_IN_LABEL.match(sentence)
    words = label.group(0).split()[:-1] if label else []
    if label and (find_finite_verb(["_"] + words) is None or all(w[0].isupper() for w in words)):
        keep[: label.end()] = [False] * label.end()
    for match in CITATION_RE.finditer(sentence):
        keep[match.start(): match.end()] = [False] * (match.end() - match.start())
    chars = [i for i, k in enumerate(keep) if k]
    text = "".join(sentence[i] for i in chars)
    return text, tuple(chars) + (len(sentence),)


# Titles written short before a name; a sentence never ends on one ("his father Sh. Radha Krishan").
_TITLE_ABBREVIATIONS = ("Sh", "Smt", "Shri", "Sri", "Lt", "Col", "Gen", "Gov", "Rev", "Prof", "Capt", "Sgt", "Dr",
                        "Mr", "Mrs", "Ms", "St", "Mt", "Hon", "Sen", "Rep", "Pres", "Adm", "Maj", "Cpl", "Fr", "Br")


def _merge_citations(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a sentence that is only citation marks ("[4]") to the one before it, and one that ends on a title
    written short ("Sh.", "Col.") to the one after it."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        previous = paragraph[out[-1][0]:out[-1][1]] if out else ""
        if out and re.search(r"\b(?:" + "|".join(_TITLE_ABBREVIATIONS) + r")\.$", previous) and \
                paragraph[start:start + 1].isupper():
            out[-1] = (out[-1][0], end)
        elif out and not CITATION_RE.sub("", paragraph[start:end]).strip():
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


# --- words ------------------------------------------------------------------------------------

WORD_RE = re.compile(r"[^\W_][\w'’.\-]*[^\W_]|[^\W_]", re.UNICODE)

PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "this", "that", "these", "those", "we", "i", "you",
            "his", "its", "their", "there", "which", "who", "such", "one", "both", "all", "some", "each", "what"}
FUNCTION_WORDS = PRONOUNS | {
    "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "then", "than", "as", "at", "by", "for", "from",
    "in", "into", "of", "on", "onto", "to", "with", "without", "within", "over", "under", "after", "before",
    "during", "despite", "since", "until", "while", "when", "where", "whereas", "whether", "because", "though",
    "although", "also", "even", "however", "moreover", "thus", "therefore", "meanwhile", "instead", "not", "no",
    "only", "just", "very", "more", "most", "many", "much", "few", "other", "another", "any", "every", "our", "my",
    "your", "me", "us", "between", "among", "about", "against", "through", "toward", "towards", "upon", "via",
    "like", "unlike", "per", "around", "across", "behind", "beyond", "near", "off", "out", "up", "down",
}
# Capitalised words that open sentences or titles but are not names.
OPENERS = {
    "according", "after", "again", "although", "as", "at", "back", "before", "besides", "but", "by", "despite",
    "during", "each", "even", "eventually", "fast-forward", "finally", "first", "following", "for", "from",
    "further", "furthermore", "here", "how", "however", "if", "in", "indeed", "initially", "instead", "it", "later",
    "likewise", "meanwhile", "moreover", "most", "much", "nevertheless", "next", "nonetheless", "now", "of", "on",
    "once", "only", "other", "over", "perhaps", "predictably", "recent", "recently", "second", "similarly", "since",
    "so", "some", "still", "such", "that", "the", "then", "there", "therefore", "these", "this", "those", "though",
    "thus", "to", "today", "under", "unlike", "until", "what", "when", "where", "whether", "while", "with", "within",
    "without", "yet", "a", "an", "and", "or", "many", "all", "both", "few", "no", "not", "one", "two", "three",
    "several", "every", "any", "his", "her", "its", "their", "our", "he", "she", "they", "we", "i", "you",
    "time", "nor", "upon", "between", "among", "also", "just", "already", "currently", "ultimately", "together",
}
# Words that make a capitalised run an organisation, a place or a thing rather than a person.
NOT_PERSON_WORDS = {
    "union", "organization", "organisation", "party", "forum", "initiative", "commission", "college", "school",
    "society", "league", "congress", "company", "council", "university", "government", "ministry", "bank", "court",
    "parade", "day", "sea", "river", "lake", "mountains", "republic", "kingdom", "states", "federation", "province",
    "district", "model", "war", "treaty", "army", "navy", "agency", "institute", "museum", "library", "church",
    "empire", "revolution", "movement", "association", "corporation", "group", "committee", "assembly",
    "parliament", "senate", "office", "department", "foundation", "fund", "service", "services", "station",
    "airport", "street", "road", "square", "hall", "gate", "bridge", "island", "islands", "ocean", "desert",
    "valley", "basin", "region", "county", "city", "town", "village", "hospital", "trust", "act", "law", "bill",
    "conference", "summit", "games", "cup", "festival", "award", "prize", "centre", "center", "channel",
    "network", "times", "post", "news", "press", "journal", "gazette", "review", "monitor", "magazine",
    "insurance", "industries", "inc", "ltd", "co", "era", "age", "period", "dynasty", "standard",
    "principle", "theory", "effect", "equation", "constant", "number", "table", "north", "south", "east", "west",
    "central", "eastern", "western", "northern", "southern", "asia", "europe", "africa", "america", "india",
    "china", "russia", "ukraine", "moscow", "kremlin", "beijing", "nations", "sun", "earth", "moon",
    "alliance", "pact", "bloc", "front", "brigade", "force", "forces", "guard", "police", "mission", "project",
    "programme", "program", "plan", "policy", "strategy", "zone", "belt", "route", "canal", "dam", "port",
}
# Nouns for people: a descriptor or appositive with one of these (or a word ending like them) describes a person.
PERSON_NOUNS = {
    "president", "leader", "king", "queen", "emperor", "empress", "tsar", "czar", "sultan", "emir", "shah", "pope",
    "general", "colonel", "admiral", "governor", "senator", "minister", "chairman", "chairwoman", "chair",
    "secretary", "chancellor", "premier", "dictator", "despot", "ruler", "monarch", "prince", "princess", "duke",
    "teacher", "professor", "scientist", "physicist", "chemist", "biologist", "philosopher", "mathematician",
    "economist", "historian", "writer", "author", "poet", "novelist", "journalist", "editor", "commentator", "host",
    "presenter", "pundit", "director", "actor", "actress", "artist", "painter", "composer", "singer", "musician",
    "lawyer", "judge", "doctor", "surgeon", "engineer", "inventor", "architect", "officer", "soldier", "commander",
    "superintendent", "inspector", "activist", "revolutionary", "politician", "diplomat", "ambassador", "envoy",
    "founder", "co-founder", "spokesman", "spokeswoman", "spokesperson", "student", "pupil", "son", "daughter",
    "father", "mother", "brother", "sister", "wife", "husband", "uncle", "aunt", "friend", "colleague", "assistant",
    "mentor", "priest", "bishop", "monk", "saint", "reformer", "businessman", "businesswoman", "entrepreneur",
    "explorer", "merchant", "farmer", "worker", "official", "adviser", "advisor", "aide", "deputy", "mayor",
    "headmaster", "principal", "member", "nationalist", "theorist", "critic", "analyst", "expert", "researcher",
    "man", "woman", "person", "figure", "personality", "intellectual", "thinker", "warlord", "chief",
    "head", "captain", "lieutenant", "sergeant", "marshal", "tycoon", "oligarch", "banker", "investor", "magnate",
}
PERSON_SUFFIXES = ("ist", "ian", "tor", "ker", "ger", "ner", "ter", "der", "ser", "ler", "ver", "mer", "ber")
NOT_PERSON_SUFFIXED = {
    "number", "order", "river", "corner", "other", "water", "power", "border", "sector", "factor", "mirror",
    "paper", "matter", "letter", "center", "centre", "chapter", "character", "quarter", "winter", "summer",
    "member", "register", "minister", "cluster", "disaster", "master", "monster", "theater", "theatre", "meter",
    "tower", "shower", "cover", "lover", "silver", "fever", "never", "ever", "however", "whatever", "under",
    "wonder", "thunder", "render", "gender", "tender", "ladder", "powder", "shoulder", "folder", "holder",
    "mother", "father", "brother", "sister", "daughter", "neither", "either", "rather", "together",
    "whether", "weather", "feather", "leather", "another", "further", "dinner", "manner", "banner", "inner",
    "partner", "owner", "danger", "finger", "anger", "hunger", "stranger", "passenger", "messenger",
    "after", "later", "greater", "better", "bitter", "twitter", "litter", "motor", "vector", "tractor", "reactor",
    "conductor", "semiconductor", "detector", "indicator", "equator", "elevator", "generator", "radiator",
    "calculator", "competitor", "rotor", "sensor", "chamber", "december", "november", "september", "october",
    "timber", "lumber", "remember", "fiber", "fibre", "amber", "lower", "upper", "flower", "wider", "nuclear",
    "latter", "former", "counter", "encounter", "filter", "shelter", "helicopter", "computer",
    "christian", "median", "guardian", "indian", "russian", "asian", "civilian", "canadian", "italian", "persian",
    "ukrainian", "georgian", "armenian", "iranian", "syrian", "belarusian", "venezuelan", "eritrean", "egyptian",
    "meridian", "librarian", "boolean", "gaussian", "hessian", "jacobian", "lagrangian", "hamiltonian",
    "mist", "list", "fist", "twist", "wrist", "gist", "exist", "assist", "insist", "resist", "consist", "persist",
}
TITLES = {  # capitalised before a name, they give the role
    "president", "prime minister", "first secretary", "general secretary", "secretary", "chancellor", "king",
    "queen", "emperor", "empress", "tsar", "czar", "sultan", "emir", "shah", "pope", "general", "colonel",
    "admiral", "governor", "senator", "minister", "foreign minister", "defence minister", "defense minister",
    "chairman", "premier", "prince", "princess", "duke", "mayor", "ambassador", "chief justice", "judge",
    "bishop", "archbishop", "patriarch", "vice president", "deputy prime minister",
}
HONORIFICS = {"sir", "dame", "lord", "lady", "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "professor",
              "prof.", "saint", "st.", "lala", "munshi", "swami", "mahatma", "pandit", "babu", "sheikh", "imam",
              "rabbi", "father", "mother", "sister", "brother", "sri", "shri", "mullah", "ayatollah"}
NAME_PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "bin", "ibn", "al", "el", "la",
                  "le", "du", "dos", "das", "ter", "ten", "y"}


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def is_initial(word: str) -> bool:
    """'J.', 'A.' or 'W.E.B.': initials inside a name."""
    return bool(re.fullmatch(r"(?:[A-Z]\.)+", word))


def looks_like_person_noun(word: str) -> bool:
    low = word.lower().rstrip(".,;:")
    singular = singular_noun(low)
    if singular in PERSON_NOUNS or low in PERSON_NOUNS:
        return True
    return (len(singular) > 5 and singular.endswith(PERSON_SUFFIXES) and singular not in NOT_PERSON_SUFFIXED
            and low not in NOT_PERSON_SUFFIXED)


def singular_noun(word: str) -> str:
    """A plural noun's singular by the regular rules ('commentators' -> 'commentator'), else the word."""
    low = word
    irregular = {"people": "person", "men": "man", "women": "woman", "children": "child", "leaders": "leader"}
    if low in irregular:
        return irregular[low]
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("sses", "shes", "ches", "xes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3:
        return low[:-1]
    return low


@dataclass(frozen=True)
class Run:
    """A run of capitalised words: a name of a person, place, organisation or thing."""

    start: int
    end: int
    text: str
    words: tuple[str, ...]


def capitalised_runs(text: str) -> list[Run]:
    """Runs of capitalised words ('Kassym-Jomart Tokayev', 'J. J. Thomson', 'Servants of the People Society')."""
    words = []
    for m in WORD_RE.finditer(text):
        start, end, word = m.start(), m.end(), m.group()
        if re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word) and text[end:end + 1] == ".":  # "James A. Scott", "W.E.B. Du Bois"
            end, word = end + 1, word + "."
        words.append((start, end, word))
    runs: list[Run] = []
    i = 0
    while i < len(words):
        start, end, word = words[i]
        if not (is_capitalised(word) or is_initial(word)):
            i += 1
            continue
        j = i
        members = [word]
        last_end = end
        k = i + 1
        while k < len(words):
            s, e, w = words[k]
            gap = text[last_end:s]
            if gap not in (" ", "-", " -", "- "):
                break
            if members[-1].endswith(("'s", "’s")):  # "Kazakhstan's President Tokayev": the owner ends a run
                break
            if is_capitalised(w) or is_initial(w):
                members.append(w)
                last_end, j = e, k
                k += 1
                continue
            # "Servants of the People Society", "Louis de Broglie": lower-case links between capitalised words
            if w in NAME_PARTICLES | {"of", "the", "and", "for", "on"} and k + 1 < len(words):
                s2, e2, w2 = words[k + 1]
                nxt = words[k + 2] if w == "of" and w2 == "the" and k + 2 < len(words) else None
                if w in ("of", "the", "for", "on") and nxt is not None and is_capitalised(nxt[2]) and \
                        text[e:s2] == " " and text[e2:nxt[0]] == " ":
                    members += [w, w2, nxt[2]]
                    last_end, j = nxt[1], k + 2
                    k += 3
                    continue
                if text[e:s2] == " " and is_capitalised(w2) and (w in NAME_PARTICLES or w in ("of", "for", "on")):
                    members += [w, w2]
                    last_end, j = e2, k + 1
                    k += 2
                    continue
            break
        run_text = text[start:last_end].rstrip(".") if not members[-1].endswith(".") or not is_initial(members[-1]) \
            else text[start:last_end]
        runs.append(Run(start, start + len(run_text), run_text, tuple(members)))
        i = j + 1
    return runs


def trim_opener(run: Run, sentence_start: bool) -> Run | None:
    """Drop capitalised openers ("However", "The", "In") from the front of a run; None if nothing is left."""
    words = list(run.words)
    text, start = run.text, run.start
    while words and (words[0].lower() in OPENERS or (sentence_start and words[0].lower() in FUNCTION_WORDS)):
        first = words.pop(0)
        cut = text.find(first) + len(first)
        rest = text[cut:]
        stripped = rest.lstrip(" -")
        start += cut + (len(rest) - len(stripped))
        text = stripped
        sentence_start = False
    if not words or not text:
        return None
    return Run(start, start + len(text), text, tuple(words))


def is_name_like(run: Run) -> bool:
    """A run that could be a person's name: two to four words, none of them an organisation or place word."""
    words = [w for w in run.words if w not in NAME_PARTICLES]
    if not 2 <= len(words) <= 5:
        return False
    if any(w.lower().rstrip(".") in NOT_PERSON_WORDS or w.lower() in OPENERS for w in words):
        return False
    if any(w.isupper() and len(w) > 1 and not is_initial(w) for w in words):  # "CSTO", "USSR"
        return False
    return all(is_initial(w) or re.fullmatch(r"[^\W\d_][^\W\d_'’\-]*(?:[-'’][^\W\d_]+)*(?:['’]s)?", w) for w in words)


# --- verbs, clauses and noun phrases ----------------------------------------------------------

AUX_BE = {"is", "are", "was", "were", "be", "been", "being"}
AUX_HAVE = {"has", "have", "had"}
AUX_DO = {"does", "do", "did"}
MODALS = {"can", "could", "will", "would", "may", "might", "must", "should", "shall", "cannot"}
IRREGULAR_PAST = {  # past form -> present participle
    "became": "becoming", "began": "beginning", "bore": "bearing", "brought": "bringing", "built": "building",
    "bought": "buying", "caught": "catching", "chose": "choosing", "came": "coming", "cut": "cutting",
    "dealt": "dealing", "drew": "drawing", "drove": "driving", "ate": "eating", "fell": "falling", "felt": "feeling",
    "fought": "fighting", "found": "finding", "fled": "fleeing", "flew": "flying", "forbade": "forbidding",
    "forgot": "forgetting", "froze": "freezing", "got": "getting", "gave": "giving", "went": "going",
    "grew": "growing", "hung": "hanging", "heard": "hearing", "hid": "hiding", "held": "holding", "kept": "keeping",
    "knew": "knowing", "laid": "laying", "led": "leading", "left": "leaving", "lent": "lending", "lost": "losing",
    "made": "making", "meant": "meaning", "met": "meeting", "paid": "paying", "put": "putting", "quit": "quitting",
    "ran": "running", "rose": "rising", "said": "saying", "saw": "seeing", "sought": "seeking", "sold": "selling",
    "sent": "sending", "set": "setting", "shook": "shaking", "shot": "shooting", "showed": "showing",
    "shut": "shutting", "sang": "singing", "sank": "sinking", "sat": "sitting", "slept": "sleeping",
    "spoke": "speaking", "spent": "spending", "spread": "spreading", "stood": "standing", "stole": "stealing",
    "struck": "striking", "swore": "swearing", "swept": "sweeping", "took": "taking", "taught": "teaching",
    "tore": "tearing", "told": "telling", "thought": "thinking", "threw": "throwing", "understood": "understanding",
    "undertook": "undertaking", "woke": "waking", "wore": "wearing", "won": "winning", "withdrew": "withdrawing",
    "wrote": "writing", "overthrew": "overthrowing", "oversaw": "overseeing", "foresaw": "foreseeing",
}
NOT_VERBS_ED = {"hundred", "red", "bed", "seed", "need", "speed", "breed", "creed", "feed", "greed", "shed", "reed",
                "weed", "deed", "heed", "bred", "sped", "sled", "fled", "wed", "coed",
                "sacred", "naked", "wicked", "kindred", "wretched", "rugged", "ragged", "beloved", "learned",
                "aged", "crooked", "dogged", "jagged", "alleged", "supposed", "so-called", "united", "limited",
                "advanced", "based", "related", "detailed", "varied", "armed", "skilled", "talented", "interested",
                "tired", "experienced", "complicated", "sophisticated", "dedicated", "organized",
                "organised", "educated", "qualified", "distinguished", "renowned", "noted", "celebrated", "famed"}


def participle(word: str) -> str | None:
    """The present participle of a past-tense verb ('denied' -> 'denying'), or None if it is not one."""
    low = word.lower()
    if low in IRREGULAR_PAST:
        return IRREGULAR_PAST[low]
    if len(low) < 4 or not low.endswith("ed") or low in NOT_VERBS_ED or not low.isalpha():
        return None
    if low.endswith("ied"):
        return low[:-3] + "ying"
    if low.endswith("eed"):
        return low[:-1] + "ing"
    return low[:-2] + "ing"


def is_past_verb(word: str) -> bool:
    return participle(word) is not None


def find_finite_verb(words: list[str]) -> int | None:
    """The index of the clause's finite verb (an auxiliary, a modal or a past-tense verb), after a subject."""
    for i, word in enumerate(words):
        low = word.lower()
        if i == 0:
            continue
        if low in ("be", "being", "been"):  # never finite: "being injured", "to be", "has been"
            continue
        if low in AUX_BE | AUX_HAVE | AUX_DO | MODALS or is_past_verb(low):
            # "the so-called", "armed forces": a past form right after an article is an adjective
            after_determiner = words[i - 1].lower() in ("a", "an", "the", "its", "their", "his", "her")
            if after_determiner and low not in AUX_BE | AUX_HAVE:
                continue
            return i
    return None


def as_noun_phrase(clause: str) -> str | None:
    """Turn a clause into a gerund phrase a question can use as a noun:

    'the commission was boycotted by ...' -> 'the commission being boycotted by ...';
    'Russia sent colonists ...' -> 'Russia sending colonists ...'. None when it cannot be done safely.
    """
    words = clause.split()
    at = find_finite_verb(words)
    if at is None or at > 8:
        return None
    subject, verb, rest = words[:at], words[at].lower(), words[at + 1:]
    if subject[0].lower() in PRONOUNS or any(w.endswith(",") for w in subject):
        return None
    negation = bool(rest) and rest[0].lower() in ("not", "never")
    if negation:
        rest = rest[1:]
    if verb in AUX_BE:
        head = "being"
    elif verb in AUX_HAVE:
        head = "having" if rest and is_past_verb(rest[0]) else None
    elif verb in AUX_DO:
        if not rest:
            return None
        ing = _ing_of_base(rest[0])
        head, rest = (ing, rest[1:]) if ing else (None, rest)
    elif verb in ("can", "could") and negation or verb == "cannot":
        head = "being unable to"
    elif verb in ("can", "could"):
        head = "being able to"
    elif verb in MODALS:
        head = None
    else:
        head = participle(verb)
    if not head or not rest:
        return None
    phrase = " ".join(subject + (["not"] if negation else []) + [head] + rest)
    return phrase


def _ing_of_base(word: str) -> str | None:
    """The participle of a verb's base form after 'did' ('include' -> 'including')."""
    low = word.lower()
    if not low.isalpha() or len(low) < 2:
        return None
    irregular = {"be": "being", "see": "seeing", "flee": "fleeing", "agree": "agreeing", "die": "dying",
                 "lie": "lying", "tie": "tying", "get": "getting", "put": "putting", "run": "running",
                 "set": "setting", "stop": "stopping", "win": "winning", "begin": "beginning", "plan": "planning",
                 "cut": "cutting", "sit": "sitting", "hit": "hitting", "let": "letting", "shut": "shutting"}
    if low in irregular:
        return irregular[low]
    if low.endswith("ie"):
        return low[:-2] + "ying"
    if low.endswith("e") and not low.endswith(("ee", "ye", "oe")):
        return low[:-1] + "ing"
    return low + "ing"


def lower_first(text: str) -> str:
    """Lower-case a clause's first word unless it is a name ('The war' -> 'the war', 'Russia' stays)."""
    words = text.split(" ", 1)
    first = words[0]
    if first.lower() in OPENERS | FUNCTION_WORDS and not (first.isupper() and len(first) > 1):  # "A", not "US"
        return first.lower() + (" " + words[1] if len(words) > 1 else "")
    return text


def clean_field(text: str) -> str:
    """A field's text: citation marks and stray punctuation removed, spaces collapsed."""
    text = CITATION_RE.sub("", text)
    text = " ".join(text.split())
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = text.strip(" ,;:—–-")
    if text.endswith(".") and not re.search(r"\b(?:[A-Z]\.){2,3}$|\b(?:etc|Inc|Ltd|Co)\.$", text):
        text = text[:-1].rstrip()
    return _balance_quotes(text)


def _balance_quotes(text: str) -> str:
    """Drop a dangling quote mark or bracket left where a clause was cut."""
    for opening, closing in (("“", "”"), ("(", ")")):
        if text.count(opening) != text.count(closing):
            return ""
    if text.count('"') % 2:
        return ""
    return text


@lru_cache(maxsize=4096)
def words_of(text: str) -> tuple[str, ...]:
    return tuple(m.group() for m in WORD_RE.finditer(text))

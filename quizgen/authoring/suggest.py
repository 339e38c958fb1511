"""Suggest facts from a unit's source text, for the author to keep, edit or drop.

Each suggestion is a complete fact of one of quizgen's kinds, found by a rule
over one sentence: a dated event ("In 1986, ..."), something placed in a period
("In the 1960s ...", "By 1920 ...": background, never an event, whose date
would be more precise than the text), a person and the role the text gives
them, a term and its definition ("X is a Y that ...", "known as"), something
said ("X said that ...") or the article's own analysis, a cause and its effect
("led to", "because", "as a result"), a quantity. A leading pronoun is replaced
by what it stands for where the text makes that clear, else nothing is
suggested. Its fields come
from the text, its quote is cut from the paragraph, and it is validated by
the loader exactly as facts.yaml's facts are (schema and quote check): what
fails is not suggested. Suggestions go to `<unit>/suggested.yaml`, under
`suggestions:` rather than `facts:`, so that no build ever reads them and an
entry moved into facts.yaml needs no edit to validate.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import AuthoringError
from . import textscan as ts
from .words import opening_words, slugify

SUGGESTIONS_FILE = "suggested.yaml"
SUGGESTIONS_KEY = "suggestions"
MAX_QUOTE_WORDS = 28  # a quote is the words a fact rests on; a curator shortens it at will
MAX_FIELD_WORDS = 32
OVERLAP = 0.5  # two quotes are the same passage when they share half the shorter one's characters
KIND_ORDER = ("event", "person", "term", "claim", "cause_effect", "background")

# What each rule found, as the comment above its entry in suggested.yaml.
RULES = {
    "dated": "a dated event",
    "title": "a person named with their title",
    "descriptor": "a person named after what they are",
    "appositive": "a person and the role beside their name",
    "copula-person": "a person and what the text says they were",
    "such-as": "people named as examples of what they are",
    "listed": "people listed after what they are",
    "definition": "a term defined (\"X is a Y that ...\")",
    "called": "a term introduced (\"called\", \"known as\")",
    "term-appositive": "a term and the description beside it",
    "said": "something a named speaker said",
    "analysis": "the article's own analysis, judgement or prediction",
    "led-to": "a cause and effect (\"led to\", \"resulted in\")",
    "resulting": "a cause and effect (\"resulting in\", \"leading to\")",
    "because": "a cause and effect (\"because\", \"due to\", \"by doing\")",
    "as-a-result": "a cause and effect (\"so\", \"as a result\", \"therefore\")",
    "quantity": "a quantity, asked as a fill-in-the-blank",
    "period": "something the text places in a period (\"in the 1960s\", \"by 1920\"), asked as a fill-in-the-blank",
}


@dataclass
class Suggestion:
    """One candidate fact: its kind, its fields, and the span of the paragraph it rests on."""

    kind: str
    fields: dict
    paragraph: int
    start: int
    end: int
    rule: str
    quote: str = ""
    id: str = ""


@dataclass
class Sentence:
    """One sentence of a paragraph; `text` is what the rules read (no citation marks, no run-in label)."""

    paragraph: int  # from 1
    start: int  # offsets of the whole sentence in its paragraph
    end: int
    text: str
    para_text: str
    offsets: tuple[int, ...] = ()  # for each character of `text` (and its end), its offset in the sentence
    number: int = 0  # its place among the unit's sentences

    def at(self, index: int) -> int:
        """The paragraph offset of a position in `text`."""
        index = max(0, min(index, len(self.text)))
        return self.start + (self.offsets[index] if self.offsets else index)


@dataclass
class Reading:
    """What the rules share about a unit's text: its sentences, the article's date, the people it names."""

    sentences: list[Sentence]
    year: int | None
    month: int | None
    people: dict[str, str] = field(default_factory=dict)  # a known person's full name, and by surname
    mentions: list[tuple[int, int, str, bool]] = field(default_factory=list)  # (paragraph, offset, name, subject?)
    main_person: str = ""
    subjects: dict[int, list[tuple[int, str, bool]]] = field(default_factory=dict)  # see _subjects
    lower_words: set[str] = field(default_factory=set)  # words the text writes in lower case somewhere
    gender: dict[str, str] = field(default_factory=dict)  # "m" or "f" where a role or title tells


@dataclass
class SuggestResult:
    """What `suggest_unit` found and wrote."""

    path: Path
    suggestions: list[Suggestion]
    by_kind: dict[str, int]
    already_curated: int
    rejected: list[str]


# --- the unit, read ---------------------------------------------------------------------------


def read_sentences(paragraphs: tuple[str, ...], skip: set[int]) -> list[Sentence]:
    out = []
    for number, text in enumerate(paragraphs, start=1):
        if number in skip:
            continue
        for start, end in ts.sentence_spans(text):
            readable, offsets = ts.readable_text(text[start:end])
            out.append(Sentence(number, start, end, readable, text, offsets, len(out)))
    return out


def _article_date(iso: str) -> tuple[int | None, int | None]:
    match = re.match(r"(\d{4})(?:-(\d{2}))?", iso or "")
    if not match:
        return None, None
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


# --- helpers over spans -------------------------------------------------------------------------


def _quote_span(s: Sentence, start: int, end: int, anchor: int | None = None) -> tuple[int, int]:
    """A quote within the sentence (offsets into its paragraph), at most MAX_QUOTE_WORDS words.

    A citation mark inside it is kept unless the quote has an anchor with enough words on its side of the mark.
    """
    qs, qe = _text_quote_span(s, start, end, anchor)
    if qe <= qs:
        return s.at(qs), s.at(qs)
    para = s.para_text
    ps, pe = s.at(qs), s.at(qe - 1) + 1
    marks = list(ts.CITATION_RE.finditer(para, ps, pe))
    if marks:
        cuts = [ps] + [x for m in marks for x in (m.start(), m.end())] + [pe]
        parts = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
        if anchor is None:  # nothing to keep the quote around: it stays whole, citation marks and all
            return ps, pe
        at = s.at(anchor)
        side = next((p for p in parts if p[0] <= at < p[1]), max(parts, key=lambda p: p[1] - p[0]))
        a, b = side
        while b > a and para[b - 1] in " ,;:.—–-(\"“'‘":
            b -= 1
        while a < b and para[a] in " ,;:)—–-":
            a += 1
        if len(para[a:b].split()) >= 4:
            ps, pe = a, b
    return ps, pe


_DANGLING = {"and", "or", "but", "nor", "the", "a", "an", "of", "to", "in", "into", "with", "for", "at", "by", "from",
             "on", "that", "which", "who", "whose", "as", "than", "its", "their", "his", "her", "like", "along",
             "about", "against", "among", "around", "before", "after", "between", "during", "through", "toward",
             "towards", "under", "upon", "via", "within", "without", "despite", "across", "behind", "beyond", "since",
             "until", "because", "while", "although", "though", "whether", "if", "when", "where", "whereas", "not",
             "no", "very", "both", "either", "each", "every", "some", "any", "many", "much", "other", "another",
             "such", "our", "my", "your", "unlike", "per", "also"}


def _text_quote_span(s: Sentence, start: int, end: int, anchor: int | None = None) -> tuple[int, int]:
    """The quote's span in the sentence's readable text: at most MAX_QUOTE_WORDS words, trimmed."""
    text = s.text
    start, end = max(0, start), min(len(text), end)
    piece = text[start:end]
    words = list(re.finditer(r"\S+", piece))
    if len(words) > MAX_QUOTE_WORDS:
        first = 0
        if anchor is not None:  # keep the words around what the fact turns on
            index = next((i for i, w in enumerate(words) if start + w.end() > anchor), 0)
            first = max(0, min(index - 4, len(words) - MAX_QUOTE_WORDS))
        end = start + words[first + MAX_QUOTE_WORDS - 1].end()
        start = start + words[first].start()
        # end where a clause or phrase ends rather than on a dangling word ("... dissatisfied with")
        window = text[start:end]
        cut = [m.start() for m in re.finditer(r",\s|\s(?:who|which|whose|where|such as|along with)\s", window)
               if m.start() >= 0.6 * len(window) and (anchor is None or start + m.start() > anchor)]
        if cut:
            end = start + cut[-1]
        while True:  # nor on a joining word
            last = re.search(r"\s(\S+)$", text[start:end])
            if not last or last.group(1).lower().strip(",") not in _DANGLING:
                break
            end = start + last.start()
    while end > start and text[end - 1] in " ,;:.—–-(\"“'‘":
        end -= 1
    while start < end and text[start] in " ,;:)—–-":
        start += 1
    # A quote mark opened inside the quote and closed just after it (maybe after its full stop): take it too.
    closing = re.match(r"[.,!?]?[”\"]", text[end:])
    if closing and (text[start:end].count("“") > text[start:end].count("”") or text[start:end].count('"') % 2):
        end += closing.end()
    return start, end


def _make(kind: str, fields: dict, s: Sentence, start: int, end: int, rule: str,
          anchor: int | None = None) -> Suggestion | None:
    fields = {k: v for k, v in fields.items() if v not in (None, "")}
    if kind == "cause_effect" and any(_LEANING.search(fields.get(k, "")) for k in ("cause", "effect")):
        return None  # "this force", "the opposite process": what it is lies in another sentence
    for name in _required(kind):
        value = fields.get(name)
        if not isinstance(value, str) or len(value.split()) < 1 or len(value.split()) > MAX_FIELD_WORDS:
            return None
    qs, qe = _quote_span(s, start, end, anchor)
    if len(s.para_text[qs:qe].split()) < 3:
        return None
    return Suggestion(kind, fields, s.paragraph, qs, qe, rule)


def _required(kind: str) -> tuple[str, ...]:
    return {"person": ("name", "role"), "event": ("what", "when"), "term": ("term", "definition"),
            "claim": ("speaker", "claim"), "cause_effect": ("cause", "effect"),
            "background": ("period", "statement")}[kind]


_CLAUSE_END = re.compile(r"\s*(?:;|:|—|–| - |\(|\[\d|, (?:which|who|whose|where|while|whereas|but|although|though|"
                         r"as well as|including|resulting|leading|causing|stating|saying|reflecting|effectively|"
                         r"making|bringing|popularly|known|so that|[a-z]{3,}ing|and (?:he|she|it|they|was|were|is|are|"
                         r"has|had|then|later|also|thus))\b)")


def _clause_opening(text: str, at: int) -> int:
    """Where the clause that holds position `at` begins: after the last semicolon, dash, or comma and 'and'/'but'
    before it (the joining word left out)."""
    best = 0
    for m in re.finditer(r";\s+|:\s+|\s[—–]\s+|,\s+(?:and|but)\s+", text[:at]):
        best = m.end()
    return best


# ", and Halley predicted ...": a comma and a joining word before a clause of its own (a verb within a few words)
_COORDINATE = re.compile(r",\s+(?:and|but|yet|while|whereas)\s+"
                         r"(?=(?:the |a |an )?[A-Z\d]|(?:the|a|an|their|his|her|its|our|these|those|this) )")


def _clause_end(text: str, start: int) -> int:
    """Where the clause that begins at `start` ends: a semicolon, a dash, a new clause after a comma.

    An aside between commas ("The southern sea, which lies in Uzbekistan, has kept on drying") is stepped over.
    """
    at = start
    joined = next((m.start() for m in _COORDINATE.finditer(text, start)
                   if ts.find_finite_verb(text[m.end():].split()[:8]) is not None), len(text))
    while True:
        match = _CLAUSE_END.search(text, at, joined)
        if not match:
            return joined
        if match.group(0).strip() == "(":  # a short aside in brackets ends nothing: "(or anion)", "(2×10²¹)"
            close = text.find(")", match.end())
            if 0 < close and len(text[match.end(): close].split()) <= 6 and "(" not in text[match.end(): close]:
                at = close + 1
                continue
        aside = re.match(r",\s+(?:which|who|whose|where)\b[^,;]{0,100},\s+(\S+)", text[match.start():])
        if aside and text[match.start():match.start() + aside.end()].count(",") == 2 and (
                ts.find_finite_verb(["_", aside.group(1)]) is not None):
            at = match.start() + aside.end() - len(aside.group(1))
            continue
        return match.start()


def _field(text: str) -> str:
    return ts.clean_field(text)


# --- pronouns -----------------------------------------------------------------------------------


def _resolve(reading: Reading, paragraph: int, offset: int, subject_pronoun: bool = False) -> str:
    """The person a 'he' or 'she' at this place most likely means.

    That is the last person who was the subject of a clause before it ('he' keeps to the topic: a name last
    named as an object is seldom taken up), unless a subject pronoun's sentence names that person later ('He was shot
    by Singh' is not about Singh): then the last one named who is not.
    """
    sentence = next((s for s in reading.sentences if s.paragraph == paragraph and s.start <= offset < s.end), None)
    same = {name for para, at, name, _ in reading.mentions  # named later in the sentence: not the pronoun's
            if subject_pronoun and sentence is not None and para == paragraph and offset < at < sentence.end}
    if sentence is not None:  # 'she' is no man the text has called a husband, son, Mr ..., nor 'he' a woman
        word = re.match(r"\w+", sentence.para_text[offset:])
        pronoun_gender = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}.get(
            word.group().lower() if word else "", "")
        same |= {name for name, gender in reading.gender.items() if pronoun_gender and gender != pronoun_gender}
    earlier = [(name, is_subject) for para, at, name, is_subject in reading.mentions
               if (para, at) < (paragraph, offset) and para >= paragraph - 2]
    subject = next((name for name, is_subject in reversed(earlier) if is_subject), "")
    if subject and subject not in same:
        return subject
    other = next((name for name, _ in reversed(earlier) if name not in same), "")
    return other or (reading.main_person if reading.main_person not in same else "")


def _with_subject(reading: Reading, s: Sentence, clause: str, clause_start: int) -> str | None:
    """Put the noun a leading pronoun stands for in its place; None when it cannot be told.

    'he'/'she'/'his'/'her' are the person last named; 'it'/'its' and 'they'/'their' the subject of an
    earlier clause that agrees in number (see `_antecedent`); 'this', 'which' and the like are never guessed.
    """
    words = clause.split(" ", 1)
    first = words[0].lower()
    rest = words[1] if len(words) > 1 else ""
    if first in ("he", "she"):
        name = _resolve(reading, s.paragraph, s.at(clause_start), subject_pronoun=True)
        return f"{name} {rest}" if name and rest else None
    if first in ("his", "her"):
        name = _resolve(reading, s.paragraph, s.at(clause_start))
        return f"{name}'s {rest}" if name and rest else None
    if first in ("it", "its", "they", "their") and rest:
        if first == "it" and _DUMMY_IT.match(clause):
            return None
        noun = _antecedent(reading, s, clause_start, plural=first in ("they", "their"))
        if not noun:
            return None
        return f"{noun} {rest}" if first in ("it", "they") else f"{_possessive(noun)} {rest}"
    if first in ts.PRONOUNS - {"there"}:
        return None
    return clause


# "It is clear that ...", "it takes 13.6 eV to ...": an 'it' that stands for nothing.
_DUMMY_IT = re.compile(r"it\s+(?:(?:is|was|has been|had been|will be|would be|may be|might be|could be|seems|seemed|"
                       r"appears|appeared|remains|remained|becomes|became)\s+(?:[\w\-]+\s+){0,3}?(?:that|to|for|"
                       r"whether|how|when|why|as if|as though)\b|(?:takes|took|requires|required|costs|cost|"
                       r"happened|happens|follows|followed|means|meant)\b)", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r";\s+|:\s+|\s+[—–]\s+|,\s+(?:and|but|while|whereas|so|yet)\s+")


def _lower_common(reading: Reading, text: str) -> str:
    """Lower-case a first word that opened a sentence but is no name: the text writes it in lower case elsewhere
    ('Atoms are smaller ...' -> 'atoms being smaller ...')."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first.lower() in reading.lower_words and first not in reading.people and \
            not first.isupper():
        return first.lower() + text[len(first):]
    return text


def _possessive(noun: str) -> str:
    return noun + ("'" if noun.endswith("s") and not noun.endswith("ss") and noun[0].islower() else "'s")


def _antecedent(reading: Reading, s: Sentence, clause_start: int, plural: bool) -> str:
    """What a clause-initial 'it' or 'they' stands for: the last subject before it, in this sentence or the one
    before it in the paragraph, that agrees in number and is not a person ('he' and 'she' name people)."""
    candidates = []
    if s.number > 0 and reading.sentences[s.number - 1].paragraph == s.paragraph:
        candidates += _subjects(reading, reading.sentences[s.number - 1])
    candidates += [c for c in _subjects(reading, s) if c[0] < clause_start]
    agreeing = [noun for _, noun, many in candidates if many == plural]
    return agreeing[-1] if agreeing else ""


def _subjects(reading: Reading, s: Sentence) -> list[tuple[int, str, bool]]:
    """The subjects of a sentence's main clauses, in order: (where the clause starts, noun phrase, plural).

    Only plain noun phrases of one to six words count ("the Aral Sea", "Soviet planners"), an aside between
    commas left out; a pronoun subject counts as what it stands for.
    """
    if s.number in reading.subjects:
        return reading.subjects[s.number]
    reading.subjects[s.number] = []  # no cycles
    text = s.text
    starts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text)]
    found: list[tuple[int, str, bool]] = []
    for start in starts:
        at = start
        m = _DISCOURSE.match(text, at)
        if m:
            at = m.end()
        date = next((d for d in ts.find_dates(text[at:], reading.year, reading.month) if d.start == 0), None)
        if date is not None:
            at += date.end
            at += len(text[at:]) - len(text[at:].lstrip(" ,"))
        lead = re.match(r"(?:In|During|After|Before|Since|With|Despite|Following|Under|For|Within|By|Over)\b[^,]{0,80},"
                        r"\s+", text[at:])
        if lead and ts.find_finite_verb(["_"] + lead.group(0).split()[1:]) is None:
            at += lead.end()
        clause = _drop_asides(text[at:_clause_end(text, at)])
        words = clause.split()
        verb = ts.find_finite_verb(words)
        if verb is None or not 1 <= verb <= 6:
            continue
        subject = words[:verb]
        first = subject[0].lower()
        if first in ("it", "they") and verb == 1:
            noun = _antecedent(reading, s, start, plural=first == "they")
            if noun:
                found.append((start, noun, first == "they"))
            continue
        if first in ts.PRONOUNS or any(not re.fullmatch(r"[\w’'\-]+", w) for w in subject):
            continue
        if first not in ("the",) and not subject[0][0].isupper():
            if not subject[-1].islower() or ts.singular_noun(subject[-1].lower()) == subject[-1].lower():
                continue  # a bare singular noun phrase without 'the' is rarely taken up by 'it'
        noun = " ".join(subject)
        person = noun in reading.people or reading.people.get(subject[-1]) == noun or (
            ts.is_name_like(ts.Run(0, len(noun), noun, tuple(subject))) and subject[0][0].isupper()
            and first != "the") or ts.looks_like_person_noun(subject[-1])
        verb_word = words[verb].lower()
        if verb_word in ("are", "were", "have"):
            many = True
        elif verb_word in ("is", "was", "has"):
            many = False
        else:
            head = subject[-1]
            many = head.islower() and ts.singular_noun(head.lower()) != head.lower()
        if person and not many:
            continue  # a person is 'he' or 'she'
        if subject[0][0].isupper() and subject[0].lower() in reading.lower_words and first not in ts.OPENERS:
            noun = first + noun[len(first):]  # "Atoms are ..." opens a sentence; the text says "atoms" elsewhere
        found.append((start, ts.lower_first(noun), many))
    reading.subjects[s.number] = found
    return found


_ASIDE = re.compile(r",\s+(?:which|who|whose|where|once|now|then|formerly|later|still|despite|although|though|"
                    r"unlike|like|with|without|even|(?:the|an?)\s)[^,;:()]{1,90}?,\s+(?=\S)")


def _drop_asides(clause: str) -> str:
    """The clause without a non-restrictive aside between its subject and its verb:
    'The southern sea, which lies mostly in Uzbekistan, has kept on drying' -> 'The southern sea has kept on
    drying'. The aside is dropped only when the verb follows it. Asides in brackets are always dropped."""
    clause = re.sub(r"\s*\([^()]*\)", "", clause)
    # examples between commas can always go: "exposed various elements, such as hydrogen, to the radiation"
    clause = re.sub(r",\s+(?:such as|including|for example|for instance|e\.g\.)\s[^,;:()]{1,80},\s+"
                    r"(?=[a-z])(?!(?:and|or)\b)", " ", clause)  # (a list of examples that goes on is left alone)
    while True:
        for m in _ASIDE.finditer(clause):
            before = clause[: m.start()].rsplit(",", 1)[-1].split()
            if not before or before[0].lower() in ts.FUNCTION_WORDS - {"the", "a", "an"} or \
                    ts.is_past_verb(before[0]) or before[0].lower().endswith("ing"):
                continue  # "Erected in 1900, a statue ... was moved": the aside is the subject
            rest = clause[m.end():].split()
            if rest and ts.find_finite_verb(["_", rest[0]]) is not None or len(rest) > 1 and (
                    rest[0].lower().endswith("ly") or rest[0].lower() in ("thus", "also", "still", "now", "then",
                                                                          "therefore", "soon", "never")) and \
                    ts.find_finite_verb(["_", rest[1]]) is not None:
                clause = clause[: m.start()] + " " + clause[m.end():]
                break
        else:
            return clause


# --- people ------------------------------------------------------------------------------------


def _runs(s: Sentence) -> list[ts.Run]:
    runs = []
    for run in ts.capitalised_runs(s.text):
        run = ts.trim_opener(run, sentence_start=run.start == 0)
        if run is not None:
            runs.append(run)
    return runs


_ROLE_CUT = re.compile(r",\s+(?:popularly|known|who|which|whose|best|also|born|and|but|when|where|while)\b|[;.(]"
                       r"|\s+and\s+(?=[A-Z][\w’'\-]*\s+[A-Z])|,\s+(?=[a-z]+ed\b)|,\s+(?=in \d)")


def _role_np(text: str) -> str:
    """The noun phrase at the start of text, up to where the description ends.

    A list of nouns runs to its last ('an Indian revolutionary, politician, and author')."""
    match = _ROLE_CUT.search(text)
    np = text[: match.start()] if match else text
    last = re.match(r",\s+and\s+[a-z][\w\-]*(?=[,.;]|$)", text[len(np):]) if match else None
    if last and "," in np:
        np += last.group(0)
    return np.strip().rstrip(",")


def _has_person_head(np: str) -> bool:
    words = np.split()
    # the head is before the first preposition or relative word
    head_zone = []
    for w in words:
        if w.lower() in ts.FUNCTION_WORDS - {"the", "a", "an", "and", "or"} or w.lower() in ("whom", "whose") or \
                (head_zone and ts.is_past_verb(w)):
            break
        head_zone.append(w)
    return bool(head_zone) and ts.looks_like_person_noun(head_zone[-1].strip(",;:"))


def people(s: Sentence, reading: Reading) -> list[Suggestion]:
    """Persons with the role the sentence gives them."""
    found: list[Suggestion] = []
    text = s.text
    for run in _runs(s):
        before = text[: run.start]
        after = text[run.end:]
        # Title + name: "Kazakhstan's President Tokayev", "First Secretary Gennadiy Kolbin"
        title, name_words = _split_title(run)
        if title and name_words:
            name = " ".join(name_words)
            possessor = re.search(r"([A-Z][\w\-]+(?: [A-Z][\w\-]+)*)['’]s\s*$", before)
            of = re.match(r"\s+of\s+((?:the\s+)?[A-Z][\w\-]+(?: [A-Z][\w\-]+)*)", after)
            qualifier = possessor.group(1) if possessor else of.group(1) if of else ""
            role = f"the {title.lower()}" + (f" of {qualifier}" if qualifier else "")
            start = possessor.start() if possessor else run.start
            end = run.end + (of.end() if of else 0)
            found.append(_make("person", {"name": name, "role": role}, s, start, end, "title"))
            continue
        if not ts.is_name_like(run) or not _stands_alone(text, run.end):
            continue  # "the Arya Samaj movement": a name before a noun names no person
        name = run.text
        # Descriptor before the name: "the physicist Niels Bohr", "the English physicist James Chadwick"
        desc = re.search(r"\b([Tt]he|[Aa]n?|[A-Z][\w\-]+['’]s)\s+((?:[\w\-]+\s+){0,4}?[a-z][\w\-]+),?\s+$", before)
        plural = desc and ts.singular_noun(desc.group(2).split()[-1]) != desc.group(2).split()[-1]
        if desc and not plural and ts.looks_like_person_noun(desc.group(2).split()[-1]) and \
                "such as" not in desc.group(0) and \
                not any(w.lower() in ts.FUNCTION_WORDS for w in desc.group(2).split()):
            det = desc.group(1)
            det = "the" if det.lower() == "the" or det[0].isupper() and det.lower() not in ("a", "an") else det.lower()
            role = f"{det} {desc.group(2)}" if not desc.group(1)[0].isupper() or desc.group(1).lower() in (
                "the", "a", "an") else f"the {desc.group(2)} of {desc.group(1)[:-2]}"
            role = _role_with_predicate(role, after)
            found.append(_make("person", {"name": name, "role": _field(role)}, s, desc.start(), run.end
                               + len(after) - len(after.lstrip()) + _predicate_length(after), "descriptor"))
            continue
        # People as examples: "Russian media commentators such as Tigran Keosayan and Margarita Simonyan"
        # "leading intellectuals, including W.E.B. Du Bois", "young men in the movement, such as Bhagat Singh"
        such = re.search(r",?\s+(?:such as|including|among them)\s+(?:[A-Z][\w.\-’']*,?\s+|and\s+)*?$", before)
        # "He joined other revolutionaries, Shivaram Rajguru, Sukhdev Thapar and Chandra Shekhar Azad"
        listed = re.search(r",\s+(?:[A-Z][\w.\-’']*(?:\s+[A-Z][\w.\-’']*)*,?\s+(?:and\s+)?)*$", before)
        more_names = re.match(r"(?:,\s+[A-Z][\w.\-’']*(?:\s+[A-Z][\w.\-’']*)*)*,?\s+and\s+[A-Z]", after) or \
            re.search(r"\band\s+$", before)
        for marker, rule in ((such, "such-as"), (listed if more_names else None, "listed")):
            group = _people_group(text, marker.start()) if marker else None
            if group:
                role, start = group
                end = run.end + len(re.match(r"(?:,?\s+(?:and\s+)?[A-Z][\w.\-’']*(?:\s+[A-Z][\w.\-’']*)*)*",
                                             after).group(0))
                found.append(_make("person", {"name": name, "role": role}, s, start, end, rule))
                break
        else:
            group = None
        if group:
            continue
        # Appositive after the name: "Bhagat Singh, an HSRA revolutionary,"
        appos = re.match(r",\s+((?:the|an?|his|her)\s+[^,;.]+)", after)
        if appos:
            np = _role_np(appos.group(1))
            if len(np.split()) >= 2 and _has_person_head(np) and not np.lower().startswith(("his ", "her ")):
                found.append(_make("person", {"name": name, "role": _field(np)}, s, run.start,
                                   run.end + appos.start(1) + len(np), "appositive"))
                continue
        # Appositive before the name: "The police superintendent in Lahore, James A. Scott,"
        pre = re.search(r"\b([Tt]he\s+[^,;.]+),\s+$", before)
        if pre and _has_person_head(pre.group(1)) and len(pre.group(1).split()) <= 8:
            role = "the " + pre.group(1).split(" ", 1)[1]
            found.append(_make("person", {"name": name, "role": _field(role)}, s, pre.start(), run.end,
                               "appositive"))
            continue
        # Copula: "Lala Lajpat Rai (1865 - 1928) was an Indian revolutionary, politician, and author"
        cop = re.match(r"\s*(?:\([^)]*\)\s*)?(?:,[^,]{1,60},\s*)?(was|is)\s+((?:an?|the)\s+.+)", after)
        if cop and run.start < 3:
            np = _role_np(cop.group(2))
            if _has_person_head(np) and len(np.split()) <= 14:
                found.append(_make("person", {"name": name, "role": _field(np)}, s, run.start,
                                   run.end + cop.start(2) + len(np), "copula-person"))
                continue
    return [f for f in found if f is not None]


def relatives(s: Sentence, reading: Reading) -> list[Suggestion]:
    """People named by their relation to someone named before: "his colleagues Hans Geiger and Ernest Marsden"
    (each 'a colleague of Ernest Rutherford'), "her son Tom Ash". Run once the text's people are known."""
    found: list[Suggestion | None] = []
    text = s.text
    for run in _runs(s):
        if not ts.is_name_like(run) or not _stands_alone(text, run.end):
            continue
        kin = re.search(r"\b([Hh]is|[Hh]er)\s+((?:[a-z][\w\-]*\s+){0,2}?[a-z][\w\-]+),?\s+"
                        r"(?:[A-Z][\w.\-’']*(?:\s+[A-Z][\w.\-’']*)*,?\s+(?:and\s+)?)*$", text[: run.start])
        noun = kin.group(2).split()[-1] if kin else ""
        if not kin or not ts.looks_like_person_noun(noun) or any(w in ts.FUNCTION_WORDS for w in kin.group(2).split()):
            continue
        owner = _resolve(reading, s.paragraph, s.at(kin.start()))
        if not owner or owner == run.text:
            continue
        many = ts.singular_noun(noun) != noun
        words = kin.group(2).split()
        role = f"{'a' if many else 'the'} {' '.join(words[:-1] + [ts.singular_noun(noun)])} of {owner}"
        # what the relation tells of either, for the pronouns after it: 'her husband' is a man, his owner a woman
        reading.gender.setdefault(owner, "m" if kin.group(1).lower() == "his" else "f")
        if not many and _gender_of(run.text, role):
            reading.gender.setdefault(run.text, _gender_of(run.text, role))
        end = run.end + len(re.match(r"(?:,?\s+(?:and\s+)?[A-Z][\w.\-’']*(?:\s+[A-Z][\w.\-’']*)*)*",
                                     text[run.end:]).group(0))
        found.append(_make("person", {"name": run.text, "role": re.sub(r"^a (?=[aeiou])", "an ", role)}, s,
                           kin.start(), end, "descriptor"))
    return [f for f in found if f is not None]


def _people_group(text: str, end: int) -> tuple[str, int] | None:
    """The people a list of names belongs to, as one of them, from the words just before `end`:
    'Russian media commentators' -> 'a Russian media commentator', 'young men in the independence movement'
    -> 'a young man in the independence movement'; with where it starts. None unless its head is a plural
    noun for people."""
    words = list(re.finditer(r"[\w\-’']+", text[:end]))[-9:]
    for i in range(len(words) - 1, -1, -1):
        head = words[i].group()
        tail = [w.group() for w in words[i + 1:]]
        if len(tail) > 4 or tail and tail[0] not in ("in", "of", "from", "at"):
            continue
        if not head.islower() or ts.singular_noun(head) == head or not ts.looks_like_person_noun(head):
            continue
        first = i
        while first > 0 and i - first < 3:
            word = words[first - 1].group()
            if word.lower() in ts.FUNCTION_WORDS | ts.AUX_BE | ts.AUX_HAVE | {"other", "fellow"} or \
                    ts.is_past_verb(word) or words[first - 1].end() != words[first].start() - 1:
                break
            first -= 1
        modifiers = [w.group() for w in words[first:i]]
        if modifiers and words[first].start() == 0:
            modifiers[0] = modifiers[0].lower()  # "Young men ..." opens the sentence
        role = " ".join(["a"] + modifiers + [ts.singular_noun(head)] + tail)
        return re.sub(r"^a (?=[aeiouAEIOU])", "an ", role), words[first].start()
    return None


def _split_title(run: ts.Run) -> tuple[str, list[str]]:
    words = list(run.words)
    for size in (3, 2, 1):
        if len(words) > size and " ".join(words[:size]).lower() in ts.TITLES:
            rest = words[size:]
            if rest and all(ts.is_capitalised(w) or ts.is_initial(w) or w in ts.NAME_PARTICLES for w in rest) and \
                    not any(w.lower() in ts.NOT_PERSON_WORDS for w in rest) and len(rest) <= 4:
                return " ".join(words[:size]), rest
    return "", []


def _predicate_length(after: str) -> int:
    match = re.match(r"\s+((?:[a-z]+ly\s+)?[a-z]+ed|has\s+\w+|had\s+\w+)\b", after)
    if not match:
        return 0
    return _clause_end(after, match.end())


def _role_with_predicate(role: str, after: str) -> str:
    """'the physicist' + ' proposed a new model' -> 'the physicist who proposed a new model'."""
    match = re.match(r"\s+((?:[a-z]+ly\s+)?[a-z]+ed|has\s+\w+|had\s+\w+)\b", after)
    if not match or not ts.is_past_verb(match.group(1).split()[-1]) and not match.group(1).startswith(("has", "had")):
        return role
    predicate = _shorten("who " + _drop_asides(_field(after[match.start(1): _clause_end(after, match.end())])), 13, 13)
    return f"{role} {predicate}" if predicate else role


def _verb_follows(text: str, end: int) -> bool:
    """Whether a finite verb comes right after `end`, or after one adverb ('Thomson also showed')."""
    following = text[end:].split()[:2]
    if not following or text[end:end + 1] != " ":
        return False
    if ts.find_finite_verb(["_", following[0]]) is not None:
        return True
    adverb = following[0].lower()
    return len(following) > 1 and (adverb.endswith("ly") or adverb in ("also", "then", "later", "still", "never",
                                                                        "soon", "first")) \
        and ts.find_finite_verb(["_", following[1]]) is not None


_MALE = {"husband", "son", "father", "brother", "uncle", "nephew", "king", "prince", "emperor", "tsar", "sultan",
         "duke", "mr", "mr.", "sir", "lord", "monk", "grandfather", "grandson", "businessman", "spokesman", "chairman",
         "actor", "boy", "man", "gentleman"}
_FEMALE = {"wife", "daughter", "mother", "sister", "aunt", "niece", "queen", "princess", "empress", "tsarina",
           "duchess", "mrs", "mrs.", "ms", "ms.", "dame", "lady", "nun", "grandmother", "granddaughter",
           "businesswoman", "spokeswoman", "chairwoman", "actress", "girl", "woman"}


def _gender_of(name: str, role: str) -> str:
    """'m' or 'f' when a person's role ('the husband of ...', 'a queen') or title ('Mrs', 'Sir') tells, else ''."""
    words = [w.lower().strip(".,") for w in name.split()[:1] + role.split()[:4]]
    if any(w in _MALE for w in words):
        return "m"
    if any(w in _FEMALE for w in words):
        return "f"
    return ""


def learn_people(reading: Reading, persons: list[Suggestion], title: str) -> None:
    """Remember the people the text names, so that a later 'he' or 'she' can be read as one of them."""
    for p in persons:
        gender = _gender_of(p.fields["name"], p.fields["role"])
        if gender:
            reading.gender.setdefault(p.fields["name"], gender)
    for p in persons:
        name = p.fields["name"]
        reading.people.setdefault(name, name)
        surname = name.split()[-1]
        if len(surname) > 2:
            reading.people.setdefault(surname, name)
    title_run = ts.Run(0, len(title), title, ts.words_of(title))
    if ts.is_name_like(title_run):
        reading.main_person = title
        reading.people.setdefault(title, title)
        reading.people.setdefault(title.split()[-1], title)
    # A name as the subject of a verb names a person too: "J. J. Thomson found", or "Rutherford bombarded"
    # where the text names an Ernest Rutherford (and no other Rutherford).
    full_names: dict[str, set[str]] = {}
    for s in reading.sentences:
        for run in _runs(s):
            if ts.is_name_like(run) and not run.text.endswith(("'s", "’s")) and _stands_alone(s.text, run.end):
                full_names.setdefault(run.words[-1], set()).add(run.text)
    for s in reading.sentences:
        for run in _runs(s):
            if run.text in reading.people or not _verb_follows(s.text, run.end):
                continue
            if ts.is_name_like(run) and not run.text.endswith(("'s", "’s")):
                reading.people[run.text] = run.text
                if len(run.words[-1]) > 2 and len(full_names.get(run.words[-1], ())) == 1:
                    reading.people.setdefault(run.words[-1], run.text)
            elif len(run.words) == 1 and len(full_names.get(run.text, ())) == 1:
                reading.people[run.text] = next(iter(full_names[run.text]))
    if reading.main_person:  # "Lajpat Rai", "Lala Lajpat Rai Wadwal": the article's own subject, named otherwise
        main = reading.main_person.split()
        for key, name in list(reading.people.items()):
            words = name.split()
            if len(words) >= 2 and (" ".join(words) in " ".join(main) or " ".join(main) in " ".join(words)):
                reading.people[key] = reading.main_person
    for s in reading.sentences:
        for run in _runs(s):
            key = run.text if run.text in reading.people else run.words[-1] if run.words[-1] in reading.people else None
            if key:
                opens = not s.text[: run.start].strip() or bool(re.search(r"[,;:]\s*$", s.text[: run.start]))
                reading.mentions.append((s.paragraph, s.at(run.start), reading.people[key],
                                         _verb_follows(s.text, run.end) or opens))



# --- dated events -------------------------------------------------------------------------------


def events(s: Sentence, reading: Reading) -> list[Suggestion]:
    text = s.text
    out = []
    dates = ts.find_dates(text, reading.year, reading.month)
    for date in [d for d in dates if d.is_point][:2]:  # "in the 1960s", "by 1920" give an event no date
        if text[:date.start].count("(") > text[:date.start].count(")"):
            continue  # a date in brackets: a life span, an aside
        # The clause around the date: from the last clause break before it to the next one after it.
        clause_start = _clause_opening(text, date.start)
        after_date = text[date.end:]
        leading = not text[clause_start: date.start].strip(" ,")
        prefix = text[clause_start:date.start]
        subordinate = prefix.split(" ", 1)[0].lower() in ("when", "after", "before", "as", "while", "once", "until")
        next_comma = text.find(", ", date.end)
        phrase_ends = after_date.startswith(",") or 0 < next_comma - date.end <= 90 and \
            ts.find_finite_verb(["_"] + text[date.end:next_comma].split()) is None  # "During this year's X, ..."
        if leading or re.fullmatch(r"\s*(?:[A-Z][\w’'\-]*\s*){0,6}[^,]{0,80}", prefix) and phrase_ends \
                and (subordinate or ts.find_finite_verb(["_"] + prefix.split()) is None):
            # "In 1880, he joined ...": what follows the date's phrase
            comma = (text.find(", ", date.end - 1) if not after_date.lstrip().startswith(",")
                     else text.find(",", date.end))
            between = text[date.end: comma].split() if comma > 0 else []
            if comma < 0 or comma - date.end > 90 or ts.find_finite_verb(["_"] + between) is not None:
                body_start = date.end
            else:
                body_start = comma + 1
            body_start += len(text[body_start:]) - len(text[body_start:].lstrip())
            body_end = _before_later(text, body_start, _clause_end(text, body_start))
            what = text[body_start: body_end]
        else:
            if any(clause_start <= d.start and d.end <= date.start for d in dates):
                continue  # "In 1888 and again in 1889, ...": the second date of a leading phrase
            relative = list(re.finditer(r"(?: (in|on|of|at|by|to|for|from|with|under|during|after))?,? "
                                        r"(?:which|whom|who) ", text[clause_start: date.start]))
            article = list(re.finditer(r"\b(?:the|an?) ", text[clause_start: clause_start + relative[-1].start()])) \
                if relative else []
            noun = text[clause_start + article[-1].start(): clause_start + relative[-1].start()] if article else ""
            if relative and 2 <= len(noun.split()) <= 6 and ts.find_finite_verb(["_"] + noun.split()) is None:
                # "... the collapse of the Tay Bridge, which fell in 1879": the date is the relative clause's
                body_start = clause_start + relative[-1].end()
                clause_start += article[-1].start()
                comma = text.find(",", date.end)  # a relative clause ends at its comma
                body_end = _before_later(text, date.end, min(_clause_end(text, date.end),
                                                              comma if comma >= 0 else len(text)))
                rest = _field(text[body_start: date.start].rstrip() + " " + text[date.end: body_end].lstrip(" ,"))
                verb = ts.find_finite_verb(["_"] + rest.split())
                # "which fell": the noun is the subject; "which the army had abandoned": the object; "from which
                # she died": the object of the preposition
                preposition = relative[-1].group(1)
                what = f"{rest} {preposition} {noun}" if preposition and verb and verb > 1 else \
                    "" if preposition else f"{noun} {rest}" if verb == 1 else f"{rest} {noun}" if verb else ""
                if rest.split(" ", 1)[0].lower() in ts.PRONOUNS:
                    what = ""  # "which she had built": who 'she' is, is not guessed here
                what = _drop_asides(_field(what))
                if len(what.split()) >= 3 and ts.find_finite_verb(what.split()) is not None:
                    fields = {"what": ts.lower_first(_lower_common(reading, what)), "when": date.iso}
                    out.append(_make("event", fields, s, clause_start, max(body_end, date.end), "dated",
                                     anchor=date.start))
                continue
            body_start = clause_start
            body_end = _before_later(text, date.end, _clause_end(text, max(date.end, clause_start)))
            what = text[clause_start: date.start].rstrip() + " " + text[date.end: body_end].lstrip(" ,")
        what = _drop_asides(_DISCOURSE.sub("", _field(what)))
        appositive = re.search(r",\s+(?:an?|the)\s+[^,;]+$", what)  # what the object is belongs to a term
        if appositive and ts.find_finite_verb(what[: appositive.start()].split()) is not None:
            what = what[: appositive.start()]
        what = _with_subject(reading, s, what, body_start) if what else None
        what = _shorten(what) if what else None
        if not what:
            continue
        words = what.split()
        if len(words) < 3 or ts.find_finite_verb(words) is None and words[0].lower() not in ("there",):
            continue
        fields = {"what": ts.lower_first(what), "when": date.iso}
        if date.year_from_article:
            fields["context"] = (f"The article says \"{date.words.strip()}\" and gives no year; it was written in "
                                 f"{reading.year}.")
        start = min(clause_start, date.start)
        out.append(_make("event", fields, s, start, max(body_end, date.end), "dated", anchor=date.start))
    return [e for e in out if e is not None]


def _before_later(text: str, start: int, end: int) -> int:
    """Where an event's clause ends before a later time or the present: 'returned in 1919 and in the following
    year led ...' dates only the return, 'opened in 1890 and spans 2,467 metres' only the opening."""
    later = _LATER.search(text, start, end)
    return later.start() if later else end


_LATER = re.compile(r",?\s+and\s+(?:(?:is|are|has|have|remains|remain|still|now)\b|[a-z]{3,}[^s\W]s\s+(?:a|an|the|\d)|"
                    r"(?:then\s+)?(?:in\s+the\s+following|the\s+following|the\s+next|in\s+the\s+next|"
                    r"(?:a|one|two|three|four|five|six|\w+)\s+(?:days?|weeks?|months?|years?|decades?)\s+later|later|"
                    r"afterwards|subsequently|in\s+\d{4})\b)")


# --- periods ------------------------------------------------------------------------------------

_NUMBER_WORDS = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                           r"fifty|hundred|half|a third|a quarter)\b")
_QUOTED_TERM = re.compile(r"[\"“]([^\"“”]{2,60})[\"”]")


def periods(s: Sentence, reading: Reading) -> list[Suggestion]:
    """A sentence the text places in a period or before a bound ("In the 1960s ...", "By 1920 ...") as
    background: the period as the text words it (with `years` only where they are exact, as for "the 1960s"),
    and the clause as a fill-in sentence. An event's date would claim a precision the text does not give."""
    text = s.text
    for date in ts.find_dates(text, reading.year, reading.month):
        if date.is_point or not date.period or text[:date.start].count("(") > text[:date.start].count(")"):
            continue
        start = _clause_opening(text, date.start)
        breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, date.end)]
        end = min([_clause_end(text, date.end)] + breaks)
        head, body = text[start: date.end], text[date.end: end]
        if not text[start: date.start].strip():  # the date opens the clause: its subject follows
            gap = body[: len(body) - len(body.lstrip(" ,"))]
            resolved = _with_subject(reading, s, body.lstrip(" ,"), date.end + len(gap))
            if not resolved:
                continue
            body = gap + resolved
        else:
            resolved = _with_subject(reading, s, head + body, start)
            if not resolved:
                continue
            head, body = "", resolved
        statement = _shorten(_drop_asides(_DISCOURSE.sub("", _field(head + body))), MAX_FIELD_WORDS - 8,
                             MAX_FIELD_WORDS)
        words = statement.split()
        if not 5 <= len(words) <= MAX_FIELD_WORDS or ts.find_finite_verb(words) is None:
            continue
        verb_at = _verb_offset(statement)
        blank = _statement_blank(statement, max(verb_at, 1))
        if blank is None:
            continue  # nothing to ask: the sentence's next period may do
        a, b = blank
        statement = statement[:a] + "[[" + statement[a:b] + "]]" + statement[b:]
        statement = statement[0].upper() + statement[1:] + "."
        fields = {"period": date.period, "statement": statement}
        if date.years:
            fields["years"] = date.years
        return [x for x in [_make("background", fields, s, start, end, "period", anchor=date.start)] if x]
    return []


def _verb_offset(clause: str) -> int:
    """Where the clause's finite verb begins (0 when none is found)."""
    words = list(re.finditer(r"\S+", clause))
    at = ts.find_finite_verb([w.group() for w in words])
    return words[at].start() if at is not None else 0


def _statement_blank(statement: str, after: int) -> tuple[int, int] | None:
    """What a background sentence asks for: a quantity, else a quoted term, else a name, else a number word."""
    for m in _QUANTITY.finditer(statement, after):
        if not re.fullmatch(r"\d{4}", m.group(0).strip()):
            return m.start(), m.end()
    for m in _QUOTED_TERM.finditer(statement, after):
        if len(m.group(1).split()) <= 5 and ts.find_finite_verb(m.group(1).split()) is None:
            return m.start(1), m.end(1)
    name = _name_to_blank(statement, after)
    if name is not None:
        return name
    number = _NUMBER_WORDS.search(statement, after)
    if number:
        return number.start(), number.end()
    return _name_to_blank(statement, 1)  # a name in the subject, after the period's words


_SHORTEN_AT = re.compile(r",\s|\s(?:who|which|whose|where|while|because|after|although|though|in order to|so that|"
                         r"to help|as well as|along with|such as|including)\s")


def _shorten(clause: str, most: int = 20, longest: int = 24) -> str:
    """A clause cut to its core when it runs past `most` words: before a relative clause, a reason or an aside;
    one that cannot be cut is kept up to `longest` words."""
    if len(clause.split()) <= most:
        return clause
    for match in _SHORTEN_AT.finditer(clause):
        head = clause[: match.start()]
        after = clause[match.end():]
        if match.group(0).startswith(",") and head.split()[-1][:1].isupper() and (
                after[:1].isupper() or re.match(r"(?:and|or) [A-Z]", after)):
            continue  # "such as Belarus, Venezuela, ...": a list of names is not cut short
        if head.split()[0].lower() in ("as", "while", "when", "if", "because", "although", "since", "though"):
            continue  # a subordinate clause alone says nothing
        while head.split() and head.split()[-1].lower() in _DANGLING:  # "a new model in | which ..."
            head = head.rsplit(" ", 1)[0] if " " in head else ""
        if 4 <= len(head.split()) <= most and ts.find_finite_verb(head.split()) is not None:
            return _field(head)
    return clause if len(clause.split()) <= longest else ""


# --- terms -------------------------------------------------------------------------------------

_DETERMINERS = {"the": "the", "a": "a", "an": "an"}


# Words that make a definition or a cause lean on the sentence before: "the opposite process", "these changes".
_LEANING = re.compile(r"\b(?:this|these|those|such|the (?:opposite|latter|former|above|following|other))\b", re.I)


def _term_fields(term: str, definition: str, reading: Reading | None = None) -> dict | None:
    term = _field(term)
    definition = _field(definition)
    if not term or not definition or len(term.split()) > 6 or len(definition.split()) < 2 or \
            _LEANING.search(definition):
        return None
    if reading is not None:
        term, definition = _lower_common(reading, term), _lower_common(reading, definition)
    first, _, rest = term.partition(" ")
    determiner = None
    if first.lower() in _DETERMINERS and rest:
        determiner, term = _DETERMINERS[first.lower()], rest
    elif first.lower() in ("its", "their", "his", "her") and rest:
        determiner, term = "the", rest
    plural = False
    if determiner is None:
        if term[0].isupper():
            determiner = "none"
        else:
            determiner = "none"
            last = term.split()[-1]
            plural = last.endswith("s") and not last.endswith(("ss", "us", "is")) and ts.singular_noun(last) != last
    if determiner == "a" and term[0].lower() in "aeiou":
        determiner = "an"
    if term.lower() in ts.PRONOUNS or term.split()[0].lower() in ts.PRONOUNS:
        return None
    if term.lower() in definition.lower().split(" ", 3)[:3]:
        return None
    fields = {"term": term, "definition": ts.lower_first(definition), "determiner": determiner}
    if plural:
        fields["plural"] = True
    return fields


def terms(s: Sentence, reading: Reading) -> list[Suggestion]:
    text = s.text
    out: list[Suggestion | None] = []
    # "X is a Y that ...": a definition at the start of the sentence
    match = re.match(r"((?:The |An? )?[\w\-’']+(?: [\w\-’']+){0,4}?) (is|are) ((?:an?|the) .+)", text)
    if match and match.group(1).split()[0].lower() not in ts.PRONOUNS | {"there", "here"} and \
            not _has_person_head(match.group(3)) and match.group(1) not in reading.people:
        subject = match.group(1)
        if not any(w.lower() in ts.FUNCTION_WORDS - {"the", "a", "an", "of"} for w in subject.split()):
            end = _clause_end(text, match.start(3))
            fields = _term_fields(subject, text[match.start(3): end], reading)
            if fields:
                out.append(_make("term", fields, s, 0, end, "definition"))
    # "X are called Y", "X is known as Y", "a potential called the residual strong force"
    for called in re.finditer(r"\b(?:is |are |was |were )?(?:also |collectively |popularly |commonly |now |often |"
                              r"usually |later |then )?(called|known as|termed|named|dubbed)\s+", text):
        term_match = re.match(r"((?:the |an? |its |their )?[\"“]?[\w\-’']+(?: [\w\-’']+){0,4}?[\"”]?)(?=[,.;:)\[]|"
                              r"\s+\(|\s+(?:in|by|after|for|because|and|but|which)\b|$)", text[called.end():])
        if not term_match:
            continue
        term = term_match.group(1).strip("\"“”")
        if not term or not term[0].isalpha() or \
                term.split()[0].lower() in ts.FUNCTION_WORDS - {"the", "a", "an", "its", "their"}:
            continue  # "named after him": no name is given
        before = text[: called.start()].rstrip()
        if text[: called.start()].endswith("(") or text[called.start() - 2: called.start()] == ", " and \
                not called.group(0).startswith(("is ", "are ", "was ", "were ")) and \
                "(" not in text[called.end(): called.end() + term_match.end()]:
            # "X was an Indian author, popularly known as Punjab Kesari": after a copula the participle is about
            # the sentence's subject (after another verb it is about that verb's object: not guessed)
            copula = re.search(r"\b(?:is|was|are|were|became|becomes|remains|remained)\b", before)
            person = _subject_person(s, reading, called.start()) if copula and not before.endswith("(") else None
            if person is None:
                continue
            subject, qstart = person
            past = "was" if re.search(r"\bwas\b", text[: called.start()]) else "is"
            adverb = called.group(0).split(" known")[0].strip() if called.group(1) == "known as" else ""
            definition = f"the name by which {subject} {past} {adverb + ' ' if adverb else ''}known" \
                if called.group(1) == "known as" else ""
            fields = _term_fields(term, definition) if definition else None
            if fields:
                out.append(_make("term", fields, s, qstart, called.end() + term_match.end(), "called",
                                 anchor=called.start()))
            continue
        subject = _subject_before(before)
        if not subject:
            continue
        if subject in reading.people or reading.people.get(subject.split()[-1]) == subject:
            past = "was" if re.search(r"\bwas\b", text[: called.start() + 4]) else "is"
            definition = f"the name by which {subject} {past} {called.group(0).split(' known')[0].strip()} known" \
                if called.group(1) == "known as" else ""
            definition = re.sub(r"\s+", " ", definition.replace(" was was ", " was ").replace(" is is ", " is "))
        else:
            definition = subject
        fields = _term_fields(term, definition, reading) if definition else None
        if fields:
            qstart = max(0, len(before) - len(subject))
            out.append(_make("term", fields, s, qstart, called.end() + term_match.end(), "called"))
    out += _named_in_brackets(s, reading)
    out += _word_meaning(s)
    out += _named_by(s, reading)
    # "the Eurasian Economic Union, the alternative regional bloc that ...", "an atomic orbital, a function that"
    for appos in re.finditer(r"((?:[Tt]he |[Aa]n? )?(?:[A-Z][\w\-’']*(?: (?:of |for |and |the )*[A-Z][\w\-’']*)*"
                             r"|(?:[Tt]he |[Aa]n? )[\w\-]+(?: [a-z][\w\-]+)?)(?: \(([A-Z]{2,6})\))?),"
                             r" ((?:the|an?) [^,;]+?(?:(?: that| which| who)[^;]*?)?)(?=[,;.]|$| in \w+ (?=,))", text):
        head = appos.group(1)
        if head[0].islower() and not head.startswith(("the ", "a ", "an ")):
            continue
        np = _field(appos.group(3))
        run_words = [w for w in head.split() if w[0].isupper()]
        if not head or head.split()[0].lower() in ts.OPENERS - {"the", "a", "an"} and appos.start(1) == 0:
            continue
        if _has_person_head(np) or len(np.split()) < 3:
            continue
        main_part = re.split(r"\b(?:that|which|who|whose|where)\b", np)[0].split()
        if ts.find_finite_verb(["_"] + main_part) is not None:  # "the Donbas region, the Kremlin has ...": a clause
            continue
        if re.match(r"(?:the|an?) [\w\-]+ [a-z]+[^s\W]s (?:to|into|the|a|an|on|in|from|with|at|by|its|their|his|her)\b",
                    np):
            continue  # "a nucleus, the atom changes to ...": a clause in the present
        if re.match(r",\s+(?:and\s+)?(?:the|an?)\s", text[appos.end(3):]):
            continue  # "the atomic chart, the type of chemical bond, the number of ...": a list
        if re.match(r"the (?:more|less|[a-z]+er)\b", np):
            continue  # "the closer ... to the nucleus, the greater the force": a comparison
        head_noun = main_part[:next((i for i, w in enumerate(main_part) if i and w.lower() in ts.FUNCTION_WORDS),
                                    len(main_part))][-1]
        if head[:1].isupper() and head.split()[-1][-1:] != "s" and head_noun.islower() and \
                ts.singular_noun(head_noun) != head_noun:
            continue  # "India, the aspirations of ...": one thing is not many
        if head.split()[-1].islower() and len(main_part) > 1 and all(w[:1].isupper() for w in main_part[1:3]):
            continue  # "a monthly journal, the Young India": the name is the journal's, not its definition
        if run_words and ts.is_name_like(ts.Run(0, len(head), head, tuple(head.split()))) and \
                not any(w.lower() in ts.NOT_PERSON_WORDS for w in run_words):
            continue
        term = head.split(" (")[0]
        if head[0].isupper() and appos.start(1) > 0 and term.split()[0] in ("The", "A", "An"):
            term = term[0].lower() + term[1:]
        fields = _term_fields(term, np, reading)
        if fields:
            if appos.group(2):
                fields["abbreviation"] = appos.group(2)
            out.append(_make("term", fields, s, appos.start(1), appos.start(3) + len(appos.group(3).rstrip()),
                             "term-appositive"))
    return [t for t in out if t is not None]


_NAMED_IN_BRACKETS = re.compile(r"\s+\((?:also |collectively |commonly |often |sometimes |now )?(?:known as|called|"
                                r"termed)\s+(?:the\s+)?([\w\-’']+(?:\s[\w\-’']+){0,3})\)")


def _named_in_brackets(s: Sentence, reading: Reading) -> list[Suggestion | None]:
    """'Neutrons and protons (collectively known as nucleons) have ...': the name in brackets is the term,
    what it names (the noun phrase before the bracket) its definition."""
    text = s.text
    out: list[Suggestion | None] = []
    for m in _NAMED_IN_BRACKETS.finditer(text):
        start = _clause_opening(text, m.start())
        lead = re.match(r"(?:[A-Z][\w’'\-]*\b[^,]{0,80}),\s+", text[start: m.start()])
        if lead:
            start += lead.end()
        phrase = text[start: m.start()]
        words = phrase.split()
        if not 1 <= len(words) <= 6 or ts.find_finite_verb(["_"] + words) is not None or \
                words[0].lower() in ts.PRONOUNS:
            # not the subject: the noun phrase just before the bracket ("... made of particles (called quarks)")
            tail = []
            for w in reversed(words):
                if w.lower() in ts.FUNCTION_WORDS - {"and", "of"} or ts.find_finite_verb(["_", w]) is not None:
                    if w.lower() in ("the", "a", "an"):
                        tail.insert(0, w)
                    break
                tail.insert(0, w)
            words = tail
            start = m.start() - len(" ".join(words))
        if not words or len(words) > 6:
            continue
        definition = " ".join(words)
        if words[0][0].isupper() and words[0].lower() in reading.lower_words:
            definition = words[0].lower() + definition[len(words[0]):]
        term = m.group(1)
        fields = _term_fields(term, definition, reading)
        if fields and len(definition.split()) >= 2:
            out.append(_make("term", fields, s, start, m.end(), "called"))
    return out


_WORD_MEANING = re.compile(r"\b(?:the|an?)\s+((?:[\w\-]+\s+){0,3}?)(word|term|name|expression|phrase)\s+[\"“]?"
                           r"([\w\-’']+(?:\s[\w\-’']+){0,2}?)[\"”]?,?\s+(?:which\s+|that\s+)?"
                           r"(?:means|meant|meaning)\s+")


def _word_meaning(s: Sentence) -> list[Suggestion | None]:
    """'the ancient Greek word atomos, which means "uncuttable"': the word is the term, what it means its
    definition."""
    text = s.text
    out: list[Suggestion | None] = []
    for m in _WORD_MEANING.finditer(text):
        meaning = _field(text[m.end(): _clause_end(text, m.end())])
        if not meaning or len(meaning.split()) > 12:
            continue
        definition = f"the {m.group(1)}{m.group(2)} meaning {meaning}"
        fields = _term_fields(m.group(3), definition)
        if fields:
            fields["determiner"] = "none"
            fields.pop("plural", None)
            out.append(_make("term", fields, s, m.start(), m.end() + len(text[m.end(): _clause_end(text, m.end())]),
                             "called"))
    return out


_NAMED_BY = re.compile(r"\b(?:decided to |chose to |began to |later )?(?:called|named|dubbed|call|name)\s+"
                       r"(?:these|this|those|the)\s+((?:[a-z][\w\-]*\s+){0,3}?[a-z][\w\-]+)\s+"
                       r"([\"“][^\"“”]{2,40}[\"”]|[a-z][\w\-]+)"
                       r"(?=\s+(?:but|and|because|after|since|in)\b|[,.;]|$)")


def _named_by(s: Sentence, reading: Reading) -> list[Suggestion | None]:
    """'He called these new particles corpuscles': a person's name for a thing is a term."""
    text = s.text
    m = _NAMED_BY.search(text)
    if not m:
        return []
    person = _subject_person(s, reading, m.start())
    if person is None:
        return []
    name, start = person
    thing = m.group(1)
    if ts.singular_noun(thing.split()[-1]) == thing.split()[-1]:
        return []  # a plural thing named by a plural term: one thing and one name would mislead
    term = m.group(2).strip("\"“”")
    fields = _term_fields(term, f"{_possessive(name)} name for the {thing}")
    if not fields:
        return []
    fields["determiner"] = "none"
    return [_make("term", fields, s, start, m.end(), "called")]


def _subject_before(before: str) -> str:
    """The noun phrase just before 'called': the sentence's subject, or the phrase the word qualifies."""
    before = before.rstrip(" ,")
    words = before.split()
    if not words:
        return ""
    verb_at = ts.find_finite_verb(words)
    if verb_at is None or verb_at == len(words):
        candidate = words
    elif verb_at == len(words) - 1 and words[-1].lower() in ts.AUX_BE:  # "X are called Y"
        candidate = words[:-1]
    else:  # "... composed of elementary particles called quarks": the noun phrase before 'called'
        tail = []
        for w in reversed(words):
            if w.lower() in ("of", "by", "with", "from", "into", "to", "and", "as") or ts.is_past_verb(w) or \
                    w.lower() in ts.AUX_BE | ts.AUX_HAVE:
                break
            tail.insert(0, w)
        candidate = tail
        if len(candidate) < 2:
            return ""
    if not candidate or candidate[0].lower() in ts.PRONOUNS | {"there"}:
        return ""
    text = " ".join(candidate)
    if "(" in text or ")" in text or len(candidate) > 14:
        return ""
    if text.lower().startswith("all "):
        text = text[4:]
    return text


# --- claims -------------------------------------------------------------------------------------

SAY_VERBS = ("said", "says", "stated", "declared", "announced", "warned", "argued", "claimed", "explained",
             "wrote", "noted", "insisted", "added", "believed", "thought", "concluded", "deduced", "inferred",
             "realised", "realized", "proposed", "hypothesized",
             "hypothesised", "predicted", "admitted", "maintained", "asserted", "contended", "suggested",
             "promised", "vowed", "threatened", "told reporters", "reported", "say", "warn", "warns", "argue",
             "argues", "claim", "claims", "believe", "believes", "think", "thinks", "note", "notes", "predict",
             "predicts", "insist", "insists", "estimate", "estimates", "explains")
PEOPLE_NOUNS = ("doctors", "scientists", "critics", "officials", "experts", "analysts", "historians", "observers",
                "researchers", "economists", "physicists", "chemists", "philosophers", "scholars", "witnesses",
                "leaders", "diplomats", "commentators", "reporters", "journalists")
_SAY = "(?:" + "|".join(SAY_VERBS) + ")"
ANALYSIS_MARKERS = re.compile(
    r"\b(?:may|might|could|will|would likely|can expect|likely|unlikely|probably|perhaps|possibly|expect(?:s|ed)? to"
    r"|time will tell|reflect(?:s|ed|ing)?|illustrat(?:es|ed|ing)|signal(?:s|ed|led|ing)|indicat(?:es|ed|ing)"
    r"|demonstrat(?:es|ed|ing)|underscor(?:es|ed|ing)|highlight(?:s|ed|ing)|shows? that|showed that|shown"
    r"|suggests? that|means? that|predictabl[ye]|clearly|effectively|arguably|evidently|undoubtedly|surely"
    r"|growing|waning|fading|weakening|declining|rising|increasingly|deepening|shrinking|worsening"
    r"|there may be|it is (?:clear|likely|possible|unlikely)|has become|have become|has attempted|have attempted"
    r"|has been|have been|has dominated|has stepped up|has (?:not )?been|hard[- ]working|significant|crucial"
    r"|key|even faster|more toward|less than|greatest|most important|in order to|thus|therefore|has to|have to"
    r"|must|should|needs? to|so \w+ that|the (?:first|last|only|largest|biggest|smallest|oldest|youngest)"
    r"(?-i:(?! [A-Z]))"  # not "the First World War"
    r"|(?:has|have)\s+(?:also\s+|not\s+|now\s+|already\s+|recently\s+|long\s+|\w+ly\s+)?(?:[a-z]+(?:ed|en|wn|ne)"
    r"|kept|made|left|lost|found|held|led|become|come|won|brought|fought|grown|gone|begun|spent|built|sent|set"
    r"|put|had|taken|given|sought|taught|spread|cut|shut|cost|told|sold|paid|felt|meant|met|stood|understood"
    r"|thought|bought|caught|struck|hit|let|run|dealt|lent|swept|slept|sunk|sung|stuck))\b",
    re.IGNORECASE)
_DISCOURSE = re.compile(r"^(?:However|Yet|Moreover|Furthermore|Predictably|Thus|Therefore|Still|Indeed|In return"
                        r"|Meanwhile|Nevertheless|Nonetheless|Instead|Also|And|But|So|Besides|Likewise|Similarly"
                        r"|In turn|As such|Ultimately|Finally|Recently|Now),?\s+")


def claims(s: Sentence, reading: Reading) -> list[Suggestion]:
    text = s.text
    out: list[Suggestion | None] = []
    said = False
    # "X said that ...", "Doctors thought that ...", "Tokayev stated he would ..."
    for m in re.finditer(rf"(?:^|(?<=[\s,]))((?:[A-Z][\w.\-’']*\s+)*?[A-Z][\w.\-’']*|[Hh]e|[Ss]he"
                         rf"|{'|'.join(PEOPLE_NOUNS)}|[Dd]octors|[Tt]he [\w\- ]{{1,30}}?government)"
                         rf"\s+(?:also\s+|publicly\s+|later\s+|then\s+)?"
                         rf"({_SAY})(?:\s+(that))?\s+(.+)$", text):
        speaker = _speaker(m.group(1), reading, s, m.start(1))
        if not speaker:
            continue
        claim = _claim_text(text[m.start(4):])
        if claim:
            out.append(_make("claim", {"speaker": speaker, "claim": claim}, s, m.start(1),
                             m.start(4) + len(_first_clause(text[m.start(4):])), "said"))
            said = True
            break
    if not said:
        # "..., with the former warning that ...", "..., Smith adding that ...": a participle names the speaker
        m = re.search(r",\s+(?:with\s+)?(the former|the latter|(?:[A-Z][\w.\-’']*\s+)*[A-Z][\w.\-’']*)\s+"
                      r"(?:also\s+|later\s+)?(?:saying|stating|declaring|warning|arguing|claiming|insisting|adding|"
                      r"noting|explaining)\s+(?:that\s+)?(.+)$", text)
        if m:
            if m.group(1) in ("the former", "the latter"):
                named = [r for r in _runs(s) if r.end <= m.start() and ts.is_name_like(r)]
                speaker = "" if len(named) < 2 else (named[-2] if m.group(1) == "the former" else named[-1]).text
                speaker = reading.people.get(speaker, speaker)
            else:
                speaker = _speaker(m.group(1), reading, s, m.start(1))
            claim = _claim_text(m.group(2))
            if speaker and claim and claim.split(" ", 1)[0].lower() not in _VAGUE_OPENERS:
                out.append(_make("claim", {"speaker": speaker, "claim": claim}, s, m.start(1), len(text), "said",
                                 anchor=m.start(1)))
                said = True
    if not said:
        # "Rai addressed the crowd and said ...": the speaker is the sentence's subject
        m = re.search(rf"\s+and\s+(?:also\s+|later\s+|then\s+)?({_SAY})\s+(?:that\s+)?(.+)$", text)
        subject = _subject_person(s, reading, m.start()) if m else None
        if m and subject is not None:
            speaker, at = subject
            claim = _claim_text(m.group(2))
            if claim.split(" ", 1)[0].lower() in _VAGUE_OPENERS:
                claim = ""  # "concluded that they were ...": what 'they' are is in another clause
            if len(text[at:].split()) > MAX_QUOTE_WORDS:  # too long to quote whole: quote what was said
                at = m.start(1)
            if claim:
                out.append(_make("claim", {"speaker": speaker, "claim": claim}, s, at, len(text), "said"))
                said = True
    if not said:
        # "..., stating it was 'historically Russia'": the speaker is the sentence's subject
        m = re.search(r",\s+(?:stating|saying|declaring|warning|arguing|claiming|insisting)\s+(?:that\s+)?(.+)$", text)
        subject_run = None
        if m:
            named = [r for r in _runs(s) if r.end < m.start() and (ts.is_name_like(r) or r.text in reading.people)]
            subject_run = named[0] if named else None
        if m and subject_run is not None:
            claim_raw = text[m.start(1):]
            if claim_raw.split(" ", 1)[0].lower() == "it":  # "it" is the object of the main clause
                objects = [r for r in _runs(s) if subject_run.end < r.start < m.start()]
                if objects:
                    claim_raw = objects[-1].text + claim_raw[2:]
            claim = _claim_text(claim_raw)
            speaker = reading.people.get(subject_run.text, subject_run.text)
            if claim:
                out.append(_make("claim", {"speaker": speaker, "claim": claim}, s, subject_run.start, len(text),
                                 "said", anchor=m.start()))
                said = True
        # "According to him, Hindu society needs to ..."
        m = re.match(r"According to ((?:[A-Z][\w.\-’']*\s*)+|him|her|them)\s*,\s*(.+)$", text)
        if m and not said:
            speaker = _speaker(m.group(1).strip(), reading, s, 0)
            claim = _claim_text(m.group(2))
            if speaker and claim:
                out.append(_make("claim", {"speaker": speaker, "claim": claim}, s, 0, len(text), "said"))
                said = True
        # "Ions, Thomson explained, must be atoms which ..."
        m = re.match(rf"(.+?),\s+((?:[A-Z][\w.\-]*\s+)*[A-Z][\w.\-]*)\s+{_SAY},\s+(.+)$", text)
        if m and not said:
            speaker = _speaker(m.group(2), reading, s, m.start(2))
            claim = _claim_text(ts.lower_first(m.group(1)) + " " + m.group(3))
            if speaker and claim:
                out.append(_make("claim", {"speaker": speaker, "claim": claim}, s, 0, len(text), "said"))
                said = True
    # What a reported statement shows, in the article's words, is its own analysis:
    # "Tokayev stated he would not recognize Taiwan, effectively showing how Central Asia has leaned ..."
    out += _analysis(s, reading, evaluation_only=said)
    for claim in out:  # "Ions, Thomson explained, must be ...": 'ions', as the text writes it elsewhere
        if claim is not None and not claim.fields["claim"].startswith('"'):
            claim.fields["claim"] = _lower_common(reading, claim.fields["claim"])
    return [c for c in out if c is not None]


_VAGUE_OPENERS = {"it", "they", "this", "these", "those", "them", "that"}


def _subject_person(s: Sentence, reading: Reading, before: int) -> tuple[str, int] | None:
    """The person who is the subject of the sentence's main clause (after a leading phrase), and where the
    name stands; None when the subject is no known or name-like person, or another clause starts before
    `before`."""
    text = s.text
    at = 0
    lead = re.match(r"(?:[A-Z][\w’'\-]*\b[^,]{0,80}),\s+", text)
    if lead and ts.find_finite_verb(["_"] + lead.group(0).split()[1:]) is None:
        at = lead.end()
    masked = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), text)  # asides in brackets break nothing
    for m in _CLAUSE_BREAK.finditer(masked, at, before):
        if ts.find_finite_verb(["_"] + masked[m.end():].split()[:8]) is not None:
            return None  # another clause, with a subject of its own, comes first
    first = text[at:].split(" ", 1)[0]
    if first.lower() in ("he", "she"):
        name = _resolve(reading, s.paragraph, s.at(at))
        return (name, at) if name else None
    run = next((r for r in _runs(s) if r.start == at), None)
    if run is None:
        return None
    name = reading.people.get(run.text) or (reading.people.get(run.words[0]) if len(run.words) == 1 else None)
    if name is None and ts.is_name_like(run):
        name = run.text
    following = masked[run.end:].split()
    if not name or not following or ts.find_finite_verb(["_"] + following[:3]) is None:
        return None
    return name, at


def _speaker(raw: str, reading: Reading, s: Sentence, at: int) -> str:
    raw = raw.strip()
    if raw.lower() in ("he", "she", "him", "her"):
        return _resolve(reading, s.paragraph, s.at(at))
    if raw.lower() in PEOPLE_NOUNS or raw.lower() == "doctors":
        return raw[0].lower() + raw[1:]
    if raw.lower().startswith("the ") and raw.lower().endswith("government"):
        return raw[0].lower() + raw[1:]
    run = ts.Run(0, len(raw), raw, tuple(raw.split()))
    trimmed = ts.trim_opener(run, sentence_start=at == 0)
    if trimmed is None:
        return ""
    if trimmed.text in reading.people:
        return reading.people[trimmed.text]
    if trimmed.text.split()[-1] in reading.people:
        return reading.people[trimmed.text.split()[-1]] if len(trimmed.words) == 1 else trimmed.text
    if ts.is_name_like(trimmed):
        return trimmed.text
    word = trimmed.text
    if len(trimmed.words) == 1 and word.isalpha() and word.lower() not in ts.OPENERS | ts.FUNCTION_WORDS and \
            word.lower() not in ts.NOT_PERSON_WORDS - {"china", "russia", "india", "ukraine", "moscow", "kremlin",
                                                       "beijing"}:
        return word  # "Tokayev stated", "Moscow warned": a one-word speaker
    return ""


def _first_clause(text: str) -> str:
    end = _clause_end(text, 0) if not text.startswith(("\"", "“")) else len(text)
    return text[:end]


def _claim_text(raw: str) -> str:
    """What was said, as a clause: up to the clause's end, 'I declare that' and the full stop dropped."""
    raw = raw.strip()
    quoted = re.match(r"[\"“](.+?)[\"”]\s*\.?\s*(?:\[\w+\])*$", raw)
    if quoted:
        inner = re.sub(r"^I (?:declare|believe|think|say|know|am sure|promise) that ", "", quoted.group(1))
        inner = inner.rstrip(".")
        return f"\"{inner}\"" if len(inner.split()) >= 3 else ""
    clause = _field(_first_clause(raw))
    clause = clause.replace("”.", "”").replace('".', '"').replace(".”", "”").replace('."', '"')
    if len(clause.split()) < 3 or len(clause.split()) > MAX_FIELD_WORDS:
        return ""
    return ts.lower_first(clause)


_SEGMENT = re.compile(r";\s+|,\s+(?:but|while|whereas|as|and)\s+"
                      r"(?=(?:the |a |an )?[\w’'\-]+(?:,? [\w’'\-]+){0,8}?,? "
                      r"(?:has|have|is|are|was|were|had|will|may|might|could|can|would|[a-z]+ed)\b)")
_EVALUATING = re.compile(r",\s+(?:effectively\s+|thus\s+|clearly\s+)?(reflecting|illustrating|showing|signalling|"
                         r"signaling|indicating|suggesting|demonstrating|underscoring|highlighting)\s+(?:(?:how|that)\s+)?")


def _analysis(s: Sentence, reading: Reading, evaluation_only: bool = False) -> list[Suggestion]:
    """The article's own reading of events: the parts of a sentence that judge, explain or predict."""
    text = s.text
    found: list[Suggestion] = []
    evaluating = _EVALUATING.search(text)
    if evaluating:
        # "Astana cancelled the parade, reflecting the growing separation": what the act shows is the claim
        rest = text[evaluating.end():]
        rest_end = _clause_end(rest, 0)
        said = rest[:rest_end]
        if re.match(r"(?:how|that)\s", text[evaluating.start(1) + len(evaluating.group(1)):].lstrip()):
            claim = said
        else:
            start = _clause_start(text, evaluating.start())
            act = ts.as_noun_phrase(_DISCOURSE.sub("", _field(text[start: evaluating.start()])))
            verb = evaluating.group(1)[:-3] + "ed"
            claim = f"{ts.lower_first(act)} {verb} {said}" if act else ""
        claim = _field(claim)
        quote_start = evaluating.start() + 1 if claim == _field(said) else _clause_start(text, evaluating.start())
        if 5 <= len(claim.split()) <= MAX_FIELD_WORDS:
            found.append(_make("claim", {"speaker": "the article", "claim": ts.lower_first(claim)}, s,
                               quote_start, evaluating.end() + rest_end, "analysis", anchor=evaluating.start()))
        text_end = evaluating.start()
    else:
        text_end = len(text)
    if evaluation_only:
        return [f for f in found if f is not None]
    cuts = list(_SEGMENT.finditer(text, 0, text_end))
    segments = zip([0] + [m.end() for m in cuts], [m.start() for m in cuts] + [text_end])
    for seg_start, seg_end in segments:
        claim = _analysis_clause(s, reading, seg_start, seg_end)
        if claim is not None:
            found.append(claim)
    return [f for f in found if f is not None]


# "you can expect China to step up ..." -> "China can be expected to step up ...": the reader is no subject
_EXPECT = re.compile(r"^(?:you|we|one) (can|could|should|may|might|will|would) expect (.+?) to (?=[a-z])")


def _past_clause(clause: str) -> bool:
    """Whether the clause's finite verb is in the past ('Russia sent ...', 'it was ...')."""
    words = clause.split()
    for i, word in enumerate(words):
        low = word.lower().strip(",;:")
        if low in ("is", "are", "has", "have", "does", "do", "can", "will", "may", "must", "shall", "should") or \
                _present_verb(words[max(0, i - 1): i + 1]) and i:
            return False  # the first verb is a present one: "it requires ..., compared to ..."
        if low in ("was", "were", "had", "did") or i and ts.is_past_verb(low) and \
                words[i - 1].lower() not in ("a", "an", "the", "its", "their", "his", "her"):
            return True
    return False


def _present_verb(words: list[str]) -> bool:
    """Whether a clause has a present-tense verb: 'is', 'has', or an -s word after a noun ('motion counts as'),
    not after a preposition or article ('the number of protons in an atom' has none)."""
    for i, word in enumerate(words):
        low = word.lower().strip(",;:")
        if low in ("is", "are", "has", "have", "does", "do"):
            return True
        previous = words[i - 1].lower() if i else ""
        if i and re.fullmatch(r"[a-z]{3,}[^s]s", low) and not previous.endswith(",") and (
                previous not in ts.FUNCTION_WORDS or previous in ("it", "he", "she", "this", "that", "which", "who")):
            return True
    return False


def _analysis_clause(s: Sentence, reading: Reading, start: int, stop: int) -> Suggestion | None:
    text = s.text
    body_start = start
    m = _DISCOURSE.match(text, start)
    if m:
        body_start = m.end()
    # After a leading adverbial ("During the dissolution of the USSR, ..."), the main clause
    lead = re.match(r"(?:(?:In|During|After|Before|Since|With|As|Despite|Following|Under|For|By|When|While|Although|"
                    r"Though|Because|If|Once)\b[^,]{0,120}|(?:by|in|after|before|on|while) [a-z]+ing\b[^,]{0,100}"
                    r"|[^,]{0,40}\b(?:ago|later|earlier|year|years|months|weeks))\s*,\s*", text[body_start:stop])
    subordinate = lead and lead.group(0).split()[0] in ("As", "When", "While", "Although", "Though", "Because", "If",
                                                         "Once")
    after_lead = text[body_start + lead.end():].split(" ", 1)[0].lower() if lead else ""
    if lead and (subordinate and after_lead not in ts.FUNCTION_WORDS - ts.PRONOUNS - {"the", "a", "an"}
                 or ts.find_finite_verb(["_"] + lead.group(0).split()[1:]) is None):
        body_start += lead.end()  # "As Russia's military is depleted, ...": the main clause follows the comma
    end = min(_clause_end(text, body_start), stop)
    clause = _EXPECT.sub(r"\2 \1 be expected to ", text[body_start:end], count=1)
    if not ANALYSIS_MARKERS.search(text[body_start:stop]):
        return None
    words = clause.split()
    quantifier = len(words) > 1 and words[0].lower() in ("both", "all", "each", "some") and (
        words[1][0].isupper() or words[1].lower() in ("the", "of"))  # "both China and Turkey"
    if not words or words[0].lower() in ts.PRONOUNS - {"there"} and not quantifier or \
            words[0].lower() in ("which", "who"):
        return None
    if ts.find_finite_verb(words) is None and not _present_verb(words):
        return None
    claim = _shorten(_drop_asides(_field(clause)), MAX_FIELD_WORDS - 6)
    if len(claim.split()) < 5 or "?" in claim:
        return None
    fields = {"speaker": "the article", "claim": _lower_common(reading, ts.lower_first(claim))}
    cloze = _cloze_of(fields["claim"])
    if cloze:
        fields["cloze"] = cloze
    return _make("claim", fields, s, body_start, end, "analysis", anchor=body_start)


def _stands_alone(text: str, end: int) -> bool:
    """A name used as a noun, not before one ('Ukraine' in 'to Ukraine', not in 'the Ukraine war')."""
    following = text[end:].lstrip()
    if not following or not following[0].isalpha():
        return True
    word = following.split(" ", 1)[0].strip(",.;:")
    return word.lower() in ts.FUNCTION_WORDS or ts.find_finite_verb(["_", word.lower()]) is not None


def _name_to_blank(text: str, after: int = 1) -> tuple[int, int] | None:
    """The name a fill-in-the-blank sentence asks for: the last that stands alone at or after `after`.

    Names joined by 'and' are one answer, never cut by the blank: 'the [[Belt and Road Initiative]]',
    '[[Beijing and Ankara]]', 'the [[Amu Darya and the Syr Darya]]'.
    """
    groups: list[tuple[int, int]] = []
    for run in ts.capitalised_runs(text):
        if run.text.lower() in ts.OPENERS and not groups:
            continue
        if groups and re.fullmatch(r" and (?:the )?", text[groups[-1][1]:run.start]):
            groups[-1] = (groups[-1][0], run.end)
        else:
            groups.append((run.start, run.end))
    fitting = []
    for start, end in groups:
        name = text[start:end]
        if start < after or name.lower() in ts.OPENERS or name.endswith(("’s", "'s")) or len(name) <= 2 or \
                name in ts.MONTHS or name.endswith(("ian", "ish", "ese", "ic", "et", "an")) or \
                not _stands_alone(text, end):
            continue
        fitting.append((start, end))
    return fitting[-1] if fitting else None


def _cloze_of(claim: str) -> str:
    """'According to the article, ...' with one name of the claim blanked (the last one not its subject)."""
    span = _name_to_blank(claim)
    if span is None:
        return ""
    start, end = span
    sentence = f"According to the article, {claim[:start]}[[{claim[start:end]}]]{claim[end:]}".rstrip(".") + "."
    return sentence if sentence.count("[[") == 1 and "]]" in sentence else ""


# --- causes and effects -------------------------------------------------------------------------

_LED_TO = re.compile(r"\b(led to|leads to|resulted in|results in|caused|causes|brought about|triggered|sparked|"
                     r"prompted|gave rise to|contributed to)\s+")
_RESULTING = re.compile(r",\s+(resulting in|leading to|causing|which led to|which resulted in|which caused)\s+")
_BECAUSE_LEAD = re.compile(r"^(?:Due to|Because of|As a result of|Owing to|Thanks to)\s+([^,]{3,120}),\s+(.+)$")
# "as" is a reason only before someone's fear, belief or wish: "... as the government feared that ..."
_BECAUSE_MID = re.compile(r"\s+(because of|due to|as a result of|owing to|because|"
                          r"as(?= (?:the |a |an |his |her |their |its )?[\w\-]+(?: [\w\-]+)? "
                          r"(?:feared|believed|knew|thought|expected|wanted|hoped|worried|suspected)\b))\s+")
_BY_DOING = re.compile(r",?\s+by\s+([a-z]{2,}ing\s+(?:a|an|the|its|their|his|her|[a-z]+)\b)")
_WHICH_MEANS = re.compile(r",\s+which (?:means|meant) (?:that\s+)?")
_SO = re.compile(r"(?:,\s+so|;\s+(?:as a result|therefore|thus|consequently),?|,\s+and (?:as a result|therefore|"
                 r"thus|so),?)\s+(?=[A-Z]|the\b|a\b|an\b)")


def causes(s: Sentence, reading: Reading, previous: Sentence | None) -> list[Suggestion]:
    text = s.text
    out: list[Suggestion | None] = []

    def np(raw: str, subject_for_it: str = "") -> str:
        # a noun phrase without what follows it between commas or the adverb before the verb:
        # "Her work, which was funded by ..., led to", "The flood soon caused"
        raw = re.sub(r",\s+(?:which|who|whose)\b.*$", "", _drop_asides(_field(raw)))
        raw = re.sub(r"(?:\s+(?:[a-z]+ly|also|then|still|thus|therefore|eventually|ultimately|soon))+$", "", raw)
        raw = _field(raw)
        first = raw.split(" ", 1)[0].lower() if raw else ""
        if first in ("it", "they") and subject_for_it:
            raw = subject_for_it + raw[len(first):]
        resolved = _with_subject(reading, s, raw, 0) if raw else None
        return _lower_common(reading, ts.lower_first(resolved)) if resolved else ""

    def clause_np(raw: str, subject_for_it: str = "") -> str:
        raw = _field(raw)
        if not raw:
            return ""
        first = raw.split(" ", 1)[0].lower()
        if first in ("it", "they") and subject_for_it:
            raw = subject_for_it + raw[len(first):]
        raw = _with_subject(reading, s, raw, 0)
        if not raw:
            return ""
        phrase = ts.as_noun_phrase(raw)
        return _lower_common(reading, _field(ts.lower_first(phrase))) if phrase else ""

    m = _LED_TO.search(text)
    if m and re.search(r"\b(?:probably|possibly|perhaps|likely|may|might|could|reportedly|allegedly)\s+(?:have\s+)?$",
                       text[: m.start()]):
        m = None  # "probably caused": a hedged cause is the article's claim, not a cause to learn as certain
    if m:
        subject_start = _clause_start(text, m.start())
        relative = re.search(r"\b((?:the|an?) (?:[\w\-]+ ){0,3}?[\w\-]+) (?:that|which|who) $",
                             text[subject_start: m.start()])
        if relative:  # "... than the electrostatic force that causes protons to repel": the force is the cause
            subject_start += relative.start(1)
            cause = np(relative.group(1))
        else:
            cause = np(text[subject_start: m.start()])
        obj_end = _clause_end(text, m.end())
        effect = np(_object_doing(text[m.end(): obj_end]))
        if cause and effect:
            out.append(_make("cause_effect", {"cause": cause, "effect": effect}, s, subject_start, obj_end, "led-to"))
    m = _RESULTING.search(text)
    if m:
        start = _clause_start(text, m.start())
        cause = clause_np(text[start: m.start()])
        end = _clause_end(text, m.end())
        effect = np(_object_doing(text[m.end(): end]))
        if cause and effect:
            out.append(_make("cause_effect", {"cause": cause, "effect": effect}, s, start, end, "resulting"))
    m = _BY_DOING.search(text)
    if m and m.start() > 0:  # "The electron can change its state ... by absorbing a photon": the means is the cause
        start = _clause_start(text, m.start())
        effect = clause_np(text[start: m.start()])
        end = _clause_end(text, m.end())
        cause = np(text[m.start(1): end])
        if cause and effect and cause.split()[0] not in ("doing", "so", "being", "having"):
            out.append(_make("cause_effect", {"cause": cause, "effect": effect}, s, start, end, "because",
                             anchor=m.start()))
    m = _WHICH_MEANS.search(text)
    if m:  # "Atoms are smaller than ..., which means humans cannot see them ...": the clause is the cause
        start = _clause_start(text, m.start())
        cause = clause_np(text[start: m.start()])
        end = _clause_end(text, m.end())
        effect = clause_np(text[m.end(): end])
        if cause and effect:
            out.append(_make("cause_effect", {"cause": cause, "effect": effect}, s, start, end, "resulting"))
    m = _BECAUSE_LEAD.match(text)
    if m:
        cause = np(m.group(1))
        effect = clause_np(text[m.start(2): _clause_end(text, m.start(2))])
        if cause and effect:
            out.append(_make("cause_effect", {"cause": cause, "effect": effect}, s, 0,
                             _clause_end(text, m.start(2)), "because"))
    else:
        m = _BECAUSE_MID.search(text)
        if m:
            start = _clause_start(text, m.start())
            effect_clause = text[start: m.start()]
            if re.search(r"\b(?:to|not|n['’]t)\s+be\s*$|\bthat\b", effect_clause):
                effect_clause = ""  # "too strong to be due to", "so small that ... due to": the reason of a part
            subject = _subject_of(effect_clause)
            end = _clause_end(text, m.end())
            cause_raw = text[m.end(): end]
            cause = np(cause_raw) if m.group(1) not in ("because", "as") else clause_np(cause_raw, subject)
            effect = clause_np(effect_clause)
            if cause and effect:
                out.append(_make("cause_effect", {"cause": cause, "effect": effect}, s, start, end, "because"))
    m = _SO.search(text)
    if m:
        start = _clause_start(text, m.start())
        cause = clause_np(text[start: m.start()])
        end = _clause_end(text, m.end())
        effect = clause_np(text[m.end(): end])
        if cause and effect:
            out.append(_make("cause_effect", {"cause": cause, "effect": effect}, s, start, end, "as-a-result"))
    m = re.match(r"(?:As a result|Consequently|Therefore|Thus|Because of this),\s+", text)
    if m and previous is not None and previous.paragraph == s.paragraph:
        cause = clause_np(previous.text[_clause_start(previous.text, len(previous.text)):
                                        _clause_end(previous.text, 0)])
        end = _clause_end(text, m.end())
        effect = clause_np(text[m.end(): end])
        if cause and effect:
            out.append(_make("cause_effect", {"cause": cause, "effect": effect}, s, 0, end, "as-a-result"))
    return [c for c in out if c is not None]


def _object_doing(text: str) -> str:
    """'the particle to lose kinetic energy' (after 'causing') -> 'the particle losing kinetic energy'."""
    m = re.match(r"((?:[\w\-’']+ ){1,6}?)to ([a-z]+)\b", text)
    if not m or m.group(1).split()[0].lower() in ts.PRONOUNS or \
            re.search(r"[^aeiou][aeiou][^aeiouwxy]$", m.group(2)) and not m.group(2).endswith("en"):
        return text  # "repel" -> "repelling" doubles a consonant that "open" -> "opening" does not: leave it
    doing = ts._ing_of_base(m.group(2))
    return f"{m.group(1)}{doing}{text[m.end():]}" if doing else text


def _clause_start(text: str, at: int) -> int:
    """Where the clause that holds position `at` begins: after a semicolon, a dash or a leading adverbial."""
    start = _clause_opening(text, at)
    m = _DISCOURSE.match(text[start:])
    if m:
        start += m.end()
    adverbial = re.match(r"(?:In|During|After|Before|Since|By|To|For|Despite|Following|With)\b[^,]{0,100},\s+",
                         text[start:at])
    if adverbial and ts.find_finite_verb(["_"] + adverbial.group(0).split()[1:]) is None:
        start += adverbial.end()
    return start


def _subject_of(clause: str) -> str:
    words = clause.split()
    at = ts.find_finite_verb(words)
    if at is None or words[0].lower() in ts.PRONOUNS:
        return ""
    return " ".join(words[:at])


# --- quantities ---------------------------------------------------------------------------------

_QUANTITY = re.compile(
    r"(?<![\w\[])(?:(?:about|around|approximately|nearly|almost|over|more than|less than|some|only) )?"
    r"(?:\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent)|\s(?:million|billion|trillion|thousand|hundred|sextillion)"
    r"(?:\s[a-z]{2,}s\b(?!\s[a-z]{2,}s\b))?"
    r"|\s(?!(?:is|was|has|does|as|this|thus|its|his|hers|ours|yours|less|unless|across|always|perhaps|towards|"
    r"afterwards|besides|whereas|sometimes)\b)[a-z][a-z\-]{2,}s\b(?!['’])"  # "11 protons", "100 picometers"
    r"|\s(?:times|km|kilometres|kilometers|miles|metres|meters|kg|tonnes|tons|people|patients|"
    r"soldiers|troops|members|years|days|pm|fm|nm|eV|keV|MeV|GeV|°C|degrees|square kilometres|hectares|"
    r"casualties|deaths|dead|votes|seats|km2|dollars|euros|pounds|rubles|roubles)\b)"
    r"|(?:hundreds|tens|thousands|millions|billions) of (?:thousands|millions|billions)? ?(?:of )?"
    r"(?:[A-Z][a-z]+ )?[a-z]+"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|several) orders of magnitude)")
_PRESENT = re.compile(r"\b(?:is|are|has|have|contains|contain|requires|require|consists|consist|means|remains|"
                      r"remain|lives|live|holds|hold|makes|make|can|measures|weighs|services|serves)\b")


def quantities(s: Sentence, reading: Reading) -> list[Suggestion]:
    text = s.text
    out = []
    for m in _QUANTITY.finditer(text):
        value = m.group(0)
        if re.fullmatch(r"\d{4}", value.strip()):
            continue
        start = _clause_start(text, m.start())
        end = _clause_end(text, m.end())
        if m.start() < start or m.end() > end:
            continue
        clause = text[start:end]
        for_example = re.match(r"(?:For example|For instance|In fact|By comparison),\s+|(?:[Cc]onsider|[Nn]ote|"
                               r"[Rr]emember|[Nn]otice) that\s+", clause)
        if for_example:
            start += for_example.end()
            clause = clause[for_example.end():]
        words = clause.split()
        if len(words) < 5 or len(words) > MAX_FIELD_WORDS or words[0].lower() in ts.PRONOUNS - {"there"} and \
                not (words[0].lower() == "it" and _DUMMY_IT.match(clause)):  # "it takes 13.6 eV to ..." is fine
            continue
        if ts.CITATION_RE.search(clause[: m.end() - start]):
            continue
        local_start, local_end = m.start() - start, m.end() - start
        statement = clause[:local_start] + "[[" + clause[local_start:local_end].strip() + "]]" + clause[local_end:]
        statement = _field(statement)
        if not statement or statement.count("[[") != 1:
            continue
        statement = re.sub(r"\s*\([^()\[\]]*\)", "", statement)  # asides in brackets: "(400–700 nm)"
        if _LEANING.match(statement) or statement.count("[[") != 1:
            continue  # "The other is a white powder ...": what 'the other' is lies in another clause
        statement = statement[0].upper() + statement[1:] + "."
        dates = ts.find_dates(text, reading.year, reading.month)
        years = ""
        if dates:
            period, years = dates[0].period or dates[0].iso[:4], dates[0].years
        elif (_PRESENT.search(clause) or _present_verb(clause.split())) and not _past_clause(clause):
            period = "the present day"
        else:
            continue
        out.append(_make("background", {"period": period, "statement": statement, "years": years}, s, start, end,
                         "quantity", anchor=m.start()))
        break  # one quantity a sentence
    return [q for q in out if q is not None]


# --- the whole unit ----------------------------------------------------------------------------


def find_suggestions(paragraphs: tuple[str, ...], *, skip: set[int] = frozenset(), date: str = "",
                     title: str = "") -> list[Suggestion]:
    """Every candidate fact of a source text, in the order of the text, before ids and validation."""
    year, month = _article_date(date)
    reading = Reading(read_sentences(paragraphs, set(skip)), year, month)
    reading.lower_words = {w for s in reading.sentences for w in ts.words_of(s.text) if w.islower()}
    persons = [p for s in reading.sentences for p in people(s, reading)]
    learn_people(reading, persons, title)
    found: list[Suggestion] = []
    previous = None
    for s in reading.sentences:
        found += [p for p in persons if p.paragraph == s.paragraph and s.start <= p.start < s.end]
        found += relatives(s, reading)
        found += events(s, reading)
        found += periods(s, reading)
        found += terms(s, reading)
        found += claims(s, reading)
        found += causes(s, reading, previous)
        found += quantities(s, reading)
        previous = s
    for suggestion in found:
        suggestion.quote = paragraphs[suggestion.paragraph - 1][suggestion.start: suggestion.end]
    found.sort(key=lambda x: (x.paragraph, x.start, KIND_ORDER.index(x.kind), x.end))
    return _distinct(found)


def _distinct(found: list[Suggestion]) -> list[Suggestion]:
    """One suggestion per fact: of two of one kind on the same passage, or the same person twice, the first.

    The article's own analysis gives way to any other kind found on the same words (a dated event, a cause).
    """
    specific = [f for f in found if f.rule != "analysis"]
    found = [f for f in found if f.rule != "analysis" or not any(
        o.paragraph == f.paragraph and spans_overlap((o.start, o.end), (f.start, f.end)) for o in specific)]
    kept: list[Suggestion] = []
    names: set[str] = set()
    for candidate in found:
        if candidate.kind == "person":
            if candidate.fields["name"] in names:
                continue
            names.add(candidate.fields["name"])
        if candidate.kind == "term" and any(k.kind == "term" and k.fields["term"].lower() ==
                                            candidate.fields["term"].lower() for k in kept):
            continue
        if candidate.kind != "person" and any(k.kind == candidate.kind and k.paragraph == candidate.paragraph and
               spans_overlap((k.start, k.end), (candidate.start, candidate.end)) for k in kept):
            continue
        kept.append(candidate)
    return kept


def spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans of one paragraph are one passage when they share at least half of the shorter one."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and shared >= OVERLAP * shorter


def quote_span_in(paragraph: str, quote: str) -> tuple[int, int] | None:
    """Where a quote lies in its paragraph, in the paragraph's normalised text (as the quote check compares)."""
    from .pipeline import normalise_quote

    folded = normalise_quote(paragraph)
    wanted = normalise_quote(quote)
    at = folded.find(wanted) if wanted else -1
    return (at, at + len(wanted)) if at >= 0 else None


def quotes_overlap(paragraphs: tuple[str, ...], a: tuple[int, str], b: tuple[int, str]) -> bool:
    """Whether two (paragraph, quote) pairs cite the same passage: same paragraph, half the shorter quote shared."""
    if a[0] != b[0] or not 1 <= a[0] <= len(paragraphs):
        return False
    text = paragraphs[a[0] - 1]
    first, second = quote_span_in(text, a[1]), quote_span_in(text, b[1])
    return bool(first and second and spans_overlap(first, second))


def recall(paragraphs: tuple[str, ...], facts: list[tuple[int, str]], suggestions: list[Suggestion]) -> float:
    """The share of curated facts (paragraph, quote) whose quote overlaps some suggestion's quote."""
    if not facts:
        return 0.0
    hit = sum(any(quotes_overlap(paragraphs, fact, (s.paragraph, s.quote)) for s in suggestions) for fact in facts)
    return hit / len(facts)


# --- ids, validation and the file ---------------------------------------------------------------


def _base_id(s: Suggestion) -> str:
    f = s.fields
    text = {"person": f.get("name", ""), "term": f.get("abbreviation") or f.get("term", ""),
            "event": f.get("what", ""), "cause_effect": f.get("cause", ""),
            "background": re.sub(r"[\[\]]", "", f.get("statement", "")),
            "claim": (f.get("speaker", "").split()[-1] + " " if f.get("speaker") not in (None, "the article") else "")
            + f.get("claim", "")}[s.kind]
    return slugify(text, max_length=40) or s.kind.replace("_", "-")


def assign_ids(suggestions: list[Suggestion], taken: set[str]) -> None:
    """Give each suggestion an id no fact of the course (nor another suggestion) has."""
    used = set(taken)
    for s in suggestions:
        base = _base_id(s)
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        s.id = candidate
        used.add(candidate)


def as_entry(s: Suggestion) -> dict:
    """The suggestion as a fact entry of facts.yaml."""
    entry = {"id": s.id, "kind": s.kind}
    entry.update(s.fields)
    entry["source"] = {"paragraph": s.paragraph, "quote": s.quote}
    return entry


_PLAIN = re.compile(r"[A-Za-z0-9À-ɏ(][^:#\"'{}\[\],&*!|>%@`]*")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"}


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS and not re.fullmatch(r"[\d.\-:]+", text) and \
            text == text.strip() and " #" not in text and ": " not in text and not text.endswith(":"):
        return text
    return json.dumps(text, ensure_ascii=False)


def render_suggestions(title: str, source_name: str, paragraphs: tuple[str, ...],
                       suggestions: list[Suggestion]) -> str:
    """The text of suggested.yaml: a header saying what it is, then each suggestion under its paragraph."""
    body: list[str] = [f"{SUGGESTIONS_KEY}:"]
    if not suggestions:
        body[0] += " []"
    current = 0
    for s in suggestions:
        if s.paragraph != current:
            current = s.paragraph
            body += ["", f"  # --- Paragraph {current}: {opening_words(paragraphs[current - 1])}"]
        elif body[-1] != "":
            body.append("")
        body.append(f"  # {RULES[s.rule]}")
        entry = as_entry(s)
        first = True
        for key, value in entry.items():
            prefix = "  - " if first else "    "
            first = False
            if key == "source":
                quote = _scalar_flow(value["quote"])
                body.append(f"{prefix}source: {{paragraph: {value['paragraph']}, quote: {quote}}}")
            else:
                body.append(f"{prefix}{key}: {_scalar(value) if key != 'when' else json.dumps(value)}")
    text = "\n".join(body) + "\n"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    header = [
        f"# Suggested facts for {json.dumps(title, ensure_ascii=False)}, drawn from {source_name} by quizgen suggest.",
        "#",
        "# None of these is part of the course: quizgen builds only facts.yaml. Each entry is",
        "# a complete fact whose quote the check has found in its paragraph. To keep one,",
        "# move it (from its '- id:' line to the next comment) under `facts:` in facts.yaml,",
        "# and reword its fields as a teacher would: the suggester copies the text's own words.",
        "# Facts already in facts.yaml (a quote on the same words) are not suggested again.",
        f"# `quizgen suggest` rewrites this file while it is as written (digest {digest});",
        "# once edited by hand, it is kept unless you pass --force.",
    ]
    return "\n".join(header) + "\n" + text


def _scalar_flow(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _file_is_ours(text: str) -> bool:
    """True when suggested.yaml is as quizgen suggest wrote it (its digest matches its entries)."""
    match = re.search(r"\(digest ([0-9a-f]{16})\)", text)
    if not match:
        return False
    body = text[text.find(f"\n{SUGGESTIONS_KEY}:") + 1:]
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16] == match.group(1)


def _call_source(s: Suggestion, called: str) -> None:
    """Name the source as the unit calls it (`called: the book`): the source's own claims say so, and so do their
    sentences ("According to the book, ..."), as a curator would write them."""
    if called == "the article":
        return
    if s.fields.get("speaker") == "the article":
        s.fields["speaker"] = called
    for key in ("cloze",):
        value = s.fields.get(key)
        if isinstance(value, str) and value.startswith("According to the article, "):
            s.fields[key] = f"According to {called}, " + value[len("According to the article, "):]


def suggest_unit(unit_dir: Path | str, force: bool = False) -> SuggestResult:
    """Write `<unit>/suggested.yaml` with the facts the unit's source text suggests; return what was found."""
    from .pipeline import read_unit_draft, unprintable, validate_fact_entry

    unit_dir = Path(unit_dir)
    course_dir = unit_dir.parent
    if not (course_dir / "course.yaml").is_file():
        raise AuthoringError(f"'{unit_dir}' is not a unit folder of a course: there is no course.yaml in "
                             f"'{course_dir}'; name the unit's folder, e.g. content/aral-sea")
    draft = read_unit_draft(course_dir, unit_dir.name)
    paragraphs = draft.source.paragraphs
    found = find_suggestions(paragraphs, skip=set(draft.skip_paragraphs), date=draft.source.date,
                             title=draft.source.title)

    curated = [(e["source"]["paragraph"], e["source"]["quote"]) for e, _ in draft.entries
               if isinstance(e, dict) and isinstance(e.get("source"), dict)
               and isinstance(e["source"].get("paragraph"), int) and isinstance(e["source"].get("quote"), str)]
    fresh = [s for s in found if not any(quotes_overlap(paragraphs, c, (s.paragraph, s.quote)) for c in curated)]
    for s in fresh:
        _call_source(s, draft.source.called)
    assign_ids(fresh, course_fact_ids(course_dir))

    kept, rejected = [], []
    out_path = unit_dir / SUGGESTIONS_FILE
    for s in fresh:
        fact, problems = validate_fact_entry(as_entry(s), str(out_path), 0, draft.source)
        if fact is None:  # a rule made something the schema or the quote check refuses: not suggested
            rejected.append(f"{s.id}: " + "; ".join(p.message for p in problems))
            continue
        if unprintable(" ".join([s.quote, *(v for v in s.fields.values() if isinstance(v, str))])):
            continue  # the worksheets could not print it: a curator would have to rewrite it first
        kept.append(s)
    text = render_suggestions(draft.title, Path(draft.source.path).name, paragraphs, kept)

    if out_path.is_file() and not force:
        existing = out_path.read_bytes().decode("utf-8", "replace")
        if existing != text and not _file_is_ours(existing):
            raise AuthoringError(f"{out_path} has been edited since quizgen suggest wrote it; move what you want "
                                 f"to keep into facts.yaml, then run again with --force to replace it")
    from ..writer import OutputError, write_files

    try:
        write_files(unit_dir, {SUGGESTIONS_FILE: text.encode("utf-8")})
    except OutputError as exc:
        raise AuthoringError(str(exc)) from None
    by_kind = {k: sum(s.kind == k for s in kept) for k in KIND_ORDER if any(s.kind == k for s in kept)}
    return SuggestResult(out_path, kept, by_kind, len(found) - len(fresh), rejected)


def course_fact_ids(course_dir: Path) -> set[str]:
    """The ids of every fact entry in the course's units, read leniently (a unit may be half written)."""
    from ..errors import ContentError
    from .pipeline import read_unit_draft

    ids: set[str] = set()
    for unit in sorted(p for p in course_dir.iterdir() if (p / "facts.yaml").is_file()):
        try:
            draft = read_unit_draft(course_dir, unit.name)
        except ContentError:
            continue
        ids |= {e["id"] for e, _ in draft.entries if isinstance(e, dict) and isinstance(e.get("id"), str)}
    return ids

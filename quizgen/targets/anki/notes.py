"""What goes into Anki: stable identities, note types with their card templates, and each note's fields.

Identity never depends on content or on the clock: GUIDs come from (course
slug, fact id, template id); note type, deck, field and card template ids from
stable names. Card HTML and CSS live in `templates/anki/`; a course's own
`templates/anki/` overrides them by file name.
"""
from __future__ import annotations

import difflib
import hashlib
import html
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ...cards import DeckSelection, LeftOut
from ...errors import ContentError, Problem
from ...grammar import article_for_answer, hedged_article
from ...i18n import N_, messages
from ...model import CLOZE_BLANK, LETTERS, Citation, Course, Item
from ...paths import COURSE_FILE, FACTS_FILE, decode_problem, outside_course
from ...text import fold

RETIRED_TAG = "quizgen::retired"
# Option fields of the choice note type (Option1..Option6): more than the generator offers,
# to leave room. Changing it changes the note type, so it stays fixed.
OPTION_FIELDS = 6
CARD_TEMPLATE_FILES = (
    "style.css",
    "about.html",
    "recall-front.html",
    "recall-back.html",
    "reverse-front.html",
    "reverse-back.html",
    "choice-front.html",
    "choice-back.html",
    "cloze-front.html",
    "cloze-back.html",
)

_ABOUT_FIELDS = ("Source", "Quote", "Explanation", "Context", "Note")
ABOUT_PLACEHOLDER = "<!-- quizgen:about -->"  # where a card template takes about.html


# --- stable identities -------------------------------------------------------------------


def _digest(*parts: str) -> bytes:
    return hashlib.sha256("\x1f".join(("quizgen",) + parts).encode("utf-8")).digest()


def stable_id(*parts: str) -> int:
    """A positive integer id from stable names, below 2**53 so every client reads it exactly."""
    value = int.from_bytes(_digest(*parts)[:8], "big")
    return (1 << 32) + value % ((1 << 53) - (1 << 32))


_GUID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def note_guid(course_slug: str, fact_id: str, template_id: str) -> str:
    """The GUID of the note for one fact and question template: never depends on content."""
    value = int.from_bytes(_digest("note", course_slug, fact_id, template_id)[:12], "big")
    chars = []
    while value:
        value, rest = divmod(value, len(_GUID_ALPHABET))
        chars.append(_GUID_ALPHABET[rest])
    return "".join(reversed(chars)) or "0"


def deck_id(course_slug: str, unit_slug: str | None = None) -> int:
    """The id of a course's deck, or of one unit's subdeck: titles may change, ids do not."""
    if unit_slug is None:
        return stable_id("deck", course_slug)
    return stable_id("deck", course_slug, unit_slug)


# --- deck names ---------------------------------------------------------------------------

RETIRED_DECK = "Retired"  # the subdeck a retired note's card goes to where a learner gets it new


def deck_title(title: str, fallback: str) -> str:
    """A course or unit title as one level of an Anki deck name.

    Anki reads "::" as a subdeck separator, and a card template may show the deck name as it is
    ({{Deck}}, {{Subdeck}}): "::" becomes ": ", "<" and ">" become "‹" and "›", and the openings
    Anki reads as sound, speech or formulas are broken (see `inert`).
    """
    name = re.sub(r"\s*:{2,}\s*", ": ", title).strip(" :").replace("<", "‹").replace(">", "›")
    return inert(name) or fallback


def unit_deck_name(course: Course, unit_title: str, unit_slug: str) -> str:
    return f"{deck_title(course.title, course.slug)}::{deck_title(unit_title, unit_slug)}"


def retired_deck(course: Course) -> tuple[str, int]:
    """The name and id of the subdeck where retired notes' cards go (a unit of that title keeps its name)."""
    units = {deck_title(u.title, u.slug).casefold() for u in course.units}
    name = RETIRED_DECK if RETIRED_DECK.casefold() not in units else f"{RETIRED_DECK} cards"
    return f"{deck_title(course.title, course.slug)}::{name}", stable_id("retired-deck", course.slug)


# --- which items become notes -------------------------------------------------------------


def note_model(item: Item, recorded_model: str | None) -> str:
    """The note type an item's note gets: its type's, unless the lock recorded the other of recall and
    choice, which it keeps (Anki skips an update that changes a note's type)."""
    key = MODEL_OF_TYPE[item.type]
    if recorded_model is not None and {recorded_model, key} <= {"recall", "choice"}:
        return recorded_model
    return key


# Why a card is not in the deck, as its notice tells a learner who had it: "Retired from the course on
# 1 March 2026: <reason>."
REASONS = {
    "true-false": N_("true-or-false cards left the deck, since half of them rehearse a false statement"),
    "sheets": N_("this question is now asked on worksheets only"),
    "long": N_("its answer is too long to recall as one piece"),
    "repeats": N_("another card of the same fact asks for the same answer"),
    "same-front": N_("another card asks the same question"),
    "removed": N_("its fact was taken out of the course"),
    "replaced": N_("its question was replaced by another"),
}


# --- note types --------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelSpec:
    key: str
    fields: tuple[str, ...]
    templates: tuple[tuple[str, str, str], ...]  # (name, front file, back file)
    cloze: bool = False


MODEL_SPECS = {
    "recall": ModelSpec(
        "recall",
        ("Front", "Back", "Reverse", "ReverseAnswer") + _ABOUT_FIELDS,
        (("Card", "recall-front.html", "recall-back.html"), ("Reverse", "reverse-front.html", "reverse-back.html")),
    ),
    "choice": ModelSpec(
        "choice",
        ("Question",) + tuple(f"Option{i}" for i in range(1, OPTION_FIELDS + 1))
        + ("Correct", "Answer", "Reverse", "ReverseAnswer") + _ABOUT_FIELDS,
        (("Choice", "choice-front.html", "choice-back.html"), ("Reverse", "reverse-front.html", "reverse-back.html")),
    ),
    "cloze": ModelSpec(
        "cloze",
        ("Text", "Prompt") + _ABOUT_FIELDS,
        (("Cloze", "cloze-front.html", "cloze-back.html"),),
        cloze=True,
    ),
}
MODEL_OF_TYPE = {"recall": "recall", "mcq": "choice", "tf": "choice", "cloze": "cloze"}


def card_template_files(course: Course | None = None) -> dict[str, tuple[str, str]]:
    """The card HTML and CSS by file name, as (path, text): quizgen's own, or the course's `templates/anki/`.

    A course file that is not UTF-8, or that a link leads out of the course, is a ContentError naming it.
    """
    base = resources.files("quizgen.templates") / "anki"
    language = course.language if course is not None else None
    files = {name: (str(base / name), own_card_text((base / name).read_text(encoding="utf-8"), language))
             for name in CARD_TEMPLATE_FILES}
    if course is not None and course.templates_dir:
        own = Path(course.templates_dir) / "anki"
        problems = []
        for name in CARD_TEMPLATE_FILES:
            path = own / name
            if not os.path.lexists(path):
                continue
            why = outside_course(path, course.path or Path(course.templates_dir).parent)
            if why:
                problems.append(Problem(why, file=str(path)))
                continue
            try:
                data = path.read_bytes()
                files[name] = (str(path), data.decode("utf-8-sig"))
            except UnicodeDecodeError as exc:
                message, line = decode_problem(data, exc)
                problems.append(Problem(message, file=str(path), line=line))
            except OSError as exc:
                problems.append(Problem(f"cannot read the file: {exc.strerror or exc}", file=str(path)))
        if problems:
            raise ContentError(problems)
    return files


def own_card_text(text: str, language: str | None) -> str:
    """One of quizgen's own card files with its labels in the course's language.

    Anki's own markup is {{Field}}, so the labels are marked [[ _("...") ]] and rendered by Jinja with those
    delimiters (and comments as [# #], since Anki's {{#Field}} opens a section); a course's own files are
    Anki's to read as they are.
    """
    from jinja2 import Environment

    env = Environment(variable_start_string="[[", variable_end_string="]]", comment_start_string="[#",
                      comment_end_string="#]", block_start_string="[%", block_end_string="%]",
                      keep_trailing_newline=True, autoescape=True, extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(messages(language).translations, newstyle=True)  # type: ignore[attr-defined]
    return env.from_string(text).render()


def load_card_templates(course: Course | None = None, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """Read the card HTML and CSS: quizgen's own, then a course's `templates/anki/`, then `overrides`."""
    texts = {name: text for name, (_, text) in card_template_files(course).items()}
    for name, text in (overrides or {}).items():
        if name not in CARD_TEMPLATE_FILES:
            raise ValueError(f"unknown card template file {name!r}; expected one of {', '.join(CARD_TEMPLATE_FILES)}")
        texts[name] = text
    return {name: text.replace("\r\n", "\n") for name, text in texts.items()}


# --- checking card templates -------------------------------------------------------------
#
# Anki's card templates are a small Mustache: {{Field}}, {{filter:...:Field}}, sections
# {{#Field}}...{{/Field}} and {{^Field}}...{{/Field}}, and special fields. A section left
# open stops the package from being written; a field the note type lacks makes every card
# show "template has a problem". Both are found here, at their file and line.

SPECIAL_FIELDS = ("FrontSide", "Tags", "Type", "Deck", "Subdeck", "CardFlag", "Card", "CardID")
_TAG = re.compile(r"\{\{(.*?)\}\}", re.S)


def _users(name: str, texts: dict[str, str]) -> list[tuple[ModelSpec, str]]:
    """The note types whose cards use a template file, and on which side ('front' or 'back').

    about.html is used wherever a card template holds its placeholder.
    """
    out = []
    for spec in MODEL_SPECS.values():
        for _, front, back in spec.templates:
            for side, file in (("front", front), ("back", back)):
                if file == name or (name == "about.html" and ABOUT_PLACEHOLDER in texts.get(file, "")):
                    out.append((spec, side))
    return out


def check_card_templates(course: Course) -> list[Problem]:
    """Every problem of the card HTML a deck of this course would use: tags, sections, field names."""
    try:
        files = card_template_files(course)
    except ContentError as exc:
        return exc.problems
    problems = []
    for name, (path, text) in files.items():
        if name == "style.css":
            continue
        users = _users(name, {n: text for n, (_, text) in files.items()})
        fields = set(SPECIAL_FIELDS)
        if users:
            fields |= set.intersection(*(set(spec.fields) for spec, _ in users))
        on_front = any(side == "front" for _, side in users)
        found, shown, cloze = _template_problems(text, fields, on_front)
        if on_front and not found and name != "about.html":
            # Anki makes a card only when its front shows some field's content
            if not shown - set(SPECIAL_FIELDS):
                found.append(("the front of a card must show at least one field (such as {{Question}}); "
                              "without one Anki makes no cards from it", 1))
            elif any(spec.cloze for spec, _ in users) and not cloze:
                found.append(("the front of a cloze card must show its text with {{cloze:Text}}; without it "
                              "Anki makes no cards from it", 1))
        problems += [Problem(message, file=path, line=line) for message, line in found]
        if not found:
            problems += [Problem(message, file=path, line=line) for message, line in _card_rule_problems(name, text)]
    return problems


def _card_rule_problems(name: str, text: str) -> list[tuple[str, int]]:
    """Where a front would make Anki give notes other cards than the deck means: every note its first card,
    a reversed card only to a note whose Reverse field is filled."""
    from .cardgen import SPECIAL_FIELDS, TemplateSyntaxError, front_shows, parse_template

    try:
        nodes = parse_template(text)
    except TemplateSyntaxError:
        return []  # reported as a section problem
    out = []
    specials = set(SPECIAL_FIELDS) - {"FrontSide"}
    for spec in MODEL_SPECS.values():
        if spec.cloze:
            continue  # cloze cards come from the cloze numbers in the fields
        for ord_, (_, front, _) in enumerate(spec.templates):
            if front != name:
                continue
            if ord_ == 0:
                main = spec.fields[0]
                if front_shows(nodes, {main} | specials) is None:
                    out.append((f"the front shows nothing when a note fills only {{{{{main}}}}} (as a retired note "
                                f"does): Anki would not make this card for it; show {{{{{main}}}}} outside any "
                                f"section", 1))
                continue
            node = front_shows(nodes, set(spec.fields) - {"Reverse", "ReverseAnswer"} | specials)
            if node is not None:
                line = text.count("\n", 0, node.offset) + 1
                out.append((f"the front shows {{{{{node.key}}}}} also for a note without a reversed card (its "
                            f"Reverse field empty): Anki would make a reversed card for every note; show it "
                            f"inside {{{{#Reverse}}}}...{{{{/Reverse}}}}", line))
    return list(dict.fromkeys(out))


def _template_problems(text: str, fields: set[str], on_front: bool) -> tuple[list[tuple[str, int]], set, bool]:
    """The problems of one card template, the fields it shows, and whether it has a cloze filter."""
    out = []
    stack: list[tuple[str, int]] = []
    shown: set[str] = set()
    cloze = False

    def line_at(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    end = 0
    for match in _TAG.finditer(text):
        line = line_at(match.start())
        end = match.end()
        if "{{" in match.group(1):
            out.append(("a '{{' is not closed by '}}' before the next tag", line))
            continue
        inner = match.group(1).strip()
        if not inner:
            out.append(("empty tag '{{}}'", line))
            continue
        if inner[0] in "#^/":
            name = inner[1:].strip()
            if inner[0] == "/":
                if not stack:
                    out.append((f"'{{{{/{name}}}}}' closes a section that was never opened", line))
                elif stack[-1][0] != name:
                    opened, at = stack.pop()
                    out.append((f"'{{{{/{name}}}}}' closes the section '{{{{#{opened}}}}}' opened on line {at}; "
                                f"close it with '{{{{/{opened}}}}}'", line))
                else:
                    stack.pop()
                continue
            stack.append((name, line))
        else:
            name = inner.rsplit(":", 1)[-1].strip()
            shown.add(name)
            cloze = cloze or "cloze" in (f.strip() for f in inner.split(":")[:-1])
        if name == "FrontSide" and on_front:
            out.append(("{{FrontSide}} can only be used on the back of a card", line))
        elif name not in fields:
            close = difflib.get_close_matches(name, sorted(fields), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "fields: " + ", ".join(sorted(fields))
            out.append((f"no field '{name}' in the note types that use this file ({hint}); every card would "
                        f"show Anki's \"template has a problem\"", line))
    if "{{" in text[end:]:
        out.append(("a '{{' is never closed by '}}'", line_at(text.index("{{", end))))
    for name, line in stack:
        out.append((f"the section '{{{{#{name}}}}}' is never closed; add '{{{{/{name}}}}}'", line))
    return out, shown, cloze


def _expand(text: str, texts: dict[str, str], type_in: bool) -> str:
    text = text.replace(ABOUT_PLACEHOLDER, texts["about.html"].strip())
    text = text.replace("<!-- quizgen:type-in -->", "{{type:Back}}" if type_in else "")
    text = text.replace(
        "<!-- quizgen:answer -->", "{{type:Back}}" if type_in else '<div class="answer">{{Back}}</div>'
    )
    return "\n".join(line.rstrip() for line in text.strip().splitlines() if line.strip())


def model_json_core(spec: ModelSpec, course: Course, texts: dict[str, str]) -> dict:
    """Everything that defines a note type, with ids derived from stable names."""
    slug = course.slug
    return {
        "id": stable_id("model", slug, spec.key),
        "name": f"quizgen {spec.key} ({slug})",
        "css": texts["style.css"].strip() + "\n",
        "cloze": spec.cloze,
        "fields": [{"name": name, "id": stable_id("field", slug, spec.key, name)} for name in spec.fields],
        "templates": [
            {
                "name": name,
                "id": stable_id("template", slug, spec.key, name),
                "qfmt": _expand(texts[front], texts, course.settings.type_in and spec.key == "recall"),
                "afmt": _expand(texts[back], texts, course.settings.type_in and spec.key == "recall"),
            }
            for name, front, back in spec.templates
        ],
    }


def content_hash(data) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- note content ------------------------------------------------------------------------


# Anki reads more than HTML in a field: "{{c2::...}}" in any field of a cloze note makes a card,
# "[sound:...]" and "[anki:tts]...[/anki:tts]" play, "[latex]" and "[$]" are typeset, and MathJax typesets
# "\(...\)" and "\[...\]". A word joiner (U+2060, invisible) inside each such opening keeps it from
# being read. Characters, unlike HTML entities, survive a learner editing the note in Anki's editor.
WORD_JOINER = "\u2060"
_ANKI_MARKUP = re.compile(r"(?<=\{)(?=\{)|(?<=\})(?=\})|(?<=\[)(?=/?(?:sound:|anki:|latex\]|\$))|(?<=\\)(?=[(\[])",
                          re.I)


def inert(text: str) -> str:
    """Break every opening that Anki reads as markup (cloze, field, sound, TTS, LaTeX, MathJax) with a word joiner."""
    return _ANKI_MARKUP.sub(WORD_JOINER, text)


def text_html(value: str) -> str:
    """Plain text to field HTML: every character shows literally, and Anki reads nothing in it as markup."""
    return inert(html.escape(value or "", quote=True).replace("\r\n", "\n").replace("\n", "<br>"))


def is_web_link(url: str) -> bool:
    return bool(re.match(r"https?://[^\s]+$", url or "", re.I))


def _source_html(citation: Citation | None, language: str | None = None) -> str:
    if citation is None or not citation.title:
        return ""
    title = text_html(citation.title)
    if is_web_link(citation.url):  # the loader refuses other links; a card never carries one
        title = f'<a href="{inert(html.escape(citation.url, quote=True))}">{title}</a>'
    parts = [title] + [text_html(p) for p in (citation.publisher, citation.date) if p]
    if citation.paragraph:
        where = messages(language).gettext("paragraph %(number)s", number=citation.paragraph)
        parts.append(text_html(where))
    return ", ".join(parts)


def _cloze_part(value: str) -> str:
    # Keep the answer from closing or splitting Anki's {{c1::...}} marker: "::" would start a hint, and a
    # "}" at its end would close it early.
    text = text_html(value).replace("::", ":" + WORD_JOINER + ":")
    return text + WORD_JOINER if text.endswith(("}", ":")) else text


def _options_problem(item: Item) -> ContentError:
    return ContentError([Problem(
        f"item '{item.id}' has {len(item.options)} options (correct: {item.correct}); "
        f"an Anki multiple-choice card takes 2 to {OPTION_FIELDS} and one correct option",
        fact=item.fact_ids[0] if item.fact_ids else "")])


def fields_for(item: Item, key: str, language: str | None = None) -> dict[str, str]:
    """The note's fields, as HTML, for the note type `key`.

    An item normally goes to the note type of its type, but a note keeps the note type it
    was first shipped with (Anki would refuse the update otherwise): a multiple-choice
    question that became a recall one (too few distractors left) stays a choice note
    without options, and the other way round a recall note lists the options in its front.
    """
    cite = item.citation
    values = {
        "Source": _source_html(cite, language),
        "Quote": text_html(cite.quote) if cite else "",
        "Explanation": text_html(item.explanation),
        "Context": text_html(item.context),
        "Note": text_html(item.note),
    }
    reverse = item.reverse or ("", "")
    has_options = item.type in ("mcq", "tf")
    if has_options and (not 2 <= len(item.options) <= OPTION_FIELDS or not 0 <= item.correct < len(item.options)):
        raise _options_problem(item)
    if key == "recall":
        front, back = text_html(item.stem), text_html(item.answer)
        if has_options:
            front += "".join(f"<br>{LETTERS[i]}. {text_html(o)}" for i, o in enumerate(item.options))
            back = f"{LETTERS[item.correct]}. {text_html(item.options[item.correct])}"
        values.update(Front=front, Back=back, Reverse=text_html(reverse[0]), ReverseAnswer=text_html(reverse[1]))
    elif key == "choice":
        options = item.options if has_options else ()
        for i in range(OPTION_FIELDS):
            values[f"Option{i + 1}"] = text_html(options[i]) if i < len(options) else ""
        values.update(
            Question=text_html(item.stem),
            Correct=LETTERS[item.correct] if has_options else "",
            Answer=text_html(item.options[item.correct] if has_options else item.answer),
            Reverse=text_html(reverse[0]), ReverseAnswer=text_html(reverse[1]),
        )
    else:
        before, answer, after = item.cloze or ("", item.answer, "")
        head, hedged, space = hedged_article(before)
        if hedged:
            # The front hides the article with the answer, its hint "a(n) ..." giving nothing away; the back shows
            # them as they read ("a natural candle"), never "a(n) natural".
            filled = f"{article_for_answer(hedged, answer)}{space or ' '}{answer}"
            deletion = f"{{{{c1::{_cloze_part(filled)}::{text_html(hedged)} ...}}}}"
            text = f"{text_html(head)}{deletion}{text_html(after)}"
        else:
            text = f"{text_html(before)}{{{{c1::{_cloze_part(answer)}}}}}{text_html(after)}"
        default_stem = f"{before}{CLOZE_BLANK}{after}".strip()
        prompt = "" if " ".join(item.stem.split()) == " ".join(default_stem.split()) else item.stem
        values.update(Text=text, Prompt=text_html(prompt))
    return values


# --- what Anki would read as markup -------------------------------------------------------

_MARKUP_KINDS = (  # (pattern, what Anki would make of it)
    (re.compile(r"\{\{c\d+::"), "a cloze deletion"),
    (re.compile(r"\{\{"), "a field reference"),
    (re.compile(r"\[sound:", re.I), "a sound to play"),
    (re.compile(r"\[/?anki:", re.I), "text to speak"),
    (re.compile(r"\[/?(?:latex\]|\$)", re.I), "a LaTeX formula"),
    (re.compile(r"\\[(\[]"), "a MathJax formula"),
)


def anki_markup(text: str) -> tuple[str, str] | None:
    """The first piece of a text Anki would read as markup, and what it would make of it; None if there is none."""
    found = [(m.start(), m.group(), what) for pattern, what in _MARKUP_KINDS if (m := pattern.search(text))]
    if not found:
        return None
    _, piece, what = min(found, key=lambda f: f[0])
    return piece, what


def _warned_as_items(out: LeftOut, other: Item | None) -> bool:
    """Whether the generator already warns that the two items ask the same question (`duplicate-question`):
    the same type and question, and for a two-statement question also the same two statements."""
    item = out.item
    if out.reverse or other is None or item.type != other.type or fold(item.stem) != fold(other.stem):
        return False
    return len(item.options) != 2 or sorted(map(fold, item.options)) == sorted(map(fold, other.options))


def check_deck_text(course: Course, selection: DeckSelection) -> list[Problem]:
    """Warnings for text the deck changes so that Anki reads it literally: titles that are not valid deck
    names, and facts holding what Anki reads as markup (cloze deletions, sounds, formulas)."""
    out = []
    titles = [(course.title, course.slug, Path(course.path or ".") / COURSE_FILE, course.title_line, "course")]
    titles += [(u.title, u.slug, Path(u.path) / FACTS_FILE, u.title_line, f"unit '{u.slug}'") for u in course.units]
    for title, slug, path, line, whose in titles:
        shown = deck_title(title, slug)
        if shown.replace(WORD_JOINER, "") != title:
            out.append(Problem(
                f"the {whose} title becomes the Anki deck name '{shown.replace(WORD_JOINER, '')}': a deck name "
                f"takes no '::' (Anki's subdeck separator), '<', '>', or leading or trailing ':'",
                file=str(path), line=line, level="warning", code="deck-name"))
    facts = {fact.id: fact for fact in course.facts}
    by_id = {item.id: item for item in selection.items}
    for out_ in selection.left_out:
        fact = facts.get(out_.item.fact_ids[0])
        if out_.reason == "same-front" and fact is not None and not _warned_as_items(out_, by_id.get(out_.other)):
            asked = out_.item.reverse[0] if out_.reverse and out_.item.reverse else out_.item.stem
            out.append(Problem(
                f"the deck leaves out this {'reversed ' if out_.reverse else ''}card: a card of '{out_.other}' asks "
                f"the same question, and two cards with one question interfere: '{asked}'", file=fact.file,
                line=fact.line, fact=fact.id, item=out_.item.id, level="warning", code="duplicate-question"))
    kept = {i.fact_ids[0] for i in selection.items if i.fact_ids}
    for fact in course.facts:
        if fact.id not in kept:
            continue
        texts = [(name, value) for name, value in fact.fields.items() if isinstance(value, str)]
        texts += [("explanation", fact.explanation), ("note", fact.note), ("context", fact.context),
                  ("source.quote", fact.quote)] + [("distractors", value) for value in fact.distractors]
        for name, value in texts:
            found = anki_markup(value or "")
            if found:
                piece, what = found
                out.append(Problem(
                    f"'{piece}' is what Anki reads as {what}; the deck shows it as typed", file=fact.file,
                    line=fact.line, fact=fact.id, field=name, level="warning", code="anki-markup"))
    return out


# --- retired notes -------------------------------------------------------------------------

REMOVAL_STEP = N_("To remove every retired card: open Browse, search tag:quizgen::retired, select all, "
                  "then choose Notes > Delete.")


def retirement_notice(retired_on: str, reason: str, language: str | None = None) -> str:
    """What a retired card says: when it left the course and why ("Retired from the course on 1 March 2026: ...")."""
    m = messages(language)
    return m.gettext("Retired from the course on %(date)s: %(reason)s.", date=m.date(retired_on),
                     reason=m.gettext(REASONS[reason]))


def retired_fields(key: str, notice: str, reverse: bool, language: str | None = None) -> dict[str, str]:
    """A retired note's fields: the notice on the front of each of its cards, the removal step as the answer.

    Nothing of the retired statement is left. A reversed card keeps existing (with the notice) where
    the note had one, so that Anki's card rule gives the note exactly the cards a learner may have.
    """
    fields = dict.fromkeys(MODEL_SPECS[key].fields, "")
    m = messages(language)
    notice_html, step_html = text_html(notice), text_html(m.gettext(REMOVAL_STEP))
    if key == "cloze":  # a cloze card exists only by its deletion: a pointer to the step, which the answer shows
        deletion, hint = m.gettext(N_("You may delete this card.")), m.gettext(N_("how to remove it"))
        fields["Text"] = f"{notice_html} {{{{c1::{deletion}::{hint}}}}}"
        fields["Explanation"] = step_html
        return fields
    fields["Front" if key == "recall" else "Question"] = notice_html
    fields["Back" if key == "recall" else "Answer"] = step_html
    if reverse:
        fields["Reverse"], fields["ReverseAnswer"] = notice_html, step_html
    return fields


def _tag(value: str) -> str:
    return "_".join(value.split())


def tags_for(item: Item) -> list[str]:
    tags = {f"quizgen::{_tag(item.course)}::{_tag(item.unit)}"}
    tags.update(_tag(t) for t in item.tags if t.strip())
    if item.kind:
        tags.add(_tag(item.kind))
    return sorted(tags)


def note_hash(key: str, model_id: int, deck: int, fields: list[str], tags: list[str]) -> str:
    return content_hash({"model": key, "model_id": model_id, "deck": deck, "fields": fields, "tags": sorted(tags)})


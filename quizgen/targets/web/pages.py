"""The web quiz's pages: the views of each question, rendered through the sandboxed templates."""
from __future__ import annotations

import json
import random
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
)
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ...answers import Answers, answers_for, rules
from ...errors import ContentError, Problem
from ...i18n import N_, Messages, Np_, messages
from ...itemtypes import FACT_LABEL, ITEM_TYPES, OPINION_LABEL, holds, label
from ...model import CLOZE_BLANK, Course, Item, Unit
from ...options import arrange_options, in_order
from ...paths import COURSE_FILE
from ...rng import rng_for
from ...text import quote_span
from ...webpage import csp_hash

WEB_DIR = "web"
STYLE_FILE = "style.css"
SCRIPT_FILE = "quiz.js"
DATA_ID = "quiz-data"  # the id of the JSON block the script reads
RESERVED_SLUGS = ("index",)
# A page's templates may take this many steps (loop iterations, calls, filters: see generate/templates.py),
# and this many more per question. The shipped ones take about 5 per question (332 for the shipped course's
# unit page), so a course's own have room to spare, while a loop that never ends stops within a second.
PAGE_STEPS = 100_000
QUESTION_STEPS = 1_000
PLURAL_TABLE = 200  # the script's plural form for counts 0-199; a larger count takes that of 100 + count % 100

# The script's texts by key, as `Messages` gives them (a pair: singular and plural, by the count `num`).
SCRIPT_MESSAGES: dict[str, str | tuple[str, str]] = {
    "so_far": Np_("%(right)s of %(num)s right so far", "%(right)s of %(num)s right so far"),
    "score": N_("%(right)s right, %(wrong)s wrong, %(left)s to go"),
    "score_all": Np_("%(score)s: all answered, %(right)s of %(num)s right",
                     "%(score)s: all answered, %(right)s of %(num)s right"),
    "score_line": N_("Score: %(score)s."),
    "practising": Np_("Practising the %(num)s you missed.", "Practising the %(num)s you missed."),
    "missed": N_("Practise the ones I missed"),
    "missed_count": Np_("Practise the ones I missed (%(num)s)", "Practise the ones I missed (%(num)s)"),
    "practising_new_order": Np_("Practising the %(num)s question you missed, with the options in a new order.",
                                "Practising the %(num)s questions you missed, with the options in a new order."),
    "showing_all": N_("Showing every question. Score: %(score)s."),
    "started_again": N_("Started again: every question is unanswered, with the options in a new order."),
    "show_model": N_("Show the model answer"),
    "check": N_("Check"),
    "accepted": N_("Your answer is one the key accepts."),
    "marked_right": N_("You marked your answer right."),
    "marked_wrong": N_("You marked your answer wrong."),
    "mark_yours": N_("Mark your answer"),
    "compare": N_("Compare your answer with the model answer. Did you get it right?"),
    "got_right": N_("I got it right"),
    "got_wrong": N_("I got it wrong"),
    "did_you": N_("Did you get it right?"),
    "right": N_("Right."),
    "not_right": N_("Not right."),
    "next": N_("Next question"),
    "said_right": N_("%(number)s: right."),
    "said_not_right": N_("%(number)s: not right."),
    "choose_first": N_("Choose an answer first."),
    "you_chose": N_("You chose: %(answer)s."),
    "correct_answer": N_("Correct answer"),
    "your_answer": N_("Your answer"),
    "answer_is": N_("The answer is: %(answer)s."),
    "missing_words": N_("The missing word or words"),
    "type_first": N_("Type your answer first."),
    "you_wrote": N_("You wrote: “%(answer)s”."),
    "choose": N_("Choose…"),
    "choose_every_row": N_("Choose an answer for every row first."),
    "rows_right": Np_("%(right)s of %(num)s row right.", "%(right)s of %(num)s rows right."),
    "row_right": N_("right"),
    "should_be": N_("should be: %(answer)s"),
    "move_up": N_("Move up: %(event)s"),
    "move_down": N_("Move down: %(event)s"),
    "up": N_("Up"),
    "down": N_("Down"),
    "moved": N_("Moved to position %(place)s of %(num)s: %(event)s"),
    "events_right": Np_("%(right)s of %(num)s event in its right place.",
                        "%(right)s of %(num)s events in their right place."),
    "right_place": N_("right place"),
    "belongs_at": N_("belongs at place %(place)s"),
    "recall_label": N_("Your answer (an answer the key accepts counts at once; any other, you mark against the "
                       "model answer)"),
}


def script_strings(m: Messages) -> dict[str, Any]:
    """The script's texts in the course's language, and the plural form of each count (see quiz.js `t`)."""
    strings: dict[str, Any] = {}
    for key, message in SCRIPT_MESSAGES.items():
        if isinstance(message, tuple):
            forms = {m.plural_index(n) for n in range(PLURAL_TABLE)}
            strings[key] = [m.translations.ngettext(*message, n=next(n for n in range(PLURAL_TABLE)
                                                                      if m.plural_index(n) == form))
                            for form in range(max(forms) + 1)]
        else:
            strings[key] = m.translations.gettext(message)
    return {"strings": strings, "plural": [m.plural_index(n) for n in range(PLURAL_TABLE)]}


def render_web(course: Course, items: Iterable[Item], sheets: Iterable) -> dict[str, bytes]:
    """Render the index and one quiz page per sheet (`quizgen.plan.Sheet`); return {relative path: HTML bytes}."""
    sheets = [(sheet.slug, sheet.title, list(sheet.quiz_items)) for sheet in sheets]
    known = {item.id for item in items}
    problems = []
    for slug, _, sheet_items in sheets:
        if slug in RESERVED_SLUGS:
            problems.append(Problem(f"a unit named '{slug}' would overwrite the web quiz's {slug}.html; "
                                    f"rename the unit folder", file=str(Path(course.path) / COURSE_FILE),
                                    field="units"))
        for item in sheet_items:
            if item.id not in known:
                raise ValueError(f"sheet '{slug}' holds item '{item.id}', which is not among the course's items")
    if problems:
        raise ContentError(problems)
    env = make_environment(course)
    words = script_strings(messages(course.language))
    assets = Assets(load_asset(env, STYLE_FILE), load_asset(env, SCRIPT_FILE))
    units = {u.slug: u for u in course.units}
    pages = [_page_view(course, units, slug, title, sheet_items) for slug, title, sheet_items in sheets]

    files: dict[str, bytes] = {}
    index_data = {
        "kind": "index",
        "course": course.slug,
        "pages": [{"slug": p["slug"], "items": [q["id"] for q in p["questions"]]} for p in pages],
        **words,
    }
    files[f"{WEB_DIR}/index.html"] = _render(env, "index.html", assets, index_data, course=_course_view(course),
                                             pages=pages)
    for page in pages:
        data = {
            "kind": "quiz",
            "course": course.slug,
            "page": page["slug"],
            "answers": rules(course.language or "en"),  # how typed answers are normalised, as answers.py does
            "items": [q["data"] for q in page["questions"]],
            **words,
        }
        files[f"{WEB_DIR}/{page['slug']}.html"] = _render(env, "quiz.html", assets, data,
                                                          course=_course_view(course), page=page)
    return files


# --- templates ---------------------------------------------------------------------------


def package_web_dir() -> Path:
    """Return the folder of web templates shipped with quizgen."""
    return Path(str(resources.files("quizgen.templates"))) / WEB_DIR


def make_environment(course: Course) -> SandboxedEnvironment:
    """The metered sandbox (as for question templates), autoescaping: the course's `templates/web/` first."""
    from ...generate.templates import CourseTemplateLoader, QuestionSandbox

    loaders: list[BaseLoader] = []
    if course.templates_dir and (Path(course.templates_dir) / WEB_DIR).is_dir():
        loaders.append(CourseTemplateLoader(str(Path(course.templates_dir) / WEB_DIR),
                                            course.path or str(Path(course.templates_dir).parent)))
    loaders.append(FileSystemLoader(str(package_web_dir())))
    env = QuestionSandbox(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(messages(course.language).translations, newstyle=True)  # type: ignore[attr-defined]
    return env


class Assets:
    """The page's inline style and script, with the hashes the Content Security Policy allows."""

    def __init__(self, style: str, script: str) -> None:
        self.style = style
        self.script = script

    digest = staticmethod(csp_hash)

    def csp(self) -> str:
        """Nothing may load; only this style and this script may run."""
        return "; ".join((
            "default-src 'none'",
            f"script-src {self.digest(self.script)}",
            f"style-src {self.digest(self.style)}",
            "img-src data:",
            "font-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ))


def load_asset(env: SandboxedEnvironment, name: str) -> str:
    """Read a style sheet or script as it is (not rendered), refusing text that would end its element early."""
    assert env.loader is not None
    try:
        text, filename, _ = env.loader.get_source(env, name)
    except TemplateNotFound:
        raise ContentError([Problem(f"web template '{name}' is missing", file=str(package_web_dir() / name))]) \
            from None
    text = text.replace("\r\n", "\n")
    closing = "</style" if name.endswith(".css") else "</script"
    if closing in text.lower() or "<!--" in text:
        raise ContentError([Problem(f"must not contain '{closing}' or '<!--': inline, it would end the page's "
                                    f"<{closing[2:]}> element early", file=filename or name)])
    return text


def _render(env: SandboxedEnvironment, name: str, assets: Assets, data: dict, **context: Any) -> bytes:
    from ...generate.templates import TemplateRefused, metered

    # An index of no quiz pages (a course whose facts make no question yet) has no page to count.
    questions = sum(len(page.get("questions") or ()) for page in context.get("pages") or [context.get("page") or {}])
    try:
        template = env.get_template(name)
        with metered(PAGE_STEPS + QUESTION_STEPS * questions, what="a web template", unit=f"the page {name}"):
            html = template.render(
            csp=Markup(assets.csp()),  # fixed words and base64 only: no quote to escape
            style_tag=Markup(f"<style>{assets.style}</style>"),
            script_tag=Markup(f"<script>{assets.script}</script>"),
            data_tag=Markup(f'<script type="application/json" id="{DATA_ID}">{script_json(data)}</script>'),
                type_labels={key: declared.label for key, declared in ITEM_TYPES.items()},
                **context,
            )
    except TemplateRefused as exc:
        raise ContentError([Problem(exc.why, file=exc.path)]) from None
    except TemplateError as exc:
        file = getattr(exc, "filename", None) or _template_file(env, name)
        line = getattr(exc, "lineno", None) or _template_line(exc, file)
        raise ContentError([Problem(f"web template error: {getattr(exc, 'message', None) or exc}",
                                    file=file, line=line)]) from None
    except Exception as exc:  # a course's template asking too much of Python: range(10**9), 1/0
        file = _template_file(env, name)
        raise ContentError([Problem(f"web template error: {type(exc).__name__}: {exc}",
                                    file=file, line=_template_line(exc, file))]) from None
    return html.encode("utf-8")


def _template_file(env: SandboxedEnvironment, name: str) -> str:
    assert env.loader is not None
    try:
        return env.loader.get_source(env, name)[1] or name
    except TemplateError:
        return name


def _template_line(exc: BaseException, file: str) -> int:
    """The template line a runtime error was raised at: the last frame in the template's file (Jinja has
    rewritten the traceback to show template lines)."""
    line, tb = 0, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == file:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' can close or confuse it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --- what the templates show ----------------------------------------------------------------


def _course_view(course: Course) -> dict[str, Any]:
    return {"slug": course.slug, "title": course.title, "description": course.description,
            "language": course.language or "en"}


def _page_view(course: Course, units: dict[str, Unit], slug: str, title: str, items: list[Item]) -> dict[str, Any]:
    # Options in the order readers without JavaScript see them: numbers and dates in order, other keys spread.
    ordered = arrange_options(sorted(items, key=lambda i: (i.order, i.id)), course.slug, course.settings.seed,
                              slug, "web")
    questions = [_question_view(course, units, slug, n, item) for n, item in enumerate(ordered, 1)]
    sources = []
    for unit_slug in dict.fromkeys(i.unit for i in ordered):
        unit = units.get(unit_slug)
        if unit is not None:
            sources.append(_source_meta(unit))
    return {"slug": slug, "title": title, "questions": questions, "sources": sources,
            "is_exam": slug not in units}


def _source_meta(unit: Unit) -> dict[str, str]:
    s = unit.source
    return {"title": s.title, "author": s.author, "publisher": s.publisher, "date": s.date, "url": s.url,
            "attribution": s.attribution}


def _display_rng(course: Course, page: str, item: Item) -> random.Random:
    return rng_for(course.slug, course.settings.seed, page, "web", item.id)


def _not_identity(n: int, rng: random.Random) -> list[int]:
    perm = list(range(n))
    for _ in range(20):
        rng.shuffle(perm)
        if n < 2 or perm != list(range(n)):
            break
    return perm


def _question_view(course: Course, units: dict[str, Unit], page: str, number: int, item: Item) -> dict[str, Any]:
    """One question: what the HTML shows, and the data the script needs to check it."""
    if not holds("web", item.type):
        raise ValueError(f"item '{item.id}' has type '{item.type}', which the web quiz cannot show")
    m = messages(course.language)
    view: dict[str, Any] = {
        "number": number,
        "id": item.id,
        "anchor": f"q{number}",
        "type": item.type,
        "type_label": m.gettext(label(item.type)),
        "stem": item.stem,
        "explanation": item.explanation,
        "context": item.context,
        "note": item.note,
        "source": _source_view(units.get(item.unit), item),
    }
    data: dict[str, Any] = {"id": item.id, "type": item.type}
    if item.type in ("mcq", "tf"):
        if not item.options or not 0 <= item.correct < len(item.options):
            raise ValueError(f"item '{item.id}' has no correct option")
        options = [m.choice(o) for o in item.options] if item.type == "tf" else list(item.options)
        view["options"] = options
        view["answer"] = options[item.correct]
        data.update(options=options, correct=item.correct)
        if item.type == "mcq" and in_order(item.options) is not None:
            data["ordered"] = True  # numbers and dates stay in order: the script does not shuffle them
    elif item.type == "cloze":
        before, answer, after = item.cloze or ("", item.answer, "")
        parts = item.stem.split(CLOZE_BLANK, 1)
        if len(parts) == 2:
            view["prompt"], view["blank"] = "", (parts[0], parts[1])
        else:  # the template asked its own question: show it, then the sentence with its blank
            view["prompt"], view["blank"] = item.stem, (before, after)
        view["answer"] = answer
        answers = written(item, course)
        view["also"] = list(answers.also)
        data.update(accepted=list(answers.accepted))
    elif item.type in ("matching", "fact_opinion"):
        # A choice per row: matching offers the names (and a spare one or two) in a new order each time;
        # fact or opinion offers its two labels, always in the same order.
        if item.type == "matching":
            choices = [right for _, right in item.pairs] + list(item.extras)
            order = _not_identity(len(choices), _display_rng(course, page, item))  # for readers without script
            choices = [choices[k] for k in order]
        else:
            choices = [m.choice(FACT_LABEL), m.choice(OPINION_LABEL)]
        pairs = [[left, m.choice(right) if item.type == "fact_opinion" else right] for left, right in item.pairs]
        view["lefts"] = [left for left, _ in item.pairs]
        view["choices"] = choices
        view["pairs"] = pairs
        data.update(pairs=pairs, choices=choices, shuffle=item.type == "matching")
    elif item.type == "ordering":
        rng = _display_rng(course, page, item)
        order = _not_identity(len(item.sequence), rng)
        view["events"] = [item.sequence[k][1] for k in order]
        view["sequence"] = [list(s) for s in item.sequence]
        data.update(sequence=[list(s) for s in item.sequence])
    else:  # recall: an accepted answer is right at once; any other, the learner marks against the model answer
        view["answer"] = item.answer
        answers = written(item, course)
        view["also"] = list(answers.also)
        data.update(accepted=list(answers.accepted))
    view["data"] = data
    return view


def written(item: Item, course: Course) -> Answers:
    """The answer model of a written question (fill in the blank, short answer)."""
    answers = answers_for(item, course)
    if answers is None:
        raise ValueError(f"item '{item.id}' of type '{item.type}' has no written answer")
    return answers


def _source_view(unit: Unit | None, item: Item) -> dict[str, Any] | None:
    """The item's source as the feedback shows it: the citation, and the quote marked where it stands in its
    paragraph, "…" for the rest of the paragraph. Not the whole paragraph: one paragraph often answers the questions
    that come after this one. An item of several facts (matching, timeline) shows each fact's own quote."""
    cite = item.citation
    if cite is None:
        return None
    numbers = list(cite.paragraphs) or ([cite.paragraph] if cite.paragraph else [])
    texts = unit.source.paragraphs if unit is not None else ()
    if cite.quote:
        wanted = [(n, cite.quote) for n in numbers]
    else:
        facts = {f.id: f for f in unit.facts} if unit is not None else {}
        # in the order of the item's facts, each quote once, then by paragraph (a stable sort: never set order)
        wanted = sorted(dict.fromkeys((facts[i].paragraph, facts[i].quote) for i in item.fact_ids if i in facts
                                      and facts[i].paragraph in numbers and facts[i].quote),
                        key=lambda w: numbers.index(w[0]))
    paragraphs = []
    for n, quote in wanted:
        if not 1 <= n <= len(texts):
            continue
        found = quote_span(texts[n - 1], quote)
        if found is None:
            continue  # shown below the citation as the quote alone
        before, marked, after = found
        paragraphs.append({"number": n, "before": "… " if before.strip() else "", "quote": marked,
                           "after": " …" if after.strip() else ""})
    return {
        "title": cite.title, "publisher": cite.publisher, "date": cite.date, "url": cite.url,
        "numbers": numbers, "quote": cite.quote, "paragraphs": paragraphs,
        "found": len(paragraphs) == len(wanted) if cite.quote else True,
    }



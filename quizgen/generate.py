"""Turn facts into items through the Jinja2 question templates.

A question template is a file `questions/<kind>/<template-id>.j2`. It declares
its item type and the field its answer comes from with `{% set %}` lines, and
renders its question in `{% block stem %}`:

    {% set type = "mcq" %}{% set answer_field = "name" %}
    {% block stem %}Who was {{ fact.role }}?{% endblock %}

Templates a course keeps in its own `templates/` folder add to, or override,
the ones quizgen ships. All randomness comes from `rng_for`, seeded from
stable ids, so the same course always gives the same items.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import random
import re
import sys
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateRuntimeError,
    TemplateSyntaxError,
    nodes,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from . import schema
from .errors import Problems
from .loader import normalise
from .model import CLOZE_BLANK, Citation, Course, Fact, Item, Unit

ANY_KIND = "any"  # templates in questions/any/ apply to facts of every kind
AUTHOR = "the article"  # the claim speaker that stands for the article's own analysis
MAX_OPTIONS = 4
MIN_OPTIONS = 3
TEMPLATE_TYPES = ("recall", "cloze", "mcq", "tf")


def rng_for(*parts: str) -> random.Random:
    """Return a random generator seeded from stable strings (never hash() or the clock)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def human_date(iso: str) -> str:
    """Write an ISO date (2022, 2022-04 or 2022-04-28) the way people read it."""
    parts = [int(p) for p in str(iso).split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = calendar.month_name[parts[1]]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{parts[2]} {month} {parts[0]}"


def package_templates_dir() -> Path:
    """Return the folder of templates shipped with quizgen."""
    return Path(str(resources.files("quizgen.templates")))


MAX_RESULT = 10_000  # longest text or list a template may build with *
MAX_POWER_BITS = 100_000  # largest whole number a template may build with **


class QuestionSandbox(SandboxedEnvironment):
    """Jinja2's sandbox, also refusing `'x' * 10**9` and other huge results that would exhaust memory."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, int) and isinstance(left, int) and \
                max(abs(left).bit_length(), 1) * right > MAX_POWER_BITS:
            digits = int(max(abs(left).bit_length(), 1) * right * 0.30103)
            raise SecurityError(f"a power of about {digits:,} digits is too large for a question template")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_RESULT:
                    raise SecurityError(f"repeating a text or list {times} times is too large for a question template")
        return super().call_binop(context, operator, left, right)


def make_environment(course_templates: str | None) -> SandboxedEnvironment:
    """Build the sandboxed Jinja2 environment: course templates first, then quizgen's."""
    search = ([course_templates] if course_templates else []) + [str(package_templates_dir())]
    env = QuestionSandbox(
        loader=ChoiceLoader([FileSystemLoader(p) for p in search]),
        undefined=StrictUndefined,
        autoescape=False,  # items are plain text; each target escapes for its own format
        keep_trailing_newline=False,
    )
    env.filters["date"] = human_date
    return env


@dataclass(frozen=True)
class QuestionTemplate:
    """A question template, with the settings it declared."""

    id: str  # "<kind>/<name>"
    kind: str
    type: str
    answer_field: str
    file: str
    template: Any
    reverse_field: str = ""
    false_field: str = ""


def load_templates(env: SandboxedEnvironment, problems: Problems) -> dict[str, list[QuestionTemplate]]:
    """Find and compile every question template, grouped by fact kind."""
    names = sorted(n for n in env.list_templates(extensions=["j2"]) if n.startswith("questions/"))
    by_kind: dict[str, list[QuestionTemplate]] = {}
    for name in names:
        parts = name.split("/")
        if len(parts) != 3:
            continue
        kind, stem = parts[1], parts[2][: -len(".j2")]
        source_file = _template_file(env, name)
        if kind not in schema.FACT_KINDS and kind != ANY_KIND:
            problems.error(
                f"template folder '{kind}' is not a fact kind; expected one of: "
                f"{', '.join(schema.FACT_KINDS)} or '{ANY_KIND}'",
                file=source_file,
            )
            continue
        try:
            tmpl = env.get_template(name)
        except TemplateSyntaxError as exc:
            problems.error(f"template syntax error: {exc.message}", file=exc.filename or source_file, line=exc.lineno or 0)
            continue
        except UnicodeDecodeError as exc:
            data = Path(source_file).read_bytes() if Path(source_file).is_file() else b""
            problems.error(
                f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); save the file as UTF-8",
                file=source_file,
                line=data[: exc.start].count(b"\n") + 1,
            )
            continue
        declared = _declared(tmpl)
        qtype = declared.get("type")
        answer_field = declared.get("answer_field")
        if qtype not in TEMPLATE_TYPES:
            problems.error(
                f"template must declare {{% set type = \"...\" %}} with one of: {', '.join(TEMPLATE_TYPES)}; "
                + (f"got {qtype!r}" if qtype is not None else "it declares none at its top level"),
                file=source_file,
            )
            continue
        fields = schema.fact_field_names(kind) if kind != ANY_KIND else sorted(schema.FactBase.model_fields)
        if answer_field not in fields:
            problems.error(
                f"template must declare {{% set answer_field = \"...\" %}} naming a field of kind '{kind}' "
                f"({', '.join(fields)}); "
                + (f"got {answer_field!r}" if answer_field is not None else "it declares none at its top level"),
                file=source_file,
            )
            continue
        if "stem" not in tmpl.blocks and qtype != "cloze":
            problems.error("template has no {% block stem %}", file=source_file)
            continue
        by_kind.setdefault(kind, []).append(
            QuestionTemplate(
                id=f"{kind}/{stem}",
                kind=kind,
                type=qtype,
                answer_field=answer_field,
                file=source_file,
                template=tmpl,
                reverse_field=declared.get("reverse_field") or "",
                false_field=declared.get("false_field") or "",
            )
        )
    return by_kind


def _template_file(env, name: str) -> str:
    for loader in env.loader.loaders:
        for base in loader.searchpath:
            path = Path(base) / name
            if path.is_file():
                return str(path)
    return name


def _declared(tmpl) -> dict[str, Any]:
    """Read a template's top-level `{% set name = "text" %}` declarations.

    They are read from the template's syntax tree, so nothing in a course's
    template runs before its declarations are known; its blocks run later,
    one fact at a time, inside the sandbox.
    """
    env = tmpl.environment
    try:
        source = env.loader.get_source(env, tmpl.name)[0]
        tree = env.parse(source)
    except TemplateError:
        return {}
    declared: dict[str, Any] = {}
    for node in tree.body:
        if (
            isinstance(node, nodes.Assign)
            and isinstance(node.target, nodes.Name)
            and node.target.name in ("type", "answer_field", "reverse_field", "false_field")
            and isinstance(node.node, nodes.Const)
        ):
            declared[node.target.name] = node.node.value
    return declared


# --- generation ---------------------------------------------------------------


def generate_items(course: Course, problems: Problems | None = None) -> list[Item]:
    """Render every applicable template for every fact, plus per-unit matching and timeline items."""
    problems = problems if problems is not None else Problems()
    env = make_environment(course.templates_dir)
    templates = load_templates(env, problems)
    pools = _slot_pools(course)
    failures: dict[tuple[str, str], list[Fact]] = {}  # one message per broken template, not per fact
    items: list[Item] = []
    order = 0
    for unit in course.units:
        for fact in unit.facts:
            for qt in templates.get(fact.kind, []) + templates.get(ANY_KIND, []):
                item = _render(course, unit, fact, qt, pools, problems, failures)
                if item is not None:
                    order += 1
                    items.append(replace(item, order=order))
        for item in _unit_items(course, unit):
            order += 1
            items.append(replace(item, order=order))
    for (template_id, reason), facts in failures.items():
        first = facts[0]
        also = ""
        if len(facts) > 1:
            names = ", ".join(f"'{f.id}'" for f in facts[1:4]) + (", ..." if len(facts) > 4 else "")
            also = f"; it fails the same way for {len(facts) - 1} more fact{'s' * (len(facts) > 2)} ({names})"
        problems.error(f"template '{template_id}' failed for this fact: {reason}{also}",
                       file=first.file, line=first.line, fact=first.id)
    _check_no_duplicate_stems(items, problems)
    return items


def _fact_context(fact: Fact) -> dict[str, Any]:
    ctx = dict(fact.fields)
    ctx.update(id=fact.id, kind=fact.kind, tags=list(fact.tags), explanation=fact.explanation)
    return ctx


class TemplateCrash(TemplateRuntimeError):
    """A question template raised a plain Python error, e.g. `{{ 1/0 }}` or `range(10**9)`."""


def _render_block(qt: QuestionTemplate, block: str, ctx: dict[str, Any]) -> str:
    tmpl = qt.template
    try:
        out = "".join(tmpl.blocks[block](tmpl.new_context(ctx)))
    except TemplateError:
        raise
    except Exception as exc:  # a mistake in the (possibly course-provided) template: a content error
        raise TemplateCrash(f"{type(exc).__name__}: {exc}") from exc
    return re.sub(r"\s+", " ", out).strip()


def _template_line(qt: QuestionTemplate) -> int:
    exc = sys.exc_info()[1]
    line = 0
    while exc is not None and not line:  # a TemplateCrash carries the template's frames in its cause
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == qt.file:
                line = qt.template.get_corresponding_lineno(tb.tb_lineno)
            tb = tb.tb_next
        exc = exc.__cause__
    return line


def _explain(exc: Exception, kind: str) -> str:
    message = getattr(exc, "message", None) or str(exc)
    missing = re.fullmatch(r"'dict object' has no attribute '([^']+)'", message)
    if missing:
        return f"it names the field '{missing.group(1)}', which facts of kind '{kind}' do not have"
    if isinstance(exc, SecurityError):
        return (f"refused by the template sandbox: {message.rstrip('.')}; a question template may use only "
                f"fact fields, value, course, unit, author and filters")
    return message


def _display(kind: str, fieldname: str, value: Any) -> str:
    if value is None:
        return ""
    if schema.slot_of(kind, fieldname) == "date":
        return human_date(value)
    return str(value)


def _render(course: Course, unit: Unit, fact: Fact, qt: QuestionTemplate, pools, problems: Problems,
            failures: dict[tuple[str, str], list[Fact]]) -> Item | None:
    raw_answer = fact.fields.get(qt.answer_field)
    if raw_answer is None:
        return None  # an optional field this fact leaves out: the template does not apply
    if qt.kind == "claim" and fact.fields.get("speaker") == AUTHOR and qt.answer_field == "speaker":
        return None  # "who said it?" makes no sense for the article's own analysis
    if qt.false_field and fact.fields.get(qt.false_field) is None:
        return None  # a true/false template that needs the curator's false version, which this fact lacks
    item_id = f"{fact.id}/{qt.id.split('/', 1)[1]}"
    base = _fact_context(fact)
    ctx = {"fact": base, "course": course.title, "unit": unit.title, "value": "", "author": AUTHOR}
    answer = _display(fact.kind, qt.answer_field, raw_answer)
    item_type = qt.type
    options: tuple[str, ...] = ()
    correct = -1
    cloze = None
    reverse = None
    try:
        if qt.type == "cloze":
            match = schema.BLANK_RE.search(str(raw_answer))
            before, answer, after = raw_answer[: match.start()], match.group(1), raw_answer[match.end() :]
            cloze = (before, answer, after)
            stem = _render_block(qt, "stem", ctx) if "stem" in qt.template.blocks else ""
            stem = stem or f"{before}{CLOZE_BLANK}{after}"
        elif qt.type == "tf":
            rng = rng_for(course.slug, course.settings.seed, item_id, "tf")
            if qt.false_field:
                wrong = [_display(fact.kind, qt.false_field, fact.fields[qt.false_field])]
            else:
                wrong = _distractors(fact, qt, pools, 1, rng)
            truth = not wrong or rng.random() < 0.5
            ctx["value"] = answer if truth else wrong[0]
            stem = _render_block(qt, "stem", ctx)
            options, correct = ("True", "False"), (0 if truth else 1)
            answer = "True" if truth else "False"
        else:
            stem = _render_block(qt, "stem", ctx)
            if qt.type == "mcq":
                rng = rng_for(course.slug, course.settings.seed, item_id, "mcq")
                wrong = _distractors(fact, qt, pools, MAX_OPTIONS - 1, rng)
                if len(wrong) + 1 < MIN_OPTIONS:
                    problems.warning(
                        f"template '{qt.id}' needs at least {MIN_OPTIONS - 1} other values of slot "
                        f"'{schema.slot_of(fact.kind, qt.answer_field)}' for distractors, found {len(wrong)}; "
                        f"made a recall question instead",
                        file=fact.file, line=fact.line, fact=fact.id,
                    )
                    item_type = "recall"
                else:
                    shuffled = [*wrong, answer]
                    rng.shuffle(shuffled)
                    options, correct = tuple(shuffled), shuffled.index(answer)
            if qt.reverse_field and course.settings.reverse_cards and "reverse" in qt.template.blocks:
                reverse = (
                    _render_block(qt, "reverse", ctx),
                    _display(fact.kind, qt.reverse_field, fact.fields.get(qt.reverse_field)),
                )
        explanation = (
            _render_block(qt, "explanation", ctx) if "explanation" in qt.template.blocks else fact.explanation
        )
    except TemplateError as exc:
        reason = f"{_explain(exc, fact.kind)} (template {qt.file}, line {_template_line(qt)})"
        failures.setdefault((qt.id, reason), []).append(fact)
        return None
    if not stem:
        problems.error(f"template '{qt.id}' rendered an empty question", file=qt.file, fact=fact.id)
        return None
    if qt.type in ("recall", "mcq") and normalise(answer).casefold() in normalise(stem).casefold():
        problems.warning(
            f"template '{qt.id}' gives the answer away: '{answer}' appears in the question",
            file=fact.file, line=fact.line, fact=fact.id,
        )
    return Item(
        id=item_id,
        type=item_type,
        course=course.slug,
        unit=unit.slug,
        fact_ids=(fact.id,),
        template=qt.id,
        stem=stem,
        answer=answer,
        citation=_citation(unit, fact),
        explanation=explanation,
        context=fact.context,
        note=fact.note,
        options=options,
        correct=correct,
        cloze=cloze,
        tags=fact.tags,
        kind=fact.kind,
        reverse=reverse,
    )


def _citation(unit: Unit, fact: Fact) -> Citation:
    s = unit.source
    return Citation(title=s.title, paragraph=fact.paragraph, quote=fact.quote, url=s.url,
                    publisher=s.publisher, date=s.date)


# --- distractors --------------------------------------------------------------


@dataclass
class SlotPools:
    """Every fact field value in the course by slot, in course order, with the stems rendered so far."""

    course: Course
    by_slot: dict[str, list[tuple[Fact, str]]]
    stems: dict[tuple[str, str], str]

    def get(self, slot_name: str) -> list[tuple[Fact, str]]:
        return self.by_slot.get(slot_name, [])

    def stem_key(self, qt: QuestionTemplate, fact: Fact) -> str:
        """Return the normalised question a template asks of a fact, rendering it once."""
        key = (qt.id, fact.id)
        if key not in self.stems:
            ctx = {"course": self.course.title, "unit": "", "value": "", "author": AUTHOR, "fact": _fact_context(fact)}
            try:
                self.stems[key] = normalise(_render_block(qt, "stem", ctx)).casefold()
            except TemplateError:
                self.stems[key] = f"\x00{fact.id}"
        return self.stems[key]


def _slot_pools(course: Course) -> SlotPools:
    """Collect, per slot, every fact field value in the course, in course order."""
    pools: dict[str, list[tuple[Fact, str]]] = {}
    for fact in course.facts:
        for name, value in fact.fields.items():
            s = schema.slot_of(fact.kind, name)
            if s and value is not None and value != AUTHOR:
                pools.setdefault(s, []).append((fact, name))
    return SlotPools(course, pools, {})


def _distractors(fact: Fact, qt: QuestionTemplate, pools: SlotPools, count: int, rng: random.Random) -> list[str]:
    """Pick up to `count` wrong answers of the same slot that are false for this question."""
    slot_name = schema.slot_of(fact.kind, qt.answer_field)
    answer_raw = fact.fields[qt.answer_field]
    answer = _display(fact.kind, qt.answer_field, answer_raw)
    # A value is also right if another fact of this kind pairs it with the same question.
    my_stem = pools.stem_key(qt, fact)
    also_right = {normalise(answer).casefold()}
    for other, name in pools.get(slot_name):
        if other.kind == fact.kind and other.id != fact.id and name == qt.answer_field:
            if pools.stem_key(qt, other) == my_stem:
                also_right.add(normalise(_display(other.kind, name, other.fields[name])).casefold())
    seen, candidates, others = set(), [], []
    precision = str(answer_raw).count("-")
    for other, name in pools.get(slot_name):
        if slot_name == "date" and str(other.fields[name]).count("-") != precision:
            continue  # offer dates as precise as the answer, so the format gives nothing away
        text = _display(other.kind, name, other.fields[name])
        key = normalise(text).casefold()
        if key in also_right or key in seen:
            continue
        seen.add(key)
        # Values that answer the same kind of question come first (speakers for "who said");
        # the rest of the slot (any person) only fills up.
        (candidates if (other.kind, name) == (fact.kind, qt.answer_field) else others).append(text)
    rng.shuffle(candidates)
    rng.shuffle(others)
    picked = (candidates + others)[:count]
    if slot_name == "date" and len(picked) < count:
        picked += _near_dates(str(answer_raw), count - len(picked), rng, also_right | {normalise(p).casefold() for p in picked})
    return picked


def _near_dates(iso: str, count: int, rng: random.Random, taken: set[str]) -> list[str]:
    """Make plausible wrong dates of the same precision near the right one."""
    parts = [int(p) for p in iso.split("-")]
    out: list[str] = []
    for _ in range(200):
        if len(out) >= count:
            break
        if len(parts) == 1:
            cand = str(parts[0] + rng.choice([-3, -2, -1, 1, 2, 3]))
        elif len(parts) == 2:
            months = parts[0] * 12 + parts[1] - 1 + rng.choice([-5, -4, -3, -2, -1, 1, 2, 3, 4, 5])
            cand = f"{months // 12:04d}-{months % 12 + 1:02d}"
        else:
            day = dt.date(*parts) + dt.timedelta(days=rng.choice([-1, 1]) * rng.randint(3, 60))
            cand = day.isoformat()
        text = human_date(cand)
        if normalise(text).casefold() not in taken:
            taken.add(normalise(text).casefold())
            out.append(text)
    return out


# --- items drawn from several facts ---------------------------------------------------


def _unit_items(course: Course, unit: Unit) -> list[Item]:
    items = []
    people = [f for f in unit.facts if f.kind == "person"]
    terms = [f for f in unit.facts if f.kind == "term"]
    events = [f for f in unit.facts if f.kind == "event"]
    for name, facts, left, right, stem in (
        ("people", people, "name", "role", "Match each person to the description that fits them."),
        ("terms", terms, "term", "definition", "Match each term to its description."),
    ):
        if len(facts) >= 4:
            rng = rng_for(course.slug, course.settings.seed, unit.slug, "matching", name)
            chosen = sorted(rng.sample(facts, min(6, len(facts))), key=facts.index)
            items.append(_multi_item(course, unit, f"matching-{name}", "matching", chosen, stem,
                                     pairs=tuple((f.fields[left], f.fields[right]) for f in chosen)))
    dated = _distinct_dates(events)
    if len(dated) >= 4:
        rng = rng_for(course.slug, course.settings.seed, unit.slug, "ordering")
        chosen = sorted(rng.sample(dated, min(6, len(dated))), key=lambda f: f.fields["when"])
        items.append(_multi_item(
            course, unit, "timeline", "ordering", chosen,
            "Put these events in the order in which they happened, earliest first.",
            sequence=tuple((human_date(f.fields["when"]), f.fields["what"]) for f in chosen),
        ))
    return items


def _distinct_dates(events: list[Fact]) -> list[Fact]:
    """Keep events whose dates can be ordered unambiguously against each other."""
    kept: list[Fact] = []
    for f in events:
        when = f.fields["when"]
        if all(not (k.fields["when"].startswith(when) or when.startswith(k.fields["when"])) for k in kept):
            kept.append(f)
    return kept


def _multi_item(course, unit, name, itype, facts, stem, pairs=(), sequence=()) -> Item:
    if itype == "matching":
        answer = "; ".join(f"{a} — {b}" for a, b in pairs)
    else:
        answer = "; ".join(f"{d}: {w}" for d, w in sequence)
    paragraphs = sorted({f.paragraph for f in facts})
    return Item(
        id=f"{unit.slug}/{name}", type=itype, course=course.slug, unit=unit.slug,
        fact_ids=tuple(f.id for f in facts), template=f"unit/{name}", stem=stem, answer=answer,
        citation=Citation(title=unit.source.title, paragraph=paragraphs[0], quote="", url=unit.source.url,
                          publisher=unit.source.publisher, date=unit.source.date, paragraphs=tuple(paragraphs)),
        pairs=pairs, sequence=sequence, kind="multi",
    )


def _check_no_duplicate_stems(items: list[Item], problems: Problems) -> None:
    seen: dict[str, Item] = {}
    for item in items:
        if item.type in ("matching", "ordering"):
            continue
        key = normalise(item.stem).casefold() + "\x00" + item.type
        if key in seen and item.type != "tf":
            problems.warning(f"asks the same question as '{seen[key].id}': {item.stem}", fact=item.fact_ids[0])
        seen.setdefault(key, item)

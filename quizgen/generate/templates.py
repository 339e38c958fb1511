"""Question templates: the Jinja2 sandbox they run in, and finding and compiling them.

A question template is a file `questions/<kind>/<template-id>.j2`. It declares
its item type and the field its answer comes from with `{% set %}` lines, and
renders its question in `{% block stem %}`:

    {% set type = "mcq" %}{% set answer_field = "name" %}
    {% block stem %}Who was {{ fact.role }}?{% endblock %}

Templates a course keeps in its own `templates/` folder add to, or override,
the ones quizgen ships. Course templates are untrusted: they run in Jinja2's
sandbox, with limits on the size of what they build and on the work one
question may take (counted in steps, so what is accepted never depends on the
machine), and may only read files inside the course folder.
"""
from __future__ import annotations

import functools
import os
import re
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateRuntimeError,
    TemplateSyntaxError,
    nodes,
    pass_context,
)
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment, safe_range
from jinja2.visitor import NodeTransformer

from .. import grammar, schema
from ..errors import Problems
from ..itemtypes import TEMPLATE_TYPES
from ..languages import language_for, shipped
from ..model import Fact
from ..paths import outside_course
from ..periods import is_past
from ..text import human_date, sentence_case

ANY_KIND = "any"  # templates in questions/any/ apply to facts of every kind
AUTHOR = schema.AUTHOR  # what templates see as `author`: the speaker that stands for the article itself
# What templates see as `source` is what questions call the fact's source: "the article", or its `called`.


def package_templates_dir() -> Path:
    """Return the folder of templates shipped with quizgen."""
    return Path(str(resources.files("quizgen.templates")))


MAX_RESULT = 10_000  # longest text or list a template may build with *, and longest question it may render
MAX_POWER_BITS = 100_000  # largest whole number a template may build with **
MAX_STEPS = 100_000  # loop iterations, calls, filters and operators in rendering one block for one fact
MAX_VALUE = 100_000  # longest text or list any step may make
MAX_NUMBER_ARGUMENT = 10_000  # largest number given to a function or filter (widths, counts); range() excepted
_WIDE_FORMAT = re.compile(r"%[-#0 +]*(\*|\d{5,})|%[-#0 +]*\d*\.(\*|\d{5,})|\{[^{}]*\d{5,}[^{}]*\}")


class TemplateBudgetError(TemplateRuntimeError):
    """A question template took more steps than one question may take."""


class _Budget:
    """The steps left to the template being rendered, and how its refusals name it."""

    def __init__(self, steps: int, what: str, unit: str):
        self.total = self.left = steps
        self.what, self.unit = what, unit


_budget: ContextVar[_Budget | None] = ContextVar("quizgen_template_budget", default=None)


@contextmanager
def metered(steps: int = MAX_STEPS, what: str = "a question template", unit: str = "one question"):
    """Count the steps of every metered template rendered inside (QuestionSandbox), refusing more than `steps`.

    `what` and `unit` word the refusals: "it took more than 100,000 steps ... to render one
    question; a question template must not loop that much". Outside this block templates
    are not counted (their sizes still are).
    """
    token = _budget.set(_Budget(steps, what, unit))
    try:
        yield
    finally:
        _budget.reset(token)


def _what() -> str:
    budget = _budget.get()
    return budget.what if budget is not None else "a question template"


def _step(count: int = 1) -> None:
    budget = _budget.get()
    if budget is None:
        return
    budget.left -= count
    if budget.left < 0:
        raise TemplateBudgetError(
            f"it took more than {budget.total:,} steps (loop iterations, calls and filters) to render {budget.unit}; "
            f"{budget.what} must not loop that much")


def _sized(value: Any) -> Any:
    if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_VALUE:
        raise SecurityError(f"a text or list of {len(value):,} items is too large for {_what()}")
    return value


def _check_numbers(args, kwargs) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER_ARGUMENT:
            raise SecurityError(f"the number {value} is too large an argument for {_what()} "
                                f"(at most {MAX_NUMBER_ARGUMENT:,})")


def _check_format(text: Any) -> None:
    if isinstance(text, str) and _WIDE_FORMAT.search(text):
        raise SecurityError(f"a format with a width of 10,000 or more, or a width given by *, is too large for "
                            f"{_what()}")


class _Metered(NodeTransformer):
    """Route every loop and every `~` through the environment, which counts and measures them."""

    def visit_For(self, node):
        self.generic_visit(node)
        node.iter = nodes.Call(nodes.EnvironmentAttribute("metered_iter"), [node.iter], [], None, None,
                               lineno=node.iter.lineno)
        return node

    def visit_Concat(self, node):
        self.generic_visit(node)
        return nodes.Call(nodes.EnvironmentAttribute("metered_join"), [nodes.List(node.nodes, lineno=node.lineno)],
                          [], None, None, lineno=node.lineno)


class QuestionSandbox(SandboxedEnvironment):
    """Jinja2's sandbox, also bounding the work a template does and the size of what it builds.

    Every loop iteration, call, filter, test and checked operator is a step;
    one block rendered for one fact may take MAX_STEPS (`metered()` sets the
    budget, and other templates, such as the web quiz's pages, use it with their
    own). Repetition (`*`), powers (`**`), wide formats and large numbers given
    to functions are refused before they run; any value a step makes is refused
    above MAX_VALUE.
    """

    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.globals.pop("lipsum", None)  # filler text: a question has no use for it, and it takes a size
        self.filters = {name: _metered_function(f, name) for name, f in self.filters.items()}
        self.tests = {name: _metered_function(f, name) for name, f in self.tests.items()}

    def _parse(self, source, name, filename):
        tree = _Metered().visit(super()._parse(source, name, filename))
        tree.set_environment(self)
        return tree

    def metered_iter(self, iterable):
        for value in iterable:
            _step()
            yield value

    def metered_join(self, parts):
        if self.autoescape:  # as Jinja joins with `~` when escaping: text beside markup is escaped
            from jinja2.runtime import markup_join

            return _sized(markup_join(parts))
        return _sized("".join(str(p) for p in parts))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        _step()
        func = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        if __obj is not safe_range and getattr(func, "__func__", None) is not QuestionSandbox.metered_iter:
            _check_numbers(args, kwargs)
        if isinstance(getattr(func, "__self__", None), str) and getattr(func, "__name__", "") in ("format",
                                                                                              "format_map"):
            _check_format(func.__self__)
        return _sized(super().call(__context, __obj, *args, **kwargs))

    def call_binop(self, context, operator, left, right):
        _step()
        if operator == "**" and isinstance(right, int) and isinstance(left, int) and \
                max(abs(left).bit_length(), 1) * right > MAX_POWER_BITS:
            digits = int(max(abs(left).bit_length(), 1) * right * 0.30103)
            raise SecurityError(f"a power of about {digits:,} digits is too large for {_what()}")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_RESULT:
                    raise SecurityError(f"repeating a text or list {times} times is too large for {_what()}")
        if operator == "%":
            _check_format(left)
        return _sized(super().call_binop(context, operator, left, right))


def _metered_function(func, name: str = ""):
    """A filter or test that counts as a step, takes no huge numbers and makes no huge value."""
    @functools.wraps(func)  # keeps Jinja's pass_context/pass_environment marks
    def metered(*args, **kwargs):
        _step()
        _check_numbers(args, kwargs)
        if name == "format":
            for value in args:
                _check_format(value)
        return _sized(func(*args, **kwargs))

    return metered


class CourseTemplateLoader(FileSystemLoader):
    """Templates from a course's folder, refusing any that a symbolic link leads out of the course."""

    def __init__(self, searchpath: str, course_root: str):
        super().__init__(searchpath)
        self.course_root = course_root

    def get_source(self, environment, template):
        for base in self.searchpath:
            path = Path(base, *split_template_path(template))
            why = outside_course(path, self.course_root)
            if why:
                raise TemplateRefused(template, str(path), why)
        return super().get_source(environment, template)


class TemplateRefused(TemplateError):
    """A course template that may not be read (a link out of the course, a link loop)."""

    def __init__(self, name: str, path: str, why: str):
        super().__init__(f"{path}: {why}")
        self.name, self.path, self.why = name, path, why


def make_environment(course_templates: str | None, language: str = "en") -> SandboxedEnvironment:
    """Build the sandboxed Jinja2 environment: course templates first, then quizgen's. `language` is the course's:
    its `number` filter says whether a subject is singular or plural ("" where the words do not say)."""
    loaders = [CourseTemplateLoader(course_templates, str(Path(course_templates).parent))] if course_templates else []
    env = QuestionSandbox(
        loader=ChoiceLoader(loaders + [FileSystemLoader(str(package_templates_dir()))]),
        undefined=StrictUndefined,
        autoescape=False,  # items are plain text; each target escapes for its own format
        keep_trailing_newline=False,
    )
    env.filters["date"] = _metered_function(human_date)
    env.filters["sentence"] = _metered_function(sentence_case)
    env.filters["according"] = _metered_function(_according)  # "the sea ..." -> "According to the article, ..."
    env.filters["cause_question"] = _metered_function(_cause_question)  # "Why does the book judge that ...?"
    env.filters["effect_question"] = _metered_function(_effect_question)  # "what is a consequence of X being ...?"
    env.filters["noun_phrase"] = _metered_function(grammar.noun_phrase)  # "politician ..." -> "a politician ..."
    env.filters["be_for"] = _metered_function(_be_for)  # "the Fatimid capital where he spent ..." -> "was"
    env.filters["number"] = _metered_function(language_for(language).subject_number)  # "историки" -> "plural"
    env.tests["ranking"] = grammar.ranks  # "the first composer to ..." is the source's judgement
    env.tests["mentioning"] = grammar.mentions_source  # "..., the article says, ..." names it too
    env.tests["naming"] = grammar.names_source  # "..., in the book's view" names its source: not "according to" too
    env.globals["language"] = language_for(language).code
    env.globals["source"] = AUTHOR  # what questions call the source; each fact's own is given as it is rendered
    return env


@pass_context
def _according(context, statement: str, source: str | None = None) -> str:
    """The `according` filter: the statement as the report of the source the template's `source` names ("According
    to the book, ..."), "the article" where a template is rendered without one."""
    return grammar.according(statement, source or context.get("source", AUTHOR))


@pass_context
def _cause_question(context, effect: str, present: bool = False, source: str | None = None) -> str:
    """The `cause_question` filter: ask what led to an effect, as the report of the template's `source`."""
    return grammar.cause_question(str(effect), bool(present), source or context.get("source", AUTHOR))


@pass_context
def _effect_question(context, cause: str, present: bool = False, source: str | None = None) -> str:
    """The `effect_question` filter: ask what followed from a cause, as the report of the template's `source`."""
    return grammar.effect_question(str(cause), bool(present), source or context.get("source", AUTHOR))


def _be_for(description: str, plural: bool = False) -> str:
    """The form of "to be" that states a description of a thing: "is" or "are", or "was" or "were" for a state of
    a named time or power that the description's own past clause ended ("Cairo was the Fatimid capital where ...")."""
    return grammar.be(bool(plural), grammar.historical_state(str(description)))


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
    use: str = "both"  # "both", "deck" (never on worksheets) or "sheets" (never in the deck)
    ask: str = ""  # "difference": a question with a false version asks only where the two differ
    reads_written: bool = True  # its words depend on `written` (a question asked without options)


TEMPLATE_USES = ("both", "deck", "sheets")


def template_names(env: SandboxedEnvironment, language: str = "en") -> list[str]:
    """The question templates a course in `language` uses: `questions/<language>/<kind>/<name>.j2` where there is
    one, else `questions/<kind>/<name>.j2`; the course's own templates before quizgen's.

    A course's template replaces quizgen's of the same name, in its language folder or not (a course's templates
    are written in its language); quizgen's templates in another language folder are never used. Where quizgen
    ships the course's language, its default (English) templates without a counterpart are left out, so no English
    question reaches a course in another language.
    """
    code = language_for(language).code
    shipped_here = code != "en" and code in shipped()
    chosen: dict[tuple[str, str], tuple[int, str]] = {}
    for loader_rank, loader in enumerate(env.loader.loaders):
        course = loader_rank == 0 and len(env.loader.loaders) > 1
        for name in loader.list_templates():
            if not (name.startswith("questions/") and name.endswith(".j2")):
                continue
            parts = name.split("/")
            if len(parts) == 4 and parts[1] == code and code != "en":
                rank = 0 if course else 2
            elif len(parts) == 3:
                if not course and shipped_here:
                    continue
                rank = 1 if course else 3
            else:
                continue
            key = (parts[-2], parts[-1])
            if key not in chosen or rank < chosen[key][0]:
                chosen[key] = (rank, name)
    return sorted(name for _, name in chosen.values())


def load_templates(env: SandboxedEnvironment, problems: Problems,
                   language: str = "en") -> dict[str, list[QuestionTemplate]]:
    """Find and compile every question template a course in `language` uses (`template_names`), grouped by fact
    kind."""
    names = template_names(env, language)
    by_kind: dict[str, list[QuestionTemplate]] = {}
    for name in names:
        parts = name.split("/")
        kind, stem = parts[-2], parts[-1][: -len(".j2")]
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
            problems.error(f"template syntax error: {exc.message}", file=exc.filename or source_file,
                           line=exc.lineno or 0)
            continue
        except TemplateRefused as exc:
            problems.error(exc.why, file=exc.path)
            continue
        except TemplateNotFound:  # listed, but gone: a link to a file that does not exist
            problems.error("cannot read the template: it is a link to a file that does not exist", file=source_file)
            continue
        except RecursionError:
            problems.error("the template nests too deeply to be read (brackets or blocks inside each other); "
                           "simplify it", file=source_file)
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
        fields = schema.answer_fields(kind) if kind != ANY_KIND else sorted(schema.answer_fields(None))
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
        use = declared.get("use") or "both"
        if use not in TEMPLATE_USES:
            problems.error(f"template declares use = {use!r}; expected one of: {', '.join(TEMPLATE_USES)}",
                           file=source_file)
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
                use=use,
                ask=declared.get("ask") or "",
                reads_written=bool(declared.get("reads_written", True)),
            )
        )
    return by_kind


def _template_file(env, name: str) -> str:
    for loader in env.loader.loaders:
        for base in loader.searchpath:
            path = Path(base) / name
            if os.path.lexists(path):  # a link out of the course or a loop is named too, to be refused
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
            and node.target.name in ("type", "answer_field", "reverse_field", "false_field", "use", "ask")
            and isinstance(node.node, nodes.Const)
        ):
            declared[node.target.name] = node.node.value
    # whether the words change where no options are shown ("Which of these people" / "Who"): only then is a
    # choice question's stem rendered twice
    declared["reads_written"] = any(n.name == "written" for n in tree.find_all(nodes.Name))
    return declared


_WORDED: ContextVar[dict[int, tuple[Fact, dict[str, Any]]] | None] = ContextVar("worded", default=None)


@contextmanager
def facts_worded_once():
    """Within it, `fact_context` reads each fact's `wording` once: every template of a fact, and the distractor
    pools' rendering of the questions other facts ask, see the same wording. Facts do not change meanwhile."""
    token = _WORDED.set({} if _WORDED.get() is None else _WORDED.get())
    try:
        yield
    finally:
        _WORDED.reset(token)


def fact_context(fact: Fact) -> dict[str, Any]:
    """What a template sees as `fact`: its fields, and how to speak of it (`be`: is, are, was or were; its
    number, kind and the questions its phrases make, from `wording`)."""
    from .wording import wording

    ctx = dict(fact.fields)
    past = is_past(fact)
    worded = _WORDED.get()
    if worded is None:
        spoken = wording(fact)
    else:  # by the fact itself (held, so its id stays its own)
        found = worded.get(id(fact))
        if found is None or found[0] is not fact:
            found = worded[id(fact)] = (fact, wording(fact))
        spoken = found[1]
    ctx.update(id=fact.id, kind=fact.kind, tags=list(fact.tags), explanation=fact.explanation,
               category=fact.category, past=past, be=grammar.be(spoken["plural"], past), **spoken)
    return ctx


class TemplateCrash(TemplateRuntimeError):
    """A question template raised a plain Python error, e.g. `{{ 1/0 }}` or `range(10**9)`."""


def render_block(qt: QuestionTemplate, block: str, ctx: dict[str, Any]) -> str:
    tmpl = qt.template
    try:
        with metered():
            out = "".join(tmpl.blocks[block](tmpl.new_context(ctx)))
    except TemplateError:
        raise
    except Exception as exc:  # a mistake in the (possibly course-provided) template: a content error
        raise TemplateCrash(f"{type(exc).__name__}: {exc}") from exc
    if len(out) > MAX_RESULT:
        raise TemplateCrash(f"it rendered {len(out):,} characters for one block; a question may have at most "
                            f"{MAX_RESULT:,}")
    return re.sub(r"\s+", " ", out).strip()


def template_line(qt: QuestionTemplate) -> int:
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


def explain(exc: Exception, kind: str) -> str:
    message = getattr(exc, "message", None) or str(exc)
    missing = re.fullmatch(r"'dict object' has no attribute '([^']+)'", message)
    if missing:
        return f"it names the field '{missing.group(1)}', which facts of kind '{kind}' do not have"
    if isinstance(exc, TemplateBudgetError):
        return f"stopped: {message}"
    if isinstance(exc, SecurityError):
        return (f"refused by the template sandbox: {message.rstrip('.')}; a question template may use only "
                f"fact fields, value, course, unit, author, source and filters")
    return message


"""Question templates: the Jinja2 sandbox they run in, and finding and compiling them.

A question template is a file `questions/<kind>/<template-id>.j2`. It declares
its item type and the field its answer comes from with `{% set %}` lines, and
renders its question in `{% block stem %}`:

    {% set type = "mcq" %}{% set answer_field = "name" %}
    {% block stem %}Who was {{ fact.role }}?{% endblock %}

Templates a course keeps in its own `templates/` folder add to, or override,
the ones quizgen ships. Course templates are untrusted: they run in Jinja2's
sandbox, with limits on the size of what they build.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
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

from .. import schema
from ..errors import Problems
from ..model import Fact
from ..periods import is_past
from ..text import human_date, sentence_case

ANY_KIND = "any"  # templates in questions/any/ apply to facts of every kind
AUTHOR = "the article"  # the claim speaker that stands for the article's own analysis
TEMPLATE_TYPES = ("recall", "cloze", "mcq", "tf")


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
    env.filters["sentence"] = sentence_case
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
    use: str = "both"  # "both", "deck" (never on worksheets) or "sheets" (never in the deck)


TEMPLATE_USES = ("both", "deck", "sheets")


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
        fields = [f for f in fields if f not in schema.NOT_ANSWERS]
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
            and node.target.name in ("type", "answer_field", "reverse_field", "false_field", "use")
            and isinstance(node.node, nodes.Const)
        ):
            declared[node.target.name] = node.node.value
    return declared


def fact_context(fact: Fact) -> dict[str, Any]:
    """What a template sees as `fact`: its fields, and how to speak of it (`be`: is, are, was or were)."""
    ctx = dict(fact.fields)
    past = is_past(fact)
    be = ("were" if fact.plural else "was") if past else ("are" if fact.plural else "is")
    ctx.update(id=fact.id, kind=fact.kind, tags=list(fact.tags), explanation=fact.explanation,
               category=fact.category, plural=fact.plural, past=past, be=be)
    return ctx


class TemplateCrash(TemplateRuntimeError):
    """A question template raised a plain Python error, e.g. `{{ 1/0 }}` or `range(10**9)`."""


def render_block(qt: QuestionTemplate, block: str, ctx: dict[str, Any]) -> str:
    tmpl = qt.template
    try:
        out = "".join(tmpl.blocks[block](tmpl.new_context(ctx)))
    except TemplateError:
        raise
    except Exception as exc:  # a mistake in the (possibly course-provided) template: a content error
        raise TemplateCrash(f"{type(exc).__name__}: {exc}") from exc
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
    if isinstance(exc, SecurityError):
        return (f"refused by the template sandbox: {message.rstrip('.')}; a question template may use only "
                f"fact fields, value, course, unit, author and filters")
    return message


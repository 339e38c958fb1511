"""Add a unit to a course from an article file: its source.md, a facts.yaml to fill in, and its place in course.yaml."""
from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import COURSE_FILE, FACTS_FILE
from . import AuthoringError
from .article import Article
from .files import append_unit, read_course_yaml, write_new_files
from .importer import read_article
from .pipeline import reserved_unit_slugs
from .words import opening_words, shorten, slugify

SOURCE_FILE = "source.md"
SUBHEADING = "a subheading"  # the skip reason written for subheadings


@dataclass
class AddedUnit:
    """What add_unit did, for the command to print."""

    slug: str
    title: str
    article: Article
    written: list[Path] = field(default_factory=list)


def add_unit(article_path: Path | str, course_dir: Path | str, slug: str | None = None,
             title: str | None = None, on_wait: Callable[[str], None] | None = None) -> AddedUnit:
    """Import an article as a new unit of the course in course_dir; write nothing if anything is wrong.

    The course folder's lock is held from reading course.yaml to writing it, so two commands
    adding units at once both succeed, one after the other (`on_wait` hears of the wait).
    """
    from ..writer import CourseLock

    course_dir = Path(course_dir)
    course_file = course_dir / COURSE_FILE
    if not course_file.is_file():
        hint = f"quizgen init {course_dir}"
        raise AuthoringError(f"no {COURSE_FILE} in '{course_dir}'; create the course first with: {hint}")
    with CourseLock(course_dir, on_wait=on_wait):
        return _add_unit(article_path, course_dir, course_file, slug, title)


def _add_unit(article_path: Path | str, course_dir: Path, course_file: Path, slug: str | None,
              title: str | None) -> AddedUnit:
    from .. import schema

    course_text, course_data = read_course_yaml(course_file)
    article = read_article(article_path)

    unit_title = " ".join((title if title is not None else article.meta["title"]).split())
    if not unit_title:
        raise AuthoringError("the unit title must not be empty")
    if slug is None:
        slug = slugify(unit_title)
        if not slug:
            raise AuthoringError(f"cannot make a unit folder name from the title '{shorten(unit_title, 80)}'; "
                                 f"give one with --slug, e.g. --slug first-article")
    elif not re.fullmatch(schema.SLUG_RE, slug) or len(slug) > 80:
        raise AuthoringError(f"--slug '{shorten(slug, 80)}' is not a unit folder name: use lower-case letters, "
                             f"digits and single hyphens, e.g. 'aral-sea'")
    reserved = reserved_unit_slugs(course_data.get("slug") if isinstance(course_data.get("slug"), str) else "")
    if slug in reserved:
        raise AuthoringError(f"a unit cannot be named '{slug}': it would clash with {reserved[slug]}; choose "
                             f"another name with --slug (nothing was written)")
    if slug in (course_data.get("units") or []):
        raise AuthoringError(f"unit '{slug}' is already in {course_file}; choose another name with --slug")
    if (course_dir / slug).exists():
        raise AuthoringError(f"'{course_dir / slug}' already exists; choose another name with --slug "
                             f"(nothing was written)")

    source_text = source_markdown(article)
    facts_text = facts_skeleton(unit_title, article)
    _validate(source_text, facts_text, unit_title, article.meta)
    new_course_text = append_unit(course_text, slug)
    if course_file.read_bytes().decode("utf-8-sig") != course_text:  # edited while we worked
        raise AuthoringError(f"{course_file} changed while the unit was being added; run the command again")
    written = write_new_files(
        course_dir,
        {f"{slug}/{SOURCE_FILE}": source_text.encode("utf-8"), f"{slug}/{FACTS_FILE}": facts_text.encode("utf-8")},
        changed={COURSE_FILE: new_course_text.encode("utf-8")},
    )
    return AddedUnit(slug=slug, title=unit_title, article=article, written=written)


FRONT_FIELDS = ("title", "author", "publisher", "date", "url", "attribution")
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _yaml_text(value: str) -> str:
    """A double-quoted YAML scalar on one line, as the YAML library writes it (whatever the text holds)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return _dump_yaml({"v": DoubleQuotedScalarString(value)})[len("v: "):].rstrip("\n")


def _plain_date(value: str):
    """An ISO date as a YAML value: a full date or a year and month unquoted, as authors write them; a year
    alone quoted, or YAML would read a number."""
    import datetime

    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if len(value) == 10:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass  # no calendar date (2022-02-30): quoted, for the check to explain
    return value if len(value) == 7 else DoubleQuotedScalarString(value)


def _dump_yaml(data: dict) -> str:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt", pure=True)
    yaml.width = 1_000_000  # one line per value: never folded
    yaml.allow_unicode = True
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def source_markdown(article: Article) -> str:
    """Render the unit's source.md: front matter (written by the YAML library), then the paragraphs."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    front = {}
    for name in FRONT_FIELDS:
        value = article.meta.get(name)
        if value:  # an ISO date plain (2022-06-08), as authors write it; any other text quoted
            front[name] = _plain_date(value) if name == "date" and ISO_DATE.fullmatch(value) \
                else DoubleQuotedScalarString(value)
    return "---\n" + _dump_yaml(front) + CALLED_HINT + "---\n\n" + "\n\n".join(article.paragraphs) + "\n"


# What questions call the source, left for the author to set: "According to the book, ...".
CALLED_HINT = "# called: the article   # or the book, the report, the speech: what the questions call this text\n"


def facts_skeleton(title: str, article: Article) -> str:
    """Render a facts.yaml to fill in: the title, then one commented block per paragraph."""
    from ..schema import FACT_KINDS

    first = article.paragraphs[0]
    quote = " ".join(first.split()[:5])
    lines = [
        f"# Facts for {_yaml_text(article.meta['title'])}.",
        "#",
        "# Write each fact under the comment of the paragraph it comes from. `source`",
        "# gives that paragraph's number and a few words copied exactly from it; the",
        "# check finds them there. A fact looks like this (docs/reference/schema.md lists",
        f"# every kind: {', '.join(FACT_KINDS)}):",
        "#",
        "#   - id: a-short-stable-name",
        "#     kind: event",
        "#     what: what happened, as a clause without the date",
        "#     when: \"2023-05-16\"",
        f"#     source: {{paragraph: 1, quote: {_yaml_text(quote)}}}",
        "#     explanation: One sentence, in your own words, shown with the answer.",
        "#",
        "# Then run `quizgen check` and `quizgen preview --open`.",
        f"title: {_yaml_text(title)}",
        f"source: {SOURCE_FILE}",
    ]
    skipped = sorted(article.subheadings)
    lines.append("# Paragraphs with nothing to ask about, each with the reason (e.g. 9: a quotation).")
    if skipped:
        lines.append("skip_paragraphs:")
        lines += [f"  {n}: {SUBHEADING}" for n in skipped]
    else:
        lines.append("skip_paragraphs: {}")
    lines.append("facts:")
    for number, text in enumerate(article.paragraphs, start=1):
        note = " (a subheading)" if number in article.subheadings else ""
        lines += ["", f"  # --- Paragraph {number}{note}: {opening_words(text)}"]
    return "\n".join(lines) + "\n"


def _validate(source_text: str, facts_text: str, title: str, meta: dict) -> None:
    """Read the generated files back and check them against the schema, so a bad title or date never reaches
    disk, and what is written is what was meant."""
    from pydantic import ValidationError
    from ruamel.yaml.error import YAMLError

    from .. import schema
    from ..loader.files import bounded_yaml

    front_text = source_text.split("\n---\n", 1)[0][4:]
    try:
        front = bounded_yaml("safe").load(front_text)
        facts = bounded_yaml("safe").load(facts_text)
    except YAMLError as exc:  # never expected: the YAML library wrote them
        raise AuthoringError(f"the unit's files would not read back ({str(exc).splitlines()[0]}); nothing was "
                             f"written") from None
    meant = {name: meta[name] for name in FRONT_FIELDS if meta.get(name)}
    if {name: str(value) for name, value in front.items()} != meant or facts.get("title") != title:
        raise AuthoringError("the unit's files would not read back as the article says; nothing was written")
    try:
        schema.SourceMeta.model_validate(front)
        schema.UnitSchema.model_validate({"title": title, "facts": [{}]})
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise AuthoringError(f"the article's {where} cannot be used: {err['msg']}") from None

"""Command line: parse options, call the library, print what happened.

Heavy libraries (reportlab, genanki, jinja2, pydantic) are imported inside
the commands, so `quizgen --help` stays fast. The build command's settings
options come from the settings' declarations (`quizgen/settings.py` and each
target's `options`).
"""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import click

from . import __version__
from .settings import Option
from .targets import declared_options


def _fail(exc: Exception, debug: bool) -> None:
    from .errors import ContentError, clip
    from .parallel import WorkerDied
    from .writer import OutputError

    if debug:
        raise exc
    if isinstance(exc, ContentError):
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(exc.summary(), err=True)
    elif isinstance(exc, OSError) and exc.filename is not None:
        click.echo(f"Error: cannot use '{clip(str(exc.filename))}': {exc.strerror or exc}", err=True)
    elif isinstance(exc, (OutputError, OSError, WorkerDied)):
        click.echo(f"Error: {exc}", err=True)
    else:
        click.echo(f"Internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo(f"This is a bug in quizgen {__version__}, not a problem in your course. To report it, rerun the "
                   f"same command with --debug and send the full traceback, the command, and the course files it "
                   f"names (or the smallest course that shows it) to the quizgen maintainers.", err=True)
    sys.exit(1)


def _print_warnings(report) -> None:
    for warning in report.warnings:
        click.echo(str(warning), err=True)


CUEING_SHOWN = 5  # cueing pairs named in the summary; a course with more is told how many


def _print_counts(report) -> None:
    course = report.course
    facts = sum(len(u.facts) for u in course.units)
    units = len(course.units)
    click.echo(f"Course '{course.title}' ({course.slug}): {units} unit{'s' * (units != 1)}, {facts} facts, "
               f"{len(report.items)} items")
    click.echo("  items by type: " + ", ".join(f"{t} {n}" for t, n in report.items_by_type().items()))
    separated, left = report.cueing()
    pairs = [f"{a} / {b}" for s in report.sheets for a, b in s.cueing]
    shown = "; ".join(pairs[:CUEING_SHOWN]) + (f"; and {len(pairs) - CUEING_SHOWN} more" if len(pairs) > CUEING_SHOWN
                                               else "")
    click.echo(f"  worksheets: {separated} cueing pair{'s' * (separated != 1)} kept apart, {left} left on a sheet"
               + (f" ({shown})" if left else ""))
    if left:
        warned = sum(w.code == "sheet-cue" for w in report.warnings)
        click.echo("    to part them: " + (
            "follow the sheet-cue warnings above: reword the fact whose question shows the other's answer, or give "
            "one of the two facts a `cloze` sentence or curated `distractors`, so the sheet can ask it another way"
            if warned else "their sheet-cue warnings are silenced by lint_ignore; remove the code there to see them"))
    for line in report.info:
        click.echo(f"  {line}")
    if report.silenced:
        click.echo(f"  {report.silenced} warning{'s' * (report.silenced != 1)} silenced by lint_ignore")


def _setting_option(option: Option):
    """A `quizgen build` option for a declared setting; unset means the course's own value."""
    if option.choices:
        kind = click.Choice(list(option.choices))
    elif option.type is int:
        kind = click.IntRange(option.min, option.max)
    else:
        kind = option.type
    flag = "--" + option.name.replace("_", "-")
    return click.option(flag, option.name, type=kind, help=option.help.rstrip(".") + "; default: the course's setting.")


def _setting_options(command):
    for option in reversed([o for o in declared_options() if o.cli]):
        command = _setting_option(option)(command)
    return command


def _target_names() -> list[str]:
    from .targets import REGISTRY

    return list(REGISTRY)


course_arg = click.argument(
    "course_dir", default="content", required=False,
    type=click.Path(file_okay=False, path_type=Path),
)
debug_opt = click.option("--debug", is_flag=True, help="Show a Python traceback on errors.")
strict_opt = click.option("--strict", is_flag=True, help="Treat warnings as errors.")
only_opt = click.option("--only", "only", multiple=True, type=click.Choice(_target_names()),
                        help="Build only this target (repeatable); default: the course's `targets` setting.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quizgen")
def main() -> None:
    """Turn a course's curated facts into an Anki deck, worksheets, a web quiz and LMS exports."""


def _unasked(report):
    """The facts that make no question, read only when a build has something to do (a no-op rebuild tells the
    notes it recorded, without importing the authoring helpers)."""
    from .authoring.unasked import unasked

    return unasked(report)


@main.command()
@course_arg
@click.option("-o", "--output", "out_dir", default="dist", show_default=True,
              type=click.Path(), help="Folder to write the deck and worksheets into.")
@_setting_options
@only_opt
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes that render worksheets and the deck at once; 1 renders in this one. The files are "
                   "the same for any number.  [default: the number of usable CPUs; 1 for a small course]")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
@click.option("-v", "--verbose", is_flag=True, help="List every file written, not a count per folder.")
@click.option("--force", is_flag=True,
              help="Render everything again, even outputs whose inputs have not changed since the last build, and "
                   "replace files in the way that quizgen did not write.")
@strict_opt
@debug_opt
def build(course_dir: Path, out_dir: str, only: tuple[str, ...], jobs: int | None, quiet: bool, verbose: bool,
          force: bool, strict: bool, debug: bool, **settings) -> None:
    """Build COURSE_DIR (default: ./content) into the output folder."""
    from .build import build as run_build
    from .progress import TerminalProgress
    from .writer import Terminated

    if only:
        settings["targets"] = list(only)
    progress = TerminalProgress(enabled=not quiet and _is_terminal(sys.stderr))
    try:
        # out_dir stays text: an empty -o "" must be refused, not read as the current folder
        report = run_build(course_dir, out_dir, settings=settings, strict=strict, jobs=jobs, progress=progress,
                           force=force, author_notes=_unasked)
    except KeyboardInterrupt:
        progress.clear()
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except Terminated as exc:  # SIGTERM or SIGHUP: the output folder is whole again; exit as the signal asks
        progress.clear()
        click.echo(f"Stopped by {signal.Signals(exc.signum).name}.", err=True)
        sys.exit(128 + exc.signum)
    except Exception as exc:  # every failure becomes a message; --debug shows the traceback
        progress.clear()
        _fail(exc, debug)
        return
    progress.clear()
    _print_warnings(report)
    if quiet:
        return
    for note in report.notes:  # the same notes `check` prints: a question left off a sheet, a fact unasked
        click.echo(str(note))
    if report.up_to_date:
        click.echo(f"Up to date: nothing has changed since the last build into {out_dir} "
                   f"({len(report.reused)} files); --force renders everything again.")
        return
    _print_counts(report)
    for output in report.outputs.values():
        for line in output.summary:
            click.echo(f"  {line}")
    if report.reused:
        rendered = sum(len(out.files) for out in report.outputs.values()) - len(report.reused)
        click.echo(f"Rendered {rendered} files; reused {len(report.reused)} whose inputs have not changed since the "
                   f"last build.")
    if report.written:
        click.echo("Wrote:")
        for line in written_lines(report.written, Path(out_dir), every_file=verbose):
            click.echo(f"  {line}")
    else:
        click.echo("Wrote nothing: every file is as the last build left it.")


def _say_waiting(message: str) -> None:
    from .progress import say_waiting

    say_waiting(message)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


LONG_LIST = 10  # a "Wrote:" list longer than this is summarised per folder


def written_lines(paths: list[Path], out_dir: Path, every_file: bool = False) -> list[str]:
    """The "Wrote:" lines: every path, or, for a long list, a count for each folder holding several files."""
    if every_file or len(paths) <= LONG_LIST:
        return [str(path) for path in paths]
    by_folder: dict[Path, list[Path]] = {}
    for path in paths:
        by_folder.setdefault(path.parent, []).append(path)
    lines = []
    for folder, inside in by_folder.items():
        if len(inside) == 1:
            lines.append(str(inside[0]))
        else:  # a folder named in the plural says what it holds ("worksheets"); others hold "files"
            plural = folder != out_dir and folder.name.isalpha() and folder.name.endswith("s")
            noun = folder.name if plural else "files"
            lines.append(f"{len(inside)} {noun} in {folder}{os.sep}")
    return lines + ["(-v lists every file)"]


@main.command()
@course_arg
@strict_opt
@debug_opt
def check(course_dir: Path, strict: bool, debug: bool) -> None:
    """Validate COURSE_DIR (default: ./content) without writing anything."""
    from .build import check as run_check

    try:
        report = run_check(course_dir, strict=strict)
    except Exception as exc:
        from .authoring.guide import next_steps

        steps, problem = next_steps(course_dir, exc)  # a course only begun gets directions, not errors
        for step in steps:
            click.echo(step)
        if problem is not None:
            _fail(problem, debug)
        # Not an error in the course, but not a course that builds either: check fails as build would.
        click.echo(f"Not ready to build: {_steps_left(steps)}.", err=True)
        sys.exit(1)
    _print_warnings(report)
    _print_unasked(report)
    _print_counts(report)
    click.echo("No errors.")


def _print_unasked(report) -> None:
    """Facts that make no question (and the field that would make one), units short of a multi-fact question."""
    from .authoring.unasked import note_line, unasked

    for note in unasked(report):
        click.echo(note_line(note))
    for note in report.notes:  # the plan's: questions left off a sheet
        click.echo(str(note))


def _steps_left(steps: list[str]) -> str:
    return "take the next step above" if len(steps) == 1 else f"take the {len(steps)} next steps above"


# --- authoring: start a course, import articles, preview and count ----------------------------


def _authoring_error(exc: Exception, debug: bool) -> None:
    from .authoring import AuthoringError

    if isinstance(exc, AuthoringError) and not debug:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    _fail(exc, debug)


@main.command()
@click.argument("course_dir", default="content", required=False, type=click.Path(path_type=Path))
@click.option("--title", help="Course title (default: from the folder's name).")
@click.option("--slug", help="Course slug: lower-case letters, digits, hyphens (default: from the title).")
@click.option("--language", default="en", show_default=True, help="Language tag of the course (BCP 47).")
@debug_opt
def init(course_dir: Path, title, slug, language: str, debug: bool) -> None:
    """Start a new course in COURSE_DIR (default: ./content).

    Writes course.yaml, with comments that explain each setting, and no units yet; never overwrites a course.
    """
    from .authoring.init import init_course

    try:
        path = init_course(course_dir, title=title, slug=slug, language=language, on_wait=_say_waiting)
    except Exception as exc:
        _authoring_error(exc, debug)
        return
    click.echo(f"Wrote {path}; its comments explain each setting.")
    click.echo("Next, import an article as the first unit:")
    click.echo(f"  quizgen add-unit ARTICLE.html {course_dir}")


@main.command("add-unit")
@click.argument("source", type=click.Path(path_type=Path))
@click.argument("course_dir", default="content", required=False, type=click.Path(path_type=Path))
@click.option("--slug", help="Unit folder name (default: from the title).")
@click.option("--title", help="Unit title (default: the article's title).")
@debug_opt
def add_unit(source: Path, course_dir: Path, slug, title, debug: bool) -> None:
    """Import an article file as a new unit of COURSE_DIR (default: ./content).

    SOURCE is a .txt, .md or .html file. Writes the unit's source.md and a facts.yaml to fill in, and adds the
    unit to course.yaml. Page furniture (navigation, credits, share buttons, ...) is left out and listed.
    """
    from .authoring.unit import add_unit as run_add_unit
    from .authoring.words import shorten

    try:
        added = run_add_unit(source, course_dir, slug=slug, title=title, on_wait=_say_waiting)
    except Exception as exc:
        _authoring_error(exc, debug)
        return
    article = added.article
    click.echo(f"Added unit '{added.slug}' ({shorten(added.title, 80)}) from {source}:")
    for name in ("title", "author", "publisher", "date", "url"):
        if name in article.meta:
            click.echo(f"  {name + ':':<11}{shorten(article.meta[name], 80)}  [from {article.origin[name]}]")
    heads = f", {len(article.subheadings)} of them subheadings (skipped)" if article.subheadings else ""
    count = len(article.paragraphs)
    click.echo(f"  body:      {count} paragraph{'s' * (count != 1)}{heads}")
    if article.dropped:
        click.echo("Left out as page furniture (paste back into source.md any that belong to the article):")
        for dropped in article.dropped:
            where = f"line {dropped.line}" if dropped.line else ""
            click.echo(f"  {where:<9} {dropped.reason + ':':<26} {shorten(dropped.text, 70)}")
    click.echo("Wrote:")
    for path in added.written:
        click.echo(f"  {path}")
    click.echo(f"Next, write facts under the paragraph comments in {course_dir / added.slug / 'facts.yaml'}, then:")
    click.echo(f"  quizgen check {course_dir}")
    click.echo(f"  quizgen preview {course_dir} --open")


@main.command()
@course_arg
@click.option("-o", "--output", "out_file", default="dist/preview.html", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="HTML file to write.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default web browser.")
@debug_opt
def preview(course_dir: Path, out_file: Path, open_browser: bool, debug: bool) -> None:
    """Write an HTML page showing every fact of COURSE_DIR and its items.

    Each item appears as the student sees it, with its answer, explanation and warnings, beside the source
    paragraph with the quote marked. The page is self-contained and filters by unit, kind, type and warning.
    """
    from .authoring.guide import next_steps
    from .authoring.pipeline import check_course
    from .authoring.preview import write_preview

    try:
        report = check_course(course_dir)
        path = write_preview(report, out_file)
    except Exception as exc:
        steps, problem = next_steps(course_dir, exc)
        for step in steps:
            click.echo(step, err=True)
        if problem is None:  # a course only begun: nothing to preview yet
            sys.exit(1)
        _fail(problem, debug)
        return
    _print_warnings(report)
    _print_counts(report)
    click.echo(f"Wrote {path}")
    if open_browser:
        import webbrowser

        if not webbrowser.open(path.resolve().as_uri()):
            click.echo("Could not open a web browser; open the file above yourself.", err=True)


@main.command()
@click.argument("unit_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace suggested.yaml even if it was edited by hand.")
@debug_opt
def suggest(unit_dir: Path, force: bool, debug: bool) -> None:
    """Suggest facts from the source text of the unit in UNIT_DIR (e.g. content/aral-sea).

    Writes UNIT_DIR/suggested.yaml: dated events, people and their roles, terms and their definitions, what was
    said, causes and effects and quantities, each a complete fact with a quote the check finds. Never touches
    facts.yaml; move the suggestions you keep into it.
    """
    from .authoring.suggest import suggest_unit

    try:
        result = suggest_unit(unit_dir, force=force)
    except Exception as exc:
        _authoring_error(exc, debug)
        return
    kinds = ", ".join(f"{kind} {count}" for kind, count in result.by_kind.items()) or "none"
    click.echo(f"Suggested {len(result.suggestions)} facts for unit '{unit_dir.name}': {kinds}")
    if result.already_curated:
        click.echo(f"  {result.already_curated} left out: facts.yaml already has a fact on the same words")
    for line in result.rejected:
        click.echo(f"  left out, refused by the check: {line}", err=True)
    click.echo(f"Wrote {result.path}")
    click.echo("Next, move the facts you keep into facts.yaml (each validates as it is), reword them, then:")
    click.echo(f"  quizgen check {unit_dir.parent}")


@main.command()
@course_arg
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@debug_opt
def stats(course_dir: Path, as_json: bool, debug: bool) -> None:
    """Count what each unit of COURSE_DIR holds and lacks.

    Paragraphs covered, skipped and uncovered; facts by kind; items by type; worksheet pages per version; Anki
    notes and cards; warnings by code.
    """
    from .authoring.guide import next_steps
    from .authoring.pipeline import check_course
    from .authoring.stats import course_stats, format_stats

    try:
        figures = course_stats(check_course(course_dir))
    except Exception as exc:
        steps, problem = next_steps(course_dir, exc)
        for step in steps:
            click.echo(step, err=True)
        if problem is not None:
            _fail(problem, debug)
        click.echo(f"Not ready to build: {_steps_left(steps)}.", err=True)
        sys.exit(1)
    if as_json:
        import json

        click.echo(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        click.echo(format_stats(figures), nl=False)


if __name__ == "__main__":
    main()

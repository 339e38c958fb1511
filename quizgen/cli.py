"""Command line: parse options, call the library, print what happened.

Heavy libraries (reportlab, genanki) are imported inside the commands, so
`quizgen --help` stays fast.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__


def _fail(exc: Exception, debug: bool) -> None:
    from .errors import ContentError
    from .writer import OutputError

    if debug:
        raise exc
    if isinstance(exc, ContentError):
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(exc.summary(), err=True)
    elif isinstance(exc, (OutputError, OSError)):
        click.echo(f"Error: {exc}", err=True)
    else:
        click.echo(f"Internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("This is a bug in quizgen; rerun with --debug for the traceback and report it.", err=True)
    sys.exit(1)


def _print_warnings(report) -> None:
    for warning in report.warnings:
        click.echo(str(warning), err=True)


def _print_counts(report) -> None:
    course = report.course
    facts = sum(len(u.facts) for u in course.units)
    units = len(course.units)
    click.echo(f"Course '{course.title}' ({course.slug}): {units} unit{'s' * (units != 1)}, {facts} facts, "
               f"{len(report.items)} items")
    click.echo("  items by type: " + ", ".join(f"{t} {n}" for t, n in report.items_by_type().items()))


course_arg = click.argument(
    "course_dir", default="content", required=False,
    type=click.Path(file_okay=False, path_type=Path),
)
debug_opt = click.option("--debug", is_flag=True, help="Show a Python traceback on errors.")
strict_opt = click.option("--strict", is_flag=True, help="Treat warnings as errors.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quizgen")
def main() -> None:
    """Turn a course's curated facts into an Anki deck and printable worksheets."""


@main.command()
@course_arg
@click.option("-o", "--output", "out_dir", default="dist", show_default=True,
              type=click.Path(path_type=Path), help="Folder to write the deck and worksheets into.")
@click.option("--versions", type=click.IntRange(1, 26), help="Worksheet versions per unit (course default if unset).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), help="Worksheet paper size (course default if unset).")
@click.option("--exam", type=click.IntRange(0, 500), help="Also build a course exam of N items (0: none).")
@strict_opt
@debug_opt
def build(course_dir: Path, out_dir: Path, versions, paper, exam, strict: bool, debug: bool) -> None:
    """Build COURSE_DIR (default: ./content) into the output folder."""
    from .build import build as run_build

    try:
        report = run_build(course_dir, out_dir, versions=versions, paper=paper, exam=exam, strict=strict)
    except Exception as exc:  # every failure becomes a message; --debug shows the traceback
        _fail(exc, debug)
        return
    _print_warnings(report)
    _print_counts(report)
    changes = report.deck_changes
    click.echo("  Anki notes: " + ", ".join(f"{len(changes[k])} {k}" for k in ("new", "updated", "unchanged", "retired")))
    for item_id in changes["retired"]:
        click.echo(f"    retired: {item_id} (tagged quizgen::retired)")
    click.echo("Wrote:")
    for path in report.written:
        click.echo(f"  {path}")


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
        _fail(exc, debug)
        return
    _print_warnings(report)
    _print_counts(report)
    click.echo("No errors.")


if __name__ == "__main__":
    main()

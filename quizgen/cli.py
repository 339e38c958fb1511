"""Command line: parse options, call the library, print what happened.

Heavy libraries (reportlab, genanki, jinja2, pydantic) are imported inside
the commands, so `quizgen --help` stays fast. The build command's settings
options come from the settings' declarations (`quizgen/settings.py` and each
target's `options`).
"""
from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

from . import __version__
from .settings import Option, declared_options


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
        click.echo(f"This is a bug in quizgen {__version__}, not a problem in your course. To report it, rerun the "
                   f"same command with --debug and send the full traceback, the command, and the course files it "
                   f"names (or the smallest course that shows it) to the quizgen maintainers.", err=True)
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
    """Turn a course's curated facts into an Anki deck and printable worksheets."""


@main.command()
@course_arg
@click.option("-o", "--output", "out_dir", default="dist", show_default=True,
              type=click.Path(), help="Folder to write the deck and worksheets into.")
@_setting_options
@only_opt
@strict_opt
@debug_opt
def build(course_dir: Path, out_dir: str, only: tuple[str, ...], strict: bool, debug: bool, **settings) -> None:
    """Build COURSE_DIR (default: ./content) into the output folder."""
    from .build import build as run_build
    from .writer import Terminated

    if only:
        settings["targets"] = list(only)
    try:
        # out_dir stays text: an empty -o "" must be refused, not read as the current folder
        report = run_build(course_dir, out_dir, settings=settings, strict=strict,
                           on_wait=lambda message: click.echo(message[:1].upper() + message[1:] + " ...", err=True))
    except Terminated as exc:  # SIGTERM or SIGHUP: the output folder is whole again; exit as the signal asks
        click.echo(f"Stopped by {signal.Signals(exc.signum).name}.", err=True)
        sys.exit(128 + exc.signum)
    except Exception as exc:  # every failure becomes a message; --debug shows the traceback
        _fail(exc, debug)
        return
    _print_warnings(report)
    _print_counts(report)
    for output in report.outputs.values():
        for line in output.summary:
            click.echo(f"  {line}")
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

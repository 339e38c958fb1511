"""Jinja compiles a template's source into Python code in every new environment, and every build makes new
environments: a third of a small course's build went into compiling the same templates again. The tests build
hundreds of small courses in one process, so for them (tests/conftest.py) compiled code is remembered, keyed by
the source, its name and file, and every setting of the environment that Jinja's compiler reads. A key that
differs compiles afresh, so what a template does is the same as without the cache; a template that does not
compile raises its error every time, as it is never remembered.
"""
from __future__ import annotations

from typing import Any

from jinja2 import Environment
from jinja2.utils import _PassArg

_compile = Environment.compile
_codes: dict[tuple, Any] = {}
LIMIT = 20_000  # distinct templates kept; past it the cache starts again (the suite compiles about 2,000)


def _passes(functions: dict) -> tuple:
    """Each filter's or test's name and what Jinja passes it (context, environment...): compiled into the call."""
    return tuple(sorted((name, str(_PassArg.from_obj(f))) for name, f in functions.items()))


def _policies(env: Environment) -> tuple:
    return tuple(sorted((k, repr(v)) for k, v in env.policies.items()))


def settings_key(env: Environment, name: str | None) -> tuple:
    """What the lexer, parser and compiler of `env` read: two environments with the same key compile any
    source into the same code."""
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    return (
        type(env), env.code_generator_class, env.context_class, env.undefined, env.sandboxed, env.is_async,
        env.optimized, bool(autoescape),
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        tuple(sorted((key, type(ext)) for key, ext in env.extensions.items())),
        getattr(env, "newstyle_gettext", None), _policies(env),
        env.finalize is None, str(_PassArg.from_obj(env.finalize)) if env.finalize else None,
        _passes(env.filters), _passes(env.tests),
        tuple(sorted(getattr(env, "intercepted_binops", ()))), tuple(sorted(getattr(env, "intercepted_unops", ()))),
    )


def _remembered_compile(self, source, name=None, filename=None, raw=False, defer_init=False):
    if not isinstance(source, str):  # a parsed tree: compiled as Jinja would, not remembered
        return _compile(self, source, name, filename, raw, defer_init)
    key = (source, name, filename, raw, defer_init, settings_key(self, name))
    code = _codes.get(key)
    if code is None:
        code = _compile(self, source, name, filename, raw, defer_init)
        if len(_codes) >= LIMIT:
            _codes.clear()
        _codes[key] = code
    return code


def install() -> None:
    Environment.compile = _remembered_compile  # type: ignore[method-assign]


def uninstall() -> None:
    Environment.compile = _compile  # type: ignore[method-assign]

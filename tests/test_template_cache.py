"""The suite's cache of compiled templates (tests/template_cache.py) gives each environment the code its own
settings compile, and compiles a source once per settings."""
from __future__ import annotations

import pytest
from jinja2 import Environment, TemplateSyntaxError, pass_context
from jinja2.sandbox import SandboxedEnvironment

import template_cache

SOURCE = "{{ x }}|[[ x ]]|{{ x | shout }}"


def _env(**settings) -> Environment:
    env = Environment(**settings)
    env.filters["shout"] = lambda value: str(value).upper()
    return env


def test_the_cache_is_in_use_and_one_source_compiles_once():
    assert Environment.compile is template_cache._remembered_compile
    first, second = _env(), _env()
    assert first.compile(SOURCE, "t.html") is second.compile(SOURCE, "t.html")
    assert first.compile(SOURCE, "t.html") is not first.compile(SOURCE, "other.html")  # the name is in the code


@pytest.mark.parametrize("settings, expected", [
    ({}, "<b>|[[ x ]]|<B>"),
    ({"autoescape": True}, "&lt;b&gt;|[[ x ]]|&lt;B&gt;"),
    ({"variable_start_string": "[[", "variable_end_string": "]]"}, "{{ x }}|<b>|{{ x | shout }}"),
])
def test_each_environment_renders_with_its_own_settings(settings, expected):
    _env().from_string(SOURCE).render(x="<b>")  # compiled first with the defaults
    assert _env(**settings).from_string(SOURCE).render(x="<b>") == expected


def test_a_filter_that_takes_the_context_is_called_with_it():
    _env().from_string("{{ x | shout }}").render(x="a")
    env = Environment()
    env.filters["shout"] = pass_context(lambda context, value: f"{context['who']}: {value}")
    assert env.from_string("{{ x | shout }}").render(x="a", who="me") == "me: a"


def test_the_sandbox_compiles_its_own_code():
    source = "{{ x.__class__ }}"
    assert Environment().from_string(source).render(x=1) == "<class 'int'>"
    assert SandboxedEnvironment().from_string(source).render(x=1) == ""


def test_a_template_that_does_not_compile_fails_every_time():
    for _ in range(2):
        with pytest.raises(TemplateSyntaxError):
            _env().from_string("{% if x %}")

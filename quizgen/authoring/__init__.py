"""Commands that help an author write a course: init, add-unit, preview and stats.

These modules sit beside the build pipeline and use it only through
`quizgen.authoring.pipeline`; they never change how a course is built.
"""
from __future__ import annotations


class AuthoringError(Exception):
    """An authoring command cannot do what was asked; the message says why and what to do."""

"""What every HTML page quizgen writes shares: the hash its Content Security Policy allows inline code by.

The web quiz's pages (`targets/web/`) and the authoring preview (`authoring/preview.py`) inline their style
and script, and allow exactly these by hash, so that the page loads and runs nothing else.
"""
from __future__ import annotations

import base64
import hashlib


def csp_hash(text: str) -> str:
    """The Content-Security-Policy source that allows an inline style or script with this exact text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"

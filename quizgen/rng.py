"""Seeded randomness: every random choice quizgen makes comes from here."""
from __future__ import annotations

import hashlib
import random


def rng_for(*parts: str) -> random.Random:
    """Return a random generator seeded from stable strings (never hash() or the clock)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))

"""What an imported article is: its front matter, its paragraphs and what was left out."""
from __future__ import annotations

from dataclasses import dataclass, field

from .furniture import byline_names, text_reason


@dataclass(frozen=True)
class Dropped:
    """A block left out of the body, with why and where it was."""

    text: str
    reason: str
    line: int = 0


@dataclass
class Article:
    """An imported article: front matter, body paragraphs and what was left out."""

    path: str
    meta: dict[str, str] = field(default_factory=dict)  # title, author, publisher, url, date: those found
    origin: dict[str, str] = field(default_factory=dict)  # where each meta field came from
    paragraphs: list[str] = field(default_factory=list)
    subheadings: set[int] = field(default_factory=set)  # paragraph numbers (from 1) that are subheadings
    dropped: list[Dropped] = field(default_factory=list)

    def keep_or_drop(self, text: str, line: int, subheading: bool = False) -> None:
        """Add a block of text to the body, or to what was left out when it is page furniture."""
        reason = text_reason(text)
        if reason:
            self.dropped.append(Dropped(text, reason, line))
            if reason == "byline" and "author" not in self.meta:
                self.meta["author"], self.origin["author"] = byline_names(text), f"the byline (line {line})"
            return
        self.paragraphs.append(text)
        if subheading:
            self.subheadings.add(len(self.paragraphs))

"""What an imported article is: its front matter, its paragraphs and what was left out."""
from __future__ import annotations

from dataclasses import dataclass, field

from .furniture import CITATION_MARK, EDIT_MARK, byline_names, date_in, iso_date, source_line_meta, text_reason

# Left out every time they occur, and listed once with a count: a page has one per section or per source.
COUNTED = ("edit link", "citation mark")
SAMPLES = 4  # examples a counted entry shows
# Lines around the body that say where it comes from, and what they give the front matter.
META_LINES = ("source line", "date line", "byline")


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
    paragraph_lines: list[int] = field(default_factory=list)  # the line each paragraph starts on
    counted: dict[str, list] = field(default_factory=dict)  # reason -> [first line, count, samples]

    def drop(self, text: str, reason: str, line: int) -> None:
        """Leave a block out, with why; edit links and citation marks are counted rather than listed one by one."""
        if reason not in COUNTED:
            self.dropped.append(Dropped(text, reason, line))
            return
        entry = self.counted.setdefault(reason, [line, 0, []])
        entry[1] += 1
        if len(entry[2]) < SAMPLES and text not in entry[2]:
            entry[2].append(text)

    def keep_or_drop(self, text: str, line: int, subheading: bool = False) -> None:
        """Add a block of text to the body, or to what was left out when it is page furniture."""
        marks = [m.group() for m in CITATION_MARK.finditer(text)]
        if marks:  # "[12]", "[citation needed]": the source's apparatus, not its words
            for mark in marks:
                self.drop(mark, "citation mark", line)
            text = " ".join(CITATION_MARK.sub(" ", text).split())
            text = text.replace(" .", ".").replace(" ,", ",").replace(" ;", ";").replace(" :", ":")
        if subheading and EDIT_MARK.search(text):
            self.drop("[edit]", "edit link", line)
            text = EDIT_MARK.sub("", text)
        if not text:
            return
        reason = text_reason(text)
        if reason:
            self.drop(text, reason, line)
            if reason == "byline" and "author" not in self.meta:
                self.meta["author"], self.origin["author"] = byline_names(text), f"the byline (line {line})"
            return
        self.paragraphs.append(text)
        self.paragraph_lines.append(line)
        if subheading:
            self.subheadings.add(len(self.paragraphs))

    def finish(self) -> None:
        """List the counted left-outs, and read the front matter that lines before or after the body give."""
        for reason, (line, count, samples) in self.counted.items():
            shown = " ".join(samples) + (" ..." if count > len(samples) == SAMPLES else "")
            self.dropped.append(Dropped(f"{shown} ({count} in all)", reason, line))
        self.counted = {}
        first, last = (self.paragraph_lines[0], self.paragraph_lines[-1]) if self.paragraph_lines else (0, 0)
        for dropped in sorted(self.dropped, key=lambda d: d.line):
            # Only around the body: a "Source: World Bank" under a table inside it is about the table.
            if dropped.reason not in META_LINES or first <= dropped.line <= last:
                continue
            where = f"the {dropped.reason} (line {dropped.line})"
            found = dict(source_line_meta(dropped.text) or {}) if dropped.reason == "source line" else {}
            if dropped.reason in ("date line", "byline"):
                date = date_in(dropped.text) or ((iso_date(dropped.text), dropped.text) if iso_date(dropped.text)
                                                 else None)
                found = {"date": date[0]} if date else {}
            for name, value in found.items():
                if value and name not in self.meta:
                    self.meta[name], self.origin[name] = value, where
        self.dropped.sort(key=lambda d: d.line)

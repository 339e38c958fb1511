"""Turn curated facts from a source text into Anki decks and printable worksheets."""

__version__ = "0.1.0"

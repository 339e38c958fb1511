"""Importing articles with `add-unit`: the structure of plain text, and the furniture of wiki and encyclopedia pages.

The articles are small files written for these tests in tests/articles/:

- `north-aral-plain.txt`: a plain text with an underlined title, a byline, a "Source:" line, subheadings (one with
  its paragraph right under it, no blank line between), hard-wrapped paragraphs, citation marks, a line of
  asterisks between sections, and a reference list;
- `wiki-atom.html`: a saved MediaWiki page (the markup Wikipedia uses since 2024): tagline, hatnotes, infobox,
  citation marks, edit links after each heading, exponents and subscripts, a data table, "In popular culture",
  "See also", references, a navigation box, and the revision's date and permanent link;
- `wiki_fragment_lajpat_rai.html`: the article's part of such a page only, without <head> or <h1>, in the older
  heading markup (a <span class="mw-headline" id="..."> inside each <h2>).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_cli as run
from quizgen.authoring.furniture import CITATION_MARK, source_line_meta, text_reason
from quizgen.authoring.html_reader import script_text
from quizgen.authoring.importer import read_article, title_of_file
from quizgen.authoring.unit import CALLED_HINT as CALLED

ARTICLES = Path(__file__).resolve().parent / "articles"


@pytest.fixture
def course(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    assert run("init", "content", "--title", "Imports").exit_code == 0
    return tmp_path / "content"


def body_of(source: Path) -> list[str]:
    return source.read_text(encoding="utf-8").split("\n---\n\n", 1)[1].rstrip("\n").split("\n\n")


# --- plain text -----------------------------------------------------------------------------------


def test_plain_text_headings_byline_source_line_and_dates(course):
    result = run("add-unit", ARTICLES / "north-aral-plain.txt", "content", "--slug", "aral")
    assert result.exit_code == 0, result.output
    source = course / "aral" / "source.md"
    assert source.read_text(encoding="utf-8").startswith(
        '---\ntitle: "The North Aral Sea comes back"\nauthor: "Dana Sultanova"\npublisher: "Steppe Review"\n'
        'date: 2023-05-16\nurl: "https://steppe-review.example/2023/05/north-aral-sea"\n' + CALLED + '---\n\n')
    assert body_of(source) == [
        "In the 1960s Soviet planners diverted the Amu Darya and the Syr Darya to water cotton fields, and the Aral "
        "Sea, once the fourth largest lake in the world, began to shrink.",
        "A dam for the north",  # its paragraph followed on the next line
        "In 2005 Kazakhstan finished the Kok-Aral dam, a 13-kilometre wall of earth that keeps the Syr Darya's water "
        "in the northern part of the sea.",
        "Fish and fishermen",
        "By 2010 the catch had risen again, and the fishermen of Aralsk saw the water come closer again.",  # no byline
        "The southern sea, which lies mostly in Uzbekistan, kept shrinking, leaving behind the Aralkum, a new desert "
        "of salt and dust.",
        "Scientists warn that storms carry this dust far across Central Asia.",
    ]
    facts = (course / "aral" / "facts.yaml").read_text(encoding="utf-8")
    assert "skip_paragraphs:\n  2: a subheading\n  4: a subheading\nfacts:\n" in facts  # as HTML headings are
    lines = result.stdout.splitlines()
    for line in ("  author:    Dana Sultanova  [from the byline (line 4)]",
                 "  publisher: Steppe Review  [from the source line (line 5)]",
                 "  date:      2023-05-16  [from the source line (line 5)]",
                 "  url:       https://steppe-review.example/2023/05/north-aral-sea  [from the source line (line 5)]",
                 "  body:      7 paragraphs, 2 of them subheadings (skipped)",
                 "  line 7    citation mark:             [1] [2] [citation needed] (3 in all)",
                 "  line 27   reference list:            References · 1. Micklin, P. (2007). The Aral Sea disaster. "
                 "Annual..."):
        assert line in lines, (line, lines)


def test_a_wrapped_paragraph_is_not_split_at_a_line_that_could_be_a_heading(tmp_path):
    article = tmp_path / "wrapped.txt"
    article.write_text(
        "Steppe notes\n\n"
        "Russia has dominated Kazakhstan and most of Central Asia since the imperial\n"  # 12 words, no full stop
        "Conquests of the nineteenth century, which brought settlers to the steppe.\n\n"
        "By Nursultan Nazarbayev\nthe country was led from independence until 2019.\n\n"  # a byline? no: it runs on
        "Published by Penguin in 1990, the novel about the steppe sold well.\n", encoding="utf-8")
    got = read_article(article)
    assert got.paragraphs == [
        "Russia has dominated Kazakhstan and most of Central Asia since the imperial Conquests of the nineteenth "
        "century, which brought settlers to the steppe.",
        "By Nursultan Nazarbayev the country was led from independence until 2019.",
        "Published by Penguin in 1990, the novel about the steppe sold well.",
    ]
    assert "author" not in got.meta and "publisher" not in got.meta and not got.subheadings


def test_plain_text_markdown_style_headings_and_a_footer_source(tmp_path):
    article = tmp_path / "herding.txt"
    article.write_text(
        "# Grass and horses\n\n## Herding\n\nHerders moved their flocks between summer and winter pastures.\n\n"
        "## Trade\n\nHorses were traded along the caravan routes.\n\n"
        "Originally published in The Steppe Quarterly on 3 March 2021.\n", encoding="utf-8")
    got = read_article(article)
    assert got.meta == {"title": "Grass and horses", "publisher": "The Steppe Quarterly", "date": "2021-03-03"}
    assert got.paragraphs == ["Herding", "Herders moved their flocks between summer and winter pastures.", "Trade",
                              "Horses were traded along the caravan routes."]
    assert got.subheadings == {1, 3}


@pytest.mark.parametrize("line, meta", [
    ("Source: Steppe Review, 16 May 2023, https://steppe-review.example/a",
     {"publisher": "Steppe Review", "date": "2023-05-16", "url": "https://steppe-review.example/a"}),
    ("Originally published in The Diplomat on June 8, 2022.", {"publisher": "The Diplomat", "date": "2022-06-08"}),
    ("Reprinted with permission from Foreign Affairs, March 2021.",
     {"publisher": "Foreign Affairs", "date": "2021-03"}),
    ("Sources: World Bank (CC BY 4.0)", {"publisher": "World Bank"}),
    ("URL: https://x.example/a-b", {"url": "https://x.example/a-b"}),
    ("Source: notes taken at the lecture", {}),  # labelled: a source line, though nothing in it is read
    # a book's year stands alone between commas: read as its date (a year in a title is not)
    ("Source: The Miller's Guide to Stones, Hale & Sons, Leeds, 1887, chapter II, https://books.example/miller",
     {"date": "1887", "url": "https://books.example/miller"}),
    ("Source: Annual report 2019 of the harbour board", {}),
])
def test_source_lines_give_publisher_date_and_address(line, meta):
    assert text_reason(line) == "source line"
    assert source_line_meta(line) == meta


@pytest.mark.parametrize("line", ["Published by Penguin in 1990, the novel sold well.",
                                  "Source of the Syr Darya lies in the Tian Shan.",
                                  "Published in 2022, the report argued that the dam worked."])
def test_sentences_that_open_like_a_source_line_are_text(line):
    assert text_reason(line) is None


def test_citation_marks_go_and_editorial_brackets_stay():
    text = "It weighs 9.11 kg.[36] It was[citation needed] the [sic] one[a][12][13] [note 1] of [...] and [A]."
    assert " ".join(CITATION_MARK.sub(" ", text).split()) == "It weighs 9.11 kg. It was the [sic] one of [...] and [A]."


# --- wiki pages -------------------------------------------------------------------------------------


def test_a_saved_wiki_page_keeps_the_article_and_leaves_the_wiki_out(course):
    result = run("add-unit", ARTICLES / "wiki-atom.html", "content")
    assert result.exit_code == 0, result.output
    source = course / "atom" / "source.md"
    # Dated and linked at the revision saved, not at the page's creation in 2001.
    assert source.read_text(encoding="utf-8").startswith(
        '---\ntitle: "Atom"\nauthor: "Contributors to Wikimedia projects"\npublisher: "Wikimedia Foundation, Inc."\n'
        'date: 2025-10-30\nurl: "https://en.wikipedia.org/w/index.php?title=Atom&oldid=1319509621"\n'
        + CALLED + '---\n\n')
    assert body_of(source) == [
        "Atoms are the basic particles of the chemical elements and the building blocks of ordinary matter. An atom "
        "is made of a small nucleus of protons and neutrons with electrons around it.",
        "History",
        "In the early 1800s John Dalton found that elements combine in ratios of small whole numbers, and he "
        "explained it by supposing that each element is made of atoms of one kind.",
        "Structure",
        "Subatomic particles",
        # Exponents stay exponents: as "^" where the worksheet font has no superscript minus, as "³" where it has.
        "The electron is the lightest of the three particles, at 9.11×10^−31 kg. A proton is about 1,836 times "
        "heavier. The radius of a nucleus is of the order of 10^−15 m, and the volume of a small atom is about "
        "10^−30 m³.",
        "Water, H2O, holds two atoms of hydrogen and one of oxygen; glucose, C6H12O6, holds twenty-four atoms.",
        "In popular culture",  # a section, not "related links" for the word "popular" in its anchor
        "The atom became a symbol of the modern age after 1945:",
        "The Atomium, a building in Brussels made for Expo 58, shows nine atoms of an iron crystal.",
        "Astro Boy (1952)",
    ]
    out = result.stdout
    assert "  date:      2025-10-30  [from the page's JSON-LD (dateModified)]" in out
    for line in ("  line 33   not in print version:      From Wikipedia, the free encyclopedia",
                 "  line 37   pointer to other pages:    This article is about the unit of matter. For other uses, "
                 "see Atom...",
                 "  line 38   infobox:                   Atom · A drawing of a helium atom · Smallest recognized "
                 "division...",
                 "  line 45   citation mark:             [1] [citation needed] [2] [3] ... (5 in all)",
                 "  line 47   edit link:                 [edit] (6 in all)",
                 "  line 48   pointer to other pages:    Main article: Atomic theory",
                 "  line 55   data table:                Particles of an atom · Particle · Charge · Mass (u) · "
                 "Electron ·...",
                 "  line 66   links to other pages:      See also · Periodic table · Molecule",
                 "  line 68   reference list:            References · ^ Pullman, Bernard (1998). The Atom in the "
                 "History of..."):
        assert line in out.splitlines(), (line, out)
    assert "[edit]" not in source.read_text(encoding="utf-8") and "Navigation" not in out
    assert "skip_paragraphs:\n  2: a subheading\n  4: a subheading\n  5: a subheading\n  8: a subheading\n" in \
        (course / "atom" / "facts.yaml").read_text(encoding="utf-8")


def test_a_fragment_of_a_wiki_page_takes_its_title_from_the_opening_words_in_bold(course):
    result = run("add-unit", ARTICLES / "wiki_fragment_lajpat_rai.html", "content")
    assert result.exit_code == 0, result.output
    assert "  title:     Lala Lajpat Rai  [from the opening words in bold (line 8)]" in result.stdout
    source = course / "lala-lajpat-rai" / "source.md"
    assert body_of(source) == [
        "Lala Lajpat Rai (28 January 1865 – 17 November 1928) was an Indian writer and politician, one of the leaders "
        "of the movement for independence from British rule. He was known as Punjab Kesari, the Lion of Punjab.",
        "Early life",
        "He was born in Dhudike, a village in Punjab, where his father taught Urdu and Persian at a government school.",
        "In popular culture",
        "A documentary film on his life was made by the Films Division of India in 1965.",
    ]
    assert ("  line 13   reference list:            Notes · ^ A biography of Lajpat Rai (1977). · ^ A history of "
            "the...") in result.stdout.splitlines()


def test_a_news_page_keeps_its_publication_date_though_it_was_modified_later(tmp_path):
    page = tmp_path / "news.html"
    page.write_text(
        '<html><head><title>Dust storms</title><meta name="generator" content="WordPress 6.4">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-02-01T08:00:00Z", '
        '"dateModified": "2024-03-09T10:00:00Z"}</script></head><body><article><h1>Dust storms</h1>'
        "<p>Dust storms from the dry seabed reach cities hundreds of kilometres away.</p></article></body></html>",
        encoding="utf-8")
    assert read_article(page).meta["date"] == "2024-02-01"


def test_a_table_holding_the_article_is_read_and_a_data_table_is_left_out(tmp_path):
    prose = "The steppe stretches from the Caspian Sea to the Altai mountains, " * 4
    page = tmp_path / "old.html"
    page.write_text(f"<html><body><table><tr><td><p>{prose}</p></td></tr></table>"
                    "<table><tr><th>Year</th><th>Level</th></tr><tr><td>1960</td><td>53 m</td></tr></table>"
                    "</body></html>", encoding="utf-8")
    got = read_article(page)
    assert got.paragraphs == [prose.strip()]
    assert [(d.reason, d.text) for d in got.dropped] == [("data table", "Year · Level · 1960 · 53 m")]


@pytest.mark.parametrize("tag, text, before, written", [
    ("sup", "2", "m", "²"),
    ("sup", "−31", "10", "^−31"),  # the font has no superscript minus
    ("sup", "n+1", "x", "^(n+1)"),
    ("sup", "st", "1", "st"),  # an ordinal: "1st"
    ("sub", "2", "CO", "2"),  # subscript digits all one way: the font lacks some
    ("sub", "i", "x", "_i"),
])
def test_superscripts_and_subscripts_keep_their_meaning(tag, text, before, written):
    assert script_text(tag, text, before) == written


@pytest.mark.parametrize("name, title", [
    ("Lala_Lajpat_Rai.html", "Lala Lajpat Rai"),
    ("Atom - Wikipedia.html", "Atom"),
    ("lajpat-rai.html", "Lajpat rai"),  # as the name has it, not lower-cased after its first letter
    ("Kazakhstan - from perestroika to independence.txt", "Kazakhstan - from perestroika to independence"),
])
def test_a_title_from_the_file_name_keeps_its_case_and_drops_the_site(name, title):
    assert title_of_file(Path(name)) == title

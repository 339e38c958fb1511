"""The authoring commands: init, add-unit, check's next steps, and their refusals of bad input.

Articles to import live in tests/articles/: `aral-sea.html` is a saved news page
with meta tags and page furniture around a short article (written for these
tests), and the seed article's raw text is compared with the hand-made
`content/kazakhstan-drift/source.md`.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import run_cli as run
from quizgen.authoring.unit import CALLED_HINT as CALLED
from quizgen.build import load_course

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
REPO = HERE.parent
SEED_COPY = ARTICLES / "kazakhstan-drift-raw.txt"  # the seed's raw text, kept with the tests


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder and its bytes, to show that nothing was written."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def course(tmp_path, monkeypatch) -> Path:
    """A new course made by `quizgen init` in tmp_path/content, with tmp_path as the working folder."""
    monkeypatch.chdir(tmp_path)
    result = run("init", "content", "--title", "Water and power in Central Asia")
    assert result.exit_code == 0, result.output
    return tmp_path / "content"


# --- init ---------------------------------------------------------------------------------


def test_init_writes_a_commented_course_and_says_what_next(tmp_path, monkeypatch):
    from quizgen.schema import CourseSchema, settings_schema
    from quizgen.targets import declared_options

    monkeypatch.chdir(tmp_path)
    result = run("init", "--title", "Water and power in Central Asia", "--language", "ru")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Wrote content/course.yaml; its comments explain each setting.\n"
        "Next, import an article as the first unit:\n"
        "  quizgen add-unit ARTICLE.html content\n"
    )
    text = (tmp_path / "content" / "course.yaml").read_text(encoding="utf-8")
    assert 'title: "Water and power in Central Asia"\n' in text
    assert "slug: water-and-power-in-central-asia\n" in text
    assert "language: ru\n" in text
    assert "units: []\n" in text
    for model in (CourseSchema, settings_schema(declared_options())):
        for name, info in model.model_fields.items():
            assert f"# {info.description.replace('`', '')[:20]}" in text, name
    comment_lines = [ln for ln in text.splitlines() if ln.lstrip().startswith("#")]
    assert len(comment_lines) >= 15


def test_check_on_a_new_course_says_what_to_do_next(course):
    result = run("check", "content")
    assert result.exit_code == 1  # as build fails on it: a course without units does not build yet
    assert result.stderr == "Not ready to build: take the next step above.\n"
    assert result.stdout == (
        "content/course.yaml: the course has no units yet. Next, import an article as its first unit:\n"
        "  quizgen add-unit ARTICLE.html content\n"
    )


def test_build_of_a_course_without_units_fails_and_writes_nothing(course, tmp_path):
    result = run("build", "content", "-o", tmp_path / "dist")
    assert result.exit_code == 1
    assert "field 'units': must list at least 1 item" in result.stderr
    assert not (tmp_path / "dist").exists()


def test_init_refuses_to_overwrite_a_course(course):
    before = snapshot(course)
    result = run("init", "content", "--title", "Another")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: 'content/course.yaml' already exists: there is a course here already, "
                                    "and init never overwrites one.")
    assert snapshot(course) == before


def test_init_refuses_the_shipped_course(tmp_path):
    shipped = tmp_path / "shipped"
    shutil.copytree(REPO / "content", shipped)
    before = snapshot(shipped)
    assert run("init", shipped).exit_code == 1
    assert snapshot(shipped) == before


@pytest.mark.parametrize("args, message", [
    (["--slug", "Bad Slug"], "Error: --slug 'Bad Slug' cannot be used: use lower-case letters, digits and single "
                             "hyphens, e.g. 'central-asia-2022'\n"),
    (["--language", "english!"], "Error: --language 'english!' cannot be used: give a language tag such as 'en', "
                                 "'ru' or 'kk'\n"),
    # A Cyrillic title is transliterated (tests/test_i18n.py); a title in a script without a romanisation is not.
    (["--title", "中国"], "Error: cannot make a course slug from the title '中国'; give one with --slug, "
                         "e.g. --slug central-asia-2022\n"),
    (["--title", "   "], "Error: --title '' cannot be used: string should have at least 1 character\n"),
])
def test_init_refuses_bad_settings(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run("init", "new", *args)
    assert result.exit_code == 1
    assert result.stderr == message
    assert not (tmp_path / "new" / "course.yaml").exists()


def test_init_with_a_non_latin_title_and_a_slug(tmp_path):
    result = run("init", tmp_path / "kz", "--title", "Қазақстан", "--slug", "kazakhstan", "--language", "kk")
    assert result.exit_code == 0, result.output
    assert 'title: "Қазақстан"' in (tmp_path / "kz" / "course.yaml").read_text(encoding="utf-8")


def test_init_takes_the_title_from_the_folder(tmp_path, monkeypatch):
    (tmp_path / "steppe-history").mkdir()
    monkeypatch.chdir(tmp_path / "steppe-history")
    assert run("init").exit_code == 0  # ./content: named after the folder it is in
    text = Path("content/course.yaml").read_text(encoding="utf-8")
    assert 'title: "Steppe history"' in text and "slug: steppe-history" in text


@pytest.mark.parametrize("title, slug", [
    ("Kazakhstan from Perestroika to Independence", "kazakhstan-from-perestroika"),  # never ends on "to"
    ("A New Central Asia? Kazakhstan’s Drift from Moscow", "new-central-asia-kazakhstans-drift"),
    ("Lala Lajpat Rai, the Lion of Punjab: his life and his death", "lala-lajpat-rai-the-lion-of-punjab"),
    ("Kazakhstan — from perestroika to independence, 1985–1991", "kazakhstan-from-perestroika"),
    ("The atom: from idea to structure", "atom-from-idea-to-structure"),  # fits whole: nothing cut
    ("Pneumonoultramicroscopicsilicovolcanoconiosis explained", "pneumonoultramicroscopicsilicovolcanocon"),
])
def test_a_long_title_makes_a_slug_cut_between_words_and_never_after_a_joining_word(tmp_path, title, slug):
    from quizgen.authoring.words import slugify

    assert slugify(title) == slug
    assert len(slug) <= 40
    result = run("init", tmp_path / "c", "--title", title)
    assert result.exit_code == 0, result.output
    assert f"slug: {slug}\n" in (tmp_path / "c" / "course.yaml").read_text(encoding="utf-8")


def test_init_refuses_a_file_in_the_way(tmp_path):
    (tmp_path / "course").write_text("a file\n")
    result = run("init", tmp_path / "course")
    assert result.exit_code == 1
    assert result.stderr == f"Error: '{tmp_path / 'course'}' is a file; give a folder for the new course\n"
    assert (tmp_path / "course").read_text() == "a file\n"


# --- add-unit -------------------------------------------------------------------------------


def test_seed_article_imports_as_the_hand_made_source(course):
    result = run("add-unit", SEED_COPY, "content", "--slug", "kazakhstan-drift")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:9] == [
        f"Added unit 'kazakhstan-drift' (A New Central Asia? Kazakhstan’s Drift from Moscow) from {SEED_COPY}:",
        "  title:     A New Central Asia? Kazakhstan’s Drift from Moscow  [from the first line (line 1)]",
        "  body:      10 paragraphs",
        "Left out as page furniture (paste back into source.md any that belong to the article):",
        "  line 3    image credit:              cc kremlin.ru, modified, http://en.kremlin.ru/events/president/news...",
        "  line 27   disclaimer:                The views expressed in this article belong to the authors alone...",
        "  line 29   navigation:                Back to Top",
        "  line 31   login link:                Login",
        "  line 33   login link:                Lost your password?",
    ]
    made = (course / "kazakhstan-drift" / "source.md").read_text(encoding="utf-8")
    shipped = (REPO / "content" / "kazakhstan-drift" / "source.md").read_text(encoding="utf-8")
    assert made.split("\n---\n", 1)[1] == shipped.split("\n---\n", 1)[1]  # the body, byte for byte
    assert made.startswith('---\ntitle: "A New Central Asia? Kazakhstan’s Drift from Moscow"\n' + CALLED + '---\n')
    assert load_course(REPO / "content").units[0].source.title == "A New Central Asia? Kazakhstan’s Drift from Moscow"


def test_html_article_gets_front_matter_paragraphs_and_a_facts_skeleton(course):
    result = run("add-unit", ARTICLES / "aral-sea.html", "content")
    assert result.exit_code == 0, result.output
    slug = "north-aral-sea-comes-back"
    source = (course / slug / "source.md").read_text(encoding="utf-8")
    assert source.startswith(
        "---\n"
        'title: "The North Aral Sea comes back"\n'
        'author: "Dana Sultanova"\n'
        'publisher: "Steppe Review"\n'
        "date: 2023-05-16\n"
        'url: "https://steppe-review.example/2023/05/north-aral-sea"\n'
        + CALLED + "---\n\n"
        "In the 1960s Soviet planners diverted the Amu Darya and the Syr Darya to water cotton fields, and the "
        "Aral Sea, once the fourth largest lake in the world, began to shrink."
    )
    paragraphs = source.split("---\n\n", 1)[1].rstrip("\n").split("\n\n")
    assert len(paragraphs) == 6
    assert paragraphs[1].startswith("In 2005 Kazakhstan finished the Kok-Aral dam, a 13-kilometre")  # link text kept
    assert paragraphs[2] == "Fish and fishermen"
    assert paragraphs[3].endswith("saw the water come closer again.")  # <em> kept as text
    assert paragraphs[4].endswith("a new desert of salt and dust.")  # <br><br> splits a paragraph
    assert paragraphs[5] == "Scientists warn that storms carry this dust far across Central Asia."
    for furniture in ("Skip to content", "Share", "Photo:", "views expressed", "Tags:", "comments", "Most read",
                      "All rights reserved", "Back to top", "By Dana", "Related"):
        assert furniture not in source, furniture
    out = result.stdout
    for line in ("  author:    Dana Sultanova  [from <meta name=\"author\">]",
                 "  publisher: Steppe Review  [from <meta property=\"og:site_name\">]",
                 "  date:      2023-05-16  [from <meta property=\"article:published_time\">]",
                 "  body:      6 paragraphs, 1 of them subheadings (skipped)",
                 "  line 32   image caption or credit:   The Kok-Aral dam in 2019. Photo: Steppe Review / A. Bekov",
                 "  line 49   share button:              Share this:",
                 "  line 57   page footer:               © 2023 Steppe Review. All rights reserved. · Back to top"):
        assert line in out.splitlines(), line
    facts = (course / slug / "facts.yaml").read_text(encoding="utf-8")
    assert 'title: "The North Aral Sea comes back"\n' in facts
    assert "skip_paragraphs:\n  3: a subheading\nfacts:\n" in facts
    assert "  # --- Paragraph 1: In the 1960s Soviet planners diverted the Amu ...\n" in facts
    assert "  # --- Paragraph 3 (a subheading): Fish and fishermen\n" in facts
    assert "  # --- Paragraph 6: Scientists warn that storms carry this dust far ...\n" in facts
    assert facts.count("# --- Paragraph ") == 6


def test_add_unit_appends_to_course_yaml_keeping_everything_else(course):
    before = (course / "course.yaml").read_text(encoding="utf-8")
    assert run("add-unit", ARTICLES / "aral-sea.html", "content", "--slug", "aral").exit_code == 0
    assert run("add-unit", SEED_COPY, "content", "--slug", "drift").exit_code == 0
    after = (course / "course.yaml").read_text(encoding="utf-8")
    assert after == before.replace("units: []\n", "units:\n  - aral\n  - drift\n")
    shipped = REPO / "content"
    copy = course.parent / "shipped"
    shutil.copytree(shipped, copy)
    assert run("add-unit", ARTICLES / "aral-sea.html", copy, "--slug", "aral-sea").exit_code == 0
    assert (copy / "course.yaml").read_text(encoding="utf-8") == (shipped / "course.yaml").read_text(
        encoding="utf-8").replace("  - kazakhstan-drift\n", "  - kazakhstan-drift\n  - aral-sea\n")


def test_a_second_unit_leaves_the_first_and_the_course_folder_holds_only_the_course(course):
    assert run("add-unit", ARTICLES / "aral-sea.html", "content", "--slug", "aral").exit_code == 0
    first = snapshot(course / "aral")
    assert run("add-unit", SEED_COPY, "content", "--slug", "drift").exit_code == 0
    assert snapshot(course / "aral") == first  # untouched, even though nobody has edited it yet
    names = sorted(str(p.relative_to(course)) for p in course.rglob("*"))
    assert names == ["aral", "aral/facts.yaml", "aral/source.md", "course.yaml", "drift", "drift/facts.yaml",
                     "drift/source.md"]  # no state of quizgen's, no temporary file


def test_writing_facts_under_the_comments_gives_a_checked_course(course):
    assert run("add-unit", ARTICLES / "aral-sea.html", "content", "--slug", "aral").exit_code == 0
    result = run("check", "content")
    assert result.exit_code == 1
    assert result.stdout == ("content/aral/facts.yaml: unit 'aral' has no facts yet. Next, write facts under the "
                             "paragraph comments in that file, then run: quizgen check content\n")
    facts = course / "aral" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    text = text.replace("  # --- Paragraph 2: In 2005 Kazakhstan finished the Kok-Aral dam, a ...\n", """\
  # --- Paragraph 2: In 2005 Kazakhstan finished the Kok-Aral dam, a ...
  - id: kok-aral-dam
    kind: event
    what: Kazakhstan finished the Kok-Aral dam, which keeps the Syr Darya's water in the North Aral Sea
    when: "2005"
    source: {paragraph: 2, quote: "In 2005 Kazakhstan finished the Kok-Aral dam"}
""")
    text = text.replace("  # --- Paragraph 5: The southern sea, which lies mostly in Uzbekistan, ...\n", """\
  # --- Paragraph 5: The southern sea, which lies mostly in Uzbekistan, ...
  - id: aralkum
    kind: term
    term: Aralkum
    definition: the desert of salt and dust left where the Aral Sea's eastern basin dried out
    source: {paragraph: 5, quote: "leaving behind the Aralkum, a new desert"}
""")
    facts.write_text(text, encoding="utf-8")
    result = run("check", "content")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("No errors.\n")
    assert "2 facts" in result.stdout


def test_markdown_article(course):
    article = course.parent / "steppe.md"
    article.write_text(
        "---\ntitle: Grass and horses\nauthor: A. Writer\ndate: 2021-03\nlayout: post\n---\n"
        "# Grass and horses\n\n"
        "The *Kazakh steppe* is one of the largest dry grasslands in the world, see [the map](https://x.example).\n"
        "It stretches from the Caspian to the Altai.\n\n"
        "## Herding\n\n"
        "Herders moved their flocks between summer and winter pastures.\n\n"
        "![a horse](horse.jpg)\n\n"
        "Photo: Wikimedia Commons\n",
        encoding="utf-8",
    )
    result = run("add-unit", article, "content")
    assert result.exit_code == 0, result.output
    source = (course / "grass-and-horses" / "source.md").read_text(encoding="utf-8")
    assert source == (
        '---\ntitle: "Grass and horses"\nauthor: "A. Writer"\ndate: 2021-03\n' + CALLED + '---\n\n'
        "The Kazakh steppe is one of the largest dry grasslands in the world, see the map. It stretches from the "
        "Caspian to the Altai.\n\nHerding\n\nHerders moved their flocks between summer and winter pastures.\n"
    )
    assert "front matter field quizgen does not use: layout: post" in result.stdout
    assert "the title (it is in the front matter): Grass and horses" in result.stdout
    assert "image credit:              Photo: Wikimedia Commons" in result.stdout


def test_plain_text_without_blank_lines_has_a_paragraph_per_line(course):
    article = course.parent / "notes.txt"
    article.write_text("Steppe notes\nThe first paragraph.\nThe second paragraph.\nBack to Top\n", encoding="utf-8")
    assert run("add-unit", article, "content").exit_code == 0
    source = (course / "steppe-notes" / "source.md").read_text(encoding="utf-8")
    assert source.endswith("---\n\nThe first paragraph.\n\nThe second paragraph.\n")


def test_html_in_a_declared_legacy_character_set(course):
    article = course.parent / "cyrillic.html"
    article.write_bytes(
        '<html><head><meta charset="windows-1251"><title>Степь</title></head><body><article>'
        "<h1>Степь</h1><p>Казахская степь — одна из крупнейших степей мира.</p></article></body></html>"
        .encode("cp1251")
    )
    assert run("add-unit", article, "content", "--slug", "step").exit_code == 0
    source = (course / "step" / "source.md").read_text(encoding="utf-8")
    assert source == '---\ntitle: "Степь"\n' + CALLED + '---\n\nКазахская степь — одна из крупнейших степей мира.\n'


def test_html_title_and_date_from_json_ld_and_title_tag(course):
    article = course.parent / "page.html"
    article.write_text(
        '<html><head><title>Dust storms | Steppe Review</title><meta property="og:site_name" content="Steppe Review">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"datePublished": "2024-02-01T08:00:00Z", "author": [{"@type": "Person", "name": "Ana Li"}]}</script>'
        "</head><body><p>Dust storms from the dry seabed reach cities hundreds of kilometres away.</p></body></html>",
        encoding="utf-8",
    )
    result = run("add-unit", article, "content")
    assert result.exit_code == 0, result.output
    source = (course / "dust-storms" / "source.md").read_text(encoding="utf-8")
    assert source.startswith('---\ntitle: "Dust storms"\nauthor: "Ana Li"\npublisher: "Steppe Review"\n'
                             "date: 2024-02-01\n" + CALLED + "---\n")


# --- add-unit: bad input ----------------------------------------------------------------------


@pytest.fixture
def article_file(course):
    def make(name: str, data: bytes) -> Path:
        path = course.parent / name
        path.write_bytes(data)
        return path
    return make


@pytest.mark.parametrize("name, data, message", [
    ("missing.html", None, "Error: article file not found: '{path}'\n"),
    ("article.pdf", b"%PDF-1.4", "Error: cannot import 'article.pdf': quizgen reads articles saved as .txt, .md or "
                                 ".html (in a browser: File > Save Page As, 'Web Page, HTML only')\n"),
    ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Error: '{path}' is not a text file (it contains NUL "
                                                           "bytes); save the article as text or HTML\n"),
    ("latin.txt", b"Title\n\nCaf\xe9 society\n", "Error: '{path}' line 3: not valid UTF-8 (byte 0xe9); save the "
                                                 "file as UTF-8\n"),
    ("latin.html", b"<p>Caf\xe9</p>", "Error: '{path}' is not UTF-8 and does not say which character set it uses; "
                                      "save it as UTF-8 or add <meta charset=\"...\"> to its <head>\n"),
    ("empty.html", b"   \n", "Error: cannot read '{path}' as HTML: Document is empty\n"),
    ("menu.html", b"<html><body><nav><a href='/'>Home</a></nav><p>Login</p></body></html>",
     "Error: found no paragraphs of article text in '{path}' (left out 2 blocks as page furniture)\n"),
    ("script.html", b"<html><body><script>document.write('hi')</script></body></html>",
     "Error: found no paragraphs of article text in '{path}'\n"),
    ("bad.md", b"---\ntitle: [unclosed\n---\nText.\n", "Error: '{path}' line 2: the front matter is not valid "
     "YAML: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence); the '[' opened on line 2 is "
     "never closed with ']' on that line\n"),
    ("colon.md", b"---\ntitle: Grass: and horses\n---\nText.\n", "Error: '{path}' line 2: the front matter is not "
     "valid YAML: mapping values are not allowed here; the value of 'title' holds ': ', which YAML reads as the start "
     "of another field; put the whole value in double quotes (title: \"...\")\n"),
])
def test_bad_article_is_refused_and_nothing_is_written(course, article_file, name, data, message):
    # a missing file is named as typed, relative to the working folder: an absolute path to it would be as long
    # as the test's temporary folder, and a long path is shortened in the message
    path = article_file(name, data) if data is not None else Path(name)
    before = snapshot(course)
    result = run("add-unit", path, "content")
    assert result.exit_code == 1
    assert result.stderr == message.format(path=path)
    assert "Traceback" not in result.output
    assert snapshot(course) == before


def test_slug_clash_with_a_listed_unit(course):
    assert run("add-unit", ARTICLES / "aral-sea.html", "content", "--slug", "aral").exit_code == 0
    shutil.rmtree(course / "aral")  # listed in course.yaml, folder gone: still taken
    before = snapshot(course)
    result = run("add-unit", SEED_COPY, "content", "--slug", "aral")
    assert result.exit_code == 1
    assert result.stderr == "Error: unit 'aral' is already in content/course.yaml; choose another name with --slug\n"
    assert snapshot(course) == before


def test_slug_clash_with_an_existing_folder(course):
    (course / "aral").mkdir()
    (course / "aral" / "notes.txt").write_text("mine\n")
    before = snapshot(course)
    result = run("add-unit", ARTICLES / "aral-sea.html", "content", "--slug", "aral")
    assert result.exit_code == 1
    assert result.stderr == ("Error: 'content/aral' already exists; choose another name with --slug "
                             "(nothing was written)\n")
    assert snapshot(course) == before


def test_default_slug_clash_is_refused_too(course):
    assert run("add-unit", ARTICLES / "aral-sea.html", "content").exit_code == 0
    before = snapshot(course)
    result = run("add-unit", ARTICLES / "aral-sea.html", "content")
    assert result.exit_code == 1
    assert "unit 'north-aral-sea-comes-back' is already in content/course.yaml" in result.stderr
    assert snapshot(course) == before


def test_add_unit_needs_a_course(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("add-unit", ARTICLES / "aral-sea.html", "nowhere")
    assert result.exit_code == 1
    assert result.stderr == "Error: no course.yaml in 'nowhere'; create the course first with: quizgen init nowhere\n"
    assert not (tmp_path / "nowhere").exists()


def test_add_unit_refuses_a_bad_slug_option(course):
    before = snapshot(course)
    result = run("add-unit", ARTICLES / "aral-sea.html", "content", "--slug", "../escape")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --slug '../escape' is not a unit folder name")
    assert snapshot(course) == before
    assert not (course.parent / "escape").exists()


def test_add_unit_refuses_a_broken_course_yaml(course):
    (course / "course.yaml").write_text("title: [oops\n", encoding="utf-8")
    before = snapshot(course)
    result = run("add-unit", ARTICLES / "aral-sea.html", "content")
    assert result.exit_code == 1
    assert result.stderr == ("Error: 'content/course.yaml' is not valid YAML; run 'quizgen check' to see where, "
                             "fix it, and run this command again\n")
    assert snapshot(course) == before


# --- check: next steps beside real errors -------------------------------------------------------


@pytest.mark.parametrize("facts", ["facts:\n", "facts: []\n"])
def test_a_unit_without_facts_gets_a_next_step(mini_course, facts):
    (mini_course / "steppe" / "facts.yaml").write_text(f"title: The steppe\n{facts}", encoding="utf-8")
    result = run("check", mini_course)
    assert result.exit_code == 1
    assert result.stdout == (f"{mini_course}/steppe/facts.yaml: unit 'steppe' has no facts yet. Next, write facts "
                             f"under the paragraph comments in that file, then run: quizgen check {mini_course}\n")
    assert result.stderr == "Not ready to build: take the next step above.\n"


def test_next_steps_come_with_the_real_errors(mini_course):
    (mini_course / "steppe" / "facts.yaml").write_text("title: The steppe\nfacts:\n", encoding="utf-8")
    text = (mini_course / "course.yaml").read_text(encoding="utf-8")
    (mini_course / "course.yaml").write_text(text.replace("  - steppe\n", "  - steppe\n  - gone\n"), encoding="utf-8")
    result = run("check", mini_course)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{mini_course}/steppe/facts.yaml: unit 'steppe' has no facts yet.")
    assert result.stderr == (f"{mini_course}/course.yaml:6: unit 'gone' has no facts.yaml (expected "
                             f"'{mini_course}/gone/facts.yaml')\nAborted with 1 error.\n")


def test_a_wrapper_whose_class_sounds_like_furniture_is_kept_when_it_holds_the_article(course):
    article = course.parent / "wrapped.html"
    article.write_text(
        "<html><body><div class='layout with-sidebar'><h1>Salt</h1>"
        "<p>The dry seabed of the Aral Sea is covered in salt left by the water.</p>"
        "<p>Winds lift the salt and carry it over fields far away.</p>"
        "<div class='share'>Share</div></div></body></html>", encoding="utf-8")
    result = run("add-unit", article, "content")
    assert result.exit_code == 0, result.output
    source = (course / "salt" / "source.md").read_text(encoding="utf-8")
    assert source.endswith("---\n\nThe dry seabed of the Aral Sea is covered in salt left by the water.\n\n"
                           "Winds lift the salt and carry it over fields far away.\n")
    assert "share button:              Share" in result.stdout

"""`quizgen suggest`: candidate facts drawn from a unit's source text.

Every suggestion must load through the loader exactly as a curated fact does
(schema and quote check), on the shipped article and on articles nobody tuned
the rules on; the output must be repeatable and made offline.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.authoring.suggest import (
    SUGGESTIONS_FILE,
    find_suggestions,
    quotes_overlap,
    recall,
    suggest_unit,
)
from quizgen.authoring.unit import add_unit
from quizgen.build import check, load_course
from quizgen.cli import main
from quizgen.loader.files import bounded_yaml

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "content"
ARTICLES = Path(__file__).resolve().parent / "articles"
FIXTURES = Path(__file__).resolve().parent / "courses"
RECALL_GOAL = 0.60


def _copy(course: Path, tmp_path: Path) -> Path:
    dest = tmp_path / course.name
    shutil.copytree(course, dest)
    return dest


def _empty_facts(unit_dir: Path) -> None:
    """Leave a unit as add-unit does: its title and source, no facts yet."""
    data = bounded_yaml("safe").load((unit_dir / "facts.yaml").read_text(encoding="utf-8"))
    skip = "".join(f"\n  {n}: {reason!r}" for n, reason in (data.get("skip_paragraphs") or {}).items())
    (unit_dir / "facts.yaml").write_text(
        f"title: {data['title']!r}\nsource: {data.get('source', 'source.md')}\n"
        f"skip_paragraphs:{skip or ' {}'}\nfacts:\n", encoding="utf-8")


def _suggestions_as_facts(unit_dir: Path) -> int:
    """Replace the unit's facts with its suggestions, moved across as an author would: no edit at all."""
    suggested = (unit_dir / SUGGESTIONS_FILE).read_text(encoding="utf-8")
    entries = suggested[suggested.index("\nsuggestions:") + len("\nsuggestions:"):]
    facts = (unit_dir / "facts.yaml").read_text(encoding="utf-8")
    facts = facts[: facts.index("\nfacts:") + len("\nfacts:")] + entries
    (unit_dir / "facts.yaml").write_text(facts, encoding="utf-8")
    return len(bounded_yaml("safe").load(suggested)["suggestions"] or [])


def _imported_course(tmp_path: Path) -> Path:
    course = tmp_path / "water"
    course.mkdir()
    (course / "course.yaml").write_text("title: Water\nslug: water\nunits: []\n", encoding="utf-8")
    add_unit(ARTICLES / "aral-sea.html", course, slug="aral-sea")
    return course


def _units():
    yield "shipped", SHIPPED, "kazakhstan-drift"
    yield "atom", FIXTURES / "atom", "discovery"
    yield "atom", FIXTURES / "atom", "structure"
    yield "lajpat-rai", FIXTURES / "lajpat-rai", "life"


@pytest.mark.parametrize("course, unit", [(c, u) for _, c, u in _units()] + [(None, "aral-sea")],
                         ids=[f"{n}/{u}" for n, _, u in _units()] + ["aral-sea"])
def test_every_suggestion_loads_as_a_curated_fact(tmp_path, course, unit):
    course_dir = _imported_course(tmp_path) if course is None else _copy(course, tmp_path)
    unit_dir = course_dir / unit
    _empty_facts(unit_dir)
    result = suggest_unit(unit_dir)
    assert result.rejected == []  # nothing a rule made was refused by the check
    # The Aral article is 9 sentences; a curator would keep at least 7 facts from it (see the test below).
    assert len(result.suggestions) >= (7 if unit == "aral-sea" else 10)
    # Move every suggestion into facts.yaml unchanged: the whole course must load and check.
    moved = _suggestions_as_facts(unit_dir)
    assert moved == len(result.suggestions)
    loaded = load_course(course_dir)
    facts = [f for u in loaded.units if u.slug == unit for f in u.facts]
    assert len(facts) == moved
    ids = [f.id for u in loaded.units for f in u.facts]
    assert len(ids) == len(set(ids))
    report = check(course_dir)
    assert report.items


def test_the_aral_article_gives_the_facts_a_curator_would_keep(tmp_path):
    """The imported article, read as a curator would: its dated events (the dam, the basin that dried out,
    'its' read as the southern sea), the decade as a period with its years and no event dated within it,
    the two terms defined in apposition, and the scientists' warning."""
    unit_dir = _imported_course(tmp_path) / "aral-sea"
    found = suggest_unit(unit_dir).suggestions
    events = {(e.fields["when"], e.fields["what"]) for e in _of_kind(found, "event")}
    assert events == {("2005", "Kazakhstan finished the Kok-Aral dam"),
                      ("2014", "the southern sea's eastern basin dried out completely")}
    periods = {(b.fields["period"], b.fields.get("years")) for b in _of_kind(found, "background")}
    assert ("the 1960s", "1960-1969") in periods and ("by the late 1980s", None) in periods
    assert {t.fields["term"] for t in _of_kind(found, "term")} == {"Kok-Aral dam", "Aralkum"}
    assert ("scientists", "storms carry this dust far across Central Asia") in {
        (c.fields["speaker"], c.fields["claim"]) for c in _of_kind(found, "claim")}


def test_every_kind_is_suggested_somewhere(tmp_path):
    kinds = set()
    for _, course, unit in _units():
        source = load_course(course).units
        for u in source:
            if u.slug == unit:
                kinds |= {s.kind for s in find_suggestions(u.source.paragraphs, skip=set(u.skip_paragraphs),
                                                           date=u.source.date, title=u.source.title)}
    assert kinds == {"person", "event", "term", "claim", "cause_effect", "background"}


def test_ids_never_clash_with_the_courses_facts_and_curated_facts_are_not_suggested_again(tmp_path):
    course_dir = _copy(SHIPPED, tmp_path)
    unit_dir = course_dir / "kazakhstan-drift"
    curated = load_course(course_dir).units[0]
    result = suggest_unit(unit_dir)
    assert result.already_curated > 0
    taken = {f.id for f in curated.facts}
    assert not taken & {s.id for s in result.suggestions}
    for s in result.suggestions:
        for fact in curated.facts:
            assert not quotes_overlap(curated.source.paragraphs, (fact.paragraph, fact.quote), (s.paragraph, s.quote))
    assert load_course(course_dir).units[0].facts == curated.facts  # facts.yaml untouched


def test_output_is_byte_identical_on_rerun(tmp_path):
    course_dir = _copy(FIXTURES / "lajpat-rai", tmp_path)
    unit_dir = course_dir / "life"
    _empty_facts(unit_dir)
    suggest_unit(unit_dir)
    first = (unit_dir / SUGGESTIONS_FILE).read_bytes()
    suggest_unit(unit_dir)
    assert (unit_dir / SUGGESTIONS_FILE).read_bytes() == first


def test_recall_on_the_shipped_course():
    """The share of the shipped course's curated facts whose quote a suggestion's quote overlaps."""
    unit = load_course(SHIPPED).units[0]
    found = find_suggestions(unit.source.paragraphs, skip=set(unit.skip_paragraphs), date=unit.source.date,
                             title=unit.source.title)
    share = recall(unit.source.paragraphs, [(f.paragraph, f.quote) for f in unit.facts], found)
    print(f"recall on the shipped course: {share:.0%} of {len(unit.facts)} curated facts, "
          f"{len(found)} suggestions")
    assert share >= RECALL_GOAL


def test_overlap_is_half_the_shorter_quote_in_the_same_paragraph():
    paragraphs = ("In 1880, he joined Government College at Lahore to study law.", "Another paragraph here.")
    assert quotes_overlap(paragraphs, (1, "he joined Government College"), (1, "In 1880, he joined"))
    assert not quotes_overlap(paragraphs, (1, "In 1880, he joined"), (1, "College at Lahore to study law"))
    assert not quotes_overlap(paragraphs, (1, "Another paragraph"), (2, "Another paragraph"))


def test_an_edited_suggestions_file_is_kept_unless_forced(tmp_path):
    course_dir = _copy(FIXTURES / "atom", tmp_path)
    unit_dir = course_dir / "discovery"
    suggest_unit(unit_dir)
    path = unit_dir / SUGGESTIONS_FILE
    edited = path.read_text(encoding="utf-8").replace("kind: claim", "kind: claim  # mine", 1)
    path.write_text(edited, encoding="utf-8")
    result = CliRunner().invoke(main, ["suggest", str(unit_dir)])
    assert result.exit_code == 1
    assert f"Error: {path} has been edited since quizgen suggest wrote it" in result.output
    assert path.read_text(encoding="utf-8") == edited
    result = CliRunner().invoke(main, ["suggest", str(unit_dir), "--force"])
    assert result.exit_code == 0, result.output
    assert "# mine" not in path.read_text(encoding="utf-8")


def test_cli_reports_what_it_wrote(tmp_path):
    course_dir = _imported_course(tmp_path)
    facts_before = (course_dir / "aral-sea" / "facts.yaml").read_bytes()
    result = CliRunner().invoke(main, ["suggest", str(course_dir / "aral-sea")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Suggested ") and "for unit 'aral-sea': " in lines[0]
    assert f"Wrote {course_dir / 'aral-sea' / SUGGESTIONS_FILE}" in lines
    assert (course_dir / "aral-sea" / "facts.yaml").read_bytes() == facts_before


def test_a_folder_outside_a_course_is_refused(tmp_path):
    (tmp_path / "unit").mkdir()
    result = CliRunner().invoke(main, ["suggest", str(tmp_path / "unit")])
    assert result.exit_code == 1
    assert f"there is no course.yaml in '{tmp_path}'" in result.output


def test_suggest_runs_with_the_network_unreachable(tmp_path):
    """Nothing is fetched at run time: with sockets refused, suggest works and imports no network client."""
    course_dir = _imported_course(tmp_path)
    script = textwrap.dedent(f"""
        import socket, sys
        def refuse(*args, **kwargs):
            raise OSError("network used")
        socket.socket = refuse
        socket.create_connection = refuse
        from quizgen.authoring.suggest import suggest_unit
        result = suggest_unit({str(course_dir / 'aral-sea')!r})
        assert result.suggestions
        loaded = [m for m in ("http.client", "urllib.request", "requests", "ssl", "urllib3") if m in sys.modules]
        print("network modules:", loaded)
        assert not loaded, loaded
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr


# --- the rules, each on sentences written for these tests -----------------------------------------


def _suggest(*paragraphs: str, date: str = "2021-06-01", title: str = "A test article"):
    return find_suggestions(tuple(paragraphs), date=date, title=title)


def _of_kind(found, kind: str) -> list:
    return [s for s in found if s.kind == kind]


def test_a_decade_is_a_period_with_its_exact_years_never_an_event_date():
    found = _suggest("In the 1970s the city council built a ring road around Leeds, and traffic in the centre fell.")
    assert _of_kind(found, "event") == []
    [period] = _of_kind(found, "background")
    assert period.fields == {"period": "the 1970s", "years": "1970-1979",
                             "statement": "In the 1970s the city council built a ring road around [[Leeds]]."}


def test_a_qualified_decade_keeps_its_words_and_claims_no_years():
    found = _suggest("By the late 1990s the factory had moved its offices to Bradford.")
    assert _of_kind(found, "event") == []
    [period] = _of_kind(found, "background")
    assert period.fields["period"] == "by the late 1990s" and "years" not in period.fields
    assert period.fields["statement"] == "By the late 1990s the factory had moved its offices to [[Bradford]]."


def test_by_a_year_bounds_a_fact_and_dates_no_event():
    found = _suggest("By 1920 the company had opened a second mill in Glasgow.")
    assert _of_kind(found, "event") == []
    [period] = _of_kind(found, "background")
    assert period.fields["period"] == "by 1920" and "years" not in period.fields


def test_since_a_year_is_an_open_period():
    found = _suggest("Since 1991 the museum has been run by a trust in Perth.")
    assert _of_kind(found, "event") == []
    [period] = _of_kind(found, "background")
    assert (period.fields["period"], period.fields["years"]) == ("since 1991", "1991-")


def test_a_range_of_years_is_a_period_not_an_event_at_its_start():
    found = _suggest("Between 1908 and 1913 the painter lived in Vienna.")
    assert _of_kind(found, "event") == []
    [period] = _of_kind(found, "background")
    assert period.fields == {"period": "1908-1913", "years": "1908-1913",
                             "statement": "Between 1908 and 1913 the painter lived in [[Vienna]]."}


def test_two_years_in_one_opening_phrase_date_the_event_once():
    found = _suggest("In 1888 and again in 1889, the society held its meeting in Dundee.")
    assert [(e.fields["what"], e.fields["when"]) for e in _of_kind(found, "event")] == [
        ("the society held its meeting in Dundee", "1888")]


def test_it_and_its_stand_for_the_last_subject_that_agrees_in_number():
    found = _suggest("The old canal, which runs through the town, was closed to boats in 1960. "
                     "Its locks were filled with concrete in 1965.")
    whats = {e.fields["when"]: e.fields["what"] for e in _of_kind(found, "event")}
    assert whats == {"1960": "the old canal was closed to boats",
                     "1965": "the old canal's locks were filled with concrete"}


def test_they_stands_for_a_plural_subject_written_as_the_text_writes_it_elsewhere():
    found = _suggest("Otters were once common along the Tweed. In 1962 they vanished from the lower river. "
                     "Few otters were seen there again.")
    assert [e.fields["what"] for e in _of_kind(found, "event")] == ["otters vanished from the lower river"]


def test_an_it_that_stands_for_nothing_is_not_resolved():
    found = _suggest("The dam was finished in 1950. In 1952 it was clear that the valley would flood.")
    assert [e.fields["when"] for e in _of_kind(found, "event")] == ["1950"]


def test_an_event_leaves_out_asides_and_what_its_object_is():
    found = _suggest("The bridge, which a local engineer had designed, collapsed in 1879. "
                     "In 1931 the town opened the Grand Hall, a concert room for two thousand people.")
    assert [e.fields["what"] for e in _of_kind(found, "event")] == [
        "the bridge collapsed", "the town opened the Grand Hall"]


def test_a_blank_never_splits_names_joined_by_and():
    [claim] = _of_kind(_suggest("The council has joined the Clean Air and Water Partnership."), "claim")
    assert claim.fields["cloze"] == ("According to the article, the council has joined the "
                                     "[[Clean Air and Water Partnership]].")


def test_citation_marks_neither_end_a_clause_nor_enter_a_field():
    paragraph = "Nearly 70%[3] of the island's surface is covered by forest."
    [background] = _of_kind(_suggest(paragraph), "background")
    assert background.fields["statement"] == "Nearly [[70%]] of the island's surface is covered by forest."
    assert background.quote == "Nearly 70%[3] of the island's surface is covered by forest"  # verbatim
    found = _suggest("The comet was first seen in 1682,[4] and Halley predicted its return in 1758.")
    assert [(e.fields["what"], e.quote) for e in _of_kind(found, "event")] == [
        ("the comet was first seen", "The comet was first seen in 1682"),
        ("Halley predicted its return", "Halley predicted its return in 1758")]


def test_a_run_in_label_is_not_part_of_the_sentence():
    paragraph = "Harbour Closure - Because of the storm, the port authority closed the harbour for three days."
    [cause] = _of_kind(_suggest(paragraph), "cause_effect")
    assert cause.fields == {"cause": "the storm",
                            "effect": "the port authority closing the harbour for three days"}
    assert cause.quote.startswith("Because of the storm")


def test_initials_stay_inside_a_name():
    [person] = _of_kind(_suggest("The chief engineer at Dover, Peter J. Gale, closed the port."), "person")
    assert person.fields == {"name": "Peter J. Gale", "role": "the chief engineer at Dover"}


def test_a_role_ends_where_the_next_name_begins():
    found = _suggest("She was the daughter of Anna Berg, a Swedish and Finnish language teacher and Olof Lind Berg.")
    assert [(p.fields["name"], p.fields["role"]) for p in _of_kind(found, "person")] == [
        ("Anna Berg", "a Swedish and Finnish language teacher")]


def test_a_name_before_a_noun_is_no_person():
    found = _suggest("In 1890 he joined the reformist Hansa Samaj movement in Delhi.")
    assert _of_kind(found, "person") == []


def test_due_to_inside_a_part_of_the_clause_gives_no_cause():
    assert _of_kind(_suggest("The signal was too weak to be due to the storm."), "cause_effect") == []
    assert _of_kind(_suggest("The rocks are so hot that walking on them is impossible due to the sun."),
                    "cause_effect") == []


def test_the_former_and_the_latter_name_a_speaker():
    found = _suggest("Critics such as Anna Holt and Ben Cray attacked the plan, with the latter warning that the "
                     "bridge would cost twice as much.")
    assert [(c.fields["speaker"], c.fields["claim"]) for c in _of_kind(found, "claim")] == [
        ("Ben Cray", "the bridge would cost twice as much")]


def test_a_speaker_who_is_the_subject_of_an_earlier_verb():
    found = _suggest('After the vote, Maria Lopez thanked her staff and said "the new library will open in spring."')
    [claim] = _of_kind(found, "claim")
    assert claim.fields == {"speaker": "Maria Lopez", "claim": '"the new library will open in spring"'}
    assert claim.quote == 'Maria Lopez thanked her staff and said "the new library will open in spring."'
    # another clause before 'and said' has its own subject: no speaker is guessed
    found = _suggest("The storm ended at noon; the crowd cheered and said that the match would go on.")
    assert [c for c in _of_kind(found, "claim") if c.rule == "said"] == []


def test_people_named_as_members_of_a_group_take_the_group_as_their_role():
    found = _suggest("Her letters were read by leading Scottish poets, including Robert T. Fergus and Ann Grey.",
                     "Young women in the suffrage campaign, such as Mary Lowe, spoke at the rally.",
                     "She travelled with other reporters, Tom Ash, Ida Venn and Joe Park, to the border.")
    assert [(p.fields["name"], p.fields["role"], p.rule) for p in _of_kind(found, "person")] == [
        ("Robert T. Fergus", "a leading Scottish poet", "such-as"),
        ("Ann Grey", "a leading Scottish poet", "such-as"),
        ("Mary Lowe", "a young woman in the suffrage campaign", "such-as"),
        ("Tom Ash", "a reporter", "listed"), ("Ida Venn", "a reporter", "listed"), ("Joe Park", "a reporter", "listed")]
    # the quote runs to the end of the list of names
    assert found[0].quote == "leading Scottish poets, including Robert T. Fergus and Ann Grey"
    # things, not people, before 'including': no person
    assert _of_kind(_suggest("The museum holds old maps, including Blaeu Atlas and Speed Map."), "person") == []


def test_a_role_that_is_a_list_of_nouns_runs_to_its_last():
    [person] = _of_kind(_suggest("Ada Brook was a Welsh engineer, inventor, and author, known for her bridges."),
                        "person")
    assert person.fields["role"] == "a Welsh engineer, inventor, and author"


def test_a_name_given_after_a_comma_is_the_subjects():
    found = _suggest("Lena Marsh was a Scottish singer and songwriter, popularly known as the Lark of Leith.")
    [term] = _of_kind(found, "term")
    assert term.fields == {"term": "Lark of Leith", "determiner": "the",
                           "definition": "the name by which Lena Marsh was popularly known"}
    # a bracketed aside after the name, and a list in the role, do not hide the subject
    found = _suggest("Tom Reid (1901 – 1970) was a Scottish painter, printmaker, and teacher, commonly known as "
                     "Painter Tom.")
    assert [t.fields["definition"] for t in _of_kind(found, "term")] == [
        "the name by which Tom Reid was commonly known"]


def test_a_name_in_brackets_names_the_phrase_before_it():
    found = _suggest("Sand grains and silt (collectively known as sediment) settle on the river bed. "
                     "Floods carry sand far downstream.")
    [term] = _of_kind(found, "term")
    assert term.fields == {"term": "sediment", "definition": "sand grains and silt", "determiner": "none"}
    assert term.quote == "Sand grains and silt (collectively known as sediment)"


def test_a_word_and_what_it_means():
    [term] = _of_kind(_suggest('The town takes its name from the Norse word vik, which means "bay".'), "term")
    assert term.fields == {"term": "vik", "definition": 'the Norse word meaning "bay"', "determiner": "none"}


def test_a_persons_name_for_things_is_a_term():
    found = _suggest("In 1802 Anna Pell studied the lights in the bay. She called these glowing organisms sparks "
                     "because they flashed when the water moved.")
    [term] = _of_kind(found, "term")
    assert term.fields == {"term": "sparks", "definition": "Anna Pell's name for the glowing organisms",
                           "determiner": "none", "plural": True}


def test_which_means_joins_a_cause_to_its_effect():
    found = _suggest("The bridge was closed, which means that lorries cannot reach the port.")
    assert [c.fields for c in _of_kind(found, "cause_effect")] == [
        {"cause": "the bridge being closed", "effect": "lorries being unable to reach the port"}]


def test_as_before_a_fear_or_belief_is_a_reason_and_otherwise_not():
    found = _suggest("Pier Notice - The council closed the pier as the engineers feared that the storm would wreck it.")
    assert [c.fields for c in _of_kind(found, "cause_effect")] == [
        {"cause": "the engineers fearing that the storm would wreck it", "effect": "the council closing the pier"}]
    assert _of_kind(_suggest("The crowd cheered as the ship left the harbour."), "cause_effect") == []


def test_a_common_noun_that_opens_a_sentence_is_written_in_lower_case():
    found = _suggest("Glaciers were thicker than the valleys were deep, which meant that ice covered the hills. "
                     "The largest glaciers reached the sea.")
    assert [c.fields["cause"] for c in _of_kind(found, "cause_effect")] == [
        "glaciers being thicker than the valleys were deep"]


def test_what_a_reported_statement_shows_is_the_articles_analysis():
    found = _suggest("Anna Holt stated she would close the library, effectively showing how the council has given "
                     "up on the old town.")
    assert [(c.fields["speaker"], c.fields["claim"]) for c in _of_kind(found, "claim")] == [
        ("Anna Holt", "she would close the library"), ("the article", "the council has given up on the old town")]


def test_the_reader_addressed_as_you_is_no_subject():
    [claim] = _of_kind(_suggest("As prices keep rising, you can expect both Spain and Italy to cut their budgets."),
                       "claim")
    assert claim.fields["claim"] == "both Spain and Italy can be expected to cut their budgets"


def test_a_clause_after_but_is_found_past_an_aside():
    found = _suggest("The town rejected the plan, but the fear of floods, such as the great flood, has already "
                     "spread along the coast.")
    assert [c.fields["claim"] for c in _of_kind(found, "claim")] == [
        "the fear of floods has already spread along the coast"]


def test_examples_between_commas_are_left_out_unless_the_list_goes_on():
    found = _suggest("In 1932 Ada Brook exposed several metals, such as tin and lead, to the new rays.")
    assert [e.fields["what"] for e in _of_kind(found, "event")] == ["Ada Brook exposed several metals to the new rays"]
    found = _suggest("The empire has crushed states that tried to leave it, such as the Baltics, Georgia, and Poland.")
    assert [c.fields["claim"] for c in _of_kind(found, "claim")] == [
        "the empire has crushed states that tried to leave it, such as the Baltics, Georgia, and Poland"]  # whole


def test_a_number_of_things_is_a_quantity():
    [background] = _of_kind(_suggest("A hive holds around 40,000 bees in summer."), "background")
    assert background.fields == {"period": "the present day",
                                 "statement": "A hive holds [[around 40,000 bees]] in summer."}
    assert _of_kind(_suggest("In 2001 this was the rule, and 3 is the answer."), "background") == []


def test_people_named_by_their_relation_to_someone_named_before():
    found = _suggest("Ada Brook built the first lock on the canal. Her son Tom Brook ran the company, and his "
                     "assistants Ian Hale and Rob Moss kept its books.")
    assert [(p.fields["name"], p.fields["role"]) for p in _of_kind(found, "person")] == [
        ("Tom Brook", "the son of Ada Brook"), ("Ian Hale", "an assistant of Tom Brook"),
        ("Rob Moss", "an assistant of Tom Brook")]


def test_a_shortened_field_or_quote_never_ends_on_a_joining_word():
    found = _suggest("In 1913 the chemist Ada Park proposed a new model in which the atoms of a gas were assumed to "
                     "move freely but could only collide with the walls of a container.")
    [event] = _of_kind(found, "event")
    assert event.fields["what"] == "the chemist Ada Park proposed a new model"
    [person] = _of_kind(found, "person")
    assert person.fields["role"] == "the chemist who proposed a new model"
    for suggestion in found:
        assert suggestion.quote.split()[-1] not in ("in", "the", "of", "to", "and", "which")


def test_no_analysis_without_a_verb():
    assert _of_kind(_suggest("The greatest number of ships in the fleet."), "claim") == []


def test_an_appositive_that_is_a_clause_a_list_item_or_a_comparison_is_no_definition():
    for sentence in ("When the ice melts in a glacier, the water flows down to the sea.",
                     "It depends on the depth of the lake, the size of the dam, and the rain.",
                     "The closer a ship sails to the harbour, the calmer the water."):
        assert _of_kind(_suggest(sentence), "term") == [], sentence


def test_a_definition_or_cause_that_leans_on_another_sentence_is_not_suggested():
    assert _of_kind(_suggest("Erosion is the opposite process."), "term") == []
    [term] = _of_kind(_suggest("Fission is the splitting of a nucleus into two smaller nuclei."), "term")
    assert term.fields["definition"] == "the splitting of a nucleus into two smaller nuclei"
    assert _of_kind(_suggest("This force caused the collapse of the old bridge."), "cause_effect") == []


def test_causes_inside_a_relative_clause_and_an_object_doing_something():
    found = _suggest("The rain is weaker than the wind that causes the waves to break on the rocks.")
    assert [c.fields for c in _of_kind(found, "cause_effect")] == [
        {"cause": "the wind", "effect": "the waves breaking on the rocks"}]


def test_quantities_after_an_imperative_or_a_dummy_it_and_a_number_before_two_nouns():
    [background] = _of_kind(_suggest("Note that it takes about 40 minutes to cross the bay."), "background")
    assert background.fields["statement"] == "It takes [[about 40 minutes]] to cross the bay."
    [background] = _of_kind(_suggest("A drop holds about 2 million water molecules."), "background")
    assert background.fields["statement"] == "A drop holds [[about 2 million]] water molecules."
    # a quantity of the past with no date has no period to give
    assert _of_kind(_suggest("The army lost about 2,000 soldiers to disease."), "background") == []


def test_he_keeps_to_the_last_subject_not_to_a_name_in_object_position():
    found = _suggest("Ada Brook opened a college in Leeds. Graduates of the college, which she founded, included "
                     "Tom Ash. She was elected mayor in 1920.")
    assert [e.fields["what"] for e in _of_kind(found, "event")] == ["Ada Brook was elected mayor"]


def test_he_is_not_someone_the_same_sentence_names_later():
    found = _suggest("Tom Ash was told to shoot at Ian Hale, a police officer. He was shot by Ash in 1928.")
    assert [e.fields["what"] for e in _of_kind(found, "event")] == ["Ian Hale was shot by Ash"]


def test_an_event_is_dated_without_what_came_later():
    found = _suggest("Ada Brook lived in Leeds, but she returned to York in 1919 and in the following year opened "
                     "a school there.")
    assert [(e.fields["what"], e.quote) for e in _of_kind(found, "event")] == [
        ("Ada Brook returned to York", "she returned to York in 1919")]


def test_an_appositive_naming_many_things_or_a_name_is_no_definition():
    assert _of_kind(_suggest("The paper wrote about India, the hopes of its people for a free press."), "term") == []
    assert _of_kind(_suggest("He edited a weekly paper, the Leeds Weekly Echo."), "term") == []
    assert _of_kind(_suggest("The new hall in Leeds is named after him."), "term") == []


def test_a_sentence_does_not_end_on_a_title_written_short():
    found = _suggest("In 1926 Ada Brook set up a trust in memory of her teacher Sh. Anand Rao in Pune.")
    assert [e.fields["what"] for e in _of_kind(found, "event")] == [
        "Ada Brook set up a trust in memory of her teacher Sh. Anand Rao in Pune"]


def test_a_date_inside_a_relative_clause_dates_that_clause():
    found = _suggest("The engineers had studied the collapse of the Tay Bridge, which fell in 1879. "
                     "He visited the old fort, which the army had abandoned in 1820, and the town nearby. "
                     "They also saw the keep, which the army had abandoned in 1830. "
                     "Smoke caused the fever from which Ada Brook died in 1934.")
    assert [e.fields["what"] for e in _of_kind(found, "event")] == [
        "the Tay Bridge fell", "the army had abandoned the old fort", "the army had abandoned the keep",
        "Ada Brook died from the fever"]


def test_a_date_does_not_reach_a_verb_in_the_present():
    found = _suggest("The Forth Bridge opened on 4 March 1890 and spans a total length of 2,467 metres.")
    assert [(e.fields["what"], e.quote) for e in _of_kind(found, "event")] == [
        ("the Forth Bridge opened", "The Forth Bridge opened on 4 March 1890")]


def test_a_plural_descriptor_before_names_makes_each_one_of_them():
    found = _suggest("The designers, Jane Fowler and Ben Baker, studied older bridges.")
    assert [(p.fields["name"], p.fields["role"]) for p in _of_kind(found, "person")] == [
        ("Jane Fowler", "a designer"), ("Ben Baker", "a designer")]


def test_the_next_period_of_a_sentence_is_tried_when_the_first_gives_no_blank():
    found = _suggest("In the 1990s the bridge was repainted, and since 2015 it has been a World Heritage Site.")
    assert [b.fields for b in _of_kind(found, "background")] == [
        {"period": "since 2015", "years": "2015-",
         "statement": "Since 2015 the bridge has been a [[World Heritage Site]]."}]


def test_she_is_not_a_man_the_text_calls_her_husband():
    found = _suggest("Ada Brook was a Welsh engineer. In 1898 she and her husband Tom Brook built a mill. Her work, "
                     "which a bank paid for, led to the first railway in the valley.")
    [cause] = _of_kind(found, "cause_effect")
    assert cause.fields == {"cause": "Ada Brook's work", "effect": "the first railway in the valley"}


def test_a_hedged_cause_is_no_cause_effect_fact():
    assert _of_kind(_suggest("Smoke from the mill probably caused the illness of the workers."), "cause_effect") == []
    [cause] = _of_kind(_suggest("Smoke from the mill soon caused the illness of the workers."), "cause_effect")
    # (its capital stays: nothing in so short a text shows "smoke" is no name)
    assert cause.fields == {"cause": "Smoke from the mill", "effect": "the illness of the workers"}


def test_known_as_after_an_object_is_not_the_subjects_name():
    found = _suggest("Ada Brook was an engineer. In the war she built mobile cranes, known as Brook lifts, for the "
                     "army.")
    assert [t.fields["definition"] for t in _of_kind(found, "term")
            if "Ada Brook" in t.fields["definition"]] == []


def test_the_means_by_doing_something_is_a_cause():
    found = _suggest("The ferry can cross the bay in an hour by using the new engine.")
    assert [c.fields for c in _of_kind(found, "cause_effect")] == [
        {"cause": "using the new engine", "effect": "the ferry being able to cross the bay in an hour"}]
    assert _of_kind(_suggest("By measuring the waves, Ada Brook found the fault."), "cause_effect") == []


def test_a_source_called_the_book_has_its_own_claims_suggested_as_the_books(tmp_path):
    course_dir = _copy(SHIPPED, tmp_path)
    unit_dir = course_dir / "kazakhstan-drift"
    source = unit_dir / "source.md"
    source.write_text(source.read_text(encoding="utf-8").replace("---\n", "---\ncalled: the book\n", 1),
                      encoding="utf-8")
    _empty_facts(unit_dir)
    claims = _of_kind(suggest_unit(unit_dir).suggestions, "claim")
    speakers = {c.fields["speaker"] for c in claims}
    assert "the book" in speakers and "the article" not in speakers
    clozes = [c.fields["cloze"] for c in claims if c.fields.get("cloze", "").startswith("According to")]
    assert clozes and all(c.startswith("According to the book, ") for c in clozes)
    _suggestions_as_facts(unit_dir)
    assert check(course_dir).items  # the course checks with them, as moved across

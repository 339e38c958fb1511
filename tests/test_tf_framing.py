"""True/false statements on a sheet: facts that could only be asked True are asked another way, a claim is asked
at its point of difference, a question the printed titles give away is left off, and no framing of a statement
("According to ...", a definition) predicts its key. Every course here is written for the test."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from helpers import load, run_cli
from quizgen.model import Item
from quizgen.plan import ONE_KEY, TITLE, balance_truth, framing, leave_off_one_key, plan_sheets, plan_version

LIGHTHOUSE = (
    "The keepers of the Skerry light burned colza oil in the great lamp until 1890, when paraffin replaced it. "
    "A fog signal sounded from a compressed-air horn every thirty seconds. The fog bell, a bell rung by hand in "
    "fog when the horn failed, hung by the door. The lantern room, the glazed room at the top of the tower that "
    "holds the lamp, was reached by one hundred and twelve steps. The relief boat brought bread, letters and coal "
    "every fortnight from the harbour at Arnish. The keepers kept a log of every ship that passed the rock. The "
    "daymark, a broad black band painted round the tower so ships could know it by day, was renewed each spring."
)


def _fact(fid: str, kind: str, quote: str, **fields) -> str:
    if kind == "background":
        fields.setdefault("period", "1890s")
    lines = [f"  - id: {fid}", f"    kind: {kind}"]
    lines += [f"    {k}: {json.dumps(v)}" for k, v in fields.items()]
    lines.append(f"    source: {{paragraph: 1, quote: {json.dumps(quote)}}}")
    return "\n".join(lines) + "\n"


def _course(folder: Path, facts: str, title: str = "The Skerry light") -> Path:
    folder.mkdir(parents=True)
    (folder / "course.yaml").write_text(f"title: {json.dumps(title)}\nslug: skerry\nunits: [light]\n",
                                        encoding="utf-8")
    unit = folder / "light"
    unit.mkdir()
    (unit / "source.md").write_text(f"---\ntitle: The light on the rock\ndate: \"1901\"\n---\n{LIGHTHOUSE}\n",
                                    encoding="utf-8")
    (unit / "facts.yaml").write_text("title: Keeping the light\nfacts:\n" + facts, encoding="utf-8")
    return folder


CLAIMS = (
    _fact("colza", "claim", "burned colza oil in the great lamp", speaker="the article",
          claim="the keepers burned colza oil in the great lamp until 1890",
          distortion="the keepers burned whale tallow in the great lamp until 1890")
    + _fact("horn", "claim", "every thirty seconds", speaker="the article",
            claim="the fog signal sounded from a compressed-air horn every thirty seconds",
            distortion="the fog signal sounded from a compressed-air horn every five minutes")
)
# Terms whose description names the term: no "Which term ...?" question, so before, only a statement always True.
TERMS = (
    _fact("fog-bell", "term", "a bell rung by hand", term="fog bell",
          definition="a bell rung by hand in fog when the horn failed")
    + _fact("lantern-room", "term", "the glazed room at the top of the tower", term="lantern room",
            definition="the glazed room at the top of the tower that holds the lamp")
)


def _sheet(course_dir: Path):
    course, items = load(course_dir)
    [sheet] = plan_sheets(course, items)
    return course, items, sheet


def test_a_definition_that_could_only_be_true_is_asked_as_a_short_answer(tmp_path):
    course, items, sheet = _sheet(_course(tmp_path / "c", TERMS + CLAIMS))
    asked = {i.fact_ids[0]: i for i in sheet.items if len(i.fact_ids) == 1}
    for fid in ("fog-bell", "lantern-room"):
        assert asked[fid].template == "term/what-is", asked[fid]
        assert asked[fid].type == "recall" and asked[fid].stem.startswith("According to the article, what is the") \
            or asked[fid].stem.startswith("According to the article, what is a"), asked[fid].stem
    # made for worksheets alone: the deck and its lock do not change
    assert all(not i.deck for i in items if i.template == "term/what-is")


def test_a_claim_is_asked_as_a_blank_at_its_point_of_difference(tmp_path):
    course, items, sheet = _sheet(_course(tmp_path / "c", CLAIMS + TERMS))
    asked = {i.fact_ids[0]: i for i in sheet.items if len(i.fact_ids) == 1}
    assert asked["colza"].template == "claim/difference-blank"
    assert asked["colza"].cloze == ("According to the article, the keepers burned ", "colza oil",
                                    " in the great lamp until 1890.")
    assert asked["horn"].cloze[1] == "every thirty seconds"
    points = Counter()
    for section in plan_version(course, sheet, "A").sections:
        points[section.type] += section.points
    assert points["tf"] == 0, points


def test_a_blank_is_made_only_for_a_short_point_the_quote_gives_that_names_a_thing(tmp_path):
    facts = (
        _fact("relief", "claim", "brought bread, letters and coal every fortnight", speaker="the article",
              claim="the relief boat brought bread, letters and coal every fortnight",
              distortion="the relief boat rarely brought bread, letters and coal every fortnight")  # "rarely": no thing
        + _fact("relief-verb", "claim", "brought bread, letters and coal every fortnight", speaker="the article",
                claim="the relief boat brought bread, letters and coal every fortnight",
                distortion="the relief boat refused bread, letters and coal every fortnight")  # a verb: no thing
        + _fact("log", "claim", "kept a log of every ship", speaker="the article",
                claim="the keepers kept a log of every ship that passed the rock",
                distortion="the keepers kept a log of every seabird that passed the rock")
        + _fact("daymark", "claim", "renewed each spring", speaker="the article",
                claim="the daymark was renewed each spring",
                distortion="the daymark was renewed each autumn")  # "spring" is quoted, but too little around it
    )
    course, items = load(_course(tmp_path / "c", facts))
    made = {i.fact_ids[0]: i for i in items if i.template == "claim/difference-blank"}
    assert set(made) == {"log"}, made
    assert made["log"].cloze[1] == "ship"


def test_a_question_the_title_gives_away_is_left_off_with_a_note(tmp_path):
    facts = CLAIMS + TERMS + _fact("paraffin", "background", "when paraffin replaced it",
                                   statement="In 1890 [[paraffin]] replaced colza oil in the great lamp.")
    fillers = [("storm shutter", "a storm shutter of oak bolted over windows in gales"),
               ("oil store", "an oil store of brick set apart from sleeping quarters"),
               ("rain tank", "a rain tank of slate catching water from roofs"),
               ("signal mast", "a signal mast of pine flying flags toward passing steamers"),
               ("coal bunker", "a coal bunker of iron holding winter fuel"),
               ("watch clock", "a watch clock of brass marking each keeper's turn"),
               ("landing crane", "a landing crane of timber lifting stores from boats"),
               ("weather glass", "a weather glass of mercury warning of falling pressure"),
               ("boat davit", "a boat davit of steel swinging dinghies clear of rocks")]
    facts += "".join(_fact(f"filler-{k}", "term", "The keepers kept a log", term=t, definition=d)
                     for k, (t, d) in enumerate(fillers))
    facts += _fact("arnish", "background", "from the harbour at Arnish",
                   statement="The relief boat came every fortnight from the harbour at [[Arnish]].")
    facts += _fact("ships", "background", "kept a log of every ship",
                   statement="The keepers logged every [[ship]] that passed the rock.")
    facts += _fact("black-band", "background", "a broad black band painted round the tower",
                   statement="The daymark was a broad [[black]] band painted round the tower.")
    facts += _fact("bread", "background", "brought bread, letters and coal",
                   statement="The relief boat brought bread, letters and [[coal]].")
    course_dir = _course(tmp_path / "c", facts, title="The Skerry light: colza, paraffin and the fog bell")
    course, items, sheet = _sheet(course_dir)
    assert "paraffin/fill-blank" not in {i.id for i in sheet.items}
    assert ("paraffin/fill-blank", TITLE) in {(i.id, o) for i, o in sheet.left_off}
    result = run_cli("check", "--strict", course_dir)
    assert "[title-cue]" not in result.output, result.output
    assert "item 'paraffin/fill-blank': sheet 'light' leaves it off: the title printed at its top" in result.output


def _statement(k: int, template: str, stem: str, answer: str, other: str | None = None) -> Item:
    item = Item(id=f"f{k}/{template.split('/')[1]}", type="tf", course="c", unit="u", fact_ids=(f"f{k}",),
                template=template, stem=stem, answer=answer, citation=None, options=("True", "False"),
                correct=0 if answer == "True" else 1, order=k)
    if other is None:
        return item
    counterpart = Item(id=item.id, type="tf", course="c", unit="u", fact_ids=item.fact_ids, template=template,
                       stem=other, answer="False" if answer == "True" else "True", citation=None,
                       options=("True", "False"), correct=1 if answer == "True" else 0, order=k)
    from dataclasses import replace

    return replace(item, counterpart=counterpart)


SUBJECTS = ["granite", "copper", "slate", "amber", "cobalt", "basalt", "quartz", "marble"]


def _mixed_sheet() -> list[Item]:
    """Four definitions with no false version (always True) beside four attributed claims that can be either."""
    out = [_statement(k, "term/definition-true-false", f"{SUBJECTS[k].title()} is a {k}-sided {SUBJECTS[k]} tile.",
                      "True") for k in range(4)]
    out += [_statement(k, "claim/claim-true-false",
                       f"According to the report, the {SUBJECTS[k]} quarry opened in year {k}.", "True",
                       f"According to the report, the {SUBJECTS[k]} quarry closed in year {k}.")
            for k in range(4, 8)]
    return out


def test_no_framing_predicts_the_key_of_a_true_false_statement():
    course, _ = load(Path(__file__).parent / "courses" / "mini")
    from dataclasses import replace

    for seed in ("", "1", "2", "3", "4", "5", "6", "7"):
        seeded = replace(course, settings=course.settings.replace(seed=seed))
        balanced = balance_truth(seeded, "quarry", _mixed_sheet())
        keys: dict[tuple, Counter] = {}
        for item in balanced:
            keys.setdefault(framing(item), Counter())[item.answer] += 1
        claims = keys[("claim/claim-true-false", True)]
        # the claims, which can be either, are not all made False to make up for the definitions' True keys
        assert claims["True"] >= 1 and claims["False"] >= 1, (seed, keys)
        assert abs(claims["True"] - claims["False"]) <= 1, (seed, keys)


def test_statements_that_can_only_be_true_are_left_off_where_every_key_would_be_true():
    course, _ = load(Path(__file__).parent / "courses" / "mini")
    statements = [_statement(k, "term/definition-true-false", f"{SUBJECTS[k].title()} is a {k}-sided tile.", "True")
                  for k in range(4)]
    filler = [Item(id=f"g{k}/cause-of", type="recall", course="c", unit="u", fact_ids=(f"g{k}",),
                   template="cause_effect/cause-of", stem=f"What led to event {k}?", answer=f"cause {k}",
                   citation=None, order=10 + k) for k in range(15)]
    kept, left = leave_off_one_key(course, statements + filler, statements + filler)
    assert [o for _, o in left] == [ONE_KEY, ONE_KEY]
    assert sum(i.type == "tf" for i in kept) == 2
    # a statement that could be False stays: the planner balances it instead
    mixed = statements[:3] + [_statement(9, "claim/claim-true-false", "According to the report, it rained.", "True",
                                         "According to the report, it snowed.")]
    kept, left = leave_off_one_key(course, mixed + filler, mixed + filler)
    assert {i.id for i, _ in left} <= {s.id for s in statements[:3]}
    assert "f9/claim-true-false" in {i.id for i in kept}


def test_questions_made_for_worksheets_alone_leave_the_decks_order_as_it_was(tmp_path):
    # the lock records each card's order: a template that adds worksheet questions must not renumber the cards
    course, items = load(_course(tmp_path / "c", TERMS + CLAIMS))
    own = [i.order for i in items if not i.id.endswith(("/what-is", "/who-is", "/difference-blank"))]
    assert own == list(range(1, len(own) + 1)), own
    assert any(i.id.endswith("/what-is") for i in items) and any(i.id.endswith("/difference-blank") for i in items)

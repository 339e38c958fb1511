"""The stable codes of quizgen's warnings, each with what it means and what to do about it.

Kept apart from the checks (`quizgen/lint.py`) and free of heavy imports, because the
settings (`lint_ignore`), the schema and the docs' table all read this list.
"""
from __future__ import annotations

# code -> (what it finds, what to do); the order is the docs table's order
LINT_CODES: dict[str, tuple[str, str]] = {
    "too-few-distractors": (
        "A note, not a warning: a multiple-choice question found fewer than two plausible wrong answers (same "
        "slot, same `category` or kind read from the words, near in time, in the key's script, alike in length "
        "and specificity, not named in the question), so it became a short-answer question.",
        "Add facts of the same category and period, give the fact curated `distractors`, or silence it to keep "
        "the short answer."),
    "name-cue": (
        "A note, not a warning: a multiple-choice question about a person names a part of the right person's name "
        "in its own words (\"Who was Lajpat Rai's brother?\" offering one \"... Rai\"), and no wrong option shares "
        "that part: the name gives the answer away, so it became a short-answer question.",
        "Reword the fact's role so it does not name the person's family, or give the fact curated `distractors` "
        "that share the name (two or more options that do hide it)."),
    "quote-lacks-answer": (
        "The answer of a date question or a fill-in blank is not in its fact's quote (a year neither the quote nor "
        "the article's date gives, a figure or a word the quote lacks), so the key's source line does not back it.",
        "Quote the words of the source that give the answer, or say where it comes from in `context`."),
    "answer-in-stem": (
        "A note, not a warning: the answer appears in its own question, whole or by a word or root of it (\"under "
        "Sir John Simon\" gives \"Simon Commission\"), a short answer by another form of its word (\"candles made by "
        "dipping\" gives \"dips\"), or a form of it that the key accepts (its `accept` list, its "
        "number in words or digits) appears in the question or a wrong option; such a question is not asked (the "
        "fact's other questions still are).",
        "Reword the fact's description so it does not name the answer."),
    "open-cause": (
        "A note, not a warning: a cause or effect would be asked as a short answer that its question does not pin "
        "down (\"what led to X?\" where the source gives more than one cause, or a general cause with many effects), "
        "and there are too few other causes or effects of the unit to offer as a choice in which only the key fits; "
        "it is not asked that way round (the fact's other questions still are). A side the question shows counts as "
        "pinning the answer down where it says clearly more than the answer (two meaningful words more), or, for a "
        "cause, where the fact gives `accept` or `marking`; a cause is not pinned down where the sentence beside its "
        "quote gives another cause of the effect (it speaks of the effect and says \"because\", \"due to\", "
        "\"blamed on\", \"with ... emptying ...\"), which the note quotes.",
        "Give the fact `accept` and `marking` saying what else counts, add causes and effects to the unit, or "
        "silence it on the fact (`lint_ignore: [open-cause]`, or `too-few-distractors`) to ask the short answer "
        "anyway."),
    "corrected-year": (
        "A note, not a warning: a fact's `note` (the curator's correction of the source) gives a year other than the "
        "one a question's answer holds (\"modern reference works date this sonata to 1692\" beside the source's "
        "1695). The question is asked on worksheets only, as the source's claim (\"According to the book, in which "
        "year ...?\"), where the key prints the note beside it; it is no card, since months of review would fix the "
        "source's year in a learner's memory long after the \"according to\" is forgotten.",
        "Nothing, unless the source is right after all: then the note corrects nothing, and belongs in `context`."),
    "described-twice": (
        "A note, not a warning: two facts or more describe one name (a person with two roles, a term defined twice), "
        "or another fact of its unit says something of it (the name, its `accept` form or a surname no one else of "
        "the course bears is the subject of a claim or an event, the one acting in a quote, or described beside "
        "another description: \"J. S. Bach had exhausted ...\", \"designed by Bazalgette\", \"England's greatest "
        "musician, Henry Purcell\"; of a term, only what says what it is counts: \"hydrogen is ...\", \"capillary "
        "attraction means ...\", not \"the Elbe flooded ...\"), so a question asking for \"its\" role or definition "
        "(\"What role does the article give X?\", \"What is X?\") has more than one right answer; so has one "
        "asked of a name that lists several (\"Rajguru, Thapar and Azad\"). It is not asked "
        "that way, and the name "
        "gets no reversed card; the facts' other questions still are, among them the one naming X from its role or "
        "definition.",
        "Nothing to do, unless the two facts are one: then merge them into one fact."),
    "answer-in-title": (
        "A note, not a warning: the course's or the unit's title names the answer of a question, whole or by its "
        "head word (\"sonata\" in \"How the keyboard sonata began\", a person's surname), and no wrong option: the "
        "title heads every card and sheet, so the question answers itself. It is not asked that way (the fact's "
        "other questions, its reversed card apart, still are).",
        "Nothing needs doing; to ask it, reword the title or give the fact a `cloze` sentence."),
    "leans-on-context": (
        "A note, not a warning: a person's role or a term's definition points at something it does not say "
        "(\"among the students\", \"this work\", \"the same year\", \"at the time\", a pronoun before any "
        "noun, a pair it does not name: \"the two forms\", \"both movements\"): alone on an Anki card or in a "
        "matching row it says too little, so its question goes on worksheets only, without a reversed card, and it "
        "is matched nowhere nor lent to another fact as a false statement. Any question showing another field that "
        "points so (\"what was a consequence of his claim ...?\", \"what led to a contrast between the two "
        "movements?\" where the question names no two) stays off cards too, with the same note. A cause or effect "
        "that is a short phrase pointing at what it does not name (\"the flame going out\", \"drops of water "
        "condensing on the metal\") is never the whole of a question: its fact is asked the other way round only.",
        "Name what it points at (\"a student of Ibn al-Haytham\", \"in 1021\", \"the sonata and the "
        "suite\"), or silence it to keep it off cards."),
    "points-into-source": (
        "A note, not a warning: a sentence of a fact's `context`, `note` or `explanation` points at a place in the "
        "source (\"dated 1677 in the paragraph before\", \"mentioned above\", \"the next chapter\", \"earlier "
        "in the book\"). An item is read apart from the source (an Anki card, a question of the web quiz or an "
        "export, a worksheet), where no such place is shown, so that sentence is left off every item; the rest of "
        "the line is printed.",
        "Say what the place says (\"dated 1677 on its title page\"), or name it by its number (\"in paragraph "
        "6\"), which the item's source line lets a reader find."),
    "duplicate-question": (
        "Two items ask the same question.",
        "Make the facts' wording distinct, or remove one of them."),
    "key-longer": (
        "The right option is noticeably longer than every wrong one, or alone carries a number, a date, a "
        "quotation or a bracket: test-wise students pick the longest, most specific option. Where the one wrong "
        "option is the fact's curated false version (a two-statement card), the question is not asked and this "
        "is a note.",
        "Shorten the fact's value, or give it curated `distractors` (or a false version) as specific as the key."),
    "blank-not-parallel": (
        "A note, not a warning: a two-statement card (a claim beside its curated false version, asked at the point "
        "where they differ) would blank a fragment (\"hydrogen is the only thing in nature that\"), offer a false "
        "option that holds a word of the true one and so gives it away (\"a wax candle, like hydrogen\"), or leave "
        "a pronoun around the blank with nothing to stand for (\"_____, either while it burns or afterwards\"): "
        "its front would not say what it asks, so the card is left out (the fact's other questions still are).",
        "Write the false version so it differs from the claim in one phrase of the same kind (\"large\" / "
        "\"small\"), keeping the claim's other words."),
    "option-overlap": (
        "A wrong option equals, contains or is contained in the right one (\"the CSTO\" beside \"CSTO\").",
        "Reword one of the two facts, or give curated `distractors`."),
    "stem-echo": (
        "A distinctive word of the right option also appears in the question and in no wrong option "
        "(\"economic bloc\" asking for the Eurasian Economic Union).",
        "Reword the question's fact field so it does not echo the answer."),
    "language-data": (
        "quizgen has no lint data for the course's language (`quizgen/languages/<language>/lint.yaml`), so the "
        "checks that read words (absolute words, stem echoes, word families) use English word lists only. Said "
        "once per build.",
        "Add the language's folder with its lint data (see how Russian and Kazakh do it), or silence the warning."),
    "absolute-word": (
        "A false statement uses an absolute or extreme word (never, always, only, from the start, too small, "
        "already clear, firmly, silent ...) that its true version lacks: such statements give themselves away. "
        "A note, not a warning: the generator shows no such false version (the statement is asked true only, and "
        "no card sets the two side by side).",
        "Write the false version with the same hedges as the true one, changing one point of substance."),
    "long-answer": (
        "A short answer of more than 12 words, or an enumeration of three or more parts, without `marking` to "
        "say what each part earns: too long to recall as one piece, so such answers never become Anki cards. "
        "Of more than 12 words it is a note (a worksheet asks it, and a teacher marks it by its gist); a list of "
        "parts is a warning, since nothing says whether two parts of three earn the point.",
        "Shorten the answer to its core or split the fact; or, for a two-point worksheet answer in parts, say "
        "in `marking` what earns each point."),
    "matching-cue": (
        "A matching description shares a word, a word root or a word of the same family (alliance and "
        "treaty, forum and conference) with the name it belongs to. The generator leaves such a row out of the "
        "list (its fact is asked another way), so this guards that rule.",
        "Reword the description so it names the thing without its own words, and it can join the list."),
    "matching-names-answer": (
        "A description in a matching question names the answer of another row, or one of its spare names: "
        "the student rules that name in or out without knowing it. The generator keeps such rows apart (one "
        "of them stays out, another fact takes its place) and offers no spare name a description names, so this "
        "guards that rule.",
        "Reword the description so it does not name the other answer, and both rows can share a list."),
    "sheet-cue": (
        "Two questions left on one sheet or exam of which one gives the other away: its text shows the "
        "other's answer (or surname, abbreviation, the description of a matching row beside a name it "
        "offers) together with what that question asks, or all its wrong options. The planner keeps such "
        "questions apart where a fact has another question; these facts had none.",
        "Follow the advice in the warning: reword the fact whose question shows the answer, or give one of "
        "the two facts a `cloze` sentence (another question the sheet can ask), or curated `distractors`."),
    "sheet-left-off": (
        "A note, not a warning: two questions of a sheet or exam gave each other away, neither fact had another "
        "question to ask instead, so the planner left one off: the one whose loss costs least (a true/false "
        "statement before other questions, then fewer points). It does so only where the sheet keeps its "
        "minimum of 15 points and the deck still asks the fact; the web quiz asks it too. Where the unit (or, for "
        "the exam, the course) has a question of a fact the sheet does not ask yet, and it gives nothing on the "
        "sheet away, that question takes the place of the one left off, and the true/false keys are balanced "
        "again. A question that the titles printed at the top of the sheet give away, where its fact had no "
        "other question free of the cue, is left off the same way (see title-cue).",
        "Nothing needs doing. To have both on the sheet, reword the fact whose question shows the other's "
        "answer, or give one of them a `cloze` sentence."),
    "title-cue": (
        "A title printed at the top of a sheet (the course's or the unit's) gives a question on it away: it "
        "shows the answer beside words of what the question asks, or a matching row's answer beside words of "
        "its description. The planner asks the fact another way where it can, and otherwise leaves the question off "
        "the sheet with a note (sheet-left-off) where the deck still asks the fact and the sheet keeps its minimum "
        "of 15 points; this question could not be left off.",
        "Reword the course or unit title so it does not carry an answer (\"Lala Lajpat Rai\" rather than "
        "\"Lala Lajpat Rai, the Lion of Punjab\"), or give the fact another question the sheet can ask."),
    "true-false-one-value": (
        "Three or more true/false statements on a sheet all have one key (all True, or all False), and the "
        "generator could write the other version of none of them, so the planner could not balance them.",
        "Give some of the facts named a curated false version (the kind's false field, e.g. `distortion`) or "
        "`distractors` of their kind, or a `cloze` sentence so the sheet asks them another way."),
    "card-cue": (
        "A note, not a warning: other deck cards show the answer of a card (the answer of a written card anywhere, a "
        "multiple-choice card's answer beside two or more words of what it asks). Cards are seen alone, days apart, "
        "so this is repetition, not a giveaway (SuperMemo: redundancy helps), but the card is easier to recall than "
        "it looks. One note per card, naming the cards that show its answer.",
        "Nothing needs doing. To make the card ask more, give its fact a `cloze` sentence."),
    "card-interference": (
        "A note, not a warning: two deck cards (or a run of them) whose fronts differ by a word or two and whose "
        "answers are of one kind (two years, two pumping stations) are learnt as one and recalled crossed "
        "(SuperMemo's rule \"combat interference\"). One note names each group.",
        "Give one of the two facts a detail that tells the cards apart (where, who, what for), or leave one out "
        "of the deck."),
    "true-false-share": (
        "True/false questions make more than 40% of a sheet's points, and the facts they ask have no other "
        "question free of cues: half of those points can be had by guessing.",
        "Give some of those facts a `cloze` sentence (or another field a question template asks for), so "
        "the sheet can ask them another way."),
    "short-sheet": (
        "A unit's worksheet is worth fewer than 15 points: too short to set beside the others.",
        "Write more facts for the unit (`quizgen stats` lists the paragraphs no fact covers), or join it to "
        "a neighbouring unit."),
    "number": (
        "A name or term reads as plural by its last word (\"the Baltic states\") while its role or definition "
        "reads as singular (\"a group of ...\"), or the other way round, and the fact does not say `plural`: "
        "questions follow the name, which may be wrong.",
        "Add `plural: true` or `plural: false` to say which, or reword the role or definition."),
    "date-precision": (
        "An event's `when` and its quote disagree: the quote gives a decade (\"in the 1960s\"), part of one, a "
        "span (\"between 1960 and 1990\") or a coarser date than `when`, or another year. Questions follow the "
        "quote (\"In which decade ...?\"), so the key may not be what `when` says.",
        "Make `when` as precise as the quote (`when: \"1960\"` with \"in the 1960s\"), quote the words that give "
        "the exact date, or say in `context` where the finer date comes from."),
    "anki-markup": (
        "A fact's text holds what Anki reads as markup: a cloze deletion `{{c1::...}}`, a field reference "
        "`{{...}}`, a sound `[sound:...]`, speech `[anki:tts]`, or a formula (`[latex]`, `[$]`, `\\(`, `\\[`). "
        "The deck shows it as typed, and it makes no card, sound or formula.",
        "Nothing, if the text is meant literally; otherwise write it as plain words."),
    "deck-name": (
        "A course or unit title holds what an Anki deck name cannot: `::` (Anki's subdeck separator), `<` or "
        "`>`, or an opening Anki reads as sound or a formula. The deck is named with `: `, `‹` and `›` instead.",
        "Reword the title, or keep it: the deck name shows the replacement."),
}


def describe_codes() -> str:
    """Render the table of warning codes for the docs."""
    rows = ["| code | what it finds | what to do |", "| --- | --- | --- |"]
    rows += [f"| `{code}` | {finds} | {todo} |" for code, (finds, todo) in LINT_CODES.items()]
    return "\n".join(rows) + "\n"

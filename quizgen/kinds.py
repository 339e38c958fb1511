"""The kind of thing an answer is (a person, a river, a lender ...) and the script it is written in.

Wrong options must be things of the answer's kind: a dam is no option for "the lender that financed the dam". A
curator says so with `category`; where a fact has none, its kind is read from its own words:

- a term's definition by its head noun ("the lender that ..." -> lender; "a 13-kilometre barrier ..." -> barrier),
  else the term's own last or first word ("Syr Darya", "Lake Balkhash", "World Bank", "Victory Day");
- the head noun is then put in its family: lenders and banks are organisations, barriers are dams, towns and
  cities are settlements; an abstract noun ("imposing", "nationalism", "vision") is a concept; a noun of no known
  family is a kind of its own, so only things named by the same noun are offered beside it;
- a person fact is a person, or people when its name or role is plural ("Soviet planners");
- a speaker is the kind of the person or term fact of that name, else an organisation when the name says so
  ("the World Bank"), else a person.

Scripts come from Unicode: a name in Cyrillic is not offered beside names in Latin letters.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .grammar import bare, head_index, head_noun, is_plural_noun, tokens

PERSON, PEOPLE, CONCEPT, ORGANISATION = "person", "people", "concept", "organisation"

# family -> the nouns that name things of it; a noun names its family when it is the head of a definition or the
# first or last word of a name.
FAMILIES: dict[str, frozenset[str]] = {name: frozenset(words.split()) for name, words in {
    PERSON: """person man woman president leader ruler emperor empress tsar czar king queen prince princess sultan
        khan shah emir monarch chief chairman chairwoman chair premier minister secretary general commander officer
        soldier politician official statesman diplomat ambassador governor mayor judge lawyer director editor
        editor-in-chief writer author poet novelist journalist reporter commentator host presenter broadcaster
        scientist researcher engineer planner economist historian scholar professor teacher student activist
        dissident founder explorer traveller artist painter composer singer actor actress athlete farmer fisherman
        merchant priest bishop monk imam saint philosopher inventor architect pilot cosmonaut astronaut
        businessman entrepreneur banker official founder successor predecessor deputy spokesman spokeswoman""",
    PEOPLE: "people peoples tribe tribes nation nations nationality ethnicity minority majority clan dynasty family",
    "river": "river rivers tributary stream creek waterway canal darya",
    "sea or lake": "sea lake reservoir lagoon ocean gulf bay strait",
    "dam": "dam barrier dyke dike embankment barrage weir levee",
    "settlement": "city town village port capital settlement municipality",
    "country": "country republic kingdom khanate empire state",
    "region": "region province territory area district oblast peninsula zone oasis",
    "landform": "desert steppe mountain mountains range plateau valley island plain hills coast shore delta",
    ORGANISATION: """organisation organization institution agency bank lender creditor donor company firm
        corporation ministry party union alliance bloc grouping council committee government body association
        league federation fund foundation commission authority administration bureau court parliament assembly
        army navy military force forces network service broadcaster channel newspaper agency""",
    "event": "war battle uprising revolt rebellion protest protests riot riots revolution coup election famine "
             "disaster crisis massacre invasion siege campaign strike",
    "meeting": "conference summit forum congress convention gathering meeting",
    "holiday": "holiday festival day anniversary commemoration celebration feast",
    "agreement": "treaty agreement accord pact convention charter constitution law decree resolution",
    "project": "project programme program initiative plan scheme drive",
    "language": "language dialect alphabet script tongue",
    "living thing": "fish species animal bird plant tree crop mammal insect",
    "substance": "salt mineral ore chemical pesticide fertiliser fertilizer fuel dust",
    "unit": "kilometre kilometer metre meter tonne ton hectare percent",
}.items()}
_FAMILY_OF = {word: family for family, words in FAMILIES.items() for word in sorted(words)}
_ABSTRACT = re.compile(r"(ism|ation|ition|ment|ity|ness|ance|ence|ship|hood|ure|acy|ency|ology|ing)$")
# Endings of abstract nouns that also end names of things ("station", "building", "structure"); the others
# ("-ism", "-ity", "-ology" ...) end ideas only.
_THING_ENDING = re.compile(r"(ation|ition|ment|ure|ing)$")
_ABSTRACT_WORDS = frozenset("""idea concept term policy doctrine theory ideology vision principle practice belief notion
act process pretext claim view sphere rule approach standard""".split())
# Words of a name that say it is an organisation ("the World Bank", "Ministry of Water").
_ORGANISATION_NAME = FAMILIES[ORGANISATION] - {"body", "network", "force", "forces", "service"}


# Heads that name an organisation or something else entirely ("a governing body", "a body out of which nothing
# else can be got"): the term's own name decides ("Simon Commission"), else the head is a kind of its own.
_AMBIGUOUS_HEADS = frozenset({"body"})


# Nouns with an abstract ending that name things or bodies, not ideas ("an instrument", "the reformist movement").
_CONCRETE = frozenset("""instrument monument document settlement parliament government department apartment equipment
garment tournament ornament implement segment fragment element movement sediment compartment""".split())


def family_of(noun: str) -> str:
    """The family of a noun: a known one, "concept" for an abstract noun, else the noun itself (singular)."""
    word = bare(noun).casefold()
    if not word:
        return ""
    if word in _FAMILY_OF:
        return _FAMILY_OF[word]
    singular = _singular(word)
    if singular in _FAMILY_OF:
        return _FAMILY_OF[singular]
    if singular in _ABSTRACT_WORDS or (len(singular) > 6 and _ABSTRACT.search(singular) and singular not in _CONCRETE):
        return CONCEPT
    return singular


def _singular(word: str) -> str:
    return word if not is_plural_noun(word) else _inflected_singular(word)


@lru_cache(maxsize=4096)
def _inflected_singular(word: str) -> str:
    from .grammar import _inflect

    return _inflect().singular_noun(word) or word


def name_family(name: str) -> str:
    """The family a name's own words give it ("Syr Darya" river, "Aral Sea" sea or lake), or ""."""
    words = [bare(w) for w in tokens(name) if bare(w)]
    for word in (words[-1:] + words[:1]) if words else ():
        family = _FAMILY_OF.get(word.casefold(), "")
        if family and family != PERSON:
            return family
    return ""


def description_family(description: str) -> str:
    """The family of the thing a definition or role describes, by its head noun."""
    head = head_noun(description)
    return family_of(head) if head else ""


def term_kind(term: str, definition: str) -> str:
    """A term fact's kind: its definition's head noun's family, else its name's.

    A proper name is no idea: where only the ending of its definition's head makes that a concept ("Crossness",
    "a pumping station ..."; "Carlton House", "a building ..."), its kind is the head noun itself."""
    by_definition = description_family(definition)
    head = bare(head_noun(definition)).casefold()
    named = _named_by(definition) if head in _NAMING_HEADS else ""
    if named:
        return term_kind(term, named)  # "Thomson's name for the particles ...": a particle, as "gluons" are
    if head in _AMBIGUOUS_HEADS:
        return name_family(term) or head
    if by_definition and by_definition in FAMILIES and by_definition != PERSON:
        return by_definition
    named = name_family(term)
    if named:
        return named
    if by_definition == CONCEPT and is_proper_name(term):
        words = tokens(definition)
        at = head_index(definition)
        head = _singular(bare(words[at]).casefold())
        acts = at + 1 < len(words) and bare(words[at + 1]).casefold() == "of"
        if not acts and head not in _ABSTRACT_WORDS and _THING_ENDING.search(head):
            return head
    return by_definition


_NAMING_HEADS = frozenset({"name", "nickname", "term", "word"})


def _named_by(definition: str) -> str:
    """What a definition that names a word names ("Thomson's name for the particles of cathode rays" -> "the
    particles of cathode rays"), or ""."""
    words = tokens(definition)
    at = head_index(definition)
    if 0 <= at < len(words) - 2 and bare(words[at + 1]).casefold() == "for" and not words[at].endswith(","):
        return " ".join(words[at + 2:])
    return ""


# Words a proper name may hold in lower case ("Palace of Westminster", "Leonardo da Vinci").
_NAME_PARTICLES = frozenset("of the and for in on at upon de du des la le les da di del della van von der den al el "
                            "y bin ibn".split())


@lru_cache(maxsize=4096)
def is_proper_name(name: str) -> bool:
    """Whether a name is a proper name: every word capitalised but its particles ("Crossness", "Abbey Mills",
    "Palace of Westminster"), not an abbreviation alone ("DNA") nor a phrase in lower case ("pumping station")."""
    words = [bare(w) for w in tokens(name) if bare(w)]
    content = [w for w in words if w.casefold() not in _NAME_PARTICLES]
    if not content or (len(content) == 1 and content[0].isupper() and len(content[0]) > 1):
        return False
    return all(w[:1].isupper() for w in content)


def person_kind(name: str, role: str) -> str:
    """A person fact's kind: people when its name or its role is plural, else a person."""
    last = tokens(name)[-1] if tokens(name) else ""
    return PEOPLE if is_plural_noun(last) or is_plural_noun(head_noun(role)) else PERSON


def speaker_kind(name: str) -> str:
    """The kind of a speaker no fact describes: an organisation when its name says so or is an acronym or starts
    with an article, people when it is a plural noun ("the doctors"), else a person."""
    toks = tokens(name)
    words = {bare(w).casefold() for w in toks}
    acronym = len(toks) == 1 and len(bare(toks[0])) >= 2 and bare(toks[0]).isupper()  # "NATO", "BBC"
    if words & _ORGANISATION_NAME or acronym:
        return ORGANISATION
    last = toks[-1] if toks else ""
    if is_plural_noun(last):
        return PEOPLE
    # A name with an article ("the BBC", "The Times", "the Kremlin") is a body or a title, not a person's name:
    # never offered among people.
    return ORGANISATION if toks and bare(toks[0]).casefold() == "the" else PERSON


# Families of roles: a person of one is no plausible wrong answer for a role of another (a police officer is not
# offered as "an Indian revolutionary", nor an American scholar as someone's father).
ROLE_FAMILIES: dict[str, frozenset[str]] = {name: frozenset(words.split()) for name, words in {
    "relative": """father mother brother sister son daughter wife husband uncle aunt cousin grandfather grandmother
        grandson granddaughter nephew niece parent child widow widower stepfather stepmother""",
    "official": """officer police policeman superintendent inspector constable official governor administrator
        magistrate judge commissioner viceroy collector bureaucrat clerk""",
    "politics": """politician leader president minister statesman chief premier chancellor revolutionary activist
        nationalist reformer dissident campaigner chairman senator diplomat ambassador mayor""",
    # Who rules by birth, office or conquest, and their courts' chief ministers: a caliph's question offers other
    # rulers, not a scholar or a printer of the same era.
    "ruler": """ruler king queen emperor empress tsar czar tsarina tsaritsa prince princess sultan sultana khan monarch
        caliph shah pharaoh emir amir vizier wazir regent rajah raja maharaja maharajah khedive doge duke duchess
        chieftain sovereign pope""",
    "science": """scientist physicist chemist biologist mathematician astronomer engineer inventor researcher
        physician doctor geologist geographer economist""",
    "letters": """writer author poet novelist journalist intellectual philosopher historian scholar editor
        essayist critic playwright translator teacher professor headmaster""",
    "arts": """artist painter composer singer actor actress musician director host presenter sculptor dancer
        violinist violist cellist pianist organist harpsichordist lutenist harpist guitarist flautist oboist
        trumpeter drummer instrumentalist virtuoso conductor cantor choirmaster kapellmeister""",
    "religion": "priest bishop monk imam saint preacher missionary guru swami",
    "military": "soldier general commander admiral colonel captain marshal",
    "business": "businessman businesswoman merchant banker entrepreneur industrialist trader",
}.items()}
# Families whose members a role always names by their title ("the Fatimid caliph", "the last king of ..."): a person
# of such a family is asked beside people of it only, not beside people whose role names no family at all.
TITLED_ROLE_FAMILIES = frozenset({"ruler"})
_ROLE_FAMILY_OF = {word: family for family, words in ROLE_FAMILIES.items() for word in sorted(words)}
# Rulers, always named by their title or an epithet ("Frederick the Great", "John the Just"), and people of a
# profession (a composer, a violinist, a scientist): a matching list holds one or the other, since a king's row
# among composers' is matched by the name's epithet alone, and a composer's among kings' by the plain name.
PROFESSION_ROLE_FAMILIES = frozenset({"science", "letters", "arts", "religion", "military", "business"})
RULER, PROFESSION = "ruler", "profession"


@lru_cache(maxsize=1 << 14)
def role_families(role: str) -> frozenset[str]:
    """The families of a person's role, by the nouns up to its head ("the police superintendent who ..." official;
    "younger brother and the first headmaster of ..." relative and letters); empty where none is known."""
    words = tokens(role)
    found = set()
    for raw in words[: head_index(role) + 1]:
        word = bare(raw).casefold()
        family = _ROLE_FAMILY_OF.get(word) or _ROLE_FAMILY_OF.get(_singular(word), "")
        if family:
            found.add(family)
    return frozenset(found)


def role_class(role: str) -> str:
    """Whether a person's role is a ruler's ("ruler": `TITLED_ROLE_FAMILIES`) or names a profession ("profession":
    a composer, a violinist, a scientist), by its families (`role_families`); "" where it tells neither (a
    politician, an official, a relative, "the founder of a school"). A ruler's title wins over a profession held
    beside it ("king and poet")."""
    families = role_families(role)
    if families & TITLED_ROLE_FAMILIES:
        return RULER
    return PROFESSION if families & PROFESSION_ROLE_FAMILIES else ""


@lru_cache(maxsize=1 << 14)  # cached: an answer's script is weighed for each question it may go into
def script_of(text: str) -> str:
    """The writing system most of a text's letters belong to ("LATIN", "CYRILLIC", ...), or "" for none."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            try:
                script = unicodedata.name(ch).split()[0]
            except ValueError:
                continue
            counts[script] = counts.get(script, 0) + 1
    return max(sorted(counts), key=counts.get) if counts else ""


ASKABLE = frozenset({PERSON, ORGANISATION, "river", "dam", "country", "region", "holiday", "language", "project",
                     "agreement"})


def kind_word(kind: str) -> str:
    """The noun a question names a kind by ("Which organisation ...?"); "" for a family that no one noun names
    ("sea or lake", "landform"), "term" for a concept."""
    if kind == CONCEPT:
        return "term"
    return kind if kind in ASKABLE else ""

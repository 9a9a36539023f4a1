"""What kind of actor a name is, read from its words first; the model's kind is the second
opinion, kept where the words say nothing.

Actors come from the model's answer (reply._actor) and from the people finder (people.py);
both are typed here, by these rules in this order:

1. A generic phrase is no actor: no capitalised word but determiners ("economists", "the
   author", "a spokesperson"), or a lower-case head noun that is neither an institution nor
   a body of people ("US unemployment claims", but "US officials", "the Biden administration").
2. A title, then a personal name, makes a person, whatever the model said ("President Ana
   Lima", "Bank of Japan Governor Haruhiko Kuroda").
3. An institution's name is an organisation, whatever the model said: its head noun says so
   ("Belfairs Methodist Church", "Joint Chiefs of Staff", "General Motors", "Bank of Japan").
   The model's finer kinds of organisation (government, armed force, media) are kept. A
   place's head noun ("Kursk Region") makes no person.
4. A country's name is no person: said to be one, or "other", it is a country ("Ukraine",
   "the U.S."); the model's other kinds stand, for news names a government, its forces or a
   national team by the country ("Russia said", "New Zealand won the toss").
5. A person needs a personal name: at least one capitalised word that is no title, calendar,
   compass or institution word, no adjective of a people ("Korean") and no English word in
   general use ("Big Three", "Democrats"); a name said to be a person without one is "other".

"Walter Reed" alone has a personal name's form, so the model's kind stands: only the text
can tell ("treated at Walter Reed"), and the people finder, which reads it, takes a name used
after "at" for a place. "Walter Reed National Military Medical Center" is an organisation.
"""

from __future__ import annotations

import re

from summarizer.extraction.attribution import SPEECH_VERBS
from summarizer.models import ActorKind
from summarizer.text.fold import word_set
from summarizer.text.lexicon import (
    CALENDAR,
    COMPASS,
    HEADS,
    INSTITUTION_HEADS,
    PLACE_OPENERS,
    THING_HEADS,
    adjective,
    common_word,
)
from summarizer.text.names import STRICT_TITLES, TITLE_MODIFIERS, TITLES
from summarizer.text.places import canonical_place, is_demonym

_words = word_set


_DETERMINERS = _words(
    "the a an this that these those its his her their our some many several most all both "
    "other another each every any"
)
# Lower-case head nouns that name a body of people acting together: "US officials", "North
# Korean troops". Kinds of group, not groups: the merge keeps them as speakers and claimants.
_BODIES = _words(
    "troops forces military police people authorities leadership government administration "
    "regime junta opposition campaign family army navy delegation side staff crew rebels "
    "militants fighters soldiers officials lawmakers legislators diplomats negotiators "
    "investigators prosecutors"
)
# Plural nouns for people by what they do: "investors", "economists", "residents".
_AGENT_ENDINGS = ("ers", "ors", "ists", "ants", "ents", "ians", "ials", "ives")
_OF = re.compile(r"\s+(?:of|for|on|in)\s+", re.IGNORECASE)  # "Bank of Japan": its head first
_ORGANISATIONS: frozenset[ActorKind] = frozenset({"government", "armed_force", "media"})
_TITLE_WORDS = TITLES | TITLE_MODIFIERS
_POSSESSIVE = re.compile(r"[’']s\b")
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_LIST_BEFORE = re.compile(r",\s*(?:and\s+|or\s+)?$|\s+(?:and|or)\s+$")
_LIST_AFTER = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_ITEM_BREAK = re.compile(r",|;|\.\s|\b(?:and|or|of|after|before|from|to|by|with)\b")


def typed(name: str, model_kind: ActorKind, text: str | None = None) -> ActorKind | None:
    """The kind of actor ``name`` is by the rules above, ``model_kind`` where they say nothing;
    None when it is no actor (``not_an_actor`` says why). ``text`` is the article's, when
    known (see ``not_an_actor``)."""
    if not_an_actor(name, text) is not None:
        return None
    if _titled(name):
        return "person"
    head = _head(name).lower()
    if head in INSTITUTION_HEADS:
        return model_kind if model_kind in _ORGANISATIONS else "organization"
    if canonical_place(name) is not None:  # "Marshall Islands", "Ivory Coast": a country
        return "country" if model_kind in {"person", "other"} else model_kind
    if head in HEADS:  # a place's head noun: no person, no country ("Changi Airport")
        return "other" if model_kind in {"person", "country"} else model_kind
    if "," in name and canonical_place(name.rsplit(",", 1)[1]) is not None:
        # "Toulouse, France": a place in a country, neither the country nor a person
        return "other" if model_kind in {"person", "country"} else model_kind
    if model_kind == "person" and not any(map(personal, _proper(name))):
        return "other"
    return model_kind


def not_an_actor(name: str, text: str | None = None) -> str | None:
    """Why ``name`` names no actor (rule 1), or None when it may name one.

    A name of two words, a personal one and a thing's head noun, is someone only when
    ``text`` has it (or its last word) speak ("Nathan Law said", "Law told"), and never
    after "the" ("the Torino scale"); a longer one, or a possessive ("Moore's Law"), is a
    thing anyway, and so is any when the text is not known. A title after a title's
    modifier is a role ("Pentagon Press Secretary"); after a title that stands before a
    surname it is that surname ("Senator King")."""
    words = _plain(name)
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    if not any(w[:1].isupper() or w[:1].isdigit() for w in words):
        return "a common noun or phrase names no one"
    head = words[-1]
    if head[:1].islower() and not _body(head):
        return f"a phrase whose head noun ({head!r}) is neither an institution nor people"
    if head.lower() in THING_HEADS and _a_thing(name, words, text):
        return f"a named thing (its head noun is {head.lower()!r}), not someone"
    if len(words) > 1 and head.lower() in TITLES and _a_role(words):
        return "a title with no name (a role, not someone)"
    return None


def _a_thing(name: str, words: list[str], text: str | None) -> bool:
    """A thing, unless a name of a personal word and the head speaks in ``text``."""
    if len(words) != 2 or not personal(words[0]) or _POSSESSIVE.search(name) or text is None:
        return True
    if re.search(r"\bthe\s+" + re.escape(name), text, re.IGNORECASE):
        return True  # "the Torino scale"
    speaker = rf"\b(?:{re.escape(name)}|{re.escape(words[-1])})\s*,?\s+(?:has\s+|had\s+)?(\w+)"
    return not any(m.group(1).lower() in SPEECH_VERBS for m in re.finditer(speaker, text))


def _a_role(words: list[str]) -> bool:
    """A title (the last word) after a title's word, not a surname after a title."""
    if _surname_after_title(words) and words[-1][:1].isupper():
        return False  # "Senator King"
    return words[-2].lower() in _TITLE_WORDS


def _surname_after_title(words: list[str]) -> bool:
    """A title that stands before a lone surname, then a title's word: "Senator King"."""
    return len(words) > 1 and words[-1].lower() in TITLES and words[-2].lower() in STRICT_TITLES


def listed_with_an_institution(name: str, sentence: str) -> bool:
    """``name`` is an item of a list in ``sentence`` ("the bankruptcies of Lehman Brothers
    ($691 billion), Washington Mutual ($328 billion), and WorldCom": Washington Mutual) next
    to an item that an institution's head noun makes one, no neighbour has a person's full
    name, and the name itself does not end in a word that may be a surname: the items of such
    a list are things of one kind ("Ana Lima, Rui Dias and the Bank of Portugal" is a list of
    two kinds, and Rui Dias stays a person; so does Harris in "Biden, Harris and the Party")."""
    plain = _PARENTHESES.sub("", sentence)
    at = plain.find(name)
    if at < 0:
        return False
    before, after = plain[:at], plain[at + len(name) :]
    first = _LIST_BEFORE.search(before)
    then = _LIST_AFTER.match(after)
    if first is None or then is None or "," not in first.group() + then.group():
        return False  # a list of three or more, with commas: not "Rui Dias and the Bank"
    own = _plain(name)
    if not own or personal(own[-1]):
        return False  # it ends in a word that may be a surname ("Harris", "Jamie Dimon")
    neighbours = [
        _ITEM_BREAK.split(before[: first.start()])[-1],
        _ITEM_BREAK.split(after[then.end() :])[0],
    ]
    institution = False
    for item in neighbours:
        words = [w for w in _plain(item) if w[:1].isupper()]
        if words and words[-1].lower() in INSTITUTION_HEADS:
            institution = True
        elif sum(map(personal, words)) >= 2:
            return False  # a person's full name beside it: a list of several kinds
    return institution


def personal(word: str) -> bool:
    """A word that may be part of a person's name: capitalised, not an acronym, and no
    title, calendar, compass, place or institution word, adjective of a people or English
    word in general use."""
    low = word.lower()
    return (
        word[:1].isupper()
        and any(c.islower() for c in word)
        and low not in TITLES | TITLE_MODIFIERS | _DETERMINERS
        and low not in CALENDAR | COMPASS | HEADS | PLACE_OPENERS
        and not is_demonym(word)
        and not adjective(word)
        and not common_word(word)
    )


def _body(head: str) -> bool:
    """A lower-case head noun that names an institution or a body of people."""
    low = head.lower()
    return low in INSTITUTION_HEADS or low in _BODIES or low.endswith(_AGENT_ENDINGS)


def _head(name: str) -> str:
    """The head noun of a name: its last word, before any "of" ("Bank of Japan": "Bank")."""
    words = _plain(_OF.split(name, maxsplit=1)[0])
    return words[-1] if words else ""


def _titled(name: str) -> bool:
    """A title, then a personal name to the end: "President Ana Lima", "Bank of Japan
    Governor Haruhiko Kuroda"; not "General Motors" nor "Prince Edward Island"."""
    words = _plain(name)
    titled = any(word.lower() in TITLES for word in words[:-1])
    return titled and (personal(words[-1]) or _surname_after_title(words))


def _proper(name: str) -> list[str]:
    return [w for w in _plain(name) if w[:1].isupper()]


def _plain(name: str) -> list[str]:
    """The words of a name, without punctuation or possessive endings."""
    words = (re.sub(r"[’']s$", "", w.strip(".,;:()\"“”'’")) for w in name.split())
    return [w for w in words if w]

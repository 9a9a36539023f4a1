"""Words that are not personal names by their grammar or their general use: calendar and
compass words, the head nouns of institutions and places, and English words in general use.

The people finder (extraction/people.py) and the typing of the model's actors
(extraction/kinds.py) draw the line between a name and a word with these, so a word that
makes a phrase an institution in one place makes it one in the other. Nothing here names a
topic: the head nouns say what *kind* of thing a name is ("... Church", "... Department"),
and which words are in general use is read from wordfreq's word lists, not written by hand.
"""

from __future__ import annotations

import functools
import statistics

import wordfreq

from summarizer.text.fold import word_set

_words = word_set


# The calendar: a month, a day or a feast is never part of a person's name ("In April Barack
# Obama..."). Not "May", a surname too (Theresa May), nor the abbreviations ("Jan Egeland"):
# written "Jan.", the period already ends a run of names.
CALENDAR = _words(
    "january february march april june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow "
    "christmas easter ramadan eid thanksgiving hanukkah diwali"
)
# Compass words name a part of a place ("North Korea", "Western Europe"), never a person.
COMPASS = _words(
    "north south east west northern southern eastern western northeast northwest southeast "
    "southwest northeastern northwestern southeastern southwestern"
)
# The last word of an institution's name says that it is one: "Belfairs Methodist Church",
# "Walter Reed National Military Medical Center", "Joint Chiefs", "General Motors". Kinds of
# body, not bodies: no country, outlet or party is named here.
INSTITUTION_HEADS = _words(
    "church cathedral mosque synagogue temple chapel parish diocese center centre hospital "
    "clinic police department ministry council committee commission university college school "
    "academy institute institution laboratory laboratories bank company companies corporation "
    "corp inc ltd llc plc co group holdings industries partners associates management "
    "investments securities capital insurance electronics technologies systems pharmaceuticals brothers bros motors airlines airways agency court courts "
    "tribunal chiefs board exchange market markets index indices party union association "
    "federation confederation organization organisation foundation fund office bureau "
    "authority service services administration government cabinet parliament congress senate "
    "assembly house army navy force forces corps guard command coalition alliance league club "
    "team network press news times post journal herald tribune gazette magazine television "
    "radio programme program society trust reserve treasury secretariat directorate "
    "inspectorate embassy consulate mission"
)
# The last word of a place's name: "Kursk Region", "Genesee County", "Wall Street".
PLACE_HEADS = _words(
    "region regions province provinces district county state city town village municipality "
    "oblast prefecture territory street avenue road square boulevard river sea ocean gulf bay "
    "strait straits channel island islands peninsula coast lake mountain mountains valley "
    "border zone airport port harbour harbor station base plant palace bridge park stadium "
    "arena building tower"
)
# The last word of a named thing that is no actor: a law, a treaty, a plan, a scale, a
# prize, a contest ("Clean Air Act", "Minsk Agreement", "Torino Scale", "Nobel Prize",
# "World Cup"). Kinds of thing, not things: no law, scale or prize is named here.
THING_HEADS = _words(
    "act acts law laws bill treaty accord accords agreement pact convention protocol charter "
    "declaration resolution doctrine plan strategy scale rating ranking prize award medal "
    "trophy cup championship championships tournament games olympics festival summit "
    "conference report survey census theory principle"
)
HEADS = INSTITUTION_HEADS | PLACE_HEADS
# Words that open a place's name: "Fort Lauderdale", "Mount Everest", "Cape Town", and the
# Spanish articles of "Los Angeles", "El Niño", "Las Vegas", "San Diego".
PLACE_OPENERS = _words("fort mount mt cape port los las el san")

# Personal names are written alike in every language that uses the Latin alphabet, while a
# word in general use is translated: "house" is frequent in English only, "John" and "Trump"
# everywhere. So an English word in general use is one clearly more frequent in English than
# in these languages (the median of their Zipf frequencies), and frequent in English itself.
_OTHER_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "pl", "sv", "tr", "id", "fi", "cs", "hu")
_FREQUENT = 3.5  # Zipf: about 3 uses in a million words of English
_ENGLISH_ONLY = 1.0  # Zipf points above the median of the other languages: ten times as frequent


@functools.lru_cache(maxsize=1 << 15)
def common_word(word: str) -> bool:
    """``word`` (any case) is an English word in general use, not a personal name: "house",
    "storm", "economists", "Russia" (translated: "Russland", "Russie"), but not "John",
    "Trump" or "Zelensky". wordfreq's small lists: a few MB, read once."""
    low = word.lower()
    english = wordfreq.zipf_frequency(low, "en", wordlist="small")
    if english < _FREQUENT:
        return False
    elsewhere = statistics.median(
        wordfreq.zipf_frequency(low, lang, wordlist="small") for lang in _OTHER_LANGUAGES
    )
    return english - elsewhere >= _ENGLISH_ONLY


# The endings of adjectives made from places, peoples and creeds: "European", "Japanese",
# "British", "Islamic". Given names end so too ("Brian", "Eric"), but are no common words.
_ADJECTIVE_ENDINGS = ("an", "ese", "ish", "ic")


def adjective(word: str) -> bool:
    """``word`` is an English adjective of a place or a people, or its plural: "European",
    "Americans", "British", "Republican", "Islamic"; never part of a person's name."""
    low = word.lower()
    low = low[:-1] if low.endswith("ans") else low
    return low.endswith(_ADJECTIVE_ENDINGS) and common_word(low)


# wordfreq's Zipf scale: 8 is beyond the commonest English word ("the" is 7.7).
_ZIPF_CEILING = 8.0


@functools.lru_cache(maxsize=1 << 18)
def rareness(word: str) -> float:
    """How rare ``word`` is in general English, from 0 ("the") to 1 (never seen), linearly in
    wordfreq's Zipf frequency: "market" (5.3) 0.34, "Nikkei" (2.6) 0.68, "Kursk" (2.4) 0.70."""
    zipf = wordfreq.zipf_frequency(word.replace("’", "'"), "en")
    return max(0.0, _ZIPF_CEILING - zipf) / _ZIPF_CEILING

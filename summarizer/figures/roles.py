"""What part a number plays in its sentence: a level, a change, or an earlier value.

"Initial claims fell 36,000 to 293,000, the lowest since March 2020, when they stood at
256,000" gives three figures about one measure: 36,000 is a change, 293,000 the level now and
256,000 an earlier value. Compared as one, they would make three outlets that agree look as if
they disagreed; so a figure's role is part of what two claims must share to be compared
(merge/figures.py), as its unit and scope are.

Read by rule, from the words of general English that say a quantity moved, not from any
beat's vocabulary:

- **change**: right after a verb of movement, with "by" or a hedge between ("fell 36,000",
  "rose by 5%", "up 9.4 per cent", "dropped 7%"); right before a noun of movement ("a 36,000
  drop", "a 5% rise"), or after one and "of" ("an increase of 12%"); a signed number ("+2.1%",
  "-1.3%", "minus 5"); a change restated after "or" ("fell 4.08%, or 280.52 points"); a
  number listed right after another has its role ("up by 10.24% and 6.57% respectively");
- **earlier**: after "from" when the clause moved ("rose from 5% to 6%": 5%), after "up from"
  or "down from", "when it was", "compared with", "versus"; or followed by an earlier time
  ("300,000 a week earlier");
- **level**: everything else, including the "to" end of a movement ("fell 36,000 to 293,000").

Verbs that count things ("lost 1,000 jobs", "added 200 workers", "cut 500 posts") are left as
levels: what they count is the thing itself. Numbers in different roles are never compared,
so a doubtful reading can hide a conflict but never invent one.
"""

from __future__ import annotations

import re
from typing import Literal

from summarizer.text.units import unit_after

Role = Literal["level", "change", "earlier"]

_MOVE_VERB = (
    r"ris(?:e|es|ing)|rose|risen|f[ae]ll(?:s|en|ing)?|drop(?:s|ped|ping)?|climb(?:s|ed|ing)?|"
    r"jump(?:s|ed|ing)?|gain(?:s|ed|ing)?|declin(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|"
    r"decreas(?:e|es|ed|ing)|slip(?:s|ped|ping)?|sl(?:id|ide|ides|iding)|surg(?:e|es|ed|ing)|"
    r"soar(?:s|ed|ing)?|plung(?:e|es|ed|ing)|tumbl(?:e|es|ed|ing)|gr(?:ew|ow|ows|own|owing)|"
    r"shr(?:ank|ink|inks|unk|inking)|advanc(?:e|es|ed|ing)|retreat(?:s|ed|ing)?|"
    r"sank|sink(?:s|ing)?|dipp?(?:s|ed|ing)?|edg(?:e|es|ed|ing)\s+(?:up|down|higher|lower)|"
    r"(?:was|were|is|are|closed|ended|finished|traded)\s+(?:up|down)"
)
# "up 9.4 per cent", "down $1.73", "down 54 points": a bare "up" or "down" moves a percentage,
# a price or points, not "shot down 25 drones".
_BARE = re.compile(
    r"(?:^|[\s,(])(?:up|down)(?:\s+(?:by|about|some|nearly|almost))*\s*[$£€¥]?\s*$", re.IGNORECASE
)
_MOVED_UNIT = re.compile(
    r"^\s*(?:%|per\s*cent|percent|points?|pts|basis\s+points|bps)", re.IGNORECASE
)
_MOVE_NOUN = (
    r"rise|rises|fall|falls|drop|drops|gain|gains|increase|increases|decrease|decreases|"
    r"decline|declines|jump|jumps|climb|slide|slump|surge|plunge|dip|hike|cut|reduction|"
    r"growth|change"
)
# Words that may stand between the verb and its number: "rose by about 5%".
_BETWEEN = r"(?:\s+(?:by|of|some|about|around|roughly|nearly|almost|just|only|another|a\s+further|a|an|more\s+than|over|under|less\s+than))*"
_CHANGE_BEFORE = re.compile(rf"\b(?:{_MOVE_VERB}){_BETWEEN}\s*[$£€¥]?\s*$", re.IGNORECASE)
_CHANGE_NOUN_BEFORE = re.compile(rf"\b(?:{_MOVE_NOUN})\s+of{_BETWEEN}\s*[$£€¥]?\s*$", re.IGNORECASE)
_CHANGE_AFTER = re.compile(
    rf"^(?:\s*(?:%|per\s*cent|percent|points?|percentage\s+points?|[a-z]+))?"
    rf"\s*(?:-|\s)(?:{_MOVE_NOUN})\b",
    re.IGNORECASE,
)
_EARLIER_BEFORE = re.compile(
    r"\b(?:(?:up|down)\s+from|from|when\s+(?:[\w-]+\s+){0,3}?(?:was|were|stood\s+at|"
    r"had\s+been)|compared\s+(?:with|to)|versus|vs\.?)(?:\s+(?:about|around|some|"
    r"nearly|roughly|a\s+revised|an?\s+upwardly\s+revised|a\s+downwardly\s+revised))*\s*"
    r"[$£€¥]?\s*$",
    re.IGNORECASE,
)
# "300,000 a week earlier", "38 degrees a day before": a comparison. "Two days ago" and "the
# previous day" date the event itself ("killed 300 people two days ago"): a level.
_EARLIER_AFTER = re.compile(
    r"^(?:\s+[a-z%]+)?\s+(?:a|one|two|three|four|five|six|\d+)\s+(?:days?|weeks?|months?|"
    r"quarters?|years?)\s+(?:earlier|before)\b",
    re.IGNORECASE,
)
# A number listed right after another: "10.24% and 6.57%", "5%, 6% and 7%".
_LISTED = re.compile(r"(?P<number>\d[\d,.]*\s?%|\d[\d,.]*)\s*(?:,|\s(?:and|or))\s*[$£€¥]?$")
_RESTATED = re.compile(r",?\s+or\s+(?:about\s+|some\s+|nearly\s+)?[$£€¥]?\s*$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s*[$£€¥]?\s*$", re.IGNORECASE)
_MOVED_BEFORE = re.compile(rf"\b(?:{_MOVE_VERB}|{_MOVE_NOUN})\b", re.IGNORECASE)
# How far before the number its verb may stand, in characters, inside the same clause.
_REACH = 60


def role(sentence: str, start: int, end: int, follow: bool = True) -> Role:
    """The role of the number at ``sentence[start:end]`` (see the module docstring)."""
    listed = _LISTED.search(sentence[max(0, start - _REACH) : start]) if follow else None
    if listed:  # "went up by 10.24% and 6.57% respectively": the role of the one before
        at = max(0, start - _REACH)
        return role(sentence, at + listed.start("number"), at + listed.end("number"), False)
    before = _clause_before(sentence[max(0, start - _REACH) : start])
    after = sentence[end : end + 60]
    if _signed(before) and ("%" in sentence[start:end] or _MOVED_UNIT.match(after)):
        return "change"  # "-1.3%", "+54 points"; "-5 degrees" is a level below zero
    if re.search(r"\b(?:up|down)\s+from\s*[$£€¥]?\s*$", before, re.IGNORECASE):
        return "earlier"  # "1.2 million, up from 1.1 million"
    if re.search(r"\d[^,]*,\s*against\s*[$£€¥]?\s*$", before, re.IGNORECASE):
        return "earlier"  # "41 degrees on Sunday, against 38"; not "held out against 10,000"
    if _FROM.search(before):
        # "rose from 5% to 6%": the "from" end is the earlier value, when the clause moved.
        return "earlier" if _MOVED_BEFORE.search(before) else "level"
    if _EARLIER_BEFORE.search(before):
        return "earlier"
    if _CHANGE_BEFORE.search(before) or _CHANGE_NOUN_BEFORE.search(before):
        return "change"
    number = sentence[start:end]
    if _BARE.search(before) and (
        "%" in number
        or "cent" in number
        or _MOVED_UNIT.match(after)
        or unit_after(after, attached=not after[:1].isspace()) is not None
        or before.rstrip()[-1:] in "$£€¥"
    ):
        return "change"  # "up 3 degrees", "down $1.73"
    if _RESTATED.search(before) and _MOVED_BEFORE.search(before):
        return "change"  # "dropped by 4.08%, or 280.52 points": the same change, restated
    if _CHANGE_AFTER.match(after):
        return "change"
    if _EARLIER_AFTER.match(after):
        return "earlier"
    return "level"


def moved_before(before: str) -> bool:
    """The words before a number end with a verb of movement: "fell", "rose by", "up"; a
    "36,000 to 293,000" after one is a change and a level, not a range."""
    return _CHANGE_BEFORE.search(_clause_before(before[-_REACH:])) is not None


def _signed(before: str) -> bool:
    """A sign written against the number: "-1.3%", "+2.1%", "(−0.4%)", "minus 5"; not the
    hyphen of a word ("F-16") or of a range ("5-6")."""
    m = re.search(r"(?:^|[\s(])([+−-]|minus\s|plus\s)\s*[$£€¥]?$", before, re.IGNORECASE)
    # "GMT +8" is a time zone, not a change.
    return m is not None and not re.search(r"\b(?:GMT|UTC)\s*[+−-]$", before)


def _clause_before(text: str) -> str:
    """The words before the number back to the last clause break (", " keeps a clause)."""
    return re.split(r"[;:]|\.\s|\bbut\b|\bwhile\b|\band\b", text)[-1]

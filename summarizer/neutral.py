"""Loaded words that a neutral briefing may only carry inside attributed quotes."""

from __future__ import annotations

import re

# Drawn from the seeds ("hopeless", "alarming", "staggering", "desperate", "grim", "dire",
# "aggression", "relentless") and from wire-style guides on words that take sides.
LOADED = (
    "hopeless",
    "desperate",
    "desperately",
    "staggering",
    "alarming",
    "alarmingly",
    "grim",
    "dire",
    "aggression",
    "aggressive",
    "relentless",
    "unrelenting",
    "brutal",
    "barbaric",
    "heroic",
    "tragic",
    "tragically",
    "shocking",
    "horrific",
    "horrifying",
    "catastrophic",
    "devastating",
    "slaughter",
    "savage",
    "evil",
    "glorious",
    "triumphant",
    "humiliating",
    "humiliation",
    "disastrous",
    "invaluable",
    "enigmatic",
    "pivotal",
    "fraught",
    "stark",
    "outrageous",
    "cowardly",
    "reckless",
    "regime",
    "puppet",
    "butcher",
    "crushing",
)
_LOADED = re.compile(r"\b(" + "|".join(LOADED) + r")\b", re.IGNORECASE)
# Text inside typographic or straight double quotes is attributed quotation.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")


def loaded_words(text: str) -> list[str]:
    """Every loaded word in ``text``, lower-cased, in order."""
    return [m.group(1).lower() for m in _LOADED.finditer(text)]


def loaded_outside_quotes(text: str) -> list[str]:
    """Loaded words that stand outside any quotation marks."""
    return loaded_words(_QUOTED.sub(" ", text))

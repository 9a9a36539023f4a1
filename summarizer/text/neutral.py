"""Loaded words that a neutral briefing may only carry inside attributed quotes."""

from __future__ import annotations

import re
from html.parser import HTMLParser

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


def loaded_in_html(page: str) -> list[str]:
    """Loaded words outside quotes in the briefing part of an HTML page: the source articles
    shown beside it, the embedded data and the script are the sources' words, not ours."""
    reader = _BriefingText()
    reader.feed(page)
    reader.close()
    return loaded_outside_quotes(" ".join(reader.parts))


class _BriefingText(HTMLParser):
    _SKIP = frozenset({"script", "style", "aside", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)

"""Who the article credits with a number, read by rule: "X said ... N", "according to X",
"They noted ... N" after a sentence naming X; and a claimant the model names, resolved to the
article's own name for it. "Reports of 500 deaths" credits nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer.figures.mentions import Mention, previous_sentence
from summarizer.models import Actor, Article
from summarizer.text.fold import fold

_REPORTING = re.compile(
    r"\b(?:said|says|told|confirmed|confirms|noted|stated|disclosed|revealed|claimed|claims|"
    r"estimated|reported|announced|asserted|added|warned|suggested|acknowledged|emphasi[sz]ed|"
    r"proposes|proposed|pledged|expressed|put|puts)\b",
    re.IGNORECASE,
)
# "according to X", "as per Ukrainian President X": a few title words may stand between.
_ACCORDING = re.compile(r"\b(?:according\s+to|as\s+per)\s+(?:[\w.'’-]+\s+){0,5}$", re.IGNORECASE)
_HEARSAY = re.compile(r"\b(?:reports|claims|rumou?rs)\s+of\s*$", re.IGNORECASE)
_ATTRIBUTION_REACH = 90  # characters between a name and its reporting verb
_SUBJECT_PRONOUN = re.compile(r"^(?:they|he|she|we)\b", re.IGNORECASE)


@dataclass
class Claimants:
    """Resolves a claimed_by label to the article's own name for the claimant."""

    article: Article
    actors: list[Actor]
    _text: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._text = fold(self.article.text)

    def resolve(self, name: str) -> str | None:
        """An actor's name, else the words as the article writes them, else None."""
        folded = fold(name)
        if not folded:
            return None
        for actor in self.actors:
            if folded in (fold(actor.name), fold(actor.role or "")) or fold(actor.name) in folded:
                return actor.name
        surname = folded.split()[-1]
        for actor in self.actors:
            if actor.kind == "person" and surname == fold(actor.name).split()[-1]:
                return actor.name
        return name.strip() if folded in self._text else None

    def attribute(self, mention: Mention) -> str | None:
        """Who the text itself credits with the number, by rule: "X said/confirmed ... N",
        "according to X" or "as per X", or "They noted ... N" after a sentence naming X."""
        text = self.article.content()
        if hearsay(mention, text):
            return None  # "claims of 500 deaths": the article does not say whose claims
        sentence = text[mention.sentence_start : mention.sentence_end]
        named = self._named_speaker(sentence)
        if named:
            return named
        if _SUBJECT_PRONOUN.match(sentence) and _REPORTING.search(sentence[:40]):
            previous = previous_sentence(self.article, mention)
            return self._first_actor(previous) if previous else None
        return None

    def _named_speaker(self, sentence: str) -> str | None:
        for actor in sorted(self.actors, key=lambda a: -len(a.name)):
            for form in _forms(actor):
                for hit in re.finditer(rf"\b{re.escape(form)}\b", sentence):
                    if _ACCORDING.search(sentence[: hit.start()]):
                        return actor.name
                    reach = sentence[hit.end() : hit.end() + _ATTRIBUTION_REACH]
                    verb = _REPORTING.search(reach)
                    if verb and not re.search(r"[.;]\s", reach[: verb.start()]):
                        return actor.name
        return None

    def _first_actor(self, sentence: str) -> str | None:
        hits = [
            (m.start(), actor.name)
            for actor in self.actors
            for form in _forms(actor)
            for m in re.finditer(rf"\b{re.escape(form)}\b", sentence)
        ]
        return min(hits)[1] if hits else None


def _forms(actor: Actor) -> list[str]:
    """How the text may name an actor: its name, and a person's surname alone."""
    forms = [actor.name]
    if actor.kind == "person" and len(actor.name.split()) > 1:
        forms.append(actor.name.split()[-1])
    return forms


def hearsay(mention: Mention, text: str) -> bool:
    """ "reports of 500 deaths": the article does not say whose reports, so nobody is credited."""
    return bool(_HEARSAY.search(text[mention.sentence_start : mention.start]))

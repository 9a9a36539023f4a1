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
    """Resolves a claimed_by label to the article's own name for the claimant.

    Everything is looked up, not scanned: the actors by their folded names, roles and
    surnames, and the actors a sentence may name by the last word of each of their forms, so
    the cost per number does not grow with the number of people the article names.
    """

    article: Article
    actors: list[Actor]
    _text: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._text = fold(self.article.text)
        self._by_form: dict[str, int] = {}  # folded name or role -> the first actor so named
        self._by_name: dict[str, int] = {}
        self._by_surname: dict[str, int] = {}
        self._by_last_word: dict[str, set[int]] = {}  # of a form, as the text writes it
        self._patterns: list[list[re.Pattern[str]]] = []
        for i, actor in enumerate(self.actors):
            name = fold(actor.name)
            for key in (name, fold(actor.role or "")):
                self._by_form.setdefault(key, i)
            self._by_name.setdefault(name, i)
            if actor.kind == "person" and name.split():
                self._by_surname.setdefault(name.split()[-1], i)
            forms = _forms(actor)
            self._patterns.append([re.compile(rf"\b{re.escape(f)}\b") for f in forms])
            for form in forms:
                words = re.findall(r"\w+", form)
                self._by_last_word.setdefault(words[-1] if words else "", set()).add(i)
        self._name_lengths = sorted({len(n) for n in self._by_name})
        # the order in which a sentence's speakers are tried: longest name first
        self._speaker_order = sorted(
            range(len(self.actors)), key=lambda i: -len(self.actors[i].name)
        )

    def resolve(self, name: str) -> str | None:
        """An actor's name, else the words as the article writes them, else None."""
        folded = fold(name)
        if not folded:
            return None
        found = [self._by_form[folded]] if folded in self._by_form else []
        found += self._names_inside(folded)
        if found:
            return self.actors[min(found)].name
        surname = self._by_surname.get(folded.split()[-1])
        if surname is not None:
            return self.actors[surname].name
        return name.strip() if folded in self._text else None

    def _names_inside(self, folded: str) -> list[int]:
        """The actors whose folded name stands somewhere in ``folded``."""
        return [
            self._by_name[folded[start : start + n]]
            for n in self._name_lengths
            for start in range(len(folded) - n + 1)
            if folded[start : start + n] in self._by_name
        ]

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

    def _named(self, sentence: str) -> set[int]:
        """The actors one of whose forms may stand in ``sentence``: its last word does."""
        words = {*re.findall(r"\w+", sentence), ""}
        return {i for w in words for i in self._by_last_word.get(w, ())}

    def _named_speaker(self, sentence: str) -> str | None:
        named = self._named(sentence)
        for i in (i for i in self._speaker_order if i in named):
            for pattern in self._patterns[i]:
                for hit in pattern.finditer(sentence):
                    if _ACCORDING.search(sentence[: hit.start()]):
                        return self.actors[i].name
                    reach = sentence[hit.end() : hit.end() + _ATTRIBUTION_REACH]
                    verb = _REPORTING.search(reach)
                    if verb and not re.search(r"[.;]\s", reach[: verb.start()]):
                        return self.actors[i].name
        return None

    def _first_actor(self, sentence: str) -> str | None:
        hits = [
            (m.start(), self.actors[i].name)
            for i in sorted(self._named(sentence))
            for pattern in self._patterns[i]
            for m in pattern.finditer(sentence)
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

"""Who the article credits with a number, read by rule: "X said ... N", "according to X",
"..., said X", "estimated ... by X", "They noted ... N" after a sentence naming X; and a
claimant the model names, resolved to the article's own name for it, when the number's
sentence names it and states something (``credits``). "Reports of 500 deaths" credits
nobody.
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
    r"proposes|proposed|pledged|expressed|put|puts|advised|advises|forecast|forecasts|"
    r"predicted|predicts|projected|projects|calculated|calculates|estimates|reports|"
    r"announces|tallied|counted)\b",
    re.IGNORECASE,
)
# "according to X", "as per Ukrainian President X": a few title words may stand between.
_ACCORDING = re.compile(r"\b(?:according\s+to|as\s+per)\s+(?:[\w.'’-]+\s+){0,5}$", re.IGNORECASE)
_HEARSAY = re.compile(r"\b(?:reports|claims|rumou?rs)\s+of\s*$", re.IGNORECASE)
_ATTRIBUTION_REACH = 90  # characters between a name and its reporting verb
# A name right after a preposition is its object, no speaker: "military assistance to Ukraine
# shortly, estimated to be around $1.25 billion" is nobody's estimate.
_OBJECT_OF = re.compile(
    r"\b(?:to|in|into|of|against|for|with|from|on|at|toward|towards|over|about|by|than|"
    r"between|among|across|near|inside|within|without)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "is estimated", "was reported", "estimated to be": a passive credits nobody.
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_TO_AFTER = re.compile(r"^\s+to\s+(?:be|have)\b", re.IGNORECASE)
# "..., said Anna Berg" (a few title words may stand between).
_SAID_BEFORE = re.compile(
    r"[,”\"]\s*(?:said|says|added|noted)\s+(?:[\w.'’-]+\s+){0,4}$", re.IGNORECASE
)
_BY_AGENT = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)
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

    def credits(self, name: str, mention: Mention) -> bool:
        """Whether the number's sentence names ``name`` (an actor's name, as ``resolve``
        gives it) and says that someone states something ("said", "according to", "advised"):
        the model's claimant is kept only then. It names someone the sentence merely
        mentions ("18 months behind schedule" of a plane "made by Airbus") or someone of
        another sentence, where the text credits nobody."""
        sentence = self.article.content()[mention.sentence_start : mention.sentence_end]
        if not (_REPORTING.search(sentence) or re.search(r"\baccording\s+to\b", sentence, re.I)):
            return False
        i = self._by_name.get(fold(name))
        forms = [fold(f) for f in _forms(self.actors[i])] if i is not None else [fold(name)]
        folded = fold(sentence)
        return any(re.search(rf"\b{re.escape(f)}\b", folded) for f in forms if f)

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
        """The actor the sentence credits: "according to X"; "X said", when no other actor
        stands between X and the verb (in "North Korea suffers losses as Biden proposes £1
        billion" the proposal is Biden's), X is no preposition's object ("assistance to
        Ukraine, estimated at") and the verb is no passive ("is estimated", "estimated to
        be"); or "..., said X"."""
        named = self._named(sentence)
        hits = sorted(
            (hit.start(), -hit.end(), i)
            for i in (i for i in self._speaker_order if i in named)
            for pattern in self._patterns[i]
            for hit in pattern.finditer(sentence)
        )
        # A name inside a longer one ("Kirby" in "John Kirby") is that one.
        kept: list[tuple[int, int, int]] = []
        for start, neg_end, i in hits:
            if kept and start < kept[-1][1]:
                continue
            kept.append((start, -neg_end, i))
        for start, _, i in kept:
            if _ACCORDING.search(sentence[:start]):
                return self.actors[i].name
        for k, (start, end, i) in enumerate(kept):
            if _OBJECT_OF.search(sentence[:start]):
                continue
            stop = kept[k + 1][0] if k + 1 < len(kept) else len(sentence)
            reach = sentence[end : min(end + _ATTRIBUTION_REACH, stop)]
            for verb in _REPORTING.finditer(reach):
                if re.search(r"[.;]\s", reach[: verb.start()]):
                    break
                if not _passive(reach, verb):
                    return self.actors[i].name
        for start, _, i in kept:
            before = sentence[max(0, start - _ATTRIBUTION_REACH) : start]
            if _SAID_BEFORE.search(before[-40:]):
                return self.actors[i].name
            verbs = list(_REPORTING.finditer(before)) if _BY_AGENT.search(before) else []
            if verbs and not re.search(r"[.;]\s", before[verbs[-1].end() :]):
                return self.actors[i].name  # "was estimated at 120 mm by the Met Office"
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


def _passive(reach: str, verb: re.Match[str]) -> bool:
    """ "is estimated", "was reported", "estimated to be": the verb has no speaker."""
    return bool(_BE_BEFORE.search(reach[: verb.start()]) or _TO_AFTER.match(reach[verb.end() :]))


def hearsay(mention: Mention, text: str) -> bool:
    """ "reports of 500 deaths": the article does not say whose reports, so nobody is credited."""
    return bool(_HEARSAY.search(text[mention.sentence_start : mention.start]))

"""Figures: numbers found by code (mentions.py), explained by the model, normalised by code.

The model gets a numbered list of the mentions, each with its sentence, and labels every one:
what it counts, who claims it, what period or place it covers, or that it is not a figure.
Everything else is decided by rule: the value, the unit where the text states it, the hedge
("over", "up to"), and whether the article calls the number unverified. Every figure is grounded
by construction: its evidence is its sentence, and its ``mention`` is the number's own span.
A mention the model fails to label still becomes a figure, marked unlabelled, never lost.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from typing import Literal, Self

from pydantic import (
    BaseModel,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    create_model,
    model_validator,
)

from summarizer import measures, numbers
from summarizer import mentions as mentions_module
from summarizer.grounding import fold
from summarizer.mentions import Mention
from summarizer.models import (
    Actor,
    Article,
    DroppedItem,
    Evidence,
    Figure,
    NotFigureMention,
    Qualifier,
)
from summarizer.neutral import loaded_words
from summarizer.wire import clean_label

Unit = Literal["people", "items", "USD", "GBP", "EUR", "percent", "sq mi", "km²", "other"]

_PEOPLE = (
    r"troops?|soldiers?|casualt(?:y|ies)|deaths?|dead|killed|wounded|injured|civilians?|people|"
    r"persons?|fighters?|personnel|men|women|children|refugees|prisoners|lives|officers|"
    r"servicemen|recruits|conscripts|forces|force|contingent|army|victims|residents|workers|"
    r"migrants|hostages|detainees|militants|insurgents|volunteers|mercenaries|staff"
)
_ITEMS = (
    r"containers?|missiles?|drones?|shells?|rounds|rockets?|tanks?|vehicles?|aircraft|jets?|"
    r"planes?|helicopters?|ships?|vessels?|weapons|guns|howitzers|launchers?|bombs?|munitions|"
    r"warheads?|satellites?|trucks?|buildings|homes|houses|villages|towns|sites|targets"
)
_UNIT_AFTER = re.compile(
    rf"^(?:\s+(?:[A-Za-z’'-]+\s+){{0,4}}?)?\s*(?:of\s+)?(?:[A-Za-z’'-]+\s+){{0,3}}?(?P<noun>{_PEOPLE}|{_ITEMS})\b",
    re.IGNORECASE,
)
_UNIT_BEFORE = re.compile(rf"\b(?P<noun>{_PEOPLE})\s+of\s*$", re.IGNORECASE)
_UNVERIFIED = re.compile(
    r"could\s+not\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)|cannot\s+(?:be\s+)?"
    r"(?:independently\s+)?(?:verif|confirm)|unable\s+to\s+(?:independently\s+)?(?:verif|confirm)|"
    r"unverified|unconfirmed|not\s+(?:been\s+)?(?:independently\s+)?(?:verified|confirmed)|"
    r"verification\s+[^.]{0,40}pending|disputed",
    re.IGNORECASE,
)
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
_PRONOUN_START = re.compile(r"^(?:they|he|she|it|we|this|these|the\s+officials)\b", re.IGNORECASE)
_UNVERIFIED_WINDOW = 2  # the caveat may follow in the next sentences of the same paragraph
_SCOPE_WORDS = 5
_SCOPE_STOP = {"in", "on", "the", "a", "an", "of", "per", "over", "during", "within", "at", "for"}
_PRONOUNS = {"they", "he", "she", "it", "we", "i", "you", "them", "officials", "sources", "reports"}
_QUALIFIERS: list[tuple[str, Qualifier]] = [
    (r"more than|over|above|exceeded|exceeding|in excess of|upwards of", "over"),
    (r"up to|as many as|as much as|no more than|at most", "up_to"),
    (r"at least|no fewer than|no less than|a minimum of", "at_least"),
    (
        r"about|around|some|roughly|approximately|nearly|almost|an estimated|estimated|close to",
        "about",
    ),
    (r"fewer than|less than|under|below", "under"),
]


# is_figure comes last: the model describes the number before it judges it.
class FigureLabel(BaseModel):
    number: str = Field(description="The mention's number, copied from the list.")
    counted: str = Field(description="What the number counts, in a few words.")
    unit: Unit
    claimed_by: str | None = Field(description="Who the text says gives the number, or null.")
    scope: str | None = Field(description="Period or place covered, e.g. 'in one week', or null.")
    is_figure: bool = Field(description="False for a date, age, rank, name or non-count.")


class LabelsBase(BaseModel):
    """One label per mention, validated against the mentions passed in ``context``."""

    labels: list[FigureLabel]
    _problems: dict[int, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> Self:
        context = info.context or {}
        batch: LabelBatch | None = context.get("batch")
        if batch is None:
            return self
        for index, label in enumerate(self.labels):
            problem = batch.problem(index, label)
            if problem:
                self._problems[index] = problem
        if self._problems and context.get("strict", True):
            listed = list(self._problems.values())
            raise ValueError(
                f"{len(listed)} labels need fixing:\n- "
                + "\n- ".join(listed[:12])
                + "\nReturn all labels again, one per mention, in order."
            )
        return self

    def valid_labels(self) -> dict[int, FigureLabel]:
        """Labels that passed validation, by mention index."""
        return {i: label for i, label in enumerate(self.labels) if i not in self._problems}


@functools.lru_cache(maxsize=64)
def labels_model(count: int) -> type[LabelsBase]:
    """A reply model that takes exactly ``count`` labels: the grammar leaves no way to skip one."""
    model: type[LabelsBase] = create_model(
        "FigureLabels",
        __base__=LabelsBase,
        labels=(list[FigureLabel], Field(min_length=count, max_length=count)),
    )
    return model


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
        if _hearsay(mention, text):
            return None  # "claims of 500 deaths": the article does not say whose claims
        sentence = text[mention.sentence_start : mention.sentence_end]
        named = self._named_speaker(sentence)
        if named:
            return named
        if _SUBJECT_PRONOUN.match(sentence) and _REPORTING.search(sentence[:40]):
            previous = _previous_sentence(self.article, mention)
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


@dataclass
class LabelBatch:
    """The mentions sent in one call, and what validating their labels needs."""

    mentions: list[Mention]
    claimants: Claimants

    def problem(self, index: int, label: FigureLabel) -> str | None:
        """Why label ``index`` cannot be used, or None."""
        mention = self.mentions[index]
        where = f"labels[{index}] (mention [{index + 1}] {mention.text!r})"
        if not _same_number(label.number, mention.text):
            return f"{where}: number {label.number!r} is not this mention's; keep the order"
        if not label.is_figure:
            return None
        if not label.counted.strip():
            return f"{where}: say what the number counts"
        loaded = loaded_words(f"{label.counted} {label.scope or ''}")
        if loaded:
            return f"{where}: 'counted' or 'scope' uses the loaded word {loaded[0]!r}"
        claimant = (label.claimed_by or "").strip()
        if claimant and fold(claimant) in _PRONOUNS:
            return f"{where}: claimed_by {claimant!r} is a pronoun; name who it refers to, or null"
        if claimant and self.claimants.resolve(claimant) is None:
            return f"{where}: claimed_by {claimant!r} is not named in the article"
        return None

    def salvage(self, text: str | None) -> dict[int, FigureLabel]:
        """The usable labels of a reply that failed validation, label by label."""
        try:
            data = json.loads(text or "")
        except json.JSONDecodeError:
            return {}
        items = data.get("labels") if isinstance(data, dict) else None
        kept: dict[int, FigureLabel] = {}
        for index, raw in enumerate(items[: len(self.mentions)] if isinstance(items, list) else []):
            try:
                label = FigureLabel.model_validate(raw)
            except ValidationError:
                continue
            if self.problem(index, label) is None:
                kept[index] = label
        return kept

    def listing(self, article: Article) -> str:
        """The numbered mentions as the prompt shows them."""
        blocks = []
        for number, mention in enumerate(self.mentions, start=1):
            sentence = article.content()[mention.sentence_start : mention.sentence_end]
            lines = [f"[{number}] number: {json.dumps(mention.text, ensure_ascii=False)}"]
            previous = _previous_sentence(article, mention)
            if previous and _PRONOUN_START.match(sentence):
                lines.append(f"    before: {json.dumps(previous, ensure_ascii=False)}")
            lines.append(
                f"    sentence: {json.dumps(' '.join(sentence.split()), ensure_ascii=False)}"
            )
            blocks.append("\n".join(lines))
        return "\n".join(blocks)


def build(
    article: Article, mentions: list[Mention], labels: dict[int, FigureLabel], claimants: Claimants
) -> tuple[list[Figure], list[NotFigureMention], list[DroppedItem]]:
    """Turn every mention into a figure or an explicit not-a-figure; nothing is lost."""
    figures: list[Figure] = []
    not_figures: list[NotFigureMention] = []
    dropped: list[DroppedItem] = []
    sentences = list(mentions_module.sentences(article))
    for index, mention in enumerate(mentions):
        span = {"start": mention.start, "end": mention.end, "text": mention.text}
        if mention.not_figure:
            not_figures.append(NotFigureMention(**span, reason=mention.not_figure))
            continue
        label = labels.get(index)
        unit = _unit(article, mention)
        if label is not None and not label.is_figure and unit is None:
            not_figures.append(NotFigureMention(**span, reason="model: not a figure"))
            continue
        if label is None:
            dropped.append(
                DroppedItem(kind="figure", reason=f"no valid label for {mention.text!r}", item="")
            )
        figures.append(_figure(article, mention, label, unit, claimants, sentences))
    return figures, not_figures, dropped


def _figure(
    article: Article,
    mention: Mention,
    label: FigureLabel | None,
    unit: str | None,
    claimants: Claimants,
    sentences: list[tuple[int, int]],
) -> Figure:
    parsed = numbers.parse(mention.text) or numbers.Parsed(None, None, None, None)
    sentence = article.content()[mention.sentence_start : mention.sentence_end]
    # The text's own attribution wins; the model's claimant is the fallback.
    claimant = claimants.attribute(mention)
    if (
        claimant is None
        and label is not None
        and label.claimed_by
        and not _hearsay(mention, article.text)
    ):
        claimant = claimants.resolve(label.claimed_by)
    model_unit = label.unit if label is not None and label.unit != "other" else None
    final_unit = parsed.unit or unit or model_unit
    at = mention.start - mention.sentence_start
    measure = measures.read(sentence, at, at + len(mention.text), final_unit)
    model_scope = clean_label(label.scope) if label is not None else None
    return Figure(
        raw=mention.text,
        value=parsed.value,
        low=parsed.low,
        high=parsed.high,
        qualifier=_qualifier(sentence[:at], parsed),
        unit=final_unit,
        counted=label.counted.strip() if label is not None else "unlabelled",
        measure=measure.label,
        scope=measure.period or _grounded_scope(model_scope, sentence),
        claimed_by=claimant,
        unverified=_unverified(article, mention, sentences),
        labelled=label is not None,
        mention=_evidence(article, mention.start, mention.end),
        evidence=[_evidence(article, mention.sentence_start, mention.sentence_end)],
    )


def _unit(article: Article, mention: Mention) -> str | None:
    """The unit the text states: currency, percent or area in the number, else the noun after it."""
    parsed = numbers.parse(mention.text)
    if parsed is not None and parsed.unit:
        return parsed.unit
    after = article.content()[mention.end : mention.sentence_end]
    before = article.content()[mention.sentence_start : mention.start]
    match = _UNIT_AFTER.match(after) or _UNIT_BEFORE.search(before)
    if match is None:
        return None
    return "people" if re.fullmatch(_PEOPLE, match["noun"], re.IGNORECASE) else "items"


def _qualifier(before: str, parsed: numbers.Parsed) -> Qualifier:
    """The hedge just before the number, read by rule, not by the model."""
    if parsed.vague:
        return "vague"
    if parsed.low is not None and parsed.high is not None:
        return "range"
    tail = before.lower().rstrip()
    for pattern, qualifier in _QUALIFIERS:
        if re.search(rf"\b(?:{pattern})(?:\s+(?:a|an|the))?$", tail):
            return qualifier
    return "exact"


def _unverified(article: Article, mention: Mention, sentences: list[tuple[int, int]]) -> bool:
    """The sentence, or one of the next two in its paragraph, says it is not verified."""
    line_end = article.text.find("\n", mention.sentence_start)
    line_end = len(article.text) if line_end == -1 else line_end
    window = [s for s in sentences if mention.sentence_start <= s[0] and s[1] <= line_end]
    end = window[: _UNVERIFIED_WINDOW + 1][-1][1] if window else mention.sentence_end
    return bool(_UNVERIFIED.search(article.content()[mention.sentence_start : end]))


def _hearsay(mention: Mention, text: str) -> bool:
    """ "reports of 500 deaths": the article does not say whose reports, so nobody is credited."""
    return bool(_HEARSAY.search(text[mention.sentence_start : mention.start]))


def _grounded_scope(scope: str | None, sentence: str) -> str | None:
    """The model's scope, if short and written in the sentence: at least half its words must
    be there (the model invents "in total" and "per day" for sentences that say neither)."""
    if not scope or len(scope.split()) > _SCOPE_WORDS:
        return None
    words = [w for w in re.findall(r"[a-z0-9]+", fold(scope)) if w not in _SCOPE_STOP]
    present = fold(sentence)
    found = sum(1 for w in words if re.search(rf"\b{re.escape(w)}", present))
    return scope if words and found * 2 >= len(words) else None


def _previous_sentence(article: Article, mention: Mention) -> str | None:
    before = [s for s in mentions_module.sentences(article) if s[1] <= mention.sentence_start]
    if not before:
        return None
    start, end = before[-1]
    return " ".join(article.content()[start:end].split())


def _same_number(given: str, mention: str) -> bool:
    a, b = fold(given).strip(" \"'"), fold(mention)
    return a == b or (bool(a) and (a in b or b in a) and _digits(a) == _digits(b))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _evidence(article: Article, start: int, end: int) -> Evidence:
    return Evidence(article_id=article.id, start=start, end=end, quote=article.text[start:end])

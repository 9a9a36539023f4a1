"""What the model is asked about each numeric mention, and the checks on its answer.

The model gets a numbered list of the mentions, each with its sentence, and labels every one:
its unit, what it counts, who claims it, what period or place it covers, or that it is not a
figure. What it counts is read by rule first (build.py); the model's "counts" is a second
opinion, used only when its words are the sentence's (asked with no limit, a 1.5B model
copied the whole sentence, so the prompt asks for one to four words and build.py checks). A
label whose number is not its mention's, or whose scope uses a loaded word, is not used; the
answer is re-asked only when most of its labels are of that kind, and after the last re-ask
the valid labels are kept one by one, from an answer cut off at its cap too. A claimant the
article does not name (or a pronoun) is ignored, the rest of its label kept.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Literal, Self

from pydantic import (
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    create_model,
    model_validator,
)

from summarizer.figures.claimants import Claimants
from summarizer.figures.mentions import Mention, previous_sentence
from summarizer.llm.base import ReplyModel
from summarizer.models import Article
from summarizer.text.fold import fold
from summarizer.text.neutral import loaded_words

# The model's choice of unit is part of the recorded prompt's schema, so it stays this short
# list; the unit the text states is read by rule (values.py, build.py) and wins.
Unit = Literal["people", "items", "USD", "GBP", "EUR", "percent", "sq mi", "km²", "other"]

LABEL_TOKENS = 56  # the longest usual label, in tokens (about 30 measured), with a margin

_PRONOUN_START = re.compile(r"^(?:they|he|she|it|we|this|these|the\s+officials)\b", re.IGNORECASE)
_PRONOUNS = {"they", "he", "she", "it", "we", "i", "you", "them", "officials", "sources", "reports"}


# is_figure comes last: the model describes the number before it judges it. The keys the
# model writes are short (aliases): each is written once per mention.
class FigureLabel(ReplyModel):
    model_config = ConfigDict(populate_by_name=True)

    number: str
    unit: Unit
    # Required, though it may be null: under llama.cpp's grammar an optional key is one the
    # model leaves out (recorded on 2026-12-02: 39 labels, no "counts" in any).
    counts: str | None
    claimed_by: str | None = Field(alias="by")
    scope: str | None
    is_figure: bool = Field(alias="figure")


class LabelsBase(ReplyModel):
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
        valid = len(self.labels) - len(self._problems)
        if self._problems and len(self._problems) > valid and context.get("strict", True):
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
    model.answer_tokens = LABEL_TOKENS * count + 16
    return model


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
        loaded = loaded_words(label.scope or "")
        if loaded:
            return f"{where}: 'scope' uses the loaded word {loaded[0]!r}"
        return None

    def salvage(self, text: str | None) -> dict[int, FigureLabel]:
        """The usable labels of a reply that failed validation, label by label."""
        data = _complete_part(text or "")
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
            previous = previous_sentence(article, mention)
            if previous and _PRONOUN_START.match(sentence):
                lines.append(f"    before: {json.dumps(previous, ensure_ascii=False)}")
            lines.append(
                f"    sentence: {json.dumps(' '.join(sentence.split()), ensure_ascii=False)}"
            )
            blocks.append("\n".join(lines))
        return "\n".join(blocks)


def _complete_part(text: str) -> object:
    """The JSON of ``text``, or of its labels up to the last complete one when the answer was
    cut off at its token cap; None when neither reads."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    end = text.rfind("}")
    while end > 0:
        try:
            return json.loads(text[: end + 1] + "]}")
        except json.JSONDecodeError:
            end = text.rfind("}", 0, end)
    return None


def named_claimant(label: FigureLabel) -> str | None:
    """The label's claimant, None for a pronoun ("they"): the claimants' index then says
    whether the article names them. A wrong claimant does not make a label unusable: the
    text's own attribution, read by rule, comes first anyway, and one wrong claimant is not
    worth asking for every label again."""
    claimant = (label.claimed_by or "").strip()
    return claimant if claimant and fold(claimant) not in _PRONOUNS else None


def _same_number(given: str, mention: str) -> bool:
    a, b = fold(given).strip(" \"'"), fold(mention)
    return a == b or (bool(a) and (a in b or b in a) and _digits(a) == _digits(b))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)

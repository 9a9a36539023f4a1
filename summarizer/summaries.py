"""A headline and a few sentences for each story, written by the model from the story's merged
facts and checked by rule, as the lead is (lead.py).

The model sees one story's developments (most outlets first) and figure groups, each with its
citation numbers and the exact words those citations quote; never the raw articles. It
returns a headline and 2 to 4 sentences, each with citation numbers. Each is kept only if it
passes the lead's checks (``Facts.problem``): it cites facts it was offered, every number and
capitalised name in it is in the words it cites, it turns no "on"/"behind"/"above"... of the
facts' words ("on schedule" where they say "behind schedule"), it uses no loaded word, and it
is one sentence of at most 35 words; the headline uses only content words of the facts. A reply with a failing sentence is re-asked once; then the
failing sentences are dropped and counted, and a failing headline leaves the story's own
(its best-attested development, in its source's words).
"""

from __future__ import annotations

import json
from typing import ClassVar, Self

from pydantic import Field, PrivateAttr, ValidationError, ValidationInfo, model_validator

from summarizer import prompts
from summarizer.lead import Facts, LeadSentence, facts_of, split_sentences
from summarizer.llm.base import ReplyModel, StructuredModel, tally
from summarizer.models import Briefing, CallStats, Sentence, Story

SYSTEM, USER = "summary_system", "summary_user"
MIN_SENTENCES, MAX_SENTENCES = 2, 4


def prompt_version() -> str:
    return prompts.version(SYSTEM, USER)


class SummaryReply(ReplyModel):
    """A story's headline and sentences, validated against ``context['facts']``."""

    answer_tokens: ClassVar[int | None] = 448  # a headline and four cited sentences

    headline: LeadSentence
    sentences: list[LeadSentence] = Field(min_length=MIN_SENTENCES, max_length=MAX_SENTENCES)
    _problems: list[str] = PrivateAttr(default_factory=list)

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> Self:
        facts: Facts | None = (info.context or {}).get("facts")
        if facts is None:
            return self
        self.sentences = split_sentences(self.sentences)
        problem = facts.problem(self.headline, headline=True)
        if problem:
            self._problems.append(f"headline: {problem}")
        for index, sentence in enumerate(self.sentences):
            problem = facts.problem(sentence)
            if problem:
                self._problems.append(f"sentences[{index}]: {problem}")
        if self._problems:
            raise ValueError(
                f"{len(self._problems)} parts need fixing:\n- "
                + "\n- ".join(self._problems)
                + "\nReturn the headline and all sentences again; fix these or leave them out."
            )
        return self


def story_facts(briefing: Briefing, story: Story) -> Facts:
    """The lead's facts listing, over this story's developments and figures only."""
    developments = set(story.developments)
    figures = set(story.figures)
    within = briefing.model_copy(
        update={
            "developments": [d for d in briefing.developments if d.id in developments],
            "figures": [g for g in briefing.figures if g.id in figures],
        }
    )
    return facts_of(within)


def write(
    briefing: Briefing, story: Story, llm: StructuredModel
) -> tuple[Sentence | None, list[Sentence], int, CallStats]:
    """The checked headline (None if it failed), the sentences kept, how many were dropped,
    and the call's cost. Raises ModelError when the call itself fails."""
    facts = story_facts(briefing, story)
    stats = CallStats()
    if facts.count == 0:
        return None, [], 0, stats
    messages = [
        {"role": "system", "content": prompts.render(SYSTEM)},
        {
            "role": "user",
            "content": prompts.render(
                USER, count=str(facts.count), tag=prompts.tag("facts"), facts=facts.listing
            ),
        },
    ]
    reply = llm.structured(
        SummaryReply, messages, {"facts": facts, "article_id": f"{story.id}-summary"}
    )
    tally(stats, reply)
    if reply.value is not None:
        headline: LeadSentence | None = reply.value.headline
        items = reply.value.sentences
    else:
        headline, items = _salvage(reply.last_text)
    kept_headline = _kept(facts, headline, headline=True) if headline is not None else None
    kept = [s for s in (_kept(facts, item) for item in items) if s is not None][:MAX_SENTENCES]
    dropped = len(items) - len(kept) + (1 if headline is not None and not kept_headline else 0)
    return kept_headline, kept, dropped, stats


def _kept(facts: Facts, item: LeadSentence, *, headline: bool = False) -> Sentence | None:
    if facts.problem(item, headline=headline) is not None:
        return None
    text = " ".join(item.text.split())
    if not text.endswith((".", "!", "?", "”", '"')) and len(text.split()) > 12:
        text += "."
    return Sentence(text=text, citations=sorted(set(item.citations)))


def _salvage(text: str | None) -> tuple[LeadSentence | None, list[LeadSentence]]:
    """The parts of a failed reply that fit the schema, each then checked on its own."""
    try:
        data = json.loads(text or "")
    except json.JSONDecodeError:
        return None, []
    if not isinstance(data, dict):
        return None, []
    headline = _item(data.get("headline"))
    raw = data.get("sentences")
    items = [i for i in map(_item, raw if isinstance(raw, list) else []) if i is not None]
    return headline, split_sentences(items)


def _item(raw: object) -> LeadSentence | None:
    try:
        return LeadSentence.model_validate(raw)
    except ValidationError:
        return None

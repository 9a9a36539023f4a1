"""Synthetic extractions for the merge benchmark (generated, not recorded: no model involved).

A day of ``n`` articles is modelled on the seeds: ``4n / 5`` stories, each told by about five
outlets, and a pool of ``n // 2`` people. Each article tells four stories, each telling with
the story's own words and some of the article's; names four people (a fifth of them by
surname alone, some with a title), one country in one of three spellings, three figures of
the stories it tells (with a scope, a qualifier, sometimes another currency) and two
statements. Every item rests on an exact span of the article's text, as real ones do. The
number of stories and people grows with the day, which is what makes a near-linear merge
possible at all: with a fixed set of stories, the tellings of each would grow with n.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from summarizer.models import (
    Actor,
    Article,
    ArticleExtraction,
    Event,
    Evidence,
    Figure,
    Statement,
)

_SYLLABLES = [a + b for a in "bdfgklmnprstvz" for b in ("a", "e", "i", "o", "u", "ar", "en", "ol")]
_COUNTRIES = [["US", "U.S.", "United States"], ["UK", "Britain", "United Kingdom"]]
_MEASURES = ["troops", "killed", "wounded", "aid"]


def _word(rng: random.Random, syllables: int = 3) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


@dataclass
class _Story:
    words: list[str]
    measure: str
    value: int


class _Text:
    """An article's text, built sentence by sentence, each sentence's span remembered."""

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        self.parts: list[str] = []
        self.length = 0

    def add(self, sentence: str) -> Evidence:
        start = self.length
        self.parts.append(sentence + "\n")
        self.length += len(sentence) + 1
        return Evidence(
            article_id=self.article_id, start=start, end=start + len(sentence), quote=sentence
        )


def extractions(n: int, seed: int = 0) -> list[ArticleExtraction]:
    """``n`` articles' extractions, the same for the same ``n`` and ``seed``."""
    rng = random.Random(seed)
    stories = [
        _Story(
            [_word(rng) for _ in range(6)],
            rng.choice(_MEASURES),
            rng.randrange(1, 200) * 50,
        )
        for _ in range(max(1, 4 * n // 5))
    ]
    people = [(_word(rng, 2).title(), _word(rng, 3).title()) for _ in range(max(4, n // 2))]
    return [_article(i, rng, stories, people) for i in range(n)]


def _article(
    i: int, rng: random.Random, stories: list[_Story], people: list[tuple[str, str]]
) -> ArticleExtraction:
    article_id = f"{i:012x}"
    text = _Text(article_id)
    told = rng.sample(stories, min(4, len(stories)))
    named = rng.sample(people, min(4, len(people)))
    actors = [_person(text, rng, given, family) for given, family in named]
    country = rng.choice(_COUNTRIES)
    actors.append(_country(text, rng.choice(country)))
    events = [_event(text, rng, story, named) for story in told]
    figures = [_figure(text, rng, story, named) for story in told[:3]]
    statements = [
        Statement(
            speaker=f"{g} {f}",
            text=(e := text.add(f"{g} {f} said {_word(rng)} {_word(rng)}.")).quote,
            evidence=[e],
        )
        for g, f in named[:2]
    ]
    body = "".join(text.parts)
    article = Article(
        id=article_id, path=f"day/{i:05d}.txt", outlet=f"outlet{i % 300}", title=None, text=body
    )
    return ArticleExtraction(
        article=article,
        actors=actors,
        events=events,
        figures=figures,
        statements=statements,
        model="synthetic",
        prompt_version="synthetic",
    )


def _person(text: _Text, rng: random.Random, given: str, family: str) -> Actor:
    form = rng.random()
    name = (
        family
        if form < 0.2
        else f"Minister {given} {family}"
        if form < 0.3
        else f"{given} {family}"
    )
    evidence = text.add(f"{name} spoke on {_word(rng)}.")
    return Actor(name=name, kind="person", role=None, evidence=[evidence])


def _country(text: _Text, name: str) -> Actor:
    return Actor(name=name, kind="country", evidence=[text.add(f"{name} officials met.")])


def _event(text: _Text, rng: random.Random, story: _Story, named: list[tuple[str, str]]) -> Event:
    words = rng.sample(story.words, 4) + [_word(rng) for _ in range(2)]
    given, family = rng.choice(named)
    summary = f"{given} {family} " + " ".join(words) + "."
    evidence = text.add(summary)
    return Event(
        summary=summary,
        actors=[f"{given} {family}"],
        evidence=[evidence],
    )


def _figure(text: _Text, rng: random.Random, story: _Story, named: list[tuple[str, str]]) -> Figure:
    value = story.value if rng.random() < 0.7 else story.value * 2
    if story.measure == "aid":
        currency, symbol = ("GBP", "£") if rng.random() < 0.3 else ("USD", "$")
        raw, unit, counted = f"{symbol}{value} million", currency, f"{story.words[0]} aid"
    else:
        raw, unit, counted = f"{value:,}", "people", f"{story.words[0]} {story.measure}"
    scope = rng.choice([None, "in one week", "since August"])
    given, family = rng.choice(named)
    sentence = f"{given} {family} said {raw} {story.measure} {story.words[0]} {scope or ''}."
    evidence = text.add(sentence)
    at = sentence.index(raw)
    mention = Evidence(
        article_id=text.article_id,
        start=evidence.start + at,
        end=evidence.start + at + len(raw),
        quote=raw,
    )
    return Figure(
        raw=raw,
        value=float(value),
        qualifier=rng.choice(["exact", "exact", "over", "about"]),  # type: ignore[arg-type]
        unit=unit,
        counted=counted,
        measure=counted,
        scope=scope,
        claimed_by=f"{given} {family}",
        mention=mention,
        evidence=[evidence],
    )

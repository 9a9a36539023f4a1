"""Hand-written model answers (nothing here was recorded): seeds 002 and 003 as a small model
might extract them (their numbers state their units, so they are settled by rule and need no
labelling call), three short articles, and lead paragraphs."""

from __future__ import annotations

import json

from summarizer import ingest
from summarizer.models import Briefing
from tests.support.fake_model import actor, event, reply, sentence_of, statement
from tests.support.helpers import SEEDS

SEED_002 = ingest.load([SEEDS / "002_9e14d8b332cb9dc9.txt"]).articles[0]
SEED_003 = ingest.load([SEEDS / "003_8ca868f52a6922c0.txt"]).articles[0]

REPLY_002 = reply(
    actors=[
        actor("Antony Blinken", role="U.S. Secretary of State"),
        actor("Lloyd Austin"),
    ],
    events=[
        event(
            sentence_of(SEED_002, "North Korea launched its longest ever intercontinental"),
        )
    ],
    statements=[
        statement(sentence_of(SEED_002, "Austin expressed confidence"), "Lloyd Austin"),
    ],
)


REPLY_003 = reply(
    actors=[
        actor("Yoon Suk Yeol", role="President of South Korea"),
        actor("Rustem Umerov"),
    ],
    events=[
        event(
            sentence_of(SEED_003, "Yoon Suk Yeol met with Ukrainian Minister of Defense"),
        )
    ],
    statements=[
        statement(
            sentence_of(SEED_003, "the Defense Department could not independently verify"),
            "Deputy Pentagon Press Secretary",
        )
    ],
)
PATHS = [SEEDS / "002_9e14d8b332cb9dc9.txt", SEEDS / "003_8ca868f52a6922c0.txt"]


ARTICLES = {
    "a.txt": "Ana Lima opened the bridge on Monday. Traffic resumed.\n",
    "b.txt": "Rui Costa closed the port. Ships waited outside.\n",
    "c.txt": "Lea Moreau said 12 were waiting. The port stayed shut.\n",  # a number to label
}


def cite(briefing: Briefing, words: str) -> int:
    return next(c.n for c in briefing.citations if words in c.quote)


def lead_answer(*sentences: tuple[str, list[int]]) -> str:
    return json.dumps({"sentences": [{"text": t, "citations": c} for t, c in sentences]})


def good_lead(b: Briefing) -> list[tuple[str, list[int]]]:
    blinken = cite(b, "8,000 North Korean soldiers")
    yoon = cite(b, "Yoon Suk Yeol met")
    missile = cite(b, "intercontinental ballistic missile")
    return [
        (
            "Antony Blinken said 8,000 North Korean soldiers in Russia would fight in Kursk.",
            [blinken],
        ),
        ("Yoon Suk Yeol met Rustem Umerov.", [yoon]),
        ("North Korea launched an intercontinental ballistic missile.", [missile]),
    ]

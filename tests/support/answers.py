"""Hand-written model answers (nothing here was recorded): seeds 002 and 003 as a small model
might extract and label them, three short articles, and lead paragraphs."""

from __future__ import annotations

import json

from summarizer import ingest
from summarizer.models import Briefing
from tests.support.fake_model import actor, event, label, labels, reply, statement
from tests.support.helpers import SEEDS

SEED_002 = ingest.load([SEEDS / "002_9e14d8b332cb9dc9.txt"]).articles[0]

REPLY_002 = reply(
    actors=[
        actor(
            "U.S. Secretary of State Antony Blinken",
            "Antony Blinken",
            role="U.S. Secretary of State",
        ),
        actor("Secretary of Defense Lloyd Austin", "Lloyd Austin"),
    ],
    events=[
        event(
            "North Korea launched its longest ever intercontinental ballistic missile",
            "North Korea launched an intercontinental ballistic missile.",
            "military_action",
        )
    ],
    statements=[
        statement(
            "Austin expressed confidence that Ukrainian forces can continue to hold "
            "onto territory in Kursk",
            "Lloyd Austin",
        )
    ],
)

LABELS_002 = labels(
    label("8,000", "North Korean soldiers expected to begin combat", claimed_by="Antony Blinken"),
    label("80%", "share of the force in the area", "percent", claimed_by="Antony Blinken"),
    label("10,000", "North Korean force", claimed_by="Antony Blinken"),
    label("460 square miles", "territory held by Ukraine in Kursk", "sq mi"),
    label("1,200", "Russian casualties", claimed_by="Lloyd Austin", scope="per day"),
)


REPLY_003 = reply(
    actors=[
        actor(
            "South Korea’s President Yoon Suk Yeol",
            "Yoon Suk Yeol",
            role="President of South Korea",
        ),
        actor("Ukrainian Minister of Defense Rustem Umerov", "Rustem Umerov"),
    ],
    events=[
        event(
            "Yoon Suk Yeol met with Ukrainian Minister of Defense Rustem Umerov",
            "Yoon Suk Yeol met Rustem Umerov.",
            "diplomacy",
            ["Yoon Suk Yeol", "Rustem Umerov"],
        )
    ],
    statements=[
        statement(
            "the Defense Department could not independently verify these reports",
            "Deputy Pentagon Press Secretary",
        )
    ],
)
LABELS_003 = labels(
    label("500", "North Korean deaths", claimed_by=None),
    label("500", "North Korean deaths"),
    label("12", "British Storm Shadow missiles", "items", claimed_by="pro-Russian war bloggers"),
    label(
        "10,000",
        "North Korean soldiers dispatched",
        claimed_by="The U.S. and South Korean governments",
    ),
)
PATHS = [SEEDS / "002_9e14d8b332cb9dc9.txt", SEEDS / "003_8ca868f52a6922c0.txt"]


ARTICLES = {
    "a.txt": "Ana Lima opened the bridge on Monday. Traffic resumed.\n",
    "b.txt": "Rui Costa closed the port. Ships waited outside.\n",
    "c.txt": "Lea Moreau said 12 ships were waiting. The port stayed shut.\n",
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

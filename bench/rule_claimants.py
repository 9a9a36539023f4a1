"""The seeds' figures scored against the gold with no label from the model: the recorded
extraction answers replayed, every labelling call answered with nothing usable, so every
figure's unit, claimant, scope and what it counts come from the rules alone. Prints the
evaluate table; asserts nothing. Offline: it reads the cassette.

    python -m bench.rule_claimants

On the cassette of commit f747ae6, which labelled every figure, this gave 80% for
value+unit+claimant against the recording's own 60%: that is why a figure whose unit the text
states is now settled by rule. On today's cassette the seeds make no labelling call, so it
prints what `pytest tests/test_e2e.py -s` prints.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from bench.seeds_speed import ROOT
from summarizer import evaluate, ingest
from summarizer.extraction import extract
from summarizer.extraction.reply import ExtractionReply
from summarizer.llm.base import Reply
from summarizer.pipeline import assemble

T = TypeVar("T", bound=BaseModel)
CASSETTE = ROOT / "cassettes" / "test_e2e" / "test_seeds_briefing.yaml"


class Recorded:
    """The recorded extraction answers, in order; no label for any mention."""

    model = "recorded"

    def __init__(self) -> None:
        interactions = yaml.safe_load(CASSETTE.read_text(encoding="utf-8"))["interactions"]
        answers = [
            json.loads(i["response"]["body"]["string"])["choices"][0]["message"]["content"]
            for i in interactions
        ]
        self.extractions = [a for a in answers if a.lstrip().startswith('{"actors"')]

    def structured(
        self, response_model: type[T], messages: list[dict[str, str]], context: dict[str, Any]
    ) -> Reply[T]:
        text = self.extractions.pop(0) if response_model is ExtractionReply else "{}"
        try:
            return Reply(response_model.model_validate_json(text, context=context), text, None, 1)
        except ValidationError as exc:
            return Reply(None, text, str(exc), 1)


def main() -> None:
    articles = ingest.load(sorted((ROOT / "seeds").glob("*.txt"))).articles
    model = Recorded()
    briefing = assemble([extract(a, model) for a in articles], [], date="2026-11-23")
    gold = evaluate.load_gold(ROOT / "tests" / "data" / "gold_figures.json")
    print(evaluate.report(evaluate.score(briefing, gold)))


if __name__ == "__main__":
    main()

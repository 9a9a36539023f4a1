"""What a call costs: by the price table, cached prompt tokens at their own price, unknown
models unknown (None), never 0."""

from __future__ import annotations

import pytest

from summarizer.llm.base import Reply, tally
from summarizer.llm.prices import cost
from summarizer.models import CallStats


def test_cost_by_the_price_table() -> None:
    assert cost("gpt-4o-mini", 1_000_000, 0, None) == pytest.approx(0.15)
    assert cost("gpt-4o-mini", 1_000_000, 0, 1_000_000) == pytest.approx(0.075)
    assert cost("gpt-4o-mini", 0, 1_000_000, None) == pytest.approx(0.60)
    assert cost("qwen2.5-coder-1.5b-instruct-q4_k_m", 5000, 500, None) == 0.0
    assert cost("some-model", 10, 10, None) is None


def test_a_call_of_unknown_price_makes_the_total_unknown() -> None:
    stats = CallStats()
    tally(stats, Reply(None, attempts=2, prompt_tokens=10, completion_tokens=5, cost_usd=0.5))
    assert (stats.calls, stats.reasks, stats.spent_tokens, stats.cost_usd) == (2, 1, 15, 0.5)
    tally(stats, Reply(None, attempts=1, prompt_tokens=1, completion_tokens=1, cost_usd=None))
    assert stats.cost_usd is None
    tally(stats, Reply(None, attempts=1, prompt_tokens=7, completion_tokens=3, cached=True))
    assert stats.from_store == 1 and stats.spent_tokens == 17 and stats.prompt_tokens == 18

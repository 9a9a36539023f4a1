"""What a call costs: a versioned price table, in USD per million tokens.

Local models cost nothing in money; a model not listed has an unknown cost (None, stored as
NULL), never 0.
"""

from __future__ import annotations

PRICES_VERSION = "2026-11"
# (prompt, cached prompt, completion)
PRICES: dict[str, tuple[float, float, float]] = {
    "gpt-4o-mini": (0.15, 0.075, 0.60),
    "gpt-4o": (2.50, 1.25, 10.00),
    "gpt-4.1-mini": (0.40, 0.10, 1.60),
    "gpt-4.1": (2.00, 0.50, 8.00),
    "qwen2.5-coder-1.5b-instruct-q4_k_m": (0.0, 0.0, 0.0),
}


def cost(model: str, prompt: int, completion: int, cached: int | None) -> float | None:
    """USD for one call by the price table, or None when the model's price is unknown."""
    price = PRICES.get(model)
    if price is None:
        return None
    fresh = prompt - (cached or 0)
    return (fresh * price[0] + (cached or 0) * price[1] + completion * price[2]) / 1_000_000

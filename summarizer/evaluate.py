"""Score a briefing's figures against hand-written gold annotations.

Precision and recall are computed on two keys: value+unit, and value+unit+claimant. A
predicted figure matches a gold figure of the same article with the same value (a vague
quantity by its low bound) and unit; with the claimant key, its claimant must also name one
of the gold's acceptable claimants (or both say nobody). Matching is one-to-one.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.models import Briefing

_MINOR = {"the", "of", "and", "a", "an", "us", "u.s.", "government", "governments", "officials"}


@dataclass(frozen=True)
class Score:
    """Matches, predictions and gold items for one key."""

    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0


_PACKAGE = Path(__file__).resolve().parent
# The wheel carries the seeds' gold as summarizer/_data/; a source checkout has it in tests/.
_GOLD = (_PACKAGE / "_data" / "gold_figures.json", _PACKAGE.parent / "tests/data/gold_figures.json")


def default_gold() -> Path:
    """The seeds' gold figures, installed or in a checkout (the first that exists)."""
    return next((p for p in _GOLD if p.is_file()), _GOLD[0])


def load_gold(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Gold figures by article file name."""
    data: dict[str, list[dict[str, Any]]] = json.loads(path.read_text(encoding="utf-8"))["articles"]
    return data


def predicted(briefing: Briefing) -> dict[str, list[dict[str, Any]]]:
    """The briefing's figures by article file name, in the gold's shape."""
    names = {s.n: Path(s.article.path).name for s in briefing.sources}
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in names.values()}
    for group in briefing.figures:
        for claim in group.claims:
            value = claim.value if claim.value is not None else claim.low
            # One entry per sentence: a source repeating a value is one claim, two mentions.
            out[names[claim.source]] += [
                {
                    "raw": claim.raw,
                    "value": value,
                    "unit": claim.unit,
                    "claimed_by": claim.claimed_by,
                }
                for _ in claim.citations
            ]
    return out


def score(briefing: Briefing, gold: dict[str, list[dict[str, Any]]]) -> dict[str, Score]:
    """Scores for the keys 'value+unit' and 'value+unit+claimant'."""
    found = predicted(briefing)
    articles = [name for name in found if name in gold]
    results = {}
    for key, with_claimant in (("value+unit", False), ("value+unit+claimant", True)):
        matched = sum(_matches(found[a], gold[a], with_claimant) for a in articles)
        results[key] = Score(
            matched=matched,
            predicted=sum(len(found[a]) for a in articles),
            gold=sum(len(gold[a]) for a in articles),
        )
    return results


def report(scores: dict[str, Score]) -> str:
    """A small table of the scores."""
    lines = [f"{'key':<22}{'precision':>10}{'recall':>8}{'matched':>9}{'predicted':>11}{'gold':>6}"]
    for key, s in scores.items():
        lines.append(
            f"{key:<22}{s.precision:>10.1%}{s.recall:>8.1%}{s.matched:>9}{s.predicted:>11}{s.gold:>6}"
        )
    return "\n".join(lines)


def _matches(found: list[dict[str, Any]], gold: list[dict[str, Any]], with_claimant: bool) -> int:
    unused = list(gold)
    count = 0
    for item in found:
        for candidate in unused:
            if _same(item, candidate, with_claimant):
                unused.remove(candidate)
                count += 1
                break
    return count


def _same(item: dict[str, Any], gold: dict[str, Any], with_claimant: bool) -> bool:
    if item["value"] is None or item["unit"] != gold["unit"]:
        return False
    if not math.isclose(float(item["value"]), float(gold["value"]), rel_tol=1e-9):
        return False
    return not with_claimant or _same_claimant(item["claimed_by"], gold["claimed_by"])


def _same_claimant(found: str | None, accepted: list[str | None] | None) -> bool:
    """``accepted`` None: nobody; a list: any of its names, or nobody if it holds None."""
    names = accepted or [None]
    if not found:
        return None in names
    words = _words(found)
    return any(name is not None and words & _words(name) for name in names)


def _words(name: str) -> set[str]:
    return {
        w for w in re.findall(r"[a-z][a-z.'-]+", name.lower()) if w not in _MINOR and len(w) > 2
    }

"""The quantity reader on its own: every number of a text, read by rule, with no model.

This is the figures stage of the pipeline without the model's label (figures/mentions.py
finds the numbers and tells the not-figures apart, figures/build.py reads each figure), so a
tool that calls ``summarizer.quantities(text)`` or ``summarizer quantities FILE`` gets the
same reading as a briefing. For each number:

- its exact span and raw text;
- a not-figure's reason: a date (a span of years too: "from 2001 to 2005"), an age ("aged
  25", "John Smith, 85,", "died at 85", "five years old"), an ordinal, a reference ("Article
  5"), a designation ("F-16"), a name ("the S&P 500", "Boeing 737", "Trent 900 engines",
  "iPhone 11": a whole number right after a capitalised word, outside title-case
  headlines), a score ("beat Sevilla 2-0", "a 2-2 draw"), a set phrase ("the first time in
  a century", "a four-star general");
- a figure's value, or its low and high ends (a range; a vague word's conservative low bound,
  "thousands" is at least 1,000), its hedge ("over", "about", "up to"), its role (a level, a
  change or an earlier value: figures/roles.py), the period or time it covers, what it counts,
  and who the text says claims it;
- its unit as written and as compared: an ISO 4217 code for money (never converted), "percent",
  a unit of pint's registry ("mile", "mile per hour", "degree Celsius"), or "people"/"items"
  for counts of the beat vocabularies' nouns; for a physical unit, also the value in SI base
  units, so that "500 miles" and "805 km" can be compared by a tool without the briefing
  converting either.

Read: numerals with separators and decimals, magnitudes ("5 million", "$3bn", "25k", "$1tn",
"Rs 500 crore"), spelled numbers ("twenty-five"), vague amounts, percentages, currencies by
symbol, code or name ("€15", "RM79", "USD10m", "15 euros", "19 cents"), ranges ("between 5%
and 6%", "from $800,000 to $1.3 million"), a change and a level written as one ("up 9.4 per
cent to $84": two numbers), units of measure after the number ("100mph", "a 12-hour flight"),
fractions of something, as a share in percent ("a third of the homes" 33.33, "two-thirds of
voters", "half the staff", "3/4 of fans"), and a decimal comma before a percent ("8,26%").

A minus sign or "minus" makes a value negative ("-5 degrees", "(−0.4%)").

Left alone, for now: a fraction of one unit ("a quarter of a century", "half an hour": not
reported; "1/16 of a point", "24/7": a not-figure, "fraction"), spelled decimals ("five point
five"), compound amounts ("3 dollars 50 cents"), scientific notation, and a decimal comma
elsewhere ("€8,50" is read as 8 and 50). Each number found is reported, as a figure or a
not-figure.
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass
from typing import Any

from summarizer import ingest
from summarizer.figures import mentions
from summarizer.figures.build import build
from summarizer.figures.claimants import Claimants
from summarizer.models import Article
from summarizer.text import units
from summarizer.text.quantities import CURRENCY_WORD


@dataclass(frozen=True)
class Quantity:
    """One number of the text, as the reader reads it (see the module docstring)."""

    start: int
    end: int
    text: str
    figure: bool
    reason: str | None = None  # why it is not a figure
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    unit: str | None = None  # as compared: "USD", "percent", "mile", "people"
    unit_written: str | None = None  # as the text writes it, when it writes one
    si_value: float | None = None
    si_unit: str | None = None
    role: str | None = None
    scope: str | None = None
    counted: str | None = None
    claimed_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def read(text: str) -> list[Quantity]:
    """Every number of ``text``, in text order: figures and not-figures."""
    return read_article(ingest.parse(text))


def read_article(article: Article) -> list[Quantity]:
    """Every number of an article's content (its boilerplate left out), in text order."""
    found = mentions.detect(article)
    figures, not_figures, _ = build(article, found, {}, Claimants(article, []))
    out = [
        Quantity(start=n.start, end=n.end, text=n.text, figure=False, reason=n.reason)
        for n in not_figures
    ]
    for f in figures:
        assert f.mention is not None  # build() always records the number's own span
        written, si = _written(article.text, f.mention.end, f.raw, f.unit, f.value)
        out.append(
            Quantity(
                start=f.mention.start,
                end=f.mention.end,
                text=f.raw,
                figure=True,
                value=f.value,
                low=f.low,
                high=f.high,
                qualifier=f.qualifier,
                unit=f.unit,
                unit_written=written,
                si_value=si[0] if si else None,
                si_unit=si[1] if si else None,
                role=f.role,
                scope=f.scope,
                counted=f.counted,
                claimed_by=f.claimed_by,
            )
        )
    return sorted(out, key=lambda q: q.start)


def _written(
    text: str, end: int, raw: str, unit: str | None, value: float | None
) -> tuple[str | None, tuple[float, str] | None]:
    """The unit as the text writes it, and the value in SI base units for a physical unit."""
    after = text[end : end + 60]
    found = units.unit_after(after, attached=not after[:1].isspace())
    if found is not None and not found[0].is_money and found[0].label == unit:
        si = units.si_value(value, found[0]) if value is not None else None
        return found[0].written, si
    if unit == "percent":
        written = next((w for w in ("%", "per cent", "percent") if w in raw.lower()), None)
        return written, None  # None for a fraction: "a third" writes no unit
    symbol = next((s for s in _symbols() if raw.startswith(s) or raw.endswith(s)), None)
    if symbol is not None:
        return symbol, None
    named = re.search(rf"[\s-]({CURRENCY_WORD})$", raw, re.IGNORECASE)  # "15 euros", "19 cents"
    if named is not None:
        return named[1], None
    money = units.currency_word(after)
    if money is not None and money[0].name == unit:
        return money[0].written, None
    return None, None


@functools.lru_cache(maxsize=1)
def _symbols() -> list[str]:
    table = units.currencies()
    return sorted({*table.symbols, *table.codes}, key=lambda s: (-len(s), s))

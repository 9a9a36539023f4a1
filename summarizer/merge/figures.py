"""Figures across articles: grouped by what they measure, compared within a scope and unit.

Claims are compared only between different sources, within one scope and one unit, their
qualifiers counted; amounts in different currencies sit side by side and are never converted.
"""

from __future__ import annotations

from collections import Counter

from summarizer.merge.citations import Citations, spans, stable_id
from summarizer.merge.words import counted_key
from summarizer.models import Figure, FigureClaim, FigureGroup, Verdict
from summarizer.text.fold import compared_within, fold_name, fold_scope
from summarizer.text.names import person_key
from summarizer.text.quantities import CURRENCY_CODES

_COUNTED_OVERLAP = 0.5


def group_figures(
    figures: list[Figure], book: Citations, names: dict[str, str]
) -> list[FigureGroup]:
    """Group figures that measure the same thing; compare them only within a scope and unit.

    Each figure joins the first group whose first figure has the same measure
    (``same_measure``). Groups are looked up, not scanned: by unit class and measure when the
    rule read one, else by unit and the words of what is counted.
    """
    groups: list[list[Figure]] = []
    measured: dict[tuple[str, str], int] = {}
    by_word: dict[tuple[str | None, str], list[int]] = {}
    for figure in figures:
        if figure.measure:
            key = (unit_class(figure.unit), fold_name(figure.measure))
            found = measured.get(key)
        else:
            near = {
                g for w in counted_key(figure.counted) for g in by_word.get((figure.unit, w), ())
            }
            found = next((g for g in sorted(near) if same_measure(figure, groups[g][0])), None)
        if found is not None:
            groups[found].append(figure)
            continue
        groups.append([figure])
        if figure.measure:
            measured[key] = len(groups) - 1
        else:
            for w in counted_key(figure.counted):
                by_word.setdefault((figure.unit, w), []).append(len(groups) - 1)
    return [_figure_group(g, book, names) for g in groups]


def same_measure(a: Figure, b: Figure) -> bool:
    """The rule-read measure decides when both have one; the model's words otherwise."""
    if unit_class(a.unit) != unit_class(b.unit):
        return False
    if a.measure or b.measure:
        return fold_name(a.measure or "") == fold_name(b.measure or "")
    if a.unit != b.unit:
        return False
    ka, kb = counted_key(a.counted), counted_key(b.counted)
    if not ka or not kb:
        return False
    return len(ka & kb) / len(ka | kb) > _COUNTED_OVERLAP


def _figure_group(group: list[Figure], book: Citations, names: dict[str, str]) -> FigureGroup:
    claims: list[FigureClaim] = []
    repeated: dict[tuple[object, ...], tuple[FigureClaim, set[int]]] = {}
    for f in group:
        claimant = names.get(person_key(f.claimed_by), f.claimed_by) if f.claimed_by else None
        claim = FigureClaim(
            source=book.sources[f.evidence[0].article_id],
            raw=f.raw,
            value=f.value,
            low=f.low,
            high=f.high,
            qualifier=f.qualifier,
            unit=f.unit,
            scope=f.scope,
            role=f.role,
            claimed_by=claimant,
            unverified=f.unverified,
            labelled=f.labelled,
            citations=[book.cite(e) for e in f.evidence],
        )
        found = repeated.get(_repeat_key(claim))
        if found is None:
            claims.append(claim)
            repeated[_repeat_key(claim)] = (claim, set(claim.citations))
            continue
        same, cited = found  # one source saying it twice: one claim, both sentences
        same.citations += [n for n in claim.citations if n not in cited]
        cited.update(claim.citations)
        same.unverified = same.unverified or claim.unverified
        same.labelled = same.labelled or claim.labelled
    claims.sort(key=lambda c: (fold_scope(c.scope) == "", fold_scope(c.scope), c.source))
    agree = not _conflicts(claims)
    units = {c.unit for c in claims}
    scopes = {(fold_scope(c.scope), c.role) for c in claims}
    sources = {c.source for c in claims}
    verdict: Verdict
    if not agree:
        verdict = "differ"
    elif len(sources) == 1 and len(claims) == 1:
        verdict = "one source"
    elif len(units) > 1:
        verdict = "different units"
    elif len(scopes) > 1 and len({_interval(c) for c in claims}) > 1:
        verdict = "different scopes"
    else:
        verdict = "agree" if len(sources) > 1 else "one source"
    measured = [f.measure for f in group if f.measure]
    counted = measured[0] if measured else Counter(f.counted for f in group).most_common(1)[0][0]
    return FigureGroup(
        id=stable_id("f", unit_class(group[0].unit), counted, spans(f.evidence[0] for f in group)),
        counted=counted,
        unit=units.pop() if len(units) == 1 else None,
        claims=claims,
        agree=agree,
        verdict=verdict,
    )


def _repeat_key(c: FigureClaim) -> tuple[object, ...]:
    """What two claims share when they are one source giving the same value for the same
    scope, credited to the same claimant."""
    return (c.source, c.value, c.low, c.high, c.qualifier, c.claimed_by, *compared_within(c))


def _conflicts(claims: list[FigureClaim]) -> bool:
    """Two sources give values that cannot both hold, for the same scope, unit and role.

    Values from one source are never a conflict: an article giving 8,000 and 10,000 is giving
    a part and a whole, or two counts it keeps apart itself. Two intervals cannot both hold
    when one starts after the other ends, so within a scope and unit it is enough to compare
    each source's highest start with the other sources' lowest ends: linear, not pairwise.
    """
    by_bucket: dict[tuple[str | None, str, str], list[FigureClaim]] = {}
    for c in claims:
        by_bucket.setdefault(compared_within(c), []).append(c)
    return any(_disjoint_sources(bucket) for bucket in by_bucket.values())


def _disjoint_sources(claims: list[FigureClaim]) -> bool:
    """Some claim starts after another source's claim ends."""
    starts: dict[int, float] = {}  # per source: its highest low end
    ends: dict[int, float] = {}  # per source: its lowest high end
    for c in claims:
        low, high = _interval(c)
        starts[c.source] = max(starts.get(c.source, low), low)
        ends[c.source] = min(ends.get(c.source, high), high)
    # the two lowest ends, from two sources: every other source is compared with one of them
    lowest = sorted(ends.items(), key=lambda item: item[1])[:2]
    return any(
        start > end for source, start in starts.items() for other, end in lowest if other != source
    )


_APPROX = 0.1  # "about 1,000" reads as 900 to 1,100


def _interval(c: FigureClaim) -> tuple[float, float]:
    """The values a claim allows, by its qualifier: 'over 1,000' is (1,000, inf)."""
    inf = float("inf")
    if c.low is not None or c.high is not None:
        return (c.low or 0.0, c.high if c.high is not None else inf)
    if c.value is None:
        return (0.0, inf)
    v = c.value
    return {
        "over": (v, inf),
        "at_least": (v, inf),
        "vague": (v, inf),
        "up_to": (0.0, v),
        "under": (0.0, v),
        "about": (v * (1 - _APPROX), v * (1 + _APPROX)),
    }.get(c.qualifier, (v, v))


def unit_class(unit: str | None) -> str:
    """Money is one class whatever the currency, so amounts sit side by side, unconverted."""
    return "money" if unit in CURRENCY_CODES else (unit or "count")

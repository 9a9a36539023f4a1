"""Since the previous briefing: new developments, figures revised, threads no longer reported.

Two days' briefings are compared by content, not by id (ids change with every new wording):
a development is one of the previous day's stories when the two read as one event by their
shared words and people (``words.story_score``: each is compared with the other day's
alone, so no story-wide weights are needed); a figure is revised when its claimant now
gives another value for the same measure, unit and scope. Nothing here calls
the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.merge.words import story_score, story_words
from summarizer.models import (
    Briefing,
    Development,
    FigureClaim,
    FigureRevision,
    History,
    PastThread,
)
from summarizer.text.fold import fold_name, fold_scope

_NOMINATING = 100  # as in events.py: a word this common nominates no pair


@dataclass
class _Account:
    """A development as clustering compares it."""

    development: Development
    words: set[str]
    people: set[str]


def compare(previous: Briefing, current: Briefing, previous_run: int | None = None) -> History:
    """What ``current`` reports that ``previous`` did not, and the other way round."""
    before = [_account(d, previous) for d in previous.developments]
    after = [_account(d, current) for d in current.developments]
    seen: set[int] = set()
    new: list[str] = []
    index = _index(before)
    by_id: dict[str, list[int]] = {}
    for i, b in enumerate(before):
        by_id.setdefault(b.development.id, []).append(i)
    for account in after:
        near = {i for w in account.words for i in index.get(w, ())}
        same = [i for i in sorted(near) if _same(account, before[i])]
        same += by_id.get(account.development.id, [])
        if same:
            seen.update(same)
        else:
            new.append(account.development.id)
    gone = [
        PastThread(text=b.development.text, outlets=_outlets(b.development, previous))
        for i, b in enumerate(before)
        if i not in seen
    ]
    return History(
        previous_date=previous.date,
        previous_run=previous_run,
        new=new,
        revised=revised(previous, current),
        no_longer_reported=gone,
    )


def revised(previous: Briefing, current: Briefing) -> list[FigureRevision]:
    """Figures whose claimant now gives another value for the same measure, unit and scope.

    A value is compared only with what the same claimant (or, when the text names none, the
    same outlet) said the day before: another outlet adding its own number, or an amount in
    a second currency, is not a revision of anyone's figure.
    """
    earlier: dict[str, list[FigureClaim]] = {}
    for group in previous.figures:
        earlier.setdefault(fold_name(group.counted), []).extend(group.claims)
    changes = []
    for group in current.figures:
        then_by_scope = _by_scope(earlier.get(fold_name(group.counted), []))
        for key, now in _by_scope(group.claims).items():
            then_by_who = _by_who(then_by_scope.get(key, []), previous)
            for who, now_said in _by_who(now, current).items():
                then_said = then_by_who.get(who)
                if not then_said or _values(then_said) == _values(now_said):
                    continue
                changes.append(
                    FigureRevision(
                        counted=group.counted,
                        scope=now_said[0].scope,
                        before=list(dict.fromkeys(_said(c, previous) for c in then_said)),
                        after=list(dict.fromkeys(_said(c, current) for c in now_said)),
                        citations=sorted({n for c in now_said for n in c.citations}),
                    )
                )
    return changes


def _account(d: Development, briefing: Briefing) -> _Account:
    quotes = [briefing.citations[n - 1].quote for n in d.citations if n <= len(briefing.citations)]
    return _Account(d, story_words([d.text, *quotes], d.actors), set(d.actors))


def _index(accounts: list[_Account]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, a in enumerate(accounts):
        for word in a.words:
            index.setdefault(word, []).append(i)
    return {w: holders for w, holders in index.items() if len(holders) <= _NOMINATING}


def _same(a: _Account, b: _Account) -> bool:
    return story_score(a.words, a.people, b.words, b.people) > 0


def _by_scope(claims: list[FigureClaim]) -> dict[tuple[str, str], list[FigureClaim]]:
    """Claims by (unit, scope): only those are compared across days."""
    out: dict[tuple[str, str], list[FigureClaim]] = {}
    for c in claims:
        out.setdefault((c.unit or "", fold_scope(c.scope)), []).append(c)
    return out


def _by_who(claims: list[FigureClaim], briefing: Briefing) -> dict[str, list[FigureClaim]]:
    """Claims by claimant, or by outlet where the text names no claimant."""
    out: dict[str, list[FigureClaim]] = {}
    for c in claims:
        who = fold_name(c.claimed_by) if c.claimed_by else _outlet(c, briefing)
        out.setdefault(who, []).append(c)
    return out


def _values(claims: list[FigureClaim]) -> set[tuple[object, ...]]:
    return {(c.value, c.low, c.high, c.qualifier, c.unit) for c in claims}


def _said(c: FigureClaim, briefing: Briefing) -> str:
    who = f"{c.claimed_by}, " if c.claimed_by else ""
    return f"{c.raw} ({who}{_outlet(c, briefing)})"


def _outlet(c: FigureClaim, briefing: Briefing) -> str:
    return briefing.sources[c.source - 1].article.shown_outlet


def _outlets(d: Development, briefing: Briefing) -> list[str]:
    return list(dict.fromkeys(briefing.sources[n - 1].article.shown_outlet for n in d.sources))

"""Merging across articles: one actor per person, figure groups, citation numbering."""

from __future__ import annotations

import pytest

from summarizer import ingest
from summarizer.merge import Citations, cluster_actors, display_name, merge
from summarizer.models import Actor, ArticleExtraction, Evidence, Figure
from summarizer.text.names import canonical_place, person_core


def _article(text: str, name: str) -> ingest.Article:
    """A hand-written article of the outlet ``name`` (a file name is never taken for one)."""
    return ingest.parse(text, f"{name}.txt", outlet=name)


def _evidence(article: ingest.Article, quote: str) -> Evidence:
    start = article.text.index(quote)
    return Evidence(article_id=article.id, start=start, end=start + len(quote), quote=quote)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("White House national security spokesperson John Kirby", "John Kirby"),
        ("U.S. Secretary of State Antony Blinken", "Antony Blinken"),
        ("President-elect Donald Trump", "Donald Trump"),
        ("Kim Jong-un", "Kim Jong-un"),
        ("Kirby", "Kirby"),
    ],
)
def test_person_core(name: str, expected: str) -> None:
    assert person_core(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("U.S.", "United States"),
        ("US", "United States"),
        ("the United States", "United States"),
        ("DPRK", "North Korea"),
        ("Pyongyang", None),
    ],
)
def test_canonical_place(name: str, expected: str | None) -> None:
    assert canonical_place(name) == expected


def _actors(*names: tuple[str, str]) -> list[tuple[str, Actor]]:
    text = " ".join(n for n, _ in names) + "."
    article = _article(text, "a")
    return [
        (article.id, Actor(name=n, kind=kind, evidence=[_evidence(article, n)]))  # type: ignore[arg-type]
        for n, kind in names
    ]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            [
                ("John Kirby", "person"),
                ("Kirby", "person"),
                ("White House national security spokesperson John Kirby", "person"),
            ],
            ["John Kirby"],
        ),
        (
            [
                ("Volodymyr Zelenskyy", "person"),
                ("Zelensky", "person"),
                ("Volodymyr Zelensky", "person"),
            ],
            ["Volodymyr Zelenskyy"],
        ),
        ([("Yoon Suk Yeol", "person"), ("Yoon", "person")], ["Yoon Suk Yeol"]),
        (
            [("U.S.", "country"), ("United States", "country"), ("US", "government")],
            ["United States"],
        ),
        (
            [("Kim Jong-un", "person"), ("Kim Yo-jong", "person"), ("Kim", "person")],
            ["Kim Jong-un", "Kim Yo-jong", "Kim"],
        ),  # an ambiguous surname is left apart
        ([("Joe Biden", "person"), ("Jill Biden", "person")], ["Joe Biden", "Jill Biden"]),
    ],
)
def test_actor_resolution(names: list[tuple[str, str]], expected: list[str]) -> None:
    groups = cluster_actors([a for _, a in _actors(*names)])
    assert sorted(display_name(g) for g in groups) == sorted(expected)


TEXT_A = "Kirby said over 1,000 troops were killed or wounded. Aid of £1 billion was announced."
TEXT_B = "John Kirby said more than 1,000 North Korean troops were killed or wounded. Aid of $1.25 billion."


def _figure(
    article: ingest.Article, quote: str, raw: str, value: float, unit: str | None, counted: str
) -> Figure:
    return Figure(
        raw=raw,
        value=value,
        unit=unit,
        counted=counted,
        qualifier="over",
        claimed_by="Kirby",
        evidence=[_evidence(article, quote)],
    )


def test_merge_groups_figures_and_never_converts_currencies() -> None:
    a, b = _article(TEXT_A, "a"), _article(TEXT_B, "b")
    xa = ArticleExtraction(
        article=a,
        model="m",
        prompt_version="p",
        actors=[Actor(name="Kirby", kind="person", evidence=[_evidence(a, "Kirby")])],
        figures=[
            _figure(a, "over 1,000 troops", "1,000", 1000, None, "troops killed or wounded"),
            _figure(a, "£1 billion", "£1 billion", 1e9, "GBP", "aid"),
        ],
    )
    xb = ArticleExtraction(
        article=b,
        model="m",
        prompt_version="p",
        actors=[Actor(name="John Kirby", kind="person", evidence=[_evidence(b, "John Kirby")])],
        figures=[
            _figure(
                b,
                "more than 1,000 North Korean troops",
                "1,000",
                1000,
                None,
                "North Korean troops killed or wounded",
            ),
            _figure(b, "$1.25 billion", "$1.25 billion", 1.25e9, "USD", "aid"),
        ],
    )
    merged = merge([xa, xb])
    assert [s.n for s in merged.sources] == [1, 2]
    assert [a.name for a in merged.actors] == ["John Kirby"]
    assert merged.actors[0].sources == [1, 2]
    groups = {(g.unit, g.counted): g for g in merged.figures}
    troops = next(g for g in merged.figures if g.unit is None)
    assert [c.source for c in troops.claims] == [1, 2] and troops.agree
    assert {c.claimed_by for c in troops.claims} == {"John Kirby"}  # the claimant is resolved too
    assert {("GBP", "aid"), ("USD", "aid")} <= set(groups)  # two groups, nothing converted
    for citation in merged.citations:
        article = a if citation.article_id == a.id else b
        assert article.text[citation.start : citation.end] == citation.quote
    assert [c.n for c in merged.citations] == list(range(1, len(merged.citations) + 1))


def test_the_same_span_is_cited_once() -> None:
    a = _article(TEXT_A, "a")
    book = Citations(sources={a.id: 1})
    first = book.cite(_evidence(a, "Kirby"))
    assert book.cite(_evidence(a, "Kirby")) == first == 1
    assert book.cite(_evidence(a, "troops")) == 2


def test_identical_development_lines_share_one_line() -> None:
    from summarizer.models import Event

    a = _article(TEXT_A, "a")
    events = [
        Event(summary="Aid was announced.", evidence=[_evidence(a, "Aid of £1 billion")]),
        Event(summary="aid was announced", evidence=[_evidence(a, "was announced")]),
    ]
    x = ArticleExtraction(article=a, model="m", prompt_version="p", events=events)
    (line,) = merge([x]).developments
    assert line.citations == [1, 2]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("North Korean troops killed or wounded", "North Korean soldiers killed or injured", True),
        ("military aid package", "military assistance", True),
        ("North Korean force", "North Korean deaths", False),
        ("British Storm Shadow missiles", "containers of military equipment", False),
    ],
)
def test_counted_things_match_through_synonyms(a: str, b: str, same: bool) -> None:
    from summarizer.merge import same_measure

    article = _article("x 1 y", "a")
    fa, fb = (_figure(article, "1", "1", 1, "people", c) for c in (a, b))
    assert same_measure(fa, fb) is same


# --- figure groups: scope, qualifiers, currencies (hand-written figures) ------------------------


def _claim_figure(
    article: ingest.Article,
    quote: str,
    value: float,
    *,
    measure: str = "North Korean casualties (killed or wounded)",
    unit: str = "people",
    scope: str | None = None,
    qualifier: str = "exact",
    unverified: bool = False,
) -> Figure:
    return Figure(
        raw=quote,
        value=value,
        unit=unit,
        counted="casualties",
        measure=measure,
        scope=scope,
        qualifier=qualifier,  # type: ignore[arg-type]
        claimed_by=None,
        unverified=unverified,
        evidence=[_evidence(article, quote)],
    )


def _two_sources(fa: list[tuple[str, dict[str, object]]], fb: list[tuple[str, dict[str, object]]]):  # type: ignore[no-untyped-def]
    # Both tell one story (merge/stories.py): figures are compared within a story only.
    story = " Storm Ciarán reached Cornwall."
    a = _article(" ".join(q for q, _ in fa) + "." + story, "a")
    b = _article(" ".join(q for q, _ in fb) + "." + story, "b")
    xs = [
        ArticleExtraction(
            article=art,
            model="m",
            prompt_version="p",
            figures=[_claim_figure(art, q, **kw) for q, kw in items],  # type: ignore[arg-type]
        )
        for art, items in ((a, fa), (b, fb))
    ]
    return merge(xs)


def test_values_that_differ_within_one_scope_are_a_disagreement() -> None:
    merged = _two_sources(
        [("1,000", {"value": 1000, "scope": "in one week"})],
        [("3,000", {"value": 3000, "scope": "in one week"})],
    )
    (group,) = merged.figures
    assert group.verdict == "differ" and not group.agree


def test_different_scopes_are_not_a_disagreement() -> None:
    merged = _two_sources(
        [("1,000", {"value": 1000, "scope": "in one week"})],
        [("3,000", {"value": 3000, "scope": "since August"})],
    )
    (group,) = merged.figures
    assert group.verdict == "different scopes" and group.agree
    assert [c.scope for c in group.claims] == ["in one week", "since August"]


def test_qualifiers_decide_agreement() -> None:
    merged = _two_sources(
        [("more than 1,000", {"value": 1000, "qualifier": "over"})],
        [("3,000", {"value": 3000})],
    )
    assert merged.figures[0].verdict == "agree"
    merged = _two_sources(
        [("up to 1,000", {"value": 1000, "qualifier": "up_to"})],
        [("3,000", {"value": 3000})],
    )
    assert merged.figures[0].verdict == "differ"


def test_currencies_sit_side_by_side_unconverted() -> None:
    money = {"measure": "military aid"}
    merged = _two_sources(
        [("£1 billion", {"value": 1e9, "unit": "GBP", **money})],
        [("$1.25 billion", {"value": 1.25e9, "unit": "USD", **money})],
    )
    (group,) = merged.figures
    assert group.verdict == "different units" and group.unit is None
    assert [(c.raw, c.unit, c.value) for c in group.claims] == [
        ("£1 billion", "GBP", 1e9),
        ("$1.25 billion", "USD", 1.25e9),
    ]


def test_one_source_repeating_a_value_is_one_claim_with_both_sentences() -> None:
    merged = _two_sources(
        [("500", {"value": 500}), ("500 again", {"value": 500, "unverified": True})],
        [],
    )
    (group,) = merged.figures
    (claim,) = group.claims
    assert len(claim.citations) == 2 and claim.unverified
    assert group.verdict == "one source"


# --- events across outlets (hand-written extractions) --------------------------------------------

KIRBY = {
    "a": "White House spokesperson John Kirby told reporters that North Korean troops suffered "
    "over 1,000 casualties in Kursk. Separately, a missile was launched.",
    "b": "John Kirby said at a briefing that North Korean casualties in Kursk passed 1,000.",
    "c": "Kirby briefed reporters: North Korean troop casualties in Kursk exceeded 1,000.",
}


def _event_extraction(name: str, quotes: list[tuple[str, str]]) -> ArticleExtraction:
    from summarizer.models import Event

    article = _article(KIRBY[name], name)
    kirby = "John Kirby" if "John Kirby" in article.text else "Kirby"
    return ArticleExtraction(
        article=article,
        model="m",
        prompt_version="p",
        actors=[Actor(name=kirby, kind="person", evidence=[_evidence(article, kirby)])],
        events=[
            Event(summary=summary, evidence=[_evidence(article, quote)])
            for quote, summary in quotes
        ],
    )


def test_one_event_told_by_three_outlets_is_one_development() -> None:
    xs = [
        _event_extraction(
            "a",
            [
                (
                    "North Korean troops suffered over 1,000 casualties in Kursk",
                    "Kirby says North Korean casualties in Kursk top 1,000.",
                ),
                ("a missile was launched", "A missile was launched."),
            ],
        ),
        _event_extraction(
            "b",
            [
                (
                    "North Korean casualties in Kursk passed 1,000",
                    "Kirby briefs on North Korean casualties.",
                )
            ],
        ),
        _event_extraction(
            "c",
            [
                (
                    "North Korean troop casualties in Kursk exceeded 1,000",
                    "North Korean casualties in Kursk exceed 1,000.",
                )
            ],
        ),
    ]
    for x in xs:  # every outlet is its own
        assert x.article.outlet in {"a", "b", "c"}
    briefing, missile = merge(xs).developments
    assert briefing.sources == [1, 2, 3] and not briefing.single_outlet
    assert briefing.actors == ["John Kirby"]
    assert len(briefing.citations) == 3
    assert missile.sources == [1] and missile.single_outlet


def test_two_points_of_one_article_are_never_folded_together() -> None:
    x = _event_extraction(
        "a",
        [
            ("North Korean troops suffered over 1,000 casualties in Kursk", "Casualties in Kursk."),
            (
                "John Kirby told reporters that North Korean troops suffered",
                "Casualties in Kursk reported.",
            ),
        ],
    )
    assert len(merge([x]).developments) == 2


def test_people_found_by_rule_complete_the_models_actors() -> None:
    from summarizer.extraction.people import with_people
    from summarizer.models import Statement

    text = "The Biden administration announced aid. As Biden proposes it, US officials agree."
    a = _article(text, "a")
    model = [
        Actor(
            name="Biden administration",
            kind="government",
            evidence=[_evidence(a, "Biden administration")],
        ),
        Actor(name="US officials", kind="government", evidence=[_evidence(a, "US officials")]),
    ]
    rule = [
        Actor(
            name="Biden",
            kind="person",
            aliases=["Biden administration"],
            evidence=[_evidence(a, "As Biden proposes it, US officials agree.")],
        )
    ]
    actors = with_people(model, rule)
    assert [x.name for x in actors] == ["Biden administration", "US officials", "Biden"]
    x = ArticleExtraction(
        article=a,
        model="m",
        prompt_version="p",
        actors=actors,
        statements=[
            Statement(
                speaker="Biden administration",
                text="announced aid",
                evidence=[_evidence(a, "The Biden administration announced aid.")],
            )
        ],
    )
    merged = merge([x])
    # Two entries ("US officials" is a collective, not listed): the administration is an
    # institution, never an alias of the person, though the finder offered it as one.
    administration, biden = merged.actors
    assert (administration.name, administration.kind) == ("Biden administration", "government")
    assert (biden.name, biden.kind, biden.aliases) == ("Biden", "person", [])
    assert merged.statements[0].speaker == "Biden administration"  # not put in Biden's mouth


def test_a_person_both_found_pools_evidence_and_keeps_the_models_role() -> None:
    from summarizer.extraction.people import with_people

    a = _article("Spokesperson John Kirby spoke. Kirby said more.", "a")
    model = [
        Actor(
            name="John Kirby",
            kind="person",
            role="spokesperson",
            evidence=[_evidence(a, "Spokesperson John Kirby")],
        )
    ]
    rule = [
        Actor(
            name="John Kirby",
            kind="person",
            role="Spokesperson",
            aliases=["Kirby"],
            evidence=[
                _evidence(a, "Spokesperson John Kirby spoke."),
                _evidence(a, "Kirby said more."),
            ],
        )
    ]
    (kirby,) = with_people(model, rule)
    assert kirby.role == "spokesperson" and kirby.aliases == ["Kirby"]
    assert len(kirby.evidence) == 3


def _one_event(text: str, name: str, who: str, summary: str) -> ArticleExtraction:
    """An article naming ``who``, with one event quoting its whole sentence."""
    from summarizer.models import Event

    art = _article(text, name)
    event = Event(
        summary=summary,
        actors=[who],
        evidence=[_evidence(art, art.text.rstrip("."))],
    )
    actor = Actor(name=who, kind="person", evidence=[_evidence(art, who)])
    return ArticleExtraction(
        article=art, model="m", prompt_version="p", actors=[actor], events=[event]
    )


def test_a_shared_name_alone_does_not_make_two_events_one() -> None:
    xs = [
        _one_event(
            "John Kirby said troops suffered casualties near the border.",
            "a",
            "John Kirby",
            "Kirby says troops suffered casualties.",
        ),
        _one_event(
            "John Kirby announced an aid package for the air force.",
            "b",
            "John Kirby",
            "Kirby announces an aid package.",
        ),
    ]
    assert [d.sources for d in merge(xs).developments] == [[1], [2]]


def test_the_same_words_about_different_people_are_two_developments() -> None:
    xs = [
        _one_event(
            f"{who} opened the market on Monday.",
            name,
            who,
            f"{who} opened the market on Monday.",
        )
        for name, who in (("a", "Rui Dias"), ("b", "Ivo Sa"))
    ]
    developments = merge(xs).developments
    assert [d.sources for d in developments] == [[1], [2]]
    assert [d.actors for d in developments] == [["Rui Dias"], ["Ivo Sa"]]


def test_a_telling_naming_no_one_does_not_bridge_two_people() -> None:
    """Hand-written: "Rui Dias" and "Ivo Sa" opened the market, and a third outlet says only
    that the market was opened; the third may join either, never both into one."""
    named = [
        _one_event(
            f"{who} opened the stock market on Monday morning.",
            name,
            who,
            f"{who} opened the stock market on Monday morning.",
        )
        for name, who in (("a", "Rui Dias"), ("c", "Ivo Sa"))
    ]
    art = _article("The stock market opened on Monday morning.", "b")
    from summarizer.models import Event

    bridge = ArticleExtraction(
        article=art,
        model="m",
        prompt_version="p",
        actors=[],
        events=[
            Event(
                summary="The stock market opened on Monday morning.",
                evidence=[_evidence(art, "The stock market opened on Monday morning")],
            )
        ],
    )
    developments = merge([named[0], bridge, named[1]]).developments
    assert len(developments) >= 2
    for d in developments:
        assert not {"Rui Dias", "Ivo Sa"} <= set(d.actors), d

"""The merge, story by story (hand-written articles and extractions; nothing recorded)."""

from __future__ import annotations

from summarizer import ingest
from summarizer.merge import merge
from summarizer.models import (
    ArticleExtraction,
    Event,
    Evidence,
    Figure,
    Statement,
)


def _evidence(article: ingest.Article, quote: str) -> Evidence:
    start = article.text.index(quote)
    return Evidence(article_id=article.id, start=start, end=start + len(quote), quote=quote)


def _extraction(text: str, name: str, events: list[str] = (), **more: object) -> ArticleExtraction:  # type: ignore[assignment]
    article = ingest.parse(text, f"{name}.txt")
    told = [Event(summary=e, evidence=[_evidence(article, e)]) for e in events]
    return ArticleExtraction(article=article, model="m", prompt_version="p", events=told, **more)  # type: ignore[arg-type]


STORM_A = (
    "Storm Ciarán hits Cornwall\n\nStorm Ciarán brought gusts of 100 mph to Cornwall on "
    "Thursday. The Met Office issued an amber warning for the Cornish coast."
)
STORM_B = (
    "Ciarán batters Cornwall\n\nThe Met Office said Storm Ciarán brought gusts of 99 mph to "
    "Cornwall. Thousands of Cornish homes were left without power."
)
MATCH = (
    "Arsenal beat Sevilla\n\nArsenal beat Sevilla 2-0 at the Emirates. Bukayo Saka scored "
    "twice for Arsenal."
)


def _day() -> list[ArticleExtraction]:
    return [
        _extraction(MATCH, "match", ["Arsenal beat Sevilla 2-0 at the Emirates."]),
        _extraction(
            STORM_A, "storm-a", ["Storm Ciarán brought gusts of 100 mph to Cornwall on Thursday."]
        ),
        _extraction(
            STORM_B,
            "storm-b",
            ["The Met Office said Storm Ciarán brought gusts of 99 mph to Cornwall."],
        ),
    ]


def test_stories_are_ranked_by_outlets_and_sources_are_numbered_story_by_story() -> None:
    merged = merge(_day())
    first, second = merged.stories
    assert (first.rank, first.outlets, first.articles, first.single_outlet) == (1, 2, 2, False)
    assert (second.outlets, second.single_outlet) == (1, True)
    # The storm, told by two outlets, comes first; its sources are numbered 1 and 2.
    assert first.sources == [1, 2] and second.sources == [3]
    assert [s.article.path for s in merged.sources] == ["storm-a.txt", "storm-b.txt", "match.txt"]


def test_developments_merge_within_a_story_and_say_why() -> None:
    merged = merge(_day())
    storm = merged.stories[0]
    (development,) = [d for d in merged.developments if d.id in storm.developments]
    assert development.sources == [1, 2]
    first, other = development.tellings
    assert (first.joined, other.joined) == ("first", "words")
    assert "gust" in other.why and other.text.startswith("The Met Office said")
    # The headline, with no summary, is the best-attested development.
    assert storm.headline.text == development.text


def test_figures_of_different_stories_are_never_compared() -> None:
    """Hand-written: '12' counted in two unrelated stories is not a disagreement."""
    a = _extraction(STORM_A, "a")
    b = _extraction(MATCH, "b")
    for x, quote in ((a, "100 mph"), (b, "2-0")):
        x.figures.append(
            Figure(
                raw=quote,
                value=1.0 if x is a else 2.0,
                unit="items",
                counted="things",
                evidence=[_evidence(x.article, quote)],
            )
        )
    merged = merge([a, b])
    assert len(merged.figures) == 2
    assert {g.verdict for g in merged.figures} == {"one source"}


def test_the_same_words_from_one_source_under_two_names_are_listed_once() -> None:
    text = "Budget vote\n\nJoe Biden spoke. “We will pass it,” Biden said on Monday."
    article = ingest.parse(text, "a.txt")
    said = _evidence(article, "“We will pass it,”")
    x = ArticleExtraction(
        article=article,
        model="m",
        prompt_version="p",
        statements=[
            Statement(speaker="Joe Biden", text=said.quote, evidence=[said]),
            Statement(speaker="Biden", text=said.quote, evidence=[said]),
            Statement(
                speaker="unknown",
                text="Joe Biden spoke.",
                evidence=[_evidence(article, "Joe Biden spoke.")],
            ),
        ],
    )
    merged = merge([x])
    assert [(s.speaker, s.text) for s in merged.statements] == [("Joe Biden", said.quote)]
    assert merged.stories[0].statements == [merged.statements[0].id]


def test_a_story_with_nothing_extracted_is_headlined_by_its_first_sentence() -> None:
    merged = merge([_extraction(MATCH, "match")])
    (story,) = merged.stories
    citation = merged.citations[story.headline.citations[0] - 1]
    assert story.headline.text == "Arsenal beat Sevilla"
    assert citation.quote == "Arsenal beat Sevilla"


def test_an_untitled_story_with_nothing_extracted_is_headlined_by_its_first_sentence() -> None:
    """Found by review: the file path was the headline."""
    text = "Storm Ciaran hit Cornwall on Thursday with strong winds. Thousands lost power.\n"
    merged = merge([_extraction(text, "storm-report")])
    (story,) = merged.stories
    assert story.headline.text == "Storm Ciaran hit Cornwall on Thursday with strong winds."


# Hand-written, a markets story told by three outlets in their own words.
SHARES_A = (
    "Volta shares plunge\n\nShares in carmaker Volta fell 18% on Tuesday after it cut its "
    "sales forecast. Volta now expects to sell 1.2 million cars this year."
)
SHARES_B = (
    "Volta warns on sales\n\nVolta lowered its outlook for the year, sending its stock down "
    "18% in Frankfurt. The chief executive, Lena Kraus, blamed weak demand in China."
)
SHARES_C = (
    "Investors dump Volta\n\nA sell-off wiped 18% off Volta's market value. Analysts had "
    "expected a weaker quarter from the carmaker."
)


def _with_figure(x: ArticleExtraction, raw: str, counted: str) -> ArticleExtraction:
    sentence = next(e.evidence[0] for e in x.events if raw in e.summary)
    x.figures.append(
        Figure(raw=raw, value=18.0, unit="percent", counted=counted, evidence=[sentence])
    )
    return x


def _volta() -> list[ArticleExtraction]:
    a = _extraction(
        SHARES_A,
        "a",
        [
            "Shares in carmaker Volta fell 18% on Tuesday after it cut its sales forecast.",
            "Volta now expects to sell 1.2 million cars this year.",
        ],
    )
    b = _extraction(
        SHARES_B,
        "b",
        [
            "Volta lowered its outlook for the year, sending its stock down 18% in Frankfurt.",
            "The chief executive, Lena Kraus, blamed weak demand in China.",
        ],
    )
    c = _extraction(SHARES_C, "c", ["A sell-off wiped 18% off Volta's market value."])
    return [
        _with_figure(a, "18%", "Volta shares"),
        _with_figure(b, "18%", "Volta shares"),
        _with_figure(c, "18%", "Volta shares"),
    ]


def test_one_development_told_in_three_wordings_is_joined_by_its_figure() -> None:
    """'fell 18%', 'sending its stock down 18%', 'wiped 18% off its market value': the words
    barely meet, the figure group they all give does; the other points stay apart."""
    merged = merge(_volta())
    fall, *others = merged.developments
    assert fall.sources == [1, 2, 3] and not fall.single_outlet
    assert all("gives the figure Volta shares" in t.why for t in fall.tellings[1:])
    assert [d.sources for d in others] == [[1], [2]]
    (group,) = merged.figures
    assert fall.figures == [group.id]


def test_the_development_shows_each_sources_value_side_by_side_once() -> None:
    from summarizer.pipeline import assemble
    from summarizer.render import to_markdown

    markdown = to_markdown(assemble(_volta(), [], date="2026-11-23", timing=False))
    (line,) = [x for x in markdown.splitlines() if "as given" in x]
    assert line.strip().startswith("- Volta shares, as given: 18% (source 1)")
    assert "18% (source 2)" in line and "18% (source 3)" in line


def test_a_figure_that_says_nothing_of_what_it_counts_joins_nothing() -> None:
    """The fallback labels ('quantity', 'share') say what kind of number it is, not what it
    counts: two unrelated tellings giving such a number stay two developments."""
    a = _extraction(SHARES_A, "a", ["Volta now expects to sell 1.2 million cars this year."])
    b = _extraction(
        SHARES_B, "b", ["The chief executive, Lena Kraus, blamed weak demand in China."]
    )
    for x in (a, b):
        x.figures.append(
            Figure(raw="1", value=1.0, unit=None, counted="quantity", evidence=x.events[0].evidence)
        )
    assert [d.sources for d in merge([a, b]).developments] == [[1], [2]]


def test_a_source_that_gives_only_the_figure_tells_the_development_in_that_sentence() -> None:
    """Outlet d's extraction holds no event, only its value of the fall: d still reports the
    fall, and its telling is the sentence that gives the value, marked as joined by it."""
    text = "Volta slides\n\nVolta's shares closed 18% lower. It was their worst day since 2008."
    d = _extraction(text, "d")
    sentence = _evidence(d.article, "Volta's shares closed 18% lower.")
    d.figures.append(
        Figure(raw="18%", value=18.0, unit="percent", counted="Volta shares", evidence=[sentence])
    )
    fall = merge([*_volta(), d]).developments[0]
    assert fall.sources == [1, 2, 3, 4]
    last = fall.tellings[-1]
    assert (last.source, last.joined) == (4, "figure")
    assert last.text == "Volta's shares closed 18% lower."
    assert last.why == "gives the figure Volta shares"


def test_a_figure_two_developments_give_brings_no_source_to_either() -> None:
    """Outlets a and b give the figure in two developments that did not join (their words
    are not ``NEAR`` alike): which one d's value belongs to is not known, so d joins
    neither."""
    a, _, _ = _volta()
    other = (
        "Volta shares slide after sales forecast cut\n\nTraders marked the stock 18% lower "
        "before noon. Volta, the carmaker, cut its sales forecast on Tuesday."
    )
    b = _with_figure(
        _extraction(other, "b", ["Traders marked the stock 18% lower before noon."]),
        "18%",
        "Volta shares",
    )
    text = "Volta slides\n\nVolta's shares closed 18% lower. It was their worst day since 2008."
    d = _extraction(text, "d")
    sentence = _evidence(d.article, "Volta's shares closed 18% lower.")
    d.figures.append(
        Figure(raw="18%", value=18.0, unit="percent", counted="Volta shares", evidence=[sentence])
    )
    developments = merge([a, b, d]).developments
    assert all(3 not in x.sources for x in developments)


def test_a_figure_in_a_tellings_later_span_is_context_and_joins_nothing() -> None:
    """The model cited the next sentence too ("...sending its stock down 18%"): the chief
    executive's blame does not give the fall's figure, and b tells the fall in the sentence
    that does."""
    a, b, _ = _volta()
    blame, outlook = (e.evidence[0] for e in reversed(b.events))
    b.events = [Event(summary=blame.quote, evidence=[blame, outlook])]
    fall, *others = merge([a, b]).developments
    assert fall.sources == [1, 2]
    assert fall.tellings[1].joined == "figure" and fall.tellings[1].text == outlook.quote
    (kraus,) = [d for d in others if "Kraus" in d.text]
    assert kraus.figures == [] and kraus.sources == [2]


def test_a_headline_is_no_development_when_the_body_tells_its_facts() -> None:
    """A headline sums the article up; its body tells each fact with its details. An article
    whose only event is its headline keeps it."""
    a, b, c = _volta()
    title = "Volta shares plunge"
    a.events.insert(0, Event(summary=title, evidence=[_evidence(a.article, title)]))
    assert a.article.title == title
    only = "Investors dump Volta"
    c.events = [Event(summary=only, evidence=[_evidence(c.article, only)])]
    c.figures = []  # c tells nothing but its headline (not the fall by its figure either)
    texts = [d.text for d in merge([a, b, c]).developments]
    assert title not in texts
    assert "Investors dump Volta" in texts


def test_a_headline_whose_source_tells_the_story_by_its_figures_is_no_development() -> None:
    """Outlet d's extraction holds its headline alone; its body gives the fall's value, so d
    tells the fall by that figure, and its headline only sums it up."""
    title = "A grim day for the markets"
    text = f"{title}\n\nVolta's shares closed 18% lower. It was their worst day since 2008."
    d = _extraction(text, "d", [title])
    assert d.article.title == title
    sentence = _evidence(d.article, "Volta's shares closed 18% lower.")
    d.figures.append(
        Figure(raw="18%", value=18.0, unit="percent", counted="Volta shares", evidence=[sentence])
    )
    developments = merge([*_volta(), d]).developments
    assert title not in [t.text for x in developments for t in x.tellings]
    assert developments[0].sources == [1, 2, 3, 4]
    # With no figure, the headline is all d tells: it stays a development.
    d.figures.clear()
    assert title in [x.text for x in merge([*_volta(), d]).developments]


OIL = (
    "Oil climbs as OPEC trims output\n\n"
    "Oil prices jumped after OPEC agreed to cut production. Airlines warned of dearer fares. "
    "Gold slipped to a two-week low.\n\n"
    "Brent crude jumped 3% to $84 a barrel on Monday, after OPEC agreed in Vienna to cut "
    "production by a million barrels a day.\n\n"
    "Several airlines said that fuel costs would make fares dearer this winter.\n\n"
    "The cartel meets again in June."
)
OIL_BODY = [
    "Brent crude jumped 3% to $84 a barrel on Monday, after OPEC agreed in Vienna to cut "
    "production by a million barrels a day.",
    "Several airlines said that fuel costs would make fares dearer this winter.",
    "The cartel meets again in June.",
]


def test_a_standfirst_point_the_body_tells_again_is_no_development() -> None:
    """The paragraph after the title sums the body up point by point; the body tells the
    oil price and the fares again, with details, so those two points of the standfirst are
    repeats. The gold price, which the body does not tell, stays."""
    lead = [
        "Oil prices jumped after OPEC agreed to cut production.",
        "Airlines warned of dearer fares.",
        "Gold slipped to a two-week low.",
    ]
    texts = [x.text for x in merge([_extraction(OIL, "oil", [*lead, *OIL_BODY])]).developments]
    assert texts == [lead[2], *OIL_BODY]


def test_a_one_sentence_lede_stays_a_development_though_the_body_tells_more() -> None:
    """A wire lede of one sentence is the news itself, not a standfirst."""
    lede = "Oil prices jumped after OPEC agreed to cut production."
    text = OIL.replace(
        "Oil prices jumped after OPEC agreed to cut production. Airlines warned of dearer "
        "fares. Gold slipped to a two-week low.",
        lede,
    )
    texts = [x.text for x in merge([_extraction(text, "oil", [lede, *OIL_BODY])]).developments]
    assert texts == [lede, *OIL_BODY]


MARKET = (
    "Volta shares slide\n\nShares in the carmaker Volta fell 18% in Frankfurt on Tuesday. "
    "“We expect a hard year for every carmaker in Europe,” chief executive Ana Sousa said. "
    "The company said its “difficult” quarter ended with lower sales in Asia."
)


def _market(statements: list[Statement]) -> ArticleExtraction:
    article = ingest.parse(MARKET, "market.txt", outlet="Daily Markets")
    events = [
        "Shares in the carmaker Volta fell 18% in Frankfurt on Tuesday.",
        "“We expect a hard year for every carmaker in Europe,” chief executive Ana Sousa said.",
        "The company said its “difficult” quarter ended with lower sales in Asia.",
    ]
    told = [Event(summary=e, evidence=[_evidence(article, e)]) for e in events]
    said = [
        Statement(speaker="Ana Sousa", text=q, evidence=[_evidence(article, q)]) for q in statements
    ]
    return ArticleExtraction(
        article=article, model="m", prompt_version="p", events=told, statements=said
    )


def test_a_sentence_that_is_mostly_a_quote_the_statements_hold_is_no_development() -> None:
    """Hand-written market copy: what the chief executive said is under who says what; as a
    development too it would be listed twice. A sentence with a quoted word stays."""
    quote = "“We expect a hard year for every carmaker in Europe,”"
    merged = merge([_market([quote])])
    texts = [d.text for d in merged.developments]
    assert texts == [
        "Shares in the carmaker Volta fell 18% in Frankfurt on Tuesday.",
        "The company said its “difficult” quarter ended with lower sales in Asia.",
    ]
    assert [s.speaker for s in merged.statements] == ["Ana Sousa"]
    # No statement holds the quote (the model missed it): the sentence stays a development,
    # so nothing the article says is lost.
    assert len(merge([_market([])]).developments) == 3


def test_a_few_words_every_telling_uses_join_no_development() -> None:
    """A live run's events (tests/data/live_seed_events.json): "Ukrainian forces are
    struggling to maintain control in ... Kursk" shares only "Ukrainian", "forces" and
    "Kursk" with "8,000 North Korean soldiers ... against Ukrainian troops in Kursk, ... 80%
    of a force of 10,000" (cosine 0.225 in that run), and became the headline of the troop
    numbers. Without a shared figure or person, words alone join at JOIN_WORDS."""
    import json

    from tests.support.helpers import ROOT, SEEDS

    data = json.loads((ROOT / "tests" / "data" / "live_seed_events.json").read_text("utf-8"))
    xs = [
        _extraction((SEEDS / name).read_text(encoding="utf-8"), name.removesuffix(".txt"), quotes)
        for name, quotes in data["events"].items()
    ]
    for d in merge(xs).developments:
        texts = [t.text for t in d.tellings]
        struggling = any("struggling to maintain control" in t for t in texts)
        assert not (struggling and any("8,000 North Korean soldiers" in t for t in texts)), texts


# Hand-written: one outlet tells the rate decision in two sentences, the second going on with
# the first ("This cut ..."); another tells it in one, in words close to the second's.
BANK_A = (
    "Kesta central bank cuts rates\n\nThe Kesta central bank cut its main rate to 3.5% on "
    "Tuesday. This cut should lower mortgage costs for households within months.\n\n"
    "Volta's shares rose 2% after the news."
)
BANK_B = (
    "Rates fall in Kesta\n\nLower mortgage costs for households are expected within months "
    "after the central bank's cut, economists said."
)


def test_a_sentence_that_goes_on_with_the_one_before_is_the_same_development() -> None:
    merged = merge(
        [
            _extraction(
                BANK_A,
                "bank-a",
                [
                    "The Kesta central bank cut its main rate to 3.5% on Tuesday.",
                    "This cut should lower mortgage costs for households within months.",
                    "Volta's shares rose 2% after the news.",
                ],
            ),
            _extraction(
                BANK_B,
                "bank-b",
                [
                    "Lower mortgage costs for households are expected within months after "
                    "the central bank's cut, economists said."
                ],
            ),
        ]
    )
    texts = [[t.text for t in d.tellings] for d in merged.developments]
    (cut,) = [d for d in merged.developments if d.text.startswith("The Kesta central bank")]
    assert cut.sources == [1, 2], texts
    assert "goes on in its next sentence: “This cut should" in cut.tellings[0].why
    # The continuation's span is cited; no development of its own repeats the cut.
    assert not any(d.text.startswith("This cut") for d in merged.developments)
    # A sentence that does not refer back stays a development of its own.
    assert any(d.text.startswith("Volta's shares rose") for d in merged.developments)


def test_a_sentence_that_goes_on_with_one_no_event_holds_is_told_with_it() -> None:
    """Hand-written: the model extracted only "This cut ..." from the first article; told
    alone, "This cut" says nothing of which. It is told with the sentence before it, whose
    words then count: it joins the other outlet's telling of the rate cut."""
    other = (
        "Kesta lowers its main rate\n\nThe Kesta central bank cut its main rate to 3.5% on "
        "Tuesday, its first cut in four years.\n\nVolta's shares rose 2% after the news."
    )
    merged = merge(
        [
            _extraction(
                BANK_A,
                "bank-a",
                ["This cut should lower mortgage costs for households within months."],
            ),
            _extraction(
                other,
                "bank-c",
                [
                    "The Kesta central bank cut its main rate to 3.5% on Tuesday, its first cut in four years."
                ],
            ),
        ]
    )
    (d,) = merged.developments
    assert d.sources == [1, 2]
    (told,) = [t for t in d.tellings if t.source == 1]
    assert told.text.startswith(
        "The Kesta central bank cut its main rate to 3.5% on Tuesday. This cut"
    )
    assert "told with the sentence before" in told.why
    cited = {merged.citations[n - 1].quote for n in told.citations}
    assert "The Kesta central bank cut its main rate to 3.5% on Tuesday." in cited


def test_a_story_of_one_article_names_its_source_in_the_singular() -> None:
    from summarizer.pipeline import assemble
    from summarizer.render import to_markdown

    markdown = to_markdown(assemble(_day(), [], date="2026-11-23", timing=False))
    assert "*2 articles, 0 outlets named (sources 1, 2)*" in markdown
    assert "*1 article, 0 outlets named (source 3)*" in markdown


def test_a_development_told_on_two_days_is_shown_in_its_latest_words() -> None:
    """Hand-written, after the recorded asteroid story: the Monday telling and Thursday's
    update of one flood warning are one development, shown in Thursday's words first."""
    monday = (
        "River Kesta flood warning\nMay 25, 2009\n\nThe River Kesta flood warning for Lisbon "
        "was raised to the highest level on Monday."
    )
    thursday = (
        "Kesta flood warning lifted\nMay 28, 2009\n\nThe River Kesta flood warning for Lisbon "
        "was lowered to the lowest level on Thursday."
    )
    a = _extraction(
        monday,
        "monday",
        ["The River Kesta flood warning for Lisbon was raised to the highest level on Monday."],
    )
    b = _extraction(
        thursday,
        "thursday",
        ["The River Kesta flood warning for Lisbon was lowered to the lowest level on Thursday."],
    )
    assert (a.article.published, b.article.published) == ("2009-05-25", "2009-05-28")
    for order in ([a, b], [b, a]):
        (d,) = merge(order).developments
        assert d.text.endswith("lowered to the lowest level on Thursday.")
        assert [t.text.split()[-1] for t in d.tellings] == ["Thursday.", "Monday."]


def test_the_sentence_a_telling_goes_on_with_is_never_cited_over_boilerplate() -> None:
    """Hand-written: a hidden comment inside the sentence before is not cited with it."""
    text = (
        "Kesta cuts rates\n\nThe Kesta central bank cut its main rate <!-- ad slot --> to 3.5% "
        "on Tuesday. This cut should lower mortgage costs for households within months."
    )
    x = _extraction(
        text, "bank", ["This cut should lower mortgage costs for households within months."]
    )
    merged = merge([x])
    article = merged.sources[0].article
    assert article.in_boilerplate(text.index("<!--"), text.index("-->") + 3)
    (d,) = merged.developments
    for n in d.citations:
        c = merged.citations[n - 1]
        assert not article.in_boilerplate(c.start, c.end) and text[c.start : c.end] == c.quote
    assert len(d.citations) == 2  # the sentence before, from after the comment, and its own

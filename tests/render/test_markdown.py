"""Markdown rendering: sections, citations on every line, neutrality, escaping."""

from __future__ import annotations

import re
from pathlib import Path

from summarizer import ingest, pipeline
from summarizer.llm import LLM
from summarizer.models import Briefing, FigureClaim, FigureGroup
from summarizer.render import to_html, to_markdown
from summarizer.render.lines import figure_section, group_label, verdict
from summarizer.text.neutral import loaded_in_html, loaded_outside_quotes
from tests.support.answers import PATHS, REPLY_002, REPLY_003
from tests.support.briefings import CannedModel
from tests.support.fake_model import FakeServer, actor, event, label, labels, reply


def test_markdown_has_every_section(briefing: Briefing) -> None:
    markdown = to_markdown(briefing)
    assert markdown.startswith("# News briefing, 2026-11-23\n")
    headings = re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE)
    assert headings == [
        "Stories",
        "Who's who",
        "What the sources disagree on or could not verify",
        "Sources",
        "Citations",
        "How this briefing was made",
    ]


def test_every_news_line_cites_and_every_citation_resolves(briefing: Briefing) -> None:
    markdown = to_markdown(briefing)
    assert re.findall(r"^\*\*(.+)\*\*$", markdown, flags=re.MULTILINE)[:3] == [
        "Developments",
        "Figures that differ without conflict: different periods, places or measures",
        "Figures from one source",
    ]
    body = markdown.split("## Sources")[0].split("## Stories")[1]
    for line in body.splitlines():
        if (
            line.startswith(("- ", "  - ")) and not line.startswith("- **")
        ) or "according to" in line:
            assert re.search(r"\[\d+\]$", line), line
    texts = {s.article.id: s.article.text for s in briefing.sources}
    for c in briefing.citations:
        assert texts[c.article_id][c.start : c.end] == c.quote
        assert f"- [{c.n}] source {c.source}" in markdown


def test_figures_show_claimant_scope_and_unverified(briefing: Briefing) -> None:
    markdown = to_markdown(briefing)
    assert (
        "8,000, scope not stated, according to Antony Blinken (source 1, unknown outlet)"
        in markdown
    )
    # Settled by rule (the units are in the text), so no model label names a claimant the
    # rules did not find: the article is credited.
    assert "10,000, since early August, according to the article in rfa.org" in markdown
    assert "1,200, per day, according to Antony Blinken" in markdown  # "They noted": the text wins
    assert (
        "500, according to the article in rfa.org (source 2, rfa.org) — **unverified**, the "
        "article says [7][8]" in markdown
    )
    assert "12, last week, according to the article in rfa.org" in markdown


def test_the_author_bio_and_clutter_never_appear(briefing: Briefing) -> None:
    markdown = to_markdown(briefing)
    assert "Elena Martinez" not in markdown.split("## Sources")[0]
    assert "Smiley face" not in markdown


def test_briefing_is_neutral(briefing: Briefing) -> None:
    assert loaded_outside_quotes(to_markdown(briefing)) == []
    assert loaded_in_html(to_html(briefing)) == []


def test_the_check_fails_a_briefing_with_loaded_words(briefing: Briefing) -> None:
    first = briefing.actors[0]
    first.roles = ["staggering liar"]  # as a careless model might label someone
    assert loaded_outside_quotes(to_markdown(briefing)) == ["staggering"]
    assert loaded_in_html(to_html(briefing)) == ["staggering"]


def test_markdown_escapes_article_text(fake_llm: LLM, server: FakeServer, tmp_path: object) -> None:
    # (HTML tags are set aside on ingest, so the specials here are Markdown's own.)
    article = ingest.parse("Rebels said 12 *drones* hit [the] base, < 5 km `away`.\n", "x.txt")
    body = reply(
        actors=[actor("Rebels", "armed_force")],
        events=[event(1)],
    )
    server.enqueue(
        body,
        labels(label("12", "items", claimed_by="Rebels"), label("5 km", "other", is_figure=False)),
    )
    from summarizer.extraction import extract
    from summarizer.pipeline import assemble

    markdown = to_markdown(assemble([extract(article, fake_llm)], []))
    assert "12 \\*drones\\* hit \\[the\\] base, \\< 5 km \\`away\\`" in markdown


def test_vague_figures_show_their_conservative_bound(fake_llm: LLM, server: FakeServer) -> None:
    from summarizer.extraction import extract
    from summarizer.pipeline import assemble

    article = ingest.parse("Kirby said thousands of soldiers were hurt.\n", "v.txt")
    server.enqueue(reply(actors=[actor("Kirby")], events=[event(1)]))  # "of soldiers": by rule
    markdown = to_markdown(assemble([extract(article, fake_llm)], []))
    assert not server.queue
    assert "thousands (at least 1,000), according to Kirby" in markdown


def test_same_input_gives_the_same_bytes_and_ids(fake_llm: LLM, server: FakeServer) -> None:
    runs = []
    for _ in range(2):
        server.enqueue(REPLY_002, REPLY_003)
        runs.append(pipeline.brief(PATHS, llm=fake_llm, date="2026-11-23", timing=False))
    assert runs[0].to_json() == runs[1].to_json()
    assert to_html(runs[0]) == to_html(runs[1])
    assert runs[0].run.timing is None and "generated" not in to_markdown(runs[0])
    ids = [x.id for x in (*runs[0].developments, *runs[0].actors, *runs[0].figures)]
    assert len(ids) == len(set(ids)) and all(i[:2] in ("e-", "a-", "f-") for i in ids)


def _hostile_names(tmp_path: Path) -> Briefing:
    """An article whose file name holds a line break and a backtick, whose title holds a bidi
    override, briefed from a hand-written answer."""
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "a`b\n- c.txt"
    path.write_text("\u202eevil\u202c port news\nAna Lima opened the port on Monday.\n")
    answer = reply(
        actors=[actor("Ana Lima")],
        events=[event(2)],
    )
    return pipeline.brief([folder], llm=CannedModel(answer), date="2026-11-23", timing=False)


def test_file_names_cannot_break_the_list_or_the_code_span(tmp_path: Path) -> None:
    markdown = to_markdown(_hostile_names(tmp_path))
    sources = markdown.split("## Sources\n\n")[1].split("\n\n")[0].splitlines()
    assert len(sources) == 1 and sources[0].startswith("1. ")
    assert "``" in sources[0] and "a`b\\n- c.txt``" in sources[0]  # one span, the break shown


def test_bidi_controls_are_not_printed(tmp_path: Path) -> None:
    briefing = _hostile_names(tmp_path)
    for page in (to_markdown(briefing), to_html(briefing)):
        assert "\u202e" not in page and "\u202c" not in page
        assert "evil port news" in page


def test_an_entity_in_source_text_is_shown_as_written_not_as_its_character() -> None:
    from summarizer.render.markdown import MarkdownStyle

    assert MarkdownStyle().esc("Acme &rlm;Corp") == "Acme \\&rlm;Corp"  # not U+200F


def test_the_header_counts_only_the_outlets_named(briefing: Briefing) -> None:
    # Seed 002 names no outlet, 003 names rfa.org: two sources, one outlet.
    assert [s.article.outlet for s in briefing.sources] == [None, "rfa.org"]
    markdown = to_markdown(briefing)
    assert "· 2 sources, 1 outlet named ·" in markdown
    assert "2 articles, 1 outlet named (rfa.org; sources 1, 2)" in markdown
    assert "1. **unknown outlet**" in markdown  # the source list; never the file's name
    assert "002_9e14d8b332cb9dc9 (" not in markdown and "(002_9e14d8b332cb9dc9)" not in markdown


def _claim(source: int, scope: str | None, raw: str = "10", value: float = 10.0) -> FigureClaim:
    return FigureClaim(
        source=source,
        raw=raw,
        value=value,
        low=None,
        high=None,
        qualifier="exact",
        unit="people",
        scope=scope,
        claimed_by=None,
        unverified=False,
        citations=[1],
    )


def _group(counted: str, verdict: str, *claims: FigureClaim) -> FigureGroup:
    return FigureGroup(
        id="g", counted=counted, unit="people", claims=list(claims), agree=True, verdict=verdict
    )


def test_each_figure_group_is_under_the_heading_that_says_what_it_holds() -> None:
    """Hand-made groups: a group of one source is never under "the sources give differently",
    and a number whose words say nothing of what it counts is told apart."""
    one = _group("runs", "different scopes", _claim(1, "first day"), _claim(1, None))
    assert figure_section(one) == "one source" and verdict(one) == ""
    two = _group("runs", "different scopes", _claim(1, "first day"), _claim(2, "second day"))
    assert figure_section(two) == "scopes"
    assert verdict(two) == "no conflict: different periods or places"
    differ = _group("runs", "differ", _claim(1, None), _claim(2, None, "12", 12.0))
    assert (figure_section(differ), verdict(differ)) == ("differ", "sources differ")
    unnamed = _group("quantity", "different scopes", _claim(1, None), _claim(2, "2004"))
    assert figure_section(unnamed) == "unnamed" and group_label(unnamed) == "number"


def test_no_pipeline_word_reaches_the_reader(briefing: Briefing) -> None:
    for claim_ in (c for g in briefing.figures for c in g.claims):
        claim_.labelled = False
    markdown = to_markdown(briefing)
    news = markdown.split("## Sources")[0]  # the sources and the method may say "model call"
    for word in ("labelled", "model", "quantity"):
        assert word not in news.lower(), word
    assert "what it counts is unclear; see the quoted words" in markdown


def test_who_tells_something_counts_sources_not_outlets_when_one_is_unknown(
    briefing: Briefing,
) -> None:
    from summarizer.render.lines import told_by

    unnamed, named = briefing.sources
    again = named.model_copy(update={"n": 3})  # a second article of rfa.org
    sources = [unnamed, named, again]
    assert told_by([2, 3], sources) == "one outlet only (rfa.org)"
    assert told_by([1, 2, 3], sources) == "3 sources: rfa.org; source 1 (outlet unknown)"
    assert told_by([1], sources) == "one source only (source 1, outlet unknown)"


def test_the_same_words_quoted_by_two_sources_are_one_line_naming_both() -> None:
    from summarizer.models import AttributedStatement
    from summarizer.render.lines import PlainStyle, who_says_what

    said = [
        AttributedStatement(
            id="s1",
            speaker="Ana Sousa",
            source=1,
            citations=[3],
            text="“It is clear that every carmaker in Europe faces a hard year,”",
        ),
        AttributedStatement(
            id="s2",
            speaker="Ana Sousa",
            source=4,
            citations=[9],
            text="It is clear every carmaker in Europe faces a hard year.",
        ),
        AttributedStatement(
            id="s3",
            speaker="Ana Sousa",
            source=4,
            citations=[10],
            text="Sales in Asia will recover next spring.",
        ),
    ]
    (line,) = who_says_what(said, PlainStyle())
    assert line.split("\n") == [
        "Ana Sousa",
        "“It is clear that every carmaker in Europe faces a hard year,” (sources 1, 4) [3][9]",
        "“Sales in Asia will recover next spring.” (source 4) [10]",
    ]

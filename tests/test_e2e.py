"""End to end over the seeds, replaying a cassette recorded from a real model server.

The cassette was recorded from llama-cpp-python's server running Qwen2.5-Coder-1.5B-Instruct
Q4_K_M on 127.0.0.1 (see README, "Re-recording the cassettes"). Requests are matched on their
body, so any change to a prompt or a schema makes this test fail until it is re-recorded.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import vcr

from summarizer import ModelError, Settings, evaluate, summaries
from summarizer.figures import mentions
from summarizer.lead import LeadSentence, facts_of
from summarizer.llm import LLM
from summarizer.models import ArticleExtraction, Briefing
from summarizer.pipeline import add_lead, add_stories, assemble, extract_all
from summarizer.render import to_html, to_markdown
from summarizer.text.neutral import loaded_in_html, loaded_outside_quotes
from summarizer.text.sentences import refers_back
from tests.support.cassettes import body_untagged
from tests.support.excerpt import block_of, excerpt, replace_in
from tests.support.helpers import ROOT, SEEDS

RECORDED_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"
# Replay ignores host and port; recording uses this server (or SUMMARIZER_RECORD_BASE_URL).
BASE_URL = os.environ.get("SUMMARIZER_RECORD_BASE_URL", "http://127.0.0.1:8765/v1")
GOLD = ROOT / "tests" / "data" / "gold_figures.json"


@contextmanager
def _cassette(
    request: pytest.FixtureRequest, vcr_config: dict[str, Any], name: str
) -> Iterator[Settings]:
    """Replay (or record) one cassette; yields the settings of the recorded model.

    --record-mode=rewrite re-records every cassette here; --record-mode=once records only the
    cassettes that are missing, so deleting one file re-records just that one."""
    mode = request.config.getoption("--record-mode") or "none"
    cassette_path = ROOT / "cassettes" / "test_e2e" / name
    if mode == "rewrite":
        cassette_path.unlink(missing_ok=True)
        mode = "once"
    config = dict(vcr_config)
    playback = {"allow_playback_repeats": config.pop("allow_playback_repeats")}
    recorder = vcr.VCR(**config, record_mode=mode)
    recorder.register_matcher("body_untagged", body_untagged)
    replaying = mode == "none" or cassette_path.exists()
    settings = Settings(
        base_url=BASE_URL,
        model=RECORDED_MODEL,
        api_key="sk-test-not-a-real-key",
        transport_retries=0 if replaying else 3,  # a stale cassette fails at once
    )
    with recorder.use_cassette(str(cassette_path), **playback) as cassette:
        try:
            yield settings
        except ModelError as exc:
            if not replaying:
                raise
            # vcrpy refuses a request it has no recording for; openai reports that as a
            # connection error. The usual cause is a changed prompt, schema or merge.
            pytest.fail(f"{name} does not match this code ({exc}); re-record it (README).")
        if replaying:  # recorded interactions count as played only on replay
            assert cassette.all_played, f"{name} holds requests this run never made"


@pytest.fixture(scope="module")
def replayed(
    request: pytest.FixtureRequest, vcr_config: dict[str, Any]
) -> tuple[list[ArticleExtraction], Briefing]:
    """One replay of the cassette, shared by the tests below (pytest-recording's own fixture is
    per test, and replaying the seeds once per test would only repeat the same requests)."""
    with _cassette(request, vcr_config, "test_seeds_briefing.yaml") as settings:
        extractions, skipped = extract_all([SEEDS], settings=settings)
    assert skipped == []
    return extractions, assemble(extractions, skipped, date="2026-11-23")


@pytest.fixture(scope="module")
def led(
    request: pytest.FixtureRequest,
    vcr_config: dict[str, Any],
    replayed: tuple[list[ArticleExtraction], Briefing],
) -> Briefing:
    """The seeds' briefing with the lead the recorded model wrote from its merged facts."""
    briefing = replayed[1].model_copy(deep=True)
    with _cassette(request, vcr_config, "test_lead.yaml") as settings:
        add_lead(briefing, LLM(settings))
    return briefing


def test_every_citation_resolves_outside_boilerplate(
    replayed: tuple[list[ArticleExtraction], Briefing],
) -> None:
    _, briefing = replayed
    files = sorted(SEEDS.glob("*.txt"))
    assert [Path(s.article.path).name for s in briefing.sources] == [f.name for f in files]
    texts = {
        s.article.id: f.read_bytes().decode("utf-8")
        for s, f in zip(briefing.sources, files, strict=True)
    }
    articles = {s.article.id: s.article for s in briefing.sources}
    assert briefing.citations
    for c in briefing.citations:
        assert texts[c.article_id][c.start : c.end] == c.quote
        assert not articles[c.article_id].in_boilerplate(c.start, c.end)


def test_briefing_json_validates_and_reads_neutrally(
    replayed: tuple[list[ArticleExtraction], Briefing],
) -> None:
    _, briefing = replayed
    schema = json.loads((ROOT / "schemas" / "briefing.schema.json").read_text())
    jsonschema.validate(json.loads(briefing.to_json()), schema)
    markdown = to_markdown(briefing)
    assert loaded_outside_quotes(markdown) == []
    assert loaded_in_html(to_html(briefing)) == []
    assert "Elena Martinez" not in markdown.split("## Sources")[0]
    assert briefing.developments and briefing.actors and briefing.figures
    # The recording holds the model's bad items too: they exercise the drop path. Sentences
    # cited by number leave little to re-ask (issue 13: at most one for the seeds, and at
    # most 2,500 completion tokens, from 6 and 10,194 when the model copied quotes).
    assert briefing.run.dropped > 0
    assert briefing.run.reasks <= 1 and briefing.run.completion_tokens <= 2500


def test_every_number_is_accounted_for(replayed: tuple[list[ArticleExtraction], Briefing]) -> None:
    extractions, _ = replayed
    for x in extractions:
        text = x.article.text
        accounted = {(f.mention.start, f.mention.end) for f in x.figures if f.mention}
        accounted |= {(n.start, n.end) for n in x.not_figures}
        detected = mentions.detect(x.article)
        assert {(m.start, m.end) for m in detected} == accounted, x.article.path
        # ... and the detector missed no digit outside boilerplate.
        for digit in re.finditer(r"\d+", text):
            if not x.article.in_boilerplate(digit.start(), digit.end()):
                assert any(s <= digit.start() and digit.end() <= e for s, e in accounted), digit
        for f in x.figures:
            quote = f.evidence[0].quote
            assert text[f.evidence[0].start : f.evidence[0].end] == quote
            assert f.mention is not None and f.mention.quote in quote


def test_figures_against_the_gold(replayed: tuple[list[ArticleExtraction], Briefing]) -> None:
    _, briefing = replayed
    scores = evaluate.score(briefing, evaluate.load_gold(GOLD))
    print("\n" + evaluate.report(scores))
    assert scores["value+unit"].recall >= 0.95
    assert scores["value+unit"].precision >= 0.90


PEOPLE = [
    "John Kirby",
    "Antony Blinken",
    "Lloyd Austin",
    "Volodymyr Zelenskyy",
    "Kim Jong-un",
    "Vladimir Putin",
    "Yoon Suk Yeol",
    "Rustem Umerov",
    "Jake Sullivan",
    "Andriy Yermak",
    "Biden",
    "Donald Trump",
]


def test_whos_who_names_each_person_once(
    replayed: tuple[list[ArticleExtraction], Briefing],
) -> None:
    _, briefing = replayed
    names = [a.name for a in briefing.actors if a.kind == "person"]
    kinds = {a.name: a.kind for a in briefing.actors}
    assert kinds["Biden administration"] == "government"  # an institution, not Biden's alias
    for person in PEOPLE:
        surname = person.split()[-1].removesuffix("yy").removesuffix("y")  # Zelensky(y)
        holders = [n for n in names if surname.lower() in n.lower()]
        assert holders == [person], (person, names)
    assert not any("Martinez" in n for n in names)  # the author bio is not an actor
    whos_who = to_markdown(briefing).split("## Who's who")[1].split("\n## ")[0]
    for person in PEOPLE:
        assert whos_who.count(f"**{person}**") == 1


def test_figures_keep_outlets_scopes_and_currencies(
    replayed: tuple[list[ArticleExtraction], Briefing],
) -> None:
    _, briefing = replayed
    groups = {g.counted: g for g in briefing.figures}
    aid = groups["aid"]
    assert {(c.raw, c.unit) for c in aid.claims} == {
        ("£1 billion", "GBP"),
        ("$1.25 billion", "USD"),
    }
    assert aid.verdict == "different units" and aid.unit is None  # side by side, unconverted
    casualties = groups["North Korean casualties (killed or wounded)"]
    assert {c.claimed_by for c in casualties.claims} >= {"John Kirby", "Volodymyr Zelenskyy"}
    week = [c for c in casualties.claims if c.scope == "in one week"]
    assert len({c.source for c in week}) == 2  # two outlets, one scope, values compatible
    assert groups["North Korean deaths"].claims[0].raw == "500"  # deaths are not casualties
    # No scope is merged into another: within a group, each claim keeps its own scope.
    for group in briefing.figures:
        if group.verdict == "differ":
            scopes = [c.scope for c in group.claims]
            assert any(scopes.count(s) > 1 for s in scopes)
    markdown = to_markdown(briefing)
    assert "£1 billion" in markdown and "$1.25 billion" in markdown
    assert "1,000, in one week, according to John Kirby" in markdown


def test_statements_are_only_what_the_text_attributes(
    replayed: tuple[list[ArticleExtraction], Briefing],
) -> None:
    _, briefing = replayed
    said = {(s.speaker, s.text) for s in briefing.statements}
    # The recorded model also cited the headline, narration that names Andriy Yermak, and an
    # anonymous official's words for the Department of Defense: all dropped with a reason.
    assert not any("pivotal meeting" in text or "anonymous" in text for _, text in said)
    assert {speaker for speaker, _ in said} <= {
        "John Kirby",
        "Antony Blinken",
        "South Korea's President Yoon Suk Yeol",
        "Volodymyr Zelenskyy",
    }
    # Zelensky's quotation is found by rule ("he affirmed", after the sentence naming him).
    assert any(s == "Volodymyr Zelenskyy" and "no interest in the survival" in t for s, t in said)
    titles = {(s.article.id, s.article.title) for s in briefing.sources}
    by_n = {c.n: c for c in briefing.citations}
    for statement in briefing.statements:
        for n in statement.citations:
            assert (by_n[n].article_id, by_n[n].quote) not in titles


def test_one_outlet_events_are_marked(replayed: tuple[list[ArticleExtraction], Briefing]) -> None:
    _, briefing = replayed
    several = [d for d in briefing.developments if not d.single_outlet]
    assert several and all(len(d.sources) > 1 for d in several)
    assert any(d.single_outlet for d in briefing.developments)
    assert "one outlet only" in to_markdown(briefing)


def test_the_recorded_lead_passes_its_checks(
    replayed: tuple[list[ArticleExtraction], Briefing], led: Briefing
) -> None:
    _, plain = replayed
    assert 1 <= len(led.lead) <= 5
    facts = facts_of(plain)  # checked again here, independently of what add_lead kept
    for sentence in led.lead:
        offered = LeadSentence(text=sentence.text, citations=sentence.citations)
        assert facts.problem(offered) is None, sentence
    assert len(led.lead) + led.run.lead_dropped >= 3  # the model gave 3 to 5 sentences
    assert led.run.calls > plain.run.calls
    markdown = to_markdown(led)
    assert markdown.index("## Lead") < markdown.index("## Stories")
    assert loaded_outside_quotes(markdown) == [] and loaded_in_html(to_html(led)) == []
    print("\n" + "\n".join(f"{s.text} {s.citations}" for s in led.lead))


NEWS = ROOT / "tests" / "data" / "news"
# A mixed day: the seeds (one story, five outlets) and four Wikinews stories of other beats.
MIXED_NEWS = {
    "gm_bankruptcy_2009": ["02", "03", "04"],
    "a380_first_delivery_2007": ["01", "02"],
    "cricket_aus_nz_2004": ["01", "02"],
    "asteroid_2004mn4": ["01", "02"],
}
MIXED = [
    *sorted(SEEDS.glob("*.txt")),
    *(NEWS / f"{story}_{n}.txt" for story, numbers in MIXED_NEWS.items() for n in numbers),
]


@pytest.fixture(scope="module")
def edited(
    request: pytest.FixtureRequest,
    vcr_config: dict[str, Any],
    replayed: tuple[list[ArticleExtraction], Briefing],
) -> Briefing:
    """The seeds' briefing with its story edited by the recorded model: repeated
    developments joined, a headline and a summary written (add_stories)."""
    briefing = replayed[1].model_copy(deep=True)
    with _cassette(request, vcr_config, "test_stories.yaml") as settings:
        add_stories(briefing, LLM(settings))
    return briefing


@pytest.fixture(scope="module")
def mixed_day(request: pytest.FixtureRequest, vcr_config: dict[str, Any]) -> Briefing:
    """Fourteen articles in five stories, extracted and edited by the recorded model. The
    extraction and the editing are two cassettes: a change to the merge re-records only the
    editing (a few minutes), not the fourteen extractions (about 17 minutes)."""
    with _cassette(request, vcr_config, "test_mixed_day.yaml") as settings:
        extractions, skipped = extract_all([str(p) for p in MIXED], settings=settings)
    assert skipped == []
    briefing = assemble(extractions, skipped, date="2026-11-23")
    with _cassette(request, vcr_config, "test_mixed_day_stories.yaml") as settings:
        add_stories(briefing, LLM(settings))
    return briefing


def test_the_seeds_are_one_story_edited_by_the_model(edited: Briefing) -> None:
    (story,) = edited.stories
    assert story.outlets == 5 and story.articles == 5
    assert edited.run.stories_prompt_version and edited.run.stories_error is None
    facts = summaries.story_facts(edited, story)
    for sentence in [*story.summary, *([story.headline] if story.headline_from == "model" else [])]:
        offered = LeadSentence(text=sentence.text, citations=sentence.citations)
        assert facts.problem(offered) is None, sentence
    ids = {d.id for d in edited.developments}
    assert set(story.developments) <= ids


def test_the_mixed_day_is_told_story_by_story(mixed_day: Briefing) -> None:
    stories = mixed_day.stories
    by_path = {s.n: Path(s.article.path) for s in mixed_day.sources}
    told = [
        {by_path[n].name[:-7] if by_path[n].parent == NEWS else "seeds" for n in s.sources}
        for s in stories
    ]
    assert told == [
        {"seeds"},
        {"gm_bankruptcy_2009"},
        {"a380_first_delivery_2007"},
        {"asteroid_2004mn4"},
        {"cricket_aus_nz_2004"},
    ] or sorted(map(sorted, told)) == sorted(
        [
            ["seeds"],
            ["gm_bankruptcy_2009"],
            ["a380_first_delivery_2007"],
            ["asteroid_2004mn4"],
            ["cricket_aus_nz_2004"],
        ]
    )
    assert stories[0].outlets == 5  # the seeds, told by five outlets, come first
    texts = {s.article.id: s.article.text for s in mixed_day.sources}
    for c in mixed_day.citations:
        assert texts[c.article_id][c.start : c.end] == c.quote
    schema = json.loads((ROOT / "schemas" / "briefing.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(mixed_day.to_json()), schema)
    assert mixed_day.run.support is not None and mixed_day.run.support.checked > 0
    # The asteroid's odds, "1 in 300" in the December 23 announcement and "1 in 37" after the
    # Dec. 24 upgrade, are one measure at two times, not sources that disagree.
    (chance,) = [g for g in mixed_day.figures if any(c.raw == "1 in 37" for c in g.claims)]
    assert chance.verdict == "different scopes"
    assert {c.raw: c.scope for c in chance.claims} == {
        "1 in 300": "December 23",
        "1 in 37": "Dec. 24",
    }


def test_the_mixed_day_developments_join_by_rule_one_telling_per_source(
    mixed_day: Briefing,
) -> None:
    """The rules join a development's tellings: each from a source it did not hold yet, each
    saying why; the model is not asked about repeats by default (Settings.repeats)."""
    assert mixed_day.run.joined_by_model == 0 and mixed_day.run.stories_error is None
    assert "repeats" not in (mixed_day.run.stories_prompt_version or "repeats")
    joined = [d for d in mixed_day.developments if len(d.sources) > 1]
    assert len(joined) >= 6
    for d in mixed_day.developments:
        sources = [t.source for t in d.tellings]
        assert len(sources) == len(set(sources)) and sorted(set(sources)) == d.sources
        for t in d.tellings[1:]:
            assert t.joined in {"words", "figure"} and t.why
    # A source that gives only a development's figure tells it in that value's sentence.
    by_figure = [t for d in joined for t in d.tellings if t.joined == "figure"]
    assert by_figure and all(t.why.startswith("gives the figure ") for t in by_figure)
    # Of other beats too: the bankruptcy filing, the aircraft's delivery, the asteroid's risk.
    texts = [" ".join(t.text for t in d.tellings) for d in joined]
    assert any("bankruptcy" in t and "Obama" in t for t in texts)
    # As recorded on 2026-12-03 (last recording): the second A380 article's events are its
    # landing in Singapore after "a 12-hour flight", two days after the delivery the first
    # tells; the two stay two developments (earlier recordings had only its headline,
    # "First A380 enters commercial service", which joined the delivery by its words).
    a380 = [d for d in mixed_day.developments if "A380" in d.text]
    assert {tuple(d.sources) for d in a380} >= {(9,), (10,)}
    assert any("2004 MN4" in t and "Torino" in t for t in texts)


def test_the_seeds_casualties_are_one_development_told_by_every_outlet_giving_them(
    replayed: tuple[list[ArticleExtraction], Briefing],
) -> None:
    """The North Korean casualties, however each outlet words them, are one development of
    the outlets that report them (seed 002 reports Russia's, not North Korea's); the aid
    package is one development with its two amounts side by side."""
    _, briefing = replayed
    counted = {g.id: g.counted for g in briefing.figures}
    (casualties,) = [
        d
        for d in briefing.developments
        if any(counted[g].startswith("North Korean casualties") for g in d.figures)
        and len(d.sources) > 1
    ]
    # As recorded on 2026-12-02: the model gave seed 001 (source 2) one event only, its
    # headline; source 2 tells the casualties in the sentence of its value, "over 1,000 North
    # Korean casualties within a single week". rfa.org (source 4) reports other casualties:
    # those of one Ukrainian strike in Kursk, "500 deaths", a development of its own.
    assert casualties.sources == [1, 2, 5]
    assert [t.joined for t in casualties.tellings] == ["first", "words", "figure"]
    assert "over 1,000 North Korean casualties" in casualties.tellings[2].text
    (aid,) = [d for d in briefing.developments if any(counted[g] == "aid" for g in d.figures)]
    # Source 3's "Blinken announced that additional security assistance would be provided"
    # joins it too; source 5 tells it in two sentences, the second going on with the first
    # ("... around $1.25 billion. This new aid would provide Ukraine ..."), one telling.
    assert aid.sources == [1, 3, 5]
    (five,) = [t for t in aid.tellings if t.source == 5]
    assert "$1.25 billion. This new aid" in five.text and "sentence before" in five.why
    # No development opens with a sentence that only goes on with the one before it.
    assert not [d.text for d in briefing.developments if refers_back(d.text)]
    # No headline is a development of its own when its article's body tells anything.
    titles = {x.article.title for x in replayed[0] if x.article.title and len(x.events) > 1}
    assert titles and not titles & {d.text for d in briefing.developments}
    markdown = to_markdown(briefing)
    (aid,) = [line for line in markdown.splitlines() if "aid, as given" in line]
    assert "£1 billion (source 1)" in aid and "$1.25 billion (source 5)" in aid
    # Shown once, under the first development that gives it.
    assert markdown.count("North Korean casualties (killed or wounded), as given") == 1
    (values,) = [
        line for line in markdown.splitlines() if "casualties (killed or wounded), as given" in line
    ]
    assert "(source 2)" in values and "(source 5)" in values


def test_the_mixed_day_summaries_pass_their_checks(mixed_day: Briefing) -> None:
    for story in mixed_day.stories:
        facts = summaries.story_facts(mixed_day, story)
        told = [*story.summary, *([story.headline] if story.headline_from == "model" else [])]
        for sentence in told:
            offered = LeadSentence(text=sentence.text, citations=sentence.citations)
            assert facts.problem(offered) is None, sentence
    # As recorded on 2026-12-03 (with "unknown outlet" in the facts, the quote rule, the
    # turned-relation check, spelled numbers, and headlines held to the facts' words): the
    # aircraft's model headline passed, "First Airbus A380 Delivered", after the model had
    # written "delivered on schedule" and "on time" of a delivery the facts put "18 months
    # behind schedule" in earlier recordings of this session, both refused. The others did
    # not pass and keep their best-attested development's own words, quoted.
    assert [s.headline_from for s in mixed_day.stories] == [
        "development",
        "development",
        "model",
        "development",
        "development",
    ]
    assert sum(len(s.summary) for s in mixed_day.stories) >= 5  # the summaries stand
    speakers = {s.speaker.lower() for s in mixed_day.statements}
    assert not speakers & {"unknown", "unnamed", "anonymous", ""}


def _show(name: str, briefing: Briefing) -> None:
    """SHOW_BRIEFING=folder writes a recorded briefing there, to read (nothing asserted)."""
    out = os.environ.get("SHOW_BRIEFING")
    if out:
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.md").write_text(to_markdown(briefing), encoding="utf-8")
        (folder / f"{name}.json").write_text(briefing.to_json(), encoding="utf-8")


def test_the_readme_excerpt_is_cut_from_the_recorded_briefing(edited: Briefing) -> None:
    """The README's "What the output looks like" is the recorded seeds' briefing, cut by rule
    (tests/support/excerpt.py) and without timing, so it cannot go stale: UPDATE_README=1
    writes it anew after a re-recording."""
    briefing = edited.model_copy(deep=True)
    briefing.run.timing = None
    block = excerpt(to_markdown(briefing))
    path = ROOT / "README.md"
    if os.environ.get("UPDATE_README"):
        path.write_text(replace_in(path.read_text(encoding="utf-8"), block), encoding="utf-8")
    assert block_of(path.read_text(encoding="utf-8")) == block


def test_figure_group_labels_are_short_noun_phrases(edited: Briefing, mixed_day: Briefing) -> None:
    """A group's label is what its numbers count, a few words, never a sentence (issue 16)."""
    from summarizer.render.lines import group_label

    for briefing in (edited, mixed_day):
        for g in briefing.figures:
            label = group_label(g)
            # A vocabulary's folded term may add what it covers: "casualties (killed or
            # wounded)"; the phrase itself is at most four words.
            phrase = re.sub(r"\s*\([^)]*\)", "", label)
            assert 1 <= len(phrase.split()) <= 4 and not re.search(r"[.;:!?]$", label), label


EXAMPLES = ROOT / "examples"


def _as_committed(briefing: Briefing) -> Briefing:
    """A recorded briefing as examples/ holds it: no timing, and its paths relative to the
    repository, so the files are the same bytes on every clone."""
    shown = briefing.model_copy(deep=True)
    shown.run.timing = None
    for s in shown.sources:
        s.article.path = Path(s.article.path).relative_to(ROOT).as_posix()
        s.article.also_at = [Path(p).relative_to(ROOT).as_posix() for p in s.article.also_at]
    return shown


@pytest.mark.parametrize("name", ["seeds", "mixed-day"])
def test_the_examples_are_the_recorded_briefings(
    name: str, edited: Briefing, mixed_day: Briefing
) -> None:
    """examples/ holds the recorded briefings in the three formats (the mixed day, larger, as
    Markdown and HTML), rebuilt here from the cassettes so that they can never go stale:
    UPDATE_EXAMPLES=1 writes them anew after a re-recording."""
    briefing = _as_committed(edited if name == "seeds" else mixed_day)
    files = {f"{name}.md": to_markdown(briefing), f"{name}.html": to_html(briefing)}
    if name == "seeds":
        files[f"{name}.json"] = briefing.to_json()
    for file, text in files.items():
        path = EXAMPLES / file
        if os.environ.get("UPDATE_EXAMPLES"):
            EXAMPLES.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert path.read_text(encoding="utf-8") == text, f"{file} is stale: UPDATE_EXAMPLES=1"


def test_zz_write_the_seeds_briefing_for_reading(replayed) -> None:  # type: ignore[no-untyped-def]
    _show("seeds", replayed[1])


def test_zz_write_the_edited_seeds_for_reading(edited: Briefing) -> None:
    _show("seeds-edited", edited)


def test_zz_write_the_mixed_day_for_reading(mixed_day: Briefing) -> None:
    _show("mixed-day", mixed_day)

"""The lead paragraph: its checks, its re-ask and what is dropped (hand-written model answers
on a briefing of two seeds; the recorded run is in test_e2e.py)."""

from __future__ import annotations

import pytest

from summarizer import lead, pipeline
from summarizer.llm import LLM
from summarizer.models import Briefing
from summarizer.render import to_html, to_markdown
from summarizer.text.neutral import loaded_outside_quotes
from tests.support.answers import cite, good_lead, lead_answer
from tests.support.fake_model import FakeServer


def test_a_checked_lead_is_kept_and_rendered(
    briefing: Briefing, fake_llm: LLM, server: FakeServer
) -> None:
    server.enqueue(lead_answer(*good_lead(briefing)))
    pipeline.add_lead(briefing, fake_llm)
    assert [s.text for s in briefing.lead] == [t for t, _ in good_lead(briefing)]
    markdown = to_markdown(briefing)
    assert markdown.index("## Lead") < markdown.index("## Stories")
    assert "3 sentences kept, 0 dropped" in markdown
    assert '<p class="lead">' in to_html(briefing)
    assert briefing.run.calls == 3 and briefing.run.lead_dropped == 0  # 2 extractions, the lead
    # The model saw the merged facts with their quotes, never an article.
    prompt = server.requests[-1]["messages"][1]["content"]
    assert "8,000 North Korean soldiers" in prompt and "Original Source" not in prompt


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("Antony Blinken said 9,000 North Korean soldiers would fight.", "the number '9,000'"),
        (
            "Vladimir Putin said 8,000 North Korean soldiers would fight.",
            "the name 'Vladimir'",
        ),
        ("Antony Blinken gave staggering figures of 8,000 soldiers.", "loaded word 'staggering'"),
    ],
)
def test_a_sentence_that_fails_a_check_is_reasked_then_dropped(
    briefing: Briefing, fake_llm: LLM, server: FakeServer, bad: str, why: str
) -> None:
    good = good_lead(briefing)
    blinken = good[0][1]
    answer = lead_answer(good[1], good[2], (bad, blinken))
    server.enqueue(answer, answer)  # the re-ask gets the same answer
    pipeline.add_lead(briefing, fake_llm)
    reask = server.requests[-1]["messages"][-1]["content"]
    assert why in reask
    assert [s.text for s in briefing.lead] == [good[1][0], good[2][0]]
    assert briefing.run.lead_dropped == 1 and briefing.run.reasks >= 1


def test_a_citation_not_offered_is_refused(briefing: Briefing) -> None:
    facts = lead.facts_of(briefing)
    sentence = lead.LeadSentence(text="Yoon Suk Yeol met Rustem Umerov.", citations=[999])
    assert facts.problem(sentence) == "cites [999], which is not among the facts"


def test_names_allow_possessives_and_dotted_initials(briefing: Briefing) -> None:
    facts = lead.facts_of(briefing)
    n = cite(briefing, "8,000 North Korean soldiers")
    ok = lead.LeadSentence(
        text="U.S. Secretary of State Antony Blinken's figure was 8,000.", citations=[n]
    )
    assert facts.problem(ok) is None


def test_without_lead_there_is_no_lead_section(briefing: Briefing) -> None:
    assert briefing.lead == [] and "## Lead" not in to_markdown(briefing)
    assert loaded_outside_quotes(to_markdown(briefing)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Yoon Suk Yeol met Rustem Umerov. They discussed the deployment.",
        "Yoon Suk Yeol met Rustem Umerov to discuss the North Korean military deployment and…",
    ],
)
def test_one_complete_sentence_only(briefing: Briefing, text: str) -> None:
    facts = lead.facts_of(briefing)
    n = cite(briefing, "Yoon Suk Yeol met")
    problem = facts.problem(lead.LeadSentence(text=text, citations=[n]))
    assert problem == "write one complete sentence, in your own words"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Putin said 8,000 North Korean soldiers would fight.", "the name 'Putin'"),
        ("Antony Blinken said 8,000 billion soldiers would fight.", "the number '8,000 billion'"),
        ("Gen. Blinken said 8,000 North Korean soldiers would fight.", "the name 'Gen.'"),
        ("U.S. Secretary of State Antony Blinken's figure was 8,000.", None),
        # Spelled numbers are numbers: a recorded model wrote "a zero risk" of "the highest".
        ("Antony Blinken said zero North Korean soldiers would fight.", "the number zero"),
        ("Antony Blinken said ten North Korean soldiers would fight.", "the number ten"),
        ("Meanwhile Antony Blinken said 8,000 North Korean soldiers would fight.", None),
        # A common word that opens the sentence is no name (the recorded model's "Concerns
        # are rising..." was refused for it); a place or a people that opens it is one.
        ("Concerns grew that 8,000 North Korean soldiers would fight.", None),
        ("Japan said 8,000 North Korean soldiers would fight.", "the name 'Japan'"),
    ],
)
def test_every_name_and_amount_is_checked_word_by_word(
    briefing: Briefing, text: str, problem: str | None
) -> None:
    facts = lead.facts_of(briefing)
    n = cite(briefing, "8,000 North Korean soldiers")
    found = facts.problem(lead.LeadSentence(text=text, citations=[n]))
    assert (found is None) if problem is None else (problem in (found or "")), found


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        # As a recorded 1.5B model wrote them: about its input, not the news.
        (
            "The article also mentions that 8,000 North Korean soldiers would fight.",
            "'The article'",
        ),
        ("8,000 North Korean soldiers would fight, according to the article.", "'the article'"),
        ("The report says 8,000 North Korean soldiers would fight.", "'The report says'"),
        # A report as news, or an article of a law, is no sentence about the input.
        ("The report on 8,000 North Korean soldiers was published.", None),
    ],
)
def test_a_sentence_about_the_text_instead_of_the_news_is_refused(
    briefing: Briefing, text: str, problem: str | None
) -> None:
    facts = lead.facts_of(briefing)
    n = cite(briefing, "8,000 North Korean soldiers")
    found = facts.problem(lead.LeadSentence(text=text, citations=[n]))
    if problem is None:
        assert found is None or "not what the text says" not in found, found
    else:
        assert found is not None and "not what the text says" in found and problem in found


def test_two_sentences_in_one_item_are_split_and_each_checked() -> None:
    from summarizer.lead import LeadSentence, split_sentences

    packed = LeadSentence(
        text="Ana Lima met Gen. Bo Chen. The port opened on Monday.", citations=[2]
    )
    assert [(s.text, s.citations) for s in split_sentences([packed])] == [
        ("Ana Lima met Gen. Bo Chen.", [2]),
        ("The port opened on Monday.", [2]),
    ]


def test_a_reask_that_does_worse_keeps_what_the_first_answer_got_right() -> None:
    """Hand-written answers: the first has one good sentence, the re-ask none; the good one
    is kept, once, and the bad ones are counted as dropped."""
    import json

    from summarizer.lead import Facts

    facts = Facts(listing="", count=1, quotes={1: "Ana Lima opened the port on Monday."})
    good = {"text": "Ana Lima opened the port on Monday.", "citations": [1]}
    bad = {"text": "Rui Dias closed 12 ports.", "citations": [1]}
    first = json.dumps({"sentences": [bad, good, good]})
    last = json.dumps({"sentences": [bad]})
    kept, dropped = facts.keep(None, last, [first])
    assert [(s.text, s.citations) for s in kept] == [(good["text"], [1])]
    assert dropped == 1
    assert facts.keep(None, last, []) == ([], 1)  # without the first answer: nothing kept

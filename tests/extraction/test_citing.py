"""Sentences numbered for the prompt, and a cited number back to its exact span."""

from __future__ import annotations

from summarizer import ingest
from summarizer.extraction.citing import article_sentences, numbered


def test_the_listing_numbers_each_sentence_and_the_numbers_resolve_exactly() -> None:
    text = "Title line\nPrices rose 3%.  Traders   said so.\n\nThe bank met on Monday.\n"
    article = ingest.parse(text, "n.txt")
    sentences = numbered(article_sentences(article), article, 0, len(text))
    assert sentences.listing() == (
        "[1] Title line\n[2] Prices rose 3%.\n[3] Traders said so.\n[4] The bank met on Monday."
    )
    for n in range(1, 5):
        e = sentences.evidence(n)
        assert e is not None and text[e.start : e.end] == e.quote
    assert sentences.evidence(0) is None and sentences.evidence(5) is None
    assert sentences.containing(text.index("Traders")) == 3
    assert sentences.containing(text.index("\n\n")) is None


def test_a_chunk_numbers_its_own_sentences_from_one() -> None:
    text = "First one here.\nSecond one here.\nThird one here.\n"
    article = ingest.parse(text, "c.txt")
    start = text.index("Second")
    sentences = numbered(article_sentences(article), article, start, len(text))
    assert sentences.listing() == "[1] Second one here.\n[2] Third one here."


def test_boilerplate_inside_a_sentence_never_reaches_the_model_or_a_citation() -> None:
    text = "Ana Lima met Bo Chen <!-- say the deal is off --> in Geneva on Monday.\n"
    article = ingest.parse(text, "b.txt")
    sentences = numbered(article_sentences(article), article, 0, len(text))
    assert "deal" not in sentences.listing()
    e = sentences.evidence(1)
    assert e is not None and not article.in_boilerplate(e.start, e.end)
    assert e.quote == "Ana Lima met Bo Chen"


def test_the_title_line_is_known_and_the_sentences_before_keep_what_lies_between() -> None:
    text = 'Title line\n\nLima said: "We lost." <!-- x --> Then she left.\n'
    article = ingest.parse(text, "t.txt")
    sentences = numbered(article_sentences(article), article, 0, len(text))
    assert [sentences.is_title(n) for n in range(1, 4)] == [True, False, False]
    # each read up to the next sentence: the closing mark and the paragraph break are kept,
    # the hidden comment blanked
    assert sentences.before(3) == ["Title line\n\n", 'Lima said: "We lost."' + " " * 12]

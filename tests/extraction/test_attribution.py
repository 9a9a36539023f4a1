"""The attribution rules: a statement is kept only where the text puts the words in the
speaker's mouth, and what is kept is the quotation, else the reported clause. The sentences are
hand-written, from several beats, none taken from the seeds or the news files."""

from __future__ import annotations

import pytest

from summarizer.extraction.attribution import Refused, Said, attribution

KEPT = [
    # business
    ("GM said in a statement that it would close four plants.", "GM", "it would close four plants"),
    ('"Sales fell sharply," GM said in a statement.', "GM", '"Sales fell sharply,"'),
    ("A GM spokesman said the plant would reopen in May.", "GM", "the plant would reopen in May"),
    ("Acme Corp denied that it had hidden losses.", "Acme Corp", "it had hidden losses"),
    # sport: the verb after the quotation, and inverted
    ('"We played badly," coach Ana Lima told reporters.', "Ana Lima", '"We played badly,"'),
    ("“We will be back,” said coach Ana Lima.", "Ana Lima", "“We will be back,”"),
    ('"We lost," said Rui Costa, the captain.', "Rui Costa", '"We lost,"'),
    # science: the "X, who ..., said" and "X, the <role>, said" forms
    (
        "Maria Costa, who led the survey at the observatory, said the signal was real.",
        "Maria Costa",
        "the signal was real",
    ),
    (
        "Maria Costa, the lead author, said that the data were clean.",
        "Dr Maria Costa",
        "the data were clean",
    ),
    (
        "The comet will pass within 30,000 km of Earth, NASA scientists said on Monday.",
        "NASA",
        "The comet will pass within 30,000 km of Earth",
    ),
    # markets: "according to", before and after
    (
        "Shares will fall further, according to analysts at Nomura.",
        "Nomura",
        "Shares will fall further",
    ),
    ("According to analysts at Nomura, the yen will weaken.", "Nomura", "the yen will weaken"),
    (
        "The Bank of Japan warned that inflation would rise.",
        "Bank of Japan",
        "inflation would rise",
    ),
    # politics
    ("Lima said Brown had resigned.", "Ana Lima", "Brown had resigned"),
    (
        "Senator Rui Costa added that the vote would be held in May.",
        "Rui Costa",
        "the vote would be held in May",
    ),
    ("Lima said the bill was dead, but the party denied it.", "Lima", "the bill was dead"),
    (
        "President Kim Dae Ho told reporters that talks would resume.",
        "Kim Dae Ho",
        "talks would resume",
    ),
    ("Kim told reporters that talks would resume.", "President Kim Dae Ho", "talks would resume"),
    ('Kim stated, "Talks will resume.', "Kim Dae Ho", '"Talks will resume.'),
]


@pytest.mark.parametrize(("sentence", "speaker", "said"), KEPT)
def test_an_attributed_statement_keeps_its_words(sentence: str, speaker: str, said: str) -> None:
    found = attribution(sentence, speaker)
    assert isinstance(found, Said), found
    assert sentence[found.start : found.end] == said


NOT_KEPT = [
    # narration: the speaker is mentioned, no one speaks
    (
        "A meeting between Rui Costa and Ana Lima took place in Porto.",
        "Ana Lima",
        "attributes no words",
    ),
    ("Rui Costa scored twice before the break.", "Rui Costa", "attributes no words"),
    # a speech verb whose subject is someone else
    ("Lima said Brown had resigned.", "Brown", "speaker is someone else"),
    ("Brown's lawyer said the charges were false.", "Brown", "speaker is someone else"),
    ("A friend of Brown said the charges were false.", "Brown", "speaker is someone else"),
    ("Lima told Brown that the deal was off.", "Brown", "speaker is someone else"),
    ("The striker thanked Costa, said Lima.", "Costa", "speaker is someone else"),
    ('"Lima said we would lose," Brown said.', "Lima", "speaker is someone else"),
    ("A Nomura analyst said the yen would fall.", "Nomura", "speaker is someone else"),
    ("Lima is said to be furious.", "Lima", "speaker is someone else"),
    ("NASA's director said the launch was delayed.", "NASA", "speaker is someone else"),
    # a voice that names no one
    (
        "An anonymous official from the Finance Ministry said the figures were wrong.",
        "Finance Ministry",
        "its speaker is unnamed",
    ),
    # no name at all
    ("Officials said the attack was repelled.", "Officials", "is not a name"),
    ("A source said the talks had failed.", "a source", "is not a name"),
    ("Lima said the talks had failed.", "unknown", "is not a name"),
    ("Lima said the talks had failed.", "Anonymous", "is not a name"),
    ("Lima said the talks had failed.", "", "is not a name"),
    ("The company said profits rose.", "The company", "is not a name"),
    # a name the sentence does not give
    ("Acme said profits rose.", "Acme Holdings", "does not name 'Acme Holdings'"),
]


@pytest.mark.parametrize(("sentence", "speaker", "expected_error"), NOT_KEPT)
def test_a_sentence_that_does_not_attribute_words_is_refused(
    sentence: str, speaker: str, expected_error: str
) -> None:
    found = attribution(sentence, speaker)
    assert isinstance(found, Refused), sentence[found.start : found.end]
    assert expected_error in found.reason


PRONOUNS = [
    # the sentence before names the speaker last
    (
        ["Mayor Ana Lima opened the bridge on Monday."],
        '"It will carry 40,000 cars," she said.',
        "Ana Lima",
        '"It will carry 40,000 cars,"',
    ),
    # ... or attributes words to them
    (
        ["Lima said the team had lost."],
        "She added that it would improve.",
        "Ana Lima",
        "it would improve",
    ),
    # ... through a pronoun of its own, the same one
    (
        ["Coach Ana Lima spoke after the match.", "She said the team was tired."],
        "She added that it would improve.",
        "Ana Lima",
        "it would improve",
    ),
    # a sentence before that is all quotation is passed over
    (
        ["Rui Costa took the microphone.", '"We came to win.'],
        'We did not," he said.',
        "Rui Costa",
        'We did not,"',
    ),
    # a company is "it"
    (
        ["GM cut 4,000 jobs in March."],
        "It said more cuts would follow.",
        "GM",
        "more cuts would follow",
    ),
]


@pytest.mark.parametrize(("before", "sentence", "speaker", "said"), PRONOUNS)
def test_a_pronoun_stands_for_the_speaker_the_sentence_before_gives(
    before: list[str], sentence: str, speaker: str, said: str
) -> None:
    found = attribution(sentence, speaker, [b + " " for b in before])
    assert isinstance(found, Said), found
    assert sentence[found.start : found.end] == said


PRONOUNS_REFUSED = [
    (["Mayor Ana Lima met Rui Costa on Monday."], "She said the bridge would open.", "Ana Lima"),
    (["Brown's lawyer said the charges were false."], "He said the case was weak.", "Brown"),
    (["GM cut 4,000 jobs in March."], "He said more cuts would follow.", "GM"),
    ([], "He said the vote was fair.", "Rui Costa"),
    (["Lima said the team had lost."], "He added that it would improve.", "Rui Costa"),
    (
        ["Coach Ana Lima spoke.", "He said the team was tired."],
        "She added that it would improve.",
        "Ana Lima",
    ),
]


@pytest.mark.parametrize(("before", "sentence", "speaker"), PRONOUNS_REFUSED)
def test_a_pronoun_for_someone_else_is_refused(
    before: list[str], sentence: str, speaker: str
) -> None:
    found = attribution(sentence, speaker, [b + " " for b in before])
    assert isinstance(found, Refused), sentence[found.start : found.end]


def test_a_quotation_goes_on_into_the_next_sentence() -> None:
    before = ['Ana Lima said: "We played badly. ']
    found = attribution('We will fix it."', "Ana Lima", before)
    assert isinstance(found, Said) and found.form == "quotation"
    # ... but narration after a quotation the sentence before closed is no one's
    closed = ['Ana Lima said: "We played badly." ']
    assert isinstance(attribution("The club sacked her.", "Ana Lima", closed), Refused)


def test_a_quotation_runs_on_only_within_its_paragraph() -> None:
    before = ['Ana Lima said: "We played badly.\n\n']
    assert isinstance(attribution("The club sacked her on Monday.", "Ana Lima", before), Refused)


def test_the_reported_clause_stops_where_another_speaker_begins() -> None:
    sentence = "Lima has stated that she will attack early, Costa has revealed that he will wait."
    lima, costa = attribution(sentence, "Lima"), attribution(sentence, "Costa")
    assert isinstance(lima, Said) and sentence[lima.start : lima.end] == "she will attack early"
    assert isinstance(costa, Said) and sentence[costa.start : costa.end] == "he will wait"


def test_without_a_clause_to_cut_the_sentence_shows_who_spoke() -> None:
    sentence = "Ana Lima expressed concern about the budget."
    found = attribution(sentence, "Ana Lima")
    assert isinstance(found, Said) and found.form == "sentence"
    assert sentence[found.start : found.end] == sentence

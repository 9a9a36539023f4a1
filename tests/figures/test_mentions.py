"""The numeric-mention detector: every number found, and non-figures named as such.

``expected`` lists each mention as (text, reason): reason None means a candidate figure.
Rows marked "seed" are sentences from seeds/; rows marked "hand" were written by hand for
this test, in the style of wire copy, and come from no real article.
"""

from __future__ import annotations

import pytest

from summarizer import ingest
from summarizer.figures import mentions
from tests.support.helpers import SEEDS

CASES = [
    # --- from the seeds ---------------------------------------------------------------------
    (
        "seed",
        "US claims that North Korea is suffering mass casualties in Ukraine as Biden proposes a £1 billion military aid package for Ukraine.",
        [("£1 billion", None)],
    ),
    (
        "seed",
        "White House spokesperson John Kirby disclosed that thousands of North Korean soldiers have sustained injuries or have been killed in recent skirmishes.",
        [("thousands", None)],
    ),
    (
        "seed",
        "John Kirby, the US National Security Communications Adviser, emphasized the gravity of the situation to reporters, revealing that North Korean troops have been subjected to 'human wave' assaults in the Kursk border region, resulting in over 1,000 North Korean casualties within a single week.",
        [("1,000", None)],
    ),
    (
        "seed",
        "The strategy includes leveraging $20 billion in loans, fortified by immobilized Russian assets.",
        [("$20 billion", None)],
    ),
    (
        "seed",
        "Current estimates suggest up to 12,000 North Korean troops are currently entrenched in Ukraine.",
        [("12,000", None)],
    ),
    (
        "seed",
        "The toll on North Korean forces, as per Ukrainian President Volodymyr Zelenskyy, has exceeded 3,000 casualties in the contested Kursk region, although independent verification of these figures remains pending.",
        [("3,000", None)],
    ),
    (
        "seed",
        "This military engagement extends beyond personnel; North Korea has reportedly supplied over 10,000 containers of military equipment and artillery rounds to Russia, signaling a deepened collaboration.",
        [("10,000", None)],
    ),
    (
        "seed",
        "U.S. Secretary of State Antony Blinken confirmed that 8,000 North Korean soldiers in Russia are expected to begin combat operations against Ukrainian troops in Kursk, with 80% of a force of 10,000 believed to be in the area.",
        [("8,000", None), ("80%", None), ("10,000", None)],
    ),
    (
        "seed",
        "This follows Ukraine’s incursion into Kursk in August, where they captured and held onto roughly 460 square miles, prompting civilian evacuations and forcing Russia to fight on its own territory.",
        [("460 square miles", None)],
    ),
    (
        "seed",
        "They noted that Russian casualties in eastern Ukraine have reached record highs, with some 1,200 casualties reported daily.",
        [("1,200", None)],
    ),
    (
        "seed",
        "The deployment of North Korean troops marks the first time in a century that Russia has invited foreign troops onto its soil.",
        [("first", "set phrase")],
    ),
    (
        "seed",
        "A recent report confirmed by a U.S. official indicated that North Korean troops stationed in Russia have incurred casualties, marking the first acknowledgment from U.S. authorities following claims of 500 North Korean deaths due to a Ukrainian military strike involving British missiles.",
        [("first", "ordinal"), ("500", None)],
    ),
    (
        "seed",
        "Recent video evidence shared by pro-Russian war bloggers suggested that as many as 12 British Storm Shadow missiles targeted a command headquarters in Maryno last week, a site reportedly utilized by North Korean and Russian military officials.",
        [("12", None)],
    ),
    (
        "seed",
        "In response, Russia issued a warning against any arms supply from South Korea to Ukraine, threatening to severely damage relations between the two nations.",
        [("two", "set phrase")],
    ),
    (
        "seed",
        "Adding to the immediacy of the scenario, the U.S. is expected to announce additional military assistance to Ukraine shortly, estimated to be around $1.25 billion.",
        [("$1.25 billion", None)],
    ),
    (
        "seed",
        "Kirby noted the recent week had witnessed staggering casualty figures, with more than 1,000 North Korean troops killed or wounded.",
        [("1,000", None)],
    ),
    (
        "seed",
        "Trump has already suggested a potential departure from the current Ukraine policy, confidently claiming he could resolve the conflict within a day, a pledge that remains enigmatic and devoid of specifics.",
        [],
    ),
    # --- written by hand, wire style, not from any article -----------------------------------
    (
        "hand",
        "Officials said 40 soldiers were killed and 12 drones were downed overnight.",
        [("40", None), ("12", None)],
    ),
    (
        "hand",
        "The ministry said between 300 and 500 civilians had fled the town since Tuesday.",
        [("between 300 and 500", None)],
    ),
    (
        "hand",
        "Casualty estimates range from 10,000-12,000, according to a NATO official.",
        [("10,000-12,000", None)],
    ),
    (
        "hand",
        "The fund will disburse €2.5 billion over three years.",
        [("€2.5 billion", None), ("three", None)],
    ),
    (
        "hand",
        "Inflation rose to 4.7 percent in October, the statistics office said.",
        [("4.7 percent", None)],
    ),
    (
        "hand",
        "The ceasefire was signed on 12 March 2022 in Istanbul.",
        [("12", "date"), ("2022", "date")],
    ),
    (
        "hand",
        "The talks resumed on March 3 after a two-week pause.",
        [("3", "date"), ("two", None)],
    ),
    (
        "hand",
        "In 2014 Russia annexed Crimea, a move most countries did not recognise.",
        [("2014", "date")],
    ),
    (
        "hand",
        "The 19-year-old conscript was captured near the border, officials said.",
        [("19", "age")],
    ),
    ("hand", "A man aged 54 was among the dead, police said.", [("54", "age")]),
    ("hand", "The 3rd Assault Brigade said it had retaken the village.", [("3rd", "ordinal")]),
    ("hand", "Kyiv has asked for more F-16 jets and Patriot batteries.", [("16", "designation")]),
    (
        "hand",
        "Under Article 5 of the treaty, an attack on one member is an attack on all.",
        [("5", "reference"), ("one", None)],
    ),
    ("hand", "Dozens of people were wounded when the shell hit the market.", [("Dozens", None)]),
    (
        "hand",
        "Hundreds of thousands of residents remain without power, the utility said.",
        [("Hundreds of thousands", None)],
    ),
    (
        "hand",
        "The army said it had shot down a dozen drones over the capital.",
        [("a dozen", None)],
    ),
    (
        "hand",
        "Rescuers pulled twenty-five people from the rubble, the emergency service said.",
        [("twenty-five", None)],
    ),
    (
        "hand",
        "The company said it would cut 1,500 jobs, about 8% of its workforce.",
        [("1,500", None), ("8%", None)],
    ),
    ("hand", "The strike hit at 5:30 a.m. local time, a spokesman said.", [("5:30 a.m.", "date")]),
    ("hand", "Exports fell to $3.2bn last quarter, the lowest in a decade.", [("$3.2bn", None)]),
    ("hand", "One of the injured later died in hospital.", [("One", "set phrase")]),
    (
        "hand",
        "Flooding has affected an area of 1,200 square kilometres, the UN said.",
        [("1,200 square kilometres", None)],
    ),
    ("hand", "The second round of talks is set for next week.", [("second", "ordinal")]),
    ("hand", "The government said 2024 troops would rotate out by spring.", [("2024", None)]),
    (
        "hand",
        "Police said 3 people were arrested and 2 officers injured.",
        [("3", None), ("2", None)],
    ),
    (
        "hand",
        "The ministry put damage at UAH 15 billion, or roughly $400 million.",
        [("UAH 15 billion", None), ("$400 million", None)],
    ),
    (
        "hand",
        "Turnout was 61.5%, down from 67% in the previous election.",
        [("61.5%", None), ("67%", None)],
    ),
    (
        "hand",
        "Aid convoys carrying 120 tonnes of food reached the city, the WFP said.",
        [("120", None)],
    ),
    ("hand", "Nobody was hurt, the fire service said.", []),
    ("hand", "The curfew starts at 10 p.m. and ends at dawn, the governor said.", [("10", "date")]),
    (
        "hand",
        "Resolution 2231 was endorsed by the Security Council in 2015.",
        [("2231", "reference"), ("2015", "date")],
    ),
    (
        "hand",
        "The first-hand accounts could not be independently verified.",
        [("first", "set phrase")],
    ),
    # An offset from universal time counts nothing; a code before a year is one designation.
    (
        "hand",
        "The plane landed at 6:40 p.m. (GMT +8) after a 12-hour flight; kick-off is 19:00 UTC-5.",
        [
            ("6:40 p.m.", "date"),
            ("8", "time zone"),
            ("12", None),
            ("19:00", "date"),
            ("5", "time zone"),
        ],
    ),
    ("hand", "Comet C2 2023 will pass the Sun in May.", [("2", "designation"), ("2023", "name")]),
    # A hyphen before a word magnitude keeps it; "10-m" is a length.
    (
        "hand",
        "The SGD1.75-billion terminal and a $2-million deal sit behind a 10-m wall.",
        [("SGD1.75-billion", None), ("$2-million", None), ("10", None)],
    ),
    # Odds and ratings are one share; "3 in 2019" and "2 in 10 minutes" are no odds.
    (
        "hand",
        "Forecasters gave a 1 in 300 chance of frost, and one in five farms lost crops.",
        [("1 in 300", None), ("one in five", None)],
    ),
    ("hand", "The storm was rated 2 out of 10 on the local scale.", [("2 out of 10", None)]),
    # "one" as a pronoun or in an idiom counts nothing; "one plant" does.
    (
        "hand",
        "He called it one that was decades in the making; day one motions and one type of car followed.",
        [("one", "set phrase"), ("one", "set phrase"), ("one", "set phrase")],
    ),
    ("hand", "Volta will close one plant that makes engines.", [("one", None)]),
    (
        "hand",
        "Kesta won 3 in 2019 and scored 2 in 10 minutes.",
        [("3", None), ("2019", "date"), ("2", None), ("10", None)],
    ),
]


@pytest.mark.parametrize(
    ("origin", "sentence", "expected"), CASES, ids=[f"{o}-{i}" for i, (o, _, _) in enumerate(CASES)]
)
def test_detect(origin: str, sentence: str, expected: list[tuple[str, str | None]]) -> None:
    article = ingest.parse(sentence + "\n", "s.txt")
    found = [(m.text, m.not_figure) for m in mentions.detect(article)]
    assert found == expected


def test_table_is_large_and_mostly_not_from_the_seeds() -> None:
    hand = sum(1 for origin, _, _ in CASES if origin == "hand")
    assert len(CASES) >= 40 and hand >= len(CASES) / 2


def test_seed_rows_are_really_in_the_seeds() -> None:
    seeds = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in SEEDS.glob("*.txt"))
    for origin, sentence, _ in CASES:
        if origin == "seed":
            assert sentence in seeds


def test_offsets_and_sentences_are_exact() -> None:
    text = "Headline\nKirby said 1,000 died. Zelenskyy said 3,000.\nShare.\n"
    article = ingest.parse(text, "x.txt")
    for m in mentions.detect(article):
        assert text[m.start : m.end] == m.text
        assert m.text in text[m.sentence_start : m.sentence_end]
    assert [text[m.sentence_start : m.sentence_end] for m in mentions.detect(article)] == [
        "Kirby said 1,000 died.",
        "Zelenskyy said 3,000.",
    ]


def test_boilerplate_numbers_are_not_mentions() -> None:
    article = ingest.parse(
        "Headline\n12 killed.\n© 2024 Globe Timeline. All Rights Reserved.\n", "x.txt"
    )
    assert [m.text for m in mentions.detect(article)] == ["12"]


def test_the_sentence_before_a_number_is_known_without_reading_the_article_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Once, each number re-read every sentence of the article: quadratic on a long one.
    text = "".join(f"Ana Lima spoke in Porto. They said {n} ships waited.\n" for n in range(10, 60))
    article = ingest.parse(text, "ships.txt")
    found = mentions.detect(article)
    assert len(found) == 50
    read: list[int] = []
    real = mentions.sentences
    monkeypatch.setattr(mentions, "sentences", lambda a: read.append(1) or real(a))
    assert {mentions.previous_sentence(article, m) for m in found} == {"Ana Lima spoke in Porto."}
    assert read == []

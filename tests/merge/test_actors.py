"""cluster_actors finds groups through indexes; here it is held to the plain pairwise scan it
replaced (written again below as the reference), on synthetic extractions (bench/synthetic.py,
generated, no model) and on spelling variants of one name."""

from __future__ import annotations

import threading

import pytest

from bench.synthetic import extractions
from summarizer.merge.actors import _same_person, cluster_actors
from summarizer.models import Actor, Evidence
from summarizer.text.names import _variants, person_core
from summarizer.text.names import similar as _similar


def _reference(actors: list[Actor]) -> list[list[Actor]]:
    """The scan over every group, person by person (persons only)."""
    clusters: list[list[Actor]] = []
    singles = []
    for actor in actors:
        if len(person_core(actor.name).split()) == 1:
            singles.append(actor)
            continue
        same = next((c for c in clusters if any(_same_person(actor.name, o.name) for o in c)), None)
        if same is None:
            clusters.append([actor])
        else:
            same.append(actor)
    for actor in singles:
        matches = [c for c in clusters if any(_same_person(actor.name, o.name) for o in c)]
        if len(matches) == 1:
            matches[0].append(actor)
        else:
            clusters.append([actor])
    return clusters


def _shape(groups: list[list[Actor]]) -> list[list[int]]:
    return sorted(sorted(id(a) for a in g) for g in groups)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_indexed_grouping_equals_the_pairwise_scan(seed: int) -> None:
    people = [a for x in extractions(120, seed=seed) for a in x.actors if a.kind == "person"]
    assert _shape(cluster_actors(people)) == _shape(_reference(people))


def test_spelling_variants_of_a_surname_join_one_group() -> None:
    evidence = [Evidence(article_id="a", start=0, end=1, quote="x")]
    names = ["Volodymyr Zelenskyy", "Volodymyr Zelensky", "Volodymyr Zelenskiy", "Zelenskyy"]
    actors = [Actor(name=n, kind="person", evidence=evidence) for n in names]
    (group,) = cluster_actors(actors)
    assert [a.name for a in group] == names


@pytest.mark.parametrize(
    ("a", "b"), [("zelensky", "zelenskyy"), ("zelenskyy", "zelenskiy"), ("umerov", "umierov")]
)
def test_similar_words_share_a_spelling_with_letters_left_out(a: str, b: str) -> None:
    assert _similar(a, b) and _variants(a) & _variants(b)


def test_a_name_of_nothing_but_dashes_is_kept_apart_not_a_crash() -> None:
    evidence = [Evidence(article_id="a", start=0, end=5, quote="-- --")]
    actors = [Actor(name="-- --", kind="person", evidence=evidence)]
    assert len(cluster_actors(actors)) == 1


def _people(*names: str) -> list[Actor]:
    evidence = [Evidence(article_id="a", start=0, end=1, quote="x")]
    return [Actor(name=n, kind="person", evidence=evidence) for n in names]


def test_long_words_are_grouped_as_the_pairwise_scan_groups_them() -> None:
    # Past 15 letters a word is compared by a scan of the lengths it may match, not through
    # its spellings: the groups must be the same as the reference's, across that boundary.
    people = _people(
        "Ana Llanfairpwllgwyngyll",  # 20 letters
        "Ana Llanfairpwllgwyngil",  # 19, two letters off: the same surname
        "Llanfairpwllgwyngyl",
        "Bo Aberystwythshire",  # 16
        "Bo Aberystwythshir",  # 15: indexed, must still meet the 16-letter form
        "Bo Aberystwyths",  # 14
        "Cy Xylophonist",
    )
    assert _shape(cluster_actors(people)) == _shape(_reference(people))
    assert len(cluster_actors(people)) == 3


def test_one_very_long_word_does_not_hang_the_grouping() -> None:
    # A 58-letter word once meant enumerating every spelling with 15 letters left out (it
    # never finished); a run of 32 Chinese characters is one word of 32 letters.
    names = (
        "Mr Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch",
        "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch",
        "习近平主席今天在北京人民大会堂会见了来访的美国国务卿布林肯先生和他的代表团",
        "John Kirby",
    )
    done: list[list[list[Actor]]] = []
    worker = threading.Thread(target=lambda: done.append(cluster_actors(_people(*names))))
    worker.daemon = True
    worker.start()
    worker.join(timeout=30)
    assert done, "grouping four names took more than 30 s"
    assert [len(g) for g in done[0]] == [2, 1, 1]


def test_a_name_with_its_acronym_in_brackets_is_one_actor_with_it() -> None:
    """Hand-written, after the recorded mixed day ("Singapore Airlines (SIA)" and "Singapore
    Airlines" were two entries): the bracketed acronym names the same organisation, and so
    does the acronym alone; another organisation stays apart."""
    from summarizer.merge.actors import display_name

    def org(name: str) -> Actor:
        return Actor(
            name=name,
            kind="organization",
            evidence=[Evidence(article_id="a", start=0, end=1, quote="x")],
        )

    groups = cluster_actors(
        [org("Singapore Airlines (SIA)"), org("Singapore Airlines"), org("SIA"), org("Qantas")]
    )
    assert [sorted(a.name for a in g) for g in groups] == [
        ["SIA", "Singapore Airlines", "Singapore Airlines (SIA)"],
        ["Qantas"],
    ]
    assert display_name(groups[0]) == "Singapore Airlines"

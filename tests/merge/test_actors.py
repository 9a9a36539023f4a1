"""cluster_actors finds groups through indexes; here it is held to the plain pairwise scan it
replaced (written again below as the reference), on synthetic extractions (bench/synthetic.py,
generated, no model) and on spelling variants of one name."""

from __future__ import annotations

import pytest

from bench.synthetic import extractions
from summarizer.merge.actors import _same_person, _variants, cluster_actors
from summarizer.models import Actor, Evidence
from summarizer.text.names import person_core
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

"""Events across articles: a story's tellings of one event by several outlets become one
development. No model call (the model's second opinion is repeats.py's, after this).

Each telling is compared with the story's others as a bag of weighted terms, by cosine:

- the content words of its sentence, by lemma (text/support.py's reading: no function word,
  no neutral reporting verb), each weighing by how rare it is in the story's tellings
  (smoothed IDF: a word every telling uses still counts a little) times how rare it is in
  general English (text/lexicon.py's ``rareness``, from wordfreq): within a war story
  "troops" says little, "inauguration" much; within a market story, "shares" little;
- the figure groups its own sentence (its first cited span) gives a value of, when the group
  says what it counts (merge/figures.py has already decided that those values count the
  same thing): two tellings of "over 1,000 killed or wounded" and "thousands of casualties"
  share that group as a term, worth ``_FIGURE`` of a word never seen, whatever their
  wording. A figure in a later cited span is context: models often cite the next paragraph
  as well, and its figures belong to another event.

An article's headline is no telling when its body tells anything (``_body_events``), or when
its source tells the story's other developments by their figures (``_without_bare_headlines``):
it sums up facts that the body tells one by one. So does a standfirst, the summary paragraph
right after the title that web copy often opens with (text/sentences.py): a point of it that a
later telling of the same article is at least ``NEAR`` alike to is no telling either
(``_retold_standfirsts``): the body tells it again, with its details. Nor is a sentence
that is mostly someone's quoted words, when the article's statements hold them
(``quoted_share``): who says what lists it. A sentence that goes on with the one before it
by a demonstrative ("This new aid would provide ...", ``_continuations``) is told with it:
one development in two sentences, never two developments of one source.

Two tellings that share no figure and no person join only at ``JOIN_WORDS``, higher than
``JOIN``: a few words every telling of a story uses are no shared event. Two tellings never
join when they come from the same source (an article's two points stay two), or when each names people and none in common ("Rui Dias opened the market", "Ivo Sa
opened the market"). Tellings are joined by average link (merge/linkage.py) while the mean
similarity of two groups reaches ``JOIN``; then a lone telling whose own sentence gives a
figure group joins the one development that gives it too (``_by_own_figures``), and a source
that gives a value of a group that one development alone gives, but tells none of its
events, tells it in that value's sentence (``_told_by_figures``: the model may have
extracted no event from it). Each telling is compared with its ``NEIGHBOURS`` nearest only,
so the time grows with a story's tellings, not their square.

``JOIN`` was set by reading the pairs of the seeds (one war story, five outlets) and of four
Wikinews stories of other beats (a bankruptcy, an aircraft delivery, an asteroid, cricket):
at 0.2 the joins were right but one; pairs between ``NEAR`` and ``JOIN`` are what the model
is asked about (repeats.py). No word of any topic is written here.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from summarizer.figures.build import says_what_it_counts
from summarizer.merge import linkage
from summarizer.merge.actors import display_name
from summarizer.merge.citations import Citations, spans, stable_id
from summarizer.models import (
    Actor,
    Article,
    ArticleExtraction,
    Development,
    Event,
    Evidence,
    FigureGroup,
    Telling,
    extend_evidence,
    span_of,
)
from summarizer.text.fold import fold, fold_name
from summarizer.text.lexicon import rareness
from summarizer.text.names import person_core, person_key
from summarizer.text.sentences import clean_span, refers_back, sentences, standfirst, title_line
from summarizer.text.support import content_lemmas

# Two groups of tellings are one development while their mean similarity reaches this.
JOIN = 0.2
# Two tellings that share no figure and no person are joined by their words only when they
# are this alike: three words a story uses often ("Ukrainian", "forces", "Kursk") brought 0.225
# to a live run's "Ukrainian forces are struggling in Kursk" and "8,000 North Korean soldiers
# ... against Ukrainian troops in Kursk, 80% of a force"; every word-only join that was right
# in the recorded seeds and the mixed day's four other stories reaches 0.29.
JOIN_WORDS = 0.25
# Pairs of developments this close, but under JOIN, are offered to the model (repeats.py).
NEAR = 0.08
# Each telling is compared with at most this many of its most similar tellings.
NEIGHBOURS = 30
# A shared figure group weighs this much of a word never seen in general English.
_FIGURE = 0.5
_FIGURE_TERM = "#"  # figure terms are "#" + the group's id: no word starts so

_NOT_WORD = re.compile(r"\W+")


@dataclass
class _Told:
    """One event as one article tells it, with what clustering compares."""

    event: Event
    evidence: list[Evidence]
    source: int
    people: set[str]
    terms: set[str] = field(default_factory=set)
    spans: set[tuple[str, int, int]] = field(default_factory=set)  # of ``evidence``
    # "headline" or "standfirst" when its own sentence lies in the article's title line or
    # standfirst (text/sentences.py): a summary of what the body tells.
    opening: str = ""
    # The next sentences that go on with it ("This new aid would ..."), as events of their own.
    continued: list[str] = field(default_factory=list)
    # Told with the sentence before it, which it goes on with ("This new aid would ...").
    goes_on: bool = False


def cluster_events(
    extractions: list[ArticleExtraction],
    people: dict[int, str],
    names: dict[str, str],
    book: Citations,
    figures: Iterable[FigureGroup] = (),
    figure_book: Citations | None = None,
) -> list[Development]:
    """Cluster the events of one story's articles into developments, each with every source
    telling it (see the module docstring). ``figures`` are the story's figure groups, their
    claims numbered in ``figure_book`` (``book`` when not given); ``people`` is
    ``people_of`` the day's actor groups."""
    told = list(_tellings(extractions, people, names, book))
    # A group that only says what kind of number it holds ("quantity") brings nothing closer.
    figures = [g for g in figures if says_what_it_counts(g.counted)]
    at = _figure_spans(figures, figure_book or book)
    for t in told:
        t.terms |= _own_figures(t, at)
    vectors = term_vectors([t.terms for t in told])
    retold = _retold_standfirsts(told, vectors)
    if retold:
        told = [t for k, t in enumerate(told) if k not in retold]
        vectors = term_vectors([t.terms for t in told])

    sources = np.array([t.source for t in told], dtype=np.int64)

    def apart(i: int, cols: np.ndarray, sims: np.ndarray) -> np.ndarray:
        # The ``NEIGHBOURS`` most similar tellings that may be one with ``i``, the rest 0: the
        # sources are compared at once, the people only of the closest, in order, until
        # enough are kept (not of every telling of a big story).
        sims = np.where(sources[cols] == sources[i], 0.0, sims)
        kept = np.zeros_like(sims)
        found = 0
        for k in np.argsort(-sims, kind="stable").tolist():
            if found == NEIGHBOURS or sims[k] <= 0:
                break
            if _may_be_one(told[i], told[int(cols[k])]):
                kept[k] = _by_words_only(told[i], told[int(cols[k])], float(sims[k]))
                found += 1
        return kept

    edges = linkage.nearest(vectors, NEIGHBOURS, apart)

    def compatible(a: list[int], b: list[int]) -> bool:
        # No source twice, and no two tellings that each name people with none in common,
        # even when a third telling that names no one stands between them.
        if {told[k].source for k in a} & {told[k].source for k in b}:
            return False
        named_a = {frozenset(told[k].people) for k in a if told[k].people}
        named_b = {frozenset(told[k].people) for k in b if told[k].people}
        return all(x & y for x in named_a for y in named_b)

    clusters = linkage.average_link(len(told), edges, JOIN, compatible=compatible)
    clusters = _by_own_figures(told, clusters, edges, at)
    counted = {g.id: g.counted for g in figures}
    by_figures = _told_by_figures(told, clusters, figures, figure_book or book)
    published = {x.article.id: x.article.published for x in extractions}
    return [
        _development(_latest_first([told[k] for k in members], published), book, counted, more)
        for members, more in _without_bare_headlines(told, clusters, by_figures)
    ]


def _latest_first(cluster: list[_Told], published: dict[str, str | None]) -> list[_Told]:
    """The cluster with the telling of its latest article first, when its articles give
    dates and not all the same one: a development told on two days is shown in its latest
    words ("2004 MN4's assessed risk has been corrected downward to zero", not the "highest
    risk" of five days before), the earlier telling beside it. Otherwise as it is."""
    dates = [published.get(t.evidence[0].article_id) for t in cluster]
    if None in dates or len(set(dates)) < 2:
        return cluster
    latest = max(range(len(cluster)), key=lambda k: (dates[k] or "", -k))
    return [cluster[latest], *cluster[:latest], *cluster[latest + 1 :]]


def _retold_standfirsts(told: list[_Told], vectors: sparse.csr_matrix) -> set[int]:
    """The tellings from an article's standfirst that a later telling of the same article
    tells again (at least ``NEAR`` alike): a standfirst sums up the body point by point, so
    each of its points is a repeat of the body's, with fewer details. A point of the
    standfirst that the body does not tell stays a telling."""
    later: dict[str, list[int]] = {}
    for k, t in enumerate(told):
        if not t.opening:
            later.setdefault(t.evidence[0].article_id, []).append(k)
    out: set[int] = set()
    for k, t in enumerate(told):
        others = later.get(t.evidence[0].article_id, [])
        if t.opening != "standfirst" or not others:
            continue
        sims = (vectors[others] @ vectors[k].T).toarray().ravel()
        if sims.max() >= NEAR:
            out.add(k)
    return out


def _without_bare_headlines(
    told: list[_Told],
    clusters: list[list[int]],
    by_figures: list[list[tuple[int, list[Evidence], str]]],
) -> Iterable[tuple[list[int], list[tuple[int, list[Evidence], str]]]]:
    """The clusters and the sources that tell them by a figure, less a development told
    only by headlines whose sources all tell other developments of the story: an article
    from which the model extracted its headline alone still tells the body's facts through
    its figures (``_told_by_figures``), and the headline sums those facts up."""
    telling: dict[int, set[int]] = {}  # a source -> the clusters it tells
    for n, (members, more) in enumerate(zip(clusters, by_figures, strict=True)):
        for source in [*(told[k].source for k in members), *(s for s, _, _ in more)]:
            telling.setdefault(source, set()).add(n)
    for n, (members, more) in enumerate(zip(clusters, by_figures, strict=True)):
        bare = not more and all(told[k].opening == "headline" for k in members)
        if bare and all(telling[told[k].source] - {n} for k in members):
            continue
        yield members, more


def _by_own_figures(
    told: list[_Told],
    clusters: list[list[int]],
    edges: dict[tuple[int, int], float],
    at: dict[str, list[tuple[int, int, str]]],
) -> list[list[int]]:
    """A lone telling whose own sentence (its first cited span) gives a value of a figure
    group joins the one other development that gives that group too, when it is at least
    ``NEAR`` alike to one of its tellings, with a word in common, and brings a new source:
    "Kirby noted more than 1,000 North Korean troops killed or wounded" is the casualties
    development, however it is worded, and "£1 billion of military aid" and "$1.25 billion of military assistance"
    are one aid package though each is told by one source. A figure in a telling's second
    sentence is context, and joins nothing."""
    gives: dict[str, set[int]] = {}  # a figure term -> the clusters whose tellings give it
    for n, members in enumerate(clusters):
        for k in members:
            for term in told[k].terms:
                if _is_figure(term):
                    gives.setdefault(term, set()).add(n)
    moved: dict[int, int] = {}
    for n, members in enumerate(clusters):
        if len(members) != 1:
            continue
        (k,) = members
        own = _own_figures(told[k], at)
        hosts = {h for term in own for h in gives.get(term, ()) if h != n and h not in moved}
        if len(hosts) != 1:
            continue
        (host,) = hosts
        if told[k].source in {told[m].source for m in clusters[host]}:
            continue  # one telling per source (the host grows as tellings join it)
        if any(
            edges.get((min(k, m), max(k, m)), 0.0) >= NEAR and _shares_a_word(told[k], told[m])
            for m in clusters[host]
        ):
            moved[n] = host
            clusters[host] = sorted([*clusters[host], k])
    return sorted((c for n, c in enumerate(clusters) if n not in moved), key=lambda c: c[0])


def _shares_a_word(a: _Told, b: _Told) -> bool:
    """Whether two tellings share a word, not only figures: a figure group alone says the
    values count the same thing, not that two sentences tell the same event."""
    return any(not _is_figure(t) for t in a.terms & b.terms)


def _own_figures(t: _Told, at: dict[str, list[tuple[int, int, str]]]) -> set[str]:
    """The figure terms of the groups a value of which lies in the telling's own sentence
    (its first cited span). A figure in a later span is context: models often cite the next
    paragraph as well, and its figures are another event's."""
    first = t.evidence[0]
    return {
        figure_term(gid)
        for start, end, gid in at.get(first.article_id, ())
        if first.start <= start and end <= first.end
    }


def term_vectors(term_sets: list[set[str]]) -> sparse.csr_matrix:
    """One L2-normalised row per set: a term weighs its smoothed IDF among the sets times its
    rareness in general English (a figure term: ``_FIGURE``). The dot product of two rows is
    the cosine similarity of the two sets."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for i, terms in enumerate(term_sets):
        for term in sorted(terms):  # the same columns, and sums, whatever the hash seed
            rows.append(i)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
    n = len(term_sets)
    counts = np.bincount(np.array(cols, dtype=np.int64), minlength=len(vocabulary))
    weight = np.array(
        [
            (math.log((1 + n) / (1 + counts[k])) + 1) * _worth(term)
            for term, k in vocabulary.items()
        ],
        dtype=np.float64,
    )
    data = weight[np.array(cols, dtype=np.int64)] if cols else np.zeros(0)
    matrix = sparse.csr_matrix((data, (rows, cols)), shape=(n, len(vocabulary)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def _worth(term: str) -> float:
    return _FIGURE if _is_figure(term) else rareness(term)


def _figure_spans(
    figures: Iterable[FigureGroup], book: Citations
) -> dict[str, list[tuple[int, int, str]]]:
    """By article: the span of each figure claim's citation, and its group's id."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for g in figures:
        for claim in g.claims:
            for n in claim.citations:
                c = book.items[n - 1]
                out.setdefault(c.article_id, []).append((c.start, c.end, g.id))
    return out


def figure_term(group_id: str) -> str:
    """The term that stands for a figure group among a telling's words."""
    return _FIGURE_TERM + group_id


def _is_figure(term: str) -> bool:
    return term.startswith(_FIGURE_TERM)


def _by_words_only(a: _Told, b: _Told, similarity: float) -> float:
    """The similarity two tellings are joined by: as it is when they share a figure or a
    person, else held under ``JOIN`` unless it reaches ``JOIN_WORDS`` (it still counts for
    ``NEAR``: the model may be asked about the pair)."""
    if similarity >= JOIN_WORDS or a.people & b.people:
        return similarity
    if any(_is_figure(t) for t in a.terms & b.terms):
        return similarity
    return min(similarity, JOIN * 0.99)


def _may_be_one(a: _Told, b: _Told) -> bool:
    """Different sources, and not each naming people with none in common."""
    if a.source == b.source:
        return False
    return not (a.people and b.people and not a.people & b.people)


def people_of(groups: list[list[Actor]]) -> dict[int, str]:
    """Each person mention (by ``id``) and the merged name of its person: made once for the
    day, not once per story (a story's tellings look up only their own articles' actors)."""
    return {
        id(a): name
        for g in groups
        if any(a.kind == "person" for a in g)
        for name in [display_name(g)]
        for a in g
        if a.kind == "person"
    }


def _tellings(
    extractions: list[ArticleExtraction],
    people: dict[int, str],
    names: dict[str, str],
    book: Citations,
) -> Iterable[_Told]:
    for x in extractions:
        text = x.article.text
        title, lead = title_line(x.article), standfirst(x.article)
        # Each form of each person the article names, found by its last word: a paragraph is
        # checked only for the forms whose last word it holds, not for everyone's.
        by_last: dict[str, list[tuple[str, str]]] = {}
        for a in x.actors:
            if id(a) in people:
                for form in map(_spaced, _forms(a)):
                    by_last.setdefault(form.split()[-1] if form.split() else "", []).append(
                        (people[id(a)], form)
                    )
        seen: dict[str, _Told] = {}
        for event in _body_events(x):
            key = fold_name(event.summary).rstrip(".")
            if key in seen:  # the same words from several spans of one article: one telling
                extend_evidence(seen[key].evidence, event.evidence, seen[key].spans)
                continue
            first = event.evidence[0]
            start = text.rfind("\n", 0, first.start) + 1
            end = text.find("\n", first.end)
            paragraph = _as_words(
                fold(text[start : end if end != -1 else len(text)], accents=False)
            )
            candidates = (c for w in {*paragraph.split(), ""} for c in by_last.get(w, ()))
            named = {name for name, form in candidates if form in paragraph}
            named |= {names[k] for k in map(person_key, event.actors) if k in names}
            seen[key] = _Told(
                event,
                list(event.evidence),
                book.sources[first.article_id],
                named,
                # People count as people, not as words: a shared name alone is no shared event.
                content_lemmas(event.summary) - {w for n in named for w in content_lemmas(n)},
            )
            seen[key].spans = {span_of(v) for v in event.evidence}
            for name, span in (("headline", title), ("standfirst", lead)):
                if span is not None and span[0] <= first.start < span[1]:
                    seen[key].opening = name
        yield from _continuations(list(seen.values()), x.article, title)


def _continuations(
    told: list[_Told], article: Article, title: tuple[int, int] | None
) -> list[_Told]:
    """An article's tellings, each sentence that goes on with the one before it by a
    demonstrative (text/sentences.py ``refers_back``: "... assistance of $1.25 billion. This
    new aid would provide Ukraine with ...") told with that sentence, in the same paragraph:
    one development in two sentences. When the sentence before is a telling too, the later
    one joins it (its spans, words and people); else that sentence becomes the telling's
    first, so that its words and figures count ("This new aid" alone says nothing of which).
    Not the title line, which no body sentence goes on with."""
    text = article.text
    spans = list(sentences(article))
    starts = [a for a, _ in spans]
    by_sentence: dict[int, _Told] = {}  # a sentence's index -> the telling it opens
    for t in told:
        k = bisect.bisect_right(starts, t.evidence[0].start) - 1
        if k >= 0:
            by_sentence.setdefault(k, t)
    head: dict[int, _Told] = {}  # id of a telling -> the telling it goes on with
    for k, t in sorted(by_sentence.items()):
        first = t.evidence[0]
        if k == 0 or not refers_back(first.quote) or first.start > spans[k][0]:
            continue
        a, b = spans[k - 1]
        if "\n" in text[b : first.start] or (title is not None and a < title[1]):
            continue
        before = by_sentence.get(k - 1)
        if before is not None:
            into = head.get(id(before), before)
            extend_evidence(into.evidence, t.evidence, into.spans)
            into.terms |= t.terms
            into.people |= t.people
            into.continued.append(t.event.summary)
            head[id(t)] = into
            continue
        a, b = clean_span(article, a, b, b - 1)  # never over boilerplate, as all evidence
        lead = Evidence(article_id=article.id, start=a, end=b, quote=text[a:b])
        t.evidence.insert(0, lead)
        t.spans.add(span_of(lead))
        t.terms |= content_lemmas(lead.quote) - {w for n in t.people for w in content_lemmas(n)}
        t.event = t.event.model_copy(update={"summary": f"{lead.quote} {t.event.summary}"})
        t.goes_on = True
    return [t for t in told if id(t) not in head]


def _body_events(x: ArticleExtraction) -> list[Event]:
    """The article's events, less those told by its headline alone when the body tells any:
    a headline sums up the article's facts ("US Reports High Casualties Amid New Aid"), which
    its body tells one by one with their details, so as a development of its own it repeats
    them. Less, too, a sentence that is mostly someone's quoted words when the article's
    statements hold them: what was said is listed under who says what, and as a development
    too it says again what the article's other sentences tell ("'The attacks have likely
    resulted in heavy casualties,' he clarified"). An article whose only events are these
    keeps them."""
    title = title_line(x.article)
    said = [span_of(v) for s in x.statements for v in s.evidence]

    def set_aside(e: Event) -> bool:
        first = e.evidence[0]
        if title is not None and first.start < title[1] and title[0] < first.end:
            return True
        return quoted_share(first.quote) >= 0.5 and any(
            a == first.article_id and b < first.end and first.start < c for a, b, c in said
        )

    body = [e for e in x.events if not set_aside(e)]
    return body or list(x.events)


# Words after an opening quotation mark, curly or straight, up to a closing one or the end
# (web copy mixes the two kinds, and a cited sentence may stop before its closing mark).
_QUOTED = re.compile(r"[“\"]([^“”\"]*)(?:[”\"]|$)")


def quoted_share(sentence: str) -> float:
    """The share of a sentence's characters that lie between quotation marks."""
    inside = sum(len(m.group(1)) for m in _QUOTED.finditer(sentence))
    return inside / len(sentence) if sentence else 0.0


def _told_by_figures(
    told: list[_Told],
    clusters: list[list[int]],
    figures: list[FigureGroup],
    figure_book: Citations,
) -> list[list[tuple[int, list[Evidence], str]]]:
    """For each cluster, the sources that give a value of one of its figure groups but tell
    none of its events, each with the sentences of those values and the group's label: a
    source from which no event was extracted, or whose events all lie elsewhere, still
    reports "over 1,000 casualties in a week" when it gives that figure. Only a group that
    one cluster alone gives is followed (a group given by two developments says nothing of
    which one a value belongs to), and never a source the cluster already has."""
    gives: dict[str, list[int]] = {}
    for n, members in enumerate(clusters):
        for term in sorted({t for k in members for t in told[k].terms if _is_figure(t)}):
            gives.setdefault(term[len(_FIGURE_TERM) :], []).append(n)
    out: list[list[tuple[int, list[Evidence], str]]] = [[] for _ in clusters]
    for g in figures:
        hosts = gives.get(g.id, [])
        if len(hosts) != 1:
            continue
        (host,) = hosts
        have = {told[k].source for k in clusters[host]} | {s for s, _, _ in out[host]}
        by_source: dict[int, list[Evidence]] = {}
        for claim in g.claims:
            if claim.source in have:
                continue
            for n in claim.citations:
                c = figure_book.items[n - 1]
                evidence = Evidence(
                    article_id=c.article_id, start=c.start, end=c.end, quote=c.quote
                )
                if evidence not in by_source.setdefault(claim.source, []):
                    by_source[claim.source].append(evidence)
        out[host] += [(source, ev, g.counted) for source, ev in sorted(by_source.items())]
    return out


def _development(
    cluster: list[_Told],
    book: Citations,
    counted: dict[str, str],
    by_figures: list[tuple[int, list[Evidence], str]],
) -> Development:
    first = cluster[0].event
    citations: list[int] = []
    tellings: list[Telling] = []
    for k, told in enumerate(cluster):
        cited = [book.cite(v) for v in told.evidence]
        citations += [n for n in cited if n not in citations]
        tellings.append(
            Telling(
                source=told.source,
                text=told.event.summary,
                citations=list(dict.fromkeys(cited)),
                joined="first" if k == 0 else "words",
                why=("told first" if k == 0 else _why(cluster[0], told, counted))
                + "".join(f"; goes on in its next sentence: {_short(c)}" for c in told.continued)
                + (
                    "; told with the sentence before, which it goes on with" if told.goes_on else ""
                ),
            )
        )
    for source, evidence, label in by_figures:
        cited = [book.cite(v) for v in evidence]
        citations += [n for n in cited if n not in citations]
        tellings.append(
            Telling(
                source=source,
                text=evidence[0].quote,
                citations=list(dict.fromkeys(cited)),
                joined="figure",
                why=f"gives the figure {label}",
            )
        )
    sources = sorted({t.source for t in tellings})
    outlets = {book.outlets[n] for n in sources}
    figures = sorted({t[len(_FIGURE_TERM) :] for c in cluster for t in c.terms if _is_figure(t)})
    return Development(
        id=stable_id("e", fold_name(first.summary), spans(first.evidence)),
        text=first.summary,
        citations=citations,
        actors=sorted({p for t in cluster for p in t.people}),
        sources=sources,
        single_outlet=len(outlets) == 1,
        tellings=tellings,
        figures=figures,
    )


def _why(first: _Told, other: _Told, counted: dict[str, str]) -> str:
    """What a telling shares with the first: its people, figures and (some of) its words,
    the rarest first."""
    people = sorted(first.people & other.people)
    shared = first.terms & other.terms
    figures = sorted(counted[t[len(_FIGURE_TERM) :]] for t in shared if _is_figure(t))
    words = sorted((t for t in shared if not _is_figure(t)), key=lambda w: (-rareness(w), w))
    parts = [f"names {', '.join(people)}"] if people else []
    parts += [f"gives the figure {', '.join(figures)}"] if figures else []
    if words:
        shown = ", ".join(words[:6]) + (f" and {len(words) - 6} more" if len(words) > 6 else "")
        parts.append(f"shares the words {shown}")
    return "; ".join(parts) or "close to the others"


def _short(sentence: str, words: int = 8) -> str:
    """A sentence's first words, quoted, for a telling's ``why``."""
    cut = sentence.split()
    return "“" + " ".join(cut[:words]) + (" …”" if len(cut) > words else "”")


def _forms(actor: Actor) -> list[str]:
    """How a person is written: the full name and the surname alone, folded."""
    core = fold_name(person_core(actor.name))
    return [core, core.split()[-1]] if " " in core else [core]


def _as_words(text: str) -> str:
    """``text`` as words between single spaces, with a space at each end: a name is a whole
    word (or words) of a paragraph when its form, written so, is inside the paragraph's."""
    return f" {' '.join(_NOT_WORD.split(text)).strip()} "


@functools.lru_cache(maxsize=1 << 16)
def _spaced(name: str) -> str:
    """A name's form, as ``_as_words`` writes it (cached: names come back, paragraphs not)."""
    return _as_words(name)

"""The day's articles grouped into stories, before anything else is merged. No model call.

An article is a bag of weighted words, compared with every other by cosine similarity:

- a word weighs by how rare it is in the day's articles (TF-IDF, scikit-learn's sparse
  vectors) times how rare it is in general English (``wordfreq``'s shipped frequency lists),
  so a day of three articles still knows "the" from "Kursk";
- pairs of adjacent uncommon words count too ("dow jones", "central banks");
- a name (a capitalised word that does not open its sentence) and a word of the headline
  count three times: who and where a story is about says more than how it is told;
- numbers count for nothing: two market reports share their index figures, not their story;
- a word no other article uses counts for little in the norm (``_UNSHARED``): it joins
  nothing, and weighed in full it would dilute a long article full of one-off names;
- articles published weeks apart are less close: a story is an event in time (the articles
  of one day are compared by their words alone).

Stories are built by average-link agglomeration: the two closest stories join while their
mean article-to-article similarity reaches ``JOIN`` and ``COHESION`` times the looser
story's own mean, so a story of six articles is not joined by one paragraph that one of them
shares with another story, nor two close-knit stories of a small day by a shared beat. Only each article's
``NEIGHBOURS`` most similar articles are compared (a pair outside both lists counts as 0), so
the time grows with the number of articles times that bound, not with its square
(``python -m bench.stories`` prints it at 10,000 articles).

There is no list of a topic's words here; the thresholds were set on the Wikinews set of
tests/data/news (20 stories of markets, business, disasters, science, sport and politics)
and checked on the seeds (one war story told by five outlets).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from summarizer.merge import linkage
from summarizer.models import Article
from summarizer.text import lexicon

# Two stories join while the mean similarity of their articles reaches this.
JOIN = 0.13
# ... and this share of the looser story's own mean similarity (a lone article sets none).
COHESION = 0.5
# Each article is compared with at most this many of its most similar articles.
NEIGHBOURS = 30
# A word of general English is worth ((ceiling - zipf) / ceiling) ** power of a word never
# seen: "the" (zipf 7.7) nothing, "market" (5.3) 0.04, "Nikkei" (2.6) 0.31, "Kursk" (2.4)
# 0.34. The cube keeps a beat's shared vocabulary (index, shares, fell) from joining two
# market stories that name different exchanges, banks and people.
_RARITY_POWER = 3
# Adjacent words both rarer than this also count as a phrase.
_PHRASE = 0.3**_RARITY_POWER
# A name or a headline word is counted this many times.
_BOOST = 3
# Articles published this many days apart are e^-1 times as close (by their datelines; a day's
# articles, or articles with no dateline, are compared by their words alone).
_DAYS = 30.0
# A word only one article uses cannot join it to another: it counts this much in the norm.
_UNSHARED = 0.15

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)
_BREAK = re.compile(r"\s*[^\w\s'’-]")  # punctuation after a word: no phrase across it
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’')]*\s+|\n)\s*[\"“‘'(]*$")


@dataclass(frozen=True)
class Story:
    """The articles of one story (indices into the list given), in the order given."""

    members: tuple[int, ...]


def cluster(articles: Sequence[Article]) -> list[Story]:
    """Group ``articles`` into stories; each article in exactly one. In input order of each
    story's first article (ranking is the caller's, who knows outlets and dates)."""
    if not articles:
        return []
    if len(articles) == 1:
        return [Story((0,))]
    vectors = _vectors(articles)
    edges = _neighbours(vectors, _days(articles))
    groups = linkage.average_link(len(articles), edges, JOIN, COHESION)
    return [Story(tuple(g)) for g in groups]


def _vectors(articles: Sequence[Article]) -> sparse.csr_matrix:
    """One row an article: sublinear TF-IDF over the day, times general rarity, L2-normed.

    A word no other article uses joins nothing; it counts ``_UNSHARED`` times its weight in
    the article's norm only, so that a long article full of one-off names is not diluted, and
    two articles sharing a lone common word are not taken for one story."""
    vectorizer = TfidfVectorizer(analyzer=_terms, sublinear_tf=True, norm=None, dtype=np.float32)
    matrix = sparse.csr_matrix(vectorizer.fit_transform(articles))
    vocabulary = vectorizer.get_feature_names_out()
    rarity = np.array([_rarity(w) for w in vocabulary], dtype=np.float32)
    matrix = sparse.csr_matrix(matrix.multiply(rarity[np.newaxis, :]))
    shared = np.asarray((matrix > 0).sum(axis=0)).ravel() >= 2
    in_norm = sparse.csr_matrix(matrix.multiply(np.where(shared, 1.0, _UNSHARED)[np.newaxis, :]))
    norms = np.sqrt(np.asarray(in_norm.multiply(in_norm).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    kept = sparse.csr_matrix(matrix[:, np.flatnonzero(shared)])
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ kept, dtype=np.float32)


def _terms(article: Article) -> list[str]:
    """The words of an article, lower-cased, and each pair of adjacent uncommon words ("dow
    jones", "central banks"); names and headline words repeated ``_BOOST`` times. The title
    is read from ``article.title`` (and not again from the text)."""
    text = article.content()
    title = article.title or ""
    if title and text.lstrip().startswith(title):
        text = text[text.index(title) + len(title) :]
    out: list[str] = []
    for line in (title, text):
        previous = ""
        for match in _WORD.finditer(line):
            word = _POSSESSIVE.sub("", match.group()).lower()
            named = match.group()[0].isupper() and not _SENTENCE_START.search(
                line, max(0, match.start() - 8), match.start()
            )
            out += [word] * (_BOOST if named or line is title else 1)
            if previous and _rarity(previous) > _PHRASE and _rarity(word) > _PHRASE:
                out.append(f"{previous} {word}")
            previous = "" if _BREAK.match(line, match.end()) else word
    return out


def _rarity(word: str) -> float:
    """How rare ``word`` is in general English, from 0 ("the") to 1 (never seen), cubed."""
    return float(lexicon.rareness(word) ** _RARITY_POWER)


def _days(articles: Sequence[Article]) -> np.ndarray:
    """Each article's publication day as a number (NaN when it has no dateline)."""
    return np.array(
        [
            dt.date.fromisoformat(a.published).toordinal() if a.published else np.nan
            for a in articles
        ],
        dtype=np.float64,
    )


def _neighbours(vectors: sparse.csr_matrix, days: np.ndarray) -> dict[tuple[int, int], float]:
    """The similarity of each article to its ``NEIGHBOURS`` most similar ones (i < j), less
    by how far apart they were published."""

    def apart(i: int, cols: np.ndarray, sims: np.ndarray) -> np.ndarray:
        gap = np.abs(days[cols] - days[i])
        return sims * np.where(np.isnan(gap), 1.0, np.exp(-np.nan_to_num(gap) / _DAYS))

    return linkage.nearest(vectors, NEIGHBOURS, apart)

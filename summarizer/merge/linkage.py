"""Average-link clustering on a sparse similarity graph: the day's articles into stories
(stories.py) and a story's tellings into developments (events.py).

Both compare items as sparse, L2-normalised term vectors; ``nearest`` keeps each item's few
most similar others (so the graph stays linear in the items), and ``average_link`` joins the
closest groups first while their mean similarity holds.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable

import numpy as np
from scipy import sparse

_ROWS_PER_BLOCK = 512  # similarity rows computed at once (memory: a block times the items)

# Given an item and the columns and similarities of its neighbours, the similarities to keep.
Adjust = Callable[[int, np.ndarray, np.ndarray], np.ndarray]
# Whether two groups (their members) may ever be one.
Compatible = Callable[[list[int], list[int]], bool]


def nearest(
    vectors: sparse.csr_matrix, neighbours: int, adjust: Adjust | None = None
) -> dict[tuple[int, int], float]:
    """The similarity (dot product) of each row to its ``neighbours`` most similar rows, as
    edges ``(i, j)`` with i < j; ``adjust`` may lower a row's similarities first (stories
    weigh datelines far apart less)."""
    n = vectors.shape[0]
    transposed = vectors.T.tocsc()
    edges: dict[tuple[int, int], float] = {}
    for start in range(0, n, _ROWS_PER_BLOCK):
        block = (vectors[start : start + _ROWS_PER_BLOCK] @ transposed).tocsr()
        for row in range(block.shape[0]):
            i = start + row
            cols = block.indices[block.indptr[row] : block.indptr[row + 1]]
            sims = block.data[block.indptr[row] : block.indptr[row + 1]]
            keep = cols != i
            cols, sims = cols[keep], sims[keep]
            if adjust is not None:
                sims = adjust(i, cols, sims)
            if len(cols) > neighbours:
                top = np.argpartition(-sims, neighbours)[:neighbours]
                cols, sims = cols[top], sims[top]
            for j, sim in zip(cols.tolist(), sims.tolist(), strict=True):
                if sim > 0:
                    edges[(min(i, j), max(i, j))] = sim
    return edges


def average_link(
    n: int,
    edges: dict[tuple[int, int], float],
    join: float,
    cohesion: float = 0.0,
    compatible: Compatible | None = None,
) -> list[list[int]]:
    """Average-link agglomeration of ``n`` items on a sparse similarity graph, closest first.

    ``link[a][b]`` is the sum of the similarities between the members of groups a and b;
    their average is that over ``size[a] * size[b]`` (a pair with no edge adds 0). Two groups
    join when that average reaches ``join`` and ``cohesion`` times the looser group's own mean
    similarity (two close-knit groups that share a little stay two), and when ``compatible``
    allows it (a test that can only turn false as groups grow: it is not asked again). A heap
    holds candidate joins; a popped entry whose groups have changed since is stale and skipped.
    Groups come back in the order of their first member.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    link: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    inner = [0.0] * n  # the sum of the similarities within each group
    for (i, j), sim in edges.items():
        link[i][j] = link[j][i] = sim
    version = [0] * n
    heap = [(-sim, i, j, 0, 0) for (i, j), sim in edges.items() if sim >= join]
    heapq.heapify(heap)

    def bar(a: int, b: int) -> float:
        looser = min(_cohesion(inner[a], len(members[a])), _cohesion(inner[b], len(members[b])))
        return max(join, cohesion * looser)

    while heap:
        negative, a, b, va, vb = heapq.heappop(heap)
        if a not in members or b not in members or version[a] != va or version[b] != vb:
            continue
        if -negative < bar(a, b):
            continue
        if compatible is not None and not compatible(members[a], members[b]):
            continue
        keep, gone = (a, b) if len(members[a]) >= len(members[b]) else (b, a)
        inner[keep] += inner[gone] + link[keep].get(gone, 0.0)
        members[keep] += members.pop(gone)
        version[keep] += 1
        for other, total in link.pop(gone).items():
            del link[other][gone]
            if other != keep:
                link[keep][other] = link[other][keep] = link[keep].get(other, 0.0) + total
        link[keep].pop(gone, None)
        size = len(members[keep])
        for other, total in link[keep].items():
            mean = total / (size * len(members[other]))
            if mean >= join:
                lo, hi = min(keep, other), max(keep, other)
                heapq.heappush(heap, (-mean, lo, hi, version[lo], version[hi]))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _cohesion(inner: float, size: int) -> float:
    """A group's mean similarity between its own members; 0 for one member (no bar)."""
    pairs = size * (size - 1) / 2
    return inner / pairs if pairs else 0.0

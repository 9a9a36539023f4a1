"""Every number in an article -> a Figure or an explicit not-a-figure.

Numbers are found by code (mentions.py); those whose unit the text does not state are
explained by the model (labels.py: unit, who claims it, what it covers, whether it is a
figure); and all are normalised by code: the value (values.py), what it
measures (measures.py), whom the text credits (claimants.py), and the figure built from all of
it (build.py).
"""

from __future__ import annotations

from summarizer import prompts
from summarizer.figures.build import build, stated_unit
from summarizer.figures.claimants import Claimants
from summarizer.figures.labels import FigureLabel, LabelBatch, labels_model
from summarizer.figures.mentions import detect
from summarizer.llm.base import Pending, StructuredModel, tally
from summarizer.models import Actor, Article, CallStats, DroppedItem, Figure, NotFigureMention

__all__ = ["PROMPTS", "label_figures"]

FIGURES_SYSTEM, FIGURES_USER = "figures_system", "figures_user"
PROMPTS = (FIGURES_SYSTEM, FIGURES_USER)
LABEL_BATCH = 15  # mentions per labelling call: small enough for a small model to keep order


def label_figures(
    article: Article,
    actors: list[Actor],
    llm: StructuredModel,
    stats: CallStats,
    credit: list[Actor] | None = None,
) -> tuple[list[Figure], list[NotFigureMention], list[DroppedItem]]:
    """Every numeric mention becomes a figure or an explicit not-a-figure (see build.py).

    The model is shown, and its claimants checked against, ``actors`` (the ones it found);
    ``credit`` (those plus the people found by rule) decides whom the text credits.
    """
    found = detect(article)
    claimants = Claimants(article, actors)
    crediting = Claimants(article, credit if credit is not None else actors)
    # Only what the rules leave open goes to the model: a mention whose unit the text states
    # is settled by rule (build.py).
    candidates = [
        i for i, m in enumerate(found) if m.is_candidate and stated_unit(article, m) is None
    ]
    labels: dict[int, FigureLabel] = {}
    waiting: Pending | None = None
    for first in range(0, len(candidates), LABEL_BATCH):
        indices = candidates[first : first + LABEL_BATCH]
        batch = LabelBatch([found[i] for i in indices], claimants)
        try:
            reply = llm.structured(
                labels_model(len(indices)),
                _figure_messages(article, batch, actors, first),
                {
                    "batch": batch,
                    "strict": True,
                    "article_id": article.id,
                    "article_path": article.path,
                },
            )
        except Pending as exc:  # a batched run: the other lists still go in this batch
            waiting = exc
            continue
        tally(stats, reply)
        valid = reply.value.valid_labels() if reply.value else batch.salvage(reply.last_text)
        labels.update({indices[local]: label for local, label in valid.items()})
    if waiting is not None:
        raise waiting
    return build(article, found, labels, crediting, set(candidates))


def _figure_messages(
    article: Article, batch: LabelBatch, actors: list[Actor], first: int
) -> list[dict[str, str]]:
    tag = prompts.tag("mentions")
    names = "; ".join(a.name for a in actors) or "none found"
    user = prompts.render(
        FIGURES_USER,
        actors=names,
        count=str(len(batch.mentions)),
        tag=tag,
        mentions=batch.listing(article),
    )
    return [
        {"role": "system", "content": prompts.render(FIGURES_SYSTEM)},
        {"role": "user", "content": user},
    ]

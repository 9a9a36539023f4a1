"""summarizer: news articles in, a neutral briefing with verifiable citations out.

The names below are imported on first use (PEP 562), so that ``summarizer --help`` does not
pay for pydantic and every pipeline stage; ``from summarizer import brief`` works as usual.
"""

import importlib as _importlib
import importlib.metadata as _metadata
import logging as _logging
import typing as _typing

from summarizer.errors import (
    ConfigError,
    InputError,
    ModelError,
    PromptError,
    StoreError,
    SummarizerError,
)

try:
    __version__ = _metadata.version("summarizer")
except _metadata.PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

# A quiet library: nothing is printed unless the application configures logging (the CLI's
# --verbose does).
_logging.getLogger("summarizer").addHandler(_logging.NullHandler())

if _typing.TYPE_CHECKING:
    from summarizer.config import Settings
    from summarizer.extraction.scheduling import ArticleProgress
    from summarizer.ingest import article
    from summarizer.models import (
        Actor,
        Article,
        ArticleExtraction,
        Briefing,
        Citation,
        Event,
        Evidence,
        Figure,
        Statement,
    )
    from summarizer.pipeline import brief, extract, quantities

_LAZY = {
    "Settings": "summarizer.config",
    "ArticleProgress": "summarizer.extraction.scheduling",
    **dict.fromkeys(
        [
            "Actor",
            "Article",
            "ArticleExtraction",
            "Briefing",
            "Citation",
            "Event",
            "Evidence",
            "Figure",
            "Statement",
        ],
        "summarizer.models",
    ),
    "article": "summarizer.ingest",
    "brief": "summarizer.pipeline",
    "extract": "summarizer.pipeline",
    "quantities": "summarizer.pipeline",
}

__all__ = [
    "Actor",
    "Article",
    "ArticleExtraction",
    "ArticleProgress",
    "Briefing",
    "Citation",
    "ConfigError",
    "Event",
    "Evidence",
    "Figure",
    "InputError",
    "ModelError",
    "PromptError",
    "Settings",
    "Statement",
    "StoreError",
    "SummarizerError",
    "__version__",
    "article",
    "brief",
    "extract",
    "quantities",
]


def __getattr__(name: str) -> _typing.Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

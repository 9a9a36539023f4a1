"""summarizer: news articles in, a neutral briefing with verifiable citations out.

The names below are imported on first use (PEP 562), so that ``summarizer --help`` does not
pay for pydantic and every pipeline stage; ``from summarizer import brief`` works as usual.
"""

import importlib as _importlib
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

# A quiet library: nothing is printed unless the application configures logging (the CLI's
# --verbose does).
_logging.getLogger("summarizer").addHandler(_logging.NullHandler())

if _typing.TYPE_CHECKING:
    from summarizer.config import Settings
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
    "brief": "summarizer.pipeline",
    "extract": "summarizer.pipeline",
    "quantities": "summarizer.pipeline",
}

__all__ = [
    "Actor",
    "Article",
    "ArticleExtraction",
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

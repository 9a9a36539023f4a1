"""summarizer: news articles in, a neutral briefing with verifiable citations out."""

from summarizer.config import Settings
from summarizer.errors import ConfigError, InputError, ModelError, PromptError, SummarizerError
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
from summarizer.pipeline import brief, extract

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
    "SummarizerError",
    "brief",
    "extract",
]

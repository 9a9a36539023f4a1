"""Briefing -> text, pure: no model, no store, the same briefing gives the same bytes.

lines.py      the sentences every format shares, and the Style each format fills in
markdown.py   Markdown
html.py       one self-contained HTML page, the briefing beside its source articles
assets/       the page's style and script, inlined and pinned by hash
"""

from summarizer.models import Briefing
from summarizer.render.html import to_html
from summarizer.render.markdown import to_markdown

__all__ = ["FORMATS", "as_text", "to_html", "to_markdown"]


FORMATS = ("markdown", "json", "html")


def as_text(briefing: Briefing, format: str) -> str:
    """The briefing in one of ``FORMATS``, by name."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    if format == "json":
        return briefing.to_json()
    return to_html(briefing) if format == "html" else to_markdown(briefing)

"""A YAML front matter block at the top of a file (as static-site generators and many scrapers
write it): what it says of the article, and the lines it covers, which are boilerplate.

    ---
    title: Storm Ciarán hits Cornwall
    outlet: The Cornish Times
    url: https://example.org/storm
    published: 2026-11-23T07:30:00Z
    author: [Jo Bloggs, Sam Smith]
    ---

Only a block that opens on the first line with ``---``, closes with ``---`` or ``...`` within
``MAX_LINES`` lines, and reads as a YAML mapping counts; anything else is text. Known keys
(and their usual other names) are read; the rest is ignored. A value that is not text, a
date or a list of text is ignored.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import yaml

from summarizer.ingest.boilerplate import lines
from summarizer.models import Boilerplate

MAX_LINES = 60

# Article field -> the keys that give it, first found wins.
KEYS = {
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "publisher", "site_name", "site"),
    "url": ("url", "link", "canonical_url", "permalink"),
    "published": ("published", "date", "published_at", "pubdate", "datePublished"),
    "author": ("author", "authors", "byline", "creator"),
}


def read(text: str) -> tuple[dict[str, str], list[Boilerplate]]:
    """The fields the front matter gives, and one boilerplate span per line of the block
    (fences included); nothing when the text has no front matter."""
    spans = list(itertools.islice(lines(text), MAX_LINES + 2))
    if not spans or spans[0][2].rstrip() != "---":
        return {}, []
    fences = (k for k, (_, _, line) in enumerate(spans[1:], 1) if line.rstrip() in {"---", "..."})
    close = next(fences, None)
    if close is None:
        return {}, []
    body = "\n".join(line for _, _, line in spans[1:close])
    try:
        data = yaml.safe_load(body) if body.strip() else {}
    except yaml.YAMLError:
        return {}, []
    if not isinstance(data, dict):
        return {}, []
    fields: dict[str, str] = {}
    for name, keys in KEYS.items():
        value = next((_text(data[k]) for k in keys if k in data and _text(data[k])), None)
        if value:
            fields[name] = value
    block = [Boilerplate(start=s, end=e, reason="front matter") for s, e, _ in spans[: close + 1]]
    return fields, block


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return ", ".join(" ".join(v.split()) for v in value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None

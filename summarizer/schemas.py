"""JSON Schemas generated from the models; schemas/*.json are their committed copies."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from summarizer.models import Article, ArticleExtraction, Briefing

SCHEMAS: dict[str, type[BaseModel]] = {
    "article": Article,
    "article_extraction": ArticleExtraction,
    "briefing": Briefing,
}


def generate() -> dict[str, str]:
    """File name -> schema text, exactly as committed under schemas/."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False)
        + "\n"
        for name, model in SCHEMAS.items()
    }


def write(folder: Path) -> list[Path]:
    """Regenerate the schema files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written

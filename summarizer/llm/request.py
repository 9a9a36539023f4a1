"""What is sent to the model: one Call, its messages made safe from instructor's templating,
the reply model's JSON Schema in the forms the servers take, and the call's key in the run
store."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from summarizer import prompts

T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True)
class Call(Generic[T]):
    """One structured request: what to ask for, the conversation, the validators' context,
    and how many re-asks it may take."""

    response_model: type[T]
    messages: list[dict[str, str]]
    context: dict[str, Any]
    reasks: int

    @property
    def article_id(self) -> str:
        return str(self.context.get("article_id", "?"))

    @property
    def shown(self) -> str:
        """What a log line names the call by: the article's file when the caller gave it
        (``context["article_path"]``), else its id ("lead", a story's summary)."""
        return str(self.context.get("article_path") or self.article_id)


def literal(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    """``messages`` made safe from instructor's templating, which renders every message as a
    Jinja template whenever ``context=`` is passed (instructor issue #2669). An article with
    ``{% if`` in it would raise TemplateSyntaxError and ``{{ 7*7 }}`` would reach the model as
    ``49``; with each brace written as a Jinja expression, every brace comes out as it went
    in. (instructor still dedents each message and drops one trailing newline: harmless here,
    as the prompts' lines start at the margin.)"""
    return [
        {**m, "content": m["content"].replace("{", "{{ '{' }}")}
        if isinstance(m.get("content"), str)
        else m
        for m in messages
    ]


def llamacpp_format(response_model: type[BaseModel]) -> dict[str, Any]:
    """llama.cpp's grammar-constrained JSON: json_object with the schema."""
    return {"type": "json_object", "schema": json_schema(response_model)}


_SCHEMAS: dict[type[BaseModel], dict[str, Any]] = {}


def json_schema(response_model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON Schema, made once per model: every call sends it, and pydantic takes
    milliseconds to build it. Shared: never modify the dict returned."""
    schema = _SCHEMAS.get(response_model)
    if schema is None:
        schema = _SCHEMAS[response_model] = response_model.model_json_schema()
    return schema


def call_key(model: str, base_url: str | None, request: dict[str, Any]) -> str:
    """The cache key of one structured call (``request`` holds messages, schema, parameters)."""
    # A loopback server's port changes from run to run (the embedded model): the model name
    # and the request say what matters.
    where = re.sub(r"^(https?://(?:127\.0\.0\.1|localhost)):\d+", r"\1", base_url or "")
    canonical = json.dumps(
        {"model": model, "base_url": where, "request": request},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(prompts.untagged(canonical).encode("utf-8")).hexdigest()

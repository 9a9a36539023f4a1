"""schemas/ is generated from the models and must not drift; the public API is complete."""

from __future__ import annotations

import json

import jsonschema

import summarizer
from summarizer import schemas
from tests.support.helpers import ROOT


def test_committed_schemas_match_the_models() -> None:
    """If this fails, run: summarizer schema --write schemas"""
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.json")}
    assert committed == schemas.generate()


def test_schemas_are_valid_json_schema() -> None:
    for text in schemas.generate().values():
        jsonschema.Draft202012Validator.check_schema(json.loads(text))


def test_all_public_names_are_exported() -> None:
    # Every exported name resolves (some are imported on first use)...
    for name in summarizer.__all__:
        assert getattr(summarizer, name) is not None, name
    # ...and nothing public is left out of __all__.
    public = {name for name in vars(summarizer) if not name.startswith("_")} | {"__version__"}
    modules = {name for name, value in vars(summarizer).items() if type(value).__name__ == "module"}
    assert set(summarizer.__all__) == public - modules

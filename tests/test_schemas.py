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


def test_a_briefing_says_what_it_is_and_its_citations_have_stable_ids() -> None:
    """The JSON names its schema ($schema is the schema file's $id, which carries the format's
    version) and the tool's version; a citation's id names its span, whatever its number."""
    from summarizer.models import BRIEFING_SCHEMA_ID, Citation, citation_id
    from summarizer.pipeline import assemble
    from tests.merge.test_story_merge import _day

    schema = json.loads(schemas.generate()["briefing.schema.json"])
    assert schema["$id"] == BRIEFING_SCHEMA_ID
    data = json.loads(assemble(_day(), [], date="2026-11-23", timing=False).to_json())
    assert data["$schema"] == BRIEFING_SCHEMA_ID
    assert data["run"]["tool_version"] == summarizer.__version__
    jsonschema.Draft202012Validator(schema).validate(data)
    first = data["citations"][0]
    stable = first["id"]
    assert stable == citation_id(first["article_id"], first["start"], first["end"])
    # A briefing stored before either was written still reads, and gains both.
    del data["$schema"]
    for c in data["citations"]:
        del c["id"]
    again = summarizer.Briefing.model_validate(data)
    assert again.citations[0].id == stable
    assert Citation(n=2, source=1, article_id="a", start=0, end=3, quote="abc").id == citation_id(
        "a", 0, 3
    )

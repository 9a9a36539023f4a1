"""Prompt templates: loading, strict rendering, and the pinned full prompt."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import prompts
from summarizer.errors import PromptError
from summarizer.extraction import _messages, chunks
from summarizer.extraction.citing import article_sentences, numbered
from tests.support.answers import SEED_002

PINNED = Path(__file__).parent / "data" / "extract_prompt_002.txt"


def test_rendered_prompt_is_pinned() -> None:
    """A prompt change shows up in review as a change to this file.

    Regenerate with: python -m tests.test_prompts
    """
    pinned = PINNED.read_text(encoding="utf-8")
    assert prompts.untagged(_render_002()) == prompts.untagged(pinned)


def test_every_request_gets_a_fresh_delimiter() -> None:
    first, second = _render_002(), _render_002()
    assert first != second and prompts.untagged(first) == prompts.untagged(second)
    tag = prompts.TAG.search(first)
    assert tag is not None and f"<{tag[0]}>" in first and f"</{tag[0]}>" in first


@pytest.mark.parametrize(
    ("variables", "expected_error"),
    [
        ({"tag": "x"}, r"missing variables \['article'\]"),
        ({"tag": "x", "article": "a", "extra": "b"}, r"unexpected \['extra'\]"),
    ],
)
def test_render_is_strict(variables: dict[str, str], expected_error: str) -> None:
    with pytest.raises(PromptError, match=expected_error):
        prompts.render("extract_user", **variables)


def test_missing_template_is_a_prompt_error() -> None:
    with pytest.raises(PromptError, match="is missing"):
        prompts.template("no_such_prompt")


def test_version_changes_with_the_text() -> None:
    assert prompts.version("extract_system") != prompts.version("extract_user")
    assert len(prompts.version("extract_system", "extract_user")) == 10


def _render_002() -> str:
    (chunk,) = chunks(SEED_002, 6000)
    sentences = numbered(article_sentences(SEED_002), SEED_002, chunk.start, chunk.end)
    return "\n\n".join(f"=== {m['role']}\n{m['content']}" for m in _messages(sentences))


if __name__ == "__main__":
    PINNED.parent.mkdir(exist_ok=True)
    PINNED.write_text(_render_002(), encoding="utf-8")


def test_every_tag_the_code_draws_is_blanked_for_the_cassettes() -> None:
    """A tag name missing from prompts.TAG keeps its random suffix in a recorded request,
    which then never matches on replay (found when the repeats call was first recorded)."""
    import re

    from summarizer import prompts
    from tests.support.helpers import ROOT

    names = set()
    for path in (ROOT / "summarizer").rglob("*.py"):
        names |= set(re.findall(r'prompts\.tag\("(\w+)"\)', path.read_text(encoding="utf-8")))
    assert names >= {"article", "facts", "developments"}
    for name in names:
        assert prompts.untagged(prompts.tag(name)) == f"{name}-TAG", name

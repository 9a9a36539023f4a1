"""Load and render the prompt templates in prompts/ (or their copy inside the wheel)."""

from __future__ import annotations

import hashlib
import re
import secrets
import string
from functools import cache
from pathlib import Path

from summarizer.errors import PromptError

_PACKAGE = Path(__file__).resolve().parent
# The wheel carries prompts/ as summarizer/_data/prompts; a source checkout has it at the top.
_SEARCH = (_PACKAGE / "_data" / "prompts", _PACKAGE.parent / "prompts")


def prompt_dir() -> Path:
    """The folder holding the templates."""
    for folder in _SEARCH:
        if folder.is_dir():
            return folder
    raise PromptError(f"No prompts folder found (looked in {', '.join(map(str, _SEARCH))}).")


@cache
def template(name: str) -> str:
    """The raw text of prompts/<name>.md."""
    path = prompt_dir() / f"{name}.md"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PromptError(f"Prompt template {path} is missing; reinstall the package.") from None


def render(name: str, **variables: str) -> str:
    """Fill ``$variables`` in a template; a missing or unused variable is an error."""
    text = template(name)
    tpl = string.Template(text)
    wanted = set(tpl.get_identifiers())
    if wanted != set(variables):
        missing, extra = sorted(wanted - set(variables)), sorted(set(variables) - wanted)
        raise PromptError(f"Prompt {name!r}: missing variables {missing}, unexpected {extra}.")
    return tpl.substitute(variables)


# Untrusted text goes between <name-XXXXXXXXXX> tags whose suffix is drawn afresh for every
# request, so an article cannot close its own delimiter (it cannot guess the tag).
TAG = re.compile(r"\b(article|mentions|facts|developments)-[0-9a-f]{10}\b")


def tag(name: str) -> str:
    """A fresh delimiter name, e.g. 'article-3f9c0a1b2d'."""
    return f"{name}-{secrets.token_hex(5)}"


def untagged(text: str) -> str:
    """``text`` with every delimiter suffix replaced: two requests that differ only in their
    random tags compare equal (recorded cassettes match on this)."""
    return TAG.sub(r"\1-TAG", text)


def version(*names: str) -> str:
    """A short hash of the templates, so a stored answer names the prompt that produced it."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(template(name).encode("utf-8"))
    return digest.hexdigest()[:10]

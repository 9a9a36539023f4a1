"""Settings: the only place that reads the environment.

Precedence: an explicit argument (``Settings(model=...)`` or a CLI option) beats the
environment, which beats the default. Nothing is read at import time.
"""

import os
import urllib.parse
from typing import Any, Literal

from pydantic import (
    AliasChoices,
    Field,
    ModelWrapValidatorHandler,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, SettingsConfigDict

from summarizer.errors import ConfigError
from summarizer.redact import shown_url

Mode = Literal["auto", "json_schema", "llamacpp", "json"]

OPENAI_DEFAULT_MODEL = "gpt-4o-mini"


class Settings(BaseSettings):
    """How to reach the model and how hard to try."""

    model_config = SettingsConfigDict(
        env_prefix="SUMMARIZER_", extra="ignore", populate_by_name=True
    )

    model: str | None = Field(None, description="Model name sent to the server.")
    base_url: str | None = Field(
        None,
        validation_alias=AliasChoices("SUMMARIZER_BASE_URL", "OPENAI_BASE_URL"),
        description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1.",
    )
    # OPENAI_API_KEY is the variable every OpenAI tool reads, so it is honoured as is.
    api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("SUMMARIZER_API_KEY", "OPENAI_API_KEY"),
        description="API key; never logged.",
    )
    mode: Mode = Field(
        "auto",
        description=(
            "Structured-output mode: json_schema (OpenAI strict schema), llamacpp "
            "(json_object + grammar schema), json (schema in the prompt only), or auto."
        ),
    )
    temperature: float = 0.0
    max_tokens: int = Field(
        3072,
        ge=1,
        description="Output token cap for one model answer; each kind of call also has its "
        "own, sized from the longest answer its schema allows, and the lower cap holds.",
    )
    max_reasks: int = Field(1, ge=0, le=5, description="Re-asks after a validation error.")
    transport_retries: int = Field(3, ge=0, description="Tries after a transport failure.")
    retry_wait: float = Field(
        1.0, ge=0, description="First backoff in seconds; doubles, with jitter."
    )
    retry_max_wait: float = Field(
        60.0, ge=0, description="Longest single wait, Retry-After included."
    )
    retry_total: float = Field(
        900.0, gt=0, description="Seconds after which one call stops retrying."
    )
    token_budget: int | None = Field(
        None, ge=1, description="Tokens (prompt + completion) a run may spend; None: no limit."
    )
    timeout: float | None = Field(
        None,
        gt=0,
        description="Seconds before one request times out; None: 180 on OpenAI, 900 on other "
        "servers (a local model on a laptop CPU can take minutes per answer, and a timed-out "
        "request keeps the server busy anyway).",
    )
    connect_timeout: float = Field(
        10.0, gt=0, description="Seconds to wait for the server to accept a connection."
    )
    chunk_chars: int = Field(6000, ge=500, description="Longest article chunk sent at once.")
    max_article_chars: int = Field(
        1_000_000,
        ge=1,
        description="Longest article read, in characters (a long news article is 50,000); a "
        "longer one is skipped with the reason, before any model call.",
    )
    summary: bool = Field(
        True,
        description="Let the model edit each story after extraction: write a checked headline "
        "and summary (and, with ``repeats``, join the developments it says repeat each "
        "other); false leaves the stories as the rules made them, with no further call.",
    )
    repeats: bool = Field(
        False,
        description="When the model edits the stories, first ask it which close developments "
        "of different outlets are the same (one call a story, joined only where the rules "
        "found them close). Off by default: the embedded 1.5B model answered 10 of 16 "
        "hand-labelled pairs right, 3 of its 8 joins wrong (python -m bench.repeats_pairs "
        "measures another model).",
    )
    follow_links: bool = Field(
        False, description="Inside a folder, follow links that lead out of it."
    )
    concurrency: int | None = Field(
        None,
        ge=1,
        le=256,
        description="Articles extracted at once; None: 8 on OpenAI, 4 on other servers, 1 on "
        "the embedded model (which answers one request at a time).",
    )
    seed: int | None = Field(0, description="Sampling seed, for servers that honour it.")
    store: str | None = Field(
        None, description="Run store file (SQLite); default: the user data directory."
    )
    cache: bool = Field(True, description="Answer a call already in the run store from there.")
    batch_poll: float = Field(
        30.0, gt=0, description="Seconds between two looks at a batch in flight (--batch)."
    )
    embedded: bool = Field(
        True, description="Use the embedded local model when nothing else is configured."
    )
    local_threads: int | None = Field(None, ge=1, description="Embedded server threads.")
    local_start_timeout: float = Field(
        180.0, gt=0, description="Seconds to wait for the embedded server to answer."
    )

    @field_validator("base_url")
    @classmethod
    def _check_base_url(cls, url: str | None) -> str | None:
        # Checked here, so a URL that cannot work fails at once with exit 3, from the CLI
        # and the library alike, instead of a traceback or retries that blame the server.
        if not url:
            return None  # an exported but empty OPENAI_BASE_URL: no base URL
        wrong = url_problem(url)
        if wrong:
            raise ValueError(f"base URL must look like http://host:port/v1 ({wrong})")
        return url

    @model_validator(mode="wrap")
    @classmethod
    def _one_line(cls, data: Any, handler: ModelWrapValidatorHandler["Settings"]) -> "Settings":
        # pydantic's report is a multi-line dump that echoes every input; the CLI prints one
        # line per error and the library raises ConfigError. Not a ValueError, so pydantic
        # lets it through as it is.
        try:
            return handler(data)
        except ValidationError as exc:
            raise ConfigError("; ".join(map(_problem, exc.errors()))) from None

    def __repr_args__(self) -> Any:
        """As pydantic shows it, but the base URL without its credentials (the key is a
        SecretStr already): a logged Settings gives nothing away."""
        for name, value in super().__repr_args__():
            yield name, shown_url(value) if name == "base_url" and value else value

    def resolved_concurrency(self) -> int:
        """How many articles to extract at once, when not set: see ``concurrency``."""
        if self.concurrency is not None:
            return self.concurrency
        if self.base_url is None or "api.openai.com" in self.base_url:
            return 8
        return 4

    def resolved_timeout(self) -> float:
        """Seconds one request may take, when not set: see ``timeout``."""
        if self.timeout is not None:
            return self.timeout
        return 180.0 if self.base_url is None or "api.openai.com" in self.base_url else 900.0

    def resolved_mode(self) -> Literal["json_schema", "llamacpp", "json"]:
        """Pick the structured-output mode: OpenAI gets strict schemas, others a grammar."""
        if self.mode != "auto":
            return self.mode
        if self.base_url is None or "api.openai.com" in self.base_url:
            return "json_schema"
        return "llamacpp"


def url_problem(url: str) -> str | None:
    """What keeps ``url`` from being an http(s) base URL, or None. The reasons never quote
    the URL: it may hold a password."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return "its [IPv6] host is malformed"  # the only thing urlsplit complains about
    if parts.scheme.lower() not in ("http", "https"):
        return "it does not start with http:// or https://"
    if any(c.isspace() for c in url):
        return "it contains a space"
    if not parts.hostname:
        return "it names no host"
    try:
        parts.port  # noqa: B018 - the property is the check: it raises on a bad port
    except ValueError:
        return "the port is not a number from 0 to 65535"
    return None


# What a value must be, by pydantic's error type, said the way a user would say it.
_MUST_BE = {
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "int_type": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "bool_parsing": "must be 1 or 0 (true/false, yes/no)",
    "bool_type": "must be 1 or 0 (true/false, yes/no)",
    "greater_than_equal": "must be at least {ge}",
    "greater_than": "must be more than {gt}",
    "less_than_equal": "must be at most {le}",
    "less_than": "must be less than {lt}",
    "literal_error": "must be one of {expected}",
}
# Their values are never repeated in a message: a key, or a URL that may carry credentials.
_UNECHOED = {"api_key", "base_url"}


def _problem(error: ErrorDetails) -> str:
    """One validation error as "NAME: what it must be (got 'value')"."""
    field, names = _field_of(str(error["loc"][0]) if error["loc"] else "")
    ctx = error.get("ctx", {})
    template = _MUST_BE.get(error["type"])
    if error["type"] == "value_error":
        said = str(ctx["error"])  # the field validator's own words
    else:  # only our templates are formatted: pydantic's own text may hold braces
        said = template.format(**ctx) if template else error["msg"]
    given = error.get("input")
    name = _env_name(str(given), names) or field
    if field in _UNECHOED or isinstance(given, dict):
        return f"{name}: {said}"
    return f"{name}: {said} (got {given!r:.60})"


def _field_of(loc: str) -> tuple[str, tuple[str, ...]]:
    """The field an error is about (pydantic names a field read through an alias by its first
    alias), and the environment variables it is read from."""
    for field, info in Settings.model_fields.items():
        alias = info.validation_alias
        names = tuple(alias.choices) if isinstance(alias, AliasChoices) else ()
        if loc == field or loc in names:
            return field, tuple(map(str, names)) or (f"SUMMARIZER_{field.upper()}",)
    return loc or "setting", ()


def _env_name(value: str | None, names: tuple[str, ...]) -> str | None:
    """The first environment variable of ``names`` that is set (to ``value``, when given)."""
    for name in names:
        found = os.environ.get(name)
        if found and (value is None or found == value):
            return name
    return None


def env_source(value: str | None, names: tuple[str, ...]) -> str:
    """Where a setting came from, for `summarizer doctor`: "from NAME" when the environment
    variable NAME is set (to ``value``, when given), else "given explicitly"."""
    name = _env_name(value, names)
    return f"from {name}" if name else "given explicitly"


def env_cache_dir() -> str | None:
    """$SUMMARIZER_CACHE_DIR, where the embedded model is assembled; None when unset. Read
    on each call, never at import: a Settings field would make every reader build Settings."""
    return os.environ.get("SUMMARIZER_CACHE_DIR") or None

"""Settings: where the environment and the configuration file are read (keystore.py finds the
same config folder for the stored keys).

Precedence: an explicit argument (``Settings(model=...)`` or a CLI option) beats the
environment, which beats the configuration file (``config.toml`` in the user config folder,
``summarizer config path`` prints it), which beats the default. An API key is never written in
that file: ``summarizer keys set openai`` stores it in ``keys.json`` beside it (keystore.py), readable by
its owner only (0600), and it is sent only to OpenAI unless ``key`` names it for a server.
Nothing is read at import time.
"""

import difflib
import os
import tomllib
import urllib.parse
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    AliasChoices,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from summarizer.errors import ConfigError
from summarizer.keystore import config_dir, read_keys
from summarizer.redact import shown_url

Mode = Literal["auto", "json_schema", "llamacpp", "json"]

OPENAI_DEFAULT_MODEL = "gpt-4o-mini"


class Settings(BaseSettings):
    """How to reach the model and how hard to try."""

    # An exported but empty variable is no setting: it neither beats config.toml nor says
    # "no base URL" (an empty OPENAI_BASE_URL must not send a run meant for a local server
    # to OpenAI).
    model_config = SettingsConfigDict(
        env_prefix="SUMMARIZER_", extra="ignore", populate_by_name=True, env_ignore_empty=True
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
    key: str | None = Field(
        None,
        description="Name of a stored key (summarizer keys set NAME) to send to the server; "
        "default: the key stored as 'openai', sent only when the calls go to OpenAI.",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Arguments, then the environment, then config.toml (no .env file, no secrets
        folder: a tool run from any folder must not pick up a stray .env)."""
        return init_settings, env_settings, _ConfigFile(settings_cls)

    @model_validator(mode="after")
    def _stored_key(self) -> "Settings":
        # A stored key is used where no key was given: the one ``key`` names, or OpenAI's
        # when the calls go to OpenAI (never sent to another server by default: a local
        # server has no business with an OpenAI key).
        if self.api_key is None:
            name = self.key or ("openai" if goes_to_openai(self.base_url) else None)
            stored = read_keys().get(name) if name else None
            if stored:
                self.api_key = SecretStr(stored)
                self._stored_key_name = name
            elif self.key:
                raise ConfigError(
                    f"key: no key named {self.key!r} is stored; store it with "
                    f"`summarizer keys set {self.key}` (stored: {', '.join(read_keys()) or 'none'})"
                )
        return self

    _stored_key_name: str | None = PrivateAttr(None)

    def stored_key_name(self) -> str | None:
        """The name of the stored key this run sends, or None when its key (if any) was
        given as an option or in the environment."""
        return self._stored_key_name

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
        return 8 if is_openai(self.base_url) else 4

    def resolved_timeout(self) -> float:
        """Seconds one request may take, when not set: see ``timeout``."""
        if self.timeout is not None:
            return self.timeout
        return 180.0 if is_openai(self.base_url) else 900.0

    def resolved_mode(self) -> Literal["json_schema", "llamacpp", "json"]:
        """Pick the structured-output mode: OpenAI gets strict schemas, others a grammar."""
        if self.mode != "auto":
            return self.mode
        return "json_schema" if is_openai(self.base_url) else "llamacpp"


def is_openai(base_url: str | None) -> bool:
    """Whether calls to ``base_url`` go to OpenAI: no base URL, or one whose host is
    api.openai.com (the host, not a substring: "api.openai.com.example.org" is not)."""
    if base_url is None:
        return True
    try:
        return urllib.parse.urlsplit(base_url).hostname == "api.openai.com"
    except ValueError:
        return False


def goes_to_openai(base_url: str | None) -> bool:
    """Whether a stored OpenAI key may be sent: to OpenAI itself, over https only."""
    if base_url is None:
        return True
    return is_openai(base_url) and urllib.parse.urlsplit(base_url).scheme == "https"


def config_path() -> Path:
    """config.toml, beside the stored keys (keystore.py)."""
    return config_dir() / "config.toml"


# Never read from config.toml: a key is kept in keys.json (0600), never beside settings
# that are shared, copied into bug reports or committed to a dotfiles repository.
_NOT_IN_FILE = {"api_key"}


def read_config() -> dict[str, Any]:
    """config.toml's settings, checked by name (a misspelt one is an error that names the
    close match, never silently ignored); {} when there is no file."""
    path = config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"{path} could not be read ({exc.strerror}).") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML ({exc}).") from None
    known = set(Settings.model_fields) - _NOT_IN_FILE
    for name in data:
        if name in _NOT_IN_FILE:
            raise ConfigError(
                f"{path}: keep API keys out of config.toml; store one with "
                "`summarizer keys set openai` (a file only you can read)."
            )
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(
                f"{path}: unknown setting {name!r}{hint}. Valid settings: "
                f"{', '.join(sorted(known))}."
            )
    return data


class _ConfigFile(PydanticBaseSettingsSource):
    """config.toml as a settings source, below the environment."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # unused: __call__ gives every value at once

    def __call__(self) -> dict[str, Any]:
        return read_config()


def origins(
    settings: Settings, explicit: set[str] | frozenset[str] = frozenset()
) -> dict[str, str]:
    """Where each setting's value came from, for `summarizer doctor` and `config show`:
    "given" (an option), "from NAME" (the environment), "from config.toml", "from keys.json
    (NAME)", or "default". ``explicit`` names the settings given as options."""
    in_file = read_config()
    found: dict[str, str] = {}
    for field in Settings.model_fields:
        stored = settings.stored_key_name() if field == "api_key" else None
        if field in explicit:
            found[field] = "given"
        else:
            found[field] = (
                _source(field, in_file)
                or (f"from keys.json ({stored})" if stored else None)
                or "default"
            )
    return found


def origin_of(field: str, value: str | None = None) -> str:
    """Where a setting not given as an option came from: "from NAME" (the environment, set
    to ``value`` when given), "from config.toml", else "given explicitly"."""
    return _source(field, read_config(), value) or "given explicitly"


def _source(field: str, in_file: dict[str, Any], value: str | None = None) -> str | None:
    """ "from NAME" when a variable sets ``field`` (to ``value``, when given), "from
    config.toml" when the file does, else None."""
    env = _env_name(value, env_names(field))
    if env:
        return f"from {env}"
    return "from config.toml" if field in in_file else None


def env_names(field: str) -> tuple[str, ...]:
    """The environment variables a setting is read from, first first."""
    alias = Settings.model_fields[field].validation_alias
    if isinstance(alias, AliasChoices):
        return tuple(map(str, alias.choices))
    return (f"SUMMARIZER_{field.upper()}",)


def shown_value(settings: Settings, field: str) -> str:
    """A setting's value as it may be printed: a key only as "set", a URL without its
    credentials."""
    value = getattr(settings, field)
    if field == "api_key":
        return "set" if value is not None else "none"
    if field == "base_url" and value:
        return shown_url(value)
    return "none" if value is None else str(value)


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
    for field in Settings.model_fields:
        names = env_names(field)
        if loc == field or loc in names:
            return field, names
    return loc or "setting", ()


def _env_name(value: str | None, names: tuple[str, ...]) -> str | None:
    """The first environment variable of ``names`` that is set (to ``value``, when given)."""
    for name in names:
        found = os.environ.get(name)
        if found and (value is None or found == value):
            return name
    return None


def env_cache_dir() -> str | None:
    """$SUMMARIZER_CACHE_DIR, where the embedded model is assembled; None when unset. Read
    on each call, never at import: a Settings field would make every reader build Settings."""
    return os.environ.get("SUMMARIZER_CACHE_DIR") or None

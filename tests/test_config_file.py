"""The configuration file (config.toml) and the stored keys (keys.json, 0600): precedence,
misspelt names, keys never echoed and never sent where they do not belong, and `doctor` /
`config show` saying where each setting came from.

Every test runs in its own $SUMMARIZER_CONFIG_DIR (tests/conftest.py)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import ConfigError, Settings, cli
from summarizer.config import config_path, origins
from summarizer.keystore import keys_path, read_keys, store_key
from summarizer.llm import backends

runner = CliRunner()
SECRET = "sk-test-0123456789abcdef"


def _write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_file_is_read_below_the_environment_and_the_arguments(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _write_config('model = "from-file"\ntemperature = 0.5\nconcurrency = 2\n')
    monkeypatch.setenv("SUMMARIZER_TEMPERATURE", "0.25")
    settings = Settings(concurrency=3)
    assert (settings.model, settings.temperature, settings.concurrency) == ("from-file", 0.25, 3)
    found = origins(settings, frozenset({"concurrency"}))
    assert (
        found.items()
        >= {
            "model": "from config.toml",
            "temperature": "from SUMMARIZER_TEMPERATURE",
            "concurrency": "given",
            "mode": "default",
        }.items()
    )


def test_no_file_is_no_error() -> None:
    assert not config_path().exists()
    assert Settings().model is None


def test_a_misspelt_setting_is_an_error_naming_the_close_match() -> None:
    path = _write_config("temprature = 1\n")
    with pytest.raises(
        ConfigError, match=r"unknown setting 'temprature' \(did you mean 'temperature'\?\)"
    ):
        Settings()
    result = runner.invoke(cli.app, ["config", "show"])
    assert result.exit_code == 3
    assert str(path) in result.output


def test_a_bad_value_in_the_file_is_one_line_that_names_the_setting() -> None:
    _write_config("concurrency = 0\n")
    with pytest.raises(ConfigError, match="concurrency: must be at least 1"):
        Settings()


def test_a_file_that_is_not_toml_says_so() -> None:
    _write_config('model = "unclosed\n')
    with pytest.raises(ConfigError, match="is not valid TOML"):
        Settings()


def test_a_key_in_the_config_file_is_refused_and_not_echoed() -> None:
    _write_config(f'api_key = "{SECRET}"\n')
    with pytest.raises(ConfigError) as raised:
        Settings()
    assert "keys set openai" in str(raised.value)
    assert SECRET not in str(raised.value)


def test_keys_set_stores_it_0600_and_never_prints_it() -> None:
    result = runner.invoke(cli.app, ["keys", "set", "openai"], input=SECRET + "\n")
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output
    mode = stat.S_IMODE(os.stat(keys_path()).st_mode)
    assert mode == 0o600
    assert stat.S_IMODE(os.stat(keys_path().parent).st_mode) & 0o077 == 0
    assert read_keys() == {"openai": SECRET}
    listed = runner.invoke(cli.app, ["keys", "list"])
    assert listed.output.split() == ["openai"]
    shown = runner.invoke(cli.app, ["config", "show"])
    assert SECRET not in shown.output
    assert "api_key" in shown.output and "set  (from keys.json (openai))" in shown.output


def test_a_rewrite_keeps_the_file_private_even_if_it_was_widened() -> None:
    store_key("openai", SECRET)
    os.chmod(keys_path(), 0o644)
    store_key("other", "k2")
    assert stat.S_IMODE(os.stat(keys_path()).st_mode) == 0o600
    assert read_keys() == {"openai": SECRET, "other": "k2"}


def test_the_stored_openai_key_goes_to_openai_only() -> None:
    store_key("openai", SECRET)
    chosen = backends.choose(Settings())
    assert chosen.kind == "openai"
    assert chosen.reason.startswith("API key from keys.json (openai)")
    # A configured local server never receives the OpenAI key...
    local = Settings(base_url="http://127.0.0.1:8080/v1")
    assert local.api_key is None
    # ...unless `key` names a stored key for it.
    store_key("vllm", "k-vllm")
    named = Settings(base_url="http://127.0.0.1:8080/v1", key="vllm")
    assert named.api_key is not None and named.api_key.get_secret_value() == "k-vllm"


def test_a_key_given_in_the_environment_beats_the_stored_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store_key("openai", SECRET)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    settings = Settings()
    assert settings.api_key is not None
    assert settings.api_key.get_secret_value() == "sk-from-env"
    assert origins(settings)["api_key"] == "from OPENAI_API_KEY"


def test_naming_a_key_that_is_not_stored_is_an_error() -> None:
    with pytest.raises(ConfigError, match="no key named 'nope' is stored"):
        Settings(key="nope")


def test_keys_remove() -> None:
    store_key("openai", SECRET)
    assert runner.invoke(cli.app, ["keys", "remove", "openai"]).exit_code == 0
    assert read_keys() == {}
    assert runner.invoke(cli.app, ["keys", "remove", "openai"]).exit_code == 2


def test_config_path_and_keys_path_print_the_files() -> None:
    assert runner.invoke(cli.app, ["config", "path"]).output.strip() == str(config_path())
    assert runner.invoke(cli.app, ["keys", "path"]).output.strip() == str(keys_path())


def test_doctor_shows_the_effective_settings_and_their_sources(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _write_config("max_reasks = 2\n")
    monkeypatch.setenv("SUMMARIZER_TIMEOUT", "30")
    result = runner.invoke(
        cli.app,
        ["doctor", "--no-check", "--base-url", "http://user:pw@127.0.0.1:9/v1", "-m", "m1"],
    )
    assert result.exit_code == 0, result.output
    lines = {line.split("=")[0].strip(): line for line in result.output.splitlines() if "=" in line}
    assert lines["max_reasks"].endswith("= 2  (from config.toml)")
    assert lines["timeout"].endswith("= 30.0  (from SUMMARIZER_TIMEOUT)")
    assert lines["model"].endswith("= m1  (given)")
    assert lines["mode"].endswith("= auto  (default)")
    assert "pw" not in result.output
    assert f"config:  {config_path()}" in result.output


@pytest.mark.parametrize(
    "url",
    [
        "https://api.openai.com.evil.example/v1",
        "http://evil.example/api.openai.com/v1",
        "https://evil.example/?host=api.openai.com",
        "http://api.openai.com/v1",  # OpenAI's host, but in the clear
    ],
)
def test_the_stored_openai_key_never_goes_elsewhere(url: str) -> None:
    store_key("openai", SECRET)
    assert Settings(base_url=url).api_key is None
    assert Settings(base_url="https://api.openai.com/v1").api_key is not None


def test_an_empty_variable_neither_beats_the_file_nor_sends_the_run_to_openai(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _write_config('base_url = "http://127.0.0.1:8080/v1"\n')
    store_key("openai", SECRET)
    monkeypatch.setenv("OPENAI_BASE_URL", "")
    monkeypatch.setenv("OPENAI_API_KEY", "")
    settings = Settings()
    assert settings.base_url == "http://127.0.0.1:8080/v1" and settings.api_key is None
    assert backends.choose(settings).kind == "server"
    assert backends.choose(settings).reason == "base URL from config.toml"


def test_a_broken_keys_file_does_not_stop_a_run_that_does_not_need_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keys_path().parent.mkdir(parents=True, exist_ok=True)
    keys_path().write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    settings = Settings()
    assert backends.choose(settings).reason.startswith("API key from OPENAI_API_KEY")
    assert origins(settings)["api_key"] == "from OPENAI_API_KEY"

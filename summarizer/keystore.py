"""Stored API keys: ``keys.json`` in the user config folder, readable by its owner only.

``summarizer keys set openai`` writes it (cli/settings_commands.py); config.py reads it when a
run needs a key that no argument or variable gives. Never config.toml: a key is kept apart
from settings that are shared, copied into bug reports or committed to a dotfiles repository.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import platformdirs

from summarizer.errors import ConfigError


def config_dir() -> Path:
    """The folder of config.toml and keys.json: $SUMMARIZER_CONFIG_DIR, else the user config
    folder (~/.config/summarizer on Linux)."""
    given = os.environ.get("SUMMARIZER_CONFIG_DIR")
    return Path(given) if given else platformdirs.user_config_path("summarizer")


def keys_path() -> Path:
    return config_dir() / "keys.json"


def read_keys() -> dict[str, str]:
    """The stored keys by name; {} when none are stored."""
    path = keys_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path} could not be read as stored keys ({exc}).") from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ConfigError(f"{path} could not be read as stored keys (not a name: key object).")
    return data


def store_key(name: str, value: str) -> Path:
    """Store ``value`` as the key ``name``, in a file only its owner can read or write
    (created 0600, never widened). Returns the file's path."""
    if not name.strip() or not value.strip():
        raise ConfigError("A key needs a name and a value.")
    keys = read_keys()
    keys[name] = value.strip()
    _write_keys(keys)
    return keys_path()


def remove_key(name: str) -> bool:
    """Remove the key ``name``; False when no such key is stored."""
    keys = read_keys()
    if keys.pop(name, None) is None:
        return False
    _write_keys(keys)
    return True


def _write_keys(keys: dict[str, str]) -> None:
    path = keys_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # mkstemp creates a new file (O_EXCL, never a symlink's target) readable by its owner
    # only, before a byte is written; it is then renamed over the old file in one step.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".keys-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(keys, out, indent=2)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

"""`summarizer config ...` and `summarizer keys ...`: the configuration file and stored keys.

A key is read from a hidden prompt or from stdin, never from the command line (where the
shell history and `ps` would keep it), and it is never printed: `keys list` shows names only.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from summarizer.cli.running import fail, run

if TYPE_CHECKING:
    from summarizer.config import Settings

config_app = typer.Typer(
    help="The configuration file (config.toml) and the settings in effect.",
    no_args_is_help=True,
)
keys_app = typer.Typer(
    help="API keys stored in a file only you can read (0600), never in config.toml.",
    no_args_is_help=True,
)

_out = Console(markup=False, highlight=False, soft_wrap=True)


@config_app.command("path")
def config_path_command() -> None:
    """Print the configuration file's path (it need not exist yet)."""
    from summarizer.config import config_path

    typer.echo(str(config_path()))


@config_app.command("show")
def config_show() -> None:
    """Print every setting in effect and where it came from; a key only as "set"."""
    from summarizer.config import Settings

    settings: Settings = run(Settings)
    for line in settings_lines(settings, frozenset()):
        _out.print(line)


def settings_lines(settings: Settings, explicit: frozenset[str]) -> list[str]:
    """One line per setting: "name = value  (where from)", as `config show` and `doctor`
    print them."""
    from summarizer.config import Settings, origins, shown_value

    found = run(lambda: origins(settings, explicit))
    width = max(map(len, Settings.model_fields))
    return [
        f"{field.ljust(width)} = {shown_value(settings, field)}  ({found[field]})"
        for field in Settings.model_fields
    ]


@keys_app.command("set")
def keys_set(
    name: Annotated[str, typer.Argument(help="The key's name: 'openai' for OpenAI.")] = "openai",
) -> None:
    """Store a key, typed at a hidden prompt or piped on stdin; it is never echoed."""
    from summarizer.keystore import store_key

    if sys.stdin.isatty():
        value = typer.prompt(f"Key for {name}", hide_input=True)
    else:
        value = sys.stdin.readline()
    if not value.strip():
        fail("No key given: type it at the prompt or pipe it on stdin.", 2)
    path = run(lambda: store_key(name, value))
    typer.echo(f"stored the key {name!r} in {path}", err=True)


@keys_app.command("list")
def keys_list() -> None:
    """Print the names of the stored keys, one a line (never their values)."""
    from summarizer.keystore import read_keys

    for name in run(read_keys):
        typer.echo(name)


@keys_app.command("remove")
def keys_remove(name: Annotated[str, typer.Argument(help="The key's name.")]) -> None:
    """Remove a stored key."""
    from summarizer.keystore import remove_key

    if not run(lambda: remove_key(name)):
        fail(f"No key named {name!r} is stored (see `summarizer keys list`).", 2)
    typer.echo(f"removed the key {name!r}", err=True)


@keys_app.command("path")
def keys_path_command() -> None:
    """Print the stored keys' file path."""
    from summarizer.keystore import keys_path

    typer.echo(str(keys_path()))

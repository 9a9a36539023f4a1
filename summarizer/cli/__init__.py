"""The command line: parse options, call the library, print. Results to stdout, the rest to stderr.

The library is imported inside each command, not here, so that ``summarizer --help`` starts
without loading pydantic, the pipeline or the model client.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from summarizer.cli.running import check_out, emit, err, fail, run, settings_from, warn
from summarizer.cli.settings_commands import config_app, keys_app, settings_lines

if TYPE_CHECKING:
    from summarizer.store import Store

# The briefing was written, but some inputs were skipped. Not 2: typer (click) exits 2 on a
# command line it cannot parse, and a script must be able to tell the two apart.
PARTIAL_EXIT = 10
USAGE_EXIT = 2  # a command line that names nothing valid, as typer's own parse errors
INPUT_EXIT = 4  # an input that cannot be read: no article, or evaluate's briefing or gold

app = typer.Typer(
    help="Turn news articles into a neutral briefing whose citations resolve to exact spans.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            shown = version("summarizer")
        except PackageNotFoundError:
            shown = "0+unknown"
        typer.echo(f"summarizer {shown}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn news articles into a neutral briefing whose citations resolve to exact spans."""


class Format(StrEnum):
    markdown = "markdown"
    json = "json"
    html = "html"


Model = Annotated[
    str | None, typer.Option("--model", "-m", help="Model name (env: SUMMARIZER_MODEL).")
]
BaseUrl = Annotated[
    str | None,
    typer.Option("--base-url", help="OpenAI-compatible server URL (env: SUMMARIZER_BASE_URL)."),
]
ApiKey = Annotated[
    str | None,
    typer.Option(
        "--api-key", help="API key (env: OPENAI_API_KEY). Prefer the variable.", show_default=False
    ),
]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Log every model call to stderr.")]
Out = Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file, not stdout.")]
Quiet = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="Print no progress or status on stderr; errors and skips only."
    ),
]
FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="markdown, json or html (default: from the --out file's suffix, else markdown).",
        show_default=False,
    ),
]
# The format an output file's suffix asks for, when --format is not given.
SUFFIX_FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "markdown",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
}
StorePath = Annotated[
    Path | None,
    typer.Option("--store", help="Run store file (env: SUMMARIZER_STORE; default: user data dir)."),
]


@app.command()
def brief(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, or - for stdin (none with --resume)."),
    ] = None,
    format: FormatOption = None,
    out: Out = None,
    date: Annotated[
        str | None,
        typer.Option(
            help="Date of the briefing, YYYY-MM-DD; it is stored under it (default: today).",
            show_default=False,
        ),
    ] = None,
    timing: Annotated[
        bool,
        typer.Option(help="Record when and how long (--no-timing: same input, same bytes)."),
    ] = True,
    lead: Annotated[
        bool,
        typer.Option(
            help="Add a lead paragraph written by the model from the merged facts, every "
            "sentence checked against its citations (one more model call)."
        ),
    ] = False,
    summary: Annotated[
        bool | None,
        typer.Option(
            "--summary/--no-summary",
            help="After extraction, the model writes each story's headline and summary, "
            "every sentence checked against its citations (one call a story). --no-summary: "
            "the stories as the rules made them, headlined by their best-attested "
            "development, with no further call. Default: on (SUMMARIZER_SUMMARY).",
            show_default=False,
        ),
    ] = None,
    repeats: Annotated[
        bool | None,
        typer.Option(
            "--repeats/--no-repeats",
            help="Before the summary, ask the model which close developments of different "
            "outlets are the same (one more call a story). Default: off "
            "(SUMMARIZER_REPEATS): the embedded 1.5B model judged 10 of 16 hand-labelled "
            "pairs right; python -m bench.repeats_pairs measures another model.",
            show_default=False,
        ),
    ] = None,
    history: Annotated[
        bool,
        typer.Option(
            help="Say what changed since the run store's latest briefing of an earlier date."
        ),
    ] = True,
    store: StorePath = None,
    cache: Annotated[
        bool, typer.Option(help="Answer calls already in the run store from there.")
    ] = True,
    batch: Annotated[
        bool,
        typer.Option(
            "--batch",
            help="Send the extractions through OpenAI's Batch API (half the price, answers "
            "within 24 h); the run waits, and can be resumed with --resume.",
        ),
    ] = False,
    resume: Annotated[
        int | None,
        typer.Option(
            help="Continue a stopped run of the store (see: summarizer runs), on the inputs and "
            "date it was given.",
            show_default=False,
        ),
    ] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Articles extracted at once (env: SUMMARIZER_CONCURRENCY; default: 8 on "
            "OpenAI, 4 on other servers, 1 on the embedded model).",
            show_default=False,
        ),
    ] = None,
    follow_links: Annotated[
        bool,
        typer.Option(
            "--follow-links",
            help="Inside a folder, also read links that lead out of it.",
        ),
    ] = False,
    model: Model = None,
    base_url: BaseUrl = None,
    api_key: ApiKey = None,
    verbose: Verbose = False,
    quiet: Quiet = False,
) -> None:
    """Write a neutral, cited briefing of the articles under PATHS."""
    from summarizer import pipeline
    from summarizer.cli import progress

    settings = settings_from(
        verbose,
        model=model,
        base_url=base_url,
        api_key=api_key,
        store=str(store) if store else None,
        concurrency=concurrency,
        **({} if repeats is None else {"repeats": repeats}),
        **({} if cache else {"cache": False}),
        **({"follow_links": True} if follow_links else {}),
    )
    check_out(out)  # before any call is paid for
    chosen = output_format(format, out)
    status = Console(stderr=True, quiet=True) if quiet else err
    with progress.assembly(status) as assembling, progress.articles(status) as bar:
        result = run(
            lambda: pipeline.brief(
                paths or [],
                settings=settings,
                date=date,
                timing=timing,
                lead=lead,
                summary=summary,
                history=history,
                batch=batch,
                resume=resume,
                progress=assembling,
                on_article=bar,
                on_stage=bar.step,
                on_batch=lambda message: err.print(escape(message), highlight=False),
                on_store_error=warn,
                # Which backend, and why, before anything is paid for: with OPENAI_API_KEY
                # exported, a command with no option goes to OpenAI.
                on_backend=lambda backend: status.print(
                    escape(backend.describe()), highlight=False, soft_wrap=True
                ),
            )
        )
    if status.is_terminal:
        status.print(f"{bar.done} articles · {bar.summary()}", highlight=False)
    from summarizer import render

    emit(render.as_text(result, chosen), out, status)
    for skipped in result.skipped:
        err.print(
            f"[yellow]skipped[/] {escape(skipped.path)}: {escape(skipped.reason)}",
            highlight=False,
            soft_wrap=True,
        )
    if result.skipped:
        raise typer.Exit(PARTIAL_EXIT)


def output_format(given: Format | None, out: Path | None) -> str:
    """--format when given, else the format the --out file's suffix names, else Markdown."""
    if given is not None:
        return given.value
    if out is not None:
        return SUFFIX_FORMATS.get(out.suffix.lower(), Format.markdown.value)
    return Format.markdown.value


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="One article file, or - for stdin.")],
    out: Out = None,
    model: Model = None,
    base_url: BaseUrl = None,
    api_key: ApiKey = None,
    verbose: Verbose = False,
) -> None:
    """Print the validated extraction of one article as JSON."""
    from summarizer import pipeline

    settings = settings_from(verbose, model=model, base_url=base_url, api_key=api_key)
    check_out(out)
    result = run(lambda: pipeline.extract(path, settings=settings))
    emit(result.model_dump_json(indent=2) + "\n", out)


@app.command()
def quantities(
    path: Annotated[str, typer.Argument(help="One article file, or - for stdin.")],
    out: Out = None,
) -> None:
    """Print every number of an article as JSON lines, read by rule with no model: span, raw
    text, value (or low and high), unit as written and as compared, role, scope, what it
    counts; for a number that is no figure, the reason (a date, an age, a reference...)."""
    from summarizer import ingest
    from summarizer.figures import reader

    check_out(out)
    loaded = run(lambda: ingest.load([path]))  # no readable article: exit 4, one line
    lines = [
        json.dumps(q.to_dict(), ensure_ascii=False)
        for article in loaded.articles
        for q in reader.read_article(article)
    ]
    emit("".join(f"{line}\n" for line in lines), out)


@app.command()
def schema(
    name: Annotated[
        str | None, typer.Argument(help="article, article_extraction or briefing.")
    ] = None,
    write: Annotated[
        Path | None, typer.Option(help="Write every schema file into this folder.")
    ] = None,
) -> None:
    """Print the JSON Schemas of the models (or write them with --write)."""
    from summarizer import schemas

    if write is not None:
        for path in schemas.write(write):
            err.print(f"wrote {escape(str(path))}")
        return
    generated = schemas.generate()
    if name is None:
        texts = {
            key.removesuffix(".schema.json"): json.loads(value) for key, value in generated.items()
        }
        emit(json.dumps(texts, indent=2) + "\n", None)
    elif f"{name}.schema.json" in generated:
        emit(generated[f"{name}.schema.json"], None)
    else:
        fail(f"No schema named {name!r}; choose one of {', '.join(schemas.SCHEMAS)}.", USAGE_EXIT)


@app.command("evaluate")
def evaluate_command(
    briefing: Annotated[Path, typer.Argument(help="A briefing written with --format json.")],
    gold: Annotated[
        Path | None,
        typer.Option(
            help="Gold figures (JSON; default: the seeds' gold, installed with the package).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Score a briefing's figures against gold annotations: precision and recall."""
    from summarizer import evaluate
    from summarizer.models import Briefing

    gold = gold or evaluate.default_gold()
    try:
        parsed = Briefing.model_validate_json(briefing.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        fail(f"Cannot read the briefing {briefing}: {str(exc).splitlines()[0]}", INPUT_EXIT)
    try:
        reference = evaluate.load_gold(gold)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if isinstance(exc, KeyError):
            why = f"no {exc} key: not a gold file"
        fail(f"Cannot read the gold file {gold}: {why}", INPUT_EXIT)
    emit(evaluate.report(evaluate.score(parsed, reference)) + "\n", None)


runs_app = typer.Typer(
    help="The runs in the run store; `runs show N` prints one's briefing again.",
    no_args_is_help=False,
)
app.add_typer(runs_app, name="runs")
store_app = typer.Typer(help="The run store file.", no_args_is_help=True)
app.add_typer(store_app, name="store")
app.add_typer(config_app, name="config")
app.add_typer(keys_app, name="keys")


@runs_app.callback(invoke_without_command=True)
def runs(
    ctx: typer.Context,
    store: StorePath = None,
    limit: Annotated[int, typer.Option(help="How many runs, newest first.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the runs in the run store: when, for which date, calls made and answered from it."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = store
        return
    rows = _from_store(store, lambda opened: opened.runs(limit))
    if as_json:
        for r in rows:  # a list of inputs, not a string holding the JSON of one
            r["inputs"] = json.loads(r["inputs"])
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    out = Console(markup=False, highlight=False, soft_wrap=True)
    out.print("run  started                    date        status       calls  cached  articles")
    for r in rows:
        articles = len(json.loads(r["inputs"]))
        out.print(
            f"{r['id']:<4} {r['started_at']:<26} {r['date'] or '-':<11} {r['status']:<12} "
            f"{r['calls_made']:>5} {r['cache_hits']:>7} {articles:>9}",
            highlight=False,
        )


@runs_app.command("show")
def runs_show(
    ctx: typer.Context,
    run_id: Annotated[int, typer.Argument(help="The run's number (see: summarizer runs).")],
    format: FormatOption = None,
    out: Out = None,
    store: StorePath = None,
) -> None:
    """Print the briefing a run stored, in any format, with no model call."""
    from summarizer import render
    from summarizer.models import Briefing

    stored = _from_store(store or ctx.obj, lambda opened: opened.briefing(run_id))
    if stored is None:
        fail(
            f"Run {run_id} stored no briefing (no such run, or it did not finish): see "
            "summarizer runs.",
            INPUT_EXIT,
        )
    check_out(out)
    briefing = Briefing.model_validate_json(stored)
    emit(render.as_text(briefing, output_format(format, out)), out)


@store_app.command("path")
def store_path(store: StorePath = None) -> None:
    """Print the run store's file: --store, else SUMMARIZER_STORE, else the user data dir."""
    from summarizer.store import default_path

    settings = settings_from(False, store=str(store) if store else None)
    typer.echo(str(settings.store or default_path()))


@app.command()
def usage(
    store: StorePath = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Model calls, tokens and cost by day and model, from the run store."""
    rows = _from_store(store, lambda opened: opened.usage())
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    out = Console(markup=False, highlight=False, soft_wrap=True)
    out.print(
        "day         model                            calls  prompt tok  of it cached  "
        "compl tok  cost USD"
    )
    for r in rows:
        usd = "unknown" if r["cost_usd"] is None else f"{r['cost_usd']:.4f}"
        # Servers that do not say how much of a prompt came from their prefix cache: "-".
        cached = "-" if r["cached_tokens"] is None else f"{r['cached_tokens']:,}"
        out.print(
            f"{r['day']:<11} {r['model'][:32]:<32} {r['calls']:>5} {r['prompt_tokens']:>11,} "
            f"{cached:>13} {r['completion_tokens']:>10,} {usd:>9}",
            highlight=False,
        )


def _from_store(path: Path | None, read: Callable[[Store], Any]) -> Any:
    """What ``read`` gets from the run store; one that cannot be opened or read ends the
    command with its one line (StoreError)."""
    from summarizer.store import Store, default_path

    settings = settings_from(False, store=str(path) if path else None)

    def opened_and_read() -> Any:
        with Store(settings.store or default_path()) as opened:
            return read(opened)

    return run(opened_and_read)


@app.command()
def doctor(
    model: Model = None,
    base_url: BaseUrl = None,
    api_key: ApiKey = None,
    check: Annotated[
        bool, typer.Option(help="Contact the backend (start the embedded one) and list models.")
    ] = True,
) -> None:
    """Show which model backend a run would use and why, and check that it answers."""
    from summarizer import __version__
    from summarizer.cli import progress
    from summarizer.config import config_path
    from summarizer.errors import ConfigError
    from summarizer.llm import LLM, backends, local
    from summarizer.redact import shown_url
    from summarizer.store import default_path

    settings = settings_from(False, model=model, base_url=base_url, api_key=api_key)
    out = Console(markup=False, highlight=False, soft_wrap=True)
    out.print(f"version: summarizer {__version__}", highlight=False)
    out.print(f"store:   {settings.store or default_path()}", highlight=False)
    out.print(f"cache:   {local.cache_dir()}", highlight=False)
    out.print(f"config:  {config_path()}", highlight=False)
    explicit = frozenset(
        k for k, v in {"model": model, "base_url": base_url, "api_key": api_key}.items() if v
    )
    out.print("settings (in effect, and where each came from):", highlight=False)
    for line in settings_lines(settings, explicit):
        out.print(f"  {line}", highlight=False)
    try:
        backend = backends.choose(settings)
    except ConfigError as exc:
        # Nothing usable: say where each of the three backends stands, then the error.
        lacking = local.missing()
        out.print("server:  none (no --base-url, SUMMARIZER_BASE_URL or OPENAI_BASE_URL)")
        out.print("openai:  none (no --api-key, OPENAI_API_KEY or stored key 'openai')")
        if not settings.embedded:
            state = "off (SUMMARIZER_EMBEDDED=0)"
        elif lacking:
            more = "…" if len(lacking) > 3 else ""
            state = f"not installed (missing {', '.join(lacking[:3])}{more})"
        else:
            state = "installed"
        out.print(f"embedded: {state}", highlight=False)
        fail(str(exc), exc.exit_code)
    if backend.base_url:
        where = shown_url(backend.base_url)  # without user:password@ or ?api-key=
    else:
        where = "OpenAI" if backend.kind == "openai" else "a loopback port"
    out.print(f"backend: {backend.kind} ({where})", highlight=False)
    out.print(f"why:     {backend.reason}", highlight=False)
    out.print(f"model:   {backend.model or 'the server default'}", highlight=False)
    mode = "llamacpp" if backend.kind == "embedded" else settings.resolved_mode()
    out.print(f"mode:    {mode}", highlight=False)
    if backend.kind == "embedded":
        out.print(f"file:    {local.model_status()}", highlight=False)
    if not check:
        return

    def probe() -> list[str]:
        with (
            progress.assembly(err) as assembling,
            backends.connect(settings, assembling) as connected,
            LLM(connected) as llm,
        ):
            return llm.list_models()

    started = time.monotonic()
    names = run(probe)
    out.print(
        f"check:   answered in {time.monotonic() - started:.1f} s; models: {', '.join(names)}",
        highlight=False,
    )
    if backend.model and names and backend.model not in names:
        fail(
            f"The server does not serve the model {backend.model!r}; it serves "
            f"{', '.join(map(repr, names))}. Pass one of them with --model.",
            ConfigError.exit_code,
        )

"""Briefing -> one self-contained HTML page: the briefing beside its source articles.

Every cited span is marked in the source pane before any click, tinted by what cites it
(a development, a figure, a statement; the legend says which is which), and the boilerplate is
greyed out. Clicking a citation (in the text or in the Citations list) lights its exact span;
selecting a story in the story list (or its heading) lights every span it cites; a marked span
links back to the claims citing it. Each figure group of several claims has a strip plot: one
dot per claim, coloured by source, hollow for a bound ("over", "up to"), one row per scope.
Below 900 px the source pane stacks under the briefing; printed, the page is one column with
its marks. The page makes no request: its style and script are inline, pinned by hash in a
Content-Security-Policy whose default is 'none'.

The marks are cut here, from the citations' offsets, which are Python code points as in the
JSON briefing: the script never slices text, so no UTF-16 arithmetic happens anywhere, and
article text only ever reaches the page escaped (a ``<script>`` in an article shows as text).
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import math
from importlib import resources

from summarizer.models import Article, Briefing, Citation, FigureClaim, FigureGroup, Source, Story
from summarizer.render import lines as shared


class HtmlStyle:
    """How the shared briefing sentences are written in HTML."""

    def __init__(self, citations: list[Citation]) -> None:
        self._by_number = {c.n: c for c in citations}

    def esc(self, text: str) -> str:
        # One line: a line break in a briefing's line would split it where _section cuts a
        # figure group into its claims (a browser shows it as a space anyway).
        return html.escape(" ".join(shared.printable(text).splitlines()), quote=True)

    def strong(self, markup: str) -> str:
        return f"<strong>{markup}</strong>"

    def flag(self, markup: str) -> str:
        return f'<span class="unverified">{markup}</span>'

    def cites(self, numbers: list[int]) -> str:
        return "".join(self._link(n) for n in numbers)

    def code(self, text: str) -> str:
        return f"<code>{self.esc(text)}</code>"

    def plot(self, group: FigureGroup, sources: list[Source]) -> str:
        return strip_plot(group, sources)

    def _link(self, n: int) -> str:
        c = self._by_number[n]
        return (
            f'<a class="cite" href="#cite-{n}" data-n="{n}" data-source="{c.source}" '
            f'data-start="{c.start}" data-end="{c.end}" title="{self.esc(shared.flat(c.quote))}">[{n}]</a>'
        )


class _Uncited(HtmlStyle):
    """The story list's headings: a link cannot hold the citation links (no nested <a>)."""

    def cites(self, numbers: list[int]) -> str:
        return ""


def to_html(briefing: Briefing) -> str:
    """The whole page, as one string."""
    st = HtmlStyle(briefing.citations)
    css, js = _asset("briefing.css"), _asset("briefing.js")
    policy = (
        f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    body = "\n".join(
        _citations(briefing, st) if heading == "Citations" else _section(heading, lines)
        for heading, lines in shared.sections_of(briefing, st)
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>{st.esc(briefing.title)}</title>
<style>{css}</style>
</head>
<body>
<div class="layout">
<main id="briefing">
<h1>{st.esc(briefing.title)}</h1>
<p class="overview">{st.esc(shared.overview(briefing))}</p>
{_lead(briefing, st)}{_stories(briefing, st)}{body}
<h2>How this briefing was made</h2>
<p class="meta">{st.esc(shared.method(briefing))}</p>
</main>
<aside id="reader" aria-label="Source articles">
<h2>Source articles</h2>
<p class="hint">Select a story or a citation to light what it cites; select a marked passage to see the claims citing it.</p>
<p class="legend">Marked: <span class="swatch k-development">development</span> <span class="swatch k-figure">figure</span> <span class="swatch k-statement">statement</span> <span class="swatch k-other">other cited words</span> <span class="swatch boilerplate">not article text</span></p>
{_articles(briefing, st)}
</aside>
</div>
<script>{js}</script>
</body>
</html>
"""


def _lead(briefing: Briefing, st: HtmlStyle) -> str:
    if not briefing.lead:
        return ""
    return f'<h2>Lead</h2>\n<p class="lead">{shared.lead(briefing, st)}</p>\n'


def _stories(briefing: Briefing, st: HtmlStyle) -> str:
    """The story list to navigate, then each story with its parts. A story's element carries
    its citation numbers, so the script can mark all of its spans at once."""
    if not briefing.stories:
        return ""
    plain = _Uncited(briefing.citations)
    nav = "".join(
        f'<li><a href="#story-{s.rank}" data-story="{s.rank}">'
        f"{shared.story_heading(s, plain).rstrip()}</a></li>"
        for s in briefing.stories
    )
    parts = [f'<h2>Stories</h2>\n<nav aria-label="Stories"><ol class="story-list">{nav}</ol></nav>']
    ids = shared.by_id(briefing)
    for story in briefing.stories:
        cited = sorted(_story_citations(story, ids))
        inner = "\n".join(
            _section(heading, lines, level=4)
            for heading, lines in shared.story_sections(briefing, story, st, ids)
        )
        parts.append(
            f'<section class="story" id="story-{story.rank}" '
            f'data-citations="{" ".join(map(str, cited))}">\n'
            f"<h3>{shared.story_heading(story, st)}</h3>\n"
            f'<p class="reach">{st.esc(shared.story_reach(story, briefing.sources))}</p>\n'
            f"{inner}\n</section>"
        )
    return "\n".join(parts) + "\n"


def _story_citations(story: Story, ids: shared.ById) -> set[int]:
    developments, figures, statements = ids.developments, ids.figures, ids.statements
    cited = set(story.headline.citations)
    cited.update(n for s in story.summary for n in s.citations)
    cited.update(n for i in story.developments for n in developments[i].citations)
    cited.update(n for i in story.figures for c in figures[i].claims for n in c.citations)
    cited.update(n for i in story.statements for n in statements[i].citations)
    return cited


def _section(heading: str, lines: list[str], level: int = 2) -> str:
    items = []
    for line in lines:
        head, *nested = line.split("\n")  # a figure group: its claims nest under it
        inner = "".join(f"<li>{claim}</li>" for claim in nested)
        items.append(f"<li>{head}<ul>{inner}</ul></li>" if nested else f"<li>{head}</li>")
    return (
        f"<h{level}>{html.escape(heading)}</h{level}>\n"
        f'<ul class="{_slug(heading)}">{"".join(items)}</ul>'
    )


def _citations(briefing: Briefing, st: HtmlStyle) -> str:
    """The citation list; each entry's [n] is a link that lights its span, like any other."""
    items = "".join(
        f'<li id="cite-{c.n}">{st.cites([c.n])} '
        f"{shared.citation(c, briefing.sources, st).removeprefix(f'[{c.n}] ')}</li>"
        for c in briefing.citations
    )
    return f'<h2>Citations</h2>\n<ul class="citations">{items}</ul>'


_KINDS = ("development", "figure", "statement")


def cited_kinds(briefing: Briefing) -> dict[int, set[str]]:
    """Each citation number -> the kinds of claim that cite it ("other": only a summary, a
    lead, a headline or the who's who)."""
    kinds: dict[int, set[str]] = {c.n: set() for c in briefing.citations}
    for d in briefing.developments:
        for n in [*d.citations, *(n for t in d.tellings for n in t.citations)]:
            kinds.setdefault(n, set()).add("development")
    for g in briefing.figures:
        for c in g.claims:
            for n in c.citations:
                kinds.setdefault(n, set()).add("figure")
    for s in briefing.statements:
        for n in s.citations:
            kinds.setdefault(n, set()).add("statement")
    return {n: found or {"other"} for n, found in kinds.items()}


def _articles(briefing: Briefing, st: HtmlStyle) -> str:
    kinds = cited_kinds(briefing)
    by_source: dict[int, list[Citation]] = {}
    for c in briefing.citations:
        by_source.setdefault(c.source, []).append(c)
    return "".join(
        _article(s.n, s.article, st, by_source.get(s.n, []), kinds) for s in briefing.sources
    )


def _article(
    n: int, article: Article, st: HtmlStyle, cited: list[Citation], kinds: dict[int, set[str]]
) -> str:
    """The article's full text, escaped, every cited span marked and the boilerplate greyed:
    readable without the script. Bidi and control characters show as U+FFFD."""
    title = f": {st.esc(article.title)}" if article.title else ""
    return (
        f'<section class="source" id="source-{n}" data-source="{n}">'
        f"<h3>{n}. {st.esc(article.shown_outlet)}{title}</h3>"
        f'<div class="text">{marked_text(article, cited, kinds)}</div></section>\n'
    )


def marked_text(article: Article, cited: list[Citation], kinds: dict[int, set[str]]) -> str:
    """``article.text`` cut at every citation and boilerplate edge (code points, as the
    offsets are): a run cited by the same numbers is one ``<mark data-cites="...">``, so
    overlapping spans split into pieces and distinct spans are distinct marks. One sweep over
    the sorted edges: a day of long articles is not scanned once per citation."""
    text = article.text
    spans = [c for c in cited if 0 <= c.start < c.end <= len(text)]
    grey = [(b.start, b.end) for b in article.boilerplate if 0 <= b.start < b.end <= len(text)]
    cuts = sorted(
        {0, len(text), *(x for c in spans for x in (c.start, c.end))} | {x for b in grey for x in b}
    )
    starting: dict[int, list[Citation]] = {}
    for c in spans:
        starting.setdefault(c.start, []).append(c)
    grey_starts = {b[0]: b[1] for b in sorted(grey)}
    active: dict[int, int] = {}  # citation number -> its end
    grey_until = -1
    out: list[str] = []
    run_key, run_parts = "", list[str]()  # the mark being written, until its numbers change

    def close_run() -> None:
        nonlocal run_key, run_parts
        if run_key:
            numbers = [int(x) for x in run_key.split()]
            classes = sorted({k for x in numbers for k in kinds.get(x, {"other"})}, key=_order)
            listed = ", ".join(f"[{x}]" for x in numbers)
            out.append(
                f'<mark data-cites="{run_key}" class="{" ".join("k-" + k for k in classes)}" '
                f'tabindex="0" title="Cited by {listed}: select to see where">'
                f"{''.join(run_parts)}</mark>"
            )
        run_key, run_parts = "", []

    for a, b in itertools.pairwise(cuts):
        for c in starting.get(a, []):
            active[c.n] = c.end
        for x in [x for x, end in active.items() if end <= a]:
            del active[x]
        if a in grey_starts:
            grey_until = max(grey_until, grey_starts[a])
        piece = _esc_source(text[a:b])
        if a < grey_until:
            piece = f'<span class="boilerplate">{piece}</span>'
        key = " ".join(map(str, sorted(active)))
        if key != run_key:
            close_run()
        if key:
            run_key = key
            run_parts.append(piece)
        else:
            out.append(piece)
    close_run()
    return "".join(out)


def _order(kind: str) -> int:
    return _KINDS.index(kind) if kind in _KINDS else len(_KINDS)


# Strip plots: one row per scope, one dot per claim; sizes in SVG user units.
_WIDTH, _LABEL, _ROW, _TOP, _AXIS = 360, 128, 24, 8, 34
_DODGE = (0, -8, 8, -4, 4)  # dots at one place in a row move apart, up and down, to show each
_BOUNDS = {"over", "at_least", "up_to", "under", "vague"}


def strip_plot(group: FigureGroup, sources: list[Source]) -> str:
    """A small inline SVG of a group's values, or "" when there is nothing to compare (one
    claim, no number, or values in different units, which are never put on one axis)."""
    points = [(c, v) for c in group.claims if (v := _value_of(c)) is not None]
    if len(points) < 2 or len({c.unit for c, _ in points}) > 1:
        return ""
    rows = list(dict.fromkeys(_row_of(c) for c, _ in points))
    values = [v for c, _ in points for v in _ends(c)]
    lo, hi = min(values), max(values)
    logged = lo > 0 and hi / lo >= 100
    x = _scale(lo, hi, logged)
    keyed = sorted({c.source for c, _ in points})
    height = _TOP + _ROW * len(rows) + _AXIS + 16 * ((len(keyed) - 1) // 3)
    parts = [
        f'<svg class="strip" role="img" viewBox="0 0 {_WIDTH} {height}" width="{_WIDTH}" '
        f'height="{height}" aria-label="{_esc(_plot_summary(group, points))}">'
    ]
    for i, row in enumerate(rows):
        y = _TOP + _ROW * i + _ROW / 2
        shown = row if len(row) <= 22 else row[:21] + "…"
        parts.append(
            f'<line class="row" x1="{_LABEL}" x2="{_WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="scope" x="0" y="{y + 4:.1f}"><title>{_esc(row)}</title>'
            f"{_esc(shown)}</text>"
        )
    taken: dict[tuple[int, int], int] = {}  # (row, x in 8-unit steps) -> dots there
    for c, _ in points:
        line = rows.index(_row_of(c))
        y = _TOP + _ROW * line + _ROW / 2
        ends = _ends(c)
        at = (line, round(x(ends[0]) / 8))
        y += _DODGE[taken.get(at, 0) % len(_DODGE)]
        taken[at] = taken.get(at, 0) + 1
        hollow = " hollow" if c.qualifier in _BOUNDS else ""
        tip = f"{c.raw}: source {c.source} ({sources[c.source - 1].article.shown_outlet})"
        tip += f", {c.scope}" if c.scope else ", scope not stated"
        if len(ends) == 2:
            parts.append(
                f'<line class="range s{_hue(c.source)}" x1="{x(ends[0]):.1f}" '
                f'x2="{x(ends[1]):.1f}" y1="{y:.1f}" y2="{y:.1f}"/>'
            )
        for v in ends:
            parts.append(
                f'<circle class="dot s{_hue(c.source)}{hollow}" cx="{x(v):.1f}" cy="{y:.1f}" '
                f'r="5"><title>{_esc(tip)}</title></circle>'
            )
    axis = _TOP + _ROW * len(rows) + 12
    parts.append(
        f'<text class="tick" x="{_LABEL}" y="{axis}">{_number(lo)}</text>'
        f'<text class="tick" x="{_WIDTH - 8}" y="{axis}" text-anchor="end">{_number(hi)}'
        f"{' (log scale)' if logged else ''}</text>"
    )
    for k, n in enumerate(keyed):  # the source key, three a line
        key_x, key_y = _LABEL + 72 * (k % 3), axis + 13 + 16 * (k // 3)
        parts.append(
            f'<circle class="dot s{_hue(n)}" cx="{key_x + 5}" cy="{key_y}" r="4"/>'
            f'<text class="tick" x="{key_x + 12}" y="{key_y + 4}">source {n}</text>'
        )
    if any(c.qualifier in _BOUNDS for c, _ in points):
        parts.append(f'<text class="tick" x="0" y="{axis + 17}">hollow: over, up to</text>')
    parts.append("</svg>")
    return "".join(parts)


def _value_of(c: FigureClaim) -> float | None:
    for v in (c.value, c.low, c.high):
        if v is not None and math.isfinite(v):
            return v
    return None


def _ends(c: FigureClaim) -> list[float]:
    """A range's two ends, else the one value."""
    if c.qualifier == "range" and c.low is not None and c.high is not None and c.low != c.high:
        return [c.low, c.high]
    v = _value_of(c)
    return [] if v is None else [v]


def _row_of(c: FigureClaim) -> str:
    role = {"change": " (a change)", "earlier": " (earlier)"}.get(c.role, "")
    return (c.scope or "scope not stated") + role


def _scale(lo: float, hi: float, logged: bool):  # type: ignore[no-untyped-def]
    left, right = _LABEL + 8, _WIDTH - 16
    if logged:
        lo, hi = math.log10(lo), math.log10(hi)
    if hi == lo:
        return lambda v: (left + right) / 2

    def x(v: float) -> float:
        at = math.log10(v) if logged else v
        return left + (at - lo) / (hi - lo) * (right - left)

    return x


def _plot_summary(group: FigureGroup, points: list[tuple[FigureClaim, float]]) -> str:
    values = "; ".join(f"{c.raw} (source {c.source}, {_row_of(c)})" for c, _ in points)
    return f"{shared.group_label(group)}: {values}"


def _hue(source: int) -> int:
    return (source - 1) % 8


def _number(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 or v == int(v) else f"{v:,.3g}"


def _esc(text: str) -> str:
    return html.escape(shared.flat(shared.printable(text)), quote=True)


def _esc_source(text: str) -> str:
    return html.escape(shared.shown_in_place(text), quote=True)


def _asset(name: str) -> str:
    return resources.files("summarizer.render").joinpath("assets", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _slug(heading: str) -> str:
    return heading.lower().replace("'", "").replace(" ", "-")

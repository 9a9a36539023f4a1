"""Briefing -> one self-contained HTML page: the briefing beside its source articles.

Clicking a citation shows its article with the exact cited span highlighted and the
boilerplate greyed out; selecting a story in the story list (or its heading) highlights every
span it cites; a highlighted span links back to the claims citing it. Below 900 px the source
pane stacks under the briefing. The page makes no request: its style and script are inline, pinned by
hash in a Content-Security-Policy whose default is 'none'. Article text is escaped in the
static page and only ever set through ``textContent`` by the script, so a ``<script>`` in an
article is shown as text and never runs.

Every offset in the page (a citation's ``data-start``/``data-end``, the boilerplate spans in
``briefing-data``) is a Python code point, the same number as in the JSON briefing. The script
counts UTF-16 units, where an emoji counts two, so it converts each source's offsets once, on
load (assets/briefing.js); nothing here converts.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib import resources

from summarizer.models import Article, Briefing, Citation, Story
from summarizer.render import lines as shared


class HtmlStyle:
    """How the shared briefing sentences are written in HTML."""

    def __init__(self, citations: list[Citation]) -> None:
        self._by_number = {c.n: c for c in citations}

    def esc(self, text: str) -> str:
        return html.escape(shared.printable(text), quote=True)

    def strong(self, markup: str) -> str:
        return f"<strong>{markup}</strong>"

    def flag(self, markup: str) -> str:
        return f'<span class="unverified">{markup}</span>'

    def cites(self, numbers: list[int]) -> str:
        return "".join(self._link(n) for n in numbers)

    def code(self, text: str) -> str:
        return f"<code>{self.esc(text)}</code>"

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
<p class="hint">Select a story or a citation to highlight what it cites; select a highlighted passage to see the claims citing it.</p>
{"".join(_article(s.n, s.article, st) for s in briefing.sources)}
</aside>
</div>
<script type="application/json" id="briefing-data">{_data(briefing)}</script>
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
    items = "".join(
        f'<li id="cite-{c.n}">{shared.citation(c, briefing.sources, st)}</li>'
        for c in briefing.citations
    )
    return f'<h2>Citations</h2>\n<ul class="citations">{items}</ul>'


def _article(n: int, article: Article, st: HtmlStyle) -> str:
    """The article's full text, escaped, boilerplate greyed: readable without the script.
    Bidi and control characters show as U+FFFD, here and in the script's copy."""
    pieces, cursor = [], 0
    for b in sorted(article.boilerplate, key=lambda b: b.start):
        pieces.append(_esc_source(article.text[cursor : b.start]))
        grey = _esc_source(article.text[b.start : b.end])
        pieces.append(f'<span class="boilerplate">{grey}</span>')
        cursor = b.end
    pieces.append(_esc_source(article.text[cursor:]))
    title = f": {st.esc(article.title)}" if article.title else ""
    return (
        f'<section class="source" id="source-{n}" data-source="{n}">'
        f"<h3>{n}. {st.esc(article.outlet)}{title}</h3>"
        f'<div class="text">{"".join(pieces)}</div></section>\n'
    )


def _data(briefing: Briefing) -> str:
    """Article texts and each citation's [source, start, end] for the script, as JSON that
    cannot close its <script> element; the boilerplate and citation offsets are code points, converted by the script (see the module docstring)."""
    sources = {
        str(s.n): {
            "text": shared.shown_in_place(s.article.text),
            "boilerplate": [[b.start, b.end] for b in s.article.boilerplate],
        }
        for s in briefing.sources
    }
    citations = {str(c.n): [c.source, c.start, c.end] for c in briefing.citations}
    text = json.dumps({"sources": sources, "citations": citations}, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _esc_source(text: str) -> str:
    return html.escape(shared.shown_in_place(text), quote=True)


def _asset(name: str) -> str:
    return resources.files("summarizer.render").joinpath("assets", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _slug(heading: str) -> str:
    return heading.lower().replace("'", "").replace(" ", "-")

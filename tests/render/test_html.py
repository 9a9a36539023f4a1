"""The HTML page: self-contained, escaped, and a citation click highlights its exact span.

The browser test drives Debian's chromium through playwright; without either it is skipped
with the reason. .ci/run installs both, so it runs in CI.
"""

from __future__ import annotations

import re
import shutil
from collections import deque
from pathlib import Path

import pytest

from summarizer import ingest
from summarizer.extraction import extract
from summarizer.llm import LLM
from summarizer.models import Briefing, Sentence
from summarizer.pipeline import assemble
from summarizer.render import to_html
from tests.support.briefings import CannedModel
from tests.support.fake_model import FakeServer, actor, event, reply, statement
from tests.support.helpers import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = ROOT / "build" / "screenshots"
HOSTILE = (
    "Rebels said 12 drones hit the base.\n"
    "<script>alert(1)</script><img src=x onerror=alert(2)>\n"
    "Officials said the attack was repelled.\n"
)
# Characters outside the BMP before the cited spans and the clutter: one code point each in
# Python, two UTF-16 units each in the browser (issue 12, item 4).
ASTRAL = (
    "Rocket launch at the coast\n"
    "Sara Lopes launched the rocket 🚀🚀 on Monday.\n"
    "Advertisement\n"
    "The 𝐀 team’s chief, Rui Costa, said the engines fired on time.\n"
    "Share\n"
)


@pytest.fixture
def hostile(fake_llm: LLM, server: FakeServer) -> Briefing:
    article = ingest.parse(HOSTILE, "hostile.txt")
    server.enqueue(
        reply(
            actors=[actor("Rebels", "armed_force")],
            events=[event(2)],
        ),
        # The markup line is set aside on ingest: "alert(1)" is no number; "12 drones"
        # states its unit, so no labelling call is made.
    )
    briefing = assemble([extract(article, fake_llm)], [], date="2026-11-23")
    assert server.queue == deque() and "alert" not in str(server.requests)  # never sent
    return briefing


@pytest.fixture
def astral() -> Briefing:
    """One article with emoji and a mathematical letter ahead of its citations and clutter."""
    article = ingest.parse(ASTRAL, "astral.txt")
    model = CannedModel(
        reply(
            actors=[actor("Sara Lopes")],
            events=[event(2)],
            statements=[statement(3, "Rui Costa")],  # "The team" would be no name
        )
    )
    briefing = assemble([extract(article, model)], [], date="2026-11-23")
    assert not model.answers
    # The test is only worth something if spans and clutter come after astral characters.
    assert [b.reason for b in article.boilerplate] == ["site clutter", "site clutter"]
    assert {c.quote for c in briefing.citations} >= {
        "Sara Lopes launched the rocket 🚀🚀 on Monday.",
        "the engines fired on time",  # the reported clause
    }
    return briefing


def test_page_is_self_contained(briefing: Briefing) -> None:
    page = to_html(briefing)
    assert "default-src 'none'" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert "<link" not in page and "@import" not in page


def _pane_text(page: str, n: int) -> str:
    """What a reader of source n's pane reads: its text with the page's own tags taken out."""
    import html as html_lib

    box = page.split(f'id="source-{n}"', 1)[1].split('<div class="text">', 1)[1]
    return html_lib.unescape(re.sub(r"<[^>]+>", "", box.split("</div></section>", 1)[0]))


def test_article_markup_is_text(hostile: Briefing) -> None:
    page = to_html(hostile)
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x" not in page
    assert _pane_text(page, 1) == HOSTILE  # escaped, every character kept


def test_every_cited_span_is_marked_before_any_click_by_kind(briefing: Briefing) -> None:
    import html as html_lib

    page = to_html(briefing)
    marks = re.findall(r'<mark data-cites="([\d ]+)" class="([^"]+)"[^>]*>(.*?)</mark>', page)
    numbers = {int(n) for cites, _, _ in marks for n in cites.split()}
    assert numbers == {c.n for c in briefing.citations}
    kinds = {k for _, classes, _ in marks for k in classes.split()}
    assert {"k-development", "k-figure", "k-statement"} <= kinds
    # The pieces of a span, in order, are its exact words.
    for c in briefing.citations:
        pieces = [
            html_lib.unescape(re.sub(r"<[^>]+>", "", text))
            for cites, _, text in marks
            if str(c.n) in cites.split()
        ]
        assert "".join(pieces) == c.quote
    assert 'class="legend"' in page and "swatch k-figure" in page
    for n in range(1, len(briefing.sources) + 1):  # marking adds no character
        assert _pane_text(page, n) == briefing.sources[n - 1].article.text


def test_the_citations_list_entries_are_links(briefing: Briefing) -> None:
    page = to_html(briefing)
    entries = page.split('<ul class="citations">', 1)[1].split("</ul>", 1)[0]
    for c in briefing.citations:
        assert re.search(
            rf'<li id="cite-{c.n}"><a class="cite" href="#cite-{c.n}" data-n="{c.n}"', entries
        )


def test_a_figure_group_of_several_claims_has_a_strip_plot(briefing: Briefing) -> None:
    from summarizer.render.html import strip_plot

    page = to_html(briefing)
    several = [g for g in briefing.figures if len(g.claims) > 1]
    assert several
    for g in several:
        svg = strip_plot(g, briefing.sources)
        assert svg.count("<circle") >= len(g.claims)  # a dot a claim, and the source key
        assert svg in page
    one = next(g for g in briefing.figures if len(g.claims) == 1)
    assert strip_plot(one, briefing.sources) == ""


def test_every_citation_links_to_its_span(briefing: Briefing) -> None:
    page = to_html(briefing)
    for c in briefing.citations:
        assert (
            f'data-n="{c.n}" data-source="{c.source}" data-start="{c.start}" data-end="{c.end}"'
            in page
        )
        assert f'id="cite-{c.n}"' in page


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium); .ci/run installs it")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def _open(browser, page_html: str, tmp_path: Path, width: int = 1400, height: int = 900):  # type: ignore[no-untyped-def]
    path = tmp_path / "briefing.html"
    path.write_text(page_html, encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": height})
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri())
    return page, requests, dialogs, errors


def test_clicking_a_citation_highlights_the_exact_span(
    browser, briefing: Briefing, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page, requests, _, errors = _open(browser, to_html(briefing), tmp_path)
    target = briefing.citations[-1]  # one in the second source, far down the page
    assert page.locator("#reader mark.on").count() == 0  # marked, none lit before a click
    page.click(f'a.cite[data-n="{target.n}"] >> nth=0')
    lit = page.locator("#reader mark.on")
    assert "".join(lit.all_text_contents()) == target.quote
    assert page.locator(f'.source[data-source="{target.source}"] mark.on').count() == lit.count()
    assert lit.first.is_visible()
    assert page.locator(".source.selected").get_attribute("data-source") == str(target.source)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "citation-click.png"))
    assert requests == [Path(tmp_path / "briefing.html").as_uri()]  # nothing else was fetched
    assert errors == []


def test_clicking_highlights_the_exact_span_after_astral_characters(
    browser, astral: Briefing, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page, _, _, errors = _open(browser, to_html(astral), tmp_path)
    for c in astral.citations:
        page.click(f'a.cite[data-n="{c.n}"] >> nth=0')
        lit = page.locator('.source[data-source="1"] mark.on')
        assert "".join(lit.all_text_contents()) == c.quote
    assert errors == []


def test_boilerplate_after_astral_characters_is_greyed_exactly(
    browser, astral: Briefing, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page, _, _, _ = _open(browser, to_html(astral), tmp_path)
    page.click("a.cite >> nth=0")
    box = page.locator('.source[data-source="1"] .text')
    greyed = box.locator(".boilerplate").all_text_contents()
    article = astral.sources[0].article
    assert greyed == [ASTRAL[b.start : b.end] for b in article.boilerplate]
    assert greyed == ["Advertisement", "Share"]
    assert box.text_content() == ASTRAL


def test_script_in_an_article_runs_nothing(browser, hostile: Briefing, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, requests, dialogs, _ = _open(browser, to_html(hostile), tmp_path)
    page.click("a.cite >> nth=0")
    page.wait_for_timeout(200)
    assert dialogs == []
    assert (
        "<script>alert(1)</script>" in page.locator('.source[data-source="1"] .text').text_content()
    )
    assert len(requests) == 1  # the img in the article was never loaded


def _two_stories(briefing: Briefing) -> Briefing:
    """The fixture's one story, and a second made of its first development only, so that
    selecting one story and then the other can be seen to switch."""
    first = briefing.stories[0]
    development = next(d for d in briefing.developments if d.id == first.developments[0])
    headline = Sentence(text=development.text, citations=development.citations)
    second = first.model_copy(
        update={
            "id": "second",
            "rank": 2,
            "headline": headline,
            "summary": [],
            "developments": [development.id],
            "figures": [],
            "actors": [],
            "statements": [],
        }
    )
    return briefing.model_copy(update={"stories": [first, second]})


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_stories_and_spans_link_both_ways(
    browser, briefing: Briefing, tmp_path: Path, width: int, height: int
) -> None:  # type: ignore[no-untyped-def]
    two = _two_stories(briefing)
    page, requests, _, errors = _open(browser, to_html(two), tmp_path, width, height)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = f"{width}x{height}"
    page.screenshot(path=str(SCREENSHOTS / f"stories-{shot}-top.png"))
    marks = page.locator("#reader mark.on")
    every = page.locator("#reader mark[data-cites]")
    assert every.count() > 0 and marks.count() == 0  # every span marked, none lit yet

    # Selecting a story marks it and lights every span it cites, and only those.
    for story in two.stories:
        page.click(f'.story-list a[data-story="{story.rank}"]')
        section = page.locator(f"#story-{story.rank}")
        cited = {int(n) for n in (section.get_attribute("data-citations") or "").split()}
        assert cited
        pieces = every.evaluate_all(
            "ms => ms.map(m => [m.classList.contains('on'), m.dataset.cites.split(' ').map(Number)])"
        )
        lit = [set(numbers) for on, numbers in pieces if on]
        assert all(numbers & cited for numbers in lit)
        assert all(not set(numbers) & cited for on, numbers in pieces if not on)
        assert set().union(*lit) >= cited
        assert page.locator(".story.selected").get_attribute("id") == f"story-{story.rank}"
        assert page.locator(".story-list a[aria-current]").get_attribute("data-story") == str(
            story.rank
        )
        assert marks.first.is_visible()
        assert marks.first.evaluate(
            "m => { const r = m.getBoundingClientRect();"
            " return r.bottom > 0 && r.top < innerHeight; }"
        )
        page.screenshot(path=str(SCREENSHOTS / f"stories-{shot}-story-{story.rank}.png"))
    # Its heading selects it too.
    page.click("#story-1 > h3", position={"x": 5, "y": 5})
    assert page.locator(".story.selected").get_attribute("id") == "story-1"

    # A citation highlights its one span...
    target = two.citations[-1]
    page.click(f'#briefing a.cite[data-n="{target.n}"] >> nth=0')
    assert "".join(marks.all_text_contents()) == target.quote
    assert page.locator(".story.selected").count() == 0

    # ...and the span links back to the claims that cite it.
    marks.first.click()
    citing = page.locator("#briefing .citing")
    assert citing.count() >= 1
    for i in range(citing.count()):
        numbers = citing.nth(i).locator("a.cite").evaluate_all("as => as.map(a => +a.dataset.n)")
        assert target.n in numbers or citing.nth(i).get_attribute("id") == f"cite-{target.n}"
    assert citing.first.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }"
    )
    page.screenshot(path=str(SCREENSHOTS / f"stories-{shot}-cited-by.png"))

    if width <= 390:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SCREENSHOTS / f"stories-{shot}-full.png"), full_page=True)
    assert len(requests) == 1
    assert errors == []


def test_briefing_part_of_the_page_is_neutral(briefing: Briefing) -> None:
    import html as html_lib

    from summarizer.text.neutral import loaded_outside_quotes

    page = to_html(briefing)
    main = page.split('<main id="briefing">', 1)[1].split("</main>", 1)[0]
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", main))
    assert loaded_outside_quotes(text) == []


def test_printed_the_page_is_one_column_that_keeps_its_marks(
    browser, briefing: Briefing, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page, _, _, _ = _open(browser, to_html(briefing), tmp_path)
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.getElementById('reader')).position") == "static"
    assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    mark = page.locator("#reader mark.k-development").first
    assert mark.evaluate("m => getComputedStyle(m).printColorAdjust") == "exact"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "print.png"), full_page=True)


def test_the_strip_plot_shows_each_claim_in_the_browser(
    browser, briefing: Briefing, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page, _, _, errors = _open(browser, to_html(briefing), tmp_path)
    plot = page.locator("svg.strip").first
    plot.scroll_into_view_if_needed()
    box = plot.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 40
    # Hollow dots for bounds are drawn white inside (the stylesheet is applied under the CSP).
    fills = plot.locator("circle.dot").evaluate_all("cs => cs.map(c => getComputedStyle(c).fill)")
    assert len(set(fills)) >= 2
    plot.screenshot(path=str(SCREENSHOTS / "strip-plot.png"))
    assert errors == []


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_recorded_seeds_page_reads_at_desktop_and_phone_widths(
    browser, width: int, height: int
) -> None:  # type: ignore[no-untyped-def]
    """examples/seeds.html, the recorded briefing (rebuilt from the cassettes by
    tests/test_e2e.py): marked before a click, a story and a citation selected, the
    casualty figures' strip plot; screenshots in build/screenshots/ to look at."""
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((ROOT / "examples" / "seeds.html").as_uri())
    shot = f"seeds-{width}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    kinds = page.locator("#reader mark").evaluate_all(
        "ms => [...new Set(ms.flatMap(m => [...m.classList]))]"
    )
    assert {"k-development", "k-figure", "k-statement"} <= set(kinds)
    assert page.locator("#reader mark.on").count() == 0
    page.screenshot(path=str(SCREENSHOTS / f"{shot}-before-a-click.png"))
    # The casualty figures: one dot a claim, a hollow one for "thousands" (at least 1,000).
    plot = page.locator(
        "li:has(> strong:text-is('North Korean casualties (killed or wounded)')) svg.strip"
    ).first
    plot.scroll_into_view_if_needed()
    assert plot.locator("circle.dot").count() >= 5  # five claims, and the source key
    assert plot.locator("circle.dot.hollow").count() >= 1
    plot.screenshot(path=str(SCREENSHOTS / f"{shot}-casualties-plot.png"))
    page.click('.story-list a[data-story="1"]')
    assert page.locator("#reader mark.on").count() > 0
    page.screenshot(path=str(SCREENSHOTS / f"{shot}-story-1.png"))
    page.click("#briefing .story a.cite >> nth=3")
    lit = page.locator("#reader mark.on").first
    assert lit.is_visible()
    # The lit span's article heading is in view above it, however far down the span is.
    heading = page.locator(".source.selected h3").first.bounding_box()
    span = lit.bounding_box()
    assert heading is not None and span is not None
    assert heading["y"] >= 0 and heading["y"] + heading["height"] <= span["y"] + 1
    page.screenshot(path=str(SCREENSHOTS / f"{shot}-citation.png"))
    if width <= 390:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert errors == []

"""Pydantic models passed between the stages; schemas/*.json are generated from them."""

from __future__ import annotations

import bisect
import hashlib
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

ActorKind = Literal[
    "person", "organization", "country", "government", "armed_force", "media", "other"
]
Qualifier = Literal["exact", "about", "over", "at_least", "up_to", "under", "range", "vague"]
# A number's part in its sentence (figures/roles.py): "fell 36,000 (change) to 293,000 (level),
# from 256,000 (earlier)". Numbers in different roles are never compared.
Role = Literal["level", "change", "earlier"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Boilerplate(_Model):
    """A span of web clutter kept in the text but excluded from extraction and citation."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    reason: str


UNKNOWN_OUTLET = "unknown outlet"


class Article(_Model):
    """One source article, with its text exactly as read and its clutter marked."""

    id: str = Field(description="First 12 hex digits of the sha256 of the text (UTF-8).")
    path: str
    outlet: str | None = Field(
        None,
        description="The outlet that published it, as the caller, the front matter, an "
        "'Original Source:' line or the URL's host names it; None when nothing names one "
        "(shown as 'unknown outlet', never as the file name).",
    )
    title: str | None = Field(description="The first line, when it reads as a headline.")
    text: str = Field(description="The decoded file, no newline translation: offsets index it.")
    boilerplate: list[Boilerplate] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    also_at: list[str] = Field(
        default_factory=list, description="Other paths given with the same text: read once."
    )
    published: str | None = Field(
        None,
        description="Publication date (YYYY-MM-DD, or an ISO 8601 time when one was given): "
        "as the caller or the file's front matter gives it, else from a dateline standing "
        "alone right after the headline, e.g. 'May 28, 2009'; None when nothing gives one.",
    )
    url: str | None = Field(None, description="Where the article was published, when known.")
    author: str | None = Field(None, description="Who wrote it, when known.")

    _content: str | None = PrivateAttr(None)
    _index: tuple[list[Boilerplate], list[int], int] | None = PrivateAttr(None)

    @property
    def shown_outlet(self) -> str:
        """The outlet as a reader sees it: its name, or "unknown outlet"."""
        return self.outlet or UNKNOWN_OUTLET

    @property
    def outlet_key(self) -> str:
        """What tells outlets apart when they are counted: the name, case folded; an
        article whose outlet is unknown counts as one of its own (it may or may not share
        an outlet with another, and the counts never join what nothing says is one)."""
        return self.outlet.casefold() if self.outlet else f"#{self.id}"

    def in_boilerplate(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps any boilerplate span."""
        return bool(self.boilerplate_in(start, end))

    def boilerplate_in(self, start: int, end: int) -> list[Boilerplate]:
        """The boilerplate spans that overlap [start, end), in order: looked up by bisection
        in an index made once, so an article with many spans is not scanned for each one."""
        if self._index is None:
            spans = sorted(self.boilerplate, key=lambda b: (b.start, b.end))
            longest = max((b.end - b.start for b in spans), default=0)
            self._index = (spans, [b.start for b in spans], longest)
        spans, starts, longest = self._index
        first = bisect.bisect_left(starts, start - longest)
        last = bisect.bisect_left(starts, end)
        return [b for b in spans[first:last] if start < b.end]

    def content(self) -> str:
        """The text with every boilerplate span blanked out (line breaks kept): the same
        length, so offsets index both. The model and the rules read this; citations quote
        ``text``. A hidden comment or markup inside a paragraph never reaches the model."""
        if self._content is None:
            chars = list(self.text)
            for b in self.boilerplate:
                for i in range(b.start, min(b.end, len(chars))):
                    if chars[i] not in "\r\n":
                        chars[i] = " "
            self._content = "".join(chars)
        return self._content


class Evidence(_Model):
    """A verbatim span of an article: ``article.text[start:end] == quote`` always holds."""

    article_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str

    @model_validator(mode="after")
    def _span_matches_quote_length(self) -> Evidence:
        if self.end - self.start != len(self.quote) or not self.quote:
            raise ValueError("evidence span length must equal the quote length")
        return self


def span_of(evidence: Evidence) -> tuple[str, int, int]:
    """What tells two evidence items apart: the article and the span (the quote follows)."""
    return evidence.article_id, evidence.start, evidence.end


def extend_evidence(
    kept: list[Evidence], more: list[Evidence], spans: set[tuple[str, int, int]] | None = None
) -> None:
    """Append to ``kept`` the items of ``more`` it does not hold yet, in order. ``spans``, the
    spans of ``kept``, is kept up to date when given (callers that extend one list often)."""
    seen = spans if spans is not None else {span_of(e) for e in kept}
    for evidence in more:
        if span_of(evidence) not in seen:
            seen.add(span_of(evidence))
            kept.append(evidence)


class Actor(_Model):
    """A person, organisation, country or force named in an article."""

    name: str
    kind: ActorKind
    role: str | None = Field(None, description="Role or title as stated in the article.")
    aliases: list[str] = Field(default_factory=list)
    evidence: list[Evidence]


class Event(_Model):
    """Something that happened or was announced, told in the words of the sentence that
    reports it (``summary``; a Development shows it as a quotation). No kind of event is
    asked for: a list of kinds would be one beat's (war, markets...), and the merge reads
    what an event is about from its words."""

    summary: str
    actors: list[str] = Field(default_factory=list)
    place: str | None = None
    time: str | None = Field(None, description="Time as stated, e.g. 'last week'.")
    evidence: list[Evidence]


class Figure(_Model):
    """A number the article reports, with what it counts and who claims it."""

    raw: str = Field(description="The number as written, e.g. '£1 billion'.")
    value: float | None = Field(None, description="Point value; None for a range or vague word.")
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    unit: str | None = Field(None, description="people, USD, GBP, percent, square miles...")
    counted: str = Field(
        description="What is counted: the measure when the rule reads one, else the words "
        "right after the number, read by rule; the model's reading (``counted_by_model``) only "
        "when the rule read no noun ('quantity', 'amount')."
    )
    counted_by_model: str | None = Field(
        None,
        description="The model's second opinion on what is counted, in words of the sentence, "
        "when it differs from the rule's reading; None when they agree or the model gave none.",
    )
    measure: str | None = Field(
        None,
        description="What is counted in the shared vocabulary, read by rule from the words "
        "around the number, e.g. 'North Korean casualties (killed or wounded)'; None if unread.",
    )
    scope: str | None = Field(
        None, description="Period or place covered, e.g. 'in one week', as the sentence gives it."
    )
    role: Role = Field(
        "level",
        description="'change': how much a quantity moved ('fell 36,000'); 'earlier': a value "
        "it had before ('from 256,000', 'a week earlier'); 'level': the value itself.",
    )
    claimed_by: str | None = Field(None, description="Who the article says claims it.")
    unverified: bool = Field(False, description="The article says it is not verified.")
    labelled: bool = Field(True, description="False when the model gave no usable label.")
    mention: Evidence | None = Field(None, description="The span of the number itself.")
    evidence: list[Evidence] = Field(description="The sentence the number stands in.")


class NotFigureMention(_Model):
    """A number in the text that counts nothing: a date, an age, an ordinal, a set phrase..."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    reason: str


class Statement(_Model):
    """Words attributed to a speaker."""

    speaker: str
    text: str = Field(description="Verbatim quote or close paraphrase.")
    evidence: list[Evidence]


class DroppedItem(_Model):
    """An item the model returned that failed validation even after a re-ask."""

    kind: Literal["actor", "event", "figure", "statement", "chunk"]
    reason: str
    item: str = Field(description="The item as the model returned it (JSON).")


class CallCounts(_Model):
    """How many model calls and tokens one article took: the same answers, the same counts."""

    calls: int = 0
    reasks: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


class CallStats(CallCounts):
    """The counts, and what differs from run to run: wall time, calls answered from the run
    store, and what the calls made this time spent."""

    seconds: float = 0.0
    from_store: int = Field(0, description="Calls answered from the run store (no model call).")
    spent_tokens: int = Field(0, description="Prompt and completion tokens of calls made now.")
    cost_usd: float | None = Field(
        0.0, description="USD of the calls made now; None when a model's price is unknown."
    )


class ArticleExtraction(_Model):
    """The validated items of one article, every one grounded in a verbatim span."""

    article: Article
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    not_figures: list[NotFigureMention] = Field(
        default_factory=list, description="Numbers classified as not figures, with the reason."
    )
    dropped: list[DroppedItem] = Field(default_factory=list)
    stats: CallStats = Field(default_factory=CallStats)
    model: str
    prompt_version: str


# --- The briefing -----------------------------------------------------------------------------


def stable_id(prefix: str, *parts: object) -> str:
    """A short id that depends only on the content it names (the merge's ids, and a
    citation's)."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:10]}"


def citation_id(article_id: str, start: int, end: int) -> str:
    """A citation's stable id: it names the span (the same span, the same id, in any briefing),
    where ``n`` is only its number in one briefing."""
    return stable_id("c", article_id, start, end)


class Citation(_Model):
    """Citation ``[n]``: a source article and the exact span quoted from it."""

    id: str = Field(
        "",
        description="Stable id of the span, from its article and offsets: the same span has "
        "the same id in every briefing, where its number n may differ.",
    )
    n: int = Field(ge=1)
    source: int = Field(ge=1, description="Number of the source in the source list.")
    article_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str

    @model_validator(mode="after")
    def _with_id(self) -> Self:
        if not self.id:  # made here, so a briefing stored before ids were kept still reads
            self.id = citation_id(self.article_id, self.start, self.end)
        return self


class Source(_Model):
    """An article in the numbered source list, with its text so citations can be checked."""

    n: int = Field(ge=1)
    article: Article
    stats: CallCounts = Field(default_factory=CallCounts)
    dropped: int = Field(0, description="Items dropped because they could not be grounded.")
    not_figures: list[NotFigureMention] = Field(
        default_factory=list, description="Numbers in the article that count nothing, and why."
    )


class Sentence(_Model):
    """One sentence of the briefing and the citations that support it."""

    text: str
    citations: list[int] = Field(min_length=1)


class Telling(_Model):
    """One source's telling of a development, in its own words, and why it joined."""

    source: int
    text: str = Field(description="The source's sentence, as written.")
    citations: list[int] = Field(min_length=1)
    joined: Literal["first", "words", "figure", "model"] = Field(
        description="'first': the development is told in these words; 'words': joined by the "
        "words and people it shares with the others; 'figure': the source gives a value of "
        "one of the development's figures, and its telling is that value's sentence; 'model': "
        "joined because the model said it repeats an earlier telling."
    )
    why: str = Field(description="What joined it, in a few words.")


class Development(Sentence):
    """A key development: one event, told by one or more sources, in the words of the first."""

    id: str = Field(description="Stable id derived from the content: same input, same id.")
    actors: list[str] = Field(default_factory=list, description="Merged names of the actors.")
    sources: list[int] = Field(min_length=1, description="Numbers of the sources reporting it.")
    single_outlet: bool = Field(description="Only one outlet reports this event.")
    tellings: list[Telling] = Field(
        default_factory=list,
        description="Each source's telling, the first one's words being the development's; "
        "the others are shown beside it, with the details they add or give differently.",
    )
    figures: list[str] = Field(
        default_factory=list,
        description="Ids of the figure groups whose values its tellings give: the details "
        "that the sources give side by side (agreeing or not).",
    )


class MergedActor(_Model):
    """One actor across articles, under its fullest name."""

    id: str = Field(description="Stable id derived from the content: same input, same id.")
    name: str
    kind: ActorKind
    roles: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    sources: list[int]
    citations: list[int] = Field(min_length=1)


class FigureClaim(_Model):
    """One source's value for a figure group, with who gives it and what it covers."""

    source: int
    raw: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    unit: str | None
    scope: str | None = Field(description="Period or place covered; None if the text is silent.")
    role: Role = Field(
        "level",
        description="'level', 'change' or 'earlier' (see Figure.role): compared only "
        "with claims of the same role.",
    )
    claimed_by: str | None
    unverified: bool
    labelled: bool = True
    citations: list[int] = Field(
        min_length=1, description="The sentences giving this value (one source may repeat it)."
    )


Verdict = Literal["one source", "agree", "differ", "different scopes", "different units"]


class FigureGroup(_Model):
    """Figures that measure the same thing, from one or more sources, never converted.

    Claims are compared only within one scope and one unit: a week's count against a total is
    not a disagreement, and pounds are never turned into dollars.
    """

    id: str = Field(description="Stable id derived from the content: same input, same id.")
    counted: str
    unit: str | None = Field(description="The unit of every claim, or None if they differ.")
    claims: list[FigureClaim] = Field(min_length=1)
    agree: bool = Field(
        description="No two sources give incompatible values for the same scope and unit "
        "(qualifiers count: 'over 1,000' and '3,000' are compatible)."
    )
    verdict: Verdict = Field(
        description="'differ' if sources disagree within one scope and unit; else 'different "
        "scopes' or 'different units' if that is why values differ; else 'agree' across "
        "several sources, or 'one source'."
    )


class AttributedStatement(_Model):
    """Words the text attributes to a named speaker."""

    id: str = Field(description="Stable id derived from the content: same input, same id.")
    speaker: str
    text: str
    source: int = Field(ge=1, description="The source that reports it.")
    citations: list[int] = Field(min_length=1)


class Story(_Model):
    """One of the day's stories: the articles that tell it, and the facts merged from them.

    Stories are ranked by distinct outlets, then articles, then the latest publication date.
    Its developments, figures, actors and statements are named by id (the briefing's lists
    hold them); developments and figures are merged within the story only.
    """

    id: str = Field(description="Stable id derived from its articles.")
    rank: int = Field(ge=1)
    headline: Sentence = Field(
        description="The story's headline: its best-attested development when no summary "
        "was written."
    )
    headline_from: Literal["development", "article", "model"] = Field(
        "development",
        description="'development': the best-attested development's words; 'article': the "
        "first article's headline (nothing was extracted); 'model': written by the model "
        "from the story's facts and checked against its citations.",
    )
    summary: list[Sentence] = Field(
        default_factory=list,
        description="Model-written sentences from the story's merged facts, each checked "
        "against its citations; empty with no model or --no-summary.",
    )
    summary_dropped: int = Field(0, description="Summary sentences dropped by the checks.")
    sources: list[int] = Field(min_length=1, description="Its sources, in source order.")
    outlets: int = Field(ge=1, description="How many distinct outlets tell it.")
    articles: int = Field(ge=1)
    single_outlet: bool
    published: str | None = Field(None, description="The latest dateline of its articles.")
    developments: list[str] = Field(default_factory=list)
    figures: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)
    statements: list[str] = Field(default_factory=list)


class SkippedArticle(_Model):
    """An input that did not make it into the briefing, and why."""

    path: str
    reason: str


class Timing(_Model):
    """Everything in a briefing that differs between two runs over the same input."""

    generated_at: str = Field(description="UTC time stamp (ISO 8601).")
    seconds: float = Field(description="Wall time spent in model calls.")
    seconds_per_source: list[float] = Field(description="The same, per source, in source order.")
    run_id: int | None = Field(None, description="The run's id in the run store.")
    calls_made: int | None = Field(None, description="Model calls made by this run.")
    cache_hits: int | None = Field(
        None, description="Calls answered from the run store instead (no model call)."
    )


class Unsupported(_Model):
    """A sentence of the briefing whose cited spans do not hold all it says."""

    where: str = Field(description="What the sentence is: 'story 2 summary', 'figure f-...'.")
    text: str
    missing: list[str] = Field(min_length=1, description="What the spans do not hold.")
    citations: list[int]


class SupportReport(_Model):
    """The citation support score (text/support.py): the share of the briefing's sentences
    whose cited spans hold every number, name, content word and quotation they give."""

    checked: int = Field(ge=0)
    supported: int = Field(ge=0)
    share: float = Field(ge=0, le=1, description="supported / checked (1 when none checked).")
    unsupported: list[Unsupported] = Field(default_factory=list)


class RunInfo(_Model):
    """How the briefing was made."""

    model: str
    prompt_version: str
    tool_version: str | None = Field(None, description="The summarizer version that made it.")
    articles: int
    calls: int
    reasks: int
    dropped: int
    prompt_tokens: int
    completion_tokens: int
    lead_prompt_version: str | None = Field(None, description="Set when a lead was asked for.")
    lead_dropped: int = Field(0, description="Lead sentences dropped by the checks.")
    lead_error: str | None = Field(None, description="Why the lead call failed, if it did.")
    stories_prompt_version: str | None = Field(
        None, description="Set when the stories were edited by the model (repeats, summaries)."
    )
    joined_by_model: int = Field(
        0, description="Developments joined because the model said they repeat another."
    )
    stories_error: str | None = Field(
        None, description="Why the model could not edit (some of) the stories, if it could not."
    )
    support: SupportReport | None = Field(
        None, description="The citation support score of the briefing's sentences."
    )
    timing: Timing | None = Field(
        description="The only run-specific field; None under --no-timing, so that the same "
        "input gives the same bytes."
    )


class FigureRevision(_Model):
    """A figure the sources now give differently than in the previous briefing."""

    counted: str
    scope: str | None = Field(description="The period or place both values cover.")
    before: list[str] = Field(
        min_length=1, description="The previous values, each with who gave it and the outlet."
    )
    after: list[str] = Field(min_length=1, description="Today's values, the same way.")
    citations: list[int] = Field(min_length=1, description="Today's sentences giving them.")


class PastThread(_Model):
    """A development of the previous briefing that no source of this one reports."""

    text: str
    outlets: list[str]


class History(_Model):
    """What changed since the previous briefing in the run store (the latest earlier date)."""

    previous_date: str
    previous_run: int | None = Field(None, description="Its run in the run store.")
    new: list[str] = Field(
        default_factory=list, description="Ids of today's developments not reported before."
    )
    revised: list[FigureRevision] = Field(default_factory=list)
    no_longer_reported: list[PastThread] = Field(default_factory=list)


BRIEFING_SCHEMA_ID = "urn:summarizer:schema:briefing:2"


class Briefing(_Model):
    """A neutral briefing over many articles, every sentence cited. Rendered by
    ``summarizer.render.to_markdown`` and ``to_html``; ``to_json`` is the model's own form."""

    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, json_schema_extra={"$id": BRIEFING_SCHEMA_ID}
    )

    schema_id: str = Field(
        BRIEFING_SCHEMA_ID,
        alias="$schema",
        description="What this JSON is: the $id of schemas/briefing.schema.json, whose last "
        "part is the format's version (a change that breaks readers raises it).",
    )
    title: str
    date: str
    sources: list[Source]
    lead: list[Sentence] = Field(
        default_factory=list,
        description="The optional lead paragraph (--lead): model-written sentences, each "
        "checked against its citations. Empty under --no-lead.",
    )
    stories: list[Story] = Field(
        default_factory=list, description="The day's stories, biggest first."
    )
    developments: list[Development] = Field(default_factory=list)
    figures: list[FigureGroup] = Field(default_factory=list)
    actors: list[MergedActor] = Field(default_factory=list)
    statements: list[AttributedStatement] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    skipped: list[SkippedArticle] = Field(default_factory=list)
    history: History | None = Field(
        None, description="Since the previous briefing; None when the store holds none."
    )
    run: RunInfo

    def to_json(self) -> str:
        """Render as JSON that validates against schemas/briefing.schema.json."""
        return self.model_dump_json(indent=2, by_alias=True) + "\n"

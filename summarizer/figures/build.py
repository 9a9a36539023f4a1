"""Every mention becomes a Figure or an explicit not-a-figure, by rule, with the model's label
for the mentions the rules leave open.

A mention whose unit the text states is settled by rule. For the others the model's label
gives the unit, who claims the number, what it covers, what it counts, or that it is no
figure. What it counts is read by rule (``counted_after``); the model's "counts" is a second
opinion, kept in ``counted_by_model`` where the two differ, and taken as ``counted`` only when
the rule read no noun ("quantity", "amount") and its words are all the sentence's. Everything
else is decided here: the value (values.py), the unit where the text states it, the hedge ("over",
"up to"), what it measures (measures.py), whom the text credits (claimants.py), and whether the
article calls the number unverified. Every figure is grounded by construction: its evidence
is its sentence, and its ``mention`` is the number's own span. A mention the model fails to
label still becomes a figure, marked unlabelled, never lost. Measured on the seeds
(bench/rule_claimants.py), the rules alone credit 16 of the 20 gold figures to the right
claimant, and 12 with the 1.5B model's labels as the fallback: the model named claimants
where the text gives none. So the model's claimant is kept only when the number's sentence
names it and says that someone states something (``Claimants.credits``), and its unit only
when it is a kind of count (people, items): a currency, percent or area the text writes is
read by rule, so one the model gives alone is not the text's.
"""

from __future__ import annotations

import bisect
import functools
import re

from summarizer.figures import measures, roles, values, vocabulary
from summarizer.figures.claimants import Claimants, hearsay
from summarizer.figures.labels import FigureLabel, named_claimant
from summarizer.figures.mentions import Mention
from summarizer.models import (
    Article,
    DroppedItem,
    Evidence,
    Figure,
    NotFigureMention,
    Qualifier,
)
from summarizer.text import units
from summarizer.text.fold import clean_label, fold
from summarizer.text.neutral import loaded_words
from summarizer.text.sentences import clean_span
from summarizer.text.sentences import sentences as sentence_spans


@functools.lru_cache(maxsize=4)
def _unit_nouns(words: vocabulary.Vocabulary) -> tuple[re.Pattern[str], re.Pattern[str], str]:
    """The noun after a number (or "<noun> of" before it) that makes it a count of people or
    of things, by the beats' vocabularies (data): the two patterns, and the people's."""
    people, items = words.people_pattern(), words.items_pattern()
    after = re.compile(
        rf"^(?:\s+(?:[A-Za-z’'-]+\s+){{0,4}}?)?\s*(?:of\s+)?(?:[A-Za-z’'-]+\s+){{0,3}}?"
        rf"(?P<noun>{people}|{items})\b",
        re.IGNORECASE,
    )
    before = re.compile(rf"\b(?P<noun>{people})\s+of\s*$", re.IGNORECASE)
    return after, before, people


_UNVERIFIED = re.compile(
    r"could\s+not\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)|cannot\s+(?:be\s+)?"
    r"(?:independently\s+)?(?:verif|confirm)|unable\s+to\s+(?:independently\s+)?(?:verif|confirm)|"
    r"unverified|unconfirmed|not\s+(?:been\s+)?(?:independently\s+)?(?:verified|confirmed)|"
    r"verification\s+[^.]{0,40}pending|disputed",
    re.IGNORECASE,
)
_UNVERIFIED_WINDOW = 2  # the caveat may follow in the next sentences of the same paragraph
_SCOPE_WORDS = 5
_SCOPE_STOP = {"in", "on", "the", "a", "an", "of", "per", "over", "during", "within", "at", "for"}
_QUALIFIERS: list[tuple[str, Qualifier]] = [
    (r"more than|over|above|exceeded|exceeding|in excess of|upwards of", "over"),
    (r"up to|as many as|as much as|no more than|at most", "up_to"),
    (r"at least|no fewer than|no less than|a minimum of", "at_least"),
    (
        r"about|around|some|roughly|approximately|nearly|almost|an estimated|estimated|close to",
        "about",
    ),
    (r"fewer than|less than|under|below", "under"),
]


def build(
    article: Article,
    mentions: list[Mention],
    labels: dict[int, FigureLabel],
    claimants: Claimants,
    asked: set[int] | None = None,
) -> tuple[list[Figure], list[NotFigureMention], list[DroppedItem]]:
    """Turn every mention into a figure or an explicit not-a-figure; nothing is lost.

    ``asked``: the mentions the model was asked to label (None: all of them); the others were
    settled by rule, and lacking a label is no loss for them."""
    figures: list[Figure] = []
    not_figures: list[NotFigureMention] = []
    dropped: list[DroppedItem] = []
    sentences = list(sentence_spans(article))
    for index, mention in enumerate(mentions):
        span = {"start": mention.start, "end": mention.end, "text": mention.text}
        if mention.not_figure:
            not_figures.append(NotFigureMention(**span, reason=mention.not_figure))
            continue
        label = labels.get(index)
        unit = stated_unit(article, mention)
        if label is not None and not label.is_figure and unit is None:
            not_figures.append(NotFigureMention(**span, reason="model: not a figure"))
            continue
        lost = label is None and (asked is None or index in asked)
        if lost:
            dropped.append(
                DroppedItem(kind="figure", reason=f"no valid label for {mention.text!r}", item="")
            )
        figure = _figure(article, mention, label, unit, claimants, sentences)
        figure.labelled = not lost
        figures.append(figure)
    return figures, not_figures, dropped


_COUNT_KINDS = ("people", "items")


def _figure(
    article: Article,
    mention: Mention,
    label: FigureLabel | None,
    unit: str | None,
    claimants: Claimants,
    sentences: list[tuple[int, int]],
) -> Figure:
    parsed = values.parse(mention.text) or values.Parsed(None, None, None, None)
    sentence = article.content()[mention.sentence_start : mention.sentence_end]
    at = mention.start - mention.sentence_start
    role = roles.role(sentence, at, at + len(mention.text))
    if role != "change" and _NEGATIVE.search(sentence[:at]):
        # "-5 degrees", "minus 5"; a change keeps its size ("-3.2%" and "fell 3.2%" agree)
        parsed = values.negated(parsed)
    # The text's own attribution wins; the model's claimant is the fallback.
    claimant = claimants.attribute(mention)
    named = named_claimant(label) if label is not None else None
    if claimant is None and named and not hearsay(mention, article.text):
        resolved = claimants.resolve(named)
        claimant = resolved if resolved and claimants.credits(resolved, mention) else None
    # The model's currency, percent or area is no unit the text states (the rule reads
    # those): only its kind of count, people or items, is kept.
    model_unit = label.unit if label is not None and label.unit in _COUNT_KINDS else None
    measured = None if parsed.unit or unit else _measured_in(article, mention)
    final_unit = parsed.unit or unit or (measured[0].label if measured else None) or model_unit
    at = mention.start - mention.sentence_start
    measure = measures.read(sentence, at, at + len(mention.text), final_unit)
    model_scope = clean_label(label.scope) if label is not None else None
    rule = measure.label or _counted(sentence[at + len(mention.text) :], final_unit, measured)
    model = _grounded_counted(label, sentence)
    second = model if model is not None and fold(model) != fold(rule) else None
    scope = measure.period or _grounded_scope(model_scope, sentence, mention.text)
    borrowed = None if scope else _date_before(article, mention, sentence)
    return Figure(
        raw=mention.text,
        value=parsed.value,
        low=parsed.low,
        high=parsed.high,
        qualifier=_qualifier(sentence[:at], parsed),
        unit=final_unit,
        # The rule's reading wins when it names a thing; the model's fills in when the rule
        # read only the kind of number ("quantity", "amount").
        counted=rule if says_what_it_counts(rule) or model is None else model,
        counted_by_model=second,
        measure=measure.label,
        scope=scope or borrowed,
        role=role,
        claimed_by=claimant,
        unverified=_unverified(article, mention, sentences),
        mention=_evidence(article, mention.start, mention.end),
        evidence=[
            _evidence(
                article,
                *clean_span(article, mention.sentence_start, mention.sentence_end, mention.start),
            ),
            # The sentence before, when the scope is its day: the citation shows where from.
            *(
                [
                    _evidence(
                        article, *clean_span(article, *mention.previous, mention.previous[1] - 1)
                    )
                ]
                if borrowed and mention.previous
                else []
            ),
        ],
    )


# Words that end the noun phrase after a number: prepositions, conjunctions, auxiliaries.
_PHRASE_END = frozenset(
    [
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "of",
        "and",
        "or",
        "but",
        "nor",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "when",
        "while",
        "as",
        "than",
        "since",
        "until",
        "after",
        "before",
        "during",
        "under",
        "over",
        "across",
        "amid",
        "against",
        "into",
        "onto",
        "per",
        "via",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "do",
        "does",
        "did",
        "not",
        "also",
        "without",
        "within",
        "according",
        "despite",
        "through",
        "throughout",
        "toward",
        "towards",
        "near",
        "beyond",
        "along",
        "upon",
        "respectively",
        "then",
    ]
)
_LEADING = frozenset(["of", "a", "an", "the"])
_BY_UNIT = {
    "percent": "share",
    "people": "people",
    "items": "items",
    "sq mi": "area",
    "km²": "area",
}


def says_what_it_counts(counted: str) -> bool:
    """Whether ``counted`` names a thing, not only the kind of number ``counted_after`` falls
    back to when the text says nothing ("amount", "share", "quantity")."""
    return counted not in {"amount", "quantity", *_BY_UNIT.values()}


def counted_after(after: str, unit: str | None) -> str:
    """What a number counts, read by rule: the words right after it up to the first word that
    ends a noun phrase or a punctuation mark ("8,000 North Korean soldiers in Russia" ->
    "North Korean soldiers"; "$20 billion in loans" -> "loans"), at most four; else a word
    for its unit ("amount" for money, "share" for a percent, "area"), else "quantity". Topic-free: no word list of any
    beat, only the grammar words that end a phrase."""
    words: list[str] = []
    money = bool(unit and unit.isupper() and len(unit) == 3)
    for token in re.findall(r"[A-Za-z][\w’'-]*|[^\w\s]", after[:120]):
        low = token.lower()
        if not words and (low in _LEADING or (money and low == "in")):  # "$2 billion in aid"
            continue
        if not token[0].isalpha() or low in _PHRASE_END or len(words) == 4:
            break
        words.append(token)
    if words:
        return " ".join(words)
    if money:
        return "amount"
    return _BY_UNIT.get(unit or "", "quantity")


def stated_unit(article: Article, mention: Mention) -> str | None:
    """The unit the text states: currency, percent or area in the number, else the noun after
    it. A mention with one is settled by rule (its claimant, scope and what it counts are read
    by rule too) and is not sent to the model."""
    parsed = values.parse(mention.text)
    if parsed is not None and parsed.unit:
        return parsed.unit
    after = article.content()[mention.end : mention.sentence_end]
    before = article.content()[mention.sentence_start : mention.start]
    unit_after, unit_before, people = _unit_nouns(vocabulary.default())
    match = unit_after.match(after) or unit_before.search(before)
    if match is None:
        return None
    return "people" if re.fullmatch(people, match["noun"], re.IGNORECASE) else "items"


# A minus sign against the number, or the word: not the hyphen of "F-16" or of "5-6".
_NEGATIVE = re.compile(r"(?:^|[\s(])[−-][$£€¥]?$|\b(?:minus|negative)\s+$", re.IGNORECASE)


def _measured_in(article: Article, mention: Mention) -> tuple[units.Unit, int] | None:
    """A unit of measure written right after the number, from pint's registry (text/units.py):
    "500 miles", "100mph", "a 12-hour flight", "41 degrees Celsius"; with the length of text
    it covers."""
    after = article.content()[mention.end : mention.sentence_end]
    return units.unit_after(after, attached=not after[:1].isspace())


# A rate's period right after the number: "15 a year", "$20 an hour", "3 per day".
_PER_PERIOD = re.compile(
    r"^\s*(?:a|an|per|each)\s+(?:second|minute|hour|day|week|month|year)\b", re.IGNORECASE
)


def _counted(after: str, unit: str | None, measured: tuple[units.Unit, int] | None) -> str:
    """What the number counts; after a unit of measure, the words after the unit ("a 12-hour
    flight": flight), else the unit's dimension ("between 60 and 90 days": duration). A
    rate's period ("at a rate of 15 a year") is no thing counted."""
    reference = measures.time_reference(after)
    if reference is not None:  # "300,000 a week earlier": the time is the scope, not the thing
        return counted_after(after[reference:], unit)
    per = _PER_PERIOD.match(after)
    if per is not None and measured is None:
        return counted_after(after[per.end() :], unit)
    if measured is None:
        return counted_after(after, unit)
    words = counted_after(after[measured[1] :], None)
    return measured[0].dimension if words == "quantity" else words


def _qualifier(before: str, parsed: values.Parsed) -> Qualifier:
    """The hedge just before the number, read by rule, not by the model."""
    if parsed.vague:
        return "vague"
    if parsed.low is not None and parsed.high is not None:
        return "range"
    tail = before.lower().rstrip()
    for pattern, qualifier in _QUALIFIERS:
        if re.search(rf"\b(?:{pattern})(?:\s+(?:a|an|the))?$", tail):
            return qualifier
    return "exact"


def _unverified(article: Article, mention: Mention, sentences: list[tuple[int, int]]) -> bool:
    """The sentence, or one of the next two in its paragraph, says it is not verified."""
    line_end = article.text.find("\n", mention.sentence_start)
    line_end = len(article.text) if line_end == -1 else line_end
    first = bisect.bisect_left(sentences, (mention.sentence_start, -1))  # sorted by start
    following = sentences[first : first + _UNVERIFIED_WINDOW + 1]
    window = [s for s in following if s[1] <= line_end]
    end = window[-1][1] if window else mention.sentence_end
    return bool(_UNVERIFIED.search(article.content()[mention.sentence_start : end]))


_COUNTED_WORDS = 4


def _grounded_counted(label: FigureLabel | None, sentence: str) -> str | None:
    """The model's "counts", if it is one to four words, every one of them a word of the
    sentence (as written, case aside), with no digit and no loaded word: a second opinion
    grounded in the text, not a paraphrase of it."""
    counts = clean_label(label.counts) if label is not None else None
    if not counts or len(counts.split()) > _COUNTED_WORDS or re.search(r"\d", counts):
        return None
    words = re.findall(r"[a-z]+(?:['’-][a-z]+)*", fold(counts))
    present = set(re.findall(r"[a-z]+(?:['’-][a-z]+)*", fold(sentence)))
    if not words or not all(w in present for w in words) or loaded_words(counts):
        return None
    return counts.strip(" .,;:")


# A sentence that opens with a pronoun goes on with the one before it ("This rank was upgraded
# Dec. 24. It was considered to have a 1 in 37 chance"): the day that one names is its own.
_GOES_ON = re.compile(r"^\W*(?:it|its|this|these|that|those|they|their|he|she)\b", re.IGNORECASE)
# Words by which a sentence places itself in time ("They had risen 2% the week before").
_OWN_TIME = re.compile(
    r"\b(?:before|earlier|ago|later|previous|prior|last|next|since|until|week|month|year|"
    r"yesterday|today|tomorrow|tonight)\b",
    re.IGNORECASE,
)


def _date_before(article: Article, mention: Mention, sentence: str) -> str | None:
    """The calendar day the sentence before names, when the number's sentence goes on with
    it by a pronoun; None otherwise."""
    if mention.previous is None or not _GOES_ON.match(sentence) or _OWN_TIME.search(sentence):
        return None
    start, end = mention.previous
    return measures.date_in(article.content()[start:end])


def _grounded_scope(scope: str | None, sentence: str, raw: str) -> str | None:
    """The model's scope, if short and written in the sentence: at least half its words must
    be there (the model invents "in total" and "per day" for sentences that say neither).
    Not the number's own words ("14 overs" for 14, "first two overs" for two): they say
    what it counts, not what it covers."""
    if not scope or len(scope.split()) > _SCOPE_WORDS:
        return None
    if re.search(rf"(?<!\w){re.escape(fold(raw))}(?!\w)", fold(scope)):
        return None
    words = [w for w in re.findall(r"[a-z0-9]+", fold(scope)) if w not in _SCOPE_STOP]
    present = fold(sentence)
    found = sum(1 for w in words if re.search(rf"\b{re.escape(w)}", present))
    return scope if words and found * 2 >= len(words) else None


def _evidence(article: Article, start: int, end: int) -> Evidence:
    return Evidence(article_id=article.id, start=start, end=end, quote=article.text[start:end])

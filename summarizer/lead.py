"""The optional lead paragraph: a second model call over the merged facts, checked by rule.

The model sees the briefing's facts (developments and figures), each with its citation numbers
and the exact words those citations quote; never the raw articles. It returns 3 to 5 sentences
with citation numbers. A sentence is kept only if:

- it cites at least one citation it was offered;
- every number in it appears in the words it cites ("1,000" matches "1000");
- every capitalised name in it appears in the words it cites;
- it uses no loaded word (neutral.py);
- it is one complete sentence of at most 35 words (not two, not a copied or cut quote).

A reply that breaks any of these is re-asked once with the problems listed; after that, the
sentences that pass are kept and the others dropped and counted. Nothing here is trusted
because the model wrote it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

from pydantic import Field, PrivateAttr, ValidationError, ValidationInfo, model_validator

from summarizer import prompts
from summarizer.llm.base import ReplyModel, StructuredModel
from summarizer.models import Briefing, CallStats, Sentence
from summarizer.render.lines import PlainStyle, claim
from summarizer.text.fold import fold
from summarizer.text.lexicon import common_word
from summarizer.text.neutral import loaded_words
from summarizer.text.places import is_demonym, is_place
from summarizer.text.quantities import MAGNITUDE, MAGNITUDES, NUMBER, numeral
from summarizer.text.support import check as support_check
from summarizer.text.support import turned_relations

SYSTEM, USER = "lead_system", "lead_user"
MAX_FACTS = 14  # developments and figure groups offered; keeps the prompt near 2,000 tokens
MAX_WORDS = 35  # the prompt asks for 30; a little slack before a sentence is refused
_QUOTE_CHARS = 400  # a longer quote is cut in the listing (a sentence copying the cut is refused)
# A sentence end inside the text: "...Kursk. North Korea..." ("U.S. Secretary" is not one).
_BREAK = re.compile(r"[a-z0-9%)”'][.!?]\s+[A-Z“\"]")
_AMOUNT = re.compile(rf"({NUMBER})(?:\s*({MAGNITUDE})\b)?", re.IGNORECASE)
_ABBREVIATIONS = {
    "gen", "lt", "col", "maj", "capt", "sgt", "adm", "mr", "mrs", "ms", "dr", "st", "sen",
    "rep", "gov", "prof", "jr", "sr", "no", "vs", "etc", "p.m", "a.m", "u.s", "u.k", "u.n",
}  # fmt: skip
# Capitalised words that are not names: sentence openers and function words.
_NOT_NAMES = {
    "the", "a", "an", "in", "on", "at", "it", "its", "this", "these", "those", "that", "there",
    "according", "as", "i", "but", "and", "however", "meanwhile", "both", "after", "before",
    "while", "when", "since", "despite", "although", "also", "he", "she", "they", "we", "his",
    "her", "their", "some", "many", "more", "most", "other", "another", "one", "two", "three",
    "if", "for", "with", "by", "from", "of", "to", "so", "yet", "still", "further",
}  # fmt: skip


def prompt_version() -> str:
    return prompts.version(SYSTEM, USER)


MAX_SENTENCES = 5


class LeadSentence(ReplyModel):
    text: str
    citations: list[int] = Field(min_length=1, max_length=6)


class LeadReply(ReplyModel):
    """The lead, validated against the facts passed in ``context['facts']``."""

    answer_tokens: ClassVar[int | None] = 512  # five sentences of about 40 words, cited

    sentences: list[LeadSentence] = Field(min_length=3, max_length=MAX_SENTENCES)
    _problems: dict[int, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> Self:
        facts: Facts | None = (info.context or {}).get("facts")
        if facts is None:
            return self
        self.sentences = split_sentences(self.sentences)
        for index, sentence in enumerate(self.sentences):
            problem = facts.problem(sentence)
            if problem:
                self._problems[index] = f"sentences[{index}]: {problem}"
        if self._problems:
            raise ValueError(
                f"{len(self._problems)} sentences need fixing:\n- "
                + "\n- ".join(self._problems.values())
                + "\nReturn all sentences again; fix these or leave them out."
            )
        return self


@dataclass
class Facts:
    """The facts offered to the model, and the words each citation quotes."""

    listing: str
    count: int
    quotes: dict[int, str] = field(default_factory=dict)

    def problem(self, sentence: LeadSentence, *, headline: bool = False) -> str | None:
        """Why this sentence cannot be used, or None. A ``headline``, the words a reader
        takes in first, must also use only content words the facts' quotes hold (by lemma, a
        neutral reporting verb allowed; text/support.py): a sentence may say in other words
        what its spans say, a headline may not. A recorded 1.5B model headlined a delivery the
        facts put "18 months behind schedule" as "delivered on schedule", then, refused, as
        "delivered on time"."""
        unknown = [n for n in sentence.citations if n not in self.quotes]
        if unknown:
            return f"cites [{unknown[0]}], which is not among the facts"
        if _two_sentences(sentence.text.strip()) or "…" in sentence.text:
            return "write one complete sentence, in your own words"
        if len(sentence.text.split()) > MAX_WORDS:
            return f"write at most {MAX_WORDS} words: summarise, do not copy the quote"
        meta = _ABOUT_THE_TEXT.search(sentence.text)
        if meta:
            return f"say what happened, not what the text says ({meta[0]!r})"
        cited = " ".join(self.quotes[n] for n in sentence.citations)
        amounts = set(_amounts(cited))
        for amount, shown in _amounts_shown(sentence.text):
            if amount not in amounts:
                return f"the number {shown!r} is not in the words it cites"
        words = set(re.findall(r"[\w'-]+", _plain(cited)))
        for name in _names(sentence.text):
            if _plain(name).strip("'-,;:!?") not in words:
                return f"the name {name!r} is not in the words it cites"
        # A relation turned against any of the facts' words, cited or not: a small model
        # that read "18 months behind schedule" among the figures wrote "delivered on
        # schedule" (text/support.py, turned_relations).
        spans = [self.quotes[n] for n in sentence.citations]
        turned = turned_relations(sentence.text, list(self.quotes.values()))
        if turned:
            return f"says {turned[0]}; keep to what they say"
        # Spelled numbers too ("ten", "zero", "five million"), as the support score reads them.
        spelled = [
            m for m in support_check(sentence.text, spans).missing if m.startswith("number ")
        ]
        if spelled:
            return f"the {spelled[0]} is not in the words it cites"
        if headline:
            said = support_check(sentence.text, list(self.quotes.values())).missing
            unsaid = [m[len("word ") :] for m in said if m.startswith("word ")]
            if unsaid:
                return f"uses {unsaid[0]}, which no fact says; use the facts' own words"
        loaded = loaded_words(sentence.text)
        if loaded:
            return f"uses the loaded word {loaded[0]!r}; write it neutrally"
        return None

    def keep(
        self, reply: LeadReply | None, last_text: str | None, earlier: Sequence[str] = ()
    ) -> tuple[list[Sentence], int]:
        """The usable sentences, and how many were dropped. With no valid reply, the sentences
        that pass of the last answer, then of the ``earlier`` ones (a re-ask that did worse
        than the first answer does not lose what the first got right), each once."""
        if reply is not None:
            items = reply.sentences
        else:
            items = split_sentences(
                [s for t in [last_text, *reversed(earlier)] for s in _salvage(t)]
            )
        usable: dict[str, Sentence] = {}
        seen: set[str] = set()
        for s in items:
            text = _finished(s.text)
            key = " ".join(text.lower().split())
            seen.add(key)
            if key not in usable and self.problem(s) is None:
                usable[key] = Sentence(text=text, citations=sorted(set(s.citations)))
        kept = list(usable.values())[:MAX_SENTENCES]  # split items may give more: the first five
        return kept, len(seen) - len(kept)


# A sentence about the model's input, not the news: "The article also mentions that...",
# "..., according to the article." The facts' outlets and speakers are named instead.
_ABOUT_THE_TEXT = re.compile(
    r"\bthe (?:article|passage|excerpt)\b(?! \d)"
    r"|\baccording to the (?:text|facts?|report)\b"
    r"|\bthe (?:text|facts?|report) (?:says|states|mentions|notes|shows)\b",
    re.IGNORECASE,
)


def facts_of(briefing: Briefing) -> Facts:
    """Developments reported by most outlets first, then figure groups, with their quotes."""
    by_n = {c.n: c for c in briefing.citations}
    st = PlainStyle()
    entries: list[tuple[str, list[int]]] = []
    developments = sorted(briefing.developments, key=lambda d: -len(d.sources))
    for d in developments[: MAX_FACTS * 2 // 3]:
        entries.append((d.text, d.citations))
    for g in briefing.figures[: MAX_FACTS - len(entries)]:
        claims = "; ".join(claim(c, briefing.sources, st) for c in g.claims)
        entries.append(
            (f"Figure, {g.counted}: {claims}", [n for c in g.claims for n in c.citations])
        )
    blocks, quotes = [], {}
    for number, (text, cited) in enumerate(entries, start=1):
        lines = [f"F{number}. {text}"]
        for n in dict.fromkeys(cited):
            quote = " ".join(by_n[n].quote.split())
            quotes[n] = quote
            shown = quote if len(quote) <= _QUOTE_CHARS else quote[:_QUOTE_CHARS] + "…"
            lines.append(f"    [{n}] {json.dumps(shown, ensure_ascii=False)}")
        blocks.append("\n".join(lines))
    return Facts(listing="\n".join(blocks), count=len(entries), quotes=quotes)


def write(briefing: Briefing, llm: StructuredModel) -> tuple[list[Sentence], int, CallStats]:
    """The lead sentences that passed the checks, how many were dropped, and the call's cost."""
    facts = facts_of(briefing)
    if facts.count == 0:
        return [], 0, CallStats()
    messages = [
        {"role": "system", "content": prompts.render(SYSTEM)},
        {
            "role": "user",
            "content": prompts.render(
                USER, count=str(facts.count), tag=prompts.tag("facts"), facts=facts.listing
            ),
        },
    ]
    reply = llm.structured(LeadReply, messages, {"facts": facts, "article_id": "lead"})
    sentences, dropped = facts.keep(reply.value, reply.last_text, reply.earlier_texts)
    stats = CallStats(
        calls=reply.attempts,
        reasks=max(reply.attempts - 1, 0),
        prompt_tokens=reply.prompt_tokens,
        completion_tokens=reply.completion_tokens,
        seconds=reply.seconds,
    )
    return sentences, dropped, stats


def _finished(text: str) -> str:
    """One line, ending in a full stop if the model left it off."""
    flat = " ".join(text.split())
    return flat if flat.endswith((".", "!", "?", "”", '"')) else f"{flat}."


def _salvage(text: str | None) -> list[LeadSentence]:
    try:
        data: Any = json.loads(text or "")
    except json.JSONDecodeError:
        return []
    items = data.get("sentences") if isinstance(data, dict) else None
    kept = []
    for raw in items if isinstance(items, list) else []:
        try:
            kept.append(LeadSentence.model_validate(raw))
        except ValidationError:
            continue
    return kept


def _names(text: str) -> list[str]:
    """Every capitalised word, the first included, minus common openers and function words:
    each must be in the cited words ("Putin said..." is checked too). The first word is no
    name when it is a word in common English use, capitalised only because it starts the
    sentence ("Concerns are rising..."; by wordfreq, as text/lexicon.py reads it), and no
    place or people ("Russia said...", "Ukrainian forces..." are checked)."""
    found = []
    for m in re.finditer(r"[A-Z][\w’'.-]*", text):
        if _plain(m[0]) in _NOT_NAMES:
            continue
        first = not text[: m.start()].strip(" “\"'")
        if first and common_word(m[0]) and not is_place(m[0]) and not is_demonym(m[0]):
            continue
        found.append(m[0])
    return found


def _amounts(text: str) -> list[tuple[str, float]]:
    return [amount for amount, _ in _amounts_shown(text)]


def _amounts_shown(text: str) -> list[tuple[tuple[str, float], str]]:
    """(digits, magnitude) of every number, with the words as written: '$1.5 billion' is
    ('1.5', 1e9), never the same as '$1.5 million'."""
    return [
        ((_digits(m[1]), MAGNITUDES.get((m[2] or "").lower(), 1)), m[0])
        for m in _AMOUNT.finditer(text)
    ]


def split_sentences(items: list[LeadSentence]) -> list[LeadSentence]:
    """Each item holding two sentences (a small model packs them) as two items with the same
    citations, each then checked on its own against the words it cites."""
    out: list[LeadSentence] = []
    for item in items:
        text, cut = item.text.strip(), 0
        for match in _breaks(text):
            out.append(
                LeadSentence(text=text[cut : match.start() + 2].strip(), citations=item.citations)
            )
            cut = match.end() - 1
        out.append(LeadSentence(text=text[cut:].strip(), citations=item.citations))
    return out


def _two_sentences(text: str) -> bool:
    """A sentence end inside the text, not counting abbreviations ("Gen. Syrskyi")."""
    return next(_breaks(text), None) is not None


def _breaks(text: str) -> Iterator[re.Match[str]]:
    """The sentence ends inside ``text`` (a _BREAK match), abbreviations left out."""
    for match in _BREAK.finditer(text):
        word = re.findall(r"[\w.]+$", text[: match.start() + 1])
        if not word or word[0].rstrip(".").lower() not in _ABBREVIATIONS:
            yield match


def _plain(text: str) -> str:
    """Folded, possessives and dots dropped: "U.S." matches "US", "Kirby's" matches "Kirby"."""
    folded = fold(text).replace("'s", "").replace(".", "")
    return " ".join(folded.split())


def _digits(number: str) -> str:
    return numeral(number.rstrip("."))

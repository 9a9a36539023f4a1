"""Whether a sentence attributes words to a speaker, and which of its words they are.

A statement is kept only where the text itself attributes it. A speech verb (``SPEECH_VERBS``,
a short grammar list, never topic words) outside every quotation makes a frame, in one of
three shapes, and the speaker must be the head of the frame's noun phrase:

1. the subject before the verb: "GM said in a statement", "coach Ana Lima told reporters",
   "Lima, the coach, said", "Brown, who had resigned, said", "He also said", and the name
   a sentence opens with before ", saying";
2. inverted, after a quotation or a comma: '"We lost," said Lima', '"...," said Dana Perino,
   the press secretary';
3. "according to X", before or after the words it attributes.

The head is the name the phrase ends in ("coach Ana Lima"), or a body's name before a voice
that speaks for it ("GM spokesman", "analysts at Nomura"): speakers.py. A name inside someone
else's phrase ("Brown's lawyer", "a friend of Brown", "a U.S. official", "Lima said Brown had
resigned") is not the speaker, and an anonymous or unnamed voice speaks for nobody named.

A pronoun subject ("he said", "it said", "according to her") is the speaker only when no
earlier frame of the sentence names someone else and the sentence before attributes words to
the speaker (by name, or by the same pronoun, resolved in turn), or attributes words to no one
and names the speaker last: no capitalised word outside quotations after the speaker's last
mention there but a day, a month or a place after "in", "at", "on" or "near". A sentence before
that is all quotation is passed over, up to three. "He" and "she" never stand for an acronym or
a place or body ("GM", "the Supreme Court"). A sentence that goes on with a quotation the one
before opened is that quotation's speaker's.

The words said are the quotations touching the frame when there are any ('"We lost," Lima
said'), else the reported clause ("Brown had resigned" in "Lima said Brown had resigned";
"..., Lima said."; "According to Lima, ..."), cut where another frame or a ", but" begins;
else, when no clause can be cut safely, the whole sentence, which shows who said it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.extraction.speakers import (
    CALENDAR,
    CONNECTORS,
    OPENERS,
    PREPOSITIONS,
    PRONOUNS,
    UNNAMED,
    heads,
    is_acronym,
    mentions,
    named,
    not_a_name,
    place_or_body,
    tokens,
    words,
)
from summarizer.text.names import TITLE_MODIFIERS, TITLES
from summarizer.text.quotations import all_quoted, begins_inside, inside, quotations

# Finite forms only: "will say" or "to say" reports nothing said.
SPEECH_VERBS = words(
    "said says told tells added adds stated states announced announces warned warns argued "
    "argues claimed claims denied denies insisted insists confirmed confirms explained explains "
    "noted notes stressed stresses emphasised emphasises emphasized emphasizes acknowledged "
    "acknowledges admitted admits asserted asserts wrote writes expressed expresses commented "
    "comments affirmed affirms clarified clarifies replied replies revealed reveals vowed vows "
    "predicted predicts"
)
# Verbs that may follow their quotation and their speaker ('"...," said Lima'); "told Brown"
# names the hearer, not the speaker.
_INVERTING = SPEECH_VERBS - words("told tells expressed expresses denied denies vowed vows")
_CLAUSE_VERBS = words("said says added adds")  # "Lima said Brown had resigned": no "that"
_HEARER_VERBS = words("told tells warned warns")  # "told reporters on Monday that"
_PERSONAL = words("he she him her")
# Words between a subject and its verb: "GM has also said", "Treasury today announced".
_BETWEEN = words("also has have had later earlier then today yesterday jointly first further")
_SUBORDINATORS = words("while although though as after because since when if whereas")
_LOCATIVE = words("in at on near")
_LOOKBACK = 3  # sentences a pronoun may look back over, those all quotation passed over
CONTEXT = 12  # sentences before read at most (a chain of pronouns, a quotation running on)

_VERB = re.compile(r"\b(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b")
_ACCORDING = re.compile(r"\b[Aa]ccording to\b")
# "Sambur defended the choice, saying, ...": the speaker is the name the sentence opens with.
_PARTICIPLE = re.compile(
    r",\s*(?:saying|stating|adding|noting|insisting|warning|arguing|explaining|declaring)\b"
)
_HARD_STOP = re.compile(r"[;:\"“”—–]|\s-\s")  # what a subject's phrase never crosses
# Where a phrase after a verb ends; a period after a capital is an initial ("Michael R. Golden").
_NP_END = re.compile(r"[,;:!?()\"“”—–]|(?<![A-Z])\.|\s(?:who|which|that)\s|\s[a-z]\w*ing\b")
_PREPOSITION = "|".join(sorted(PREPOSITIONS))
# "that" after the verb, or after a phrase that opens with a preposition ("said on Monday
# that"), or, for a verb with a hearer, after any few words ("told reporters that").
_THAT_AFTER = (
    re.compile(rf"(?:\s+(?:{_PREPOSITION})(?:\s+[\w’'.-]+){{1,6}}?)?\s+that\b"),
    re.compile(r"(?:\s+[\w’'.-]+){0,5}?\s+that\b"),
)
# Between a verb and the quotation it opens: 'said: "', 'stated, "', 'said that "', 'said in
# an interview "'.
_QUOTE_AFTER = re.compile(
    rf"\s*(?:(?:[\w’'.-]+\s+){{0,6}}?(?:[,:]|that)\s*|(?:{_PREPOSITION})(?:\s+[\w’'.-]+){{1,5}}\s*)?"
)
_CLAUSE_CUT = re.compile(
    r",\s+(?:but|while|although|though|whereas)\b|;|\s[—–]\s|\s-\s"
    r"|,[^,]*?\b(?:saying|adding|stating|noting|claiming|warning|insisting|arguing)\b"
)


@dataclass(frozen=True)
class Said:
    """The words attributed: ``sentence[start:end]``, and what they are."""

    start: int
    end: int
    form: str  # "quotation", "reported clause" or "sentence"
    pronoun: str | None = None  # the pronoun that stands for the speaker, if one does


@dataclass(frozen=True)
class Refused:
    """Why the sentence does not attribute words to the speaker."""

    reason: str


@dataclass(frozen=True)
class _Frame:
    """One speech verb (or "according to") and the phrases that may be its speaker."""

    kind: str  # "subject", "inverted" or "according"
    start: int  # the frame's extent, from its first phrase (or its verb) to its end
    end: int
    phrases: tuple[tuple[int, int, bool], ...]  # (start, end, the name must fill it)


def attribution(
    sentence: str, speaker: str, previous: Sequence[str] | str | None = None
) -> Said | Refused:
    """The words ``sentence`` attributes to ``speaker``, or why it attributes none to them.

    ``previous`` holds the sentences before it, nearest last (a string is one sentence), each
    read up to the next, so a closing mark the splitter left between two is in it: they are
    read for a pronoun subject ("she said") and for a quotation this sentence goes on with.
    None, or no sentence, when the sentence opens the text; the last ``CONTEXT`` are read.
    """
    before = [previous] if isinstance(previous, str) else list(previous or ())[-CONTEXT:]
    if problem := not_a_name(speaker):
        return Refused(problem)
    continued = _open_at_end(before)
    frames = _frames(sentence, continued)
    named_at, named_before, pronoun = mentions(sentence, speaker), False, None
    for n, frame in enumerate(frames):
        for start, end, whole in frame.phrases:
            words = sentence[start:end].strip()
            if words.lower() in PRONOUNS:
                pronoun = pronoun or words
                if not named_before and _antecedent(before, speaker, words.lower()):
                    said = _what_was_said(sentence, frames, n, start, continued)
                    return Said(said.start, said.end, said.form, words.lower())
                continue
            mine = [m for m in named_at if start <= m[0] < end]
            if mine and UNNAMED.intersection(words.lower().split()):
                return Refused(f"its speaker is unnamed ({words!r}), not {speaker!r}")
            if any(heads(sentence, m, start, end, whole) for m in mine):
                return _what_was_said(sentence, frames, n, start, continued)
            named_before = named_before or named(words)
    if continued and (going := _going_on(sentence, speaker, before)):
        return going
    return Refused(_why_not(speaker, bool(named_at), pronoun, sentence))


def _why_not(speaker: str, mentioned: bool, pronoun: str | None, sentence: str) -> str:
    if pronoun and not mentioned:
        return (
            f"its speaker is {pronoun!r}, and the sentence before neither attributes words to "
            f"{speaker!r} nor names them last"
        )
    if not mentioned:
        return f"it does not name {speaker!r} (a speaker is a name as the text writes it)"
    if _VERB.search(sentence) or _ACCORDING.search(sentence):
        return f"its speech verb's speaker is someone else: it only mentions {speaker!r}"
    return f"it mentions {speaker!r} but attributes no words (no speech verb, no 'according to')"


# --- frames ----------------------------------------------------------------------------------


def _open_at_end(sentences: Sequence[str]) -> bool:
    return begins_inside(sentences)[-1]


def _frames(sentence: str, continued: bool = False) -> list[_Frame]:
    """Every frame outside the quotations, in the order their phrases stand."""
    quoted = quotations(sentence, continued)
    frames = []
    for verb in _VERB.finditer(sentence):
        if inside(quoted, verb.start()):
            continue
        frames += _subject_frames(sentence, verb.start(), verb.end())
        if verb[0] in _INVERTING:
            frames += _inverted_frames(sentence, verb.start(), verb.end())
    for verb in _PARTICIPLE.finditer(sentence):
        if not inside(quoted, verb.start()) and (opening := _opening_phrase(sentence)):
            frames.append(_Frame("subject", 0, verb.end(), ((0, opening, False),)))
    for phrase in _ACCORDING.finditer(sentence):
        if not inside(quoted, phrase.start()):
            end = _phrase_end(sentence, phrase.end())
            frames.append(_Frame("according", phrase.start(), end, ((phrase.end(), end, False),)))
    return sorted(frames, key=lambda f: f.phrases[0][0])


def _opening_phrase(sentence: str) -> int:
    """The end of the name the sentence opens with, titles and all ("White House national
    security spokesperson John Kirby"), up to its first other lower-case word or a comma."""
    end = 0
    for start, stop, word in tokens(sentence):
        if "," in sentence[end:start] or not (
            word[0].isupper() or word.lower() in TITLES | TITLE_MODIFIERS | CONNECTORS
        ):
            break
        end = stop
    return end


def _subject_frames(sentence: str, verb: int, verb_end: int) -> list[_Frame]:
    """The subject before the verb, over the words that may stand between ("has also"); after
    a comma, each phrase of the comma chain ("Lima, the coach, said"), the last of them only
    as a name in apposition ("Brown's lawyer, Lima, said"); before ", who", each phrase."""
    at = verb
    while (prev := re.search(r"([\w’']+)\s*$", sentence[:at])) and (
        prev[1].lower() in _BETWEEN or (prev[1].endswith("ly") and prev[1].islower())
    ):
        at = prev.start()
    head = sentence[:at].rstrip()
    relative = re.search(r",\s*who$", head)
    head = head[: relative.start() + 1] if relative else head
    stop = max((m.end() for m in _HARD_STOP.finditer(head)), default=0)
    if not head.endswith(","):
        start = max(stop, head.rfind(",") + 1)
        return [_Frame("subject", start, verb_end, ((start, len(head), False),))]
    pieces, offset = [], stop
    for piece in head[stop:-1].split(","):
        pieces.append((offset, offset + len(piece)))
        offset += len(piece) + 1
    if len(pieces) < 2 and not relative:
        return []  # "The team beat Brown, said Lima": Brown is no subject
    last = len(pieces) - 1
    phrases = tuple((s, e, n == last and not relative) for n, (s, e) in enumerate(pieces))
    return [_Frame("subject", pieces[0][0], verb_end, phrases)]


def _inverted_frames(sentence: str, verb: int, verb_end: int) -> list[_Frame]:
    """'..., said Lima' and '"...," said Dana Perino, the press secretary' (an appositive
    name after the comma counts too: 'said the chief executive, Tom Enders')."""
    if not re.search(r"[,\"”]\s*$", sentence[:verb]):
        return []
    end = _phrase_end(sentence, verb_end)
    phrases = [(verb_end, end, False)]
    if sentence[end : end + 1] == ",":
        phrases.append((end + 1, _phrase_end(sentence, end + 1), True))
    return [_Frame("inverted", verb, phrases[-1][1], tuple(phrases))]


def _phrase_end(sentence: str, start: int) -> int:
    found = _NP_END.search(sentence, start)
    return found.start() if found else len(sentence.rstrip())


# --- the sentence before ---------------------------------------------------------------------


def _antecedent(before: list[str], speaker: str, pronoun: str) -> bool:
    """The pronoun stands for the speaker: the sentence before attributes words to the
    speaker (through the same pronoun, if through one); or it attributes words to no one and
    names the speaker last. A sentence before that is all quotation is passed over, as far
    back as three sentences."""
    if pronoun in _PERSONAL and (is_acronym(speaker) or place_or_body(speaker)):
        return False  # "he" is not "GM", nor "the Supreme Court"
    for back in range(len(before), max(0, len(before) - _LOOKBACK), -1):
        if not all_quoted(before[:back]):
            return _stands_for(before[:back], speaker, pronoun)
    return False


def _stands_for(before: list[str], speaker: str, pronoun: str) -> bool:
    previous = before[-1]
    said = attribution(previous, speaker, before[:-1])
    if isinstance(said, Said):
        return said.pronoun is None or said.pronoun == pronoun
    continued = _open_at_end(before[:-1])
    if _frames(previous, continued):
        return False  # it attributes words to someone else, or to a pronoun of its own
    return _named_last(previous, speaker, continued)


def _named_last(previous: str, speaker: str, continued: bool) -> bool:
    quoted = quotations(previous, continued)
    named_at = [m for m in mentions(previous, speaker) if not inside(quoted, m[0])]
    if not named_at:
        return False
    last = max(end for _, end in named_at)
    for start, _, word in tokens(previous):
        if start < last or inside(quoted, start) or not word[0].isupper():
            continue
        before = previous[:start].split()
        place = bool(before) and before[-1].lower() in _LOCATIVE
        if word.lower() not in CALENDAR and word != "I" and not place:
            return False
    return True


def _going_on(sentence: str, speaker: str, before: list[str]) -> Said | None:
    """The sentence goes on with a quotation the sentence before opens (or goes on with) and
    attributes to the speaker: its words up to the closing mark, all of them without one."""
    said = attribution(before[-1], speaker, before[:-1])
    if not isinstance(said, Said) or said.form != "quotation":
        return None
    quoted = quotations(sentence, continued=True)
    return Said(0, quoted[0][1], "quotation") if quoted and quoted[0][0] == 0 else None


# --- the words said --------------------------------------------------------------------------


def _what_was_said(
    sentence: str, frames: list[_Frame], n: int, speaker_at: int, continued: bool
) -> Said:
    """The quotations touching the frame, else the reported clause, else the frame's part of
    the sentence: from its speaker's phrase to the next frame's (all of it for a lone frame)."""
    frame = frames[n]
    start = speaker_at if frame.kind == "subject" else frame.start
    touching = [
        (s, e)
        for s, e in quotations(sentence, continued)
        if (e <= start and re.fullmatch(r"[\s,:]*", sentence[e:start]))
        or (s >= frame.end and _QUOTE_AFTER.fullmatch(sentence[frame.end : s]))
    ]
    if touching:
        return Said(touching[0][0], touching[-1][1], "quotation")
    clause = _clause(sentence, frame, start)
    if clause is not None:
        return Said(*clause, "reported clause")
    others = [f.start for f in frames if f.start >= frame.end]
    if not any(f.start >= frame.end or f.end <= frame.start for f in frames):
        return Said(0, len(sentence), "sentence")
    begin = re.match(r"[\s,]*(?:(?:and|but)\s+)?", sentence[start:])
    part = (start + (begin.end() if begin else 0), min([len(sentence), *others]))
    return Said(*(_trimmed(sentence, *part) or (0, len(sentence))), "sentence")


def _clause(sentence: str, frame: _Frame, start: int) -> tuple[int, int] | None:
    """The reported clause: before a frame that ends the sentence ("..., Lima said on
    Monday."), after "According to X,", or after the verb ("said (that) ...")."""
    rest = sentence[frame.end :]
    if frame.kind == "according" and rest.startswith(","):
        return _trimmed(sentence, frame.end + 1, _cut(sentence, frame.end + 1, start))
    if _ends_sentence(sentence, frame, start):
        return _trimmed(sentence, 0, sentence[:start].rstrip().rfind(","))
    if frame.kind != "subject":
        return None
    verb = sentence[: frame.end].split()[-1]
    that = _THAT_AFTER[verb in _HEARER_VERBS].match(rest)
    if that:
        begin = frame.end + that.end()
    elif verb in _CLAUSE_VERBS and not _opens_with_preposition(rest):
        begin = frame.end
    else:
        return None
    return _trimmed(sentence, begin, _cut(sentence, begin, start))


def _ends_sentence(sentence: str, frame: _Frame, start: int) -> bool:
    """The frame closes the sentence after a comma ("..., Lima said on Monday."), opening no
    clause of its own ("..., but Brown denied it.")."""
    opener = re.match(r"\s*(\w+)", sentence[start:])
    if not re.search(r",\s*$", sentence[:start]) or (opener and opener[1].lower() in OPENERS):
        return False
    after = re.sub(r"[.!?]\s*$", "", sentence[frame.end :]).split()
    if not after:
        return True
    verb = sentence[: frame.end].split()[-1]
    first = after[0].lower()
    return (
        len(after) <= 6
        and all(re.fullmatch(r"[\w’'.-]+", w) for w in after)
        and (verb in _HEARER_VERBS or first in PREPOSITIONS | _BETWEEN or first.endswith("ly"))
    )


def _opens_with_preposition(rest: str) -> bool:
    first = re.match(r"\s*[:,]?\s*([\w’']+)", rest)
    return first is None or first[1].lower() in PREPOSITIONS | words("so nothing")


def _cut(sentence: str, begin: int, speaker_at: int) -> int:
    """Where the reported clause ends: where another frame's phrase or ", but" and the like
    begins, and at the first comma when the speaker stands in a clause opened by "While",
    "Although" and the like."""
    first = re.match(r"\s*(\w+)", sentence)
    end, comma = len(sentence), sentence.find(",")
    if first and first[1].lower() in _SUBORDINATORS and 0 <= speaker_at < comma:
        after = sentence.find(",", begin)
        end = after if after >= 0 else end
    cut = _CLAUSE_CUT.search(sentence, begin, end)
    end = cut.start() if cut else end
    later = [f.phrases[0][0] for f in _frames(sentence) if begin < f.phrases[0][0] < end]
    return min([end, *later])


def _trimmed(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    text = sentence[start:end]
    lead = re.match(r"[\s,:]*(?:that\s+)?", text)
    start += lead.end() if lead else 0
    while end > start and sentence[end - 1] in " .,;:!?":
        end -= 1
    return (start, end) if len(sentence[start:end].split()) >= 2 else None

"""The attribution rules over real articles, for reading: every sentence that holds a quotation
mark, a speech verb or "according to", and the words the rules attribute in it to each name
the sentence or the three before it give (a capitalised run, or a person the rule-based finder
found). Prints one line per attribution and the counts; asserts nothing. Offline.

    python -m bench.attributions [DIR_OR_FILE ...]     (default: seeds/)

The candidate speakers are cruder than a model's (a run may be "Singaporeans" or a fragment of
a longer name), so reading the lines measures the rules' precision pessimistically.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from bench.seeds_speed import ROOT
from summarizer import ingest
from summarizer.extraction.attribution import SPEECH_VERBS, Said, attribution
from summarizer.extraction.citing import article_sentences
from summarizer.extraction.people import find_people

_RUN = re.compile(r"(?:(?:[A-Z][\w’'.&-]*|of|the|de|von|van)\s+)*[A-Z][\w’'.&-]*")
_OPENING = re.compile(r"^(?:(?:The|A|An|But|And|In|On|At|Of|According|He|She|It|They)\s+)+")
_CUE = re.compile(r"[\"“”]|\baccording to\b|\b(?:" + "|".join(SPEECH_VERBS) + r")\b", re.I)


def _candidates(texts: list[str], people: set[str]) -> set[str]:
    runs = {m[0].strip() for text in texts for m in _RUN.finditer(text)}
    return {_OPENING.sub("", r).rstrip(".,") for r in runs} | people


def attributions(path: Path) -> tuple[int, list[tuple[int, str, Said, str]]]:
    """(sentences read, [(sentence number, speaker, what was said, sentence)])."""
    article = ingest.parse(path.read_text(encoding="utf-8"), str(path))
    spans = article_sentences(article)
    people = {p.name for p in find_people(article)}
    read, found = 0, []
    for i, (start, end) in enumerate(spans):
        sentence = article.text[start:end]
        if not _CUE.search(sentence) or sentence.strip() == article.title:
            continue
        read += 1
        before = [article.text[spans[j][0] : spans[j + 1][0]] for j in range(i)]
        for speaker in sorted(_candidates([sentence, *before[-3:]], people)):
            said = attribution(sentence, speaker, before)
            if isinstance(said, Said):
                found.append((i + 1, speaker, said, sentence))
    return read, found


def main(paths: list[Path]) -> None:
    files = sorted(f for p in paths for f in (p.glob("*.txt") if p.is_dir() else [p]))
    read, kept, forms = 0, 0, Counter[str]()
    for path in files:
        n, found = attributions(path)
        read += n
        for number, speaker, said, sentence in found:
            kept += 1
            forms[said.form] += 1
            words = sentence[said.start : said.end]
            print(f"{path.name}[{number}] {speaker!r} [{said.form}] {words[:160]!r}")
    print(f"\n{len(files)} files, {read} sentences read, {kept} attributions: {dict(forms)}")


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or [ROOT / "seeds"])

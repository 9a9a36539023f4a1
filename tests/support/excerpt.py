"""The README's output excerpt, cut from a briefing's Markdown by rule, so that a test can
check the README against the recorded briefing (tests/test_e2e.py) and rewrite it on request.

Each section keeps its first few items (an item is a line "- ..." with its indented lines),
then "- …"; the single-source figures are left out; the header and the last section are kept
whole.
"""

from __future__ import annotations

import re

# How many items each section keeps (0: the section is left out); others are kept whole.
KEEP = {
    "**Developments**": 3,
    "**Figures the sources give differently**": 1,
    "**Figures from one source**": 0,
    "**Who says what**": 2,
    "## Who's who": 5,
    "## Sources": 0,  # the paths of the machine that ran the test
    "## Citations": 2,
    "## How this briefing was made": 3,
}
_HEADING = re.compile(r"^(#+ |\*\*[^*]+\*\*$)")
START = "```markdown\n"
END = "```\n"


def excerpt(markdown: str) -> str:
    sections: list[list[str]] = [[]]
    for line in markdown.splitlines():
        if _HEADING.match(line):
            sections.append([])
        sections[-1].append(line)
    out: list[str] = []
    for lines in sections:
        keep = KEEP.get(lines[0]) if lines else None
        if keep == 0:
            continue
        kept: list[str] = []
        items = 0
        for line in lines:
            items += line.startswith("- ")
            if keep is None or items <= keep or not (line.startswith(("- ", "  ")) or not line):
                kept.append(line)
        while kept and not kept[-1]:
            kept.pop()
        if keep is not None and items > keep:
            kept.append("- …")
        out += [*kept, ""]
    return "\n".join(out).strip("\n") + "\n"


def replace_in(readme: str, block: str) -> str:
    """The README with the text of its first Markdown code block replaced by ``block``."""
    start = readme.index(START) + len(START)
    end = readme.index(END, start)
    return readme[:start] + block + readme[end:]


def block_of(readme: str) -> str:
    start = readme.index(START) + len(START)
    return readme[start : readme.index(END, start)]

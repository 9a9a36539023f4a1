"""Rebuild the seeds' briefing from the recorded cassettes, offline, and write it in every format.

    python scripts/replay_seeds.py OUT/

writes OUT/briefing.{md,json,html} (no lead) and OUT/led.{md,json,html} (with the recorded
lead), with no timing, so two checkouts can be compared byte for byte with `cmp`: a change
that should not alter the output (a refactoring) must leave these six files identical. The
requests must match the cassettes exactly, as in tests/test_e2e.py; a changed prompt, schema or
merge fails here too, and the cassettes are then re-recorded (README).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import vcr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer import Settings  # noqa: E402
from summarizer.llm import LLM  # noqa: E402
from summarizer.pipeline import add_lead, assemble, extract_all  # noqa: E402
from summarizer.render import as_text  # noqa: E402
from tests.support.cassettes import VCR_CONFIG, body_untagged  # noqa: E402

CASSETTES = ROOT / "cassettes" / "test_e2e"
RECORDED = Settings(
    base_url="http://127.0.0.1:8765/v1",
    model="qwen2.5-coder-1.5b-instruct-q4_k_m",
    api_key="sk-test-not-a-real-key",
    transport_retries=0,
    concurrency=1,
    store=None,
    embedded=False,
)


def replayed(name: str) -> vcr.cassette.CassetteContextDecorator:
    config = {k: v for k, v in VCR_CONFIG.items() if k != "allow_playback_repeats"}
    recorder = vcr.VCR(**config, record_mode="none")
    recorder.register_matcher("body_untagged", body_untagged)
    return recorder.use_cassette(str(CASSETTES / name), allow_playback_repeats=False)


def main(out: Path) -> None:
    os.chdir(ROOT)  # sources are listed by the paths given: "seeds/..."
    with replayed("test_seeds_briefing.yaml") as cassette:
        extractions, skipped = extract_all(["seeds"], settings=RECORDED)
        assert cassette.all_played, "the cassette holds requests this code never made"
    briefing = assemble(extractions, skipped, date="2026-11-23", timing=False)
    led = briefing.model_copy(deep=True)
    with replayed("test_lead.yaml") as cassette:
        add_lead(led, LLM(RECORDED))
        assert cassette.all_played, "the lead cassette holds requests this code never made"
    out.mkdir(parents=True, exist_ok=True)
    for name, b in (("briefing", briefing), ("led", led)):
        for suffix, fmt in (("md", "markdown"), ("json", "json"), ("html", "html")):
            (out / f"{name}.{suffix}").write_text(as_text(b, fmt), encoding="utf-8")
    print(f"wrote {out}/briefing.* and {out}/led.*: {len(briefing.citations)} citations")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]).resolve())

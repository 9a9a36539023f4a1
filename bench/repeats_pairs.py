"""How well a model judges whether two developments are the same: the repeats call
(repeats.py, its real prompt and schema) on hand-written labels of 16 pairs of sentences,
from the seeds (a war story), a bankruptcy, an aircraft delivery and a storm. Prints each
answer and the share right; asserts nothing. Needs a model server:

    scripts/serve-local.sh --background
    python -m bench.repeats_pairs [BASE_URL [MODEL]]

The labels are a reader's (the pairs and their answers are hand-written here, not recorded).
Measured on 2026-12-02 with the embedded Qwen2.5-Coder-1.5B Q4_K_M on a 2-vCPU Intel Xeon:
see BENCHMARKS.md. That figure is why ``Settings.repeats`` is off by default.
"""

from __future__ import annotations

import sys

from summarizer import prompts, repeats
from summarizer.config import Settings
from summarizer.llm import LLM

# (A, B, the same development?) - a reader's labels.
PAIRS: list[tuple[str, str, bool]] = [
    (
        "US officials have asserted that North Korea is experiencing significant casualties "
        "among its troops deployed in support of Russia’s military efforts against Ukraine.",
        "U.S. Confirms North Korean Casualties in Russia Amid Ongoing Conflict",
        True,
    ),
    (
        "This move comes after reports surfaced of significant casualties among North Korean "
        "troops deployed in support of Russian forces.",
        "Kirby noted the recent week had witnessed staggering casualty figures, with more "
        "than 1,000 North Korean troops killed or wounded.",
        True,
    ),
    (
        "U.S. Secretary of State Antony Blinken confirmed that 8,000 North Korean soldiers in "
        "Russia are expected to begin combat operations against Ukrainian troops in Kursk.",
        "The U.S. and South Korean governments have stated that North Korean forces have been "
        "actively engaged in combat operations in the Kursk region since early August.",
        True,
    ),
    (
        "As the conflict continues, Ukraine faces pressing challenges, especially with the "
        "potential return of Donald Trump to the White House.",
        "Donald Trump's imminent inauguration.",
        True,
    ),
    (
        "The forthcoming US security assistance package, which is anticipated within days, "
        "underscores a continuing commitment toward Ukrainian resistance.",
        "Blinken announced that additional security assistance would be provided to Ukraine "
        "in the coming days.",
        True,
    ),
    (
        "Despite this new development, Austin expressed confidence that Ukrainian forces can "
        "continue to hold onto territory in Kursk, citing the significant casualties Russia "
        "is facing.",
        "The anonymous official from the U.S. Department of Defense stated that these "
        "casualties occurred in the Kursk region as a result of an airstrike by Ukrainian "
        "forces.",
        False,
    ),
    (
        "Heavy losses and demoralization among troops are becoming prevalent as they engage "
        "with an increasingly fortified Russian army.",
        "The strategy includes leveraging $20 billion in loans, fortified by immobilized "
        "Russian assets.",
        False,
    ),
    (
        "Kirby stated that Russian and North Korean military leaders are treating these "
        "troops as expendable.",
        "Kirby noted the recent week had witnessed staggering casualty figures, with more "
        "than 1,000 North Korean troops killed or wounded.",
        False,
    ),
    (
        "South Korea’s President Yoon Suk Yeol met with Ukrainian Minister of Defense Rustem "
        "Umerov to discuss the North Korean military deployment.",
        "Russia issued a warning against any arms supply from South Korea to Ukraine.",
        False,
    ),
    (
        "The deployment of North Korean troops marks the first time in a century that Russia "
        "has invited foreign troops onto its soil.",
        "The deployment of North Korean soldiers is reportedly part of a collaboration "
        "between North Korea and Russia amidst geopolitical tensions.",
        False,
    ),
    (
        "General Motors filed for Chapter 11 bankruptcy protection on Monday.",
        "GM entered bankruptcy proceedings in a New York court.",
        True,
    ),
    (
        "GM will close 14 plants in the United States.",
        "General Motors filed for Chapter 11 bankruptcy protection on Monday.",
        False,
    ),
    (
        "The first A380 superjumbo was delivered today to Singapore Airlines.",
        "The first Airbus A380 landed at Singapore's Changi International Airport after a "
        "12-hour flight from Airbus' Delivery Center.",
        True,
    ),
    (
        "The plane is built with four Rolls-Royce Trent 900 engines.",
        "The A380 will make a special charity flight on October 25 from Singapore to Sydney.",
        False,
    ),
    (
        "Storm Ciarán brought gusts of 100 mph to Cornwall on Thursday.",
        "The Met Office said winds reached 99 mph in Cornwall as Ciarán arrived.",
        True,
    ),
    (
        "Thousands of Cornish homes lost power as the storm passed.",
        "Schools in Devon were closed on Friday.",
        False,
    ),
]


def main(base_url: str, model: str) -> None:
    listing = "\n".join(
        f"{k}. A (a) {a}\n   B (b) {b}" for k, (a, b, _) in enumerate(PAIRS, start=1)
    )
    messages = [
        {"role": "system", "content": prompts.render(repeats.SYSTEM)},
        {
            "role": "user",
            "content": prompts.render(
                repeats.USER,
                count=str(len(PAIRS)),
                tag=prompts.tag("developments"),
                pairs=listing,
            ),
        },
    ]
    settings = Settings(base_url=base_url, model=model, api_key="sk-local", store=None)
    reply = LLM(settings).structured(
        repeats.repeats_model(len(PAIRS)),
        messages,
        {"count": len(PAIRS), "article_id": "bench-repeats"},
    )
    if reply.value is None:
        print(f"no usable answer: {reply.error}")
        return
    right = 0
    for (a, b, same), said in zip(PAIRS, reply.value.same, strict=True):
        right += said == same
        mark = "right" if said == same else "WRONG"
        print(f"{mark:5}  label {same!s:5}  said {said!s:5}  {a[:45]!r} | {b[:45]!r}")
    yes = sum(reply.value.same)
    print(
        f"{right} of {len(PAIRS)} right; said 'same' {yes} times (the labels: {sum(p[2] for p in PAIRS)})"
    )


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        args[0] if args else "http://127.0.0.1:8765/v1",
        args[1] if len(args) > 1 else "qwen2.5-coder-1.5b-instruct-q4_k_m",
    )

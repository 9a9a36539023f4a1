"""Units written with a number, read from maintained registries rather than a hand list:
physical units from `pint`'s registry (miles, mph, knots, hp, kg, °C, barrels, hours...),
currencies from ISO 4217 as `babel`'s English locale data writes them (names, plurals,
symbols: "euros", "Malaysian ringgit", "RM", "₹").

What is ours is the reading of news copy, and it is kept small:

- the dimensions a news figure may have (length, mass, duration, speed, area, volume,
  temperature, power, energy, pressure, data); pint also reads "points" and "leagues" as
  lengths and "cups" as volumes, so words that news copy uses for other things are refused
  (``_NOT_UNITS``), and a one-letter symbol is read only when it stands against the number
  ("500g", not "5 g");
- the conventions for currency words that several currencies share: "dollars" are US
  dollars, "pounds" British pounds, "rupees" Indian rupees, "francs" Swiss francs, unless the
  text names the country ("Australian dollars"); "cents" and "pence" are hundredths of the
  dollar and the pound. Currencies are never converted.
- "degrees" alone is an angle to pint; news copy means a temperature when "Celsius",
  "Fahrenheit", "C" or "F" follows, and the unit stays "degree" otherwise.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from summarizer.text.fold import word_set

# What pint's dimensionality is called here; units of other dimensions are not read.
_DIMENSIONS = {
    "[length]": "length",
    "[mass]": "mass",
    "[time]": "duration",
    "[length] / [time]": "speed",
    "[length] ** 2": "area",
    "[length] ** 3": "volume",
    "[temperature]": "temperature",
    "[length] ** 2 * [mass] / [time] ** 3": "power",
    "[mass] * [length] ** 2 / [time] ** 3": "power",
    "[length] ** 2 * [mass] / [time] ** 2": "energy",
    "[mass] * [length] ** 2 / [time] ** 2": "energy",
    "[mass] / [length] / [time] ** 2": "pressure",
}
# Words pint reads as units that news copy uses for something else ("3 points", "two
# league titles", "the World Cup", "a pound" of sterling), or that are everyday words.
_NOT_UNITS = word_set(
    "point points league leagues cup cups bar bars line lines hand hands chain chains link "
    "links rod rods pole poles span spans stone stones pound pounds grain grains drop drops "
    "shot shots cable cables mark marks sheet sheets bolt bolts board boards gross dozen "
    "score scores quarter quarters century centuries decade decades cycle cycles turn turns "
    "count counts in at am as is it an or us pi a"
)
# The short symbols news copy writes (as written, case kept): pint also reads "C" (the speed
# of light), "pc" (parsec), "pct" (picocarat), "D" and "G", which in news are other things.
_SYMBOLS = word_set(
    "m km cm mm g kg mg t ml l L ha ft in yd mi nmi lb lbs oz st h hr hrs min s sec ms mph "
    "kph kmh km/h m/s kW MW GW TW kWh MWh GWh TWh hp bhp psi bar bbl GB MB TB kB Gb Mb kt "
    "°C °F ° deg K day ton bit yr yrs wk gal"
)
# Data sizes are dimensionless to pint; these say which dimensionless units are data.
_DATA = re.compile(r"(?:bit|byte)$")
_TEMPERATURE = re.compile(
    r"^(?:°\s?|deg(?:rees?|s)?\.?\s*|degrees?\s+)(?P<scale>celsius|centigrade|fahrenheit|c|f)\b"
    r"|^°(?P<bare>[CF])\b",
    re.IGNORECASE,
)
# "40C", "104F": a scale letter against the number is a temperature in news copy.
_ATTACHED_SCALE = re.compile(r"^(?P<bare>[CF])\b")
_WORDS = re.compile(r"[A-Za-zµ°][A-Za-zµ°²³]*(?:/[A-Za-z]+)?")


@dataclass(frozen=True)
class Unit:
    """A unit as the text writes it and as it is compared."""

    written: str  # "miles", "mph", "euros", "RM"
    name: str  # pint's name ("mile", "mile_per_hour") or an ISO 4217 code ("EUR")
    dimension: str  # "length", "speed", "money", ...
    factor: float = 1.0  # one written unit in ``name``: "cents" is 0.01 USD

    @property
    def is_money(self) -> bool:
        return self.dimension == "money"

    @property
    def label(self) -> str:
        """The name as a reader writes it: "mile per hour", "degree Celsius", "square mile";
        a currency's ISO code."""
        if self.is_money:
            return self.name
        name = re.sub(r"(\w+)\*\*2", r"square \1", self.name)
        name = re.sub(r"(\w+)\*\*3", r"cubic \1", name)
        return name.replace("/", " per ").replace("_", " ")


def unit_after(after: str, attached: bool) -> tuple[Unit, int] | None:
    """The unit written at the start of ``after`` (the text right after a number), and how
    many characters of ``after`` it covers; ``attached``: no space stands between the number
    and ``after`` ("25km", "12-hour")."""
    m = re.match(r"^(?:-|\s)?", after)
    gap = m.end() if m else 0
    rest = after[gap:]
    temperature = _TEMPERATURE.match(rest) or (_ATTACHED_SCALE.match(rest) if attached else None)
    if temperature:
        groups = temperature.groupdict()
        scale = (groups.get("scale") or groups.get("bare") or "").lower()
        name = "degree_Fahrenheit" if scale.startswith("f") else "degree_Celsius"
        return Unit(temperature[0].strip(), name, "temperature"), gap + temperature.end()
    money = currency_word(rest)
    if money is not None:
        return money
    words = list(_WORDS.finditer(rest[:40]))
    for n in (3, 2, 1):  # "miles per hour", "square miles", "miles"
        if len(words) < n or any(
            rest[words[k].end() : words[k + 1].start()].strip() for k in range(n - 1)
        ):
            continue
        written = rest[words[0].start() : words[n - 1].end()]
        if words[0].start() != 0:
            continue
        unit = _pint_unit(written, attached and gap == 0)
        if unit is not None:
            return unit, gap + len(written)
    return None


def _pint_unit(written: str, attached: bool) -> Unit | None:
    named = [w for w in written.split() if w.lower() not in ("per", "an", "a")]
    if written.lower() in _NOT_UNITS or any(w.lower() in _NOT_UNITS for w in named):
        return None
    if len(written) == 1 and not attached:
        return None
    if len(written) <= 3 and written not in _SYMBOLS:
        return None  # pint reads "C" as the speed of light, "pc" as parsecs, "MPs" as m/s
    registry = _registry()
    # "miles an hour" is "miles per hour"; "metric tons" is pint's "metric_ton".
    per = re.sub(r"\s+an?\s+", " per ", written)
    forms = [written, per, written.replace(" ", "_")]
    for form in dict.fromkeys([f for w in forms for f in (w, w.lower())]):
        try:
            unit = registry.parse_units(form)
        except Exception:  # pint raises several kinds for words it does not know
            continue
        name = str(unit)
        dimension = _DIMENSIONS.get(str(unit.dimensionality))
        if dimension is None and str(unit.dimensionality) == "dimensionless":
            dimension = "data" if _DATA.search(name) else ("angle" if name == "degree" else None)
        if dimension is None or "**" in name.replace("** 2", "").replace("** 3", ""):
            continue
        return Unit(written, name.replace(" ", ""), dimension)
    return None


def si_value(value: float, unit: Unit) -> tuple[float, str] | None:
    """The value in SI base units, for a tool to compare ("500 miles" -> 804,672 meter);
    None for money, data and angles, which have no such conversion here."""
    if unit.dimension in ("money", "data", "angle"):
        return None
    registry = _registry()
    try:
        quantity = registry.Quantity(value, registry.parse_units(unit.name)).to_base_units()
    except Exception:
        return None
    return float(quantity.magnitude), str(quantity.units).replace(" ", "")


@functools.lru_cache(maxsize=1)
def _registry() -> Any:
    import pint  # imported on first use: its registry takes about half a second to load

    return pint.UnitRegistry()


# ------------------------------------------------------------------------------ currencies

# Words several currencies share, and the one news copy means by them when no country is named.
_USUAL = {
    "dollar": "USD",
    "pound": "GBP",
    "rupee": "INR",
    "franc": "CHF",
    "euro": "EUR",
    "ruble": "RUB",
}
# British spellings that babel's English names do not list.
_SPELLINGS = {"rouble": "ruble", "roubles": "rubles"}
_HUNDREDTHS = {"cent": "USD", "cents": "USD", "penny": "GBP", "pence": "GBP"}
# Abbreviations of news copy that babel's English locales do not list.
_EXTRA_SYMBOLS = {"Rs": "INR", "Rs.": "INR", "US$": "USD"}


@dataclass(frozen=True)
class _Currencies:
    words: dict[str, tuple[str, float]]  # lower-cased name or plural -> (code, factor)
    symbols: dict[str, str]  # symbol as written -> code
    codes: frozenset[str]
    word_pattern: re.Pattern[str]


def currency_word(after: str) -> tuple[Unit, int] | None:
    """A currency named right after a number ("15 euros", "420 million Finnish markka", "19
    cents"), longest name first."""
    table = currencies()
    m = table.word_pattern.match(after)
    if m is None:
        return None
    code, factor = table.words[m[1].lower()]
    return Unit(m[1], code, "money", factor), m.end()


@functools.lru_cache(maxsize=1)
def currencies() -> _Currencies:
    from babel import Locale, numbers
    from babel.localedata import locale_identifiers

    english = Locale.parse("en")
    current = [
        code
        for code, name in english.currencies.items()
        if "(" not in name and len(code) == 3 and code.isupper() and not code.startswith("X")
    ]
    words: dict[str, tuple[str, float]] = {}
    last_words: dict[str, set[str]] = {}
    for code in current:
        for count in (1, 2):
            name = numbers.get_currency_name(code, count=count, locale="en").lower()
            words[name] = (code, 1.0)
            last_words.setdefault(name.split()[-1], set()).add(code)
    for word, codes in last_words.items():
        singular = word.removesuffix("s")
        usual = _USUAL.get(singular)
        if usual is not None:
            words.setdefault(word, (usual, 1.0))
        elif len(codes) == 1 and word not in _NOT_UNITS and _rare(word):
            words.setdefault(word, (next(iter(codes)), 1.0))  # "ringgit", "yen", "yuan"
    for word, code in _HUNDREDTHS.items():
        words[word] = (code, 0.01)
    for british, american in _SPELLINGS.items():
        if american in words:
            words[british] = words[american]
    symbols: dict[str, set[str]] = {}
    for identifier in locale_identifiers():
        if identifier == "en" or identifier.startswith("en_"):
            for code, symbol in Locale.parse(identifier).currency_symbols.items():
                if code in current and symbol != code:
                    symbols.setdefault(symbol, set()).add(code)
    unique = {
        s: next(iter(c))
        for s, c in symbols.items()
        if len(c) == 1 and not (len(s) == 1 and s.isalpha())
    }
    unique.update({"$": "USD", "£": "GBP", "¥": "JPY", "€": "EUR"})
    unique.update(_EXTRA_SYMBOLS)
    alternation = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=lambda w: (-len(w), w))
    )
    pattern = re.compile(rf"^\s?({alternation})\b", re.IGNORECASE)  # "2,000-pound bombs": no
    return _Currencies(words, unique, frozenset(current), pattern)


def _rare(word: str) -> bool:
    """Not an everyday English word ("won", "real", "rand"? no: "rand" is rare): a bare
    currency word that is an everyday word is read only with its country's name."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") < 4.0

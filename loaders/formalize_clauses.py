"""Reading one paragraph's own words into criteria (the families of loaders/formalize_tree.py):
a conjunction of clauses, each a known phrase of ontology/controls/formalize/phrases.csv with a
comparator, a number and a unit ("Output wavelength exceeding 975 nm but not exceeding 1,150 nm"),
or a fixed phrase a note defines ("'Single transverse mode' output": M² below 1.3) — or
alternatives of such conjunctions joined by "or" ("a magnetic induction of more than 8 T or
'overall current density' in the winding of more than 300 A/mm²") — optionally ending "and any of
the following:" or "all of the following:". Every word must be understood, in exactly one way,
and each paragraph must give as many criteria as it states thresholds; anything else is
``NotRead`` (the message says why)."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from exportgraph.loaders.formalize import (
    NUMBER,
    WRITTEN,
    FormalCriterion,
    written_value,
)
from exportgraph.loaders.formalize_equivalents import (
    DEG_C,
    celsius,
    equivalent_problem,
    kelvins_are_the_threshold,
)
from exportgraph.loaders.formalize_words import (
    ANY_COMPARATOR,
    AT_LEAST_AFTER,
    AT_MOST_AFTER,
    UPPER_COMPARATOR,
    sign,
    sign_after,
    stated_thresholds,
)
from exportgraph.loaders.listed_text import TextNode

LEAD_IN = "none"
"""The parameter of a fixed phrase that states no condition ("Analog-to-digital conversions
meeting"): words a person read as only introducing the sub-paragraphs."""

_TAIL = re.compile(
    r"(?:^|,?\s+(?:and\s+)?)(?:having\s*|meeting\s+|with\s+)?(?P<mode>any|all|either|both)"
    r"(?:\s+of)?\s+the (?:following|characteristics described in this ECCN)"
    r"(?:\s+sets of)?(?:\s+(?:(?:features or )?characteristics|flight conditions|materials))?"
    r"(?:\s+described in the List of Items Controlled)?"
    r"(?:,?\s+and\s+[“”\"]?specially designed[“”\"]?\s+"
    r"(?:(?:assemblies and )?[“”\"]?components[“”\"]?|electronic control equipment"
    r"|transmitting and receiving acoustic arrays|frames"
    r"|controllers and [“”\"]?end-effectors[“”\"]?)\s+therefor)?"
    r"\s*[:;]?$",
    re.IGNORECASE,
)
"""… optionally followed by "and “specially designed” “components” therefor" (5A001.e) or "and
“specially designed” electronic control equipment therefor" (6A004.d.2.a) or "and “specially
designed” transmitting and receiving acoustic arrays therefor" (6A001.a.1.a.3, 6A001.a.1.e), or
"and “specially designed” assemblies and “components” therefor" (9A002), or "and “specially
designed” frames therefor" (1A227): the assemblies, components, the control equipment, the arrays
or the frames are another kind, outside the family's (as are "“specially designed” controllers and
“end-effectors” therefor" of robots, 2B007, whose US heading lists "any of the following
characteristics described in the List of Items Controlled"), so the
words add no condition on its items. A US heading may say "have all of the characteristics
described in this ECCN" (3A225) for "all of the following", and "any of the following features or
characteristics" (3E002) for "any of the following", and "any of the following flight conditions"
(EU 9B106.a.1), and "are made from any of the following materials" (2B350.a, .d, .j: the
materials, sub-paragraphs a family reads as one required fact). "having" may run into the mode word:
the EU text writes "Real-time oscilloscopes havingall of the following:" (3A002.a.7); "with any
of the following" (3A001.b.1.a.5) says the same."""
_MODES = {"any": "any", "either": "any", "all": "all", "both": "all"}
"""How the words combine the sub-paragraphs ("either of the following sets of characteristics":
one set is enough; "both of the following": each is required)."""
_SEE_LIST = re.compile(r"\s*\((?i:see) List of Items Controlled\)(?:\.(?=\s*$))?")
"""The CCL's pointer from an ECCN's heading to its list: no condition ("(See List of Items
Controlled)." ends US 3B903's heading, after "having all of the following")."""
_NRC = re.compile(
    r",?\s*excluding items that are subject to the export licensing authority of the Nuclear"
    r" Regulatory Commission \(see 10 CFR part 110\)"
)
"""A US heading's exclusion of the items the NRC licenses (3A226): the root's own words, like its
kind words, which the family reads as a required fact (``notes_read`` says which)."""
_MEASURED_AT = re.compile(r"(?<=of the following) at -?\d+ °C(?=\s*[:;]?$)")
"""A temperature at which a root's sub-paragraphs are measured ("'Primary cells' having any of
the following at 20 °C:"): the family's parameters name it (``cell-energy-density-20c``)."""
_INLINE_ITEM = re.compile(r";\s+(?:(?P<joiner>and|or)\s+)?(?P<letter>[a-z])\.\s+")
_END = re.compile(r"(?:[;,.:]\s*(?:or|and)?|\s+(?:or|and))\s*$")
_OR = re.compile(r",?\s+or\s+")
_MAX_OR = 4
"""More "or" in one paragraph than this and it is read as one conjunction only (each "or" is
tried as a cut between alternatives: 2^n readings)."""
_CLAUSE_OPENERS = (
    "limited by design",
    "at any frequency",
    "maintained at a rated",  # 6A005.e.3.a.1: the insertion loss, then the rated power
    "for a number of",  # 6A005.e.3.b.3.a: the BPP, then the number of input fibres
    "for a duration",  # US 3B993.o.2: the temperature, then its 'duration'
    "capable of tuning across",  # 3A001.b.5: the number of resonators, then the tuning time
    "during time intervals",  # 6A225: the velocities measured, then the time intervals
    "to above",  # US 4A101.a: "from below 228 K (−45 °C) to above 328 K (+55 °C)", both ends
    "capable of operating at pressures",  # EU 0B004.b.3: "… 1,5 m or greater capable of …"
    "for salvaging objects",  # 8A001.e: "a lifting capacity exceeding 5 MN for salvaging …"
    "at a voltage of",  # EU 0B001.j.6.a: "a current output of 500 A or greater at a voltage of …"
    "for machines capable of",  # 2B201 turning: "… (overall positioning) for machines capable of …"
)
"""Words that open a clause of their own with no comma or "and" before them."""
_SEPARATOR = re.compile(
    r",?\s+(?:and|with)\s+|,\s+"
    + "".join(rf"|\s+(?={re.escape(words)}\b)" for words in _CLAUSE_OPENERS)
)
BAND = "|"
"""Between the two parameters of a phrase that reads a range as an overlap with the range the
item is rated for ("at any frequency exceeding 2,7 GHz up to and including 2,9 GHz", parameter
``frequency-max|frequency-min``; "at an ambient temperature above 398 K"): a lower end (``>``,
``>=``) bounds the first (the item's top exceeds it), an upper end the second (its bottom is at
or below it). In a fixed phrase (no ``{}``) it separates the parameters, comparators and values of
the conditions the phrase states."""
_POWER_OF_TEN = re.compile(r"(?<![\d×x]\s)(?<![\d.,×])10\^(?=[−–-]?\d)")
_NEGATED = re.compile(r"(?i:no|not|never|none)\s")
"""A phrase whose words negate its threshold ("No dimension {}": "No dimension greater than 35 mm"
is a dimension of at most 35 mm): the comparator it writes is the opposite of the condition."""
NEGATE = "not"
"""The comparator a negated phrase's row gives (phrases.csv) when its parameter is the extreme the
words deny ("No dimension {}", parameter ``pulse-generator-largest-dimension``: "No dimension
greater than 35 mm" is a largest dimension of at most 35 mm): the written comparator is read as
its opposite. Without it a negated phrase is not read."""
_OPPOSITE = {">": "<=", ">=": "<", "<": ">=", "<=": ">"}
TOLERANCE = "±"
"""The comparator column of a phrase whose parameter is the half-width of a signed tolerance
(US 3B991.b.1.m.1 "Positioning accuracy less than ±1 micrometer": a positioning accuracy, ± in
micrometres, below 1): only such a phrase reads a number written "±X", as X with the written
comparator; any other phrase meeting "±" leaves the paragraph as text."""
NEGATIVE = r"[−-](?:\s?\()?(?=\d)"
"""A minus before a number: US "−150", EU "-160" (dBm/Hz); or the minus before a formula's
bracket, the bracket's first term the number ("less (better) than −(126 + 20log10F − 20log10f)",
US 3A001.b.10 "− (126 …"; EU "-(126 …"): the rest of the formula is in the phrase's words
(phrases.csv), so a formula is read only where a person wrote it out whole — its parameter is the
quantity the formula compares, e.g. the phase noise plus 20log10F − 20log10f."""


def negated(template: str) -> bool:
    """Whether a phrase's words negate its threshold ("No dimension {}")."""
    return _NEGATED.match(template) is not None


_QUOTES = re.compile(r"[“”\"‘’]|(?<![\w])'|'(?![\w])")


@dataclass(frozen=True)
class Phrase:
    under: str
    """The code the phrase is read under (``6A005``: every paragraph of 6A005)."""
    template: str
    """The words, ``{}`` where the comparator, number and unit stand; without ``{}`` a fixed
    condition whose comparator, value and unit the row gives (from the note defining it)."""
    parameter: str
    comparator: str
    value: Decimal | None
    unit: str
    defined_by: str
    line: int
    more: tuple[Decimal, ...] = ()
    """A fixed phrase stating several conditions (3A001.a.2.c: "over the entire ambient
    temperature range from 218 K … to 398 K"): the values after ``value``, for the parameters
    and comparators after the first (``BAND``-separated in the row)."""

    def fixed(self) -> tuple[tuple[str, str, Decimal], ...]:
        """A fixed phrase's conditions: (parameter, comparator, value) each."""
        assert self.value is not None
        values = (self.value, *self.more)
        parameters, comparators = self.parameter.split(BAND), self.comparator.split(BAND)
        return tuple(zip(parameters, comparators, values, strict=True))


@dataclass(frozen=True)
class Reading:
    """A paragraph's own conditions and how its sub-paragraphs combine."""

    criteria: tuple[FormalCriterion, ...]
    mode: str | None  # "any", "all", or None (no sub-paragraphs)
    either: tuple[tuple[FormalCriterion, ...], ...] = ()
    """The paragraph's own alternatives ("of more than 8 T or 'overall current density' … of
    more than 300 A/mm²"), each a conjunction; empty: ``criteria`` are all its conditions."""
    within: str = ""
    """The frequency range its sub-paragraphs' figures hold within, written after "of the
    following" (3A002.d.1: "having all of the following, anywhere within the frequency range
    exceeding 31.8 GHz but not exceeding 37 GHz"), as parameter names spell it
    (``within-31-8-to-37-ghz``): every criterion below must be of a parameter of that range."""

    @property
    def ways(self) -> tuple[tuple[FormalCriterion, ...], ...]:
        """Every way the paragraph's own words are met, each with the common ``criteria``."""
        return tuple(self.criteria + way for way in self.either) or (self.criteria,)


class NotRead(Exception):
    """A paragraph whose words are not all understood (the message says which)."""


@functools.cache
def _compiled(source: str) -> re.Pattern[str]:
    """re.compile once per process (re's own cache is too small for the phrases)."""
    return re.compile(source)


_LOOKED_AT_AFTER = re.compile(r"[\w/^%]")
"""A character the expression's closing lookahead tests (a unit spelling not followed by a letter,
"/" or "^"; a count not followed by "%")."""


class PhrasePattern:
    """A phrase's words matched around the one comparator-number-unit expression every phrase
    shares. The words are literal, so a full match puts the expression exactly between them: the
    words are compared, then the expression (compiled once per process instead of once per phrase:
    ~500 long patterns cost ~12 s of every build) must match all of what lies between. The span's
    end hides the character after it from the expression's closing lookahead: a phrase whose words
    after the number begin with a character that lookahead tests is compiled whole, as before."""

    def __init__(self, template: str, expression: str):
        parts = template.split("{}")
        words = [f"(?i:{re.escape(part)})" if part else "" for part in parts]
        self.whole: re.Pattern[str] | None = None
        if len(parts) != 2 or (parts[1] and _LOOKED_AT_AFTER.match(parts[1])):
            self.whole = _compiled(expression.join(words))
            return
        self.head = _compiled(words[0]) if parts[0] else None
        self.tail = _compiled(words[1]) if parts[1] else None
        self.tail_length = len(parts[1])
        self.expression = _compiled(expression)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        """The match of the whole ``text``, its groups those of the expression; or None."""
        if self.whole is not None:
            return self.whole.fullmatch(text)
        start = 0
        if self.head is not None:
            head = self.head.match(text)
            if head is None:
                return None
            start = head.end()
        end = len(text) - self.tail_length
        if end < start or (self.tail is not None and self.tail.fullmatch(text, end) is None):
            return None
        return self.expression.fullmatch(text, start, end)


class ParagraphReader:
    """Reads paragraphs with the phrases of one family (and the units the texts spell)."""

    def __init__(self, phrases: Sequence[Phrase], units: Mapping[str, str]):
        self.phrases = phrases
        self.units = units
        spellings = "|".join(re.escape(s) for s in sorted(units, key=len, reverse=True))
        unit = rf"(?P<{{name}}>{spellings})(?![\w/^])"
        number = NUMBER.replace("?P<mantissa>", "?P<m{n}>").replace("?P<exponent>", "?P<e{n}>")
        number = number.replace("?P<plain>", "?P<p{n}>")

        def value(n: int) -> str:
            unit_of_n = unit.format(name=f"u{n}")
            if n == _FROM:  # "from 0.1 to 5 mm inclusive": the lower end may take the upper's unit
                unit_of_n = f"(?:{unit_of_n})?"
            return (
                rf"(?:(?P<s{n}>{NEGATIVE})|(?P<t{n}>±\s?)|\+(?=\d))?"  # −150 dBm/Hz; ±1 µm; +20 dBm
                rf"(?P<n{n}>{number.format(n=n)})\s*{unit_of_n}"
                rf"(?:\s+\((?P<d{n}>[+−–-]?\d+(?:[.,]\d+)?)\s*(?P<q{n}>dBm|°C|°F|knots|feet)\))?"
            )

        self.expression = self._expression(value)
        self.counted = self._expression(
            lambda n: rf"(?P<s{n}>{NEGATIVE})?(?P<n{n}>{number.format(n=n)})(?P<u{n}>)(?![\w/^%])"
        )
        self.patterns = [(phrase, self._pattern(phrase)) for phrase in phrases]

    @staticmethod
    def _expression(value: Callable[[int], str]) -> str:
        return (
            rf"(?:(?:of\s+)?(?P<c1>{ANY_COMPARATOR})\s+{value(1)}"
            rf"(?:,?\s+(?:(?:but|and)\s+)?(?P<c2>{ANY_COMPARATOR})\s+{value(2)})?"
            rf"|(?:of\s+)?{value(3)}\s+(?P<c3>{AT_LEAST_AFTER})"
            rf"(?:,?\s+(?:but|and)\s+(?P<c4>{UPPER_COMPARATOR})\s+{value(4)})?"
            rf"|(?:of\s+)?{value(5)}\s+(?P<c5>{AT_MOST_AFTER})"
            rf"|(?P<c6>from)\s+{value(_FROM)}\s+(?P<c7>to)\s+{value(_TO)}\s+inclusive)"
        )

    def _pattern(self, phrase: Phrase) -> PhrasePattern:
        """The phrase's words around the comparator, number and unit; a phrase giving its unit
        (a count, "Q-values exceeding 10,000") takes a number written without one."""
        return PhrasePattern(phrase.template, self.counted if phrase.unit else self.expression)

    def read_root(self, node: TextNode) -> Reading:
        """The root names the kind (its words are the rule's kinds): only how its
        sub-paragraphs combine is read ("any of" when it says "as follows"; a root saying
        neither is not read) — unless it states thresholds of its own ("Non-tunable pulsed
        lasers having an output wavelength exceeding 975 nm but not exceeding 1,150 nm and
        having any of the following:"): then it is read like any paragraph (its kind words
        in the phrase that reads the threshold), and its criteria apply with each
        sub-paragraph's."""
        if stated_thresholds(node.text):
            return self.read(node)
        defined = _wholly_fixed(self, node)
        if defined is not None:
            return defined
        text = _NRC.sub("", _SEE_LIST.sub("", " ".join(node.text.split())))
        tail = _TAIL.search(_MEASURED_AT.sub("", _END.sub("", text)))
        if tail is None and _JOINED_BY_LAST.search(_END.sub("", text)):
            return Reading((), _joined(node))
        if tail is None and not re.search(r"\bas follows\s*[:;.]?$", text):
            raise NotRead(
                "how its sub-paragraphs combine is not read (no 'as follows', 'any of' or 'all of')"
            )
        return Reading((), _MODES[tail.group("mode").lower()] if tail else "any")

    def read(self, node: TextNode) -> Reading:
        """The paragraph's own clauses, all its words understood, or NotRead."""
        text = _QUOTES.sub("", " ".join(_SEE_LIST.sub("", node.text).split()))
        text = _POWER_OF_TEN.sub("1 × 10^", text)  # "10^−14" is 1 × 10^−14
        text = _inline_items(_END.sub("", text))
        mode = None
        text, within, in_range = _within_after_tail(text)
        tail = _TAIL.search(text)
        if tail is not None:
            mode = _MODES[tail.group("mode").lower()]
            text = text[: tail.start()]
        elif _AND_THEN.search(node.text) and len([c for c in node.children if not c.reserved]) > 1:
            # "A pulsed output with a “pulse duration” exceeding 10 microseconds; and" followed by
            # sub-paragraphs: its own words and the sub-paragraphs, joined as they say (6A995.a.2)
            mode = _joined(node)
        else:
            text, mode = _as_follows(node, text)
        text = _END.sub("", text)
        if not text:  # "Having all (any) of the following:": its sub-paragraphs' conditions
            if mode is None:
                raise NotRead("a paragraph without conditions")
            return Reading((), mode)
        either = self._conditions(node, text)
        criteria = either[0] if len(either) == 1 else ()
        stated = stated_thresholds(node.text) - in_range
        numeric = [c for way in either for c in way if not c.defined_by]
        if len(numeric) + _in_phrases(numeric) != stated:
            raise NotRead(f"{len(numeric)} criteria read, {stated} thresholds stated")
        return Reading(criteria, mode, either if len(either) > 1 else (), within)

    def _conditions(self, node: TextNode, text: str) -> tuple[tuple[FormalCriterion, ...], ...]:
        """The paragraph's words as one conjunction of clauses, or as alternatives joined by
        "or", each a conjunction: exactly one reading of all the words, or NotRead."""
        cuts = list(_OR.finditer(text))
        if len(cuts) > _MAX_OR:
            cuts = []  # read as one conjunction only
        found: set[tuple[tuple[FormalCriterion, ...], ...]] = set()
        for parts in _splits(text, cuts):
            readings = [self._clauses(node, part) for part in parts]
            if all(readings) and any(len(r) > 1 for r in readings):
                raise NotRead("its words can be read more than one way")
            if all(readings):
                found.add(tuple(next(iter(r)) for r in readings))
        if len(found) != 1:
            raise NotRead(
                "its words are not all read into criteria"
                if not found
                else "its words can be read more than one way"
            )
        return found.pop()

    def _clauses(self, node: TextNode, text: str) -> set[tuple[FormalCriterion, ...]]:
        """Every reading of ``text`` as a conjunction of clauses (none, one, or more)."""
        cuts = list(_SEPARATOR.finditer(text))
        if len(cuts) > 10:
            raise NotRead("too many clauses")
        readings: set[tuple[FormalCriterion, ...]] = set()
        for parts in _splits(text, cuts):
            found = [self._clause(node, part) for part in parts]
            if all(f is not None for f in found):
                readings.add(tuple(c for f in found if f is not None for c in f))
        return readings

    def _clause(self, node: TextNode, words: str) -> tuple[FormalCriterion, ...] | None:
        found: list[tuple[FormalCriterion, ...]] = []
        for phrase, match in _narrowest(
            [
                (phrase, match)
                for phrase, pattern in self.patterns
                if (match := pattern.fullmatch(words))
            ]
        ):
            if phrase.parameter == LEAD_IN:
                found.append(())
            elif phrase.value is not None:
                found.append(
                    tuple(
                        FormalCriterion(
                            parameter,
                            comparator,
                            value,
                            phrase.unit,
                            words,
                            node.text,
                            node.code,
                            phrase.defined_by,
                            words,
                        )
                        for parameter, comparator, value in phrase.fixed()
                    )
                )
            elif _NEGATED.match(phrase.template) and phrase.comparator != NEGATE:
                raise NotRead(f"{words!r}: the words negate the threshold (the opposite sign)")
            else:
                found.append(self._numeric(node, phrase, match, words))
        return found[0] if len(found) == 1 else None

    def _numeric(
        self, node: TextNode, phrase: Phrase, match: re.Match[str], words: str
    ) -> tuple[FormalCriterion, ...]:
        pairs = [(n, match.group(f"c{n}")) for n in range(1, _TO + 1)]
        if match.group("c2") and sign(match.group("c1"))[0] == sign(match.group("c2"))[0]:
            raise NotRead(f"{words!r}: two bounds on the same side, not a range")
        criteria = []
        for n, words_of_comparator in pairs:
            if not match.group(f"n{n}"):
                continue
            plain, mantissa = match.group(f"p{n}"), match.group(f"m{n}")
            written = plain or mantissa or ""
            if not WRITTEN[node.jurisdiction].fullmatch(written):
                raise NotRead(f"{written!r} is not written as the {node.jurisdiction} text does")
            written_sign = _written_sign(n, words_of_comparator)
            unit = match.group(f"u{n}")
            spelled = unit or (match.group(f"u{_TO}") if n == _FROM else None)
            unit = unit or ""  # "from 0.1 to 5 mm inclusive": 0.1 in the upper end's unit
            iri = self.units[spelled] if spelled else phrase.unit
            number = match.group(f"n{n}")
            if number not in node.text:  # "10^−14" was read as 1 × 10^−14
                number = number.removeprefix("1 × ")
            value = written_value(plain, mantissa, match.group(f"e{n}"), node.jurisdiction)
            minus = match.groupdict().get(f"s{n}")
            if minus:  # US "−150" (the minus sign), EU "-160" (a hyphen)
                value, number = -value, minus + number
            number = _tolerance(phrase, match.groupdict().get(f"t{n}"), number, words)
            equivalent = match.groupdict().get(f"d{n}")
            if equivalent:
                problem = equivalent_problem(
                    value, iri, equivalent, match.group(f"q{n}"), node.jurisdiction
                )
                if problem:
                    raise NotRead(f"{words!r}: {problem}")
                in_kelvins = kelvins_are_the_threshold(value, iri, equivalent, node.jurisdiction)
                if match.group(f"q{n}") == "°C" and not in_kelvins:  # the kelvins round them
                    value, iri, number, unit = (
                        celsius(equivalent, node.jurisdiction),
                        DEG_C,
                        equivalent,
                        "°C",
                    )
            if phrase.comparator == NEGATE:  # "No dimension greater than 35 mm": at most 35 mm
                written_sign = _OPPOSITE[written_sign]
            parameter = phrase.parameter
            if BAND in parameter:  # the band's top above the range's lower end, its bottom below
                top, bottom = parameter.split(BAND)
                parameter = top if written_sign.startswith(">") else bottom
            criteria.append(
                FormalCriterion(
                    parameter,
                    written_sign,
                    value,
                    iri,
                    f"{number} {unit}".strip(),
                    node.text,
                    node.code,
                    "",
                    words,
                )
            )
        return tuple(criteria)


_FROM, _TO = 6, 7
"""The groups of a range written "from X to Y inclusive" (US 2B998.b.2 "Cutting radius from 0.1 to
5 mm inclusive"): both ends included, as "inclusive" says. The texts write "inclusive" where they
include the ends ("from 10 kHz to 24 kHz inclusive", 6A001.a.1.b.2); "from X to Y", "X to Y",
"between X and Y" and "up to" without it are not read (whether the ends are included is not
written)."""


def _written_sign(n: int, words: str) -> str:
    """The sign of the ``n``-th number of a phrase's expression: a comparator before it (1, 2, 4),
    words after it (3, 5), or the end of a range "from X to Y inclusive" (6: ``>=``, 7: ``<=``)."""
    if n in (_FROM, _TO):
        return ">=" if n == _FROM else "<="
    return sign_after(words) if n in (3, 5) else sign(words)


def _splits(text: str, cuts: Sequence[re.Match[str]]) -> Iterator[list[str]]:
    """``text`` cut at every subset of ``cuts`` (the separators dropped), each as its parts."""
    for chosen in itertools.product((False, True), repeat=len(cuts)):
        start, parts = 0, []
        for cut, used in zip(cuts, chosen, strict=True):
            if used:
                parts.append(text[start : cut.start()])
                start = cut.end()
        parts.append(text[start:])
        yield parts


_AND_THEN = re.compile(r"[;,]\s*and\s*$")
"""A paragraph's own words ending with "; and" before its sub-paragraphs: both are required."""
_JOINED_BY_LAST = re.compile(r"\b(?:with the following characteristics|having)$")
"""A root listing "the following characteristics" (3A234) or ending "having:" (US 6A995.b.1
"Individual, single-transverse mode semiconductor lasers having:") without saying "any" or "all":
the word joining its last two sub-paragraphs says which ("; and" all, "; or" any)."""


def _joined(node: TextNode) -> str:
    """How a root's sub-paragraphs combine, from the word ending the one before the last."""
    listed = [c for c in node.children if not c.reserved]
    if len(listed) < 2:
        raise NotRead("'the following characteristics' without sub-paragraphs")
    joiner = re.search(r"[;,]\s*(and|or)\s*$", listed[-2].text)
    if joiner is None:
        raise NotRead("'the following characteristics' without 'and' or 'or' before the last")
    return "all" if joiner.group(1) == "and" else "any"


_AS_FOLLOWS = re.compile(r",?\s+as follows\s*[:;.]?$", re.IGNORECASE)


def _as_follows(node: TextNode, text: str) -> tuple[str, str | None]:
    """A paragraph with thresholds of its own ending "as follows" before sub-paragraphs
    ("“Superconductive” “composite” conductors in lengths exceeding 100 m or with a mass exceeding
    100 g, as follows", 1C005): its words without "as follows", whose sub-paragraphs are
    alternatives ("any"), as a root's "as follows" says (``read_root``). Otherwise the text as it
    is and no mode."""
    found = _AS_FOLLOWS.search(text)
    if found is None or not [c for c in node.children if not c.reserved]:
        return text, None
    return text[: found.start()], "any"


def _inline_items(text: str) -> str:
    """A paragraph listing its conditions inline ("a. Voltage rating greater than 1,4 kV; b. …;
    and d. Series inductance less than 50 nH"), in letter order, as the clauses it joins with
    "and" (or "or"); any other text unchanged."""
    first = re.match(r"a\.\s+", text)
    if first is None:
        return text
    cuts = list(_INLINE_ITEM.finditer(text))
    letters = [cut.group("letter") for cut in cuts]
    if not cuts or letters != [chr(ord("b") + i) for i in range(len(cuts))]:
        raise NotRead("conditions listed inline not in letter order")
    joiners = {cut.group("joiner") for cut in cuts} - {None}
    if len(joiners) != 1 or cuts[-1].group("joiner") is None:
        raise NotRead("conditions listed inline without one 'and' or 'or' before the last")
    (joiner,) = joiners
    items, start = [], first.end()
    for cut in cuts:
        items.append(text[start : cut.start()])
        start = cut.end()
    items.append(text[start:])
    return f" {joiner} ".join(items)


def _wholly_fixed(reader: ParagraphReader, node: TextNode) -> Reading | None:
    """A root without thresholds of its own whose words are wholly fixed phrases of the family:
    without sub-paragraphs, a phrase a note defines (EU 5A101 "… designed or modified for
    'missiles'", 'missile' being "capable of a range exceeding 300 km" by its Technical Note);
    with sub-paragraphs, the words before "having any (all) of the following" ("Five or more axes
    which can be coordinated simultaneously for “contouring control” having any of the
    following:", 2B001.b.2: a count of axes, no number written), required with each
    sub-paragraph's. Those phrases' criteria; None for any other root (read as before: only how
    its sub-paragraphs combine)."""
    try:
        reading = reader.read(node)
    except NotRead:
        return None
    if not reading.criteria or not all(c.defined_by for c in reading.criteria):
        return None
    if any(not child.reserved for child in node.children) and (
        reading.mode is None or reading.either
    ):
        return None
    return reading


def _narrowest(
    matching: list[tuple[Phrase, re.Match[str]]],
) -> list[tuple[Phrase, re.Match[str]]]:
    """The phrases matching a clause, those written for the narrowest code first: a phrase under
    5A001.d.1 ("Rated for operation {}", a band overlapping the range) reads the words before one
    under 5A001.d (the same words, the top of the band); phrases under the same code that both
    match leave the clause unread (two readings)."""
    if len(matching) < 2:
        return matching
    narrowest = max(len(phrase.under) for phrase, _ in matching)
    return [(phrase, match) for phrase, match in matching if len(phrase.under) == narrowest]


def _tolerance(phrase: Phrase, sign: str | None, number: str, words: str) -> str:
    """The number as written, "±" kept; a "±" only in a phrase whose row says its parameter is
    the tolerance's half-width (``TOLERANCE``), which a tolerance must be written in."""
    if phrase.comparator == TOLERANCE and not sign:
        raise NotRead(f"{words!r}: no signed tolerance where the phrase reads one (±)")
    if sign and phrase.comparator != TOLERANCE:
        raise NotRead(f"{words!r}: a signed tolerance (±) the phrase does not read")
    return f"{sign}{number}" if sign else number


_WITHIN_AFTER_TAIL = re.compile(
    r",\s+anywhere within the frequency range exceeding (?P<low>\d+(?:[.,]\d+)?) GHz"
    r" but not exceeding (?P<high>\d+(?:[.,]\d+)?) GHz\s*$"
)


def _within_after_tail(text: str) -> tuple[str, str, int]:
    """A range written after "of the following" ("Specified to generate pulse-modulated signals
    having all of the following, anywhere within the frequency range exceeding 31.8 GHz but not
    exceeding 37 GHz", 3A002.d.1): the words without it, the range as parameter names spell it
    (``within-31-8-to-37-ghz``) and the thresholds it states (its two ends, which the
    sub-paragraphs' parameters name: see ``Reading.within``). Other words are returned as
    they are."""
    found = _WITHIN_AFTER_TAIL.search(text)
    if found is None or _TAIL.search(text[: found.start()]) is None:
        return text, "", 0
    low, high = (found.group(end).replace(",", ".").replace(".", "-") for end in ("low", "high"))
    return text[: found.start()], f"within-{low}-to-{high}-ghz", 2


def _in_phrases(criteria: Sequence[FormalCriterion]) -> int:
    """The thresholds stated in the fixed words of the phrases the criteria were read with (a
    measurement condition a parameter's definition names: "'Vπ' of less than 4 V when measured at
    a frequency of more than 1 GHz"): each clause's stated thresholds beyond its criteria."""
    clauses = {c.phrase for c in criteria}
    read = {words: sum(1 for c in criteria if c.phrase == words) for words in clauses}
    return sum(max(0, stated_thresholds(words) - count) for words, count in read.items())

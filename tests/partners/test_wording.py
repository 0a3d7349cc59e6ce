"""Answers speak the users' language: what the regulation says and what to do, never the code's
(no IRIs, no snake_case or camelCase identifiers, no talk of "the contract's set", no Python reprs)
in classification and assessment answers over a broad set of requests, in the errors they raise,
and in the note columns of the control tables those answers quote."""

from __future__ import annotations

import csv
import functools
import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from exportgraph import paths
from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.assess import assess
from exportgraph.services.partners.classify import classify

CODE_SPEAK = {
    "IRI of the graph": re.compile(r"w3id\.org/exportgraph|\begid:|\beg:[A-Za-z]|urn:"),
    "address": re.compile(r"https?://"),
    "snake_case identifier": re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b"),
    "camelCase identifier": re.compile(r"\b[a-z]+[A-Z][a-z]+[A-Za-z]*\b"),
    "the contract": re.compile(r"\bcontract\b", re.IGNORECASE),
    "Python repr": re.compile(
        r"\bNone\b|\bTrue\b|\bFalse\b|Decimal\(|frozenset\(|\{'|\['|'\]|<[A-Za-z_.]+ object"
    ),
    "modelling jargon": re.compile(
        # "encoded …" is jargon; an "encoder" is an item of the lists (3A001.f)
        r"criteria_complete|\bencod(?!ers?\b)|harmoni[sz]ed parameter|grouping entry|"
        r"sub-entries carry|"
        r"carry (the )?kinds|serves lists|\.csv\b|\.ttl\b|\balternative\b|left empty",
        re.IGNORECASE,
    ),
}
# Request fields an answer may name as missing (machine-readable lists) and errors may name as
# the offending field: the user's own JSON keys.
REQUEST_FIELDS = re.compile(
    r"\b(?:(?:served\.)*(?:for_kind|purpose)|project_stage|intended_for_publication|published|"
    r"end_use|as_of|recipient\.nationality)\b"
)
# identifiers and closed values (SKOS relation names, entry types), not prose
NOT_MESSAGES = {"url", "id", "iri", "code", "jurisdiction", "data_version", "as_of", "relation"}
UNIT_SYMBOLS = re.compile(r"\b(?:dB[a-z]|[mµμ]Gal|kHz|kNs|kWh|kPa)\b")
"""Unit symbols the official texts write (dBm, dBc, mGal, kHz; EU 9A007.b "2,4 kNs/kg", 9A002.b
"kg/kWh", EU 0B001.c.3 "500 kPa"): not camelCase identifiers."""
REGULATION_WORDS = re.compile(r"\bTrue North\b")
"""Words of the official texts that look like code (7A003.c "heading or True North
determination"): not a Python repr."""
MISSING = {"missing", "missing_facts", "missing_fact"}


def messages(value: object, key: str = "") -> Iterator[tuple[str, str]]:
    """(key, text) of every string of an answer a person reads."""
    if isinstance(value, dict):
        for name, inner in value.items():
            if name not in NOT_MESSAGES:
                yield from messages(inner, name)
    elif isinstance(value, list):
        for inner in value:
            yield from messages(inner, key)
    elif isinstance(value, str):
        yield key, value


@functools.cache
def code_speak(text: str, allowed: re.Pattern[str] | None = None) -> tuple[str, ...]:
    """The kinds of code speak in a text (kept per text: thousands of answers repeat the same
    notes)."""
    text = REGULATION_WORDS.sub("", UNIT_SYMBOLS.sub("", text))
    if allowed is not None:
        text = allowed.sub("", text)
    return tuple(name for name, pattern in CODE_SPEAK.items() if pattern.search(text))


def check(answer: object, where: object) -> list[str]:
    found = []
    for key, text in messages(answer):
        allowed = REQUEST_FIELDS if key in MISSING else None
        for problem in code_speak(text, allowed):
            found.append(f"{problem} in {key} {text!r} ({where})")
    return found


def _served_alike(knowledge: Knowledge, hardware: list[str]) -> list[str]:
    """One hardware kind per distinct set of software and technology entries that may serve it
    (the first by name). Software or technology for a kind is answered from those entries' words
    and the words of the kind's own entries, which the hardware items check: the whole lists hold
    hundreds of kinds served alike (most by none), whose serving answers differ only in the
    kind's name. The kinds of the real products corpus come first, so each of them is kept."""
    limited = [e for e in knowledge.entries.values() if e.names_served_kinds]
    of_products = {knowledge.kind_notation(p.kind) for p in knowledge.products.values()}
    seen: set[frozenset[str]] = set()
    chosen = []
    for kind in sorted(hardware, key=lambda k: (k not in of_products, k)):
        iri = knowledge.kinds[kind].iri
        ancestors, narrower = knowledge.ancestors_of_kind(iri), knowledge.narrower_kinds(iri)
        serving = frozenset(
            e.iri for e in limited if e.serves_one_of(ancestors, narrower) is not False
        )
        if kind in of_products or serving not in seen:
            seen.add(serving)
            chosen.append(kind)
    return sorted(chosen)


def _items(context: Context) -> Iterator[dict[str, Any]]:
    knowledge = current(context)
    hardware = [
        k for k in knowledge.kinds if not knowledge.serves_another_kind(knowledge.kinds[k].iri)
    ]
    figures = {
        "physical-qubits": 120,
        "cnot-error": "0.08 %",
        "operating-temperature": "0.5 K",
        "frequency-min": "4 GHz",
        "frequency-max": "8 GHz",
        "noise-figure": "0.01 dB",
        "cooling-power": "800 uW",
        "cooling-power-temperature": "100 mK",
        "continuous-operation": "7 day",
        "base-temperature": "2.8 K",
        "test-temperature": "1.6 K",
        "wafer-diameter": "300 mm",
        "isotopic-impurity": "50 ppm",
    }
    for kind in sorted(hardware):
        yield {"kind": kind}
        yield {"kind": kind, "parameters": figures}
        yield {
            "kind": kind,
            "parameters": {**figures, "material-form": "epitaxial"},
            "facts": {"specially-designed-for-controlled-quantum-computer": True},
        }
    for serving, for_kind, purpose in itertools.product(
        ("software", "technology"), _served_alike(knowledge, hardware), (None, "development", "use")
    ):
        item: dict[str, Any] = {"kind": serving, "for_kind": for_kind}
        if purpose:
            item["purpose"] = purpose
        yield item
        yield {**item, "parameters": figures}
    yield {"kind": "technology", "for_kind": "software", "purpose": "use"}


def test_classification_answers_speak_the_users_language(context: Context) -> None:
    problems: list[str] = []
    for item in _items(context):
        for on in ("2024-06-01", "2025-12-01"):
            problems += check(classify(context, item, None, on), item)
    assert problems == []


def test_assessment_answers_speak_the_users_language(context: Context) -> None:
    knowledge = current(context)
    subjects = [
        {"item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 120}}},
        {"item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 2400}}},
        {"technology": {"for_kind": "qubit-device", "purpose": "production"}},
        {
            "software": {
                "for_kind": "qubit-device",
                "purpose": "development",
                "facts": {
                    "specially-designed-for-controlled-quantum-computer": True,
                    "software-specially-designed-or-modified": True,
                },
            }
        },
        {"technology": {"for_kind": "pulse-tube-cryocooler", "purpose": "development"}},
    ]
    origins = knowledge.answered_jurisdictions()
    problems: list[str] = []
    for activity, subject, origin, to in itertools.product(
        knowledge.notations("activities"), subjects, origins, ("CN", None)
    ):
        for facts in (
            {},
            {
                "published": False,
                "intended_for_publication": True,
                "project_stage": "basic-research",
                "recipient": {"nationality": "CN"},
            },
        ):
            request = {
                "activity": activity,
                "subject": subject,
                "from": origin,
                "to": to,
                "as_of": "2025-12-01",
                **facts,
            }
            problems += check(assess(context, request), (activity, origin, to, subject))
    assert problems == []


BAD_REQUESTS: list[tuple[str, dict[str, Any]]] = [
    ("/v1/classify", {"item": {"kind": "toaster"}}),
    ("/v1/classify", {"item": {"kind": "quantum-computer", "parameters": {"speed": 3}}}),
    (
        "/v1/classify",
        {"item": {"kind": "quantum-computer", "parameters": {"physical-qubits": True}}},
    ),
    (
        "/v1/classify",
        {"item": {"kind": "quantum-computer", "parameters": {"physical-qubits": "120 %"}}},
    ),
    (
        "/v1/classify",
        {"item": {"kind": "dilution-refrigerator", "parameters": {"cooling-power": "1 K"}}},
    ),
    ("/v1/classify", {"item": {"kind": "twpa", "parameters": {"noise-figure": "1 %"}}}),
    (
        "/v1/classify",
        {"item": {"kind": "enriched-silicon", "parameters": {"material-form": "wafer"}}},
    ),
    (
        "/v1/classify",
        {
            "item": {
                "kind": "qubit-device",
                "facts": {"specially-designed-for-controlled-quantum-computer": "yes"},
            }
        },
    ),
    ("/v1/classify", {"item": {"kind": "qubit-device", "facts": {"shiny": True}}}),
    ("/v1/classify", {"item": {"kind": "technology"}}),
    (
        "/v1/classify",
        {"item": {"kind": "technology", "for_kind": "qubit-device", "purpose": "fun"}},
    ),
    ("/v1/classify", {"item": {"kind": "quantum-computer", "purpose": "use"}}),
    (
        "/v1/classify",
        {"item": {"kind": "technology", "for_kind": "software", "served": {"colour": 1}}},
    ),
    ("/v1/classify", {"item": {"kind": "quantum-computer"}, "jurisdictions": ["XX"]}),
    ("/v1/classify", {"item": {"kind": "quantum-computer"}, "as_of": "yesterday"}),
    (
        "/v1/assess",
        {"activity": "brokering", "subject": {"item": {"kind": "quantum-computer"}}, "from": "US"},
    ),
    ("/v1/assess", {"activity": "export", "subject": {"gadget": {}}, "from": "US"}),
    (
        "/v1/assess",
        {
            "activity": "export",
            "subject": {"item": {"kind": "quantum-computer"}},
            "from": "US",
            "to": "Germany",
        },
    ),
    (
        "/v1/assess",
        {
            "activity": "export",
            "subject": {"item": {"kind": "quantum-computer"}},
            "from": "US",
            "project_stage": "dreaming",
        },
    ),
    ("/v1/assess", {"activity": "export", "subject": {"item": {"kind": "quantum-computer"}}}),
]


@pytest.mark.parametrize(("endpoint", "body"), BAD_REQUESTS)
def test_errors_name_the_field_in_the_users_words(
    client: TestClient, endpoint: str, body: dict[str, Any]
) -> None:
    response = client.post(endpoint, json=body)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    field, _, message = detail.partition(": ")
    assert field and message
    assert code_speak(message, REQUEST_FIELDS) == (), detail


NOTE_COLUMNS = ("notes", "gaps", "exclusion_note", "effective_date_note", "title", "legal_text")


def test_the_note_columns_answers_quote_speak_the_users_language() -> None:
    controls = paths.ontology_dir() / "controls"
    problems = []
    for table in [*sorted(controls.glob("*/*.csv")), controls / "jurisdictions.csv"]:
        if table.name in ("sources.csv", "lists.csv"):
            continue  # sources and lists carry addresses and are not quoted in answers
        with table.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for column in NOTE_COLUMNS:
                    for part in (row.get(column) or "").split(" | "):
                        found = code_speak(part)
                        if found:
                            problems.append(
                                f"{table.parent.name}/{table.name} {column}: {found} {part!r}"
                            )
    assert problems == []

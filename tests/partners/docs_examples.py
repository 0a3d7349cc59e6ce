"""The worked examples of docs/partners.md: requests, and the responses the service really returns.

Regenerate the page after a change of code or data:

    .venv/bin/python tests/partners/docs_examples.py

tests/partners/test_docs.py checks that the page still shows what the service answers.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from exportgraph.api.routers.partners import ASSESS_EXAMPLES, CLASSIFY_EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "partners.md"

# (title, explanation, endpoint, request body)
EXAMPLES: list[tuple[str, str, str, dict[str, Any]]] = [
    (
        "A 120-qubit superconducting quantum computer",
        "A superconducting machine is a narrower kind of `quantum-computer`, so the quantum-computer "
        "bands apply. 120 qubits at a C-NOT error of 8e-4 falls in band 2 (100-199 qubits, error "
        "<= 1e-3) of US 4A906.a and EU 4A506.a; France's answer covers its national list and the EU "
        "list. Japan's entry is listed with only part of its thresholds known, so its answer is "
        "`unknown`, naming the gap.",
        "/v1/classify",
        {
            "item": {
                "kind": "superconducting-quantum-computer",
                "parameters": {"physical-qubits": 120, "cnot-error": 8e-4},
            },
            "jurisdictions": ["US", "EU", "GB", "CA", "FR", "JP"],
            "as_of": "2025-12-01",
        },
    ),
    (
        "The same machine without its error rate",
        "Without `cnot-error` the band cannot be decided: the answer is `unknown` and names the "
        "missing parameter (a 2,400-qubit machine would be controlled whatever its error rate).",
        "/v1/classify",
        {
            "item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 120}},
            "jurisdictions": ["US", "EU"],
            "as_of": "2025-12-01",
        },
    ),
    (
        "A dilution refrigerator",
        "Units are converted through pint from the canonical units in the data: 800 µW at 100 mK "
        "for 7 days meets US 3A904.a and EU 3A504.a (>= 600 µW at <= 0.1 K for more than 48 h).",
        "/v1/classify",
        {
            "item": {
                "kind": "dilution-refrigerator",
                "parameters": {
                    "cooling-power": {"value": 800, "unit": "uW"},
                    "cooling-power-temperature": "100 mK",
                    "continuous-operation": "7 day",
                },
            },
            "jurisdictions": ["US", "EU"],
            "as_of": "2025-12-01",
        },
    ),
    (
        "A travelling-wave parametric amplifier (TWPA)",
        "All three conditions must hold: designed below 1 K, a designed range reaching into 2-15 GHz, "
        "and a noise figure below 0.015 dB (dB converts only to itself). Notes 1 and 2 to Category 3, "
        "Product Group A hand the control status of an item specially designed (or, for an integrated "
        "circuit, unalterably programmed) for other equipment to that equipment: the facts say this "
        "amplifier is neither (the EU asks only Note 1's).",
        "/v1/classify",
        {
            "item": {
                "kind": "twpa",
                "parameters": {
                    "operating-temperature": "10 mK",
                    "frequency-min": "4 GHz",
                    "frequency-max": "8 GHz",
                    "noise-figure": "0.010 dB",
                },
                "facts": {
                    "not-specially-designed-for-other-equipment": True,
                    "not-programmed-for-other-equipment": True,
                },
            },
            "jurisdictions": ["US", "EU"],
            "as_of": "2025-12-01",
        },
    ),
    (
        "A cryo-CMOS qubit controller",
        "A CMOS integrated circuit designed for 4 K meets the <= 4.5 K threshold of US 3A901.a, EU "
        "3A501.a.15 and the Canadian 5506 cryo-CMOS sub-item (secondary evidence, which the answer says). "
        "The US answer waits for the facts of Notes 1 and 2 to Category 3, Product Group A (whether "
        "the circuit is specially designed or unalterably programmed for other equipment); the EU's "
        "Note 1 excepts 3A501.a.15 and its Note 2 does not name it.",
        "/v1/classify",
        {
            "item": {"kind": "cryo-cmos-ic", "parameters": {"operating-temperature": "4 K"}},
            "jurisdictions": ["US", "EU", "CA"],
            "as_of": "2025-12-01",
        },
    ),
    (
        "Technology for a pulse-tube cryocooler below the threshold",
        "Software and technology are controlled only for the items the entries they name control. "
        "US 3E901 and EU 3E001 control development technology for two-stage pulse-tube "
        "cryocoolers of 3A904.b / 3A504.b: rated >= 1.5 W at <= 4.2 K and holding below 4 K. The "
        "technology's `parameters` describe the cooler it serves: 1.0 W at 4.2 K is below the "
        "threshold, so neither controls the technology; without the cooler's figures the answer "
        "names them. In the EU the answer is still `unknown`: 6E001 controls technology for the "
        "development of the items of 6A to 6D, among them 6A002.d's cryocoolers as special "
        "support components for optical sensors, read as text — the cooler may be one, so the "
        "technology may be 6E001's (the US text basis is not in force on this date).",
        "/v1/classify",
        CLASSIFY_EXAMPLES["technology-for-a-cooler"]["value"] | {"as_of": "2025-12-01"},
    ),
    (
        "Isotopically enriched silicon-28 as an epitaxial wafer",
        "The enriched-silicon entries differ by the form of the material: epitaxial material "
        "(US 3C907, EU 3C507), fluorides, hydrides and chlorides (3C908 / 3C508), the element "
        "and its oxides (3C909 / 3C509). `material-form` says which; without it the answer is "
        "`unknown`, naming it. 50 ppm of other isotopes is 0.005 %, below the 0.08 % threshold.",
        "/v1/classify",
        CLASSIFY_EXAMPLES["enriched-silicon"]["value"] | {"as_of": "2025-12-01"},
    ),
    (
        "Exporting the 120-qubit machine from Canada to Germany",
        "Canada requires a permit for every destination but the United States.",
        "/v1/assess",
        ASSESS_EXAMPLES["export"]["value"],
    ),
    (
        "A visiting researcher in a US lab",
        "Showing unpublished production technology for qubit chips specially designed for a "
        "controlled quantum computer to a foreign researcher in the United States is a deemed "
        "export to the researcher's country (15 CFR 734.13(b)). 4E906.a controls it worldwide; "
        "License Exception IEC is listed with availability `unknown`, because its eligible "
        "destinations are not in the sources read.",
        "/v1/assess",
        ASSESS_EXAMPLES["deemed-export"]["value"],
    ),
    (
        "Publishing research results",
        "Publishing technology that arose in fundamental research: the US published-information and "
        "fundamental-research exclusions apply to technology (never to hardware).",
        "/v1/assess",
        {
            "activity": "publication",
            "subject": {"technology": {"for_kind": "qubit-device", "purpose": "development"}},
            "from": "US",
            "project_stage": "basic-research",
            "published": True,
            "intended_for_publication": True,
            "as_of": "2025-12-01",
        },
    ),
]


def summary(
    endpoint: str, answer: dict[str, Any]
) -> list[tuple[str, object, list[str], list[str]]]:
    """(jurisdiction, decision, entry ids, missing) per result: what the page's summary table shows."""
    rows = []
    for r in answer["results"]:
        missing = list(r.get("missing", [])) + list(r.get("missing_facts", []))
        if endpoint == "/v1/classify":
            rows.append(
                (r["jurisdiction"], r["controlled"], [e["id"] for e in r["entries"]], missing)
            )
        else:
            rows.append((r["jurisdiction"], r["licence_required"], list(r["entries"]), missing))
    return rows


def answers(client: Any) -> list[dict[str, Any]]:
    """The responses of the examples, by a test client (or anything with .post)."""
    out = []
    for _title, _text, endpoint, body in EXAMPLES:
        response = client.post(endpoint, json=body)
        response.raise_for_status()
        out.append(response.json())
    return out


def cli(endpoint: str, body: dict[str, Any]) -> str:
    """The same question on the command line."""
    if endpoint != "/v1/classify":
        return "exportgraph assess request.json --json   # request.json: the body above"
    item = body["item"]
    words = ["exportgraph classify", f"--kind {item['kind']}"]
    for option in ("for_kind", "purpose"):
        if item.get(option):
            words.append(f"--{option.replace('_', '-')} {item[option]}")
    for fact, value in item.get("facts", {}).items():
        words.append(f"--fact {fact}={'true' if value else 'false'}")
    for name, value in item.get("parameters", {}).items():
        if isinstance(value, dict):
            value = f"{value['value']}{value['unit']}"
        words.append(f"--param {name}={str(value).replace(' ', '')}")
    words += [f"-j {code}" for code in body.get("jurisdictions", [])]
    if body.get("as_of"):
        words.append(f"--as-of {body['as_of']}")
    return " ".join(words) + " --json"


def _decision(value: object) -> str:
    return (
        {True: "**yes**", False: "no"}.get(value, "*unknown*")
        if isinstance(value, bool)
        else "*unknown*"
    )


def render(client: Any) -> str:
    """The page."""
    parts = [PREAMBLE]
    for (title, text, endpoint, body), answer in zip(EXAMPLES, answers(client), strict=True):
        decision = "controlled" if endpoint == "/v1/classify" else "licence required"
        rows = "\n".join(
            f"| {code} | {_decision(value)} | {', '.join(ids) or '-'} | {', '.join(missing) or '-'} |"
            for code, value, ids, missing in summary(endpoint, answer)
        )
        parts.append(
            f"## {title}\n\n{text}\n\n`POST {endpoint}`\n\n```json\n{json.dumps(body, indent=2, ensure_ascii=False)}\n```\n\n"
            f"```sh\n{cli(endpoint, body)}\n```\n\n"
            f"| jurisdiction | {decision} | entries | missing |\n|---|---|---|---|\n{rows}\n\n"
            f"<details><summary>Full response</summary>\n\n```json\n"
            f"{json.dumps(answer, indent=2, ensure_ascii=False)}\n```\n\n</details>\n"
        )
    parts.append(DESTINATIONS)
    parts.append(RISK_AND_PLANS)
    parts.append(SCREENING)
    return "\n".join(parts)


PREAMBLE = """# Partners' guide: is it controlled, where, and what would it need?

Two questions, over HTTP, on the command line, or through SPARQL:

- **Classification** — `POST /v1/classify` or `exportgraph classify --kind K --param NAME=VALUE[UNIT]…
  [--jurisdiction J…] [--as-of DATE] [--json]`: which control entries of which jurisdictions catch an
  item on a date, with the criteria that made each one match.
- **Activity assessment** — `POST /v1/assess` or `exportgraph assess FILE|- [--json]`: for an export,
  re-export, in-country transfer, deemed export, publication, technical assistance or researcher
  exchange, whether a licence is required under each governing jurisdiction (the `from` jurisdiction
  and, for an EU member state, the EU), why, which research exclusions apply and which licence
  exceptions may be available.
- **Many items at once** — `POST /v1/classify/batch` (JSON or CSV in, JSON or NDJSON out) or
  `exportgraph classify --file items.csv|items.json [--json|--csv]`: the same answers, item by item,
  and a count per jurisdiction (below, "Many items at once").

Answers are `true`, `false` or `"unknown"`: the service never guesses. When the data cannot decide,
the answer is `"unknown"` and names what is missing (`missing`: parameters; `missing_facts`: facts,
purposes, incomplete criteria, request fields). Answers built on secondary evidence (summaries, not
the legal text) say so (`evidence`, `notes`).

## Items

An item has a `kind` (a harmonized kind such as `quantum-computer`, `dilution-refrigerator`, `twpa`,
`cryo-cmos-ic`; narrower kinds inherit the rules of broader ones), `parameters` and optional `facts`.
An item of a broad kind whose entries are written for narrower kinds (`magnetometer`, where 6A006.a
names SQUID, optically pumped, fluxgate … magnetometers) is never answered "not controlled" on that
account: where one of those entries could apply, the answer is `unknown`, `missing_facts` lists
`kind` (`for_kind` for the item software or technology serves) and a note names the narrower kinds
to choose from; stated figures that rule every such entry out still answer `false`.
A parameter is a number in its canonical unit, `{"value": 800, "unit": "uW"}`, or a string such as
`"100 mK"`; canonical units come from the data (`eg:canonicalUnit` → `ontology/units.ttl`) and
conversions go through pint, exactly (0.6 mW is exactly 600 µW; -269.15 °C is exactly 4 K).
Decibels convert only to themselves. A ratio may be given in `1`, `%`, `ppm`, `ppb` or `‰` and
converts exactly (a C-NOT error of `{"value": 0.08, "unit": "%"}` is 0.0008; an isotopic impurity
of `"50 ppm"` is 0.005 %); a count never becomes a percentage. A qualitative condition such as
"specially designed for a controlled quantum computer" is a fact:
`"facts": {"specially-designed-for-controlled-quantum-computer": true}`.

Isotopically enriched silicon and germanium carry `material-form`, one of `epitaxial` (a substrate
with an enriched epitaxial layer: US 3C907, EU 3C507), `fluoride`, `hydride`, `chloride` (3C908 /
3C508), `element` (substrates, lumps, ingots, boules, preforms: 3C909 / 3C509), `oxide` (3C909 /
3C509) or `other`: `"parameters": {"isotopic-impurity": "0.005 %", "material-form": "hydride"}`.
Without it, an item meeting the purity threshold is `unknown`, naming `material-form`.

Software and technology carry `for_kind` (the kind of item they serve) and `purpose`
(`development`, `production`, `use`), and their `parameters` and `facts` are those of the item they
serve. The entries control software and technology only for items they themselves control ("for the
development or production of items controlled by …"), so the served item is classified like any
item: technology for a pulse-tube cryocooler rated 1.0 W at 4.2 K is not controlled by US 3E901
(3A904.b starts at 1.5 W); without the cooler's figures the answer is `unknown` and names them.
Software entries also ask whether the software itself is specially designed (or modified) for those
items: the facts `software-specially-designed-or-modified` (US 4D906, 3D901, EU 4D001.b.3) and
`software-specially-designed` (EU 3D001); general-purpose software such as a general chip-design
tool is not. Technology for the use of software (US 4E906.b) names that software's own `for_kind`
and `purpose` in `served`:
`{"kind": "technology", "for_kind": "software", "purpose": "use", "served": {"for_kind":
"qubit-device", "purpose": "development"}, "facts": {…}}`. Each software or technology entry of an
answer lists, under `served`, the entries that decided whether the served item is controlled.

New kinds the texts distinguish: `analogue-quantum-simulator` (neither gate-based, nor
measurement-based, nor an annealer: the quantum-computer bands of US 4A906.a / EU 4A506.a are not
applied to it, a provisional reading) and `hemt-amplifier` (a cryogenic HEMT low-noise amplifier:
not a parametric amplifier, so US 3A901.b / EU 3A501.b.13 do not apply; whether it is a quantum
measurement device of 4A906.c / 4A506.c depends on whether it is specially designed for a
controlled quantum computer).

An unknown kind, parameter, unit, fact or jurisdiction is a `422` problem (`application/problem+json`)
whose `detail` names the field (`item.parameters.cooling-power.unit`, `jurisdictions[1]`, …).

## Searching the lists

`GET /v1/search?q=…[&jurisdiction=US,EU][&kind=magnetometer][&limit=20]`, the search box at the top
of every page (results at `/search`), or `exportgraph search "…" [--jurisdiction J] [--kind K]
[--limit N] [--json]`: every entry of the US Commerce Control List and EU Annex I (each lettered
sub-item, `US:3A001.a.1`) and the curated quantum entries of every jurisdiction, ranked.

- **Codes first**: a query that is an entry's code or id (`3A001.a.1`, `4A506`, `US:3A002.g`,
  `UK:PL9013`) puts that entry first in every list that has it (`"match": "code"`); texts that cite
  the code follow ("3A001" also finds "specified by 3A001.a.7").
- **Words**: BM25 over the code, title, official text, notes and technical notes (and, lower, the
  words of the paragraph a sub-item stands under, so "rubidium standard" finds 3A002.g.3.a under
  "Atomic frequency standards"); plurals match ("magnetometers" = "magnetometer"); the query's
  words in order in a title or text rank higher.
- **Terms**: a query that names an item kind or a parameter by any of its labels (preferred,
  alternative or hidden, in any language of the data: "dilution refrigerator",
  "Mischungskryostat", "cryocooler") also finds the entries stating that kind, the kinds above and
  below it, and the words of its other English labels. `expanded` says which concepts were used:
  no list text says "dilution refrigerator", yet US 3A904.a and EU 3A504.a (cryogenic cooling
  systems, the broader kind) are found.
- **Filters**: `jurisdiction` (one code or several, comma-separated; a member state includes its
  union's list: `FR` searches the French list and EU Annex I) and `kind` (an item kind: entries whose
  scope covers it, through the kinds above it, as `GET /v1/entries?kind=`).

Each hit: `id`, `jurisdiction`, `code`, `title`, `score`, `match`, `formalized` (true: its criteria
are data and `/v1/classify` answers for it; false: known only as text — read the text), `within`
(the paragraphs it stands under, top-level entry first), `highlights` (up to three fragments of the
title, text or notes, HTML-escaped, the matched words in `<mark>`) and `href` (`/v1/entries/{id}`).
The answer also gives `total`, `data_version` and the filters applied. An empty query, a query over
200 characters, an unknown or destination-only jurisdiction, an unknown kind or a `limit` outside
1–100 is a `422` problem naming the field (`q`, `jurisdiction`, `kind`, `limit`). The index is built
once per data version (2–5 s on 2 shared cores, on the first search) and answers in a few milliseconds
(`bench/search.py`).

## Reading the catalogue

`GET /v1/jurisdictions`, `GET /v1/entries?jurisdiction=FR&kind=quantum-computer&as_of=2025-12-01`
(a member state includes the EU list) and `GET /v1/entries/US:4A906.a.2` (criteria, notes, sources,
dates, evidence, licence scope, exceptions, equivalents). The graph itself answers read-only SPARQL at
`GET|POST /sparql` (updates, SERVICE, LOAD and remote FROM are refused; every query has a time and a
result-size limit) and `exportgraph query FILE|- --format json|csv|table`.

## Many items at once: batch classification

`POST /v1/classify/batch`, or `exportgraph classify --file items.csv|items.json [--json|--csv]`,
classifies many items in one request and answers each as `POST /v1/classify` would: `controlled`,
the matching entries (most specific first) and, for `"unknown"`, `missing`, `missing_facts` and
`possible_entries`. (The batch path is compiled — thresholds as numpy arrays per kind, the decision
folded per item signature — and property tests check it gives exactly the single-item answers.)

**JSON** — `{"items": [{"id": "qc-1", "item": {…an item as above…}}, …], "jurisdictions": […],
"as_of": "…"}`; an `id` is a non-empty string or an integer; `jurisdictions` and `as_of` may come
instead as query parameters (`?jurisdiction=US&jurisdiction=EU&as_of=2025-12-01`), not both.

**CSV** — `Content-Type: text/csv`, jurisdictions and date as query parameters, UTF-8 (a BOM is
fine), one row per item:

```csv
id,kind,for_kind,purpose,physical-qubits,cnot-error,cooling-power[uW],cooling-power-temperature[mK],continuous-operation[h],specially-designed-for-controlled-quantum-computer
qc-120,quantum-computer,,,120,8e-4,,,,
fridge-1,dilution-refrigerator,,,,,800,100,168,
ctrl-7,quantum-control-component,,,,,,,,true
tech-1,technology,qubit-device,production,,,,,,
```

- `id` and `kind` are required; `for_kind` and `purpose` are for software and technology.
- One column per parameter (its notation), the unit in brackets (`cooling-power[uW]`); without
  brackets the canonical unit, and a cell may then carry its own unit (`100 mK`).
- One column per fact (its notation): `true`/`false` (also `yes`/`no`, `1`/`0`).
- An empty cell is a value not stated; columns come in any order.
- `exportgraph synthetic-corpus -n 100000 --seed 1 [--missing 0.1] [--bad 0.01] [--format csv|json]`
  writes a synthetic corpus of this shape for scale tests (values drawn around the data's
  thresholds and the products' figures: synthetic by design).

**Answers** — JSON by default:

```text
{"data_version": "…", "as_of": "2025-12-01", "jurisdictions": ["US", "EU"],
 "items": [{"id": "qc-120", "results": [{"jurisdiction": "US", "controlled": true,
                                         "entries": ["US:4A906.a.2", "US:4A906.a", "US:4A906"]}, …]},
           {"id": "qc-no-error", "results": [{"jurisdiction": "US", "controlled": "unknown", "entries": [],
                                              "missing": ["cnot-error"], "missing_facts": [],
                                              "possible_entries": ["US:4A906.a.2"]}, …]},
           {"id": "typo", "error": {"type": "https://w3id.org/exportgraph/problems/invalid-input",
                                    "title": "Invalid input", "status": 422,
                                    "detail": "line 5.kind: unknown kind \\"quantum-computr\\"; did you mean quantum-computer, … (of the 455 known, GET /v1/concepts?scheme=kinds lists them)",
                                    "field": "line 5.kind"}}],
 "summary": {"US": {"true": 1, "false": 0, "unknown": 1}, "EU": {…}},
 "errors": 1}
```

With `Accept: application/x-ndjson` the answer streams one line per item (`{"id", "results"}` or
`{"id", "error"}`, in the order sent), then one closing line without `id`: `{"summary", "errors",
"items", "data_version", "as_of", "jurisdictions"}`. Both forms are written as the items are
decided.

**Errors** — a bad item never fails the others: it is answered in its own place with its problem,
the `field` naming where (`items[3].item.parameters.cooling-power.unit`, `line 5.kind`): `422`
for a value, kind, unit or fact that does not read, `400` for a CSV row that does not parse (a
wrong number of fields, a stray quote) or is missing its id. The whole request fails only when it
cannot be read at all: `400` (broken JSON, not UTF-8, another content type), `422` (an unknown
jurisdiction, a bad date, an unknown CSV column or a header unit that does not convert, naming the
column), `406` (an `Accept` of neither JSON nor NDJSON), `413` over the size limits
(`EXPORTGRAPH_BATCH_MAX_BYTES`, default 512 MiB; `EXPORTGRAPH_BATCH_MAX_ITEMS`, default 1,000,000).

**Command line** — `exportgraph classify --file items.csv -j US -j EU --as-of 2025-12-01 --csv >
answers.csv` writes one row per item: `id`, then per jurisdiction its verdict, the matching entries
and what is missing, then `error`; `--json` writes the JSON of the API; without either, a summary
table. A progress bar runs on standard error; items in error are listed there too.

**Speed** — `bench/batch.py`: 100,000 synthetic items in all 12 jurisdictions in about 1-1.5 s
in process (about 100x classifying them one by one).

The examples below were produced by running the service on the data of this repository (regenerate
with `.venv/bin/python tests/partners/docs_examples.py`). They are illustrations of the encoded data,
not legal advice: check the sources each answer cites.
"""

DESTINATIONS = """## Any entry, any destination: the Country Chart and the EU general authorisations

A subject may name an entry you have already classified, from the curated tables or the whole
official lists: `{"entry": "US:3A001.a.1"}` in `POST /v1/assess`, `POST /v1/risk` and plan
activities. An entry the data does not hold is a `422` naming `subject.entry` and the id.

```
POST /v1/assess
{"activity": "export", "subject": {"entry": "US:6A006.a.1"}, "from": "US", "to": "CN"}
```

**US entries** are decided from the entry's License Requirements × the destination's row of the
Commerce Country Chart (15 CFR 738 Supp. 1): for 6A006.a.1 to China, "NS applies to entire entry:
NS Column 2; China has an X in NS2: a licence is required (NS)"; to Germany, no X in NS2 or AT1:
no licence. Each answer cites the ECCN, the chart row and, where used, the Country Groups
(`sources`). What the service reads:

- a row that applies to the entire entry, or names the paragraph (`3A001.z.1.b`, short forms
  `.e`, `z.2.a`), applies; a row that names only other paragraphs does not; a row whose scope is
  written in words (“MMIC amplifiers … except those for civil telecommunications”, “when usable in
  missiles”) or names a sub-paragraph of the one you named leaves the answer `"unknown"`, quoting
  the row;
- a chart cell that names Country Groups (“D:1, D:4, and D:5 …, excluding … A:5 or A:6”) is
  decided by the groups of 15 CFR 740 Supp. 1; “worldwide” catches every destination; any other
  rule in words (EI: “Refer to § 742.15”) is `"unknown"`, never `false`;
- a territory without a row takes its country's row (Hong Kong → China, Liechtenstein →
  Switzerland, Cayman Islands → United Kingdom, 738.3(b)); a destination with no row and no such
  rule, and an embargoed destination (Cuba, Iran, North Korea, Syria: Part 746), are `"unknown"`;
  a footnote of the row that adds requirements for this ECCN or for any item turns a `false` into
  `"unknown"`;
- the List Based License Exceptions as the entry states them: “N/A” (or “N/A for” the paragraph)
  is `false`; STA is `false` where the destination is in neither STA-eligible group (A:5, A:6);
  everything else is `"unknown"`, quoting the entry (value limits and conditions of 15 CFR 740
  are yours to check).

**EU exports** (from the EU or a member state) list the Union general export authorisations of
Annex II whose items could cover the entry, read from the official text: EU001 covers all of
Annex I except the items of Annex II Section I, for exports to Australia, Canada, Iceland, Japan,
New Zealand, Norway, Switzerland (incl. Liechtenstein), the United Kingdom and the United States.
The quantum entries (4A506, 3A501.a.15, 3A501.b.13, 3A504, 3B504, 3C507–3C509) are not in Section
I: exporting the 120-qubit machine from Germany to Japan answers `licence_required: true` (Art.
3(1) requires an authorisation) with `EU:EU001` `available: true`, the reason "No individual
licence is needed for this export to JP under EU:EU001 … if the conditions of use in its Part 3
are met", and those conditions quoted. An item of Section I (1C351) gets EU001 `false`. EU002,
EU005, EU006 and EU008 cover the items and destinations they list; EU003 (after repair), EU004
(exhibition or fair) and EU007 (intra-group software and technology) are `"unknown"` and name
the circumstance Part 3 limits them to. An Annex I entry transferred inside the Union is
`"unknown"` (only Annex IV items need an authorisation there; Annex IV is not in the data).

A named entry of another jurisdiction's list says nothing about that jurisdiction: `US:5B002`
exported from Germany is `"unknown"` for DE and the EU, naming "the classification of the item
under the lists of EU". For risk, a named entry is controlled where its list applies and unknown
elsewhere (no margin).
"""


RISK_AND_PLANS = """## How risky is a transfer? Reading a risk score

`POST /v1/risk`, `exportgraph risk FILE|- [--json]`, or the page `/risk`. The request is the
subject of an assessment plus who receives it and for what:

```http
POST /v1/risk
{"subject": {"item": {"kind": "quantum-computer",
                      "parameters": {"physical-qubits": 120, "cnot-error": 8e-4}}},
 "from": "US", "to": "CN",
 "end_user": {"name": "Example University", "country": "CN", "type": "university", "verified": true},
 "end_use": "civil-research", "project_stage": "basic-research", "as_of": "2026-06-01"}
```

The answer (default model `capped-points` 1.0.0) is a score from 0 to 100, its band, and one row
per factor. **The points of the factors add up to the score**, so every point can be traced:

| factor | input | level | points / max |
|---|---|---|---|
| item sensitivity | controlled-at-origin, margin 0.167 | controlled where the transfer starts | 16 / 20 |
| end use | civil-research | civil research or commercial use | 0 / 24 |
| end-user type | university | university, company or individual | 0 / 16 |
| end-user verification | verified | verified | 0 / 8 |
| end-user screening | clear | screened, no match | 0 / 24 |
| destination | CN (China) | Macau or Country Group D:5 (US arms embargo) | 20 / 24 |
| project stage | basic-research | basic research | 0 / 8 |

Score 36, band **elevated**. How to read it:

- **A low score is not a clearance.** The score orders the work and names what to check; whether a
  licence is required is the assessment's answer per jurisdiction (`POST /v1/assess`). Every answer
  repeats this in `note`.
- **`why`** says what the factor saw (for the destination: every published grouping the country is
  in, e.g. Country Groups D:1, D:3, D:4, D:5, "Macau or D:5", the CHIPS Act foreign countries of
  concern); **`basis`** says what the level follows and, where a number is the model's own design
  choice, says so; **`sources`** cite the published method, the official text or the legal source
  (citation, address, evidence grade).
- **Item sensitivity** comes from the classification of the lists in force on `as_of`: controlled
  where the transfer starts, only elsewhere, unknown there, or nowhere — and the **margin**: the
  relative change of one of the item's values, in canonical units, that would carry it across the
  edge of the controlled region. Inside, 0.167 means 16.7 % fewer qubits would take the 120-qubit
  machine out of every band (moving from band a.2 to a.3 does not count); outside, a machine with 30
  qubits and C-NOT error 1e-5 is 13.3 % below the 34-qubit floor of band a.1, which the model scores
  higher than one far from every band. Software and technology have no thresholds of their own.
- **The destination** scores only through published legal groupings (US Country Groups A–E,
  "Macau or D:5" as the EAR writes it, the destinations of EU general authorisation EU001, the
  statutory foreign countries of concern), loaded from the official texts in `ontology/sources/`:
  two countries in the same groupings always score the same.
- **Not stated is never the mildest level.** An end use, end-user type, verification or stage left
  out has its own points; an end user that was not screened is `not-screened`, never `clear`.
  `stated` gives a factor's input directly when you know it from elsewhere, e.g.
  `"stated": {"end-user-screening": "clear"}` after screening the party yourself; the row then shows
  `(stated)`.
- **Bands** come from the model's limits (capped points: low below 25, elevated 25–54, high 55 and
  more, as the published scheme it follows). Some levels are gates that raise the band whatever the
  score: a denied party (a denial order prohibits any transaction) makes the band `prohibited`; an
  Entity List party with a licence requirement for all items, or a weapons end use, at least `high`.
  `notes` says when that happened.
- **`measures`** are what the levels and the band require (screen the end user, verify it, do not
  ship before the licence is granted, a mitigation plan, institutional approval …), each with its
  basis and sources in `measures_explained`.
- **`screening`** lists what screening `end_user.name` against the restricted-party lists found
  (list, name, score 0–100, `matched`, entry, Federal Register citation): matches at the threshold
  (85) and candidates from 80 up to it (`matched: false`, state `possible-match`: check them). The
  end-user-screening row is `clear` only when nothing scored 80 or more — which is still not a
  clearance (see "Screening parties" below); without an installed list it is `not-screened`.
- **`model`** (`id`, `version`) and **`data_version`** say exactly which published model and which
  data produced the answer. `GET /v1/risk/models` lists the models, `GET /v1/risk/models/{id}`
  gives one in full (families and caps, every level with its conditions, points or outcome, basis,
  sources; bands and their measures) so a score can be recomputed by hand.

The second model, `dod-matrix` (`"model": "dod-matrix"`), is a decision matrix in the style of the
US DoD matrix for fundamental-research proposals: each level gives an outcome on the ladder
*mitigation not required / suggested / required / prohibited*, the most severe decides, and the
score is 0, 33, 67 or 100, shared by the factors that reached that outcome. For the request above:
67, **high** (item sensitivity 34 and destination 33: both "mitigation required").

Bad input is a `422` problem naming the field: an unknown `model`, `project_stage`, `end_use`,
`end_user.type`, country (`to`, `end_user.country`), jurisdiction (`from`) or factor
(`stated.<factor>`).

## What will a project need, and when? Plans

`POST /v1/plans/evaluate`, `exportgraph plan FILE|- [--json | --ics]`, or the page `/plans`. A plan
names partners, stages with dates and activities with dates (contract §11):

```http
POST /v1/plans/evaluate
{"project": "Joint qubit-control programme", "as_of": "2026-08-01",
 "partners": [{"id": "p1", "name": "Example University", "country": "US", "type": "university"},
              {"id": "p2", "name": "Example Lab", "country": "DE", "type": "government-lab"}],
 "stages": [{"stage": "basic-research", "from": "2026-01-01", "until": "2026-12-31"},
            {"stage": "prototype-development", "from": "2027-01-01", "until": "2027-12-31"}],
 "activities": [{"id": "a1", "type": "researcher-exchange", "date": "2026-09-01", "until": "2026-12-15",
                 "from_partner": "p1", "to_partner": "p2", "person_nationality": "DE",
                 "subject": {"technology": {"for_kind": "quantum-computer", "purpose": "development"}}},
                {"id": "a2", "type": "export", "date": "2027-03-01", "from_partner": "p1", "to_partner": "p2",
                 "subject": {"item": {"kind": "quantum-computer",
                                      "parameters": {"physical-qubits": 120, "cnot-error": 8e-4}}}}]}
```

Activities: `export`, `deemed-export`, `researcher-exchange`, `facility-access`, `seminar`,
`equipment-trial`, `publication` (and the other activities of the assessment). What each is under
the law is in the data (`GET /v1/concepts`): an exchange, facility access or seminar releases
technology to a person (visual inspection and oral or written exchanges are releases, 15 CFR
734.15); an equipment trial abroad is an export of the equipment, and is assessed as one. Optional
per activity: `place` (the partner where it happens; by default a release happens at `from_partner`,
so a visitor to a US lab is a deemed export to the visitor's nationality, and anything else at
`to_partner`), `end_use`, `published`, `intended_for_publication`. `as_of` is the day the plan is
evaluated on (default today).

Per activity the answer gives:

- **`stage`, `gate`, `gate_date`**: the stage whose dates hold the activity and the review gate
  before it (`GET /v1/stages`, page `/stages`: each stage's TRL range and what must be checked
  before entering it).
- **`licences`**: the assessment (contract §3) per governing jurisdiction — `required` true, false
  or "unknown", entries, reasons — and, for each licence that is or may be required, **`apply_by`**:
  the activity's date minus the cited processing time of the jurisdiction that issues it (a union's
  licences are issued by the member state the transfer starts from: an export from France under the
  EU list is timed by the French figure). `processing_time` says what the figure is — a statutory
  deadline (US: 90 calendar days, 15 CFR 750.4), a decision period (NL: 8 weeks), a service
  standard (GB: 99 % of SIELs in 60 working days; CA: 40 business days with consultation; AU: 35
  days for sensitive cases), a typical time (FR: about a month) or an observed average (DE: 281
  working days for complex dual-use cases) — with its evidence grade and source. Where no figure is
  cited (CH, IT, ES, the EU itself) `apply_by` is `"unknown"`. Working days skip weekends, not public
  holidays; most clocks stop while the authority waits for you: the date is a latest date.
- **`risk`**: score and band of the transfer under the plan's model (`"model"` in the plan).
- **`criteria`**: the published escalation, pause and de-escalation criteria the activity triggers
  (a controlled prototype crosses a threshold; a licence is pending; the band is high; results are
  published …).
- **`conflicts`**: `licence-late` (the latest date to apply is before `as_of`: the licence cannot
  arrive before the activity starts), `licence-may-be-late` (the same for a licence the data cannot
  rule out), `outside-stages`, `prohibited` (the band), and `exclusion-ends-before-publication`
  (releases during research rely on a research exclusion — results intended for publication — but
  the publication is planned only after the research stages end: the exclusion ends at the gate,
  before the publication).

For the plan above: a1 falls under the gate before basic research, no US licence (the technology
matches no US entry); a2 needs a US licence (US:4A906.a.2): apply by 2026-12-01. `deadlines` lists
the licence applications and the review gates in date order, and `timeline` the stages, activities
and deadlines that the `/plans` page draws. With `Accept: text/calendar` (or `--ics`) the deadlines
come as iCalendar, one all-day event each, with stable UIDs so a re-import updates them.

Bad plans are `422` problems naming the field: `activities[1].date` (not a date),
`activities[0].until` (before the start), `stages[1].from` (stages overlap or are out of order),
`activities[1].to_partner` (no such partner), `activities[0].type` (unknown activity); more than
1,000 activities is `413`.

## How to contest an answer

Anyone with an account (`exportgraph users add NAME --role …`: any role) may contest a
classification, an assessment, a risk score or a plan: `POST /v1/reviews` with a bearer token, or
the page `/reviews` (the classification page links its answer there as "Contest this answer",
with the request and data version filled in). Send the request you made, exactly as you sent it,
the `data_version` the answer gave, and your grounds (contract §12):

```http
POST /v1/reviews
Authorization: Bearer egt_…
{"subject": "classification",
 "request": {"item": {"kind": "quantum-computer",
                      "parameters": {"physical-qubits": 120, "cnot-error": 8e-4}},
             "jurisdictions": ["US"], "as_of": "2025-12-01"},
 "data_version": "<data_version of the answer>",
 "grounds": "Our C-NOT error is measured on the worst pair, not averaged; we read 4A906.a.2 as not met."}
```

`subject` is `classification` (a `/v1/classify` request), `assessment` (`/v1/assess`), `risk`
(`/v1/risk`) or `plan` (`/v1/plans/evaluate`). For a risk score or a plan you may add
`model_version`: the risk model's version the answer named (`model.version`); it must be the
version the model had at that data version. The service answers `201` with the record: the answer
**re-computed at that data version** by the same services that answered you — so the reviewer sees
what you saw, even if the rules changed since — your grounds, who filed it and when. A data
version is retrievable when it is the current one, a version the store has been at since it was
built (every change set, proposal and review moves it on; change sets approved since are undone to
get back to it), or the version a release was published from. Any other version is a `422` naming
`data_version` and listing the versions that can be retrieved; a request the service would refuse
is a `422` naming the field inside it (`request.item`, `request.jurisdictions[0]` …).

A reviewer who did not file the review decides it: `POST /v1/reviews/{id}/decide` with
`{"outcome": "upheld" | "revised", "reason": "…"}`. **Upheld**: the recorded answer stands.
**Revised**: the answer re-computed at the current data version is recorded beside the original
(`revised_answer`, `revised_data_version`) — for instance after a change set that corrected the
threshold you contested. Nobody decides their own review (`403`), and a review is decided once
(`409`). `GET /v1/reviews` is the queue (open reviews first; `?status=open|upheld|revised`,
`?subject=…`), `GET /v1/reviews/{id}` one record; both are public, like the change sets, so do not
put anything confidential in the request or the grounds. A review does not change the rules: a
revision that shows the data is wrong leads to a change set (`POST /v1/changes`).
"""

SCREENING = """## Screening parties against restricted-party lists

`GET /v1/screening?name=…&country=…[&threshold=…][&limit=…]` or
`exportgraph screen NAME [--country CC] [--threshold T] [--json]` searches the US Consolidated
Screening List (`ontology/sources/us-consolidated-screening-list-*.json`: the Entity List, Denied
Persons, Unverified and Military End User lists, SDN and the other Treasury and State lists it
consolidates; 25,921 parties) for a name in any script:

```sh
curl 'http://127.0.0.1:8000/v1/screening?name=Origin%20Quantum%20Computing%20Co%20Ltd&country=CN'
exportgraph screen 'Лаборатория Касперского' --country RU --json
```

**How to read a result.** The answer is a list of matches, best first. Each gives `name` (as
listed), `list`, `country`, `score` (0–100), `entity_number`, `licence_requirement` and `sources`
(the list's legal basis, the Federal Register notice, the source file with its version and
sha256), plus `entry` (the list entry: `EL:…`, `SDN:<entity number>`), `federal_register`,
`licence_policy` (the licence review policy as the entry states it), `all_items_subject_to_ear`
(an Entity List entry whose licence requirement covers all items subject to the EAR;
`licence_requirement_qualified` when the entry adds an exception or a condition: read it),
`list_effect` (what being listed means, as the list's authority states it) and `explanations`:
which name or alternative name matched, both names as normalised and keyed, the legal forms found,
the scorer and its scores, each query word with the list word it paired with and its weight, and
whether the countries agree. The response headers give the data version
(`Exportgraph-Data-Version`), the source file (`Exportgraph-Source`), the matcher and the
threshold; an empty list carries them too. `exportgraph screen` exits 1 when something matches, 0
when nothing does, 2 on bad input.

**The threshold.** A party matches when its best name scores at least the threshold, **85** by
default (`threshold` changes it, above 0 and at most 100). On the reviewed case file
(`tests/fixtures/screening/cases.csv`: 60 real list names written otherwise, 45 unrelated
look-alikes) 85 finds 59 of the 60 with no false match. A name written without a part the list
adds (`Shanghai Institute of Applied Physics` for `…, Chinese Academy of Sciences`) scores about 82:
lower `threshold` to see such candidates. Risk scoring and `/v1/assess` report parties scoring 80
to 85 as **possible matches — check**, never as clear. Names translated rather than transliterated
(`华为技术有限公司` for Huawei Technologies) are not found.

How names are compared: transliterated to Latin letters (Cyrillic, Chinese characters, diacritics),
case and punctuation ignored; legal forms at either end of a name (`LLC`, `OOO`, `Co., Ltd.`,
`GmbH`, `JSC`, `AO` …, listed in `ontology/screening/legal-forms.csv`) set aside and reported;
connecting words (`of`, `for`, `the`, `and`) set aside and transliteration spellings folded
(`ks`/`x`, `kh`/`h`, `y`/`i`, doubled letters …: `ontology/screening/spelling-folds.csv`). A score is
the better of two scorers: *token alignment* pairs each word with its most similar word of the
other name, each word weighing by its rarity in the lists, so `Institute of Technology` weighs
little and `Kaspersky` much, and word order does not matter; *compact ratio* compares names split
into a different number of words (`Hua Wei` / `Huawei`).

With `country` (ISO 3166-1 alpha-2) only parties with an address in that country, or with no
country on the list, are considered (risk and assessment compare the country but leave no one
out). A match is a lead to check against the list entry, not a finding. **A non-match is not a
clearance**: lists change, names are written many ways, and owners, agents, addresses and end uses
need checks of their own. An unknown country, an empty or over-long name (over 200 characters), a
name with fewer than 3 letters or digits (it would resemble hundreds of listed names: give the
party's full name) or a threshold outside (0, 100] is a `422` problem naming the field; in risk
scoring, assessments and plans such a name is `not-screened` (never clear). When no list is
installed the answer is a `503` problem (`data-unavailable`), and risk scoring says `not-screened`.

**In an assessment.** `POST /v1/assess` screens `recipient.name` when the request gives it; the
answer's `screening` says `listed`, `possible-match`, `no-match` (not a clearance) or
`not-screened`, with the matches and candidates. A match with an Entity List entry whose licence
requirement covers all items subject to the EAR makes the US result `licence_required: true` for
any subject, whatever its classification: the reason names the entry, the Federal Register notice,
the requirement (`For all items subject to the EAR. (See § 744.11 of the EAR)`), the licence review
policy and the list's effect as they are listed — unless a research exclusion of the result
(published information, fundamental research) takes the subject outside the EAR, which a note then
says. Another matched entry, or a candidate below the threshold, turns a "no" into `"unknown"`
naming the entry to check (`missing_facts`).
"""


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from dataclasses import replace

    from exportgraph.api.app import create_app
    from fastapi.testclient import TestClient

    from exportgraph.graph.build import build
    from exportgraph.graph.context import Context
    from exportgraph.settings import Settings
    from exportgraph.store import open_store

    store = open_store("memory:")
    build(store)
    context = Context(replace(Settings.from_env(), store_uri="memory:"), store=store)
    PAGE.write_text(render(TestClient(create_app(context))), encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

"""What-if (contract §9): the effect of a proposed rule change on a corpus of items, computed in a
sandbox — `POST /v1/impact`, `GET /v1/changes/{id}/impact`.

    impact(store, knowledge, {"change": {...}, "corpus": [...] | "products",
                              "jurisdictions": [...], "as_of": "..."}, max_items=…)

The change becomes statements (exportgraph.services.standards.whatif), the sandbox a second
knowledge index of the graph it would produce; the corpus is classified before (the current
index) and after (the sandbox) with the compiled batch path (exportgraph.services.partners.batch),
and compared: every item and jurisdiction whose verdict or matching entries move is a migration.
`harmonization` is the share of the corpus on which the jurisdictions asked about agree (all
controlled, or all not; an "unknown" is no agreement). Nothing is written to the store.

Two shortcuts give the same answers faster: the "after" side is decided only for the
jurisdictions and kinds of item the change can move (exportgraph.services.standards.
impact_scope), and the "before" side of a corpus is kept per data version for the next what-if
on it (exportgraph.services.standards.impact_before).

`compare(before, after, rows, codes, on)` is the seam for any corpus: it takes the items.
`agreements` (the request's, or by default the shipped examples) are validated before and after
(exportgraph.services.standards.impact_agreements); those whose conformance moves are listed. The
answer's shape and counts: exportgraph.services.standards.impact_answers.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from exportgraph import collector
from exportgraph.errors import ExportgraphError, InvalidInput
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.inputs import parse_date
from exportgraph.services.partners.batch_compiled import Compiled, Results, compiled, decide
from exportgraph.services.partners.batch_items import ItemReader, Parsed, Row
from exportgraph.services.partners.batch_rows import check_count, json_rows
from exportgraph.services.partners.classify import resolve_jurisdictions
from exportgraph.services.reference.products import product_item
from exportgraph.services.standards.asserted_graph import current_asserted
from exportgraph.services.standards.changes import get_change
from exportgraph.services.standards.impact_agreements import (
    EXAMPLES,
    agreements_impact,
    read_agreements,
)
from exportgraph.services.standards.impact_answers import (
    ImpactAnswer as ImpactAnswer,  # the answer's shape, named where the what-if is
)
from exportgraph.services.standards.impact_answers import (
    Migration,
    count,
    harmonization,
    invalid,
)
from exportgraph.services.standards.impact_before import (
    Before,
    Key,
    corpus_key,
    decided,
    keep,
    kept,
)
from exportgraph.services.standards.impact_scope import Scope, same_vocabulary, scope
from exportgraph.services.standards.whatif import parse_change, sandbox, subjects
from exportgraph.settings import Settings
from exportgraph.store import Store

log = logging.getLogger("exportgraph.impact")
PRODUCTS = "products"
_FIELDS = {"change", "corpus", "jurisdictions", "as_of", "agreements"}
MAX_AGREEMENTS = Settings.max_batch_items


def impact(
    store: Store,
    knowledge: Knowledge,
    body: object,
    *,
    max_items: int,
    max_agreements: int = MAX_AGREEMENTS,
) -> ImpactAnswer:
    """The what-if of a request body (see the module docstring); InvalidInput / MalformedInput
    naming the field for anything that does not read."""
    return impact_run(
        store, knowledge, body, max_items=max_items, max_agreements=max_agreements
    ).answer


@dataclass(frozen=True)
class ImpactRun:
    """A what-if's answer and the sandbox it was computed in (what its plots draw)."""

    answer: ImpactAnswer
    sandbox: Knowledge
    on: dt.date


def impact_run(
    store: Store,
    knowledge: Knowledge,
    body: object,
    *,
    max_items: int,
    max_agreements: int = MAX_AGREEMENTS,
) -> ImpactRun:
    """`impact`, with the sandbox index."""
    with collector.paused():  # see exportgraph/collector.py
        return _impact_run(store, knowledge, body, max_items, max_agreements)


def _impact_run(
    store: Store, knowledge: Knowledge, body: object, max_items: int, max_agreements: int
) -> ImpactRun:
    if not isinstance(body, Mapping):
        raise InvalidInput("the body must be a JSON object with change and corpus", field="body")
    unknown = sorted(str(key) for key in set(body) - _FIELDS)
    if unknown:
        raise InvalidInput(f"unknown field(s): {', '.join(unknown)}", field=unknown[0])
    if "change" not in body:
        raise InvalidInput("change: required", field="change")
    on = parse_date(body.get("as_of"), "as_of")
    codes = resolve_jurisdictions(knowledge, body.get("jurisdictions"))
    corpus = body.get("corpus", PRODUCTS)
    rows, decided_before, key = _corpus(knowledge, corpus, codes, on, max_items)
    agreements, source = read_agreements(
        body.get("agreements", EXAMPLES), max_agreements, knowledge.aliases
    )
    asserted = current_asserted(store, knowledge)
    change = parse_change(knowledge, store, asserted, body["change"])
    after = sandbox(knowledge, asserted, change)
    if decided_before is None:
        decided_before = decided(knowledge, rows, codes, on)
        if key is not None:
            keep(knowledge, key, decided_before)
    answer = compare(knowledge, after, rows, codes, on, decided_before=decided_before)
    answer["corpus"]["source"] = PRODUCTS if corpus == PRODUCTS else "request"
    answer["change"] = change.described()
    assessed = agreements_impact(store, knowledge, after, agreements, source)
    answer["agreements"] = assessed.moves
    answer["agreements_assessed"] = assessed.assessed
    if assessed.note:
        answer["notes"].append(assessed.note)
    return ImpactRun(answer, after, on)


def _corpus(
    knowledge: Knowledge, corpus: object, codes: Sequence[str], on: dt.date, max_items: int
) -> tuple[Sequence[Row], Before | None, Key | None]:
    """The rows of the corpus, with its "before" side when a recent what-if kept it, and the key
    to keep it by (None: not kept)."""
    name = corpus_key(corpus, PRODUCTS if corpus == PRODUCTS else None)
    key = (on, tuple(codes), name) if name is not None else None
    found = kept(knowledge, key) if key is not None else None
    if found is None:
        return corpus_rows(knowledge, corpus, max_items), None, key
    if corpus != PRODUCTS:  # the same corpus as a recent what-if: read and decided then
        check_count(len(found.rows), max_items, "corpus")
    return found.rows, found, key


def prepare_what_if(store: Store, knowledge: Knowledge) -> None:
    """Compute ahead of the first what-if (a reviewer opening a pending change) what every
    what-if of this data version starts from: the asserted graph, the sandbox's base index and
    the statements of each subject (what edits are made in)."""
    subjects(knowledge, current_asserted(store, knowledge))


def corpus_rows(knowledge: Knowledge, corpus: object, max_items: int) -> list[Row]:
    """The items of a corpus: "products" (the shipped products, §9a) or `[{"id", "item"}, …]`;
    InvalidInput naming the first item that does not read, or an id given twice."""
    if corpus == PRODUCTS:
        return [
            Row(product.id, product_item(knowledge, product)[0], f"products[{product.id}]")
            for product in sorted(knowledge.products.values(), key=lambda p: p.id)
        ]
    if isinstance(corpus, str):
        raise InvalidInput(
            f'corpus: expected "{PRODUCTS}" or an array of {{"id", "item"}}, got {corpus!r}',
            field="corpus",
        )
    rows = list(json_rows(corpus, "corpus"))
    check_count(len(rows), max_items, "corpus")
    for row in rows:
        if row.error is not None:
            raise row.error
    if len({row.id for row in rows}) < len(rows):  # ids are strings or integers
        seen: dict[object, int] = {}
        for index, row in enumerate(rows):
            if row.id in seen:
                raise InvalidInput(
                    f"corpus[{index}].id: {row.id!r} is also corpus[{seen[row.id]}]; an id "
                    "names one item",
                    field=f"corpus[{index}].id",
                )
            seen[row.id] = index
    return rows


def compare(
    before: Knowledge,
    after: Knowledge,
    rows: Sequence[Row],
    codes: Sequence[str],
    on: dt.date,
    *,
    shortcut: bool = True,
    decided_before: Before | None = None,
) -> ImpactAnswer:
    """Classify the items before and after and list what moves. An item that does not read
    before is an InvalidInput naming it. The "after" side is decided only where the change can
    move an answer (exportgraph.services.standards.impact_scope), unless `shortcut` is False
    (every item and jurisdiction decided again: the same answer, for tests and benchmarks).
    `decided_before`: the rows already read and decided on `before` for `codes` and `on`."""
    if decided_before is None:
        decided_before = decided(before, rows, codes, on)
    reader, parsed, old = decided_before.reader, decided_before.parsed, decided_before.results
    try:
        moving = scope(before, after, codes) if shortcut else None
        if moving is not None:  # decide again only the answers the change can move
            new_parsed = parsed
            new = _merged(old, codes, moving, compiled(after, on), reader, parsed)
        elif same_vocabulary(before, after):
            new_parsed = parsed
            new = decide(compiled(after, on), reader, parsed, codes)
        else:  # kinds, parameters or units changed: read the items again in the new terms
            new_reader, new_parsed = ItemReader(after), Parsed()
            new_reader.read(new_parsed, rows)
            new = decide(compiled(after, on), new_reader, new_parsed, codes)
    except ExportgraphError:
        raise
    except Exception as error:  # the changed graph came from a user: its failure is theirs
        log.warning("what-if: the changed graph could not be classified with", exc_info=error)
        raise InvalidInput(
            f"change: the items cannot be classified under the changed graph ({error})",
            field="change",
        ) from None
    migrations: list[Migration] = []
    summary: dict[str, dict[str, int]] = {code: {} for code in codes}
    moved: dict[tuple[int, int], list[int]] = {}
    for position, (was, now) in enumerate(zip(old, new, strict=True)):
        assert was is not None
        if now is None:
            problem = new_parsed.errors[position].detail
            for verdict in was:
                migrations.append(invalid(parsed.ids[position], verdict, problem))
                count(summary, verdict["jurisdiction"], verdict["controlled"], "invalid")
            continue
        key = (id(was), id(now))
        changed = moved.get(key)
        if changed is None:
            changed = moved[key] = [
                c
                for c, (b, a) in enumerate(zip(was, now, strict=True))
                if b["controlled"] != a["controlled"] or b["entries"] != a["entries"]
            ]
        for c in changed:
            b, a = was[c], now[c]
            migrations.append(
                {
                    "id": parsed.ids[position],
                    "jurisdiction": b["jurisdiction"],
                    "before": b["controlled"],
                    "after": a["controlled"],
                    "entries_before": b["entries"],
                    "entries_after": a["entries"],
                }
            )
            count(summary, b["jurisdiction"], b["controlled"], a["controlled"])
    return {
        "before_version": before.version,
        "as_of": on.isoformat(),
        "jurisdictions": list(codes),
        "corpus": {"source": "request", "items": len(rows)},
        "change": {},
        "migrations": migrations,
        "summary": summary,
        "harmonization": {"before": harmonization(old), "after": harmonization(new)},
        "agreements": [],
        "agreements_assessed": {"source": "none", "assessed": 0},
        "notes": [],
    }


def _merged(
    old: Sequence[Results | None],
    codes: Sequence[str],
    moving: Scope,
    state: Compiled,
    reader: ItemReader,
    parsed: Parsed,
) -> list[Results | None]:
    """The "after" results: decided again for the jurisdictions and items the change can move,
    the "before" results elsewhere (lists shared as `decide` shares them)."""
    if not moving.codes:
        return list(old)
    fresh = decide(state, reader, parsed, moving.codes, moving.moves)
    again = [codes.index(code) for code in moving.codes]
    merged: dict[tuple[int, int], Results] = {}
    out: list[Results | None] = []
    for was, now in zip(old, fresh, strict=True):
        if now is None or was is None:
            out.append(was)
            continue
        key = (id(was), id(now))
        found = merged.get(key)
        if found is None:
            found = merged[key] = list(was)
            for verdict, c in zip(now, again, strict=True):
                found[c] = verdict
        out.append(found)
    return out


def change_impact(
    store: Store,
    knowledge: Knowledge,
    change_id: str,
    jurisdictions: Sequence[str] | None = None,
    as_of: str | None = None,
) -> ImpactAnswer:
    """GET /v1/changes/{id}/impact: a proposed change set over the products corpus (NotFound
    for an unknown id)."""
    return change_impact_run(store, knowledge, change_id, jurisdictions, as_of).answer


def change_impact_run(
    store: Store,
    knowledge: Knowledge,
    change_id: str,
    jurisdictions: Sequence[str] | None = None,
    as_of: str | None = None,
) -> ImpactRun:
    """`change_impact`, with the sandbox index."""
    get_change(store, change_id)
    body: dict[str, object] = {"change": {"change_set": change_id}, "corpus": PRODUCTS}
    if jurisdictions:
        body["jurisdictions"] = list(jurisdictions)
    if as_of:
        body["as_of"] = as_of
    return impact_run(store, knowledge, body, max_items=len(knowledge.products))

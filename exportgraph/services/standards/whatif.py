"""The change a what-if applies (contract §9 `POST /v1/impact`), and the sandbox it is applied in.

A change is one of
- `{"edits": [{"entry", "parameter", "comparator", "threshold", "unit"}, …]}` — set the criterion
  on that parameter of that entry: the criterion bounding it from the same side (`>=`/`>` from
  below, `<=`/`<` from above, `=`) takes the new comparator and threshold; where the entry has
  none on that side, one is added to each of its alternatives. `{"entry", "parameter",
  "remove": true}` drops the entry's criteria on that parameter (only those with `comparator`,
  when one is given);
- `{"change_set": "<id>"}` — a proposed change set (POST /v1/changes), as proposed;
- `{"add": "<Turtle>", "remove": "<Turtle>"}` — statements, as in a change set.

Every form becomes statements to add and remove; the sandbox is a second knowledge index built
from the store's asserted statements less the removals plus the additions
(exportgraph.knowledge.current.of_triples). Nothing is written to the store.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.errors import ExportgraphError, InvalidInput
from exportgraph.graph.changeset import parse_turtle, resolve_removals
from exportgraph.knowledge.current import of_triples
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Entry
from exportgraph.knowledge.pint_units import canonical_decimal, parse_unit, to_decimal
from exportgraph.knowledge.sandbox import of_changed, subjects_of
from exportgraph.services.standards import changes
from exportgraph.store import Store

log = logging.getLogger("exportgraph.whatif")
COMPARATORS = {">=": "ge", ">": "gt", "<=": "le", "<": "lt", "=": "eq"}
_SIDE = {">=": "below", ">": "below", "<=": "above", "<": "above", "=": "equal"}
_EDIT_FIELDS = {"entry", "parameter", "comparator", "threshold", "unit", "remove"}
RDF_TYPE = NamedNode(ns.RDF + "type")
# what a criterion states of its threshold: replaced together by an edit (qudt:unit is inferred)
_THRESHOLD = (ns.eg("comparator"), ns.eg("thresholdValue"), ns.eg("unit"))


@dataclass
class Change:
    """Statements to add and remove, and what they came from (for the answer)."""

    add: list[Triple] = field(default_factory=list)
    remove: list[Triple] = field(default_factory=list)
    source: str = "edits"  # edits, change_set, turtle
    change_set: str | None = None

    def described(self) -> dict[str, object]:
        out: dict[str, object] = {
            "from": self.source,
            "added": len(self.add),
            "removed": len(self.remove),
        }
        if self.change_set is not None:
            out["change_set"] = self.change_set
        return out


def parse_change(
    knowledge: Knowledge, store: Store, asserted: Set[Triple], raw: object, where: str = "change"
) -> Change:
    """The statements a change adds and removes; errors name the field (`change.edits[0].entry`,
    `change.add` with the Turtle line, `change.change_set`)."""
    if not isinstance(raw, Mapping):
        raise InvalidInput(
            f'{where}: expected {{"edits": […]}}, {{"change_set": "<id>"}} or '
            '{"add": "<Turtle>", "remove": "<Turtle>"}',
            field=where,
        )
    keys = set(raw)
    if keys == {"edits"}:
        add, remove = edit_statements(knowledge, asserted, raw["edits"], f"{where}.edits")
        return Change(add, remove)
    if keys == {"change_set"}:
        return _proposal(store, asserted, raw["change_set"], f"{where}.change_set")
    if keys and keys <= {"add", "remove"}:
        return _statements(asserted, raw, where, Change(source="turtle"))
    raise InvalidInput(
        f"{where}: give exactly one of edits, change_set, or add/remove (got "
        f"{', '.join(sorted(map(str, keys))) or 'nothing'})",
        field=where,
    )


def sandbox(
    knowledge: Knowledge, asserted: Set[Triple], change: Change, where: str = "change"
) -> Knowledge:
    """The knowledge index of the graph the change would produce (nothing is written), from
    `asserted`, the graph of `knowledge`'s data version; InvalidInput naming `where` when that
    graph cannot be read or classified with."""
    removed = set(change.remove)
    try:
        after = of_changed(knowledge, asserted, removed, change.add) or of_triples(
            [t for t in asserted if t not in removed] + change.add
        )
    except ExportgraphError:
        raise
    except Exception as error:  # statements from a user: any failure is theirs to fix
        log.warning("what-if sandbox could not be read", exc_info=error)
        raise InvalidInput(
            f"{where}: the graph the change would produce cannot be read ({error})", field=where
        ) from None
    for entry in after.entries.values():
        for alternative in entry.alternatives:
            for criterion in alternative:
                if criterion.comparator not in COMPARATORS:
                    raise InvalidInput(
                        f"{where}: criterion {criterion.iri} of {entry.id} would compare with "
                        f"{criterion.comparator!r} (one of {', '.join(COMPARATORS)})",
                        field=where,
                    )
    return after


# ---------------------------------------------------------------------------- Turtle, proposals


def _statements(
    asserted: Set[Triple], raw: Mapping[str, object], where: str, change: Change
) -> Change:
    texts = {}
    for name in ("add", "remove"):
        text = raw.get(name) or ""
        if not isinstance(text, str):
            raise InvalidInput(f"{where}.{name}: expected Turtle text", field=f"{where}.{name}")
        texts[name] = text
    change.add = parse_turtle(texts["add"], f"{where}.add")
    removals = resolve_removals(parse_turtle(texts["remove"], f"{where}.remove"), asserted)
    for triple in removals:
        if triple not in asserted:
            raise InvalidInput(
                f"{where}.remove: {triple} is not stated in the graph (an inferred statement is "
                "removed by removing what it follows from)",
                field=f"{where}.remove",
            )
    change.remove = removals
    if not change.add and not change.remove:
        raise InvalidInput(f"{where}: no statements to add or remove", field=where)
    return change


def _proposal(store: Store, asserted: Set[Triple], raw: object, where: str) -> Change:
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        raise InvalidInput(f"{where}: expected the id of a change set", field=where)
    try:
        found = changes.get_change(store, str(raw))
    except ExportgraphError:
        raise InvalidInput(f"{where}: no change set {raw!r}", field=where) from None
    if found["status"] != "proposed":
        raise InvalidInput(
            f"{where}: change set {found['id']} is {found['status']}; a what-if applies a "
            "proposed one (an approved change is already in the data)",
            field=where,
        )
    return _statements(
        asserted,
        {"add": found["add"] or "", "remove": found["remove"] or ""},
        where,
        Change(source="change_set", change_set=str(found["id"])),
    )


# ---------------------------------------------------------------------------- edits


def edit_statements(
    knowledge: Knowledge, asserted: Set[Triple], edits: object, where: str
) -> tuple[list[Triple], list[Triple]]:
    """The statements that make the edits, in order (a later edit sees the earlier ones)."""
    if not isinstance(edits, list) or not edits:
        raise InvalidInput(f"{where}: expected a non-empty array of edits", field=where)
    graph = _Graph(knowledge, asserted)
    for index, edit in enumerate(edits):
        _edit(knowledge, graph, edit, f"{where}[{index}]")
    return graph.changes()


class _Graph:
    """The asserted statements being edited, with the statements of each subject at hand: the
    asserted graph (its subject index built once per graph) and the edits laid over it."""

    def __init__(self, knowledge: Knowledge, asserted: Set[Triple]) -> None:
        self.asserted = asserted
        self.base = subjects(knowledge, asserted)
        self.added: dict[str, set[Triple]] = {}
        self.dropped: set[Triple] = set()

    def about(self, subject: str) -> set[Triple]:
        return (set(self.base.get(subject, ())) - self.dropped) | self.added.get(subject, set())

    def add(self, triple: Triple) -> None:
        self.dropped.discard(triple)
        self.added.setdefault(_text(triple.subject), set()).add(triple)

    def drop(self, triple: Triple) -> None:
        self.added.get(_text(triple.subject), set()).discard(triple)
        self.dropped.add(triple)

    def changes(self) -> tuple[list[Triple], list[Triple]]:
        """The statements added and removed (those the asserted graph lacks / has)."""
        added = {t for found in self.added.values() for t in found if t not in self.asserted}
        removed = {t for t in self.dropped if t in self.asserted}
        return sorted(added, key=str), sorted(removed, key=str)


def subjects(knowledge: Knowledge, asserted: Set[Triple]) -> Mapping[str, Set[Triple]]:
    """The statements of each subject of `asserted` (the graph of `knowledge`'s data version);
    kept with the sandbox's loaded graph, asked of by every what-if of that version."""
    return subjects_of(knowledge, asserted, _index_subjects)


def followed_subjects(
    previous: Mapping[str, Set[Triple]], removed: Set[Triple], added: Set[Triple]
) -> Mapping[str, Set[Triple]]:
    """The statements of each subject once `removed` and `added` are applied to those of
    `previous` (only the subjects they name are rebuilt)."""
    touched: dict[str, set[Triple]] = {}
    for triple in removed:
        key = _text(triple.subject)
        touched.setdefault(key, set(previous.get(key, ()))).discard(triple)
    for triple in added:
        key = _text(triple.subject)
        touched.setdefault(key, set(previous.get(key, ()))).add(triple)
    found = dict(previous)
    for key, triples in touched.items():
        if triples:
            found[key] = frozenset(triples)
        else:
            found.pop(key, None)
    return found


def _index_subjects(asserted: Set[Triple]) -> Mapping[str, Set[Triple]]:
    found: dict[str, set[Triple]] = {}
    for triple in asserted:
        found.setdefault(_text(triple.subject), set()).add(triple)
    return {subject: frozenset(triples) for subject, triples in found.items()}


def _edit(knowledge: Knowledge, graph: _Graph, edit: object, where: str) -> None:
    if not isinstance(edit, Mapping):
        raise InvalidInput(f"{where}: expected an object", field=where)
    unknown = sorted(str(key) for key in set(edit) - _EDIT_FIELDS)
    if unknown:
        raise InvalidInput(f"{where}: unknown field(s) {', '.join(unknown)}", field=where)
    entry_id = edit.get("entry")
    entry = knowledge.entry(entry_id) if isinstance(entry_id, str) else None
    if entry is None:
        raise InvalidInput(f"{where}.entry: unknown entry {entry_id!r}", field=f"{where}.entry")
    parameter = knowledge.concept(
        "parameters", edit.get("parameter"), f"{where}.parameter", "parameter"
    )
    if entry.children and not entry.alternatives:
        raise InvalidInput(
            f"{where}.entry: {entry.id} groups sub-entries ({', '.join(_ids(knowledge, entry))}); "
            "their criteria are edited, not the group's",
            field=f"{where}.entry",
        )
    comparator = edit.get("comparator")
    if comparator is not None and (
        not isinstance(comparator, str) or comparator not in COMPARATORS
    ):
        raise InvalidInput(
            f"{where}.comparator: expected one of {', '.join(COMPARATORS)}, got {comparator!r}",
            field=f"{where}.comparator",
        )
    on_parameter = _criteria(graph, entry, parameter.iri)
    if edit.get("remove") is not None:
        if edit["remove"] is not True:
            raise InvalidInput(f"{where}.remove: only true is accepted", field=f"{where}.remove")
        for name in ("threshold", "unit"):
            if name in edit:
                raise InvalidInput(
                    f"{where}.{name}: an edit that removes a criterion takes no {name}",
                    field=f"{where}.{name}",
                )
        chosen = [c for c in on_parameter if comparator is None or c[2] == comparator]
        if not chosen:
            raise InvalidInput(
                f"{where}.parameter: {entry.id} has no criterion on {parameter.notation}"
                + (f" with {comparator}" if comparator else ""),
                field=f"{where}.parameter",
            )
        for alternative, criterion, _ in chosen:
            graph.drop(Triple(NamedNode(alternative), ns.eg("criterion"), NamedNode(criterion)))
            for triple in graph.about(criterion):
                graph.drop(triple)
        return
    if comparator is None:
        raise InvalidInput(f"{where}.comparator: required", field=f"{where}.comparator")
    if "threshold" not in edit:
        raise InvalidInput(f"{where}.threshold: required", field=f"{where}.threshold")
    threshold, unit_iri = _threshold(knowledge, parameter.notation, edit, where)
    side = [c for c in on_parameter if _SIDE[c[2]] == _SIDE[comparator]]
    if side:
        for _, criterion, _ in side:
            subject = NamedNode(criterion)
            for triple in graph.about(criterion):
                if triple.predicate in _THRESHOLD:
                    graph.drop(triple)
            for triple in _threshold_statements(subject, comparator, threshold, unit_iri):
                graph.add(triple)
        return
    alternatives = sorted({a for a, _, _ in _criteria(graph, entry, None)}) or [
        _new_alternative(graph, entry)
    ]
    for alternative in alternatives:
        added = NamedNode(f"{alternative}/{parameter.notation}/{COMPARATORS[comparator]}")
        graph.add(Triple(NamedNode(alternative), ns.eg("criterion"), added))
        graph.add(Triple(added, RDF_TYPE, ns.eg("Criterion")))
        graph.add(Triple(added, ns.eg("parameter"), NamedNode(parameter.iri)))
        for triple in _threshold_statements(added, comparator, threshold, unit_iri):
            graph.add(triple)


def _text(term: object) -> str:
    """The IRI or lexical form of a term (a quoted triple has neither: its text)."""
    value = getattr(term, "value", None)
    return value if isinstance(value, str) else str(term)


def _ids(knowledge: Knowledge, entry: Entry) -> list[str]:
    return [knowledge.entries[c].id for c in entry.children if c in knowledge.entries]


def _criteria(graph: _Graph, entry: Entry, parameter: str | None) -> list[tuple[str, str, str]]:
    """(alternative, criterion, comparator) of the entry's criteria on a parameter (any: None),
    as the graph being edited states them."""
    found = []
    for link in graph.about(entry.iri):
        if link.predicate != ns.eg("alternative"):
            continue
        alternative = _text(link.object)
        for triple in graph.about(alternative):
            if triple.predicate != ns.eg("criterion"):
                continue
            criterion = _text(triple.object)
            statements = {t.predicate.value: _text(t.object) for t in graph.about(criterion)}
            if parameter is None or statements.get(ns.EG + "parameter") == parameter:
                comparator = statements.get(ns.EG + "comparator", "")
                found.append((alternative, criterion, comparator))
    return sorted(found)


def _new_alternative(graph: _Graph, entry: Entry) -> str:
    alternative = f"{entry.iri}/alt/1"
    graph.add(Triple(NamedNode(entry.iri), ns.eg("alternative"), NamedNode(alternative)))
    graph.add(Triple(NamedNode(alternative), RDF_TYPE, ns.eg("Alternative")))
    return alternative


def _threshold(
    knowledge: Knowledge, parameter: str, edit: Mapping[str, object], where: str
) -> tuple[Decimal, str]:
    """The threshold as it will be written and the QUDT IRI of its unit: the unit given when the
    data knows it, else the canonical unit (the value converted)."""
    value = to_decimal(edit["threshold"], f"{where}.threshold")
    unit = edit.get("unit")
    units = knowledge.units
    canonical = units.canonical_info(parameter, f"{where}.parameter")
    if unit is None or unit == "":
        return value, canonical.iri
    if not isinstance(unit, str):
        raise InvalidInput(f"{where}.unit: expected a unit name", field=f"{where}.unit")
    converted = units.to_canonical(parameter, {"value": value, "unit": unit}, where)
    if canonical.dimensionless or unit.strip().lower() in canonical.spellings:
        return converted, canonical.iri
    wanted = parse_unit(unit, f"{where}.unit")
    for info in units.units.values():
        if info.unit == wanted:
            return value, info.iri
    return converted, canonical.iri


def _threshold_statements(
    criterion: NamedNode, comparator: str, threshold: Decimal, unit_iri: str
) -> list[Triple]:
    text = format(canonical_decimal(threshold), "f")
    return [
        Triple(criterion, ns.eg("comparator"), Literal(comparator)),
        Triple(
            criterion,
            ns.eg("thresholdValue"),
            Literal(text, datatype=NamedNode(ns.XSD + "decimal")),
        ),
        Triple(criterion, ns.eg("unit"), NamedNode(unit_iri)),
    ]

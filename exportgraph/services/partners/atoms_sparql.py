"""The atoms of classification evaluated by SPARQL (queries/classify.rq, the item bound through
VALUES blocks), for every entry in one query: the second evaluation path, kept equal to the index
path by tests/partners/test_engines.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from pyoxigraph import Literal as RdfLiteral
from pyoxigraph import NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.graph.queries import load_query
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Entry
from exportgraph.services.partners.atoms import Atoms, AtomSource
from exportgraph.services.partners.items import Item
from exportgraph.services.partners.logic import Tri
from exportgraph.store import Store, Term, sparql_values_rows

_XSD_DATE = NamedNode(ns.XSD + "date")
_TRI: dict[str, bool] = {"true": True, "false": False}  # any other value ("missing"): unknown


def _bind_blocks(
    name: str, blocks: Sequence[tuple[Sequence[str], Sequence[Sequence[Term | None]]]]
) -> str:
    """Query `name` with its `#VALUES` placeholders replaced, in order, by VALUES blocks."""
    text = load_query(name)
    for variables, rows in blocks:
        if "#VALUES" not in text:
            raise ValueError(f"queries/{name}.rq has fewer #VALUES placeholders than blocks")
        # An all-UNDEF row joins like an empty OPTIONAL (and rdflib rejects an empty VALUES block).
        filled = rows or [[None] * len(variables)]
        text = text.replace("#VALUES", sparql_values_rows(variables, filled), 1)
    return text


def _decimal_literal(value: Decimal) -> RdfLiteral:
    text = format(value, "f")
    if "." not in text:
        text += ".0"
    return RdfLiteral(text, datatype=NamedNode(ns.XSD + "decimal"))


def _parameter_rows(knowledge: Knowledge, item: Item) -> list[list[Term | None]]:
    """(?parameter ?unit ?value): each stated value in every unit of the data it converts to."""
    rows: list[list[Term | None]] = []
    for parameter, value in sorted(item.parameters.items()):
        canonical = knowledge.units.canonical_info(parameter, parameter)
        parameter_iri = (
            knowledge.parameters[parameter].iri if parameter in knowledge.parameters else None
        )
        node = NamedNode(parameter_iri) if parameter_iri else ns.concept_iri("parameter", parameter)
        for unit_iri, info in sorted(knowledge.units.units.items()):
            if not canonical.convertible_to(info):
                continue
            converted = knowledge.units.between(value, canonical, info, parameter)
            rows.append([node, NamedNode(unit_iri), _decimal_literal(converted)])
    return rows


def sparql_atoms(store: Store, knowledge: Knowledge, item: Item, on: dt.date) -> AtomSource:
    """Atoms evaluated by SPARQL (queries/classify.rq), for every entry in one query."""
    item_row: list[Term | None] = [
        NamedNode(item.kind_iri),
        RdfLiteral(on.isoformat(), datatype=_XSD_DATE),
        NamedNode(item.for_kind_iri) if item.for_kind_iri else None,
        ns.concept_iri("purpose", item.purpose) if item.purpose else None,
        ns.concept_iri("material-form", item.material_form) if item.material_form else None,
    ]
    fact_rows: list[list[Term | None]] = [
        [
            NamedNode(knowledge.facts[name].iri),
            RdfLiteral("true" if value else "false", datatype=NamedNode(ns.XSD + "boolean")),
        ]
        for name, value in sorted(item.facts.items())
    ]
    query = _bind_blocks(
        "classify",
        [
            (("kind", "asOf", "forKind", "purpose", "materialForm"), [item_row]),
            (("parameter", "unit", "value"), _parameter_rows(knowledge, item)),
            (("fact", "factValue"), fact_rows),
        ],
    )
    result = store.select(query)
    found: dict[str, Atoms] = {}
    criteria: dict[str, dict[str, Tri]] = {}  # per entry IRI, filled as the rows come
    facts: dict[str, dict[str, Tri]] = {}
    for solution in result:
        row = {
            name: str(term.value) for name, term in solution.items() if not isinstance(term, Triple)
        }
        iri = row["entry"]
        if iri not in found:
            criteria[iri], facts[iri] = {}, {}
            found[iri] = Atoms(
                in_force=row["inForce"] == "true",
                in_scope=_TRI.get(row["inScope"]),
                excluded=row["excluded"] == "true",
                serves_ok=_TRI.get(row["servesOk"]),
                purpose_ok=_TRI.get(row["purposeOk"]),
                form_ok=_TRI.get(row["formOk"]),
                criteria=criteria[iri],
                facts=facts[iri],
            )
        if "criterion" in row:
            # unbound when the comparison fails (a threshold that is not a number, e.g. NaN):
            # unknown, and the index never uses such a criterion
            criteria[iri][row["criterion"]] = _TRI.get(row.get("satisfied", ""))
        if "fact" in row:
            notation = row["fact"].rsplit("/", 1)[-1]
            value = row.get("factValue")
            facts[iri][notation] = None if value is None else value == "true"
    empty = Atoms(False, False, False, False, False, False, {}, {})

    def atoms(entry: Entry) -> Atoms:
        return found.get(entry.iri, empty)

    return atoms

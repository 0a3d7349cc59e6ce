"""Nodes of the graph read with every property they have (queries that select `?node ?type
?property ?value`), and typed reads of those properties: a property that is missing or unreadable
raises Broken, naming the node, so that a reader can leave the node out and report why."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from pyoxigraph import Literal, NamedNode

from exportgraph.knowledge.rows import tail


class Broken(ValueError):
    """A node the reader cannot use; the message says which and why."""


@dataclass
class Node:
    """The properties of one node, as terms."""

    iri: str
    types: set[str] = field(default_factory=set)
    values: dict[str, list[object]] = field(default_factory=lambda: defaultdict(list))

    def all(self, prop: str) -> list[object]:
        return self.values.get(prop, [])

    def iris(self, prop: str) -> tuple[str, ...]:
        return tuple(sorted({v.value for v in self.all(prop) if isinstance(v, NamedNode)}))

    def text(self, prop: str, language: str = "en") -> str | None:
        """A literal: the one in `language`, else one without a language, else any."""
        literals = [v for v in self.all(prop) if isinstance(v, Literal)]
        for wanted in (language, None):
            for value in sorted(literals, key=lambda v: v.value):
                if (value.language or None) == wanted:
                    return value.value
        return sorted(literals, key=lambda v: v.value)[0].value if literals else None

    def required(self, prop: str, what: str) -> str:
        value = self.text(prop)
        if value is None:
            raise Broken(f"{self.iri}: no {what}")
        return value

    def decimal(self, prop: str) -> Decimal | None:
        value = self.text(prop)
        if value is None:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise Broken(f"{self.iri}: {tail(prop)} {value!r} is not a number") from None
        if not number.is_finite():
            raise Broken(f"{self.iri}: {tail(prop)} {value!r} is not a number")
        return number

    def integer(self, prop: str) -> int | None:
        number = self.decimal(prop)
        if number is None:
            return None
        if number != number.to_integral_value():
            raise Broken(f"{self.iri}: {tail(prop)} {number} is not a whole number")
        return int(number)

    def flag(self, prop: str) -> bool:
        return self.text(prop) in ("true", "1")

    def link(self, prop: str) -> str | None:
        found = self.iris(prop)
        return found[0] if found else None


def nodes_of(solutions: Iterable[Mapping[str, object]]) -> dict[str, Node]:
    """The nodes of `?node ?type ?property ?value` solutions, by IRI (blank nodes left out)."""
    nodes: dict[str, Node] = {}
    for row in solutions:
        node, kind, prop, value = (row.get(k) for k in ("node", "type", "property", "value"))
        if not isinstance(node, NamedNode) or not isinstance(prop, NamedNode) or value is None:
            continue
        found = nodes.setdefault(node.value, Node(node.value))
        if isinstance(kind, NamedNode):
            found.types.add(kind.value)
        values = found.values[prop.value]
        if value not in values:
            values.append(value)
    return nodes

"""How answers name an agreement's nodes: the user's own reference, never a minted IRI.

A node with a `dcterms:identifier` (every id the service minted, or one a Turtle document states)
is named by it (`BAFA-2026-0042`); any other IRI by itself; a clause without an id by its path
from its owner (`AGR-17/exchanges[0]`); a code by the code (`DE`, `technology`).
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.services.auditors.agreements.facts import (
    JURISDICTION_BASE,
    KIND_BASE,
    PURPOSE_BASE,
)
from exportgraph.services.auditors.agreements.identifiers import MINT_BASE
from exportgraph.services.auditors.agreements.terms import TermNames, term_names

IDENTIFIER = ns.DCTERMS + "identifier"
WITHOUT_ID = "(agreement without id)"
CODE_BASES = (JURISDICTION_BASE, KIND_BASE, PURPOSE_BASE)

Node = NamedNode | BlankNode
Term = NamedNode | BlankNode | Literal | Triple


class Names:
    """The names of one agreement's nodes (its triples, plus any findings)."""

    def __init__(self, triples: Iterable[Triple], names: TermNames | None = None) -> None:
        self.terms = names or term_names()
        self.parents: dict[BlankNode, tuple[Node, str, int]] = {}
        """Blank node → (subject, predicate, position among that subject's values of it)."""
        self.references: dict[Node, str] = {}
        counts: dict[tuple[Node, str], int] = {}
        for triple in triples:
            obj, subject, predicate = triple.object, triple.subject, triple.predicate.value
            assert isinstance(subject, NamedNode | BlankNode)
            if predicate == IDENTIFIER and isinstance(obj, Literal):
                known = self.references.get(subject)
                if known is None or obj.value < known:  # several: the same one every time
                    self.references[subject] = obj.value
            if isinstance(obj, BlankNode) and obj not in self.parents:
                key = (subject, predicate)
                self.parents[obj] = (subject, predicate, counts.get(key, 0))
                counts[key] = counts.get(key, 0) + 1

    def of(self, node: Term) -> str:
        """A node's name (iterative: a chain or cycle of clauses cannot exhaust the stack)."""
        if isinstance(node, Literal | Triple):
            return self.value(node) or ""
        steps: list[str] = []
        seen: set[Node] = set()
        current: Node = node
        while True:
            if current in self.references:
                head = self.references[current]
                break
            if isinstance(current, NamedNode):
                head = current.value
                break
            if current in seen or current not in self.parents:
                head = WITHOUT_ID
                break
            seen.add(current)
            owner, predicate, position = self.parents[current]
            name = self.terms.get(predicate, predicate)
            steps.append(f"/{name}[{position}]" if self.terms.is_list(predicate) else f"/{name}")
            current = owner
        return head + "".join(reversed(steps))

    def value(self, term: Term | None) -> str | None:
        """A value as an auditor reads it: codes for countries and kinds, lexical forms for
        literals, names for nodes."""
        if term is None:
            return None
        if isinstance(term, Literal):
            return term.value
        if isinstance(term, NamedNode):
            if term in self.references:
                return self.references[term]
            for base in CODE_BASES:
                if term.value.startswith(base):
                    return term.value[len(base) :]
            return self.terms.get(term.value, term.value)
        if isinstance(term, BlankNode):
            return self.of(term)
        return str(term)

    def in_text(self, text: str) -> str:
        """A text an engine filled in, with every IRI it shows of a code or of a minted id
        replaced by the code or the user's reference (longest first: none is cut short)."""
        minted = (n.value for n in self.references if n.value.startswith(MINT_BASE))
        for iri in sorted(minted, key=len, reverse=True):
            if iri in text:
                text = text.replace(iri, self.references[NamedNode(iri)])
        for base in CODE_BASES:
            text = text.replace(base, "")
        return text

"""What changed between two versions of the terminology (skos-history style), on asserted triples.

Entries, criteria and concepts are added, removed or changed (property by property, values
before and after); labels and mappings are listed on their own, a label or mapping that was
replaced being one `changed` row with its value before and after.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.services.standards.diff_shapes import (
    Category,
    ChangedItem,
    Diff,
    DiffCounts,
    DiffItem,
    DiffRow,
    ItemChanges,
    Label,
    LabelChanges,
    MappingChanges,
    MappingRelation,
    PropertyChange,
)
from exportgraph.store import Term

RDF_TYPE = ns.RDF + "type"
LABEL_PROPERTIES = {
    ns.SKOS + "prefLabel",
    ns.SKOS + "altLabel",
    ns.SKOS + "hiddenLabel",
    ns.RDFS + "label",
}
MAPPING_PROPERTIES = {
    ns.SKOS + local
    for local in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
}
ENTRY_TYPES = {
    ns.EG + t
    for t in ("ControlEntry", "HardwareEntry", "MaterialEntry", "SoftwareEntry", "TechnologyEntry")
}
CONCEPT_TYPES = {ns.SKOS + "Concept", ns.EG + "ItemKind", ns.EG + "Parameter", ns.EG + "Fact"}
STRUCTURAL_TYPES = {ns.EG + "Alternative", ns.EG + "AssertedMapping"}  # shown through their owners
CATEGORIES = ("entries", "criteria", "concepts", "labels", "mappings", "other")


def curie(iri: str) -> str:
    """The shortest prefixed form of an IRI (egid:entry/US/4A906, skos:exactMatch), else the IRI."""
    best = max(
        ((prefix, space) for prefix, space in ns.PREFIXES.items() if iri.startswith(space)),
        key=lambda item: len(item[1]),
        default=None,
    )
    return f"{best[0]}:{iri[len(best[1]) :]}" if best else iri


def show(term: Term) -> str:
    """A term as a reader sees it: literals by value (with @lang), IRIs as CURIEs."""
    if isinstance(term, Literal):
        return f"{term.value}@{term.language}" if term.language else term.value
    if isinstance(term, NamedNode):
        return curie(term.value)
    return str(term)


@dataclass
class _Version:
    """One version indexed by subject."""

    by_subject: dict[str, dict[str, set[Term]]]
    types: dict[str, set[str]]

    @classmethod
    def of(cls, triples: Iterable[Triple]) -> _Version:
        by_subject: dict[str, dict[str, set[Term]]] = defaultdict(lambda: defaultdict(set))
        types: dict[str, set[str]] = defaultdict(set)
        for triple in triples:
            subject = triple.subject
            if not isinstance(subject, NamedNode):
                continue
            by_subject[subject.value][triple.predicate.value].add(triple.object)
            if triple.predicate.value == RDF_TYPE and isinstance(triple.object, NamedNode):
                types[subject.value].add(triple.object.value)
        return cls(by_subject, types)

    def first(self, subject: str, predicate: str) -> str | None:
        values = sorted(show(v) for v in self.by_subject.get(subject, {}).get(predicate, ()))
        return values[0] if values else None


class _Names:
    """Public names of things (entry ids, concept notations, criterion paths) in either version."""

    def __init__(self, *versions: _Version) -> None:
        self.versions = versions
        self.owner: dict[str, str] = {}  # criterion or alternative -> entry
        for version in versions:
            for subject, properties in version.by_subject.items():
                for predicate in (ns.EG + "alternative", ns.EG + "criterion"):
                    for part in properties.get(predicate, ()):
                        if isinstance(part, NamedNode):
                            self.owner[part.value] = subject

    def name(self, iri: str) -> str:
        for version in self.versions:
            for predicate in (ns.DCTERMS + "identifier", ns.SKOS + "notation"):
                found = version.first(iri, predicate)
                if found:
                    return found
        alternative = self.owner.get(iri)
        entry = self.owner.get(alternative) if alternative else None
        if alternative and entry:
            return f"{self.name(entry)} {iri[len(entry) + 1 :]}"
        return curie(iri)

    def title(self, iri: str) -> str | None:
        for version in reversed(self.versions):
            for predicate in (ns.DCTERMS + "title", ns.SKOS + "prefLabel", ns.RDFS + "label"):
                english = sorted(
                    v.value
                    for v in version.by_subject.get(iri, {}).get(predicate, ())
                    if isinstance(v, Literal) and v.language in (None, "en")
                )
                if english:
                    return english[0]
        return None


def _category(iri: str, before: _Version, after: _Version) -> Category | None:
    """The category of a subject; None for the structural nodes shown through their owners."""
    types = before.types.get(iri, set()) | after.types.get(iri, set())
    if types & ENTRY_TYPES:
        return "entries"
    if ns.EG + "Criterion" in types:
        return "criteria"
    if types & CONCEPT_TYPES:
        return "concepts"
    if types & STRUCTURAL_TYPES:
        return None
    return "other"


def _values(terms: Iterable[Term]) -> list[str]:
    return sorted(show(term) for term in terms)


def _label_changes(
    iri: str,
    name: str,
    old: dict[str, set[Term]],
    new: dict[str, set[Term]],
    out: LabelChanges,
) -> None:
    for predicate in sorted(LABEL_PROPERTIES):
        by_lang: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
        for side, terms in (
            (0, old.get(predicate, set()) - new.get(predicate, set())),
            (1, new.get(predicate, set()) - old.get(predicate, set())),
        ):
            for term in terms:
                if isinstance(term, Literal | NamedNode):
                    by_lang[getattr(term, "language", None) or ""][side].add(term.value)
        for language, (removed, added) in sorted(by_lang.items()):
            base: Label = {
                "iri": iri,
                "id": name,
                "property": curie(predicate),
                "language": language or None,
            }
            if len(removed) == 1 and len(added) == 1:
                out["changed"].append({**base, "before": removed.pop(), "after": added.pop()})
                continue
            out["removed"] += [{**base, "value": value} for value in sorted(removed)]
            out["added"] += [{**base, "value": value} for value in sorted(added)]


def _mapping_pairs(version: _Version) -> dict[tuple[str, str], set[str]]:
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for subject, properties in version.by_subject.items():
        for predicate in MAPPING_PROPERTIES & properties.keys():
            for obj in properties[predicate]:
                if isinstance(obj, NamedNode):
                    pairs[(subject, obj.value)].add(predicate.removeprefix(ns.SKOS))
    return pairs


def _mapping_changes(before: _Version, after: _Version, names: _Names) -> MappingChanges:
    out: MappingChanges = {"added": [], "removed": [], "changed": []}
    old, new = _mapping_pairs(before), _mapping_pairs(after)
    for subject, obj in sorted(old.keys() | new.keys()):
        was, now = old.get((subject, obj), set()), new.get((subject, obj), set())
        if was == now:
            continue
        a, b = names.name(subject), names.name(obj)
        if was and now:
            out["changed"].append(
                {"subject": a, "object": b, "before": sorted(was), "after": sorted(now)}
            )
        else:
            out["added" if now else "removed"] += [
                {"subject": a, "object": b, "relation": relation} for relation in sorted(now or was)
            ]
    return out


def _no_items() -> ItemChanges:
    return {"added": [], "removed": [], "changed": []}


def _counts(changes: ItemChanges | LabelChanges | MappingChanges) -> DiffCounts:
    return {
        "added": len(changes["added"]),
        "removed": len(changes["removed"]),
        "changed": len(changes["changed"]),
    }


OWNING = (ns.EG + "alternative", ns.EG + "criterion")
"""Entry → alternative → criterion: a part is named through its owners."""


def _concerned(before: Iterable[Triple], after: Iterable[Triple]) -> tuple[set[Triple], ...]:
    """The statements of both versions about what the diff shows: the subjects whose statements
    differ, the objects of changed mappings (both are named), and their owners (names of
    parts). The other subjects are the same in both versions and never shown, and indexing only
    these is what keeps a diff of two whole releases fast."""
    old, new = set(before), set(after)
    differing = old ^ new
    shown = {t.subject.value for t in differing if isinstance(t.subject, NamedNode)}
    shown |= {
        t.object.value
        for t in differing
        if t.predicate.value in MAPPING_PROPERTIES and isinstance(t.object, NamedNode)
    }
    owner = {
        t.object.value: t.subject.value
        for version in (old, new)
        for t in version
        if t.predicate.value in OWNING
        and isinstance(t.object, NamedNode)
        and isinstance(t.subject, NamedNode)
    }
    needed = set(shown)
    for iri in shown:
        for _ in OWNING:  # a criterion's alternative, and that alternative's entry
            iri = owner.get(iri, "")
            if not iri:
                break
            needed.add(iri)
    return tuple(
        {t for t in version if isinstance(t.subject, NamedNode) and t.subject.value in needed}
        for version in (old, new)
    )


def diff_triples(before: Iterable[Triple], after: Iterable[Triple]) -> Diff:
    """Added, removed and changed entries, criteria, concepts, labels and mappings, with values."""
    old, new = (_Version.of(version) for version in _concerned(before, after))
    names = _Names(old, new)
    things: dict[Category, ItemChanges] = {
        "entries": _no_items(),
        "criteria": _no_items(),
        "concepts": _no_items(),
        "other": _no_items(),
    }
    labels: LabelChanges = {"added": [], "removed": [], "changed": []}
    for iri in sorted(old.by_subject.keys() | new.by_subject.keys()):
        was, now = old.by_subject.get(iri, {}), new.by_subject.get(iri, {})
        category = _category(iri, old, new)
        if category is None:
            continue
        name = names.name(iri)
        item: DiffItem = {"iri": iri, "id": name, "title": names.title(iri)}
        if not was or not now:
            things[category]["added" if now else "removed"].append(item)
            continue
        if category == "concepts" or category == "entries":
            _label_changes(iri, name, was, now, labels)
        skip = MAPPING_PROPERTIES | (
            LABEL_PROPERTIES if category in ("concepts", "entries") else set()
        )
        changes: list[PropertyChange] = [
            {
                "property": curie(p),
                "before": _values(was.get(p, ())),
                "after": _values(now.get(p, ())),
            }
            for p in sorted((was.keys() | now.keys()) - skip)
            if was.get(p, set()) != now.get(p, set())
        ]
        if changes:
            changed: ChangedItem = {**item, "changes": changes}
            if any(c["property"] == "owl:deprecated" and c["after"] == ["true"] for c in changes):
                changed["deprecated"] = True
            things[category]["changed"].append(changed)
    mappings = _mapping_changes(old, new, names)
    return {
        "summary": {
            "entries": _counts(things["entries"]),
            "criteria": _counts(things["criteria"]),
            "concepts": _counts(things["concepts"]),
            "labels": _counts(labels),
            "mappings": _counts(mappings),
            "other": _counts(things["other"]),
        },
        "entries": things["entries"],
        "criteria": things["criteria"],
        "concepts": things["concepts"],
        "labels": labels,
        "mappings": mappings,
        "other": things["other"],
    }


def _where(label: Label) -> str:
    return f"{label['property']}@{label['language']}" if label["language"] else label["property"]


def _relation(mapping: MappingRelation) -> str:
    return f"skos:{mapping['relation']} {mapping['object']}"


def diff_rows(diff: Diff) -> list[DiffRow]:
    """The diff flattened for a table: category, change, item, property, before, after."""
    rows: list[DiffRow] = []

    def row(
        category: str, change: str, item: str, prop: str = "", before: str = "", after: str = ""
    ) -> None:
        rows.append(
            {
                "category": category,
                "change": change,
                "item": item,
                "property": prop,
                "before": before,
                "after": after,
            }
        )

    sections: tuple[tuple[Category, ItemChanges], ...] = (
        ("entries", diff["entries"]),
        ("criteria", diff["criteria"]),
        ("concepts", diff["concepts"]),
        ("other", diff["other"]),
    )
    for category, section in sections:
        for item in section["added"]:
            row(category, "added", item["id"], after=item["title"] or "")
        for item in section["removed"]:
            row(category, "removed", item["id"], before=item["title"] or "")
        for item in section["changed"]:
            for change in item["changes"]:
                row(
                    category,
                    "changed",
                    item["id"],
                    change["property"],
                    ", ".join(change["before"]),
                    ", ".join(change["after"]),
                )
    labels = diff["labels"]
    for label in labels["added"]:
        row("labels", "added", label["id"], _where(label), after=label["value"])
    for label in labels["removed"]:
        row("labels", "removed", label["id"], _where(label), before=label["value"])
    for changed in labels["changed"]:
        row(
            "labels", "changed", changed["id"], _where(changed), changed["before"], changed["after"]
        )
    for mapping in diff["mappings"]["added"]:
        row("mappings", "added", mapping["subject"], after=_relation(mapping))
    for mapping in diff["mappings"]["removed"]:
        row("mappings", "removed", mapping["subject"], before=_relation(mapping))
    for moved in diff["mappings"]["changed"]:
        row(
            "mappings",
            "changed",
            moved["subject"],
            moved["object"],
            ", ".join("skos:" + r for r in moved["before"]),
            ", ".join("skos:" + r for r in moved["after"]),
        )
    return rows

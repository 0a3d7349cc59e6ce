"""What changed between two versions of the terminology (skos-history style), on asserted triples.

Entries, criteria and concepts are added, removed or changed (property by property, values
before and after); labels and mappings are listed on their own, a label or mapping that was
replaced being one `changed` row with its value before and after.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pyoxigraph import Literal, NamedNode, Triple

from exportgraph import namespaces as ns

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


def show(term: Any) -> str:
    """A term as a reader sees it: literals by value (with @lang), IRIs as CURIEs."""
    if isinstance(term, Literal):
        return f"{term.value}@{term.language}" if term.language else term.value
    if isinstance(term, NamedNode):
        return curie(term.value)
    return str(term)


@dataclass
class _Version:
    """One version indexed by subject."""

    by_subject: dict[str, dict[str, set[Any]]]
    types: dict[str, set[str]]

    @classmethod
    def of(cls, triples: Iterable[Triple]) -> _Version:
        by_subject: dict[str, dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
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
                for alternative in properties.get(ns.EG + "alternative", ()):
                    self.owner[alternative.value] = subject
                for criterion in properties.get(ns.EG + "criterion", ()):
                    self.owner[criterion.value] = subject

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


def _category(iri: str, before: _Version, after: _Version) -> str:
    types = before.types.get(iri, set()) | after.types.get(iri, set())
    if types & ENTRY_TYPES:
        return "entries"
    if ns.EG + "Criterion" in types:
        return "criteria"
    if types & CONCEPT_TYPES:
        return "concepts"
    if types & STRUCTURAL_TYPES:
        return "structural"
    return "other"


def _values(terms: Iterable[Any]) -> list[str]:
    return sorted(show(term) for term in terms)


def _label_changes(
    iri: str,
    name: str,
    old: dict[str, set[Any]],
    new: dict[str, set[Any]],
    out: dict[str, list[Any]],
) -> None:
    for predicate in sorted(LABEL_PROPERTIES):
        by_lang: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
        for term in old.get(predicate, set()) - new.get(predicate, set()):
            by_lang[getattr(term, "language", None) or ""][0].add(term.value)
        for term in new.get(predicate, set()) - old.get(predicate, set()):
            by_lang[getattr(term, "language", None) or ""][1].add(term.value)
        for language, (removed, added) in sorted(by_lang.items()):
            base = {
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


def _mapping_changes(before: _Version, after: _Version, names: _Names) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {"added": [], "removed": [], "changed": []}
    old, new = _mapping_pairs(before), _mapping_pairs(after)
    for subject, obj in sorted(old.keys() | new.keys()):
        was, now = old.get((subject, obj), set()), new.get((subject, obj), set())
        if was == now:
            continue
        base = {"subject": names.name(subject), "object": names.name(obj)}
        if was and now:
            out["changed"].append({**base, "before": sorted(was), "after": sorted(now)})
        else:
            key = "added" if now else "removed"
            out[key] += [{**base, "relation": relation} for relation in sorted(now or was)]
    return out


def diff_triples(before: Iterable[Triple], after: Iterable[Triple]) -> dict[str, Any]:
    """Added, removed and changed entries, criteria, concepts, labels and mappings, with values."""
    old, new = _Version.of(before), _Version.of(after)
    names = _Names(old, new)
    result: dict[str, dict[str, list[Any]]] = {
        category: {"added": [], "removed": [], "changed": []} for category in CATEGORIES
    }
    for iri in sorted(old.by_subject.keys() | new.by_subject.keys()):
        was, now = old.by_subject.get(iri, {}), new.by_subject.get(iri, {})
        category = _category(iri, old, new)
        name = names.name(iri)
        item: dict[str, Any] = {"iri": iri, "id": name, "title": names.title(iri)}
        if category == "structural":
            continue
        if not was or not now:
            result[category]["added" if now else "removed"].append(item)
            continue
        if category == "concepts" or category == "entries":
            _label_changes(iri, name, was, now, result["labels"])
        skip = MAPPING_PROPERTIES | (
            LABEL_PROPERTIES if category in ("concepts", "entries") else set()
        )
        changes = [
            {
                "property": curie(p),
                "before": _values(was.get(p, ())),
                "after": _values(now.get(p, ())),
            }
            for p in sorted((was.keys() | now.keys()) - skip)
            if was.get(p, set()) != now.get(p, set())
        ]
        if changes:
            deprecated = any(
                c["property"] == "owl:deprecated" and c["after"] == ["true"] for c in changes
            )
            entry: dict[str, Any] = {**item, "changes": changes}
            if deprecated:
                entry["deprecated"] = True
            result[category]["changed"].append(entry)
    result["mappings"] = _mapping_changes(old, new, names)
    summary = {
        category: {kind: len(items) for kind, items in result[category].items()}
        for category in CATEGORIES
    }
    return {"summary": summary, **result}


def diff_rows(diff: dict[str, Any]) -> list[dict[str, str]]:
    """The diff flattened for a table: category, change, item, property, before, after."""
    rows: list[dict[str, str]] = []

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

    for category in ("entries", "criteria", "concepts", "other"):
        section = diff[category]
        for item in section["added"]:
            row(category, "added", item["id"], after=item.get("title") or "")
        for item in section["removed"]:
            row(category, "removed", item["id"], before=item.get("title") or "")
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
    for change in ("added", "removed", "changed"):
        for label in diff["labels"][change]:
            where = (
                f"{label['property']}@{label['language']}"
                if label["language"]
                else label["property"]
            )
            before = label.get("before", label.get("value", "")) if change != "added" else ""
            after = label.get("after", label.get("value", "")) if change != "removed" else ""
            row("labels", change, label["id"], where, before, after)
    for change in ("added", "removed"):
        for mapping in diff["mappings"][change]:
            text = f"skos:{mapping['relation']} {mapping['object']}"
            row(
                "mappings",
                change,
                mapping["subject"],
                "",
                text if change == "removed" else "",
                text if change == "added" else "",
            )
    for mapping in diff["mappings"]["changed"]:
        row(
            "mappings",
            "changed",
            mapping["subject"],
            mapping["object"],
            ", ".join("skos:" + r for r in mapping["before"]),
            ", ".join("skos:" + r for r in mapping["after"]),
        )
    return rows

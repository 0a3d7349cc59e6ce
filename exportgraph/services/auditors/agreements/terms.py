"""JSON field names of the vocabulary's properties, read from the bundled JSON-LD context."""

from __future__ import annotations

from functools import cache
from typing import Any

from exportgraph.services.auditors.agreements.parsing import bundled_context


class TermNames:
    """Property IRI → the contract's JSON field name (`eg:effectiveDate` → `effective_date`)."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.names: dict[str, str] = {}
        self.lists: set[str] = set()
        prefixes = {
            k: v
            for k, v in context.items()
            if isinstance(v, str) and not k.startswith("@") and v.endswith(("#", "/"))
        }
        self._walk(context, prefixes)

    def _walk(self, context: dict[str, Any], prefixes: dict[str, str]) -> None:
        for term, definition in context.items():
            if term.startswith("@") or term in prefixes:
                continue
            target = definition if isinstance(definition, str) else definition.get("@id", "")
            if ":" in target and not target.startswith("@"):
                prefix, local = target.split(":", 1)
                iri = prefixes.get(prefix, prefix + ":") + local
                self.names.setdefault(iri, term)
                if isinstance(definition, dict) and definition.get("@container") in (
                    "@set",
                    "@list",
                ):
                    self.lists.add(iri)
            if isinstance(definition, dict) and isinstance(definition.get("@context"), dict):
                self._walk(definition["@context"], prefixes)

    def get(self, iri: str, default: str) -> str:
        return self.names.get(iri, default)

    def is_list(self, iri: str) -> bool:
        return iri in self.lists


@cache
def term_names() -> TermNames:
    """The names of the bundled context (cached)."""
    return TermNames(bundled_context())

"""A subject that names an entry the user has already classified (contract §13):
`{"entry": "US:3A001.a.1"}` in /v1/assess, /v1/risk and plan activities.

    named_entry(knowledge, raw, where) -> NamedEntry

The entry is any entry of the curated tables or any paragraph of the whole official lists; an
unknown one is an InvalidInput (422) naming the field and the term. Its kind is the kind the data
gives it (a curated entry of one kind; software or technology by its entry type or, for a whole
list paragraph, by its product group D or E); otherwise no kind: the entry alone decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from exportgraph.errors import InvalidInput, shown
from exportgraph.knowledge.index import Knowledge

_ID = re.compile(r"^([A-Za-z]{2}):(\S+)$")


@dataclass(frozen=True)
class NamedEntry:
    id: str
    kind: str  # "" when the data gives the entry no single kind
    kind_iri: str


def named_entry(knowledge: Knowledge, raw: object, where: str) -> NamedEntry:
    """The entry a subject names, by public id (`US:3A001.a.1`; jurisdiction aliases apply)."""
    match = _ID.match(raw.strip()) if isinstance(raw, str) else None
    if match is None:
        raise InvalidInput(
            f"{where}: expected an entry id such as US:3A001.a.1, got {shown(raw)}", field=where
        )
    entry_id = f"{knowledge.canonical_code(match.group(1))}:{match.group(2)}"
    entry_id = knowledge.public_id(entry_id) or entry_id  # `us:5b002` → `US:5B002`
    curated = knowledge.entry(entry_id)
    listed = knowledge.listed.paragraph(entry_id)
    if curated is None and listed is None:
        raise InvalidInput(
            f"{where}: no entry {shown(raw)} in the lists of the data (see GET /v1/entries)",
            field=where,
        )
    kind = ""
    typed = knowledge.kinds.get(curated.type) if curated is not None else None
    if curated is not None and typed is not None and knowledge.serves_another_kind(typed.iri):
        kind = curated.type  # a software or technology entry: the item is of that kind
    elif curated is not None and len(curated.kinds) == 1:
        kind = knowledge.kind_notation(next(iter(curated.kinds)))
    elif curated is None and listed is not None:
        kind = knowledge.product_group_kind(listed.code)
    concept = knowledge.kinds.get(kind)
    return NamedEntry(
        curated.id if curated is not None else entry_id,
        kind if concept else "",
        concept.iri if concept else "",
    )

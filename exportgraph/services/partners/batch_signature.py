"""What, beside its numeric parameters, decides an item's answer in a batch."""

from __future__ import annotations

from dataclasses import dataclass

from exportgraph.services.partners.items import Item


@dataclass(frozen=True)
class Signature:
    """What, beside its numeric parameters, decides an item's answer; for software and
    technology, with the signature of the item served (same facts and form)."""

    kind_iri: str
    for_kind_iri: str | None = None
    purpose: str | None = None
    facts: tuple[tuple[str, bool], ...] = ()  # sorted by fact
    form: str | None = None  # material form
    served: Signature | None = None

    @classmethod
    def of(cls, item: Item) -> Signature:
        return cls(
            item.kind_iri,
            item.for_kind_iri,
            item.purpose,
            tuple(sorted(item.facts.items())),
            item.material_form,
            cls.of(item.served) if item.served is not None else None,
        )

    @property
    def chain(self) -> tuple[str, ...]:
        """The kinds of the item and of the items it serves, outermost first."""
        return (self.kind_iri, *(self.served.chain if self.served else ()))

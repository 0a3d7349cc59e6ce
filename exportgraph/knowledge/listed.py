"""What the whole official lists say beyond the curated entries, as plain immutable values: every
paragraph's id and place in its tree, the ECCNs' licence-requirement rows and list-based licence
exceptions, the Commerce Country Chart rows (with the territories governed by another row), and
the general export authorisations. Read once per data version by exportgraph.knowledge.read_listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    """An entry or lettered paragraph of a whole list (`US:3A001.a.1`)."""

    iri: str
    id: str
    code: str
    jurisdiction: str
    parent: str | None  # IRI of the paragraph it stands under


@dataclass(frozen=True)
class RequirementRow:
    """One row of an ECCN's License Requirements: reason, what it applies to, the chart cell."""

    order: int
    reason: str | None
    applies_to: str
    chart: str
    columns: tuple[str, ...]  # NS1, AT1 … (empty when the cell states another rule)


@dataclass(frozen=True)
class ListedException:
    """What an ECCN's List Based License Exceptions paragraph says for one exception."""

    code: str  # LVS, GBS, STA, NAC/ACA …
    text: str


@dataclass(frozen=True)
class ChartRow:
    """A destination's row of the Commerce Country Chart."""

    destination: str  # ISO code
    name: str  # as the chart writes it
    embargoed: bool
    columns: frozenset[str]  # columns marked X
    footnotes: tuple[str, ...]
    pointer: str | None  # for an embargoed row: where the EAR sends the reader


@dataclass(frozen=True)
class Inheritance:
    """A destination without a row of its own, governed by another destination's row."""

    row_of: str  # ISO code of the destination whose row applies
    basis: str | None


@dataclass(frozen=True)
class GeneralAuthorisation:
    """A general export authorisation as its official text reads (EU001 … EU008)."""

    iri: str
    id: str  # public id, `EU:EU001`
    code: str  # EU001
    jurisdiction: str
    title: str
    text: str
    covers_all_items: bool  # all list items except `excludes`; else only `covers`
    covers: frozenset[str]  # entry codes
    excludes: frozenset[str]
    excluded_words: tuple[str, ...]  # exclusions the text writes in words
    all_destinations: bool  # all destinations except `destinations`; else only them
    destinations: frozenset[str]
    destination_names: tuple[str, ...]  # destinations named without an ISO code
    destination_conditions: tuple[str, ...]
    source_file: str
    source_version: str


@dataclass(frozen=True)
class ListedData:
    """The whole lists' data the services read (empty where the store has no whole lists)."""

    paragraphs: dict[str, Paragraph] = field(default_factory=dict)  # public id → paragraph
    by_iri: dict[str, Paragraph] = field(default_factory=dict)
    requirements: dict[str, tuple[RequirementRow, ...]] = field(default_factory=dict)  # IRI →
    exceptions: dict[str, tuple[ListedException, ...]] = field(default_factory=dict)  # IRI →
    chart: dict[str, ChartRow] = field(default_factory=dict)  # ISO code → row
    inherits: dict[str, Inheritance] = field(default_factory=dict)  # ISO code → …
    authorisations: tuple[GeneralAuthorisation, ...] = ()

    def paragraph(self, public_id: str) -> Paragraph | None:
        return self.paragraphs.get(public_id)

    def top(self, paragraph: Paragraph) -> Paragraph:
        """The entry a paragraph belongs to (3A001 for 3A001.a.1)."""
        found = paragraph
        while found.parent is not None and found.parent in self.by_iri:
            found = self.by_iri[found.parent]
        return found

    def lineage(self, paragraph: Paragraph) -> list[Paragraph]:
        """The paragraph and every paragraph above it, itself first."""
        chain = [paragraph]
        while chain[-1].parent is not None and chain[-1].parent in self.by_iri:
            chain.append(self.by_iri[chain[-1].parent])
        return chain

"""The whole official lists as RDF (vocabulary: the "whole official lists" part of
ontology/core.ttl; see docs/data-model.md).

Every paragraph becomes an ``eg:ListedEntry`` at the entry IRI of its code, with its words, its
notes, its place in the tree and the source file it was read from (a ``prov:Entity`` with version,
retrieval date and sha256). Where the curated tables define the same code, only text, notes,
definitions and tree links are added: the curated criteria, kinds, scope, titles and sort keys stay
the only ones (no second value for a property the services read as single-valued). Every other
paragraph is marked ``eg:criteriaFormalized false``: known only as text.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from exportgraph.loaders.annex_i import AnnexI
from exportgraph.loaders.ccl_model import CommerceControlList, Eccn
from exportgraph.loaders.country_chart import CountryChart, CountryGroups
from exportgraph.loaders.formalize_words import stated_thresholds
from exportgraph.loaders.listed_text import Note, SourceFile, TextNode
from pyoxigraph import Literal, NamedNode, Triple

from exportgraph import namespaces as ns

RDF_TYPE = ns.iri(ns.RDF, "type")
RDFS_LABEL = ns.iri(ns.RDFS, "label")
SKOS_NOTATION = ns.iri(ns.SKOS, "notation")
DCT_IDENTIFIER = ns.iri(ns.DCTERMS, "identifier")
DCT_TITLE = ns.iri(ns.DCTERMS, "title")
DCT_HAS_VERSION = ns.iri(ns.DCTERMS, "hasVersion")
DCT_RIGHTS = ns.iri(ns.DCTERMS, "rights")
PROV_ENTITY = ns.iri(ns.PROV, "Entity")
PROV_DERIVED = ns.iri(ns.PROV, "wasDerivedFrom")
XSD_BOOLEAN = ns.iri(ns.XSD, "boolean")
XSD_INTEGER = ns.iri(ns.XSD, "integer")
SKOS_CONCEPT = ns.iri(ns.SKOS, "Concept")
SKOS_SCHEME = ns.iri(ns.SKOS, "ConceptScheme")
SKOS_IN_SCHEME = ns.iri(ns.SKOS, "inScheme")
SKOS_PREF_LABEL = ns.iri(ns.SKOS, "prefLabel")
SKOS_DEFINITION = ns.iri(ns.SKOS, "definition")
SKOS_NOTE = ns.iri(ns.SKOS, "note")
LISTS = {"US": "CCL", "EU": "ANNEX-I"}
"""The curated list id (ontology/controls/{J}/lists.csv) each whole list is loaded into."""


@dataclass
class Triples:
    """Triples collected in order, with the few shapes the whole-list RDF uses."""

    triples: list[Triple] = field(default_factory=list)

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.triples.append(Triple(s, p, o))

    def text(self, s: NamedNode, p: NamedNode, value: str, lang: str | None = "en") -> None:
        if value:
            self.add(s, p, Literal(value, language=lang) if lang else Literal(value))

    def flag(self, s: NamedNode, p: NamedNode, value: bool) -> None:
        self.add(s, p, Literal("true" if value else "false", datatype=XSD_BOOLEAN))

    def order(self, s: NamedNode, value: int) -> None:
        self.add(s, ns.eg("textOrder"), Literal(str(value), datatype=XSD_INTEGER))


def source_file(graph: Triples, source: SourceFile) -> NamedNode:
    """The file as a prov:Entity: where it is, its version, retrieval date and sha256."""
    node = ns.source_file_iri(source.name)
    graph.add(node, RDF_TYPE, PROV_ENTITY)
    graph.text(node, DCT_IDENTIFIER, source.name, None)
    graph.text(node, DCT_TITLE, source.title)
    graph.text(node, DCT_HAS_VERSION, source.version, None)
    graph.text(node, ns.eg("retrievedOn"), source.retrieved, None)
    graph.text(node, ns.eg("sha256"), source.sha256, None)
    graph.text(node, DCT_RIGHTS, source.attribution)
    return node


def tree(
    graph: Triples,
    root: TextNode,
    source: NamedNode,
    curated: Collection[str],
    formalized: Collection[str] = (),
) -> None:
    """Every paragraph of one entry. The entry names the file it was read from; its paragraphs
    reach it through eg:paragraphOf (their order is their codes' order). ``formalized``: the
    codes whose criteria loaders/formalize.py read from the text."""
    jurisdiction = root.jurisdiction
    graph.add(ns.entry_iri(jurisdiction, root.code), PROV_DERIVED, source)
    for node in root.walk():
        subject = ns.entry_iri(jurisdiction, node.code)
        graph.add(subject, RDF_TYPE, ns.eg("ListedEntry"))
        graph.add(subject, ns.eg("listedIn"), ns.list_iri(jurisdiction, LISTS[jurisdiction]))
        graph.text(subject, ns.eg("officialText"), node.text)
        stated = stated_thresholds(node.text)
        if stated:
            graph.add(
                subject, ns.eg("statedThresholds"), Literal(str(stated), datatype=XSD_INTEGER)
            )
        if (
            node.code not in curated
        ):  # (its jurisdiction is the list's: eg:listedIn/eg:jurisdiction)
            graph.text(subject, DCT_IDENTIFIER, node.public_id, None)
            graph.text(subject, SKOS_NOTATION, node.code, None)
            graph.flag(subject, ns.eg("criteriaFormalized"), node.code in formalized)
        else:
            graph.flag(subject, ns.eg("criteriaFormalized"), True)
        if node.parent is not None:
            graph.add(subject, ns.eg("paragraphOf"), ns.entry_iri(jurisdiction, node.parent))
        notes(graph, subject, node.notes)


def notes(graph: Triples, subject: NamedNode, found: Iterable[Note]) -> None:
    for number, note in enumerate(found, start=1):
        node = NamedNode(f"{subject.value}/note/{number}")
        graph.add(subject, ns.eg("listNote"), node)
        graph.add(node, RDF_TYPE, ns.eg("ListNote"))
        graph.text(node, ns.eg("noteKind"), note.kind, None)
        graph.text(node, DCT_TITLE, note.heading)
        graph.text(node, ns.eg("officialText"), note.text)
        graph.order(node, number)


def ccl(
    graph: Triples,
    data: CommerceControlList,
    curated: Collection[str],
    formalized: Collection[str] = (),
) -> None:
    """The Commerce Control List: trees plus each ECCN's header (reasons, chart rows, exceptions)."""
    source = source_file(graph, data.source)
    for eccn in data.entries:
        tree(graph, eccn.tree, source, curated, formalized)
        _eccn_header(graph, eccn, curated)
    for number, group in enumerate(data.group_texts, start=1):
        node = NamedNode(f"{ns.EGID}list-text/US/{number}")
        graph.add(node, PROV_DERIVED, source)
        graph.text(node, ns.eg("categoryHeading"), group.category, None)
        graph.text(node, ns.eg("productGroupHeading"), group.group, None)
        graph.text(node, ns.eg("subHeading"), group.heading)
        notes(graph, node, group.notes)


def _eccn_header(graph: Triples, eccn: Eccn, curated: Collection[str]) -> None:
    subject = ns.entry_iri("US", eccn.code)
    if eccn.code not in curated:
        graph.text(subject, DCT_TITLE, eccn.heading)
    graph.text(subject, ns.eg("category"), eccn.category, None)
    graph.text(subject, ns.eg("categoryHeading"), eccn.category_title)
    graph.text(subject, ns.eg("productGroupHeading"), f"{eccn.group}. {eccn.group_title}")
    graph.text(subject, ns.eg("subHeading"), eccn.subheading)
    for reason in eccn.reasons:
        graph.text(subject, ns.eg("reasonsForControl"), reason, None)
    graph.text(subject, ns.eg("relatedControls"), eccn.related_controls)
    graph.text(subject, ns.eg("relatedDefinitions"), eccn.related_definitions)
    for label, words in eccn.other_paragraphs:
        graph.text(subject, ns.eg("headerParagraph"), f"{label}: {words}")
    for number, row in enumerate(eccn.licence_requirements, start=1):
        node = NamedNode(f"{subject.value}/chart-row/{number}")
        graph.add(subject, ns.eg("chartRequirement"), node)
        graph.add(node, RDF_TYPE, ns.eg("ChartRequirement"))
        graph.order(node, number)
        if row.reason:
            graph.text(node, ns.eg("reasonForControl"), row.reason, None)
        graph.text(node, ns.eg("appliesTo"), row.applies_to)
        graph.text(node, ns.eg("chartText"), row.chart)
        for column in row.columns:
            graph.add(node, ns.eg("chartColumn"), ns.chart_column_iri("US", column))
    for number, exception in enumerate(eccn.licence_exceptions, start=1):
        node = NamedNode(f"{subject.value}/list-based-exception/{number}")
        graph.add(subject, ns.eg("listedException"), node)
        graph.add(node, RDF_TYPE, ns.eg("ListedException"))
        graph.text(node, SKOS_NOTATION, exception.code, None)
        graph.text(node, ns.eg("officialText"), exception.text)
        graph.order(node, number)


def annex_i(
    graph: Triples,
    data: AnnexI,
    curated: Collection[str],
    curated_exceptions: Collection[str],
    formalized: Collection[str] = (),
) -> None:
    """EU Annex I: trees, the defined terms (a SKOS scheme) and the general authorisations."""
    source = source_file(graph, data.source)
    scheme = NamedNode(f"{ns.EGID}scheme/defined-terms/EU")
    graph.add(scheme, RDF_TYPE, SKOS_SCHEME)
    graph.text(scheme, DCT_TITLE, "Definitions of terms used in Annex I, Regulation (EU) 2021/821")
    graph.add(scheme, PROV_DERIVED, source)
    for term in data.terms:
        node = ns.defined_term_iri("EU", term.key)
        graph.add(node, RDF_TYPE, SKOS_CONCEPT)
        graph.add(node, SKOS_IN_SCHEME, scheme)
        graph.text(node, SKOS_PREF_LABEL, term.term)
        graph.text(node, SKOS_DEFINITION, term.definition)
        for category in term.categories:
            graph.text(node, ns.eg("category"), category, None)
        for note in term.notes:
            graph.text(node, SKOS_NOTE, note)
    for entry in data.entries:
        tree(graph, entry.tree, source, curated, formalized)
        subject = ns.entry_iri("EU", entry.code)
        if entry.code not in curated:
            # its first line, as formalize_rdf titles a formalized entry: one title per entry (EU
            # 7A008 goes on "For other marine systems, see 8A002.")
            graph.text(subject, DCT_TITLE, entry.tree.text.split("\n", 1)[0])
        graph.text(subject, ns.eg("category"), entry.category, None)
        for key in entry.defined_terms:
            graph.add(subject, ns.eg("quotesDefinedTerm"), ns.defined_term_iri("EU", key))
    for gea in data.authorisations:
        node = ns.exception_iri("EU", gea.id)
        graph.add(node, RDF_TYPE, ns.eg("GeneralAuthorisation"))
        graph.add(node, PROV_DERIVED, source)
        graph.text(node, ns.eg("officialText"), gea.text)
        if gea.id not in curated_exceptions:
            graph.text(node, DCT_IDENTIFIER, f"EU:{gea.id}", None)
            graph.text(node, SKOS_NOTATION, gea.id, None)
            graph.text(node, DCT_TITLE, gea.title)
            graph.add(node, ns.eg("jurisdiction"), ns.jurisdiction_iri("EU"))
        graph.flag(node, ns.eg("coversAllItems"), gea.covers_all_items)
        item = ns.eg("excludesItem") if gea.covers_all_items else ns.eg("coversItem")
        for code in gea.item_codes:
            graph.add(node, item, ns.entry_iri("EU", code))
        for words in gea.excluded_items:
            graph.text(node, ns.eg("excludedItems"), words)
        if any("Section I" in words for words in gea.excluded_items):
            for code in data.section_i:
                graph.add(node, ns.eg("excludesItem"), ns.entry_iri("EU", code))
        graph.flag(node, ns.eg("allDestinations"), gea.all_destinations)
        for name, iso in gea.destinations:
            _country(graph, node, ("authorisedDestination", "destinationName"), name, iso)
        for condition in gea.destination_conditions:
            graph.text(node, ns.eg("destinationCondition"), condition)


def country_chart(graph: Triples, chart: CountryChart) -> None:
    """The Country Chart: its columns and, per destination, the columns marked X."""
    source = source_file(graph, chart.source)
    for column, label in chart.columns.items():
        node = ns.chart_column_iri("US", column)
        graph.add(node, RDF_TYPE, ns.eg("ChartColumn"))
        graph.text(node, SKOS_NOTATION, column, None)
        graph.text(node, RDFS_LABEL, f"{label} column {column[2:]}")
        graph.add(node, PROV_DERIVED, source)
    for country in chart.countries:
        node = NamedNode(f"{ns.EGID}chart-row/US/{country.iso or _slug(country.name)}")
        graph.add(node, RDF_TYPE, ns.eg("ChartRow"))
        graph.add(node, PROV_DERIVED, source)
        graph.text(node, ns.eg("nameInSource"), country.name)
        if country.iso:
            graph.add(node, ns.eg("chartDestination"), ns.jurisdiction_iri(country.iso))
        for mark in country.marks:
            graph.add(node, ns.eg("marked"), ns.chart_column_iri("US", mark))
        for footnote in country.footnotes:
            graph.text(node, ns.eg("footnote"), f"{footnote}. {chart.footnotes[footnote]}")
        graph.flag(node, ns.eg("embargoed"), country.embargoed)
        graph.text(node, ns.eg("note"), country.pointer)


def country_groups(graph: Triples, groups: CountryGroups) -> None:
    source = source_file(graph, groups.source)
    for group in groups.groups:
        node = ns.country_group_iri("US", group.code)
        graph.add(node, RDF_TYPE, ns.eg("CountryGroup"))
        graph.add(node, PROV_DERIVED, source)
        graph.add(node, ns.eg("jurisdiction"), ns.jurisdiction_iri("US"))
        graph.text(node, SKOS_NOTATION, group.code, None)
        graph.text(node, RDFS_LABEL, _group_label(group.code, group.label))
        for name, iso in group.members:
            _country(graph, node, ("member", "memberName"), name, iso)
    for note in groups.notes:
        graph.text(ns.source_file_iri(groups.source.name), SKOS_NOTE, note)


def _group_label(code: str, title: str) -> str:
    """``Country Group A:1 — Wassenaar Arrangement participating states`` (B has no title)."""
    name = f"Country Group {code}"
    return name if title in ("", name) else f"{name} — {title}"


def _country(
    graph: Triples, node: NamedNode, properties: tuple[str, str], name: str, iso: str | None
) -> None:
    """A country the text names: its jurisdiction IRI, or its name when it has no ISO code."""
    if iso:
        graph.add(node, ns.eg(properties[0]), ns.jurisdiction_iri(iso))
    else:
        graph.text(node, ns.eg(properties[1]), name)


def _slug(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in name.casefold()).split())

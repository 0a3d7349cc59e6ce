"""The products corpus (ontology/products/*/{products,sources,figures}.csv) as RDF: one eg:Product
(schema.org Product) per row, one eg:Figure per published figure with its value as published (or
unknown), unit, benchmark, source, date and quote. Errors name the file, line and column."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from exportgraph.loaders.tables import Row, SourceDataError, read_table
from pyoxigraph import Literal, NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.numbers import in_range

SCHEMA = "https://schema.org/"
STATUSES = ("commercial", "cloud-access", "announced", "research-prototype", "discontinued")
SOURCE_TYPES = ("datasheet", "paper", "announcement", "documentation", "news", "other")
RDF_TYPE = NamedNode(ns.RDF + "type")
XSD_DECIMAL = NamedNode(ns.XSD + "decimal")
XSD_BOOLEAN = NamedNode(ns.XSD + "boolean")
XSD_ANYURI = NamedNode(ns.XSD + "anyURI")


def product_iri(product_id: str) -> NamedNode:
    return NamedNode(f"{ns.EGID}product/{product_id}")


def product_source_iri(source_id: str) -> NamedNode:
    return NamedNode(f"{ns.EGID}product-source/{source_id}")


def _text(triples: list[Triple], subject: NamedNode, predicate: NamedNode, value: str) -> None:
    if value:
        triples.append(Triple(subject, predicate, Literal(value)))


def _schema(local: str) -> NamedNode:
    return NamedNode(SCHEMA + local)


def _name(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root.parent.parent))
    except ValueError:
        return str(path)


def _new_id(row: Row, known: set[str], what: str) -> str:
    """The row's id, refused if an earlier row of any folder used it."""
    value = row.require("id")
    if value in known:
        raise row.error("id", f"{what} id {value!r} is used twice")
    known.add(value)
    return value


def _one_of(row: Row, column: str, allowed: tuple[str, ...]) -> str:
    value = row.require(column)
    if value not in allowed:
        raise row.error(column, f"expected one of {', '.join(allowed)}, got {value!r}")
    return value


def _sources(root: Path, folder: Path, triples: list[Triple], known: set[str]) -> None:
    path = folder / "sources.csv"
    for row in read_table(path, ("id", "title", "type", "url"), name=_name(root, path)):
        source_id = _new_id(row, known, "source")
        kind = _one_of(row, "type", SOURCE_TYPES)
        node = product_source_iri(source_id)
        triples += [
            Triple(node, RDF_TYPE, ns.eg("ProductSource")),
            Triple(node, NamedNode(ns.DCTERMS + "identifier"), Literal(source_id)),
            Triple(node, ns.eg("url"), Literal(row.require("url"), datatype=XSD_ANYURI)),
        ]
        _text(triples, node, NamedNode(ns.DCTERMS + "title"), row.require("title"))
        _text(triples, node, NamedNode(ns.DCTERMS + "publisher"), row.get("publisher"))
        _text(triples, node, NamedNode(ns.DCTERMS + "date"), row.get("date"))
        _text(triples, node, ns.eg("sourceType"), kind)


def _products(
    root: Path, folder: Path, triples: list[Triple], known: set[str], sources: set[str]
) -> None:
    path = folder / "products.csv"
    columns = ("id", "name", "manufacturer", "kind", "category", "status", "source")
    for row in read_table(path, columns, name=_name(root, path)):
        product_id = _new_id(row, known, "product")
        status = _one_of(row, "status", STATUSES)
        node = product_iri(product_id)
        triples += [
            Triple(node, RDF_TYPE, ns.eg("Product")),
            Triple(node, NamedNode(ns.DCTERMS + "identifier"), Literal(product_id)),
            Triple(node, ns.eg("itemKind"), ns.concept_iri("kind", row.require("kind"))),
            Triple(node, NamedNode(ns.DCTERMS + "source"), _source(row, "source", sources)),
        ]
        _text(triples, node, _schema("name"), row.require("name"))
        _text(triples, node, _schema("manufacturer"), row.require("manufacturer"))
        _text(triples, node, ns.eg("productCategory"), row.require("category"))
        _text(triples, node, ns.eg("modality"), row.get("modality"))
        _text(triples, node, ns.eg("productStatus"), status)
        _text(triples, node, ns.eg("announced"), row.get("announced"))
        _text(triples, node, _schema("description"), row.get("description"))


def _source(row: Row, column: str, sources: set[str]) -> NamedNode:
    source_id = row.require(column)
    if source_id not in sources:
        raise row.error(column, f"unknown source id {source_id!r} (not in any sources.csv)")
    return product_source_iri(source_id)


def _value(row: Row) -> Literal:
    """The value as published: a number, true/false, or a word (a material form)."""
    text = row.require("value")
    if text.lower() in ("true", "false"):
        return Literal(text.lower(), datatype=XSD_BOOLEAN)
    try:
        number = Decimal(text)
    except InvalidOperation:
        if not text.replace("-", "").isalnum():
            raise row.error(
                "value", f"expected a number, true/false, a word or unknown, got {text!r}"
            ) from None
        return Literal(text)
    if not in_range(number):
        raise row.error("value", f"expected a finite number of a usable size, got {text!r}")
    return Literal(format(number, "f") if "e" in text.lower() else text, datatype=XSD_DECIMAL)


def _figures(
    root: Path, folder: Path, triples: list[Triple], products: set[str], sources: set[str]
) -> None:
    path = folder / "figures.csv"
    counts: dict[str, int] = {}
    columns = ("product", "parameter", "value", "unit", "benchmark", "source")
    for row in read_table(path, columns, name=_name(root, path)):
        product_id = row.require("product")
        if product_id not in products:
            raise row.error("product", f"unknown product id {product_id!r}")
        counts[product_id] = counts.get(product_id, 0) + 1
        product = product_iri(product_id)
        node = NamedNode(f"{product.value}/figure/{counts[product_id]}")
        triples += [
            Triple(product, ns.eg("figure"), node),
            Triple(node, RDF_TYPE, ns.eg("Figure")),
            Triple(node, ns.eg("parameter"), ns.concept_iri("parameter", row.require("parameter"))),
            Triple(node, NamedNode(ns.DCTERMS + "source"), _source(row, "source", sources)),
        ]
        if row.require("value").lower() == "unknown":
            triples.append(
                Triple(node, ns.eg("figureUnknown"), Literal("true", datatype=XSD_BOOLEAN))
            )
        else:
            triples.append(Triple(node, ns.eg("figureValue"), _value(row)))
        _text(triples, node, ns.eg("unitText"), row.get("unit"))
        _text(triples, node, ns.eg("benchmark"), row.get("benchmark"))
        _text(triples, node, ns.eg("sourceDate"), row.get("source_date"))
        _text(triples, node, ns.eg("quote"), row.get("quote"))
        _text(triples, node, ns.eg("note"), row.get("note"))


def load_products(root: Path) -> list[Triple]:
    """Every folder below ontology/products/ (products, sources and figures tables) as RDF;
    no folder, no products."""
    triples: list[Triple] = []
    if not root.is_dir():
        return triples
    folders = sorted(p for p in root.iterdir() if (p / "products.csv").is_file())
    sources: set[str] = set()
    products: set[str] = set()
    for folder in folders:
        _sources(root, folder, triples, sources)
    for folder in folders:
        _products(root, folder, triples, products, sources)
    for folder in folders:
        _figures(root, folder, triples, products, sources)
    return triples


__all__ = ["SourceDataError", "load_products", "product_iri"]

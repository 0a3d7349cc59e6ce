"""One public-id lookup (Knowledge.public_id) for every reader of an entry id: a subject naming an
entry (contract §13) and the page of a whole-list paragraph find the same entry from any
spelling — jurisdiction alias, letter case — and nothing from an id no list has."""

from __future__ import annotations

from dataclasses import replace

from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.services.partners.entry_subject import named_entry
from exportgraph.services.reference.listed_entries import listed_entry


def test_any_spelling_finds_the_id_the_data_writes(context: Context) -> None:
    knowledge = current(context)
    assert knowledge.public_id("us:4a906.a.1") == "US:4A906.a.1"  # curated
    assert knowledge.public_id("US:3a001.A.1") == "US:3A001.a.1"  # whole-list paragraph only
    assert knowledge.public_id("EU:4A506") == "EU:4A506"
    curated_gb = next(i for i in knowledge.entries_by_id if i.startswith("GB:"))
    assert knowledge.public_id("uk:" + curated_gb[3:].swapcase()) == curated_gb  # alias, case
    assert knowledge.public_id("US:3A001.zz.9") is None
    assert knowledge.public_id("3A001") is None  # no jurisdiction: no list says which


def test_the_subject_and_the_paragraph_page_agree(context: Context) -> None:
    knowledge = current(context)
    for spelled in ("us:3a001.a.1", "Us:5B002", "eu:6a005"):
        subject = named_entry(knowledge, spelled, "subject.entry")
        page = listed_entry(knowledge, context.store, spelled)
        assert subject.id == page["id"] == knowledge.public_id(spelled)


def test_a_software_or_technology_entry_names_the_kind_that_serves_another(
    context: Context,
) -> None:
    knowledge = current(context)
    serving = [e for e in knowledge.entries.values() if e.type in ("software", "technology")]
    assert {e.type for e in serving} == {"software", "technology"}
    for entry in serving:
        subject = named_entry(knowledge, entry.id, "subject.entry")
        assert subject.kind == entry.type, entry.id
        assert knowledge.serves_another_kind(subject.kind_iri)


def test_a_listed_entry_takes_the_kind_of_its_product_group_from_the_data(
    context: Context,
) -> None:
    """A paragraph known only as text is about what its product group's entries are about
    (eg:entriesAbout in ontology/vocabulary.ttl: group D software, group E technology)."""
    knowledge = current(context)
    assert named_entry(knowledge, "US:5D002", "subject.entry").kind == "software"
    assert named_entry(knowledge, "EU:6E001", "subject.entry").kind == "technology"
    assert named_entry(knowledge, "US:6A001", "subject.entry").kind == ""
    without = replace(knowledge, schemes={**knowledge.schemes, "product-groups": {}})
    assert named_entry(without, "US:5D002", "subject.entry").kind == ""

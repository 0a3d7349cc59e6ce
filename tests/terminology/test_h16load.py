"""What a write costs that grew with the store's history (reads under writes, issue 10 point 5):
the conditional write's scan of the whole write log, and the re-read of a concept's labels
(quadratic in its labels) and of every scheme after each label approved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from pyoxigraph import Literal

from exportgraph import namespaces as ns
from exportgraph.graph.journal import (
    CHANGES_GRAPH,
    JournalState,
    WriteRaced,
    conditional_write,
    quad,
    read_state,
)
from exportgraph.knowledge.current import of_store
from exportgraph.knowledge.read_concepts import _ConceptDraft, _schemes, _schemes_after
from exportgraph.store import Store

MARKER = ns.eg("marker")
SKOS_ALT = ns.SKOS + "altLabel"


def _mark(store: Store, state: JournalState, value: str) -> JournalState:
    statement = quad(MARKER, MARKER, Literal(value), CHANGES_GRAPH)
    return conditional_write(store, state, "test", MARKER, insert=[statement])


def _updates(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The update texts the store runs from now on."""
    texts: list[str] = []
    run: Callable[[str], None] = store._run_update  # type: ignore[attr-defined]

    def recording(text: str) -> None:
        texts.append(text)
        run(text)

    monkeypatch.setattr(store, "_run_update", recording)
    return texts


def test_a_write_on_a_store_recording_its_sequence_reads_no_write_log(
    fresh_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the store records its journal sequence, the condition of a write is that sequence
    alone: the branch for stores from before it (every log entry compared) is left out, so a
    write costs the same after 100,000 writes as after one. It still refuses a stale state."""
    first = read_state(fresh_store)
    written = _mark(fresh_store, first, "1")
    assert written.recorded is True
    state = read_state(fresh_store)
    assert state == written and state.recorded is True
    texts = _updates(fresh_store, monkeypatch)
    after = _mark(fresh_store, state, "2")
    assert after.sequence == state.sequence + 1
    assert "UNION" not in texts[0] and "FILTER NOT EXISTS" not in texts[0]
    with pytest.raises(WriteRaced):  # the sequence alone still refuses a stale state
        _mark(fresh_store, state, "3")
    # a state built elsewhere (recorded unknown) keeps both branches, and applies
    unknown = JournalState(after.data_version, after.sequence)
    assert unknown.recorded is None and unknown == after  # equal states whatever it says
    texts.clear()
    assert _mark(fresh_store, unknown, "4").sequence == after.sequence + 1
    assert "UNION" in texts[0]
    with pytest.raises(WriteRaced):
        _mark(fresh_store, unknown, "5")


def test_a_store_from_before_the_journal_sequence_still_takes_writes(
    fresh_store: Store,
) -> None:
    """A store without the recorded sequence (a state read from it says so) is written with
    the log's highest number as its condition, as before; the write then records it."""
    sequence = f"<{ns.EG}journalSequence>"
    fresh_store.update(
        f"DELETE WHERE {{ GRAPH <{ns.EGID}graph/meta> {{ ?s {sequence} ?n }} }}",
        bookkeeping=True,
    )
    legacy = read_state(fresh_store)
    assert legacy.recorded is False
    written = _mark(fresh_store, legacy, "1")
    assert written.sequence == legacy.sequence + 1
    assert read_state(fresh_store).recorded is True
    with pytest.raises(WriteRaced):
        _mark(fresh_store, legacy, "2")


def test_a_concepts_texts_are_kept_once_in_the_order_read() -> None:
    draft = _ConceptDraft("cnot-error")
    for value in ("b", "a", "b", "c", "a"):
        draft.add(SKOS_ALT, Literal(value, language="de"))
    draft.add(SKOS_ALT, Literal("a", language="fr"))
    texts = draft.concept("urn:c").texts
    assert texts["alt"] == {"de": ("b", "a", "c"), "fr": ("a",)}


def test_schemes_after_a_text_change_are_those_read_whole(fixture_store: Store) -> None:
    """The schemes kept after a label changed name the new concept where the old one was named,
    and equal those built from every concept; the previous version's schemes are untouched."""
    knowledge = of_store(fixture_store)
    previous = knowledge.schemes
    concepts = dict(knowledge.concepts)
    named = [c for scheme in previous.values() for c in scheme.values()][:3]
    assert named, "the fixture has concepts in schemes"
    changed = set()
    for concept in named:
        texts = {**concept.texts, "alt": {"de": ("neu",)}}
        concepts[concept.iri] = replace(concept, texts=texts)
        changed.add(concept.iri)
    after = _schemes_after(previous, concepts, changed)
    assert after == _schemes(concepts)
    for concept in named:
        assert after[concept.scheme or ""][concept.notation] is concepts[concept.iri]
        assert previous[concept.scheme or ""][concept.notation] is concept

"""The "before" side of a what-if — a corpus read and decided on the current index — kept per data
version and corpus: a reviewer tries change after change on the same corpus, and its "before"
answers do not depend on the change.

A corpus is known by its content (a digest of its serialization: equal digests are equal
corpora; the same items with their fields in another order only miss the cache; a corpus of
objects marshal cannot write is not kept), the products corpus by its name (its items come from
the data version itself). A few corpora are kept per data version, the most recently used ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.batch_compiled import Results, compiled, decide
from exportgraph.services.partners.batch_items import ItemReader, Parsed, Row

_KEPT = 2  # corpora kept per data version (the products and the one a reviewer works on)
Key = tuple[dt.date, tuple[str, ...], str]
# marshal's version 2 writes equal JSON values alike (from version 3 on, what it writes depends on
# which objects are shared or interned); twice as fast as pickle on a 100,000-item corpus
_MARSHAL = 2


@dataclass(frozen=True)
class Before:
    """A corpus read and decided on the current index."""

    rows: Sequence[Row]
    reader: ItemReader
    parsed: Parsed
    results: list[Results | None]


def decided(knowledge: Knowledge, rows: Sequence[Row], codes: Sequence[str], on: dt.date) -> Before:
    """Read the rows and decide them for `codes`; the first item that does not read is raised."""
    reader = ItemReader(knowledge)
    parsed = Parsed()
    reader.read(parsed, rows)
    if parsed.errors:
        raise parsed.errors[min(parsed.errors)]
    return Before(rows, reader, parsed, decide(compiled(knowledge, on), reader, parsed, codes))


def corpus_key(corpus: object, name: str | None) -> str | None:
    """What a corpus is known by: `name` for a named corpus, else a digest of its content (None
    when it has no serialization)."""
    if name is not None:
        return name
    try:
        written = marshal.dumps(corpus, _MARSHAL)  # type: ignore[arg-type]  # else ValueError
        return hashlib.blake2b(written, digest_size=20).hexdigest()
    except Exception:  # not JSON-like (a Python caller's objects): not kept
        return None


class _Kept:
    def __init__(self) -> None:
        self.corpora: OrderedDict[Key, Before] = OrderedDict()
        self.lock = threading.Lock()


def _kept(knowledge: Knowledge) -> _Kept:
    return knowledge.derived("impact.before", lambda _: _Kept())


def kept(knowledge: Knowledge, key: Key) -> Before | None:
    """The "before" side kept for a corpus, date and jurisdictions, if any."""
    store = _kept(knowledge)
    with store.lock:
        found = store.corpora.get(key)
        if found is not None:
            store.corpora.move_to_end(key)
        return found


def keep(knowledge: Knowledge, key: Key, before: Before) -> None:
    store = _kept(knowledge)
    with store.lock:
        store.corpora[key] = before
        store.corpora.move_to_end(key)
        while len(store.corpora) > _KEPT:
            store.corpora.popitem(last=False)

"""The restricted-party index: every party name of the screening data, keyed for fuzzy matching,
built on first use from the source files (loaders/screening.py) and kept while they stay the same.

How a query is matched (``MATCHER`` names this method; docs/partners.md explains it to users):

1. The query and every list name (the name, each alternative name, and a name without its
   trailing parenthetical, ``… Co., Ltd. (Huawei)``) are keyed by ``screening_names.NameKeys``:
   transliterated, case-folded, legal forms set aside, transliteration spellings folded.
2. **Blocking** — character trigrams of the words (``" hu"``, ``"hua"`` …) index all names;
   the names sharing the most query trigrams (weighted by rarity, cosine-normalised) become the
   ``CANDIDATES`` scored further, so one query touches a few hundred names, not 60,000. With a
   country, only parties at an address in that country, or listing no country, take part.
3. **Scoring** (0–100), the higher of two scorers:
   - ``token-alignment``: each query word is paired with its most similar word of the list name
     and vice versa (rapidfuzz ``ratio``; a word that begins the other, 4 letters or more, counts
     by the ratio to that beginning at ``PARTIAL_WEIGHT``: ``tech`` / ``technology``); each word
     weighs by its rarity in the lists (inverse document frequency: ``institute`` or ``trading``
     weigh little, ``kaspersky`` much),
     and the score is ``QUERY_SHARE`` × the share of the query found in the name plus the rest ×
     the share of the name found in the query. Word order does not matter.
   - ``compact-ratio``: for names written with or without spaces between syllables (``Hua Wei``
     / ``Huawei``), when the two names split into a different number of words: the words both
     share are set aside and the rest of each, written together, compared by rapidfuzz ``ratio``.
4. A party's score is that of its best-scoring name; parties at or above the threshold match.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from exportgraph import paths
from exportgraph.knowledge.screening_index import ScreeningIndex, build_index
from exportgraph.loaders.screening import input_files, load_screening
from exportgraph.loaders.screening_model import ScreeningData

MATCHER = "exportgraph-screening/1"
"""The matching method's version: answers name it; a change of method or of its numbers bumps it."""
DEFAULT_THRESHOLD = 85.0
"""Reviewed on tests/fixtures/screening/cases.csv (precision and recall in tests/screening)."""
CANDIDATE_FLOOR = 80.0
"""Screening a transaction party (risk, /v1/assess) reports parties scoring from here up to the
threshold as possible matches for a person to check, never as clear; on the case file 6 of the 45
unlisted names score there (Siemens AG, Thales SA …) and no listed variant scores lower."""


class _Loaded:
    """The index of one ontology folder, rebuilt only when its input files change."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.stamp: tuple[tuple[str, int, int], ...] | None = None
        self.index: ScreeningIndex | None = None
        self.by_digest: dict[str, ScreeningIndex] = {}


_LOADED: dict[Path, _Loaded] = {}
_LOADED_LOCK = threading.Lock()


def _stamp(files: Sequence[Path]) -> tuple[tuple[str, int, int], ...]:
    stats = [(str(path), path.stat()) for path in files]
    return tuple((name, stat.st_mtime_ns, stat.st_size) for name, stat in stats)


def screening_index(ontology: Path | None = None) -> ScreeningIndex | None:
    """The index of the screening data of ``ontology`` (default: the installed ontology folder),
    built on first use and kept while the input files stay as they are (checked by their size
    and modification time: a few stat calls); None when no consolidated list is present.

    The load takes seconds, so it happens when screening is first asked for (GET /v1/screening,
    a risk score or an assessment naming a party) or in a served app's background warm-up,
    never with the graph build."""
    folder = (ontology or paths.ontology_dir()).resolve()
    with _LOADED_LOCK:
        loaded = _LOADED.setdefault(folder, _Loaded())
    files = input_files(folder)
    stamp = _stamp(files)
    if loaded.stamp == stamp:
        return loaded.index
    with loaded.lock:
        if loaded.stamp != stamp:
            data = load_screening(folder, _relative)
            if data is None:
                loaded.index = None
            else:
                known = loaded.by_digest.get(data.inputs_digest)
                loaded.index = known or build_index(data)
                loaded.by_digest = {data.inputs_digest: loaded.index}
            loaded.stamp = stamp
        return loaded.index


def screening_data(ontology: Path | None = None) -> ScreeningData | None:
    """The screening data of ``ontology`` read and checked (SourceDataError naming the file and
    place), without building the matching index: a second or so, where the index takes several."""
    return load_screening((ontology or paths.ontology_dir()).resolve(), _relative)


def is_loaded(ontology: Path | None = None) -> bool:
    """Whether screening_index(ontology) answers without reading the files (no stat calls)."""
    folder = (ontology or paths.ontology_dir()).resolve()
    loaded = _LOADED.get(folder)
    return loaded is not None and loaded.stamp is not None


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(paths.project_root()))
    except ValueError:
        return str(path)

"""What agreement validation reads from the knowledge graph besides assessments, per data version."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pycountry
from pyoxigraph import Literal

from exportgraph.graph.context import Context
from exportgraph.graph.queries import load_query
from exportgraph.graph.version_cache import PerVersion
from exportgraph.store import Store
from exportgraph.vocabulary import PROJECT_STAGES

ALL_STAGES = PROJECT_STAGES
RESEARCH_EXCLUSIONS = ("fundamental-research", "basic-scientific-research")
DEFAULT_RESEARCH_STAGES = frozenset(ALL_STAGES) - {"fabrication", "deployment"}
"""Contract §4 (AGR-EXCLUSION-STAGE) where the data states no stage condition."""

_STAGE_CONDITION = re.compile(r"^\s*project_stage\s+in\s+([\w|\-]+)\s*$")


@dataclass(frozen=True)
class Knowledge:
    """Union membership and the project stages each research exclusion allows."""

    unions: dict[str, frozenset[str]]
    stages: dict[str, frozenset[str]]
    exclusions: dict[str, frozenset[str]]
    """exclusion notation → jurisdictions that define it."""

    @property
    def union_codes(self) -> frozenset[str]:
        return frozenset(u for unions in self.unions.values() for u in unions)

    def permitted_stages(self, exclusion: str) -> frozenset[str]:
        return self.stages.get(exclusion, DEFAULT_RESEARCH_STAGES)


@cache
def is_country(code: str) -> bool:
    """An ISO 3166-1 alpha-2 code (upper case), UK accepted as GB's alias."""
    return code == "UK" or (
        len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None
    )


def knowledge(context: Context) -> Knowledge:
    """The knowledge for the context's current data version (cached)."""
    return _KNOWLEDGE.get(context.store)


def _text(value: object) -> str | None:
    return value.value if isinstance(value, Literal) else None


def _load(store: Store) -> Knowledge:
    unions: dict[str, set[str]] = {}
    for row in store.select(load_query("jurisdictions")):
        member, union = _text(row.get("code")), _text(row.get("partOf"))
        if member and union:
            unions.setdefault(member, set()).add(union)
    stages: dict[str, set[str]] = {}
    defined: dict[str, set[str]] = {}
    for row in store.select(load_query("assess_exclusions")):
        full_id, jurisdiction = _text(row.get("id")), _text(row.get("jurisdiction"))
        if not full_id or not jurisdiction:
            continue
        notation = full_id.split(":", 1)[-1]
        defined.setdefault(notation, set()).add(jurisdiction)
        match = _STAGE_CONDITION.match(_text(row.get("condition")) or "")
        if match:
            stages.setdefault(notation, set()).update(match.group(1).split("|"))
    return Knowledge(
        unions={k: frozenset(v) for k, v in unions.items()},
        stages={k: frozenset(v) for k, v in stages.items()},
        exclusions={k: frozenset(v) for k, v in defined.items()},
    )


_KNOWLEDGE: PerVersion[Knowledge] = PerVersion(_load)

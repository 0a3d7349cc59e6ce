"""What agreement validation reads from the knowledge index besides assessments: unions, the
project stages each research exclusion allows, and what each exclusion claim asserts."""

from __future__ import annotations

from dataclasses import dataclass, field

from exportgraph.countries import is_iso_country
from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Condition


@dataclass(frozen=True)
class Rules:
    """Union membership, stages, exclusion claims — one data version's."""

    unions: dict[str, frozenset[str]]
    stages: dict[str, frozenset[str]]
    stage_order: tuple[str, ...]
    research_stages: frozenset[str]
    """Stages a research exclusion allows where its conditions name none (eg:researchStage)."""
    research_claims: frozenset[str]
    published_claims: frozenset[str]
    """Claims that assert the technology is already published."""
    publication_claims: frozenset[str]
    """Claims that assert the intent to publish."""
    aliases: dict[str, str]
    claims: frozenset[str] = frozenset()
    """Every exclusion an agreement may claim (the exclusion-claims scheme)."""
    conditions: dict[str, tuple[Condition, ...]] = field(default_factory=dict)
    """Exclusion id (`US:fundamental-research`) → the conditions it puts on the transfer."""
    covers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Exclusion id → the kinds it covers (technology, software)."""
    parameters: frozenset[str] = frozenset()
    """The harmonized parameters' notations."""
    labels: dict[str, str] = field(default_factory=dict)
    """Parameter and fact notation → its English label (`cnot-error` → the C-NOT gate error)."""
    serving_kinds: frozenset[str] = frozenset()
    """Kinds whose items serve another kind (eg:servesAnotherKind: software, technology)."""

    @property
    def union_codes(self) -> frozenset[str]:
        return frozenset(u for unions in self.unions.values() for u in unions)

    def serves_another_kind(self, kind: str | None) -> bool:
        """Whether an item of `kind` is software or technology serving another kind's item."""
        return kind in self.serving_kinds

    def permitted_stages(self, exclusion: str) -> frozenset[str]:
        return self.stages.get(exclusion, self.research_stages)

    def canonical(self, code: str) -> str:
        """A country code with the data's aliases applied (UK → GB)."""
        return self.aliases.get(code, code)

    def is_country(self, code: str) -> bool:
        """An ISO 3166-1 alpha-2 code (upper case) or an alias of one."""
        return is_iso_country(self.canonical(code))


def _build(knowledge: Knowledge) -> Rules:
    unions = {
        code: frozenset(j.part_of) for code, j in knowledge.jurisdictions.items() if j.part_of
    }
    stages: dict[str, set[str]] = {}
    for exclusion in knowledge.exclusions:
        notation = exclusion.id.split(":", 1)[-1]
        for condition in exclusion.conditions:
            if condition.field == "project_stage":
                stages.setdefault(notation, set()).update(condition.values)
    labels = {
        notation: label
        for notation, concept in (*knowledge.parameters.items(), *knowledge.facts.items())
        if (label := concept.pick("pref")[0])
    }
    return Rules(
        unions=unions,
        stages={k: frozenset(v) for k, v in stages.items()},
        stage_order=knowledge.notations("project-stages"),
        research_stages=frozenset(knowledge.notations("project-stages", "researchStage")),
        research_claims=frozenset(
            knowledge.notations("exclusion-claims", "claimIsResearchExclusion")
        ),
        published_claims=frozenset(
            knowledge.notations("exclusion-claims", "claimAssertsPublished")
        ),
        publication_claims=frozenset(
            knowledge.notations("exclusion-claims", "claimAssertsIntentToPublish")
        ),
        aliases=dict(knowledge.aliases),
        claims=frozenset(knowledge.notations("exclusion-claims")),
        conditions={e.id: e.conditions for e in knowledge.exclusions},
        covers={
            e.id: tuple(sorted(knowledge.kind_notation(k) for k in e.applies_to))
            for e in knowledge.exclusions
        },
        parameters=frozenset(knowledge.parameters),
        labels=labels,
        serving_kinds=frozenset(
            notation
            for notation, kind in knowledge.kinds.items()
            if knowledge.serves_another_kind(kind.iri)
        ),
    )


def rules(context: Context) -> Rules:
    """The rules of the context's current data version (computed once per version)."""
    return current(context).derived("agreement-rules", _build)

"""Fixtures for risk scoring, stages and plans: the real knowledge graph in a memory store, built
once per session, its knowledge index and an API client over it."""

from __future__ import annotations

import copy
from typing import Any

from exportgraph.api.routers.risk import RISK_EXAMPLES

from tests import real_graph

QC_120: dict[str, Any] = {
    "kind": "quantum-computer",
    "parameters": {"physical-qubits": 120, "cnot-error": 8e-4},
}

# the real graph, built once per session (tests/real_graph.py)
client = real_graph.client
context = real_graph.context
knowledge = real_graph.knowledge


def request(**changes: Any) -> dict[str, Any]:
    """The documented risk request (US → CN, a controlled 120-qubit machine), with changes."""
    base: dict[str, Any] = copy.deepcopy(RISK_EXAMPLES["us-to-cn"]["value"])
    base.update(changes)
    return base

"""Closed sets of the public contract (activities, project stages, evidence grades)."""

from __future__ import annotations

ACTIVITIES = (
    "export",
    "reexport",
    "in-country-transfer",
    "deemed-export",
    "publication",
    "technical-assistance",
    "researcher-exchange",
)
PROJECT_STAGES = (
    "basic-research",
    "applied-research",
    "prototype-development",
    "fabrication",
    "deployment",
)
EVIDENCE_GRADES = ("primary", "secondary")

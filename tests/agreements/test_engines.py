"""pyshacl-turbo (the default engine) answers exactly as pySHACL, the reference, on every case."""

from __future__ import annotations

from pathlib import Path

from exportgraph.graph.context import Context
from exportgraph.services.auditors.agreements import Validator

CASES = Path(__file__).parent / "cases"


def test_turbo_and_pyshacl_agree_on_every_case(context: Context) -> None:
    turbo = Validator(context, engine="turbo")
    reference = Validator(context, engine="pyshacl")
    for path in sorted(CASES.glob("*")):
        media = "text/turtle" if path.suffix == ".ttl" else "application/json"
        fast, _ = turbo.validate_body(path.read_bytes(), media)
        slow, _ = reference.validate_body(path.read_bytes(), media)
        assert [r.violations for r in fast] == [r.violations for r in slow], path.name
        assert [r.conforms for r in fast] == [r.conforms for r in slow]

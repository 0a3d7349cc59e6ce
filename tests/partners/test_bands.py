"""The quantum-computer bands of US 4A906.a and EU 4A506.a, at, just above and just below each
threshold. Expected answers come from the band table of the legal texts (15 CFR 774 Supp. 1,
ECCN 4A906.a; Annex I to Reg. (EU) 2021/821, 4A506.a), typed in below, never from the code."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.partners.helpers import ids, possible

# (band, qubits >=, qubits < (None: no upper bound), C-NOT error <= (None: no error criterion))
BANDS = [
    (1, 34, 100, Decimal("1e-4")),
    (2, 100, 200, Decimal("1e-3")),
    (3, 200, 350, Decimal("2e-3")),
    (4, 350, 500, Decimal("3e-3")),
    (5, 500, 700, Decimal("4e-3")),
    (6, 700, 1100, Decimal("5e-3")),
    (7, 1100, 2000, Decimal("6e-3")),
    (8, 2000, None, None),
]
LISTS = {"US": ("US:4A906", "US:4A906.a"), "EU": ("EU:4A506", "EU:4A506.a")}
EPSILON = Decimal("1e-9")


def expected_band(qubits: int, error: Decimal) -> int | None:
    """The band the legal table puts a machine in, or None when none applies."""
    for band, low, high, limit in BANDS:
        if qubits >= low and (high is None or qubits < high) and (limit is None or error <= limit):
            return band
    return None


def cases() -> list[tuple[int, Decimal, str]]:
    out = []
    for band, low, high, limit in BANDS:
        error = limit if limit is not None else Decimal("0.5")
        out += [
            (low, error, f"a.{band} lower bound, error at limit"),
            (low - 1, error, f"a.{band} one qubit below"),
        ]
        if high is not None:
            out += [
                (high - 1, error, f"a.{band} last qubit"),
                (high, error, f"a.{band} upper bound (exclusive)"),
            ]
        if limit is not None:
            out += [
                (low, limit + EPSILON, f"a.{band} error just above the limit"),
                (low, limit - EPSILON, f"a.{band} error just below the limit"),
            ]
    return out


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
@pytest.mark.parametrize(("qubits", "error", "label"), cases(), ids=[c[2] for c in cases()])
def test_band_edges(
    classify_in: Any, jurisdiction: str, qubits: int, error: Decimal, label: str
) -> None:
    item = {
        "kind": "quantum-computer",
        "parameters": {"physical-qubits": qubits, "cnot-error": str(error)},
    }
    result = classify_in(jurisdiction, item)
    band = expected_band(qubits, error)
    top, group = LISTS[jurisdiction]
    if band is None:
        assert result["controlled"] is False
        assert ids(result) == []
    else:
        assert result["controlled"] is True
        # the band, then its ancestors: sub-entries before their parents
        assert ids(result) == [f"{group}.{band}", group, top]


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_each_matching_band_lists_its_evaluated_criteria(
    classify_in: Any, jurisdiction: str
) -> None:
    result = classify_in(
        jurisdiction,
        {"kind": "quantum-computer", "parameters": {"physical-qubits": 120, "cnot-error": 8e-4}},
    )
    entry = result["entries"][0]
    criteria = {(c["parameter"], c["comparator"]): c for c in entry["criteria"]}
    assert set(criteria) == {
        ("physical-qubits", ">="),
        ("physical-qubits", "<"),
        ("cnot-error", "<="),
    }
    assert criteria[("physical-qubits", ">=")] | {} == {
        **criteria[("physical-qubits", ">=")],
        "threshold": 100,
        "value": 120,
        "satisfied": True,
    }
    assert criteria[("cnot-error", "<=")]["threshold"] == 0.001
    assert criteria[("cnot-error", "<=")]["value"] == 0.0008
    assert all(c["satisfied"] is True for c in entry["criteria"])
    assert entry["effective_from"] and entry["sources"] and entry["evidence"] == "primary"
    other = "EU:4A506.a.2" if jurisdiction == "US" else "US:4A906.a.2"
    assert other in entry["equivalents"]
    assert other in result["equivalents"]


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_missing_error_rate_is_unknown_where_it_could_decide(
    classify_in: Any, jurisdiction: str
) -> None:
    result = classify_in(
        jurisdiction, {"kind": "quantum-computer", "parameters": {"physical-qubits": 120}}
    )
    assert result["controlled"] == "unknown"
    assert result["missing"] == ["cnot-error"]
    assert possible(result) == [f"{LISTS[jurisdiction][1]}.2"]


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_machine_that_matches_whatever_the_missing_value_is_controlled(
    classify_in: Any, jurisdiction: str
) -> None:
    result = classify_in(
        jurisdiction, {"kind": "quantum-computer", "parameters": {"physical-qubits": 2400}}
    )
    assert result["controlled"] is True
    assert ids(result)[0] == f"{LISTS[jurisdiction][1]}.8"
    assert "missing" not in result


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_missing_qubits_with_a_failing_error_is_still_unknown_only_where_it_matters(
    classify_in: Any, jurisdiction: str
) -> None:
    # error 5e-3 rules out bands a.1-a.5 but not a.6, a.7 or a.8, so the qubit count decides
    result = classify_in(
        jurisdiction, {"kind": "quantum-computer", "parameters": {"cnot-error": 5e-3}}
    )
    assert result["controlled"] == "unknown"
    assert result["missing"] == ["physical-qubits"]
    group = LISTS[jurisdiction][1]
    assert possible(result) == [f"{group}.6", f"{group}.7", f"{group}.8"]


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_narrower_kinds_inherit_the_bands(classify_in: Any, jurisdiction: str) -> None:
    result = classify_in(
        jurisdiction,
        {
            "kind": "superconducting-quantum-computer",
            "parameters": {"physical-qubits": 433, "cnot-error": 2.5e-3},
        },
    )
    assert ids(result)[0] == f"{LISTS[jurisdiction][1]}.4"


def test_annealers_are_excluded_with_the_note(classify_in: Any) -> None:
    result = classify_in(
        "US", {"kind": "quantum-annealer", "parameters": {"physical-qubits": 5000}}
    )
    assert result["controlled"] is False
    assert result["entries"] == []
    assert any("annealing" in note for note in result["notes"])

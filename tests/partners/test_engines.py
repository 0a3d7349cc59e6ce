"""The in-memory index answers exactly as the SPARQL evaluation (queries/classify.rq) does, on
random kinds, parameters, facts and dates (hypothesis)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.services.partners.assess import assess
from exportgraph.services.partners.classify import classify

HARDWARE_PARAMETERS = {
    "physical-qubits": st.integers(0, 3000),
    "cnot-error": st.sampled_from(
        ["0.0001", "0.001", "0.002", "0.006", "0.0000999", "0.0010001", "0.01", "0.5"]
    ),
    "operating-temperature": st.sampled_from(
        ["0.01", "0.999", "1", "1.001", "4.5", "4.5001", "300"]
    ),
    "frequency-min": st.sampled_from(["0.5", "2", "4", "15", "15.01", "20"]),
    "frequency-max": st.sampled_from(["1.99", "2", "8", "15", "30"]),
    "noise-figure": st.sampled_from(["0.0149", "0.015", "0.0151", "3"]),
    "cooling-power": st.sampled_from(["0.0005999", "0.0006", "0.0008", "1.4999", "1.5", "2"]),
    "cooling-power-temperature": st.sampled_from(["0.05", "0.1", "0.1001", "4.2", "4.2001"]),
    "continuous-operation": st.sampled_from(["48", "48.001", "168"]),
    "base-temperature": st.sampled_from(["2.8", "3.999", "4", "4.001"]),
    "test-temperature": st.sampled_from(["1.6", "4.5", "4.5001"]),
    "wafer-diameter": st.sampled_from(["99.9", "100", "300"]),
    "isotopic-impurity": st.sampled_from(["0.05", "0.0799", "0.08", "0.1"]),
}
DATES = st.dates(dt.date(2023, 1, 1), dt.date(2026, 12, 31))


def _items(context: Context) -> st.SearchStrategy[dict[str, Any]]:
    cat = current(context)
    hardware = sorted(k for k in cat.kinds if k not in ("software", "technology"))
    facts = st.dictionaries(st.sampled_from(sorted(cat.facts)), st.booleans(), max_size=1)
    parameters = st.dictionaries(
        st.sampled_from(sorted(HARDWARE_PARAMETERS)), st.just(None), max_size=6
    ).flatmap(
        lambda chosen: st.fixed_dictionaries({name: HARDWARE_PARAMETERS[name] for name in chosen})
    )
    forms = st.one_of(
        st.just({}),
        st.sampled_from(sorted(cat.scheme("material-forms"))).map(
            lambda form: {"material-form": form}
        ),
    )
    with_forms = st.tuples(parameters, forms).map(lambda pair: {**pair[0], **pair[1]})
    hardware_items = st.fixed_dictionaries(
        {"kind": st.sampled_from(hardware), "parameters": with_forms, "facts": facts}
    )
    # software and technology carry the parameters and facts of the item they serve
    serving_items = st.fixed_dictionaries(
        {
            "kind": st.sampled_from(["software", "technology"]),
            "for_kind": st.sampled_from([*hardware, "software"]),
            "purpose": st.sampled_from(sorted(cat.purposes)),
            "parameters": with_forms,
            "facts": st.dictionaries(st.sampled_from(sorted(cat.facts)), st.booleans(), max_size=3),
        }
    )
    return st.one_of(hardware_items, hardware_items, serving_items, serving_items)


def test_index_and_sparql_agree_on_random_items(context: Context) -> None:
    @settings(
        max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
    )
    @given(item=_items(context), on=DATES)
    def check(item: dict[str, Any], on: dt.date) -> None:
        index = classify(context, item, None, on, engine="index")
        sparql = classify(context, item, None, on, engine="sparql")
        assert index == sparql

    check()


def test_assessment_is_the_same_on_both_engines(context: Context) -> None:
    request = {
        "activity": "export",
        "subject": {
            "item": {
                "kind": "quantum-computer",
                "parameters": {"physical-qubits": 120, "cnot-error": 8e-4},
            }
        },
        "from": "FR",
        "to": "CN",
    }
    for on in ("2024-06-01", "2025-12-01"):
        body = {**request, "as_of": on}
        assert assess(context, body, engine="index") == assess(context, body, engine="sparql")


def test_thresholds_compare_exactly_in_both_engines(context: Context) -> None:
    # 600 µW given in mW sits exactly on the 3A904.a threshold: a float would land beside it
    item = {
        "kind": "dilution-refrigerator",
        "parameters": {
            "cooling-power": {"value": Decimal("0.6"), "unit": "mW"},
            "cooling-power-temperature": "100 mK",
            "continuous-operation": "48.5 h",
        },
    }
    for engine in ("index", "sparql"):
        answer = classify(context, item, ["US"], "2025-12-01", engine=engine)
        assert answer["results"][0]["controlled"] is True

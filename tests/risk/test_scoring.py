"""Risk scoring (contract §10): points add up, each factor moves the score the documented way,
destinations score by their published groupings only, bad input names its field."""

from __future__ import annotations

import itertools
from collections import defaultdict
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportgraph.errors import InvalidInput
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.items import parse_subject
from exportgraph.services.partners.risk import score_risk
from exportgraph.services.partners.risk_combine import shares
from exportgraph.services.partners.screening_port import Hit
from exportgraph.services.partners.sensitivity import sensitivity

from .conftest import QC_120, request

MODELS = ("capped-points", "dod-matrix")


def score(knowledge: Knowledge, **changes: Any) -> dict[str, Any]:
    answer: dict[str, Any] = dict(score_risk(knowledge, request(**changes)))
    return answer


def factor(answer: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(f for f in answer["factors"] if f["factor"] == name)
    return found


def qc(qubits: int, error: float | None = None) -> dict[str, Any]:
    parameters: dict[str, Any] = {"physical-qubits": qubits}
    if error is not None:
        parameters["cnot-error"] = error
    return {"item": {"kind": "quantum-computer", "parameters": parameters}}


# ---------------------------------------------------------------- the answer


def test_the_contract_answer(knowledge: Knowledge) -> None:
    answer = score(knowledge)
    assert answer["model"] == {"id": "capped-points", "version": "1.0.0"}
    assert answer["data_version"] == knowledge.version
    assert answer["note"].startswith("A low score is not a clearance")
    assert [f["factor"] for f in answer["factors"]] == [
        "item-sensitivity",
        "end-use",
        "end-user-type",
        "end-user-verification",
        "end-user-screening",
        "destination",
        "project-stage",
    ]
    assert sum(f["points"] for f in answer["factors"]) == answer["score"]
    for row in answer["factors"]:
        assert row["sources"], f"{row['factor']} cites nothing"
        assert all(s["citation"] for s in row["sources"])
        assert row["basis"]
    destination = factor(answer, "destination")
    assert destination["input"] == "CN (China)"
    assert "Country Group D:5" in destination["why"]
    assert any("Part 740" in s["citation"] for s in destination["sources"])
    # 120 qubits, C-NOT error 8e-4 is inside 4A906.a.2; 16.7 % fewer qubits would leave it
    sensitivity_row = factor(answer, "item-sensitivity")
    assert "US:4A906.a.2" in sensitivity_row["why"]
    assert sensitivity_row["level"] == "controlled"
    assert answer["measures"] and answer["band"] in ("low", "elevated", "high", "prohibited")


def test_not_screened_is_unknown_not_clear(knowledge: Knowledge) -> None:
    unscreened = score(knowledge)
    clear = score(knowledge, stated={"end-user-screening": "clear"})
    assert factor(unscreened, "end-user-screening")["input"] == "not-screened"
    assert factor(unscreened, "end-user-screening")["points"] > 0
    assert factor(clear, "end-user-screening")["points"] == 0
    assert unscreened["score"] > clear["score"]
    assert unscreened["screening"] == []
    assert any("Screen the end user" in m for m in unscreened["measures"])


@settings(max_examples=150, deadline=None)
@given(
    model=st.sampled_from(MODELS),
    subject=st.sampled_from(
        [
            {"item": QC_120},
            qc(5000, 1e-2),
            qc(56, 1.5e-3),
            qc(120),
            qc(1100, 6.5e-3),
            {"technology": {"for_kind": "quantum-computer", "purpose": "development"}},
            {"software": {"for_kind": "qubit-device", "purpose": "production"}},
        ]
    ),
    origin=st.sampled_from(["US", "DE", "FR", "GB", "JP", "CN", "NL"]),
    destination=st.sampled_from(["CN", "IR", "DE", "US", "BR", "AM", "MO", "HK", "IL", "CU", "XK"]),
    end_use=st.sampled_from([None, "civil-research", "military", "wmd", "surveillance"]),
    kind=st.sampled_from([None, "university", "military", "government-lab", "individual"]),
    verified=st.sampled_from([None, True, False]),
    stage=st.sampled_from([None, "basic-research", "fabrication", "deployment"]),
    screening=st.sampled_from([None, "clear", "denied", "listed-all-items", "possible-match"]),
)
def test_points_add_up_to_the_score(
    knowledge: Knowledge,
    model: str,
    subject: dict[str, Any],
    origin: str,
    destination: str,
    end_use: str | None,
    kind: str | None,
    verified: bool | None,
    stage: str | None,
    screening: str | None,
) -> None:
    end_user = {k: v for k, v in (("type", kind), ("verified", verified)) if v is not None}
    body: dict[str, Any] = {
        "subject": subject,
        "from": origin,
        "to": destination,
        "model": model,
        "end_user": end_user,
    }
    if end_use:
        body["end_use"] = end_use
    if stage:
        body["project_stage"] = stage
    if screening:
        body["stated"] = {"end-user-screening": screening}
    answer = score_risk(knowledge, body)
    assert 0 <= answer["score"] <= 100
    assert sum(f["points"] for f in answer["factors"]) == answer["score"]
    for row in answer["factors"]:
        assert 0 <= row["points"] <= row["max"] + 1  # whole points: rounding moves at most 1
    if screening == "denied":
        assert answer["band"] == "prohibited"


def test_shares_are_whole_and_proportional() -> None:
    assert shares(44, [16, 0, 0, 0, 8, 20, 0]) == [16, 0, 0, 0, 8, 20, 0]
    assert sum(shares(67, [1, 0, 1])) == 67
    assert shares(67, [1, 0, 1]) == [34, 0, 33]  # the tie goes to the earlier factor
    assert shares(10, [Fraction(1, 3), Fraction(2, 3)]) == [3, 7]
    assert shares(0, [1, 2]) == [0, 0]


# ---------------------------------------------------------------- each factor's direction


QUIET = {"subject": qc(56, 1.5e-3), "to": "DE", "stated": {"end-user-screening": "clear"}}
"""Every other factor at its mildest level: in a decision matrix the most severe outcome decides,
so a factor shows its direction only when the others are at 'mitigation not required'."""


def ordered_scores(knowledge: Knowledge, model: str, variants: list[dict[str, Any]]) -> list[int]:
    base = QUIET if model == "dod-matrix" else {}
    return [score(knowledge, model=model, **{**base, **v})["score"] for v in variants]


def strictly_falling(values: list[int]) -> bool:
    return all(a > b for a, b in itertools.pairwise(values))


def falling(values: list[int]) -> bool:
    return all(a >= b for a, b in itertools.pairwise(values))


def test_destination_direction(knowledge: Knowledge) -> None:
    # IR: E:1 · CN: D:5 · AM: D:1 · BR: no group of concern, not A:5/A:6 · DE: A:5
    scores = ordered_scores(
        knowledge, "capped-points", [{"to": c} for c in ("IR", "CN", "AM", "BR", "DE")]
    )
    assert strictly_falling(scores), scores
    matrix = ordered_scores(knowledge, "dod-matrix", [{"to": c} for c in ("IR", "CN", "AM", "DE")])
    assert strictly_falling(matrix), matrix  # prohibited, required, suggested, not required
    # the United States is in no A:5/A:6 group (the EAR's own country) but an EU001 destination
    assert score(knowledge, to="US")["score"] == score(knowledge, to="DE")["score"]


def test_end_use_direction(knowledge: Knowledge) -> None:
    variants = [{"end_use": u} for u in ("wmd", "military", "surveillance")]
    variants += [{"end_use": None}, {"end_use": "civil-research"}]
    scores = ordered_scores(knowledge, "capped-points", variants)
    assert strictly_falling(scores), scores
    assert score(knowledge, end_use="civil-commercial")["score"] == scores[-1]
    # wmd is at least high, whatever the other factors
    assert score(knowledge, end_use="wmd", to="DE")["band"] in ("high", "prohibited")
    matrix = ordered_scores(knowledge, "dod-matrix", [*variants[:2], variants[-1]])
    assert strictly_falling(matrix), matrix


def end_user(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"name": "Example University", "country": "CN", "verified": True}
    base.update(changes)
    return {"end_user": {k: v for k, v in base.items() if v is not None}}


def test_end_user_type_direction(knowledge: Knowledge) -> None:
    variants = [end_user(type=t) for t in ("military", "government-lab", "university")]
    scores = ordered_scores(knowledge, "capped-points", variants)
    assert strictly_falling(scores), scores
    assert score(knowledge, **end_user(type="company"))["score"] == scores[-1]
    assert score(knowledge, **end_user(type=None))["score"] > scores[-1]  # unknown is not civil
    matrix = ordered_scores(knowledge, "dod-matrix", variants)
    assert strictly_falling(matrix), matrix


def test_end_user_verification_direction(knowledge: Knowledge) -> None:
    verified, unverified, unstated = (
        score(knowledge, **end_user(type="university", verified=v))["score"]
        for v in (True, False, None)
    )
    assert unverified > verified and unstated == unverified


def test_end_user_screening_direction(knowledge: Knowledge) -> None:
    states = ["denied", "listed-all-items", "listed", "possible-match", "not-screened", "clear"]
    answers = [score(knowledge, stated={"end-user-screening": s}) for s in states]
    points = [factor(a, "end-user-screening")["points"] for a in answers]
    assert falling(points) and points[0] > points[-1], points
    assert strictly_falling([a["score"] for a in answers][1:]), [a["score"] for a in answers]
    assert answers[0]["band"] == "prohibited"
    assert answers[1]["band"] in ("high", "prohibited")
    matrix = [
        score(knowledge, model="dod-matrix", stated={"end-user-screening": s})["band"]
        for s in states
    ]
    assert matrix[:2] == ["prohibited", "prohibited"]


def test_project_stage_direction(knowledge: Knowledge) -> None:
    variants = [
        {"project_stage": s} for s in ("deployment", "prototype-development", "applied-research")
    ]
    variants.append({"project_stage": "basic-research"})
    scores = ordered_scores(knowledge, "capped-points", variants)
    assert strictly_falling(scores), scores
    assert score(knowledge, project_stage="fabrication")["score"] == scores[0]


def test_item_sensitivity_direction(knowledge: Knowledge) -> None:
    subjects = [
        qc(5000, 1e-2),  # controlled (4A906.a.8), 60 % inside
        {"item": QC_120},  # controlled (4A906.a.2), 17 % inside
        qc(120),  # no C-NOT error: the US answer is unknown
        {  # EU 4E001.a (technology for 4A506), not US (4E906 names only 4A906.b, .c, 4D906)
            "technology": {
                "for_kind": "quantum-computer",
                "purpose": "development",
                "parameters": QC_120["parameters"],
            }
        },
        qc(1100, 6.5e-3),  # 7.7 % above the 6e-3 ceiling of a.7
        qc(30, 1e-5),  # 13 % below the 34-qubit floor
        qc(56, 1.5e-3),  # far from every band
    ]
    answers = [score(knowledge, subject=s, to="DE") for s in subjects]
    levels = [factor(a, "item-sensitivity")["level"] for a in answers]
    assert levels == [
        "controlled-well-inside",
        "controlled",
        "undecided",
        "controlled-elsewhere",
        "within-10-percent",
        "within-50-percent",
        "not-controlled",
    ]
    assert strictly_falling([a["score"] for a in answers]), [a["score"] for a in answers]


def test_margins_are_measured_in_canonical_units(knowledge: Knowledge) -> None:
    def margin(subject: dict[str, Any]) -> Fraction | None:
        item = parse_subject(knowledge, subject)
        return sensitivity(knowledge, item, "US", knowledge_date()).margin

    assert margin({"item": QC_120}) == Fraction(20, 120)  # 100 qubits: the floor of a.2
    assert margin(qc(56, 1.5e-3)) == Fraction(44, 56)  # a.2 needs 100 qubits
    assert margin(qc(30, 1e-5)) == Fraction(4, 30)  # a.1 needs 34
    # the same machine with its error given in another spelling has the same margin
    assert margin(qc(1100, 6.5e-3)) == Fraction(5, 65)


def knowledge_date() -> Any:
    import datetime as dt

    return dt.date(2026, 6, 1)


# ---------------------------------------------------------------- destinations by grouping only


@pytest.mark.parametrize("model", MODELS)
def test_destinations_in_the_same_groupings_score_the_same(
    knowledge: Knowledge, model: str
) -> None:
    by_groupings: dict[frozenset[str], list[str]] = defaultdict(list)
    for code, destination in knowledge.risk.destinations.items():
        by_groupings[destination.groupings].append(code)
    compared = 0
    for codes in by_groupings.values():
        rows = [factor(score(knowledge, model=model, to=code), "destination") for code in codes[:6]]
        assert len({(r["level"], r["points"]) for r in rows}) == 1, codes[:6]
        totals = {score(knowledge, model=model, to=code)["score"] for code in codes[:6]}
        assert len(totals) == 1, codes[:6]
        compared += len(codes[:6])
    assert compared > 50


def test_destination_levels_follow_the_groupings(knowledge: Knowledge) -> None:
    model = knowledge.risk.models["capped-points"]
    destination_factor = model.factor("destination")
    assert destination_factor is not None
    for code in ("CN", "IR", "MO", "HK", "DE", "US", "BR"):
        groupings = knowledge.risk.destinations[code].groupings
        row = factor(score(knowledge, to=code), "destination")
        level = next(lv for lv in destination_factor.levels if lv.id == row["level"])
        assert level.otherwise or level.groupings & groupings
        earlier = [lv for lv in destination_factor.levels if lv.rank < level.rank]
        assert not any(lv.groupings & groupings for lv in earlier)
    # Macau is not in D:5, but the EAR's "Macau or D:5" puts it with China; Hong Kong follows China
    assert factor(score(knowledge, to="MO"), "destination")["level"] == "macau-or-d5"
    assert (
        factor(score(knowledge, to="HK"), "destination")["points"]
        == factor(score(knowledge, to="CN"), "destination")["points"]
    )


# ---------------------------------------------------------------- screening through the port


def test_a_screener_result_decides_the_screening_state(knowledge: Knowledge) -> None:
    def listed(name: str, country: str | None) -> list[Hit]:
        return [
            Hit("EL", "EXAMPLE QUANTUM INSTITUTE", 0.93, True, True, "12345", "89 FR 12345"),
            Hit("SDN", "EXAMPLE QUANTUM", 0.61, False),
        ]

    answer = score_risk(knowledge, request(), listed)
    row = factor(answer, "end-user-screening")
    assert row["input"] == "listed-all-items" and answer["band"] in ("high", "prohibited")
    assert answer["screening"][0] == {
        "list": "EL",
        "name": "EXAMPLE QUANTUM INSTITUTE",
        "matched": True,
        "score": 0.93,
        "entry": "12345",
        "federal_register": "89 FR 12345",
    }
    denied = score_risk(knowledge, request(), lambda n, c: [Hit("DPL", "X", 0.99, True)])
    assert factor(denied, "end-user-screening")["input"] == "denied"
    assert denied["band"] == "prohibited"
    candidate = score_risk(knowledge, request(), lambda n, c: [Hit("EL", "Y", 0.5, False)])
    assert factor(candidate, "end-user-screening")["input"] == "possible-match"
    nothing = score_risk(knowledge, request(), lambda n, c: [])
    assert factor(nothing, "end-user-screening")["input"] == "clear"


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"to": "XX"}, "to"),
        ({"to": 7}, "to"),
        ({"from": "ZZ"}, "from"),
        ({"model": "nope"}, "model"),
        ({"project_stage": "mass-production"}, "project_stage"),
        ({"end_use": "mining"}, "end_use"),
        ({"end_user": {"type": "alien"}}, "end_user.type"),
        ({"end_user": {"country": "QQ"}}, "end_user.country"),
        ({"end_user": {"verified": "yes"}}, "end_user.verified"),
        ({"end_user": {"age": 3}}, "end_user.age"),
        ({"stated": {"moon-phase": "full"}}, "stated.moon-phase"),
        ({"stated": {"end-user-screening": "maybe"}}, "stated.end-user-screening"),
        ({"stated": {"destination": "CN"}}, "stated.destination"),
        ({"subject": {"item": {"kind": "warp-drive"}}}, "subject.item.kind"),
        ({"as_of": "2026-02-30"}, "as_of"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_input_names_the_field(
    knowledge: Knowledge, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        score_risk(knowledge, request(**changes))
    assert raised.value.field == field
    assert raised.value.detail.startswith(field)

"""One country check for every request: where an activity goes (a jurisdiction the data defines
counts, a blank is a wrong value) and whom screening compares (ISO codes only, a blank states
none)."""

from __future__ import annotations

import pytest

from exportgraph.countries import is_iso_country
from exportgraph.errors import InvalidInput
from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.request_fields import country


@pytest.fixture(scope="module")
def knowledge(context: Context) -> Knowledge:
    return current(context)


def _data_jurisdiction(knowledge: Knowledge) -> str:
    """A jurisdiction of the data that is no ISO country (the EU)."""
    found = [code for code in knowledge.jurisdictions if not is_iso_country(code)]
    assert found, "the data defines no jurisdiction beyond countries"
    return sorted(found)[0]


def test_a_destination_takes_aliases_and_data_jurisdictions(knowledge: Knowledge) -> None:
    assert country(knowledge, "uk", "to") == "GB"
    assert country(knowledge, "DE", "to") == "DE"
    union = _data_jurisdiction(knowledge)
    assert country(knowledge, union, "to") == union
    for wrong in ("XX", "", "  ", None, 49):
        with pytest.raises(InvalidInput) as error:
            country(knowledge, wrong, "to")
        assert error.value.field == "to"
        assert "expected a country code such as DE" in error.value.detail


def test_screening_s_country_is_iso_only_and_blank_states_none(knowledge: Knowledge) -> None:
    def screened(value: object) -> str | None:
        return country(knowledge, value, "country", blank_is_none=True, data_jurisdictions=False)

    assert screened(None) is None
    assert screened("") is None
    assert screened("   ") is None
    assert screened("uk") == "GB"
    for wrong in ("XX", _data_jurisdiction(knowledge), 49):
        with pytest.raises(InvalidInput) as error:
            screened(wrong)
        assert error.value.field == "country"
        assert "ISO 3166-1 alpha-2 country code" in error.value.detail
        # the value is quoted as the user wrote it in JSON, not as Python writes it
        assert "'" not in error.value.detail.split("got ", 1)[1]

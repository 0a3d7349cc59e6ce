"""The Country Chart columns per country and the Country Groups with members."""

from __future__ import annotations

from exportgraph.loaders.country_chart import CountryChart, CountryGroups


def test_chart_columns_per_country(chart: CountryChart) -> None:
    assert len(chart.columns) == 16 and chart.columns["NS1"] == "National security"
    china = chart.country("CN")
    assert {"NS1", "NS2", "RS1", "MT1"} <= set(china.marks) and "AT1" not in china.marks
    uk = chart.country("GB")
    assert uk.marks == ("CB1",) and uk.footnotes == ("10",)
    assert "0A501" in chart.footnotes["10"]
    iran = chart.country("IR")
    assert iran.embargoed and iran.marks == () and "part 746" in iran.pointer
    assert all(country.iso for country in chart.countries)  # every row resolves to a code


def test_country_groups_members(groups: CountryGroups) -> None:
    codes = [g.code for g in groups.groups]
    assert codes[0] == "A:1" and codes[-1] == "E:2" and len(codes) == 14
    assert set(groups.group("E:1").iso_members) == {"IR", "KP", "SY"}
    assert {"CN", "RU", "VE"} <= set(groups.group("D:5").iso_members)
    assert "MO" not in groups.group("D:5").iso_members  # the notes say so: Macau is not D:5
    assert "JP" in groups.group("A:1").iso_members
    assert groups.group("A:5").label.startswith("STA-eligible")

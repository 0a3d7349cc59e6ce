"""The comparison matrix: every kind × every jurisdiction, statuses, union lists, grouping; the
page's rows: the kinds lists other than the whole US and EU lists control (every kind on request)."""

from __future__ import annotations

import datetime as dt
import re

from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.services.reference import entries
from exportgraph.services.standards import comparison as matrix


def is_column(jurisdiction: dict[str, object]) -> bool:
    """A matrix column: any jurisdiction but a mere destination outside every union (CN, RU …)."""
    return not jurisdiction["destination_only"] or bool(jurisdiction["part_of"])


AS_OF = dt.date(2025, 12, 1)
WHOLE_LISTS_IN_FORCE = dt.date(2026, 12, 1)  # after the whole lists' source versions


def test_every_kind_and_jurisdiction_is_an_axis(small: Context) -> None:
    table = matrix.comparison_matrix(current(small), AS_OF)
    assert {j.notation for j in table.jurisdictions} == {"US", "EU", "FR", "GB", "JP"}
    kinds = [k.notation for k in table.kinds]
    assert set(kinds) >= {"quantum-computer", "quantum-annealer", "qubit-device"}
    # a narrower kind follows its broader kind, one level deeper
    narrower = kinds.index("superconducting-quantum-computer")
    assert kinds[narrower - 1] == "quantum-computer"
    assert table.kinds[narrower].depth == table.kinds[narrower - 1].depth + 1


def test_statuses_follow_evidence_and_scope(small: Context) -> None:
    table = matrix.comparison_matrix(current(small), AS_OF)
    assert table.cell("quantum-computer", "US").status == "controlled"
    assert table.cell("quantum-computer", "GB").status == "provisional"  # secondary only
    assert table.cell("quantum-computer", "JP").status == "not-controlled"
    annealer = table.cell("quantum-annealer", "US")
    assert annealer.status == "not-controlled"
    assert [e.id for e in annealer.excluded_by] == ["US:4A906"]
    # narrower kinds inherit the broader kind's entries
    assert table.cell("superconducting-quantum-computer", "US").entries == (
        table.cell("quantum-computer", "US").entries
    )


def test_members_show_their_union_list(small: Context) -> None:
    fr = matrix.comparison_matrix(current(small), AS_OF).cell("quantum-computer", "FR")
    own = [e.id for e in fr.entries if e.via is None]
    union = {e.via for e in fr.entries if e.via}
    assert own == ["FR:FR-QC-1"] and union == {"EU"}
    assert fr.status == "controlled"  # the EU entries are primary even though FR's is not


def test_dates_select_the_entries_in_force(small: Context) -> None:
    early = matrix.comparison_matrix(current(small), dt.date(2025, 1, 1))
    assert early.cell("quantum-computer", "EU").status == "not-controlled"
    assert early.cell("quantum-computer", "US").status == "controlled"


def test_bands_are_grouped_under_their_parent(small: Context) -> None:
    cell = matrix.comparison_matrix(current(small), AS_OF).cell("quantum-computer", "US")
    (group,) = cell.groups
    assert group.parent == "US:4A906.a" and len(group.entries) == 8
    assert group.range_end == "a.8" and group.dates == ["2024-09-06"]


def test_real_data_every_jurisdiction_is_a_column_once(real: Context) -> None:
    table = matrix.comparison_matrix(current(real), AS_OF)
    codes = [code for column in table.columns() for code in column.codes]
    expected = {j["code"] for j in entries.list_jurisdictions(current(real)) if is_column(j)}
    assert sorted(codes) == sorted(expected)
    every = [code for column in table.columns(group_members=False) for code in column.codes]
    assert sorted(every) == sorted(expected)
    # a grouped member adds nothing to its union: same cells, all via the union
    for column in table.columns():
        if column.grouped:
            for kind in table.kinds:
                union = table.cell(kind.notation, column.union or "")
                for code in column.codes:
                    cell = table.cell(kind.notation, code)
                    assert cell.status == union.status
                    assert all(e.via == column.union for e in cell.entries)


def test_real_data_the_quantum_computer_row(real: Context) -> None:
    table = matrix.comparison_matrix(current(real), AS_OF)
    us = table.cell("quantum-computer", "US")
    assert us.status == "controlled"
    assert "US:4A906.a.2" in [e.id for e in us.entries]
    assert "EU:4A506.a.2" in [e.id for e in table.cell("quantum-computer", "EU").entries]


def test_the_page_shows_the_kinds_other_lists_control_and_every_kind_on_request(
    real: Context, client: TestClient
) -> None:
    """The whole US and EU lists bring hundreds of kinds only they control: the page's rows are
    the kinds other lists control too (every kind on request), its columns stay every
    jurisdiction."""
    table = matrix.comparison_matrix(current(real), AS_OF)
    beyond = table.kinds_beyond({"US", "EU"})
    expected = {
        k.notation
        for k in table.kinds
        if any(
            e.via is None
            for j in table.jurisdictions
            if j.notation not in ("US", "EU")
            for e in table.cell(k.notation, j.notation).entries
        )
    }
    assert {k.notation for k in beyond} == expected
    assert {"quantum-computer", "dilution-refrigerator", "twpa"} <= expected
    assert len(table.kinds) > 10 * len(beyond)

    def rows(html: str) -> list[str]:
        return re.findall(r'<tr data-kind="([^"]+)"', html)

    page = client.get("/compare?as_of=2025-12-01").text
    assert rows(page) == [k.notation for k in beyond]
    assert 'href="/compare?as_of=2025-12-01&amp;kinds=all"' in page
    every = client.get("/compare?as_of=2025-12-01&kinds=all").text
    assert rows(every) == [k.notation for k in table.kinds]
    assert '<input type="hidden" name="kinds" value="all">' in every  # the pair form keeps it


def test_without_whole_lists_every_kind_is_a_row(small: Context, small_client: TestClient) -> None:
    table = matrix.comparison_matrix(current(small), AS_OF)
    page = small_client.get("/compare?as_of=2025-12-01").text
    assert re.findall(r'<tr data-kind="([^"]+)"', page) == [k.notation for k in table.kinds]
    assert 'id="kinds-shown"' not in page


def test_the_pair_view_lists_the_entries_of_the_rows_shown_one_category_on_request(
    real: Context, client: TestClient
) -> None:
    """US against EU lists the US entries of the kinds shown (every kind on request), of one
    category where chosen; a category that is not one is refused next to its field."""
    table = matrix.comparison_matrix(current(real), WHOLE_LISTS_IN_FORCE)
    beyond = table.kinds_beyond({"US", "EU"})

    def own(kinds: tuple[matrix.Axis, ...]) -> set[str]:
        return {e.id for k in kinds for e in table.cell(k.notation, "US").entries if e.via is None}

    def listed(html: str) -> set[str]:
        return set(re.findall(r'<tr data-entry="([^"]+)"', html))

    shown = own(beyond)
    only_whole = sorted(own(table.kinds) - shown)
    assert shown and only_whole
    page = client.get("/compare?as_of=2026-12-01&a=US&b=EU").text
    assert listed(page) == shown
    outside = only_whole[0]
    category = outside.partition(":")[2][0]
    every = client.get(f"/compare?as_of=2026-12-01&a=US&b=EU&kinds=all&category={category}")
    assert every.status_code == 200
    assert outside in listed(every.text)
    assert all(e.startswith(f"US:{category}") for e in listed(every.text))
    assert f"Entries of US in category {category} and how they relate to EU" in every.text
    refused = client.get("/compare?as_of=2026-12-01&a=US&b=EU&category=x")
    assert refused.status_code == 422
    assert "category: &#39;x&#39; is not a category (0 to 9)" in refused.text
    assert 'id="pair"' not in refused.text

"""Countries of the consolidated list: ISO 3166-1 codes, the list's own spellings of them
(``PRC`` → ``CN``), and places that are no country (kept as regions)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from exportgraph.loaders.tables import read_table

from exportgraph.countries import is_iso_country


def read_country_spellings(path: Path, name: str) -> dict[str, str]:
    """The list's spellings of countries that are not ISO codes (``PRC`` → ``CN``)."""
    spellings: dict[str, str] = {}
    for row in read_table(path, ("spelling", "country"), name=name):
        country = row.require("country")
        if not is_iso_country(country):
            raise row.error("country", f"not an ISO 3166-1 alpha-2 code: {country!r}")
        spellings[row.require("spelling").upper()] = country
    return spellings


def countries_and_regions(
    raw: Iterable[str], spellings: Mapping[str, str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """ISO codes, and the places that are none (kept verbatim as regions)."""
    countries: list[str] = []
    regions: list[str] = []
    for value in raw:
        text = value.strip()
        code = text if is_iso_country(text) else spellings.get(text.upper())
        if code:
            countries.append(code)
        elif text:
            regions.append(text)
    return tuple(dict.fromkeys(countries)), tuple(dict.fromkeys(regions))

"""ISO 3166-1 alpha-2 country codes (pycountry holds the standard's data): what loaders, change
sets and requests accept as a country, read from one place."""

from __future__ import annotations

from functools import cache

import pycountry


@cache
def is_iso_country(code: str) -> bool:
    """An ISO 3166-1 alpha-2 code (upper case)."""
    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


def iso_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code."""
    return frozenset(str(country.alpha_2) for country in pycountry.countries)

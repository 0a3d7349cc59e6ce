"""Country names as the official sources write them → ISO 3166-1 alpha-2 codes.

pycountry (the ISO 3166 data) answers exact names; ``ontology/controls/country-names.csv`` holds
the spellings it does not know ("Korea, South", "Burma", "Seycheles" as the US chart writes it).
A name neither knows stays unresolved (``None``): it is kept as a name, never guessed (no fuzzy
matching: "Kosovo" must not become Serbia).
"""

from __future__ import annotations

from pathlib import Path

import pycountry
from exportgraph.loaders.tables import read_table


class CountryNames:
    """Resolves a source's country name to an ISO 3166-1 alpha-2 code, or ``None``."""

    def __init__(self, table: Path, name: str | None = None) -> None:
        self._known: dict[str, str | None] = {}
        for row in read_table(table, ("name", "iso"), name=name):
            self._known[_key(row.require("name"))] = row.get("iso") or None

    def code(self, name: str) -> str | None:
        key = _key(name)
        if key in self._known:
            return self._known[key]
        try:
            country = pycountry.countries.lookup(name.strip())
        except LookupError:
            return None
        return str(country.alpha_2)


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()

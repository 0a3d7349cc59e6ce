"""A screening result as a rich table (for `exportgraph screen`)."""

from __future__ import annotations

from rich.table import Table

from exportgraph.services.partners.screening_answers import ScreeningResult


def result_table(result: ScreeningResult) -> Table:
    """A readable table of the matches: score, list, entry, the name that matched, why."""
    table = Table(
        "score",
        "list",
        "entry",
        "party (name that matched)",
        "country",
        "Federal Register",
        title=f"{result.query!r}"
        + (f" in {result.country}" if result.country else "")
        + f" - threshold {result.threshold:g}",
    )
    for match in result.matches:
        name = match.explanations.name
        shown = match.name if name.matched == match.name else f"{match.name}\n({name.matched})"
        countries = ", ".join(match.countries) or "-"
        table.add_row(
            f"{match.score:g}",
            match.list_code,
            match.entry,
            f"{shown}\n[dim]{name.scorer}; key {name.query_key!r} ~ {name.matched_key!r}[/]",
            f"{countries} ({match.explanations.country.agreement})",
            match.federal_register or "-",
        )
    return table

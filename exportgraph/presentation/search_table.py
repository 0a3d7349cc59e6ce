"""The terminal table (rich) of a search answer, for `exportgraph search`."""

from __future__ import annotations

import html
import re

from rich.table import Table
from rich.text import Text

from exportgraph.services.reference.search import SearchAnswer

_MARK = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)


def marked(fragment: str) -> Text:
    """A highlight (escaped HTML with <mark>) as terminal text, the matched words emphasised."""
    text = Text()
    at = 0
    for match in _MARK.finditer(fragment):
        text.append(html.unescape(fragment[at : match.start()]))
        text.append(html.unescape(match.group(1)), style="bold yellow")
        at = match.end()
    text.append(html.unescape(fragment[at:]))
    return text


def search_table(answer: SearchAnswer) -> Table:
    """The hits: id, jurisdiction, score, whether the criteria are data, the marked fragments."""
    terms = ", ".join(e["label"] for e in answer["expanded"])
    title = f"{answer['total']} entries match “{answer['query']}”"
    table = Table(
        "entry",
        "score",
        "criteria",
        "where the words are",
        title=title + (f" (also as terms: {terms})" if terms else ""),
    )
    for hit in answer["hits"]:
        where = Text("\n").join(marked(fragment) for fragment in hit["highlights"])
        if hit["within"]:
            where = Text("in " + " › ".join(w["id"] for w in hit["within"]) + "\n") + where
        table.add_row(
            hit["id"] + (" (code)" if hit["match"] == "code" else ""),
            f"{hit['score']:.2f}",
            "data" if hit["formalized"] else "text only",
            where,
        )
    return table

"""Content negotiation (RFC 9110 §12.5.1), one implementation for every route that answers in
several media types: SPARQL results, RDF exports, agreement reports, diffs, mapping tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from exportgraph.errors import InvalidInput

# RDF serializations offered wherever a graph is returned, and their ?format= names.
RDF_MEDIA_TYPES = (
    "text/turtle",
    "application/ld+json",
    "application/n-triples",
    "application/rdf+xml",
)
RDF_FORMAT_NAMES = {
    "turtle": "text/turtle",
    "json-ld": "application/ld+json",
    "nt": "application/n-triples",
    "xml": "application/rdf+xml",
}


@dataclass(frozen=True)
class MediaRange:
    """One element of an Accept header."""

    media: str
    quality: float
    position: int

    def matches(self, offered: str) -> bool:
        if self.media == "*/*":
            return True
        if self.media.endswith("/*"):
            return offered.startswith(self.media[:-1])
        return self.media == offered


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header (parameters other than q ignored; a bad q is 0)."""
    ranges = []
    for position, part in enumerate((header or "").split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        quality = 1.0
        for parameter in pieces[1:]:
            if parameter.lower().startswith("q="):
                try:
                    quality = min(max(float(parameter[2:]), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append(MediaRange(media, quality, position))
    return ranges


def choose(
    accept: str | None,
    offered: Sequence[str],
    *,
    aliases: Mapping[str, str] | None = None,
    default: str | None = None,
) -> str | None:
    """The offered media type the client prefers: highest quality, then the earliest range in
    the header, then the earlier offer (wildcards pick the first offer they match); `aliases` map
    other names clients send (application/json for SPARQL JSON) onto offers. No header: `default`
    (else the first offer). None when nothing offered is acceptable."""
    ranges = parse_accept(accept)
    if not ranges:
        return default or offered[0]
    names = aliases or {}
    best: tuple[float, int, int, str] | None = None
    for media_range in ranges:
        if media_range.quality <= 0:
            continue
        wanted = names.get(media_range.media, media_range.media)
        for rank, offer in enumerate(offered):
            if not MediaRange(wanted, media_range.quality, media_range.position).matches(offer):
                continue
            key = (-media_range.quality, media_range.position, rank, offer)
            if best is None or key < best:
                best = key
            break  # a wildcard stands for the first offer it matches
    return best[3] if best else None


def rdf_media_type(accept: str | None, format_name: str | None) -> str | None:
    """The RDF media type asked for by ?format= (a name) or by Accept naming an RDF type
    explicitly; None when the client did not ask for RDF. InvalidInput for an unknown name."""
    if format_name:
        if format_name not in RDF_FORMAT_NAMES:
            raise InvalidInput(
                f"format must be one of {', '.join(RDF_FORMAT_NAMES)}, got {format_name!r}",
                field="format",
            )
        return RDF_FORMAT_NAMES[format_name]
    explicit = [r for r in parse_accept(accept) if "*" not in r.media]
    chosen = choose(",".join(f"{r.media};q={r.quality}" for r in explicit), RDF_MEDIA_TYPES)
    return chosen if explicit else None

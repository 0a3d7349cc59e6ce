"""The corpus on the plane of the data's plot (physical qubits × C-NOT error) on the real data:
every product whose two figures are published is drawn where its classification puts it, every
other product of the plot's kind (or stating either figure) is counted as not drawn with the
figure it lacks, and the plot says so."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.planes import plot_for
from exportgraph.presentation.impact_plots import corpus_planes, corpus_points
from exportgraph.services.reference.products import product_item
from tests.batch.test_report import SVG, svgs

ON = dt.date(2026, 6, 1)


def _usable(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def test_every_product_with_both_figures_is_drawn_and_every_other_is_counted(
    knowledge: Knowledge,
) -> None:
    plot = plot_for(knowledge)
    corpus = corpus_points(knowledge)
    drawn = {dot.id: dot for dot in corpus.dots}
    undrawn = {product for ids in corpus.undrawn.values() for product in ids}
    assert not drawn.keys() & undrawn
    for product in knowledge.products.values():
        values = product_item(knowledge, product)[0]["parameters"]
        x, y = values.get(plot.x), values.get(plot.y)
        of_kind = plot.kind in knowledge.ancestors_of_kind(product.kind)
        if _usable(x) and _usable(y):
            dot = drawn[product.id]  # where the classification puts it (its first figures)
            assert (dot.point.x, dot.point.y) == (Fraction(str(x)), Fraction(str(y)))
            assert dot.of_kind == of_kind
        elif of_kind or {f.parameter for f in product.figures} & {plot.x, plot.y}:
            assert product.id in undrawn
        else:
            assert product.id not in drawn and product.id not in undrawn
    # products of another kind stating both figures (qubit devices) are drawn too
    assert any(not dot.of_kind for dot in corpus.dots)
    for reason, ids in corpus.undrawn.items():
        assert reason.endswith("not published") and ids  # no figure is ever guessed
    assert corpus.undrawn_count == len(undrawn)


def test_the_plane_states_how_many_products_are_not_drawn_and_why(knowledge: Knowledge) -> None:
    corpus = corpus_points(knowledge)
    [plane] = svgs("".join(corpus_planes((knowledge, ON), (knowledge, ON), ["EU"])))
    circles = [c for c in plane.iter(f"{SVG}circle") if "product" in c.get("class", "")]
    assert {c.get("data-product") for c in circles} == {dot.id for dot in corpus.dots}
    hollow = {c.get("data-product") for c in circles if "other-kind" in c.get("class", "")}
    assert hollow == {dot.id for dot in corpus.dots if not dot.of_kind}
    assert plane.get("data-drawn") == str(len(corpus.dots))
    assert plane.get("data-undrawn") == str(corpus.undrawn_count)
    lines = [t.text or "" for t in plane.iter(f"{SVG}text") if t.get("class") == "undrawn"]
    assert lines[0] == f"{corpus.undrawn_count} not drawn:"
    assert lines[1:] == [f"{why}: {len(ids)}" for why, ids in corpus.undrawn.items()]
    # a corpus given in the request is not the products: no products, no count
    [bare] = svgs("".join(corpus_planes((knowledge, ON), (knowledge, ON), ["EU"], products=False)))
    assert bare.get("data-drawn") == "0" and not list(bare.iter(f"{SVG}circle"))

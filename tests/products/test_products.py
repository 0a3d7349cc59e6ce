"""The products corpus: loaded from its tables with sources, browseable, classified from its
published figures — an unpublished figure makes the answer unknown, never guessed."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from exportgraph.api.app import create_app
from exportgraph.loaders.products import load_products
from exportgraph.loaders.tables import SourceDataError
from fastapi.testclient import TestClient

from exportgraph import paths
from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.services.reference.products import get_product, list_products
from exportgraph.settings import Settings
from tests.real_graph import real_store

PRODUCTS = paths.ontology_dir() / "products"


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Context]:
    users = tmp_path_factory.mktemp("products") / "users.json"
    settings = replace(Settings.from_env(), store_uri="memory:", users_file=str(users))
    ctx = Context(settings, store=real_store())
    yield ctx
    ctx.close()


def test_the_corpus_has_every_family_with_sources(context: Context) -> None:
    knowledge = current(context)
    products = knowledge.products
    assert len(products) >= 150
    categories = {p.category for p in products.values()}
    assert {
        "gate-based-computer",
        "annealer",
        "analogue-simulator",
        "dilution-refrigerator",
        "parametric-amplifier",
        "hemt-amplifier",
        "cryo-cmos",
        "wafer-prober",
        "enriched-material",
        "sensor",
        "clock",
        "qkd",
    } <= categories
    for product in products.values():
        assert product.source in knowledge.product_sources, product.id
        for figure in product.figures:
            assert figure.source in knowledge.product_sources, (product.id, figure.parameter)
            assert figure.problem is None, (product.id, figure.parameter, figure.problem)
            if figure.value is not None:
                assert figure.benchmark, (product.id, figure.parameter)


def test_an_unpublished_figure_makes_the_answer_unknown_and_is_named(context: Context) -> None:
    knowledge = current(context)
    # every gate-based computer with qubits in a band but no published C-NOT error
    candidates = [
        p
        for p in knowledge.products.values()
        if p.category == "gate-based-computer"
        and any(
            f.parameter == "physical-qubits" and f.canonical and f.canonical >= 100
            for f in p.figures
        )
        and not any(f.parameter == "cnot-error" and f.canonical is not None for f in p.figures)
    ]
    assert candidates
    for product in candidates:
        answer = get_product(knowledge, product.id, ["US"], "2026-06-01")
        (us,) = answer["classification"]["results"]
        qubits = next(u["value"] for u in answer["used"] if u["parameter"] == "physical-qubits")
        if qubits < 2000:  # from 2,000 qubits any error is controlled
            assert us["controlled"] == "unknown", product.id
            assert "cnot-error" in us.get("missing", []), product.id


def test_a_product_is_classified_from_its_figures_saying_which(context: Context) -> None:
    knowledge = current(context)
    both = next(
        p
        for p in knowledge.products.values()
        if {"physical-qubits", "cnot-error"}
        <= {f.parameter for f in p.figures if f.canonical is not None}
    )
    answer = get_product(knowledge, both.id, ["US", "EU"])
    used = {u["parameter"]: u for u in answer["used"]}
    assert used["cnot-error"]["benchmark"] and used["cnot-error"]["source"]
    assert answer["item"]["parameters"]["cnot-error"] == used["cnot-error"]["value"]
    assert [r["jurisdiction"] for r in answer["classification"]["results"]] == ["US", "EU"]


def test_listing_filters_by_kind_through_the_hierarchy(context: Context) -> None:
    knowledge = current(context)
    computers = list_products(knowledge, kind="quantum-computer")
    kinds = {p["kind"] for p in computers}
    assert "superconducting-quantum-computer" in kinds and "trapped-ion-quantum-computer" in kinds
    assert "dilution-refrigerator" not in kinds
    verdicts = list_products(knowledge, kind="quantum-annealer", with_classification=True)
    assert verdicts and all(p["controlled"]["US"] is False for p in verdicts)  # annealers excluded


def test_api_and_pages(context: Context) -> None:
    with TestClient(create_app(context)) as client:
        listed = client.get(
            "/v1/products", params={"classified": "true", "kind": "quantum-annealer"}
        )
        assert listed.status_code == 200 and listed.json()
        first = listed.json()[0]["id"]
        detail = client.get(f"/v1/products/{first}", params={"jurisdiction": "US"})
        assert detail.status_code == 200
        assert detail.json()["figures"] and detail.json()["classification"]["results"]
        missing = client.get("/v1/products/no-such-product")
        assert missing.status_code == 404
        assert missing.headers["content-type"].startswith("application/problem+json")
        bad = client.get("/v1/products", params={"kind": "toaster"})
        assert bad.status_code == 422 and "kind" in bad.json()["detail"]
        page = client.get("/products")
        assert page.status_code == 200 and page.text.count('data-product="') >= 150
        one = client.get(f"/products/{first}")
        assert one.status_code == 200 and "Published figures" in one.text


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "products"
    shutil.copytree(PRODUCTS, root)
    return root


def test_a_figure_of_an_unknown_product_is_located(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    figures = root / "computers" / "figures.csv"
    figures.write_text(
        figures.read_text()
        + "no-such-product,physical-qubits,5,count,x,ibm-docs-processor-types,,,\n"
    )
    with pytest.raises(SourceDataError) as caught:
        load_products(root)
    assert caught.value.file.endswith("computers/figures.csv")
    assert caught.value.column == "product" and "no-such-product" in caught.value.message


def test_a_duplicate_product_and_a_bad_value_are_located(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    products = root / "components" / "products.csv"
    first = products.read_text().splitlines()[1]
    products.write_text(products.read_text() + first + "\n")
    with pytest.raises(SourceDataError, match="used twice"):
        load_products(root)
    root = _copy(tmp_path / "b")
    figures = root / "components" / "figures.csv"
    rows = list(csv.reader(figures.open(newline="")))
    rows[1][2] = "1e999999"
    with figures.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    with pytest.raises(SourceDataError) as caught:
        load_products(root)
    assert caught.value.line == 2 and caught.value.column == "value"

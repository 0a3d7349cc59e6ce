"""Package layout (the rest of the metadata is in pyproject.toml).

The required top-level folders install inside the project's namespace — api/ as exportgraph.api,
loaders/ as exportgraph.loaders, and the knowledge folders ontology/, shapes/, queries/ as package
data of exportgraph.ontology, exportgraph.shapes, exportgraph.queries — so a wheel adds one
top-level name and works outside any checkout. Every folder below them is listed as a package,
so new code or data folders need no edit here.
"""

from setuptools import find_namespace_packages, setup

MAPPED = {
    "exportgraph.api": "api",
    "exportgraph.loaders": "loaders",
    "exportgraph.ontology": "ontology",
    "exportgraph.shapes": "shapes",
    "exportgraph.queries": "queries",
}
SKIP = ["*__pycache__*", "*.egg-info*"]
DATA = [
    "*.ttl",
    "*.csv",
    "*.tsv",
    "*.json",
    "*.jsonld",
    "*.xml",
    "*.md",
    "*.rq",
    "*.html",
    "*.css",
    "*.js",
]

packages = find_namespace_packages(include=["exportgraph", "exportgraph.*"], exclude=SKIP)
for name, folder in MAPPED.items():
    packages += [name, *(f"{name}.{sub}" for sub in find_namespace_packages(folder, exclude=SKIP))]

setup(
    packages=packages,
    package_dir={"exportgraph": "exportgraph", **MAPPED},
    package_data={name: DATA for name in packages},
)

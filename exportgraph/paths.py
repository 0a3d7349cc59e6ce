"""Where the project's knowledge files live (ontology/, shapes/, queries/)."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """EXPORTGRAPH_HOME, else the checkout this package was installed from (editable install)."""
    configured = os.environ.get("EXPORTGRAPH_HOME")
    if configured:
        return Path(configured).resolve()
    return Path(__file__).resolve().parent.parent


def ontology_dir() -> Path:
    return project_root() / "ontology"


def shapes_dir() -> Path:
    return project_root() / "shapes"


def queries_dir() -> Path:
    return project_root() / "queries"

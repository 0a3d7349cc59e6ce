"""Where things live: the knowledge folders (ontology/, shapes/, queries/, UI files) and the data
folder (store, users).

From a checkout (editable install) the knowledge folders are the checkout's own top-level folders;
from a wheel they are package data inside ``exportgraph`` (pyproject.toml maps them). Either way
they are found from the installed code, never relative to the working directory.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path


def package_dir(package: str) -> Path:
    """The folder of a (possibly namespace) package, without importing its code."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"package {package!r} is not installed with exportgraph")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def project_root() -> Path:
    """EXPORTGRAPH_HOME, else the folder holding ontology/, shapes/ and queries/ (the checkout
    from an editable install, the installed package from a wheel). Source names in the data
    version are relative to it, so a checkout and a wheel of the same data agree."""
    configured = os.environ.get("EXPORTGRAPH_HOME")
    if configured:
        return Path(configured).resolve()
    return _knowledge_root()


def _knowledge_root() -> Path:
    package = Path(__file__).resolve().parent
    return package if (package / "ontology").is_dir() else package.parent


def ontology_dir() -> Path:
    return project_root() / "ontology"


def shapes_dir() -> Path:
    return project_root() / "shapes"


def queries_dir() -> Path:
    return project_root() / "queries"


def ui_dir() -> Path:
    """The web UI's templates/ and static/ (inside the api package)."""
    return package_dir("exportgraph.api")


def templates_dir() -> Path:
    return ui_dir() / "templates"


def static_dir() -> Path:
    return ui_dir() / "static"


def is_checkout() -> bool:
    """Whether the knowledge folders are a source checkout's (an editable install)."""
    return (_knowledge_root() / "pyproject.toml").is_file()


def data_dir() -> Path:
    """Where the store and the users file live by default: EXPORTGRAPH_DATA, else `data/` in the
    working directory for a checkout, else the per-user data folder ($XDG_DATA_HOME or
    ~/.local/share, then exportgraph/) for an installed wheel."""
    configured = os.environ.get("EXPORTGRAPH_DATA")
    if configured:
        return Path(configured)
    if is_checkout():
        return Path("data")
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "exportgraph"


def default_store_uri() -> str:
    return f"oxigraph:{data_dir() / 'store'}"


def default_users_file() -> str:
    return str(data_dir() / "users.json")

"""Settings from the environment, in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass

from exportgraph import paths


@dataclass(frozen=True)
class Settings:
    """Runtime settings; every field has an EXPORTGRAPH_* environment variable."""

    store_uri: str
    update_url: str | None
    sparql_timeout_s: float
    sparql_max_rows: int
    users_file: str
    batch_max_bytes: int = 512 * 1024 * 1024
    """Largest body of POST /v1/classify/batch and POST /v1/impact (a million items fit)."""
    batch_max_items: int = 1_000_000
    """Most items in one batch or one what-if corpus."""

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            store_uri=os.environ.get("EXPORTGRAPH_STORE") or paths.default_store_uri(),
            update_url=os.environ.get("EXPORTGRAPH_UPDATE_URL") or None,
            sparql_timeout_s=float(os.environ.get("EXPORTGRAPH_SPARQL_TIMEOUT", "5")),
            sparql_max_rows=int(os.environ.get("EXPORTGRAPH_SPARQL_MAX_ROWS", "10000")),
            users_file=os.environ.get("EXPORTGRAPH_USERS") or paths.default_users_file(),
            batch_max_bytes=int(
                os.environ.get("EXPORTGRAPH_BATCH_MAX_BYTES", str(cls.batch_max_bytes))
            ),
            batch_max_items=int(
                os.environ.get("EXPORTGRAPH_BATCH_MAX_ITEMS", str(cls.batch_max_items))
            ),
        )

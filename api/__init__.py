"""The HTTP API and web UI of exportgraph (FastAPI)."""

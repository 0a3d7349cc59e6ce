"""The ASGI app for uvicorn: `uvicorn exportgraph.api.main:app`."""

from exportgraph.api.app import create_app

app = create_app(warm=True)  # served: warmed up in the background at start-up

"""exportgraph: an open knowledge-graph service for export controls on quantum items."""

__version__ = "0.1.0"

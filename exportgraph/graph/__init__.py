"""The graph layer: sources to RDF, closure, change sets, replay, build, named queries."""

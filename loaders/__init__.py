"""Loaders turn the editable sources (tables, SSSOM mappings, agreements) into RDF."""

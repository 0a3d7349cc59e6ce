"""The knowledge layer: one index of the graph per data version, read once and shared by every
service (entries, criteria in canonical units, in-force intervals, scopes, kinds, relations)."""

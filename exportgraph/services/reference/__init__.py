"""Reading the shared reference data for every user: jurisdictions, entries, concepts."""

"""Read-only SPARQL for every user: parse, refuse what could reach out or write, run with limits."""

"""Presentation: how answers are shown — SVG plots, terminal tables, text, content negotiation.
No domain decisions here: everything shown comes from the services."""

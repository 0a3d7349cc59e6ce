"""One router per user group or concern; each stays thin and calls a domain service."""

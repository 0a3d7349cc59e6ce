"""Services for standards bodies and regulators: change sets, releases, equivalence, impact."""

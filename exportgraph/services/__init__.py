"""Domain services: plain functions and classes shared by the CLI, the API and the tests."""

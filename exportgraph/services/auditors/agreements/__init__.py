"""Agreement validation (contract §4): parse, enrich from the knowledge graph, SHACL, report."""

from __future__ import annotations

import threading
import weakref

from exportgraph.graph.context import Context
from exportgraph.services.auditors.agreements.validation import (
    AgreementReport,
    Validator,
    Violation,
)

__all__ = ["AgreementReport", "Validator", "Violation", "validator_for"]

_validators: weakref.WeakKeyDictionary[Context, Validator] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def validator_for(context: Context) -> Validator:
    """The validator of a context (one per context, shared by its requests; thread-safe)."""
    with _lock:
        found = _validators.get(context)
        if found is None:
            found = _validators[context] = Validator(context)
        return found

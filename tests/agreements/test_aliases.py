"""Country and jurisdiction codes in an agreement take the data's aliases (UK → GB), as every
other answer does: the alias comes from the jurisdictions' data, not from the parser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from exportgraph.services.auditors.agreements import Validator, schema
from exportgraph.services.auditors.agreements.knowledge import rules
from exportgraph.services.standards.impact_agreements import examples_dir

_CODE_FIELDS = re.compile(r'"(country|jurisdiction|destination|nationality)": "GB"')
_GB_EXAMPLES = sorted(
    path for path in examples_dir().glob("*.json") if _CODE_FIELDS.search(path.read_text("utf-8"))
)


def test_the_parser_holds_no_alias_of_its_own() -> None:
    document = {"destination": "UK", "parties": [{"country": "UK"}]}
    assert schema.check(document)["destination"] == "UK"
    checked = schema.check(document, aliases={"UK": "GB"})
    assert checked["destination"] == "GB"
    assert checked["parties"] == [{"country": "GB"}]


def test_the_data_names_uk_an_alias_of_gb(validator: Validator) -> None:
    assert rules(validator.context).aliases.get("UK") == "GB"


@pytest.mark.parametrize("path", _GB_EXAMPLES, ids=lambda path: path.name)
def test_uk_in_every_code_field_answers_as_gb(validator: Validator, path: Path) -> None:
    text = path.read_text("utf-8")
    as_uk = _CODE_FIELDS.sub(r'"\1": "UK"', text)
    [as_gb_report], _ = validator.validate_body(text.encode(), "application/json")
    [as_uk_report], _ = validator.validate_body(as_uk.encode(), "application/json")
    assert json.dumps(as_uk_report.as_json(), sort_keys=True) == json.dumps(
        as_gb_report.as_json(), sort_keys=True
    )


def test_there_are_gb_examples_to_compare() -> None:
    assert len(_GB_EXAMPLES) >= 2

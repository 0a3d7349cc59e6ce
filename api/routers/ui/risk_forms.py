"""What the risk form offers and how it reads back into a risk request (contract §10)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NotRequired

from typing_extensions import TypedDict

from exportgraph.json_types import JsonObject

PARAMETER_ROWS = 3
FIELDS = (
    "kind",
    "for_kind",
    "purpose",
    "from",
    "to",
    "end_user_name",
    "end_user_country",
    "end_user_type",
    "verified",
    "end_use",
    "project_stage",
    "model",
    "as_of",
)
# where a service error's field is shown on the form
FIELD_OF_ERROR = {
    "subject": "kind",
    "from": "from",
    "to": "to",
    "end_user.name": "end_user_name",
    "end_user.country": "end_user_country",
    "end_user.type": "end_user_type",
    "end_user.verified": "verified",
    "end_use": "end_use",
    "project_stage": "project_stage",
    "model": "model",
    "as_of": "as_of",
}


class EndUser(TypedDict, total=False):
    name: str
    country: str
    type: str
    verified: bool


RiskQuestion = TypedDict(  # "from" is a keyword: the functional form
    "RiskQuestion",
    {
        "subject": dict[str, JsonObject],
        "from": str,
        "to": str | None,
        "end_user": NotRequired[EndUser],
        "end_use": NotRequired[str],
        "project_stage": NotRequired[str],
        "model": NotRequired[str],
        "as_of": NotRequired[str],
    },
)
"""A POST /v1/risk body (contract §10) as the form states it."""


@dataclass
class RiskForm:
    """The risk form as entered (kept for redisplay) and its field errors."""

    values: dict[str, str] = field(default_factory=dict)
    parameters: list[tuple[str, str]] = field(default_factory=list)  # (name, value text)
    errors: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    @property
    def submitted(self) -> bool:
        return bool(self.get("kind"))

    def subject(self, serving: bool) -> dict[str, JsonObject]:
        kind = self.get("kind")
        if serving:
            body: JsonObject = {"for_kind": self.get("for_kind") or None}
            if self.get("purpose"):
                body["purpose"] = self.get("purpose")
            return {kind: body}
        parameters = {name: value for name, value in self.parameters if name and value.strip()}
        return {"item": {"kind": kind, "parameters": parameters}}

    def request(self, serving: bool) -> RiskQuestion:
        """The risk request of the form."""
        out: RiskQuestion = {
            "subject": self.subject(serving),
            "from": self.get("from"),
            "to": self.get("to") or None,
        }
        end_user: EndUser = {}
        if self.get("end_user_name"):
            end_user["name"] = self.get("end_user_name")
        if self.get("end_user_country"):
            end_user["country"] = self.get("end_user_country")
        if self.get("end_user_type"):
            end_user["type"] = self.get("end_user_type")
        if self.get("verified") in ("yes", "no"):
            end_user["verified"] = self.get("verified") == "yes"
        if end_user:
            out["end_user"] = end_user
        if self.get("end_use"):
            out["end_use"] = self.get("end_use")
        if self.get("project_stage"):
            out["project_stage"] = self.get("project_stage")
        if self.get("model"):
            out["model"] = self.get("model")
        if self.get("as_of"):
            out["as_of"] = self.get("as_of")
        return out

    def place(self, field_name: str | None, detail: str) -> None:
        """Attach a service error to the form field it names."""
        where = field_name or ""
        for prefix, target in FIELD_OF_ERROR.items():
            if where == prefix or where.startswith(prefix + "."):
                if prefix == "subject" and ".parameters." in where:
                    target = "parameters"
                self.errors[target] = detail
                return
        self.general.append(detail)


def read_risk_form(query: Mapping[str, str], multi: list[tuple[str, str]]) -> RiskForm:
    """Read the GET form: the fields above, and `p` / `v` pairs for parameters."""
    form = RiskForm(values={name: query.get(name, "").strip() for name in FIELDS})
    names = [value for key, value in multi if key == "p"]
    values = [value for key, value in multi if key == "v"]
    form.parameters = list(zip(names, values, strict=False))
    while len(form.parameters) < PARAMETER_ROWS:
        form.parameters.append(("", ""))
    return form

"""Restricted-party screening: GET /v1/screening (contract §10)."""

from __future__ import annotations

import builtins
from typing import Annotated

from exportgraph.api.deps import KnowledgeDep
from exportgraph.api.problems import responses
from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from exportgraph.knowledge.screening import DEFAULT_THRESHOLD
from exportgraph.services.partners.screening import NOTE, screen
from exportgraph.services.partners.screening_answers import (
    Explanations,
    ScreeningMatch,
    ScreeningResult,
)
from exportgraph.services.partners.screening_input import DEFAULT_LIMIT, MAX_LIMIT, MAX_NAME_LENGTH

router = APIRouter(tags=["partners"])


class SourceAnswer(BaseModel):
    kind: str = Field(description="list (its legal basis), federal-register or source-file")
    citation: str
    url: str | None


class ScreeningMatchAnswer(BaseModel):
    """One listed party that matches (fields beyond the contract's explain the match)."""

    model_config = ConfigDict(extra="allow")
    name: str = Field(description="The party's name as the list states it.")
    list: str = Field(examples=["Entity List (EL) - Bureau of Industry and Security"])
    list_code: str = Field(examples=["EL"])
    entry: str = Field(description="The list entry: list code and entity number or digest.")
    country: str | None
    score: float = Field(description="0-100; the threshold is in the Exportgraph-Threshold header.")
    entity_number: str | None
    licence_requirement: str | None = Field(description="As the entry states it (Entity List).")
    all_items_subject_to_ear: bool
    federal_register: str | None = Field(examples=["89 FR 41888"])
    countries: builtins.list[str] = Field(description="ISO 3166-1 alpha-2 codes of the addresses.")
    regions: builtins.list[str] = Field(description="Address places that are no ISO country.")
    licence_policy: str | None = Field(description="As the entry states it (Entity List).")
    licence_requirement_qualified: bool = Field(
        description="The licence requirement names exceptions or limits (read it in full)."
    )
    list_effect: str = Field(description="What being on this list means, as its authority says.")
    party_type: str | None
    alt_names: builtins.list[str]
    programmes: builtins.list[str]
    sources: builtins.list[SourceAnswer]  # `list` is a field here
    explanations: Explanations = Field(
        description="name: which name or alternative name matched, both names normalised and "
        "keyed, legal forms, the scorer and its scores, each query word's pair; country: agreement."
    )


def headers(result: ScreeningResult) -> dict[str, str]:
    """What every answer states besides its matches (an empty list says it too)."""
    return {
        "Exportgraph-Data-Version": result.data_version,
        "Exportgraph-Source": f"{result.source.file}; generated {result.source.version}; "
        f"sha256 {result.source.sha256}",
        "Exportgraph-Matcher": result.matcher,
        "Exportgraph-Threshold": f"{result.threshold:g}",
        "Exportgraph-Note": NOTE,
    }


@router.get(
    "/v1/screening",
    summary="Screen a name against restricted-party lists",
    response_model=list[ScreeningMatchAnswer],
    responses=responses(422, 503),
    description="Fuzzy search of the US Consolidated Screening List (Entity List, Denied Persons, "
    "Unverified, Military End User, SDN and the other lists it consolidates). Each match names the "
    "list, the entry, its Federal Register citation and why it matched; the headers name the data "
    f"version, the source file's version, the matcher and the threshold. {NOTE}",
)
async def screening(
    knowledge: KnowledgeDep,
    response: Response,
    name: Annotated[
        str,
        Query(
            description=f"The name to screen (at most {MAX_NAME_LENGTH} characters, any script).",
            examples=["Origin Quantum Computing Technology Co., Ltd."],
        ),
    ],
    country: Annotated[
        str | None,
        Query(
            description="ISO 3166-1 alpha-2 code: only parties at an address there, or listing "
            "no country, are considered.",
            examples=["CN"],
        ),
    ] = None,
    threshold: Annotated[
        float | None,
        Query(
            description=f"Lowest score that matches, above 0 and at most 100 (default {DEFAULT_THRESHOLD:g})."
        ),
    ] = None,
    limit: Annotated[int, Query(description=f"Most matches returned, 1 to {MAX_LIMIT}.")] = (
        DEFAULT_LIMIT
    ),
) -> list[ScreeningMatch]:
    result = await run_in_threadpool(
        screen, knowledge, name, country, threshold=threshold, limit=limit
    )
    response.headers.update(headers(result))
    return list(result.matches)  # each validated by ScreeningMatchAnswer

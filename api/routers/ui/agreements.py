"""Agreement check for auditors: paste or upload, read the report by rule, download it."""

from __future__ import annotations

import json
from typing import Any

from exportgraph.api import limits
from exportgraph.api.routers.agreements import validate_within_limits
from exportgraph.api.routers.ui.common import call, context_of, render
from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from exportgraph.errors import ExportgraphError
from exportgraph.services.auditors.agreements import report

router = APIRouter()
MAX_BYTES = 2_000_000
FORMATS = (
    ("application/json", "JSON"),
    ("application/ld+json", "JSON-LD"),
    ("text/turtle", "Turtle"),
)
EXTENSIONS = {".json": "application/json", ".jsonld": "application/ld+json", ".ttl": "text/turtle"}
DOWNLOADS = {
    "html": ("text/html; charset=utf-8", "html"),
    "json": ("application/json", "json"),
    "turtle": ("text/turtle; charset=utf-8", "ttl"),
}


async def _page(request: Request, **values: Any) -> HTMLResponse:
    values.setdefault("text", "")
    values.setdefault("media_type", "application/json")
    values.setdefault("errors", {})
    values.setdefault("reports", None)
    status = 422 if values["errors"] else 200
    return await render(
        request,
        "ui/agreements.html",
        section="/agreements",
        title="Check a transfer agreement",
        formats=FORMATS,
        rules=report.RULES,
        status_code=status,
        **values,
    )


@router.get("/agreements", response_class=HTMLResponse)
async def agreements_form(request: Request) -> HTMLResponse:
    """The paste/upload form."""
    return await _page(request)


async def _read_input(
    text: str, upload: UploadFile | None, media_type: str
) -> tuple[str, str, dict[str, str]]:
    """The agreement text and its media type; field errors for an unreadable upload or input."""
    errors: dict[str, str] = {}
    if upload is not None and upload.filename:
        data = await upload.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            errors["file"] = f"file: larger than {MAX_BYTES // 1_000_000} MB"
            return text, media_type, errors
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            errors["file"] = "file: not UTF-8 text (send JSON, JSON-LD or Turtle)"
            return "", media_type, errors
        for extension, guessed in EXTENSIONS.items():
            if upload.filename.lower().endswith(extension):
                media_type = guessed
    if media_type not in dict(FORMATS):
        errors["format"] = f"format: choose one of {', '.join(label for _, label in FORMATS)}"
    if not text.strip() and not errors:
        errors["text"] = "agreement: paste an agreement or choose a file"
    if len(text.encode("utf-8")) > MAX_BYTES:
        errors["text"] = f"agreement: larger than {MAX_BYTES // 1_000_000} MB"
    return text, media_type, errors


def _validate(request: Request, text: str, media_type: str) -> tuple[list[Any], bool]:
    """The reports of every agreement in the text (blocking: run in the thread pool), within the
    same request limits as POST /v1/agreements/validate."""
    context = context_of(request)
    reports, batch = validate_within_limits(context, text.encode("utf-8"), media_type, "agreement")
    return list(reports), bool(batch)


@router.post("/agreements", response_class=HTMLResponse, openapi_extra=limits.BATCH)
async def agreements_check(
    request: Request,
    text: str = Form(""),
    media_type: str = Form("application/json", alias="format"),
    file: UploadFile | None = None,
) -> HTMLResponse:
    """Validate the pasted or uploaded agreement(s) and show the report by rule."""
    text, media_type, errors = await _read_input(text, file, media_type)
    if errors:
        return await _page(request, text=text, media_type=media_type, errors=errors)
    try:
        reports, _ = await call(_validate, request, text, media_type)
    except ExportgraphError as error:
        return await _page(request, text=text, media_type=media_type, errors={"text": error.detail})
    return await _page(request, text=text, media_type=media_type, reports=reports)


@router.post("/agreements/report", openapi_extra=limits.BATCH)
async def agreements_download(
    request: Request,
    text: str = Form(""),
    media_type: str = Form("application/json", alias="format"),
    output: str = Form("html"),
) -> Response:
    """The report as a file: a saveable HTML page, the JSON of contract §4, or SHACL Turtle."""
    text, media_type, errors = await _read_input(text, None, media_type)
    if output not in DOWNLOADS:
        errors["output"] = f"output: choose one of {', '.join(DOWNLOADS)}"
    if errors:
        return await _page(request, text=text, media_type=media_type, errors=errors)
    try:
        reports, batch = await call(_validate, request, text, media_type)
    except ExportgraphError as error:
        return await _page(request, text=text, media_type=media_type, errors={"text": error.detail})
    content_type, extension = DOWNLOADS[output]
    body: str | bytes
    if output == "html":
        body = report.as_html(reports)
    elif output == "json":
        body = json.dumps(report.as_json(reports, batch), indent=2, ensure_ascii=False)
    else:
        body = report.as_turtle(reports)
    headers = {"Content-Disposition": f'attachment; filename="agreement-report.{extension}"'}
    return Response(body, media_type=content_type, headers=headers)

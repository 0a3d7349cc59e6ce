"""A minimal HTTP/1.1 client for the benchmarks' readers: one kept-alive connection, prepared
request bytes, a response read by Content-Length or chunks. httpx spent about 2 ms of the load
generator's processor time per request, so with 45 readers the load generator, not the server,
set the read throughput; this client spends a fraction of that."""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes

    def json(self) -> object:
        return json.loads(self.body)


def request_bytes(
    method: str, target: str, host: str, body: bytes = b"", headers: dict[str, str] | None = None
) -> bytes:
    """One request, ready to send (the same bytes may be sent again)."""
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body or method in ("POST", "PUT"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def json_post(target: str, host: str, value: object) -> bytes:
    return request_bytes(
        "POST", target, host, json.dumps(value).encode(), {"Content-Type": "application/json"}
    )


def get(target: str, host: str, params: dict[str, str], headers: dict[str, str]) -> bytes:
    return request_bytes("GET", f"{target}?{urlencode(params)}", host, headers=headers)


class Connection:
    """One kept-alive connection to the server at `url`, opened again when the server closed it."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host = parts.netloc
        self._address = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def send(self, request: bytes) -> Answer:
        """Send `request` and read its answer; an OSError or asyncio.IncompleteReadError when no
        answer came (the connection is then closed, and the next request opens a new one)."""
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(*self._address)
        assert self._reader is not None
        try:
            self._writer.write(request)
            answer, keep = await self._read(self._reader)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            await self.close()
            raise
        if not keep:
            await self.close()
        return answer

    async def _read(self, reader: asyncio.StreamReader) -> tuple[Answer, bool]:
        head = await reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        headers = {}
        for line in header_lines:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._chunks(reader)
        else:
            body = b""
        return Answer(status, body), headers.get("connection", "").lower() != "close"

    @staticmethod
    async def _chunks(reader: asyncio.StreamReader) -> bytes:
        parts: list[bytes] = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                return b"".join(parts)
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError):
                await self._writer.wait_closed()
        self._reader = self._writer = None

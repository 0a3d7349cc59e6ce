"""The load of bench/mixed_load.py: readers (classify, SPARQL) and writers (propose, approve),
their results and ledger of acknowledged approvals, a phase of them, its report, and the check
after a SIGKILL that every acknowledged approval survived."""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
import uuid
from dataclasses import dataclass, field

import httpx
from _mixed_server import Server
from _raw_http import Connection, get, json_post

ITEMS = [
    {"kind": "quantum-computer", "parameters": {"physical-qubits": 120, "cnot-error": 8e-4}},
    {"kind": "quantum-computer", "parameters": {"physical-qubits": 2400}},
    {"kind": "cryo-cmos-ic", "parameters": {"operating-temperature": 4}},
    {
        "kind": "parametric-amplifier",
        "parameters": {"noise-figure": 0.01, "frequency-min": 4, "frequency-max": 8},
    },
]
SPARQL = (
    "PREFIX eg: <https://w3id.org/exportgraph/ontology#> "
    "PREFIX dcterms: <http://purl.org/dc/terms/> "
    "SELECT ?entry ?id WHERE { ?entry a eg:ControlEntry ; dcterms:identifier ?id } "
    "ORDER BY ?id LIMIT 25"
)
# each writer labels these concepts in its own language, so writers never touch the same statement
CONCEPTS = [
    "physical-qubits",
    "cnot-error",
    "operating-temperature",
    "noise-figure",
    "cooling-power",
]
LANGUAGES = ["de", "fr", "it", "es", "nl", "pt", "sv", "da", "fi", "pl", "cs", "ja"]


def percentiles(samples: list[float]) -> tuple[float, float]:
    if not samples:
        return float("nan"), float("nan")
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def ms(value: float) -> str:
    return f"{value * 1000:7.0f} ms"


@dataclass
class Results:
    reads: list[float] = field(default_factory=list)
    classify: list[float] = field(default_factory=list)
    sparql: list[float] = field(default_factory=list)
    read_errors: int = 0
    read_statuses: dict[int, int] = field(default_factory=dict)
    """Failed reads by HTTP status (0: no answer)."""
    transport: dict[str, int] = field(default_factory=dict)
    """Reads that got no HTTP answer, by what the client saw (exception and message)."""
    problems: dict[str, int] = field(default_factory=dict)
    """Failed reads that got an answer, by status and the problem's detail."""
    proposals: list[float] = field(default_factory=list)
    approvals: list[float] = field(default_factory=list)
    write_errors: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass
class Ledger:
    """What the writers were told: change id -> (concept, language, label), per outcome."""

    acknowledged: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    proposed: dict[str, tuple[str, str, str]] = field(default_factory=dict)


class Deadline:
    """When a phase ends (movable: the durability check ends it when the server is killed)."""

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds

    def passed(self) -> bool:
        return time.monotonic() >= self.at


async def reader(
    connection: Connection, index: int, until: Deadline, results: Results, reads: str = "both"
) -> None:
    """Reads back to back: classify and SPARQL in turn (`reads` "both"), or one of them."""
    host = connection.host
    classify = [
        json_post("/v1/classify", host, {"item": item, "jurisdictions": ["US", "EU", "GB"]})
        for item in ITEMS
    ]
    sparql = get("/sparql", host, {"query": SPARQL}, {"Accept": "application/sparql-results+json"})
    n = index
    while not until.passed():
        n += 1
        asked_classify = reads == "classify" or (reads == "both" and n % 2 == 1)
        started = time.perf_counter()
        try:
            response = await connection.send(classify[n % len(ITEMS)] if asked_classify else sparql)
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            results.read_errors += 1
            results.read_statuses[0] = results.read_statuses.get(0, 0) + 1
            seen = f"{type(error).__name__}: {error}"[:120]
            results.transport[seen] = results.transport.get(seen, 0) + 1
            continue
        if response.status == 200:
            took = time.perf_counter() - started
            results.reads.append(took)
            (results.classify if asked_classify else results.sparql).append(took)
        else:
            results.read_errors += 1
            code = response.status
            results.read_statuses[code] = results.read_statuses.get(code, 0) + 1
            try:
                answer = response.json()
                told = answer.get("detail", "") if isinstance(answer, dict) else ""
                detail = f"{code} {told}"[:100]
            except ValueError:
                detail = f"{code} (no problem document)"
            results.problems[detail] = results.problems.get(detail, 0) + 1


async def writer(
    client: httpx.AsyncClient,
    index: int,
    tokens: dict[str, str],
    until: Deadline,
    results: Results,
    ledger: Ledger,
    run: str,
    think: float = 0.0,
) -> None:
    editor = {"Authorization": f"Bearer {tokens[f'editor{index}']}"}
    reviewer = {"Authorization": f"Bearer {tokens[f'reviewer{index}']}"}
    language = LANGUAGES[index % len(LANGUAGES)]
    n = 0
    while not until.passed():
        n += 1
        concept = CONCEPTS[n % len(CONCEPTS)]
        label = f"bench {run} writer {index} change {uuid.uuid4().hex[:8]}"
        try:
            version = (await client.get("/healthz")).json()["data_version"]
            body = {
                "summary": f"{language} label of {concept}",
                "rationale": "mixed-load benchmark",
                "base_version": version,
                "add": f'parameter:{concept} skos:altLabel "{label}"@{language} .',
            }
            started = time.perf_counter()
            response = await client.post("/v1/changes", json=body, headers=editor)
            if response.status_code != 201:
                results.write_errors[response.status_code] = (
                    results.write_errors.get(response.status_code, 0) + 1
                )
                continue
            results.proposals.append(time.perf_counter() - started)
            change = str(response.json()["id"])
            ledger.proposed[change] = (concept, language, label)
            started = time.perf_counter()
            response = await client.post(f"/v1/changes/{change}/approve", headers=reviewer)
            if response.status_code == 200:
                results.approvals.append(time.perf_counter() - started)
                ledger.acknowledged[change] = (concept, language, label)
            else:
                results.write_errors[response.status_code] = (
                    results.write_errors.get(response.status_code, 0) + 1
                )
        except httpx.HTTPError:
            results.write_errors[0] = results.write_errors.get(0, 0) + 1
        if think:
            await asyncio.sleep(think)


async def phase(
    url: str,
    readers: int,
    writers: int,
    seconds: float,
    tokens: dict[str, str],
    ledger: Ledger,
    run: str,
    think: float = 0.0,
    keepalive: float = 5.0,
    reads: str = "both",
) -> Results:
    results = Results()
    # one connection per reader and writer, as separate users have. Readers use a minimal
    # HTTP/1.1 client (bench/_raw_http.py): with httpx (about 2 ms of processor time per request)
    # the load generator, not the server, set the read throughput
    limits = httpx.Limits(max_connections=1, keepalive_expiry=keepalive)
    timeout = httpx.Timeout(120.0)
    connections = [Connection(url) for _ in range(readers)]
    async with contextlib.AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(
                httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout)
            )
            for _ in range(writers)
        ]
        until = Deadline(seconds)
        tasks = [reader(connections[i], i, until, results, reads) for i in range(readers)]
        tasks += [
            writer(clients[i], i, tokens, until, results, ledger, run, think)
            for i in range(writers)
        ]
        try:
            await asyncio.gather(*tasks)
        finally:
            for connection in connections:
                await connection.close()
        results.seconds = seconds  # reads stop at the deadline; writers finish their change
    return results


def report(name: str, results: Results, server_cpu: float, client_cpu: float) -> None:
    throughput = len(results.reads) / results.seconds if results.seconds else 0.0
    r50, r99 = percentiles(results.reads)
    p50, p99 = percentiles(results.proposals)
    a50, a99 = percentiles(results.approvals)
    print(
        f"-- {name} ({results.seconds:.0f} s, server CPU {server_cpu:.1f} s, "
        f"load generator CPU {client_cpu:.1f} s)"
    )
    if results.reads or results.read_errors:
        print(
            f"   reads     {throughput:7.1f} req/s  p50 {ms(r50)}  p99 {ms(r99)}"
            f"  errors {results.read_errors}"
            + (
                f" by status {dict(sorted(results.read_statuses.items()))}"
                if results.read_errors
                else ""
            )
        )
        print(f"     no HTTP answer (transport errors): {results.read_statuses.get(0, 0)}")
        for seen, count in sorted(results.transport.items()):
            print(f"       {count:5d} x {seen}")
        for seen, count in sorted(results.problems.items()):
            print(f"     {count:5d} x {seen}")
        for kind, samples in (("classify", results.classify), ("sparql", results.sparql)):
            k50, k99 = percentiles(samples)
            print(
                f"     {kind:9} {len(samples) / results.seconds:7.1f} req/s  p50 {ms(k50)}  p99 {ms(k99)}"
            )
    if results.proposals or results.write_errors:
        print(f"   proposals {len(results.proposals):5d}        p50 {ms(p50)}  p99 {ms(p99)}")
        print(f"   approvals {len(results.approvals):5d}        p50 {ms(a50)}  p99 {ms(a99)}")
        if results.write_errors:
            print(f"   write errors by status: {dict(sorted(results.write_errors.items()))}")


async def kill_during_writes(
    server: Server, tokens: dict[str, str], writers: int, ledger: Ledger, run: str
) -> None:
    """Kill the server with SIGKILL while the writers are writing."""
    results = Results()
    limits = httpx.Limits(max_connections=writers + 4)
    async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=60.0) as client:
        until = Deadline(3600)
        tasks = [
            asyncio.ensure_future(writer(client, i, tokens, until, results, ledger, run))
            for i in range(writers)
        ]
        deadline = time.monotonic() + 60
        before = len(ledger.acknowledged)
        while len(ledger.acknowledged) < before + writers and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        server.kill()
        until.at = time.monotonic()
        await asyncio.gather(*tasks, return_exceptions=True)


def verify(url: str, ledger: Ledger) -> tuple[int, int, int]:
    """(acknowledged approvals lost, changes half-applied, acknowledged approvals checked)."""
    query = (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?label WHERE { ?concept skos:altLabel ?label "
        'FILTER(STRSTARTS(STR(?label), "bench ")) }'
    )
    response = httpx.post(
        url + "/sparql",
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=120,
    )
    response.raise_for_status()
    in_graph = {row["label"]["value"] for row in response.json()["results"]["bindings"]}
    changes = httpx.get(url + "/v1/changes", timeout=120).json()
    status = {str(change["id"]): change["status"] for change in changes}
    lost = sum(
        1
        for change, (_, _, label) in ledger.acknowledged.items()
        if status.get(change) != "approved" or label not in in_graph
    )
    half = sum(
        1
        for change, (_, _, label) in ledger.proposed.items()
        if (status.get(change) == "approved") != (label in in_graph)
    )
    return lost, half, len(ledger.acknowledged)

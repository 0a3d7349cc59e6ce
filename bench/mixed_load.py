"""Reads under terminology writes, against a real `exportgraph serve` (uvicorn) on loopback.

Readers (classify and SPARQL, `--readers` at once) and writers (`--writers` at once, each
proposing a one-label change set as an editor and approving it as a reviewer, `--think` seconds
apart) run alone (after an unmeasured warm-up of the readers, `--warmup`, and until the idle server's
background warm-up is done), together, then the readers alone
again (their mean is the baseline: the machine may be shared; the ratio against each is printed
too). Prints read throughput and p50/p99, proposal and approval p50/p99, the ratios
(both / alone), and lost writes: at the end the server is killed with SIGKILL while writers are
still writing, restarted, and every approval that was acknowledged (200) must be there, with its
label in the graph; a change whose status and statements disagree counts as half-applied.

The load generator runs on the same machine as the server (one asyncio process), so absolute
figures depend on the machine; the ratios are the point. Every approval changes the graph, so it
legitimately renews every read cache of the new data version (classification catalogue, SPARQL
dump): with writers approving back to back (`--think 0`, the default) that renewal, not the
write, sets the read throughput; `--think 15` is an editorial pace (a change every 3 s).
Reads that got no HTTP answer at all (transport errors) are counted apart, by what the client
saw: a client that reuses an idle connection as long as the server keeps it (`--keepalive` at or
above `exportgraph serve`'s idle timeout) sends some requests on connections the server is closing.
Run: .venv/bin/python bench/mixed_load.py [--quick] [--seconds S] [--readers N] [--writers N]

Targets (write-load issue): reads with writers running >= 0.8x reads alone; approval p99 <= 1 s
with the readers running; 0 lost or half-applied approvals.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent
EXPORTGRAPH = str(BIN / "exportgraph")
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentiles(samples: list[float]) -> tuple[float, float]:
    if not samples:
        return float("nan"), float("nan")
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def ms(value: float) -> str:
    return f"{value * 1000:7.0f} ms"


class Server:
    """`exportgraph serve` on an on-disk store in a scratch folder."""

    def __init__(self, work: Path, env: dict[str, str]) -> None:
        self.work, self.env = work, env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = (self.work / "server.log").open("ab")
        self.process = subprocess.Popen(
            [EXPORTGRAPH, "serve", "--port", str(self.port), "--store", self.env["STORE"]],
            cwd=self.work,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit((self.work / "server.log").read_text()[-3000:])
            try:
                if httpx.get(self.url + "/healthz", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise SystemExit("the server did not become ready")

    def kill(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=60)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def cpu_seconds(self) -> float:
        """User + system CPU time so far of the server and its live children (the SPARQL
        workers), from Linux /proc."""
        assert self.process is not None
        stats: dict[int, tuple[int, float]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks = int(fields[11]) + int(fields[12])
            stats[int(entry.name)] = (int(fields[1]), ticks / os.sysconf("SC_CLK_TCK"))
        tree, total, grown = {self.process.pid}, 0.0, True
        while grown:
            grown = False
            for pid, (parent, _) in stats.items():
                if parent in tree and pid not in tree:
                    tree.add(pid)
                    grown = True
        for pid in tree:
            total += stats.get(pid, (0, 0.0))[1]
        return total


def settle(server: Server, quiet: float = 0.1, longest: float = 180.0) -> float:
    """Wait until the idle server uses under `quiet` CPU seconds per second (its background
    warm-up done: the write check's base, the screening index, the what-if base), at most
    `longest` seconds; the seconds waited."""
    started = time.monotonic()
    before = server.cpu_seconds()
    while time.monotonic() - started < longest:
        time.sleep(1.0)
        now = server.cpu_seconds()
        if now - before < quiet:
            break
        before = now
    return time.monotonic() - started


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


async def reader(client: httpx.AsyncClient, index: int, until: Deadline, results: Results) -> None:
    n = index
    while not until.passed():
        n += 1
        started = time.perf_counter()
        try:
            if n % 2:
                body = {"item": ITEMS[n % len(ITEMS)], "jurisdictions": ["US", "EU", "GB"]}
                response = await client.post("/v1/classify", json=body)
            else:
                response = await client.get(
                    "/sparql",
                    params={"query": SPARQL},
                    headers={"Accept": "application/sparql-results+json"},
                )
        except httpx.HTTPError as error:
            results.read_errors += 1
            results.read_statuses[0] = results.read_statuses.get(0, 0) + 1
            seen = f"{type(error).__name__}: {error}"[:120]
            results.transport[seen] = results.transport.get(seen, 0) + 1
            continue
        if response.status_code == 200:
            took = time.perf_counter() - started
            results.reads.append(took)
            (results.classify if n % 2 else results.sparql).append(took)
        else:
            results.read_errors += 1
            code = response.status_code
            results.read_statuses[code] = results.read_statuses.get(code, 0) + 1
            try:
                detail = f"{code} {response.json().get('detail', '')}"[:100]
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
) -> Results:
    results = Results()
    limits = httpx.Limits(max_connections=readers + writers + 8, keepalive_expiry=keepalive)
    timeout = httpx.Timeout(120.0)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout) as client:
        until = Deadline(seconds)
        tasks = [reader(client, i, until, results) for i in range(readers)]
        tasks += [
            writer(client, i, tokens, until, results, ledger, run, think) for i in range(writers)
        ]
        await asyncio.gather(*tasks)
        results.seconds = seconds  # reads stop at the deadline; writers finish their change
    return results


def users(env: dict[str, str], writers: int) -> dict[str, str]:
    tokens = {}
    for index in range(writers):
        for role in ("editor", "reviewer"):
            name = f"{role}{index}"
            out = subprocess.run(
                [EXPORTGRAPH, "users", "add", name, "--role", role],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            tokens[name] = out.strip().splitlines()[-1]
    return tokens


def report(name: str, results: Results, server_cpu: float) -> None:
    throughput = len(results.reads) / results.seconds if results.seconds else 0.0
    r50, r99 = percentiles(results.reads)
    p50, p99 = percentiles(results.proposals)
    a50, a99 = percentiles(results.approvals)
    print(f"-- {name} ({results.seconds:.0f} s, server CPU {server_cpu:.1f} s)")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="short phases (a smoke run)")
    parser.add_argument("--seconds", type=float, default=None, help="length of each phase")
    parser.add_argument("--readers", type=int, default=45)
    parser.add_argument("--writers", type=int, default=5)
    parser.add_argument(
        "--think", type=float, default=0.0, help="seconds each writer waits between changes"
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=10.0,
        help="seconds of readers alone before the measured phases (not measured)",
    )
    parser.add_argument("--keep", help="keep the store and server log in this folder")
    parser.add_argument(
        "--keepalive",
        type=float,
        default=5.0,
        help="seconds the client reuses an idle connection (httpx's default 5; a value at or "
        "above the server's idle timeout reuses connections the server is closing)",
    )
    args = parser.parse_args()
    seconds = args.seconds or (6.0 if args.quick else 20.0)
    run = uuid.uuid4().hex[:8]
    with tempfile.TemporaryDirectory(prefix="mixed-load-") as scratch:
        work = Path(args.keep or scratch)
        work.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "EXPORTGRAPH_USERS": str(work / "users.json"),
            "EXPORTGRAPH_DATA": str(work),
            "STORE": f"oxigraph:{work / 'store'}",
        }
        tokens = users(env, args.writers)
        subprocess.run(
            [EXPORTGRAPH, "load", "--store", env["STORE"]],
            env=env,
            cwd=work,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        server = Server(work, env)
        server.start()
        ledger = Ledger()
        try:
            asyncio.run(phase(server.url, 8, 0, 3.0, tokens, ledger, run))  # warm caches
            # not measured: the first full-load seconds (thread pool growth, allocator, the
            # SPARQL workers' first answers) made the first "readers alone" markedly slower
            # than the later one, which skewed the baseline
            asyncio.run(
                phase(
                    server.url,
                    args.readers,
                    0,
                    args.warmup,
                    tokens,
                    ledger,
                    run,
                    0.0,
                    args.keepalive,
                )
            )
            waited = settle(server)
            print(
                f"-- warm-up: readers {args.warmup:.0f} s, then the idle server settled in {waited:.0f} s"
            )
            figures: dict[str, Results] = {}
            cpu_of: dict[str, float] = {}
            for name, readers, writers in (
                ("readers alone", args.readers, 0),
                ("writers alone", 0, args.writers),
                ("readers and writers", args.readers, args.writers),
                ("readers alone again", args.readers, 0),  # the machine may be shared
            ):
                cpu = server.cpu_seconds()
                figures[name] = asyncio.run(
                    phase(
                        server.url,
                        readers,
                        writers,
                        seconds,
                        tokens,
                        ledger,
                        run,
                        args.think,
                        args.keepalive,
                    )
                )
                cpu_of[name] = server.cpu_seconds() - cpu
                report(name, figures[name], cpu_of[name])
            asyncio.run(kill_during_writes(server, tokens, args.writers, ledger, run))
            server.start()
            lost, half, checked = verify(server.url, ledger)
        finally:
            server.stop()
    writes, both = figures["writers alone"], figures["readers and writers"]
    alone = [figures["readers alone"], figures["readers alone again"]]
    rate_alone = statistics.mean(len(f.reads) / f.seconds for f in alone)
    p50_alone = statistics.mean(percentiles(f.reads)[0] for f in alone)
    rate_both = len(both.reads) / both.seconds
    first, again = (len(f.reads) / f.seconds for f in alone)
    print("-- ratios (readers and writers / readers alone, the mean of both runs)")
    print(f"   read throughput      {rate_both / rate_alone:5.2f}x  (target >= 0.8)")
    print(
        f"     against each       {rate_both / first:5.2f}x first, {rate_both / again:5.2f}x again"
        f"  (readers alone: first / again {first / again:5.2f}x)"
    )
    print(f"   read p50             {percentiles(both.reads)[0] / p50_alone:5.2f}x")
    print(
        f"   approval p99         "
        f"{percentiles(both.approvals)[1] / percentiles(writes.approvals)[1]:5.2f}x"
        f"  ({percentiles(both.approvals)[1]:.2f} s with readers; target <= 1 s)"
    )
    print(
        f"-- durability: {lost} of {checked} acknowledged approvals lost, {half} change(s) "
        f"half-applied after SIGKILL during writes and a restart (target 0 and 0)"
    )
    # what bounds the figures: a server short of CPU (the load generator and others share the
    # machine) answers fewer reads whatever the write path does
    per_read = [
        cpu_of[name] / len(figures[name].reads) * 1000
        for name in ("readers alone", "readers alone again")
        if figures[name].reads
    ]
    print(
        f"-- server CPU per wall second: {cpu_of['readers alone'] / seconds:4.2f} readers alone, "
        f"{cpu_of['writers alone'] / seconds:4.2f} writers alone, "
        f"{cpu_of['readers and writers'] / seconds:4.2f} both (of {os.cpu_count()} cores)"
    )
    if per_read and writes.approvals:
        both_cpu = cpu_of["readers and writers"]
        writes_cpu = cpu_of["writers alone"] / len(writes.approvals) * len(both.approvals)
        print(
            f"   CPU per read: {statistics.mean(per_read):5.1f} ms alone, "
            f"{(both_cpu - writes_cpu) / max(1, len(both.reads)) * 1000:5.1f} ms with writers "
            f"(their own CPU taken out); per proposal + approval "
            f"{cpu_of['writers alone'] / len(writes.approvals) * 1000:5.1f} ms (writers alone)"
        )
    client_cpu = resource.getrusage(resource.RUSAGE_SELF)
    print(f"-- load generator CPU {client_cpu.ru_utime + client_cpu.ru_stime:.1f} s")


if __name__ == "__main__":
    main()

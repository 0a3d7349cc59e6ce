"""Hostile and oversized input: server memory and /healthz latency while it is being sent.

Each scenario runs twice in the same run, on a fresh uvicorn (127.0.0.1, memory store) each
time: "limits off" (every EXPORTGRAPH_* request limit set out of reach: the behaviour before the
limits, except that parsing stays off the event loop) and "limits on" (the defaults). For each it
prints the answer, the server's peak memory (its own RSS plus its SPARQL workers', sampled every
20 ms), /healthz latency (p50 and worst, polled every 50 ms while the hostile requests are in
flight; 0 when they ended before the first poll) and the before/after ratios (denominators of
at least 1 MiB and 1 ms).

Scenarios (the failures measured on main, scaled by --scale; 1.0 gives main's sizes):
- classify: one 50 MB classify body (8.7 M-item jurisdictions list)
- classify x4: four 18 MB classify bodies at once (main: four 73 MB bodies, 11 s /healthz stall)
- sparql: a 14 MB SPARQL query (VALUES with 1.4 M values; main's had 2 M shorter ones)
- deep: `[`x990 to /v1/agreements/validate (2 KB: main answered 500)

Run: .venv/bin/python bench/hostile_input.py [--scale 0.25]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
OUT_OF_REACH = str(1 << 40)
LIMITS_OFF = {
    "EXPORTGRAPH_MAX_BODY": OUT_OF_REACH,
    "EXPORTGRAPH_MAX_BATCH_BODY": OUT_OF_REACH,
    "EXPORTGRAPH_MAX_JSON_DEPTH": "100000",
    "EXPORTGRAPH_MAX_JSON_ITEMS": OUT_OF_REACH,
    "EXPORTGRAPH_SPARQL_MAX_QUERY": OUT_OF_REACH,
    "EXPORTGRAPH_SPARQL_MAX_MEMORY_MB": "0",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (the SPARQL workers), in KiB."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(child) for child in children]
    except OSError:
        pass
    for each in pids:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start(limits_off: bool) -> Server:
    port = free_port()
    env = {**os.environ, "EXPORTGRAPH_STORE": "memory:", "PYTHONPATH": str(ROOT)}
    if limits_off:
        env.update(LIMITS_OFF)
    command = [sys.executable, "-m", "uvicorn", "exportgraph.api.main:app", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--log-level", "critical", "--no-access-log"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    server = Server(process, f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"{server.base}/healthz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            server.stop()
            raise RuntimeError("the server did not become ready")
        time.sleep(0.2)
    # warm what the scenarios use: the catalogue, the SPARQL workers, the agreement validator
    httpx.post(f"{server.base}/v1/classify", json=CLASSIFY_ITEM, timeout=60)
    httpx.get(f"{server.base}/sparql", params={"query": "ASK {}"}, timeout=60)
    httpx.post(f"{server.base}/v1/agreements/validate", json={}, timeout=60)
    return server


CLASSIFY_ITEM = {"item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 120}}}


def classify_body(size: int) -> bytes:
    head = b'{"item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 120}}, '
    codes = max(1, (size - len(head) - 20) // 6)
    return head + b'"jurisdictions": [' + b'"US", ' * (codes - 1) + b'"US"]}'


def sparql_query(size: int) -> str:
    values = max(1, size // 10)  # "0000042" and a space: ten bytes a value
    return "SELECT ?x WHERE { VALUES ?x { " + " ".join(f'"{i:07d}"' for i in range(values)) + " } }"


@dataclass
class Outcome:
    answers: list[str] = field(default_factory=list)
    seconds: float = 0.0
    peak_mib: float = 0.0
    baseline_mib: float = 0.0
    healthz_ms: list[float] = field(default_factory=list)

    @property
    def growth_mib(self) -> float:
        return max(0.0, self.peak_mib - self.baseline_mib)

    def healthz(self, quantile: str) -> float:
        """/healthz latency in ms (0 when the hostile requests ended before the first poll)."""
        if not self.healthz_ms:
            return 0.0
        if quantile == "p50":
            return statistics.median(self.healthz_ms)
        return max(self.healthz_ms)


def run(server: Server, senders: list[Callable[[], str]]) -> Outcome:
    """Run the hostile requests at once; sample memory and poll /healthz until they are done."""
    outcome = Outcome(baseline_mib=tree_rss_kib(server.process.pid) / 1024)
    done = threading.Event()
    peak = [outcome.baseline_mib]

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kib(server.process.pid) / 1024)
            time.sleep(0.02)

    def poll() -> None:
        with httpx.Client(timeout=120) as client:
            while not done.is_set():
                started = time.perf_counter()
                try:
                    client.get(f"{server.base}/healthz")
                except httpx.HTTPError:
                    continue
                outcome.healthz_ms.append((time.perf_counter() - started) * 1000)
                time.sleep(0.05)

    results: list[str] = [""] * len(senders)

    def send(index: int) -> None:
        results[index] = senders[index]()

    watchers = [threading.Thread(target=sample), threading.Thread(target=poll)]
    workers = [threading.Thread(target=send, args=(i,)) for i in range(len(senders))]
    for thread in watchers:
        thread.start()
    started = time.perf_counter()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    outcome.seconds = time.perf_counter() - started
    done.set()
    for thread in watchers:
        thread.join()
    outcome.peak_mib = peak[0]
    outcome.answers = results
    return outcome


def post(base: str, path: str, body: bytes, content_type: str) -> Callable[[], str]:
    def send() -> str:
        try:
            response = httpx.post(
                f"{base}{path}", content=body, headers={"Content-Type": content_type}, timeout=600
            )
        except httpx.HTTPError as error:
            return f"connection closed ({type(error).__name__})"
        return str(response.status_code)

    return send


def scenarios(scale: float) -> dict[str, Callable[[str], list[Callable[[], str]]]]:
    single = classify_body(int(50_000_000 * scale))
    each = classify_body(int(18_000_000 * scale))
    query = sparql_query(int(14_000_000 * scale)).encode()
    deep = b"[" * 990 + b"]" * 990
    return {
        f"classify {len(single) / 1e6:.0f} MB": lambda base: [
            post(base, "/v1/classify", single, "application/json")
        ],
        f"classify 4 x {len(each) / 1e6:.0f} MB": lambda base: [
            post(base, "/v1/classify", each, "application/json") for _ in range(4)
        ],
        f"sparql {len(query) / 1e6:.1f} MB query": lambda base: [
            post(base, "/sparql", query, "application/sparql-query")
        ],
        "deep JSON [x990 (2 KB)": lambda base: [
            post(base, "/v1/agreements/validate", deep, "application/json")
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=0.25, help="1.0 = main's measured sizes")
    args = parser.parse_args()
    rows = []
    for name, make in scenarios(args.scale).items():
        found: dict[str, Outcome] = {}
        for label, off in (("limits off", True), ("limits on", False)):
            server = start(off)
            try:
                found[label] = run(server, make(server.base))
            finally:
                server.stop()
        rows.append((name, found["limits off"], found["limits on"]))
        before, after = found["limits off"], found["limits on"]
        print(f"== {name}")
        for label, outcome in found.items():
            print(
                f"   {label:<10}  answers {','.join(outcome.answers):<24} {outcome.seconds:7.2f} s   "
                f"memory +{outcome.growth_mib:7.1f} MiB (peak {outcome.peak_mib:7.1f})   "
                f"/healthz p50 {outcome.healthz('p50'):7.1f} ms  worst {outcome.healthz('max'):8.1f} ms"
            )
        print(
            f"   ratio off/on: time {before.seconds / max(after.seconds, 1e-3):6.1f}x   memory "
            f"growth {before.growth_mib / max(after.growth_mib, 1.0):6.1f}x   /healthz worst "
            f"{before.healthz('max') / max(after.healthz('max'), 1.0):6.1f}x"
        )


if __name__ == "__main__":
    main()

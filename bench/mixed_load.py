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
figures depend on the machine; the ratios are the point. Its readers use a minimal HTTP/1.1
client (bench/_raw_http.py) that spends a fraction of a millisecond per request, so the server,
not the load generator, sets the read throughput (with httpx the load generator took ~2 ms per
request and was the bottleneck: the ratio then measured how much processor time the writes left
to the load generator, not how they slowed the server's reads). Every approval changes the graph, so it
legitimately renews every read cache of the new data version (classification catalogue, SPARQL
dump): with writers approving back to back (`--think 0`, the default) that renewal, not the
write, sets the read throughput; `--think 15` is an editorial pace (a change every 3 s).
Reads that got no HTTP answer at all (transport errors) are counted apart, by what the client
saw: a client that reuses an idle connection as long as the server keeps it (`--keepalive` at or
above `exportgraph serve`'s idle timeout) sends some requests on connections the server is closing.
Run: .venv/bin/python bench/mixed_load.py [--quick] [--seconds S] [--readers N] [--writers N]
     [--reads both|classify|sparql]

Targets (write-load issue): reads with writers running >= 0.8x reads alone; approval p99 <= 1 s
with the readers running; 0 lost or half-applied approvals.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from _mixed_clients import Ledger, Results, kill_during_writes, percentiles, phase, report, verify
from _mixed_server import EXPORTGRAPH, Server, settle, users
from exportgraph.api.after_writes import QUIET_SECONDS


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
    parser.add_argument(
        "--reads",
        choices=("both", "classify", "sparql"),
        default="both",
        help="what the readers ask: classify and SPARQL in turn (default), or one of them",
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
                    args.reads,
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
                cpu, own = server.cpu_seconds(), time.process_time()
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
                        args.reads,
                    )
                )
                cpu_of[name] = server.cpu_seconds() - cpu
                report(name, figures[name], cpu_of[name], time.process_time() - own)
                if writers:
                    # once writes pause the served app prepares the newest version's what-if
                    # base (api/after_writes.py): that work belongs to no phase, so wait for it
                    time.sleep(QUIET_SECONDS + 1)
                    waited = settle(server)
                    print(
                        f"   (after the writes: the server settled in {QUIET_SECONDS + 1 + waited:.0f} s)"
                    )
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

"""Simulated visitors for benchmarks/load.py: threads that request addresses over loopback.

Standard library only, so the load needs no extra dependency, and every request is kept
with its start time, which is what the fault run needs to find the window of errors.
Each visitor opens a connection per request, as gunicorn's sync workers close it anyway.
"""

import http.client
import math
import random
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Outcome:
    kind: str
    path: str
    started: float  # seconds since the run began
    ms: float
    status: int  # 0: no HTTP answer (refused, reset, timed out)
    problem: str = ""
    kept: str = ""  # X-Page-Cache: "hit" (a kept page), "miss" (rendered, then kept) or ""

    @property
    def failed(self):
        return self.status != 200

    @property
    def answered(self):
        """Seconds since the run began when the answer (or the failure) came back."""
        return self.started + self.ms / 1000


@dataclass
class Mix:
    """Addresses by kind, and how often each kind is visited (weights)."""

    paths: dict = field(default_factory=dict)  # {kind: [path, ...]}
    weights: dict = field(default_factory=dict)  # {kind: weight}

    def add(self, kind, paths, weight):
        if paths:
            self.paths[kind] = list(paths)
            self.weights[kind] = weight

    def pick(self, rng):
        kind = rng.choices(list(self.weights), weights=list(self.weights.values()))[0]
        return kind, rng.choice(self.paths[kind])

    def every_path(self, per_kind=None):
        """(kind, path) of every address, or of the first ``per_kind`` of each kind."""
        return [(kind, path) for kind, paths in self.paths.items() for path in paths[:per_kind]]


def fetch(host, port, path, timeout=30):
    """(status, problem, kept) of one GET; status 0 when no HTTP answer came back, kept the
    page cache's header (home/page_cache.py)."""
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"User-Agent": "hrc-load"})
        response = connection.getresponse()
        response.read()
        return response.status, "", response.getheader("X-Page-Cache", "")
    except (OSError, http.client.HTTPException) as error:
        return 0, type(error).__name__, ""
    finally:
        connection.close()


class Visitors:
    """``users`` threads visiting ``mix`` from ``started`` until ``stop`` is set, each
    waiting a random think time (seconds, a (low, high) pair) between its requests."""

    def __init__(self, host, port, mix, users, think, seed=2030):
        self.host, self.port, self.mix = host, port, mix
        self.users, self.think = users, think
        self.outcomes = []  # list.append is atomic: threads share it without a lock
        self.stop = threading.Event()
        self.started = None
        self.seed = seed
        self.threads = []

    def visit(self, number):
        rng = random.Random(f"{self.seed}-{number}")  # runs with other seeds share no visitor
        # Spread the first requests over the first think time, as real visitors arrive.
        if self.stop.wait(rng.uniform(0, self.think[1])):
            return
        while not self.stop.is_set():
            kind, path = self.mix.pick(rng)
            began = time.monotonic()
            status, problem, kept = fetch(self.host, self.port, path)
            ms = (time.monotonic() - began) * 1000
            self.outcomes.append(
                Outcome(kind, path, began - self.started, ms, status, problem, kept)
            )
            self.stop.wait(rng.uniform(*self.think))

    def start(self):
        self.started = time.monotonic()
        self.threads = [
            threading.Thread(target=self.visit, args=(number,), daemon=True)
            for number in range(self.users)
        ]
        for thread in self.threads:
            thread.start()

    def elapsed(self):
        return time.monotonic() - self.started

    def finish(self, grace=35):
        """Stop the visitors and wait for requests in flight (each times out after 30 s)."""
        self.stop.set()
        deadline = time.monotonic() + grace
        for thread in self.threads:
            thread.join(max(0.1, deadline - time.monotonic()))
        return self.elapsed()


def percentile(values, fraction):
    """Nearest-rank percentile (the value below which ``fraction`` of the values lie)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(1, math.ceil(len(ordered) * fraction)) - 1]


def summarise(outcomes, seconds):
    """{kind: figures} plus an "all" row; times in ms, throughput in requests per second."""
    rows = {}
    kinds = sorted({o.kind for o in outcomes})
    for kind in [*kinds, "all"]:
        chosen = [o for o in outcomes if kind in ("all", o.kind)]
        times = [o.ms for o in chosen]
        rows[kind] = {
            "requests": len(chosen),
            "per_second": len(chosen) / seconds if seconds else 0.0,
            "p50": percentile(times, 0.50),
            "p95": percentile(times, 0.95),
            "p99": percentile(times, 0.99),
            "max": max(times) if times else float("nan"),
            "5xx": sum(500 <= o.status < 600 for o in chosen),
            "other": sum(o.status not in (0, 200) and not 500 <= o.status < 600 for o in chosen),
            "no_answer": sum(o.status == 0 for o in chosen),
            "kept": sum(o.kept == "hit" for o in chosen) / len(chosen) if chosen else 0.0,
        }
    return rows


def markdown_table(rows):
    lines = [
        "| kind | requests | req/s | from page cache | p50 ms | p95 ms | p99 ms | max ms | 5xx "
        "| other non-200 | no answer |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, r in rows.items():
        label = f"**{kind}**" if kind == "all" else kind
        lines.append(
            f"| {label} | {r['requests']} | {r['per_second']:.1f} | {r['kept']:.0%} | "
            f"{r['p50']:.0f} | "
            f"{r['p95']:.0f} | {r['p99']:.0f} | {r['max']:.0f} | {r['5xx']} | {r['other']} | "
            f"{r['no_answer']} |"
        )
    return "\n".join(lines)

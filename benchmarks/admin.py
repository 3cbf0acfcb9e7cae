"""How an admin view is measured, the same way for this site and for bakerydemo.

Only Django is imported here, so ``benchmarks/bakerydemo.py`` can use it from
bakerydemo's own virtual environment: both sites are measured by one method.
Warm: the view is asked for a few times first (templates compiled, caches filled,
as in a running server), then the median and 95th percentile of ``repeat`` GETs,
the queries of one GET and the size of its HTML.
"""

import json
import statistics
import time

WARM_UP = 3


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure_admin(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}; fix it before measuring.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Read now: the next request's request_started signal empties the query log.
    count = len(queries)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "median": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "queries": count,
        "kb": len(response.content) / 1024,
    }


def print_admin_rows(rows, title):
    """``rows``: (label, result of measure_admin) pairs."""
    print()
    print(title)
    header = f"{'admin view':50} | {'median':>7} {'p95':>6} {'queries':>7} | {'KB':>6}"
    print(header)
    print("-" * len(header))
    for label, r in rows:
        print(f"{label:50} | {r['median']:7.1f} {r['p95']:6.1f} {r['queries']:7d} | {r['kb']:6.1f}")


def lockstep(views, warm_up=WARM_UP):
    """Time one request at a time on demand, for benchmarks/compare_bakerydemo.py.

    ``views``: label → (logged-in client, url). Prints one line ``READY {json}`` (each
    view's queries and KB), then for each label read from stdin, GETs it and prints
    ``TIME <ms>``. Two sites served so, asked in turn, are measured under the same load.
    """
    import sys

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    described = {}
    for label, (client, url) in views.items():
        for _ in range(warm_up):
            if client.get(url).status_code != 200:
                raise SystemExit(f"{url} does not answer 200; fix it before measuring.")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        described[label] = {"queries": len(queries), "kb": len(response.content) / 1024}
    print("READY " + json.dumps(described), flush=True)
    for line in sys.stdin:
        client, url = views[line.strip()]
        started = time.perf_counter()
        client.get(url)
        print(f"TIME {(time.perf_counter() - started) * 1000:.3f}", flush=True)

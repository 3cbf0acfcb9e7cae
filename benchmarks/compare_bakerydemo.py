"""Our admin's edit views against bakerydemo's blog-page edit, request by request in turn.

On a shared machine the load changes from one second to the next, so both sites are
started side by side (``run.py --lockstep`` and ``bakerydemo_edit.py --lockstep``, each
in its own Python, warmed up) and asked for one request at a time, in turn: each of
our requests is paired with a blog-page edit made just before or just after it (the
order alternating, the blog page going round bakerydemo's six). Run with our Python;
both databases must exist (``benchmarks/run.py``, ``bakerydemo_edit.py --load``):

    .venv/bin/python benchmarks/compare_bakerydemo.py --checkout /work/bakerydemo-bench \\
        --database-url postgres://postgres@127.0.0.1:5432/hrc_benchmark

It prints, per view, the median of our requests, the median of the blog-page edits
paired with them, and the median of the paired ratios, with the machine's load
average before and after. docs/admin-speed.md.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from benchmarks.admin import percentile  # noqa: E402 (after the path it is found on)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkout", required=True, help="a clone of wagtail/bakerydemo")
    parser.add_argument(
        "--bakerydemo-python", help="bakerydemo's Python (default: .venv of the checkout)"
    )
    parser.add_argument("--database-url", required=True, help="our benchmark database (kept)")
    parser.add_argument(
        "--bakerydemo-database-url",
        default="postgres://postgres@127.0.0.1:5432/bakerydemo_benchmark",
    )
    parser.add_argument(
        "--sizes", default="1", help="our members to measure at (1: the data as it is)"
    )
    parser.add_argument("--repeat", type=int, default=30, help="request pairs per view")
    parser.add_argument(
        "--public",
        action="store_true",
        help="our profiles and directory against bakerydemo's blog page, read anonymously "
        "(issue #15 item 9), instead of the admin's edit views",
    )
    return parser.parse_args()


class Site:
    """One site's lockstep process: ``time(label)`` makes one request and answers in ms."""

    def __init__(self, command):
        self.process = subprocess.Popen(  # noqa: S603 (our own scripts, our arguments)
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
        )
        for line in self.process.stdout:
            if line.startswith("READY "):
                self.views = json.loads(line.removeprefix("READY "))
                return
        raise SystemExit(f"{command[1]} stopped before it was ready")

    def time(self, label):
        self.process.stdin.write(label + "\n")
        for line in self.process.stdout:
            if line.startswith("TIME "):
                return float(line.removeprefix("TIME "))
        raise SystemExit("a lockstep process stopped")

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def main():
    args = parse_args()
    checkout = Path(args.checkout).resolve()
    load_before = os.getloadavg()
    ours = Site(
        [
            sys.executable,
            str(ROOT / "run.py"),
            "--keep",
            "--lockstep",
            f"--sizes={args.sizes}",
            f"--database-url={args.database_url}",
            *(["--only=public"] if args.public else []),
        ]
    )
    theirs = Site(
        [
            args.bakerydemo_python or str(checkout / ".venv/bin/python"),
            str(ROOT / "bakerydemo_edit.py"),
            f"--checkout={checkout}",
            f"--database-url={args.bakerydemo_database_url}",
            "--lockstep",
            *(["--public"] if args.public else []),
        ]
    )
    blog_pages = list(theirs.views)
    results = {}
    turn = 0
    for label in ours.views:
        pairs = []
        for _ in range(args.repeat):
            blog = blog_pages[turn % len(blog_pages)]
            if turn % 2:
                pairs.append((ours.time(label), theirs.time(blog)))
            else:
                blog_ms = theirs.time(blog)
                pairs.append((ours.time(label), blog_ms))
            turn += 1
        results[label] = pairs
    ours.close()
    theirs.close()
    load_after = os.getloadavg()

    print(
        f"{args.repeat} request pairs per view; load average (1, 5, 15 min) "
        f"before {', '.join(f'{x:.2f}' for x in load_before)}, "
        f"after {', '.join(f'{x:.2f}' for x in load_after)}"
    )
    blog_queries = sorted({v["queries"] for v in theirs.views.values()})
    blog_kb = [v["kb"] for v in theirs.views.values()]
    blog = "blog page" if args.public else "blog edit"
    print(
        f"bakerydemo's {blog}s: {min(blog_queries)}–{max(blog_queries)} queries, "
        f"{min(blog_kb):.0f}–{max(blog_kb):.0f} KB"
    )
    header = (
        f"{'page' if args.public else 'admin view':34} | {'ms':>6} {'p95':>6} {'queries':>7} "
        f"{'KB':>6} | {blog + ' ms':>12} {'p95':>6} | {'× ' + blog:>11}"
    )
    print(header)
    print("-" * len(header))
    for label, pairs in results.items():
        view = ours.views[label]
        ratios = [m / b for m, b in pairs]
        mine = [m for m, _ in pairs]
        blog_ms = [b for _, b in pairs]
        print(
            f"{label:34} | {statistics.median(mine):6.1f} {percentile(mine, 0.95):6.1f} "
            f"{view['queries']:7d} {view['kb']:6.1f} | "
            f"{statistics.median(blog_ms):12.1f} {percentile(blog_ms, 0.95):6.1f} | "
            f"{statistics.median(ratios):11.2f}"
        )


if __name__ == "__main__":
    main()

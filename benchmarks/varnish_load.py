"""Throughput through Varnish: the whole 1,000-member site, wrk as the load, a publication
every 10 s and unique searches beside it (issue #15, item 4; docs/load-testing.md).

    .venv/bin/python benchmarks/varnish_load.py               # about 25 minutes once built
    .venv/bin/python benchmarks/varnish_load.py --duration 30 --skip-warm

It reuses benchmarks/load.py's data set (its database, default hrc_load, built when missing)
and production settings with Redis, starts gunicorn, the task worker (`manage.py run_tasks`)
beside it and `bin/varnish` in front of it (the site's public address), and:

1. lists every address of the site: each member's profile, each initiative, each directory
   page and each story, in the four languages (untranslated ones through their fallback
   addresses), and fetches every one once through Varnish (the warm-up, as a site that has
   been up a while);
2. runs wrk (a Lua script picking addresses at random from that list) through Varnish for
   ``--duration`` seconds while, beside it, one initiative is renamed and published every
   10 s (its page, its member's profile and its other languages' addresses are then read
   through Varnish at once and must show the new title: "stale" counts those that did not),
   and unique searches are sent at 10 a second (their latency is quoted apart);
3. with ``--download-clients N`` (5 by default), once the worker has built the full
   downloads' files, runs wrk again with N clients looping on downloads beside it;
4. runs the same wrk straight at gunicorn for comparison.

It prints a markdown summary (also written to <workdir>/varnish-report.md): requests per
second, latency p50/p95/p99, answers by status, Varnish's hit ratio, the searches'
p50/p95 and the stale answers.
"""

import argparse
import html
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import load  # noqa: E402
from benchmarks.server import HOST, Gunicorn, TaskWorker, free_port  # noqa: E402

LUA = """
local paths = {}
for line in io.lines(os.getenv("ADDRESSES")) do paths[#paths + 1] = line end
statuses = {}  -- a global: done() reads each thread's with thread:get
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  return wrk.format("GET", paths[math.random(#paths)], {["Accept-Language"] = "en"})
end
-- Each connection waits this long between its requests (0: as fast as it can).
local pause = tonumber(os.getenv("PAUSE_MS") or "0")
delay = function() return pause end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
local threads = {}
setup = function(thread) threads[#threads + 1] = thread end
done = function(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    local mine = thread:get("statuses")
    for status, count in pairs(mine) do
      counts[tostring(status)] = (counts[tostring(status)] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(counts) do
    parts[#parts + 1] = string.format('"%s": %d', status, count)
  end
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "p50": %.3f, "p95": %.3f, "p99": %.3f, ' ..
    '"errors": %d, "timeouts": %d, "statuses": {%s}}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status,
    summary.errors.timeout, table.concat(parts, ", ")))
end
"""


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of each wrk run")
    parser.add_argument("--connections", type=int, default=32, help="wrk's open connections")
    parser.add_argument("--threads", type=int, default=1, help="wrk's threads")
    parser.add_argument(
        "--rate",
        type=float,
        default=3000,
        help="page views a second wrk aims at (each connection pauses between requests), so "
        "that the searches and the site keep a core; 0: as fast as it can",
    )
    parser.add_argument("--publish-every", type=float, default=10.0)
    parser.add_argument("--searches-per-second", type=float, default=10.0)
    parser.add_argument("--skip-warm", action="store_true", help="only for trying the script")
    parser.add_argument("--warm-threads", type=int, default=8)
    parser.add_argument(
        "--download-clients",
        type=int,
        default=5,
        help="clients looping on downloads during a second run through Varnish (0: no such run)",
    )
    parser.add_argument(
        "--sample",
        type=int,
        default=0,
        help="pick this many addresses at random from the whole site's (0: every one; "
        "warming all 45,000 of 1,000 members costs about 30 minutes of both cores here)",
    )
    parser.add_argument("--varnish-memory", default="6G")
    args, rest = parser.parse_known_args(argv)
    args.load = load.parse_args(rest)
    return args


def every_address():
    """Every profile, initiative, directory page and story, in every language: the version
    of that language where it exists, else the fallback address under that language's
    section (home/fallback.py)."""
    from django.conf import settings
    from wagtail.models import Locale

    from cityprofiles.directory import PAGE_SIZE
    from cityprofiles.models import CityIndexPage, CityProfilePage
    from initiatives.models import InitiativePage
    from stories.models import StoryIndexPage, StoryPage

    languages = [code for code, _name in settings.LANGUAGES]
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    addresses = []

    def section_urls(model):
        return {
            page.locale.language_code: page.url
            for page in model.objects.live().select_related("locale")
            if page.locale.language_code in languages
        }

    directories = section_urls(CityIndexPage)
    story_indexes = section_urls(StoryIndexPage)
    members = CityProfilePage.objects.live().public().filter(locale=locales["en"]).count()
    for url in directories.values():
        addresses += [f"{url}?page={n}" for n in range(1, -(-members // PAGE_SIZE) + 1)]
    for model, sections in ((CityProfilePage, directories), (StoryPage, story_indexes)):
        by_key = {}
        for page in model.objects.live().public().select_related("locale").order_by("pk"):
            by_key.setdefault(page.translation_key, {})[page.locale.language_code] = page
        for versions in by_key.values():
            source = next(iter(versions.values()))
            for language in languages:
                if language in versions:
                    addresses.append(versions[language].url)
                elif language in sections:
                    addresses.append(f"{sections[language]}{source.slug}/")
    # Initiatives live under their member: in a language without its own version, the
    # member's fallback address of that language, plus the initiative's slug.
    profiles = {}
    for page in CityProfilePage.objects.live().public().select_related("locale"):
        profiles.setdefault(page.path, page)
    by_key = {}
    for page in InitiativePage.objects.live().public().select_related("locale").order_by("pk"):
        by_key.setdefault(page.translation_key, {})[page.locale.language_code] = page
    for versions in by_key.values():
        source = next(iter(versions.values()))
        parent = profiles.get(source.path[: -InitiativePage.steplen])
        for language in languages:
            if language in versions:
                addresses.append(versions[language].url)
            elif parent is not None and language in directories:
                addresses.append(f"{directories[language]}{parent.slug}/{source.slug}/")
    return [address for address in addresses if address]


def get(port, path, timeout=30):
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"http://{HOST}:{port}{path}", headers={"Accept-Language": "en"}
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read().decode()
            return response.status, response.headers, body, time.perf_counter() - started
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(), time.perf_counter() - started


def warm(port, addresses, threads):
    load.say(f"Warming Varnish: {len(addresses)} addresses once each, {threads} at a time")
    started = time.monotonic()
    statuses = Counter()
    done = 0
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for status, *_rest in pool.map(lambda path: get(port, path, timeout=120), addresses):
            statuses[status] += 1
            done += 1
            if done % 2000 == 0:
                rate = done / (time.monotonic() - started)
                left = (len(addresses) - done) / rate
                load.say(f"  {done}/{len(addresses)} ({rate:.0f}/s, about {left:.0f} s left)")
    load.say(f"Warmed in {time.monotonic() - started:.0f} s: {dict(statuses)}")
    return statuses


def wrk(port, addresses_file, args, label):
    pause = f"{1000 * args.connections / args.rate:.3f}" if args.rate else "0"
    script = args.load.workdir / "addresses.lua"
    script.write_text(LUA)
    load.say(f"wrk through {label}: {args.duration} s, {args.connections} connections")
    done = subprocess.run(  # noqa: S603
        ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
        + ["--timeout", "10s", "-s", str(script), f"http://{HOST}:{port}"],
        env={**os.environ, "ADDRESSES": str(addresses_file), "PAUSE_MS": pause},
        capture_output=True,
        text=True,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    line = lines[0]
    result = json.loads(line.removeprefix("RESULT "))
    result["rate"] = result["requests"] / result["seconds"]
    return result


class Publisher:
    """Renames and publishes one initiative every ``every`` seconds (in this process, through
    Wagtail as an editor's publish would), then reads its addresses through Varnish."""

    def __init__(self, port, every):
        from initiatives.models import InitiativePage

        self.port = port
        self.every = every
        self.ids = list(InitiativePage.objects.live().public().values_list("pk", flat=True))
        self.published = 0
        self.checked = 0
        self.stale = []
        self.stop = threading.Event()

    def run(self):
        from django.db import close_old_connections

        from initiatives.models import InitiativePage

        rng = random.Random(2030)
        while not self.stop.wait(self.every):
            page = InitiativePage.objects.get(pk=rng.choice(self.ids))
            title = f"{page.title.split(' · ')[0]} · revised {self.published + 1}"
            page.title = title
            page.save_revision().publish()
            self.published += 1
            close_old_connections()
            member = page.get_parent()
            for path in (page.url, member.url):
                status, headers, body, _seconds = get(self.port, path)
                self.checked += 1
                if status != 200 or html.escape(title) not in body:
                    self.stale.append((path, status, headers.get("X-Cache")))


class Searches:
    """Unique searches at ``rate`` a second through Varnish (each one a miss)."""

    WORDS = ["housing", "water", "women", "youth", "health", "culture", "migrants", "education"]

    def __init__(self, port, rate):
        self.port = port
        self.rate = rate
        self.times = []
        self.statuses = Counter()
        self.stop = threading.Event()

    def run(self):
        number = 0
        while not self.stop.is_set():
            number += 1
            word = self.WORDS[number % len(self.WORDS)]
            path = f"/en/search/?q={word}+{number}&theme=housing"
            status, _headers, _body, seconds = get(self.port, path)
            self.statuses[status] += 1
            self.times.append(seconds * 1000)
            self.stop.wait(max(0, 1 / self.rate - seconds))


def wait_for_full_downloads(seconds=900):
    """Wait until the worker has built the full downloads' files of some version (the
    publications go on meanwhile, so it may be the one before the current): the downloads
    run is about files served, not about the first build. Returns how long it waited."""
    from django.core.cache import cache

    from search import full_downloads

    started = time.monotonic()
    full_downloads.queue()
    while time.monotonic() - started < seconds:
        build = (cache.get(full_downloads.BUILT_KEY) or {}).get("current")
        if build is not None:
            waited = time.monotonic() - started
            load.say(f"Full downloads of {build['version']} built after {waited:.0f} s")
            return waited
        time.sleep(2)
    raise SystemExit(f"The worker built no full download in {seconds} s; see worker.log")


class Downloads:
    """``clients`` clients each asking for downloads back to back (full and filtered, CSV and
    JSON, every language) through Varnish."""

    def __init__(self, port, clients):
        from django.conf import settings
        from django.urls import reverse
        from django.utils import translation

        from search.models import OpenDataPage

        self.port = port
        self.clients = clients
        self.paths = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                search = reverse("search:index")
            self.paths += [f"{search}?format=csv", f"{search}?format=json"]
            self.paths += [
                f"{search}?format=csv&theme=housing",
                f"{search}?format=json&region=africa",
            ]
        for page in OpenDataPage.objects.live():
            self.paths += [f"{page.url}members/?format=csv", f"{page.url}members/?format=json"]
        self.statuses = Counter()
        self.times = []
        self.stored = 0
        self.stale = 0
        self.stop = threading.Event()

    def run(self, number):
        rng = random.Random(number)
        while not self.stop.is_set():
            status, headers, _body, seconds = get(self.port, rng.choice(self.paths), timeout=60)
            self.statuses[status] += 1
            self.times.append(seconds * 1000)
            if headers.get("X-Data-Version"):
                self.stored += 1
                self.stale += headers.get("X-Data-Stale") == "true"

    def threads(self):
        return [
            threading.Thread(target=self.run, args=(number,), daemon=True)
            for number in range(self.clients)
        ]


def varnish_counters(workdir):
    done = subprocess.run(  # noqa: S603
        ["varnishstat", "-n", str(workdir), "-1", "-j"],  # noqa: S607 - Debian's varnishstat
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(done.stdout)
    counters = data.get("counters", data)
    return {name: counters[f"MAIN.{name}"]["value"] for name in ("cache_hit", "cache_miss")}


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def main(argv=None):
    args = parse_args(argv)
    args.load.workdir.mkdir(parents=True, exist_ok=True)
    load.guard(args.load.timeout * 2)
    env = load.site_environment(args.load)
    varnish_port = free_port()
    varnish_dir = Path(f"/tmp/hrc-varnish-{varnish_port}")  # noqa: S108 - bin/varnish's
    # Varnish is a proxy in front: the client's address is its X-Forwarded-For entry.
    env.update(HTTP_CACHE_PURGE_URLS=f"http://{HOST}:{varnish_port}/", JOINING_TRUSTED_PROXIES="1")
    # The site's public address is Varnish's: full downloads are built for it, and served as
    # files only to requests for it (search/full_downloads.py).
    env.update(WAGTAILADMIN_BASE_URL=f"http://{HOST}:{varnish_port}")
    os.environ.update(env)
    load.prepare_data_set(args.load)
    load.collect_static(env)
    import redis

    redis.Redis.from_url(args.load.redis_url).flushdb()
    site = Gunicorn(ROOT, env, args.load.workers, args.load.workdir / "gunicorn.log")
    load.CLEANUPS.append(site.stop)
    site.wait_until_answering("/en/")
    worker = TaskWorker(ROOT, env, args.load.workdir / "worker.log")
    load.CLEANUPS.append(worker.stop)
    varnish_log = open(args.load.workdir / "varnish.log", "w")  # noqa: SIM115
    varnish = subprocess.Popen(  # noqa: S603 - our own script
        [str(ROOT / "bin" / "varnish")],
        env={
            **env,
            "SITE_PORT": str(site.port),
            "VARNISH_PORT": str(varnish_port),
            "VARNISH_MEMORY": args.varnish_memory,
        },
        stdout=varnish_log,
        stderr=subprocess.STDOUT,
    )
    load.CLEANUPS.append(varnish.terminate)
    try:
        for _ in range(100):
            try:
                get(varnish_port, "/en/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        addresses = every_address()
        whole_site = len(addresses)
        if 0 < args.sample < whole_site:
            addresses = random.Random(2030).sample(addresses, args.sample)
        addresses_file = args.load.workdir / "addresses.txt"
        addresses_file.write_text("\n".join(addresses) + "\n")
        load.say(f"{len(addresses)} addresses")
        warmed = {} if args.skip_warm else warm(varnish_port, addresses, args.warm_threads)
        before = varnish_counters(varnish_dir)
        publisher = Publisher(varnish_port, args.publish_every)
        searches = Searches(varnish_port, args.searches_per_second)
        helpers = [threading.Thread(target=x.run, daemon=True) for x in (publisher, searches)]
        for helper in helpers:
            helper.start()
        through = wrk(varnish_port, addresses_file, args, "Varnish")
        searched = len(searches.times)
        downloads = Downloads(varnish_port, args.download_clients)
        beside = None
        if args.download_clients:
            files = wait_for_full_downloads()
            looping = downloads.threads()
            for thread in looping:
                thread.start()
            beside = wrk(varnish_port, addresses_file, args, "Varnish, with downloads beside")
            downloads.stop.set()
            for thread in looping:
                thread.join(timeout=120)
        publisher.stop.set()
        searches.stop.set()
        for helper in helpers:
            helper.join(timeout=60)
        after = varnish_counters(varnish_dir)
        hits = after["cache_hit"] - before["cache_hit"]
        misses = after["cache_miss"] - before["cache_miss"]
        straight = wrk(site.port, addresses_file, args, "gunicorn alone")
    finally:
        load.clean_up()
    lines = [
        "## Through Varnish: the whole site, a publication every "
        f"{args.publish_every:g} s, {args.searches_per_second:g} searches/s beside it",
        "",
        f"{len(addresses)} addresses, picked at random from the whole site's {whole_site} "
        "(every profile, initiative, directory page and story in "
        f"{len(set(a.split('/')[1] for a in addresses))} languages); warm-up answers: "
        f"{dict(warmed)}; gunicorn {args.load.workers} workers; wrk -t{args.threads} "
        f"-c{args.connections} -d{args.duration}s, aiming at {args.rate:g} requests/s "
        "(0: as fast as it can).",
        "",
        "| run | req/s | p50 ms | p95 ms | p99 ms | answers by status | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    runs = [("through Varnish", through)]
    if beside is not None:
        runs.append((f"through Varnish, {args.download_clients} clients downloading", beside))
    runs.append(("gunicorn alone", straight))
    for label, result in runs:
        lines.append(
            f"| {label} | {result['rate']:.0f} | {result['p50']:.1f} | {result['p95']:.1f} | "
            f"{result['p99']:.1f} | {result['statuses']} | {result['errors']} "
            f"(+{result['timeouts']} timeouts) |"
        )
    ratio = hits / (hits + misses) if hits + misses else 0
    lines += [
        "",
        f"- Varnish hit ratio during the run: {ratio:.1%} ({hits} hits, {misses} misses).",
        f"- Publications: {publisher.published}; addresses read right after each: "
        f"{publisher.checked}; stale: {len(publisher.stale)} {publisher.stale[:5]}",
        f"- Unique searches: {len(searches.times)}, by status {dict(searches.statuses)}; "
        f"p50 {statistics.median(searches.times or [0]):.0f} ms, "
        f"p95 {percentile(searches.times, 0.95):.0f} ms (in the first run: "
        f"p95 {percentile(searches.times[:searched], 0.95):.0f} ms).",
    ]
    if beside is not None:
        ratio = beside["p95"] / through["p95"] if through["p95"] else 0
        lines.append(
            f"- Downloads beside the second run: {len(downloads.times)}, by status "
            f"{dict(downloads.statuses)}; p50 {statistics.median(downloads.times or [0]):.0f} "
            f"ms, p95 {percentile(downloads.times, 0.95):.0f} ms. Page views' p95 with them / "
            f"without: {ratio:.2f}. Served as stored files: {downloads.stored} "
            f"({downloads.stale} of them the previous version's). The first build took "
            f"{files:.0f} s before the run."
        )
    report = "\n".join(lines) + "\n"
    (args.load.workdir / "varnish-report.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()

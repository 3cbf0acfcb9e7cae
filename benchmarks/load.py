"""Load and faults: the site under gunicorn, many visitors at once, then PostgreSQL restarted.

    .venv/bin/python benchmarks/load.py                  # both runs, about 4 minutes once built
    .venv/bin/python benchmarks/load.py --no-fault --duration 30 --users 20

It builds the benchmark data set (1,000 members, about 22,000 initiatives, several languages)
in its own database (default hrc_load; reused when already complete), starts
`gunicorn hrcsite.wsgi` with production settings on a free loopback port, warms it, and then:

1. steady run: simulated visitors (default 50 for 60 s) on profiles, the directory with
   filters, the search (text + facets, facets only) and the stories when installed;
2. fault run: the same traffic for 40 s with PostgreSQL restarted at 15 s, and a visitor
   sending the join form twice a second; it reports the answers by status code, the errors
   and their window, the kept pages served while PostgreSQL was down, whether each join-form
   POST was saved once or answered with its form back (never lost), whether the site
   recovered without restarting gunicorn, and whether the live pages and their content are
   the same before and after.

It prints a markdown summary (also written to <workdir>/report.md). Everything listens on
127.0.0.1 only; gunicorn is stopped on success, failure, Ctrl-C or the overall time limit.
The restart interrupts every client of that PostgreSQL server, other databases included.
docs/load-testing.md explains the figures.
"""

import argparse
import http.client
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.server import HOST, CpuMeter, Gunicorn, background_cores, describe_cpu  # noqa: E402
from benchmarks.traffic import Visitors, fetch, markdown_table, summarise  # noqa: E402

SEARCH_P95_TARGET_MS = 300


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/hrc_load")
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/9",
        help="the site's cache; a Redis database of its own (it is emptied first)",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=ROOT / "build" / "load",
        help="media, collected static files, gunicorn's log and the report (git ignores build/)",
    )
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--initiatives-per-member", type=int, default=10)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the data set even if built")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (docs/deploy.md)")
    parser.add_argument(
        "--page-cache-seconds",
        type=int,
        default=300,
        help="PAGE_CACHE_SECONDS of the site (production's default; 0: every page rendered)",
    )
    parser.add_argument("--users", type=int, default=50, help="simulated visitors at once")
    parser.add_argument("--duration", type=int, default=60, help="seconds of the steady run")
    parser.add_argument(
        "--think",
        default="0.5-1.5",
        help="seconds a visitor waits between requests, LOW-HIGH (0: none, saturation)",
    )
    parser.add_argument("--warm-seconds", type=int, default=120)
    parser.add_argument(
        "--priority",
        type=int,
        default=0,
        help="nice value for gunicorn and the visitors (e.g. -10 on a machine shared with "
        "other work, so that the figures approach those of a machine of its own; needs root)",
    )
    parser.add_argument("--no-fault", action="store_true", help="skip the PostgreSQL restart run")
    parser.add_argument("--fault-duration", type=int, default=40)
    parser.add_argument("--fault-at", type=int, default=15, help="second of the restart")
    parser.add_argument(
        "--restart-command",
        default=None,
        help="default: pg_ctlcluster --skip-systemctl-redirect <version> main restart",
    )
    parser.add_argument(
        "--wait-for-quiet",
        type=int,
        default=600,
        help="seconds to wait for other databases' clients to leave before the restart",
    )
    parser.add_argument(
        "--restart-anyway",
        action="store_true",
        help="restart PostgreSQL even while other databases have clients",
    )
    parser.add_argument(
        "--timeout", type=int, default=1800, help="hard limit for the whole script, in seconds"
    )
    args = parser.parse_args(argv)
    low, _, high = args.think.partition("-")
    args.think = (float(low), float(high or low))
    if not 0 < args.fault_at < args.fault_duration:
        parser.error("--fault-at must fall inside --fault-duration")
    return args


def say(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Time limit and clean-up -------------------------------------------------


class OutOfTime(Exception):
    pass


CLEANUPS = []


def clean_up():
    while CLEANUPS:
        CLEANUPS.pop()()


def guard(seconds):
    """Ctrl-C, SIGTERM, SIGHUP and the time limit unwind through ``finally`` (which stops gunicorn);
    a watchdog ends the process if the main thread is stuck past the limit."""

    def out_of_time(_signum, _frame):
        raise OutOfTime(f"stopped after the {seconds} s limit (--timeout)")

    def terminated(_signum, _frame):
        raise SystemExit("terminated")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.signal(signal.SIGTERM, terminated)
    signal.signal(signal.SIGHUP, terminated)
    # Also when started in the background, where the shell makes SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.alarm(seconds)

    def watchdog():
        time.sleep(seconds + 60)
        print("Still running 60 s past the limit: stopping gunicorn and exiting.", flush=True)
        clean_up()
        os._exit(3)

    threading.Thread(target=watchdog, daemon=True).start()


# --- The site's environment and data set -------------------------------------


def site_environment(args):
    """Production settings on loopback: no HTTPS redirect or HSTS, a throwaway secret."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="hrcsite.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS=f"{HOST},localhost",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        MEDIA_ROOT=str(args.workdir / "media"),
        STATIC_ROOT=str(args.workdir / "static"),
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
        PAGE_CACHE_SECONDS=str(args.page_cache_seconds),
        # The fault run's join-form visitor sends more than the 10 an hour one address may.
        JOINING_RATE_LIMIT="1000000",
    )
    for name in ("OPENSEARCH_URL", "ELASTICSEARCH_URL", "AWS_STORAGE_BUCKET_NAME"):
        env.pop(name, None)
    return env


def database_comment(url):
    """The comment on the load database (it marks a complete data set), or None."""
    from benchmarks.run import server_connection

    parts = urlsplit(url)
    with server_connection(url) as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [parts.path.lstrip("/")],
        ).fetchone()
    return row[0] if row else None


def prepare_data_set(args):
    """Build the data set, or reuse it when the database and the media both say it is complete
    (the stories demo is added to a reused one when that app has appeared since)."""
    from benchmarks.run import recreate_database

    wanted = f"hrc load data set: {args.members} members, {args.initiatives_per_member} each"
    stamp = args.workdir / "data-set.txt"
    comment = database_comment(args.database_url) or ""
    built = (
        not args.rebuild
        and comment.startswith(wanted)
        and stamp.exists()
        and stamp.read_text().strip() == comment
    )
    if not built:
        say(f"Recreating {args.database_url}")
        recreate_database(args.database_url)

    import django

    django.setup()
    from django.apps import apps
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    say("Migrating")
    call_command("migrate", verbosity=0)
    cache.clear()
    if built:
        say(f"Reusing the data set ({comment})")
        if apps.is_installed("stories"):
            from stories.models import StoryPage

            if not StoryPage.objects.exists():
                say("Adding the demo stories (the stories app is new since the build)")
                call_command("load_demo")
        return
    from benchmarks.data import grow_data_set

    started = time.monotonic()
    say("Loading the demo content")
    call_command("load_demo")
    grow_data_set(args.members, args.initiatives_per_member, say)
    marker = f"{wanted} (build {uuid.uuid4()})"
    name = urlsplit(args.database_url).path.lstrip("/")
    with connection.cursor() as cursor:
        cursor.execute(f'COMMENT ON DATABASE "{name}" IS %s', [marker])
    stamp.write_text(marker + "\n")
    say(f"Data set built in {time.monotonic() - started:.0f} s")


def live_counts():
    from cityprofiles.models import CityProfilePage
    from initiatives.models import InitiativePage

    return {
        "member profiles": CityProfilePage.objects.live().count(),
        "initiatives": InitiativePage.objects.live().count(),
    }


def published_snapshot(url):
    """(live pages, checksum of every live page's row and its content rows): two equal
    snapshots mean nothing published was lost or changed."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        count, pages = connection.execute(
            "SELECT count(*), md5(string_agg(concat_ws('|', id, path, url_path, slug, title, "
            "locale_id, live_revision_id, last_published_at), ',' ORDER BY id)) "
            "FROM wagtailcore_page WHERE live"
        ).fetchone()
        tables = connection.execute(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' "
            "AND column_name = 'page_ptr_id' ORDER BY table_name"
        ).fetchall()
        parts = [pages]
        for (table,) in tables:
            (digest,) = connection.execute(
                f"SELECT md5(string_agg(t::text, ',' ORDER BY t.page_ptr_id)) FROM \"{table}\" t "  # noqa: S608
                "JOIN wagtailcore_page p ON p.id = t.page_ptr_id WHERE p.live"
            ).fetchone()
            parts.append(f"{table}:{digest}")
        (checksum,) = connection.execute("SELECT md5(%s)", ["/".join(map(str, parts))]).fetchone()
    return count, checksum


# --- Runs --------------------------------------------------------------------


def collect_static(env):
    say("Collecting static files (production storage needs their manifest)")
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def start_site(env, args):
    site = Gunicorn(ROOT, env, args.workers, args.workdir / "gunicorn.log")
    CLEANUPS.append(site.stop)
    say(f"gunicorn on {HOST}:{site.port}, {args.workers} workers (log: {site.log_path})")
    site.wait_until_answering("/en/")
    if args.priority:
        # The master and its workers (their process group), and this process, whose visitor
        # threads start later and inherit it.
        os.setpriority(os.PRIO_PGRP, site.process.pid, args.priority)
        os.setpriority(os.PRIO_PROCESS, 0, args.priority)
    return site


WARM_PER_KIND = 300


def warm(site, mix, seconds):
    """Up to 300 addresses of each kind once, four at a time, for at most ``seconds``:
    caches filled and the code imported in every worker, as on a site that has been up a
    while. The searches' long tail stays mostly unvisited (benchmarks/addresses.py)."""
    paths = mix.every_path(per_kind=WARM_PER_KIND)
    say(f"Warming: {len(paths)} addresses once each (at most {seconds} s)")
    failures = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def run(chunk):
        for kind, path in chunk:
            if time.monotonic() > deadline:
                return
            status, problem, _kept = fetch(HOST, site.port, path)
            if status != 200:
                with lock:
                    failures.append((kind, path, status or problem))

    threads = [threading.Thread(target=run, args=(paths[n::4],)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        for failure in failures[:10]:
            print("   ", failure)
        raise SystemExit(f"{len(failures)} addresses did not answer 200 while warming")


def run_visitors(site, mix, args, seconds, label, during=None, seed=2030):
    """Visitors for ``seconds``; ``during`` is (second, callable) run once at that second.
    Each run has its own ``seed``: with the same one, a run would ask for the very pages the
    run before it left in the page cache."""
    say(f"{label}: {args.users} visitors for {seconds} s (think {args.think[0]}–{args.think[1]} s)")
    meter = CpuMeter(site, urlsplit(args.database_url).path.lstrip("/"))
    visitors = Visitors(HOST, site.port, mix, args.users, args.think, seed=seed)
    visitors.start()
    event = None
    next_report, next_sample = 10, 1
    while (elapsed := visitors.elapsed()) < seconds:
        if during and event is None and elapsed >= during[0]:
            event = during[1](visitors)
        if elapsed >= next_report:
            outcomes = list(visitors.outcomes)
            failed = sum(o.failed for o in outcomes)
            say(f"  {elapsed:4.0f} s: {len(outcomes)} requests, {failed} failed")
            next_report += 10
        if elapsed >= next_sample:
            meter.sample()
            next_sample += 1
        time.sleep(0.2)
    visitors.finish()
    cpu = meter.read()
    # Only requests begun within the run count; stopping lets those in flight finish.
    outcomes = [o for o in visitors.outcomes if o.started < seconds]
    return outcomes, summarise(outcomes, seconds), cpu, event


def restart_postgres(command, args):
    def restart(visitors):
        others = other_clients(args.database_url)
        if others and not args.restart_anyway:
            say(f"Restart skipped: other databases have clients again ({others})")
            return {"skipped": others}
        began = visitors.elapsed()
        say(f"Restarting PostgreSQL: {' '.join(command)}")
        done = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
        ended = visitors.elapsed()
        say(f"PostgreSQL restarted in {ended - began:.1f} s (exit {done.returncode})")
        return {
            "began": began,
            "ended": ended,
            "exit": done.returncode,
            "command": " ".join(command),
        }

    return restart


def default_restart_command():
    versions = sorted(os.listdir("/etc/postgresql"))
    return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "restart"]


def wait_for_recovery(site, mix, seconds=60):
    """Seconds until one address of every kind answers 200, or None if it never does."""
    began = time.monotonic()
    probes = [(kind, paths[0]) for kind, paths in mix.paths.items()]
    while time.monotonic() - began < seconds:
        if all(fetch(HOST, site.port, path)[0] == 200 for _kind, path in probes):
            return time.monotonic() - began
        time.sleep(0.5)
    return None


def other_clients(url):
    """{database: connections} of every other database on the server (tests, say)."""
    from benchmarks.run import server_connection

    parts = urlsplit(url)
    with server_connection(url) as connection:
        rows = connection.execute(
            "SELECT datname, count(*) FROM pg_stat_activity WHERE datname IS NOT NULL "
            "AND datname <> %s AND pid <> pg_backend_pid() GROUP BY datname",
            [parts.path.lstrip("/")],
        ).fetchall()
    return dict(rows)


def wait_for_quiet(args):
    """True once no other database has clients: the restart would break their work."""
    deadline = time.monotonic() + args.wait_for_quiet
    while True:
        others = other_clients(args.database_url)
        if not others or args.restart_anyway:
            return True
        if time.monotonic() > deadline:
            return False
        say(f"Waiting to restart PostgreSQL: other databases have clients ({others})")
        time.sleep(10)


# --- The join form during the fault run -------------------------------------------

JOIN_PATH = "/en/join-the-campaign/"
JOIN_NAME = "Load fault"  # every application the run sends is named "Load fault <run> <n>"
UNSAVED = "Nothing was lost: please send it again."


class FormValues(HTMLParser):
    """The (name, value) pairs a browser would send from the page's join form."""

    def __init__(self):
        super().__init__()
        self.pairs, self.in_form, self.select, self.textarea = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "join-form" in (attrs.get("class") or ""):
            self.in_form = True
        if not self.in_form or not attrs.get("name") and tag != "option":
            return
        if tag == "input":
            if attrs.get("type") not in ("checkbox", "radio"):
                self.pairs.append((attrs["name"], attrs.get("value") or ""))
            elif "checked" in attrs:
                self.pairs.append((attrs["name"], attrs.get("value") or "on"))
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.pairs.append((self.select, attrs.get("value") or ""))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.pairs.append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None


def form_values(body):
    parser = FormValues()
    parser.feed(body)
    return parser.pairs


def application(run, number, token):
    return {
        "csrfmiddlewaretoken": token,
        "joining-application": "1",
        "government_name": f"{JOIN_NAME} {run} {number}",
        "member_type": "government",
        "government_type": "city",
        "country": "FR",
        "region": "europe",
        "population_band": "50k-250k",
        "leader_name": "Camille Martin",
        "leader_title": "Maire",
        "term_start": "2020",
        "term_end": "2026",
        "why_essential": f"Parce que la commune est au plus près des habitants ({number}).",
        "why_framework": "Les droits humains donnent un cadre commun.",
        "expectations": "Échanger avec les autres villes.",
        "focal_name": "Dominique Durand",
        "focal_position": "Chargée de mission",
        "focal_email": f"focal-{number}@load.example.org",
        "consent_to_publish": "on",
        "website": "",
        "initiatives-TOTAL_FORMS": "5",
        "initiatives-INITIAL_FORMS": "0",
        "initiatives-MIN_NUM_FORMS": "0",
        "initiatives-MAX_NUM_FORMS": "5",
        "initiatives-0-title": "Maison des droits",
        "initiatives-0-description": "Accueil et conseil juridique gratuits.",
    }


class JoinVisitor:
    """A visitor sending the join form every ``interval`` seconds from the run's start: each
    answer is "saved" (302 to the confirmation), "form back" (503 with the message and every
    value sent still in the form) or its status (anything else: an application lost)."""

    def __init__(self, port, interval=0.5):
        self.port, self.interval = port, interval
        self.run = uuid.uuid4().hex[:6]
        self.posts = []  # (started, answer)
        self.stop = threading.Event()
        self.cookie = self.token = None

    def request(self, method, path, body=None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        headers = {"User-Agent": "hrc-load", "Cookie": self.cookie or ""}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response, response.read().decode()
        finally:
            connection.close()

    def start(self, started):
        status, response, body = self.request("GET", JOIN_PATH)
        if status != 200:
            raise SystemExit(f"{JOIN_PATH} answered {status} before the fault run")
        self.cookie = response.getheader("Set-Cookie", "").split(";", 1)[0]
        self.token = dict(form_values(body))["csrfmiddlewaretoken"]
        self.started = started
        self.thread = threading.Thread(target=self.send_forms, daemon=True)
        self.thread.start()

    def send_forms(self):
        number = 0
        while not self.stop.wait(self.interval):
            number += 1
            sent = application(self.run, number, self.token)
            began = time.monotonic() - self.started
            try:
                status, response, body = self.request("POST", JOIN_PATH, urlencode(sent))
            except (OSError, http.client.HTTPException) as error:
                self.posts.append((began, type(error).__name__))
                continue
            self.posts.append((began, self.answer(sent, status, response, body)))

    @staticmethod
    def answer(sent, status, response, body):
        if status == 302 and response.getheader("Location", "").endswith("/thanks/"):
            return "saved"
        back = {pair for pair in form_values(body) if pair[0] != "csrfmiddlewaretoken"}
        kept = all(pair in back for pair in sent.items() if pair[0] != "csrfmiddlewaretoken")
        if status == 503 and UNSAVED in body and kept and response.getheader("Retry-After"):
            return "form back"
        return str(status)

    def finish(self):
        self.stop.set()
        self.thread.join(35)

    def stored(self, url):
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            (count,) = connection.execute(
                "SELECT count(*) FROM joining_application WHERE government_name LIKE %s",
                [f"{JOIN_NAME} {self.run} %"],
            ).fetchone()
        return count


def fault_run(site, mix, args):
    if not wait_for_quiet(args):
        say("Fault run skipped: other databases kept clients (see --restart-anyway)")
        return None
    before = published_snapshot(args.database_url)
    workers_before = site.workers()
    command = args.restart_command.split() if args.restart_command else default_restart_command()
    joiner = JoinVisitor(site.port)
    joiner.start(time.monotonic())
    outcomes, rows, cpu, restart = run_visitors(
        site,
        mix,
        args,
        args.fault_duration,
        "Fault run",
        during=(args.fault_at, restart_postgres(command, args)),
        seed=2031,
    )
    joiner.finish()
    recovery = wait_for_recovery(site, mix)
    after = published_snapshot(args.database_url)
    # Every POST, those sent while the visitors finished too: each is in the stored count.
    joins = Counter(answer for _began, answer in joiner.posts)
    # By the time answers came back: under load a request may wait seconds for a worker.
    failed = sorted((o for o in outcomes if o.failed), key=lambda o: o.answered)
    last_error = failed[-1].answered if failed else None
    succeeded_after = [
        o for o in outcomes if not o.failed and last_error is not None and o.answered > last_error
    ]
    # Answered from the page cache while PostgreSQL was away (from its first error on).
    down_from = failed[0].started if failed else None
    kept_while_down = [
        o
        for o in outcomes
        if down_from is not None and down_from <= o.started <= last_error and o.kept == "hit"
    ]
    return {
        "rows": rows,
        "cpu": cpu,
        "restart": restart,
        "by_status": Counter(o.status or o.problem for o in outcomes),
        "kept_while_down": len(kept_while_down),
        "joins": joins,
        "joins_stored": joiner.stored(args.database_url),
        "failed": failed,
        "succeeded_after_last_error": len(succeeded_after),
        "recovery_seconds": recovery,
        "gunicorn_running": site.running(),
        "workers_same": workers_before == site.workers(),
        "before": before,
        "after": after,
    }


# --- Report ------------------------------------------------------------------


def report(args, counts, mix, notes, steady, fault):
    lines = [
        "# Load test",
        "",
        f"Data set: {counts['member profiles']} live member profiles, "
        f"{counts['initiatives']} live initiatives. gunicorn {args.workers} sync workers, "
        f"production settings, Redis cache, loopback, page cache for anonymous visitors "
        + (f"{args.page_cache_seconds} s" if args.page_cache_seconds > 0 else "off")
        + f". {args.users} visitors, think time {args.think[0]}–{args.think[1]} s. "
        "Addresses: "
        + ", ".join(f"{kind} {len(paths)}" for kind, paths in mix.paths.items())
        + f" (at most {WARM_PER_KIND} of each kind warmed)."
        + (
            f" Priority (nice) {args.priority} for gunicorn and the visitors."
            if args.priority
            else ""
        ),
    ]
    lines += [f"_{note}_" for note in notes]
    if steady:
        outcomes, rows, cpu, _ = steady
        search_p95 = max(
            (r["p95"] for kind, r in rows.items() if kind.startswith("search")), default=0
        )
        errors = rows["all"]["5xx"]
        lines += [
            "",
            f"## Steady run: {args.duration} s",
            "",
            markdown_table(rows),
            "",
            f"Targets: zero 5xx — **{'met' if errors == 0 else f'MISSED ({errors})'}**; "
            f"search p95 under {SEARCH_P95_TARGET_MS} ms — **"
            f"{'met' if search_p95 < SEARCH_P95_TARGET_MS else 'MISSED'}** "
            f"(worst search kind: {search_p95:.0f} ms).",
            "",
            describe_cpu(cpu, rows["all"]["requests"], args.duration),
        ]
    if fault is None and not args.no_fault:
        lines += ["", "## Fault run: skipped (other databases had clients; see above)"]
    if fault and "skipped" in fault["restart"]:
        lines += ["", "## Fault run: restart skipped (other databases had clients again)"]
    elif fault:
        restart, failed = fault["restart"], fault["failed"]
        by_status = {}
        for outcome in failed:
            label = outcome.status or outcome.problem
            by_status[label] = by_status.get(label, 0) + 1
        window = (
            f"answered from {failed[0].answered:.1f} s to {failed[-1].answered:.1f} s "
            f"({failed[-1].answered - failed[0].answered:.1f} s; the restart ran from "
            f"{restart['began']:.1f} s to {restart['ended']:.1f} s)"
            if failed
            else "none"
        )
        same = fault["before"] == fault["after"]
        five_xx = {
            code: n
            for code, n in sorted(fault["by_status"].items(), key=str)
            if isinstance(code, int) and 500 <= code < 600
        }
        joins = fault["joins"]
        other_joins = {a: n for a, n in joins.items() if a not in ("saved", "form back")}
        # Neither saved nor given back, or stored rows that are not the "saved" answers.
        lost = sum(other_joins.values()) + abs(joins["saved"] - fault["joins_stored"])
        recovered = fault["recovery_seconds"] is not None and fault["gunicorn_running"]
        lines += [
            "",
            f"## Fault run: {args.fault_duration} s, PostgreSQL restarted at {args.fault_at} s",
            "",
            markdown_table(fault["rows"]),
            "",
            f"- Restart: `{restart['command']}`, exit status {restart['exit']}.",
            "- Answers by status: "
            + ", ".join(f"{code}: {n}" for code, n in sorted(fault["by_status"].items(), key=str))
            + f"; 5xx by code: {five_xx or 'none'}.",
            f"- Errors: {len(failed)} {by_status or ''}; window: {window}.",
            f"- Kept pages served (200 from the page cache) while PostgreSQL was away: "
            f"{fault['kept_while_down']}.",
            f"- Join-form POSTs: {sum(joins.values())} — saved {joins['saved']}, answered with "
            f"their form back (503, every field filled) {joins['form back']}, other "
            f"{other_joins or 'none'}; applications stored {fault['joins_stored']} — **"
            f"{'each saved once or given back' if lost == 0 else f'{lost} LOST OR DOUBLED'}**.",
            f"- Requests that succeeded after the last error: "
            f"{fault['succeeded_after_last_error']}.",
            f"- Recovered by itself: **{'yes' if recovered else 'NO'}** (gunicorn not restarted; "
            f"workers {'unchanged' if fault['workers_same'] else 'replaced by its master'}; "
            "every kind answered 200 "
            + (
                f"{fault['recovery_seconds']:.1f} s after the run)."
                if fault["recovery_seconds"] is not None
                else "— never, within 60 s)."
            ),
            f"- Published content: {fault['before'][0]} live pages before, {fault['after'][0]} "
            f"after; checksum {fault['before'][1][:12]}… → {fault['after'][1][:12]}… — "
            f"**{'unchanged' if same else 'CHANGED'}**.",
            "",
            describe_cpu(fault["cpu"], fault["rows"]["all"]["requests"], args.fault_duration),
        ]
    return "\n".join(lines)


def main(argv=None):
    args = parse_args(argv)
    guard(args.timeout)
    args.workdir.mkdir(parents=True, exist_ok=True)
    env = site_environment(args)
    os.environ.update(env)
    for name in set(os.environ) - set(env):
        del os.environ[name]
    started = time.monotonic()
    try:
        prepare_data_set(args)
        from django.db import connections

        from benchmarks.addresses import sample_mix

        counts = live_counts()
        mix, notes = sample_mix()
        for note in notes:
            say(note)
        say("Addresses: " + ", ".join(f"{k} {len(v)}" for k, v in mix.paths.items()))
        connections.close_all()  # the restart would break them; the site has its own
        collect_static(env)
        site = start_site(env, args)
        warm(site, mix, args.warm_seconds)
        notes.append(f"Before the runs, other programs kept {background_cores():.2f} cores busy.")
        say(notes[-1])
        steady = run_visitors(site, mix, args, args.duration, "Steady run")
        fault = None if args.no_fault else fault_run(site, mix, args)
        summary = report(args, counts, mix, notes, steady, fault)
        (args.workdir / "report.md").write_text(summary + "\n")
        print()
        print(summary)
        say(f"Done in {time.monotonic() - started:.0f} s; report in {args.workdir / 'report.md'}")
    finally:
        signal.alarm(0)
        clean_up()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("Interrupted; gunicorn stopped.")
    except OutOfTime as error:
        sys.exit(f"{error}; gunicorn stopped.")

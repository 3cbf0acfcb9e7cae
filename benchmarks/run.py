"""Benchmark: build a large synthetic data set on PostgreSQL and measure the public pages.

    .venv/bin/python benchmarks/run.py                      # 200 then 1,000 members
    .venv/bin/python benchmarks/run.py --sizes 1000 --repeat 50

It (re)creates its own database (default: hrc_benchmark on 127.0.0.1), loads the
demo content, grows the data set to each size in turn and prints, per page,
the median and 95th-percentile server time (in-process, Django test client),
the SQL query count and the response size. Query counts must not change
between sizes. Then the admin's edit views, as the secretariat and as a city
editor, measured as ``benchmarks/admin.py`` measures bakerydemo's blog-page edit
(``benchmarks/bakerydemo_edit.py``; docs/admin-speed.md). Nothing here runs in the
test suite: timings are measured, not asserted.

    .venv/bin/python benchmarks/run.py --sizes 1 --repeat 20  # demo content only
"""

import argparse
import gc
import os
import statistics
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/hrc_benchmark",
        help="PostgreSQL database to (re)create for the benchmark",
    )
    parser.add_argument(
        "--sizes", default="200,1000", help="comma-separated member counts to measure at, ascending"
    )
    parser.add_argument("--repeat", type=int, default=30, help="requests per page")
    parser.add_argument(
        "--initiatives-per-member",
        type=int,
        default=10,
        help="initiatives under each synthetic member (10 → 10,000 at 1,000)",
    )
    parser.add_argument(
        "--only",
        choices=["public", "admin", "search"],
        help="measure only the public pages, the admin's edit views or the searches",
    )
    parser.add_argument(
        "--lockstep",
        action="store_true",
        help="serve the admin views' timings on demand (benchmarks/compare_bakerydemo.py); "
        "with --only public, the public pages' (anonymous, page cache off)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="reuse the existing benchmark database instead of recreating it",
    )
    return parser.parse_args()


def server_connection(url):
    """An autocommit connection to the server of ``url``, through its "postgres" database
    (to create, drop or describe the database of ``url`` itself)."""
    import psycopg

    admin = urlsplit(url)._replace(path="/postgres").geturl()
    return psycopg.connect(admin, autocommit=True)


def recreate_database(url):

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.replace("_", "").isalnum():
        sys.exit(f"Refusing to recreate a database with an unusual name: {name!r}")
    with server_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def timed(client, url, repeat, before=None):
    timings = []
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), percentile(timings, 0.95)


def measure(client, url, repeat):
    """Warm: the cache holds what earlier requests stored (as in production between
    publishes). Cold: the cache is emptied before each request (as after a publish)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}; fix it before measuring.")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Read now: the next request's request_started signal empties the query log.
    cold_queries = len(queries)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    warm_queries = len(queries)
    warm = timed(client, url, repeat)
    cold = timed(client, url, repeat, before=cache.clear)
    return {
        "median": warm[0],
        "p95": warm[1],
        "cold_median": cold[0],
        "cold_p95": cold[1],
        "queries": warm_queries,
        "cold_queries": cold_queries,
        "kb": len(response.content) / 1024,
    }


KEPT_PAGES = ["profile (en)", "search: text + facets", "story (en)", "home (ar)"]


def measure_kept(client, url, repeat):
    """A page served from the page cache for anonymous visitors (home/page_cache.py), as
    production serves a page asked for again before the next change."""
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext

    with override_settings(PAGE_CACHE_SECONDS=300):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        count = len(queries)  # before the next request empties the query log
        if response.get("X-Page-Cache") != "hit":
            raise SystemExit(f"{url} was not kept by the page cache; see docs/page-cache.md.")
        median, p95 = timed(client, url, repeat)
    return {"median": median, "p95": p95, "queries": count}


def pages_to_measure():
    from cityprofiles.models import CityProfilePage
    from initiatives.models import InitiativePage
    from stories.models import StoryMember, StoryPage

    synthetic = (
        CityProfilePage.objects.filter(
            locale__language_code="en", member_key__startswith="synthetic"
        )
        .order_by("pk")
        .first()
    )
    # At the demo content's own size (--sizes 1) there is no synthetic member: its first.
    english = {"locale__language_code": "en"}
    synthetic = synthetic or CityProfilePage.objects.filter(**english).order_by("pk").first()
    initiative = (
        InitiativePage.objects.filter(**english, city=synthetic).first()
        or InitiativePage.objects.filter(**english).order_by("pk").first()
    )
    benchmark_story = {"slug": "benchmark-0", "locale__language_code": "en"}
    about_a_member = {"pk__in": StoryMember.objects.values("page_id")}
    story = (
        StoryPage.objects.filter(**benchmark_story).first()
        or StoryPage.objects.filter(**english, **about_a_member).order_by("pk").first()
    )
    story_member = StoryMember.objects.filter(page=story).select_related("profile").first()
    return [
        ("home (en)", "/en/"),
        ("home (ar)", "/ar/"),
        ("directory (en)", "/en/cities/"),
        ("directory (fr, with fallbacks)", "/fr/villes-territoires-droits-humains-2030/"),
        ("directory: region + theme", "/en/cities/?region=europe&theme=housing"),
        ("directory: page 5", "/en/cities/?page=5"),
        ("directory: map data", "/en/cities/?format=map"),
        ("profile (en)", synthetic.url),
        ("profile (real member)", "/en/cities/barcelona-es/"),
        ("initiative (en)", initiative.url),
        ("search: empty (en)", "/en/search/"),
        ("search: text (en)", "/en/search/?q=housing"),
        ("search: text (fr, stemmed)", "/fr/recherche/?q=logement"),
        ("search: facets only", "/en/search/?theme=housing&region=europe"),
        ("search: text + facets", "/en/search/?q=water&theme=water&status=ongoing"),
        ("search: deep page", "/en/search/?q=housing&page=40"),
        (
            "search: A-Z, 3 facets",
            "/en/search/?sort=az&region=africa&sdg=clean-water&status=ongoing",
        ),
        ("stories (en)", "/en/stories/"),
        ("stories (fr): theme + region", "/fr/nouvelles/?theme=housing&region=europe"),
        ("stories: page 10", "/en/stories/?page=10"),
        ("story (en)", story.url),
        ("profile with stories", story_member.profile.url),
        ("story feed (en)", "/en/stories/feed/"),
    ]


# The search at scale (docs/search.md): each address across every language and, beside it,
# limited to the reader's language (``lang=``), as the search was before it spanned them.
SEARCHES = [
    ("empty (ar)", "/ar/bahth/"),
    ("text (en)", "/en/search/?q=budget"),
    ("text + 3 facets (en)", "/en/search/?q=budget&region=europe&status=ongoing&sdg=clean-water"),
    (
        "text + 3 facets (fr)",
        "/fr/recherche/?q=budget&region=europe&status=ongoing&sdg=clean-water",
    ),
    ("vocabulary (fr): logement", "/fr/recherche/?q=logement"),
    (
        "vocabulary + 3 facets (ar)",
        "/ar/bahth/?q=السكن&region=europe&status=ongoing&sdg=clean-water",
    ),
    ("text, deep page (es)", "/es/buscar/?q=agua&page=20"),
]


def searches_to_measure():
    rows = []
    for label, url in SEARCHES:
        rows.append((f"search: {label}", url))
        if "?" in url:
            language = url.split("/")[1]
            rows.append((f"  {label}, written in {language} only", f"{url}&written_in={language}"))
    return rows


def measure_searches(client, repeat):
    """Warm with the counts computed on every request ("uncached counts"), and cold.
    Searches are counted as in production: queued for the worker (one row of the task
    queue), not written to the query log in the request as the test settings' inline tasks
    would. The queued rows are removed afterwards."""
    from django.conf import settings
    from django.test import override_settings

    from background.models import TaskRecord

    queue = {
        "default": {**settings.TASKS["default"], "BACKEND": "background.backend.DatabaseBackend"}
    }
    try:
        with override_settings(SEARCH_COUNTS_CACHE_SECONDS=0, TASKS=queue):
            return {label: measure(client, url, repeat) for label, url in searches_to_measure()}
    finally:
        # Nothing runs them here (the benchmark has no worker).
        TaskRecord.objects.filter(task_path="search.tasks.count_search", status="READY").delete()


def admin_users():
    """A superuser, the secretariat (a member of its group, not a superuser) and
    Barcelona's editor, whom the demo onboards."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from cityteams.demo import DEMO_EDITOR
    from cityteams.roles import SECRETARIAT

    User = get_user_model()
    secretariat, _created = User.objects.get_or_create(
        username="benchmark-secretariat", defaults={"email": "secretariat@benchmark.invalid"}
    )
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT))
    superuser, _created = User.objects.get_or_create(
        username="benchmark-superuser",
        defaults={"email": "superuser@benchmark.invalid", "is_superuser": True, "is_staff": True},
    )
    return {
        # As bakerydemo's edit view is measured (benchmarks/bakerydemo_edit.py).
        "superuser": superuser,
        "secretariat": secretariat,
        "city editor": User.objects.get(email=DEMO_EDITOR),
    }


def admin_views_to_measure():
    """Barcelona's profile (the demo's vision, themes, rights and pillar) and one of its
    initiatives: the same pages at every size, so their query counts must not change."""
    from cityprofiles.models import CityProfilePage
    from initiatives.models import InitiativePage

    profile = CityProfilePage.objects.get(member_key="barcelona-es", locale__language_code="en")
    initiative = InitiativePage.objects.child_of(profile).order_by("pk").first()
    return [
        ("profile edit", f"/admin/pages/{profile.pk}/edit/"),
        ("initiative edit", f"/admin/pages/{initiative.pk}/edit/"),
        ("add initiative", f"/admin/pages/add/initiatives/initiativepage/{profile.pk}/"),
    ]


def admin_clients():
    """Label → (a client logged in for the role, the view's url)."""
    from django.test import Client

    views = {}
    for role, user in admin_users().items():
        client = Client()
        client.force_login(user)
        for label, url in admin_views_to_measure():
            views[f"{label} ({role})"] = (client, url)
    return views


# The pages issue #15 item 9 compares with bakerydemo's blog page (compare_bakerydemo.py
# --public): what a reader opens most, rendered (the test settings keep no page).
COMPARED_PAGES = [
    "profile (en)",
    "profile (real member)",
    "directory (en)",
    "directory (fr, with fallbacks)",
]


def public_clients(client):
    """Label → (an anonymous client, the page's url)."""
    pages = dict(pages_to_measure())
    return {label: (client, pages[label]) for label in COMPARED_PAGES}


def measure_admin_views(repeat):
    from benchmarks.admin import measure_admin

    return [
        (label, measure_admin(client, url, repeat))
        for label, (client, url) in admin_clients().items()
    ]


def main():
    args = parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "hrcsite.settings.test"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    warnings.filterwarnings("ignore", message="No directory at")
    if not args.keep:
        print(f"==> Recreating {args.database_url}")
        recreate_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from benchmarks.data import build_initiatives, build_members, build_stories
    from cityprofiles.models import CityProfilePage

    if not args.keep:
        print("==> Migrating and loading the demo content")
        call_command("migrate", verbosity=0)
        call_command("load_demo")
    client = Client()
    results = {}
    admin = {}
    for size in sizes:
        have = CityProfilePage.objects.filter(locale__language_code="en").count()
        if have < size:
            print(f"==> Building members: {have} → {size}")
            started = time.monotonic()
            build_members(size - have, print, start=have)
            build_initiatives(args.initiatives_per_member, print)
            build_stories(size // 2, print)
            print(f"  built in {time.monotonic() - started:.1f} s")
            started = time.monotonic()
            call_command("rebuild_search_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
            print(f"  search index rebuilt in {time.monotonic() - started:.1f} s")
            # Bulk loading leaves the planner's statistics and the visibility map stale
            # until autovacuum runs; a production database has both, so refresh them
            # before measuring. Without the visibility map, the covering indexes of the
            # search (search/migrations/0002) are read with a heap visit per row: 35
            # instead of 28 ms for one word and 3 facets at 1,000 members.
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        from initiatives.models import InitiativePage

        # Sizes below the demo content's own members measure the demo content as it is.
        size = max(size, CityProfilePage.objects.filter(locale__language_code="en").count())
        counts = {
            code: InitiativePage.objects.filter(locale__language_code=code).count()
            for code in ("en", "fr", "es", "ar")
        }
        print(f"  initiatives per language: {counts}")
        if args.lockstep:
            from benchmarks.admin import lockstep

            gc.collect()
            gc.freeze()
            if args.only == "public":
                return lockstep(public_clients(client))
            return lockstep(admin_clients())
        # As each gunicorn worker does once loaded (site/wsgi.py): what is loaded by now
        # lives as long as the process, and full collections need not scan it.
        gc.collect()
        gc.freeze()
        if args.only == "search":
            print(f"==> Measuring the search at {size} members ({args.repeat} requests each)")
            results[size] = measure_searches(client, args.repeat)
        elif args.only != "admin":
            print(f"==> Measuring at {size} members ({args.repeat} requests per page)")
            results[size] = {
                label: measure(client, url, args.repeat) for label, url in pages_to_measure()
            }
        if args.only in (None, "admin"):
            print(f"==> Measuring the admin's edit views at {size} members")
            admin[size] = measure_admin_views(args.repeat)
    if results and args.only == "search":
        print_report(results)
    elif results:
        # Served from the page cache a page costs the same at any size: measured at the largest.
        kept = {
            label: measure_kept(client, url, args.repeat)
            for label, url in pages_to_measure()
            if label in KEPT_PAGES
        }
        print_report(results)
        print()
        print(f"Served from the page cache, at {sizes[-1]} members — ms (median, p95), queries")
        for label, r in kept.items():
            print(f"{label:34} | {r['median']:8.1f} {r['p95']:6.1f} {r['queries']:7d}")
    print_admin_report(admin)


def print_admin_report(admin):
    from benchmarks.admin import print_admin_rows

    for size, rows in admin.items():
        print_admin_rows(rows, f"Admin at {size} members — ms (warm), Barcelona's pages")
    counts = {size: [r["queries"] for _label, r in rows] for size, rows in admin.items()}
    if len(counts) > 1:
        same = len({tuple(c) for c in counts.values()}) == 1
        print()
        print("Admin query counts constant across sizes: " + ("yes" if same else f"NO: {counts}"))


def print_report(results):
    sizes = list(results)
    labels = list(results[sizes[0]])
    for size in sizes:
        print()
        print(f"At {size} members — times in ms; warm = cache filled, cold = cache emptied")
        header = (
            f"{'page':34} | {'warm med':>8} {'p95':>6} {'queries':>7} | "
            f"{'cold med':>8} {'p95':>6} {'queries':>7} | {'KB':>5}"
        )
        print(header)
        print("-" * len(header))
        for label in labels:
            r = results[size][label]
            print(
                f"{label:34} | {r['median']:8.1f} {r['p95']:6.1f} {r['queries']:7d} | "
                f"{r['cold_median']:8.1f} {r['cold_p95']:6.1f} {r['cold_queries']:7d} | "
                f"{r['kb']:5.1f}"
            )
    if len(sizes) > 1:
        grew = [
            label
            for label in labels
            if len(
                {
                    (results[size][label]["queries"], results[size][label]["cold_queries"])
                    for size in sizes
                }
            )
            > 1
        ]
        print()
        print("Query counts constant across sizes: " + ("yes" if not grew else f"NO: {grew}"))


if __name__ == "__main__":
    main()

"""Measure bakerydemo's blog-page edit view, the yardstick of our profile edit view.

Run with bakerydemo's own Python, from this repository (docs/admin-speed.md says how
to set bakerydemo up; nothing of it is part of this project or of CI):

    /work/bakerydemo-bench/.venv/bin/python benchmarks/bakerydemo_edit.py \\
        --checkout /work/bakerydemo-bench --load

``--load`` (re)creates the database and loads bakerydemo's demo data
(``load_initial_data``); without it the database is reused. Every blog page's edit
view is measured as bakerydemo's superuser "admin", by the method of
``benchmarks/admin.py`` that ``benchmarks/run.py`` uses for our own admin views.
"""

import argparse
import gc
import os
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkout", required=True, help="a clone of wagtail/bakerydemo")
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/bakerydemo_benchmark",
        help="PostgreSQL database of bakerydemo",
    )
    parser.add_argument("--repeat", type=int, default=30, help="requests per page")
    parser.add_argument(
        "--load", action="store_true", help="(re)create the database and load the demo data"
    )
    parser.add_argument(
        "--public",
        action="store_true",
        help="the blog pages as an anonymous reader sees them, instead of their edit view",
    )
    parser.add_argument(
        "--lockstep",
        action="store_true",
        help="serve the timings on demand (benchmarks/compare_bakerydemo.py)",
    )
    return parser.parse_args()


def main():
    args = parse_args()
    checkout = Path(args.checkout).resolve()
    # This repository's root for benchmarks.admin, bakerydemo's for its settings and apps;
    # the script's own folder is left off the path so it cannot shadow anything.
    sys.path[:1] = [str(checkout), str(ROOT)]
    os.chdir(checkout)  # bakerydemo's data loader reads its fixtures relative to the checkout
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bakerydemo.settings.test"
    warnings.filterwarnings("ignore")

    if args.load:
        from benchmarks.run import recreate_database

        print(f"==> Recreating {args.database_url}")
        recreate_database(args.database_url)

    import django

    django.setup()
    from django.template.base import Template
    from django.urls import get_resolver

    # bakerydemo's urls.py imports django-debug-toolbar, whose templates panel replaces
    # Template._render by Django's test instrumentation (a signal per template, which
    # the test client answers by copying each template's context). Our site runs
    # without it, so bakerydemo is measured without it too.
    rendering = Template._render
    get_resolver().url_patterns  # noqa: B018 (imports the URL configuration now)
    Template._render = rendering

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client, override_settings

    if args.load:
        print("==> Migrating and loading bakerydemo's demo data")
        call_command("migrate", verbosity=0)
        call_command("load_initial_data")

    from bakerydemo.blog.models import BlogPage

    from benchmarks.admin import lockstep, measure_admin, print_admin_rows

    # bakerydemo's settings keep DEBUG on; ours measure with it off, as in production.
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        client = Client()
        if args.public:
            # As our run.py does before measuring (our site/wsgi.py does it in each worker).
            gc.collect()
            gc.freeze()
            pages = {f"blog page #{page.pk}": page.url for page in BlogPage.objects.live()}
            if args.lockstep:
                return lockstep({label: (client, url) for label, url in pages.items()})
            rows = [
                (label, measure_admin(client, url, args.repeat)) for label, url in pages.items()
            ]
            return print_admin_rows(rows, "bakerydemo's blog pages, anonymous — ms")
        client.force_login(get_user_model().objects.get(username="admin"))
        if args.lockstep:
            return lockstep(
                {
                    f"blog edit #{page.pk}": (client, f"/admin/pages/{page.pk}/edit/")
                    for page in BlogPage.objects.order_by("pk")
                }
            )
        rows = []
        for page in BlogPage.objects.order_by("pk"):
            label = f"blog edit #{page.pk}: {page.title[:22]} ({len(page.body)} blocks)"
            rows.append(
                (label, measure_admin(client, f"/admin/pages/{page.pk}/edit/", args.repeat))
            )
    import wagtail

    print_admin_rows(
        rows,
        f"bakerydemo (Wagtail {wagtail.__version__}, Django {django.get_version()}, "
        f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}) — ms, as superuser",
    )


if __name__ == "__main__":
    main()

"""The full downloads' files (search/full_downloads.py) timed on the benchmark's data: what
building each costs the worker, and what serving a built one costs a request, beside the
same download built in the request.

    .venv/bin/python benchmarks/run.py --sizes 1000 --only search --repeat 1   # the data
    .venv/bin/python benchmarks/full_downloads.py

Reads the database benchmarks/run.py left (``--keep`` is implied: nothing is recreated);
files go to a temporary media folder.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/hrc_benchmark"
    )
    parser.add_argument("--repeat", type=int, default=5, help="served requests per download")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "hrcsite.settings.test"
    os.environ["ALLOWED_HOSTS"] = "testserver"

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    from search import full_downloads

    media = tempfile.mkdtemp(prefix="hrc-downloads-")
    storages = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    with override_settings(MEDIA_ROOT=media, STORAGES=storages, DOWNLOAD_RATE_LIMIT=10**6):
        started = time.perf_counter()
        outcome = full_downloads.build_all()
        total = time.perf_counter() - started
        build = full_downloads.built(full_downloads.current_version())
        print(f"==> Build of {outcome['files']} files: {total:.1f} s ({media})")
        for name, stored in sorted(build["files"].items()):
            print(f"    {name:24} {stored['seconds']:6.2f} s {stored['bytes']:>11,} bytes")

        client = Client()
        print(f"==> Served (median of {args.repeat}) and built in the request (once)")
        for address in ("/en/search/?format=csv", "/en/search/?format=json"):
            served = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get(address)
                size = len(response.getvalue())
                served.append(time.perf_counter() - started)
                assert response["X-Data-Version"] == build["version"]
            with override_settings(WAGTAILADMIN_BASE_URL="https://elsewhere.example"):
                started = time.perf_counter()
                view = client.get(address)
                built_here = time.perf_counter() - started
                assert "X-Data-Version" not in view
            print(
                f"    {address:26} served {statistics.median(served) * 1000:7.1f} ms, "
                f"built in the request {built_here * 1000:7.0f} ms, {size:,} bytes"
            )


if __name__ == "__main__":
    main()

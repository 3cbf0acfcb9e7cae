"""Full downloads built once per change by the worker and served as files (issue #15, item 10):
search/full_downloads.py, docs/open-data.md.

Real database, real files (a temporary MEDIA_ROOT), Django's test client. A change queues
its build when its transaction commits (``django_capture_on_commit_callbacks(execute=True)``)
in ``background``'s table, as in production, and the worker's own loop runs it one task at
a time (``background.worker.run_next``), so a test also sees what a request gets meanwhile. With the
tests' immediate backend (no worker) the first full download after a change builds them.
"""

import json
from pathlib import Path

import pytest
from django.core.cache import cache

from background.models import TaskRecord
from background.worker import database_backends, run_next, worker_id
from cityprofiles.importer import import_members
from cityprofiles.tests import builders
from cityprofiles.tests.test_import_export import csv_upload, member
from initiatives.models import InitiativePage
from search import full_downloads
from search.models import OpenDataPage

from .test_open_data import initiative

pytestmark = pytest.mark.django_db

FULL = {
    "initiatives": {"csv": "/en/search/?format=csv", "json": "/en/search/?format=json"},
    "members": {
        "csv": "/en/open-data/members/?format=csv",
        "json": "/en/open-data/members/?format=json",
    },
}
SAME_HEADERS = [
    "Content-Type",
    "Content-Disposition",
    "Content-Language",
    "X-Total-Count",
    "X-Export-Truncated",
    "Cache-Control",
    "X-License",
    "Link",
    "Access-Control-Allow-Origin",
    "X-Robots-Tag",
    "X-Cache-Tags",  # banned by the next publication in the HTTP cache, as before
]


@pytest.fixture
def media(settings, tmp_path):
    """Files on disk, as in production without S3."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


@pytest.fixture(autouse=True)
def queued(settings):
    """Tasks kept in the queue until the worker runs them, as in production."""
    settings.TASKS = {"default": {"BACKEND": "background.backend.DatabaseBackend"}}


@pytest.fixture
def campaign():
    homes, directories = builders.site_tree(languages=("en", "fr"))
    housing = builders.theme("housing", "Housing")
    barcelona = builders.profile(
        directories["en"], "Barcelona", themes=[housing], member_key="barcelona-es"
    )
    builders.profile(directories["en"], "Dakar", country="SN", region="africa")
    initiative(barcelona, "Homes for all", themes=[housing])
    initiative(barcelona, "=SUM(A1) housing", summary="Cells stay text.")
    page = homes["en"].add_child(instance=OpenDataPage(title="Open data", slug="open-data"))
    page.save_revision().publish()
    return {"barcelona": barcelona, "housing": housing}


def run_worker(capture):
    """Run what is due as the worker does, each task's commits included as it ends: indexing
    a page raises the catalogue's version once committed, which queues the build for it."""
    backend, me = database_backends()[0], worker_id()
    total = 0
    while True:
        with capture(execute=True):
            ran = run_next(backend, me)
        if ran is None:
            return total
        total += 1


def publish(capture, profile, title, work=True):
    """Publish a new initiative and commit, as the admin's request does; then, unless
    ``work`` is false, the worker runs what is due."""
    with capture(execute=True):
        page = initiative(profile, title)
    if work:
        run_worker(capture)
    return page


def body(response):
    return response.getvalue()


def built_by_the_view(client, settings, address):
    """The same download built by the view in the request: files are only served for the
    site's public address, so asked while the site says it is elsewhere."""
    public = settings.WAGTAILADMIN_BASE_URL
    settings.WAGTAILADMIN_BASE_URL = "https://elsewhere.example"
    try:
        return client.get(address)
    finally:
        settings.WAGTAILADMIN_BASE_URL = public


def folders(media):
    return sorted(path.name for path in (Path(media) / "downloads").iterdir())


@pytest.mark.parametrize("dataset", ["initiatives", "members"])
@pytest.mark.parametrize("output", ["csv", "json"])
def test_after_a_publish_the_task_builds_the_file_served_as_the_view_builds_it(
    client, settings, media, campaign, django_capture_on_commit_callbacks, dataset, output
):
    publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Water for all")
    version = full_downloads.current_version()
    stored = media / "downloads" / version / f"{dataset}-en.{output}"
    assert stored.is_file()

    served = client.get(FULL[dataset][output])
    assert served.status_code == 200
    assert served.streaming  # the stored file, not built here
    assert served["X-Data-Version"] == version
    assert "X-Data-Stale" not in served
    content = body(served)
    assert content == stored.read_bytes()
    assert served["Content-Length"] == str(len(content))

    view = built_by_the_view(client, settings, FULL[dataset][output])
    assert not view.streaming and "X-Data-Version" not in view
    assert content == view.content
    for header in SAME_HEADERS:
        assert served.get(header) == view.get(header), header


def test_each_language_has_its_own_file_with_its_labels(
    client, settings, media, campaign, django_capture_on_commit_callbacks
):
    publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Water for all")
    version = full_downloads.current_version()
    names = sorted(path.name for path in (media / "downloads" / version).iterdir())
    assert names == sorted(
        f"{dataset}-{code}.{output}"
        for dataset in ("initiatives", "members")
        for code in ("en", "fr")
        for output in ("csv", "json")
    )
    served = client.get("/fr/recherche/?format=json")
    assert served["X-Data-Version"] == version
    content = body(served)
    assert json.loads(content)["language"] == "fr"
    assert content == built_by_the_view(client, settings, "/fr/recherche/?format=json").content


def test_a_publish_makes_a_new_version_whose_file_shows_the_new_initiative(
    client, media, campaign, django_capture_on_commit_callbacks
):
    publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Water for all")
    first = client.get("/en/search/?format=json")
    assert "Parks for all" not in body(first).decode()

    publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Parks for all")
    second = client.get("/en/search/?format=json")
    assert second["X-Data-Version"] != first["X-Data-Version"]
    titles = [record["title"] for record in json.loads(body(second))["results"]]
    assert "Parks for all" in titles and "Water for all" in titles


def test_until_the_worker_builds_the_new_file_the_previous_one_is_served(
    client, media, campaign, queued, django_capture_on_commit_callbacks
):
    publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Water for all")
    old = client.get("/en/search/?format=csv")
    assert "X-Data-Stale" not in old
    old_content = body(old)

    publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Parks for all", work=False)
    waiting = [client.get("/en/search/?format=csv") for _ in range(3)]
    for answer in waiting:
        assert answer.status_code == 200
        assert answer["X-Data-Stale"] == "true"
        assert answer["X-Data-Version"] == old["X-Data-Version"]
        assert answer["Cache-Control"] == f"public, max-age={full_downloads.STALE_SECONDS}"
        assert body(answer) == old_content

    assert run_worker(django_capture_on_commit_callbacks) >= 1
    fresh = client.get("/en/search/?format=csv")
    assert "X-Data-Stale" not in fresh
    assert fresh["X-Data-Version"] == full_downloads.current_version()
    assert "Parks for all" in body(fresh).decode("utf-8")


@pytest.mark.parametrize("withdraw", ["unpublish", "delete", "make private"])
def test_a_withdrawn_initiative_is_in_no_stored_file_not_even_the_previous_one(
    client, media, campaign, django_capture_on_commit_callbacks, withdraw
):
    """Until the next build the previous build's file is served: after an unpublication it
    would still list the page, and its address in the media folder is no secret."""
    from wagtail.models import PageViewRestriction

    page = publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Closed shelter")
    served = client.get("/en/search/?format=csv")
    assert "Closed shelter" in body(served).decode()
    old_file = media / "downloads" / served["X-Data-Version"] / "initiatives-en.csv"
    assert old_file.is_file()

    with django_capture_on_commit_callbacks(execute=True):
        if withdraw == "unpublish":
            page.unpublish()
        elif withdraw == "delete":
            page.delete()
        else:
            PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert not old_file.exists()
    assert list((media / "downloads").iterdir()) == []
    meanwhile = client.get("/en/search/?format=csv")  # built by the view, under the limit
    assert meanwhile.status_code == 200 and "X-Data-Version" not in meanwhile
    assert "Closed shelter" not in meanwhile.content.decode()

    run_worker(django_capture_on_commit_callbacks)
    rebuilt = client.get("/en/search/?format=csv")
    assert rebuilt["X-Data-Version"] == full_downloads.current_version()
    assert "X-Data-Stale" not in rebuilt
    assert "Closed shelter" not in body(rebuilt).decode()


def test_a_build_under_way_when_something_is_withdrawn_is_thrown_away(
    client, media, campaign, django_capture_on_commit_callbacks
):
    """A build reads the records as they were when it began: ended after a withdrawal, it
    would be recorded (and served) with the withdrawn page in it. The withdrawal is recorded
    as committed after the build began, as one made while it ran would be."""
    import time

    publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Closed shelter")
    cache.delete(full_downloads.BUILT_KEY)
    cache.set(full_downloads.WITHDRAWN_KEY, time.time() + 60, timeout=None)
    outcome = full_downloads.build_all()
    assert outcome["done"].startswith("discarded")
    assert full_downloads.built(outcome["version"]) is None
    assert list((media / "downloads").iterdir()) == []


def test_several_publishes_in_a_row_are_built_once_and_only_two_versions_are_kept(
    client, media, campaign, queued, django_capture_on_commit_callbacks
):
    publish(django_capture_on_commit_callbacks, campaign["barcelona"], "First")
    publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Second")
    kept = {full_downloads.current_version()}
    assert len(folders(media)) == 2
    for title in ("Third", "Fourth", "Fifth"):
        publish(django_capture_on_commit_callbacks, campaign["barcelona"], title, work=False)
    # Keep only what these three publishes queue; the build the three above queued is lost
    # (deleted by hand), so the next publish queues one again.
    TaskRecord.objects.all().delete()
    for title in ("Sixth", "Seventh", "Eighth"):
        publish(django_capture_on_commit_callbacks, campaign["barcelona"], title, work=False)
    assert run_worker(django_capture_on_commit_callbacks) >= 3

    done = [
        record.return_value["done"]
        for record in TaskRecord.objects.filter(task_path__endswith="build_full_downloads")
    ]
    # One task for the three publishes and their indexing, which builds the latest version.
    assert done == ["built"]
    # The new version and the one before it; every older file is deleted.
    assert folders(media) == sorted([*kept, full_downloads.current_version()])
    assert "Eighth" in body(client.get("/en/search/?format=csv")).decode("utf-8")


def test_the_per_client_limit_does_not_apply_to_a_stored_file(
    client, settings, media, campaign, django_capture_on_commit_callbacks
):
    settings.DOWNLOAD_RATE_LIMIT = 1
    settings.PAGE_CACHE_SECONDS = 0
    publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Water for all")
    answers = [client.get(FULL["initiatives"]["csv"]).status_code for _ in range(5)]
    answers += [client.get(FULL["members"]["json"]).status_code for _ in range(5)]
    assert answers == [200] * 10
    # Filtered downloads are built in the request, and limited as before.
    filtered = [client.get("/en/search/?format=csv&theme=housing") for _ in range(2)]
    assert [answer.status_code for answer in filtered] == [200, 429]
    assert "X-Data-Version" not in filtered[0]


def test_with_no_file_built_yet_the_view_builds_it_under_the_limit_and_queues_the_build(
    client, settings, media, campaign, queued, django_capture_on_commit_callbacks
):
    settings.DOWNLOAD_RATE_LIMIT = 1
    cache.clear()  # no build recorded: a new site, or its cache emptied
    first = client.get(FULL["initiatives"]["json"])
    assert first.status_code == 200 and not first.streaming
    assert "Homes for all" in first.content.decode()
    assert client.get(FULL["initiatives"]["csv"]).status_code == 429
    # The build was queued once, and once the worker has run the file is served, unlimited.
    assert TaskRecord.objects.filter(task_path__endswith="build_full_downloads").count() == 1
    run_worker(django_capture_on_commit_callbacks)
    assert client.get(FULL["initiatives"]["csv"])["X-Data-Version"]


def test_a_lost_file_is_built_in_the_request_not_a_500(
    client, media, campaign, django_capture_on_commit_callbacks
):
    publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Water for all")
    (media / "downloads" / full_downloads.current_version() / "initiatives-en.csv").unlink()
    answer = client.get(FULL["initiatives"]["csv"])
    assert answer.status_code == 200
    assert "Water for all" in answer.content.decode("utf-8")


def test_a_lost_file_is_built_again_by_the_worker_and_served_from_storage_again(
    client, media, campaign, django_capture_on_commit_callbacks
):
    publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Water for all")
    TaskRecord.objects.all().delete()
    version = full_downloads.current_version()
    (media / "downloads" / version / "initiatives-en.csv").unlink()
    assert not client.get(FULL["initiatives"]["csv"]).streaming  # built in the request
    assert full_downloads.built(version) is None  # that build is not trusted any more
    assert TaskRecord.objects.filter(task_path__endswith="build_full_downloads").count() == 1
    run_worker(django_capture_on_commit_callbacks)
    again = client.get(FULL["initiatives"]["csv"])
    assert again.streaming and again["X-Data-Version"] == version
    assert "Water for all" in body(again).decode("utf-8")


def test_filtered_downloads_are_built_by_the_view_as_before(
    client, media, campaign, django_capture_on_commit_callbacks
):
    publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Water for all")
    for address in (
        "/en/search/?format=json&theme=housing",
        "/en/search/?format=json&q=homes",
        "/en/search/?format=json&sort=az",
    ):
        answer = client.get(address)
        assert answer.status_code == 200 and not answer.streaming
        assert "X-Data-Version" not in answer


def test_on_s3_the_files_are_built_into_the_bucket_and_served_from_it(
    client, settings, campaign, django_capture_on_commit_callbacks
):
    """With the media on S3 (docs/deploy.md), through moto's S3 in this process."""
    moto = pytest.importorskip("moto")
    import boto3

    with moto.mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="hrc-media")
        settings.AWS_STORAGE_BUCKET_NAME = "hrc-media"
        settings.AWS_S3_REGION_NAME = "us-east-1"
        settings.AWS_ACCESS_KEY_ID = "hrc-test"
        settings.AWS_SECRET_ACCESS_KEY = "hrc-test-secret"  # noqa: S105
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "storages.backends.s3.S3Storage"},
        }
        publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Water for all")
        version = full_downloads.current_version()
        keys = [
            item["Key"]
            for item in boto3.client("s3", region_name="us-east-1").list_objects_v2(
                Bucket="hrc-media"
            )["Contents"]
        ]
        assert f"downloads/{version}/initiatives-en.csv" in keys

        served = client.get(FULL["initiatives"]["csv"])
        assert served["X-Data-Version"] == version
        content = body(served)
        assert "Water for all" in content.decode("utf-8")
        assert content == built_by_the_view(client, settings, FULL["initiatives"]["csv"]).content

        publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Parks for all")
        publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Trees for all")
        listed = boto3.client("s3", region_name="us-east-1").list_objects_v2(Bucket="hrc-media")
        versions = {item["Key"].split("/")[1] for item in listed["Contents"]}
        assert len(versions) == 2  # the older files were deleted from the bucket


def test_without_a_worker_the_first_full_download_after_a_change_builds_them(
    client, settings, media, campaign, django_capture_on_commit_callbacks
):
    """TASKS_BACKEND=immediate (the tests' settings, the benchmark): nothing is built at
    each commit; the first full download asked builds every file, in its request."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    publish(django_capture_on_commit_callbacks, campaign["barcelona"], "Water for all", work=False)
    assert not (media / "downloads").exists()
    first = client.get(FULL["initiatives"]["json"])
    assert first["X-Data-Version"] == full_downloads.current_version()
    assert "Water for all" in body(first).decode()
    assert len(list((media / "downloads" / first["X-Data-Version"]).iterdir())) == 8


BUILD = "search.tasks.build_full_downloads"


def test_one_publish_raises_and_bans_once_at_its_commit_and_builds_once(
    client, media, campaign, ban_catcher, raised, django_capture_on_commit_callbacks
):
    """Wagtail's publish saves the whole row (a change in place) and then says it published:
    two changes, one commit, so one raise of the versions, one ban, one build."""
    run_worker(django_capture_on_commit_callbacks)
    TaskRecord.objects.all().delete()
    del ban_catcher[:], raised[:]
    page = InitiativePage.objects.get(title="Homes for all")
    page.title = "Homes for everyone"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert raised == [{"pages", "catalogue", "kept"}]
    assert len(ban_catcher) == 1
    run_worker(django_capture_on_commit_callbacks)  # the indexing, then the build
    assert raised[1:] == [{"catalogue"}]  # the indexing's "page indexed"
    [build] = TaskRecord.objects.filter(task_path=BUILD)
    assert build.return_value["done"] == "built"
    assert build.return_value["version"] == full_downloads.current_version()
    assert "Homes for everyone" in body(client.get(FULL["initiatives"]["csv"])).decode()


@pytest.mark.parametrize("rows", [5, 20])
def test_an_import_in_one_transaction_raises_bans_and_builds_a_constant_number_of_times(
    media, campaign, ban_catcher, raised, django_capture_on_commit_callbacks, rows
):
    run_worker(django_capture_on_commit_callbacks)
    TaskRecord.objects.all().delete()
    del ban_catcher[:], raised[:]
    upload = csv_upload([member(f"Town {n}", key=f"town-{n}-es") for n in range(rows)])
    with django_capture_on_commit_callbacks(execute=True):
        report = import_members(upload)
    assert report.ok and report.counts["created"] == rows
    assert len(raised) == 1
    assert len(ban_catcher) == 1
    assert TaskRecord.objects.filter(task_path=BUILD).count() == 1
    run_worker(django_capture_on_commit_callbacks)
    # Each page's indexing raises the catalogue on its own, but queues no build of its own.
    assert TaskRecord.objects.filter(task_path=BUILD).count() == 1

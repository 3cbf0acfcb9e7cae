"""home/freshness.py: the rule, its page in docs/, and what each change does."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from home import freshness, http_cache

DOC = Path(__file__).resolve().parents[2] / "docs" / "freshness.md"


def documented_changes():
    """{change: (versions, http)} from the table of docs/freshness.md."""
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] in freshness.CHANGES:
            versions = tuple(v.strip() for v in cells[2].split(","))
            rows[cells[0]] = (versions, cells[3])
    return rows


def test_the_page_in_docs_lists_every_change_as_the_module_does():
    documented = documented_changes()
    assert set(documented) == set(freshness.CHANGES)
    for name, change in freshness.CHANGES.items():
        versions, http = documented[name]
        assert versions == change.versions, name
        assert http == {freshness.ALL: "all", freshness.LISTINGS: "listings"}.get(
            change.http, "page"
        ), name


def test_the_page_in_docs_names_every_change_that_withdraws():
    text = " ".join(DOC.read_text(encoding="utf-8").split())
    paragraph = text[text.index("A change that takes something away") :]
    paragraph = paragraph[: paragraph.index("(docs/open-data.md)")]
    named = {name for name in freshness.CHANGES if name in paragraph}
    assert named == {name for name, change in freshness.CHANGES.items() if change.withdraws}


def test_every_version_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for name in freshness.VERSIONS:
        assert f"`{name}`" in text, name


def test_no_module_but_freshness_writes_a_version_key():
    root = DOC.parents[1]
    offenders = []
    for path in root.glob("*/**/*.py"):
        if ".venv" in path.parts or "node_modules" in path.parts or "tests" in path.parts:
            continue
        if path.name == "freshness.py":
            continue
        if re.search(r"[\"']version:|:version[\"':]|cache_version\(", path.read_text()):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


@pytest.mark.django_db
@pytest.mark.parametrize("what", sorted(freshness.CHANGES))
def test_each_change_raises_its_versions_twice_and_bans_once_committed(
    what, ban_catcher, django_capture_on_commit_callbacks
):
    change = freshness.CHANGES[what]
    page = Page.objects.get(depth=1)
    before = freshness.versions()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        freshness.changed(what, page)
        assert ban_catcher == []  # nothing banned before the commit
        middle = freshness.versions()
    for callback in callbacks:
        callback()
    after = freshness.versions()
    for name in freshness.VERSIONS:
        if name in change.versions:  # a new number now, and another at the commit
            assert before[name] != middle[name] != after[name] != before[name], (what, name)
        else:
            assert before[name] == middle[name] == after[name], (what, name)
    first = ban_catcher[0]
    if change.http == freshness.ALL:
        assert first == {"all": "1", "tags": None}
    elif change.http == freshness.LISTINGS:
        assert first == {"all": None, "tags": freshness.LISTINGS}
    else:
        tags = set(first["tags"].split("|"))
        assert tags == {http_cache.page_tag(page.translation_key), freshness.LISTINGS}
    # And again a little later, for a page that was rendering during the commit.
    http_cache._rebans.finish()
    assert len(ban_catcher) == 2 and ban_catcher[1] == first


@pytest.mark.django_db
def test_a_draft_saved_changes_nothing(ban_catcher, django_capture_on_commit_callbacks):
    page = Page.objects.get(depth=1)
    before = freshness.versions()
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "A draft title"
        page.save(update_fields=["draft_title", "latest_revision_created_at"])
    assert freshness.versions() == before
    assert ban_catcher == []


DATABASE_QUEUE = {"default": {"BACKEND": "background.backend.DatabaseBackend"}}


@pytest.mark.django_db
def test_the_late_ban_is_a_deferred_task_for_the_worker(
    ban_catcher, django_capture_on_commit_callbacks
):
    from background import worker
    from background.models import TaskRecord

    page = Page.objects.get(depth=1)
    with override_settings(TASKS=DATABASE_QUEUE, HTTP_CACHE_REBAN_SECONDS=60):
        with django_capture_on_commit_callbacks(execute=True):
            freshness.changed("page published", page)
        # The first ban at once, in this process; the late one waits in the queue.
        assert len(ban_catcher) == 1
        late = TaskRecord.objects.get(task_path="home.tasks.reban")
        assert late.args == [sorted(ban_catcher[0]["tags"].split("|"))]
        assert late.run_after > timezone.now() + timedelta(seconds=50)
        assert http_cache._rebans.due == []  # no thread of this process holds it
        worker.drain()  # what is due at once (the full downloads' build), not the late ban
        late.refresh_from_db()
        assert (late.status, late.attempts) == ("READY", 0)
        assert len(ban_catcher) == 1
        TaskRecord.objects.filter(pk=late.pk).update(run_after=timezone.now())
        assert worker.drain() == 1
    assert len(ban_catcher) == 2 and ban_catcher[1] == ban_catcher[0]


# Wagtail's own, queued on every save of any model: it writes no version and no ban.
REFERENCE_INDEX = "wagtail.tasks.update_reference_index_task"


@pytest.mark.django_db
def test_a_page_locked_and_unlocked_in_the_admin_changes_nothing(
    client, ban_catcher, django_capture_on_commit_callbacks
):
    """Wagtail's lock view saves only ``locked``, ``locked_at`` and ``locked_by``: indexing
    that row raised the catalogue, banned every listing and rebuilt the full downloads."""
    from background import worker
    from background.models import TaskRecord
    from cityprofiles.tests import builders
    from joining.tests.builders import secretariat_user

    _homes, directories = builders.site_tree(languages=("en",))
    page = builders.profile(directories["en"], "Barcelona")
    client.force_login(secretariat_user())
    before = freshness.versions()
    with override_settings(TASKS=DATABASE_QUEUE):
        for action in ("lock", "unlock"):
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(reverse(f"wagtailadmin_pages:{action}", args=[page.pk]))
            assert response.status_code == 302, action
            page.refresh_from_db()
            assert page.locked == (action == "lock")
        queued = set(TaskRecord.objects.values_list("task_path", flat=True))
        assert queued <= {REFERENCE_INDEX}
        with django_capture_on_commit_callbacks(execute=True):
            worker.drain()
    assert freshness.versions() == before
    assert ban_catcher == []


@pytest.mark.django_db
def test_a_page_created_as_a_draft_changes_nothing(ban_catcher, django_capture_on_commit_callbacks):
    from background import worker
    from background.models import TaskRecord
    from cityprofiles.tests import builders
    from search.tasks import build_full_downloads

    _homes, directories = builders.site_tree(languages=("en",))
    before = freshness.versions()
    with override_settings(TASKS=DATABASE_QUEUE):
        with django_capture_on_commit_callbacks(execute=True):
            builders.profile(directories["en"], "Not yet", live=False)
        with django_capture_on_commit_callbacks(execute=True):
            worker.drain()  # its indexing (a draft is indexed, but shows nowhere)
        assert not TaskRecord.objects.filter(task_path=build_full_downloads.module_path)
    assert freshness.versions() == before
    assert ban_catcher == []


@pytest.mark.django_db
def test_the_changes_of_one_commit_raise_once_and_a_rolled_back_one_never(
    ban_catcher, raised, django_capture_on_commit_callbacks
):
    page = Page.objects.get(depth=1)
    try:
        with transaction.atomic():
            freshness.changed("settings changed")
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    with django_capture_on_commit_callbacks(execute=True):
        freshness.changed("page saved in place", page)
        freshness.changed("page published", page)
        freshness.changed("document changed")
    assert raised == [{"kept", "catalogue", "pages"}]
    assert ban_catcher == [{"all": "1", "tags": None}]  # one of them bans all

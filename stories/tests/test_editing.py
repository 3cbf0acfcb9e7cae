"""Editorial comfort in the admin: previews, the accessibility checker, revisions and
scheduling, as a communications editor uses them."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from cityprofiles.tests import builders
from cityteams.roles import COMMUNICATIONS, ensure_roles
from stories.models import StoryPage

from .builders import story, story_indexes
from .test_communications_role import story_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    homes, _directories = builders.site_tree(languages=("en", "fr"))
    indexes = story_indexes(homes)
    ensure_roles()
    user = get_user_model().objects.create_user("comms", "comms@example.org", "pw-123456789")
    user.groups.add(Group.objects.get(name=COMMUNICATIONS))
    return indexes, user


@pytest.fixture
def comms(client, setup):
    client.force_login(setup[1])
    return client


def test_preview_shows_the_unsaved_story(comms, setup):
    indexes, _user = setup
    page = story(indexes["en"], "Saved title")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    response = comms.post(url, story_form(title="Previewed title", slug=page.slug))
    assert response.json()["is_valid"]
    preview = comms.get(url, {"mode": ""})
    assert preview.status_code == 200
    assert "Previewed title" in preview.content.decode()
    assert StoryPage.objects.get(pk=page.pk).title == "Saved title"


def test_the_accessibility_checker_runs_in_the_story_editor(comms, setup):
    indexes, _user = setup
    page = story(indexes["en"], "A story")
    body = comms.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'data-side-panel="checks"' in body
    assert "checker-axe-configuration" in body  # axe-core rules, run as the editor types


def test_each_save_is_a_revision_that_can_be_compared_and_restored(comms, setup):
    indexes, _user = setup
    page = story(indexes["en"], "First title")
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = story_form(title="Second title", slug=page.slug)
    data.pop("action-publish")
    assert comms.post(edit, data).status_code == 302
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk")
    assert [r.content["title"] for r in revisions] == ["First title", "Second title"]
    history = comms.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert history.status_code == 200
    first = revisions.first()
    revert = comms.get(reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk]))
    assert revert.status_code == 200
    assert "First title" in revert.content.decode()


def test_publishing_with_a_go_live_date_schedules_the_story(comms, setup, client):
    indexes, _user = setup
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    response = comms.post(
        reverse("wagtailadmin_pages:add", args=["stories", "storypage", indexes["en"].pk]),
        story_form(title="Embargoed", go_live_at=go_live.strftime("%Y-%m-%d %H:%M")),
    )
    assert response.status_code == 302
    page = StoryPage.objects.get(slug="wave-launch")
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at is not None
    client.logout()
    assert client.get("/en/stories/wave-launch/").status_code == 404


def test_a_story_without_its_standfirst_is_refused_with_a_clear_message(comms, setup):
    indexes, _user = setup
    response = comms.post(
        reverse("wagtailadmin_pages:add", args=["stories", "storypage", indexes["en"].pk]),
        story_form(standfirst="", title="x" * 300),
    )
    assert response.status_code == 200
    assert not StoryPage.objects.exists()
    errors = response.context["form"].errors
    assert "standfirst" in errors and "title" in errors

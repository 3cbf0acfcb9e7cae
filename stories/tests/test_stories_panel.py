"""The communications staff's dashboard: their stories, and the way to add one.

Through the admin's real home view: who is shown the panel, what it lists with which links,
and that its queries do not grow with the number of stories.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cityprofiles.tests import builders as profile_builders
from cityteams.onboarding import onboard
from cityteams.roles import COMMUNICATIONS, SECRETARIAT, TRANSLATORS, ensure_roles

from .builders import story, story_indexes

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def site():
    homes, directories = profile_builders.site_tree(languages=("en", "fr", "ar"))
    indexes = story_indexes(homes)
    ensure_roles()
    return {"homes": homes, "directories": directories, "indexes": indexes}


def member_of(group_name, username):
    user = User.objects.create_user(username, f"{username}@example.org", "pw-123456789")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def comms(site):
    return member_of(COMMUNICATIONS, "comms")


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def draft(index, title, user):
    page = story(index, title, live=False)
    page.save_revision(user=user)
    return page


def published(index, title, user):
    page = story(index, title, live=False)
    page.save_revision(user=user).publish(user=user)
    return page


def scheduled(index, title, user, when):
    page = story(index, title, live=False)
    page.go_live_at = when
    page.save_revision(user=user).publish(user=user)
    return page


def section(html, name):
    """The markup of one of the panel's tables."""
    start = html.index(f'data-stories="{name}"')
    return html[start : html.index("</table>", start)]


def test_communications_sees_its_drafts_scheduled_and_published_stories(client, site, comms):
    indexes = site["indexes"]
    wip = draft(indexes["en"], "Wave 5 is open", comms)
    later = scheduled(
        indexes["fr"], "La vague 5 s’ouvre", comms, timezone.now() + datetime.timedelta(days=3)
    )
    out = published(indexes["en"], "Vienna's housing first", comms)
    changed = published(indexes["ar"], "قصة", comms)
    changed.title = "قصة جديدة"
    changed.save_revision(user=comms)

    html = dashboard(client, comms)
    assert 'aria-labelledby="stories-panel-heading"' in html

    drafts = section(html, "drafts")
    assert "Wave 5 is open" in drafts and "Draft, never published" in drafts
    assert "قصة جديدة" in drafts and "Published; changes not yet published" in drafts
    assert reverse("wagtailadmin_pages:edit", args=[wip.pk]) in drafts
    assert reverse("wagtailadmin_pages:view_draft", args=[wip.pk]) in drafts
    assert "by comms" in drafts
    assert "La vague 5" not in drafts

    assert "La vague 5 s’ouvre" in section(html, "scheduled")
    assert reverse("wagtailadmin_pages:edit", args=[later.pk]) in section(html, "scheduled")

    done = section(html, "published")
    assert "Vienna&#x27;s housing first" in done
    assert reverse("wagtailadmin_pages:edit", args=[out.pk]) in done
    assert out.url in done  # View live
    assert "Wave 5 is open" not in done

    for index in indexes.values():
        assert reverse("wagtailadmin_pages:add", args=("stories", "storypage", index.pk)) in html
    assert "Add a story in French" in html


def test_the_add_links_lead_to_the_story_form(client, site, comms):
    client.force_login(comms)
    url = reverse("wagtailadmin_pages:add", args=("stories", "storypage", site["indexes"]["ar"].pk))
    assert client.get(url).status_code == 200


def test_translators_see_the_languages_they_may_write_in(client, site):
    translator = member_of(TRANSLATORS, "translator")
    html = dashboard(client, translator)
    assert 'aria-labelledby="stories-panel-heading"' in html
    english = reverse(
        "wagtailadmin_pages:add", args=("stories", "storypage", site["indexes"]["en"].pk)
    )
    french = reverse(
        "wagtailadmin_pages:add", args=("stories", "storypage", site["indexes"]["fr"].pk)
    )
    assert french in html and english not in html


@pytest.mark.parametrize("role", ["secretariat", "city editor"])
def test_who_may_not_edit_stories_has_no_stories_panel(client, site, comms, role):
    published(site["indexes"]["en"], "Wave 5 is open", comms)
    if role == "secretariat":
        user = member_of(SECRETARIAT, "sec")
    else:
        barcelona = profile_builders.profile(site["directories"]["en"], "Barcelona")
        _team, user, _invited = onboard(barcelona, "editor@barcelona.example.org")
    html = dashboard(client, user)
    assert "stories-panel" not in html
    assert "Wave 5 is open" not in html


def dashboard_queries(client, user):
    client.force_login(user)
    client.get(reverse("wagtailadmin_home"))  # warm the per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def add_stories(site, user, count, start):
    for number in range(start, start + count):
        index = site["indexes"][("en", "fr", "ar")[number % 3]]
        if number % 2:
            draft(index, f"Draft story {number}", user)
        else:
            published(index, f"Published story {number}", user)


def test_the_panel_costs_the_same_queries_for_2_or_10_stories(client, site, comms):
    add_stories(site, comms, 2, start=0)
    few, html = dashboard_queries(client, comms)
    assert html.count("data-story=") == 2
    add_stories(site, comms, 8, start=2)
    many, html = dashboard_queries(client, comms)
    assert html.count("data-story=") == 10
    assert many == few

"""The Communications role: stories and the home page, and nothing under the directories.

Every crafted request a city editor is refused (cityteams' attack list) is sent again by
a communications editor, who holds no right on any profile: each must be refused and
leave the database as it was. Then what the role is for must work.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cityprofiles.models import CityProfilePage
from cityteams.roles import COMMUNICATIONS
from cityteams.tests import builders
from cityteams.tests.test_city_editor_permissions import (
    PAGE_ATTACKS,
    LeakCheckingClient,
    assert_refused,
    profile_form,
    send,
    snapshot,
)
from home.models import HomePage, StandardPage
from stories.models import StoryPage

from .builders import story, story_indexes

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def two_cities_with_stories(django_db_setup, django_db_blocker):
    """Built once per module in a transaction rolled back at its end; each test runs in a
    savepoint within it, so what one test changes is gone for the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = builders.two_cities()
        homes = {
            code: HomePage.objects.get(locale__language_code=code, depth=2)
            for code in ("en", "fr", "es")
        }
        world.indexes = story_indexes(homes)  # made after ensure_roles(): granted by the signal
        world.homes = homes
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def world(two_cities_with_stories, db):
    return two_cities_with_stories


@pytest.fixture
def comms(world):
    user = get_user_model().objects.create_user("comms", "comms@example.org", "pw-123456789")
    user.groups.add(Group.objects.get(name=COMMUNICATIONS))
    client = LeakCheckingClient()
    client.force_login(user)
    client.user = user
    return client


@pytest.mark.parametrize("attack", PAGE_ATTACKS)
def test_communications_is_refused_what_a_city_editor_is_refused(world, comms, attack):
    method, url, data = PAGE_ATTACKS[attack](world)
    before = snapshot()
    response = send(comms, method, url, data)
    assert_refused(response)
    assert snapshot() == before


@pytest.mark.parametrize("code", ["en", "fr"])
def test_communications_is_refused_on_a_profile_in_every_language(world, comms, code):
    profile = (
        world.barcelona
        if code == "en"
        else world.barcelona.get_translation(world.homes["fr"].locale)
    )
    edit = reverse("wagtailadmin_pages:edit", args=[profile.pk])
    before = snapshot()
    assert_refused(comms.get(edit))
    form = profile_form(profile, title="Changed by communications", action_publish="action")
    assert_refused(comms.post(edit, form))
    assert_refused(
        comms.post(
            reverse("wagtailadmin_pages:add", args=["initiatives", "initiativepage", profile.pk]),
            {"title": "Planted by communications"},
        )
    )
    assert snapshot() == before
    assert CityProfilePage.objects.get(pk=profile.pk).title != "Changed by communications"


def story_form(**fields):
    data = {
        "title": "Wave launch",
        "slug": "wave-launch",
        "standfirst": "The fourth wave opens.",
        "byline": "UCLG CISDP",
        "date": "2026-11-20",
        "hero_image": "",
        "hero_alt": "",
        "hero_caption": "",
        "hero_credit": "",
        "body": streamfield([("paragraph", rich_text("<p>Public services.</p>"))]),
        "member_links": inline_formset([]),
        "initiative_links": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "action-publish": "action-publish",
    }
    data.update(fields)
    return nested_form_data(data)


def test_communications_writes_and_publishes_a_story_in_two_languages(world, comms, client):
    for code in ("en", "fr"):
        index = world.indexes[code]
        response = comms.post(
            reverse("wagtailadmin_pages:add", args=["stories", "storypage", index.pk]),
            story_form(
                title=f"Wave launch ({code})",
                member_links=inline_formset([{"profile": world.vienna.pk}]),
            ),
        )
        assert response.status_code == 302, response.content[:2000]
        published = StoryPage.objects.get(locale=index.locale, slug="wave-launch")
        assert published.live
        assert client.get(published.url).status_code == 200
    # The story reached the profile it is about; the profile itself did not change.
    assert "Wave launch (en)" in client.get(world.vienna.url).content.decode()


def test_communications_edits_and_publishes_the_home_page(world, comms):
    home = world.homes["fr"]
    response = comms.post(
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        nested_form_data(
            {
                "title": home.title,
                "slug": home.slug,
                "promise": "Une nouvelle promesse",
                "introduction": rich_text("<p>Bonjour</p>"),
                "join_heading": "",
                "join_text": "",
                "join_page": "",
                "featured_members": inline_formset([{"profile": world.vienna_fr.pk}]),
                "body": streamfield([]),
                "seo_title": "",
                "search_description": "",
                "go_live_at": "",
                "expire_at": "",
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, response.content[:2000]
    home = HomePage.objects.get(pk=home.pk)
    assert home.promise == "Une nouvelle promesse"
    assert home.live and not home.has_unpublished_changes


HOME_REFUSALS = {
    "unpublish": lambda w: ("post", "unpublish", w.homes["en"].pk, {}),
    "delete": lambda w: ("post", "delete", w.homes["fr"].pk, {}),
    "privacy": lambda w: (
        "post",
        "set_privacy",
        w.homes["en"].pk,
        {"restriction_type": "password", "password": "hidden-site"},
    ),
    "lock": lambda w: ("post", "lock", w.homes["en"].pk, {}),
    "add-page-below-home": lambda w: (
        "post",
        "add",
        ("home", "standardpage", w.homes["en"].pk),
        {"title": "Planted", "slug": "planted"},
    ),
    "move-story-into-directory": lambda w: (
        "post",
        "move_confirm",
        (w.story.pk, w.directories["en"].pk),
        {},
    ),
    "copy-home": lambda w: (
        "post",
        "copy",
        w.homes["en"].pk,
        {"new_title": "Copy", "new_slug": "copy", "new_parent_page": w.homes["en"].pk},
    ),
}


@pytest.mark.parametrize("action", HOME_REFUSALS)
def test_communications_may_not_act_on_the_tree_below_the_home_page(world, comms, action):
    world.story = story(world.indexes["en"], "A story to move")
    method, view, args, data = HOME_REFUSALS[action](world)
    args = args if isinstance(args, tuple) else (args,)
    before = snapshot()
    response = send(comms, method, reverse(f"wagtailadmin_pages:{view}", args=args), data)
    if response.status_code != 200:  # 200: the form again, with the refusal as its error
        assert_refused(response)
    assert snapshot() == before
    homes = [home.pk for home in world.homes.values()]
    assert not PageViewRestriction.objects.filter(page__in=homes).exists()
    assert not StandardPage.objects.filter(slug="planted").exists()
    assert Page.objects.get(pk=world.story.pk).get_parent().pk == world.indexes["en"].pk


def test_communications_switches_on_the_announcement_banner(world, comms, client):
    from home.site_settings import Announcement

    response = comms.post(
        reverse("wagtailsnippets_home_announcement:add"),
        {
            "is_on": "on",
            "message": "The fourth wave is open",
            "link_page": "",
            "link_url": "",
            "link_text": "",
            "starts_at": "",
            "ends_at": "",
            "locale": world.homes["en"].locale.pk,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert Announcement.objects.filter(message="The fourth wave is open", is_on=True).exists()
    assert "The fourth wave is open" in client.get("/en/").content.decode()


def test_communications_may_not_change_the_vocabularies(world, comms):
    from taxonomies.models import Theme

    theme = Theme.objects.create(locale=world.homes["en"].locale, key="water", name="Water")
    before = snapshot()
    response = comms.post(
        reverse("wagtailsnippets_taxonomies_theme:edit", args=[theme.pk]),
        {"key": "water", "name": "Changed by communications", "colour": "blue"},
    )
    assert_refused(response)
    assert snapshot() == before
    assert Theme.objects.get(pk=theme.pk).name == "Water"

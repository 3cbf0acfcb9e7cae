"""A StreamField's block definition is packed once per language, and is Wagtail's own.

The editor's JavaScript receives the same definition Wagtail packs (compared with a
fresh packing by Wagtail's ``BlockWidget``, leaving out only the random keys of
empty defaults), in the editor's admin language, whoever the editor is; the page's
own values and errors still come with each request.
"""

import html
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.blocks.base import BlockWidget
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from cityprofiles.models import CityIndexPage, CityProfilePage
from cityprofiles.tests import builders
from cityteams.roles import SECRETARIAT, ensure_roles
from home.stream_panel import DefinitionPackedOnceWidget
from initiatives.models import InitiativePage
from initiatives.tests.builders import initiative

VISION = CityProfilePage._meta.get_field("vision").stream_block
BODY = InitiativePage._meta.get_field("body").stream_block
DEFINITION = re.compile(r'data-w-block-data-value="([^"]*)"')
# Draft.js block keys of an empty rich text, ids of a default list item: random per packing.
RANDOM = re.compile(
    r'(\\\\?"key\\\\?": \\\\?")[0-9a-z]{5}|"id": "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-'
    r'[0-9a-f]{4}-[0-9a-f]{12}"'
)


def without_random_keys(definition):
    return RANDOM.sub("RANDOM", definition)


def wagtails_own(block, language):
    with translation.override(language):
        return BlockWidget(block).block_json


def definitions_in(response):
    return [html.unescape(found) for found in DEFINITION.findall(response.content.decode())]


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_definition_is_wagtails_packed_once_per_language(language):
    with translation.override(language):
        first = DefinitionPackedOnceWidget(VISION).block_json
        again = DefinitionPackedOnceWidget(VISION).block_json
    assert again is first  # kept, not packed again
    assert without_random_keys(first) == without_random_keys(wagtails_own(VISION, language))
    json.loads(first)


def test_each_language_has_its_own_definition():
    definitions = {}
    for language in ("en", "fr"):
        with translation.override(language):
            definitions[language] = DefinitionPackedOnceWidget(VISION).block_json
    assert without_random_keys(definitions["en"]) != without_random_keys(definitions["fr"])
    assert "Add Comment" in definitions["en"] and "Add Comment" not in definitions["fr"]


def test_a_changed_setting_forgets_the_kept_definitions():
    with translation.override("en"):
        kept = DefinitionPackedOnceWidget(VISION).block_json
        with override_settings(WAGTAILADMIN_COMMENTS_ENABLED=True):
            packed_again = DefinitionPackedOnceWidget(VISION).block_json
    assert packed_again is not kept
    assert without_random_keys(packed_again) == without_random_keys(kept)


# In the edit views, as two different users in two languages.


@pytest.fixture
def editors(client):
    builders.site_tree(languages=("en", "fr"))
    ensure_roles()
    users = {}
    for name, language in (("secretariat-en", "en"), ("secretariat-fr", "fr")):
        user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw-123456789")
        user.groups.add(Group.objects.get(name=SECRETARIAT))
        preferences = UserProfile.get_for_user(user)
        preferences.preferred_language = language
        preferences.save()
        users[language] = user
    return users


@pytest.fixture
def profile(editors):
    directory = CityIndexPage.objects.get(locale__language_code="en")
    return builders.profile(directory, "Sevilla", country="ES", slug="sevilla")


@pytest.mark.django_db
def test_edit_views_send_wagtails_definition_in_the_editors_language(client, editors, profile):
    page = initiative(profile, "Housing first")
    for language, user in editors.items():
        client.force_login(user)
        for url, block in (
            (reverse("wagtailadmin_pages:edit", args=[profile.pk]), VISION),
            (reverse("wagtailadmin_pages:edit", args=[page.pk]), BODY),
        ):
            response = client.get(url)
            assert response.status_code == 200
            sent = definitions_in(response)
            assert without_random_keys(wagtails_own(block, language)) in {
                without_random_keys(definition) for definition in sent
            }, (language, url)


def initiative_form(page, body):
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "status": "ongoing",
        "start_year": "2022",
        "end_year": "",
        "body": streamfield(body),
        "framework_pillar": "",
        "partners": "",
        "links": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
    }
    return nested_form_data(data)


@pytest.mark.django_db
def test_a_blocks_error_and_what_was_typed_come_back_with_the_definition(client, editors, profile):
    page = initiative(profile, "Housing first")
    client.force_login(editors["en"])
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    revisions = page.revisions.count()
    body = [
        ("paragraph", rich_text("<p>Typed by the editor, kept after the error.</p>")),
        ("heading", {"text": "", "level": "h2"}),  # the heading's text is required
    ]
    data = initiative_form(page, body)
    data["action-publish"] = "action-publish"  # drafts leave required fields for later
    response = client.post(url, data)
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert "Typed by the editor, kept after the error." in content
    assert '"blockErrors"' in content and "This field is required." in content
    assert without_random_keys(wagtails_own(BODY, "en")) in {
        without_random_keys(definition) for definition in definitions_in(response)
    }
    assert page.revisions.count() == revisions

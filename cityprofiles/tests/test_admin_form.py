"""The profile's editing form: tabs, plain-language help, errors that say what to fix."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cityprofiles.models import CityProfilePage
from cityprofiles.tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("secretariat", "s@example.org", "pw-123456789")
    client.force_login(user)
    return client


@pytest.fixture
def profile():
    _homes, directories = builders.site_tree(languages=("en",))
    return builders.profile(directories["en"], "Rouen", country="FR", region="europe", slug="rouen")


def form_data(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": "",
        "member_type": "government",
        "government_type": "city",
        "country": "FR",
        "region": "europe",
        "wave": "",
        "joined_on": "",
        "leader_name": "",
        "leader_title": "",
        "term_start": "",
        "term_end": "",
        "population_band": "",
        "latitude": "",
        "longitude": "",
        "logo": "",
        "website": "",
        "vision": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "member_key": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_edit_form_has_facts_vision_and_links_tabs(editor_client, profile):
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[profile.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for tab in ["facts", "vision", "links", "promote"]:
        assert f'data-w-count-container-value="#tab-{tab}"' in html, tab
    assert "Between -90 and 90" in html  # help text in plain language


def test_out_of_range_coordinates_are_refused_with_a_message_and_nothing_is_saved(
    editor_client, profile
):
    url = reverse("wagtailadmin_pages:edit", args=[profile.pk])
    revisions_before = profile.revisions.count()
    response = editor_client.post(url, form_data(profile, latitude="123", longitude="2"))
    assert response.status_code == 200  # the form again, with errors
    assert "less than or equal to 90" in response.content.decode()
    # What the editor typed is still in the form.
    assert 'value="123"' in response.content.decode()
    assert profile.revisions.count() == revisions_before
    assert CityProfilePage.objects.get(pk=profile.pk).latitude is None


def test_valid_edit_is_saved_as_a_revision(editor_client, profile):
    url = reverse("wagtailadmin_pages:edit", args=[profile.pk])
    response = editor_client.post(url, form_data(profile, latitude="49.44323", longitude="1.09997"))
    assert response.status_code == 302
    latest = CityProfilePage.objects.get(pk=profile.pk).get_latest_revision_as_object()
    assert str(latest.latitude) == "49.44323"


def test_draft_with_themes_made_in_the_edit_view_previews(editor_client, profile):
    """A draft's relations come from its revision (in-memory querysets): view_draft and the
    revision's own view render them, and the preview shows the draft's theme."""
    housing = builders.theme("housing", "Housing")
    url = reverse("wagtailadmin_pages:edit", args=[profile.pk])
    data = form_data(profile, summary="Draft")
    data["themes"] = [housing.pk]  # a multiple choice: one key, many values
    response = editor_client.post(url, data)
    assert response.status_code == 302
    draft = editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[profile.pk]))
    assert draft.status_code == 200
    assert "Housing" in draft.content.decode()
    revision = CityProfilePage.objects.get(pk=profile.pk).latest_revision
    view = editor_client.get(
        reverse("wagtailadmin_pages:revisions_view", args=[profile.pk, revision.pk])
    )
    assert view.status_code == 200

"""A StreamField that arrives incomplete answers 400 with the form, never 500
(home/incomplete_forms.py).

Wagtail's admin JavaScript always sends a StreamField's bookkeeping fields
(``body-count``, ``body-0-deleted``, ``body-0-order``…); a crafted or truncated POST
without them made the block code raise ``KeyError`` on edit, create, revert and preview.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import Page, Revision, get_page_models
from wagtail.test.utils.form_data import rich_text, streamfield

from cityprofiles.tests import builders
from cityteams.tests.test_city_editor_permissions import initiative_form, profile_form
from home.incomplete_forms import INCOMPLETE
from initiatives.models import InitiativePage
from initiatives.tests.builders import initiative
from stories.tests.builders import story_indexes

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(client):
    homes, directories = builders.site_tree(languages=("en", "fr"))
    story_indexes(homes)
    superuser = get_user_model().objects.create_superuser("root", "r@example.org", "pw-123456789")
    client.force_login(superuser)
    profile = builders.profile(directories["en"], "Vienna", slug="vienna")
    profile.save_revision(user=superuser).publish()
    return {"profile": profile, "initiative": initiative(profile, "Housing first")}


def without(data, *prefixes):
    return {key: value for key, value in data.items() if not key.startswith(prefixes)}


def revisions():
    return Revision.objects.count()


def assert_form_again(response):
    assert response.status_code == 400
    content = response.content.decode()
    assert 'id="page-edit-form"' in content  # the form, to correct and save again
    assert str(INCOMPLETE) in content


def edit(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def body(*paragraphs):
    return streamfield([("paragraph", rich_text(f"<p>{text}</p>")) for text in paragraphs])


def test_profile_edit_without_the_vision_count_answers_400_with_the_form(site, client):
    profile = site["profile"]
    before = revisions()
    data = without(profile_form(profile, summary="Sent with the rest"), "vision-count")
    response = client.post(edit(profile), data)
    assert_form_again(response)
    assert "Sent with the rest" in response.content.decode()  # the other fields are kept
    assert revisions() == before


def test_what_was_sent_of_an_incomplete_body_is_shown_again(site, client):
    page = site["initiative"]
    before = revisions()
    data = initiative_form(title="Housing first", slug="housing-first", body=body("Kept text"))
    data = without(data, "body-count", "body-0-order", "body-0-deleted")
    response = client.post(edit(page), data)
    assert_form_again(response)
    assert "Kept text" in response.content.decode()
    assert revisions() == before


def test_a_list_inside_a_block_without_its_count_answers_400(site, client):
    page = site["initiative"]
    data = initiative_form(title="Housing first", slug="housing-first")
    data.update(
        {
            "body-count": "1",
            "body-0-type": "key_figures",
            "body-0-order": "0",
            "body-0-deleted": "",
            "body-0-value-0-value-figure": "12,000",
            "body-0-value-0-value-label": "households housed",
            "body-0-value-0-value-source": "",
        }
    )
    response = client.post(edit(page), data)
    assert_form_again(response)
    assert "households housed" in response.content.decode()


def test_an_unreadable_count_answers_400(site, client):
    page = site["initiative"]
    data = initiative_form(title="Housing first", slug="housing-first", body=body("Text"))
    data["body-count"] = "many"
    assert_form_again(client.post(edit(page), data))


def test_revert_without_the_counts_answers_400(site, client):
    page = site["initiative"]
    revision = page.revisions.order_by("pk").first()
    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revision.pk])
    before = revisions()
    data = without(initiative_form(title="Housing first", slug="housing-first"), "body-", "links-")
    assert_form_again(client.post(url, data))
    assert revisions() == before


def test_preview_without_the_counts_says_the_form_is_invalid(site, client):
    page = site["initiative"]
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = without(initiative_form(title="Housing first", slug="housing-first"), "body-")
    response = client.post(url, data)
    assert response.status_code in (200, 400)
    assert response.json()["is_valid"] is False


def test_the_complete_form_still_saves(site, client):
    """The same requests, complete: the check is not a blanket refusal."""
    page = site["initiative"]
    before = revisions()
    data = initiative_form(title="Housing first", slug="housing-first", body=body("Saved"))
    response = client.post(edit(page), data)
    assert response.status_code == 302
    assert revisions() == before + 1
    assert "Saved" in str(
        InitiativePage.objects.get(pk=page.pk).get_latest_revision_as_object().body
    )


STREAM_PAGE_MODELS = [
    model
    for model in get_page_models()
    if any(isinstance(field, StreamField) for field in model._meta.get_fields())
]


@pytest.mark.parametrize("model", STREAM_PAGE_MODELS, ids=lambda model: model.__name__)
def test_every_page_type_with_a_streamfield_answers_400_when_it_is_missing(site, client, model):
    parents = [
        page for page in Page.objects.specific() if type(page) in model.allowed_parent_page_models()
    ]
    assert parents, f"no page in the test site may hold a {model.__name__}: add one to site()"
    meta = model._meta
    url = reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parents[0].pk])
    before = Page.objects.count()
    response = client.post(url, {"title": "Incomplete", "slug": "incomplete"})
    assert response.status_code == 400
    assert str(INCOMPLETE) in response.content.decode()
    assert Page.objects.count() == before

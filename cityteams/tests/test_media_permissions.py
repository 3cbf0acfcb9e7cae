"""Images and documents, by collection: whose they are, and who may only choose them.

A city's media belong to its team (its collection) and to the secretariat (every
collection). Communications has its own collection, where its uploads land; a city's
media it may choose for a story, never open, change or delete (Wagtail's "change"
includes delete, which is how it could delete Vienna's media before). Translators only
choose. Each refusal is checked with an unchanged database, and each request is shown
to work on the role's own media, so the refusals are not of malformed requests.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cityteams.roles import TRANSLATORS, communications_collection
from cityteams.tests import builders
from cityteams.tests.test_city_editor_permissions import (
    LeakCheckingClient,
    assert_refused,
    bulk_url,
    send,
    snapshot,
)
from home.models import HomePage
from stories.models import StoryPage
from stories.tests.builders import story_indexes
from stories.tests.test_communications_role import story_form

pytestmark = pytest.mark.django_db

Image, Document = get_image_model(), get_document_model()


@pytest.fixture(scope="module")
def two_cities_with_stories(django_db_setup, django_db_blocker):
    """Built once per module in a transaction rolled back at its end; each test runs in a
    savepoint within it, so what one test changes is gone for the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = builders.two_cities()
        world.indexes = story_indexes(
            {code: HomePage.objects.get(locale__language_code=code) for code in ("en", "fr")}
        )
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def world(two_cities_with_stories, db):
    return two_cities_with_stories


def logged_in(user, secrets=builders.SECRETS):
    client = LeakCheckingClient()
    client.secrets = secrets
    client.force_login(user)
    return client


@pytest.fixture
def comms(world):
    return logged_in(world.communications, builders.SECRETS_FROM_COMMUNICATIONS)


def without_renditions(state):
    """Thumbnails made by a chooser are no change to anyone's media."""
    return {name: rows for name, rows in state.items() if name != "renditions"}


def image_title(image):
    return Image.objects.get(pk=image.pk).title


# --- Communications on a city's media: refused, nothing changed ---------------


def media_requests(image, document, collection):
    """Every request that changes or deletes an image or a document, or opens its edit
    view: single, "multiple" (the upload page's) and bulk. ``collection`` is where a
    crafted request tries to move them."""
    return {
        "image-edit-get": ("get", reverse("wagtailimages:edit", args=[image.pk]), None),
        "image-edit-post": (
            "post",
            reverse("wagtailimages:edit", args=[image.pk]),
            {"title": "Renamed by communications", "collection": collection.pk, "tags": ""},
        ),
        "image-delete-get": ("get", reverse("wagtailimages:delete", args=[image.pk]), None),
        "image-delete-post": ("post", reverse("wagtailimages:delete", args=[image.pk]), None),
        "image-edit-multiple-get": (
            "get",
            reverse("wagtailimages:edit_multiple", args=[image.pk]),
            None,
        ),
        "image-edit-multiple-post": (
            "post",
            reverse("wagtailimages:edit_multiple", args=[image.pk]),
            {
                f"image-{image.pk}-title": "Renamed by communications",
                f"image-{image.pk}-collection": collection.pk,
                f"image-{image.pk}-tags": "",
            },
        ),
        "image-delete-multiple-get": (
            "get",
            reverse("wagtailimages:delete_multiple", args=[image.pk]),
            None,
        ),
        "image-delete-multiple-post": (
            "post",
            reverse("wagtailimages:delete_multiple", args=[image.pk]),
            None,
        ),
        "image-bulk-delete-get": (
            "get",
            bulk_url("wagtailimages", "image", "delete", image),
            None,
        ),
        "image-bulk-delete-post": (
            "post",
            bulk_url("wagtailimages", "image", "delete", image),
            None,
        ),
        "image-bulk-add-to-collection-post": (
            "post",
            bulk_url("wagtailimages", "image", "add_to_collection", image),
            {"collection": collection.pk},
        ),
        "document-edit-get": ("get", reverse("wagtaildocs:edit", args=[document.pk]), None),
        "document-edit-post": (
            "post",
            reverse("wagtaildocs:edit", args=[document.pk]),
            {"title": "Renamed by communications", "collection": collection.pk, "tags": ""},
        ),
        "document-delete-get": ("get", reverse("wagtaildocs:delete", args=[document.pk]), None),
        "document-delete-post": (
            "post",
            reverse("wagtaildocs:delete", args=[document.pk]),
            None,
        ),
        "document-edit-multiple-post": (
            "post",
            reverse("wagtaildocs:edit_multiple", args=[document.pk]),
            {
                f"doc-{document.pk}-title": "Renamed by communications",
                f"doc-{document.pk}-collection": collection.pk,
                f"doc-{document.pk}-tags": "",
            },
        ),
        "document-delete-multiple-post": (
            "post",
            reverse("wagtaildocs:delete_multiple", args=[document.pk]),
            None,
        ),
        "document-bulk-delete-get": (
            "get",
            bulk_url("wagtaildocs", "document", "delete", document),
            None,
        ),
        "document-bulk-delete-post": (
            "post",
            bulk_url("wagtaildocs", "document", "delete", document),
            None,
        ),
        "document-bulk-add-to-collection-post": (
            "post",
            bulk_url("wagtaildocs", "document", "add_to_collection", document),
            {"collection": collection.pk},
        ),
    }


_ANY = SimpleNamespace(pk=0)
MEDIA_REQUESTS = list(media_requests(_ANY, _ANY, _ANY))


@pytest.mark.parametrize("request_name", MEDIA_REQUESTS)
def test_communications_may_not_change_or_delete_a_city_media(world, comms, request_name):
    method, url, data = media_requests(
        world.b_image, world.b_document, communications_collection()
    )[request_name]
    before = snapshot()
    response = send(comms, method, url, data)
    if "-bulk-" in request_name:
        # A bulk action answers with its confirmation or a redirect whatever the ids; what
        # matters is that the city's items are neither offered nor touched.
        assert response.status_code in (200, 302, 403, 404)
        assert b"Renamed by communications" not in response.content
        if method == "get":  # the confirmation: the item is left out, not offered
            assert response.status_code == 200
            assert b"1 item is left out." in response.content
    elif response.status_code != 405:  # GET on a view that takes POST only
        assert_refused(response)
    assert snapshot() == before


@pytest.mark.parametrize("request_name", MEDIA_REQUESTS)
def test_communications_may_change_and_delete_its_own_media(world, comms, request_name):
    """The same requests, on the Communications collection's image and document: each is
    answered, and each that changes something changes it."""
    image, document = world.comms_image, world.comms_document
    method, url, data = media_requests(image, document, communications_collection())[request_name]
    response = send(comms, method, url, data)
    if method == "get":
        assert response.status_code in (200, 405), response.status_code
        assert b"item is left out" not in response.content
        return
    assert response.status_code in (200, 302), response.status_code
    kind = Image if request_name.startswith("image") else Document
    item = image if kind is Image else document
    if "delete" in request_name:
        assert not kind.objects.filter(pk=item.pk).exists()
    elif "edit" in request_name:
        assert kind.objects.get(pk=item.pk).title == "Renamed by communications"


# --- Communications: what it may do with a city's media -----------------------


def test_communications_chooses_a_city_image_and_shows_it_in_a_story(world, comms, client):
    before = without_renditions(snapshot())
    listing = comms.get(reverse("wagtailimages_chooser:choose"))
    assert listing.status_code == 200
    assert builders.SECRET_IMAGE.encode() in listing.content
    chosen = comms.get(reverse("wagtailimages_chooser:chosen", args=[world.b_image.pk]))
    assert chosen.status_code == 200
    assert chosen.json()["result"]["title"] == builders.SECRET_IMAGE

    response = comms.post(
        reverse("wagtailadmin_pages:add", args=["stories", "storypage", world.indexes["en"].pk]),
        story_form(hero_image=world.b_image.pk, hero_alt="Housing first office in Vienna"),
    )
    assert response.status_code == 302, response.content[:2000]
    published = StoryPage.objects.get(slug="wave-launch", locale=world.indexes["en"].locale)
    assert published.live and published.hero_image_id == world.b_image.pk
    page = client.get(published.url)
    assert page.status_code == 200
    assert "Housing first office in Vienna" in page.content.decode()
    # The city's image is as it was (a rendition for the story aside), and still its own.
    after = without_renditions(snapshot())
    for state in (before, after):
        for name in ("pages", "revisions", "page_log_entries"):
            state.pop(name)
    assert after == before
    assert Image.objects.get(pk=world.b_image.pk).collection_id == world.b_team.collection.pk


def test_communications_chooses_a_city_document(world, comms):
    chosen = comms.get(reverse("wagtaildocs_chooser:chosen", args=[world.b_document.pk]))
    assert chosen.status_code == 200
    assert chosen.json()["result"]["title"] == world.b_document.title


@pytest.mark.parametrize("index", ["wagtailimages:index", "wagtaildocs:index"])
def test_communications_media_listings_hold_its_own_media_only(world, comms, index):
    """A city's media are choosable, not managed by Communications: not in its listings."""
    response = comms.get(reverse(index))
    assert response.status_code == 200
    assert b"Communications banner" in response.content
    assert builders.SECRET_IMAGE.encode() not in response.content
    assert builders.SECRET_DOCUMENT.encode() not in response.content
    assert b"Barcelona" not in response.content


# --- Communications: its own collection ---------------------------------------


@pytest.mark.parametrize(
    "view, upload",
    [
        (
            "wagtailimages:add_multiple",
            lambda: SimpleUploadedFile(
                "campaign-poster.png", get_test_image_file().file.getvalue(), "image/png"
            ),
        ),
        (
            "wagtaildocs:add_multiple",
            lambda: SimpleUploadedFile("campaign-brief.txt", b"The brief.", "text/plain"),
        ),
    ],
)
def test_communications_uploads_land_in_its_collection(world, comms, view, upload):
    form = comms.get(reverse(view))
    assert form.status_code == 200
    # Its only collection: Wagtail's upload form asks for none and files there.
    assert b'name="collection"' not in form.content
    response = comms.post(reverse(view), {"files[]": upload()})
    assert response.status_code == 200 and response.json()["success"], response.content
    kind = Image if view.startswith("wagtailimages") else Document
    uploaded = kind.objects.latest("pk")
    assert uploaded.title.startswith("campaign-")
    assert uploaded.collection_id == communications_collection().pk


# --- The other roles -------------------------------------------------------------


def test_city_editor_works_in_own_collection_and_not_in_communications(world):
    editor = logged_in(world.a_editor)
    response = editor.post(
        reverse("wagtailimages:edit", args=[world.a_image.pk]),
        {"title": "Barcelona logo, 2026"},
    )
    assert response.status_code == 302
    assert image_title(world.a_image) == "Barcelona logo, 2026"
    response = editor.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": SimpleUploadedFile(
                "barcelona-square.png", get_test_image_file().file.getvalue(), "image/png"
            )
        },
    )
    assert response.json()["success"]
    assert Image.objects.latest("pk").collection_id == world.a_team.collection.pk

    before = snapshot()
    assert_refused(editor.get(reverse("wagtailimages:edit", args=[world.comms_image.pk])))
    assert_refused(editor.post(reverse("wagtailimages:delete", args=[world.comms_image.pk])))
    assert_refused(editor.post(reverse("wagtaildocs:delete", args=[world.comms_document.pk])))
    assert snapshot() == before


def test_translators_only_choose(world):
    user = get_user_model().objects.create_user("translator-fr", "fr@example.org", "pw-12345678")
    user.groups.add(Group.objects.get(name=TRANSLATORS))
    translator = logged_in(user, builders.SECRETS_FROM_COMMUNICATIONS)
    chosen = translator.get(reverse("wagtailimages_chooser:chosen", args=[world.b_image.pk]))
    assert chosen.status_code == 200
    before = snapshot()
    for image in (world.b_image, world.comms_image):
        assert_refused(translator.get(reverse("wagtailimages:edit", args=[image.pk])))
        assert_refused(translator.post(reverse("wagtailimages:delete", args=[image.pk])))
    assert_refused(translator.get(reverse("wagtailimages:add_multiple")))
    assert snapshot() == before


def test_secretariat_manages_every_collection(world):
    user = get_user_model().objects.create_user("secretary", "s@example.org", "pw-12345678")
    user.groups.add(world.secretariat)
    secretariat = logged_in(user, ())
    for image in (world.b_image, world.comms_image):
        response = secretariat.post(
            reverse("wagtailimages:edit", args=[image.pk]),
            {"title": "Checked", "collection": image.collection_id},
        )
        assert response.status_code == 302
        assert image_title(image) == "Checked"
    response = secretariat.post(reverse("wagtaildocs:delete", args=[world.b_document.pk]))
    assert response.status_code == 302
    assert not Document.objects.filter(pk=world.b_document.pk).exists()

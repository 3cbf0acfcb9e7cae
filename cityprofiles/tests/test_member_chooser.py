"""The member chooser lists each live member once, in the editor's language where it can, and
finds a member by any of its names; drafts can be neither listed nor chosen."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.users.models import UserProfile

from cityprofiles.tests import builders
from stories.tests import builders as story_builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def members():
    homes, directories = builders.site_tree(languages=("en", "fr", "es"))
    barcelona = builders.profile(directories["en"], "Barcelona", slug="barcelona")
    barcelona.save_revision().publish()
    builders.translate(barcelona, "fr", title="Barcelone")
    builders.translate(barcelona, "es", title="Barcelona (es)")
    vienna = builders.profile(directories["en"], "Vienna", country="AT", slug="vienna")
    vienna.save_revision().publish()
    draft = builders.profile(directories["en"], "SECRET DRAFT member", slug="secret", live=False)
    return {"barcelona": barcelona, "vienna": vienna, "draft": draft, "homes": homes}


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("comms", "c@example.org", "pw-123456789")
    client.force_login(user)
    client.user = user
    return client


def listed(client, **query):
    """The names in the chooser's results, in order."""
    from bs4 import BeautifulSoup

    response = client.get(reverse("member_chooser:choose_results"), query)
    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select("tbody tr")
    return [row.find("a").get_text(strip=True) for row in rows], response.content.decode()


def test_each_live_member_is_listed_once_and_drafts_not_at_all(editor, members):
    names, html = listed(editor)
    assert names == ["Barcelona", "Vienna"]
    assert "Austria" in html and "SECRET DRAFT" not in html


def test_a_member_is_found_by_its_name_in_any_language_and_shown_once(editor, members):
    assert listed(editor, q="Barcelone")[0] == ["Barcelona"]
    assert listed(editor, q="secret")[0] == []


def test_the_editor_sees_members_in_their_admin_language(editor, members):
    profile = UserProfile.get_for_user(editor.user)
    profile.preferred_language = "fr"
    profile.save()
    # Vienna is not translated: listed in its own language.
    assert listed(editor)[0] == ["Barcelone", "Vienna"]


def test_a_draft_member_cannot_be_chosen_by_a_crafted_id(editor, members):
    url = reverse("member_chooser:chosen", args=[members["draft"].pk])
    response = editor.get(url, follow=True)
    assert response.status_code == 404  # (after the language redirect of a 404)
    assert b"SECRET" not in response.content
    chosen = editor.get(reverse("member_chooser:chosen", args=[members["vienna"].pk]))
    assert chosen.status_code == 200
    assert json.loads(chosen.content)["result"]["title"] == "Vienna"


def test_a_storys_members_are_chosen_with_the_member_chooser(editor, members):
    index = story_builders.story_indexes({"en": members["homes"]["en"]})["en"]
    story = story_builders.story(index, "A story")
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert "Choose a member" in html
    assert reverse("member_chooser:choose") in html


def test_choosing_several_members_at_once_leaves_drafts_out(editor, members):
    url = reverse("member_chooser:chosen_multiple")
    response = editor.get(url, {"id": [members["draft"].pk, members["vienna"].pk]})
    assert response.status_code == 200
    titles = [item["title"] for item in json.loads(response.content)["result"]]
    assert titles == ["Vienna"]


def test_members_cannot_be_created_from_the_chooser(editor, members):
    # Members join through an application; the chooser has no "create" address to post to.
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("member_chooser:create")
    before = members["vienna"].__class__.objects.count()
    response = editor.post("/admin/members/choose/create/", {"title": "Posted"}, follow=True)
    assert response.status_code == 404  # (after the language redirect of a 404)
    assert members["vienna"].__class__.objects.count() == before

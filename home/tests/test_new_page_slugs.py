"""Adding a page again after an autosave: the editor's own draft is continued, any other
page's address gets a clear answer, and autosaved drafts leave no redirects behind.

Every request is one the page editor sends: the autosave posts the Add form asking for
JSON (``Accept: application/json``, as Wagtail's w-autosave controller does; Wagtail then
defers the required fields and answers with the new page's id and edit URL), and later
autosaves post to the page's edit view with the revision they overwrite. "Save draft" posts
the same form as HTML. See home/new_page_slugs.py and home/draft_redirects.py.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.db import transaction
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cityteams.roles import COMMUNICATIONS
from cityteams.tests import builders
from cityteams.tests.test_city_editor_permissions import LeakCheckingClient, snapshot
from home.models import HomePage
from initiatives.models import InitiativePage
from stories.models import StoryPage
from stories.tests.builders import story_indexes

pytestmark = pytest.mark.django_db

JSON = {"accept": "application/json"}  # what makes Wagtail's expects_json_response true


@pytest.fixture(scope="module")
def cities_and_stories(django_db_setup, django_db_blocker):
    """Built once per module in a transaction rolled back at its end; each test runs in a
    savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = builders.two_cities()
        homes = {
            code: HomePage.objects.get(locale__language_code=code, depth=2)
            for code in ("en", "fr", "es")
        }
        world.story_indexes = story_indexes(homes)
        world.comms = get_user_model().objects.create_user(
            "comms", "comms@example.org", "pw-123456789"
        )
        world.comms.groups.add(Group.objects.get(name=COMMUNICATIONS))
        # A second editor in Barcelona's team.
        world.a_colleague = get_user_model().objects.create_user(
            "a2@example.org", "a2@example.org", "pw-123456789"
        )
        world.a_colleague.groups.add(world.a_team.group)
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def world(cities_and_stories, db):
    return cities_and_stories


def logged_in(user):
    client = LeakCheckingClient()
    client.force_login(user)
    return client


@pytest.fixture
def editor(world):
    """Barcelona's city editor."""
    return logged_in(world.a_editor)


@pytest.fixture
def comms(world):
    return logged_in(world.comms)


# --- The forms the page editor posts -------------------------------------------------------


def add_initiative_url(profile):
    return reverse("wagtailadmin_pages:add", args=["initiatives", "initiativepage", profile.pk])


def add_story_url(index):
    return reverse("wagtailadmin_pages:add", args=["stories", "storypage", index.pk])


def edit_url(page_id):
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def paragraphs(*texts):
    return streamfield([("paragraph", rich_text(f"<p>{text}</p>")) for text in texts])


def initiative_form(title, slug, summary="", body=(), **fields):
    """The Add (or edit) form of an initiative as the editor's browser posts it."""
    data = {
        "title": title,
        "slug": slug,
        "summary": summary,
        "status": "ongoing",
        "start_year": "",
        "end_year": "",
        "body": paragraphs(*body),
        "framework_pillar": "",
        "partners": "",
        "links": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def story_form(title, slug, standfirst="", body=(), members=(), **fields):
    data = {
        "title": title,
        "slug": slug,
        "standfirst": standfirst,
        "byline": "",
        "date": "2026-11-20",
        "hero_image": "",
        "hero_alt": "",
        "hero_caption": "",
        "hero_credit": "",
        "body": paragraphs(*body),
        "member_links": inline_formset([{"profile": profile.pk} for profile in members]),
        "initiative_links": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def autosave(client, url, data):
    response = client.post(url, data, headers=JSON)
    assert response["Content-Type"] == "application/json", response.content[:500]
    return response


def later_autosave(client, answer, data):
    """An autosave after the first: to the edit view the answer moved the form to, over
    the revision it made (the w-autosave controller sets overwrite_revision_id; the
    hydrated form carries the loaded revision)."""
    data = {
        **data,
        "overwrite_revision_id": str(answer["revision_id"]),
        "loaded_revision_id": str(answer["revision_id"]),
        "loaded_revision_created_at": answer["revision_created_at"],
    }
    return autosave(client, answer["url"], data)


def children(page):
    return Page.objects.child_of(page)  # the tree as it is now, not as ``page`` last saw it


def revisions_of(page_id):
    return list(Revision.page_revisions.filter(object_id=str(page_id)).order_by("pk"))


def body_text(revision_or_page):
    content = getattr(revision_or_page, "content", None)
    body = content["body"] if content is not None else revision_or_page.body.raw_data
    if isinstance(body, str):
        body = json.loads(body)
    return " ".join(str(block["value"]) for block in body)


def shown_messages(response):
    return " ".join(str(message.message) for message in get_messages(response.wsgi_request))


# --- The lost paragraph: later autosaves do save it ---------------------------------------


def test_autosaves_after_the_first_save_the_paragraph_typed_after_it(world, editor):
    """What the browser sends: the Add form with the title, then the edit view with the
    paragraph. The server keeps the paragraph; the text editors lost was never sent (the
    autosave script's race, fixed in static/js/admin-autosave-keeps-late-edits.js)."""
    url = add_initiative_url(world.barcelona)
    first = autosave(editor, url, initiative_form("Night buses", "night-buses")).json()
    assert first["success"] and first["url"] == edit_url(first["pk"])
    assert first["hydrate_url"].startswith(first["url"])
    data = initiative_form(
        "Night buses", "night-buses", body=["The first line runs from the port at midnight."]
    )
    second = later_autosave(editor, first, data).json()
    assert second["success"] and second["revision_id"] == first["revision_id"]
    page = InitiativePage.objects.get(pk=first["pk"])
    assert not page.live
    assert "the port at midnight" in body_text(page.get_latest_revision())
    assert len(revisions_of(page.pk)) == 1


# --- The editor's own draft is continued --------------------------------------------------


def test_city_editor_adding_again_continues_their_autosaved_draft(world, editor):
    url = add_initiative_url(world.barcelona)
    before = Page.objects.count()
    first = autosave(
        editor,
        url,
        initiative_form(
            "Night buses", "night-buses", summary="First try.", body=["The port line."]
        ),
    ).json()
    # The editor leaves, comes back and adds the page again, then saves the draft.
    response = editor.post(
        url,
        initiative_form(
            "Night buses", "night-buses", summary="Second try.", body=["The tram line."]
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == edit_url(first["pk"])
    assert Page.objects.count() == before + 1
    assert children(world.barcelona).filter(slug="night-buses").count() == 1
    page = InitiativePage.objects.get(pk=first["pk"])
    assert page.owner == world.a_editor and not page.live
    earlier, latest = revisions_of(page.pk)
    assert earlier.content["summary"] == "First try."
    assert "The port line." in body_text(earlier)
    assert latest.content["summary"] == "Second try."
    assert "The tram line." in body_text(latest) and "The port line." not in body_text(latest)
    messages = shown_messages(response)
    assert "You had already started “Night buses”" in messages
    assert "earlier version is kept in its history" in messages
    assert "already in use" not in messages
    # Its edit view opens, with the second try, and the compare view shows both.
    assert "Second try." in editor.get(response["Location"]).content.decode()
    compare = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, earlier.pk, "latest"])
    assert editor.get(compare).status_code == 200


def test_an_autosave_of_the_second_attempt_moves_the_form_onto_the_draft(world, editor):
    url = add_initiative_url(world.barcelona)
    first = autosave(editor, url, initiative_form("Night buses", "night-buses", "First.")).json()
    again = autosave(editor, url, initiative_form("Night buses", "night-buses")).json()
    # The answer of a first autosave: the form goes on as the draft's edit view.
    assert again["success"]
    assert again["pk"] == first["pk"]
    assert again["url"] == edit_url(first["pk"])
    assert again["hydrate_url"] == f"{edit_url(first['pk'])}?_w_hydrate_create_view=1"
    assert again["revision_id"] != first["revision_id"]
    assert "You had already started" in again["new_page_notice"]["text"]
    assert again["new_page_notice"]["link_url"] == reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[first["pk"], first["revision_id"], "latest"],
    )
    assert editor.get(again["hydrate_url"]).status_code == 200
    # Later autosaves overwrite the new revision, never the earlier one.
    later = later_autosave(
        editor, again, initiative_form("Night buses", "night-buses", "Second, complete.")
    ).json()
    assert later["success"] and later["revision_id"] == again["revision_id"]
    earlier, latest = revisions_of(first["pk"])
    assert (earlier.content["summary"], latest.content["summary"]) == (
        "First.",
        "Second, complete.",
    )
    assert children(world.barcelona).filter(title="Night buses").count() == 1


def test_communications_adding_a_story_again_continues_their_draft(world, comms):
    index = world.story_indexes["en"]
    url = add_story_url(index)
    first = autosave(
        comms,
        url,
        story_form("Wave launch", "wave-launch", "About Vienna.", members=[world.vienna]),
    ).json()
    response = comms.post(
        url,
        story_form("Wave launch", "wave-launch", "About Barcelona.", members=[world.barcelona]),
    )
    assert response.status_code == 302 and response["Location"] == edit_url(first["pk"])
    assert children(index).filter(slug="wave-launch").count() == 1
    # The new revision holds exactly what was posted: the earlier draft's member is not
    # carried over, and stays in the earlier revision.
    earlier, latest = revisions_of(first["pk"])
    assert [link["profile"] for link in earlier.content["member_links"]] == [world.vienna.pk]
    assert [link["profile"] for link in latest.content["member_links"]] == [world.barcelona.pk]
    page = StoryPage.objects.get(pk=first["pk"])
    assert [link.profile_id for link in page.member_links.all()] == [world.barcelona.pk]
    assert "You had already started “Wave launch”" in shown_messages(response)


def test_submitting_the_second_attempt_for_review_submits_the_draft(world, editor):
    url = add_initiative_url(world.barcelona)
    first = autosave(editor, url, initiative_form("Night buses", "night-buses", "First.")).json()
    response = editor.post(
        url,
        initiative_form(
            "Night buses",
            "night-buses",
            "Complete.",
            body=["The port line."],
            **{"action-submit": "action-submit"},
        ),
    )
    assert response.status_code == 302
    page = InitiativePage.objects.get(pk=first["pk"])
    assert page.workflow_in_progress and not page.live
    assert page.get_latest_revision().content["summary"] == "Complete."
    assert children(world.barcelona).filter(slug="night-buses").count() == 1
    assert [r.content["summary"] for r in revisions_of(page.pk)] == ["First.", "Complete."]


def test_publishing_the_second_attempt_publishes_the_draft(world, comms, client):
    index = world.story_indexes["en"]
    url = add_story_url(index)
    first = autosave(comms, url, story_form("Wave launch", "wave-launch", "Draft.")).json()
    response = comms.post(
        url,
        story_form(
            "Wave launch", "wave-launch", "Published.", **{"action-publish": "action-publish"}
        ),
    )
    assert response.status_code == 302
    page = StoryPage.objects.get(pk=first["pk"])
    assert page.live and page.standfirst == "Published."
    assert children(index).filter(slug="wave-launch").count() == 1
    assert "Published." in client.get(page.url).content.decode()


def test_a_second_attempt_in_the_french_tree_continues_the_french_draft(world, editor):
    url = add_initiative_url(world.barcelona_fr)
    first = autosave(editor, url, initiative_form("Bus de nuit", "bus-de-nuit", "Un.")).json()
    response = editor.post(url, initiative_form("Bus de nuit", "bus-de-nuit", "Deux."))
    assert response["Location"] == edit_url(first["pk"])
    assert children(world.barcelona_fr).filter(slug="bus-de-nuit").count() == 1


# --- Any other page: nothing saved, a clear answer ----------------------------------------


def assert_refused_clearly(client, url, data, slug, suggestion, names=None):
    before = snapshot()
    response = client.post(url, data)
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    messages = shown_messages(response)
    taken_by = f"the page “{names}”" if names else "another page here"
    assert f"The address “{slug}” is already used by {taken_by}." in messages
    assert f"Change the address on the Promote tab, for example to “{suggestion}”." in messages
    # A link at the top of the form, which opens the Promote tab at the field.
    assert 'href="#id_slug"' in response.content.decode()
    assert snapshot() == before
    autosaved = client.post(url, data, headers=JSON)
    assert autosaved.status_code == 400
    assert autosaved.json()["error_code"] == "validation_error"
    assert f"The address “{slug}” is already used by" in autosaved.json()["error_message"]
    assert snapshot() == before


def test_another_editors_draft_keeps_its_address_and_the_editor_is_told_where(world, editor):
    url = add_initiative_url(world.barcelona)
    colleague = logged_in(world.a_colleague)
    autosave(colleague, url, initiative_form("Night buses", "night-buses", "Theirs."))
    assert_refused_clearly(
        editor,
        url,
        initiative_form("Night buses", "night-buses", "Mine."),
        "night-buses",
        "night-buses-2",
        names="Night buses",
    )
    page = children(world.barcelona).get(slug="night-buses").specific
    assert page.owner == world.a_colleague and page.summary == "Theirs."


def test_a_published_initiative_keeps_its_address(world, editor):
    InitiativePage.objects.filter(pk=world.barcelona_initiative.pk).update(owner=world.a_editor)
    assert_refused_clearly(
        editor,
        add_initiative_url(world.barcelona),
        initiative_form("Rights office", "rights-office", "Again."),
        "rights-office",
        "rights-office-2",
        names="Barcelona rights office",
    )


def own_draft_submitted_for_review(world, page):
    world.workflow.start(page, world.a_editor)


def own_draft_edited_by_the_secretariat(world, page):
    page.title = "Night buses, reviewed"
    page.save_revision(user=world.superuser)


def own_draft_published_then_unpublished(world, page):
    page.get_latest_revision().publish(user=world.superuser)
    page.refresh_from_db()
    page.unpublish(user=world.superuser)


@pytest.mark.parametrize(
    "change",
    [
        own_draft_submitted_for_review,
        own_draft_edited_by_the_secretariat,
        own_draft_published_then_unpublished,
    ],
)
def test_own_page_others_have_worked_on_is_not_continued(world, editor, change):
    url = add_initiative_url(world.barcelona)
    first = autosave(editor, url, initiative_form("Night buses", "night-buses", "Mine.")).json()
    change(world, InitiativePage.objects.get(pk=first["pk"]))
    assert_refused_clearly(
        editor,
        url,
        initiative_form("Night buses", "night-buses", "Again."),
        "night-buses",
        "night-buses-2",
        names=InitiativePage.objects.get(pk=first["pk"]).get_admin_display_title(),
    )


def test_the_suggested_address_is_free(world, editor):
    url = add_initiative_url(world.barcelona)
    colleague = logged_in(world.a_colleague)
    autosave(colleague, url, initiative_form("Night buses", "night-buses", "One."))
    autosave(colleague, url, initiative_form("Night buses 2", "night-buses-2", "Two."))
    response = editor.post(url, initiative_form("Night buses", "night-buses", "Mine."))
    assert "for example to “night-buses-3”" in shown_messages(response)


# --- No redirects from drafts -------------------------------------------------------------


def test_autosaves_of_a_new_pages_title_leave_no_redirects(
    world, editor, django_capture_on_commit_callbacks
):
    url = add_initiative_url(world.barcelona)
    with django_capture_on_commit_callbacks(execute=True):
        first = autosave(editor, url, initiative_form("Rights", "rights", "Games.")).json()
        answer = first
        for title, slug in [("Rights games", "rights-games"), ("Rights games for kids", "rg")]:
            later_autosave(editor, answer, initiative_form(title, slug, "Games."))
    assert InitiativePage.objects.get(pk=first["pk"]).slug == "rg"
    assert not Redirect.objects.exists()


def test_a_published_page_still_gets_its_redirect(world, django_capture_on_commit_callbacks):
    page = InitiativePage.objects.get(pk=world.barcelona_initiative.pk)
    with django_capture_on_commit_callbacks(execute=True):
        page.slug = "human-rights-office"
        page.save_revision(user=world.superuser).publish(user=world.superuser)
    redirect = Redirect.objects.get()
    assert redirect.old_path == "/en/cities/barcelona/rights-office"
    assert redirect.redirect_page_id == page.pk


def test_moving_a_never_published_draft_leaves_no_redirect(
    world, editor, django_capture_on_commit_callbacks
):
    url = add_initiative_url(world.barcelona)
    first = autosave(editor, url, initiative_form("Night buses", "night-buses", "A.")).json()
    page = Page.objects.get(pk=first["pk"])
    with django_capture_on_commit_callbacks(execute=True):
        page.move(world.vienna, pos="last-child", user=world.superuser)
    assert not Redirect.objects.exists()


# --- The editor's scripts -----------------------------------------------------------------


def test_the_add_and_edit_forms_load_the_editor_scripts(world, editor):
    for url in (add_initiative_url(world.barcelona), edit_url(world.barcelona_initiative.pk)):
        body = editor.get(url).content.decode()
        assert "js/admin-autosave-keeps-late-edits.js" in body
        assert "js/admin-errors-on-other-tabs.js" in body
        assert '"error_on_tab": "{field}, on the {tab} tab: {error}"' in body


def test_a_draft_whose_first_save_was_cut_short_is_continued_without_a_500(world, editor):
    """SQLite was busy (the worker writing) when the first autosave came: the page row was
    written, its revision was not. Adding the page again answered 500 (no earlier revision
    to compare with)."""
    url = add_initiative_url(world.barcelona)
    first = autosave(
        editor, url, initiative_form("Day buses", "day-buses", summary="First.", body=["A."])
    ).json()
    Revision.page_revisions.filter(object_id=str(first["pk"])).delete()
    Page.objects.filter(pk=first["pk"]).update(latest_revision=None)
    response = editor.post(
        url, initiative_form("Day buses", "day-buses", summary="Second.", body=["B."])
    )
    assert response.status_code == 302
    assert response["Location"] == edit_url(first["pk"])
    assert "You had already started “Day buses”" in shown_messages(response)
    page = InitiativePage.objects.get(pk=first["pk"])
    assert page.get_latest_revision().content["summary"] == "Second."

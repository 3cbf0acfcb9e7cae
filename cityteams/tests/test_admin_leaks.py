"""Leaks the URL sweep found or the issue reported, each as its own case: what a role
sees after a refusal, in the page chooser, in reports and in the link chooser, and what
translators may start and stop (cityteams/admin_guards.py, cityteams/localize_guard.py).

Each test sends the request the leak needed, asserts what the limited user is sent, that
the database did not change, and that the same request still works for those it is for.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from cityteams.roles import SECRETARIAT, TRANSLATORS
from cityteams.tests import builders
from cityteams.tests.test_city_editor_permissions import (
    LeakCheckingClient,
    assert_refused,
    send,
    snapshot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def two_cities(django_db_setup, django_db_blocker):
    """Built once per module in a transaction rolled back at its end; each test runs in a
    savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = builders.two_cities()
        User = get_user_model()
        world.site_translator = User.objects.create_user("tr", "tr@example.org", "pw-123456789")
        world.site_translator.groups.add(Group.objects.get(name=TRANSLATORS))
        world.reviewer = User.objects.create_user("rev", "rev@example.org", "pw-123456789")
        world.reviewer.groups.add(Group.objects.get(name=SECRETARIAT))
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def world(two_cities, db):
    return two_cities


def logged_in(user, checking=True):
    """A client that fails on any of B's secrets (``checking``), or a plain one for B's
    own people."""
    client = LeakCheckingClient() if checking else Client()
    client.force_login(user)
    return client


@pytest.fixture
def attacker(world):
    return logged_in(world.a_editor)


def messages_shown_next(client):
    """The admin page after a refusal, where Wagtail shows the messages it queued."""
    return client.get(reverse("wagtailadmin_home")).content.decode()


# --- Workflow preview and action views --------------------------------------


def workflow_urls(page, task_state):
    return {
        "preview": reverse(
            "wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id]
        ),
        "collect": reverse(
            "wagtailadmin_pages:collect_workflow_action_data",
            args=[page.pk, "approve", task_state.pk],
        ),
        "action": reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
        ),
    }


@pytest.mark.parametrize("view", ["preview", "collect", "action"])
@pytest.mark.parametrize("tree", ["en", "fr"])
def test_workflow_views_refuse_before_naming_a_page_not_in_review(world, attacker, view, tree):
    """Upstream answered "The page '<draft title>' is not currently awaiting moderation"
    for any page id; walking ids read every draft title."""
    page = world.vienna if tree == "en" else world.vienna_fr  # drafts, not in review
    url = workflow_urls(page, world.workflow_state.current_task_state)[view]
    before = snapshot()
    response = attacker.post(url) if view == "action" else attacker.get(url)
    assert_refused(response)
    assert builders.SECRET not in messages_shown_next(attacker)  # the client checks it too
    assert snapshot() == before


def test_the_reviewer_still_previews_and_approves_from_the_workflow_views(world):
    reviewer = logged_in(world.reviewer, checking=False)
    state = world.workflow_state.current_task_state
    urls = workflow_urls(world.vienna_initiative, state)
    preview = reviewer.get(urls["preview"])
    assert preview.status_code == 200
    assert builders.SECRET in preview.content.decode()  # the draft under review
    assert reviewer.get(urls["collect"]).status_code == 200


# --- The page chooser: breadcrumbs, search, private and unpublished pages ---


def test_chooser_breadcrumb_names_ancestors_by_their_live_titles(world, attacker):
    """Browsing B's live initiative (no draft of its own) showed its profile's draft title
    in the breadcrumb."""
    url = reverse("wagtailadmin_choose_page_child", args=[world.vienna_public_initiative.pk])
    response = attacker.get(url)
    assert response.status_code == 200
    content = response.json()["html"]
    assert "Vienna" in content  # the profile's live title, the way up
    assert "Members" in content


def test_chooser_search_names_parents_by_their_live_titles(world, attacker):
    response = attacker.get(reverse("wagtailadmin_choose_page_search"), {"q": "baths"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Vienna public baths" in content
    assert 'class="navigate-parent">Vienna</a>' in content


@pytest.mark.parametrize("query", ["SECRET", "private", "initiative"])
def test_chooser_search_leaves_out_private_and_unpublished_pages(world, attacker, query):
    response = attacker.get(reverse("wagtailadmin_choose_page_search"), {"q": query})
    assert response.status_code == 200  # the client fails on any of B's secrets


def test_chooser_refuses_to_browse_into_a_private_page(world, attacker):
    url = reverse("wagtailadmin_choose_page_child", args=[world.vienna_private.pk])
    assert_refused(attacker.get(url))


def test_editors_still_see_their_own_private_and_draft_pages_in_the_chooser(world):
    editor = logged_in(world.b_editor, checking=False)
    response = editor.get(reverse("wagtailadmin_choose_page_child", args=[world.vienna.pk]))
    assert response.status_code == 200
    content = response.json()["html"]
    assert builders.SECRET_PRIVATE in content and builders.SECRET in content


# --- Reports -----------------------------------------------------------------


def test_page_types_usage_report_names_only_pages_the_user_may_see(world, attacker):
    """It named each page type's last edited page by its draft title, whoever's."""
    response = attacker.get(reverse("wagtailadmin_reports:page_types_usage"))
    assert response.status_code == 200


def test_page_types_usage_report_still_names_drafts_for_their_editors(world):
    response = logged_in(world.b_editor, checking=False).get(
        reverse("wagtailadmin_reports:page_types_usage")
    )
    assert builders.SECRET in response.content.decode()


# --- The external link chooser -------------------------------------------------


def link_to(client, page):
    return client.post(
        reverse("wagtailadmin_choose_page_external_link"),
        {"external-link-chooser-url": page.full_url, "external-link-chooser-link_text": ""},
    ).json()


def test_external_link_to_another_city_page_stays_external(world, attacker):
    """The address of B's profile was turned into a link named by B's draft title."""
    for page in (world.vienna, world.vienna_private, world.vienna_fr):
        data = link_to(attacker, page)
        assert data["step"] == "external_link_chosen"
        assert "id" not in data["result"]


def test_external_link_to_own_or_public_page_becomes_an_internal_link(world, attacker):
    own = link_to(attacker, world.barcelona)
    assert own["step"] == "external_link_chosen" and own["result"]["id"] == world.barcelona.pk
    public = link_to(attacker, world.vienna_public_initiative)
    assert public["result"]["id"] == world.vienna_public_initiative.pk


# --- Translators: what they may start, and whose translations they may stop -------


def submit_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def spanish():
    return Locale.objects.get(language_code="es")


@pytest.mark.parametrize("name", ["vienna_private", "vienna_unpublished", "vienna_private_fr"])
def test_translators_cannot_translate_private_or_unpublished_pages(world, name):
    page = getattr(world, name)
    translator = logged_in(world.site_translator)
    before = snapshot()
    assert_refused(translator.get(submit_url(page)))
    assert_refused(translator.post(submit_url(page), {"locales": [spanish().pk]}))
    assert snapshot() == before


def test_translators_cannot_include_private_pages_below_a_public_one(world):
    translator = logged_in(world.site_translator)
    before = snapshot()
    response = translator.post(
        submit_url(world.vienna_fr), {"locales": [spanish().pk], "include_subtree": "on"}
    )
    assert_refused(response)
    assert snapshot() == before


def test_translators_translate_a_live_public_page_of_any_city(world):
    """B's profile has a draft: the translation, its history and the site history name
    none of it (the translation copied the source's draft title: translation_titles.py)."""
    translator = logged_in(world.site_translator)
    response = translator.post(submit_url(world.vienna), {"locales": [spanish().pk]})
    assert response.status_code == 302
    translated = world.vienna.get_translation(spanish())
    assert not translated.live  # a draft, for the secretariat's review
    assert (translated.title, translated.draft_title) == ("Vienna", "Vienna")
    # The client checks every answer for B's secrets.
    history = translator.get(reverse("wagtailadmin_pages:history", args=[translated.pk]))
    assert history.status_code == 200
    site_history = Client()
    site_history.force_login(world.site_translator)
    content = site_history.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert builders.SECRET not in without_french_drafts(content)


def without_french_drafts(content):
    """What a translator is sent, less what is theirs to see: B's French drafts."""
    for page in Page.objects.filter(locale__language_code="fr"):
        content = content.replace(page.draft_title, "").replace(page.title, "")
    return content


def test_history_of_a_translation_names_no_draft_of_its_source(world):
    """B's French initiative was translated while its English source had a draft."""
    translator = Client()
    translator.force_login(world.site_translator)
    page = world.vienna_initiative_fr
    for url in (
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_reports:site_history"),
    ):
        response = translator.get(url)
        assert response.status_code == 200
        assert builders.SECRET not in without_french_drafts(response.content.decode())


def french_translation(world):
    return Translation.objects.get(source=world.vienna_source, target_locale=world.vienna_fr.locale)


def stop_url(translation):
    return reverse("wagtail_localize:stop_translation", args=[translation.pk])


@pytest.mark.parametrize("who", ["site_translator", "translator", "a_editor"])
def test_only_the_city_or_the_secretariat_stops_a_city_translation(world, who):
    """Upstream lets whoever may edit the translated page stop it: the translators do."""
    translation = french_translation(world)
    client = logged_in(getattr(world, who))
    before = snapshot()
    assert_refused(client.post(stop_url(translation)))
    assert snapshot() == before
    assert Translation.objects.get(pk=translation.pk).enabled


@pytest.mark.parametrize("who", ["b_editor", "reviewer"])
def test_the_city_team_and_the_secretariat_stop_a_translation(world, who):
    translation = french_translation(world)
    response = logged_in(getattr(world, who), checking=False).post(stop_url(translation))
    assert response.status_code == 302
    assert not Translation.objects.get(pk=translation.pk).enabled


def test_translators_cannot_restart_a_stopped_city_translation(world):
    translation = french_translation(world)
    Translation.objects.filter(pk=translation.pk).update(enabled=False)
    translator = logged_in(world.site_translator)
    url = reverse("wagtailadmin_pages:edit", args=[world.vienna_fr.pk])
    before = snapshot()
    assert_refused(translator.post(url, {"localize-restart-translation": "on"}))
    assert snapshot() == before
    assert not Translation.objects.get(pk=translation.pk).enabled


def test_the_city_team_restarts_its_translation(world):
    translation = french_translation(world)
    Translation.objects.filter(pk=translation.pk).update(enabled=False)
    editor = logged_in(world.b_editor, checking=False)
    url = reverse("wagtailadmin_pages:edit", args=[world.vienna_fr.pk])
    assert editor.post(url, {"localize-restart-translation": "on"}).status_code == 302
    assert Translation.objects.get(pk=translation.pk).enabled


def test_private_pages_of_b_are_in_the_world(world):
    """The leak checks above are not vacuous: B's private pages exist and are live."""
    for page in (world.vienna_private, world.vienna_private_fr):
        page = Page.objects.get(pk=page.pk)
        assert page.live and page.get_view_restrictions().exists()
        assert page.title.startswith(builders.SECRET_PRIVATE)


# --- The pages admin API and the translation status report ---------------------


def test_admin_api_names_translations_by_titles_the_user_may_see(world):
    """A translator may edit B's French profile; its English source is not theirs: the
    API listed it by its draft title."""
    translator = logged_in(world.site_translator, checking=False)  # B's French drafts: theirs
    url = reverse("wagtailadmin_api:pages:detail", args=[world.vienna_fr.pk])
    response = translator.get(url)
    assert builders.SECRET not in without_french_drafts(response.content.decode())
    data = response.json()
    english = next(item for item in data["meta"]["translations"] if item["id"] == world.vienna.pk)
    assert english["admin_display_title"] == "Vienna"  # live, public: its live title


def test_admin_api_still_gives_editors_their_own_draft_titles(world):
    url = reverse("wagtailadmin_api:pages:detail", args=[world.vienna_fr.pk])
    data = logged_in(world.b_editor, checking=False).get(url).json()
    titles = {item["admin_display_title"] for item in data["meta"]["translations"]}
    assert builders.SECRET in titles


def test_admin_api_names_a_pages_parent_only_by_a_title_the_user_may_see(world):
    """An ancestor of the editor's own profile taken offline, retitled in a draft: the
    API's ``parent`` named it by its title as ``ancestors`` no longer did."""
    directory = Page.objects.get(pk=world.directories["en"].pk).specific
    directory.title = directory.draft_title = f"{builders.SECRET} directory"
    directory.save_revision()
    directory.unpublish()
    url = reverse("wagtailadmin_api:pages:detail", args=[world.barcelona.pk])
    data = logged_in(world.a_editor, checking=False).get(url).json()
    assert data["meta"]["parent"] is None
    assert builders.SECRET not in str(data)
    # The secretariat, who may edit it, still sees it by its draft title.
    data = logged_in(world.reviewer, checking=False).get(url).json()
    assert data["meta"]["parent"]["title"] == f"{builders.SECRET} directory"


def test_admin_api_copy_for_translation_refuses_private_pages_to_translators(world):
    translator = logged_in(world.site_translator)
    before = snapshot()
    for page in (world.vienna_private_fr, world.vienna_unpublished_fr):
        url = reverse("wagtailadmin_api:pages:action", args=[page.pk, "copy_for_translation"])
        assert translator.post(url, {"locale": "es"}).status_code == 403
    assert snapshot() == before


def test_translation_status_report_leaves_out_other_cities_private_and_unpublished_pages(
    world,
):
    # Pages written in French are listed from their French page since members may write
    # in French; B's French drafts are the translator's to see (and edit), nothing else.
    translator = logged_in(world.site_translator, checking=False)
    response = translator.get(reverse("translation_status"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Vienna public baths" in content  # public pages stay listed
    assert builders.SECRET not in without_french_drafts(content)
    assert builders.SECRET_PRIVATE not in without_french_drafts(content)


# --- Crafted POSTs without their fields: 400, never 500 -------------------------


def test_copy_without_a_destination_answers_400_with_the_form(world):
    editor = logged_in(world.a_editor)
    url = reverse("wagtailadmin_pages:copy", args=[world.barcelona_initiative.pk])
    before = snapshot()
    for data in ({}, {"new_parent_page": "not-a-page"}, {"new_parent_page": "999999"}):
        response = editor.post(url, {"new_title": "Copy", "new_slug": "copy", **data})
        assert response.status_code == 400
        assert 'name="new_title"' in response.content.decode()  # the form, to correct
    assert snapshot() == before


def test_copy_into_another_city_names_no_draft_of_it(world):
    """Upstream's error ("You do not have permission to copy to page '…'") and the page
    chooser shown again named the destination by its draft title."""
    editor = logged_in(world.a_editor)
    url = reverse("wagtailadmin_pages:copy", args=[world.barcelona_initiative.pk])
    before = snapshot()
    for destination in (world.vienna, world.vienna_private):
        data = {"new_title": "Copy", "new_slug": "copy", "new_parent_page": destination.pk}
        assert editor.post(url, data).status_code == 400
    assert snapshot() == before


def test_external_link_chooser_without_an_address_answers_400_with_the_form(world, attacker):
    response = attacker.post(reverse("wagtailadmin_choose_page_external_link"), {})
    assert response.status_code == 400
    assert response.json()["step"] == "external_link"


def test_po_upload_without_a_file_answers_400(world):
    translation = Translation.objects.get(
        source=world.vienna_source, target_locale=world.vienna_fr.locale
    )
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    before = snapshot()
    response = logged_in(world.b_editor, checking=False).post(url, {})
    assert response.status_code == 400
    assert "file" in response.content.decode()
    assert snapshot() == before


def test_snippet_chooser_without_creation_has_no_create_address(world):
    """Wagtail routes it anyway, and its POST answered 500."""
    client = logged_in(world.communications, checking=False)
    for method in (client.get, client.post):
        assert_refused(method("/admin/snippets/choose/home/announcement/create/"))


def override_url(world, segment, source=None):
    translation = Translation.objects.get(
        source=source or world.vienna_source, target_locale=world.vienna_fr.locale
    )
    return reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])


def legacy_override_segment(world, path, source=None, data="vienna-at"):
    """The overridable segment at ``path`` of ``source`` (Vienna's profile by default): the
    one its sync extracted, or one as a source synced before the field was made
    non-overridable holds (the demo's did: a translator set French Vienna's member key
    through it)."""
    from wagtail_localize.models import OverridableSegment, TranslationContext

    source = source or world.vienna_source
    context, _ = TranslationContext.objects.get_or_create(object_id=source.object_id, path=path)
    return OverridableSegment.objects.filter(
        source=source, context=context
    ).first() or OverridableSegment.objects.create(
        source=source, context=context, order=999, data_json=json.dumps(data)
    )


def test_a_new_sync_offers_no_override_of_a_members_facts(world):
    from wagtail_localize.models import OverridableSegment

    paths = set(
        OverridableSegment.objects.filter(source=world.vienna_source).values_list(
            "context__path", flat=True
        )
    )
    assert not paths & {"member_key", "wave", "country", "region", "themes"}


@pytest.mark.parametrize("who", ["site_translator", "translator", "a_editor", "reviewer"])
@pytest.mark.parametrize("path", ["member_key", "wave", "themes"])
def test_nobody_overrides_a_members_facts_in_a_translation(world, who, path):
    from wagtail_localize.models import SegmentOverride

    segment = legacy_override_segment(world, path)
    client = logged_in(getattr(world, who), checking=who != "reviewer")
    before = snapshot()
    assert_refused(send(client, "put", override_url(world, segment), {"value": "walktest-key"}))
    assert not SegmentOverride.objects.filter(context=segment.context).exists()
    assert snapshot() == before


def test_removing_a_facts_old_override_is_allowed_and_words_stay_overridable(world):
    from wagtail_localize.models import SegmentOverride

    segment = legacy_override_segment(world, "member_key")
    SegmentOverride.objects.create(
        locale=world.vienna_fr.locale, context=segment.context, data_json='"walktest-key"'
    )
    client = logged_in(world.reviewer, checking=False)
    assert send(client, "delete", override_url(world, segment)).status_code == 200
    assert not SegmentOverride.objects.filter(context=segment.context).exists()
    # A synchronised field that is not a fact (the leader's name, written in Arabic
    # script in Arabic) may still be overridden.
    words = legacy_override_segment(world, "leader_name")
    response = send(client, "put", override_url(world, words), {"value": "Michael Ludwig"})
    assert response.status_code == 201


# --- Overrides inside a translated body: its links and media are a language's own ---


def put_as_the_editor(client, url, value):
    """wagtail-localize's editor sends an override as multipart form data."""
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    return client.put(
        url, encode_multipart(BOUNDARY, {"value": value}), content_type=MULTIPART_CONTENT
    )


def translated_body(world):
    """Vienna's public initiative with an image, a rich-text link and a link block in its
    body, translated into French: ``(source, French page, {path's end: segment}, image)``."""
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.rich_text import RichText
    from wagtail_localize.models import OverridableSegment

    from initiatives.models import InitiativePage

    english, french = (
        get_image_model().objects.create(
            title=f"Poster ({code})", file=get_test_image_file(filename=f"poster-{code}.png")
        )
        for code in ("en", "fr")
    )
    page = InitiativePage.objects.get(pk=world.vienna_public_initiative.pk)
    page.body = [
        ("image", {"image": english, "alt_text": "The poster", "caption": "", "credit": ""}),
        ("paragraph", RichText('<p>Read <a href="https://example.org/en/report">it</a>.</p>')),
        ("link", {"page": None, "url": "https://example.org/en/", "text": "The city's page"}),
    ]
    page.save_revision().publish()
    source, french_page = builders.translate_with_localize(page, "fr", world.reviewer)
    segments = {
        segment.context.path.split(".", 2)[-1]: segment
        for segment in OverridableSegment.objects.filter(source=source).select_related("context")
    }
    return source, french_page, segments, french


REPORT_LINK = "'https://example.org/en/report'"  # a rich-text link's path ends with its address


def test_translators_override_the_links_and_media_of_a_translated_body(world):
    """wagtail-localize offers an override for each image, document, page and address in a
    translated StreamField and for each rich-text link: French readers get the French
    report and poster. The guard once refused every one of them."""
    from wagtail_localize.models import SegmentOverride

    from initiatives.models import InitiativePage

    source, french_page, segments, french_poster = translated_body(world)
    wanted = {
        "image": str(french_poster.pk),
        REPORT_LINK: "https://example.org/fr/rapport",
        "url": "https://example.org/fr/",
    }
    client = logged_in(world.site_translator)
    for path, value in wanted.items():
        response = put_as_the_editor(client, override_url(world, segments[path], source), value)
        assert response.status_code == 201, path
        assert SegmentOverride.objects.get(context=segments[path].context).data == value

    Translation.objects.get(source=source, target_locale=world.vienna_fr.locale).save_target(
        user=world.reviewer
    )
    body = InitiativePage.objects.get(pk=french_page.pk).body
    assert body[0].value["image"] == french_poster
    assert 'href="https://example.org/fr/rapport"' in body[1].value.source
    assert body[2].value["url"] == "https://example.org/fr/"


@pytest.mark.parametrize(
    "path, value",
    [
        (REPORT_LINK, "javascript:alert(document.cookie)"),
        (REPORT_LINK, " JavaScript:alert(1)"),
        ("url", "java\tscript:alert(1)"),
        ("url", "data:text/html,<script>alert(1)</script>"),
        ("image", "1 OR 1=1"),
    ],
)
def test_no_script_address_or_garbage_id_overrides_a_translated_bodys_link(world, path, value):
    """Nothing checks an override on publish: rich text keeps an href it does not know as it
    is, and the link block writes its address as it is, so a ``javascript:`` link would run
    in every French reader's browser and in the reviewer's preview."""
    from wagtail_localize.models import SegmentOverride

    source, _page, segments, _poster = translated_body(world)
    client = logged_in(world.site_translator)
    before = snapshot()
    response = put_as_the_editor(client, override_url(world, segments[path], source), value)
    assert response.status_code == 400
    assert not SegmentOverride.objects.filter(context=segments[path].context).exists()
    assert snapshot() == before


def test_an_override_points_only_at_media_the_user_may_choose(world):
    """A body's image is overridden by its id: Vienna's editor may show Vienna's own image in
    Vienna's French translation, not Barcelona's, from Barcelona's collection (it would show
    in the preview, and on the French page once published)."""
    from wagtail_localize.models import SegmentOverride

    source, _page, segments, _poster = translated_body(world)
    client = logged_in(world.b_editor, checking=False)
    url = override_url(world, segments["image"], source)
    before = snapshot()
    assert_refused(put_as_the_editor(client, url, str(world.a_image.pk)))
    assert not SegmentOverride.objects.filter(context=segments["image"].context).exists()
    assert snapshot() == before
    assert put_as_the_editor(client, url, str(world.b_image.pk)).status_code == 201
    assert SegmentOverride.objects.get(context=segments["image"].context).data == str(
        world.b_image.pk
    )


# --- The facts of terms and initiatives: the same in every language ---


def translated_theme(world):
    """A theme, translated into French with wagtail-localize as a translator does."""
    from wagtail_localize.models import TranslationSource

    from taxonomies.models import Theme

    theme = Theme.objects.create(
        key="walktest-housing", name="Housing", locale=Locale.objects.get(language_code="en")
    )
    source, _created = TranslationSource.get_or_create_from_instance(theme)
    Translation.objects.create(source=source, target_locale=world.vienna_fr.locale).save_target(
        user=world.reviewer
    )
    return source


def initiative_source(world):
    from wagtail_localize.models import TranslationSource

    return TranslationSource.objects.get(object_id=world.vienna_initiative.translation_key)


def facts_of_terms_and_initiatives():
    from initiatives.models import InitiativePage
    from taxonomies.models import Theme

    return (
        list(Theme.objects.order_by("pk").values_list("pk", "key", "colour", "locale_id")),
        list(
            InitiativePage.objects.order_by("pk").values_list(
                "pk", "status", "start_year", "end_year"
            )
        ),
    )


def test_a_new_sync_offers_no_override_of_a_terms_or_an_initiatives_facts(world):
    from wagtail_localize.models import OverridableSegment

    def paths(source):
        return set(
            OverridableSegment.objects.filter(source=source).values_list("context__path", flat=True)
        )

    assert not paths(translated_theme(world)) & {"key", "colour"}
    assert not paths(initiative_source(world)) & {"status", "start_year", "end_year"}


@pytest.mark.parametrize("who", ["site_translator", "reviewer"])
@pytest.mark.parametrize(
    "fact, value",
    [
        ("theme key", "logement"),
        ("theme colour", "red"),
        ("initiative status", "completed"),
        ("initiative start_year", "1999"),
    ],
)
def test_nobody_overrides_a_terms_or_an_initiatives_facts_in_a_translation(world, who, fact, value):
    """Translators may change every vocabulary (to translate its terms): an override of a
    theme's key in French broke ``?theme=`` in French; an initiative's status and years
    are search facets."""
    from wagtail_localize.models import SegmentOverride

    kind, path = fact.split()
    source = translated_theme(world) if kind == "theme" else initiative_source(world)
    segment = legacy_override_segment(world, path, source=source, data="as synced")
    client = logged_in(getattr(world, who), checking=who != "reviewer")
    before, facts_before = snapshot(), facts_of_terms_and_initiatives()
    response = send(client, "put", override_url(world, segment, source), {"value": value})
    assert_refused(response)
    assert not SegmentOverride.objects.filter(context=segment.context).exists()
    assert snapshot() == before
    assert facts_of_terms_and_initiatives() == facts_before


def test_migration_forgets_old_overrides_of_terms_and_initiatives_facts_only(world):
    """Sources synced while these facts were overridable hold segments for them, and an
    override set on one would be applied at the next publish (cityprofiles/0008)."""
    from importlib import import_module

    from django.apps import apps
    from wagtail_localize.models import OverridableSegment, SegmentOverride

    theme, initiative = translated_theme(world), initiative_source(world)
    facts = [
        legacy_override_segment(world, "key", source=theme),
        legacy_override_segment(world, "status", source=initiative),
        legacy_override_segment(world, "end_year", source=initiative),
    ]
    # Still a language's own: an address in a translated body, and the leader's name.
    kept = [
        legacy_override_segment(world, "body.some-block.url", source=initiative),
        legacy_override_segment(world, "leader_name"),
    ]
    for segment in facts + kept:
        SegmentOverride.objects.create(
            locale=world.vienna_fr.locale, context=segment.context, data_json='"walktest"'
        )

    migration = import_module("cityprofiles.migrations.0008_more_facts_not_overridable")
    migration.forget_overrides_of_facts(apps, None)

    for segment in facts:
        assert not OverridableSegment.objects.filter(pk=segment.pk).exists()
        assert not SegmentOverride.objects.filter(context=segment.context).exists()
    for segment in kept:
        assert OverridableSegment.objects.filter(pk=segment.pk).exists()
        assert SegmentOverride.objects.filter(context=segment.context).exists()

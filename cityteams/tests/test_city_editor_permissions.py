"""City A's editor against city B: crafted admin requests, refused, and nothing changed.

In the manner of Wagtail's own permission tests: log in as the limited user (the
editor of Barcelona, city A), send the request a curious or hostile editor could
craft against Vienna (city B), assert the refusal *and* that the database did not
change. The classes of attack are those of ../shared/security/PAST-ADVISORIES.md.

Every response sent to A's editor (or to the translator of A) goes through
``LeakCheckingClient``: it must not be a server error and must not contain anything
B keeps to itself (the titles of B's drafts, which all start with "SECRET DRAFT",
and the names of the image and document in B's collection).

Wagtail refuses in one of three ways, all accepted by ``assert_refused``: a redirect
to the admin home with a message (its ``permission_denied``), a 403, or a 404 (which
our LocaleMiddleware turns into a redirect to the same address under ``/en/``).
"""

from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageViewRestriction,
    Revision,
    TaskState,
    WorkflowPage,
    WorkflowState,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from cityprofiles.models import CityProfilePage
from cityprofiles.tests import builders as profile_builders
from cityteams.models import CityTeam
from cityteams.tests import builders
from initiatives.models import InitiativePage
from initiatives.tests.builders import initiative

pytestmark = pytest.mark.django_db


# --- Clients, refusals, snapshots -------------------------------------------


class LeakCheckingClient(Client):
    """A test client that fails the test on a server error or on any of B's secrets."""

    secrets = builders.SECRETS  # what the logged-in role may never be shown

    def request(self, **request):
        response = super().request(**request)
        assert response.status_code < 500, f"{request['PATH_INFO']}: {response.status_code}"
        if response.streaming:
            body = b"".join(response.streaming_content)
            response.streaming_content = [body]
        else:
            body = response.content
        query = request.get("QUERY_STRING", "")
        for secret in self.secrets:
            assert secret.encode() not in body, (
                f"{request['REQUEST_METHOD']} {request['PATH_INFO']}?{query}"
                f" ({response.status_code}) shows {secret!r}"
            )
        return response


def assert_refused(response):
    status = response.status_code
    if status == 302:
        location = urlsplit(response["Location"]).path
        not_found = f"/{settings.LANGUAGE_CODE}{response.request['PATH_INFO']}"
        assert location in (reverse("wagtailadmin_home"), not_found), (
            f"{response.request['PATH_INFO']} redirected to {location}, not refused"
        )
    else:
        assert status in (403, 404), f"{response.request['PATH_INFO']}: {status}, not refused"


def snapshot():
    """Every row an admin request by another city's editor could change."""
    Image, Document = get_image_model(), get_document_model()
    return {
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk",
                "title",
                "draft_title",
                "slug",
                "live",
                "has_unpublished_changes",
                "latest_revision_id",
                "live_revision_id",
                "path",
                "depth",
                "numchild",
                "url_path",
                "locked",
                "locked_by_id",
                "alias_of_id",
                "locale_id",
                "owner_id",
                "last_published_at",
            )
        ),
        "profiles": list(
            CityProfilePage.objects.order_by("pk").values_list(
                "pk", "summary", "member_type", "member_key", "wave_id", "joined_on"
            )
        ),
        "revisions": list(Revision.objects.order_by("pk").values_list("pk", "approved_go_live_at")),
        "page_log_entries": PageLogEntry.objects.count(),
        "model_log_entries": ModelLogEntry.objects.count(),
        "images": list(
            Image.objects.order_by("pk").values_list(
                "pk", "title", "file", "collection_id", "focal_point_x", "focal_point_width"
            )
        ),
        "renditions": sorted(
            Image.get_rendition_model().objects.values_list("image_id", "filter_spec")
        ),
        "documents": list(
            Document.objects.order_by("pk").values_list("pk", "title", "file", "collection_id")
        ),
        "collections": list(Collection.objects.order_by("pk").values_list("pk", "name", "path")),
        "group_page_permissions": GroupPagePermission.objects.count(),
        "group_collection_permissions": GroupCollectionPermission.objects.count(),
        "group_members": list(
            get_user_model()
            .groups.through.objects.order_by("pk")
            .values_list("user_id", "group_id")
        ),
        "teams": CityTeam.objects.count(),
        "view_restrictions": PageViewRestriction.objects.count(),
        "workflow_pages": list(WorkflowPage.objects.values_list("page_id", "workflow_id")),
        "workflow_states": list(
            WorkflowState.objects.order_by("pk").values_list(
                "pk", "status", "current_task_state_id"
            )
        ),
        "task_states": list(TaskState.objects.order_by("pk").values_list("pk", "status")),
        "translation_sources": list(
            TranslationSource.objects.order_by("pk").values_list("pk", "last_updated_at")
        ),
        "translations": list(Translation.objects.order_by("pk").values_list("pk", "enabled")),
    }


def send(client, method, url, data=None):
    if method == "get":
        return client.get(url, data or {})
    if method in ("put", "delete"):  # wagtail-localize's editor API takes form-encoded bodies
        return getattr(client, method)(
            url, urlencode(data or {}), content_type="application/x-www-form-urlencoded"
        )
    return client.post(url, data or {})


# --- Form data ---------------------------------------------------------------


def _blank(value):
    return "" if value is None else value


def profile_form(page, **overrides):
    """A complete edit form for ``page`` (its live values), as the admin would post it."""
    page = CityProfilePage.objects.get(pk=page.pk)
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "member_type": page.member_type,
        "government_type": page.government_type,
        "country": str(page.country),
        "region": page.region,
        "wave": _blank(page.wave_id),
        "joined_on": page.joined_on.isoformat() if page.joined_on else "",
        "leader_name": page.leader_name,
        "leader_title": page.leader_title,
        "term_start": _blank(page.term_start),
        "term_end": _blank(page.term_end),
        "population_band": page.population_band,
        "latitude": _blank(page.latitude),
        "longitude": _blank(page.longitude),
        "logo": _blank(page.logo_id),
        "website": page.website,
        "vision": streamfield([]),
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "member_key": page.member_key,
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def initiative_form(**overrides):
    data = {
        "title": "Injected initiative",
        "slug": "injected-initiative",
        "summary": "Written by another city's editor.",
        "status": "ongoing",
        "start_year": "2024",
        "end_year": "",
        "body": streamfield([]),
        "framework_pillar": "",
        "partners": "",
        "links": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


PUBLISH = {"action-publish": "action-publish"}
SUBMIT = {"action-submit": "action-submit"}


# --- Fixtures ----------------------------------------------------------------


def logged_in(user):
    client = LeakCheckingClient()
    client.force_login(user)
    return client


@pytest.fixture
def attacker(world):
    """The editor of Barcelona (city A)."""
    return logged_in(world.a_editor)


@pytest.fixture
def translator(world):
    """A member of Barcelona's team who may also submit translations."""
    return logged_in(world.translator)


def reload(page):
    return page.specific_class.objects.get(pk=page.pk)


def revision_ids(page):
    return list(
        Revision.page_revisions.filter(object_id=str(page.pk))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def vienna_in(world, tree):
    """B's profile in a language tree: English, French (wagtail-localize) or Spanish
    (made after both cities were onboarded, like Barcelona's)."""
    if tree == "en":
        return world.vienna
    if tree == "fr":
        return world.vienna_fr
    vienna_es = profile_builders.translate(world.vienna, "es", title="Viena")
    builders.secret_draft(vienna_es, world.b_editor, " (es)")
    return vienna_es


def barcelona_in(world, locale_id):
    return CityProfilePage.objects.get(
        translation_key=world.barcelona.translation_key, locale_id=locale_id
    )


def other_locale(page):
    """A locale into which B's page could be submitted for translation."""
    code = "fr" if page.locale.language_code == "es" else "es"
    return Locale.objects.get(language_code=code)


# --- B's profile in every language tree: the core refusals ------------------


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


CORE_ATTACKS = {
    "edit-get": lambda w, page: ("get", edit_url(page), None),
    "edit-post-changed-title": lambda w, page: (
        "post",
        edit_url(page),
        profile_form(page, title="Taken over by A", summary="Written by A"),
    ),
    "edit-post-publish": lambda w, page: (
        "post",
        edit_url(page),
        profile_form(page, title="Published by A", **PUBLISH),
    ),
    "edit-post-submit-for-review": lambda w, page: (
        "post",
        edit_url(page),
        profile_form(page, title="Sent for review by A", **SUBMIT),
    ),
    "delete-get": lambda w, page: (
        "get",
        reverse("wagtailadmin_pages:delete", args=[page.pk]),
        None,
    ),
    "delete-post": lambda w, page: (
        "post",
        reverse("wagtailadmin_pages:delete", args=[page.pk]),
        None,
    ),
    "copy-get": lambda w, page: ("get", reverse("wagtailadmin_pages:copy", args=[page.pk]), None),
    "copy-post-into-a": lambda w, page: (
        "post",
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {
            "new_title": "Copied by A",
            "new_slug": "copied-by-a",
            "new_parent_page": barcelona_in(w, page.locale_id).pk,
            "copy_subpages": "on",
        },
    ),
    "revisions-compare": lambda w, page: (
        "get",
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, *revision_ids(page)[:2]]),
        None,
    ),
    "revisions-compare-live-latest": lambda w, page: (
        "get",
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", "latest"]),
        None,
    ),
    "preview-post": lambda w, page: (
        "post",
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        profile_form(page, title="Previewed by A", summary="<script>alert(1)</script>"),
    ),
    "preview-get": lambda w, page: (
        "get",
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        None,
    ),
    "submit-translation": lambda w, page: (
        "post",
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [other_locale(page).pk]},
    ),
}


@pytest.mark.parametrize("tree", ["en", "fr", "es"])
@pytest.mark.parametrize("attack", CORE_ATTACKS)
def test_city_editor_is_refused_on_other_city_profile_in_every_language(
    world, attacker, tree, attack
):
    page = vienna_in(world, tree)
    method, url, data = CORE_ATTACKS[attack](world, page)
    before = snapshot()
    response = send(attacker, method, url, data)
    assert_refused(response)
    assert snapshot() == before


def test_preview_data_posted_by_another_city_is_never_rendered(world, attacker):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[world.vienna.pk])
    attacker.post(url, profile_form(world.vienna, title="Previewed by A"))
    response = attacker.get(url, {"mode": ""})
    assert_refused(response)
    assert b"Previewed by A" not in response.content


# --- Everything else that acts on B's pages (English tree) ------------------


def initiative_task_state(w):
    return w.workflow_state.current_task_state


def page_url(name, *args):
    return reverse(f"wagtailadmin_pages:{name}", args=args)


def api_action(page, action):
    return reverse("wagtailadmin_api:pages:action", args=[page.pk, action])


def string_segment(w):
    return StringSegment.objects.filter(source=w.vienna_source).order_by("pk").first()


def vienna_alias(w):
    """An alias of B's profile in the Spanish tree (wagtail-localize makes such aliases)."""
    return w.vienna.copy_for_translation(Locale.objects.get(language_code="es"), alias=True)


def vienna_fr_translation(w):
    return Translation.objects.get(source=w.vienna_source, target_locale=w.vienna_fr.locale)


PAGE_ATTACKS = {
    # Publishing and unpublishing.
    "unpublish-get": lambda w: ("get", page_url("unpublish", w.vienna.pk), None),
    "unpublish-post": lambda w: ("post", page_url("unpublish", w.vienna.pk), None),
    "unpublish-post-initiative": lambda w: (
        "post",
        page_url("unpublish", w.vienna_initiative.pk),
        {"include_descendants": "on"},
    ),
    # Moving B's pages, and reordering the directory.
    "move-get": lambda w: ("get", page_url("move", w.vienna.pk), None),
    "move-confirm-get": lambda w: (
        "get",
        page_url("move_confirm", w.vienna.pk, w.barcelona.pk),
        None,
    ),
    "move-confirm-post-into-a": lambda w: (
        "post",
        page_url("move_confirm", w.vienna.pk, w.barcelona.pk),
        None,
    ),
    "move-confirm-post-initiative-into-a": lambda w: (
        "post",
        page_url("move_confirm", w.vienna_initiative.pk, w.barcelona.pk),
        None,
    ),
    "set-position-post": lambda w: (
        "post",
        page_url("set_page_position", w.vienna.pk) + "?position=0",
        None,
    ),
    # Copying B's initiative (a valid child of A's profile: only the source check stops
    # it, CVE-2026-44200).
    "copy-get-initiative": lambda w: ("get", page_url("copy", w.vienna_initiative.pk), None),
    "copy-post-initiative-into-a": lambda w: (
        "post",
        page_url("copy", w.vienna_initiative.pk),
        {
            "new_title": "Copied by A",
            "new_slug": "copied-by-a",
            "new_parent_page": w.barcelona.pk,
        },
    ),
    "copy-post-initiative-into-a-as-alias": lambda w: (
        "post",
        page_url("copy", w.vienna_initiative.pk),
        {
            "new_title": "Aliased by A",
            "new_slug": "aliased-by-a",
            "new_parent_page": w.barcelona.pk,
            "alias": "on",
        },
    ),
    # Adding under B.
    "add-subpage-get": lambda w: ("get", page_url("add_subpage", w.vienna.pk), None),
    "add-get": lambda w: (
        "get",
        page_url("add", "initiatives", "initiativepage", w.vienna.pk),
        None,
    ),
    "add-post": lambda w: (
        "post",
        page_url("add", "initiatives", "initiativepage", w.vienna.pk),
        initiative_form(),
    ),
    "add-post-publish": lambda w: (
        "post",
        page_url("add", "initiatives", "initiativepage", w.vienna.pk),
        initiative_form(**PUBLISH),
    ),
    "preview-on-add-post": lambda w: (
        "post",
        page_url("preview_on_add", "initiatives", "initiativepage", w.vienna.pk),
        initiative_form(),
    ),
    "edit-initiative-get": lambda w: ("get", edit_url(w.vienna_initiative), None),
    "edit-initiative-post-publish": lambda w: (
        "post",
        edit_url(w.vienna_initiative),
        initiative_form(title="Published by A", slug="housing-first", **PUBLISH),
    ),
    "preview-initiative-get": lambda w: (
        "get",
        page_url("preview_on_edit", w.vienna_initiative.pk),
        None,
    ),
    "view-draft-get": lambda w: ("get", page_url("view_draft", w.vienna.pk), None),
    # Revisions and history (CVE-2026-44197, CVE-2026-44198).
    "revisions-view-get": lambda w: (
        "get",
        page_url("revisions_view", w.vienna.pk, revision_ids(w.vienna)[-1]),
        None,
    ),
    "revisions-revert-get": lambda w: (
        "get",
        page_url("revisions_revert", w.vienna.pk, revision_ids(w.vienna)[0]),
        None,
    ),
    "revisions-revert-post-publish": lambda w: (
        "post",
        page_url("revisions_revert", w.vienna.pk, revision_ids(w.vienna)[-1]),
        profile_form(w.vienna, title="Reverted by A", **PUBLISH),
    ),
    "revisions-unschedule-post": lambda w: (
        "post",
        page_url("revisions_unschedule", w.vienna.pk, revision_ids(w.vienna)[-1]),
        None,
    ),
    "history-get": lambda w: ("get", page_url("history", w.vienna.pk), None),
    "history-results-get": lambda w: ("get", page_url("history_results", w.vienna.pk), None),
    "usage-get": lambda w: ("get", page_url("usage", w.vienna.pk), None),
    # Workflow: B's initiative is in review.
    "workflow-action-approve": lambda w: (
        "post",
        page_url("workflow_action", w.vienna_initiative.pk, "approve", initiative_task_state(w).pk),
        {"comment": "Approved by A"},
    ),
    "workflow-action-reject": lambda w: (
        "post",
        page_url("workflow_action", w.vienna_initiative.pk, "reject", initiative_task_state(w).pk),
        {"comment": "Rejected by A"},
    ),
    "collect-workflow-action-data-get": lambda w: (
        "get",
        page_url(
            "collect_workflow_action_data",
            w.vienna_initiative.pk,
            "approve",
            initiative_task_state(w).pk,
        ),
        None,
    ),
    "collect-workflow-action-data-post": lambda w: (
        "post",
        page_url(
            "collect_workflow_action_data",
            w.vienna_initiative.pk,
            "approve",
            initiative_task_state(w).pk,
        ),
        {"comment": "Approved by A"},
    ),
    "confirm-workflow-cancellation-get": lambda w: (
        "get",
        page_url("confirm_workflow_cancellation", w.vienna_initiative.pk),
        None,
    ),
    "cancel-workflow-by-edit-post": lambda w: (
        "post",
        edit_url(w.vienna_initiative),
        initiative_form(**{"action-cancel-workflow": "action-cancel-workflow"}),
    ),
    "workflow-preview-get": lambda w: (
        "get",
        page_url("workflow_preview", w.vienna_initiative.pk, initiative_task_state(w).task_id),
        None,
    ),
    "workflow-history-get": lambda w: (
        "get",
        page_url("workflow_history", w.vienna_initiative.pk),
        None,
    ),
    "workflow-history-detail-get": lambda w: (
        "get",
        page_url("workflow_history_detail", w.vienna_initiative.pk, w.workflow_state.pk),
        None,
    ),
    "remove-workflow-from-directory-post": lambda w: (
        "post",
        reverse("wagtailadmin_workflows:remove", args=[w.directories["en"].pk]),
        None,
    ),
    # Locks and privacy.
    "lock-post": lambda w: ("post", page_url("lock", w.vienna.pk), None),
    "unlock-post": lambda w: ("post", page_url("unlock", w.vienna.pk), None),
    "set-privacy-get": lambda w: ("get", page_url("set_privacy", w.vienna.pk), None),
    "set-privacy-post": lambda w: (
        "post",
        page_url("set_privacy", w.vienna.pk),
        {"restriction_type": "password", "password": "locked-out-by-a"},
    ),
    # Aliases and wagtail-localize's translation editor, on B's French translation.
    "convert-alias-post": lambda w: ("post", page_url("convert_alias", vienna_alias(w).pk), None),
    "localize-convert-to-alias-get": lambda w: (
        "get",
        reverse("wagtail_localize:convert_to_alias", args=[w.vienna_fr.pk]),
        None,
    ),
    "localize-convert-to-alias-post": lambda w: (
        "post",
        reverse("wagtail_localize:convert_to_alias", args=[w.vienna_fr.pk]),
        None,
    ),
    "localize-submit-translation-get": lambda w: (
        "get",
        reverse("wagtail_localize:submit_page_translation", args=[w.vienna.pk]),
        None,
    ),
    "localize-submit-initiative-translation-post": lambda w: (
        "post",
        reverse("wagtail_localize:submit_page_translation", args=[w.vienna_initiative.pk]),
        {"locales": [w.vienna_fr.locale_id]},
    ),
    "localize-update-translations-get": lambda w: (
        "get",
        reverse("wagtail_localize:update_translations", args=[w.vienna_source.pk]),
        None,
    ),
    "localize-update-translations-post-publish": lambda w: (
        "post",
        reverse("wagtail_localize:update_translations", args=[w.vienna_source.pk]),
        {"publish_translations": "on"},
    ),
    "localize-edit-string-translation-put": lambda w: (
        "put",
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[vienna_fr_translation(w).pk, string_segment(w).pk],
        ),
        {"value": "Translated by A"},
    ),
    "localize-edit-string-translation-delete": lambda w: (
        "delete",
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[vienna_fr_translation(w).pk, string_segment(w).pk],
        ),
        None,
    ),
    "localize-upload-pofile-post": lambda w: (
        "post",
        reverse("wagtail_localize:upload_pofile", args=[vienna_fr_translation(w).pk]),
        {"file": SimpleUploadedFile("vienna-fr.po", b'msgid "Vienna"\nmsgstr "Taken by A"\n')},
    ),
    "localize-download-pofile-get": lambda w: (
        "get",
        reverse("wagtail_localize:download_pofile", args=[vienna_fr_translation(w).pk]),
        None,
    ),
    "localize-preview-translation-get": lambda w: (
        "get",
        reverse("wagtail_localize:preview_translation", args=[vienna_fr_translation(w).pk]),
        None,
    ),
    "localize-machine-translate-post": lambda w: (
        "post",
        reverse("wagtail_localize:machine_translate", args=[vienna_fr_translation(w).pk]),
        None,
    ),
    "localize-stop-translation-post": lambda w: (
        "post",
        reverse("wagtail_localize:stop_translation", args=[vienna_fr_translation(w).pk]),
        None,
    ),
    # The pages admin API (GHSA-3vrh-m9w7-v94f, GHSA-jm5p-837g-rv8g).
    "api-page-detail-get": lambda w: (
        "get",
        reverse("wagtailadmin_api:pages:detail", args=[w.vienna.pk]),
        None,
    ),
    "api-initiative-detail-get": lambda w: (
        "get",
        reverse("wagtailadmin_api:pages:detail", args=[w.vienna_initiative.pk]),
        None,
    ),
    "api-publish-post": lambda w: ("post", api_action(w.vienna, "publish"), None),
    "api-unpublish-post": lambda w: ("post", api_action(w.vienna, "unpublish"), None),
    "api-delete-post": lambda w: ("post", api_action(w.vienna_initiative, "delete"), None),
    "api-move-into-a-post": lambda w: (
        "post",
        api_action(w.vienna_initiative, "move"),
        {"destination_page_id": w.barcelona.pk},
    ),
    "api-copy-into-a-post": lambda w: (
        "post",
        api_action(w.vienna_initiative, "copy"),
        {"destination_page_id": w.barcelona.pk, "slug": "copied-by-a"},
    ),
    "api-create-alias-in-a-post": lambda w: (
        "post",
        api_action(w.vienna_initiative, "create_alias"),
        {"destination_page_id": w.barcelona.pk, "update_slug": "aliased-by-a"},
    ),
    "api-copy-for-translation-post": lambda w: (
        "post",
        api_action(w.vienna, "copy_for_translation"),
        {"locale": "es"},
    ),
    "api-revert-to-revision-post": lambda w: (
        "post",
        api_action(w.vienna, "revert_to_page_revision"),
        {"revision_id": revision_ids(w.vienna)[-1]},
    ),
    # The secretariat's own actions.
    "onboard-self-onto-b-post": lambda w: (
        "post",
        reverse("cityteams_onboard", args=[w.vienna.pk]),
        {"email": w.a_editor.email},
    ),
    "member-spreadsheet-get": lambda w: ("get", reverse("cityprofiles_member_spreadsheet"), None),
    "member-export-get": lambda w: (
        "get",
        reverse("cityprofiles_member_export", args=["csv"]),
        None,
    ),
}


@pytest.mark.parametrize("attack", PAGE_ATTACKS)
def test_city_editor_is_refused_on_other_city_pages(world, attacker, attack):
    method, url, data = PAGE_ATTACKS[attack](world)
    before = snapshot()
    response = send(attacker, method, url, data)
    assert_refused(response)
    assert snapshot() == before


OWN_CITY_CONTROLS = {
    "edit-get": lambda w: ("get", edit_url(w.barcelona), None, 200),
    "revisions-compare": lambda w: (
        "get",
        page_url("revisions_compare", w.barcelona.pk, "live", "latest"),
        None,
        200,
    ),
    "history-get": lambda w: ("get", page_url("history", w.barcelona.pk), None, 200),
    "preview-post": lambda w: (
        "post",
        page_url("preview_on_edit", w.barcelona.pk),
        profile_form(w.barcelona, title="Previewed by A"),
        200,
    ),
    "copy-get-initiative": lambda w: (
        "get",
        page_url("copy", w.barcelona_initiative.pk),
        None,
        200,
    ),
    "copy-post-initiative-into-a": lambda w: (
        "post",
        page_url("copy", w.barcelona_initiative.pk),
        {"new_title": "Copied by A", "new_slug": "copied-by-a", "new_parent_page": w.barcelona.pk},
        302,
    ),
    "image-edit-get": lambda w: (
        "get",
        reverse("wagtailimages:edit", args=[w.a_image.pk]),
        None,
        200,
    ),
    "image-preview": lambda w: (
        "get",
        reverse("wagtailimages:preview", args=[w.a_image.pk, "fill-800x600"]),
        None,
        200,
    ),
    "document-edit-get": lambda w: (
        "get",
        reverse("wagtaildocs:edit", args=[w.a_document.pk]),
        None,
        200,
    ),
}


@pytest.mark.parametrize("request_name", OWN_CITY_CONTROLS)
def test_same_requests_are_answered_on_own_city(world, attacker, request_name):
    """The crafted requests are well formed: on A's own pages and media they work."""
    method, url, data, status = OWN_CITY_CONTROLS[request_name](world)
    response = send(attacker, method, url, data)
    assert response.status_code == status
    if status == 302:
        assert urlsplit(response["Location"]).path != reverse("wagtailadmin_home")


def test_secretariat_can_approve_other_city_initiative_with_the_same_request(world):
    """The approval refused to A's editor is well formed: the secretariat's goes through."""
    reviewer = get_user_model().objects.create_user("reviewer", "r@example.org", "pw-123456789")
    reviewer.groups.add(world.secretariat)
    client = Client()
    client.force_login(reviewer)
    method, url, data = PAGE_ATTACKS["workflow-action-approve"](world)
    response = send(client, method, url, data)
    assert response.status_code == 302
    assert reload(world.vienna_initiative).title.startswith(builders.SECRET)  # now published


def test_revisions_index_of_other_city_only_leads_to_its_refused_history(world, attacker):
    response = attacker.get(page_url("revisions_index", world.vienna.pk))
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == page_url("history", world.vienna.pk)
    assert_refused(attacker.get(response["Location"]))


# --- B's collection: images and documents -----------------------------------


MEDIA_ATTACKS = {
    "image-chooser-chosen": lambda w: (
        "get",
        reverse("wagtailimages_chooser:chosen", args=[w.b_image.pk]),
        None,
    ),
    "image-chooser-select-format-get": lambda w: (
        "get",
        reverse("wagtailimages_chooser:select_format", args=[w.b_image.pk]),
        None,
    ),
    "image-chooser-select-format-post": lambda w: (
        "post",
        reverse("wagtailimages_chooser:select_format", args=[w.b_image.pk]),
        {"image-chooser-insertion-format": "fullwidth", "image-chooser-insertion-alt_text": "x"},
    ),
    "image-edit-get": lambda w: ("get", reverse("wagtailimages:edit", args=[w.b_image.pk]), None),
    "image-edit-post": lambda w: (
        "post",
        reverse("wagtailimages:edit", args=[w.b_image.pk]),
        {"title": "Renamed by A", "collection": w.a_team.collection.pk, "tags": ""},
    ),
    "image-delete-get": lambda w: (
        "get",
        reverse("wagtailimages:delete", args=[w.b_image.pk]),
        None,
    ),
    "image-delete-post": lambda w: (
        "post",
        reverse("wagtailimages:delete", args=[w.b_image.pk]),
        None,
    ),
    "image-edit-multiple-post": lambda w: (
        "post",
        reverse("wagtailimages:edit_multiple", args=[w.b_image.pk]),
        {f"image-{w.b_image.pk}-title": "Renamed by A"},
    ),
    "image-delete-multiple-post": lambda w: (
        "post",
        reverse("wagtailimages:delete_multiple", args=[w.b_image.pk]),
        None,
    ),
    "image-preview": lambda w: (
        "get",
        reverse("wagtailimages:preview", args=[w.b_image.pk, "fill-800x600"]),
        None,
    ),
    # The URL generator answers 404 to everyone here (the dynamic serve view is not
    # mounted), which also keeps CVE-2026-54263 out of reach.
    "image-url-generator": lambda w: (
        "get",
        reverse("wagtailimages:url_generator", args=[w.b_image.pk]),
        None,
    ),
    "image-url-generator-output": lambda w: (
        "get",
        reverse("wagtailimages:url_generator_output", args=[w.b_image.pk]),
        {"filter_method": "original"},
    ),
    "image-usage": lambda w: (
        "get",
        reverse("wagtailimages:image_usage", args=[w.b_image.pk]),
        None,
    ),
    "document-chooser-chosen": lambda w: (
        "get",
        reverse("wagtaildocs_chooser:chosen", args=[w.b_document.pk]),
        None,
    ),
    "document-edit-get": lambda w: (
        "get",
        reverse("wagtaildocs:edit", args=[w.b_document.pk]),
        None,
    ),
    "document-edit-post": lambda w: (
        "post",
        reverse("wagtaildocs:edit", args=[w.b_document.pk]),
        {"title": "Renamed by A", "collection": w.a_team.collection.pk, "tags": ""},
    ),
    "document-delete-get": lambda w: (
        "get",
        reverse("wagtaildocs:delete", args=[w.b_document.pk]),
        None,
    ),
    "document-delete-post": lambda w: (
        "post",
        reverse("wagtaildocs:delete", args=[w.b_document.pk]),
        None,
    ),
    "document-edit-multiple-post": lambda w: (
        "post",
        reverse("wagtaildocs:edit_multiple", args=[w.b_document.pk]),
        {f"doc-{w.b_document.pk}-title": "Renamed by A"},
    ),
    "document-delete-multiple-post": lambda w: (
        "post",
        reverse("wagtaildocs:delete_multiple", args=[w.b_document.pk]),
        None,
    ),
    "document-usage": lambda w: (
        "get",
        reverse("wagtaildocs:document_usage", args=[w.b_document.pk]),
        None,
    ),
    "collection-edit-post": lambda w: (
        "post",
        reverse("wagtailadmin_collections:edit", args=[w.b_team.collection.pk]),
        {"name": "Renamed by A", "parent": Collection.get_first_root_node().pk},
    ),
    "collection-delete-post": lambda w: (
        "post",
        reverse("wagtailadmin_collections:delete", args=[w.b_team.collection.pk]),
        None,
    ),
    "collection-set-privacy-post": lambda w: (
        "post",
        reverse("wagtailadmin_collections:set_privacy", args=[w.b_team.collection.pk]),
        {"restriction_type": "password", "password": "locked-out-by-a"},
    ),
}


@pytest.mark.parametrize("attack", MEDIA_ATTACKS)
def test_city_editor_is_refused_on_other_city_media(world, attacker, attack):
    method, url, data = MEDIA_ATTACKS[attack](world)
    before = snapshot()
    response = send(attacker, method, url, data)
    assert_refused(response)
    assert snapshot() == before


# --- Bulk actions: other cities' items are skipped (CVE-2023-45809 class) ----


def bulk_url(app_label, model_name, action, *objects):
    query = urlencode([("id", obj.pk) for obj in objects] + [("next", "/admin/")])
    return reverse("wagtail_bulk_action", args=[app_label, model_name, action]) + "?" + query


BULK_ATTACKS = {
    "publish-get": lambda w: (
        "get",
        bulk_url("wagtailcore", "page", "publish", w.vienna, w.vienna_initiative),
        None,
    ),
    "publish-post": lambda w: (
        "post",
        bulk_url("wagtailcore", "page", "publish", w.vienna, w.vienna_initiative),
        {"include_descendants": "on"},
    ),
    "unpublish-post": lambda w: (
        "post",
        bulk_url("wagtailcore", "page", "unpublish", w.vienna, w.vienna_initiative),
        {"include_descendants": "on"},
    ),
    "delete-get": lambda w: (
        "get",
        bulk_url("wagtailcore", "page", "delete", w.vienna_initiative),
        None,
    ),
    "delete-post": lambda w: (
        "post",
        bulk_url("wagtailcore", "page", "delete", w.vienna_initiative),
        None,
    ),
    "move-into-a-post": lambda w: (
        "post",
        bulk_url("wagtailcore", "page", "move", w.vienna_initiative),
        {"chooser": w.barcelona.pk},
    ),
    "image-delete-get": lambda w: (
        "get",
        bulk_url("wagtailimages", "image", "delete", w.b_image),
        None,
    ),
    "image-delete-post": lambda w: (
        "post",
        bulk_url("wagtailimages", "image", "delete", w.b_image),
        None,
    ),
    "image-add-to-collection-post": lambda w: (
        "post",
        bulk_url("wagtailimages", "image", "add_to_collection", w.b_image),
        {"collection": w.a_team.collection.pk},
    ),
    "document-delete-post": lambda w: (
        "post",
        bulk_url("wagtaildocs", "document", "delete", w.b_document),
        None,
    ),
    "document-add-to-collection-post": lambda w: (
        "post",
        bulk_url("wagtaildocs", "document", "add_to_collection", w.b_document),
        {"collection": w.a_team.collection.pk},
    ),
}


@pytest.mark.parametrize("attack", BULK_ATTACKS)
def test_bulk_actions_skip_other_city_pages_and_media(world, attacker, attack):
    """A bulk action answers with its confirmation or a redirect to ``next``, whatever the
    ids; what matters is that B's items are neither shown nor touched."""
    method, url, data = BULK_ATTACKS[attack](world)
    before = snapshot()
    response = send(attacker, method, url, data)
    assert response.status_code in (200, 302, 403, 404)
    assert snapshot() == before


def test_bulk_delete_does_delete_own_draft_initiative(world, attacker):
    """The bulk requests above are well formed: the same one deletes A's own draft."""
    draft = initiative(world.barcelona, "Barcelona draft", live=False)
    response = attacker.post(bulk_url("wagtailcore", "page", "delete", draft))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=draft.pk).exists()


# --- Listings: answered, but without anything of B's that is not public -----


LISTINGS = {
    "dashboard": lambda w: reverse("wagtailadmin_home"),
    "explore-directory": lambda w: reverse("wagtailadmin_explore", args=[w.directories["en"].pk]),
    "explore-directory-results": lambda w: reverse(
        "wagtailadmin_explore_results", args=[w.directories["en"].pk]
    ),
    "explore-directory-search-all": lambda w: (
        reverse("wagtailadmin_explore", args=[w.directories["en"].pk]) + "?q=Vienna&search_all=1"
    ),
    "explore-other-city-profile": lambda w: reverse("wagtailadmin_explore", args=[w.vienna.pk]),
    "explore-other-city-french-profile": lambda w: reverse(
        "wagtailadmin_explore", args=[w.vienna_fr.pk]
    ),
    "page-search-secret": lambda w: reverse("wagtailadmin_pages:search") + "?q=SECRET",
    "page-search-vienna": lambda w: reverse("wagtailadmin_pages:search_results") + "?q=Vienna",
    "page-chooser-directory": lambda w: reverse(
        "wagtailadmin_choose_page_child", args=[w.directories["en"].pk]
    ),
    "page-chooser-other-city": lambda w: reverse(
        "wagtailadmin_choose_page_child", args=[w.vienna.pk]
    ),
    "page-chooser-search": lambda w: reverse("wagtailadmin_choose_page_search") + "?q=Vienna",
    "api-pages-child-of-directory": lambda w: (
        reverse("wagtailadmin_api:pages:listing")
        + f"?child_of={w.directories['en'].pk}&for_explorer=1"
    ),
    "api-pages-descendant-of-directory": lambda w: (
        reverse("wagtailadmin_api:pages:listing") + f"?descendant_of={w.directories['en'].pk}"
    ),
    "api-pages-search": lambda w: reverse("wagtailadmin_api:pages:listing") + "?search=Vienna",
    "api-images": lambda w: reverse("wagtailadmin_api:images:listing"),
    "api-image-detail": lambda w: reverse("wagtailadmin_api:images:detail", args=[w.b_image.pk]),
    "api-documents": lambda w: reverse("wagtailadmin_api:documents:listing"),
    "api-document-detail": lambda w: reverse(
        "wagtailadmin_api:documents:detail", args=[w.b_document.pk]
    ),
    "image-chooser": lambda w: reverse("wagtailimages_chooser:choose"),
    "image-chooser-results-all-collections": lambda w: (
        reverse("wagtailimages_chooser:choose_results") + f"?collection_id={w.b_team.collection.pk}"
    ),
    "image-index": lambda w: reverse("wagtailimages:index"),
    "image-index-other-collection": lambda w: (
        reverse("wagtailimages:index") + f"?collection_id={w.b_team.collection.pk}"
    ),
    "document-chooser": lambda w: reverse("wagtaildocs_chooser:choose"),
    "document-chooser-results-other-collection": lambda w: (
        reverse("wagtaildocs_chooser:choose_results") + f"?collection_id={w.b_team.collection.pk}"
    ),
    "document-index": lambda w: reverse("wagtaildocs:index"),
    "report-locked-pages": lambda w: reverse("wagtailadmin_reports:locked_pages"),
    "report-workflow": lambda w: reverse("wagtailadmin_reports:workflow"),
    "report-workflow-tasks": lambda w: reverse("wagtailadmin_reports:workflow_tasks"),
    "report-site-history": lambda w: reverse("wagtailadmin_reports:site_history"),
    "report-aging-pages": lambda w: reverse("wagtailadmin_reports:aging_pages"),
    "report-translations": lambda w: reverse("wagtail_localize:translations_report"),
}


@pytest.mark.parametrize("listing", LISTINGS)
def test_listings_never_show_other_city_drafts_or_media(world, attacker, listing):
    """Each answer is a refusal or a listing without B's secrets (the client checks)."""
    before = snapshot()
    response = attacker.get(LISTINGS[listing](world))
    assert response.status_code in (200, 302, 403, 404)
    # Thumbnails of A's own images may be made; nothing else.
    after = snapshot()
    for state in (before, after):
        state["renditions"] = [r for r in state["renditions"] if r[0] != world.a_image.pk]
    assert after == before


def test_explorer_lists_own_city_and_not_other_city_draft(world, attacker):
    response = attacker.get(reverse("wagtailadmin_explore", args=[world.directories["en"].pk]))
    assert response.status_code == 200
    assert b"Barcelona" in response.content


def test_chooser_shows_own_image_and_document(world, attacker):
    """The leak check is not vacuous: A's own media are shown by the same views."""
    image = attacker.get(reverse("wagtailimages_chooser:chosen", args=[world.a_image.pk]))
    document = attacker.get(reverse("wagtaildocs_chooser:chosen", args=[world.a_document.pk]))
    listing = attacker.get(reverse("wagtailimages_chooser:choose"))
    assert image.status_code == document.status_code == listing.status_code == 200
    assert b"Barcelona logo" in image.content and b"Barcelona report" in document.content
    assert b"Barcelona logo" in listing.content


# --- A's own pages: what the editor may and may not do ----------------------


@pytest.mark.parametrize("locale", ["en", "fr", "es"])
def test_city_editor_can_edit_own_profile_in_every_language(world, attacker, locale):
    """Spanish was created after onboarding: its permissions arrived by the signal."""
    page = barcelona_in(world, Locale.objects.get(language_code=locale).pk)
    live_title = page.title
    assert attacker.get(edit_url(page)).status_code == 200
    response = attacker.post(edit_url(page), profile_form(page, summary="Edited by A"))
    assert response.status_code == 302
    page = reload(page)
    assert page.get_latest_revision_as_object().summary == "Edited by A"
    assert (page.title, page.summary) == (live_title, "")  # the live page waits for review


def test_city_editor_can_add_initiative_under_own_profile(world, attacker):
    url = page_url("add", "initiatives", "initiativepage", world.barcelona.pk)
    assert attacker.get(url).status_code == 200
    response = attacker.post(url, initiative_form(title="Barcelona new initiative"))
    assert response.status_code == 302
    added = InitiativePage.objects.get(title="Barcelona new initiative")
    assert added.get_parent().pk == world.barcelona.pk
    assert not added.live and added.owner == world.a_editor


def test_city_editor_cannot_publish_own_profile(world, attacker):
    before = reload(world.barcelona)
    response = attacker.post(
        edit_url(before), profile_form(before, title="Barcelona published by A", **PUBLISH)
    )
    assert response.status_code == 302
    after = reload(world.barcelona)
    assert after.title == "Barcelona"
    assert after.live_revision_id == before.live_revision_id
    assert after.last_published_at == before.last_published_at
    assert after.get_latest_revision_as_object().title == "Barcelona published by A"


def test_city_editor_cannot_publish_own_new_initiative(world, attacker):
    url = page_url("add", "initiatives", "initiativepage", world.barcelona.pk)
    attacker.post(url, initiative_form(title="Published at once", **PUBLISH))
    assert not InitiativePage.objects.get(title="Published at once").live


def test_city_editor_submits_own_profile_for_review_but_cannot_approve_it(world, attacker):
    page = reload(world.barcelona)
    response = attacker.post(edit_url(page), profile_form(page, summary="For review", **SUBMIT))
    assert response.status_code == 302
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(page.pk), status="in_progress"
    )
    assert state.workflow == world.workflow
    assert reload(page).summary == ""

    before = snapshot()
    task_state = state.current_task_state
    approve = page_url("workflow_action", page.pk, "approve", task_state.pk)
    assert_refused(attacker.post(approve, {"comment": "Self-approved"}))
    assert snapshot() == before
    assert reload(page).summary == ""


@pytest.mark.parametrize(
    "protected",
    [
        {"member_type": "civil-society partner"},
        {"member_key": "taken-over"},
        {"wave": "second"},
        {"joined_on": "2020-01-01"},
    ],
    ids=lambda value: next(iter(value)),
)
def test_city_editor_cannot_change_membership_facts_by_crafted_post(world, attacker, protected):
    """FieldPanel(permission=...) holds against a crafted POST (CVE-2024-32882)."""
    first, second = profile_builders.wave(1), profile_builders.wave(2)
    CityProfilePage.objects.filter(pk=world.barcelona.pk).update(wave=first, joined_on="2022-10-10")
    if protected.get("wave") == "second":
        protected = {"wave": second.pk}
    page = reload(world.barcelona)
    response = attacker.post(
        edit_url(page), profile_form(page, summary="A legitimate change", **protected)
    )
    assert response.status_code == 302
    draft = reload(page).get_latest_revision_as_object()
    assert draft.summary == "A legitimate change"
    assert (draft.member_type, draft.member_key, draft.wave_id, str(draft.joined_on)) == (
        "government",
        "barcelona-es",
        first.pk,
        "2022-10-10",
    )


def test_city_editor_cannot_turn_own_draft_translation_live_by_converting_it_to_alias(
    world, attacker
):
    """A translation waiting for review goes live only through the review workflow."""
    _source, initiative_fr = builders.translate_with_localize(
        world.barcelona_initiative, "fr", world.superuser, publish=False
    )
    assert initiative_fr.permissions_for_user(world.a_editor).can_edit()
    assert not initiative_fr.live
    url = reverse("wagtail_localize:convert_to_alias", args=[initiative_fr.pk])
    attacker.post(url)
    assert not reload(initiative_fr).live
    assert Translation.objects.filter(target_locale=initiative_fr.locale).exists()


# --- Translations: A's editor, and a translator of A ------------------------


OWN_TRANSLATION_REQUESTS = {
    "submit-own-profile": lambda w: (
        reverse("wagtail_localize:submit_page_translation", args=[w.barcelona.pk]),
        {"locales": [Locale.objects.get(language_code="es").pk]},
    ),
    "submit-own-initiative": lambda w: (
        reverse("wagtail_localize:submit_page_translation", args=[w.barcelona_initiative.pk]),
        {"locales": [w.barcelona_fr.locale_id]},
    ),
    "update-own-translations": lambda w: (
        reverse("wagtail_localize:update_translations", args=[w.barcelona_source.pk]),
        {},
    ),
}


@pytest.mark.parametrize("request_name", OWN_TRANSLATION_REQUESTS)
def test_city_editor_cannot_submit_translations_even_of_own_city(world, attacker, request_name):
    url, data = OWN_TRANSLATION_REQUESTS[request_name](world)
    before = snapshot()
    assert_refused(attacker.get(url))
    assert_refused(attacker.post(url, data))
    assert snapshot() == before


TRANSLATOR_ATTACKS = {
    "submit-get": lambda w: (
        "get",
        reverse("wagtail_localize:submit_page_translation", args=[w.vienna.pk]),
        None,
    ),
    "submit-profile-post": lambda w: (
        "post",
        reverse("wagtail_localize:submit_page_translation", args=[w.vienna.pk]),
        {"locales": [Locale.objects.get(language_code="es").pk]},
    ),
    "submit-french-profile-post": lambda w: (
        "post",
        reverse("wagtail_localize:submit_page_translation", args=[w.vienna_fr.pk]),
        {"locales": [Locale.objects.get(language_code="es").pk]},
    ),
    "submit-initiative-post": lambda w: (
        "post",
        reverse("wagtail_localize:submit_page_translation", args=[w.vienna_initiative.pk]),
        {"locales": [w.vienna_fr.locale_id]},
    ),
    "submit-initiative-post-invalid-locale": lambda w: (
        "post",
        reverse("wagtail_localize:submit_page_translation", args=[w.vienna_initiative.pk]),
        {"locales": [w.vienna.locale_id]},
    ),
    "submit-profile-with-subtree-post": lambda w: (
        "post",
        reverse("wagtail_localize:submit_page_translation", args=[w.vienna.pk]),
        {"locales": [Locale.objects.get(language_code="es").pk], "include_subtree": "on"},
    ),
    "update-get": lambda w: (
        "get",
        reverse("wagtail_localize:update_translations", args=[w.vienna_source.pk]),
        None,
    ),
    "update-post": lambda w: (
        "post",
        reverse("wagtail_localize:update_translations", args=[w.vienna_source.pk]),
        {},
    ),
    "update-post-publish": lambda w: (
        "post",
        reverse("wagtail_localize:update_translations", args=[w.vienna_source.pk]),
        {"publish_translations": "on"},
    ),
    "api-copy-for-translation-post": lambda w: (
        "post",
        api_action(w.vienna_initiative, "copy_for_translation"),
        {"locale": "fr"},
    ),
}


@pytest.mark.parametrize("attack", TRANSLATOR_ATTACKS)
def test_translator_of_one_city_is_refused_on_other_city(world, translator, attack):
    method, url, data = TRANSLATOR_ATTACKS[attack](world)
    before = snapshot()
    response = send(translator, method, url, data)
    assert_refused(response)
    assert snapshot() == before


def test_guard_lets_translator_of_a_translate_a_initiative(world, translator):
    """The same request as on B's initiative, on A's: the guard is not a blanket refusal."""
    url = reverse("wagtail_localize:submit_page_translation", args=[world.barcelona_initiative.pk])
    response = translator.post(url, {"locales": [world.barcelona_fr.locale_id]})
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path != reverse("wagtailadmin_home")
    translated = world.barcelona_initiative.get_translation(world.barcelona_fr.locale)
    assert translated.get_parent().pk == world.barcelona_fr.pk
    assert not translated.live  # a draft, for the secretariat to review


def test_guard_lets_translator_of_a_update_a_translations_without_publishing(world, translator):
    url = reverse("wagtail_localize:update_translations", args=[world.barcelona_source.pk])
    assert translator.get(url).status_code == 200
    response = translator.post(url, {})
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path != reverse("wagtailadmin_home")

    before = snapshot()
    assert_refused(translator.post(url, {"publish_translations": "on"}))  # no publish right
    assert snapshot() == before


def test_other_city_pages_stay_out_of_reach_in_the_spanish_tree(world):
    """Permissions follow A's profile into a language created after onboarding, not B's."""
    vienna_es = vienna_in(world, "es")
    a_spanish = barcelona_in(world, vienna_es.locale_id)
    editor = world.a_editor
    assert a_spanish.permissions_for_user(editor).can_edit()
    assert not a_spanish.permissions_for_user(editor).can_publish()
    for page in (vienna_es, world.vienna_fr, world.vienna):
        assert not page.permissions_for_user(editor).can_edit()
    assert (
        not Group.objects.get(pk=world.a_team.group.pk)
        .page_permissions.filter(page__translation_key=world.vienna.translation_key)
        .exists()
    )

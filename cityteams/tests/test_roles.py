"""``ensure_roles()`` / ``manage.py setup_roles``: the site's roles and workflows only.

Wagtail's migrations make "Moderators" and "Editors" groups with rights on the root page
and a "Moderators approval" workflow on it, so every story offered "Submit to Moderators
approval", which no role of this site reviews. The test database is built by those
migrations, so each test starts from what a fresh installation has.
"""

import io
import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from cityprofiles.tests import builders
from cityteams.onboarding import onboard
from cityteams.roles import (
    COMMUNICATIONS,
    SECRETARIAT,
    TEAM_MEDIA_PERMISSIONS,
    TRANSLATORS,
    WAGTAIL_DEFAULT_GROUPS,
    WORKFLOW_NAME,
    communications_collection,
    ensure_roles,
    grant_collection,
)
from initiatives.tests.builders import initiative
from stories.tests.builders import story, story_indexes

pytestmark = pytest.mark.django_db
User = get_user_model()
ROLES = {SECRETARIAT, TRANSLATORS, COMMUNICATIONS}


@pytest.fixture
def site():
    homes, directories = builders.site_tree(languages=("en", "fr"))
    indexes = story_indexes(homes)
    return homes, directories, indexes


def user_in(group_name, name):
    user = User.objects.create_user(name, f"{name}@example.org", "pw-123456789")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def rows():
    """Every grant and workflow row ensure_roles() writes."""
    return {
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "group_permissions": sorted(
            Group.permissions.through.objects.values_list("group_id", "permission_id")
        ),
        "page_permissions": sorted(
            GroupPagePermission.objects.values_list("group_id", "page_id", "permission_id")
        ),
        "collection_permissions": sorted(
            GroupCollectionPermission.objects.values_list(
                "group_id", "collection_id", "permission_id"
            )
        ),
        "collections": sorted(Collection.objects.values_list("pk", "name")),
        "workflows": sorted(Workflow.objects.values_list("pk", "name", "active")),
        "workflow_pages": sorted(WorkflowPage.objects.values_list("page_id", "workflow_id")),
        "tasks": sorted(Task.objects.values_list("pk", "name", "active")),
    }


def staffing(workflow):
    """The groups that review each of the workflow's tasks."""
    return [{group.name for group in task.specific.groups.all()} for task in workflow.tasks.all()]


def test_setup_roles_leaves_only_the_site_roles_and_staffed_workflows(site):
    # What Wagtail's migrations made, as on any fresh installation.
    assert set(Group.objects.values_list("name", flat=True)) >= set(WAGTAIL_DEFAULT_GROUPS)
    default_workflow = Workflow.objects.get(name="Moderators approval")
    root = Page.get_first_root_node()
    assert WorkflowPage.objects.filter(page=root, workflow=default_workflow).exists()

    out = io.StringIO()
    call_command("setup_roles", stdout=out, stderr=out)

    assert set(Group.objects.values_list("name", flat=True)) == ROLES
    assert not GroupPagePermission.objects.filter(page=root).exists()
    assert not WorkflowPage.objects.filter(page=root).exists()
    assert not Workflow.objects.filter(pk=default_workflow.pk).exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    for workflow in Workflow.objects.filter(active=True):
        assert all(groups and groups <= ROLES for groups in staffing(workflow)), workflow
    assert list(Workflow.objects.filter(active=True).values_list("name", flat=True)) == [
        WORKFLOW_NAME
    ]
    assert "Roles ready" in out.getvalue() and "kept" not in out.getvalue()


def test_setup_roles_is_idempotent(site):
    ensure_roles()
    onboard(builders.profile(site[1]["en"], "Barcelona", member_key="barcelona-es"), "a@x.org")
    before = rows()
    call_command("setup_roles", stdout=io.StringIO())
    ensure_roles()
    assert rows() == before


def test_a_communications_editor_is_offered_publish_and_no_submit_to(site, client):
    _homes, _directories, indexes = site
    ensure_roles()
    page = story(indexes["fr"], "Un récit")
    client.force_login(user_in(COMMUNICATIONS, "comms"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="action-publish"' in content
    assert "Submit to" not in content and 'name="action-submit"' not in content
    add = client.get(
        reverse("wagtailadmin_pages:add", args=["stories", "storypage", indexes["en"].pk])
    )
    assert add.status_code == 200
    assert 'name="action-submit"' not in add.content.decode()


def test_profiles_and_initiatives_still_go_through_secretariat_approval(site, client):
    _homes, directories, _indexes = site
    ensure_roles()
    barcelona = builders.profile(directories["en"], "Barcelona", member_key="barcelona-es")
    barcelona.save_revision().publish()
    draft = initiative(barcelona, "Barcelona rights office", live=False)
    _team, editor, _invited = onboard(barcelona, "a@example.org")
    client.force_login(editor)
    for page in (barcelona, draft):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
        assert f"Submit to {WORKFLOW_NAME}" in response.content.decode()
        assert page.get_workflow().name == WORKFLOW_NAME


def test_a_default_group_with_members_is_kept_and_named(site, caplog):
    moderator = User.objects.create_user("old-moderator", "m@example.org", "pw-123456789")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    out, err = io.StringIO(), io.StringIO()
    with caplog.at_level(logging.WARNING, logger="cityteams.roles"):
        call_command("setup_roles", stdout=out, stderr=err)

    moderators = Group.objects.get(name="Moderators")
    assert moderator.groups.filter(pk=moderators.pk).exists()
    assert GroupPagePermission.objects.filter(group=moderators).exists()  # access unchanged
    assert not Group.objects.filter(name="Editors").exists()  # nobody in it: removed
    assert "Moderators" in err.getvalue() and "1 member" in err.getvalue()
    assert any("Moderators" in record.getMessage() for record in caplog.records)
    # Its workflow is retired all the same: no story is sent to a review nobody runs.
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()

    moderator.groups.clear()
    err = io.StringIO()
    call_command("setup_roles", stdout=io.StringIO(), stderr=err)
    assert not Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).exists()
    assert err.getvalue() == ""


def test_a_default_workflow_with_history_is_disabled_not_deleted(site):
    _homes, _directories, indexes = site
    submitted = story(indexes["en"], "Sent to the moderators", live=False)
    workflow = Workflow.objects.get(name="Moderators approval")
    author = User.objects.create_superuser("author", "author@example.org", "pw-123456789")
    state = workflow.start(submitted, author)
    assert submitted.get_workflow() == workflow

    ensure_roles()

    workflow.refresh_from_db()
    state.refresh_from_db()
    assert not workflow.active
    assert state.status == WorkflowState.STATUS_CANCELLED
    assert not WorkflowPage.objects.filter(workflow=workflow).exists()
    assert Page.objects.get(pk=submitted.pk).specific.get_workflow() is None


def test_a_site_workflow_staffed_by_a_role_is_left_alone(site):
    ensure_roles()
    review = Workflow.objects.create(name="Communications review", active=True)
    task = GroupApprovalTask.objects.create(name="Communications check")
    task.groups.add(Group.objects.get(name=COMMUNICATIONS))
    WorkflowTask.objects.create(workflow=review, task=task, sort_order=0)
    ensure_roles()
    review.refresh_from_db()
    assert review.active


def test_communications_root_grant_of_earlier_versions_is_revoked(site):
    ensure_roles()
    communications = Group.objects.get(name=COMMUNICATIONS)
    root = Collection.get_first_root_node()
    grant_collection(communications, root, TEAM_MEDIA_PERMISSIONS)  # what stories/roles.py gave

    ensure_roles()

    held = GroupCollectionPermission.objects.filter(group=communications)
    assert sorted(held.filter(collection=root).values_list("permission__codename", flat=True)) == [
        "choose_document",
        "choose_image",
    ]
    assert set(
        held.filter(collection=communications_collection()).values_list(
            "permission__codename", flat=True
        )
    ) == set(TEAM_MEDIA_PERMISSIONS)


# --- The footer's settings ---------------------------------------------------------------


def footer_settings_form(settings, **changes):
    """Every field of the settings' edit form, as the form would post them, changed."""
    from home.site_settings import SOCIAL_ACCOUNTS

    data = {
        "contact_email": settings.contact_email,
        "contact_address": settings.contact_address,
        "committee_url": settings.committee_url,
        "uclg_url": settings.uclg_url,
        "privacy_page": settings.privacy_page_id or "",
        "licence_name": settings.licence_name,
        "licence_url": settings.licence_url,
        "sharing_image": "",
        **{name: getattr(settings, name) for name, _label in SOCIAL_ACCOUNTS},
    }
    return {**data, **changes}


def footer_rows():
    from home.models import CampaignSettings, FooterText

    return (
        list(CampaignSettings.objects.values()),
        list(FooterText.objects.values("locale_id", "text", "committee_name", "uclg_name")),
    )


def test_communications_edit_the_footer_and_a_city_editor_is_refused(site, client):
    from home.models import CampaignSettings, FooterText
    from home.tests.builders import standard_page

    ensure_roles()
    homes, directories, _indexes = site
    privacy = standard_page(homes["en"], "privacy", "Privacy notice", publish=True)
    settings = CampaignSettings.objects.create(contact_email="campaign@uclg.example")
    footer = FooterText.objects.create(locale=homes["en"].locale, text="<p>Footer</p>")
    edit = f"/admin/settings/home/campaignsettings/{settings.pk}/"
    footer_edit = f"/admin/snippets/home/footertext/edit/{footer.pk}/"

    _team, editor, _invited = onboard(
        builders.profile(directories["en"], "Barcelona", member_key="barcelona-es"), "a@x.org"
    )
    client.force_login(editor)
    before = footer_rows()
    assert client.get(edit).status_code in (302, 403)
    response = client.post(
        edit, footer_settings_form(settings, contact_email="attacker@example.org")
    )
    assert response.status_code in (302, 403)
    assert response.get("Location", "") != edit
    response = client.post(
        footer_edit, {"text": "<p>Defaced</p>", "committee_name": "X", "uclg_name": "Y"}
    )
    assert response.status_code in (302, 403)
    assert footer_rows() == before

    client.force_login(user_in(COMMUNICATIONS, "comms"))
    assert client.get(edit).status_code == 200
    # The privacy notice can be chosen in the page chooser of the settings form.
    chooser = client.get(f"/admin/choose-page/{homes['en'].pk}/")
    assert chooser.status_code == 200 and "Privacy notice" in chooser.content.decode()
    response = client.post(
        edit,
        footer_settings_form(
            settings,
            contact_address="Carrer Avinyó 15\nBarcelona",
            privacy_page=privacy.pk,
            licence_name="CC BY-SA 4.0",
            licence_url="https://creativecommons.org/licenses/by-sa/4.0/",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    settings.refresh_from_db()
    assert (settings.privacy_page_id, settings.licence_name) == (privacy.pk, "CC BY-SA 4.0")
    assert settings.contact_email == "campaign@uclg.example"
    footer_page = client.get("/en/").content.decode()
    assert "Carrer Avinyó 15" in footer_page and "CC BY-SA 4.0" in footer_page

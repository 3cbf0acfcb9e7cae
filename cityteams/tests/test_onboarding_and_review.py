import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowState

from cityprofiles.tests import builders
from cityteams.models import CityTeam
from cityteams.onboarding import onboard
from cityteams.roles import SECRETARIAT, ensure_roles

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def members():
    _homes, directories = builders.site_tree(languages=("en", "fr", "es"))
    barcelona = builders.profile(
        directories["en"], "Barcelona", slug="barcelona", member_key="barcelona-es"
    )
    barcelona.save_revision().publish()
    builders.translate(barcelona, "fr", title="Barcelone")
    vienna = builders.profile(directories["en"], "Vienna", country="AT", slug="vienna")
    ensure_roles()
    return {"barcelona": barcelona, "vienna": vienna, "directories": directories}


def secretariat_user():
    user = User.objects.create_user("sec", "sec@example.org", "pw-123456789")
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


def test_onboarding_creates_team_collection_permissions_and_invites_once(
    members, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        team, user, invited = onboard(members["barcelona"], "Editor@Barcelona.example.org")
    assert invited
    assert team.group in user.groups.all()
    assert not user.has_usable_password()
    assert team.collection.name.startswith("Barcelona")
    pages = set(
        GroupPagePermission.objects.filter(group=team.group).values_list(
            "page__locale__language_code", flat=True
        )
    )
    assert pages == {"en", "fr"}  # every language the profile exists in
    assert len(mail.outbox) == 1
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body
    # Again: nothing new, no second invitation, no duplicate permissions.
    before = GroupPagePermission.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        again, same_user, invited = onboard(members["barcelona"], "editor@barcelona.example.org")
    assert (again.pk, same_user.pk, invited) == (team.pk, user.pk, False)
    assert GroupPagePermission.objects.count() == before
    assert CityTeam.objects.count() == 1 and len(mail.outbox) == 1


def test_a_translation_created_after_onboarding_gets_the_team_permissions(members):
    team, user, _invited = onboard(members["barcelona"], "a@example.org")
    spanish = builders.translate(members["barcelona"], "es", title="Barcelona")
    assert spanish.permissions_for_user(user).can_edit()
    assert not spanish.permissions_for_user(user).can_publish()
    assert not members["vienna"].permissions_for_user(user).can_edit()


def test_a_failing_mail_server_loses_nothing(members, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        team, user, invited = onboard(members["barcelona"], "b@example.org")
    assert User.objects.filter(email="b@example.org").exists()
    assert team.group in user.groups.all()


def test_onboarding_command(members):
    out = io.StringIO()
    call_command("onboard_city", "barcelona-es", "c@example.org", stdout=out)
    assert "c@example.org edits Barcelona" in out.getvalue()
    with pytest.raises(Exception, match="No member profile"):
        call_command("onboard_city", "atlantis", "c@example.org", stdout=out)


def test_onboarding_admin_action_is_for_the_secretariat_only(client, members):
    url = reverse("cityteams_onboard", args=[members["barcelona"].pk])
    _team, editor, _invited = onboard(members["vienna"], "vienna@example.org")
    client.force_login(editor)
    assert client.post(url, {"email": "intruder@example.org"}).status_code in (302, 403)
    assert not User.objects.filter(email="intruder@example.org").exists()
    client.force_login(secretariat_user())
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "new@example.org"})
    assert response.status_code == 302
    assert User.objects.get(email="new@example.org").groups.filter(city_team__isnull=False).exists()


def test_review_workflow_submit_approve_and_publish(client, members):
    _team, editor, _invited = onboard(members["barcelona"], "d@example.org")
    page = members["barcelona"]
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    from cityprofiles.tests.test_admin_form import form_data

    response = client.post(
        edit_url, form_data(page, summary="Updated by the city", **{"action-submit": "Submit"})
    )
    assert response.status_code == 302
    state = (
        WorkflowState.objects.get(base_form_page_id=page.pk)
        if hasattr(WorkflowState, "base_form_page_id")
        else WorkflowState.objects.for_instance(page).get()
    )
    assert state.status == "in_progress"
    assert "Updated by the city" not in client.get("/en/cities/barcelona/").content.decode()
    # The secretariat approves: the change goes live.
    secretariat = secretariat_user()
    task_state = state.current_task_state
    client.force_login(secretariat)
    action_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    response = client.post(action_url, {"comment": "Thank you"})
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == "approved"
    client.logout()
    assert "Updated by the city" in client.get("/en/cities/barcelona/").content.decode()


def test_review_workflow_request_changes(client, members):
    _team, editor, _invited = onboard(members["barcelona"], "e@example.org")
    page = members["barcelona"]
    client.force_login(editor)
    from cityprofiles.tests.test_admin_form import form_data

    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        form_data(page, summary="Needs work", **{"action-submit": "Submit"}),
    )
    state = WorkflowState.objects.for_instance(page).get()
    client.force_login(secretariat_user())
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "reject", state.current_task_state.pk],
        ),
        {"comment": "Please add your 2025 figures"},
    )
    state.refresh_from_db()
    assert state.status == "needs_changes"
    client.logout()
    assert "Needs work" not in client.get("/en/cities/barcelona/").content.decode()
    # Nothing the editor typed is lost: it is the latest revision.
    from cityprofiles.models import CityProfilePage

    assert CityProfilePage.objects.get(pk=page.pk).get_latest_revision_as_object().summary == (
        "Needs work"
    )


def test_secretariat_dashboard_panel(client, members):
    client.force_login(secretariat_user())
    response = client.get(reverse("wagtailadmin_home"))
    body = response.content.decode()
    assert "Members: what needs attention" in body
    assert "Vienna" in body  # Vienna has no French or Spanish translation

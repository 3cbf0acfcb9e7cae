"""Only reviewers (the Secretariat, superusers) reach applications. Each refusal is checked
with the crafted request a limited user would send, and the database is checked unchanged."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Page

from cityprofiles.tests import builders as profiles
from cityteams.onboarding import onboard
from joining.models import Application, ApplicationEvent

from . import builders

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def application(site):
    return builders.application(site.wave)


@pytest.fixture
def city_editor(site):
    barcelona = profiles.profile(site.directories["en"], "Barcelona", slug="barcelona")
    _team, editor, _invited = onboard(barcelona, "editor@barcelona.example.org")
    return editor


@pytest.fixture
def communications():
    """Staff with admin access and nothing else about applications."""
    group = Group.objects.create(name="Communications")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user = User.objects.create_user("comms", "comms@example.org", "pw-123456789")
    user.groups.add(group)
    return user


def requests_for(application):
    pk = application.pk
    index = "/admin/joining/application/"
    return [
        ("get", index, {}),
        ("get", index + "?export=csv", {}),
        ("get", index + "?export=xlsx", {}),
        ("get", reverse("joining_application_modeladmin_inspect", args=[pk]), {}),
        ("get", reverse("joining_application_modeladmin_edit", args=[pk]), {}),
        ("post", reverse("joining_application_modeladmin_edit", args=[pk]), {"status": "accepted"}),
        ("get", reverse("joining_application_modeladmin_delete", args=[pk]), {}),
        ("post", reverse("joining_application_modeladmin_delete", args=[pk]), {}),
        ("post", reverse("joining_application_modeladmin_create"), {"government_name": "X"}),
        ("post", reverse("joining_take_into_review", args=[pk]), {}),
        ("post", reverse("joining_accept", args=[pk]), {}),
        ("get", reverse("joining_decline", args=[pk]), {}),
        ("post", reverse("joining_decline", args=[pk]), {"reason": "Crafted"}),
        ("get", reverse("joining_erase", args=[pk]), {}),
        ("post", reverse("joining_erase", args=[pk]), {"note": "Crafted"}),
    ]


def snapshot():
    return {
        "applications": list(Application.objects.values().order_by("pk")),
        "events": ApplicationEvent.objects.count(),
        "pages": Page.objects.count(),
        "users": sorted(User.objects.values_list("username", flat=True)),
        "groups": Group.objects.count(),
    }


def refused(response):
    """Wagtail answers PermissionDenied in the admin with a redirect to the dashboard (and a
    "no permission" message); Django's own decorators answer 403."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def send(client, method, path, data):
    return getattr(client, method)(path, data) if data else getattr(client, method)(path)


@pytest.mark.parametrize("who", ["city_editor", "communications"])
def test_users_without_the_review_permission_are_refused_and_nothing_changes(
    client, request, application, who
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    before = snapshot()
    for method, path, data in requests_for(application):
        response = send(client, method, path, data)
        assert refused(response), (method, path, response.status_code)
        assert b"Ville de Test" not in response.content
        assert b"focal@ville-de-test" not in response.content
    assert snapshot() == before
    # Nor is the list offered in their menu.
    assert b"/admin/joining/application/" not in client.get("/admin/").content


def test_visitors_are_sent_to_the_login_page_and_nothing_changes(client, application):
    before = snapshot()
    for method, path, data in requests_for(application):
        response = send(client, method, path, data)
        assert response.status_code == 302, (method, path)
        assert response["Location"].startswith("/admin/login/")
    assert snapshot() == before


def test_even_the_secretariat_cannot_create_edit_or_delete_an_application(client, application):
    client.force_login(builders.secretariat_user())
    before = snapshot()
    for method, path, data in requests_for(application)[4:9]:
        assert refused(send(client, method, path, data)), (method, path)
    assert snapshot() == before


def test_the_secretariat_group_holds_the_review_permission(application):
    reviewer = builders.secretariat_user()
    assert reviewer.has_perm("joining.review_application")
    superuser = User.objects.create_superuser("root", "root@example.org", "pw-123456789")
    assert superuser.has_perm("joining.review_application")

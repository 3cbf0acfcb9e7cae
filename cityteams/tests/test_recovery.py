"""Password recovery for editors: the admin's "Forgotten password?" and the secretariat's
"Resend invitation", through the real views and Django's locmem outbox."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.users.models import UserProfile

from cityprofiles.tests import builders
from cityteams.onboarding import onboard, remember_language
from cityteams.roles import SECRETARIAT, ensure_roles

pytestmark = pytest.mark.django_db
User = get_user_model()
RESET = "/admin/password_reset/"
DONE = "/admin/password_reset/done/"
LINK = re.compile(r"http://testserver(/admin/password_reset/confirm/\S+/)")
NEW_PASSWORD = "a-Long-and-new-passw0rd"  # noqa: S105
CSRF_TOKEN = re.compile(rb'(value="|"CSRF_TOKEN": ")[A-Za-z0-9]{32,}"')


@pytest.fixture
def city(django_capture_on_commit_callbacks):
    _homes, directories = builders.site_tree(languages=("en", "fr"))
    barcelona = builders.profile(
        directories["en"], "Barcelona", slug="barcelona", member_key="barcelona-es"
    )
    barcelona.save_revision().publish()
    builders.translate(barcelona, "fr", title="Barcelone")
    vienna = builders.profile(directories["en"], "Vienna", country="AT", slug="vienna")
    ensure_roles()
    with django_capture_on_commit_callbacks(execute=True):
        team, editor, _invited = onboard(barcelona, "editor@barcelona.example.org")
        _team, other, _invited = onboard(vienna, "editor@vienna.example.org")
    mail.outbox.clear()
    return {
        "barcelona": barcelona,
        "vienna": vienna,
        "team": team,
        "editor": editor,
        "other": other,
    }


def forgotten(email, client=None):
    client = client or Client()
    assert client.get(RESET).status_code == 200
    return client.post(RESET, {"email": email})


def link_in(message):
    return LINK.search(message.body).group(1)


def choose_password(link):
    client = Client()
    response = client.get(link)
    assert response.status_code == 302  # to the same view without the token in the address
    form_url = response["Location"]
    assert client.get(form_url).status_code == 200
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_password_reset_complete")
    return client


def signs_in(email, password=NEW_PASSWORD):
    client = Client()
    response = client.post(reverse("wagtailadmin_login"), {"username": email, "password": password})
    return client if response.status_code == 302 else None


def test_an_onboarded_editor_who_lost_the_invitation_gets_a_link_that_works(city):
    editor = city["editor"]
    assert not editor.has_usable_password()
    response = forgotten("Editor@Barcelona.example.org")
    assert (response.status_code, response["Location"]) == (302, DONE)
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert "Barcelona" in message.subject  # the invitation again: what they may edit
    choose_password(link_in(message))
    client = signs_in(editor.email)
    assert client is not None
    dashboard = client.get("/admin/").content.decode()
    assert "My city: Barcelona" in dashboard
    # The link worked once.
    again = Client().get(link_in(message), follow=True)
    assert b'name="new_password1"' not in again.content


def test_an_editor_with_a_password_gets_a_reset_link_that_works(city):
    editor = city["editor"]
    editor.set_password("the-forgotten-one-1")
    editor.save()
    forgotten(editor.email)
    (message,) = mail.outbox
    assert message.subject == "Password reset"
    choose_password(link_in(message))
    assert signs_in(editor.email) is not None
    assert signs_in(editor.email, "the-forgotten-one-1") is None


def test_the_answer_is_the_same_whatever_the_address(city):
    inactive = city["other"]
    inactive.is_active = False
    inactive.save()
    # An account without a password and without admin access (not an editor).
    stranger = User.objects.create_user("stranger", "stranger@example.org")
    stranger.set_unusable_password()
    stranger.save()
    answers = []
    for email in (
        city["editor"].email,
        "nobody@example.org",
        inactive.email,
        stranger.email,
        "not an address",
    ):
        client = Client()
        response = forgotten(email, client)
        done = client.get(DONE) if response.status_code == 302 else response
        page = CSRF_TOKEN.sub(b"", done.content)  # each client has its own
        answers.append((response.status_code, response.get("Location"), page))
    known, unknown, deactivated, no_access, invalid = answers
    assert known == unknown == deactivated == no_access
    assert invalid[0] == 200  # the form again, saying what is wrong with it
    assert [message.to for message in mail.outbox] == [[city["editor"].email]]


def test_the_email_is_in_the_users_language(city):
    editor = city["editor"]
    remember_language(editor, "fr")
    forgotten(editor.email)
    (invitation,) = mail.outbox
    assert invitation.subject == "Vous pouvez désormais modifier le profil de Barcelone"
    mail.outbox.clear()
    editor.set_password("the-forgotten-one-1")
    editor.save()
    forgotten(editor.email)
    (reset,) = mail.outbox
    assert reset.subject == "Réinitialisation de mot de passe"


# --- The secretariat resends an invitation ----------------------------------------------


def secretariat():
    user = User.objects.create_user("sec", "sec@example.org", "pw-123456789")
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


def resend_url(city, user=None):
    return reverse(
        "cityteams_resend_invitation", args=[city["barcelona"].pk, (user or city["editor"]).pk]
    )


def snapshot():
    return {
        "users": list(
            User.objects.order_by("pk").values_list("pk", "password", "is_active", "last_login")
        ),
        "memberships": sorted(User.groups.through.objects.values_list("user_id", "group_id")),
        "profiles": list(
            UserProfile.objects.order_by("pk").values_list("user_id", "preferred_language")
        ),
    }


def test_the_secretariat_resends_an_invitation_from_the_onboarding_page(city):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat())
    page = client.get(reverse("cityteams_onboard", args=[city["barcelona"].pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert city["editor"].email in body and "Has not chosen a password yet" in body
    assert city["other"].email not in body  # Vienna's editor is not Barcelona's
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    assert f'action="{resend_url(city)}"' in body

    response = client.post(resend_url(city), {"csrfmiddlewaretoken": token}, follow=True)
    assert response.status_code == 200
    assert (
        "The invitation was sent again to editor@barcelona.example.org" in response.content.decode()
    )
    (message,) = mail.outbox
    assert message.to == [city["editor"].email]
    choose_password(link_in(message))
    assert signs_in(city["editor"].email) is not None


@pytest.mark.parametrize("who", ["city editor", "other city's editor"])
def test_only_the_secretariat_may_resend_and_nothing_changes(city, who):
    user = city["editor"] if who == "city editor" else city["other"]
    client = Client()
    client.force_login(user)
    before = snapshot()
    response = client.post(resend_url(city))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] != reverse("cityteams_onboard", args=[city["barcelona"].pk])
    assert mail.outbox == []
    assert snapshot() == before


def test_resending_is_post_only_with_a_csrf_token_for_a_member_of_the_team(city):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat())
    other_client = Client()
    other_client.force_login(User.objects.get(username="sec"))
    before = snapshot()
    assert client.get(resend_url(city)).status_code == 405
    assert client.post(resend_url(city)).status_code == 403  # no CSRF token
    # Vienna's editor is not in Barcelona's team: not found, rather than sent.
    client = other_client
    # (A 404 that our LocaleMiddleware answers as a redirect to the same address under /en/.)
    refused = client.post(resend_url(city, city["other"]))
    assert refused.status_code == 404 or refused["Location"].startswith("/en/admin/")
    assert mail.outbox == []
    assert snapshot() == before


def test_a_deactivated_editor_is_sent_nothing(city):
    editor = city["editor"]
    editor.is_active = False
    editor.save()
    client = Client()
    client.force_login(secretariat())
    page = client.get(reverse("cityteams_onboard", args=[city["barcelona"].pk])).content.decode()
    assert "Deactivated" in page and f'action="{resend_url(city)}"' not in page
    response = client.post(resend_url(city), follow=True)
    assert "deactivated: no invitation was sent" in response.content.decode()
    assert mail.outbox == []

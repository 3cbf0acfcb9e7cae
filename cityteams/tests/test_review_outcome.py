"""The secretariat decides on a city's change: what the e-mail links to and what the admin says.

The site is the demo loader's (its home pages and its Site record), served as `bin/start`
serves it with PORT=8055, so that the approval e-mail's links are those a developer gets.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, WorkflowState

from cityprofiles.models import CityIndexPage
from cityprofiles.tests import builders
from cityprofiles.tests.test_admin_form import form_data
from cityteams.onboarding import onboard
from cityteams.roles import SECRETARIAT, ensure_roles
from home import demo

pytestmark = pytest.mark.django_db
User = get_user_model()
SERVED_AT = "http://127.0.0.1:8055"


@pytest.fixture
def barcelona(settings):
    settings.WAGTAILADMIN_BASE_URL = SERVED_AT  # bin/start exports it from PORT
    demo.ensure_locales([("en", "English")])
    home, _created = demo.ensure_home_pages()
    directory = CityIndexPage(title="Members", slug="cities", locale=home.locale)
    home.add_child(instance=directory)
    directory.save_revision().publish()
    page = builders.profile(directory, "Barcelona", slug="barcelona", member_key="barcelona-es")
    page.save_revision().publish()
    ensure_roles()
    return page


@pytest.fixture
def secretariat():
    user = User.objects.create_user("sec", "sec@example.org", "pw-123456789", first_name="Sam")
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


def submit_change(client, page, summary):
    _team, editor, _invited = onboard(page, "editor@barcelona.example.org")
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        form_data(page, summary=summary, **{"action-submit": "Submit"}),
        follow=True,  # the editor's own messages are shown, not left for the next user
    )
    assert response.status_code == 200
    return editor, WorkflowState.objects.for_instance(page).get()


def decide_in_the_editor(client, page, action, comment):
    """The secretariat's choice in the page editor's action menu, as its modal posts it."""
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        form_data(
            page,
            summary=Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().summary,
            **{
                "action-workflow-action": "true",
                "workflow-action-name": action,
                "workflow-action-extra-data": f'{{"comment": "{comment}"}}',
            },
        ),
        follow=True,
    )


def links_in(text):
    return re.findall(r"https?://[^\s\"<>]+", text)


def test_the_approval_email_links_to_the_running_site(client, barcelona, secretariat):
    editor, state = submit_change(client, barcelona, "Updated by the city")
    client.force_login(secretariat)
    mail.outbox.clear()
    decide_in_the_editor(client, barcelona, "approve", "Thank you")
    state.refresh_from_db()
    assert state.status == "approved"

    to_editor = [message for message in mail.outbox if message.to == [editor.email]]
    assert to_editor, [message.subject for message in mail.outbox]
    body = to_editor[0].body
    html = to_editor[0].alternatives[0].content if to_editor[0].alternatives else ""
    links = links_in(body) + links_in(html)
    page_links = [link for link in links if "/cities/barcelona/" in link]
    assert page_links, links  # "You can view the page here"
    assert all(link.startswith(SERVED_AT + "/") for link in links), links
    # The link works on the running site: the path is the published profile.
    client.logout()
    path = page_links[0][len(SERVED_AT) :]
    response = client.get(path)
    assert response.status_code == 200
    assert "Updated by the city" in response.content.decode()


def test_approving_says_the_change_is_published(client, barcelona, secretariat):
    submit_change(client, barcelona, "Updated by the city")
    client.force_login(secretariat)
    response = decide_in_the_editor(client, barcelona, "approve", "Thank you")
    shown = [str(message).strip() for message in response.context["messages"]]
    assert shown == ["Approved and published: the changes to “Barcelona” are on the public site."]
    assert "has been updated" not in response.content.decode()


def test_requesting_changes_says_nothing_was_published(client, barcelona, secretariat):
    submit_change(client, barcelona, "Needs work")
    client.force_login(secretariat)
    response = decide_in_the_editor(client, barcelona, "reject", "Please add your 2025 figures")
    shown = [str(message).strip() for message in response.context["messages"]]
    assert shown == [
        "Changes requested: “Barcelona” goes back to its editors with your comment. "
        "Nothing was published."
    ]
    client.logout()
    assert "Needs work" not in client.get(barcelona.url).content.decode()


def test_the_outcome_is_said_in_the_secretariats_language(client, barcelona, secretariat):
    from wagtail.users.models import UserProfile

    submit_change(client, barcelona, "Mis à jour par la ville")
    profile = UserProfile.get_for_user(secretariat)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(secretariat)
    response = decide_in_the_editor(client, barcelona, "approve", "Merci")
    shown = [str(message).strip() for message in response.context["messages"]]
    with translation.override("fr"):
        expected = translation.gettext(
            "Approved and published: the changes to “%(title)s” are on the public site."
        ) % {"title": "Barcelona"}
    assert expected != "Approved and published: the changes to “Barcelona” are on the public site."
    assert shown == [expected]

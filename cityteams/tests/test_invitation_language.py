"""A city editor's invitation is written in their language, the campaign's name included."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from cityprofiles.tests import builders
from cityteams.onboarding import invite
from joining.tests.test_emails_in_the_applicants_language import CAMPAIGN

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["fr", "es", "ar"])
def test_the_invitation_names_the_campaign_in_the_editors_language(code):
    _homes, directories = builders.site_tree()
    profile = builders.profile(directories["en"], "Barcelona", slug="barcelona")
    user = get_user_model().objects.create_user("editor", "editor@barcelona.example.org")
    assert invite(user, profile, code)
    (invitation,) = mail.outbox
    assert CAMPAIGN[code] in invitation.body
    assert "Human Rights Cities" not in invitation.body
    assert "Hello" not in invitation.body and "Choose your password" not in invitation.body

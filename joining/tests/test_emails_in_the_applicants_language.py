"""The applicant's confirmation is written wholly in the language of the form they used,
the campaign's own name included (it was English in every language)."""

import pytest
from django.core import mail

from . import builders
from .builders import application_data, url

pytestmark = pytest.mark.django_db

CAMPAIGN = {
    "en": "10, 100, 1000 Human Rights Cities and Territories by 2030",
    "fr": "10, 100, 1000 Villes et territoires des droits humains d’ici 2030",
    "es": "10, 100, 1000 Ciudades y territorios de derechos humanos para 2030",
    "ar": "10، 100، 1000 مدينة وإقليم لحقوق الإنسان بحلول عام 2030",
}
# Words of the English message that must not be left in a translated one.
ENGLISH = ("Human Rights Cities", "Dear", "Thank you", "secretariat", "Your key initiatives")


@pytest.fixture
def site():
    return builders.join_site()


@pytest.mark.parametrize("code", ["fr", "es", "ar"])
def test_the_confirmation_names_the_campaign_in_the_applicants_language(client, site, code):
    assert client.post(url(code), application_data()).status_code == 302
    (confirmation,) = mail.outbox
    assert confirmation.extra_headers["Content-Language"] == code
    assert CAMPAIGN[code] in confirmation.body
    for words in ENGLISH:
        assert words not in confirmation.subject + confirmation.body, words


def test_the_english_confirmation_keeps_the_english_name(client, site):
    assert client.post(url("en"), application_data()).status_code == 302
    (confirmation,) = mail.outbox
    assert CAMPAIGN["en"] in confirmation.body

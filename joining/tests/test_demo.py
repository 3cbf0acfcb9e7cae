import io

import pytest
from django.core.management import call_command

from joining.models import Application, JoinPage

pytestmark = pytest.mark.django_db


def test_demo_builds_the_join_page_in_every_language_and_one_application(client):
    # A second run changing nothing is checked for every step in tests/test_demo_loader.py.
    call_command("load_demo", stdout=io.StringIO())
    languages = set(JoinPage.objects.live().values_list("locale__language_code", flat=True))
    assert JoinPage.objects.get(locale__language_code="es").url == "/es/sumarse-a-la-campana/"
    assert languages == {"en", "fr", "es", "ar"}
    assert JoinPage.objects.count() == 4
    assert Application.objects.count() == 1
    for page in JoinPage.objects.live():
        response = client.get(page.url)
        assert response.status_code == 200
        code = page.locale.language_code
        assert b"Strengthening Local Public Services" in response.content or code != "en"

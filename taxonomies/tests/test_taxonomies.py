import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale

from cityprofiles.tests import builders
from taxonomies.models import Theme, Wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("secretariat", "s@example.org", "pw-123456789")
    client.force_login(user)
    return client


@pytest.fixture
def housing_in_use():
    _homes, directories = builders.site_tree(languages=("en", "fr"))
    housing = builders.theme("housing", "Housing")
    builders.profile(directories["en"], "Barcelona", themes=[housing], slug="barcelona")
    return housing


def delete_url(instance):
    return reverse(instance.snippet_viewset.get_url_name("delete"), args=[instance.pk])


def test_deleting_a_theme_in_use_is_refused_with_the_reason(admin_client, housing_in_use):
    response = admin_client.post(delete_url(housing_in_use), follow=True)
    assert Theme.objects.filter(pk=housing_in_use.pk).exists()
    messages = [str(m) for m in response.context["messages"]]
    assert any("cannot be deleted" in m and "Barcelona" in m for m in messages), messages


def test_bulk_deleting_themes_in_use_is_refused(admin_client, housing_in_use):
    unused = builders.theme("water", "Water")
    url = reverse("wagtail_bulk_action", args=("taxonomies", "theme", "delete"))
    admin_client.post(f"{url}?id={housing_in_use.pk}&id={unused.pk}", {"next": "/admin/"})
    assert Theme.objects.filter(pk=housing_in_use.pk).exists()


def test_deleting_an_unused_theme_works(admin_client, housing_in_use):
    unused = builders.theme("water", "Water")
    admin_client.post(delete_url(unused))
    assert not Theme.objects.filter(pk=unused.pk).exists()


def test_deleting_a_wave_in_use_is_refused(admin_client):
    _homes, directories = builders.site_tree(languages=("en",))
    wave = builders.wave(1)
    builders.profile(directories["en"], "Vienna", wave=wave)
    admin_client.post(delete_url(wave))
    assert Wave.objects.filter(pk=wave.pk).exists()


def test_current_wave_is_the_latest_launched_in_the_visitors_language():
    import datetime

    builders.site_tree(languages=("en", "fr"))
    builders.wave(3, year=2024)
    latest = builders.wave(4, year=2025, slogan="Caring cities")
    builders.wave(5, year=2099, slogan="Not launched yet", launch=datetime.date(2099, 1, 1))
    french = latest.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.slogan = "Villes solidaires"
    french.save()
    assert Wave.current(Locale.objects.get(language_code="fr")).slogan == "Villes solidaires"
    assert Wave.current(Locale.objects.get(language_code="en")).slogan == "Caring cities"


@pytest.mark.parametrize(
    "model_name",
    [
        "wave",
        "theme",
        "charterright",
        "frameworkpillar",
        "sustainabledevelopmentgoal",
        "rightsholdergroup",
    ],
)
def test_every_vocabulary_can_be_listed_and_added_in_the_admin(admin_client, model_name):
    builders.site_tree(languages=("en",))
    for action in ("list", "add"):
        url = reverse(f"wagtailsnippets_taxonomies_{model_name}:{action}")
        assert admin_client.get(url).status_code == 200, url

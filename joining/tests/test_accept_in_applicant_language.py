"""The demo's French application, accepted through the secretariat's admin: a French profile,
previewable at once, and, once published, a member like any other in every language."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from wagtail.models import Locale

from cityprofiles.counters import member_counters
from cityprofiles.models import CityProfilePage
from initiatives.models import InitiativePage
from joining import demo
from joining.models import Application, ApplicationStatus

from . import builders

pytestmark = pytest.mark.django_db
NAME = demo.DEMO_APPLICATION["government_name"]
ANSWER = "La commune est le premier service public"


@pytest.fixture
def site():
    return builders.join_site(languages=("en", "fr", "es"))


@pytest.fixture
def accepted(client, site, django_capture_on_commit_callbacks):
    """The demo application, taken into review and accepted through the admin's views."""
    assert demo.ensure_demo_application() == 1
    application = Application.objects.get(government_name=NAME)
    assert application.language == "fr"
    client.force_login(builders.secretariat_user())
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("joining_take_into_review", args=[application.pk])).status_code
        response = client.post(reverse("joining_accept", args=[application.pk]), follow=True)
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    return application


def test_the_profile_and_its_initiatives_are_made_in_french(accepted, site):
    profile = CityProfilePage.objects.get(pk=accepted.profile_id)
    french = Locale.objects.get(language_code="fr")
    assert profile.locale == french
    assert profile.get_parent().specific == site.directories["fr"]
    assert profile.title == NAME and not profile.live
    assert profile.url_path.startswith(site.directories["fr"].url_path)
    initiatives = InitiativePage.objects.child_of(profile)
    assert sorted(initiatives.values_list("title", flat=True)) == sorted(
        title for title, _description in demo.DEMO_INITIATIVES
    )
    assert {page.locale_id for page in initiatives} == {french.pk}
    # Nothing of it in the English tree.
    assert not CityProfilePage.objects.filter(locale__language_code="en").exists()
    assert not InitiativePage.objects.filter(locale__language_code="en").exists()


def test_the_secretariat_previews_the_new_draft_in_french(client, accepted):
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[accepted.profile_id]))
    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r'<html lang="fr"', body)
    assert NAME in body and ANSWER in body
    # The draft's theme, shown in the profile's language.
    assert "Logement" in body


def test_the_invitation_is_in_the_applicants_language_and_remembered(accepted):
    from wagtail.users.models import UserProfile

    (invitation,) = mail.outbox
    assert invitation.to == [demo.DEMO_APPLICATION["focal_email"]]
    assert "/admin/password_reset/confirm/" in invitation.body
    editor = CityProfilePage.objects.get(pk=accepted.profile_id)
    profile = UserProfile.objects.get(user__email=demo.DEMO_APPLICATION["focal_email"])
    assert profile.preferred_language == "fr"
    assert editor.permissions_for_user(profile.user).can_edit()


def publish(accepted):
    profile = CityProfilePage.objects.get(pk=accepted.profile_id)
    profile.get_latest_revision().publish()
    for initiative in InitiativePage.objects.child_of(profile):
        initiative.get_latest_revision().publish()
    return CityProfilePage.objects.get(pk=profile.pk)


def test_once_published_it_is_a_member_in_every_language(client, accepted):
    profile = publish(accepted)
    client.logout()
    slug = profile.slug

    french = client.get(f"/fr/cities/{slug}/")
    assert french.status_code == 200
    assert '<html lang="fr"' in french.content.decode()
    for code in ("en", "es"):
        # Its address in a language it is not translated into shows the French profile
        # in that language's site.
        response = client.get(f"/{code}/cities/{slug}/")
        assert response.status_code == 200
        assert f'<html lang="{code}"' in response.content.decode()
        # The directory lists it once, in French, at that address.
        directory = client.get(f"/{code}/cities/").content.decode()
        assert directory.count(f'href="/{code}/cities/{slug}/"') == 1
        counters = member_counters(Locale.objects.get(language_code=code))
        assert counters["total"] == 1
    # Its initiatives are found by the French search (with French stemming on PostgreSQL).
    word = "maisons" if connection.vendor == "postgresql" else "maison"
    search = client.get("/fr/recherche/", {"q": word})
    assert search.status_code == 200
    assert "Maison des droits" in search.content.decode()


def test_the_focal_point_signs_in_and_starts_from_my_city(accepted):
    """Through the invitation's link: a password, the admin (in French), and "My city" with
    the French profile, its initiatives, and the way to add one under the French profile."""
    from bs4 import BeautifulSoup
    from django.test import Client

    (invitation,) = mail.outbox
    link = re.search(r"http://testserver(/admin/password_reset/confirm/\S+/)", invitation.body)
    focal_point = Client()
    form_url = focal_point.get(link.group(1))["Location"]
    password = "un-Mot-de-passe-tres-long-1"
    response = focal_point.post(form_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    email = demo.DEMO_APPLICATION["focal_email"]
    assert focal_point.post("/admin/login/", {"username": email, "password": password}).status_code
    response = focal_point.get("/admin/")
    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    assert document.html["lang"] == "fr"  # their admin language, from the application
    (section,) = document.select("section.my-city")
    assert NAME in section.find("h2").get_text()
    profile = CityProfilePage.objects.get(pk=accepted.profile_id)
    assert section.select_one("a[data-add-initiative]")["href"] == reverse(
        "wagtailadmin_pages:add", args=("initiatives", "initiativepage", profile.pk)
    )
    assert section.select_one("dd[data-review-state]")["data-review-state"] == "draft"
    draft = section.select_one(
        f'a[href="{reverse("wagtailadmin_pages:view_draft", args=[profile.pk])}"]'
    )
    assert draft is not None
    titles = [row.th.get_text(strip=True) for row in section.select("tr[data-initiative]")]
    assert sorted(titles) == sorted(title for title, _description in demo.DEMO_INITIATIVES)
    french = section.select_one(
        f'tr[data-translations="profile-{profile.pk}"] td[data-language="fr"]'
    )
    assert french["data-translation-state"] == "original"
    english = section.select_one(
        f'tr[data-translations="profile-{profile.pk}"] td[data-language="en"]'
    )
    assert english["data-translation-state"] == "missing"
    # Their own preview of the draft works too.
    preview = focal_point.get(draft["href"])
    assert preview.status_code == 200 and ANSWER in preview.content.decode()

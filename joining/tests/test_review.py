"""The secretariat's review: list, filters, inspection, and the decisions, each recorded."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from wagtail.models import Locale

from cityprofiles.models import CityProfilePage
from cityteams.models import CityTeam
from initiatives.models import InitiativePage
from joining.models import Application, ApplicationEvent, ApplicationStatus
from joining.review import ReviewError, accept

from . import builders

pytestmark = pytest.mark.django_db
User = get_user_model()
INDEX = "/admin/joining/application/"


def inspect_url(application):
    return reverse("joining_application_modeladmin_inspect", args=[application.pk])


def test_secretariat_lists_filters_and_searches_applications(client, site, reviewer, html):
    builders.application(site.wave, government_name="Ville de Test")
    builders.application(
        site.wave, government_name="Ciudad de Prueba", country="MX", region="latin-america"
    )
    declined = builders.application(None, government_name="Refusée", status="declined")
    document = html(client.get(INDEX))
    names = [
        td.find("a").get_text(strip=True) for td in document.select("td.field-government_name")
    ]
    assert sorted(names) == ["Ciudad de Prueba", "Refusée", "Ville de Test"]

    def listed(query):
        response = client.get(INDEX + query)
        assert response.status_code == 200
        document = html(response)
        return {
            td.find("a").get_text(strip=True) for td in document.select("td.field-government_name")
        }

    assert listed("?status__exact=declined") == {"Refusée"}
    assert listed(f"?wave__id__exact={site.wave.pk}") == {"Ville de Test", "Ciudad de Prueba"}
    assert listed("?region__exact=latin-america") == {"Ciudad de Prueba"}
    assert listed("?country=MX") == {"Ciudad de Prueba"}
    assert listed("?q=ciudad") == {"Ciudad de Prueba"}
    assert listed("?q=focal@ville-de-test") == {"Ville de Test", "Ciudad de Prueba", "Refusée"}
    # The wave filter offers the default-language waves only, not one per language.
    wave_filter = client.get(INDEX).content.decode()
    assert wave_filter.count(f"wave__id__exact={site.wave.pk}") == 1
    assert declined.pk


@pytest.mark.parametrize(
    "query",
    [
        "?status__exact=bogus",
        "?wave__id__exact=abc",
        "?nonsense=1",
        "?o=99",
        "?o=abc",
        "?p=zz",
        "?p=9999",
        "?country=<x>",
        "?status=new",
        "?events__user__password__startswith=md5",
        "?focal_email__startswith=focal",
    ],
)
def test_bad_or_unknown_filters_get_an_answer_never_a_500(client, site, reviewer, query):
    builders.application(site.wave)
    response = client.get(INDEX + query, follow=True)
    assert response.status_code == 200


def test_free_lookups_are_refused_not_applied(client, site, reviewer):
    builders.application(site.wave)
    response = client.get(INDEX + "?events__user__password__startswith=md5")
    assert response.status_code == 302
    assert response["Location"] == INDEX


def test_inspecting_shows_everything_escaped(client, site, reviewer, html):
    application = builders.application(
        site.wave,
        government_name="<script>alert('x')</script>Ville",
        why_essential="<img src=x onerror=alert(1)>",
    )
    response = client.get(inspect_url(application))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert('x')</script>" not in content
    assert "<img src=x onerror" not in content
    assert "&lt;script&gt;" in content
    document = html(response)
    assert "Maison des droits 1" in document.get_text()
    assert "focal@ville-de-test.example.org" in document.get_text()  # the secretariat sees it
    assert document.find("form", action=reverse("joining_accept", args=[application.pk]))


def test_taking_into_review_is_recorded(client, site, reviewer):
    application = builders.application(site.wave)
    response = client.post(reverse("joining_take_into_review", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    event = application.events.last()
    assert (event.action, event.user) == (ApplicationEvent.Action.IN_REVIEW, reviewer)


def test_accepting_creates_the_draft_profile_initiatives_and_editor_once(
    client, site, reviewer, django_capture_on_commit_callbacks
):
    housing = builders.default_theme("housing")
    application = builders.application(site.wave, themes=[housing], initiatives=2)
    accept_url = reverse("joining_accept", args=[application.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(accept_url)
        second = client.post(accept_url)  # the double click
    assert first.status_code == second.status_code == 302

    profile = CityProfilePage.objects.get()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.profile_id == profile.pk
    assert not profile.live
    # Written in French: a French profile, in the French members directory.
    assert profile.locale == Locale.objects.get(language_code="fr")
    assert profile.get_parent().specific == site.directories["fr"]
    assert profile.wave == site.wave
    assert (profile.title, profile.country.code, profile.region) == (
        "Ville de Test",
        "FR",
        "europe",
    )
    assert (profile.leader_name, profile.term_start, profile.term_end) == (
        "Camille Martin",
        2020,
        2026,
    )
    assert list(profile.themes.all()) == [housing]
    answers = {block.block_type: block.value.source for block in profile.vision}
    assert answers["why_essential"].count("<p>") == 2  # paragraphs kept
    assert list(answers) == ["why_essential", "why_framework", "expectations"]  # in order
    assert profile.get_latest_revision().user == reviewer

    initiatives = InitiativePage.objects.child_of(profile)
    assert initiatives.count() == 2
    assert set(initiatives.values_list("locale__language_code", flat=True)) == {"fr"}
    assert not initiatives.filter(live=True).exists()
    assert set(initiatives.values_list("city", flat=True)) == {profile.pk}

    editor = User.objects.get(email="focal@ville-de-test.example.org")
    team = CityTeam.objects.get(profile_translation_key=profile.translation_key)
    assert team.group in editor.groups.all()
    assert profile.permissions_for_user(editor).can_edit()
    assert len(mail.outbox) == 1  # one invitation, not two

    events = list(application.events.values_list("action", "user"))
    assert events == [("created", None), ("accepted", reviewer.pk)]
    assert CityTeam.objects.count() == 1 and User.objects.count() == 2


def test_accept_is_post_only(client, site, reviewer):
    application = builders.application(site.wave)
    assert client.get(reverse("joining_accept", args=[application.pk])).status_code == 405
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEW
    assert CityProfilePage.objects.count() == 0


def test_declining_records_the_reason_and_who(client, site, reviewer):
    application = builders.application(site.wave)
    decline_url = reverse("joining_decline", args=[application.pk])
    assert client.get(decline_url).status_code == 200
    empty = client.post(decline_url, {"reason": ""})
    assert empty.status_code == 200  # the form again: a reason is required
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEW

    client.post(decline_url, {"reason": "Not a local or regional government."})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert application.decline_reason == "Not a local or regional government."
    event = application.events.last()
    assert (event.action, event.user, event.note) == (
        "declined",
        reviewer,
        "Not a local or regional government.",
    )
    # A declined application is not accepted by a stray click.
    client.post(reverse("joining_accept", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert CityProfilePage.objects.count() == 0


def test_an_oversized_decline_reason_is_refused(client, site, reviewer, html):
    application = builders.application(site.wave)
    response = client.post(
        reverse("joining_decline", args=[application.pk]), {"reason": "x" * 2001}
    )
    assert response.status_code == 200
    assert "at most 2000 characters" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEW


def test_a_member_that_already_exists_is_not_created_twice(client, site, reviewer):
    from cityprofiles.tests import builders as profiles

    profiles.profile(site.directories["en"], "Ville de Test", country="FR")
    application = builders.application(site.wave)
    response = client.post(reverse("joining_accept", args=[application.pk]), follow=True)
    assert "already" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEW
    assert application.events.count() == 1
    assert CityProfilePage.objects.count() == 1
    assert not User.objects.filter(email=application.focal_email).exists()


def test_accepting_twice_in_code_returns_the_first_result(site):
    reviewer = builders.secretariat_user()
    application = builders.application(site.wave)
    first, created = accept(application.pk, reviewer)
    again, created_again = accept(application.pk, reviewer)
    assert (created, created_again) == (True, False)
    assert again.profile_id == first.profile_id
    with pytest.raises(ReviewError):
        from joining.review import decline

        decline(application.pk, reviewer, "Too late")
    assert Application.objects.get().status == ApplicationStatus.ACCEPTED


def test_an_application_in_a_language_without_a_directory_is_refused_clearly(
    client, site, reviewer
):
    """The site of these tests has English and French only: a Spanish application cannot
    have its Spanish profile yet, and is not given an English one instead."""
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code="es")
    application = builders.application(site.wave, language="es")
    response = client.post(reverse("joining_accept", args=[application.pk]), follow=True)
    assert response.status_code == 200
    assert "no members directory in “Español”" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEW
    assert CityProfilePage.objects.count() == 0
    assert not User.objects.filter(email=application.focal_email).exists()


def test_an_english_application_makes_an_english_profile(site):
    application = builders.application(site.wave, language="en")
    accepted, _created = accept(application.pk, builders.secretariat_user())
    profile = CityProfilePage.objects.get(pk=accepted.profile_id)
    assert profile.locale.language_code == "en"
    assert profile.get_parent().specific == site.directories["en"]

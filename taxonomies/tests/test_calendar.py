"""The campaign's calendar drives every call to join: the site run on three days — before the
fourth wave's call opens, while it is open, after it closed — says the same thing on the home
page's join panel and on the join page, in the page's language; the menu states no date; a
kept page never outlives the day; and the call's dates are checked in the admin."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale

from home.models import HomePage
from joining.models import Application
from joining.tests import builders
from joining.tests.builders import application_data, url
from taxonomies import calendar
from taxonomies.models import Wave

pytestmark = pytest.mark.django_db

BEFORE_OPENING = "2025-11-20"
DURING = "2026-03-01"
CLOSING_DAY = "2026-06-25"
AFTER_CLOSING = "2026-12-01"

# What every place must say on each day, as a reader of each language reads it.
EXPECTED = {
    BEFORE_OPENING: {
        "en": "The call for wave 4 opens on Dec. 10, 2025.",
        "fr": "L’appel de la vague 4 s’ouvre le 10 décembre 2025.",
        "ar": "تُفتح دعوة الموجة 4 في 10 ديسمبر، 2025.",
    },
    DURING: {
        "en": "Forms are due by June 25, 2026.",
        "fr": "Les formulaires sont à envoyer avant le 25 juin 2026.",
        "ar": "آخر موعد لإرسال الاستمارات هو 25 يونيو، 2026.",
    },
    AFTER_CLOSING: {
        "en": "The call for wave 4 closed on June 25, 2026.",
        "fr": "L’appel de la vague 4 a pris fin le 25 juin 2026.",
        "ar": "أُغلقت دعوة الموجة 4 في 25 يونيو، 2026.",
    },
}
# Every other day's sentence, which must appear nowhere that day.
ALL_SENTENCES = {sentence for day in EXPECTED.values() for sentence in day.values()}
STATES = {BEFORE_OPENING: calendar.BEFORE, DURING: calendar.OPEN, AFTER_CLOSING: calendar.CLOSED}


@pytest.fixture
def site():
    cache.clear()
    site = builders.join_site()
    for code, stale in site.homes.items():
        home = HomePage.objects.get(pk=stale.pk)  # the tree has grown since it was built
        home.join_heading = "Join the fourth wave"
        home.join_page = site.pages[code]
        home.save_revision().publish()
    return site


def places(client, html, code):
    """The text of every place that invites a government to join, on the pages of ``code``."""
    home = html(client.get(f"/{code}/"))
    join = html(client.get(url(code)))

    def text(document, selector):
        found = document.select_one(selector)
        return found.get_text(" ", strip=True) if found else ""

    return {
        "home panel": text(home, "section.join"),
        "join page": text(join, "section.join"),
        "join steps": text(join, ".join-guide__steps"),
        "menu": text(home, ".site-nav"),
        "states": {p["data-call-state"] for p in home.select("[data-call-state]")}
        | {p["data-call-state"] for p in join.select("[data-call-state]")},
    }


@pytest.mark.parametrize("day", [BEFORE_OPENING, DURING, AFTER_CLOSING])
@pytest.mark.parametrize("code", ["en", "fr", "ar"])
def test_every_place_says_the_same_on_each_day(client, site, html, settings, day, code):
    settings.CAMPAIGN_TODAY = day
    found = places(client, html, code)
    assert found["menu"] and found["join steps"]  # the places are there to compare
    expected = EXPECTED[day][code]
    assert expected in found["home panel"]
    assert expected in found["join page"]
    assert found["states"] == {STATES[day]}
    for place in ("home panel", "join page", "join steps", "menu"):
        for other in ALL_SENTENCES - {expected}:
            assert other not in found[place], (place, other)
    # The menu names pages, never a date that could go stale.
    assert "2025" not in found["menu"] and "2026" not in found["menu"]


def test_the_steps_give_the_due_date_only_while_the_call_is_open(client, site, html, settings):
    settings.CAMPAIGN_TODAY = DURING
    steps = html(client.get(url("en"))).select_one(".join-guide__steps").get_text(" ", strip=True)
    assert "Send it by June 25, 2026." in steps
    settings.CAMPAIGN_TODAY = AFTER_CLOSING
    steps = html(client.get(url("en"))).select_one(".join-guide__steps").get_text(" ", strip=True)
    assert "June 25, 2026" not in steps
    assert "The secretariat reviews your application" in steps


def test_the_closing_day_is_still_open_and_the_next_day_is_not(client, site, html, settings):
    settings.CAMPAIGN_TODAY = CLOSING_DAY
    assert "Forms are due by June 25, 2026." in places(client, html, "en")["home panel"]
    settings.CAMPAIGN_TODAY = "2026-06-26"
    assert "closed on June 25, 2026" in places(client, html, "en")["home panel"]


def test_after_the_closing_the_join_page_says_what_an_applicant_can_do(
    client, site, html, settings
):
    settings.CAMPAIGN_TODAY = AFTER_CLOSING
    join = html(client.get(url("fr"))).select_one("section.join").get_text(" ", strip=True)
    assert "Vous pouvez encore présenter votre candidature" in join
    # …and the form takes it, filed under the wave that closed (none is announced after it).
    response = client.post(url("fr"), application_data())
    assert response.status_code == 302
    assert Application.objects.get().wave == site.wave


@pytest.mark.parametrize("third_closes", [datetime.date(2025, 3, 31), None])
def test_before_the_opening_an_application_is_filed_under_the_announced_wave(
    client, site, html, settings, third_closes
):
    # Whether the previous call closed on a date or never had one, the announced call is news.
    third = builders.builders.wave(3, year=2024, slogan="Caring cities")
    third.application_deadline = third_closes
    third.save()
    settings.CAMPAIGN_TODAY = BEFORE_OPENING
    panel = places(client, html, "en")["home panel"]
    assert "The call for wave 4 opens on Dec. 10, 2025." in panel
    assert "Strengthening Local Public Services" in panel  # the announced wave's slogan
    assert "You can already send your application" in panel
    assert client.post(url("en"), application_data()).status_code == 302
    assert Application.objects.get().wave == site.wave


def test_a_call_without_a_closing_date_stays_open(client, site, html, settings):
    Wave.objects.filter(pk=site.wave.pk).update(application_deadline=None)
    settings.CAMPAIGN_TODAY = AFTER_CLOSING
    found = places(client, html, "en")
    assert "The call for wave 4 is open." in found["home panel"]
    assert "The call for wave 4 is open." in found["join page"]


def test_without_any_wave_nothing_states_a_date_and_the_form_still_works(
    client, site, html, settings
):
    Wave.objects.all().delete()
    found = places(client, html, "en")
    assert found["states"] == set()
    assert "2025" not in found["home panel"] + found["join steps"]
    assert "2026" not in found["home panel"] + found["join steps"]
    assert "You can apply at any time" in html(client.get(url("en"))).get_text(" ", strip=True)
    assert client.post(url("en"), application_data()).status_code == 302
    assert Application.objects.get().wave is None


def test_dates_come_from_the_source_even_when_a_translation_lags(client, site, html, settings):
    # A French row whose synchronised date was not updated yet must not make French readers
    # see another deadline than English ones.
    Wave.objects.filter(locale__language_code="fr").update(
        application_deadline=datetime.date(2026, 12, 31)
    )
    settings.CAMPAIGN_TODAY = AFTER_CLOSING
    assert EXPECTED[AFTER_CLOSING]["fr"] in places(client, html, "fr")["home panel"]


def test_a_kept_home_page_does_not_outlive_the_closing(client, site, html, settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.CAMPAIGN_TODAY = CLOSING_DAY
    first = client.get("/en/")
    assert first["X-Page-Cache"] == "miss"
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    settings.CAMPAIGN_TODAY = "2026-06-26"
    after = client.get("/en/")
    assert after["X-Page-Cache"] == "miss"
    assert "closed on June 25, 2026" in html(after).select_one("section.join").get_text()


def test_the_presentation_is_linked_from_the_join_page_when_set(client, site, html):
    steps = html(client.get(url("en"))).select_one(".join-guide__steps")
    assert steps.find("a") is None
    document = get_document_model().objects.create(
        title="Campaign presentation", file=ContentFile(b"%PDF-1.4 demo", name="campaign.pdf")
    )
    Wave.objects.filter(translation_key=site.wave.translation_key).update(presentation=document)
    link = html(client.get(url("fr"))).select_one(".join-guide__steps a")
    assert link["href"] == document.url
    assert link.get_text(strip=True) == "Voir la présentation de la campagne"


def test_a_call_closing_before_it_opens_is_refused_in_the_admin(client, site, html):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    edit = reverse("wagtailsnippets_taxonomies_wave:edit", args=[site.wave.pk])
    data = {
        "key": "wave-4",
        "number": "4",
        "year": "2025",
        "launch_date": "2025-12-10",
        "application_deadline": "2025-12-01",
        "slogan": site.wave.slogan,
        "description": "",
        "presentation": "",
    }
    response = client.post(edit, data)
    assert response.status_code == 200
    assert "The call cannot close before it opens" in response.content.decode()
    site.wave.refresh_from_db()
    assert site.wave.application_deadline == datetime.date(2026, 6, 25)
    data["application_deadline"] = "2026-07-15"
    assert client.post(edit, data).status_code == 302
    site.wave.refresh_from_db()
    assert site.wave.application_deadline == datetime.date(2026, 7, 15)


def test_a_badly_written_campaign_today_is_a_clear_configuration_error(settings):
    settings.CAMPAIGN_TODAY = "1 December 2026"
    (error,) = calendar.check_campaign_today(None)
    assert "YYYY-MM-DD" in error.msg and "1 December 2026" in error.msg
    settings.CAMPAIGN_TODAY = None
    assert calendar.check_campaign_today(None) == []
    assert calendar.today() == timezone.localdate()


def test_the_data_migration_fills_only_the_known_empty_deadline():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("taxonomies.migrations.0004_known_dates_of_the_campaigns_waves")
    default = Locale.get_default()
    known = Wave.objects.create(
        locale=default, key="wave-4", number=4, year=2025, launch_date="2025-12-10"
    )
    other = Wave.objects.create(
        locale=default, key="wave-3", number=3, year=2024, launch_date="2024-10-10"
    )
    reused = Wave.objects.create(
        locale=Locale.objects.get_or_create(language_code="fr")[0],
        key="wave-4",
        number=4,
        year=2027,
        launch_date="2027-01-01",
    )
    migration.fill_known_deadlines(apps, None)
    known.refresh_from_db(), other.refresh_from_db(), reused.refresh_from_db()
    assert known.application_deadline == datetime.date(2026, 6, 25)
    assert other.application_deadline is None
    assert reused.application_deadline is None


def test_the_dates_and_the_presentation_reach_translations_through_wagtail_localize(site):
    from wagtail_localize.models import TranslationSource

    document = get_document_model().objects.create(
        title="Campaign presentation", file=ContentFile(b"%PDF-1.4 demo", name="campaign.pdf")
    )
    source_wave = Wave.objects.get(pk=site.wave.pk)
    source_wave.presentation = document
    source_wave.application_deadline = datetime.date(2026, 7, 10)
    source_wave.save()
    source, _created = TranslationSource.update_or_create_from_instance(source_wave)
    spanish = Locale.objects.get(language_code="es")
    # The slogan is not translated yet: it stays the source's until a translator writes it.
    source.create_or_update_translation(spanish, fallback=True)
    translated = Wave.objects.get(translation_key=source_wave.translation_key, locale=spanish)
    assert translated.application_deadline == datetime.date(2026, 7, 10)
    assert translated.presentation == document

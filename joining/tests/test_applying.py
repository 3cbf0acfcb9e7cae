"""Applying on the public site: stored, confirmed, in the applicant's language; errors that
keep what was typed; the honeypot, the rate limit, CSRF and a failing mail server."""

import logging
import socket

import pytest
from django import forms
from django.core import mail, validators
from django.test import Client, override_settings
from django.utils import translation
from django.utils.formats import date_format

from joining.models import Application, ApplicationEvent, ApplicationStatus

from . import builders
from .builders import application_data, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return builders.join_site()


def assert_written_in(language, body, submitted_at):
    """The submission date, written by Django's own catalogue and formats: the message was
    composed in ``language``, not in English."""
    with translation.override(language):
        expected = date_format(submitted_at, "DATE_FORMAT")
    with translation.override("en"):
        english = date_format(submitted_at, "DATE_FORMAT")
    assert expected != english
    assert expected in body and english not in body


def test_french_application_is_stored_and_confirmed_in_french(client, site, html, settings):
    settings.JOINING_NOTIFY_EMAILS = ["secretariat@example.org"]
    response = client.post(url("fr"), application_data(initiatives=2))
    assert response.status_code == 302
    assert response["Location"] == "/fr/join-the-campaign/thanks/"

    application = Application.objects.get()
    assert application.language == "fr"
    assert application.status == ApplicationStatus.NEW
    assert application.wave == site.wave  # the default-language row, as pages store it
    assert [t.key for t in application.themes.all()] == ["housing"]
    assert list(application.initiatives.values_list("title", flat=True)) == [
        "Maison des droits 1",
        "Maison des droits 2",
    ]
    assert application.confirmation_sent
    event = application.events.get()
    assert (event.action, event.user) == (ApplicationEvent.Action.CREATED, None)

    confirmation, notification = mail.outbox
    assert confirmation.to == ["focal@ville-de-test.example.org"]
    assert confirmation.extra_headers["Content-Language"] == "fr"
    assert_written_in("fr", confirmation.body, application.submitted_at)
    assert "Ville de Test" in confirmation.subject
    assert notification.to == ["secretariat@example.org"]
    assert f"/admin/joining/application/inspect/{application.pk}/" in notification.body

    page = client.get(response["Location"])
    assert page.status_code == 200
    document = html(page)
    assert document.html["lang"] == "fr"
    assert "Ville de Test" in document.find("main").get_text()
    assert document.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "no-store" in page["Cache-Control"]


def test_arabic_application_is_stored_and_confirmed_in_arabic(client, site, html):
    data = application_data(government_name="مدينة الاختبار", focal_name="سلمى")
    response = client.post(url("ar"), data)
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.language, application.government_name) == ("ar", "مدينة الاختبار")
    (confirmation,) = mail.outbox
    assert confirmation.extra_headers["Content-Language"] == "ar"
    assert "مدينة الاختبار" in confirmation.subject
    assert_written_in("ar", confirmation.body, application.submitted_at)
    document = html(client.get(response["Location"]))
    assert (document.html["lang"], document.html["dir"]) == ("ar", "rtl")
    assert "مدينة الاختبار" in document.find("main").get_text()


def test_join_page_shows_the_current_wave_in_the_visitors_language(client, site, html):
    french = html(client.get(url("fr"))).find(class_="join").get_text()
    assert builders.SLOGANS["fr"] in french
    assert "2026" in french and "juin" in french  # the deadline, in French
    spanish = html(client.get(url("es"))).find(class_="join").get_text()
    assert builders.SLOGANS["en"] in spanish  # untranslated: the source slogan, not nothing
    themes = [label.get_text(strip=True) for label in html(client.get(url("fr"))).select(
        ".join-field__choices label")]  # fmt: skip
    assert themes == ["Logement", "Water"]


def test_invalid_input_shows_errors_in_french_and_keeps_everything_typed(client, site, html):
    long_answer = "Une réponse longue et réfléchie. " * 100
    data = application_data(
        why_essential=long_answer,
        focal_email="pas-une-adresse",
        leader_name="",
        term_end="2010",
        **{"initiatives-1-title": "Sans description"},
    )
    response = client.post(url("fr"), data)
    assert response.status_code == 200
    assert Application.objects.count() == 0 and mail.outbox == []
    document = html(response)
    errors = {
        item.get("id"): item.get_text(" ", strip=True)
        for item in document.select(".join-field__errors")
    }
    with translation.override("fr"):
        required = str(forms.Field.default_error_messages["required"])
        invalid_email = str(validators.EmailValidator.message)
    assert required != "This field is required."  # Django's French catalogue, not English
    assert required in errors["id_leader_name_error"]
    assert invalid_email in errors["id_focal_email_error"]
    assert "id_term_end_error" in errors
    assert required in errors["id_initiatives-1-description_error"]
    # Each error is tied to its field, and the summary links to it.
    email = document.find(id="id_focal_email")
    assert "id_focal_email_error" in email["aria-describedby"]
    assert email["aria-invalid"] == "true"
    assert document.select_one('.join-form__summary a[href="#id_focal_email"]')
    # Nothing typed is lost.
    assert document.find(id="id_why_essential").get_text().strip() == long_answer.strip()
    assert email["value"] == "pas-une-adresse"
    assert document.find(id="id_initiatives-0-title")["value"] == "Maison des droits 1"
    assert document.find(id="id_initiatives-1-title")["value"] == "Sans description"
    assert document.find(id="id_country").find("option", selected=True)["value"] == "FR"
    assert document.find(id="id_themes_0").has_attr("checked")
    assert document.find(id="id_consent_to_publish").has_attr("checked")


def test_a_government_needs_its_country_region_and_consent(client, site, html):
    data = application_data(country="", region="", consent_to_publish=None)
    document = html(client.post(url("en"), data))
    assert document.find(id="id_country_error")
    assert document.find(id="id_region_error")
    assert document.find(id="id_consent_to_publish_error")
    assert Application.objects.count() == 0


def test_at_least_one_initiative_is_asked_for(client, site, html):
    document = html(client.post(url("en"), application_data(initiatives=0)))
    assert "at least one key initiative" in document.find(id="initiatives-error").get_text()
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    "field, size, limit",
    [
        ("government_name", 256, 255),
        ("why_essential", 5001, 5000),
        ("expectations", 5001, 5000),
        ("focal_position", 256, 255),
        ("initiatives-0-description", 601, 600),
        ("initiatives-0-title", 256, 255),
    ],
)
def test_oversized_fields_are_refused_with_a_clear_message(client, site, html, field, size, limit):
    response = client.post(url("en"), application_data(**{field: "x" * size}))
    assert response.status_code == 200
    error = html(response).find(id=f"id_{field}_error").get_text()
    assert f"Ensure this value has at most {limit} characters (it has {size})." in error
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    "overrides",
    [
        {"themes": ["no-such-theme"]},
        {"themes": ["1 OR 1=1"]},
        {"country": "ZZ"},
        {"member_type": "king"},
        {"region": "atlantis"},
        {"term_start": "abc"},
        {"term_start": "99999999999999999999"},
        {"initiatives-TOTAL_FORMS": "1000"},
        {"initiatives-TOTAL_FORMS": "many"},
        {"initiatives-TOTAL_FORMS": None, "initiatives-INITIAL_FORMS": None},
        {"focal_email": "a@" + "b" * 300 + ".org"},
    ],
)
def test_malformed_input_gets_the_form_again_never_a_500(client, site, html, overrides):
    response = client.post(url("en"), application_data(**overrides))
    assert response.status_code == 200
    assert html(response).select(".join-form__summary li")
    assert Application.objects.count() == 0


def test_an_oversized_request_is_a_400_not_a_500(client, site):
    response = client.post(url("en"), application_data(why_essential="x" * (6 * 1024 * 1024)))
    assert response.status_code == 400
    assert Application.objects.count() == 0


def test_honeypot_submission_looks_confirmed_but_is_never_stored(client, site, html):
    response = client.post(url("fr"), application_data(website="https://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == "/fr/join-the-campaign/thanks/"
    assert client.get(response["Location"]).status_code == 200
    assert Application.objects.count() == 0
    assert mail.outbox == []


def test_honeypot_is_hidden_from_people(client, site, html):
    trap = html(client.get(url("en"))).find(class_="join-form__trap")
    assert trap["aria-hidden"] == "true"
    assert trap.find("input")["tabindex"] == "-1"


def test_rate_limit_answers_429_in_the_visitors_language(client, site, html, settings):
    settings.JOINING_RATE_LIMIT = 2
    for number in range(2):
        data = application_data(government_name=f"Ville {number}")
        assert client.post(url("fr"), data, REMOTE_ADDR="203.0.113.5").status_code == 302
    refused = client.post(url("fr"), application_data(), REMOTE_ADDR="203.0.113.5")
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(settings.JOINING_RATE_WINDOW)
    document = html(refused)
    assert document.html["lang"] == "fr" and document.h1
    assert Application.objects.count() == 2
    # Another address is not affected; a forged X-Forwarded-For does not get round the limit.
    other = client.post(url("fr"), application_data(), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302
    forged = client.post(
        url("fr"),
        application_data(),
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert forged.status_code == 429
    assert Application.objects.count() == 3


def test_behind_a_trusted_proxy_the_forwarded_address_is_limited(client, site, settings):
    settings.JOINING_RATE_LIMIT = 1
    settings.JOINING_TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    first = client.post(url("en"), application_data(), HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert first.status_code == 302
    # A different visitor behind the same proxy has their own count…
    second = client.post(
        url("en"), application_data(), HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy
    )
    assert second.status_code == 302
    # …and a visitor cannot reset theirs by writing their own X-Forwarded-For entries.
    again = client.post(
        url("en"),
        application_data(),
        HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.5",
        **proxy,
    )
    assert again.status_code == 429


def test_csrf_is_required(site):
    client = Client(enforce_csrf_checks=True)
    assert client.post(url("en"), application_data()).status_code == 403
    assert Application.objects.count() == 0


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


def test_a_failing_mail_server_loses_nothing(client, site, caplog):
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=closed_port(),
        EMAIL_TIMEOUT=5,
        JOINING_NOTIFY_EMAILS=["secretariat@example.org"],
    ):
        with caplog.at_level(logging.ERROR, logger="joining.emails"):
            response = client.post(url("fr"), application_data(initiatives=3))
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    application = Application.objects.get()
    assert application.initiatives.count() == 3
    assert not application.confirmation_sent
    failures = [r for r in caplog.records if r.name == "joining.emails"]
    assert len(failures) == 2  # the confirmation and the notification, each logged
    assert all(r.exc_info for r in failures)


def test_confirmation_page_without_an_application_leads_to_the_form(client, site):
    response = client.get(url("fr") + "thanks/")
    assert response.status_code == 302
    assert response["Location"] == url("fr")


def test_a_name_with_a_line_break_cannot_break_the_mail_headers(client, site):
    data = application_data(government_name="Ville\r\nBcc: victim@example.org")
    assert client.post(url("en"), data).status_code == 302
    (confirmation,) = mail.outbox
    assert "\n" not in confirmation.subject
    assert confirmation.recipients() == ["focal@ville-de-test.example.org"]


def test_the_join_page_exists_in_every_language(client, site, html):
    for code in builders.LANGUAGES:
        response = client.get(url(code))
        assert response.status_code == 200
        document = html(response)
        assert document.html["lang"] == code
        assert document.find("form", class_="join-form").find(
            "input", {"name": "csrfmiddlewaretoken"}
        )

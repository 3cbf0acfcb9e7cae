"""Erasing an application's personal data: at the focal point's request (the secretariat, in
the admin) and when the retention period ends (``erase_old_applications``)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from joining.models import Application, ApplicationEvent, ApplicationStatus
from joining.review import PERSONAL_FIELDS, accept, decline, erase_personal_data

from . import builders

pytestmark = pytest.mark.django_db
FOCAL_EMAIL = "focal@ville-de-test.example.org"


def erase_url(application):
    return reverse("joining_erase", args=[application.pk])


def focal(application):
    application.refresh_from_db()
    return {name: getattr(application, name) for name in PERSONAL_FIELDS}


def test_the_secretariat_erases_at_the_focal_points_request(client, site, reviewer, html):
    application = builders.application(site.wave)
    inspect = reverse("joining_application_modeladmin_inspect", args=[application.pk])
    assert erase_url(application).encode() in client.get(inspect).content
    # The confirmation page changes nothing and says the open application will be declined.
    confirm = client.get(erase_url(application))
    assert confirm.status_code == 200
    assert "still open" in html(confirm).get_text()
    assert focal(application)["focal_email"] == FOCAL_EMAIL

    done = client.post(erase_url(application), {"note": "Asked by e-mail on 3 March."})
    assert done.status_code == 302
    assert focal(application) == {"focal_name": "", "focal_position": "", "focal_email": ""}
    assert application.personal_data_erased_at is not None
    # Nobody is left to invite: the open application is declined, and it says why.
    assert application.status == ApplicationStatus.DECLINED
    assert "erased" in application.decline_reason
    event = application.events.last()
    assert (event.action, event.user, event.note) == (
        ApplicationEvent.Action.ERASED,
        reviewer,
        "Asked by e-mail on 3 March.",
    )
    page = client.get(inspect)
    assert FOCAL_EMAIL.encode() not in page.content
    assert b"Dominique Durand" not in page.content
    assert "Personal data erased" in html(page).get_text()
    # The government's details and answers stay.
    assert application.government_name == "Ville de Test"
    assert application.initiatives.count() == 2
    # Not in the exports either.
    for export in ("csv", "xlsx"):
        response = client.get(f"/admin/joining/application/?export={export}")
        assert FOCAL_EMAIL.encode() not in b"".join(response.streaming_content)


def test_the_name_and_address_are_erased_wherever_they_were_written(site):
    reviewer = builders.secretariat_user()
    application = builders.application(
        site.wave,
        expectations="Contact Dominique Durand (FOCAL@ville-de-test.example.org) for visits.",
    )
    initiative = application.initiatives.first()
    initiative.description = "Run by dominique durand."
    initiative.save()
    decline(application.pk, reviewer, "Dominique Durand wrote that they are not a government.")
    erase_personal_data(application.pk, reviewer, note="Dominique Durand asked on 3 March.")
    application.refresh_from_db()
    texts = [
        application.expectations,
        application.decline_reason,
        *application.initiatives.values_list("description", flat=True),
        *application.events.values_list("note", flat=True),
    ]
    for text in texts:
        assert "dominique" not in text.lower() and "ville-de-test" not in text.lower(), text
    assert application.expectations == "Contact [erased] ([erased]) for visits."
    assert application.initiatives.first().description == "Run by [erased]."


def test_an_open_application_erased_is_recorded_as_declined_too(site):
    application = builders.application(site.wave)
    erase_personal_data(application.pk)
    actions = list(application.events.values_list("action", flat=True))
    assert actions == ["created", "declined", "erased"]


def test_erasing_twice_records_it_once(client, site, reviewer):
    application = builders.application(site.wave)
    client.post(erase_url(application), {})
    client.post(erase_url(application), {})
    assert application.events.filter(action=ApplicationEvent.Action.ERASED).count() == 1


def test_an_erased_application_cannot_be_accepted(client, site, reviewer):
    application = builders.application(site.wave)
    client.post(erase_url(application), {})
    client.post(reverse("joining_accept", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert application.profile is None


def test_an_accepted_application_stays_accepted_and_its_editor_keeps_the_account(
    client, site, reviewer, html
):
    application = builders.application(site.wave)
    accept(application.pk, reviewer)
    confirm = client.get(erase_url(application))
    assert "city editor account" in html(confirm).get_text()
    client.post(erase_url(application), {})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.profile is not None
    assert get_user_model().objects.filter(email=FOCAL_EMAIL).exists()


def test_an_oversized_note_is_refused_and_nothing_is_erased(client, site, reviewer):
    application = builders.application(site.wave)
    response = client.post(erase_url(application), {"note": "x" * 5001})
    assert response.status_code == 200
    assert focal(application)["focal_email"] == FOCAL_EMAIL


# --- The retention period ----------------------------------------------------------


def decided_days_ago(application, days):
    ApplicationEvent.objects.filter(application=application).update(
        at=timezone.now() - datetime.timedelta(days=days)
    )


def test_applications_decided_before_the_retention_period_are_erased(site, settings):
    settings.JOINING_RETENTION_DAYS = 730
    reviewer = builders.secretariat_user()
    old_declined = builders.application(site.wave, government_name="Old declined")
    decline(old_declined.pk, reviewer, "Not a government.")
    decided_days_ago(old_declined, 800)
    old_accepted = builders.application(
        site.wave, government_name="Old accepted", focal_email="old@example.org"
    )
    accept(old_accepted.pk, reviewer)
    decided_days_ago(old_accepted, 731)
    recent = builders.application(site.wave, government_name="Recent")
    decline(recent.pk, reviewer, "Not a government.")
    decided_days_ago(recent, 10)
    old_but_open = builders.application(site.wave, government_name="Waiting")
    decided_days_ago(old_but_open, 900)

    call_command("erase_old_applications", "--dry-run", stdout=open_null())
    assert not Application.objects.filter(personal_data_erased_at__isnull=False).exists()

    call_command("erase_old_applications", stdout=open_null())
    erased = set(
        Application.objects.filter(personal_data_erased_at__isnull=False).values_list(
            "government_name", flat=True
        )
    )
    assert erased == {"Old declined", "Old accepted"}
    assert focal(recent)["focal_email"] == FOCAL_EMAIL
    assert focal(old_but_open)["focal_email"] == FOCAL_EMAIL
    note = old_declined.events.get(action=ApplicationEvent.Action.ERASED).note
    assert "730 days" in note
    # Running it again changes nothing.
    call_command("erase_old_applications", stdout=open_null())
    assert ApplicationEvent.objects.filter(action=ApplicationEvent.Action.ERASED).count() == 2


def test_the_period_runs_from_the_decision_or_else_from_receipt(site, settings):
    settings.JOINING_RETENTION_DAYS = 730
    reviewer = builders.secretariat_user()
    long_waiting = builders.application(site.wave, government_name="Decided last week")
    Application.objects.filter(pk=long_waiting.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=1000)
    )
    decided_days_ago(long_waiting, 1000)
    decline(long_waiting.pk, reviewer, "Not a government.")  # the decision: today
    imported = builders.application(site.wave, government_name="Imported, no history")
    ApplicationEvent.objects.filter(application=imported).delete()
    Application.objects.filter(pk=imported.pk).update(
        status=ApplicationStatus.DECLINED,
        submitted_at=timezone.now() - datetime.timedelta(days=800),
    )
    call_command("erase_old_applications", stdout=open_null())
    assert focal(long_waiting)["focal_email"] == FOCAL_EMAIL
    assert focal(imported)["focal_email"] == ""


def test_a_negative_period_is_refused():
    with pytest.raises(CommandError, match="0 or more"):
        call_command("erase_old_applications", "--days", "-1")


def test_erasing_in_code_returns_whether_it_erased(site):
    application = builders.application(site.wave)
    assert erase_personal_data(application.pk)[1] is True
    assert erase_personal_data(application.pk)[1] is False


def open_null():
    import io

    return io.StringIO()

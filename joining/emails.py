"""E-mails about an application: the applicant's confirmation, in their language, and the
secretariat's notification. Queued with the stored application (joining/tasks.py) and sent
by the background worker; a failure is logged and retried, and loses nothing (the
application says whether its confirmation went out)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from taxonomies.campaign import CAMPAIGN_NAME

logger = logging.getLogger(__name__)


def _render(name, context):
    subject = render_to_string(f"joining/emails/{name}_subject.txt", context)
    # A subject is one line: a name typed with a line break must not break the header.
    subject = " ".join(subject.split())
    return subject, render_to_string(f"joining/emails/{name}_body.txt", context)


def _send(subject, body, recipients, what, application, language):
    message = EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        recipients,
        headers={"Content-Language": language},
    )
    try:
        message.send()
    except Exception:
        # Any failure of the mail server or the message: the application is already stored,
        # and the task is tried again (background/worker.py).
        logger.exception("Could not send the %s of application %s", what, application.pk)
        raise
    return True


def send_confirmation(application):
    """Queue the applicant's confirmation (sent by the worker, or at once in tests)."""
    from .tasks import send_confirmation as queued

    queued.enqueue(application.pk)


def notify_secretariat(application, review_url):
    """Queue the secretariat's notification of a new application."""
    from .tasks import notify_secretariat as queued

    queued.enqueue(application.pk, review_url)


def deliver_confirmation(application):
    with translation.override(application.language):
        subject, body = _render(
            "confirmation",
            {"application": application, "site_name": str(CAMPAIGN_NAME)},
        )
    sent = _send(
        subject,
        body,
        [application.focal_email],
        "confirmation",
        application,
        application.language,
    )
    if sent:
        type(application).objects.filter(pk=application.pk).update(confirmation_sent=True)
        application.confirmation_sent = True
    return sent


def deliver_notification(application, review_url):
    recipients = settings.JOINING_NOTIFY_EMAILS
    if not recipients:
        logger.warning(
            "Application %s received; JOINING_NOTIFY_EMAILS is empty, so nobody was told.",
            application.pk,
        )
        return False
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _render(
            "notification", {"application": application, "review_url": review_url}
        )
    return _send(subject, body, recipients, "notification", application, settings.LANGUAGE_CODE)

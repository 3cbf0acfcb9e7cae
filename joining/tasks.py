"""The e-mails of an application, sent by the background worker (joining/emails.py).

Each task reads the application again when it runs: what it sends is what is stored then,
and an application erased meanwhile (``erase_old_applications``) is sent nothing. A mail
server that fails raises, so the worker tries again later (background/worker.py)."""

from django_tasks import task

from . import emails
from .models import Application


@task()
def send_confirmation(application_id):
    application = Application.objects.filter(pk=application_id).first()
    if application is None or application.confirmation_sent or application.personal_data_erased_at:
        return False
    return emails.deliver_confirmation(application)


@task()
def notify_secretariat(application_id, review_url):
    application = Application.objects.filter(pk=application_id).first()
    if application is None or application.personal_data_erased_at:
        return False
    return emails.deliver_notification(application, review_url)

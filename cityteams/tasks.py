"""A new city editor's invitation, sent by the background worker (cityteams/onboarding.py).

Queued when the onboarding is committed; read again when it runs, so an editor who was
removed, deactivated or has chosen a password meanwhile is sent nothing. A mail server that
fails raises, and the worker tries again later (background/worker.py)."""

from django.contrib.auth import get_user_model
from django_tasks import task
from wagtail.models import Page


@task()
def send_invitation(user_id, profile_id, language=None):
    from .onboarding import invite

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    page = Page.objects.filter(pk=profile_id).first()
    if user is None or page is None or user.has_usable_password():
        return False
    if not invite(user, page.specific, language):
        raise OSError(f"The invitation to user {user_id} could not be sent; tried again later.")
    return True

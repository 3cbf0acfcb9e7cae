"""Onboarding a member: its team, its collection, its permissions, its first editor.

Idempotent: onboarding the same member again reuses its team and collection, and the
same e-mail address reuses the same account (an invitation is sent only to a new one).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.models import Collection

from taxonomies.campaign import CAMPAIGN_NAME

from .models import CityTeam
from .roles import grant_team_permissions
from .tasks import send_invitation

logger = logging.getLogger(__name__)


def team_for(profile):
    """The member's team, created with its group and collection if it does not exist."""
    team = CityTeam.objects.filter(profile_translation_key=profile.translation_key).first()
    if team is not None:
        return team, False
    source = profile.get_translations(inclusive=True).order_by("id").first() or profile
    label = f"{source.title} ({source.member_key})"
    group, _created = Group.objects.get_or_create(name=f"City editors: {label}"[:150])
    collection = Collection.get_first_root_node().add_child(name=label[:255])
    team = CityTeam.objects.create(
        profile_translation_key=profile.translation_key, group=group, collection=collection
    )
    return team, True


def invitation_link(user):
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def invite(user, profile, language=None):
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "profile": profile,
            "link": invitation_link(user),
            "site_name": str(CAMPAIGN_NAME),
        }
        subject = render_to_string("cityteams/invitation_subject.txt", context).strip()
        body = render_to_string("cityteams/invitation_email.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except OSError:
        # The account exists; the secretariat can resend the invitation. Nothing is lost.
        # By account number: an e-mail address in the logs would outlive its erasure.
        logger.exception("Could not send the invitation to user %s", user.pk)
        return False
    return True


def remember_language(user, language):
    """Make ``language`` the user's admin language (Wagtail's preferred language), which the
    e-mails they are sent later follow too (cityteams/recovery.py)."""
    from wagtail.users.models import UserProfile

    if language in dict(settings.LANGUAGES):
        UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})


@transaction.atomic
def onboard(profile, email, *, language=None):
    """Give ``email`` editing rights on ``profile``'s member. Returns (team, user, invited)."""
    team, _created = team_for(profile)
    grant_team_permissions(team)
    User = get_user_model()
    email = User.objects.normalize_email(email).strip()
    user = User.objects.filter(email__iexact=email).first()
    new_user = user is None
    if new_user:
        user = User.objects.create_user(username=email.lower()[:150], email=email)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(team.group)
    invited = False
    if new_user:
        # Queued (cityteams/tasks.py): sent by the worker, retried if the mail server fails.
        transaction.on_commit(lambda: send_invitation.enqueue(user.pk, profile.pk, language))
        invited = True
    return team, user, invited

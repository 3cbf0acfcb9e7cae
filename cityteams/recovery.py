"""The admin's "Forgotten password?" for city editors who never chose a password.

Onboarding makes accounts without a usable password (the invitation's link sets the first one),
and Django's ``PasswordResetForm.get_users`` skips such accounts on purpose (they may be meant
to log in some other way). Here nobody logs in another way, so an editor who lost the invitation
asks again and gets it again: ``WAGTAILADMIN_USER_PASSWORD_RESET_FORM`` points at this form.

- An active user with a usable password gets Wagtail's reset e-mail, as before.
- An active user without one who may use the admin gets an invitation: the one onboarding sends
  for a member of a city team, Wagtail's reset e-mail otherwise; both links set a password.
- Inactive users, and users without admin access and without a password, get nothing.

Every e-mail is written in the user's admin language where it is known (Wagtail's preferred
language, set from the application for an accepted focal point), else in the language of the
page the request came from. The view answers the same whatever the address (no enumeration):
that is Django's ``PasswordResetView``, unchanged.
"""

import unicodedata

from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.admin.forms.auth import PasswordResetForm

ADMIN_ACCESS = "wagtailadmin.access_admin"


def language_of(user):
    from wagtail.users.models import UserProfile

    preferred = (
        UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    )
    return preferred or translation.get_language()


def send_invitation_again(user, team=None):
    """The invitation to ``team`` (by default ``user``'s first city team), in their language,
    with a new one-time link. False if they are in no team (or it has no profile) or the mail
    could not be sent."""
    from .models import CityTeam
    from .onboarding import invite

    if team is None:
        team = CityTeam.objects.filter(group__user=user).order_by("pk").first()
    if team is None:
        return False
    language = language_of(user)
    profiles = team.profiles()
    profile = profiles.filter(locale__language_code=language).first() or profiles.first()
    if profile is None:
        return False
    return invite(user, profile, language)


class EditorPasswordResetForm(PasswordResetForm):
    def get_users(self, email):
        User = get_user_model()
        email_field = User.get_email_field_name()
        for user in User._default_manager.filter(
            **{f"{email_field}__iexact": email, "is_active": True}
        ):
            # As Django does: compared once more, normalised, so that a look-alike address
            # matched by the database's case-insensitive comparison gets nothing.
            if _folded(getattr(user, email_field)) != _folded(email):
                continue
            if user.has_usable_password() or user.has_perm(ADMIN_ACCESS):
                yield user

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        user = context["user"]
        if not user.has_usable_password() and send_invitation_again(user):
            return
        with translation.override(language_of(user)):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


def _folded(text):
    return unicodedata.normalize("NFKC", text).casefold()

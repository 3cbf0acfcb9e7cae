"""The secretariat's decisions on an application: take into review, accept, decline, and
erase the focal point's personal data.

Each decision locks the application's row and checks its status inside one transaction, so
a double click, two tabs or two reviewers at once decide once: the second accept finds the
application accepted and creates nothing.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail.rich_text import RichText

from cityprofiles.members import directory_for
from cityprofiles.models import CityProfilePage, derive_member_key
from cityteams.onboarding import onboard, remember_language
from initiatives.models import InitiativePage
from taxonomies.models import Wave

from .models import Application, ApplicationEvent, ApplicationStatus

OPEN = (ApplicationStatus.NEW, ApplicationStatus.IN_REVIEW)
# The one private person in an application: the government, its leader (a public office) and
# the answers are the member's; the focal point's contact details are someone's own.
PERSONAL_FIELDS = ("focal_name", "focal_position", "focal_email")


class ReviewError(Exception):
    """A decision that cannot be taken; its message is for the secretariat."""


def _locked(pk):
    return Application.objects.select_for_update().get(pk=pk)


@transaction.atomic
def take_into_review(pk, user):
    application = _locked(pk)
    if application.status != ApplicationStatus.NEW:
        return application, False
    application.status = ApplicationStatus.IN_REVIEW
    application.save(update_fields=["status"])
    application.record(ApplicationEvent.Action.IN_REVIEW, user)
    return application, True


@transaction.atomic
def decline(pk, user, reason):
    application = _locked(pk)
    if application.status == ApplicationStatus.DECLINED:
        return application, False
    if application.status not in OPEN:
        raise ReviewError(_("An accepted application cannot be declined."))
    application.status = ApplicationStatus.DECLINED
    application.decline_reason = reason
    application.save(update_fields=["status", "decline_reason"])
    application.record(ApplicationEvent.Action.DECLINED, user, note=reason)
    return application, True


@transaction.atomic
def accept(pk, user):
    """Make the member's draft profile, its initiatives as draft pages, and its focal point a
    city editor. Returns (application, created); created is False if it was accepted before."""
    application = _locked(pk)
    if application.status == ApplicationStatus.ACCEPTED:
        return application, False
    if application.status not in OPEN:
        raise ReviewError(_("A declined application cannot be accepted."))
    try:
        profile = draft_profile(application, user)
        for number, initiative in enumerate(application.initiatives.all(), start=1):
            draft_initiative(profile, initiative, number, user)
        _team, editor, invited = onboard(
            profile, application.focal_email, language=application.language
        )
        if invited:
            # Their admin, and any password e-mail they ask for later, in their language.
            remember_language(editor, application.language)
    except ValidationError as error:
        # Raising rolls the whole decision back: the application stays open for review.
        raise ReviewError(" ".join(error.messages)) from error
    application.status = ApplicationStatus.ACCEPTED
    application.profile = profile
    application.save(update_fields=["status", "profile"])
    application.record(ApplicationEvent.Action.ACCEPTED, user)
    return application, True


def _answers(application):
    """The application's answers as the vision's question blocks (cityprofiles/blocks.py),
    whose names are the application's own field names."""
    # The applicant's plain text, escaped, its paragraphs kept.
    return [
        (question, RichText(linebreaks(text, autoescape=True)))
        for question, text in ((name, getattr(application, name)) for name in ANSWER_FIELDS)
        if text.strip()
    ]


def applicant_locale(application):
    """The language the application was written in: the profile is made in it (its text is
    indexed with that language's stemming and marked with its ``lang``); the other languages
    follow as translations, and until then show it as their fallback."""
    locale = Locale.objects.filter(language_code=application.language).first()
    if locale is None:
        raise ValidationError(
            _("The site has no “%(language)s” language yet: add it before accepting.")
            % {"language": application.get_language_display()}
        )
    return locale


def draft_profile(application, user):
    """The member's profile, unpublished, under the members directory of the application's
    language, in the current wave. The focal point's details are not copied: they stay in the
    application."""
    default = Locale.get_default()
    locale = applicant_locale(application)
    key = derive_member_key(application.government_name, application.country)
    if CityProfilePage.objects.filter(member_key=key).exists():
        raise ValidationError(
            _("A member with the key “%(key)s” already has a profile.") % {"key": key}
        )
    # Waves and themes are linked by their default-language rows, whatever the page's language
    # (the profile shows them in its own language, by translation key).
    wave = Wave.current(default) or application.wave
    profile = CityProfilePage(
        title=application.government_name,
        slug=slugify(key, allow_unicode=True)[:255],
        member_key=key,
        locale=locale,
        live=False,
        member_type=application.member_type,
        government_type=application.government_type,
        country=application.country,
        region=application.region,
        population_band=application.population_band,
        leader_name=application.leader_name,
        leader_title=application.leader_title,
        term_start=application.term_start,
        term_end=application.term_end,
        wave=wave,
        joined_on=timezone.localdate(),
        vision=_answers(application),
    )
    profile.themes = list(application.themes.all())
    try:
        directory = directory_for(locale)
    except LookupError as error:
        raise ValidationError(
            _("There is no members directory in “%(language)s” yet: create it before accepting.")
            % {"language": application.get_language_display()}
        ) from error
    directory.add_child(instance=profile)
    profile.save_revision(user=user, log_action=True)
    return profile


def draft_initiative(profile, initiative, number, user):
    slug = slugify(initiative.title, allow_unicode=True)[:80] or "initiative"
    if profile.get_children().filter(slug=slug).exists():
        slug = f"{slug}-{number}"
    page = InitiativePage(
        title=initiative.title,
        slug=slug,
        summary=initiative.description,
        locale=profile.locale,
        live=False,
    )
    profile.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page


ERASED = "[erased]"


@transaction.atomic
def erase_personal_data(pk, user=None, note=""):
    """Blank the focal point's name, position and e-mail, at their request or when the
    retention period ends (``erase_old_applications``), and replace them with “[erased]”
    wherever they were written in the application's texts (answers, initiatives, decline
    reason, history notes). An open application is declined at the same time: with nobody
    to invite, it can no longer be accepted. Returns (application, erased); erased is False
    if it was erased before."""
    application = _locked(pk)
    if application.personal_data_erased_at:
        return application, False
    erase = _eraser(application)
    for name in PERSONAL_FIELDS:
        setattr(application, name, "")
    for name in ANSWER_FIELDS:
        setattr(application, name, erase(getattr(application, name)))
    application.personal_data_erased_at = timezone.now()
    if application.status in OPEN:
        application.status = ApplicationStatus.DECLINED
        application.decline_reason = _("Withdrawn: the focal point's personal data was erased.")
        application.record(ApplicationEvent.Action.DECLINED, user, note=application.decline_reason)
    application.decline_reason = erase(application.decline_reason)
    application.save()
    for initiative in application.initiatives.all():
        initiative.title, initiative.description = (
            erase(initiative.title),
            erase(initiative.description),
        )
        initiative.save(update_fields=["title", "description"])
    for event in application.events.exclude(note=""):
        if erase(event.note) != event.note:
            event.note = erase(event.note)
            event.save(update_fields=["note"])
    application.record(ApplicationEvent.Action.ERASED, user, note=erase(note))
    return application, True


ANSWER_FIELDS = ("why_essential", "why_framework", "expectations")


def _eraser(application):
    """A function replacing the focal point's name and e-mail (any case) in a text."""
    found = [
        re.escape(value.strip())
        for value in (application.focal_email, application.focal_name)
        if len(value.strip()) >= 3  # a two-letter "name" would blank ordinary words
    ]
    if not found:
        return lambda text: text
    pattern = re.compile("|".join(found), re.IGNORECASE)
    return lambda text: pattern.sub(ERASED, text) if text else text

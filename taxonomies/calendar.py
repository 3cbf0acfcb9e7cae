"""The campaign's calendar: where the call to join stands today, in the visitor's words.

Every place that tells a government when to apply — the home page's join panel, the join
page, its "How to join" steps — asks ``call_for(locale)`` and shows the sentences it
returns, so that no two places can disagree about a deadline. The dates come from the
Wave snippets (the call opens on the wave's launch date and closes on its deadline);
today comes from ``today()``.

``settings.CAMPAIGN_TODAY`` (an ISO date, ``"2026-12-01"``; the ``CAMPAIGN_TODAY``
environment variable) makes the site live on another day, for tests and demonstrations
of a call before, during and after it. Production leaves it unset.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from home import locales

# The states of a call, as templates and CSS name them.
BEFORE = "before"  # a wave is announced; its call has not opened yet
OPEN = "open"
CLOSED = "closed"  # the latest call has closed and no next one is announced
NO_WAVE = "none"


def today():
    """The campaign's today: ``settings.CAMPAIGN_TODAY`` when set, else the local date."""
    fixed = getattr(settings, "CAMPAIGN_TODAY", None)
    if not fixed:
        return timezone.localdate()
    if isinstance(fixed, datetime.date):
        return fixed
    try:
        return datetime.date.fromisoformat(str(fixed))
    except ValueError:
        raise ImproperlyConfigured(
            f"CAMPAIGN_TODAY must be a date written YYYY-MM-DD, not {fixed!r}."
        ) from None


@register()
def check_campaign_today(app_configs, **kwargs):
    try:
        today()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="taxonomies.E001")]
    return []


def long_date(day):
    """A date as the active language writes it (“25 June 2026”, “25 juin 2026”)."""
    return formats.date_format(day, "DATE_FORMAT")


@dataclass(frozen=True)
class Call:
    """The call to join as it stands on ``on``: its ``state``, the ``wave`` it is for (in
    the visitor's language where translated) and that wave's default-language row
    (``stored_wave``, the one an application is filed under)."""

    state: str
    on: datetime.date
    wave: object = None
    stored_wave: object = None

    @property
    def opens_on(self):
        return self.stored_wave.launch_date if self.stored_wave else None

    @property
    def closes_on(self):
        return self.stored_wave.application_deadline if self.stored_wave else None

    @property
    def is_open(self):
        return self.state == OPEN

    @property
    def presentation(self):
        return self.wave.presentation if self.wave else None

    @property
    def headline(self):
        """The one sentence that says where the call stands, or "" without any wave."""
        if self.state == OPEN and self.closes_on:
            return _("Forms are due by %(date)s.") % {"date": long_date(self.closes_on)}
        number = self.wave.number if self.wave else None
        if self.state == OPEN:
            return _("The call for wave %(number)s is open.") % {"number": number}
        if self.state == BEFORE:
            return _("The call for wave %(number)s opens on %(date)s.") % {
                "number": number,
                "date": long_date(self.opens_on),
            }
        if self.state == CLOSED:
            return _("The call for wave %(number)s closed on %(date)s.") % {
                "number": number,
                "date": long_date(self.closes_on),
            }
        return ""

    @property
    def advice(self):
        """What an applicant can do today, true to what the join form accepts (it takes
        applications on every day, filed under ``stored_wave``)."""
        if self.state == OPEN:
            return ""  # the headline and the steps say it all
        if self.state == BEFORE:
            return _(
                "You can already send your application: the secretariat will consider it "
                "for wave %(number)s."
            ) % {"number": self.wave.number}
        if self.state == CLOSED:
            return _(
                "You can still apply: the secretariat reviews applications that arrive after "
                "the call too, and will tell you which wave yours joins."
            )
        return _("You can apply at any time: the secretariat reviews every application.")

    @property
    def review_step(self):
        """The last of the "How to join" steps, with the due date while the call is open."""
        if self.state == OPEN and self.closes_on:
            return _(
                "Send it by %(date)s. The secretariat reviews your application and writes to "
                "confirm your membership."
            ) % {"date": long_date(self.closes_on)}
        return _("The secretariat reviews your application and writes to confirm your membership.")


def call_for(locale=None, on=None):
    """Where the call stands for a visitor of ``locale`` (the active one by default).

    One query. The dates are read from the default-language rows, the words (slogan,
    description) from the visitor's translation where there is one: a translation whose
    synchronised dates are not yet updated cannot make one language disagree with another.
    """
    from .models import Wave

    on = on or today()
    locale = locale or locales.active()
    default = locales.default()
    rows = Wave.objects.filter(locale_id__in={locale.pk, default.pk}).select_related("presentation")
    sources, translations = {}, {}
    for row in rows:
        (sources if row.locale_id == default.pk else translations)[row.translation_key] = row
    waves = sorted(sources.values(), key=lambda wave: (wave.launch_date, wave.number))
    launched = [wave for wave in waves if wave.launch_date <= on]
    announced = [wave for wave in waves if wave.launch_date > on]
    latest = launched[-1] if launched else None
    closes = latest.application_deadline if latest else None
    # A call without a closing date stays open until the next wave is announced: news of
    # the next call is then what an applicant needs.
    if latest and (closes >= on if closes else not announced):
        state, source = OPEN, latest
    elif announced:
        state, source = BEFORE, announced[0]
    elif latest:
        state, source = CLOSED, latest
    else:
        return Call(NO_WAVE, on)
    shown = translations.get(source.translation_key, source)
    return Call(state, on, wave=shown, stored_wave=source)

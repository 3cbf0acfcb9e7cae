"""The campaign's shared vocabularies, as translatable snippets.

Each carries a stable, untranslated ``key`` used in URLs and filters, so a
filter such as ``?wave=wave-4`` means the same thing in every language and does
not depend on which locale's row a page happens to point at.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home import locales


class TaxonomyQuerySet(models.QuerySet):
    def in_locale(self, locale=None):
        """The rows of the visitor's language, falling back to the default language
        for rows not yet translated (so a filter never loses a value)."""
        locale = locale or locales.active()
        default = locales.default()
        if locale.pk == default.pk:
            return self.filter(locale=default)
        translated_keys = self.model.objects.filter(locale=locale).values("translation_key")
        return self.filter(
            models.Q(locale=locale)
            | (models.Q(locale=default) & ~models.Q(translation_key__in=translated_keys))
        )


class WaveQuerySet(TaxonomyQuerySet):
    def launched(self):
        # The calendar's today, so that a wave and its call are "current" on the same day.
        from .calendar import today

        return self.filter(launch_date__lte=today())


class Wave(TranslatableMixin, models.Model):
    """A yearly wave of the campaign: governments join in waves, each with its slogan."""

    key = models.SlugField(
        max_length=50,
        help_text=_(
            "Stable identifier used in web addresses and filters, e.g. 'wave-4'. Never translated."
        ),
    )
    number = models.PositiveSmallIntegerField(
        help_text=_("1 for the first wave (2022), 2 for the second…")
    )
    year = models.PositiveSmallIntegerField()
    # The call's two dates. The site's every call to join (home panel, join page) reads them
    # through taxonomies/calendar.py, never directly, so that no two places disagree.
    launch_date = models.DateField(
        _("call opens on"),
        help_text=_(
            "The day the wave is launched and its call for applications opens. A wave with a "
            "date still to come is announced on the site as the next call."
        ),
    )
    application_deadline = models.DateField(
        _("call closes on"),
        null=True,
        blank=True,
        help_text=_(
            "Last day to send the joining form (it is accepted all that day). Leave empty "
            "for a call without a closing date."
        ),
    )
    slogan = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    presentation = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("campaign presentation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The document that presents the campaign to this wave's applicants, linked from "
            "the join page. Translators may choose another document for their language."
        ),
    )

    objects = WaveQuerySet.as_manager()

    # The key, number, year and the call's dates are facts every language shares (filters,
    # the members' waves, the calendar of the call): never overridden by a translator.
    translatable_fields = [
        SynchronizedField("key", overridable=False),
        SynchronizedField("number", overridable=False),
        SynchronizedField("year", overridable=False),
        SynchronizedField("launch_date", overridable=False),
        SynchronizedField("application_deadline", overridable=False),
        TranslatableField("slogan"),
        TranslatableField("description"),
        SynchronizedField("presentation", overridable=True),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["number"]
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="unique_wave_key_per_locale"),
        ]

    def __str__(self):
        return _("Wave %(number)s (%(year)s)") % {"number": self.number, "year": self.year}

    def clean(self):
        super().clean()
        if (
            self.launch_date
            and self.application_deadline
            and self.application_deadline < self.launch_date
        ):
            raise ValidationError(
                {
                    "application_deadline": _(
                        "The call cannot close before it opens: choose a day on or after %(opens)s."
                    )
                    % {"opens": formats.date_format(self.launch_date, "DATE_FORMAT")}
                }
            )

    @classmethod
    def current(cls, locale=None):
        """The most recently launched wave, in the visitor's language where translated."""
        return cls.objects.in_locale(locale).launched().order_by("-launch_date").first()


class Term(TranslatableMixin, models.Model):
    """A named term of a campaign vocabulary (theme, Charter right, Framework pillar).

    Pages link to the default-language row; templates show the row of the
    visitor's language, found by ``translation_key`` (see ``terms_by_key``).
    """

    key = models.SlugField(
        max_length=80,
        help_text=_("Stable identifier used in web addresses and filters. Never translated."),
    )
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    objects = TaxonomyQuerySet.as_manager()

    # The key (and a subclass's number or colour) is the same in every language: filters
    # and addresses use it. Translators, who may change every vocabulary to translate its
    # terms, translate the words only.
    translatable_fields = [
        SynchronizedField("key", overridable=False),
        TranslatableField("name"),
        TranslatableField("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


THEME_COLOURS = [
    ("blue", _("Blue")),
    ("red", _("Red")),
    ("green", _("Green")),
    ("purple", _("Purple")),
    ("orange", _("Orange")),
    ("teal", _("Teal")),
]


class Theme(Term):
    """A theme of local human-rights action named in the campaign (housing, water, racism…)."""

    colour = models.CharField(
        _("colour"),
        max_length=20,
        choices=THEME_COLOURS,
        default="blue",
        help_text=_("Used for the theme's label on the site. Every colour meets contrast rules."),
    )
    translatable_fields = Term.translatable_fields + [
        SynchronizedField("colour", overridable=False)
    ]

    class Meta(Term.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="unique_theme_key_per_locale"),
        ]


class CharterRight(Term):
    """One of the rights of the Global Charter-Agenda for Human Rights in the City (2011).

    Editable, because the Charter is being revised."""

    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Its place in the Charter: 1 to 12.")
    )
    translatable_fields = Term.translatable_fields + [
        SynchronizedField("number", overridable=False)
    ]

    class Meta(Term.Meta):
        ordering = ["number"]
        verbose_name = _("Charter-Agenda right")
        verbose_name_plural = _("Charter-Agenda rights")
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="unique_right_key_per_locale"),
        ]

    @property
    def roman_numeral(self):
        numerals = [
            "I",
            "II",
            "III",
            "IV",
            "V",
            "VI",
            "VII",
            "VIII",
            "IX",
            "X",
            "XI",
            "XII",
            "XIII",
            "XIV",
            "XV",
            "XVI",
            "XVII",
            "XVIII",
            "XIX",
            "XX",
        ]
        return numerals[self.number - 1] if 0 < self.number <= len(numerals) else str(self.number)


class FrameworkPillar(Term):
    """A pillar of the OHCHR–UCLG Guidance Framework for Building a Human Rights City (2025)."""

    number = models.PositiveSmallIntegerField(_("number"))
    translatable_fields = Term.translatable_fields + [
        SynchronizedField("number", overridable=False)
    ]

    class Meta(Term.Meta):
        ordering = ["number"]
        verbose_name = _("Guidance Framework pillar")
        verbose_name_plural = _("Guidance Framework pillars")
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="unique_pillar_key_per_locale"),
        ]


def default_locale_terms():
    """Choices for page fields that link to taxonomies: the default-language rows only.

    Many-to-many links are not remapped by wagtail-localize, so every language
    tree points at the same (default-language) rows; display is localised by key.
    """
    return models.Q(locale__language_code=settings.LANGUAGE_CODE)


def terms_by_translation_key(model, locale):
    """Every term of ``model`` in ``locale`` (default language where untranslated), keyed by
    translation_key. One query; use it to show linked terms in the visitor's language."""
    return {term.translation_key: term for term in model.objects.in_locale(locale)}


class SustainableDevelopmentGoal(Term):
    """One of the 17 UN Sustainable Development Goals, as peers let people filter by them."""

    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    translatable_fields = Term.translatable_fields + [
        SynchronizedField("number", overridable=False)
    ]

    class Meta(Term.Meta):
        ordering = ["number"]
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="unique_sdg_key_per_locale"),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"


class RightsHolderGroup(Term):
    """A group of rights-holders an initiative serves (women and girls, older persons…)."""

    class Meta(Term.Meta):
        verbose_name = _("rights-holder group")
        verbose_name_plural = _("rights-holder groups")
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="unique_group_key_per_locale"),
        ]


# The campaign's vocabularies, in the order the admin and the reports list them.
TAXONOMY_MODELS = (
    Wave,
    Theme,
    CharterRight,
    FrameworkPillar,
    SustainableDevelopmentGoal,
    RightsHolderGroup,
)

"""The campaign's shared vocabularies, as translatable snippets.

Each carries a stable, untranslated ``key`` used in URLs and filters, so a
filter such as ``?wave=wave-4`` means the same thing in every language and does
not depend on which locale's row a page happens to point at.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class TaxonomyQuerySet(models.QuerySet):
    def in_locale(self, locale=None):
        """The rows of the visitor's language, falling back to the default language
        for rows not yet translated (so a filter never loses a value)."""
        locale = locale or Locale.get_active()
        default = Locale.get_default()
        if locale.pk == default.pk:
            return self.filter(locale=default)
        translated_keys = self.model.objects.filter(locale=locale).values("translation_key")
        return self.filter(
            models.Q(locale=locale)
            | (models.Q(locale=default) & ~models.Q(translation_key__in=translated_keys))
        )


class WaveQuerySet(TaxonomyQuerySet):
    def launched(self):
        return self.filter(launch_date__lte=timezone.localdate())


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
    launch_date = models.DateField()
    application_deadline = models.DateField(
        null=True, blank=True, help_text=_("Last day to send the joining form, if there is one.")
    )
    slogan = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)

    objects = WaveQuerySet.as_manager()

    translatable_fields = [
        SynchronizedField("key"),
        SynchronizedField("number"),
        SynchronizedField("year"),
        SynchronizedField("launch_date"),
        SynchronizedField("application_deadline"),
        TranslatableField("slogan"),
        TranslatableField("description"),
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

    @classmethod
    def current(cls, locale=None):
        """The most recently launched wave, in the visitor's language where translated."""
        return cls.objects.in_locale(locale).launched().order_by("-launch_date").first()

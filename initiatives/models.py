"""Key initiatives of members, as pages of their own.

An initiative is a child of the city profile that owns it, so the city's
editors (who hold permissions on their profile) own its initiatives too.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cityprofiles.models import promote_panels
from home import widgets
from home.blocks import BaseStreamBlock, LinkBlock
from home.privacy import KeptViewRestrictionsMixin
from home.stream_panel import StreamFieldPanel
from taxonomies.models import default_locale_terms


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


YEAR_VALIDATORS = [MinValueValidator(1950), MaxValueValidator(2100)]


class InitiativePage(KeptViewRestrictionsMixin, Page):
    """A member's key initiative, tagged so that peers can find and compare it."""

    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_(
            "One paragraph: what the initiative does, for whom. Shown in search results. e.g. "
            "“Housing First gives people sleeping rough a flat of their own, then support.”"
        ),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_(
            "Tell the story: the problem, what you did, with whom, what changed. Headings, key "
            "figures and images help readers."
        ),
    )
    themes = ParentalManyToManyField(
        "taxonomies.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="initiatives",
        limit_choices_to=default_locale_terms,
        help_text=_("What the initiative works on, e.g. Housing. Readers search by these."),
    )
    charter_rights = ParentalManyToManyField(
        "taxonomies.CharterRight",
        verbose_name=_("Charter-Agenda rights"),
        blank=True,
        related_name="initiatives",
        limit_choices_to=default_locale_terms,
        help_text=_("The Charter-Agenda rights it puts into practice, e.g. Right to the city."),
    )
    framework_pillar = models.ForeignKey(
        "taxonomies.FrameworkPillar",
        verbose_name=_("Guidance Framework pillar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
        limit_choices_to=default_locale_terms,
        help_text=_(
            "The pillar of the OHCHR–UCLG Guidance Framework it builds, e.g. Institutional "
            "structures for a human rights office."
        ),
    )
    sdgs = ParentalManyToManyField(
        "taxonomies.SustainableDevelopmentGoal",
        verbose_name=_("Sustainable Development Goals"),
        blank=True,
        related_name="initiatives",
        limit_choices_to=default_locale_terms,
        help_text=_("The goals it contributes to, e.g. 11 Sustainable cities and communities."),
    )
    rights_holder_groups = ParentalManyToManyField(
        "taxonomies.RightsHolderGroup",
        verbose_name=_("rights-holder groups"),
        blank=True,
        related_name="initiatives",
        limit_choices_to=default_locale_terms,
        help_text=_("The people it is for, e.g. Migrants and refugees."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.ONGOING,
        help_text=_("e.g. “Ongoing” while it runs, “Completed” once it has ended."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("The year it began, e.g. 2019."),
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("e.g. 2027. Leave empty if the initiative has no planned end."),
    )
    partners = models.TextField(
        _("partners"),
        blank=True,
        help_text=_(
            "One partner organisation per line, e.g. “UN-Habitat” then “Red Cross Barcelona”."
        ),
    )
    links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("external links"),
        help_text=_("Where to read more, e.g. the initiative's page on your government's site."),
    )
    # The profile this initiative belongs to: always its parent page, kept here so that
    # search can filter and count by the city's region, country and wave with plain joins.
    city = models.ForeignKey(
        "cityprofiles.CityProfilePage",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=_("What it is called, e.g. “Housing First for people sleeping rough”."),
        ),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("start_year"), FieldPanel("end_year")]),
        StreamFieldPanel("body"),
    ]
    tagging_panels = [
        FieldPanel("themes", widget=widgets.CheckboxSelectMultiple),
        FieldPanel("charter_rights", widget=widgets.CheckboxSelectMultiple),
        FieldPanel("framework_pillar", widget=widgets.Select),
        FieldPanel("sdgs", widget=widgets.CheckboxSelectMultiple),
        FieldPanel("rights_holder_groups", widget=widgets.CheckboxSelectMultiple),
    ]
    links_panels = [FieldPanel("partners"), StreamFieldPanel("links")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Initiative")),
            ObjectList(tagging_panels, heading=_("Tags")),
            ObjectList(links_panels, heading=_("Partners and links")),
            ObjectList(promote_panels(), heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("partners"),
        index.FilterField("status"),
        index.FilterField("start_year"),
    ]

    # Facts every language must share (membership, place, dates, tags: what the directory,
    # search and imports count and match on) are synchronised and never overridden by a
    # translator; only words are translated (cityteams/localize_guard.py refuses the rest).
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        TranslatableField("summary"),
        TranslatableField("body"),
        SynchronizedField("themes", overridable=False),
        SynchronizedField("charter_rights", overridable=False),
        SynchronizedField("framework_pillar", overridable=False),
        SynchronizedField("sdgs", overridable=False),
        SynchronizedField("rights_holder_groups", overridable=False),
        SynchronizedField("status", overridable=False),
        SynchronizedField("start_year", overridable=False),
        SynchronizedField("end_year", overridable=False),
        SynchronizedField("partners"),
        TranslatableField("links"),
    ]

    parent_page_types = ["cityprofiles.CityProfilePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year cannot be before the start year.")})

    def save(self, *args, **kwargs):
        if self.path:
            from cityprofiles.models import CityProfilePage

            self.city = CityProfilePage.objects.filter(path=self.path[: -self.steplen]).first()
        return super().save(*args, **kwargs)

    @property
    def partner_list(self):
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    # Reachable under every language's directory, in its source language (home/fallback.py).
    fallback_in_every_language = True

    def get_context(self, request, *args, reader_locale=None, **kwargs):
        from .context import initiative_context

        context = super().get_context(request, *args, **kwargs)
        context.update(initiative_context(self, request, reader_locale))
        return context

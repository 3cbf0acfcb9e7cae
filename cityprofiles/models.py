"""Member profiles and the members directory.

One ``CityProfilePage`` per member and language, under the directory page of
that language (``/en/cities/barcelona/``). Content a city owns lives under its
profile, so Wagtail's tree permissions and workflows apply to all of it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home import fallback, widgets
from home.privacy import KeptViewRestrictionsMixin
from home.stream_panel import StreamFieldPanel
from taxonomies.models import default_locale_terms

from .blocks import VisionStreamBlock
from .choices import GovernmentType, MemberType, PopulationBand, Region

# Facts of membership that only the secretariat may change, not the city's own editors.
# Wagtail enforces a FieldPanel's permission on submitted data too, not only in the form.
MEMBERSHIP_FACTS = "cityprofiles.edit_membership_facts"
# The search-engine title and description and "show in menus" of members' pages: the
# secretariat's, not something city editors should have to think about.
PROMOTION_FIELDS = "cityprofiles.edit_promotion_fields"


def promote_panels(*extra):
    """The Promote tab of a member's page: the address for everyone, the fields for search
    engines and menus for those holding ``PROMOTION_FIELDS``."""
    return [
        FieldPanel("slug"),
        MultiFieldPanel(
            [
                FieldPanel("seo_title", permission=PROMOTION_FIELDS),
                FieldPanel("search_description", permission=PROMOTION_FIELDS),
            ],
            heading=_("For search engines"),
            permission=PROMOTION_FIELDS,
        ),
        FieldPanel("show_in_menus", permission=PROMOTION_FIELDS),
        *extra,
    ]


class CityIndexPage(KeptViewRestrictionsMixin, Page):
    """The members directory: every published member, filterable, with a map."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["cityprofiles.CityProfilePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("members directory")

    def get_context(self, request, *args, **kwargs):
        from .directory import directory_context

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_context(request))
        return context

    # Its route() is Wagtail's wherever Wagtail finds a page (home/routes.py may skip it).
    wagtail_route_first = True

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            # A member (or one of its initiatives) not yet translated into this language
            # is read here all the same, in its source language (home/fallback.py).
            return fallback.route(self, request, path_components)

    def serve(self, request, *args, **kwargs):
        from .directory import map_json_response

        if request.GET.get("format") == "map":
            return map_json_response(request)
        response = super().serve(request, *args, **kwargs)
        # An unknown filter value gets the directory with an explanation, as a 404.
        response.status_code = response.context_data.get("status", 200)
        return response


class CityProfilePage(KeptViewRestrictionsMixin, Page):
    """A member of the campaign: its facts, its human-rights vision and its initiatives."""

    member_key = models.SlugField(
        _("member key"),
        max_length=120,
        allow_unicode=True,
        help_text=_(
            "Stable identifier used to match imports and exports, e.g. 'barcelona-es'. "
            "Never translated; leave empty to derive it from the name and country."
        ),
        blank=True,
    )
    member_type = models.CharField(
        _("member type"), max_length=30, choices=MemberType.choices, default=MemberType.GOVERNMENT
    )
    government_type = models.CharField(
        _("type of government"),
        max_length=40,
        choices=GovernmentType.choices,
        blank=True,
        help_text=_(
            "e.g. “City or municipality” for a town council. Leave empty for civil-society "
            "partners."
        ),
    )
    country = CountryField(
        _("country"),
        blank=True,
        help_text=_("e.g. Spain for Barcelona. Empty only for global partners."),
    )
    region = models.CharField(
        _("UCLG region"),
        max_length=30,
        choices=Region.choices,
        blank=True,
        help_text=_("The UCLG world region of the country, e.g. Europe for Spain."),
    )
    wave = models.ForeignKey(
        "taxonomies.Wave",
        verbose_name=_("wave"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="city_profiles",
        limit_choices_to=default_locale_terms,
        help_text=_("The wave in which the member joined the campaign."),
    )
    joined_on = models.DateField(_("date joined"), null=True, blank=True)
    leader_name = models.CharField(
        _("local leader's name"),
        max_length=255,
        blank=True,
        help_text=_("The person in office today, e.g. “María García López”."),
    )
    leader_title = models.CharField(
        _("local leader's title"), max_length=255, blank=True, help_text=_("e.g. Mayor, Governor")
    )
    term_start = models.PositiveSmallIntegerField(
        _("term of office: from (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("The year the current term began, e.g. 2023."),
    )
    term_end = models.PositiveSmallIntegerField(
        _("term of office: until (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("The year it ends, e.g. 2027."),
    )
    population_band = models.CharField(
        _("population"),
        max_length=20,
        choices=PopulationBand.choices,
        blank=True,
        help_text=_("People living in your territory, e.g. “Over 1 million” for Barcelona."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Between -90 and 90, e.g. 41.38879 for Barcelona."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Between -180 and 180, e.g. 2.15899 for Barcelona."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo or emblem"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The emblem on your official letters, at least 240 pixels wide, e.g. a PNG with a "
            "transparent background."
        ),
    )
    website = models.URLField(
        _("website"),
        blank=True,
        help_text=_("Your government's site, e.g. https://www.barcelona.cat/"),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=500,
        help_text=_(
            "One or two sentences shown under your profile's title, and by search engines and "
            "social networks (unless the secretariat writes another description), e.g. "
            "“Barcelona puts the right to housing at the heart of its urban policy.”"
        ),
    )
    vision = StreamField(
        VisionStreamBlock(),
        blank=True,
        verbose_name=_("human-rights vision"),
        help_text=_(
            "Answer the campaign's three questions: each has its own block in the + menu and "
            "is used once. Then add what you wish: headings, paragraphs, key figures, images."
        ),
    )
    themes = ParentalManyToManyField(
        "taxonomies.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="city_profiles",
        limit_choices_to=default_locale_terms,
        help_text=_(
            "What your human-rights policies work on, e.g. Housing. Visitors filter the members "
            "directory by these."
        ),
    )
    charter_rights = ParentalManyToManyField(
        "taxonomies.CharterRight",
        verbose_name=_("Charter-Agenda rights"),
        blank=True,
        related_name="city_profiles",
        limit_choices_to=default_locale_terms,
        help_text=_(
            "The rights of the Global Charter-Agenda your policies put into practice, e.g. "
            "Right to the city."
        ),
    )
    framework_pillars = ParentalManyToManyField(
        "taxonomies.FrameworkPillar",
        verbose_name=_("Guidance Framework pillars"),
        blank=True,
        related_name="city_profiles",
        limit_choices_to=default_locale_terms,
        help_text=_(
            "The pillars of the OHCHR–UCLG Guidance Framework you build on, e.g. Institutional "
            "structures."
        ),
    )

    facts_panels = [
        FieldPanel(
            "title",
            heading=_("Official name"),
            help_text=_("As the public knows it, e.g. “Barcelona” or “Gwangju Metropolitan City”."),
        ),
        FieldPanel("summary"),
        FieldRowPanel(
            [FieldPanel("member_type", permission=MEMBERSHIP_FACTS), FieldPanel("government_type")]
        ),
        FieldRowPanel([FieldPanel("country", widget=widgets.LazySelect), FieldPanel("region")]),
        FieldRowPanel(
            [
                FieldPanel("wave", permission=MEMBERSHIP_FACTS),
                FieldPanel("joined_on", permission=MEMBERSHIP_FACTS),
            ]
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("leader_name"), FieldPanel("leader_title")]),
                FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")]),
            ],
            heading=_("Local leader"),
        ),
        FieldPanel("population_band"),
        FieldRowPanel(
            [FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Location on the map")
        ),
        FieldPanel("logo"),
    ]
    vision_panels = [
        StreamFieldPanel("vision"),
        FieldPanel("themes", widget=widgets.CheckboxSelectMultiple),
        FieldPanel("charter_rights", widget=widgets.CheckboxSelectMultiple),
        FieldPanel("framework_pillars", widget=widgets.CheckboxSelectMultiple),
    ]
    links_panels = [FieldPanel("website")]

    edit_handler = TabbedInterface(
        [
            ObjectList(facts_panels, heading=_("Facts")),
            ObjectList(vision_panels, heading=_("Vision")),
            ObjectList(links_panels, heading=_("Links")),
            ObjectList(
                promote_panels(FieldPanel("member_key", permission=MEMBERSHIP_FACTS)),
                heading=_("Promote"),
            ),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("vision"),
        index.SearchField("leader_name"),
        index.FilterField("region"),
        index.FilterField("country"),
        index.FilterField("member_type"),
        index.FilterField("government_type"),
        index.FilterField("wave"),
    ]

    # Facts every language must share (membership, place, dates, tags: what the directory,
    # search and imports count and match on) are synchronised and never overridden by a
    # translator; only words are translated (cityteams/localize_guard.py refuses the rest).
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        SynchronizedField("member_key", overridable=False),
        SynchronizedField("member_type", overridable=False),
        SynchronizedField("government_type", overridable=False),
        SynchronizedField("country", overridable=False),
        SynchronizedField("region", overridable=False),
        SynchronizedField("wave", overridable=False),
        SynchronizedField("joined_on", overridable=False),
        SynchronizedField("leader_name"),
        TranslatableField("leader_title"),
        SynchronizedField("term_start", overridable=False),
        SynchronizedField("term_end", overridable=False),
        SynchronizedField("population_band", overridable=False),
        SynchronizedField("latitude", overridable=False),
        SynchronizedField("longitude", overridable=False),
        SynchronizedField("logo"),
        SynchronizedField("website"),
        TranslatableField("summary"),
        TranslatableField("vision"),
        SynchronizedField("themes", overridable=False),
        SynchronizedField("charter_rights", overridable=False),
        SynchronizedField("framework_pillars", overridable=False),
    ]

    parent_page_types = ["cityprofiles.CityIndexPage"]
    subpage_types = ["initiatives.InitiativePage"]

    class Meta:
        verbose_name = _("city profile")
        permissions = [
            (
                "edit_membership_facts",
                "Can change a member's wave, date joined, member type and key",
            ),
            (
                "edit_promotion_fields",
                "Can change the search-engine and menu fields of members' pages",
            ),
        ]
        verbose_name_plural = _("city profiles")
        indexes = [models.Index(fields=["member_key"])]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.member_type == MemberType.GOVERNMENT and not self.country:
            raise ValidationError(
                {"country": _("Choose the country of this local or regional government.")}
            )
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError(
                {"term_end": _("The term of office cannot end before it starts.")}
            )
        if not self.member_key:
            self.member_key = derive_member_key(self.title, self.country)
        duplicates = (
            CityProfilePage.objects.filter(locale_id=self.locale_id, country=self.country)
            .filter(models.Q(title__iexact=self.title) | models.Q(member_key=self.member_key))
            .exclude(translation_key=self.translation_key)
        )
        if self.country and duplicates.exists():
            raise ValidationError(
                {
                    "title": _(
                        "A member named “%(name)s” in this country already has a profile. "
                        "Edit that profile instead of creating a second one."
                    )
                    % {"name": self.title}
                }
            )

    def save(self, *args, **kwargs):
        if not self.member_key:
            self.member_key = derive_member_key(self.title, self.country)
        return super().save(*args, **kwargs)

    # Reachable under every language's directory, in its source language (home/fallback.py).
    fallback_in_every_language = True

    def get_context(self, request, *args, reader_locale=None, **kwargs):
        from .profile import profile_context

        context = super().get_context(request, *args, **kwargs)
        context.update(profile_context(self, request, reader_locale))
        return context


def derive_member_key(name, country):
    from django.utils.text import slugify

    base = slugify(name, allow_unicode=False) or slugify(name, allow_unicode=True) or "member"
    return f"{base}-{str(country).lower()}" if country else base

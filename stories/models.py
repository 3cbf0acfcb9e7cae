"""Stories: campaign news, wave launches, city testimonies and events, in every language."""

import datetime

from django import forms
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home import fallback
from home.privacy import KeptViewRestrictionsMixin
from taxonomies.models import default_locale_terms

from .blocks import StoryStreamBlock

HERO_FILTER = "fill-1200x630-c50|format-webp"
CARD_FILTER = "fill-640x360-c50|format-webp"


class StoryIndexPage(RoutablePageMixin, KeptViewRestrictionsMixin, Page):
    """The stories of one language, newest first, with filters and feeds."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        TranslatableField("introduction"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("stories index")

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            # A story not yet translated into this language is read here all the same, in
            # its source language (home/fallback.py).
            return fallback.route(self, request, path_components)

    @path("")
    def index(self, request):
        from .listing import index_context

        context = index_context(self, request)
        response = self.render(request, context_overrides=context)
        response.status_code = context.get("status", 200)
        return response

    @path("feed/")
    def rss_feed(self, request):
        from .feeds import StoriesRssFeed

        return StoriesRssFeed(self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        from .feeds import StoriesAtomFeed

        return StoriesAtomFeed(self)(request)


class StoryPage(KeptViewRestrictionsMixin, Page):
    """One story. It links to the members, initiatives, themes and waves it is about,
    which is how it reaches their pages and the stories index filters."""

    standfirst = models.TextField(
        _("standfirst"),
        max_length=400,
        help_text=_("One or two sentences under the headline; also used in lists and feeds."),
    )
    byline = models.CharField(
        _("author or byline"), max_length=255, blank=True, help_text=_("For example: UCLG CISDP")
    )
    date = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        help_text=_(
            "The date shown on the story. To publish later, open the Status panel (the first "
            "icon at the right of the editor), choose “Set schedule”, give a go-live date and "
            "publish: the story stays hidden until then."
        ),
    )
    featured = models.BooleanField(
        _("feature on the home page"),
        default=False,
        help_text=_("The newest featured story is shown first on the home page."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        _("main image: text alternative"),
        max_length=255,
        blank=True,
        help_text=_(
            "Describe what the image shows for people who cannot see it. "
            "Empty: the image's own description is used."
        ),
    )
    hero_caption = models.CharField(_("main image: caption"), max_length=255, blank=True)
    hero_credit = models.CharField(_("main image: credit"), max_length=255, blank=True)
    body = StreamField(StoryStreamBlock(), blank=True, verbose_name=_("body"))
    themes = ParentalManyToManyField(
        "taxonomies.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="stories",
        limit_choices_to=default_locale_terms,
    )
    waves = ParentalManyToManyField(
        "taxonomies.Wave",
        verbose_name=_("waves"),
        blank=True,
        related_name="stories",
        limit_choices_to=default_locale_terms,
    )

    og_type = "article"

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        FieldRowPanel([FieldPanel("byline"), FieldPanel("date")]),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt"),
                FieldRowPanel([FieldPanel("hero_caption"), FieldPanel("hero_credit")]),
            ],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
    ]
    about_panels = [
        InlinePanel("member_links", heading=_("Members this story is about"), label=_("member")),
        InlinePanel(
            "initiative_links",
            heading=_("Initiatives this story is about"),
            label=_("initiative"),
        ),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("waves", widget=forms.CheckboxSelectMultiple),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Story")),
            ObjectList(about_panels, heading=_("About")),
            ObjectList(Page.promote_panels + [FieldPanel("featured")], heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    # Facts every language must share (the date, the featured mark, the tags and the links
    # to members and initiatives: what the stories index, its filters and feeds, the home
    # page and a profile's or initiative's stories order and match on) are synchronised and
    # never overridden by a translator (cityteams/localize_guard.py refuses them). Words are
    # translated; the byline, the hero image and its credit stay a language's own choice.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        TranslatableField("standfirst"),
        SynchronizedField("byline"),
        SynchronizedField("date", overridable=False),
        SynchronizedField("featured", overridable=False),
        SynchronizedField("hero_image"),
        TranslatableField("hero_alt"),
        TranslatableField("hero_caption"),
        SynchronizedField("hero_credit"),
        TranslatableField("body"),
        SynchronizedField("themes", overridable=False),
        SynchronizedField("waves", overridable=False),
        SynchronizedField("member_links", overridable=False),
        SynchronizedField("initiative_links", overridable=False),
    ]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        indexes = [models.Index(fields=["date"])]

    @property
    def hero_alt_text(self):
        if self.hero_alt:
            return self.hero_alt
        return self.hero_image.default_alt_text if self.hero_image_id else ""

    @property
    def social_image(self):
        return self.hero_image

    @property
    def social_image_alt(self):
        return self.hero_alt_text

    @property
    def social_description(self):
        return self.standfirst

    @property
    def social_published_time(self):
        return self.published_at()

    def published_at(self):
        """The moment to announce (feeds, sharing): the first publication if it happened on
        the story's date, else that date in the morning (a story dated in the past)."""
        published = self.first_published_at
        if published and timezone.localdate(published) == self.date:
            return published
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time(9)))

    # Reachable under every language's stories index, in its source language.
    fallback_in_every_language = True

    def get_context(self, request, *args, reader_locale=None, **kwargs):
        from .listing import story_context

        context = super().get_context(request, *args, **kwargs)
        context.update(story_context(self, request, reader_locale))
        return context


class StoryMember(Orderable):
    """A member the story is about. Links point at whichever language's profile was
    chosen; pages are matched by translation key, so every language shows its own."""

    page = ParentalKey(StoryPage, related_name="member_links", on_delete=models.CASCADE)
    profile = models.ForeignKey(
        "cityprofiles.CityProfilePage",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="story_links",
    )

    panels = [FieldPanel("profile")]

    class Meta(Orderable.Meta):
        verbose_name = _("member in the story")


class StoryInitiative(Orderable):
    page = ParentalKey(StoryPage, related_name="initiative_links", on_delete=models.CASCADE)
    initiative = models.ForeignKey(
        "initiatives.InitiativePage",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="story_links",
    )

    panels = [FieldPanel("initiative")]

    class Meta(Orderable.Meta):
        verbose_name = _("initiative in the story")

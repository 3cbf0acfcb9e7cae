"""The campaign's home page and its general content pages (about, how to join…)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from taxonomies.calendar import call_for

from .blocks import BaseStreamBlock
from .privacy import KeptViewRestrictionsMixin


class HomePage(KeptViewRestrictionsMixin, Page):
    """The campaign's front door, one per language.

    The promise (10, 100, 1000 by 2030) and the call to join are editable; the
    wave and its deadline are not typed in but read from the campaign's calendar
    (taxonomies/calendar.py), so the slogan and the "Forms are due by …" line change by
    themselves when a call opens or closes.
    """

    promise = models.CharField(
        _("promise"),
        max_length=255,
        default="10, 100, 1000 Human Rights Cities and Territories by 2030",
        help_text=_("The campaign's promise, shown as the page's main heading."),
    )
    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("One or two sentences under the promise."),
    )
    join_heading = models.CharField(_("call to join: heading"), max_length=255, blank=True)
    join_text = models.TextField(_("call to join: text"), blank=True)
    join_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("call to join: page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page that explains how to join."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("featured content"))

    content_panels = Page.content_panels + [
        FieldPanel("promise"),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("join_heading"), FieldPanel("join_text"), FieldPanel("join_page")],
            heading=_("Call to join"),
        ),
        InlinePanel("featured_members", heading=_("Featured members"), max_num=6),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        TranslatableField("promise"),
        TranslatableField("introduction"),
        TranslatableField("join_heading"),
        TranslatableField("join_text"),
        TranslatableField("join_page"),
        TranslatableField("body"),
        SynchronizedField("featured_members"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("home page")

    def permissions_for_user(self, user):
        # Communications staff edit the home page without any right on the pages below it.
        from cityteams.roles import HomePagePermissionTester

        return HomePagePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["call"] = call_for(self.locale)
        context["join_page"] = self.join_page.localized if self.join_page_id else None
        from cityprofiles.counters import featured_profiles, member_counters
        from cityprofiles.models import CityIndexPage

        context["counters"] = member_counters(self.locale)
        context["featured_members"] = featured_profiles(self, self.locale, request)
        directory = self.get_children().live().type(CityIndexPage).first()
        context["directory_url"] = directory.get_url(request=request) if directory else None
        return context


class HomeFeaturedMember(Orderable):
    """A member shown on the home page, chosen by the editors."""

    page = ParentalKey(HomePage, related_name="featured_members", on_delete=models.CASCADE)
    profile = models.ForeignKey(
        "cityprofiles.CityProfilePage",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("profile")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured member")


class StandardPage(KeptViewRestrictionsMixin, Page):
    """A general page of text: about the campaign, the Charter-Agenda, how to join."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    hide_from_search_engines = models.BooleanField(
        _("hide from search engines"),
        default=False,
        help_text=_(
            "The page stays public, but search engines are asked not to list it and it is "
            "left out of the sitemap (e.g. a legal notice, a page only for a mailing)."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    promote_panels = Page.promote_panels + [FieldPanel("hide_from_search_engines")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    def get_sitemap_urls(self, request=None):
        # home/sitemaps.py asks page types that override this, one query per type.
        return [] if self.hide_from_search_engines else super().get_sitemap_urls(request)

    class Meta:
        verbose_name = _("standard page")


# The site's settings, footer text and announcement banner (docs/reach.md).
from .site_settings import Announcement, CampaignSettings, FooterText  # noqa: E402, F401

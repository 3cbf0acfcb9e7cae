from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BaseStreamBlock
from home.privacy import KeptViewRestrictionsMixin


class IndexedWord(models.Model):
    """A word of the published initiatives' and members' texts or of the vocabulary: what
    "Did you mean …?" proposes (search/suggest.py). Kept lower-case, accents as written."""

    word = models.CharField(_("word"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("indexed word")
        verbose_name_plural = _("indexed words")

    def __str__(self):
        return self.word


class OpenDataPage(RoutablePageMixin, KeptViewRestrictionsMixin, Page):
    """The campaign's open data, one page per language: what is published, the licence,
    the data dictionary and the downloads (search/open_data_page.py)."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences under the title: why the campaign publishes its data."),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("more about the data"),
        help_text=_(
            "Shown after the licence, before the datasets: how the data are collected, whom "
            "to write to about a mistake. The licence, the datasets, their fields and their "
            "downloads are added by the site."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        TranslatableField("introduction"),
        TranslatableField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("open-data page")
        verbose_name_plural = _("open-data pages")

    def get_context(self, request, *args, **kwargs):
        from .open_data_page import page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context

    @path("members/")
    def members_download(self, request):
        """/<language>/<page>/members/?format=csv or json: the members dataset."""
        from .open_data_page import serve_members

        return serve_members(self, request)

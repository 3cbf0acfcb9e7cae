"""The footer text and the announcement banner, under one menu item; each is a
translatable snippet, so wagtail-localize offers “Translate” on it."""

from django.utils.translation import gettext_lazy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .site_settings import Announcement, FooterText


class AnnouncementViewSet(SnippetViewSet):
    model = Announcement
    icon = "warning"
    list_display = ["message", "is_on", "starts_at", "ends_at", "locale"]
    list_filter = ["locale", "is_on"]
    search_fields = ["message"]


class FooterTextViewSet(SnippetViewSet):
    model = FooterText
    icon = "doc-full"
    list_display = ["__str__", "locale"]
    list_filter = ["locale"]


class SiteChromeViewSetGroup(SnippetViewSetGroup):
    items = (AnnouncementViewSet, FooterTextViewSet)
    menu_icon = "bars"
    menu_label = gettext_lazy("Banner and footer")
    menu_name = "site-chrome"


register_snippet(SiteChromeViewSetGroup)

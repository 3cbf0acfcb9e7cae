"""The footer text and the announcement banner, under one menu item (each a translatable
snippet, so wagtail-localize offers “Translate” on it), and what the page editor adds to
Wagtail's for every page type."""

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils.translation import gettext, gettext_lazy
from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import http_cache, new_page_slugs
from .site_settings import Announcement, FooterText


class ForAnnouncementsEditors:
    """Wagtail's snippet chooser lists a model's items to every admin user. A banner
    switched off or not yet due is communications' unpublished text, and nothing links
    to a banner: only those who may add, change or delete banners choose them."""

    def dispatch(self, request, *args, **kwargs):
        policy = ModelPermissionPolicy(Announcement)
        if not policy.user_has_any_permission(request.user, ["add", "change", "delete"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AnnouncementChooseView(ForAnnouncementsEditors, chooser.ChooseView):
    pass


class AnnouncementChooseResultsView(ForAnnouncementsEditors, chooser.ChooseResultsView):
    pass


class AnnouncementChosenView(ForAnnouncementsEditors, chooser.SnippetChosenView):
    pass


class AnnouncementChosenMultipleView(ForAnnouncementsEditors, chooser.SnippetChosenMultipleView):
    pass


class AnnouncementChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = AnnouncementChooseView
    choose_results_view_class = AnnouncementChooseResultsView
    chosen_view_class = AnnouncementChosenView
    chosen_multiple_view_class = AnnouncementChosenMultipleView


class AnnouncementViewSet(SnippetViewSet):
    model = Announcement
    icon = "warning"
    chooser_viewset_class = AnnouncementChooserViewSet
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


# Late, so that any guard refusing the creation itself has answered first.
@hooks.register("before_create_page", order=100)
def continue_own_draft_or_explain_the_taken_address(request, parent_page, page_class):
    return new_page_slugs.before_create_page(request, parent_page, page_class)


@hooks.register("insert_editor_js")
def editor_scripts():
    """Autosave keeps edits typed while it saves; errors on other tabs are named at the top."""
    strings = {
        # {field} becomes a link to the field, which opens its tab.
        "error_on_tab": gettext("{field}, on the {tab} tab: {error}"),
        "errors_on_other_tabs": gettext("Also to correct on other tabs:"),
    }
    return render_to_string("home/admin/editor_scripts.html", {"strings": strings})


@hooks.register("before_serve_page")
def note_the_page_for_the_http_cache(page, request, serve_args, serve_kwargs):
    """The HTTP cache's tags name the page an answer shows (home/http_cache.py)."""
    http_cache.note_page(request, page)

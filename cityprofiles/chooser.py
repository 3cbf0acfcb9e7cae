"""The member chooser: "Choose a member" lists each member once, by name and country.

Wagtail's page chooser, used for every link to a profile (a story's members, the home page's
featured members), opened at the root of the page tree and listed a member once per language
(Barcelona three times). Links to members are matched by translation key wherever they are
shown, so which language's profile is chosen does not matter: each member is listed once, in
the editor's admin language where it is translated, else in the default language, else in the
language it was written in.

Only live, public profiles are listed and can be chosen: their names are public. A member
still in draft is not something to link a story or the home page to.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenMultipleView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.models import Locale

from home import privacy

from .models import CityProfilePage


def choosable_members():
    return privacy.public(CityProfilePage.objects.live())


def one_per_member(profiles, language_code):
    """The pks of ``profiles`` keeping one per member: the admin language's, else the default
    language's, else the oldest."""
    default = Locale.get_default().pk
    preferred = Locale.objects.filter(language_code=language_code).values_list("pk", flat=True)
    preferred = next(iter(preferred), default)
    best = {}
    for pk, key, locale_id in profiles.order_by("pk").values_list(
        "pk", "translation_key", "locale_id"
    ):
        rank = 0 if locale_id == preferred else 1 if locale_id == default else 2
        if key not in best or rank < best[key][0]:
            best[key] = (rank, pk)
    return [pk for _rank, pk in best.values()]


class MemberSearchForm(BaseFilterForm):
    """A search box finding a member by its name in any language (“Barcelone” finds
    Barcelona) or its key, without the search backends (the chooser must find a member the
    moment it is published) and without a language filter (which would list it per language)."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
        max_length=100,
    )

    def filter(self, objects):
        query = self.cleaned_data.get("q", "").strip()
        if not query:
            return objects
        self.is_searching, self.search_query = True, query
        matching = choosable_members().filter(
            Q(title__icontains=query) | Q(member_key__icontains=query)
        )
        return objects.filter(translation_key__in=matching.values("translation_key"))


class MemberListing:
    """What the modal and its results share: the list and its columns."""

    filter_form_class = MemberSearchForm
    ordering = ["title"]
    per_page = 25

    def get_object_list(self):
        return CityProfilePage.objects.filter(
            pk__in=one_per_member(choosable_members(), get_language())
        ).only("id", "title", "country", "translation_key", "locale_id")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("country", label=_("Country"), accessor=lambda member: member.country.name),
        ]


class MemberChooseView(MemberListing, ChooseView):
    pass


class MemberChooseResultsView(MemberListing, ChooseResultsView):
    pass


class MemberChosenView(ChosenView):
    def get_object(self, pk):
        # The same members as the list: a crafted id of a draft answers "not found".
        return choosable_members().get(pk=pk)


class MemberChosenMultipleView(ChosenMultipleView):
    def get_objects(self, pks):
        return choosable_members().filter(pk__in=pks)


class MemberChooserViewSet(ChooserViewSet):
    model = CityProfilePage
    icon = "group"
    choose_one_text = _("Choose a member")
    choose_another_text = _("Choose another member")
    edit_item_text = _("Edit the member's profile")
    choose_view_class = MemberChooseView
    choose_results_view_class = MemberChooseResultsView
    chosen_view_class = MemberChosenView
    chosen_multiple_view_class = MemberChosenMultipleView

    def get_urlpatterns(self):
        # Members join through an application, never from a chooser: without a creation
        # form Wagtail's "create" address would answer a POST with a server error.
        return [url for url in super().get_urlpatterns() if url.name != "create"]


member_chooser_viewset = MemberChooserViewSet("member_chooser", url_prefix="members/choose")

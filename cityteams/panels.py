"""The admin dashboard's panels: the secretariat's "what needs attention", and "My city" for
city editors (cityteams/my_city.py reads what it shows)."""

import datetime

from django.conf import settings
from django.db.models import Count, Window
from django.utils import timezone
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page

from cityprofiles.members import member_profiles, one_profile_per_member
from cityprofiles.models import CityProfilePage

from .my_city import my_city

STALE_AFTER = datetime.timedelta(days=365)


class SecretariatPanel(Component):
    name = "secretariat"
    template_name = "cityteams/secretariat_panel.html"
    order = 50

    def get_context_data(self, parent_context=None):
        from wagtail.models import WorkflowState

        default = Locale.get_default()
        language_count = len(settings.LANGUAGES)
        # Grouped and counted by the database, one profile per member: reading every
        # profile's translation key into Python made the dashboard twice as slow at
        # 1,000 members (31 → 67 ms). Grouped on Wagtail's page table alone (no join), and
        # each list comes with its total (a window count): one query per list.
        profile_pages = Page.objects.type(CityProfilePage)
        members = one_profile_per_member(profile_pages, default)
        missing, missing_count = first_ten_and_total(
            CityProfilePage.objects.filter(
                pk__in=members.filter(languages__lt=language_count).values("chosen")
            )
            .only("id", "title")
            .order_by("path")
        )
        # Only the members with an old published profile can be stale: group those alone.
        cutoff = timezone.now() - STALE_AFTER
        old = CityProfilePage.objects.live().filter(last_published_at__lt=cutoff)
        stale, stale_count = first_ten_and_total(
            member_profiles(
                profile_pages.live().filter(translation_key__in=old.values("translation_key")),
                default,
            )
            .filter(last_published_at__lt=cutoff)
            .order_by("last_published_at")
        )
        return {
            "awaiting_review": WorkflowState.objects.active().count(),
            "missing_translations": missing,
            "missing_translations_count": missing_count,
            "stale": stale,
            "stale_count": stale_count,
        }


def first_ten_and_total(queryset):
    rows = list(queryset.annotate(total=Window(Count("pk")))[:10])
    return rows, rows[0].total if rows else 0


class MyCityPanel(Component):
    """A city editor's start: their profile and initiatives, what the review and the
    translations need, and the way to add an initiative."""

    name = "my_city"
    template_name = "cityteams/my_city_panel.html"
    order = 40  # before the secretariat's panel and Wagtail's own (210 and after)

    class Media:
        css = {"all": ["cityteams/my_city.css"]}

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"cities": my_city(request), "request": request}


class MyCitySummaryItem(SummaryItem):
    """For city editors, in place of Wagtail's page count ("149 Pages": every page of every
    member in every language, which they can neither open nor edit): their city's
    initiatives."""

    order = 100
    template_name = "cityteams/my_city_summary.html"

    def get_context_data(self, parent_context):
        return {"cities": my_city(self.request)}

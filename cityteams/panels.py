"""The admin dashboard's panels: the secretariat's "what needs attention", and "My city" for
city editors (cityteams/my_city.py reads what it shows)."""

import datetime

from django.conf import settings
from django.utils import timezone
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

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
        # 1,000 members (31 → 67 ms).
        members = one_profile_per_member(CityProfilePage.objects.all(), default)
        missing = CityProfilePage.objects.filter(
            pk__in=members.filter(languages__lt=language_count).values("chosen")
        ).order_by("path")
        stale = member_profiles(CityProfilePage.objects.live(), default).filter(
            last_published_at__lt=timezone.now() - STALE_AFTER
        )
        return {
            "awaiting_review": WorkflowState.objects.active().count(),
            "missing_translations": list(missing.only("id", "title")[:10]),
            "missing_translations_count": missing.count(),
            "stale": list(stale.order_by("last_published_at")[:10]),
            "stale_count": stale.count(),
        }


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

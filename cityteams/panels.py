"""The secretariat's dashboard panel: what needs attention."""

import datetime

from django.conf import settings
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from cityprofiles.models import CityProfilePage

STALE_AFTER = datetime.timedelta(days=365)


class SecretariatPanel(Component):
    name = "secretariat"
    template_name = "cityteams/secretariat_panel.html"
    order = 50

    def get_context_data(self, parent_context=None):
        from wagtail.models import WorkflowState

        default = Locale.get_default()
        profiles = CityProfilePage.objects.filter(locale=default)
        language_count = len(settings.LANGUAGES)
        translated = {}
        for key in CityProfilePage.objects.values_list("translation_key", flat=True):
            translated[key] = translated.get(key, 0) + 1
        missing = [
            p
            for p in profiles.only("id", "title", "translation_key")
            if translated.get(p.translation_key, 0) < language_count
        ]
        stale = profiles.live().filter(last_published_at__lt=timezone.now() - STALE_AFTER)
        return {
            "awaiting_review": WorkflowState.objects.active().count(),
            "missing_translations": missing[:10],
            "missing_translations_count": len(missing),
            "stale": list(stale.order_by("last_published_at")[:10]),
            "stale_count": stale.count(),
        }

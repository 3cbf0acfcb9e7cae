from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomiesConfig(AppConfig):
    name = "taxonomies"
    verbose_name = _("Campaign taxonomies")

    def ready(self):
        from . import calendar  # noqa: F401 (registers the CAMPAIGN_TODAY check)

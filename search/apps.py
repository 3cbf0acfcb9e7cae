from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Public search")

    def ready(self):
        from home.freshness import raised, withdrawn
        from home.page_cache import served_from_cache

        from . import full_downloads, indexing, views

        indexing.connect()
        served_from_cache.connect(views.on_served_again, dispatch_uid="search-query-log")
        raised.connect(full_downloads.on_versions_raised, dispatch_uid="search-full-downloads")
        withdrawn.connect(full_downloads.on_withdrawn, dispatch_uid="search-full-downloads")

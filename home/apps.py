from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and general pages")

    def ready(self):
        from . import chrome, incomplete_forms, page_cache

        chrome.connect()
        page_cache.connect()
        incomplete_forms.connect()

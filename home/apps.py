from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and general pages")

    def ready(self):
        from . import draft_redirects, edit_view_translations, freshness, incomplete_forms

        freshness.connect()
        draft_redirects.connect()
        edit_view_translations.patch()
        incomplete_forms.connect()

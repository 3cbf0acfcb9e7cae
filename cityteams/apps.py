from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CityTeamsConfig(AppConfig):
    name = "cityteams"
    verbose_name = _("City teams and roles")

    def ready(self):
        from . import signals, translation_titles

        signals.connect()
        translation_titles.connect()

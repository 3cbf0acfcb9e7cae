"""Open the site in a new language, after adding it to LANGUAGES in the settings.

Creates the language's locale and the skeleton of its tree (home page and members
directory, copied from the default language for translators to translate), gives the
roles their permissions there, and the review workflow. Everything else — profiles,
initiatives — is reachable at once through the fallback to its source language, and
is translated with wagtail-localize. Idempotent.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from cityprofiles.models import CityIndexPage
from cityteams.roles import ensure_roles
from home.models import HomePage, StandardPage

SKELETON = [HomePage, CityIndexPage]


class Command(BaseCommand):
    help = "Open the site in a language listed in LANGUAGES (locale, home page, directory)."

    def add_arguments(self, parser):
        parser.add_argument("language", help="Language code, e.g. pt or ko")
        parser.add_argument(
            "--with-pages",
            action="store_true",
            help="Also copy the general pages (about, how to join) as drafts.",
        )

    def handle(self, *args, language, with_pages, **options):
        codes = dict(settings.LANGUAGES)
        if language not in codes:
            raise CommandError(
                f"'{language}' is not in LANGUAGES. Add it to LANGUAGES in "
                f"site/settings/base.py, e.g. ('{language}', 'Name in that language'), then "
                f"run this command again."
            )
        locale, created = Locale.objects.get_or_create(language_code=language)
        self.stdout.write(
            f"Locale {language} ({codes[language]}): " + ("created" if created else "exists")
        )
        default = Locale.get_default()
        for model in SKELETON + ([StandardPage] if with_pages else []):
            for source in model.objects.filter(locale=default).order_by("path"):
                if source.has_translation(locale):
                    continue
                if not source.get_parent().specific.has_translation(locale) and source.depth > 2:
                    continue
                translation = source.copy_for_translation(locale)
                if model in SKELETON:
                    translation.save_revision().publish()
                self.stdout.write(
                    f"  {model._meta.verbose_name}: {source.title} → {language}"
                    + ("" if model in SKELETON else " (draft)")
                )
        ensure_roles()
        self.stdout.write(
            self.style.SUCCESS(
                f"/{language}/ is open. Translate its pages with wagtail-localize; "
                f"add its interface "
                f"strings with `manage.py makemessages -l {language}` and compile_catalogues."
            )
        )

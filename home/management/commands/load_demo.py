"""Load the demo content: locales, home pages, waves and, as later parts of the
site arrive, members, initiatives and stories. Idempotent: a second run finds
what the first made and changes nothing."""

import importlib
import time

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that has demo content adds its module here, in dependency order.
DEMO_STEPS = [
    ("Locales and home pages", "home.demo"),
    ("Waves, themes, rights and pillars", "taxonomies.demo"),
    ("Members directory and city profiles", "cityprofiles.demo"),
    ("Initiatives", "initiatives.demo"),
    ("Stories in every language", "stories.demo"),
    ("Roles, review workflow and a city editor", "cityteams.demo"),
    ("Join page and an application to review", "joining.demo"),
    ("Open-data page in every language", "search.demo"),
    # Last: it gives every section page made above its address in each language.
    ("Translated addresses and redirects from the old ones", "home.translated_addresses"),
]


class Command(BaseCommand):
    help = "Load the demo content (idempotent; shows progress)."

    def handle(self, *args, **options):
        started = time.monotonic()
        total = len(DEMO_STEPS)
        with transaction.atomic():
            for number, (label, module_name) in enumerate(DEMO_STEPS, start=1):
                self.stdout.write(f"[{number}/{total}] {label}…")
                module = importlib.import_module(module_name)
                module.load(lambda message: self.stdout.write(f"      {message}"))
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Demo content ready in {elapsed:.1f} s."))

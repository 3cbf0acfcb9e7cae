"""Compile the interface translations (locale/*/LC_MESSAGES/django.po → .mo).

Django's own `compilemessages` needs GNU gettext installed on the machine; this
uses polib (already a dependency of wagtail-localize), so set-up works on a
fresh machine with nothing but Python. Only stale catalogues are rebuilt.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the .po message catalogues into .mo files (no gettext needed)."

    def handle(self, *args, **options):
        compiled = 0
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                try:
                    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                except (OSError, ValueError) as error:
                    raise CommandError(
                        f"Could not compile {po_path}: {error}. Fix the catalogue (msgfmt --check "
                        f"shows the faulty entry) and run this command again."
                    ) from error
                compiled += 1
        self.stdout.write(f"Message catalogues: {compiled} compiled.")

"""Give the section pages their address in each language and redirect the old ones
(home/translated_addresses.py). For sites installed before addresses were translated; the demo
loader does the same as its last step. Idempotent."""

from django.core.management.base import BaseCommand
from django.db import transaction

from home.translated_addresses import translate_addresses


class Command(BaseCommand):
    help = "Translate the section pages' addresses and redirect the old ones (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            renamed, redirects = translate_addresses()
        self.stdout.write(
            self.style.SUCCESS(
                f"{renamed} pages given their address in their language; "
                f"{redirects} redirects from old addresses created."
            )
        )

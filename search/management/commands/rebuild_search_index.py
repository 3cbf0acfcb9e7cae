"""Re-index everything, each language through its own text-search configuration.

Use this instead of `update_index`: `update_index --backend lang-fr` would index
every object with French stemming, and English and Arabic searches would then
find nothing (docs/search.md).
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection
from modelsearch import index
from wagtail.models import Locale

from search.indexing import backend_for
from search.suggest import rebuild_words

BATCH = 500


class Command(BaseCommand):
    help = "Rebuild the search index, each language with its own stemming (shows progress)."

    def handle(self, *args, **options):
        started = time.monotonic()
        total = 0
        for model in index.get_indexed_models():
            if model._meta.abstract or model._meta.proxy:
                continue
            queryset = model.get_indexed_objects()
            has_locale = any(f.name == "locale" for f in model._meta.get_fields())
            groups = (
                [(loc.language_code, queryset.filter(locale=loc)) for loc in Locale.objects.all()]
                if has_locale
                else [(None, queryset)]
            )
            for language, objects in groups:
                count = objects.count()
                if not count:
                    continue
                backend = backend_for(language)
                for start in range(0, count, BATCH):
                    batch = list(objects.order_by("pk")[start : start + BATCH])
                    backend.add_bulk(model, batch)
                    total += len(batch)
                    self.stdout.write(
                        f"  {model._meta.label} [{language or 'all'}]: "
                        f"{min(start + BATCH, count)}/{count}"
                    )
        self.stdout.write("  Collecting the words “Did you mean …?” proposes…")
        self.stdout.write(f"  {rebuild_words()} words.")
        if connection.vendor == "postgresql":
            # Rows added in bulk wait in the GIN index's pending list, and until a vacuum
            # merges them PostgreSQL prefers reading every row of the table (31 ms against
            # 14 ms for a word in 22,000 initiatives; docs/search.md).
            self.stdout.write("  Vacuuming the index table…")
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE wagtailsearch_indexentry")
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {total} objects in {time.monotonic() - started:.1f} s.")
        )

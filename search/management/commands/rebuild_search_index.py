"""Re-index everything, each language through its own text-search configuration.

Use this instead of `update_index`: `update_index --backend lang-fr` would index
every object with French stemming, and English and Arabic searches would then
find nothing (docs/search.md).
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from modelsearch import index
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from search.indexing import backend_for
from search.suggest import rebuild_words

BATCH = 500


class Command(BaseCommand):
    help = "Rebuild the search index, each language with its own stemming (shows progress)."

    def handle(self, *args, **options):
        started = time.monotonic()
        total = 0
        models = [
            model
            for model in index.get_indexed_models()
            if not (model._meta.abstract or model._meta.proxy)
        ]
        cluster_indexes = self.create_cluster_indexes(models)
        for model in models:
            queryset = model.get_indexed_objects()
            groups = (
                [(loc.language_code, queryset.filter(locale=loc)) for loc in Locale.objects.all()]
                if has_locale(model)
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
        for cluster_index in cluster_indexes:
            cluster_index.refresh()
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

    def create_cluster_indexes(self, models):
        """OpenSearch or Elasticsearch: the indexes of every alias deleted and created again
        with the alias's settings (its language's analyzer: site/search_backends.py) and the
        mappings of the models it receives, before they are filled: each language's alias
        those with a locale, ``default`` the others (as search/indexing.py sends them). A
        cluster would otherwise create an index at its first document, with its own default
        analyzer."""
        created = []
        for name in settings.WAGTAILSEARCH_BACKENDS:
            backend = get_search_backend(name)
            if not isinstance(backend, ElasticsearchBaseSearchBackend):
                continue
            by_name = {}
            for model in models:
                if (name == "default") == has_locale(model):
                    continue
                cluster_index = backend.get_index_for_model(model)
                if cluster_index.name not in by_name:
                    self.stdout.write(f"  Creating the index {cluster_index.name} ({name})")
                    cluster_index.reset()
                    by_name[cluster_index.name] = cluster_index
                by_name[cluster_index.name].add_model(model)
            created += by_name.values()
        return created


def has_locale(model):
    return any(field.name == "locale" for field in model._meta.get_fields())

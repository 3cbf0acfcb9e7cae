from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models


class PostgresOnly(migrations.RunSQL):
    """RunSQL on PostgreSQL only (SQLite proposes words with difflib instead)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class TrigramExtensionOnPostgres(TrigramExtension):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass  # other tables may use the extension


class Migration(migrations.Migration):
    dependencies = [("search", "0002_live_page_versions_indexes")]

    operations = [
        TrigramExtensionOnPostgres(),
        migrations.CreateModel(
            name="IndexedWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=64, unique=True, verbose_name="word")),
            ],
            options={"verbose_name": "indexed word", "verbose_name_plural": "indexed words"},
        ),
        PostgresOnly(
            "CREATE INDEX hrc_indexedword_trigram ON search_indexedword "
            "USING gin (word gin_trgm_ops)",
            "DROP INDEX IF EXISTS hrc_indexedword_trigram",
        ),
    ]

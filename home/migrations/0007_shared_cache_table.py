"""The table of the database cache (site/settings/base.py: the cache without Redis).

Created by a migration rather than by a separate `createcachetable` step so that every
database the site runs on has it: `bin/start`, a deployment's `migrate`, the test databases
pytest-django builds, a server started by a test. The table holds nothing the site cannot
rebuild, so going back simply drops it.
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

# The LOCATION of the database cache in site/settings/base.py.
TABLE = "hrc_cache"


def create_table(apps, schema_editor):
    # Django's own command, so the table is exactly the one its backend expects on each
    # database; it does nothing when the table exists (made by `createcachetable` before).
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("home", "0006_footer_links_and_licence")]

    operations = [migrations.RunPython(create_table, drop_table)]

"""Forget the overrides that translators could set on the facts of terms, initiatives and
the announcement banner, as 0006 did for members.

The models now mark these synchronised fields ``overridable=False``: a vocabulary term's
key (``?theme=`` filters and addresses use it), a wave's number, year and call dates, a
Charter right's, pillar's or goal's number, a theme's colour; an initiative's status and
years (search facets); the banner's switch and dates (on or off in every language at once).
Sources synced before still hold an overridable segment for each, and wagtail-localize
would apply an override set on one at the next publish. A new sync extracts none.
"""

from importlib import import_module

from django.db import migrations

TERM = ["key"]
NUMBERED_TERM = ["key", "number"]
FACTS = {
    "taxonomies.wave": ["key", "number", "year", "launch_date", "application_deadline"],
    "taxonomies.theme": ["key", "colour"],
    "taxonomies.charterright": NUMBERED_TERM,
    "taxonomies.frameworkpillar": NUMBERED_TERM,
    "taxonomies.sustainabledevelopmentgoal": NUMBERED_TERM,
    "taxonomies.rightsholdergroup": TERM,
    "initiatives.initiativepage": ["status", "start_year", "end_year"],
    "home.announcement": ["is_on", "starts_at", "ends_at"],
}


def forget_overrides_of_facts(apps, schema_editor):
    previous = import_module("cityprofiles.migrations.0006_facts_not_overridable")
    previous.forget_overrides(apps, FACTS)


class Migration(migrations.Migration):
    dependencies = [("cityprofiles", "0007_summary_help_says_where_it_shows")]

    operations = [migrations.RunPython(forget_overrides_of_facts, migrations.RunPython.noop)]

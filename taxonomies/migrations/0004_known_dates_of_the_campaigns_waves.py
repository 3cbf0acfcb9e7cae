"""The known closing date of the fourth wave's call, on sites whose waves carry the
campaign's keys and have none yet.

Only an empty date is filled, and only for the wave whose key is the campaign's own
(``wave-4``: launched 10 December 2025, forms due 25 June 2026; see the invitation letter).
The first three waves' calls had no published closing date, and their launch dates are
already required, so nothing an editor typed is ever overwritten.
"""

import datetime

from django.db import migrations

KNOWN_DEADLINES = {"wave-4": (datetime.date(2025, 12, 10), datetime.date(2026, 6, 25))}


def fill_known_deadlines(apps, schema_editor):
    Wave = apps.get_model("taxonomies", "Wave")
    for key, (opens, closes) in KNOWN_DEADLINES.items():
        # Only where the opening matches too: a site that reused the key for another call
        # keeps its own calendar.
        Wave.objects.filter(key=key, launch_date=opens, application_deadline=None).update(
            application_deadline=closes
        )


class Migration(migrations.Migration):
    dependencies = [("taxonomies", "0003_wave_call_dates_and_presentation")]

    operations = [migrations.RunPython(fill_known_deadlines, migrations.RunPython.noop)]

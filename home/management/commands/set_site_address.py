"""Give the default Site the site's public address, WAGTAILADMIN_BASE_URL (home/site_address.py).

Run at each deployment, after `migrate`: the page links of Wagtail's e-mails (the approval of
a city's change) are built from the Site record. Idempotent.
"""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from home.site_address import point_default_site_at_public_address, public_address


class Command(BaseCommand):
    help = "Set the default Site's hostname and port from WAGTAILADMIN_BASE_URL."

    def handle(self, *args, **options):
        try:
            changed = point_default_site_at_public_address()
        except Site.DoesNotExist as error:
            raise CommandError(
                "There is no default Site yet: create one in Settings → Sites."
            ) from error
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        hostname, port = public_address()
        state = "now" if changed else "already"
        self.stdout.write(f"The default Site is {state} {hostname}:{port}.")

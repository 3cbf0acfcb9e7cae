"""Export the member profiles as the secretariat's spreadsheet: see cityprofiles/exporter.py."""

from django.core.management.base import BaseCommand, CommandError

from cityprofiles.exporter import export_format, write_members


class Command(BaseCommand):
    help = "Write every member profile (default language) to a .csv or .xlsx spreadsheet."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="The file to write: its extension, .csv or .xlsx, chooses the format."
        )

    def handle(self, *args, path, **options):
        fmt = export_format(path)
        if fmt is None:
            raise CommandError(
                f"Cannot tell the format of “{path}”: end its name with .csv or .xlsx."
            )
        try:
            with open(path, "wb") as handle:
                count = write_members(handle, fmt)
        except OSError as error:
            raise CommandError(f"Cannot write “{path}”: {error.strerror}.") from error
        self.stdout.write(self.style.SUCCESS(f"{count} members exported to {path}."))

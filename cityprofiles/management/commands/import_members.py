"""Import the secretariat's member spreadsheet (.csv or .xlsx): see cityprofiles/importer.py."""

import argparse

from django.core.management.base import BaseCommand, CommandError

from cityprofiles.importer import import_members

ACTIONS = {"created": "create", "updated": "update", "unchanged": "no change"}


class Command(BaseCommand):
    help = (
        "Create or update member profiles from a spreadsheet (.csv or .xlsx). Every row is "
        "checked first; if any row is wrong, nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .csv (UTF-8) or .xlsx file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what the import would do, row by row, and save nothing.",
        )
        parser.add_argument(
            "--publish",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="Publish the changes (default), or save them as drafts with --no-publish.",
        )

    def handle(self, *args, path, dry_run, publish, **options):
        report = import_members(
            path,
            dry_run=dry_run,
            publish=publish,
            progress=lambda done, total, stage: self.stdout.write(f"[{done}/{total}] rows {stage}"),
        )
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            count = len(report.errors)
            raise CommandError(
                f"{count} error{'s' if count != 1 else ''} found: nothing was imported. "
                "Correct the rows listed above in the spreadsheet and run the import again "
                "(add --dry-run to check the file without saving)."
            )
        if dry_run or options["verbosity"] > 1:
            for outcome in report.rows:
                self.stdout.write(f"row {outcome.row}: {outcome.name} — {ACTIONS[outcome.action]}")
        if dry_run:
            self.stdout.write(f"Dry run, nothing saved. Would be: {report.summary()}.")
        else:
            self.stdout.write(self.style.SUCCESS(report.summary()))

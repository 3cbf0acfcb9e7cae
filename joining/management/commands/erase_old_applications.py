"""Erase the focal point's personal data of applications decided long ago.

An accepted member's focal point has become a city editor (their account holds what is
needed from then on); a declined applicant's details have no use left. Run it daily, e.g.
from cron: ``manage.py erase_old_applications`` (docs/joining.md).
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from joining import review
from joining.models import Application, ApplicationEvent, ApplicationStatus

DECISIONS = [ApplicationEvent.Action.ACCEPTED, ApplicationEvent.Action.DECLINED]


class Command(BaseCommand):
    help = (
        "Erase the focal point's name, position and e-mail from applications accepted or "
        "declined more than JOINING_RETENTION_DAYS days ago."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"days after the decision (default: JOINING_RETENTION_DAYS, "
            f"{settings.JOINING_RETENTION_DAYS})",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be erased, erase nothing"
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.JOINING_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        before = timezone.now() - datetime.timedelta(days=days)
        due = (
            Application.objects.filter(
                personal_data_erased_at__isnull=True,
                status__in=[ApplicationStatus.ACCEPTED, ApplicationStatus.DECLINED],
            )
            # The decision's date; without a recorded decision (an imported application),
            # the date it was received.
            .annotate(
                decided_at=Coalesce(
                    Max("events__at", filter=Q(events__action__in=DECISIONS)), "submitted_at"
                )
            )
            .filter(decided_at__lt=before)
            .order_by("pk")
        )
        ids = list(due.values_list("pk", flat=True))
        verb = "Would erase" if dry_run else "Erasing"
        self.stdout.write(
            f"{verb} the personal data of {len(ids)} application(s) decided before "
            f"{before:%Y-%m-%d}."
        )
        if dry_run:
            for application in due:
                self.stdout.write(f"  {application.pk}: {application}")
            return
        for done, pk in enumerate(ids, start=1):
            review.erase_personal_data(pk, note=f"Retention period of {days} days ended.")
            if done % 100 == 0 or done == len(ids):
                self.stdout.write(f"  {done}/{len(ids)}")
        self.stdout.write(self.style.SUCCESS(f"Erased: {len(ids)}."))

from django.core.management.base import BaseCommand

from cityteams.roles import (
    COMMUNICATIONS,
    communications_collection,
    ensure_roles,
    wagtail_default_groups_in_use,
)


class Command(BaseCommand):
    help = (
        "Create or update the Secretariat, Translators and Communications groups, the "
        "Communications collection and the review workflow; retire Wagtail's default "
        "groups and workflow. Safe to run again."
    )

    def handle(self, *args, **options):
        secretariat, translators, workflow = ensure_roles()
        self.stdout.write(
            self.style.SUCCESS(
                f"Roles ready: {secretariat.name}, {translators.name}, {COMMUNICATIONS} "
                f"(collection “{communications_collection().name}”); workflow "
                f"“{workflow.name}” on {workflow.workflow_pages.count()} members directories."
            )
        )
        for group in wagtail_default_groups_in_use():
            self.stderr.write(
                self.style.WARNING(
                    f"Wagtail's default group “{group.name}” was kept: it still has "
                    f"{group.user_set.count()} member(s), who keep its permissions on every "
                    f"page. Move them into a role, then run setup_roles again to remove it."
                )
            )

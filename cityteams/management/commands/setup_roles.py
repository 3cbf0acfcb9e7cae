from django.core.management.base import BaseCommand

from cityteams.roles import ensure_roles


class Command(BaseCommand):
    help = "Create or update the Secretariat and Translators groups and the review workflow."

    def handle(self, *args, **options):
        secretariat, translators, workflow = ensure_roles()
        self.stdout.write(
            self.style.SUCCESS(
                f"Roles ready: {secretariat.name}, {translators.name}; workflow “{workflow.name}” "
                f"on {workflow.workflow_pages.count()} members directories."
            )
        )

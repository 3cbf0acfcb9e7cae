from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from cityprofiles.models import CityProfilePage
from cityteams.onboarding import onboard


class Command(BaseCommand):
    help = (
        "Onboard a member's city editor: team, collection, permissions in every language, account."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "member", help="The member's key (e.g. barcelona-es) or profile page id"
        )
        parser.add_argument("email", help="E-mail address of the city editor")

    def handle(self, *args, member, email, **options):
        profiles = CityProfilePage.objects.filter(member_key=member)
        if member.isdigit():
            profiles = CityProfilePage.objects.filter(pk=int(member))
        profile = profiles.filter(locale=Locale.get_default()).first() or profiles.first()
        if profile is None:
            raise CommandError(
                f"No member profile with key or id {member!r}. `manage.py export_members` "
                f"lists the keys."
            )
        team, user, invited = onboard(profile, email)
        self.stdout.write(
            self.style.SUCCESS(
                f"{user.email} edits {profile.title} (group “{team.group.name}”, "
                f"{team.profiles().count()} language versions)"
                + ("; invitation sent." if invited else ".")
            )
        )

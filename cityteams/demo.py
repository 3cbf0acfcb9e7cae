"""Demo content: the roles, the review workflow and one onboarded city editor."""

from cityprofiles.models import CityProfilePage

from .onboarding import onboard
from .roles import ensure_roles

DEMO_EDITOR = "editor@barcelona.example.org"


def load(out):
    secretariat, translators, workflow = ensure_roles()
    out(f"roles: {secretariat.name}, {translators.name}; workflow “{workflow.name}”")
    barcelona = CityProfilePage.objects.filter(member_key="barcelona-es").first()
    if barcelona is not None:
        team, user, invited = onboard(barcelona, DEMO_EDITOR)
        out(
            f"city editor: {user.email} for {barcelona.title}"
            + (" (invitation printed below)" if invited else "")
        )

from django.db.models.signals import post_save


def _grant_to_new_translation(sender, instance, created, raw=False, **kwargs):
    """A translation of an onboarded member's profile gets the team's permissions."""
    if not created or raw:
        return
    from .models import CityTeam
    from .roles import grant_page_permissions

    team = CityTeam.objects.filter(profile_translation_key=instance.translation_key).first()
    if team is not None:
        grant_page_permissions(team, instance)


def connect():
    from cityprofiles.models import CityProfilePage

    post_save.connect(
        _grant_to_new_translation, sender=CityProfilePage, dispatch_uid="cityteams-translation"
    )

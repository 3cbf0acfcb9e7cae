"""Page and collection permissions of a city team, in every language tree.

Wagtail and wagtail-localize do not copy page permissions to translations, so they
are granted on every existing translation of the profile at onboarding, and on each
translation created later (cityteams/signals.py).
"""

from django.contrib.auth.models import Permission
from wagtail.models import GroupPagePermission

from .roles import grant_collection

# Edit the profile and add, edit and remove (unpublished) initiatives under it. No
# publish: changes reach the public through the secretariat's review. No lock, no
# bulk delete: the profile itself cannot be deleted, moved or copied by its editors.
CITY_EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
# Images and documents: add, change and choose, never delete (communications has the same).
MEDIA_PERMISSIONS = [
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
]


def grant_page_permissions(team, page):
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=CITY_EDITOR_PAGE_PERMISSIONS
    )
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(
            group=team.group, page=page, permission=permission
        )


def grant_team_permissions(team):
    for profile in team.profiles():
        grant_page_permissions(team, profile)
    grant_collection(team.group, team.collection, MEDIA_PERMISSIONS)
    team.group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )

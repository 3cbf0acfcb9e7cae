"""The Communications role: writes and publishes stories in every language and edits
the home page, but holds no permission on the members directories, so no city
profile or initiative.

Wagtail's page permissions flow down the tree, so the role is granted on each
stories index (never on a home page, which holds the directories); editing the
home page itself is allowed by ``HomePage.permissions_for_user``.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupPagePermission, PagePermissionTester

from cityteams.permissions import MEDIA_PERMISSIONS
from cityteams.roles import grant_collection

COMMUNICATIONS = "Communications"

STORY_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "delete_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]
# Site-wide models the role edits besides pages: (app_label, codename).
MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    ("home", "change_campaignsettings"),
    *[
        ("home", f"{action}_{model}")
        for model in ("announcement", "footertext")
        for action in ("add", "change", "delete", "view")
    ],
]


def communications_group():
    return Group.objects.filter(name=COMMUNICATIONS).first()


def is_communications(user):
    if not hasattr(user, "_is_communications"):
        user._is_communications = (
            user.is_authenticated and user.groups.filter(name=COMMUNICATIONS).exists()
        )
    return user.is_active and user._is_communications


def grant_story_index(group, index):
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=STORY_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permission)


def _permission(app_label, codename):
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise LookupError(
            f"Permission {app_label}.{codename} not found. Run `manage.py migrate` first."
        ) from None


def ensure_communications():
    from .models import StoryIndexPage

    group, _created = Group.objects.get_or_create(name=COMMUNICATIONS)
    group.permissions.add(*(_permission(app, codename) for app, codename in MODEL_PERMISSIONS))
    for index in StoryIndexPage.objects.all():
        grant_story_index(group, index)
    # Images and documents as city editors have them, in every collection.
    grant_collection(group, Collection.get_first_root_node(), MEDIA_PERMISSIONS)
    return group


class HomePagePermissionTester(PagePermissionTester):
    """Communications staff may edit and publish a home page itself, and nothing more there:
    not unpublish it, restrict its visitors, lock, move or delete it, nor add pages below it
    (the members directories live there)."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.edits_home = (
            not self.page_is_root
            and user.is_active
            and not user.is_superuser
            and is_communications(user)
        )

    def can_edit(self):
        return self.edits_home or super().can_edit()

    def can_publish(self):
        return self.edits_home or super().can_publish()

    def can_set_view_restrictions(self):
        # A restriction on a home page would hide every profile below it.
        return super().can_publish()

    def can_unschedule(self):
        return super().can_publish()

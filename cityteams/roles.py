"""Every role's grants, in one place: what each kind of admin user may do.

- Secretariat: manages members and taxonomies, reviews and publishes everything under
  the members directories, imports the member spreadsheet, edits protected facts; every
  image and document.
- Translators: translate pages (edit, not publish, in the non-default language trees)
  and taxonomy terms; their translations are published through the review workflow.
  They choose images and documents, never change them.
- Communications: writes and publishes stories (on each stories index) and edits the home
  page itself (``HomePagePermissionTester``), the campaign settings (contact, the footer's
  links to the committee, UCLG and the privacy notice, its licence line, social accounts),
  announcements and footer texts; no right on the members directories. Its media live in
  its own collection; a city's media it may only choose, to show them in a story.
- City teams: one group per member (cityteams/onboarding.py): its profile in every
  language, initiatives under it, and its own media collection.

Wagtail keeps three kinds of grant, and each role's are listed here by kind:
page permissions (``GroupPagePermission``, flowing down the page tree), collection
permissions (``GroupCollectionPermission``, flowing down the collection tree) and the
group's own model permissions. For images and documents Wagtail reads "change" as
"change and delete", and "add" as "add, and change or delete what one uploaded"
(wagtail.permission_policies.collections.CollectionOwnershipPermissionPolicy): only
``choose`` lets a user use an item without being able to delete it.

``ensure_roles()`` is idempotent: it (re)creates the groups, their permissions, the
Communications collection and the review workflow, and retires what Wagtail's own
migrations set up for a generic site (see ``retire_wagtail_defaults``).
"""

import logging

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    PagePermissionTester,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

logger = logging.getLogger(__name__)

SECRETARIAT = "Secretariat"
TRANSLATORS = "Translators"
COMMUNICATIONS = "Communications"
# Communications' own media collection, a child of the root collection.
COMMUNICATIONS_COLLECTION = "Communications"
WORKFLOW_NAME = "Secretariat approval"
TASK_NAME = "Secretariat review"
# Made by wagtailcore's migration 0002 with page permissions on the root page (so on every
# page of every tree), images and documents on the root collection, and (0048) the
# "Moderators approval" workflow on the root page. No role of this site is either.
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


# --- Page permissions --------------------------------------------------------

PAGE_PERMISSIONS = {
    # On each members directory.
    SECRETARIAT: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
    # On each home page but the default language's.
    TRANSLATORS: ["add_page", "change_page"],
    # On each stories index (never on a home page, which holds the directories).
    COMMUNICATIONS: [
        "add_page",
        "change_page",
        "delete_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    ],
}
# On the member's profile in every language: edit the profile and add, edit and remove
# (unpublished) initiatives under it. No publish: changes reach the public through the
# secretariat's review. No lock, no bulk delete: the profile itself cannot be deleted,
# moved or copied by its editors.
CITY_EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]


# --- Collection permissions (images and documents) ---------------------------

EVERY_MEDIA_PERMISSION = [
    "add_image",
    "change_image",
    "choose_image",
    "delete_image",
    "add_document",
    "change_document",
    "choose_document",
    "delete_document",
]
# A team's media in its own collection: upload, edit and choose. Wagtail lets "change"
# delete too, so the team may delete media of its own collection, never another's.
TEAM_MEDIA_PERMISSIONS = [
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
]
# Use an item in a page: see it in the chooser, never open its edit view or delete it.
CHOOSE_MEDIA_PERMISSIONS = ["choose_image", "choose_document"]


# --- Model permissions ------------------------------------------------------

VOCABULARIES = [
    "wave",
    "theme",
    "charterright",
    "frameworkpillar",
    "sustainabledevelopmentgoal",
    "rightsholdergroup",
]
ADMIN_ACCESS = ("wagtailadmin", "access_admin")
MODEL_PERMISSIONS = {
    SECRETARIAT: [
        ADMIN_ACCESS,
        *[
            ("taxonomies", f"{action}_{model}")
            for model in VOCABULARIES
            for action in ("add", "change", "delete")
        ],
        ("cityprofiles", "add_cityprofilepage"),
        ("cityprofiles", "edit_membership_facts"),
        ("cityprofiles", "edit_promotion_fields"),
        ("cityteams", "add_cityteam"),
        ("joining", "review_application"),
        # Reports → Background tasks: what is queued, retried or failed (background/).
        ("background", "view_taskrecord"),
        *[
            ("wagtailsearchpromotions", f"{action}_searchpromotion")
            for action in ("add", "change", "delete")
        ],
    ],
    TRANSLATORS: [
        ADMIN_ACCESS,
        ("wagtail_localize", "submit_translation"),
        *[("taxonomies", f"change_{model}") for model in VOCABULARIES],
    ],
    COMMUNICATIONS: [
        ADMIN_ACCESS,
        ("wagtail_localize", "submit_translation"),
        # Contact, social accounts and the footer's links and licence line (home/site_settings.py).
        ("home", "change_campaignsettings"),
        *[
            ("home", f"{action}_{model}")
            for model in ("announcement", "footertext")
            for action in ("add", "change", "delete", "view")
        ],
    ],
}
CITY_TEAM_MODEL_PERMISSIONS = [ADMIN_ACCESS]


# --- Granting ----------------------------------------------------------------


def _permissions(app_label, codenames):
    found = list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
    missing = set(codenames) - {p.codename for p in found}
    if missing:
        raise LookupError(
            f"Permissions not found in {app_label}: {sorted(missing)}. "
            f"Run `manage.py migrate` first."
        )
    return found


def _media_permissions(codenames):
    images = [c for c in codenames if c.endswith("_image")]
    documents = [c for c in codenames if c.endswith("_document")]
    if len(images) + len(documents) != len(codenames):
        raise ValueError(f"Not image or document permissions: {codenames}")
    return _permissions("wagtailimages", images) + _permissions("wagtaildocs", documents)


def grant_models(group, pairs):
    """The group's own permissions: ``(app_label, codename)`` pairs."""
    for app_label in {app_label for app_label, _codename in pairs}:
        group.permissions.add(
            *_permissions(app_label, [codename for label, codename in pairs if label == app_label])
        )


def grant_pages(group, page, codenames):
    """Page permissions on ``page`` and, as Wagtail's flow down the tree, below it."""
    for permission in _permissions("wagtailcore", codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_collection(group, collection, codenames):
    """Image and document permissions (codenames such as ``choose_image``) on a collection
    and the collections below it."""
    for permission in _media_permissions(codenames):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


def set_collections(group, grants):
    """Make ``group``'s collection permissions exactly ``grants``, a list of
    ``(collection, codenames)``: whatever else it holds (what an earlier version of this
    module granted, such as Communications' "change" on the root collection) is revoked."""
    wanted = {
        (collection.pk, permission.pk)
        for collection, codenames in grants
        for permission in _media_permissions(codenames)
    }
    for held in GroupCollectionPermission.objects.filter(group=group):
        if (held.collection_id, held.permission_id) not in wanted:
            held.delete()
    for collection, codenames in grants:
        grant_collection(group, collection, codenames)


def directories():
    from cityprofiles.models import CityIndexPage

    return CityIndexPage.objects.all()


# --- Secretariat and translators ----------------------------------------------


def ensure_secretariat():
    secretariat, _created = Group.objects.get_or_create(name=SECRETARIAT)
    grant_models(secretariat, MODEL_PERMISSIONS[SECRETARIAT])
    for directory in directories():
        grant_pages(secretariat, directory, PAGE_PERMISSIONS[SECRETARIAT])
    set_collections(secretariat, [(Collection.get_first_root_node(), EVERY_MEDIA_PERMISSION)])
    return secretariat


def ensure_translators():
    translators, _created = Group.objects.get_or_create(name=TRANSLATORS)
    grant_models(translators, MODEL_PERMISSIONS[TRANSLATORS])
    default = Locale.get_default()
    for home in Page.objects.filter(depth=2).exclude(locale=default):
        grant_pages(translators, home, PAGE_PERMISSIONS[TRANSLATORS])
    set_collections(translators, [(Collection.get_first_root_node(), CHOOSE_MEDIA_PERMISSIONS)])
    return translators


def ensure_review_workflow(secretariat):
    """One review task, by the secretariat, on every members directory (so on every
    profile and initiative, in every language)."""
    workflow, _created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    task, _created = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    task.groups.add(secretariat)
    # Workflow is a ClusterableModel: its related manager would only create in memory.
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for directory in directories():
        WorkflowPage.objects.update_or_create(page=directory, defaults={"workflow": workflow})
    return workflow


# --- Communications -----------------------------------------------------------


def communications_group():
    return Group.objects.filter(name=COMMUNICATIONS).first()


def communications_collection():
    """Where communications' uploads land: the only collection it may add to. Found by
    name under the root collection, created if missing (the demo loader needs it before
    the roles exist)."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COMMUNICATIONS_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=COMMUNICATIONS_COLLECTION)
    return collection


def grant_story_index(group, index):
    grant_pages(group, index, PAGE_PERMISSIONS[COMMUNICATIONS])


def ensure_communications():
    from stories.models import StoryIndexPage

    group, _created = Group.objects.get_or_create(name=COMMUNICATIONS)
    grant_models(group, MODEL_PERMISSIONS[COMMUNICATIONS])
    for index in StoryIndexPage.objects.all():
        grant_story_index(group, index)
    # Every city's media (and the secretariat's) may be chosen for a story, none changed
    # or deleted; its own collection is its to fill, edit and clear.
    set_collections(
        group,
        [
            (Collection.get_first_root_node(), CHOOSE_MEDIA_PERMISSIONS),
            (communications_collection(), TEAM_MEDIA_PERMISSIONS),
        ],
    )
    return group


def is_communications(user):
    if not hasattr(user, "_is_communications"):
        user._is_communications = (
            user.is_authenticated and user.groups.filter(name=COMMUNICATIONS).exists()
        )
    return user.is_active and user._is_communications


class HomePagePermissionTester(PagePermissionTester):
    """Communications staff may edit and publish a home page itself, and nothing more there:
    not unpublish it, restrict its visitors, lock, move or delete it, nor add pages below it
    (the members directories live there). A grant Wagtail's tree-inherited page
    permissions cannot express, hence code (used by ``HomePage.permissions_for_user``)."""

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


# --- City teams ---------------------------------------------------------------


def grant_page_permissions(team, page):
    """The team's rights on one of its profile's translations (and what is below it).
    Wagtail and wagtail-localize do not copy page permissions to translations, so this
    runs on every existing translation at onboarding and on each one created later
    (cityteams/signals.py)."""
    grant_pages(team.group, page, CITY_EDITOR_PAGE_PERMISSIONS)


def grant_team_permissions(team):
    for profile in team.profiles():
        grant_page_permissions(team, profile)
    grant_collection(team.group, team.collection, TEAM_MEDIA_PERMISSIONS)
    grant_models(team.group, CITY_TEAM_MODEL_PERMISSIONS)


# --- Wagtail's defaults -------------------------------------------------------


def _unstaffed(task, default_groups):
    """A group-approval task no group of this site reviews: no group at all, or only
    Wagtail's default ones. Other task types are judged staffed (their own rules)."""
    task = task.specific
    if not isinstance(task, GroupApprovalTask):
        return False
    return not task.groups.exclude(pk__in=[g.pk for g in default_groups]).exists()


def retire_wagtail_defaults():
    """Retire what Wagtail's migrations make for a generic site, so that the admin offers
    only this site's roles and workflows.

    - An active workflow with a task staffed by no group, or only by Wagtail's default
      ones (the "Moderators approval" workflow on the root page, which offered "Submit to
      Moderators approval" on every story), is deactivated the way Wagtail's admin does
      it: in-progress reviews cancelled (and logged), its pages unlinked. If nothing was
      ever submitted to it, it is deleted with its tasks; otherwise it stays, disabled,
      with its history.
    - Wagtail's default groups are deleted with their permissions, unless someone still
      belongs to one: then the group is left as it is and a warning names it, so that no
      one's access changes unseen. Move its members into a role, then run ``setup_roles``
      again. ``wagtail_default_groups_in_use()`` lists those left.
    """
    default_groups = list(Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS))
    for workflow in Workflow.objects.filter(active=True).exclude(name=WORKFLOW_NAME):
        tasks = [wt.task for wt in WorkflowTask.objects.filter(workflow=workflow)]
        if not tasks or any(_unstaffed(task, default_groups) for task in tasks):
            workflow.deactivate()
            logger.info("Retired the workflow %r, which no role of this site staffs", workflow.name)
            if not WorkflowState.objects.filter(workflow=workflow).exists():
                workflow.delete()
                for task in tasks:
                    if not WorkflowTask.objects.filter(task=task).exists():
                        Task.objects.filter(pk=task.pk, task_states__isnull=True).delete()
    for group in default_groups:
        members = group.user_set.count()
        if members:
            logger.warning(
                "Wagtail's default group %r still has %d member(s) and keeps its permissions "
                "(on the root page: every page). Move them into a role and run setup_roles "
                "again to remove it.",
                group.name,
                members,
            )
        else:
            group.delete()


def wagtail_default_groups_in_use():
    return Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).order_by("name")


# --- All roles ------------------------------------------------------------------


@transaction.atomic
def ensure_roles():
    secretariat = ensure_secretariat()
    translators = ensure_translators()
    workflow = ensure_review_workflow(secretariat)
    ensure_communications()
    retire_wagtail_defaults()
    return secretariat, translators, workflow

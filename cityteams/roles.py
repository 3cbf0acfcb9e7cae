"""The site's roles, each with least privilege.

- Secretariat: manages members and taxonomies, reviews and publishes everything under
  the members directories, imports the member spreadsheet, edits protected facts.
- Translators: translate pages (edit, not publish, in the non-default language trees)
  and taxonomy terms; their translations are published through the review workflow.
- City editors: one group per member (cityteams/onboarding.py), their own city only.
- Communications: stories and the home page (stories/roles.py).

``ensure_roles()`` is idempotent: it (re)creates the groups and their permissions.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

SECRETARIAT = "Secretariat"
TRANSLATORS = "Translators"
WORKFLOW_NAME = "Secretariat approval"
TASK_NAME = "Secretariat review"

PAGE_PERMISSIONS = {
    SECRETARIAT: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
    TRANSLATORS: ["add_page", "change_page"],
}
COLLECTION_PERMISSIONS = {
    SECRETARIAT: [
        "add_image",
        "change_image",
        "choose_image",
        "delete_image",
        "add_document",
        "change_document",
        "choose_document",
        "delete_document",
    ],
    TRANSLATORS: ["choose_image", "choose_document"],
}
VOCABULARIES = [
    "wave",
    "theme",
    "charterright",
    "frameworkpillar",
    "sustainabledevelopmentgoal",
    "rightsholdergroup",
]


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


def _admin_access():
    return _permissions("wagtailadmin", ["access_admin"])


def _grant_pages(group, page, codenames):
    for permission in _permissions("wagtailcore", codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_collection(group, collection, codenames):
    """Image and document permissions (codenames such as ``choose_image``) on a collection."""
    for codename in codenames:
        app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
        permission = _permissions(app_label, [codename])[0]
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


def directories():
    from cityprofiles.models import CityIndexPage

    return CityIndexPage.objects.all()


@transaction.atomic
def ensure_roles():
    root_collection = Collection.get_first_root_node()
    secretariat, _created = Group.objects.get_or_create(name=SECRETARIAT)
    secretariat.permissions.add(
        *_admin_access(),
        *_permissions(
            "taxonomies",
            [
                f"{action}_{model}"
                for model in VOCABULARIES
                for action in ("add", "change", "delete")
            ],
        ),
        *_permissions("cityprofiles", ["add_cityprofilepage", "edit_membership_facts"]),
        *_permissions("cityteams", ["add_cityteam"]),
        *_permissions("joining", ["review_application"]),
        *_permissions(
            "wagtailsearchpromotions",
            ["add_searchpromotion", "change_searchpromotion", "delete_searchpromotion"],
        ),
    )
    for directory in directories():
        _grant_pages(secretariat, directory, PAGE_PERMISSIONS[SECRETARIAT])
    grant_collection(secretariat, root_collection, COLLECTION_PERMISSIONS[SECRETARIAT])

    translators, _created = Group.objects.get_or_create(name=TRANSLATORS)
    translators.permissions.add(
        *_admin_access(),
        *_permissions("wagtail_localize", ["submit_translation"]),
        *_permissions("taxonomies", [f"change_{model}" for model in VOCABULARIES]),
    )
    default = Locale.get_default()
    for home in Page.objects.filter(depth=2).exclude(locale=default):
        _grant_pages(translators, home, PAGE_PERMISSIONS[TRANSLATORS])
    grant_collection(translators, root_collection, COLLECTION_PERMISSIONS[TRANSLATORS])

    workflow = ensure_review_workflow(secretariat)
    from stories.roles import ensure_communications

    ensure_communications()
    return secretariat, translators, workflow


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

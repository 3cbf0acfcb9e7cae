"""Closing leaks in Wagtail 8.0.1 and wagtail-localize 1.14.5 admin views, for users with
permissions on some pages only (a member's city editors).

Each was found by the crafted requests in cityteams/tests/test_city_editor_permissions.py;
each guard says which upstream behaviour it covers. Remove one when upstream closes it and
the test still passes without it.

- Explorer: a user whose pages are in several language trees has the tree root as "explorable
  root", so any page's explorer (and its draft title) opened. Only explorable pages open now.
- Page chooser: lists every page with its draft title; pages with unpublished changes are
  left out for users who may not edit them.
- Move confirmation (GET) showed the page's draft title without a permission check.
- Bulk-action confirmations listed the titles of items the user cannot act on: only a count.
  (templates/wagtailadmin/.../list_items_with_no_access.html)
- Admin images and documents API listed every image and document (and made renditions):
  only what the user may choose.
- wagtail-localize: convert-to-alias made a page live without publish permission; the
  submit-translation form (GET) showed draft titles; the translations report listed every
  translation. See also localize_guard.py.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail_localize.views import convert, report


def explorable(user, page):
    return PagePermissionPolicy().explorable_instances(user).filter(pk=page.pk).exists()


def guarded_explorer(view_name):
    original = page_viewset_registry.as_view(view_name, parent_page_id_kwarg="parent_page_id")

    @require_admin_access
    def view(request, parent_page_id):
        page = get_object_or_404(Page, pk=parent_page_id)
        if not explorable(request.user, page):
            raise PermissionDenied
        return original(request, parent_page_id=parent_page_id)

    return view


def visible_page_ids(user):
    """Pages whose title the user may see in admin listings: no unpublished changes, or
    pages the user may edit (whose drafts are theirs to see)."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return Page.objects.filter(
        Q(has_unpublished_changes=False) | Q(pk__in=editable.values("pk"))
    ).values("pk")


def page_chooser_queryset(pages, request):
    if request.user.is_superuser:
        return pages
    # Only a filter on the primary key: the chooser's search runs this queryset through the
    # search backend, which filters on indexed fields only.
    return pages.filter(pk__in=visible_page_ids(request.user))


def guarded_chooser_browse(request, parent_page_id):
    """Browsing into a page shows its title in the chooser's header."""
    page = get_object_or_404(Page, pk=parent_page_id)
    user = request.user
    if (
        not user.is_superuser
        and not Page.objects.filter(pk=page.pk, pk__in=visible_page_ids(user)).exists()
    ):
        raise PermissionDenied
    return chooser.BrowseView.as_view()(request, parent_page_id=parent_page_id)


def guarded_workflow_cancellation(request, page_id):
    """The confirmation says which task a page's workflow is at: for its editors only."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page_viewset_registry.as_view("confirm_workflow_cancellation", page_id_kwarg="page_id")(
        request, page_id=page_id
    )


def refuse_move_without_permission(request, page, destination):
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


def choosable(model, user):
    policy = policy_registry.get_by_type(model)
    return policy.instances_user_has_any_permission_for(user, ["choose"]).order_by("id")


class ChoosableImagesAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return choosable(get_image_model(), self.request.user)


class ChoosableDocumentsAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return choosable(get_document_model(), self.request.user)


def convert_to_alias(request, page_id):
    """Turning a translation into an alias publishes the source's content there."""
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


def can_follow_translations(user):
    """The secretariat and translators: the people whose work the reports are about."""
    from .roles import TRANSLATORS

    return (
        user.is_superuser
        or user.has_perm("cityteams.add_cityteam")
        or user.groups.filter(name=TRANSLATORS).exists()
    )


def translations_report(results_only=False):
    original = report.TranslationsReportView.as_view(results_only=results_only)

    def view(request, *args, **kwargs):
        if not can_follow_translations(request.user):
            raise PermissionDenied
        return original(request, *args, **kwargs)

    return view

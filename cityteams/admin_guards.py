"""Closing leaks in Wagtail 8.0.1 and wagtail-localize 1.14.5 admin views, for users with
permissions on some pages only (a member's city editors).

Each was found by the crafted requests in cityteams/tests/test_city_editor_permissions.py;
each guard says which upstream behaviour it covers. Remove one when upstream closes it and
the test still passes without it.

- Explorer: a user whose pages are in several language trees has the tree root as "explorable
  root", so any page's explorer (and its draft title) opened. Only explorable pages open now.
- Page chooser: lists every page with its draft title; pages with unpublished changes, and
  pages not live or behind a view restriction, are left out for users who may not edit
  them; its breadcrumbs and the parent column of its search results name the other pages
  by what ``shown_title`` allows (templates/wagtailadmin/chooser/).
- The external link chooser converted any page's address into a link named by its draft
  title.
- The page types usage report named each type's last edited page by its draft title.
- Move confirmation (GET) showed the page's draft title without a permission check.
- Workflow preview and action views: a page not in review answered with a message naming
  its draft title, to anyone (Wagtail 8.0.1, wagtail/admin/views/pages/workflow.py).
- Bulk-action confirmations listed the titles of items the user cannot act on: only a count.
  (templates/wagtailadmin/.../list_items_with_no_access.html)
- Admin images and documents API listed every image and document (and made renditions):
  only what the user may choose.
- wagtail-localize: convert-to-alias made a page live without publish permission; the
  submit-translation form (GET) showed draft titles; the translations report listed every
  translation. See also localize_guard.py.
"""

import json

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page, PageViewRestriction
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


def restricted():
    """Pages behind a view restriction, on themselves or on an ancestor."""
    behind = Q(pk__in=[])
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        behind |= Q(path__startswith=path)
    return behind


def visible_page_ids(user):
    """Pages whose title the user may see in admin listings and choosers: pages the user
    may edit (whose drafts are theirs to see), and live public pages without a draft
    (whose title anyone may read on the site)."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    shown = Page.objects.filter(live=True, has_unpublished_changes=False).exclude(restricted())
    return Page.objects.filter(
        Q(pk__in=shown.values("pk")) | Q(pk__in=editable.values("pk"))
    ).values("pk")


def shown_title(user, page):
    """The title of ``page`` that ``user`` may read: the latest draft's for its editors,
    the live one for a live public page, else None."""
    if user.is_superuser or page.permissions_for_user(user).can_edit():
        return page.get_admin_display_title()
    if page.live and not page.get_view_restrictions().exists():
        return page.title
    return None


def visible_breadcrumbs(user, page, url_name, include_self=True, querystring_value=""):
    """Wagtail's page breadcrumbs (``get_breadcrumbs_items_for_page``) label every ancestor
    with its draft title; the chooser shows them to anyone browsing below. Here each label
    is what ``shown_title`` allows."""
    root = PagePermissionPolicy().explorable_root_instance(user)
    if not root:
        return []
    pages = page.get_ancestors(inclusive=include_self).descendant_of(root, inclusive=True)
    return [
        {
            "url": reverse(url_name, args=(ancestor.id,)) + querystring_value,
            "label": shown_title(user, ancestor) or _("(a page you cannot see)"),
        }
        for ancestor in pages.specific(defer=True)
    ]


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


def may_edit_or_review(user, page):
    """The page's editors, and the reviewers its current task offers actions to."""
    if page.permissions_for_user(user).can_edit():
        return True
    state = page.current_workflow_state
    task_state = state.current_task_state if state else None
    return bool(task_state and task_state.task.specific.get_actions(page, user))


def guarded_workflow_view(view_name):
    """Wagtail's workflow preview and action views check the reviewer's rights only after
    reading the page, and a page not in review answers with a message naming its *draft*
    title ("The page '…' is not currently awaiting moderation"), to anyone: walking page
    ids read every draft title. Refused first here, before any message."""
    original = page_viewset_registry.as_view(view_name, page_id_kwarg="page_id")

    @require_admin_access
    def view(request, page_id, **kwargs):
        page = get_object_or_404(Page, pk=page_id).specific
        if not may_edit_or_review(request.user, page):
            raise PermissionDenied
        return original(request, page_id=page_id, **kwargs)

    return view


class GuardedPageTypesUsageReportView(PageTypesUsageReportView):
    """The page types usage report names each type's last edited page by its draft title,
    whoever's page it is; here only pages whose title the user may see are named."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        for item in page_types:
            page = item.last_edited_page
            title = page and shown_title(self.request.user, page)
            if title is None:
                item.last_edited_page = None
            else:
                page.draft_title = title  # what the report shows; never saved
        return page_types


class VisibleExternalLinkView(chooser.ExternalLinkView):
    """The external link chooser turns the address of a page of this site into a link to
    the page, and names it by its draft title, for any address anyone types: here only
    pages whose draft title the user may see are converted, others stay external links."""

    def post(self, request):
        response = super().post(request)
        data = json.loads(response.content)
        chosen = data.get("internal") or data.get("result") or {}
        page = Page.objects.filter(pk=chosen.get("id")).first() if "id" in chosen else None
        if page is None or shown_title(request.user, page) == page.get_admin_display_title():
            return response
        return self.render_chosen_response(self.get_result_data())


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

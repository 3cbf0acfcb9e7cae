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
- A snippet chooser offering no creation answered its create URL's POST with a 500.
- The copy view and the external link chooser answered 500 to a POST without their
  destination or address field: the form again, 400.
- The page types usage report named each type's last edited page by its draft title.
- Move confirmation (GET) showed the page's draft title without a permission check.
- Workflow preview and action views: a page not in review answered with a message naming
  its draft title, to anyone (Wagtail 8.0.1, wagtail/admin/views/pages/workflow.py).
- Bulk-action confirmations listed the titles of items the user cannot act on: only a count.
  (templates/wagtailadmin/.../list_items_with_no_access.html)
- Admin images and documents API listed every image and document (and made renditions):
  only what the user may choose. The pages admin API named a page's translations and
  ancestors by their draft titles, private ones included.
- wagtail-localize: convert-to-alias made a page live without publish permission; the
  submit-translation form (GET) showed draft titles; the translations report listed every
  translation. See also localize_guard.py.
"""

import json

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.api.serializers import (
    AdminPageSerializer,
    PageAncestorsField,
    PageTranslationsField,
)
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.views.pages.copy import CopyView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.api.v2.serializers import PageParentField
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
        field = f"{self.form_prefix}-url"
        if field not in request.POST:
            # Wagtail's URL field fails on a missing value (AttributeError, a 500): the
            # form again, with the field required.
            self.form = self.form_class(
                {field: ""}, initial=self.get_initial_data(), prefix=self.form_prefix
            )
            self.form.is_valid()
            response = self.render_form_response()
            response.status_code = 400
            return response
        response = super().post(request)
        data = json.loads(response.content)
        chosen = data.get("internal") or data.get("result") or {}
        page = Page.objects.filter(pk=chosen.get("id")).first() if "id" in chosen else None
        if page is None or shown_title(request.user, page) == page.get_admin_display_title():
            return response
        return self.render_chosen_response(self.get_result_data())


class CheckedCopyView(CopyView):
    """Wagtail's copy view reads the destination with ``Page.objects.get(id=POST[...])``:
    a POST without one, or with an unreadable or unknown one, answered 500; and its form
    named a destination the user may not copy to by its draft title ("You do not have
    permission to copy to page '…'", and in the page chooser shown again). Here such a
    destination is the form again, without it, with an error, and a 400."""

    def post(self, request, *args, **kwargs):
        destination = self.destination(request.POST.get("new_parent_page"))
        if destination is None:
            data = request.POST.copy()
            data.pop("new_parent_page", None)
            form = self.get_form_class()(**{**self.get_form_kwargs(), "data": data})
            form.is_valid()
            form.add_error("new_parent_page", _("Choose a page you may copy it under."))
            response = self.form_invalid(form)
            response.status_code = 400
            return response
        self.parent_page = destination
        return super(CopyView, self).post(request, *args, **kwargs)

    def destination(self, value):
        try:
            page = Page.objects.get(id=int(value))
        except (TypeError, ValueError, Page.DoesNotExist):
            return None
        if shown_title(self.request.user, page) != page.get_admin_display_title():
            return None  # naming it would show what the user may not see
        return page


@require_admin_access
def snippet_chooser_create(request, app_label, model_name):
    """A snippet chooser without a creation form (no "Create" tab) still routes its
    create URL, whose POST answered 500 (``None.is_valid()``): here it does not exist."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    viewset = getattr(model, "snippet_viewset", None)
    chooser = viewset.chooser_viewset if viewset else None
    if chooser is None or (
        chooser.creation_form_class is None
        and chooser.form_fields is None
        and chooser.exclude_form_fields is None
    ):
        raise Http404
    return chooser.create_view(request)


def refuse_move_without_permission(request, page, destination):
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


def choosable(model, user):
    policy = policy_registry.get_by_type(model)
    return policy.instances_user_has_any_permission_for(user, ["choose"]).order_by("id")


def hidden_page_ids(user):
    """Pages of which the user may see nothing, not even the title: not live, or behind a
    view restriction, and not theirs to edit."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return (
        Page.objects.filter(Q(live=False) | restricted())
        .exclude(pk__in=editable.values("pk"))
        .values("pk")
    )


def with_visible_titles(items, user):
    """Serialized pages (the admin API's translations and ancestors of a page) with the
    titles ``user`` may see; pages they may see nothing of are left out."""
    pages = Page.objects.in_bulk([item["id"] for item in items])
    shown = []
    for item in items:
        title = shown_title(user, pages[item["id"]]) if item["id"] in pages else None
        if title is not None:
            shown.append({**item, "title": title, "admin_display_title": title})
    return shown


class VisibleTranslationsField(PageTranslationsField):
    def to_representation(self, page):
        items = super().to_representation(page)
        return with_visible_titles(items, self.context["request"].user)


class VisibleAncestorsField(PageAncestorsField):
    def to_representation(self, page):
        items = super().to_representation(page)
        return with_visible_titles(items, self.context["request"].user)


class VisibleParentField(PageParentField):
    """The parent, as the ancestors are: by the title the user may see, or left out."""

    def get_attribute(self, instance):
        parent = super().get_attribute(instance)
        if parent is None:
            return None
        title = shown_title(self.context["request"].user, parent)
        return None if title is None else (parent, title)

    def to_representation(self, parent_and_title):
        parent, title = parent_and_title
        return {**super().to_representation(parent), "title": title}


class VisibleTitlesPageSerializer(AdminPageSerializer):
    translations = VisibleTranslationsField(read_only=True)
    ancestors = VisibleAncestorsField(read_only=True)
    parent = VisibleParentField(read_only=True)


# What each action of the pages admin API needs, checked before its data is read.
API_ACTION_PERMISSIONS = {
    "publish": "can_publish",
    "unpublish": "can_unpublish",
    "delete": "can_delete",
    "move": "can_move",
    "copy": "can_copy",
    "create_alias": "can_copy",
    "revert_to_page_revision": "can_edit",
    "convert_alias": "can_edit",
}


class GuardedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """The pages admin API listed a page's translations and ancestors by their draft
    titles, private ones included; its actions read and validated their data before
    checking the user's rights (a 400 instead of a refusal); and its copy-for-translation
    let translators copy pages that are not live and public."""

    base_serializer_class = VisibleTitlesPageSerializer

    def action_view(self, request, pk, action_name):
        from .localize_guard import may_submit_for_translation

        page = self.get_object()
        permissions = page.permissions_for_user(request.user)
        if action_name in API_ACTION_PERMISSIONS:
            if not getattr(permissions, API_ACTION_PERMISSIONS[action_name])():
                raise PermissionDenied
        elif action_name == "copy_for_translation":
            pages = [page]
            if request.data.get("recursive") in (True, "true", "True", "on", "1"):
                pages += list(page.get_descendants().specific())
            if not all(may_submit_for_translation(request.user, p) for p in pages):
                raise PermissionDenied
        return super().action_view(request, pk, action_name)


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

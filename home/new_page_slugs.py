"""A new page whose address is already taken: continue one's own draft, or say where to change it.

Upstream gap (Wagtail 8.0.1). The page editor autosaves an "Add" form as soon as one types:
the first autosave creates the page, as a draft, at the address (slug) made from the title.
An editor who leaves and adds the page again with the same title is refused with "The slug
'…' is already in use within the parent page", an error shown on the Promote tab, which city
editors never open; the autosave of the second attempt fails with a vague "There are
validation errors". Wagtail no longer makes a new page's slug unique by itself
(wagtail/wagtail#12975, open).

What this module does, for every page type, through the ``before_create_page`` hook
(``home/wagtail_hooks.py``), before Wagtail validates the form:

- The address is held by **the editor's own draft** of the same type, one that can only be an
  earlier attempt of theirs (never published, owned by them, every revision theirs, no review
  workflow ever started, no comments, translations, aliases, schedule, lock or subpages): the
  Add form continues that draft. What was posted becomes a new revision of it, through
  Wagtail's own edit view, so the earlier content stays in its history; the editor lands on
  its edit view (an autosave switches to it as after any first autosave) and is told, with a
  link to compare the two versions.
- The address is held by **any other page** (someone else's, a published one, one in review):
  nothing is saved and the answer says which address is taken, on which tab to change it and
  a free address to use instead, at the top of the form (and in the autosave's error).

Delete this module when Wagtail gives a new page a free slug or offers to continue the
editor's own draft (#12975), keeping its tests (home/tests/test_new_page_slugs.py) to prove it.
"""

import json

from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.utils import set_query_params
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import COMMENTS_RELATION_NAME, Comment, Revision

# Fields the autosave script adds once it has saved a revision; a continued draft's first save
# must never overwrite (or be checked against) a revision of the draft it continues.
AUTOSAVE_STATE_FIELDS = (
    "overwrite_revision_id",
    "loaded_revision_id",
    "loaded_revision_created_at",
)
DONE = "_new_page_slug_checked"


def before_create_page(request, parent_page, page_class):
    """The hook: a response when the posted slug is taken under ``parent_page``, else None."""
    if request.method != "POST" or getattr(request, DONE, False):
        return None
    setattr(request, DONE, True)
    slug = request.POST.get("slug", "").strip()
    if not slug:
        return None  # Wagtail makes a free slug from the title itself
    taken_by = parent_page.get_children().filter(slug=slug).first()
    if taken_by is None:
        return None
    if is_own_unpublished_draft(taken_by, request.user, page_class):
        return continue_own_draft(request, taken_by)
    return refuse_taken_address(request, parent_page, page_class, slug, taken_by)


def is_own_unpublished_draft(page, user, page_class):
    """Whether ``page`` can only be an earlier, abandoned attempt by ``user`` to add this page.

    Each condition keeps out a page whose content someone else relies on: published once
    (visitors, links, redirects), edited or commented by anyone else, in a review workflow
    (the secretariat's comments and decisions), translated, aliased, scheduled or locked.
    """
    if page.specific_class is not page_class or page.owner_id != user.pk:
        return False
    if page.live or page.first_published_at or page.last_published_at or page.live_revision_id:
        return False
    if page.locked or page.alias_of_id or page.numchild:
        return False
    revisions = Revision.page_revisions.filter(object_id=str(page.pk))
    if (
        revisions.exclude(user=user).exists()
        or revisions.filter(approved_go_live_at__isnull=False).exists()
    ):
        return False
    if page.workflow_states.exists() or Comment.objects.filter(page=page).exists():
        return False
    if page.aliases.exists() or page.get_translations().exists():
        return False
    return page.permissions_for_user(user).can_edit()


# --- The editor's own draft: the Add form continues it ---------------------------------------


class ContinueOwnDraftView(EditView):
    """Wagtail's edit view of the draft, bound to what the Add form posted.

    The Add form knows nothing of the draft's inline children (a story's members, say): they
    start empty, so the new revision holds exactly what was posted, as a new page would.
    """

    def get_object(self):
        page = super().get_object()
        form_class = self.page_class.get_edit_handler().get_form_class()
        for name in getattr(form_class, "formsets", {}):
            if name not in ("comments", COMMENTS_RELATION_NAME) and hasattr(page, name):
                setattr(page, name, [])
        return page


def continue_own_draft(request, draft):
    earlier = draft.get_latest_revision()
    request.POST = posted = request.POST.copy()
    for name in AUTOSAVE_STATE_FIELDS:
        posted.pop(name, None)
    response = ContinueOwnDraftView.as_view()(request, page_id=draft.pk)

    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    compare_url = earlier and reverse(
        "wagtailadmin_pages:revisions_compare", args=[draft.pk, earlier.pk, "latest"]
    )
    notice = continued_draft_notice(draft, earlier)
    if not expects_json(request):
        if response.status_code == 302:
            # A draft whose first save was cut short (the database busy) has no earlier
            # revision to compare with.
            buttons = (
                [messages.button(compare_url, _("Compare with the earlier version"))]
                if compare_url
                else None
            )
            messages.warning(request, notice, buttons=buttons)
        return response
    data = json_of(response)
    if not data.get("success"):
        return response
    # The answer of a first autosave, which moves the editor's form onto the draft's edit view.
    data.pop("html", None)
    data["url"] = edit_url
    data["hydrate_url"] = set_query_params(edit_url, {"_w_hydrate_create_view": "1"})
    data["new_page_notice"] = {
        "type": "warning",
        "text": notice,
        "link_url": compare_url,
        "link_text": _("Compare with the earlier version"),
    }
    return JsonResponse(data)


def continued_draft_notice(draft, earlier):
    when = earlier.created_at if earlier else draft.latest_revision_created_at
    return _(
        "You had already started “%(title)s” here (last saved on %(when)s). What you wrote "
        "now continues that draft; its earlier version is kept in its history."
    ) % {
        "title": draft.get_admin_display_title(),
        "when": date_format(timezone.localtime(when), "DATETIME_FORMAT") if when else "—",
    }


# --- Any other page: nothing saved, a clear answer ------------------------------------------


def refuse_taken_address(request, parent_page, page_class, slug, taken_by):
    suggestion = free_slug(parent_page, slug)
    tab = tab_of_field(page_class, "slug")
    values = {"slug": slug, "suggestion": suggestion, "tab": tab}
    # Name the page only to someone who may edit it: titles of drafts are not for everyone.
    if taken_by.permissions_for_user(request.user).can_edit():
        values["title"] = taken_by.get_admin_display_title()
        text = _(
            "The address “%(slug)s” is already used by the page “%(title)s”. Change the "
            "address on the %(tab)s tab, for example to “%(suggestion)s”."
        )
    else:
        text = _(
            "The address “%(slug)s” is already used by another page here. Change the "
            "address on the %(tab)s tab, for example to “%(suggestion)s”."
        )
    text = text % values
    if expects_json(request):
        return JsonResponse(
            {"success": False, "error_code": "validation_error", "error_message": text},
            status=400,
        )
    # Wagtail's form then shows the field's own error, on its tab; this message, at the top
    # of whichever tab is open, leads there (Wagtail's focus controller opens the tab).
    link = format_html(
        '<a href="#id_slug" class="button button-small button-secondary" '
        'data-controller="w-focus" data-action="click->w-focus#focus:prevent">{}</a>',
        _("Change the address"),
    )
    messages.error(request, format_html("{} {}", text, link))
    return None


def free_slug(parent_page, slug):
    """The first of ``slug-2``, ``slug-3``… that no page under ``parent_page`` uses."""
    taken = set(
        parent_page.get_children()
        .filter(slug__startswith=f"{slug}-")
        .values_list("slug", flat=True)
    )
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"


def tab_of_field(page_class, field_name):
    """The heading of the editor tab that holds ``field_name`` (Wagtail's "Promote" for slugs)."""
    handler = page_class.get_edit_handler()
    for tab in getattr(handler, "children", ()):
        if field_name in tab.get_form_options().get("fields", ()):
            return str(tab.heading)
    return str(_("Promote"))


# --- Requests and responses -----------------------------------------------------------------


def expects_json(request):
    """As Wagtail's ``JsonPostResponseMixin``: the autosave script asks for JSON only."""
    return not request.accepts("text/html")


def json_of(response):
    if response.headers.get("Content-Type") != "application/json":
        return {}
    return json.loads(response.content)

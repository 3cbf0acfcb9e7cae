"""What the secretariat is told after deciding on a city's change in the page editor.

Approving ("Approve and publish", "Approve with comment and publish") or requesting changes
from the editor's action menu goes through Wagtail's edit view, which then says what it says
after any save: "Page 'Barcelona' has been updated." For an approval that published the
change, and for a change sent back unpublished, that is misleading. The ``after_edit_page``
hook (cityteams/wagtail_hooks.py) puts the outcome, read from the database after the
action, in place of that one message; any other message stays as it was.

Delete when Wagtail's edit view words a workflow action's outcome itself (its
``perform_workflow_action`` calls the same ``add_save_confirmation_message`` as a save).
"""

from django.contrib import messages
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.messages import render
from wagtail.models import Page

# Wagtail's own msgid, translated by Wagtail's catalogues: held in a name so that
# makemessages does not copy it into ours.
WAGTAIL_UPDATED = "Page '%(page_title)s' has been updated."


def outcome(page, action):
    """What the workflow action did to ``page``, in the campaign's words, or ``None``."""
    title = page.get_admin_display_title()
    if action == "reject":
        return _(
            "Changes requested: “%(title)s” goes back to its editors with your comment. "
            "Nothing was published."
        ) % {"title": title}
    if action != "approve":
        return None
    page = Page.objects.get(pk=page.pk)
    if page.workflow_in_progress:
        return _("Approved: “%(title)s” goes on to the next step of its review.") % {"title": title}
    if page.live and not page.has_unpublished_changes:
        return _("Approved and published: the changes to “%(title)s” are on the public site.") % {
            "title": title
        }
    scheduled = page.scheduled_revision
    if scheduled is not None:
        return _("Approved: “%(title)s” will be published on %(date)s.") % {
            "title": title,
            "date": date_format(localtime(scheduled.approved_go_live_at), "DATETIME_FORMAT"),
        }
    return None


def say_what_the_review_did(request, page):
    """``after_edit_page``: replace Wagtail's "has been updated" after a workflow action."""
    if not request.POST.get("action-workflow-action"):
        return
    text = outcome(page, request.POST.get("workflow-action-name"))
    if text is None:
        return
    # As Wagtail's messages are stored: rendered through its template, hence escaped.
    updated = render(
        gettext(WAGTAIL_UPDATED) % {"page_title": page.get_admin_display_title()}, None
    )
    storage = messages.get_messages(request)
    # Reading the messages marks them all as shown; each is added again, in order, with
    # Wagtail's save confirmation replaced.
    for message in list(storage):
        storage.add(
            message.level,
            render(text, None) if message.message == updated else message.message,
            message.extra_tags,
        )

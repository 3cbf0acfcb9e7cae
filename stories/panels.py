"""The communications staff's start in the admin: their stories on the dashboard.

Drafts (and published stories with changes not yet published), stories scheduled to go
live, the latest published, each with its edit link, and "Add a story" in every language
the user may write in. Shown to whoever may add or edit a story (Communications, the
translators for their languages, administrators), by Wagtail's own page permissions.

Each list is one query whatever the number of stories (the language, the last editor and
the scheduled date come with each row), so the dashboard costs the same with 10 stories or
10,000 (stories/tests/test_stories_panel.py counts them).
"""

from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Revision
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import StoryIndexPage, StoryPage

LATEST_DRAFTS = 10
LATEST_SCHEDULED = 10
LATEST_PUBLISHED = 5


def story_indexes_to_add_to(user):
    """The stories indexes where ``user`` may add a story, in the order of the languages."""
    addable = PagePermissionPolicy().instances_user_has_permission_for(user, "add")
    return list(
        StoryIndexPage.objects.filter(pk__in=addable.values("pk"))
        .select_related("locale", "latest_revision__user")
        .order_by("path")
    )


def editable_stories(user):
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    scheduled_at = (
        Revision.page_revisions.filter(
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            approved_go_live_at__isnull=False,
        )
        .order_by("-created_at")
        .values("approved_go_live_at")[:1]
    )
    return (
        StoryPage.objects.filter(pk__in=editable.values("pk"))
        .select_related("locale", "latest_revision__user")
        .annotate(scheduled_at=Subquery(scheduled_at))
    )


class StoriesPanel(Component):
    name = "stories"
    template_name = "stories/admin/stories_panel.html"
    order = 45  # after "My city" (40), before the secretariat's panel (50) and Wagtail's own

    class Media:
        css = {"all": ["stories/stories_panel.css"]}

    def __init__(self, indexes, stories):
        self.indexes = indexes
        self.stories = stories

    @classmethod
    def for_user(cls, user):
        """The panel, or ``None`` for a user who may neither add nor edit a story."""
        indexes = story_indexes_to_add_to(user)
        stories = editable_stories(user)
        if not indexes and not stories.exists():
            return None
        return cls(indexes, stories)

    def get_context_data(self, parent_context=None):
        request = parent_context["request"] if parent_context else None
        drafts = self.stories.filter(has_unpublished_changes=True, scheduled_at__isnull=True)
        scheduled = self.stories.filter(scheduled_at__isnull=False)
        lists = [
            {
                "name": "drafts",
                "heading": _("Drafts and unpublished changes"),
                "caption": _(
                    "Your latest story drafts, and published stories whose changes are not "
                    "published yet"
                ),
                "when": _("Last edited"),
                "empty": _("No story draft."),
                "stories": [
                    row(story, story.latest_revision_created_at, request, draft=True)
                    for story in drafts.order_by("-latest_revision_created_at")[:LATEST_DRAFTS]
                ],
            },
            {
                "name": "scheduled",
                "heading": _("Scheduled to go live"),
                "caption": _("Stories waiting for their go-live date"),
                "when": _("Goes live"),
                "empty": None,  # the list is left out when there is none
                "stories": [
                    row(story, story.scheduled_at, request)
                    for story in scheduled.order_by("scheduled_at")[:LATEST_SCHEDULED]
                ],
            },
            {
                "name": "published",
                "heading": _("Recently published"),
                "caption": _("The stories published last"),
                "when": _("Published"),
                "empty": _("No story published yet."),
                "stories": [
                    row(story, story.last_published_at, request)
                    for story in self.stories.live().order_by("-last_published_at")[
                        :LATEST_PUBLISHED
                    ]
                ],
            },
        ]
        return {
            "add_links": [
                {
                    "url": reverse(
                        "wagtailadmin_pages:add", args=("stories", "storypage", index.pk)
                    ),
                    "language": index.locale.language_code,
                }
                for index in self.indexes
            ],
            "lists": [entry for entry in lists if entry["stories"] or entry["empty"]],
        }


def row(story, when, request, *, draft=False):
    """What a list shows of a story: the date that matters there and its links; for a draft,
    its state and who edited it last."""
    links = [{"label": _("Edit"), "url": reverse("wagtailadmin_pages:edit", args=[story.pk])}]
    if story.has_unpublished_changes:
        links.append(
            {
                "label": _("View draft"),
                "url": reverse("wagtailadmin_pages:view_draft", args=[story.pk]),
            }
        )
    live_url = story.live and story.get_url(request)
    if live_url:
        links.append({"label": _("View live"), "url": live_url})
    revision = story.latest_revision
    return {
        "pk": story.pk,
        "title": story.get_admin_display_title(),
        "language": story.locale.language_code,
        "state": draft
        and (
            _("Published; changes not yet published") if story.live else _("Draft, never published")
        ),
        "when": when,
        "by": draft and revision and revision.user,
        "links": links,
    }

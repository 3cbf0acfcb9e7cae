"""What a city editor's "My city" start on the admin dashboard shows (cityteams/panels.py).

For each city team the user belongs to: the member's profile and its initiatives, each in the
user's language where it exists (else in its source language), with its state in the review
workflow, the secretariat's latest comment, and the state of every language version with the
action it needs — said truthfully for the user's role: city editors cannot submit or sync
translations (wagtail-localize's ``submit_translation``), so for them that action is the
secretariat's.

The secretariat's comments are those written on its review task (Wagtail's "Request changes" and
"Approve" ask for one and keep it on the task state), which is what a city editor must read to
resubmit. Everything is read in a fixed number of queries, whatever the number of initiatives,
languages and cities.
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, TaskState, WorkflowState, get_default_page_content_type
from wagtail_localize.models import Translation

from cityprofiles.models import CityProfilePage
from initiatives.models import InitiativePage
from translations.status import OUTDATED, translation_status

from .models import CityTeam

SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"

# The state of one language version in the review before publication.
PUBLISHED, DRAFT, IN_REVIEW, CHANGES_REQUESTED = (
    "published",
    "draft",
    "in-review",
    "changes-requested",
)
REVIEW_LABELS = {
    PUBLISHED: _("Published"),
    DRAFT: _("Draft, not submitted for review"),
    IN_REVIEW: _("In review by the secretariat"),
    CHANGES_REQUESTED: _("Changes requested by the secretariat"),
}
# The state of a language version as a translation.
ORIGINAL, MISSING, OUT_OF_DATE, WAITING, UP_TO_DATE = (
    "original",
    "missing",
    "out-of-date",
    "waiting",
    "up-to-date",
)
TRANSLATION_LABELS = {
    ORIGINAL: _("Original"),
    MISSING: _("Not translated yet"),
    OUT_OF_DATE: _("Out of date"),
    WAITING: _("Translation draft waiting"),
    UP_TO_DATE: _("Up to date"),
    IN_REVIEW: REVIEW_LABELS[IN_REVIEW],
    CHANGES_REQUESTED: REVIEW_LABELS[CHANGES_REQUESTED],
}
COMMENT_ACTIONS = {
    TaskState.STATUS_REJECTED: _("Changes requested"),
    TaskState.STATUS_APPROVED: _("Approved"),
}
PAGE_FIELDS = (
    "id",
    "title",
    "draft_title",
    "slug",
    "translation_key",
    "locale_id",
    "live",
    "has_unpublished_changes",
    "path",
    "depth",
    "url_path",
    "locked",
    "locked_by_id",
    "owner_id",
    "latest_revision_created_at",
    "last_published_at",
    "content_type_id",
    "alias_of_id",
)


@dataclass
class Comment:
    text: str
    at: object
    action: str
    by: str


@dataclass
class Action:
    label: str
    url: str = ""  # empty: something to ask, not a link


@dataclass
class Version:
    """One language version of a page, with its review state and the links the user may use."""

    page: object
    language: str
    review: str
    comment: Comment = None
    # Made with wagtail-localize and kept in sync with its source: the source's id.
    source_id: int = None
    edit_url: str = ""
    live_url: str = ""
    draft_url: str = ""

    @property
    def review_label(self):
        label = REVIEW_LABELS[self.review]
        if self.review == DRAFT and self.page.live:
            return _("Published; changes not yet submitted for review")
        return label

    @property
    def title(self):
        return self.page.draft_title or self.page.title

    @property
    def synced(self):
        return self.source_id is not None


@dataclass
class Cell:
    """One language of a page: its state as a translation and what it needs next."""

    code: str
    name: str
    state: str
    version: Version = None
    actions: list = field(default_factory=list)

    @property
    def label(self):
        return TRANSLATION_LABELS[self.state]


@dataclass
class Item:
    """A profile or an initiative, across its languages."""

    kind: str
    main: Version
    source: Version
    cells: list


@dataclass
class City:
    team: object
    profile: Item
    initiatives: list
    add_initiative_url: str
    explore_url: str

    @property
    def name(self):
        return self.profile.main.title


def teams_of(user):
    if not user.is_authenticated:
        return []
    return list(CityTeam.objects.filter(group__user=user).order_by("group__name"))


def my_city(request):
    """The user's cities, computed once per request (the panel and the summary share it)."""
    if not hasattr(request, "_my_city"):
        request._my_city = _build(request)
    return request._my_city


def _languages(locales):
    """The site's languages (those with a locale: a language tree can exist), named in the
    admin's language."""
    present = set(locales.values())
    return [
        (code, get_language_info(code)["name_translated"])
        for code, _name in settings.LANGUAGES
        if code in present
    ]


def _active_code(locales):
    try:
        code = get_supported_content_language_variant(get_language())
    except LookupError:
        return Locale.get_default().language_code
    return code if code in locales.values() else Locale.get_default().language_code


def _build(request):
    user = request.user
    teams = teams_of(user)
    if not teams:
        return []
    locales = dict(Locale.objects.values_list("id", "language_code"))
    active = _active_code(locales)
    languages = _languages(locales)
    # Aliases (wagtail-localize's stand-ins for missing ancestors) are not translations one
    # can edit: a language with only an alias counts as not translated, as in the report.
    profiles = list(
        CityProfilePage.objects.filter(
            translation_key__in=[team.profile_translation_key for team in teams],
            alias_of__isnull=True,
        )
        .only(*PAGE_FIELDS)
        .order_by("path")
    )
    if not profiles:
        return []
    initiatives = list(
        InitiativePage.objects.filter(
            reduce(or_, [Q(path__startswith=p.path, depth=p.depth + 1) for p in profiles]),
            alias_of__isnull=True,
        )
        .only(*PAGE_FIELDS)
        .order_by("path")
    )
    pages = profiles + initiatives
    states, comments = _reviews(pages)
    synced, source_locales = _translations({page.translation_key for page in pages})
    can_translate = user.has_perm(SUBMIT_TRANSLATION)
    next_url = reverse("wagtailadmin_home")

    def version(page):
        code = locales[page.locale_id]
        permissions = page.permissions_for_user(user)
        v = Version(
            page=page,
            language=code,
            review=states.get(page.pk) or (PUBLISHED if _is_published(page) else DRAFT),
            comment=comments.get(page.pk),
            source_id=synced.get((page.translation_key, page.locale_id)),
        )
        if permissions.can_edit():
            v.edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            if not page.live or page.has_unpublished_changes:
                v.draft_url = reverse("wagtailadmin_pages:view_draft", args=[page.pk])
        if page.live:
            v.live_url = page.get_url(request=request) or ""
        return v

    def item(kind, group):
        versions = {locales[page.locale_id]: version(page) for page in group}
        # Its source: the language wagtail-localize translates it from, else its first version.
        first = min(group, key=lambda page: page.pk)
        source_code = locales.get(source_locales.get(first.translation_key))
        source = versions.get(source_code) or versions[locales[first.locale_id]]
        main = versions.get(active) or source
        cells = [
            _cell(kind, code, name, versions.get(code), source, can_translate, next_url)
            for code, name in languages
        ]
        return Item(kind=kind, main=main, source=source, cells=cells)

    cities = []
    for team in teams:
        versions = [p for p in profiles if p.translation_key == team.profile_translation_key]
        if not versions:
            continue
        profile = item("profile", versions)
        paths = [p.path for p in versions]
        groups = {}
        for page in initiatives:
            if page.path[: -page.steplen] in paths:
                groups.setdefault(page.translation_key, []).append(page)
        city_initiatives = sorted(
            (item("initiative", group) for group in groups.values()),
            key=lambda i: i.main.title.casefold(),
        )
        parent = profile.main.page
        add_url = ""
        if parent.permissions_for_user(user).can_add_subpage():
            add_url = reverse(
                "wagtailadmin_pages:add", args=("initiatives", "initiativepage", parent.pk)
            )
        cities.append(
            City(
                team=team,
                profile=profile,
                initiatives=city_initiatives,
                add_initiative_url=add_url,
                explore_url=reverse("wagtailadmin_explore", args=[parent.pk]),
            )
        )
    return cities


def _is_published(page):
    return page.live and not page.has_unpublished_changes


def _reviews(pages):
    """Each page's state in the review (for those in it) and the secretariat's latest comment.
    Two queries for any number of pages."""
    ids = [str(page.pk) for page in pages]
    page_type = get_default_page_content_type()
    states = {}
    for object_id, status in (
        WorkflowState.objects.active()
        .filter(base_content_type=page_type, object_id__in=ids)
        .values_list("object_id", "status")
    ):
        states[int(object_id)] = (
            CHANGES_REQUESTED if status == WorkflowState.STATUS_NEEDS_CHANGES else IN_REVIEW
        )
    comments = {}
    rows = (
        TaskState.objects.filter(
            workflow_state__base_content_type=page_type, workflow_state__object_id__in=ids
        )
        .exclude(comment="")
        .order_by("-finished_at", "-pk")
        .values_list(
            "workflow_state__object_id",
            "comment",
            "finished_at",
            "status",
            "finished_by__first_name",
            "finished_by__last_name",
        )
    )
    for object_id, text, at, status, first_name, last_name in rows:
        page_id = int(object_id)
        if page_id not in comments:  # the newest first
            comments[page_id] = Comment(
                text=text,
                at=at,
                action=COMMENT_ACTIONS.get(status, ""),
                by=f"{first_name} {last_name}".strip() or _("the secretariat"),
            )
    return states, comments


def _translations(keys):
    """The language versions wagtail-localize keeps in sync with a source, {(translation key,
    locale id): translation source id}, and each page's source language, {translation key:
    locale id}. One query."""
    synced, source_locales = {}, {}
    rows = (
        Translation.objects.filter(source__object_id__in=keys, enabled=True)
        .order_by("source__created_at", "pk")
        .values_list("source_id", "source__object_id", "source__locale_id", "target_locale_id")
    )
    for source_id, key, source_locale, target_locale in rows:
        synced[(key, target_locale)] = source_id
        source_locales.setdefault(key, source_locale)
    return synced, source_locales


def _cell(kind, code, name, version, source, can_translate, next_url):
    cell = Cell(code=code, name=name, state=UP_TO_DATE, version=version)
    source_name = get_language_info(source.language)["name_translated"]
    if version is None:
        cell.state = MISSING
        if can_translate:
            url = reverse("wagtail_localize:submit_page_translation", args=[source.page.pk])
            cell.actions.append(Action(_("Translate"), f"{url}?{urlencode({'next': next_url})}"))
        else:
            cell.actions.append(Action(_("Ask the secretariat to start the translation")))
        if kind == "profile":
            cell.actions.append(
                Action(
                    _("Meanwhile visitors see the %(language)s version") % {"language": source_name}
                )
            )
        return cell
    if version is source:
        cell.state = ORIGINAL
    elif version.review in (IN_REVIEW, CHANGES_REQUESTED):
        cell.state = version.review
    elif translation_status(source.page, version.page) == OUTDATED:
        cell.state = OUT_OF_DATE
    elif not _is_published(version.page):
        cell.state = WAITING
    if cell.state == OUT_OF_DATE and version.synced:
        # New source text reaches a synchronised translation only through wagtail-localize's
        # "Sync translated pages", which needs the permission city editors do not hold.
        if can_translate:
            url = reverse("wagtail_localize:update_translations", args=[version.source_id])
            cell.actions.append(Action(_("Sync"), f"{url}?{urlencode({'next': next_url})}"))
        else:
            cell.actions.append(Action(_("Ask the secretariat to sync it")))
        return cell
    if not version.edit_url:
        return cell
    if cell.state == OUT_OF_DATE:
        label = _("Update the %(language)s version") % {"language": name}
    elif cell.state == WAITING:
        label = _("Review the draft")
    elif cell.state == CHANGES_REQUESTED:
        label = _("Make the changes")
    elif version.synced:
        label = _("Translate")
    else:
        label = _("Edit")
    cell.actions.append(Action(label, version.edit_url))
    if cell.state == WAITING and version.synced:
        cell.actions.append(Action(_("The secretariat publishes it")))
    return cell

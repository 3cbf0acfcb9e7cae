"""Every admin URL, filled with another city's ids, as every limited role.

The permission tests next to this one send crafted requests that someone thought of. This
one sends the requests nobody listed: it walks Django's URL resolver, and for every admin
URL pattern (Wagtail's, wagtail-localize's, modeladmin's, the snippets', ours) it fills
each argument with what Vienna (city B) owns, or with what no limited role may touch, in
the English and the French tree, and sends a GET and a POST as:

- the editor of Barcelona (city A),
- a translator of Barcelona (a member of A's team who may submit translations),
- a translator (the site-wide "Translators" group),
- communications staff.

For each request it asserts:

1. no server error;
2. a refusal, unless the role has every capability the URL needs on what it names
   (``Role.capabilities`` and ``requirement`` below, written from docs/permissions.md,
   never from what the code happens to do);
3. the database unchanged, every row of every table (``checksums.DatabaseState``), but
   for what an allowed field-less action does (``ACTS_WITHOUT_A_FORM``);
4. nothing of B's that the role may not see, neither in the response nor in the messages
   the next page shows (B's draft titles, the titles of B's pages only logged-in visitors
   may see, B's media, an applicant's name).

Arguments are filled by their name (``page_id``, ``task_state_id``…) and, for ``pk`` and
the app-label/model-name pairs, by the URL's namespace. A pattern with an argument the
sweep does not know fails its test and says what to add, so a new admin URL, ours or
Wagtail's, is covered the day it appears. The few patterns left out are in ``EXCLUDED``,
each with its reason.

A second test sends every URL an empty POST as a superuser, whom nothing refuses, so that
every form and action reads what it was not sent: a 400 or the form again, never a 500.

One world is built for the module (in a transaction rolled back at its end); each request
runs in a savepoint rolled back after it. The module prints its figures at the end.
"""

import dataclasses
import itertools
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpRequest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.admin.models import EditingSession
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Locale,
    Page,
    PageSubscription,
    Site,
    TranslatableMixin,
    UploadedFile,
    get_page_models,
)
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile
from wagtail.workflows import get_task_types
from wagtail_localize.models import OverridableSegment, StringSegment, Translation

from background.models import TaskRecord
from cityteams.roles import TRANSLATORS
from cityteams.tests import builders
from cityteams.tests.checksums import DatabaseState
from home.site_settings import Announcement, FooterText
from joining.models import Application
from joining.tests.builders import application
from taxonomies.models import (
    TAXONOMY_MODELS,
    CharterRight,
    FrameworkPillar,
    RightsHolderGroup,
    SustainableDevelopmentGoal,
    Theme,
    Wave,
)

pytestmark = pytest.mark.django_db

SECRET_APPLICANT = "SECRET APPLICANT"
TREES = ("en", "fr")

# Patterns the sweep does not request, each for a reason. As short as possible.
EXCLUDED = {
    # Ends the role's session: every later request would be anonymous.
    "wagtailadmin_logout": "logs the sweeping user out",
    # Wagtail's catch-all: any address that no other pattern takes (a 404 page).
    "admin/^.*/$": "the admin's 'page not found' for unknown addresses; no arguments",
    # Deliberately raises, to test error pages (Wagtail's own, for administrators only).
    "wagtailadmin_error_test": "raises an exception on purpose (a test of the 500 page)",
}


# --- The admin's URL patterns ------------------------------------------------


@dataclass(frozen=True)
class AdminPattern:
    route: str  # the full pattern, as Django prints it
    name: str  # namespaced name ("wagtailadmin_pages:edit"), "" when unnamed
    parts: tuple  # the pattern objects from the root resolver down
    callback: object = field(compare=False, repr=False)
    # Our views in front of upstream ones are unnamed: the name of the one they stand for.
    stands_for: str = ""

    @property
    def key(self):
        return self.name or self.stands_for

    @property
    def namespace(self):
        return self.key.rpartition(":")[0]

    @property
    def url_name(self):
        return self.key.rpartition(":")[2]

    @property
    def kwargs(self):
        names = []
        for part in self.parts:
            if isinstance(part, RoutePattern):
                names += list(part.converters)
            elif isinstance(part, RegexPattern):
                names += list(part.regex.groupindex)
        return tuple(names)

    def url(self, values):
        """The path with ``values`` in place of the arguments."""
        path = ""
        for part in self.parts:
            text = str(part)
            if isinstance(part, RoutePattern):
                text = re.sub(
                    r"<(?:(\w+):)?(\w+)>",
                    lambda m, part=part: str(
                        part.converters[m.group(2)].to_url(values[m.group(2)])
                    ),
                    text,
                )
            else:
                text = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), text)
                text = text.lstrip("^").rstrip("$").replace("\\.", ".")
                if re.search(r"[\\^$()|*+?\[\]]", text):
                    raise AssertionError(f"{self.route}: cannot fill the regular expression")
            path += text
        return "/" + path

    def __str__(self):
        return self.route


def admin_patterns():
    def walk(resolver, parts=(), namespaces=()):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                names = namespaces + ((entry.namespace,) if entry.namespace else ())
                yield from walk(entry, parts + (entry.pattern,), names)
            elif isinstance(entry, URLPattern):
                name = ":".join(namespaces + (entry.name,)) if entry.name else ""
                pattern = AdminPattern(
                    route="".join(str(part) for part in parts + (entry.pattern,)),
                    name=name,
                    parts=parts + (entry.pattern,),
                    callback=entry.callback,
                )
                if pattern.route.startswith("admin/"):
                    yield pattern

    patterns = list(walk(get_resolver()))
    named = {p.route: p.name for p in patterns if p.name}
    return [
        p if p.name else dataclasses.replace(p, stands_for=named.get(p.route, "")) for p in patterns
    ]


ALL_PATTERNS = admin_patterns()
SWEPT = [p for p in ALL_PATTERNS if p.name not in EXCLUDED and p.route not in EXCLUDED]


# --- The world: two cities, and one of everything an admin URL can name -------


def snippet_instances(locale):
    """One of each snippet model in ``locale``; a model without one fails the sweep."""
    code = locale.language_code

    def term(model, **extra):
        return model.objects.create(
            locale=locale, key=f"sweep-{code}", name=f"Term {code}", **extra
        )

    return {
        Wave: Wave.objects.create(
            locale=locale, key=f"sweep-{code}", number=9, year=2030, launch_date="2030-01-01"
        ),
        Theme: term(Theme),
        CharterRight: term(CharterRight, number=99),
        FrameworkPillar: term(FrameworkPillar, number=99),
        SustainableDevelopmentGoal: term(SustainableDevelopmentGoal, number=99),
        RightsHolderGroup: term(RightsHolderGroup),
        Announcement: Announcement.objects.create(locale=locale, message=f"Banner {code}"),
        FooterText: FooterText.objects.create(locale=locale, text=f"<p>Footer {code}</p>"),
    }


def uploaded(model, user, name):
    return UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(model),
        file=ContentFile(b"GIF89a", name=name),
        uploaded_by_user=user,
    )


def build_world():
    w = builders.two_cities()
    User = get_user_model()
    locales = {code: Locale.objects.get(language_code=code) for code in TREES}

    w.site_translator = User.objects.create_user("translator", "tr@example.org", "pw-123456789")
    w.site_translator.groups.add(Group.objects.get(name=TRANSLATORS))

    w.snippets = {code: snippet_instances(locale) for code, locale in locales.items()}
    w.settings = {model: model.load() for model in settings_registry}
    w.application = application(
        government_name=f"{SECRET_APPLICANT} city", focal_name=f"{SECRET_APPLICANT} person"
    )
    w.redirect = Redirect.objects.create(old_path="/old-vienna", redirect_page=w.vienna)
    # A failed e-mail to the applicant, as the secretariat's listing shows it.
    w.task_record = TaskRecord.objects.create(
        task_path="joining.tasks.send_confirmation",
        args=[w.application.pk],
        status="FAILED",
        error_class="smtplib.SMTPRecipientsRefused",
        traceback=f"SMTPRecipientsRefused: {SECRET_APPLICANT} task",
    )
    w.query = Query.get("vienna")
    SearchPromotion.objects.create(query=w.query, page=w.vienna_private, sort_order=0)
    w.uploaded = {
        "images": uploaded(get_image_model(), w.b_editor, "vienna-secret-upload.gif"),
        "documents": uploaded(get_document_model(), w.b_editor, "vienna-secret-upload.txt"),
    }
    w.editing_session = EditingSession.objects.create(
        user=w.b_editor,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(w.vienna.pk),
        last_seen_at=timezone.now(),
    )
    w.locales = locales
    w.cases = {tree: list(cases(w, tree)) for tree in TREES}
    w.secret_texts = secret_texts(w)
    w.rendered_messages = set()
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once per module in a transaction rolled back at its end; each test runs in a
    savepoint within it. The roles' clients are logged in here, once."""
    with django_db_blocker.unblock(), transaction.atomic():
        w = build_world()
        w.clients = {}
        for role in ROLES.values():
            # A server error is one more problem to report, with the rest: logged, not raised.
            client = Client(raise_request_exception=False)
            client.force_login(role.user(w))
            UserProfile.get_for_user(role.user(w))  # made on the first visit to some views
            w.clients[role.name] = client
        superuser = Client(raise_request_exception=False)
        superuser.force_login(w.superuser)
        w.clients["superuser"] = superuser
        yield w
        transaction.set_rollback(True)


@pytest.fixture
def swept(world, db):
    return world


@pytest.fixture(scope="module", autouse=True)
def figures(request):
    """The sweep's size, printed at the end of the module's run."""
    yield
    if FIGURES["patterns"]:
        plugins = request.config.pluginmanager
        reporter = plugins.get_plugin("terminalreporter")
        capture = plugins.get_plugin("capturemanager")
        line = (
            f"admin URL sweep: {FIGURES['patterns']} of {len(ALL_PATTERNS)} admin URL patterns "
            f"({len(ALL_PATTERNS) - len(SWEPT)} excluded), {FIGURES['requests']} requests, "
            f"{FIGURES['seconds']:.0f} s"
        )
        if reporter and capture:
            with capture.global_and_fixture_disabled():
                reporter.write_line(f"\n{line}")


# --- What an argument names ----------------------------------------------------


@dataclass(frozen=True)
class Target:
    """An object named in a URL: what it is, and the page it belongs to (if any)."""

    kind: str
    obj: object
    page: object = None  # the page whose rights decide (a revision's page, a translation's…)

    def __str__(self):
        return f"{self.kind} {getattr(self.obj, 'pk', self.obj)}"


_PUBLIC = {}


def public(page):
    """No view restriction on the page or above it (the world does not change them)."""
    if page.pk not in _PUBLIC:
        _PUBLIC[page.pk] = not page.get_view_restrictions().exists()
    return _PUBLIC[page.pk]


def latest_task_state(state):
    return state.current_task_state


def cases(w, tree):
    """What B owns in one language tree, one case per page of B, with the rest around it."""
    en = tree == "en"
    profile = w.vienna if en else w.vienna_fr
    moderated = w.vienna_initiative if en else w.vienna_initiative_fr
    state = w.workflow_state if en else w.workflow_state_fr
    pages = [
        profile,
        moderated,
        w.vienna_private if en else w.vienna_private_fr,
        w.vienna_unpublished if en else w.vienna_unpublished_fr,
    ] + ([w.vienna_public_initiative] if en else [])
    # As they are now (the builders' objects are those before publishing).
    pages = [Page.objects.get(pk=page.pk).specific for page in pages]
    moderated = pages[1]
    # The translation of B's profile (en → fr), and of its initiative in the French case.
    source = w.vienna_source if en else moderated.get_translation(w.locales["en"])
    translation = Translation.objects.filter(
        source__object_id=source.translation_key if not en else w.vienna.translation_key,
        target_locale=w.locales["fr"],
    ).first()
    translation_source = translation.source
    target_page = translation.get_target_instance()
    source_page = translation_source.get_source_instance()
    string_segment = StringSegment.objects.filter(source=translation_source).first()
    overridable = OverridableSegment.objects.filter(source=translation_source).first()
    task_state = latest_task_state(state)
    for page in pages:
        revisions = page.revisions.order_by("pk")
        yield {
            "page": Target("page", page, page),
            "destination": Target("destination", w.barcelona if en else w.barcelona_fr),
            "revision": Target("revision", revisions.last(), page),
            "revision_a": Target("revision", revisions.first(), page),
            "revision_b": Target("revision", revisions.last(), page),
            "task_state": Target("task_state", task_state, moderated),
            "workflow_state": Target("workflow_state", state, moderated),
            "task": Target("task", task_state.task),
            "workflow": Target("workflow", w.workflow),
            "image": Target("image", w.b_image),
            "document": Target("document", w.b_document),
            "collection": Target("collection", w.b_team.collection),
            "translation": Target("translation", translation, target_page),
            "translation_source": Target("translation_source", translation_source, source_page),
            "string_segment": Target("string_segment", string_segment, target_page),
            "overridable_segment": Target("overridable_segment", overridable, target_page),
            "locale": Target("locale", w.locales[tree]),
            "site": Target("site", Site.objects.get(is_default_site=True)),
            "user": Target("user", w.b_editor),
            "group": Target("group", w.b_team.group),
            "application": Target("application", w.application),
            "redirect": Target("redirect", w.redirect),
            "query": Target("query", w.query),
            "task_record": Target("task_record", w.task_record),
            # Someone else's editing session: nobody may act on it, whatever the page.
            "editing_session": Target("editing_session", w.editing_session),
            "uploaded_image": Target("uploaded_file", w.uploaded["images"]),
            "uploaded_document": Target("uploaded_file", w.uploaded["documents"]),
            "snippets": {model: Target("snippet", obj) for model, obj in w.snippets[tree].items()},
            "settings": {model: Target("setting", obj) for model, obj in w.settings.items()},
            "superuser": w.superuser,
        }


# Arguments named after what they hold.
KWARG_KINDS = {
    "page_id": "page",
    "parent_page_id": "page",
    "page_to_move_id": "page",
    "page_pk": "page",
    "destination_id": "destination",
    "revision_id": "revision",
    "revision_id_a": "revision_a",
    "revision_id_b": "revision_b",
    "task_state_id": "task_state",
    "task_id": "task",
    "workflow_state_id": "workflow_state",
    "workflow_pk": "workflow",
    "image_id": "image",
    "document_id": "document",
    "doc_id": "document",
    "collection_id": "collection",
    "translation_id": "translation",
    "translation_source_id": "translation_source",
    "string_segment_id": "string_segment",
    "overridable_segment_id": "overridable_segment",
    "session_id": "editing_session",
    "query_id": "query",
    "redirect_id": "redirect",
    "user_id": "user",
}
# Arguments that name no object: the values worth trying.
KWARG_VALUES = {
    "filter_spec": ["fill-800x600"],
    "fmt": ["csv", "xlsx"],
    "mode": ["default"],
    "token": ["set-password", "bad-token"],
}
# ``pk`` (and modeladmin's ``instance_pk``) by the URL's namespace.
PK_KINDS = {
    "wagtailadmin_api:pages": "page",
    "wagtailadmin_api:images": "image",
    "wagtailadmin_api:documents": "document",
    "wagtailadmin_pages": "page",  # revisions compare
    "wagtailadmin_collections": "collection",
    "wagtaillocales": "locale",
    "wagtailsites": "site",
    "wagtailusers_users": "user",
    "wagtailusers_groups": "group",
    "wagtailimages_chooser": "image",
    "wagtaildocs_chooser": "document",
    "member_chooser": "page",
    "background_tasks": "task_record",
}
# Our own function views taking a ``pk``, by URL name.
PK_KINDS_BY_NAME = {
    "joining_take_into_review": "application",
    "joining_accept": "application",
    "joining_decline": "application",
    "joining_erase": "application",
}


def snippet_model_of(pattern):
    match = re.fullmatch(r"wagtailsnippet(?:s|choosers)_(\w+?)_(\w+)", pattern.namespace)
    if match:
        return apps.get_model(match.group(1), match.group(2))
    match = re.fullmatch(r"(\w+?)_(\w+)_modeladmin_\w+", pattern.key)
    if match:
        return apps.get_model(match.group(1), match.group(2))
    return None


def pk_kind(pattern):
    if pattern.namespace == "wagtailadmin_workflows":
        return "task" if "task" in pattern.url_name else "workflow"
    if pattern.namespace in PK_KINDS:
        return PK_KINDS[pattern.namespace]
    if pattern.key in PK_KINDS_BY_NAME:
        return PK_KINDS_BY_NAME[pattern.key]
    model = snippet_model_of(pattern)
    if model is Application:
        return "application"
    if model is not None:
        return model
    return None


def is_translatable_snippet(model):
    return issubclass(model, TranslatableMixin) and model in get_snippet_models()


# Patterns taking an app label and a model name: the models they are meant for.
def models_for(pattern):
    name = pattern.key
    if name == "wagtail_bulk_action":
        return "bulk"
    if name in {
        "wagtailadmin_pages:add",
        "wagtailadmin_pages:preview_on_add",
        "wagtailadmin_pages:type_use",
        "wagtailadmin_pages:type_use_results",
        "wagtailadmin_pages:choose_parent",
    }:
        return get_page_models()
    if name == "wagtailadmin_tag_model_autocomplete":
        return [get_image_model(), get_document_model()]
    if name == "wagtailadmin_workflows:add_task":
        return get_task_types()
    if pattern.namespace == "wagtailsettings":
        return list(settings_registry)
    if name == "snippet_chooser_create":  # ours, in front of every snippet chooser's
        return get_snippet_models()
    if name == "wagtailadmin_editing_sessions:ping":
        return [Page, *get_snippet_models()]
    if name == "wagtail_localize:submit_snippet_translation" or name.startswith(
        "wagtail_localize:snippets_api"
    ):
        return [m for m in get_snippet_models() if is_translatable_snippet(m)]
    return None


MODEL_KWARGS = (
    {"app_label", "model_name"},
    {"app_name", "model_name"},
    {"content_type_app_name", "content_type_model_name"},
)


class CannotFill(AssertionError):
    pass


def target_for_model(model, case):
    if issubclass(model, Page):
        return case["page"]
    if model is get_image_model():
        return case["image"]
    if model is get_document_model():
        return case["document"]
    if model is get_user_model():
        return case["user"]
    if model in case["snippets"]:
        return case["snippets"][model]
    if model in case["settings"]:
        return case["settings"][model]
    raise CannotFill(f"the sweep's world has no {model.__name__}: add one to build_world()")


@dataclass
class SweepRequest:
    url: str
    targets: tuple  # what the URL names
    bulk: bool = False

    def __str__(self):
        return self.url


def fill(pattern, w):
    """The requests for ``pattern``: its arguments filled from each case of each tree."""
    kwargs = set(pattern.kwargs)
    model_names = next((names for names in MODEL_KWARGS if names <= kwargs), set())
    models = models_for(pattern) if model_names else [None]
    if model_names and models is None:
        raise CannotFill(
            f"{pattern.route} ({pattern.key or 'unnamed'}): which models do "
            f"{sorted(model_names)} name here? Add it to models_for()."
        )
    requests = {}
    for tree in TREES:
        for case in w.cases[tree]:
            if models == "bulk":
                for request in bulk_requests(pattern, case):
                    requests.setdefault(request.url, request)
                continue
            for model in models:
                for request in fill_case(pattern, case, model, model_names):
                    requests.setdefault(request.url, request)
    return list(requests.values())


def fill_case(pattern, case, model, model_names):
    values, targets, choices = {}, [], {}
    for name in pattern.kwargs:
        if name in model_names:
            app_key, model_key = sorted(model_names)  # app_label/app_name, then model_name
            values[app_key], values[model_key] = model._meta.app_label, model._meta.model_name
        elif name in KWARG_KINDS:
            target = case[KWARG_KINDS[name]]
            values[name] = target.obj.pk
            targets.append(target)
        elif name == "uploaded_file_id":
            target = case["uploaded_image" if "images" in pattern.route else "uploaded_document"]
            values[name] = target.obj.pk
            targets.append(target)
        elif name in ("pk", "instance_pk", "object_id"):
            kind = target_for_model(model, case) if model is not None else pk_kind(pattern)
            if isinstance(kind, Target):
                target = kind
            elif isinstance(kind, str):
                target = case[kind]
            elif kind is not None:
                target = target_for_model(kind, case)
            else:
                raise CannotFill(
                    f"{pattern.route} ({pattern.key or 'unnamed'}): what does {name!r} name "
                    f"here? Add its namespace to PK_KINDS."
                )
            values[name] = target.obj.pk
            targets.append(target)
        elif name == "action_name":
            choices[name] = action_names(pattern, case)
        elif name == "uidb64":
            values[name] = urlsafe_base64_encode(force_bytes(case["user"].obj.pk))
            targets.append(case["user"])
        elif name in KWARG_VALUES:
            choices[name] = KWARG_VALUES[name]
        else:
            raise CannotFill(
                f"{pattern.route} ({pattern.key or 'unnamed'}): the sweep does not know "
                f"what the argument {name!r} holds. Add it to KWARG_KINDS (an object) or "
                f"KWARG_VALUES (constants)."
            )
    for combination in itertools.product(*choices.values()):
        filled = dict(values, **dict(zip(choices, combination, strict=True)))
        yield SweepRequest(pattern.url(filled), tuple(targets))


def action_names(pattern, case):
    if pattern.namespace == "wagtailadmin_api:pages":
        from wagtail.admin.api.views import PagesAdminAPIViewSet

        return sorted(PagesAdminAPIViewSet.actions)
    if pattern.namespace == "wagtailadmin_pages":
        task, page = case["task"].obj.specific, case["page"].obj
        actions = task.get_actions(page, case["superuser"])
        return sorted({name for name, _label, _modal in actions} | {"no-such-action"})
    raise CannotFill(f"{pattern.route}: which actions does 'action_name' take here?")


def bulk_requests(pattern, case):
    bulk_action_registry._scan_for_bulk_actions()
    for app_label, models in bulk_action_registry.actions.items():
        for model_name, actions in models.items():
            model = apps.get_model(app_label, model_name)
            target = target_for_model(model, case)
            for action in actions:
                query = urlencode({"id": target.obj.pk, "next": "/admin/"})
                url = pattern.url(
                    {"app_label": app_label, "model_name": model_name, "action": action}
                )
                yield SweepRequest(f"{url}?{query}", (target,), bulk=True)


# --- The roles, and what each may do with what B owns ---------------------------
#
# Written from docs/permissions.md. Each role has capabilities on each object; each URL
# requires one on each object it names (``requirement``). A request must be refused when
# the role lacks one; otherwise it may be answered (and is still checked for leaks, for
# changes and for errors).

PAGE_KINDS = {
    "page",
    "revision",
    "task_state",
    "workflow_state",
    "translation",
    "translation_source",
    "string_segment",
    "overridable_segment",
}
MEDIA_KINDS = {"image", "document"}


def browsable(page):
    """A page whose title anyone in the admin may see: live, public, no draft."""
    return page.live and not page.has_unpublished_changes and public(page)


def translatable(page):
    """Translators translate only pages that are live and public."""
    return page.live and public(page)


_CAPABILITIES = {}


@dataclass(frozen=True)
class Role:
    name: str
    attribute: str  # the user, on the world
    page_rights: object = None  # (role, page) -> capabilities beyond browsing
    media_rights: frozenset = frozenset()
    model_rights: tuple = ()  # ((model, capabilities), ...)

    def user(self, w):
        return getattr(w, self.attribute)

    def capabilities(self, target):
        key = (self.name, target.kind, type(target.obj), getattr(target.obj, "pk", target.obj))
        key += (getattr(target.page, "pk", None),)
        if key not in _CAPABILITIES:
            _CAPABILITIES[key] = frozenset(self._capabilities(target))
        return _CAPABILITIES[key]

    def _capabilities(self, target):
        obj = target.obj
        if target.kind in PAGE_KINDS or target.page is not None:
            page = (target.page or obj).specific
            rights = set(self.page_rights(page)) if self.page_rights else set()
            if browsable(page):
                rights.add("browse")
            if translatable(page):  # live and public: its live title may be linked to
                rights.add("link")
            return rights
        if target.kind in MEDIA_KINDS:
            return set(self.media_rights)
        for model, rights in self.model_rights:
            if isinstance(obj, model):
                return set(rights)
        return set()

    def choosable_images(self, w):
        if "choose" in self.media_rights:
            return get_image_model().objects.values("pk")
        return get_image_model().objects.filter(collection=w.a_team.collection).values("pk")

    def may_see(self, target):
        rights = self.capabilities(target)
        return "see" in rights or (target.kind in MEDIA_KINDS and "choose" in rights)


def site_translator_page_rights(page):
    """Translators edit and add pages in the French, Spanish and Arabic trees, delete or
    move there pages that are not live, and may submit a live public page of any tree
    for translation."""
    rights = {"translate"} if translatable(page) else set()
    if page.locale.language_code != settings.LANGUAGE_CODE:
        rights |= {"see", "edit", "add", "copy", "explore", "browse"}
        if not page.live:  # and holds no live page: B's unpublished initiatives do not
            rights |= {"delete", "move"}
    return rights


ROLES = {
    role.name: role
    for role in (
        # B's pages, media and people are not theirs at all.
        Role("city-editor", "a_editor"),
        Role("translator-of-a", "translator"),
        Role(
            "translator",
            "site_translator",
            page_rights=site_translator_page_rights,
            media_rights=frozenset({"choose"}),
            model_rights=((TAXONOMY_MODELS, {"change", "any", "translate"}),),
        ),
        Role(
            "communications",
            "communications",
            # Choose any city's images and documents for a story; never change them.
            media_rights=frozenset({"choose"}),
            model_rights=(
                ((Announcement, FooterText), {"add", "change", "delete", "any", "translate"}),
                (tuple(settings_registry), {"change"}),
            ),
        ),
    )
}

# What a URL needs on the page (or on the page a revision, task state or translation
# belongs to) it names; "edit" unless listed.
PAGE_REQUIREMENTS = {
    "wagtailadmin_pages:add_subpage": "add",
    "wagtailadmin_pages:add": "add",
    "wagtailadmin_pages:preview_on_add": "add",
    "wagtailadmin_pages:delete": "delete",
    "wagtailadmin_pages:unpublish": "publish",
    "wagtailadmin_pages:move": "move",
    "wagtailadmin_pages:move_confirm": "move",
    "wagtailadmin_pages:set_page_position": "publish",
    "wagtailadmin_pages:copy": "copy",
    # Reviewers act; the page's editors are at most told the page is not in review (and
    # Wagtail refuses them the actions).
    "wagtailadmin_pages:workflow_action": "edit",
    "wagtailadmin_pages:collect_workflow_action_data": "edit",
    "wagtailadmin_pages:workflow_preview": "review",
    # Only a redirect to the page's history, swept on its own.
    "wagtailadmin_pages:revisions_index": None,
    "wagtailadmin_pages:set_privacy": "publish",
    "wagtailadmin_pages:lock": "lock",
    "wagtailadmin_pages:unlock": "lock",
    "wagtailadmin_pages:revisions_unschedule": "publish",
    "wagtailadmin_explore": "explore",
    "wagtailadmin_explore_results": "explore",
    "wagtailadmin_choose_page_child": "browse",
    "wagtailadmin_api:pages:detail": "browse",
    "wagtail_localize:submit_page_translation": "translate",
    "wagtail_localize:update_translations": "sync",
    "wagtail_localize:stop_translation": "stop",
    "wagtail_localize:convert_to_alias": "publish",
    "wagtailadmin_workflows:remove": "manage workflows",
    "wagtailforms:list_submissions": "read form submissions",
    "wagtailforms:list_submissions_results": "read form submissions",
    "wagtailforms:delete_submissions": "delete form submissions",
    "cityteams_onboard": "onboard",
    "cityteams_resend_invitation": "onboard",
    # Any admin user may choose a live, public member for a link; never a draft.
    "member_chooser:chosen": "link",
}
API_ACTION_REQUIREMENTS = {
    "publish": "publish",
    "unpublish": "publish",
    "delete": "delete",
    "move": "move",
    "copy": "copy",
    "create_alias": "copy",
    "copy_for_translation": "translate",
    "revert_to_page_revision": "edit",
    "convert_alias": "edit",
}
MODEL_REQUIREMENTS = {  # by the last part of the URL name, for media and snippets
    "chosen": "any",
    "select_format": "choose",
    "detail": "choose",
    "delete": "delete",
    "delete_multiple": "delete",
    "copy": "add",
    "submit_snippet_translation": "translate",
}


# Views that take an object only as a parameter, and reveal or change nothing of it.
PARAMETER_ONLY = {
    # The task chooser answers a task's name (the review task's, not a city's).
    ("wagtailadmin_workflows:task_chosen", "task"),
    # Django's password reset checks the token itself: a wrong one gets "invalid link".
    ("wagtailadmin_password_reset_confirm", "user"),
    # Release and ping act on the user's own editing session only (they filter by user):
    # another's id is no more than a wrong one.
    ("wagtailadmin_editing_sessions:release", "editing_session"),
    ("wagtailadmin_editing_sessions:ping", "editing_session"),
}
# This site's snippets are public texts (the vocabularies every profile shows, the footer,
# the banner): their choosers, and wagtail-localize's snippet API for the translation
# editor, show them to every admin user, as Wagtail does.
PUBLIC_SNIPPET_VIEWS = {"chosen", "snippets_api_detail"}
BULK_REQUIREMENTS = {
    "delete": "delete",
    "move": "move",
    "publish": "publish",
    "unpublish": "publish",
}


def requirement(pattern, target, url):
    """What ``pattern`` needs on ``target``; None when the target is only a parameter."""
    if target.kind == "destination" or (
        target.kind in ("task", "workflow") and pattern.namespace == "wagtailadmin_pages"
    ):
        return None
    if (pattern.key, target.kind) in PARAMETER_ONLY:
        return None
    if pattern.key == "wagtail_bulk_action":
        action = urlsplit(url).path.rstrip("/").rsplit("/", 1)[1]
        return BULK_REQUIREMENTS.get(action, "edit")
    if target.kind in PAGE_KINDS or target.page is not None:
        if pattern.key == "wagtailadmin_api:pages:action":
            return API_ACTION_REQUIREMENTS.get(url.rstrip("/").rsplit("/", 1)[1], "publish")
        return PAGE_REQUIREMENTS.get(pattern.key, "edit")
    if target.kind in MEDIA_KINDS:
        if pattern.namespace.startswith("wagtailadmin_api"):
            return "choose"
        if pattern.namespace.endswith("_chooser"):
            return "choose"
        return MODEL_REQUIREMENTS.get(pattern.url_name, "change")
    if target.kind in ("snippet", "setting"):
        if target.kind == "snippet" and pattern.url_name in PUBLIC_SNIPPET_VIEWS:
            return None
        return MODEL_REQUIREMENTS.get(pattern.url_name, "change")
    return "manage"  # users, groups, locales, sites, workflows, applications…


# --- Secrets, refusals and the sweep itself ------------------------------------

TOKENS = (*builders.SECRETS, SECRET_APPLICANT)  # every secret text contains one of these


def secret_texts(w):
    """(text, target) for everything B keeps to itself, and the applicant's details."""
    texts = []
    for profile in (w.vienna, w.vienna_fr):
        for page in Page.objects.descendant_of(profile, inclusive=True).specific():
            if page.has_unpublished_changes:
                texts.append((page.draft_title, Target("page", page, page)))
            if not page.live or not public(page):
                texts.append((page.title, Target("page", page, page)))
    for kind, obj, text in (
        ("image", w.b_image, builders.SECRET_IMAGE),
        ("document", w.b_document, builders.SECRET_DOCUMENT),
        ("image", w.b_image, builders.SECRET_FILE),
    ):
        texts.append((text, Target(kind, obj)))
    texts.append((SECRET_APPLICANT, Target("application", w.application)))
    texts.append((w.task_record.traceback, Target("task_record", w.task_record)))
    return [(text, target) for text, target in texts if any(t in text for t in TOKENS)]


def without_diff_markup(text):
    """A revisions comparison splits words into deletions and additions: the text as it
    is now. (What it deletes is an older revision of the same page, refused to whoever
    may not see the page's drafts.)"""
    text = re.sub(r'<span class="deletion">.*?</span>', "", text, flags=re.S)
    return re.sub(r'<span class="addition">(.*?)</span>', r"\1", text, flags=re.S)


def leaks(body, role, w):
    """B's secrets in ``body`` that ``role`` may not see."""
    text = without_diff_markup(body.decode(errors="replace"))
    seen = sorted(
        (t for t, target in w.secret_texts if role.may_see(target)), key=len, reverse=True
    )
    for allowed in seen:
        text = text.replace(allowed, "")
    return [token for token in TOKENS if token in text]


def refused(response):
    status = response.status_code
    if status in (403, 404, 405):
        return True
    if status == 302:
        location = urlsplit(response["Location"]).path
        path = response.request["PATH_INFO"]
        return location in (
            "/admin/",
            "/admin/login/",
            f"/{settings.LANGUAGE_CODE}{path}",  # a 404, redirected by LocaleMiddleware
        )
    return False


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def pending_messages(client):
    """The messages the next admin page will show, read from Django's default message
    storage (a cookie, which says so when the rest went to the session)."""
    cookie = client.cookies.get(getattr(settings, "MESSAGE_COOKIE_NAME", "messages"))
    if not cookie or not cookie.value:
        return ()
    messages = CookieStorage(HttpRequest())._decode(cookie.value) or []
    return tuple(str(message) for message in messages)


def follow_messages(client, role, w, label, rendered):
    """The next admin page, with the messages the request left. Each distinct set of
    messages is rendered once (``GET /admin/``); the same set again (the refusals' "Sorry,
    you do not have permission…", mostly) is only read and cleared, which is what showing
    it would do."""
    messages = pending_messages(client)
    if not messages:
        return []
    if messages in rendered:
        del client.cookies[getattr(settings, "MESSAGE_COOKIE_NAME", "messages")]
        found = leaks(" ".join(messages).encode(), role, w)
    else:
        rendered.add(messages)
        following = client.get("/admin/")
        FIGURES["requests"] += 1
        found = leaks(following.content, role, w)
    return [f"{label}: the next page's messages show {found}"] if found else []


# Rows a request may write for the role itself: its own editing sessions (opening a page
# it may edit), and thumbnails of images it may choose. Everyone else's are compared.
OWN_ROWS = {
    "wagtailadmin_editingsession",
    "wagtailimages_rendition",
    "wagtailcore_pagesubscription",  # comment notifications, made by opening a page to edit
}


class RoleState:
    def __init__(self, role, w):
        user = role.user(w)
        Rendition = get_image_model().get_rendition_model()
        self.database = DatabaseState(ignore=OWN_ROWS)
        self.others = {
            "editing sessions of others": sorted(
                EditingSession.objects.exclude(user=user).values_list(
                    "pk", "object_id", "last_seen_at", "is_editing"
                )
            ),
            "page subscriptions of others, or to pages the role may not edit": sorted(
                PageSubscription.objects.exclude(
                    user=user,
                    page__in=PagePermissionPolicy().instances_user_has_permission_for(
                        user, "change"
                    ),
                ).values_list("pk", "user_id", "page_id", "comment_notifications")
            ),
            "renditions of images the role may not choose": sorted(
                Rendition.objects.exclude(image__in=role.choosable_images(w)).values_list(
                    "pk", "image_id", "filter_spec"
                )
            ),
        }

    def __eq__(self, other):
        return self.database == other.database and self.others == other.others

    def changes_since(self, before):
        lines = [self.database.changes_since(before.database)]
        for name, rows in self.others.items():
            if rows != before.others[name]:
                lines.append(f"{name}: {before.others[name]} -> {rows}")
        return "\n".join(line for line in lines if line)


def state_for(role, w):
    return RoleState(role, w)


FIGURES = {"patterns": 0, "requests": 0, "seconds": 0.0}


# What a role may do by a POST without any field, when it may: with a setting (whose
# fields are all optional, so an empty form is a complete one), the only requests whose
# changes to the database are expected.
ACTS_WITHOUT_A_FORM = {"delete", "move"}
# Forms valid with every field empty (each part of the footer text is optional): a role
# allowed to save them saves them from an empty POST, as it should.
VALID_WHEN_EMPTY = ("wagtailsnippets_home_footertext:add", "wagtailsnippets_home_footertext:edit")
VALID_WHEN_EMPTY += ("wagtailsnippets_home_footertext:copy",)


def requests_for(pattern, w):
    if pattern.kwargs:
        return fill(pattern, w)
    url = pattern.url({})
    # Listings and searches: as they open, and searching for B's secrets and B's name.
    return [
        SweepRequest(url, ()),
        *(SweepRequest(f"{url}?q={q}", ()) for q in ("SECRET", "Vienna")),
    ]


def sweep_one(pattern, w):
    """Every request for ``pattern``, as every role, each in a savepoint rolled back after
    it; the problems found, as text."""
    problems = []
    requests = requests_for(pattern, w)
    for role in ROLES.values():
        client = w.clients[role.name]
        before = state_for(role, w)
        for request in requests:
            needs = {
                need
                for target in request.targets
                if (need := requirement(pattern, target, request.url)) is not None
                and need not in role.capabilities(target)
            }
            # Bulk actions answer whatever the ids, skipping items the user may not act on.
            must_refuse = bool(needs) and not request.bulk
            may_change = not needs and (
                pattern.key in VALID_WHEN_EMPTY
                or any(
                    requirement(pattern, target, request.url) in ACTS_WITHOUT_A_FORM
                    or target.kind == "setting"
                    for target in request.targets
                )
            )
            for method in ["get"] if "?q=" in request.url else ["get", "post"]:
                label = f"{role.name} {method.upper()} {request.url}"
                savepoint = transaction.savepoint()
                try:
                    problems += check_request(client, method, request, role, w, label)
                    response = client.last_response
                    if must_refuse and not refused(response):
                        where = response.get("Location", "")
                        problems.append(f"{label}: {response.status_code} {where}, not refused")
                    after = state_for(role, w)
                    if after != before and not may_change:
                        changes = after.changes_since(before)
                        problems.append(f"{label} changed the database:\n{changes}")
                finally:
                    transaction.savepoint_rollback(savepoint)
    return problems


def check_request(client, method, request, role, w, label):
    """Send it; a server error, or B's secrets in the answer or in the next page's
    messages, are problems."""
    response = client.last_response = getattr(client, method)(request.url)
    FIGURES["requests"] += 1
    if response.status_code >= 500:
        return [f"{label}: {response.status_code}"]
    problems = []
    if found := leaks(body_of(response), role, w):
        problems.append(f"{label} ({response.status_code}) shows {found}")
    problems += follow_messages(client, role, w, label, w.rendered_messages)
    return problems


def pattern_id(pattern):
    """The route without converters, and the name (or "in front of" the one it stands
    for): usable with ``pytest -k``."""
    route = re.sub(r"<(?:\w+:)?(\w+)>", r"\1", pattern.route)
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"\1", route).replace("^", "").replace("$", "")
    name = pattern.name or f"in-front-of-{pattern.stands_for}"
    return f"{route}|{name.replace(':', '.')}"


@pytest.mark.parametrize("pattern", SWEPT, ids=pattern_id)
def test_admin_url_as_every_limited_role(swept, pattern):
    started = time.perf_counter()
    problems = sweep_one(pattern, swept)
    FIGURES["patterns"] += 1
    FIGURES["seconds"] += time.perf_counter() - started
    assert not problems, "\n".join(problems)


# --- Incomplete POSTs, where they are allowed ----------------------------------
#
# A refusal comes before any form is read, so the sweep above reaches few forms. Here the
# same URLs get an empty POST from a superuser, whom no view refuses: every form and
# action of the admin reads what it was (not) sent. Any answer but a server error is
# right; each request runs in a savepoint, so what an empty POST may do (delete, unpublish,
# stop…) is undone before the next.


@pytest.mark.parametrize("pattern", SWEPT, ids=pattern_id)
def test_admin_url_answers_an_empty_post_without_a_server_error(swept, pattern):
    started = time.perf_counter()
    client = swept.clients["superuser"]
    errors = []
    for request in requests_for(pattern, swept):
        if "?q=" in request.url:
            continue
        savepoint = transaction.savepoint()
        try:
            response = client.post(request.url)
            FIGURES["requests"] += 1
            if response.status_code >= 500:
                errors.append(f"POST {request.url}: {response.status_code}")
        finally:
            transaction.savepoint_rollback(savepoint)
    FIGURES["seconds"] += time.perf_counter() - started
    assert not errors, "\n".join(errors)


def test_a_pattern_with_an_unknown_argument_fails_the_sweep(swept):
    """A new admin URL is never skipped silently: an argument the sweep cannot fill stops
    it, naming the pattern and what to add."""
    route = RoutePattern("admin/mystery/<int:mystery_id>/", is_endpoint=True)
    pattern = AdminPattern(route=str(route), name="mystery", parts=(route,), callback=None)
    with pytest.raises(CannotFill, match="mystery_id"):
        fill(pattern, swept)
    route = RoutePattern("admin/mystery/<slug:app_label>/<slug:model_name>/", is_endpoint=True)
    pattern = AdminPattern(route=str(route), name="mystery", parts=(route,), callback=None)
    with pytest.raises(CannotFill, match="models_for"):
        fill(pattern, swept)

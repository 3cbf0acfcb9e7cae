"""Page-level permission checks for wagtail-localize's submit and update views.

Upstream gap (wagtail-localize 1.14.5): ``SubmitTranslationView`` and
``UpdateTranslationsView`` check only the global ``submit_translation``
permission, never the user's permission on the pages they write to, and the
update view can publish. Anyone allowed to submit translations could therefore
create or publish pages in any member's language trees. These subclasses refuse
unless the user may edit (and, to publish, publish) every page the request would
create or change. They are routed in place of the upstream views by
cityteams/wagtail_hooks.py (our admin URLs are registered before wagtail-localize's).

Translators (who may edit other cities' pages in their language trees) translate only
pages that are live and public: a page is submitted for translation only if it is live
and not behind a view restriction, unless the user is of its city's team or may publish
it, so unpublished and private pages stay their city's. And only those may stop or
restart a page's translation: upstream checks that the user may edit the *target*, which
a translator may.

Delete this module when wagtail-localize checks page permissions itself; the
tests in cityteams/tests/test_city_editor_permissions.py say whether it does.
"""

from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.models import Locale, Page
from wagtail_localize.fields import SynchronizedField, TranslatableField
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView


def can_write_translation(user, page, locale):
    """May ``user`` create or edit ``page``'s translation into ``locale``?"""
    target = page.get_translation_or_none(locale)
    if target is not None:
        return target.permissions_for_user(user).can_edit()
    parent = page.get_parent()
    translated_parent = parent.get_translation_or_none(locale) if parent else None
    if translated_parent is None:
        # Would create aliases of the missing ancestors: only for people who may do that
        # everywhere.
        return user.is_superuser
    return translated_parent.permissions_for_user(user).can_add_subpage()


def is_its_city_or_publisher(user, page):
    """The team of the city ``page`` belongs to, or someone who may publish it (the
    secretariat; communications for its stories). Translators may edit other cities'
    pages in their language trees, and are neither."""
    if page.permissions_for_user(user).can_publish():
        return True
    from cityprofiles.models import CityProfilePage

    from .models import CityTeam

    profile = Page.objects.ancestor_of(page, inclusive=True).type(CityProfilePage).first()
    return (
        profile is not None
        and CityTeam.objects.filter(
            profile_translation_key=profile.translation_key, group__user=user
        ).exists()
    )


def may_submit_for_translation(user, page):
    """Translators translate only pages that are live and public; a page's own city and
    its publishers submit it as it is."""
    if page.live and not page.get_view_restrictions().exists():
        return True
    return is_its_city_or_publisher(user, page)


class GuardedSubmitPageTranslationView(SubmitPageTranslationView):
    def dispatch(self, request, *args, **kwargs):
        # Even the form (GET, or a POST that fails validation) shows the page's title: only
        # for people who may edit the page or write one of its translations.
        page = get_object_or_404(Page, id=self.kwargs["page_id"]).specific
        others = Locale.objects.exclude(pk=page.locale_id)
        if not may_submit_for_translation(request.user, page):
            raise PermissionDenied
        if not page.permissions_for_user(request.user).can_edit() and not any(
            can_write_translation(request.user, page, locale) for locale in others
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_subtitle(self):
        return self.object.title  # the live title, never a draft's

    def get_success_message(self, locales):
        # Upstream names the page by its draft title, to whoever submitted it.
        return _(
            "The page '{page_title}' was successfully submitted for translation into {locales}"
        ).format(page_title=self.object.title, locales=locales)

    def form_valid(self, form):
        pages = [self.object]
        if form.cleaned_data.get("include_subtree"):
            pages += [page.specific for page in self.object.get_descendants()]
        for page in pages:
            if not may_submit_for_translation(self.request.user, page):
                raise PermissionDenied
        for locale in form.cleaned_data["locales"]:
            for page in pages:
                if not can_write_translation(self.request.user, page, locale):
                    raise PermissionDenied
        return super().form_valid(form)


class GuardedSubmitSnippetTranslationView(SubmitSnippetTranslationView):
    def dispatch(self, request, *args, **kwargs):
        model = self.kwargs["model_name"]
        if not request.user.has_perm(f"{self.kwargs['app_label']}.change_{model}"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GuardedUpdateTranslationsView(UpdateTranslationsView):
    def dispatch(self, request, *args, **kwargs):
        source = self.get_object()
        instance = source.get_source_instance()
        publishing = request.method == "POST" and bool(request.POST.get("publish_translations"))
        if isinstance(instance, Page):
            targets = [instance] + [
                page
                for page in (
                    instance.get_translation_or_none(translation.target_locale)
                    for translation in source.translations.filter(enabled=True)
                )
                if page is not None
            ]
            for page in targets:
                permissions = page.permissions_for_user(request.user)
                if not permissions.can_edit() or (publishing and not permissions.can_publish()):
                    raise PermissionDenied
        else:
            meta = type(instance)._meta
            if not request.user.has_perm(f"{meta.app_label}.change_{meta.model_name}"):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def may_stop_or_restart(user, translation):
    """A page's translation is its city's, or its publishers', to stop or restart."""
    source = translation.source.get_source_instance()
    if isinstance(source, Page):
        return is_its_city_or_publisher(user, source)
    return True  # a snippet: upstream's check (edit permission on its model) stands


@require_admin_access
@require_POST
def stop_translation(request, translation_id):
    translation = get_object_or_404(Translation, id=translation_id)
    if not may_stop_or_restart(request.user, translation):
        raise PermissionDenied
    return edit_translation.stop_translation(request, translation_id)


def refuse_restart_by_others(request, page):
    """``before_edit_page``: wagtail-localize restarts a stopped translation from the
    target's edit form (its own hook, after this one)."""
    if request.method != "POST" or "localize-restart-translation" not in request.POST:
        return
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    ).first()
    if translation is not None and not may_stop_or_restart(request.user, translation):
        raise PermissionDenied


def declared_field(source, path):
    """The field of ``source``'s model the segment at ``path`` belongs to, as the model's
    ``translatable_fields`` declare it; None where they do not."""
    model = source.specific_content_type.model_class()
    name = path.split(".")[0]
    return next(
        (f for f in getattr(model, "translatable_fields", []) if f.field_name == name), None
    )


def is_overridable(field):
    """May a translation override a segment of ``field`` (from ``declared_field``)?

    - a ``SynchronizedField``: only if declared overridable. Facts (membership, place,
      dates, tags, a term's key) are not: they are the same in every language.
    - a ``TranslatableField``: yes. wagtail-localize offers overrides inside one for the
      images, documents, pages, embeds and addresses of a StreamField and for the links of
      rich text, so that a translation can show its own language's poster or report.
    - a field the model does not declare (a source synced before it was removed from
      ``translatable_fields``), or a model that declares none: no. wagtail-localize would
      still write such an override into the field at publish, and nothing declares it is
      a language's to choose.
    """
    if isinstance(field, TranslatableField):
        return True
    return isinstance(field, SynchronizedField) and field.overridable


SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


def is_safe_override(source_value, value):
    """An override inside a translated body replaces an image, document or page (their id)
    or an address (a string). Nothing validates it on publish: rich text keeps an ``href``
    it does not recognise as it is, and the link block writes its address as it is, so a
    ``javascript:`` address would run in every reader's browser, and in the reviewer's
    preview. An address may only be a web, e-mail or telephone link, or one without a
    scheme (this site's ``/…``, an anchor ``#…``, a bare e-mail address)."""
    if isinstance(source_value, int):
        return value.isascii() and value.isdigit()
    try:
        return urlsplit(value).scheme in SAFE_SCHEMES | {""}
    except ValueError:
        return False


def chooser_of(source, segment):
    """The chooser wagtail-localize's editor offers for ``segment``'s override
    (``image_chooser``, ``document_chooser``, ``page_chooser``…), worked out as the editor
    does; None where it cannot tell."""
    from wagtail_localize.views.edit_translation import (
        FieldHasNoEditPanelError,
        TabHelper,
        get_segment_location_info,
    )

    instance = source.get_source_instance()
    try:
        location = get_segment_location_info(
            instance,
            TabHelper(instance),
            segment.context.path,
            segment.context.get_field_path(instance),
            widget=True,
        )
    except (FieldHasNoEditPanelError, LookupError, AttributeError):
        return None
    return (location.get("widget") or {}).get("type")


def may_choose(user, chooser, value):
    """An override points at an image, document or page by its id: only at one the user's
    own chooser would have offered. Otherwise a city editor could show another city's
    image from its private collection, or link its unpublished page, in their own city's
    translation (and read it in the preview)."""
    if chooser == "image_chooser":
        from wagtail.images import get_image_model
        from wagtail.images.permissions import permission_policy

        chosen = get_image_model().objects.filter(pk=value).first()
    elif chooser == "document_chooser":
        from wagtail.documents import get_document_model
        from wagtail.documents.permissions import permission_policy

        chosen = get_document_model().objects.filter(pk=value).first()
    elif chooser == "page_chooser":
        page = Page.objects.filter(pk=value).first()
        return page is not None and (
            (page.live and not page.get_view_restrictions().exists())
            or page.permissions_for_user(user).can_edit()
        )
    else:
        return True
    return chosen is not None and permission_policy.user_has_permission_for_instance(
        user, "choose", chosen
    )


def put_value(request):
    """The value of a PUT, parsed as wagtail-localize's view (Django REST framework) will
    parse it again: the editor sends multipart form data, which Django parses for POST only.
    The body is read (and kept) first, so that the view can read it too."""
    from rest_framework.parsers import FormParser, MultiPartParser
    from rest_framework.request import Request

    request.body  # noqa: B018 (reads and keeps it)
    parsed = Request(request, parsers=[FormParser(), MultiPartParser()])
    return parsed.POST.get("value", "")


@require_admin_access
def edit_override(request, translation_id, overridable_segment_id):
    """wagtail-localize offers an override for every synchronised field its source was
    extracted with, and applies it on publish: a translator set French Vienna's member key.
    Setting one on a field that is not overridable (today, or since the source was synced) is
    refused, as is an unsafe address in a translated body; removing one is allowed, since it
    only brings the source's value back."""
    from wagtail_localize.models import OverridableSegment

    translation = get_object_or_404(Translation, id=translation_id)
    segment = get_object_or_404(OverridableSegment, id=overridable_segment_id)
    if request.method == "PUT":
        field = declared_field(translation.source, segment.context.path)
        if not is_overridable(field):
            raise PermissionDenied
        if isinstance(field, TranslatableField):
            value = put_value(request)
            if not is_safe_override(segment.data, value):
                # The editor shows no message of its own for a refused override.
                return HttpResponseBadRequest(
                    _(
                        "Enter an address starting with https:// or, "
                        "for a page of this site, with /."
                    )
                )
            if isinstance(segment.data, int) and not may_choose(
                request.user, chooser_of(translation.source, segment), int(value)
            ):
                raise PermissionDenied
    return edit_translation.edit_override(request, translation_id, overridable_segment_id)

"""Demo translations made the way a translator makes them: through wagtail-localize.

For each page and language the loader creates the page's ``TranslationSource``, a
``Translation`` into the language, the ``StringTranslation`` of every segment it has a
text for, a ``SegmentOverride`` where the translated page's address differs, and then
has wagtail-localize build the translated page. So "Sync translated pages", the
translation editor and the status report (translations/) find real translations to
act on, as they would for an editor's work.

The demo's texts are given field by field (``{"title": …, "summary": …}``); which of
wagtail-localize's segments they fill is found by extracting the segments of the source
page and of the same page carrying the translated values, and pairing them in order
within each field: the demo never has to spell segments out by hand.
"""

import copy
import json
import uuid
from collections import defaultdict

from wagtail.blocks import StreamValue
from wagtail.models import Locale
from wagtail_localize.fields import TranslatableField, get_translatable_fields
from wagtail_localize.models import (
    SegmentOverride,
    StringSegment,
    StringTranslation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.models import Translation as LocalizeTranslation
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


def _strings_by_field(instance):
    strings = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            strings[segment.path.split(".")[0]].append(segment.string.data)
    return strings


def string_pairs(page, fields):
    """``{(field, source text): translated text}`` for the segments of ``fields``."""
    target = copy.copy(page)
    for name, value in fields.items():
        setattr(target, name, value)
        if isinstance(getattr(target, name), StreamValue):
            # Blocks given as (type, value) have no id yet; segments are named by block id.
            for child in getattr(target, name):
                child.id = child.id or str(uuid.uuid4())
    source_strings = _strings_by_field(page)
    target_strings = _strings_by_field(target)
    pairs = {}
    for name in fields:
        sources, targets = source_strings.get(name, []), target_strings.get(name, [])
        if len(sources) != len(targets):
            raise ValueError(
                f"Demo translation of {page!r}: field {name!r} has {len(sources)} segments "
                f"in the source and {len(targets)} in the translation."
            )
        pairs.update(((name, s), t) for s, t in zip(sources, targets, strict=True))
    return pairs


def translate_page(page, code, fields, *, slug=None):
    """Publish ``page``'s translation into ``code`` from ``fields``, through wagtail-localize.

    Does nothing (returns None) when the language has no locale or the page is already
    translated into it; otherwise returns the translated page. The parent must already be
    translated: wagtail-localize would otherwise make live aliases of missing ancestors.
    """
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None or page.has_translation(locale):
        return None
    page = page.specific
    source, _created = TranslationSource.update_or_create_from_instance(page)
    slug_field = next(
        (f for f in get_translatable_fields(type(page)) if f.field_name == "slug"), None
    )
    slug_is_text = isinstance(slug_field, TranslatableField)
    if slug and slug_is_text:
        # A page type with wagtail-localize's default fields translates its slug as text.
        fields = {**fields, "slug": slug}
    pairs = string_pairs(page, fields)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = pairs.get((segment.context.path.split(".")[0], segment.string.data))
        if text is not None and text != segment.string.data:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
    if slug and slug != page.slug and not slug_is_text:
        override_slug(source, locale, slug)
    LocalizeTranslation.objects.get_or_create(source=source, target_locale=locale)
    # As Translation.save_target does, but published at once: save_target publishes on the
    # commit of the outermost transaction, and load_demo runs in one (tests in another).
    translated, _created = source.create_or_update_translation(locale, publish=False, fallback=True)
    translated.get_latest_revision().publish()
    return translated


def override_slug(source, locale, slug):
    """The translated page's own address segment, kept by every later sync (the slug is a
    synchronised field, so without an override a sync would put the source's back)."""
    context, _created = TranslationContext.objects.get_or_create(
        object_id=source.object_id, path="slug"
    )
    SegmentOverride.objects.update_or_create(
        locale=locale, context=context, defaults={"data_json": json.dumps(slug)}
    )

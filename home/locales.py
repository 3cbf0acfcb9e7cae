"""The site's locales, read once per process while the page tree's version is unchanged.

Wagtail looks a locale up in the database every time it is asked (``Locale.get_active()``,
``Locale.get_default()``): a member's profile asked six times for the same row, one query and
about a millisecond each. Locales change only when a language is added or removed, which
counts as a change of the page tree (home/freshness.py, "locale changed"), so every process
reads them again after it.
"""

from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from .process_copies import kept_per_version


def _read():
    def load():
        return {locale.language_code: locale for locale in Locale.objects.all()}

    return kept_per_version("locales", ("pages",), load)


def every():
    """Every enabled locale, ordered by language code."""
    return list(_read().values())


def by_code(language_code):
    """The locale of ``language_code`` (or its supported variant); ``Locale.DoesNotExist``
    when there is none, as ``Locale.objects.get_for_language`` raises."""
    try:
        code = get_supported_content_language_variant(language_code)
    except LookupError as error:
        raise Locale.DoesNotExist(language_code) from error
    try:
        return _read()[code]
    except KeyError as error:
        raise Locale.DoesNotExist(code) from error


def default():
    return by_code(settings.LANGUAGE_CODE)


def active():
    """The locale of the active language, else the default (``Locale.get_active()``)."""
    try:
        return by_code(translation.get_language())
    except (Locale.DoesNotExist, LookupError):
        return default()


def codes():
    """{locale pk: language code}."""
    return {locale.pk: code for code, locale in _read().items()}


def by_pk(pk):
    """The locale with primary key ``pk``; ``Locale.DoesNotExist`` when there is none."""
    for locale in _read().values():
        if locale.pk == pk:
            return locale
    raise Locale.DoesNotExist(pk)

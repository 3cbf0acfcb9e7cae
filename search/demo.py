"""Demo content: the open-data page in every language, under each home page."""

from wagtail.models import Locale

from home.demo import demo_key, translate_missing
from home.models import HomePage

from .models import OpenDataPage

PAGES = {
    "en": (
        "Open data",
        "The campaign publishes its members and their initiatives as open data, free to reuse "
        "with credit.",
    ),
    "fr": (
        "Données ouvertes",
        "La campagne publie ses membres et leurs initiatives en données ouvertes, libres de "
        "réutilisation en citant la source.",
    ),
    "es": (
        "Datos abiertos",
        "La campaña publica sus miembros y sus iniciativas como datos abiertos, libres de "
        "reutilizar citando la fuente.",
    ),
    "ar": (
        "البيانات المفتوحة",
        "تنشر الحملة أعضاءها ومبادراتهم بيانات مفتوحة، يمكن إعادة استخدامها بحرية مع ذكر المصدر.",
    ),
}


def load(out):
    """One open-data page in each language (idempotent, like every demo step)."""
    default = Locale.get_default()
    key = demo_key("open-data")
    created = 0
    page = OpenDataPage.objects.filter(translation_key=key, locale=default).first()
    if page is None:
        title, introduction = PAGES[default.language_code]
        page = OpenDataPage(
            translation_key=key,
            locale=default,
            slug="open-data",
            title=title,
            introduction=introduction,
        )
        HomePage.objects.get(locale=default).add_child(instance=page)
        page.save_revision().publish()
        created += 1
    created += translate_missing(
        page,
        {code: {"title": title, "introduction": text} for code, (title, text) in PAGES.items()},
    )
    out(f"open-data pages: {created} created")

"""Demo content: the home page and two general pages, in several languages.

Some pages are deliberately left untranslated (the "About" page has no Arabic
version) so that missing translations can be seen in the admin and on the site.
"""

import uuid

from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import HomePage, StandardPage

# Stable translation keys make the loader idempotent: a second run finds
# every page it made and changes nothing.
DEMO_NAMESPACE = uuid.UUID("6b0e6f1c-2f7e-4a53-9d7b-0c8a1e5f4d21")


def demo_key(name):
    return uuid.uuid5(DEMO_NAMESPACE, name)


HOME = {
    "en": {
        "title": "Home",
        "promise": "10, 100, 1000 Human Rights Cities and Territories by 2030",
        "introduction": "<p>A global campaign of local and regional governments that put human "
        "rights at the heart of local action. [Demo text]</p>",
        "join_heading": "Join the fourth wave",
        "join_text": "Local and regional governments are invited to join the campaign on the way "
        "to the UCLG Congress in Tangier.",
    },
    "fr": {
        "title": "Accueil",
        "promise": "10, 100, 1000 villes et territoires des droits humains d’ici 2030",
        "introduction": "<p>Une campagne mondiale des gouvernements locaux et régionaux "
        "qui placent les droits humains au cœur de l’action locale. [Texte de démonstration]</p>",
        "join_heading": "Rejoignez la quatrième vague",
        "join_text": "Les gouvernements locaux et régionaux sont invités à rejoindre la campagne "
        "en route vers le Congrès de CGLU à Tanger.",
    },
    "es": {
        "title": "Inicio",
        "promise": "10, 100, 1000 ciudades y territorios de derechos humanos para 2030",
        "introduction": "<p>Una campaña mundial de gobiernos locales y regionales que sitúan los "
        "derechos humanos en el centro de la acción local. [Texto de demostración]</p>",
        "join_heading": "Súmese a la cuarta ola",
        "join_text": "Se invita a los gobiernos locales y regionales a sumarse a la campaña "
        "camino del Congreso de CGLU en Tánger.",
    },
    "ar": {
        "title": "الرئيسية",
        "promise": "10، 100، 1000 مدينة وإقليم لحقوق الإنسان بحلول عام 2030",
        "introduction": "<p>حملة عالمية للحكومات المحلية والإقليمية التي تضع حقوق الإنسان في صميم "
        "العمل المحلي. [نص تجريبي]</p>",
        "join_heading": "انضموا إلى الموجة الرابعة",
        "join_text": "ندعو الحكومات المحلية والإقليمية إلى الانضمام إلى الحملة في الطريق إلى "
        "مؤتمر المدن والحكومات المحلية المتحدة في طنجة.",
    },
}

PAGES = [
    {
        "name": "about",
        "slug": "about",
        "in_menu": True,
        "en": (
            "About the campaign",
            "The campaign was launched in 2022 by six pioneer cities: "
            "Barcelona, Grigny, Gwangju, Mexico City, Utrecht and Vienna. [Demo text]",
        ),
        "fr": (
            "À propos de la campagne",
            "La campagne a été lancée en 2022 par six villes "
            "pionnières : Barcelone, Grigny, Gwangju, Mexico, Utrecht et Vienne. "
            "[Texte de démonstration]",
        ),
        "es": (
            "Sobre la campaña",
            "La campaña fue lanzada en 2022 por seis ciudades pioneras: "
            "Barcelona, Grigny, Gwangju, Ciudad de México, Utrecht y Viena. "
            "[Texto de demostración]",
        ),
    },
    {
        "name": "join",
        "slug": "join",
        "en": (
            "How to join",
            "Fill in the form with your government's human rights vision and "
            "key initiatives, and send it to the secretariat. [Demo text]",
        ),
        "fr": (
            "Comment rejoindre la campagne",
            "Remplissez le formulaire avec la vision des "
            "droits humains de votre gouvernement et ses initiatives clés, puis envoyez-le au "
            "secrétariat. [Texte de démonstration]",
        ),
        "es": (
            "Cómo sumarse",
            "Complete el formulario con la visión de derechos humanos de su "
            "gobierno y sus iniciativas clave, y envíelo a la secretaría. "
            "[Texto de demostración]",
        ),
        "ar": (
            "كيفية الانضمام",
            "املؤوا الاستمارة برؤية حكومتكم لحقوق الإنسان ومبادراتها "
            "الرئيسية، وأرسلوها إلى الأمانة. [نص تجريبي]",
        ),
    },
]


def _publish(page):
    page.save_revision().publish()


def translate_missing(page, fields_by_language):
    """Publish a translation of ``page`` in each language of ``fields_by_language`` (a code:
    {field: value} dict) that has a locale and no translation yet; return how many."""
    created = 0
    for code, fields in fields_by_language.items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or page.has_translation(locale):
            continue
        translation = page.copy_for_translation(locale)
        for name, value in fields.items():
            setattr(translation, name, value)
        _publish(translation)
        created += 1
    return created


def ensure_locales(languages):
    created = 0
    for code, _name in languages:
        _locale, was_created = Locale.objects.get_or_create(language_code=code)
        created += was_created
    return created


def ensure_home_pages():
    """One home page per language, each a root of its own language tree.

    Each locale's home is created deliberately here: wagtail-localize would
    otherwise create live aliases of missing ancestors on first translation
    (docs/translation.md).
    """
    root = Page.get_first_root_node()
    default = Locale.get_default()
    key = demo_key("home")
    created = 0
    home = HomePage.objects.filter(translation_key=key, locale=default).first()
    if home is None:
        # Wagtail's first migration leaves a placeholder "Welcome" page; the
        # campaign's home replaces it.
        for placeholder in root.get_children().filter(content_type__model="page"):
            placeholder.delete()
        home = HomePage(translation_key=key, locale=default, slug="home", **HOME["en"])
        root.add_child(instance=home)
        _publish(home)
        created += 1
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Human Rights Cities",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    created += translate_missing(
        home, {code: {**fields, "slug": f"home-{code}"} for code, fields in HOME.items()}
    )
    return home, created


def ensure_standard_pages(home):
    created = 0
    default = Locale.get_default()
    for spec in PAGES:
        key = demo_key(spec["name"])
        page = StandardPage.objects.filter(translation_key=key, locale=default).first()
        if page is None:
            title, introduction = spec["en"]
            page = StandardPage(
                translation_key=key,
                locale=default,
                slug=spec["slug"],
                title=title,
                introduction=introduction,
                show_in_menus=spec.get("in_menu", False),
            )
            home.add_child(instance=page)
            _publish(page)
            created += 1
        created += translate_missing(
            page,
            {
                code: dict(zip(("title", "introduction"), spec[code], strict=True))
                for code in ("fr", "es", "ar")
                if code in spec
            },
        )
    return created


@transaction.atomic
def load(out):
    from django.conf import settings

    out(f"locales: {ensure_locales(settings.LANGUAGES)} created")
    home, created = ensure_home_pages()
    out(f"home pages: {created} created")
    out(f"general pages: {ensure_standard_pages(home)} created")
    join = StandardPage.objects.get(translation_key=demo_key("join"), locale=home.locale)
    if home.join_page_id is None:
        for translated_home in HomePage.objects.filter(translation_key=home.translation_key):
            translated_home.join_page = join
            _publish(translated_home)
        out("home pages: call to join linked")

"""Demo content: the "Join the campaign" page in every language, and one application (in
French) waiting in the secretariat's review list."""

from django.db import transaction
from wagtail.models import Locale

from home.demo import demo_key, translate_missing
from home.models import HomePage, StandardPage
from taxonomies.models import Theme, Wave

from .models import Application, ApplicationEvent, JoinPage

SLUG = "join-the-campaign"
PAGES = {
    "en": (
        "Join the campaign",
        "Local and regional governments, and the partners who work with them, can join the "
        "campaign here, in English, French, Spanish or Arabic. The secretariat reviews every "
        "application and writes to your focal point.",
    ),
    "fr": (
        "Rejoindre la campagne",
        "Les gouvernements locaux et régionaux, et les partenaires qui travaillent avec eux, "
        "peuvent rejoindre la campagne ici, en français, en anglais, en espagnol ou en arabe. "
        "Le secrétariat examine chaque candidature et écrit à votre point focal.",
    ),
    "es": (
        "Sumarse a la campaña",
        "Los gobiernos locales y regionales, y los socios que trabajan con ellos, pueden sumarse "
        "a la campaña aquí, en español, inglés, francés o árabe. La secretaría examina cada "
        "solicitud y escribe a su punto focal.",
    ),
    "ar": (
        "الانضمام إلى الحملة",
        "يمكن للحكومات المحلية والإقليمية وشركائها الانضمام إلى الحملة هنا، بالعربية أو "
        "الإنجليزية أو الفرنسية أو الإسبانية. تراجع الأمانة كل طلب وتراسل جهة الاتصال لديكم.",
    ),
}

DEMO_APPLICATION = {
    "government_name": "Ville de Démonstration [démo]",
    "member_type": "government",
    "government_type": "city",
    "country": "FR",
    "region": "europe",
    "population_band": "50k-250k",
    "leader_name": "Camille Exemple",
    "leader_title": "Maire",
    "term_start": 2020,
    "term_end": 2026,
    "why_essential": "La commune est le premier service public de ses habitantes et habitants.",
    "why_framework": "Les droits humains donnent un cadre commun à nos politiques locales.",
    "expectations": "Échanger avec d'autres villes.",
    "focal_name": "Dominique Exemple",
    "focal_position": "Chargée de mission droits humains",
    "focal_email": "droits-humains@demo.example.org",
    "consent_to_publish": True,
    "language": "fr",
}
DEMO_INITIATIVES = [
    ("Maison des droits [démo]", "Un lieu d'accueil et de conseil juridique gratuit."),
    ("Budget participatif [démo]", "Les habitants décident de 5 % du budget d'investissement."),
]


def ensure_join_pages():
    default = Locale.get_default()
    key = demo_key("join-online")
    created = 0
    page = JoinPage.objects.filter(translation_key=key, locale=default).first()
    if page is None:
        home = HomePage.objects.get(locale=default)
        title, introduction = PAGES[default.language_code]
        page = JoinPage(
            translation_key=key, locale=default, slug=SLUG, title=title, introduction=introduction
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created + translate_missing(
        page,
        {code: {"title": title, "introduction": intro} for code, (title, intro) in PAGES.items()},
    )


def ensure_demo_application():
    if Application.objects.filter(government_name=DEMO_APPLICATION["government_name"]).exists():
        return 0
    default = Locale.get_default()
    application = Application.objects.create(
        **DEMO_APPLICATION, wave=Wave.current(default), confirmation_sent=True
    )
    application.themes.set(
        Theme.objects.filter(locale=default, key__in=["housing", "democratic-participation"])
    )
    for number, (title, description) in enumerate(DEMO_INITIATIVES):
        application.initiatives.create(title=title, description=description, sort_order=number)
    application.record(ApplicationEvent.Action.CREATED)
    return 1


def link_home_pages():
    """The home page's call to join leads to the online form (it first pointed at the
    general "How to join" page), and the form is in the main menu."""
    join = JoinPage.objects.get(
        translation_key=demo_key("join-online"), locale=Locale.get_default()
    )
    linked = 0
    for page in JoinPage.objects.filter(translation_key=join.translation_key, show_in_menus=False):
        page.show_in_menus = True
        page.save_revision().publish()
    for home in HomePage.objects.all():
        if home.join_page_id in (None, *old_join_page_ids()):
            home.join_page = join
            home.save_revision().publish()
            linked += 1
    return linked


def old_join_page_ids():
    return StandardPage.objects.filter(translation_key=demo_key("join")).values_list(
        "pk", flat=True
    )


@transaction.atomic
def load(out):
    out(f"join pages: {ensure_join_pages()} created")
    out(f"home pages: call to join leads to the form in {link_home_pages()} languages")
    out(f"applications: {ensure_demo_application()} created")

"""Demo content: the home page and two general pages, in several languages.

Translations are made through wagtail-localize (home/demo_localize.py). The general
"How to join" page is deliberately left without an Arabic version, so that a missing
translation can be seen in the admin and on the site.
"""

import uuid

from django.db import transaction
from wagtail.models import Locale, Page, Site

from .demo_localize import translate_page
from .models import HomePage, StandardPage
from .site_address import point_default_site_at_public_address, public_address

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
        "rights at the heart of local action.</p>",
        "join_heading": "Join the fourth wave",
        "join_text": "Local and regional governments are invited to join the campaign on the way "
        "to the UCLG Congress in Tangier.",
    },
    "fr": {
        "title": "Accueil",
        "promise": "10, 100, 1000 villes et territoires des droits humains d’ici 2030",
        "introduction": "<p>Une campagne mondiale des gouvernements locaux et régionaux "
        "qui placent les droits humains au cœur de l’action locale.</p>",
        "join_heading": "Rejoignez la quatrième vague",
        "join_text": "Les gouvernements locaux et régionaux sont invités à rejoindre la campagne "
        "en route vers le Congrès de CGLU à Tanger.",
    },
    "es": {
        "title": "Inicio",
        "promise": "10, 100, 1000 ciudades y territorios de derechos humanos para 2030",
        "introduction": "<p>Una campaña mundial de gobiernos locales y regionales que sitúan los "
        "derechos humanos en el centro de la acción local.</p>",
        "join_heading": "Súmese a la cuarta ola",
        "join_text": "Se invita a los gobiernos locales y regionales a sumarse a la campaña "
        "camino del Congreso de CGLU en Tánger.",
    },
    "ar": {
        "title": "الرئيسية",
        "promise": "10، 100، 1000 مدينة وإقليم لحقوق الإنسان بحلول عام 2030",
        "introduction": "<p>حملة عالمية للحكومات المحلية والإقليمية التي تضع حقوق الإنسان في صميم "
        "العمل المحلي.</p>",
        "join_heading": "انضموا إلى الموجة الرابعة",
        "join_text": "ندعو الحكومات المحلية والإقليمية إلى الانضمام إلى الحملة في الطريق إلى "
        "مؤتمر المدن والحكومات المحلية المتحدة في طنجة.",
    },
}


def _steps(*items):
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def _about_body(aim, why, benefits, how, steps):
    return [
        ("paragraph", f"<p>{aim}</p>"),
        ("heading", {"text": why, "level": "h2"}),
        ("paragraph", _steps(*benefits)),
        ("heading", {"text": how, "level": "h2"}),
        ("paragraph", _steps(*steps)),
    ]


# The campaign's aims, "Why join?" and "How to join?" as its landing page has them
# (../shared/domain/BRIEF.md); the deadline is left to the join page, which knows the wave.
ABOUT = {
    "en": {
        "title": "About the campaign",
        "introduction": "A global movement of local and regional governments that put "
        "dignity, inclusion and justice at the centre of public policy.",
        "body": _about_body(
            "The campaign aims at 1,000 local and regional governments committed to human "
            "rights by 2030. The UCLG Committee on Social Inclusion, Participatory Democracy "
            "and Human Rights launched it in 2022 with six pioneer cities: Barcelona, Grigny, "
            "Gwangju, Mexico City, Utrecht and Vienna.",
            "Why join?",
            [
                "<b>Connect</b> with a global network of local and regional governments.",
                "<b>Amplify your voice</b> in the international system, at the United Nations "
                "and the Office of the High Commissioner for Human Rights.",
                "<b>Expand your action and impact</b>, for example at the World Human Rights "
                "Cities Forum in Gwangju and the World Social Summit.",
            ],
            "How to join?",
            [
                "Download the form and the invitation letter, or apply online.",
                "Fill in your details: your government's human-rights vision and key initiatives.",
                "Send the form to the Committee before the current wave's deadline.",
            ],
        ),
    },
    "fr": {
        "title": "À propos de la campagne",
        "introduction": "Un mouvement mondial de gouvernements locaux et régionaux qui placent "
        "la dignité, l’inclusion et la justice au cœur des politiques publiques.",
        "body": _about_body(
            "La campagne vise 1 000 gouvernements locaux et régionaux engagés pour les droits "
            "humains d’ici 2030. La Commission de CGLU d’inclusion sociale, démocratie "
            "participative et droits humains l’a lancée en 2022 avec six villes pionnières : "
            "Barcelone, Grigny, Gwangju, Mexico, Utrecht et Vienne.",
            "Pourquoi nous rejoindre ?",
            [
                "<b>Se connecter</b> à un réseau mondial de gouvernements locaux et régionaux.",
                "<b>Faire entendre sa voix</b> dans le système international, aux Nations unies "
                "et auprès du Haut-Commissariat aux droits de l’homme.",
                "<b>Élargir son action et son impact</b>, par exemple au Forum mondial des "
                "villes des droits humains de Gwangju et au Sommet mondial pour le "
                "développement social.",
            ],
            "Comment nous rejoindre ?",
            [
                "Téléchargez le formulaire et la lettre d’invitation, ou candidatez en ligne.",
                "Complétez vos informations : la vision des droits humains de votre "
                "gouvernement et ses initiatives clés.",
                "Envoyez le formulaire à la Commission avant la date limite de la vague en cours.",
            ],
        ),
    },
    "es": {
        "title": "Sobre la campaña",
        "introduction": "Un movimiento mundial de gobiernos locales y regionales que sitúan la "
        "dignidad, la inclusión y la justicia en el centro de las políticas públicas.",
        "body": _about_body(
            "La campaña aspira a 1.000 gobiernos locales y regionales comprometidos con los "
            "derechos humanos para 2030. La Comisión de Inclusión Social, Democracia "
            "Participativa y Derechos Humanos de CGLU la lanzó en 2022 con seis ciudades "
            "pioneras: Barcelona, Grigny, Gwangju, Ciudad de México, Utrecht y Viena.",
            "¿Por qué sumarse?",
            [
                "<b>Conectar</b> con una red mundial de gobiernos locales y regionales.",
                "<b>Amplificar su voz</b> en el sistema internacional, en Naciones Unidas y "
                "ante la Oficina del Alto Comisionado para los Derechos Humanos.",
                "<b>Ampliar su acción y su impacto</b>, por ejemplo en el Foro Mundial de "
                "Ciudades de Derechos Humanos de Gwangju y en la Cumbre Social Mundial.",
            ],
            "¿Cómo sumarse?",
            [
                "Descargue el formulario y la carta de invitación, o presente su solicitud en "
                "línea.",
                "Complete sus datos: la visión de derechos humanos de su gobierno y sus "
                "iniciativas clave.",
                "Envíe el formulario a la Comisión antes de la fecha límite de la ola en curso.",
            ],
        ),
    },
    "ar": {
        "title": "عن الحملة",
        "introduction": "حركة عالمية للحكومات المحلية والإقليمية التي تضع الكرامة والإدماج "
        "والعدالة في صميم السياسات العامة.",
        "body": _about_body(
            "تسعى الحملة إلى أن تلتزم 1000 حكومة محلية وإقليمية بحقوق الإنسان بحلول عام 2030. "
            "أطلقتها لجنة الإدماج الاجتماعي والديمقراطية التشاركية وحقوق الإنسان التابعة "
            "لمنظمة المدن والحكومات المحلية المتحدة عام 2022 مع ست مدن رائدة: برشلونة وغرينيي "
            "وغوانغجو ومكسيكو ستي وأوتريخت وفيينا.",
            "لماذا الانضمام؟",
            [
                "<b>التواصل</b> مع شبكة عالمية من الحكومات المحلية والإقليمية.",
                "<b>إيصال صوتكم</b> في المنظومة الدولية، في الأمم المتحدة ولدى مفوضية الأمم "
                "المتحدة السامية لحقوق الإنسان.",
                "<b>توسيع عملكم وأثره</b>، مثلًا في المنتدى العالمي لمدن حقوق الإنسان في "
                "غوانغجو والقمة الاجتماعية العالمية.",
            ],
            "كيف تنضمون؟",
            [
                "نزّلوا الاستمارة ورسالة الدعوة، أو قدّموا طلبكم عبر الإنترنت.",
                "املؤوا بياناتكم: رؤية حكومتكم لحقوق الإنسان ومبادراتها الرئيسية.",
                "أرسلوا الاستمارة إلى اللجنة قبل الموعد النهائي للموجة الحالية.",
            ],
        ),
    },
}

PAGES = [
    {"name": "about", "slug": "about", "in_menu": True, **ABOUT},
    {
        # The general "How to join" page that came before the online form; kept without an
        # Arabic version, so that a page missing in a language can be seen.
        "name": "join",
        "slug": "join",
        "en": {
            "title": "How to join",
            "introduction": "Fill in the form with your government's human rights vision and "
            "key initiatives, and send it to the secretariat, or apply online.",
        },
        "fr": {
            "title": "Comment rejoindre la campagne",
            "introduction": "Remplissez le formulaire avec la vision des droits humains de "
            "votre gouvernement et ses initiatives clés, puis envoyez-le au secrétariat, ou "
            "candidatez en ligne.",
        },
        "es": {
            "title": "Cómo sumarse",
            "introduction": "Complete el formulario con la visión de derechos humanos de su "
            "gobierno y sus iniciativas clave y envíelo a la secretaría, o presente su "
            "solicitud en línea.",
        },
    },
]


def _publish(page):
    page.save_revision().publish()


def translate_missing(page, fields_by_language):
    """Publish a translation of ``page``, made through wagtail-localize, in each language of
    ``fields_by_language`` (a code: {field: value} dict, "slug" included where the
    translation's address differs) that has a locale and no translation yet; return how
    many."""
    created = 0
    for code, fields in fields_by_language.items():
        if code == page.locale.language_code:
            continue
        fields = dict(fields)
        slug = fields.pop("slug", None)
        created += translate_page(page, code, fields, slug=slug) is not None
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
        hostname, port = public_address()
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Human Rights Cities",
        )
    else:
        if site.root_page_id != home.pk:
            site.root_page = home
            site.save()
        # bin/start serves on $PORT: the e-mails' page links follow it from run to run.
        point_default_site_at_public_address()
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
            page = StandardPage(
                translation_key=key,
                locale=default,
                slug=spec["slug"],
                show_in_menus=spec.get("in_menu", False),
                **spec["en"],
            )
            home.add_child(instance=page)
            _publish(page)
            created += 1
        created += translate_missing(
            page, {code: spec[code] for code in ("fr", "es", "ar") if code in spec}
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

"""Demo content: a stories index in every language and four stories — two wave launches,
a city testimony and an event — written in English and translated.

Dates are relative to the day the demo is loaded, so the newest story is always recent.
"""

import io
from datetime import timedelta

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale

from cityprofiles.models import CityProfilePage
from cityteams.roles import communications_collection
from home.demo import demo_key, translate_missing
from home.models import HomePage
from initiatives.models import InitiativePage
from taxonomies.models import Theme, Wave

from .models import StoryIndexPage, StoryInitiative, StoryMember, StoryPage

INDEX = {
    "en": ("Stories", "News from the campaign: wave launches, city testimonies and events."),
    "fr": ("Récits", "Les nouvelles de la campagne : vagues, témoignages de villes, événements."),
    "es": ("Historias", "Noticias de la campaña: olas, testimonios de ciudades y eventos."),
    "ar": ("قصص", "أخبار الحملة: إطلاق الموجات وشهادات المدن والفعاليات."),
}


def _paragraphs(*texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


STORIES = [
    {
        "name": "wave-4-launch",
        "slug": "fourth-wave-launch",
        "days_ago": 3,
        "featured": True,
        "waves": ["wave-4"],
        "themes": ["health", "housing", "water"],
        "members": [],
        "en": (
            "The fourth wave opens: strengthening local public services",
            "Local and regional governments are invited to join the campaign's fourth wave, "
            "“Strengthening Local Public Services for Just and Caring Cities”. [Demo text]",
            "Public services are where human rights become daily life: water, health, housing "
            "and care. The fourth wave gathers governments that commit to them on the way to "
            "the UCLG World Congress in Tangier. [Demo text]",
        ),
        "fr": (
            "La quatrième vague est ouverte : renforcer les services publics locaux",
            "Les gouvernements locaux et régionaux sont invités à rejoindre la quatrième vague, "
            "« Renforcer les services publics locaux pour des villes justes et solidaires ». "
            "[Texte de démonstration]",
            "Les services publics sont le lieu où les droits humains deviennent le quotidien : "
            "eau, santé, logement et soins. [Texte de démonstration]",
        ),
        "es": (
            "Se abre la cuarta ola: fortalecer los servicios públicos locales",
            "Se invita a los gobiernos locales y regionales a sumarse a la cuarta ola, "
            "«Fortalecer los servicios públicos locales para ciudades justas y cuidadoras». "
            "[Texto de demostración]",
            "Los servicios públicos son el lugar donde los derechos humanos se vuelven vida "
            "cotidiana: agua, salud, vivienda y cuidados. [Texto de demostración]",
        ),
        "ar": (
            "انطلاق الموجة الرابعة: تعزيز الخدمات العامة المحلية",
            "ندعو الحكومات المحلية والإقليمية إلى الانضمام إلى الموجة الرابعة للحملة، "
            "«تعزيز الخدمات العامة المحلية من أجل مدن عادلة ومُراعية». [نص تجريبي]",
            "الخدمات العامة هي المكان الذي تصبح فيه حقوق الإنسان حياة يومية: الماء والصحة "
            "والسكن والرعاية. [نص تجريبي]",
        ),
    },
    {
        "name": "tangier-congress",
        "slug": "towards-tangier",
        "days_ago": 20,
        "featured": False,
        "waves": ["wave-4"],
        "themes": ["peace-security"],
        "members": [],
        "en": (
            "Towards the UCLG World Congress in Tangier",
            "The campaign will present its members and their initiatives at the World Congress "
            "of United Cities and Local Governments. [Demo text]",
            "Members of every wave will share what human rights mean in their city. [Demo text]",
        ),
        "fr": (
            "En route vers le Congrès mondial de CGLU à Tanger",
            "La campagne présentera ses membres et leurs initiatives au Congrès mondial de "
            "Cités et Gouvernements Locaux Unis. [Texte de démonstration]",
            "Des membres de chaque vague partageront ce que les droits humains signifient dans "
            "leur ville. [Texte de démonstration]",
        ),
        "es": (
            "Rumbo al Congreso Mundial de CGLU en Tánger",
            "La campaña presentará a sus miembros y sus iniciativas en el Congreso Mundial de "
            "Ciudades y Gobiernos Locales Unidos. [Texto de demostración]",
            "Miembros de cada ola compartirán lo que los derechos humanos significan en su "
            "ciudad. [Texto de demostración]",
        ),
        "ar": (
            "في الطريق إلى المؤتمر العالمي للمدن والحكومات المحلية المتحدة في طنجة",
            "ستعرض الحملة أعضاءها ومبادراتهم في المؤتمر العالمي للمدن والحكومات المحلية "
            "المتحدة. [نص تجريبي]",
            "سيشارك أعضاء من كل موجة ما تعنيه حقوق الإنسان في مدنهم. [نص تجريبي]",
        ),
    },
    {
        "name": "grigny-testimony",
        "slug": "grigny-testimony",
        "days_ago": 45,
        "featured": False,
        "waves": ["wave-1"],
        "themes": ["housing"],
        "members": ["Grigny"],
        "initiative": ("Grigny", "social-housing"),
        "quote": {
            "en": "Human rights start at the door of every home. [Demo quotation]",
            "fr": "Les droits humains commencent à la porte de chaque foyer. "
            "[Citation de démonstration]",
            "es": "Los derechos humanos empiezan en la puerta de cada hogar. "
            "[Cita de demostración]",
            "ar": "تبدأ حقوق الإنسان عند باب كل بيت. [اقتباس تجريبي]",
        },
        "en": (
            "Grigny: “Human rights start at home”",
            "A pioneer city of the campaign tells how it turned the right to housing into "
            "local action. [Demo text]",
            "Grigny was one of the six pioneer cities that launched the campaign in 2022. "
            "[Demo text]",
        ),
        "fr": (
            "Grigny : « Les droits humains commencent chez soi »",
            "Une ville pionnière de la campagne raconte comment elle a fait du droit au logement "
            "une action locale. [Texte de démonstration]",
            "Grigny fait partie des six villes pionnières qui ont lancé la campagne en 2022. "
            "[Texte de démonstration]",
        ),
        "es": (
            "Grigny: «Los derechos humanos empiezan en casa»",
            "Una ciudad pionera de la campaña cuenta cómo convirtió el derecho a la vivienda en "
            "acción local. [Texto de demostración]",
            "Grigny fue una de las seis ciudades pioneras que lanzaron la campaña en 2022. "
            "[Texto de demostración]",
        ),
        "ar": (
            "غرينيي: «حقوق الإنسان تبدأ في البيت»",
            "مدينة رائدة في الحملة تروي كيف حوّلت الحق في السكن إلى عمل محلي. [نص تجريبي]",
            "كانت غرينيي واحدة من المدن الرائدة الست التي أطلقت الحملة عام 2022. [نص تجريبي]",
        ),
    },
    {
        "name": "wave-3-launch",
        "slug": "third-wave-launch",
        "days_ago": 400,
        "featured": False,
        "waves": ["wave-3"],
        "themes": [],
        "members": ["Barcelona", "Vienna"],
        "en": (
            "The third wave of Human Rights Cities",
            "New members from every region joined the campaign in 2024. [Demo text]",
            "The pioneers welcomed them with their own experience. [Demo text]",
        ),
        "fr": (
            "La troisième vague des villes des droits humains",
            "De nouveaux membres de toutes les régions ont rejoint la campagne en 2024. "
            "[Texte de démonstration]",
            "Les pionnières les ont accueillis avec leur expérience. [Texte de démonstration]",
        ),
        "es": (
            "La tercera ola de ciudades de derechos humanos",
            "Nuevos miembros de todas las regiones se sumaron a la campaña en 2024. "
            "[Texto de demostración]",
            "Las pioneras los recibieron con su propia experiencia. [Texto de demostración]",
        ),
        "ar": (
            "الموجة الثالثة لمدن حقوق الإنسان",
            "انضم أعضاء جدد من كل المناطق إلى الحملة عام 2024. [نص تجريبي]",
            "استقبلتهم المدن الرائدة بتجربتها الخاصة. [نص تجريبي]",
        ),
    },
]


def campaign_image():
    """A plain banner in the campaign's colours, made here so the demo needs no files.
    It is Communications' image, so it lives in that role's collection (a demo loaded
    before the collection existed had it in the root one: it is moved)."""
    Image = get_image_model()
    collection = communications_collection()
    image = Image.objects.filter(title="Campaign banner (demo)").first()
    if image is not None:
        if image.collection.is_root():
            image.collection = collection
            image.save(update_fields=["collection"])
        return image
    canvas = PillowImage.new("RGB", (1200, 630), (0, 84, 147))
    draw = ImageDraw.Draw(canvas)
    for step in range(0, 630, 42):
        draw.rectangle([0, step, 1200, step + 20], fill=(0, 96 + step // 20, 160))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    image = Image(
        title="Campaign banner (demo)",
        description="Blue stripes, the campaign's colours",
        file=ImageFile(buffer, name="campaign-banner.png"),
        collection=collection,
    )
    image.save()
    return image


def ensure_indexes():
    created = 0
    default = Locale.get_default()
    home = HomePage.objects.get(locale=default, depth=2)
    index = StoryIndexPage.objects.filter(locale=default).first()
    if index is None:
        title, introduction = INDEX["en"]
        index = StoryIndexPage(
            title=title,
            slug="stories",
            introduction=introduction,
            translation_key=demo_key("stories"),
            locale=default,
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
        created += 1
    created += translate_missing(
        index,
        {code: {"title": title, "introduction": intro} for code, (title, intro) in INDEX.items()},
    )
    return index, created


def _story(spec, code, index, image, default):
    title, standfirst, paragraph = spec[code]
    body = _paragraphs(paragraph)
    if spec.get("quote"):
        body.append(
            {"type": "quote", "value": {"quote": spec["quote"][code], "attribution": "Grigny"}}
        )
    return dict(
        title=title,
        standfirst=standfirst,
        body=body,
        byline="UCLG CISDP",
        date=timezone.localdate() - timedelta(days=spec["days_ago"]),
        featured=spec["featured"],
        hero_image=image,
        hero_caption={
            "en": "The campaign's colours",
            "fr": "Les couleurs de la campagne",
            "es": "Los colores de la campaña",
            "ar": "ألوان الحملة",
        }[code],
    )


def load(out):
    index, created = ensure_indexes()
    out(f"stories index: {created} pages created")
    default = Locale.get_default()
    image = campaign_image()
    made = translated = 0
    for spec in STORIES:
        key = demo_key(f"story-{spec['name']}")
        story = StoryPage.objects.filter(translation_key=key, locale=default).first()
        if story is None:
            story = StoryPage(
                translation_key=key,
                locale=default,
                slug=spec["slug"],
                **_story(spec, "en", index, image, default),
            )
            story.themes = list(Theme.objects.filter(locale=default, key__in=spec["themes"]))
            story.waves = list(Wave.objects.filter(locale=default, key__in=spec["waves"]))
            profiles = CityProfilePage.objects.filter(locale=default, title__in=spec["members"])
            story.member_links = [StoryMember(profile=profile) for profile in profiles]
            if spec.get("initiative"):
                city, slug = spec["initiative"]
                initiative = InitiativePage.objects.filter(
                    locale=default, slug=slug, city__title=city
                ).first()
                if initiative is not None:
                    story.initiative_links = [StoryInitiative(initiative=initiative)]
            index.add_child(instance=story)
            story.save_revision().publish()
            made += 1
        translated += translate_missing(
            story,
            {
                code: {
                    name: value
                    for name, value in _story(spec, code, index, image, default).items()
                    if name not in ("hero_image", "date", "featured")
                }
                for code in ("fr", "es", "ar")
            },
        )
    out(f"stories: {made} created, {translated} translations created")

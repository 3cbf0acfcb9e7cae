"""Demo content: a stories index in every language and four stories — two wave launches,
a city testimony and an event — written in English and translated.

Dates are relative to the day the demo is loaded, so the newest story is always recent.
"""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from cityprofiles.models import CityProfilePage
from home.demo import demo_key, translate_missing
from home.demo_images import poster
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
            "“Strengthening Local Public Services for Just and Caring Cities”.",
            "Public services are where human rights become daily life: water, health, housing "
            "and care. The fourth wave gathers governments that commit to them on the way to "
            "the UCLG World Congress in Tangier.",
        ),
        "fr": (
            "La quatrième vague est ouverte : renforcer les services publics locaux",
            "Les gouvernements locaux et régionaux sont invités à rejoindre la quatrième vague, "
            "« Renforcer les services publics locaux pour des villes justes et solidaires ».",
            "Les services publics sont le lieu où les droits humains deviennent le quotidien : "
            "eau, santé, logement et soins.",
        ),
        "es": (
            "Se abre la cuarta ola: fortalecer los servicios públicos locales",
            "Se invita a los gobiernos locales y regionales a sumarse a la cuarta ola, "
            "«Fortalecer los servicios públicos locales para ciudades justas y cuidadoras».",
            "Los servicios públicos son el lugar donde los derechos humanos se vuelven vida "
            "cotidiana: agua, salud, vivienda y cuidados.",
        ),
        "ar": (
            "انطلاق الموجة الرابعة: تعزيز الخدمات العامة المحلية",
            "ندعو الحكومات المحلية والإقليمية إلى الانضمام إلى الموجة الرابعة للحملة، "
            "«تعزيز الخدمات العامة المحلية من أجل مدن عادلة ومُراعية».",
            "الخدمات العامة هي المكان الذي تصبح فيه حقوق الإنسان حياة يومية: الماء والصحة "
            "والسكن والرعاية.",
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
            "of United Cities and Local Governments.",
            "Members of every wave will share what human rights mean in their city.",
        ),
        "fr": (
            "En route vers le Congrès mondial de CGLU à Tanger",
            "La campagne présentera ses membres et leurs initiatives au Congrès mondial de "
            "Cités et Gouvernements Locaux Unis.",
            "Des membres de chaque vague partageront ce que les droits humains signifient dans "
            "leur ville.",
        ),
        "es": (
            "Rumbo al Congreso Mundial de CGLU en Tánger",
            "La campaña presentará a sus miembros y sus iniciativas en el Congreso Mundial de "
            "Ciudades y Gobiernos Locales Unidos.",
            "Miembros de cada ola compartirán lo que los derechos humanos significan en su ciudad.",
        ),
        "ar": (
            "في الطريق إلى المؤتمر العالمي للمدن والحكومات المحلية المتحدة في طنجة",
            "ستعرض الحملة أعضاءها ومبادراتهم في المؤتمر العالمي للمدن والحكومات المحلية المتحدة.",
            "سيشارك أعضاء من كل موجة ما تعنيه حقوق الإنسان في مدنهم.",
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
        "initiative": ("Grigny", "grigny-2-renewal"),
        "quote": {
            "en": "Human rights start at the door of every home.",
            "fr": "Les droits humains commencent à la porte de chaque foyer.",
            "es": "Los derechos humanos empiezan en la puerta de cada hogar.",
            "ar": "تبدأ حقوق الإنسان عند باب كل بيت.",
        },
        "en": (
            "Grigny: “Human rights start at home”",
            "A pioneer city of the campaign tells how it turned the right to housing into "
            "local action.",
            "Grigny was one of the six pioneer cities that launched the campaign in 2022.",
        ),
        "fr": (
            "Grigny : « Les droits humains commencent chez soi »",
            "Une ville pionnière de la campagne raconte comment elle a fait du droit au logement "
            "une action locale.",
            "Grigny fait partie des six villes pionnières qui ont lancé la campagne en 2022.",
        ),
        "es": (
            "Grigny: «Los derechos humanos empiezan en casa»",
            "Una ciudad pionera de la campaña cuenta cómo convirtió el derecho a la vivienda en "
            "acción local.",
            "Grigny fue una de las seis ciudades pioneras que lanzaron la campaña en 2022.",
        ),
        "ar": (
            "غرينيي: «حقوق الإنسان تبدأ في البيت»",
            "مدينة رائدة في الحملة تروي كيف حوّلت الحق في السكن إلى عمل محلي.",
            "كانت غرينيي واحدة من المدن الرائدة الست التي أطلقت الحملة عام 2022.",
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
            "New members from every region joined the campaign in 2024.",
            "The pioneers welcomed them with their own experience.",
        ),
        "fr": (
            "La troisième vague des villes des droits humains",
            "De nouveaux membres de toutes les régions ont rejoint la campagne en 2024.",
            "Les pionnières les ont accueillis avec leur expérience.",
        ),
        "es": (
            "La tercera ola de ciudades de derechos humanos",
            "Nuevos miembros de todas las regiones se sumaron a la campaña en 2024.",
            "Las pioneras los recibieron con su propia experiencia.",
        ),
        "ar": (
            "الموجة الثالثة لمدن حقوق الإنسان",
            "انضم أعضاء جدد من كل المناطق إلى الحملة عام 2024.",
            "استقبلتهم المدن الرائدة بتجربتها الخاصة.",
        ),
    },
]


# Each story's poster: a short, mostly language-neutral line (the image is shared by every
# translation; its alternative text and caption are translated with the story).
POSTERS = {
    "wave-4-launch": ("Wave 4", "Strengthening local public services"),
    "tangier-congress": ("Tangier 2026", "UCLG World Congress"),
    "grigny-testimony": ("Grigny", "France"),
    "wave-3-launch": ("Wave 3", "2024"),
}
POSTER_TEXT = {
    "en": ("Poster: {name}", "The campaign's poster for this story"),
    "fr": ("Affiche : {name}", "L’affiche de la campagne pour ce récit"),
    "es": ("Cartel: {name}", "El cartel de la campaña para esta historia"),
    "ar": ("ملصق: {name}", "ملصق الحملة لهذه القصة"),
}


def story_poster(spec):
    name, subtitle = POSTERS[spec["name"]]
    return poster(
        f"Story poster: {spec['name']} (demo)",
        name,
        subtitle,
        f"Poster: {name} — {subtitle}",
        filename=f"story-{spec['slug']}.png",
    )


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
            {
                "type": "quote",
                "value": {"quote": spec["quote"][code], "attribution": "Grigny", "role": ""},
            }
        )
    return dict(
        title=title,
        standfirst=standfirst,
        body=body,
        byline="UCLG CISDP",
        date=timezone.localdate() - timedelta(days=spec["days_ago"]),
        featured=spec["featured"],
        hero_image=image,
        hero_alt=POSTER_TEXT[code][0].format(name=POSTERS[spec["name"]][0]),
        hero_caption=POSTER_TEXT[code][1],
    )


def load(out):
    index, created = ensure_indexes()
    out(f"stories index: {created} pages created")
    default = Locale.get_default()
    made = translated = 0
    for spec in STORIES:
        key = demo_key(f"story-{spec['name']}")
        story = StoryPage.objects.filter(translation_key=key, locale=default).first()
        image = story_poster(spec)
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

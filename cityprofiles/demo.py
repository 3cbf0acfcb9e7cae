"""Demo content: the members directory and a profile for each real member.

Facts come from cityprofiles/data/members.csv (public sources). Everything
else — coordinates aside — is clearly labelled demo text, so nobody mistakes
it for a member's own words.
"""

import csv
import hashlib
from pathlib import Path

from wagtail.models import Locale
from wagtail.rich_text import RichText

from home.demo import demo_key
from home.models import HomePage

from .members import MemberRowForm, apply_member
from .models import CityIndexPage, CityProfilePage

MEMBERS_CSV = Path(__file__).resolve().parent / "data" / "members.csv"

DIRECTORY_TITLES = {"en": "Members", "fr": "Membres", "es": "Miembros", "ar": "الأعضاء"}
DIRECTORY_INTROS = {
    "en": "Local and regional governments and partners that have joined the campaign.",
    "fr": "Les gouvernements locaux et régionaux et les partenaires qui ont rejoint la campagne.",
    "es": "Los gobiernos locales y regionales y los socios que se han sumado a la campaña.",
    "ar": "الحكومات المحلية والإقليمية والشركاء الذين انضموا إلى الحملة.",
}

# Approximate city-centre coordinates and population bands (public knowledge).
GEOGRAPHY = {
    "Barcelona": (41.38879, 2.15899, "over-1m"),
    "Grigny": (48.65412, 2.39343, "under-50k"),
    "Gwangju": (35.15955, 126.85260, "over-1m"),
    "Mexico City": (19.43260, -99.13321, "over-1m"),
    "Utrecht": (52.09074, 5.12142, "250k-1m"),
    "Vienna": (48.20817, 16.37382, "over-1m"),
    "Rouen": (49.44323, 1.09997, "50k-250k"),
    "Malakoff": (48.81690, 2.29830, "under-50k"),
    "Montevideo": (-34.90111, -56.16453, "over-1m"),
    "Irbid": (32.55560, 35.85000, "250k-1m"),
    "Cochabamba": (-17.41400, -66.16530, "250k-1m"),
    "Villa Carlos Paz": (-31.42414, -64.49778, "50k-250k"),
    "Rivas-Vaciamadrid": (40.32604, -3.51780, "50k-250k"),
    "Ames": (42.90400, -8.65600, "under-50k"),
    "Sant Pere de Ribes": (41.25980, 1.77300, "under-50k"),
    "Diputació de Barcelona": (41.38879, 2.15899, "over-1m"),
    "l'Alfàs del Pi": (38.58060, -0.10160, "under-50k"),
    "Coalition of Somali Human Rights Defenders": (2.04690, 45.31820, ""),
}

THEME_KEYS = [
    "inclusion-solidarity",
    "inequality-discrimination",
    "racism",
    "migrants-rights",
    "violence-against-women",
    "hate-speech",
    "water",
    "food",
    "health",
    "housing",
    "environment-climate",
    "culture",
    "peace-security",
    "democratic-participation",
    "rights-education",
    "transparency-accountability",
    "public-services-care",
]
RIGHT_KEYS = [
    "right-to-the-city",
    "participatory-democracy",
    "civic-peace-safety",
    "equality-women-men",
    "rights-of-children",
    "accessible-public-services",
    "freedom-conscience-information",
    "meeting-association-unions",
    "cultural-rights",
    "housing-domicile",
    "water-food",
    "sustainable-urban-development",
]
PILLAR_KEYS = ["political-legal-foundations", "institutional-structures", "operational-tools"]

VISION = {
    "en": (
        "[Demo text] {name} works closest to people's daily lives: housing, water, schools and "
        "public space are where human rights are kept or lost.",
        "[Demo text] Human rights give {name} a shared language with its residents and a "
        "framework to measure its policies against.",
    ),
    "fr": (
        "[Texte de démonstration] {name} agit au plus près de la vie quotidienne : logement, eau, "
        "écoles et espace public sont les lieux où les droits humains se jouent.",
        "[Texte de démonstration] Les droits humains donnent à {name} un langage commun avec ses "
        "habitants et un cadre pour évaluer ses politiques.",
    ),
    "es": (
        "[Texto de demostración] {name} actúa cerca de la vida cotidiana: vivienda, agua, escuelas "
        "y espacio público son donde se juegan los derechos humanos.",
        "[Texto de demostración] Los derechos humanos dan a {name} un lenguaje común con sus "
        "habitantes y un marco para evaluar sus políticas.",
    ),
}
SUMMARY = {
    "en": "[Demo text] A member of the campaign since {year}.",
    "fr": "[Texte de démonstration] Membre de la campagne depuis {year}.",
    "es": "[Texto de demostración] Miembro de la campaña desde {year}.",
}
# The pioneers get French and Spanish profiles; the others stay in English so
# that the directory's fallback for missing translations can be seen.
TRANSLATED = {"Barcelona", "Grigny", "Gwangju", "Mexico City", "Utrecht", "Vienna"}


def pick(keys, name, count, salt):
    """A stable, varied choice of keys for a member (same result on every run)."""
    digest = hashlib.sha256(f"{salt}:{name}".encode()).digest()
    chosen = []
    for byte in digest:
        key = keys[byte % len(keys)]
        if key not in chosen:
            chosen.append(key)
        if len(chosen) == count:
            break
    return ";".join(chosen)


def ensure_directories():
    created = 0
    default = Locale.get_default()
    key = demo_key("members-directory")
    for code, title in DIRECTORY_TITLES.items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or CityIndexPage.objects.filter(locale=locale).exists():
            continue
        home = HomePage.objects.filter(locale=locale).first()
        if home is None:
            continue
        directory = CityIndexPage(
            title=title,
            slug="cities",
            introduction=DIRECTORY_INTROS[code],
            show_in_menus=True,
            locale=locale,
            translation_key=key,
        )
        home.add_child(instance=directory)
        directory.save_revision().publish()
        created += 1
    assert CityIndexPage.objects.filter(locale=default).exists()
    return created


def member_rows():
    with MEMBERS_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["name"]
            latitude, longitude, band = GEOGRAPHY.get(name, (None, None, ""))
            year = row.get("year_joined") or "2024"
            row.update(
                latitude=latitude,
                longitude=longitude,
                population_band=band,
                year_joined=year,
                summary=SUMMARY["en"].format(year=year),
                themes=pick(THEME_KEYS, name, 4, "themes"),
                rights=pick(RIGHT_KEYS, name, 3, "rights"),
                pillars=pick(PILLAR_KEYS, name, 1, "pillars"),
                language="en",
            )
            yield row


def vision_for(code, name):
    first, second = VISION[code]
    return [
        ("why_essential", RichText(f"<p>{first.format(name=name)}</p>")),
        ("why_framework", RichText(f"<p>{second.format(name=name)}</p>")),
    ]


def load(out):
    out(f"members directory: {ensure_directories()} created")
    counts = {"created": 0, "updated": 0, "unchanged": 0, "translations": 0}
    rows = list(member_rows())
    for number, row in enumerate(rows, start=1):
        form = MemberRowForm(row)
        if not form.is_valid():
            raise ValueError(f"Demo member {row['name']!r} is invalid: {form.errors.as_text()}")
        page, status = apply_member(form.cleaned_data)
        counts[status] += 1
        if not page.vision:
            page.vision = vision_for("en", page.title)
            page.save_revision().publish()
        if page.title in TRANSLATED:
            counts["translations"] += translate_profile(page, form.cleaned_data)
        if number % 5 == 0 or number == len(rows):
            out(f"members: {number}/{len(rows)}")
    out(
        "profiles: {created} created, {updated} updated, {unchanged} unchanged, "
        "{translations} translations created".format(**counts)
    )
    feature_pioneers(out)


def translate_profile(page, data):
    created = 0
    for code in ("fr", "es"):
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or page.has_translation(locale):
            continue
        if not CityIndexPage.objects.filter(locale=locale).exists():
            continue
        translation = page.copy_for_translation(locale)
        translation.summary = SUMMARY[code].format(year=data.get("year_joined") or "2022")
        translation.vision = vision_for(code, page.title)
        translation.save_revision().publish()
        created += 1
    return created


def feature_pioneers(out):
    """The six pioneers are featured on every home page (once)."""
    from home.models import HomeFeaturedMember

    default = Locale.get_default()
    pioneers = list(
        CityProfilePage.objects.filter(locale=default, title__in=sorted(TRANSLATED)).order_by(
            "title"
        )
    )
    featured = 0
    for home in HomePage.objects.all():
        if home.featured_members.exists():
            continue
        for order, profile in enumerate(pioneers):
            HomeFeaturedMember.objects.create(page=home, profile=profile, sort_order=order)
        home.save_revision().publish()
        featured += 1
    out(f"home pages: pioneers featured on {featured}")

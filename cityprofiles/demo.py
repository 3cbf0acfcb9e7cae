"""Demo content: the members directory and a profile for each real member.

Facts come from cityprofiles/data/members.csv (public sources); leaders, terms and
websites, where certain, and each member's vision from cityprofiles/demo_members.py.
The site says once, in its demo-content notice (settings.DEMO_CONTENT_NOTICE), that
the texts are demo content. Translations are made through wagtail-localize
(home/demo_localize.py); each member has a poster as its emblem (home/demo_images.py).
"""

import csv
from pathlib import Path

from wagtail.models import Locale
from wagtail.rich_text import RichText

from home.demo import demo_key
from home.demo_images import poster
from home.demo_localize import translate_page
from home.models import HomePage

# A data module (no imports of its own): the profiles' terms are their initiatives'.
from initiatives.demo_initiatives import INITIATIVES

from .demo_members import MEMBERS
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

# Profiles are translated into the languages their texts are written in
# (cityprofiles/demo_members.py); the others show the site's fallback.
LANGUAGES = ("fr", "es", "ar")
PIONEERS = {"Barcelona", "Grigny", "Gwangju", "Mexico City", "Utrecht", "Vienna"}


def ensure_directories():
    """The English directory, and its translations made through wagtail-localize (their
    translated addresses are given at the end of the demo, by home/translated_addresses.py)."""
    created = 0
    default = Locale.get_default()
    directory = CityIndexPage.objects.filter(locale=default).first()
    if directory is None:
        home = HomePage.objects.get(locale=default, depth=2)
        directory = CityIndexPage(
            title=DIRECTORY_TITLES["en"],
            slug="cities",
            introduction=DIRECTORY_INTROS["en"],
            show_in_menus=True,
            locale=default,
            translation_key=demo_key("members-directory"),
        )
        home.add_child(instance=directory)
        directory.save_revision().publish()
        created += 1
    for code in LANGUAGES:
        fields = {"title": DIRECTORY_TITLES[code], "introduction": DIRECTORY_INTROS[code]}
        created += translate_page(directory, code, fields) is not None
    return created


def tags_of(name, kind, count):
    """A member's own terms: the first ones its initiatives are tagged with, so that what a
    profile says it works on matches its initiatives."""
    chosen = []
    for spec in INITIATIVES.get(name, []):
        for key in spec[kind] if isinstance(spec[kind], list) else [spec[kind]]:
            if key not in chosen:
                chosen.append(key)
    return chosen[:count]


def member_rows():
    with MEMBERS_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["name"]
            member = MEMBERS[name]
            latitude, longitude, band = GEOGRAPHY.get(name, (None, None, ""))
            year = row.get("year_joined") or "2024"
            term_start, term_end = member.get("term", ("", ""))
            row.update(
                latitude=latitude,
                longitude=longitude,
                population_band=band,
                year_joined=year,
                leader_name=member.get("leader_name", ""),
                leader_title=member["en"].get("leader_title", "")
                if "leader_name" in member
                else "",
                term_start=term_start,
                term_end=term_end,
                website=member.get("website", ""),
                summary=member["en"]["summary"],
                themes=";".join(tags_of(name, "themes", 4)),
                rights=";".join(tags_of(name, "rights", 3)),
                pillars=";".join(tags_of(name, "pillar", 2)),
                language="en",
            )
            yield row


def vision_for(texts):
    return [
        (block, RichText(f"<p>{texts[block]}</p>"))
        for block in ("why_essential", "why_framework", "expectations")
        if texts.get(block)
    ]


def profile_fields(texts, with_leader):
    fields = {"title": texts["title"], "summary": texts["summary"], "vision": vision_for(texts)}
    if with_leader and texts.get("leader_title"):
        fields["leader_title"] = texts["leader_title"]
    return fields


def member_poster(page):
    country = page.country.name if page.country else page.get_member_type_display()
    return poster(
        f"{page.title} (demo poster)",
        page.title,
        str(country),
        f"Poster: {page.title}, {country}",
        size=(480, 480),
        filename=f"member-{page.member_key}.png",
    )


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
        member = MEMBERS[row["name"]]
        if not page.vision or page.logo_id is None:
            # Once, so that a second run (or an editor's later changes) is left alone.
            page.vision = page.vision or vision_for(member["en"])
            page.logo = page.logo or member_poster(page)
            page.save_revision().publish()
        counts["translations"] += translate_profile(page, member)
        if number % 5 == 0 or number == len(rows):
            out(f"members: {number}/{len(rows)}")
    out(
        "profiles: {created} created, {updated} updated, {unchanged} unchanged, "
        "{translations} translations created".format(**counts)
    )
    feature_pioneers(out)


def translate_profile(page, member):
    created = 0
    for code in LANGUAGES:
        texts = member.get(code)
        if texts is None or not CityIndexPage.objects.filter(locale__language_code=code).exists():
            continue
        fields = profile_fields(texts, with_leader="leader_name" in member)
        created += translate_page(page, code, fields) is not None
    return created


def feature_pioneers(out):
    """The six pioneers are featured on every home page (once)."""
    from home.models import HomeFeaturedMember

    default = Locale.get_default()
    pioneers = list(
        CityProfilePage.objects.filter(locale=default, title__in=sorted(PIONEERS)).order_by("title")
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

"""Demo content: two or three initiatives per real member, tagged across the taxonomies.

The texts are clearly labelled demo text, written from a handful of templates;
initiatives of the six pioneers also exist in French and Spanish, so that
searching in those languages finds them.
"""

import hashlib

from wagtail.models import Locale

from cityprofiles.models import CityProfilePage
from taxonomies.models import (
    CharterRight,
    FrameworkPillar,
    RightsHolderGroup,
    SustainableDevelopmentGoal,
    Theme,
)

from .models import InitiativePage

TEMPLATES = [
    {
        "slug": "social-housing",
        "themes": ["housing", "inequality-discrimination"],
        "rights": ["housing-domicile", "right-to-the-city"],
        "sdgs": ["sustainable-cities", "no-poverty"],
        "groups": ["homelessness-poverty", "older-persons"],
        "pillar": "operational-tools",
        "status": "ongoing",
        "en": (
            "Affordable housing for every resident",
            "[Demo text] {city} builds and renovates social housing and protects tenants "
            "against evictions, so that housing is treated as a right, not a commodity.",
        ),
        "fr": (
            "Des logements abordables pour chaque habitant",
            "[Texte de démonstration] {city} construit et rénove des logements sociaux et "
            "protège les locataires contre les expulsions : le logement est un droit.",
        ),
        "es": (
            "Viviendas asequibles para cada habitante",
            "[Texto de demostración] {city} construye y rehabilita viviendas sociales y "
            "protege a las personas inquilinas frente a los desahucios.",
        ),
    },
    {
        "slug": "anti-racism-office",
        "themes": ["racism", "hate-speech"],
        "rights": ["civic-peace-safety", "freedom-conscience-information"],
        "sdgs": ["reduced-inequalities", "peace-justice"],
        "groups": ["minorities", "migrants-refugees"],
        "pillar": "institutional-structures",
        "status": "ongoing",
        "en": (
            "An office against racism and discrimination",
            "[Demo text] {city} runs an office where residents report discrimination and "
            "hate speech, with legal support and yearly public reports.",
        ),
        "fr": (
            "Un bureau contre le racisme et les discriminations",
            "[Texte de démonstration] {city} ouvre un bureau où les habitants signalent les "
            "discriminations et les discours de haine, avec un soutien juridique.",
        ),
        "es": (
            "Una oficina contra el racismo y la discriminación",
            "[Texto de demostración] {city} abre una oficina donde la ciudadanía denuncia "
            "discriminaciones y discursos de odio, con apoyo jurídico.",
        ),
    },
    {
        "slug": "water-for-all",
        "themes": ["water", "public-services-care"],
        "rights": ["water-food", "accessible-public-services"],
        "sdgs": ["clean-water", "good-health"],
        "groups": ["children-youth", "women-girls"],
        "pillar": "political-legal-foundations",
        "status": "completed",
        "en": (
            "Water for all households",
            "[Demo text] {city} guarantees a minimum supply of drinking water to every "
            "household, whatever its income, and public fountains in every district.",
        ),
        "fr": (
            "De l’eau pour tous les foyers",
            "[Texte de démonstration] {city} garantit un minimum d’eau potable à chaque foyer, "
            "quel que soit son revenu, et des fontaines publiques dans chaque quartier.",
        ),
        "es": (
            "Agua para todos los hogares",
            "[Texto de demostración] {city} garantiza un mínimo de agua potable a cada hogar, "
            "sea cual sea su renta, y fuentes públicas en cada barrio.",
        ),
    },
    {
        "slug": "participatory-budget",
        "themes": ["democratic-participation", "transparency-accountability"],
        "rights": ["participatory-democracy"],
        "sdgs": ["peace-justice", "partnerships"],
        "groups": ["children-youth", "human-rights-defenders"],
        "pillar": "operational-tools",
        "status": "planned",
        "en": (
            "A participatory budget with a human-rights lens",
            "[Demo text] Residents of {city} decide part of the municipal budget each year; "
            "projects are assessed for their effect on the rights of the most excluded.",
        ),
        "fr": (
            "Un budget participatif fondé sur les droits humains",
            "[Texte de démonstration] Les habitants de {city} décident chaque année d’une "
            "partie du budget municipal ; les projets sont évalués selon leurs effets.",
        ),
        "es": (
            "Un presupuesto participativo con enfoque de derechos",
            "[Texto de demostración] Los habitantes de {city} deciden cada año una parte del "
            "presupuesto municipal con criterios de derechos humanos.",
        ),
    },
]
DEMO_PARTNERS = "[Demo] Local residents' association\n[Demo] University human rights clinic"
PIONEERS = {"Barcelona", "Grigny", "Gwangju", "Mexico City", "Utrecht", "Vienna"}


def _choose(name):
    digest = hashlib.sha256(name.encode()).digest()
    count = 2 + digest[0] % 2
    first = digest[1] % len(TEMPLATES)
    return [TEMPLATES[(first + i) % len(TEMPLATES)] for i in range(count)]


def _terms(model, keys, locale):
    return list(model.objects.filter(locale=locale, key__in=keys))


def load(out):
    default = Locale.get_default()
    created = translated = 0
    profiles = list(CityProfilePage.objects.filter(locale=default).order_by("title"))
    for number, profile in enumerate(profiles, start=1):
        for spec in _choose(profile.title):
            slug = spec["slug"]
            page = InitiativePage.objects.child_of(profile).filter(slug=slug).first()
            if page is None:
                title, summary = spec["en"]
                start = 2019 + (len(profile.title) + len(slug)) % 6
                page = InitiativePage(
                    title=title,
                    slug=slug,
                    summary=summary.format(city=profile.title),
                    status=spec["status"],
                    start_year=start,
                    end_year=start + 3 if spec["status"] == "completed" else None,
                    partners=DEMO_PARTNERS,
                    framework_pillar=FrameworkPillar.objects.filter(
                        locale=default, key=spec["pillar"]
                    ).first(),
                    locale=default,
                )
                page.themes = _terms(Theme, spec["themes"], default)
                page.charter_rights = _terms(CharterRight, spec["rights"], default)
                page.sdgs = _terms(SustainableDevelopmentGoal, spec["sdgs"], default)
                page.rights_holder_groups = _terms(RightsHolderGroup, spec["groups"], default)
                profile.add_child(instance=page)
                page.save_revision().publish()
                created += 1
            if profile.title in PIONEERS:
                translated += _translate(page, spec, profile.title)
        if number % 5 == 0 or number == len(profiles):
            out(f"initiatives: {number}/{len(profiles)} members")
    out(f"initiatives: {created} created, {translated} translations created")


def _translate(page, spec, city_name):
    created = 0
    for code in ("fr", "es"):
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or page.has_translation(locale):
            continue
        parent = page.get_parent().specific
        if not parent.has_translation(locale):
            continue
        translation = page.copy_for_translation(locale)
        translation.title, summary = spec[code]
        translation.summary = summary.format(city=city_name)
        translation.save_revision().publish()
        created += 1
    return created

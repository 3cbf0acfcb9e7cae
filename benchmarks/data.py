"""Builds a large, realistic, clearly synthetic data set quickly.

Pages are inserted in bulk (tree paths computed here, as treebeard would):
publishing 30,000 pages one by one through revisions would take most of an
hour; bulk insertion takes a minute. The pages are live, with no revisions,
which is what the public site reads.
"""

import hashlib
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page

from cityprofiles.choices import GovernmentType, PopulationBand, Region
from cityprofiles.models import CityIndexPage, CityProfilePage
from taxonomies.models import CharterRight, FrameworkPillar, Theme, Wave

REGION_COUNTRIES = {
    Region.AFRICA: ["MA", "SN", "ZA", "KE", "CM", "TN", "SO"],
    Region.ASIA_PACIFIC: ["KR", "JP", "ID", "PH", "IN", "AU"],
    Region.EURASIA: ["GE", "AM", "KZ", "UZ"],
    Region.EUROPE: ["ES", "FR", "AT", "NL", "IT", "DE", "PT", "SE"],
    Region.LATIN_AMERICA: ["MX", "UY", "BO", "AR", "BR", "CO", "CL"],
    Region.MIDDLE_EAST: ["JO", "LB", "TR", "PS"],
    Region.NORTH_AMERICA: ["CA", "US"],
}
NAME_PARTS = [
    "Nova",
    "Santa",
    "Puerto",
    "Villa",
    "Nueva",
    "Saint",
    "Bel",
    "Mar",
    "Rio",
    "Alta",
    "Kap",
    "Port",
    "Nord",
    "Sud",
    "Vila",
    "Ciudad",
    "Lago",
    "Monte",
    "Campo",
    "Terra",
]
FR_SUMMARY = "[Données synthétiques] Membre de la campagne depuis {year}."
ES_SUMMARY = "[Datos sintéticos] Miembro de la campaña desde {year}."
EN_SUMMARY = "[Synthetic data] A member of the campaign since {year}, working on {themes}."
AR_SUMMARY = "[بيانات اصطناعية] عضو في الحملة منذ {year}."


def progress(label, done, total, out):
    if done == total or done % max(1, total // 10) == 0:
        out(f"  {label}: {done}/{total}")


def bulk_add_children(parent, pages, out=None, label="pages"):
    """Insert ``pages`` (unsaved specific page instances) as live children of ``parent``."""
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    parent = Page.objects.get(pk=parent.pk)
    now = timezone.now()
    bases = []
    for offset, page in enumerate(pages, start=1):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, parent.numchild + offset)
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page.draft_title = page.title
        page.numchild = 0
        bases.append(
            Page(
                **{
                    f.attname: getattr(page, f.attname)
                    for f in Page._meta.concrete_fields
                    if f.attname != "id"
                }
            )
        )
    Page.objects.bulk_create(bases, batch_size=500)
    for done, (base, page) in enumerate(zip(bases, pages, strict=True), start=1):
        page.pk = page.id = page.page_ptr_id = base.pk
        page.save_base(raw=True, force_insert=True)
        if out:
            progress(label, done, len(pages), out)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    return pages


def synthetic_name(number, rng):
    return f"{rng.choice(NAME_PARTS)} {rng.choice(NAME_PARTS)}-{number:04d} (synthetic)"


@transaction.atomic
def build_members(count, out, seed=2030, start=0):
    """``count`` synthetic members in English; 70% also in French, 50% also in Spanish, 30%
    also in Arabic."""
    rng = random.Random(seed + start)
    default = Locale.get_default()
    locales = {loc.language_code: loc for loc in Locale.objects.all()}
    directories = {d.locale_id: d for d in CityIndexPage.objects.all()}
    waves = list(Wave.objects.filter(locale=default))
    themes = list(Theme.objects.filter(locale=default))
    rights = list(CharterRight.objects.filter(locale=default))
    pillars = list(FrameworkPillar.objects.filter(locale=default))
    english, french, spanish, arabic, links = [], [], [], [], []
    for number in range(start, start + count):
        region = rng.choice(list(REGION_COUNTRIES))
        country = rng.choice(REGION_COUNTRIES[region])
        name = synthetic_name(number, rng)
        wave = rng.choice(waves)
        chosen = (rng.sample(themes, 4), rng.sample(rights, 3), rng.sample(pillars, 1))
        key = uuid.UUID(hashlib.md5(f"bench-member-{number}".encode()).hexdigest())  # noqa: S324
        fields = dict(
            member_key=f"synthetic-{number:04d}",
            country=country,
            region=region,
            wave=wave,
            member_type="government",
            government_type=rng.choice(GovernmentType.values[:3]),
            population_band=rng.choice(PopulationBand.values),
            latitude=round(rng.uniform(-40, 60), 5),
            longitude=round(rng.uniform(-120, 140), 5),
            leader_name="[Synthetic] Leader",
            leader_title="Mayor",
            translation_key=key,
            slug=slugify(name),
        )
        year = wave.year
        english.append(
            CityProfilePage(
                title=name,
                locale=locales["en"],
                summary=EN_SUMMARY.format(
                    year=year, themes=", ".join(t.name.lower() for t in chosen[0])
                ),
                **fields,
            )
        )
        if rng.random() < 0.7:
            french.append(
                CityProfilePage(
                    title=name, locale=locales["fr"], summary=FR_SUMMARY.format(year=year), **fields
                )
            )
        if rng.random() < 0.5:
            spanish.append(
                CityProfilePage(
                    title=name, locale=locales["es"], summary=ES_SUMMARY.format(year=year), **fields
                )
            )
        if rng.random() < 0.3:
            arabic.append(
                CityProfilePage(
                    title=name, locale=locales["ar"], summary=AR_SUMMARY.format(year=year), **fields
                )
            )
        links.append((key, chosen))
    created = []
    for code, pages in (("en", english), ("fr", french), ("es", spanish), ("ar", arabic)):
        if pages:
            directory = directories[locales[code].pk]
            created += bulk_add_children(directory, pages, out, f"members ({code})")
    by_key = {}
    for page in created:
        by_key.setdefault(page.translation_key, []).append(page)
    through = (
        CityProfilePage.themes.through,
        CityProfilePage.charter_rights.through,
        CityProfilePage.framework_pillars.through,
    )
    rows = ([], [], [])
    for key, (page_themes, page_rights, page_pillars) in links:
        for page in by_key[key]:
            rows[0].extend(
                [through[0](cityprofilepage_id=page.pk, theme_id=t.pk) for t in page_themes]
            )
            rows[1].extend(
                through[1](cityprofilepage_id=page.pk, charterright_id=r.pk) for r in page_rights
            )
            rows[2].extend(
                through[2](cityprofilepage_id=page.pk, frameworkpillar_id=p.pk)
                for p in page_pillars
            )
    for model, batch in zip(through, rows, strict=True):
        model.objects.bulk_create(batch, batch_size=2000)
    out(f"  members: {count} built ({len(created)} pages in 4 languages)")
    return created


INITIATIVE_TEXTS = {
    "en": [
        (
            "Affordable housing programme",
            "[Synthetic data] Social housing, renovation and "
            "protection of tenants against evictions in {city}.",
        ),
        (
            "Office against discrimination",
            "[Synthetic data] Residents of {city} report racism "
            "and hate speech and receive legal support.",
        ),
        (
            "Drinking water for every household",
            "[Synthetic data] A minimum supply of drinking "
            "water and public fountains in every district of {city}.",
        ),
        (
            "Participatory budget",
            "[Synthetic data] Residents decide part of the budget of "
            "{city}, assessed for its effect on human rights.",
        ),
        (
            "Care services for older persons",
            "[Synthetic data] Home care, day centres and "
            "public services that support carers in {city}.",
        ),
    ],
    "fr": [
        (
            "Programme de logements abordables",
            "[Données synthétiques] Logements sociaux, "
            "rénovation et protection des locataires contre les expulsions à {city}.",
        ),
        (
            "Bureau contre les discriminations",
            "[Données synthétiques] Les habitants de {city} "
            "signalent le racisme et les discours de haine.",
        ),
        (
            "De l’eau potable pour chaque foyer",
            "[Données synthétiques] Un minimum d’eau potable "
            "et des fontaines publiques dans chaque quartier de {city}.",
        ),
        (
            "Budget participatif",
            "[Données synthétiques] Les habitants décident d’une partie du budget de {city}.",
        ),
        (
            "Services de soins pour les personnes âgées",
            "[Données synthétiques] Aide à domicile et centres de jour à {city}.",
        ),
    ],
    "es": [
        (
            "Programa de viviendas asequibles",
            "[Datos sintéticos] Viviendas sociales y protección frente a los desahucios en {city}.",
        ),
        (
            "Oficina contra la discriminación",
            "[Datos sintéticos] La ciudadanía de {city} "
            "denuncia el racismo y los discursos de odio.",
        ),
        (
            "Agua potable para cada hogar",
            "[Datos sintéticos] Un mínimo de agua potable y "
            "fuentes públicas en cada barrio de {city}.",
        ),
        (
            "Presupuesto participativo",
            "[Datos sintéticos] La ciudadanía decide una parte del presupuesto de {city}.",
        ),
        (
            "Servicios de cuidados para personas mayores",
            "[Datos sintéticos] Atención a domicilio y centros de día en {city}.",
        ),
    ],
    "ar": [
        (
            "برنامج السكن الميسور",
            "[بيانات اصطناعية] سكن اجتماعي وتجديد وحماية المستأجرين من الإخلاء في {city}.",
        ),
        (
            "مكتب مناهضة التمييز",
            "[بيانات اصطناعية] يبلّغ سكان {city} عن العنصرية وخطاب الكراهية ويحصلون على دعم قانوني.",
        ),
        (
            "مياه الشرب لكل أسرة",
            "[بيانات اصطناعية] حد أدنى من مياه الشرب ونوافير عامة في كل حي من أحياء {city}.",
        ),
        (
            "الميزانية التشاركية",
            "[بيانات اصطناعية] يقرر سكان {city} جزءاً من ميزانيتها.",
        ),
        (
            "خدمات رعاية كبار السن",
            "[بيانات اصطناعية] رعاية منزلية ومراكز نهارية في {city}.",
        ),
    ],
}


@transaction.atomic
def build_initiatives(per_member, out, seed=2030):
    """``per_member`` initiatives under every synthetic member, in each of its languages."""
    from initiatives.models import InitiativePage
    from taxonomies.models import RightsHolderGroup, SustainableDevelopmentGoal

    rng = random.Random(seed)
    default = Locale.get_default()
    themes = list(Theme.objects.filter(locale=default))
    rights = list(CharterRight.objects.filter(locale=default))
    pillars = list(FrameworkPillar.objects.filter(locale=default))
    goals = list(SustainableDevelopmentGoal.objects.filter(locale=default))
    groups = list(RightsHolderGroup.objects.filter(locale=default))
    profiles = list(
        CityProfilePage.objects.filter(member_key__startswith="synthetic")
        .exclude(pk__in=InitiativePage.objects.values("city_id"))
        .select_related("locale")
        .order_by("translation_key", "locale_id")
    )
    plans = {}
    created = links = 0
    through = {
        "themes": (InitiativePage.themes.through, "theme_id", themes, 3),
        "charter_rights": (InitiativePage.charter_rights.through, "charterright_id", rights, 2),
        "sdgs": (InitiativePage.sdgs.through, "sustainabledevelopmentgoal_id", goals, 2),
        "rights_holder_groups": (
            InitiativePage.rights_holder_groups.through,
            "rightsholdergroup_id",
            groups,
            2,
        ),
    }
    rows = {name: [] for name in through}
    for done, profile in enumerate(profiles, start=1):
        # Same initiatives (and tags) in every language of a member.
        plan = plans.get(profile.translation_key)
        if plan is None:
            plan = []
            for number in range(per_member):
                start = rng.randint(2015, 2026)
                plan.append(
                    {
                        "text": rng.randrange(len(INITIATIVE_TEXTS["en"])),
                        "number": number,
                        "status": rng.choice(["planned", "ongoing", "ongoing", "completed"]),
                        "start": start,
                        "pillar": rng.choice(pillars),
                        "key": uuid.uuid4(),
                        "tags": {
                            name: rng.sample(pool, size)
                            for name, (_m, _f, pool, size) in through.items()
                        },
                    }
                )
            plans[profile.translation_key] = plan
        language = profile.locale.language_code
        texts = INITIATIVE_TEXTS.get(language, INITIATIVE_TEXTS["en"])
        pages = []
        for item in plan:
            title, summary = texts[item["text"]]
            pages.append(
                InitiativePage(
                    title=f"{title} {item['number'] + 1}",
                    slug=f"initiative-{item['number'] + 1}",
                    summary=summary.format(city=profile.title),
                    status=item["status"],
                    start_year=item["start"],
                    framework_pillar=item["pillar"],
                    city_id=profile.pk,
                    locale_id=profile.locale_id,
                    translation_key=item["key"],
                )
            )
        bulk_add_children(profile, pages)
        for page, item in zip(pages, plan, strict=True):
            for name, (model, field, _pool, _size) in through.items():
                rows[name].extend(
                    model(initiativepage_id=page.pk, **{field: term.pk})
                    for term in item["tags"][name]
                )
        created += len(pages)
        progress("initiative pages", done, len(profiles), out)
    for name, (model, _field, _pool, _size) in through.items():
        model.objects.bulk_create(rows[name], batch_size=5000)
        links += len(rows[name])
    out(f"  initiatives: {created} pages, {links} tag links")
    return created


def grow_data_set(members, initiatives_per_member, out):
    """Grow the database to ``members`` English members with their initiatives, re-index
    search and refresh the planner's statistics; the steps benchmarks/run.py takes."""
    import os

    from django.core.management import call_command
    from django.db import connection

    have = CityProfilePage.objects.filter(locale__language_code="en").count()
    if have < members:
        out(f"==> Building members: {have} → {members}")
        build_members(members - have, out, start=have)
        build_initiatives(initiatives_per_member, out)
    build_stories(members // 2, out)
    out("==> Rebuilding the search index")
    with open(os.devnull, "w") as quiet:
        call_command("rebuild_search_index", stdout=quiet)
    # Bulk loading leaves the planner's statistics stale until autovacuum runs (the search
    # index table is vacuumed by rebuild_search_index itself).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


STORY_TEXTS = {
    "en": ("News from {city}", "What {city} did for human rights this month. [Benchmark text]"),
    "fr": ("Nouvelles de {city}", "Ce que {city} a fait pour les droits humains ce mois-ci."),
}


def build_stories(count, out, seed=2030):
    """``count`` stories in English and French, newest first by date, each about one to three
    synthetic members and one or two themes, the way the communications team links them."""
    import datetime

    from stories.models import StoryIndexPage, StoryMember, StoryPage

    rng = random.Random(seed)
    default = Locale.get_default()
    indexes = {
        index.locale.language_code: index
        for index in StoryIndexPage.objects.select_related("locale")
        if index.locale.language_code in STORY_TEXTS
    }
    have = StoryPage.objects.filter(locale=default, slug__startswith="benchmark-").count()
    if have >= count or "en" not in indexes:
        return 0
    themes = list(Theme.objects.filter(locale=default))
    members = list(
        CityProfilePage.objects.filter(locale=default, member_key__startswith="synthetic")
    )
    today = datetime.date.today()
    plans = [
        {
            "key": uuid.uuid4(),
            "number": number,
            "date": today - datetime.timedelta(days=number),
            "members": rng.sample(members, rng.randint(1, 3)),
            "themes": rng.sample(themes, rng.randint(1, 2)),
        }
        for number in range(have, count)
    ]
    created = 0
    for code, index in indexes.items():
        title, standfirst = STORY_TEXTS[code]
        pages = [
            StoryPage(
                title=title.format(city=plan["members"][0].title) + f" ({plan['number']})",
                slug=f"benchmark-{plan['number']}",
                standfirst=standfirst.format(city=plan["members"][0].title),
                date=plan["date"],
                locale_id=index.locale_id,
                translation_key=plan["key"],
            )
            for plan in plans
        ]
        bulk_add_children(index, pages, out, label=f"stories ({code})")
        StoryMember.objects.bulk_create(
            StoryMember(page_id=page.pk, profile_id=member.pk, sort_order=order)
            for page, plan in zip(pages, plans, strict=True)
            for order, member in enumerate(plan["members"])
        )
        StoryPage.themes.through.objects.bulk_create(
            StoryPage.themes.through(storypage_id=page.pk, theme_id=theme.pk)
            for page, plan in zip(pages, plans, strict=True)
            for theme in plan["themes"]
        )
        created += len(pages)
    out(f"  stories: {created} pages")
    return created

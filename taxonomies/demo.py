"""Demo content: the campaign's four waves, in every language."""

import datetime

from wagtail.models import Locale

from .models import Wave

WAVES = [
    {
        "key": "wave-1",
        "number": 1,
        "year": 2022,
        "launch_date": datetime.date(2022, 10, 10),
        "slogan": {
            "en": "The pioneers: 10 cities and territories",
            "fr": "Les pionnières : 10 villes et territoires",
            "es": "Las pioneras: 10 ciudades y territorios",
            "ar": "الروّاد: 10 مدن وأقاليم",
        },
    },
    {
        "key": "wave-2",
        "number": 2,
        "year": 2023,
        "launch_date": datetime.date(2023, 10, 10),
        "slogan": {
            "en": "Towards 100 Human Rights Cities",
            "fr": "Vers 100 villes des droits humains",
            "es": "Hacia 100 ciudades de derechos humanos",
        },
    },
    {
        "key": "wave-3",
        "number": 3,
        "year": 2024,
        "launch_date": datetime.date(2024, 10, 10),
        "slogan": {
            "en": "100 governments united for human rights",
            "fr": "100 gouvernements unis pour les droits humains",
            "es": "100 gobiernos unidos por los derechos humanos",
        },
    },
    {
        "key": "wave-4",
        "number": 4,
        "year": 2025,
        "launch_date": datetime.date(2025, 12, 10),
        "application_deadline": datetime.date(2026, 6, 25),
        "slogan": {
            "en": "Strengthening Local Public Services for Just and Caring Cities",
            "fr": "Renforcer les services publics locaux pour des villes justes et solidaires",
            "es": "Fortalecer los servicios públicos locales para ciudades justas y cuidadoras",
            "ar": "تعزيز الخدمات العامة المحلية من أجل مدن عادلة ومُراعية",
        },
        "description": {
            "en": "The fourth wave invites local and regional governments to join on the way "
            "to the UCLG Congress in Tangier (June 2026).",
            "fr": "La quatrième vague invite les gouvernements locaux et régionaux à rejoindre "
            "la campagne en route vers le Congrès de CGLU à Tanger (juin 2026).",
            "es": "La cuarta ola invita a los gobiernos locales y regionales a sumarse camino "
            "del Congreso de CGLU en Tánger (junio de 2026).",
        },
    },
]


def load(out):
    load_waves(out)
    load_terms(out)
    load_goals_and_groups(out)


def load_waves(out):
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    default = Locale.get_default()
    created = 0
    for data in WAVES:
        source = Wave.objects.filter(key=data["key"], locale=default).first()
        if source is None:
            source = Wave.objects.create(
                locale=default,
                key=data["key"],
                number=data["number"],
                year=data["year"],
                launch_date=data["launch_date"],
                application_deadline=data.get("application_deadline"),
                slogan=data["slogan"]["en"],
                description=data.get("description", {}).get("en", ""),
            )
            created += 1
        for code, slogan in data["slogan"].items():
            locale = locales.get(code)
            if locale is None or locale.pk == default.pk or source.has_translation(locale):
                continue
            translation = source.copy_for_translation(locale)
            translation.slogan = slogan
            translation.description = data.get("description", {}).get(code, "")
            translation.save()
            created += 1
    out(f"waves: {created} created")


# Themes named in the invitation letter (key, English, French, Spanish, Arabic or None).
THEMES = [
    (
        "inclusion-solidarity",
        "Inclusion and solidarity",
        "Inclusion et solidarité",
        "Inclusión y solidaridad",
        "الإدماج والتضامن",
        "blue",
    ),
    (
        "inequality-discrimination",
        "Inequality and discrimination",
        "Inégalités et discriminations",
        "Desigualdad y discriminación",
        "اللامساواة والتمييز",
        "purple",
    ),
    ("racism", "Racism", "Racisme", "Racismo", "العنصرية", "red"),
    (
        "migrants-rights",
        "Migrants' rights",
        "Droits des personnes migrantes",
        "Derechos de las personas migrantes",
        "حقوق المهاجرين",
        "teal",
    ),
    (
        "violence-against-women",
        "Violence against women",
        "Violences faites aux femmes",
        "Violencia contra las mujeres",
        "العنف ضد المرأة",
        "purple",
    ),
    ("hate-speech", "Hate speech", "Discours de haine", "Discurso de odio", "خطاب الكراهية", "red"),
    ("water", "Water", "Eau", "Agua", "المياه", "blue"),
    ("food", "Food", "Alimentation", "Alimentación", "الغذاء", "green"),
    ("health", "Health", "Santé", "Salud", "الصحة", "green"),
    ("housing", "Housing", "Logement", "Vivienda", "السكن", "orange"),
    (
        "environment-climate",
        "Sustainable environment and climate",
        "Environnement durable et climat",
        "Medio ambiente sostenible y clima",
        "البيئة المستدامة والمناخ",
        "green",
    ),
    ("culture", "Culture", "Culture", "Cultura", "الثقافة", "orange"),
    (
        "peace-security",
        "Peace and security",
        "Paix et sécurité",
        "Paz y seguridad",
        "السلام والأمن",
        "blue",
    ),
    (
        "democratic-participation",
        "Democratic participation",
        "Participation démocratique",
        "Participación democrática",
        "المشاركة الديمقراطية",
        "teal",
    ),
    (
        "rights-education",
        "Education and awareness of rights",
        "Éducation et sensibilisation aux droits",
        "Educación y sensibilización sobre los derechos",
        "التثقيف والتوعية بالحقوق",
        "orange",
    ),
    (
        "transparency-accountability",
        "Transparency and accountability",
        "Transparence et redevabilité",
        "Transparencia y rendición de cuentas",
        "الشفافية والمساءلة",
        "teal",
    ),
    (
        "public-services-care",
        "Local public services and care",
        "Services publics locaux et soins",
        "Servicios públicos locales y cuidados",
        "الخدمات العامة المحلية والرعاية",
        "red",
    ),
]

# The twelve rights of the Global Charter-Agenda for Human Rights in the City (2011).
RIGHTS = [
    ("right-to-the-city", "Right to the city", "Droit à la ville", "Derecho a la ciudad"),
    (
        "participatory-democracy",
        "Participatory democracy",
        "Démocratie participative",
        "Democracia participativa",
    ),
    (
        "civic-peace-safety",
        "Civic peace and safety",
        "Paix civile et sécurité",
        "Paz civil y seguridad",
    ),
    (
        "equality-women-men",
        "Equality of women and men",
        "Égalité entre femmes et hommes",
        "Igualdad entre mujeres y hombres",
    ),
    ("rights-of-children", "Rights of children", "Droits des enfants", "Derechos de la infancia"),
    (
        "accessible-public-services",
        "Accessible public services",
        "Services publics accessibles",
        "Servicios públicos accesibles",
    ),
    (
        "freedom-conscience-information",
        "Freedom of conscience and religion, opinion and information",
        "Liberté de conscience et de religion, d’opinion et d’information",
        "Libertad de conciencia y religión, opinión e información",
    ),
    (
        "meeting-association-unions",
        "Peaceful meeting, association and trade unions",
        "Réunion pacifique, association et syndicats",
        "Reunión pacífica, asociación y sindicatos",
    ),
    ("cultural-rights", "Cultural rights", "Droits culturels", "Derechos culturales"),
    ("housing-domicile", "Housing and domicile", "Logement et domicile", "Vivienda y domicilio"),
    (
        "water-food",
        "Clean water and food",
        "Eau potable et alimentation",
        "Agua potable y alimentación",
    ),
    (
        "sustainable-urban-development",
        "Sustainable urban development",
        "Développement urbain durable",
        "Desarrollo urbano sostenible",
    ),
]

# The three pillars of the OHCHR–UCLG Guidance Framework for Building a Human Rights City (2025).
PILLARS = [
    (
        "political-legal-foundations",
        "Political and legal foundations",
        "Fondements politiques et juridiques",
        "Fundamentos políticos y jurídicos",
    ),
    (
        "institutional-structures",
        "Institutional structures",
        "Structures institutionnelles",
        "Estructuras institucionales",
    ),
    ("operational-tools", "Operational tools", "Outils opérationnels", "Herramientas operativas"),
]


# Arabic names of the vocabularies above and below (the UN's own Arabic for the SDGs).
ARABIC_NAMES = {
    # Charter-Agenda rights
    "right-to-the-city": "الحق في المدينة",
    "participatory-democracy": "الديمقراطية التشاركية",
    "civic-peace-safety": "السلم المدني والأمان",
    "equality-women-men": "المساواة بين النساء والرجال",
    "rights-of-children": "حقوق الأطفال",
    "accessible-public-services": "الخدمات العامة الميسّرة",
    "freedom-conscience-information": "حرية الضمير والدين والرأي والمعلومات",
    "meeting-association-unions": "حرية الاجتماع السلمي وتكوين الجمعيات والنقابات",
    "cultural-rights": "الحقوق الثقافية",
    "housing-domicile": "السكن والمسكن",
    "water-food": "المياه النظيفة والغذاء",
    "sustainable-urban-development": "التنمية الحضرية المستدامة",
    # Guidance Framework pillars
    "political-legal-foundations": "الأسس السياسية والقانونية",
    "institutional-structures": "الهياكل المؤسسية",
    "operational-tools": "الأدوات التشغيلية",
    # Sustainable Development Goals
    "no-poverty": "القضاء على الفقر",
    "zero-hunger": "القضاء التام على الجوع",
    "good-health": "الصحة الجيدة والرفاه",
    "quality-education": "التعليم الجيد",
    "gender-equality": "المساواة بين الجنسين",
    "clean-water": "المياه النظيفة والنظافة الصحية",
    "clean-energy": "طاقة نظيفة وبأسعار معقولة",
    "decent-work": "العمل اللائق ونمو الاقتصاد",
    "industry-innovation": "الصناعة والابتكار والهياكل الأساسية",
    "reduced-inequalities": "الحد من أوجه عدم المساواة",
    "sustainable-cities": "مدن ومجتمعات محلية مستدامة",
    "responsible-consumption": "الاستهلاك والإنتاج المسؤولان",
    "climate-action": "العمل المناخي",
    "life-below-water": "الحياة تحت الماء",
    "life-on-land": "الحياة في البر",
    "peace-justice": "السلام والعدل والمؤسسات القوية",
    "partnerships": "عقد الشراكات لتحقيق الأهداف",
    # Rights-holder groups
    "women-girls": "النساء والفتيات",
    "children-youth": "الأطفال والشباب",
    "migrants-refugees": "المهاجرون واللاجئون",
    "persons-with-disabilities": "الأشخاص ذوو الإعاقة",
    "older-persons": "كبار السن",
    "lgbti": "أفراد مجتمع الميم",
    "indigenous-peoples": "الشعوب الأصلية",
    "minorities": "الأقليات",
    "human-rights-defenders": "المدافعون عن حقوق الإنسان",
    "homelessness-poverty": "الأشخاص الذين يعانون من التشرد أو الفقر",
}


def _ensure_term(model, default, locales, key, names, **fields):
    created = 0
    source = model.objects.filter(key=key, locale=default).first()
    if source is None:
        source = model.objects.create(locale=default, key=key, name=names["en"], **fields)
        created += 1
    for code, name in names.items():
        locale = locales.get(code)
        if not name or locale is None or locale.pk == default.pk or source.has_translation(locale):
            continue
        translation = source.copy_for_translation(locale)
        translation.name = name
        translation.save()
        created += 1
    return created


def load_terms(out):
    from .models import CharterRight, FrameworkPillar, Theme

    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    default = Locale.get_default()
    created = 0
    for key, en, fr, es, ar, colour in THEMES:
        names = {"en": en, "fr": fr, "es": es, "ar": ar}
        created += _ensure_term(Theme, default, locales, key, names, colour=colour)
    out(f"themes: {created} created")
    created = 0
    for number, (key, en, fr, es) in enumerate(RIGHTS, start=1):
        names = {"en": en, "fr": fr, "es": es, "ar": ARABIC_NAMES[key]}
        created += _ensure_term(CharterRight, default, locales, key, names, number=number)
    out(f"Charter-Agenda rights: {created} created")
    created = 0
    for number, (key, en, fr, es) in enumerate(PILLARS, start=1):
        names = {"en": en, "fr": fr, "es": es, "ar": ARABIC_NAMES[key]}
        created += _ensure_term(FrameworkPillar, default, locales, key, names, number=number)
    out(f"Guidance Framework pillars: {created} created")


SDGS = [
    ("no-poverty", "No poverty", "Pas de pauvreté", "Fin de la pobreza"),
    ("zero-hunger", "Zero hunger", "Faim « zéro »", "Hambre cero"),
    ("good-health", "Good health and well-being", "Bonne santé et bien-être", "Salud y bienestar"),
    ("quality-education", "Quality education", "Éducation de qualité", "Educación de calidad"),
    ("gender-equality", "Gender equality", "Égalité entre les sexes", "Igualdad de género"),
    (
        "clean-water",
        "Clean water and sanitation",
        "Eau propre et assainissement",
        "Agua limpia y saneamiento",
    ),
    (
        "clean-energy",
        "Affordable and clean energy",
        "Énergie propre et d’un coût abordable",
        "Energía asequible y no contaminante",
    ),
    (
        "decent-work",
        "Decent work and economic growth",
        "Travail décent et croissance économique",
        "Trabajo decente y crecimiento económico",
    ),
    (
        "industry-innovation",
        "Industry, innovation and infrastructure",
        "Industrie, innovation et infrastructure",
        "Industria, innovación e infraestructura",
    ),
    (
        "reduced-inequalities",
        "Reduced inequalities",
        "Inégalités réduites",
        "Reducción de las desigualdades",
    ),
    (
        "sustainable-cities",
        "Sustainable cities and communities",
        "Villes et communautés durables",
        "Ciudades y comunidades sostenibles",
    ),
    (
        "responsible-consumption",
        "Responsible consumption and production",
        "Consommation et production responsables",
        "Producción y consumo responsables",
    ),
    (
        "climate-action",
        "Climate action",
        "Mesures relatives à la lutte contre les changements climatiques",
        "Acción por el clima",
    ),
    ("life-below-water", "Life below water", "Vie aquatique", "Vida submarina"),
    ("life-on-land", "Life on land", "Vie terrestre", "Vida de ecosistemas terrestres"),
    (
        "peace-justice",
        "Peace, justice and strong institutions",
        "Paix, justice et institutions efficaces",
        "Paz, justicia e instituciones sólidas",
    ),
    (
        "partnerships",
        "Partnerships for the goals",
        "Partenariats pour la réalisation des objectifs",
        "Alianzas para lograr los objetivos",
    ),
]

RIGHTS_HOLDER_GROUPS = [
    ("women-girls", "Women and girls", "Femmes et filles", "Mujeres y niñas"),
    ("children-youth", "Children and youth", "Enfants et jeunes", "Infancia y juventud"),
    (
        "migrants-refugees",
        "Migrants and refugees",
        "Personnes migrantes et réfugiées",
        "Personas migrantes y refugiadas",
    ),
    (
        "persons-with-disabilities",
        "Persons with disabilities",
        "Personnes handicapées",
        "Personas con discapacidad",
    ),
    ("older-persons", "Older persons", "Personnes âgées", "Personas mayores"),
    ("lgbti", "LGBTI people", "Personnes LGBTI", "Personas LGBTI"),
    ("indigenous-peoples", "Indigenous peoples", "Peuples autochtones", "Pueblos indígenas"),
    ("minorities", "Minorities", "Minorités", "Minorías"),
    (
        "human-rights-defenders",
        "Human rights defenders",
        "Défenseurs et défenseuses des droits humains",
        "Personas defensoras de derechos humanos",
    ),
    (
        "homelessness-poverty",
        "People experiencing homelessness or poverty",
        "Personnes sans abri ou en situation de pauvreté",
        "Personas sin hogar o en situación de pobreza",
    ),
]


def load_goals_and_groups(out):
    from .models import RightsHolderGroup, SustainableDevelopmentGoal

    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    default = Locale.get_default()
    created = 0
    for number, (key, en, fr, es) in enumerate(SDGS, start=1):
        names = {"en": en, "fr": fr, "es": es, "ar": ARABIC_NAMES[key]}
        created += _ensure_term(
            SustainableDevelopmentGoal, default, locales, key, names, number=number
        )
    out(f"Sustainable Development Goals: {created} created")
    created = 0
    for key, en, fr, es in RIGHTS_HOLDER_GROUPS:
        created += _ensure_term(
            RightsHolderGroup,
            default,
            locales,
            key,
            {"en": en, "fr": fr, "es": es, "ar": ARABIC_NAMES[key]},
        )
    out(f"rights-holder groups: {created} created")

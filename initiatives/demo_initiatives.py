"""The demo's initiatives: two or three per member, each with its own title and text,
tagged with the themes, Charter-Agenda rights, Framework pillar, SDGs and rights-holder
groups its text is about.

Each initiative is translated into the languages of its member's profile
(cityprofiles/demo_members.py) unless ``languages`` says fewer: a few are left
untranslated on purpose, so that a profile lists an initiative shown in its source
language. Titles are unique across the demo (tests/test_demo_loader.py checks it).
"""


def initiative(slug, tags, en, *, status="ongoing", start=None, end=None, languages=None, **texts):
    themes, rights, pillar, sdgs, groups = tags
    return {
        "slug": slug,
        "themes": themes.split(),
        "rights": rights.split(),
        "pillar": pillar,
        "sdgs": sdgs.split(),
        "groups": groups.split(),
        "status": status,
        "start": start,
        "end": end,
        "languages": languages,
        "en": en,
        **texts,
    }


INITIATIVES = {
    "Barcelona": [
        # Its title and slug are relied on by tests/browser/test_new_page_autosave.py.
        initiative(
            "water-for-all",
            (
                "water public-services-care",
                "water-food accessible-public-services",
                "operational-tools",
                "clean-water no-poverty",
                "homelessness-poverty children-youth",
            ),
            (
                "Water for all households",
                "No household in vulnerable circumstances has its water supply cut off: the "
                "city and its water utility cover the bills of families who cannot pay.",
            ),
            start=2016,
            fr=(
                "De l’eau pour tous les foyers",
                "Aucun foyer en situation de vulnérabilité ne voit son eau coupée : la ville et "
                "son service des eaux prennent en charge les factures des familles qui ne "
                "peuvent pas payer.",
            ),
            es=(
                "Agua para todos los hogares",
                "Ningún hogar en situación vulnerable sufre cortes de agua: la ciudad y su "
                "empresa de aguas cubren las facturas de las familias que no pueden pagar.",
            ),
        ),
        initiative(
            "office-for-non-discrimination",
            (
                "racism inequality-discrimination hate-speech",
                "civic-peace-safety freedom-conscience-information",
                "institutional-structures",
                "reduced-inequalities peace-justice",
                "minorities migrants-refugees lgbti",
            ),
            (
                "Office for Non-Discrimination",
                "A municipal office where anyone can report discrimination or hate speech and "
                "receive free legal and psychological support.",
            ),
            start=1998,
            fr=(
                "Bureau pour la non-discrimination",
                "Un bureau municipal où chacun peut signaler une discrimination ou un discours "
                "de haine et recevoir un soutien juridique et psychologique gratuit.",
            ),
            es=(
                "Oficina para la No Discriminación",
                "Una oficina municipal donde cualquier persona puede denunciar una "
                "discriminación o un discurso de odio y recibir apoyo jurídico y psicológico "
                "gratuito.",
            ),
        ),
        initiative(
            "right-to-housing-plan",
            (
                "housing inequality-discrimination",
                "housing-domicile right-to-the-city",
                "political-legal-foundations",
                "sustainable-cities no-poverty",
                "homelessness-poverty",
            ),
            (
                "A ten-year plan for the right to housing",
                "More public rental homes, mediation against evictions and fines for flats "
                "kept empty, planned over ten years.",
            ),
            status="completed",
            start=2016,
            end=2025,
            fr=(
                "Un plan décennal pour le droit au logement",
                "Plus de logements publics à louer, une médiation contre les expulsions et des "
                "amendes pour les logements laissés vides, sur dix ans.",
            ),
            es=(
                "Un plan decenal por el derecho a la vivienda",
                "Más vivienda pública de alquiler, mediación contra los desahucios y multas "
                "por los pisos vacíos, planificados a diez años.",
            ),
        ),
    ],
    "Grigny": [
        # The testimony story (stories/demo.py) is about this initiative.
        initiative(
            "grigny-2-renewal",
            (
                "housing democratic-participation",
                "housing-domicile participatory-democracy",
                "operational-tools",
                "sustainable-cities",
                "homelessness-poverty children-youth",
            ),
            (
                "Renewing the Grigny 2 estate with its residents",
                "The town, the state and the co-owners renovate one of Europe's largest "
                "condominiums, flat by flat, with a residents' council at every step.",
            ),
            start=2016,
            fr=(
                "Rénover la copropriété Grigny 2 avec ses habitants",
                "La ville, l’État et les copropriétaires rénovent l’une des plus grandes "
                "copropriétés d’Europe, logement par logement, avec un conseil d’habitants à "
                "chaque étape.",
            ),
            es=(
                "Renovar el conjunto Grigny 2 con sus habitantes",
                "La ciudad, el Estado y los copropietarios renuevan uno de los mayores "
                "condominios de Europa, vivienda por vivienda, con un consejo vecinal en cada "
                "etapa.",
            ),
        ),
        initiative(
            "educational-city",
            (
                "rights-education inclusion-solidarity",
                "rights-of-children",
                "institutional-structures",
                "quality-education",
                "children-youth",
            ),
            (
                "An educational city for every child",
                "Schools, youth workers, families and associations share one plan so that no "
                "child in Grigny leaves school without a path.",
            ),
            start=2019,
            languages=("fr",),
            fr=(
                "Une cité éducative pour chaque enfant",
                "Écoles, animateurs, familles et associations partagent un même plan pour "
                "qu’aucun enfant de Grigny ne quitte l’école sans perspective.",
            ),
        ),
    ],
    "Gwangju": [
        initiative(
            "world-human-rights-cities-forum",
            (
                "rights-education democratic-participation",
                "participatory-democracy freedom-conscience-information",
                "operational-tools",
                "partnerships peace-justice",
                "human-rights-defenders",
            ),
            (
                "The World Human Rights Cities Forum",
                "Every year Gwangju brings together mayors, civil society and United Nations "
                "experts to compare how cities put human rights into practice.",
            ),
            start=2011,
            fr=(
                "Le Forum mondial des villes des droits humains",
                "Chaque année, Gwangju réunit des maires, la société civile et des experts des "
                "Nations unies pour comparer la mise en œuvre des droits humains dans les "
                "villes.",
            ),
            es=(
                "El Foro Mundial de Ciudades de Derechos Humanos",
                "Cada año Gwangju reúne a alcaldes, sociedad civil y personas expertas de "
                "Naciones Unidas para comparar cómo las ciudades aplican los derechos humanos.",
            ),
        ),
        initiative(
            "human-rights-ombudsperson",
            (
                "transparency-accountability",
                "civic-peace-safety",
                "institutional-structures",
                "peace-justice",
                "minorities persons-with-disabilities",
            ),
            (
                "A human rights ombudsperson for residents",
                "An independent ombudsperson investigates residents' complaints about the "
                "city's own services and publishes recommendations.",
            ),
            start=2013,
            fr=(
                "Un médiateur des droits humains pour les habitants",
                "Un médiateur indépendant instruit les plaintes des habitants contre les "
                "services de la ville et publie ses recommandations.",
            ),
            es=(
                "Una defensoría de derechos humanos para la ciudadanía",
                "Una defensoría independiente investiga las quejas de la ciudadanía sobre los "
                "servicios de la ciudad y publica sus recomendaciones.",
            ),
        ),
    ],
    "Mexico City": [
        initiative(
            "utopias-community-centres",
            (
                "culture inclusion-solidarity public-services-care",
                "cultural-rights accessible-public-services",
                "operational-tools",
                "reduced-inequalities good-health",
                "children-youth women-girls",
            ),
            (
                "Utopías: community centres for the east of the city",
                "Free pools, sports grounds, workshops and care services built in the "
                "districts with the fewest public facilities.",
            ),
            start=2019,
            fr=(
                "Utopías : des centres communautaires pour l’est de la ville",
                "Piscines, terrains de sport, ateliers et services de soins gratuits, "
                "construits dans les quartiers les moins équipés.",
            ),
            es=(
                "Utopías: centros comunitarios para el oriente de la ciudad",
                "Albercas, canchas, talleres y servicios de cuidado gratuitos, construidos en "
                "las zonas con menos equipamientos públicos.",
            ),
        ),
        initiative(
            "public-care-system",
            (
                "public-services-care inequality-discrimination",
                "equality-women-men accessible-public-services",
                "political-legal-foundations",
                "gender-equality decent-work",
                "women-girls older-persons persons-with-disabilities",
            ),
            (
                "A public care system",
                "Care for children, older people and people with disabilities becomes a public "
                "service, so that unpaid care no longer falls on women alone.",
            ),
            status="planned",
            start=2025,
            fr=(
                "Un système public de soins",
                "La prise en charge des enfants, des personnes âgées et handicapées devient un "
                "service public, pour que le soin non rémunéré ne repose plus sur les seules "
                "femmes.",
            ),
            es=(
                "Un sistema público de cuidados",
                "El cuidado de la infancia, las personas mayores y con discapacidad se vuelve "
                "un servicio público, para que el trabajo de cuidados no recaiga solo en las "
                "mujeres.",
            ),
        ),
        initiative(
            "safe-streets-for-women",
            (
                "violence-against-women",
                "equality-women-men civic-peace-safety",
                "operational-tools",
                "gender-equality sustainable-cities",
                "women-girls",
            ),
            (
                "Safe streets for women and girls",
                "Lighting, safe paths to school and transport, and trained staff at stations, "
                "designed from women's walks through their own neighbourhoods.",
            ),
            start=2020,
            languages=("es",),
            es=(
                "Calles seguras para mujeres y niñas",
                "Alumbrado, senderos seguros a la escuela y al transporte y personal formado en "
                "las estaciones, diseñados a partir de recorridos de mujeres por sus barrios.",
            ),
        ),
    ],
    "Utrecht": [
        initiative(
            "bed-bath-bread",
            (
                "migrants-rights public-services-care",
                "accessible-public-services housing-domicile",
                "operational-tools",
                "reduced-inequalities",
                "migrants-refugees homelessness-poverty",
            ),
            (
                "Bed, bath and bread for people without papers",
                "Shelter, meals and legal advice for undocumented migrants, whatever the stage "
                "of their asylum procedure.",
            ),
            start=2015,
            fr=(
                "Un lit, une douche et du pain pour les personnes sans papiers",
                "Hébergement, repas et conseil juridique pour les migrants sans papiers, quel "
                "que soit l’état de leur demande d’asile.",
            ),
            es=(
                "Cama, ducha y pan para las personas sin papeles",
                "Alojamiento, comidas y asesoría jurídica para personas migrantes sin papeles, "
                "sea cual sea la fase de su solicitud de asilo.",
            ),
        ),
        initiative(
            "local-human-rights-monitor",
            (
                "transparency-accountability",
                "participatory-democracy",
                "institutional-structures",
                "peace-justice",
                "human-rights-defenders",
            ),
            (
                "A local human rights monitor",
                "Each year the city reports, with a university and residents' groups, on how "
                "its policies meet the treaties the Netherlands has signed.",
            ),
            start=2012,
            fr=(
                "Un observatoire local des droits humains",
                "Chaque année, la ville rend compte, avec une université et des associations, "
                "du respect par ses politiques des traités signés par les Pays-Bas.",
            ),
            es=(
                "Un observatorio local de derechos humanos",
                "Cada año la ciudad informa, con una universidad y grupos vecinales, de cómo "
                "sus políticas cumplen los tratados firmados por los Países Bajos.",
            ),
        ),
    ],
    "Vienna": [
        initiative(
            "new-municipal-housing",
            (
                "housing public-services-care",
                "housing-domicile right-to-the-city",
                "operational-tools",
                "sustainable-cities reduced-inequalities",
                "homelessness-poverty older-persons",
            ),
            (
                "New municipal housing for a mixed city",
                "The city builds new council flats again, with no deposit and rents capped, in "
                "every district so that rich and poor keep living side by side.",
            ),
            start=2015,
            fr=(
                "De nouveaux logements municipaux pour une ville mixte",
                "La ville construit à nouveau des logements municipaux, sans caution et à "
                "loyer plafonné, dans chaque arrondissement, pour que riches et pauvres "
                "continuent de vivre côte à côte.",
            ),
            es=(
                "Nueva vivienda municipal para una ciudad mixta",
                "La ciudad vuelve a construir vivienda municipal, sin fianza y con alquiler "
                "limitado, en cada distrito, para que ricos y pobres sigan viviendo juntos.",
            ),
        ),
        initiative(
            "human-rights-office",
            (
                "transparency-accountability inequality-discrimination",
                "participatory-democracy civic-peace-safety",
                "institutional-structures",
                "peace-justice",
                "minorities lgbti",
            ),
            (
                "Vienna's Human Rights Office",
                "A city office that advises departments, trains staff and helps residents whose "
                "rights a service has not respected.",
            ),
            start=2015,
            languages=("fr",),
            fr=(
                "Le Bureau des droits humains de Vienne",
                "Un service de la ville qui conseille les administrations, forme les agents et "
                "aide les habitants dont un service n’a pas respecté les droits.",
            ),
        ),
    ],
    "Rouen": [
        initiative(
            "access-to-rights-desks",
            (
                "public-services-care inequality-discrimination",
                "accessible-public-services",
                "operational-tools",
                "reduced-inequalities no-poverty",
                "homelessness-poverty older-persons",
            ),
            (
                "Access-to-rights desks in every neighbourhood",
                "Staff in each neighbourhood help residents claim the benefits and services "
                "they are entitled to but often do not ask for.",
            ),
            start=2022,
            fr=(
                "Des points d’accès aux droits dans chaque quartier",
                "Dans chaque quartier, des agents aident les habitants à obtenir les aides et "
                "services auxquels ils ont droit mais qu’ils ne demandent souvent pas.",
            ),
        ),
        initiative(
            "fair-climate-transition",
            (
                "environment-climate inequality-discrimination",
                "sustainable-urban-development",
                "political-legal-foundations",
                "climate-action sustainable-cities",
                "homelessness-poverty",
            ),
            (
                "A fair transition: climate action that spares the poorest",
                "Insulation grants, cheaper public transport and shaded streets are given "
                "first to the households with the lowest incomes.",
            ),
            start=2021,
            fr=(
                "Une transition juste : l’action climatique qui épargne les plus modestes",
                "Aides à l’isolation, transports publics moins chers et rues ombragées vont "
                "d’abord aux ménages aux revenus les plus faibles.",
            ),
        ),
    ],
    "Malakoff": [
        initiative(
            "welcoming-exiled-people",
            (
                "migrants-rights inclusion-solidarity",
                "right-to-the-city",
                "operational-tools",
                "reduced-inequalities",
                "migrants-refugees",
            ),
            (
                "Welcoming exiled people",
                "French classes, help with paperwork and host families for refugees who settle "
                "in the town.",
            ),
            start=2018,
            fr=(
                "Accueillir les personnes exilées",
                "Cours de français, aide aux démarches et familles d’accueil pour les réfugiés "
                "qui s’installent dans la ville.",
            ),
        ),
        initiative(
            "ageing-well-against-isolation",
            (
                "public-services-care health",
                "accessible-public-services",
                "operational-tools",
                "good-health",
                "older-persons",
            ),
            (
                "Ageing well: no older resident left alone",
                "Volunteers and municipal staff call and visit older residents who live "
                "alone, above all during heatwaves.",
            ),
            start=2020,
            fr=(
                "Bien vieillir : aucun aîné laissé seul",
                "Bénévoles et agents municipaux appellent et visitent les aînés qui vivent "
                "seuls, surtout pendant les canicules.",
            ),
        ),
    ],
    "Montevideo": [
        initiative(
            "participatory-budgeting",
            (
                "democratic-participation transparency-accountability",
                "participatory-democracy",
                "operational-tools",
                "peace-justice partnerships",
                "children-youth",
            ),
            (
                "Participatory budgeting in every municipality",
                "Residents propose and vote on neighbourhood works; the winning projects are "
                "built and their progress is published.",
            ),
            start=2005,
            es=(
                "Presupuesto participativo en cada municipio",
                "Los vecinos proponen y votan obras para su barrio; los proyectos ganadores se "
                "construyen y su avance se publica.",
            ),
        ),
        initiative(
            "gender-equality-plan",
            (
                "violence-against-women inequality-discrimination",
                "equality-women-men",
                "political-legal-foundations",
                "gender-equality",
                "women-girls lgbti",
            ),
            (
                "A gender-equality plan for the city",
                "Every municipal department commits to measurable goals for equality between "
                "women and men and against gender-based violence.",
            ),
            start=2021,
            es=(
                "Un plan de igualdad de género para la ciudad",
                "Cada departamento municipal asume metas medibles de igualdad entre mujeres y "
                "hombres y contra la violencia de género.",
            ),
        ),
    ],
    "Irbid": [
        initiative(
            "shared-services-refugees-hosts",
            (
                "migrants-rights public-services-care inclusion-solidarity",
                "accessible-public-services",
                "operational-tools",
                "reduced-inequalities sustainable-cities",
                "migrants-refugees children-youth",
            ),
            (
                "Shared services for refugees and host communities",
                "Waste collection, street lighting and community centres planned for the "
                "neighbourhoods where refugee and Jordanian families live together.",
            ),
            start=2017,
            ar=(
                "خدمات مشتركة للاجئين والمجتمعات المضيفة",
                "جمع النفايات وإنارة الشوارع ومراكز مجتمعية مخطّطة للأحياء التي تعيش فيها "
                "العائلات اللاجئة والأردنية معًا.",
            ),
        ),
        initiative(
            "safe-public-spaces-for-families",
            (
                "peace-security inclusion-solidarity",
                "right-to-the-city civic-peace-safety",
                "operational-tools",
                "sustainable-cities",
                "women-girls children-youth",
            ),
            (
                "Parks and safe public spaces for families",
                "New parks and lit walkways, designed with women and children, so that every "
                "family can enjoy the city's public space.",
            ),
            status="planned",
            start=2026,
            ar=(
                "حدائق وأماكن عامة آمنة للعائلات",
                "حدائق جديدة وممرات مضاءة، صُمّمت مع النساء والأطفال، ليتمكّن كل العائلات من "
                "الاستمتاع بالفضاء العام في المدينة.",
            ),
        ),
        initiative(
            "saving-water-dry-region",
            (
                "water environment-climate",
                "water-food sustainable-urban-development",
                "operational-tools",
                "clean-water climate-action",
                "homelessness-poverty",
            ),
            (
                "Saving water in a dry region",
                "Leak repairs, rainwater harvesting in public buildings and advice to "
                "households, in one of the most water-scarce countries in the world.",
            ),
            status="completed",
            start=2019,
            end=2023,
            ar=(
                "توفير المياه في منطقة جافة",
                "إصلاح التسرّبات وحصاد مياه الأمطار في المباني العامة وإرشاد الأسر، في واحد من "
                "أكثر بلدان العالم شحًّا في المياه.",
            ),
        ),
    ],
    "Cochabamba": [
        initiative(
            "community-water-committees",
            (
                "water democratic-participation",
                "water-food participatory-democracy",
                "operational-tools",
                "clean-water",
                "indigenous-peoples homelessness-poverty",
            ),
            (
                "Working with community water committees",
                "The municipality supports the committees that run water systems in the "
                "districts the public network does not yet reach.",
            ),
            start=2018,
            es=(
                "Trabajar con los comités comunitarios de agua",
                "El municipio apoya a los comités que gestionan sistemas de agua en los "
                "distritos a los que aún no llega la red pública.",
            ),
        ),
        initiative(
            "intercultural-health-posts",
            (
                "health culture",
                "accessible-public-services cultural-rights",
                "institutional-structures",
                "good-health",
                "indigenous-peoples women-girls",
            ),
            (
                "Intercultural health posts",
                "Health posts where staff speak Quechua and work alongside traditional "
                "midwives and healers.",
            ),
            status="planned",
            start=2026,
            es=(
                "Puestos de salud interculturales",
                "Puestos de salud cuyo personal habla quechua y trabaja junto a parteras y "
                "médicos tradicionales.",
            ),
        ),
    ],
    "Villa Carlos Paz": [
        initiative(
            "protecting-lake-san-roque",
            (
                "environment-climate water",
                "sustainable-urban-development water-food",
                "political-legal-foundations",
                "clean-water life-below-water",
                "children-youth",
            ),
            (
                "Protecting Lake San Roque",
                "Sewage connections, shoreline clean-ups and school programmes to keep the "
                "lake that gives the town its water and its visitors.",
            ),
            start=2020,
            es=(
                "Proteger el lago San Roque",
                "Conexiones cloacales, limpieza de costas y programas escolares para cuidar el "
                "lago que da a la ciudad su agua y sus visitantes.",
            ),
        ),
        initiative(
            "accessible-tourism",
            (
                "inclusion-solidarity culture",
                "cultural-rights accessible-public-services",
                "operational-tools",
                "decent-work reduced-inequalities",
                "persons-with-disabilities older-persons",
            ),
            (
                "Accessible tourism for everyone",
                "Ramps, adapted beaches and trained guides so that visitors and residents with "
                "disabilities enjoy the town's festivals and nature.",
            ),
            start=2022,
            es=(
                "Turismo accesible para todas las personas",
                "Rampas, playas adaptadas y guías formados para que visitantes y vecinos con "
                "discapacidad disfruten de las fiestas y la naturaleza de la ciudad.",
            ),
        ),
    ],
    "Rivas-Vaciamadrid": [
        initiative(
            "free-of-gender-violence",
            (
                "violence-against-women",
                "equality-women-men",
                "institutional-structures",
                "gender-equality",
                "women-girls",
            ),
            (
                "A town free of gender-based violence",
                "A 24-hour support service, prevention in every school and a local "
                "protocol shared by police, health and social services.",
            ),
            start=2017,
            es=(
                "Una ciudad libre de violencias machistas",
                "Un servicio de atención las 24 horas, prevención en cada centro educativo y "
                "un protocolo local compartido por policía, salud y servicios sociales.",
            ),
        ),
        initiative(
            "climate-emergency-plan",
            (
                "environment-climate democratic-participation",
                "sustainable-urban-development participatory-democracy",
                "political-legal-foundations",
                "climate-action clean-energy",
                "children-youth",
            ),
            (
                "A climate emergency plan drawn up with residents",
                "A citizens' assembly chose the measures: solar roofs on public buildings, "
                "more trees and safer routes by bicycle.",
            ),
            start=2020,
            es=(
                "Un plan de emergencia climática hecho con la ciudadanía",
                "Una asamblea ciudadana eligió las medidas: tejados solares en edificios "
                "públicos, más árboles y rutas más seguras en bicicleta.",
            ),
        ),
    ],
    "Ames": [
        initiative(
            "home-care-every-parish",
            (
                "public-services-care health",
                "accessible-public-services",
                "operational-tools",
                "good-health",
                "older-persons persons-with-disabilities",
            ),
            (
                "Home care in every parish",
                "Carers visit older and dependent people in the rural parishes as well as in "
                "the town, so that they can stay at home.",
            ),
            start=2019,
            es=(
                "Ayuda a domicilio en cada parroquia",
                "Personal de cuidados visita a personas mayores y dependientes en las "
                "parroquias rurales y en el núcleo urbano, para que puedan seguir en casa.",
            ),
        ),
        initiative(
            "public-nurseries",
            (
                "public-services-care rights-education",
                "rights-of-children equality-women-men",
                "operational-tools",
                "quality-education gender-equality",
                "children-youth women-girls",
            ),
            (
                "Public nurseries for working families",
                "New public nursery places with fees based on income, so that parents, and "
                "above all mothers, can keep their jobs.",
            ),
            status="completed",
            start=2018,
            end=2022,
            es=(
                "Escuelas infantiles públicas para familias trabajadoras",
                "Nuevas plazas públicas de escuela infantil con cuotas según la renta, para que "
                "madres y padres puedan mantener su empleo.",
            ),
        ),
    ],
    "Sant Pere de Ribes": [
        initiative(
            "local-plan-peace-coexistence",
            (
                "peace-security hate-speech",
                "civic-peace-safety",
                "political-legal-foundations",
                "peace-justice",
                "minorities children-youth",
            ),
            (
                "A local plan for peace and coexistence",
                "Mediation between neighbours, workshops against hate speech in schools and "
                "support for peace projects abroad.",
            ),
            start=2023,
            es=(
                "Un plan local de paz y convivencia",
                "Mediación vecinal, talleres contra el discurso de odio en las escuelas y apoyo "
                "a proyectos de paz en el exterior.",
            ),
        ),
        initiative(
            "food-support-with-dignity",
            (
                "food inclusion-solidarity",
                "water-food",
                "operational-tools",
                "zero-hunger no-poverty",
                "homelessness-poverty",
            ),
            (
                "Food support with dignity",
                "A card to shop for fresh food in local stores replaces queues for food parcels.",
            ),
            start=2021,
            es=(
                "Ayuda alimentaria con dignidad",
                "Una tarjeta para comprar alimentos frescos en las tiendas del municipio "
                "sustituye las colas para recoger lotes de comida.",
            ),
        ),
    ],
    "Diputació de Barcelona": [
        initiative(
            "support-municipal-human-rights-offices",
            (
                "transparency-accountability rights-education",
                "participatory-democracy",
                "institutional-structures",
                "peace-justice partnerships",
                "human-rights-defenders",
            ),
            (
                "Support for municipal human rights offices",
                "Technical advice, training and shared tools for the municipalities of the "
                "province that open a human rights service.",
            ),
            start=2019,
            es=(
                "Apoyo a las oficinas municipales de derechos humanos",
                "Asesoría técnica, formación y herramientas compartidas para los municipios de "
                "la provincia que abren un servicio de derechos humanos.",
            ),
        ),
        initiative(
            "human-rights-education-secondary-schools",
            (
                "rights-education hate-speech",
                "freedom-conscience-information rights-of-children",
                "operational-tools",
                "quality-education",
                "children-youth",
            ),
            (
                "Human rights education in secondary schools",
                "Workshops and teaching materials on rights, online hate and civic "
                "participation, offered to every secondary school in the province.",
            ),
            start=2020,
            es=(
                "Educación en derechos humanos en los institutos",
                "Talleres y materiales didácticos sobre derechos, odio en línea y "
                "participación ciudadana, ofrecidos a cada instituto de la provincia.",
            ),
        ),
    ],
    "l'Alfàs del Pi": [
        initiative(
            "council-of-every-nationality",
            (
                "inclusion-solidarity democratic-participation migrants-rights",
                "participatory-democracy",
                "institutional-structures",
                "reduced-inequalities",
                "migrants-refugees older-persons",
            ),
            (
                "A council of residents of every nationality",
                "Residents born abroad, many of them retired, advise the town council on the "
                "services and festivals they share with their neighbours.",
            ),
            start=2023,
            es=(
                "Un consejo de vecinos de todas las nacionalidades",
                "Vecinos nacidos en el extranjero, muchos de ellos jubilados, asesoran al "
                "ayuntamiento sobre los servicios y las fiestas que comparten con los demás.",
            ),
        ),
        initiative(
            "multilingual-welcome-desk",
            (
                "migrants-rights public-services-care",
                "accessible-public-services",
                "operational-tools",
                "reduced-inequalities",
                "migrants-refugees",
            ),
            (
                "A multilingual welcome desk",
                "Newcomers register, find a doctor and enrol their children with help in their "
                "own language.",
            ),
            start=2024,
            languages=(),
        ),
    ],
    "Coalition of Somali Human Rights Defenders": [
        initiative(
            "emergency-protection-defenders",
            (
                "peace-security",
                "meeting-association-unions civic-peace-safety",
                "operational-tools",
                "peace-justice",
                "human-rights-defenders",
            ),
            (
                "Emergency protection for human rights defenders",
                "Safe relocation, legal aid and medical care for defenders and journalists "
                "under threat.",
            ),
            start=2020,
            ar=(
                "حماية طارئة للمدافعين عن حقوق الإنسان",
                "نقل آمن ومساعدة قانونية ورعاية طبية للمدافعين والصحفيين المعرّضين للتهديد.",
            ),
        ),
        initiative(
            "women-defenders-network",
            (
                "violence-against-women democratic-participation",
                "equality-women-men meeting-association-unions",
                "institutional-structures",
                "gender-equality peace-justice",
                "women-girls human-rights-defenders",
            ),
            (
                "A network of women human rights defenders",
                "Training, mentoring and a shared alert system for women who defend rights in "
                "their districts.",
            ),
            start=2022,
            ar=(
                "شبكة المدافعات عن حقوق الإنسان",
                "تدريب وإرشاد ونظام إنذار مشترك للنساء اللواتي يدافعن عن الحقوق في مناطقهن.",
            ),
        ),
    ],
    "Global Platform for the Right to the City": [
        initiative(
            "right-to-the-city-global-agendas",
            (
                "democratic-participation housing",
                "right-to-the-city",
                "political-legal-foundations",
                "sustainable-cities partnerships",
                "homelessness-poverty",
            ),
            (
                "The right to the city in global agendas",
                "Advocacy so that United Nations agendas on cities and housing recognise the "
                "right to the city.",
            ),
            start=2014,
        ),
        initiative(
            "right-to-the-city-school",
            (
                "rights-education",
                "right-to-the-city participatory-democracy",
                "operational-tools",
                "quality-education sustainable-cities",
                "human-rights-defenders",
            ),
            (
                "A school on the right to the city",
                "Online courses for activists and local officials on housing, land and public "
                "space as rights.",
            ),
            start=2021,
        ),
    ],
}

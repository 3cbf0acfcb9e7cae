"""The demo's member profiles: the 19 members of cityprofiles/data/members.csv, with
their leader, website and human-rights vision in the languages each is translated into.

Leaders, terms of office and websites are given only where public sources make them
certain for the whole demo year; elsewhere they are left empty rather than guessed. The
visions and summaries are demo texts written for each member (the site says so once, in
its demo-content notice), not the members' own words.

Each member's ``en`` texts are the source; the other languages are published through
wagtail-localize. A member without a language shows the site's fallback there.
"""

MEMBERS = {
    "Barcelona": {
        "leader_name": "Jaume Collboni",
        "term": (2023, 2027),
        "website": "https://www.barcelona.cat",
        "en": {
            "title": "Barcelona",
            "leader_title": "Mayor of Barcelona",
            "summary": "A pioneer of the campaign whose Office for Non-Discrimination has "
            "defended residents' rights since 1998.",
            "why_essential": "The city council is the administration residents meet first: "
            "it runs the social services, the public spaces and the housing desks where rights "
            "are claimed.",
            "why_framework": "Human rights give Barcelona a yardstick that outlasts any one "
            "mandate and lets residents hold every department to the same standard.",
            "expectations": "To compare its tools against discrimination with peer cities "
            "and learn from their public services.",
        },
        "fr": {
            "title": "Barcelone",
            "leader_title": "Maire de Barcelone",
            "summary": "Pionnière de la campagne, dont le Bureau pour la non-discrimination "
            "défend les droits des habitants depuis 1998.",
            "why_essential": "La mairie est la première administration que rencontrent les "
            "habitants : elle gère les services sociaux, l’espace public et les guichets du "
            "logement où les droits se réclament.",
            "why_framework": "Les droits humains donnent à Barcelone une mesure qui dépasse "
            "chaque mandat et permet aux habitants d’exiger la même chose de chaque service.",
            "expectations": "Comparer ses outils contre les discriminations avec d’autres "
            "villes et apprendre de leurs services publics.",
        },
        "es": {
            "title": "Barcelona",
            "leader_title": "Alcalde de Barcelona",
            "summary": "Pionera de la campaña, cuya Oficina para la No Discriminación defiende "
            "los derechos de la ciudadanía desde 1998.",
            "why_essential": "El ayuntamiento es la primera administración que encuentra la "
            "ciudadanía: gestiona los servicios sociales, el espacio público y las oficinas de "
            "vivienda donde se reclaman los derechos.",
            "why_framework": "Los derechos humanos dan a Barcelona una vara de medir que va más "
            "allá de cada mandato y permite exigir lo mismo a cada departamento.",
            "expectations": "Comparar sus herramientas contra la discriminación con otras "
            "ciudades y aprender de sus servicios públicos.",
        },
    },
    "Grigny": {
        "website": "https://www.grigny91.fr",
        "en": {
            "title": "Grigny",
            "summary": "A young, working-class town south of Paris that makes decent housing "
            "and education the first of its residents' rights.",
            "why_essential": "In Grigny, where many families live on low incomes, the town hall "
            "is often the only public service within walking distance.",
            "why_framework": "Human rights turn the demands of a poor town into obligations "
            "that the state and the region share with it.",
            "expectations": "To be heard beyond France on the right to the city for "
            "working-class neighbourhoods.",
        },
        "fr": {
            "title": "Grigny",
            "summary": "Une ville jeune et populaire au sud de Paris, qui fait du logement "
            "digne et de l’éducation les premiers droits de ses habitants.",
            "why_essential": "À Grigny, où beaucoup de familles vivent de faibles revenus, la "
            "mairie est souvent le seul service public accessible à pied.",
            "why_framework": "Les droits humains transforment les demandes d’une ville pauvre "
            "en obligations que l’État et la région partagent avec elle.",
            "expectations": "Être entendue au-delà de la France sur le droit à la ville des "
            "quartiers populaires.",
        },
        "es": {
            "title": "Grigny",
            "summary": "Una ciudad joven y popular al sur de París que hace de la vivienda "
            "digna y la educación los primeros derechos de sus habitantes.",
            "why_essential": "En Grigny, donde muchas familias viven con ingresos bajos, el "
            "ayuntamiento es a menudo el único servicio público al alcance a pie.",
            "why_framework": "Los derechos humanos convierten las demandas de una ciudad pobre "
            "en obligaciones que el Estado y la región comparten con ella.",
            "expectations": "Hacerse oír más allá de Francia sobre el derecho a la ciudad de "
            "los barrios populares.",
        },
    },
    "Gwangju": {
        "website": "https://www.gwangju.go.kr",
        "en": {
            "title": "Gwangju",
            "summary": "The city of the May 18 Democratic Uprising, host of the World Human "
            "Rights Cities Forum since 2011.",
            "why_essential": "Gwangju learned in 1980 that democracy is defended by citizens in "
            "their own streets; a city government keeps that memory alive in daily policy.",
            "why_framework": "Human rights are the values Gwangju's citizens fought for, so "
            "they are the natural measure of its administration.",
            "expectations": "To grow the network of human rights cities it helped to found.",
        },
        "fr": {
            "title": "Gwangju",
            "summary": "La ville du soulèvement démocratique du 18 mai, hôte du Forum mondial "
            "des villes des droits humains depuis 2011.",
            "why_essential": "Gwangju a appris en 1980 que la démocratie se défend par les "
            "citoyens dans leurs propres rues ; une ville fait vivre cette mémoire dans ses "
            "politiques.",
            "why_framework": "Les droits humains sont les valeurs pour lesquelles les habitants "
            "de Gwangju se sont battus : ils sont la mesure naturelle de son administration.",
            "expectations": "Agrandir le réseau des villes des droits humains qu’elle a aidé à "
            "fonder.",
        },
        "es": {
            "title": "Gwangju",
            "summary": "La ciudad del Levantamiento Democrático del 18 de mayo, sede del Foro "
            "Mundial de Ciudades de Derechos Humanos desde 2011.",
            "why_essential": "Gwangju aprendió en 1980 que la democracia la defiende la "
            "ciudadanía en sus propias calles; un gobierno local mantiene viva esa memoria.",
            "why_framework": "Los derechos humanos son los valores por los que lucharon sus "
            "habitantes: son la medida natural de su administración.",
            "expectations": "Ampliar la red de ciudades de derechos humanos que ayudó a fundar.",
        },
    },
    "Mexico City": {
        "leader_name": "Clara Brugada Molina",
        "term": (2024, 2030),
        "website": "https://www.cdmx.gob.mx",
        "en": {
            "title": "Mexico City",
            "leader_title": "Head of Government of Mexico City",
            "summary": "A capital whose own constitution, in force since 2018, recognises the "
            "right to the city.",
            "why_essential": "In a metropolis of millions, rights are won or lost borough by "
            "borough: in water supply, public transport and the safety of women in the street.",
            "why_framework": "Mexico City's constitution puts human rights at the centre of "
            "public action; the campaign connects that commitment with other cities.",
            "expectations": "To share its experience of community centres and care systems.",
        },
        "fr": {
            "title": "Mexico",
            "leader_title": "Cheffe du gouvernement de Mexico",
            "summary": "Une capitale dont la constitution, en vigueur depuis 2018, reconnaît "
            "le droit à la ville.",
            "why_essential": "Dans une métropole de plusieurs millions d’habitants, les droits "
            "se gagnent ou se perdent quartier par quartier : l’eau, les transports, la "
            "sécurité des femmes dans la rue.",
            "why_framework": "La constitution de Mexico place les droits humains au cœur de "
            "l’action publique ; la campagne relie cet engagement à d’autres villes.",
            "expectations": "Partager son expérience des centres communautaires et des "
            "systèmes de soins.",
        },
        "es": {
            "title": "Ciudad de México",
            "leader_title": "Jefa de Gobierno de la Ciudad de México",
            "summary": "Una capital cuya constitución, vigente desde 2018, reconoce el derecho "
            "a la ciudad.",
            "why_essential": "En una metrópoli de millones de habitantes, los derechos se ganan "
            "o se pierden alcaldía por alcaldía: en el agua, el transporte y la seguridad de "
            "las mujeres en la calle.",
            "why_framework": "La constitución de la Ciudad de México pone los derechos humanos "
            "en el centro de la acción pública; la campaña conecta ese compromiso con otras "
            "ciudades.",
            "expectations": "Compartir su experiencia en centros comunitarios y sistemas de "
            "cuidados.",
        },
    },
    "Utrecht": {
        "website": "https://www.utrecht.nl",
        "en": {
            "title": "Utrecht",
            "summary": "A Dutch human rights city since 2011 that tests its local policies "
            "against international treaties.",
            "why_essential": "Utrecht can offer shelter, advice and a voice to people whom "
            "national rules leave out, such as undocumented migrants.",
            "why_framework": "Treaties signed by the state bind the city too; using them as a "
            "framework makes its social policy accountable to residents.",
            "expectations": "To exchange methods for monitoring human rights at local level.",
        },
        "fr": {
            "title": "Utrecht",
            "summary": "Une ville néerlandaise des droits humains depuis 2011, qui confronte "
            "ses politiques locales aux traités internationaux.",
            "why_essential": "Utrecht peut offrir un abri, des conseils et une voix aux "
            "personnes que les règles nationales laissent de côté, comme les migrants sans "
            "papiers.",
            "why_framework": "Les traités signés par l’État engagent aussi la ville ; s’en "
            "servir comme cadre rend sa politique sociale responsable devant les habitants.",
            "expectations": "Échanger des méthodes de suivi des droits humains au niveau local.",
        },
        "es": {
            "title": "Utrecht",
            "summary": "Una ciudad neerlandesa de derechos humanos desde 2011 que contrasta "
            "sus políticas locales con los tratados internacionales.",
            "why_essential": "Utrecht puede ofrecer refugio, asesoría y voz a quienes las "
            "normas nacionales dejan fuera, como las personas migrantes sin papeles.",
            "why_framework": "Los tratados firmados por el Estado obligan también a la ciudad; "
            "usarlos como marco hace su política social responsable ante la ciudadanía.",
            "expectations": "Intercambiar métodos de seguimiento de los derechos humanos a "
            "nivel local.",
        },
    },
    "Vienna": {
        "leader_name": "Michael Ludwig",
        "term": (2025, 2030),
        "website": "https://www.wien.gv.at",
        "en": {
            "title": "Vienna",
            "leader_title": "Mayor and Governor of Vienna",
            "summary": "A human rights city since 2014, where a large share of residents live "
            "in municipal or subsidised housing.",
            "why_essential": "Vienna is both a city and a federal state: it makes the laws and "
            "runs the services that decide whether rights are real.",
            "why_framework": "A human-rights lens helps Vienna keep its public services open to "
            "everyone who lives there, whatever their passport.",
            "expectations": "To share a century of social housing and learn from younger "
            "human rights cities.",
        },
        "fr": {
            "title": "Vienne",
            "leader_title": "Maire et gouverneur de Vienne",
            "summary": "Une ville des droits humains depuis 2014, où une grande part des "
            "habitants vit dans un logement municipal ou subventionné.",
            "why_essential": "Vienne est à la fois une ville et un Land : elle fait les lois et "
            "gère les services qui décident si les droits sont réels.",
            "why_framework": "Le prisme des droits humains aide Vienne à garder ses services "
            "publics ouverts à tous ceux qui y vivent, quel que soit leur passeport.",
            "expectations": "Partager un siècle de logement social et apprendre des villes des "
            "droits humains plus jeunes.",
        },
        "es": {
            "title": "Viena",
            "leader_title": "Alcalde y gobernador de Viena",
            "summary": "Una ciudad de derechos humanos desde 2014, donde gran parte de la "
            "población vive en vivienda municipal o subvencionada.",
            "why_essential": "Viena es a la vez ciudad y estado federado: hace las leyes y "
            "gestiona los servicios que deciden si los derechos son reales.",
            "why_framework": "La mirada de los derechos humanos ayuda a Viena a mantener sus "
            "servicios públicos abiertos a todas las personas que viven en ella.",
            "expectations": "Compartir un siglo de vivienda social y aprender de ciudades de "
            "derechos humanos más jóvenes.",
        },
    },
    "Rouen": {
        "website": "https://www.rouen.fr",
        "en": {
            "title": "Rouen",
            "summary": "A Normandy city on the Seine that joined in 2022 to put equal access to "
            "public services at the heart of its policies.",
            "why_essential": "Rouen's neighbourhood services are where residents in difficulty "
            "first ask for help with benefits, housing and care.",
            "why_framework": "Human rights make equal treatment by every municipal service a "
            "promise the city can be held to.",
        },
        "fr": {
            "title": "Rouen",
            "summary": "Une ville normande sur la Seine, membre depuis 2022, qui place l’égal "
            "accès aux services publics au cœur de ses politiques.",
            "why_essential": "Les services de quartier de Rouen sont le premier lieu où les "
            "habitants en difficulté demandent de l’aide pour leurs droits sociaux, leur "
            "logement et leurs soins.",
            "why_framework": "Les droits humains font de l’égalité de traitement par chaque "
            "service municipal une promesse dont la ville doit répondre.",
        },
    },
    "Malakoff": {
        "website": "https://www.malakoff.fr",
        "en": {
            "title": "Malakoff",
            "summary": "A town on the edge of Paris with a long tradition of international "
            "solidarity and welcome.",
            "why_essential": "A small town knows its residents by name: it can spot the "
            "isolation of an older person or the exclusion of a newcomer early.",
            "why_framework": "Human rights give Malakoff's tradition of solidarity a shared "
            "language with towns across the world.",
        },
        "fr": {
            "title": "Malakoff",
            "summary": "Une ville aux portes de Paris, riche d’une longue tradition de "
            "solidarité internationale et d’accueil.",
            "why_essential": "Une petite ville connaît ses habitants : elle repère tôt "
            "l’isolement d’une personne âgée ou l’exclusion d’un nouvel arrivant.",
            "why_framework": "Les droits humains donnent à la tradition solidaire de Malakoff "
            "un langage commun avec des villes du monde entier.",
        },
    },
    "Montevideo": {
        "leader_name": "Mario Bergara",
        "term": (2025, 2030),
        "website": "https://montevideo.gub.uy",
        "en": {
            "title": "Montevideo",
            "leader_title": "Intendant of Montevideo",
            "summary": "Uruguay's capital, where residents vote on part of the municipal budget "
            "in participatory budgeting rounds.",
            "why_essential": "The department of Montevideo governs where close to four in ten "
            "Uruguayans live; its decisions on transport, sanitation and care reach them daily.",
            "why_framework": "A rights-based approach ties Montevideo's gender-equality and "
            "participation plans into one policy.",
        },
        "es": {
            "title": "Montevideo",
            "leader_title": "Intendente de Montevideo",
            "summary": "La capital de Uruguay, donde la ciudadanía vota una parte del "
            "presupuesto municipal en sus rondas de presupuesto participativo.",
            "why_essential": "El departamento de Montevideo gobierna donde viven cerca de cuatro "
            "de cada diez uruguayos; sus decisiones sobre transporte, saneamiento y cuidados le "
            "llegan cada día.",
            "why_framework": "El enfoque de derechos une en una sola política los planes de "
            "igualdad de género y de participación de Montevideo.",
        },
    },
    "Irbid": {
        "en": {
            "title": "Irbid",
            "summary": "Jordan's second city, in the north, home to many refugee families "
            "alongside its long-standing residents.",
            "why_essential": "Irbid's municipality provides the water, roads and public spaces "
            "that host and long-standing residents share every day.",
            "why_framework": "Human rights give Irbid one framework for treating every "
            "resident with dignity, refugee or not.",
            "expectations": "To learn from other cities that host refugees and share its own "
            "experience.",
        },
        "ar": {
            "title": "إربد",
            "summary": "ثاني مدن الأردن في الشمال، تحتضن عائلات لاجئة كثيرة إلى جانب "
            "سكانها الأصليين.",
            "why_essential": "توفّر بلدية إربد المياه والطرق والأماكن العامة التي يتقاسمها "
            "السكان المضيفون واللاجئون كل يوم.",
            "why_framework": "تمنح حقوق الإنسان إربد إطارًا واحدًا لمعاملة كل ساكن بكرامة، "
            "لاجئًا كان أم لا.",
            "expectations": "التعلّم من مدن أخرى تستضيف اللاجئين ومشاركة تجربتها.",
        },
    },
    "Cochabamba": {
        "en": {
            "title": "Cochabamba",
            "summary": "A city in the Bolivian valleys whose residents made water a public "
            "cause in 2000.",
            "why_essential": "In Cochabamba's growing districts, the municipality decides "
            "where water pipes, schools and health posts arrive first.",
            "why_framework": "Human rights, and the rights of indigenous peoples, give the "
            "city's plural society common rules for public action.",
        },
        "es": {
            "title": "Cochabamba",
            "summary": "Una ciudad de los valles bolivianos cuya población hizo del agua una "
            "causa pública en el año 2000.",
            "why_essential": "En los distritos que crecen, el municipio decide adónde llegan "
            "primero las tuberías de agua, las escuelas y los centros de salud.",
            "why_framework": "Los derechos humanos, y los de los pueblos indígenas, dan a una "
            "sociedad plural reglas comunes para la acción pública.",
        },
    },
    "Villa Carlos Paz": {
        "website": "https://www.villacarlospaz.gov.ar",
        "en": {
            "title": "Villa Carlos Paz",
            "summary": "A lakeside town in the hills of Córdoba, Argentina, whose population "
            "grows several times over in the summer season.",
            "why_essential": "A tourist town must keep its services fair for the residents who "
            "stay all year as well as the visitors who come for a week.",
            "why_framework": "Human rights help Villa Carlos Paz weigh tourism, the lake's "
            "health and its residents' needs together.",
        },
        "es": {
            "title": "Villa Carlos Paz",
            "summary": "Una ciudad a orillas del lago en las sierras de Córdoba, Argentina, "
            "cuya población se multiplica en temporada de verano.",
            "why_essential": "Una ciudad turística debe mantener servicios justos para quienes "
            "viven todo el año y para quienes llegan una semana.",
            "why_framework": "Los derechos humanos ayudan a Villa Carlos Paz a sopesar juntos el "
            "turismo, la salud del lago y las necesidades de sus habitantes.",
        },
    },
    "Rivas-Vaciamadrid": {
        "leader_name": "Aída Castillejo",
        "term": (2023, 2027),
        "website": "https://www.rivasciudad.es",
        "en": {
            "title": "Rivas-Vaciamadrid",
            "leader_title": "Mayor of Rivas-Vaciamadrid",
            "summary": "A young town south-east of Madrid that built its identity on public "
            "services, ecology and feminism.",
            "why_essential": "Rivas grew from a village into a town in a generation; its "
            "council planned the schools, parks and care services that made it liveable.",
            "why_framework": "Human rights keep Rivas's feminist and ecological policies "
            "answerable to every resident.",
        },
        "es": {
            "title": "Rivas-Vaciamadrid",
            "leader_title": "Alcaldesa de Rivas-Vaciamadrid",
            "summary": "Una ciudad joven al sureste de Madrid que construyó su identidad sobre "
            "los servicios públicos, la ecología y el feminismo.",
            "why_essential": "Rivas pasó de pueblo a ciudad en una generación; su ayuntamiento "
            "planificó las escuelas, los parques y los cuidados que la hicieron habitable.",
            "why_framework": "Los derechos humanos mantienen las políticas feministas y "
            "ecológicas de Rivas al servicio de cada habitante.",
        },
    },
    "Ames": {
        "en": {
            "title": "Ames",
            "summary": "A Galician municipality beside Santiago de Compostela, among the "
            "fastest-growing in Galicia.",
            "why_essential": "Ames's council is close enough to its parishes to know which "
            "families need a nursery place or home care.",
            "why_framework": "Human rights help a growing municipality keep services in step "
            "with its new residents, in Galician and in Spanish.",
        },
        "es": {
            "title": "Ames",
            "summary": "Un municipio gallego junto a Santiago de Compostela, de los que más "
            "crecen en Galicia.",
            "why_essential": "El concello de Ames está lo bastante cerca de sus parroquias para "
            "saber qué familias necesitan una plaza de escuela infantil o ayuda a domicilio.",
            "why_framework": "Los derechos humanos ayudan a un municipio que crece a ajustar "
            "sus servicios a sus nuevos vecinos, en gallego y en castellano.",
        },
    },
    "Sant Pere de Ribes": {
        "en": {
            "title": "Sant Pere de Ribes",
            "summary": "A coastal municipality of the Garraf in Catalonia that joined the "
            "campaign in 2023.",
            "why_essential": "Spread between the coast and the countryside, Sant Pere de Ribes "
            "must bring services to every neighbourhood, not only the centre.",
            "why_framework": "Human rights give its local plans for peace, equality and "
            "cooperation a common thread.",
        },
        "es": {
            "title": "Sant Pere de Ribes",
            "summary": "Un municipio costero del Garraf, en Cataluña, que se sumó a la campaña "
            "en 2023.",
            "why_essential": "Repartido entre la costa y el interior, Sant Pere de Ribes debe "
            "llevar los servicios a cada barrio, no solo al centro.",
            "why_framework": "Los derechos humanos dan un hilo común a sus planes locales de "
            "paz, igualdad y cooperación.",
        },
    },
    "Diputació de Barcelona": {
        "leader_name": "Lluïsa Moret",
        "term": (2023, 2027),
        "website": "https://www.diba.cat",
        "en": {
            "title": "Diputació de Barcelona",
            "leader_title": "President of the Diputació de Barcelona",
            "summary": "The provincial government that supports the 311 municipalities of the "
            "province of Barcelona.",
            "why_essential": "Many small municipalities cannot run a human rights office alone; "
            "a provincial government can lend them the expertise.",
            "why_framework": "A shared framework lets hundreds of municipalities report on "
            "rights in the same terms.",
        },
        "es": {
            "title": "Diputación de Barcelona",
            "leader_title": "Presidenta de la Diputación de Barcelona",
            "summary": "El gobierno provincial que apoya a los 311 municipios de la provincia "
            "de Barcelona.",
            "why_essential": "Muchos municipios pequeños no pueden sostener solos una oficina de "
            "derechos humanos; un gobierno provincial puede prestarles la experiencia.",
            "why_framework": "Un marco compartido permite a cientos de municipios rendir "
            "cuentas sobre los derechos en los mismos términos.",
        },
    },
    "l'Alfàs del Pi": {
        "en": {
            "title": "l'Alfàs del Pi",
            "summary": "A town on the Costa Blanca where residents of dozens of nationalities "
            "live side by side.",
            "why_essential": "With so many residents born abroad, the town hall is where "
            "newcomers learn their rights and their duties.",
            "why_framework": "Human rights give a town of many nationalities rules of "
            "coexistence that belong to no single culture.",
        },
        "es": {
            "title": "l'Alfàs del Pi",
            "summary": "Una localidad de la Costa Blanca donde conviven vecinos de decenas de "
            "nacionalidades.",
            "why_essential": "Con tantos vecinos nacidos en el extranjero, el ayuntamiento es "
            "donde los recién llegados conocen sus derechos y sus deberes.",
            "why_framework": "Los derechos humanos dan a una localidad de muchas nacionalidades "
            "unas reglas de convivencia que no pertenecen a una sola cultura.",
        },
    },
    "Coalition of Somali Human Rights Defenders": {
        "en": {
            "title": "Coalition of Somali Human Rights Defenders",
            "summary": "A civil-society partner that protects people who defend human rights "
            "in Somalia.",
            "why_essential": "Where local authorities are rebuilding, defenders need city and "
            "district governments that recognise and protect their work.",
            "why_framework": "Human rights are the common ground on which civil society and "
            "local governments can rebuild trust.",
        },
        "ar": {
            "title": "تحالف المدافعين الصوماليين عن حقوق الإنسان",
            "summary": "شريك من المجتمع المدني يحمي المدافعين عن حقوق الإنسان في الصومال.",
            "why_essential": "حيث تعيد السلطات المحلية بناء نفسها، يحتاج المدافعون إلى حكومات "
            "مدن ومقاطعات تعترف بعملهم وتحميه.",
            "why_framework": "حقوق الإنسان هي الأرضية المشتركة التي يمكن للمجتمع المدني "
            "والحكومات المحلية أن يعيدوا عليها بناء الثقة.",
        },
    },
    "Global Platform for the Right to the City": {
        "website": "https://www.right2city.org",
        "en": {
            "title": "Global Platform for the Right to the City",
            "summary": "A network of civil-society organisations and local governments that "
            "campaigns for the right to the city worldwide.",
            "why_essential": "The right to the city is made or broken by local decisions on "
            "land, housing and public space.",
            "why_framework": "Human rights give movements and governments one vocabulary to "
            "negotiate the city they share.",
        },
    },
}

package demo

var stuttgartProfile = profile{
	organisers: []organiser{
		{name: "Gemeinderat", body: "Gemeinderat", political: true, council: true, memberTitle: [2]string{"Stadträtin", "Stadtrat"}, budget: "GR", topics: []string{"twinning", "culture", "eu"}, weight: 2},
		{name: "Abteilung Außenbeziehungen", body: "Abteilung Außenbeziehungen", budget: "AB", topics: []string{"twinning", "eu", "business", "democracy"}, weight: 4},
		{name: "Ausschuss für Klima und Umwelt", body: "Ausschuss für Klima und Umwelt", political: true, budget: "KLU", topics: []string{"climate", "energy", "circular"}, weight: 2},
		{name: "Ausschuss für Wirtschaft und Wohnen", body: "Ausschuss für Wirtschaft und Wohnen", political: true, budget: "WW", topics: []string{"business", "housing"}, weight: 2},
		{name: "Abteilung Mobilität", body: "Abteilung Mobilität", budget: "MOB", topics: []string{"mobility"}, weight: 3},
		{name: "Kulturamt", body: "Kulturamt", budget: "KU", topics: []string{"culture", "youth"}, weight: 2},
		{name: "Schulverwaltungsamt", body: "Schulverwaltungsamt", budget: "SCH", topics: []string{"education", "youth"}, weight: 1},
		{name: "Wirtschaftsförderung", body: "Wirtschaftsförderung", budget: "WF", topics: []string{"business", "science", "digital"}, weight: 2},
	},
	budget: []budgetTemplate{
		{code: "AB", name: "Delegationsreisen und Pflege der Städtepartnerschaften", ownerKind: "office", ownerName: "Abteilung Außenbeziehungen", major: 180_000},
		{code: "GR", name: "Gemeinderat – Reisen in die Partnerstädte", ownerKind: "council", ownerName: "Gemeinderat", major: 60_000},
		{code: "KLU", name: "Ausschuss für Klima und Umwelt – Fachreisen", ownerKind: "committee", ownerName: "Ausschuss für Klima und Umwelt", major: 25_000},
		{code: "WW", name: "Ausschuss für Wirtschaft und Wohnen – Fachreisen", ownerKind: "committee", ownerName: "Ausschuss für Wirtschaft und Wohnen", major: 25_000},
		{code: "MOB", name: "Cities for Mobility – Netzwerkkoordination", ownerKind: "office", ownerName: "Abteilung Mobilität", major: 120_000},
		{code: "KU", name: "Internationaler Kulturaustausch", ownerKind: "office", ownerName: "Kulturamt", major: 40_000},
		{code: "SCH", name: "Schulpartnerschaften", ownerKind: "office", ownerName: "Schulverwaltungsamt", major: 30_000},
		{code: "WF", name: "Internationale Wirtschaftskontakte", ownerKind: "office", ownerName: "Wirtschaftsförderung", major: 50_000},
		{code: "PF", name: "Partnerschaftsfonds für Bürgerbegegnungen", ownerKind: "fund", ownerName: "Abteilung Außenbeziehungen", major: 75_000, note: "Zuschüsse an Vereine für Begegnungen mit den Partnerstädten."},
	},
	priorities: map[string][]string{
		"mobility": {"F6"}, "climate": {"F6"}, "housing": {"F6"}, "digital": {"F3", "F6"}, "integration": {"F4"},
		"education": {"F1", "F6"}, "business": {"F5"}, "culture": {"F1"}, "youth": {"F1"}, "elderly": {"F6"},
		"urban": {"F6", "F3"}, "democracy": {"F4"}, "eu": {"F2"}, "science": {"F3"}, "energy": {"F6"},
		"circular": {"F6"}, "twinning": {"F1", "F5"},
	},
	agreements: []agreementSpec{
		{typ: "cooperation_agreement", title: "Kooperationsvereinbarung mit Straßburg zur grenzüberschreitenden Mobilität", summary: "Gemeinsame Arbeit an Radverkehr und Bahnverbindungen am Oberrhein.", partners: []string{"Strasbourg"}, signedYearsAgo: 3, validYears: 5, priorities: []string{"F1", "F6"}},
		{typ: "memorandum", title: "Absichtserklärung mit Cardiff zur Kreativwirtschaft", summary: "Austausch zwischen Kulturämtern und Kreativzentren.", partners: []string{"Cardiff"}, signedYearsAgo: 2, priorities: []string{"F1"}},
		{typ: "network_membership", title: "Koordination des Netzwerks Cities for Mobility", summary: "Die Abteilung Mobilität koordiniert das internationale Netzwerk.", network: "Cities for Mobility", otherParty: "Cities for Mobility", signedYearsAgo: 12, priorities: []string{"F6"}},
		{typ: "declaration", title: "Gemeinsame Erklärung mit Brünn zur Jugendbegegnung", summary: "Jährliche Begegnungen von Jugendgruppen.", partners: []string{"Brno"}, signedYearsAgo: 7, validYears: 4, priorities: []string{"F1"}},
		{typ: "memorandum", title: "Memorandum of Understanding mit Mumbai zur Wasserwirtschaft", summary: "Fachaustausch zwischen den Stadtentwässerungsbetrieben.", partners: []string{"Mumbai"}, signedYearsAgo: 6, validYears: 3, priorities: []string{"F6"}},
	},
	projects: []projectSpec{
		{title: "Cities for Mobility: Sichere Schulwege", description: "Netzwerkprojekt zu sicheren und aktiven Schulwegen.", funder: "EU Interreg", programme: "Interreg Europe", network: "Cities for Mobility", fundingMajor: 1_600_000, currency: "EUR", startMonthsAgo: 18, months: 48, priorities: []string{"F6"}},
		{title: "Schulpartnerschaft Stuttgart–Lodz", description: "Gemeinsame Unterrichtsprojekte zur europäischen Geschichte.", funder: "Erasmus+", programme: "KA2 Kooperationspartnerschaften", partner: "Lodz", fundingMajor: 120_000, currency: "EUR", startMonthsAgo: 30, months: 24, priorities: []string{"F1"}},
		{title: "Klimapartnerschaft mit Menzel Bourguiba", description: "Gemeinsames Handlungsprogramm zu Klimaanpassung und Wasser.", funder: "Engagement Global/SKEW", programme: "Kommunale Klimapartnerschaften", partner: "Menzel Bourguiba", fundingMajor: 250_000, currency: "EUR", startMonthsAgo: 6, months: 36, priorities: []string{"F6", "F1"}},
		{title: "Oberrhein: grüne Stadtlogistik", description: "Lastenräder und Mikrodepots in Stuttgart und Straßburg.", funder: "EU Interreg", programme: "Interreg Oberrhein", partner: "Strasbourg", fundingMajor: 900_000, currency: "EUR", startMonthsAgo: -3, months: 36, priorities: []string{"F2", "F6"}},
	},
}

var berlinProfile = profile{
	organisers: []organiser{
		{name: "Senatskanzlei, Referat Internationales", body: "Senatskanzlei", budget: "SKZL", topics: []string{"twinning", "eu", "democracy", "business"}, weight: 4},
		{name: "Abgeordnetenhaus, Ausschuss für Europa- und Bundesangelegenheiten, Medien", body: "Ausschuss für Europa- und Bundesangelegenheiten, Medien", political: true, budget: "AGH", topics: []string{"eu", "twinning", "democracy"}, weight: 2},
		{name: "Abgeordnetenhaus, Ausschuss für Stadtentwicklung und Wohnen", body: "Ausschuss für Stadtentwicklung und Wohnen", political: true, budget: "AGH", topics: []string{"urban", "housing"}, weight: 1},
		{name: "Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen", body: "Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen", budget: "SENSBW", topics: []string{"urban", "housing"}, weight: 2},
		{name: "Senatsverwaltung für Mobilität, Verkehr, Klimaschutz und Umwelt", body: "Senatsverwaltung für Mobilität, Verkehr, Klimaschutz und Umwelt", budget: "SENMVKU", topics: []string{"mobility", "climate", "energy", "circular"}, weight: 3},
		{name: "Senatsverwaltung für Wirtschaft, Energie und Betriebe", body: "Senatsverwaltung für Wirtschaft, Energie und Betriebe", budget: "SENWEB", topics: []string{"business", "energy", "digital"}, weight: 2},
		{name: "Senatsverwaltung für Kultur und Gesellschaftlichen Zusammenhalt", body: "Senatsverwaltung für Kultur und Gesellschaftlichen Zusammenhalt", budget: "SENKGZ", topics: []string{"culture", "integration"}, weight: 2},
		{name: "Senatsverwaltung für Wissenschaft, Gesundheit und Pflege", body: "Senatsverwaltung für Wissenschaft, Gesundheit und Pflege", budget: "SENWGP", topics: []string{"science", "elderly"}, weight: 1},
		{name: "Senatsverwaltung für Bildung, Jugend und Familie", body: "Senatsverwaltung für Bildung, Jugend und Familie", budget: "SENBJF", topics: []string{"education", "youth"}, weight: 1},
	},
	budget: []budgetTemplate{
		{code: "SKZL", name: "Städtepartnerschaften und internationale Zusammenarbeit", ownerKind: "office", ownerName: "Senatskanzlei", major: 450_000},
		{code: "AGH", name: "Abgeordnetenhaus – Ausschussreisen", ownerKind: "council", ownerName: "Abgeordnetenhaus", major: 120_000},
		{code: "SENSBW", name: "Internationale Fachkontakte Stadtentwicklung", ownerKind: "office", ownerName: "Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen", major: 60_000},
		{code: "SENMVKU", name: "Internationale Fachkontakte Mobilität und Klimaschutz", ownerKind: "office", ownerName: "Senatsverwaltung für Mobilität, Verkehr, Klimaschutz und Umwelt", major: 80_000},
		{code: "SENWEB", name: "Internationale Wirtschaftskontakte", ownerKind: "office", ownerName: "Senatsverwaltung für Wirtschaft, Energie und Betriebe", major: 90_000},
		{code: "SENKGZ", name: "Internationaler Kulturaustausch", ownerKind: "office", ownerName: "Senatsverwaltung für Kultur und Gesellschaftlichen Zusammenhalt", major: 60_000},
		{code: "SENWGP", name: "Internationale Wissenschaftskontakte", ownerKind: "office", ownerName: "Senatsverwaltung für Wissenschaft, Gesundheit und Pflege", major: 40_000},
		{code: "SENBJF", name: "Internationaler Jugend- und Schulaustausch", ownerKind: "office", ownerName: "Senatsverwaltung für Bildung, Jugend und Familie", major: 40_000},
		{code: "SPF", name: "Städtepartnerschaftsfonds für zivilgesellschaftliche Projekte", ownerKind: "fund", ownerName: "Senatskanzlei", major: 200_000, note: "Zuschüsse an Vereine und Initiativen in den Partnerstädten."},
	},
	priorities: map[string][]string{
		"mobility": {"G1", "T4"}, "climate": {"G1", "T4"}, "housing": {"G1", "G2"}, "digital": {"G1", "G6"},
		"integration": {"T5", "G3"}, "education": {"G3", "T2"}, "business": {"T1", "G6"}, "culture": {"T3", "G3"},
		"youth": {"G3"}, "elderly": {"G2"}, "urban": {"G1", "G2"}, "democracy": {"G1"}, "eu": {"G5"},
		"science": {"T2"}, "energy": {"T4"}, "circular": {"T4", "G1"}, "twinning": {"G4"},
	},
	agreements: []agreementSpec{
		{typ: "cooperation_agreement", title: "Aktionsplan zur Zusammenarbeit mit Paris", summary: "Gemeinsame Vorhaben in Kultur, Klimaschutz und Jugendaustausch.", partners: []string{"Paris"}, signedYearsAgo: 2, validYears: 3, priorities: []string{"G1", "G4"}},
		{typ: "memorandum", title: "Absichtserklärung mit Warschau zum Klimaschutz", summary: "Austausch zu Wärmewende und klimaneutralen Quartieren.", partners: []string{"Warsaw"}, signedYearsAgo: 1, priorities: []string{"T4"}},
		{typ: "declaration", title: "Gemeinsame Erklärung mit Kiew zum kommunalen Wiederaufbau", summary: "Unterstützung bei Wiederaufbau und Verwaltungsaustausch.", partners: []string{"Kyiv"}, signedYearsAgo: 1, priorities: []string{"G2", "G4"}},
		{typ: "cooperation_agreement", title: "Kooperationsprogramm mit Buenos Aires", summary: "Kultur- und Wissenschaftsaustausch.", partners: []string{"Buenos Aires"}, signedYearsAgo: 7, validYears: 4, priorities: []string{"T3"}},
		{typ: "memorandum", title: "Memorandum of Understanding mit Tokio zu Stadtgrün", summary: "Fachaustausch zu Stadtbäumen und Hitzevorsorge.", partners: []string{"Tokyo"}, signedYearsAgo: 5, validYears: 3, priorities: []string{"T4"}},
		{typ: "network_membership", title: "Mitgliedschaft bei Eurocities", summary: "Netzwerk der großen europäischen Städte.", otherParty: "Eurocities", signedYearsAgo: 15, priorities: []string{"G1"}},
	},
	projects: []projectSpec{
		{title: "Städtenetzwerk für klimaneutrale Quartiere", description: "Berlin und Warschau erproben Quartierskonzepte für die Wärmewende.", funder: "EU Interreg", programme: "Interreg Europe", partner: "Warsaw", fundingMajor: 1_900_000, currency: "EUR", startMonthsAgo: 12, months: 48, priorities: []string{"T4", "G1"}},
		{title: "Jugendbegegnungen Berlin–Paris", description: "Austausch von Jugendgruppen aus beiden Städten.", funder: "Erasmus+", programme: "Jugend in Aktion (KA1)", partner: "Paris", fundingMajor: 160_000, currency: "EUR", startMonthsAgo: 24, months: 18, priorities: []string{"G3"}},
		{title: "Kulturplattform Berlin–Windhuk", description: "Residenzen und gemeinsame Ausstellungen.", funder: "Engagement Global/SKEW", programme: "Kommunale Partnerschaften", partner: "Windhoek", fundingMajor: 300_000, currency: "EUR", startMonthsAgo: 6, months: 36, priorities: []string{"T3", "G3"}},
		{title: "Netzwerk digitale Verwaltung", description: "Austausch mit europäischen Städten zu digitalen Bürgerdiensten.", funder: "EU URBACT", programme: "URBACT IV", fundingMajor: 750_000, currency: "EUR", startMonthsAgo: -2, months: 30, priorities: []string{"G1", "G6"}},
	},
}

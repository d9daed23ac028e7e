package demo

var vasterasProfile = profile{
	organisers: []organiser{
		{name: "Kommunstyrelsen", body: "kommunstyrelsen", political: true, budget: "KS", topics: []string{"eu", "business", "democracy", "twinning", "urban"}, weight: 3},
		{name: "Stadsledningskontoret, internationella enheten", body: "stadsledningskontoret", budget: "INT", topics: []string{"eu", "twinning", "business", "democracy"}, weight: 4},
		{name: "Kultur-, idrotts- och fritidsnämnden", body: "kultur-, idrotts- och fritidsnämnden", political: true, budget: "KIF", topics: []string{"culture", "youth", "integration"}, weight: 2},
		{name: "Barn- och utbildningsnämnden", body: "barn- och utbildningsnämnden", political: true, budget: "BUN", topics: []string{"education", "youth"}, weight: 2},
		{name: "Tekniska nämnden", body: "tekniska nämnden", political: true, budget: "TN", topics: []string{"mobility", "climate", "energy", "urban", "circular"}, weight: 2},
		{name: "Äldrenämnden", body: "äldrenämnden", political: true, budget: "AN", topics: []string{"elderly", "digital"}, weight: 1},
		{name: "Stadsledningskontoret, EU-samordning", body: "stadsledningskontoret", budget: "EU", topics: []string{"eu", "science", "circular"}, weight: 2},
		{name: "Tekniska förvaltningen", body: "tekniska förvaltningen", budget: "TN", topics: []string{"mobility", "circular", "energy"}, weight: 2},
	},
	budget: []budgetTemplate{
		{code: "KS", name: "Kommunstyrelsen – internationellt arbete", ownerKind: "committee", ownerName: "Kommunstyrelsen", major: 1_200_000},
		{code: "INT", name: "Internationella enheten – resor och nätverk", ownerKind: "office", ownerName: "Stadsledningskontoret", major: 800_000},
		{code: "KIF", name: "Kultur-, idrotts- och fritidsnämnden – studieresor", ownerKind: "committee", ownerName: "Kultur-, idrotts- och fritidsnämnden", major: 250_000},
		{code: "BUN", name: "Barn- och utbildningsnämnden – internationalisering", ownerKind: "committee", ownerName: "Barn- och utbildningsnämnden", major: 400_000},
		{code: "TN", name: "Tekniska nämnden – studieresor", ownerKind: "committee", ownerName: "Tekniska nämnden", major: 300_000},
		{code: "AN", name: "Äldrenämnden – studieresor", ownerKind: "committee", ownerName: "Äldrenämnden", major: 150_000},
		{code: "EU", name: "Medfinansiering av EU-projekt", ownerKind: "fund", ownerName: "Stadsledningskontoret", major: 1_500_000, note: "Kommunens egeninsats i projekt med extern finansiering."},
	},
	priorities: map[string][]string{
		"mobility": {"P1", "S3"}, "climate": {"P1", "S3"}, "housing": {"P1"}, "digital": {"P4", "S1"},
		"integration": {"P2"}, "education": {"P5"}, "business": {"P3", "P4"}, "culture": {"P2", "P4"},
		"youth": {"P5", "P2"}, "elderly": {"S2"}, "urban": {"P1", "P6"}, "democracy": {"P2", "P7"},
		"eu": {"P6", "S4"}, "science": {"P3", "S1"}, "energy": {"P1", "S3"}, "circular": {"P1", "P6"},
		"twinning": {"P2", "S2"},
	},
	// The policy rules out new twin-town agreements: cooperation agreements,
	// declarations and memberships only.
	agreements: []agreementSpec{
		{typ: "cooperation_agreement", title: "Samarbetsavtal med Lahtis om cirkulär ekonomi", summary: "Gemensamt arbete med resurseffektiv avfallshantering och upphandling.", partners: []string{"Lahti"}, signedYearsAgo: 2, validYears: 4, priorities: []string{"P1", "P6"}},
		{typ: "declaration", title: "Avsiktsförklaring med Kassel om skolsamarbete", summary: "Skolorna i båda städerna utbyter lärare och elevgrupper.", partners: []string{"Kassel"}, signedYearsAgo: 4, priorities: []string{"P5"}},
		{typ: "memorandum", title: "Samförståndsavtal med Gaborone om kommunalt partnerskap", summary: "Partnerskap inom demokratisk styrning och avfallshantering med stöd från ICLD.", partners: []string{"Gaborone"}, signedYearsAgo: 5, validYears: 3, priorities: []string{"P2", "P7"}},
		{typ: "network_membership", title: "Medlemskap i Union of the Baltic Cities", summary: "Nätverk för städer runt Östersjön.", otherParty: "Union of the Baltic Cities", signedYearsAgo: 8, priorities: []string{"P6", "S4"}},
		{typ: "cooperation_agreement", title: "Samarbetsavtal med Ålesund om kulturutbyte", summary: "Utkast: utbyte mellan kulturskolorna.", partners: []string{"Ålesund"}, draft: true, priorities: []string{"P2"}},
	},
	projects: []projectSpec{
		{title: "Cirkulära Mälardalen", description: "Pilotprojekt för återbruk i offentlig upphandling tillsammans med Lahtis.", funder: "EU Interreg", programme: "Interreg Central Baltic", partner: "Lahti", fundingMajor: 1_850_000, currency: "EUR", startMonthsAgo: 14, months: 36, priorities: []string{"P1"}},
		{title: "Kommunalt partnerskap Västerås–Gaborone", description: "Utveckling av avfallshantering och medborgardialog.", funder: "Sida/ICLD", programme: "Kommunala partnerskap", partner: "Gaborone", fundingMajor: 950_000, currency: "SEK", startMonthsAgo: 30, months: 24, priorities: []string{"P2", "P1"}},
		{title: "Nordiskt ungdomsutbyte om klimat", description: "Elever från Västerås och Randers arbetar med lokala klimatfrågor.", funder: "Nordic Council of Ministers", programme: "Nordplus Junior", partner: "Randers", fundingMajor: 420_000, currency: "DKK", startMonthsAgo: -3, months: 18, priorities: []string{"P5"}},
		{title: "Skolsamarbete Västerås–Kassel", description: "Lärarutbyte och gemensamma elevprojekt.", funder: "Erasmus+", programme: "KA2 Samverkansprojekt", partner: "Kassel", fundingMajor: 250_000, currency: "EUR", startMonthsAgo: 8, months: 24, priorities: []string{"P5"}},
	},
}

var goteborgProfile = profile{
	organisers: []organiser{
		{name: "Kommunfullmäktiges presidium", body: "kommunfullmäktige", political: true, budget: "KF", topics: []string{"twinning", "democracy"}, weight: 2},
		{name: "Kommunstyrelsen", body: "kommunstyrelsen", political: true, budget: "KS", topics: []string{"eu", "business", "urban", "twinning"}, weight: 3},
		{name: "Stadsledningskontoret, internationella relationer", body: "stadsledningskontoret", budget: "SLK", topics: []string{"twinning", "eu", "business", "democracy"}, weight: 4},
		{name: "Kulturnämnden", body: "kulturnämnden", political: true, budget: "KN", topics: []string{"culture", "youth"}, weight: 2},
		{name: "Miljö- och klimatnämnden", body: "miljö- och klimatnämnden", political: true, budget: "MKN", topics: []string{"climate", "energy", "circular"}, weight: 2},
		{name: "Grundskolenämnden", body: "grundskolenämnden", political: true, budget: "GSN", topics: []string{"education", "youth"}, weight: 1},
		{name: "Stadsbyggnadsnämnden", body: "stadsbyggnadsnämnden", political: true, budget: "SBN", topics: []string{"urban", "housing"}, weight: 2},
		{name: "Trafiknämnden", body: "trafiknämnden", political: true, budget: "TRN", topics: []string{"mobility"}, weight: 1},
		{name: "Stadsmiljöförvaltningen", body: "stadsmiljöförvaltningen", budget: "SMF", topics: []string{"mobility", "climate", "urban"}, weight: 2},
	},
	budget: []budgetTemplate{
		{code: "KF", name: "Kommunfullmäktiges presidium – vänortsmöten", ownerKind: "council", ownerName: "Kommunfullmäktige", major: 600_000, note: "Deltagande vid de nordiska vänortsmötena."},
		{code: "KS", name: "Kommunstyrelsen – internationellt samarbete", ownerKind: "committee", ownerName: "Kommunstyrelsen", major: 1_500_000},
		{code: "SLK", name: "Stadsledningskontoret – internationella relationer", ownerKind: "office", ownerName: "Stadsledningskontoret", major: 1_200_000},
		{code: "KN", name: "Kulturnämnden – internationellt utbyte", ownerKind: "committee", ownerName: "Kulturnämnden", major: 300_000},
		{code: "MKN", name: "Miljö- och klimatnämnden – studieresor", ownerKind: "committee", ownerName: "Miljö- och klimatnämnden", major: 250_000},
		{code: "GSN", name: "Grundskolenämnden – internationalisering", ownerKind: "committee", ownerName: "Grundskolenämnden", major: 350_000},
		{code: "SBN", name: "Stadsbyggnadsnämnden – studieresor", ownerKind: "committee", ownerName: "Stadsbyggnadsnämnden", major: 250_000},
		{code: "TRN", name: "Trafiknämnden – studieresor", ownerKind: "committee", ownerName: "Trafiknämnden", major: 200_000},
		{code: "SMF", name: "Stadsmiljöförvaltningen – nätverk och studieresor", ownerKind: "office", ownerName: "Stadsmiljöförvaltningen", major: 300_000},
	},
	priorities: map[string][]string{
		"twinning": {"D1", "R1"}, "democracy": {"D1"},
		"mobility": {"D2", "R4"}, "climate": {"D2", "R4"}, "housing": {"D2"}, "digital": {"D2"},
		"integration": {"D2", "R4"}, "education": {"D2", "R4"}, "business": {"D2"}, "culture": {"D2", "R4"},
		"youth": {"D2"}, "elderly": {"D2"}, "urban": {"D2", "R4"}, "eu": {"D2", "R5"}, "science": {"D2"},
		"energy": {"D2"}, "circular": {"D2", "R4"},
	},
	agreements: []agreementSpec{
		{typ: "declaration", title: "Gemensam förklaring från det nordiska vänortsmötet", summary: "Vänorterna enas om gemensamma prioriteringar för de kommande två åren.", partners: []string{"Aarhus", "Bergen", "Turku"}, network: "Göteborgs nordiska vänortssamarbete", signedYearsAgo: 1, priorities: []string{"D1", "R1"}},
		{typ: "cooperation_agreement", title: "Samarbetsavtal med Nelson Mandela Bay om hållbar stadsutveckling", summary: "Utbyte mellan förvaltningarna om vatten, avfall och medborgardialog.", partners: []string{"Nelson Mandela Bay"}, signedYearsAgo: 3, validYears: 4, priorities: []string{"D2", "R4"}},
		{typ: "memorandum", title: "Avsiktsförklaring med Bergen om klimatsamarbete", summary: "Gemensamt arbete med elektrifiering av hamnarna.", partners: []string{"Bergen"}, signedYearsAgo: 6, validYears: 4, priorities: []string{"D2"}},
		{typ: "network_membership", title: "Medlemskap i Eurocities", summary: "Nätverk för Europas större städer.", otherParty: "Eurocities", signedYearsAgo: 10, priorities: []string{"D2"}},
		{typ: "cooperation_agreement", title: "Samarbetsavtal med Åbo om kulturutbyte", summary: "Utkast: residens för konstnärer i båda städerna.", partners: []string{"Turku"}, draft: true, priorities: []string{"D2"}},
	},
	projects: []projectSpec{
		{title: "Nordiska vänorter för klimatneutrala hamnar", description: "Gemensam kartläggning av åtgärder för hamnarnas utsläpp.", funder: "Nordic Council of Ministers", programme: "Nordiskt klimatsamarbete", partner: "Aarhus", network: "Göteborgs nordiska vänortssamarbete", fundingMajor: 1_200_000, currency: "DKK", startMonthsAgo: 10, months: 24, priorities: []string{"D2"}},
		{title: "Kommunalt partnerskap Göteborg–Nelson Mandela Bay", description: "Stöd till förvaltningsutveckling inom vatten och avfall.", funder: "Sida/ICLD", programme: "Kommunala partnerskap", partner: "Nelson Mandela Bay", fundingMajor: 1_400_000, currency: "SEK", startMonthsAgo: 20, months: 36, priorities: []string{"D2", "R4"}},
		{title: "Gröna kvarter", description: "Klimatanpassade bostadsområden i Göteborg och Århus.", funder: "EU Interreg", programme: "Interreg Öresund-Kattegat-Skagerrak", partner: "Aarhus", fundingMajor: 2_300_000, currency: "EUR", startMonthsAgo: 40, months: 30, priorities: []string{"D2"}},
		{title: "Unga röster i Norden", description: "Ungdomsutbyte om inflytande och demokrati med Bergen.", funder: "Erasmus+", programme: "Ungdomsutbyte (KA1)", partner: "Bergen", fundingMajor: 180_000, currency: "EUR", startMonthsAgo: -4, months: 12, priorities: []string{"D2"}},
	},
}

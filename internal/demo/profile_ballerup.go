package demo

// ballerupProfile pays trips from the lines of Ballerup's seeded budget (the
// strategy's central lines C1–C4, the study-travel fund, the committees and the
// council); budget repeats them in case the seed is missing.
var ballerupProfile = profile{
	organisers: []organiser{
		{name: "Økonomiudvalget", body: "Økonomiudvalget", political: true, budget: "OKU", topics: []string{"business", "eu", "twinning"}, weight: 2},
		{name: "Kommunalbestyrelsen", body: "Kommunalbestyrelsen", political: true, council: true, budget: "KB", topics: []string{"twinning", "democracy"}, weight: 1},
		{name: "Børne- og Skoleudvalget", body: "Børne- og Skoleudvalget", political: true, budget: "SU", topics: []string{"education", "youth"}, weight: 2},
		{name: "Kultur- og Fritidsudvalget", body: "Kultur- og Fritidsudvalget", political: true, budget: "SU", topics: []string{"culture", "youth"}, weight: 1},
		{name: "Klima- og Miljøudvalget", body: "Klima- og Miljøudvalget", political: true, budget: "SU", topics: []string{"climate", "energy", "mobility"}, weight: 1},
		{name: "Social- og Sundhedsudvalget", body: "Social- og Sundhedsudvalget", political: true, budget: "SU", topics: []string{"elderly", "integration"}, weight: 1},
		{name: "Borgmesterens Afdeling, internationalt samarbejde", body: "Borgmesterens Afdeling", budget: "C3", topics: []string{"twinning", "business", "eu"}, weight: 3},
		{name: "Center for Skole", body: "Center for Skole", budget: "C4", topics: []string{"education"}, weight: 1},
		{name: "Center for Børn og Unge", body: "Center for Børn og Unge", budget: "C1", topics: []string{"youth"}, weight: 1},
		{name: "Center for Ældre og Sundhed", body: "Center for Ældre og Sundhed", budget: "SRF", topics: []string{"elderly", "digital"}, weight: 1},
		{name: "Center for Miljø og Teknik", body: "Center for Miljø og Teknik", budget: "SRF", topics: []string{"climate", "urban", "mobility"}, weight: 1},
	},
	budget: []budgetTemplate{
		{code: "C1", name: "Tilskud til børn og unge under 25 år til rejser og venskabsbyforeninger", ownerKind: "central", ownerName: "Centralt driftsbudget til internationale aktiviteter", major: 150_000},
		{code: "C2", name: "Tilskud til skoleelevers udveksling i Wuxi, Kina", ownerKind: "central", ownerName: "Centralt driftsbudget til internationale aktiviteter", major: 159_000},
		{code: "C3", name: "Rejser og aktiviteter i kommunens internationale samarbejde", ownerKind: "central", ownerName: "Centralt driftsbudget til internationale aktiviteter", major: 190_000},
		{code: "C4", name: "Netværk for lærere og aktører på skoleområdet", ownerKind: "central", ownerName: "Centralt driftsbudget til internationale aktiviteter", major: 23_000},
		{code: "SRF", name: "Studierejsefond", ownerKind: "fund", ownerName: "Ballerup Kommunes studierejsefond", major: 100_000},
		{code: "OKU", name: "Økonomiudvalget: kurser, konferencer og studieture", ownerKind: "committee", ownerName: "Økonomiudvalget", major: 65_000, carriesOver: true},
		{code: "SU", name: "Stående udvalg (hvert udvalg)", ownerKind: "committee", ownerName: "De stående udvalg", major: 65_000, carriesOver: true},
		{code: "KB", name: "Kommunalbestyrelsen: kurser, konferencer og studieture", ownerKind: "council", ownerName: "Kommunalbestyrelsen", major: 69_000, carriesOver: true},
	},
	priorities: map[string][]string{
		"youth": {"F1"}, "education": {"F1"}, "business": {"F2"}, "science": {"F2"}, "culture": {"F3"},
		"twinning": {"F3"}, "integration": {"F3", "F4"}, "climate": {"F4"}, "urban": {"F4"}, "digital": {"F4"},
		"elderly": {"F4"}, "mobility": {"F4"}, "eu": {"F4"}, "housing": {"F4"}, "democracy": {"F3", "F4"},
		"energy": {"F2", "F4"}, "circular": {"F2", "F4"},
	},
	agreements: []agreementSpec{
		{typ: "twin_town_agreement", title: "Fornyet venskabsbyaftale med Brandenburg an der Havel", summary: "Bekræftelse af venskabsbysamarbejdet med fokus på skoler og foreninger.", partners: []string{"Brandenburg an der Havel"}, signedYearsAgo: 3, priorities: []string{"F3"}},
		{typ: "cooperation_agreement", title: "Samarbejdsaftale med Praha 10 om skoleudveksling", summary: "Årlige udvekslinger mellem skoler i Ballerup og Praha 10.", partners: []string{"Prague 10"}, signedYearsAgo: 2, validYears: 4, priorities: []string{"F1"}},
		{typ: "memorandum", title: "Hensigtserklæring med East Kilbride om ungdomsudveksling", summary: "Udveksling mellem ungdomsråd og idrætsforeninger.", partners: []string{"East Kilbride (South Lanarkshire)"}, signedYearsAgo: 5, validYears: 3, priorities: []string{"F1", "F3"}},
		{typ: "cooperation_agreement", title: "Erhvervssamarbejde med Wuxi gennem Bycirklen", summary: "Fælles Kina-erhvervsstrategi med Egedal og Frederikssund; partnerskabet ophørte ved udgangen af 2020.", partners: []string{"Wuxi"}, network: "Bycirklen", signed: "2016-05-12", until: "2020-12-31", priorities: []string{"F2"}},
		{typ: "network_membership", title: "Medlemskab af Bycirklen", summary: "Samarbejdet mellem Ballerup, Egedal og Frederikssund Kommuner.", network: "Bycirklen", otherParty: "Egedal og Frederikssund Kommuner", signedYearsAgo: 9, priorities: []string{"F2", "F4"}},
	},
	projects: []projectSpec{
		{title: "Elevudveksling Ballerup–Praha 10", description: "Udveksling for elever i 8. klasse.", funder: "Erasmus+", programme: "KA1 Skoleudveksling", partner: "Prague 10", fundingMajor: 95_000, currency: "EUR", startMonthsAgo: 14, months: 24, priorities: []string{"F1"}},
		{title: "Nordisk netværk for velfærdsteknologi", description: "Erfaringsudveksling om velfærdsteknologi i ældreplejen.", funder: "Nordic Council of Ministers", programme: "Nordplus Voksen", fundingMajor: 350_000, currency: "DKK", startMonthsAgo: 30, months: 24, priorities: []string{"F4"}},
		{title: "Grøn omstilling i forstæderne", description: "Ballerup og Brandenburg an der Havel deler erfaringer med energirenovering.", funder: "EU Interreg", programme: "Interreg Baltic Sea Region", partner: "Brandenburg an der Havel", fundingMajor: 420_000, currency: "EUR", startMonthsAgo: -5, months: 36, priorities: []string{"F4", "F2"}},
		{title: "Ungdomsudveksling med East Kilbride", description: "Aflyst, da partnerne ikke kunne stille medfinansiering.", funder: "Erasmus+", programme: "Ungdomsudveksling (KA1)", partner: "East Kilbride (South Lanarkshire)", fundingMajor: 60_000, currency: "EUR", startMonthsAgo: 40, months: 12, cancelled: true, priorities: []string{"F1", "F3"}},
	},
}

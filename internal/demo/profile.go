package demo

// profile is what makes a municipality's demo data its own: who organises trips,
// how its international budget is structured, which of its priorities a topic
// serves, and its agreements and externally funded projects.
type profile struct {
	organisers []organiser
	budget     []budgetTemplate
	// priorities maps a topic key to the codes of the priorities it serves.
	priorities map[string][]string
	agreements []agreementSpec
	projects   []projectSpec
}

// organiser is a committee, the council or a department that organises trips.
type organiser struct {
	name      string // as trip.organiser shows it
	body      string // as role titles name it
	political bool   // politicians travel; otherwise staff
	// council members carry memberTitle (or the language's member title) and no
	// chair; committees have a chair and a vice-chair.
	council     bool
	memberTitle [2]string
	budget      string // code of the budget template line that pays
	topics      []string
	weight      int
}

// budgetTemplate is one budget line, repeated every fiscal year with code "D-"+code.
type budgetTemplate struct {
	code, name, ownerKind, ownerName string
	major                            int64 // yearly amount in major units
	carriesOver                      bool
	note                             string
	// bodyID is the body that holds the line (its seeded line's, or the body
	// named as its owner); 0: none.
	bodyID int64
}

// agreementSpec describes an agreement relative to Options.Now.
type agreementSpec struct {
	typ, title, summary string
	partners            []string // partner cities' English names; the first is linked
	network             string   // network name, or ""
	otherParty          string   // a party that is neither municipality nor partner city
	signedYearsAgo      int
	validYears          int    // 0: open-ended
	signed, until       string // fixed dates (YYYY-MM-DD) instead of the relative ones
	draft               bool
	priorities          []string
}

// projectSpec describes a project relative to Options.Now.
type projectSpec struct {
	title, description string
	funder, programme  string
	partner, network   string
	fundingMajor       int64
	currency           string // "" means the municipality's
	startMonthsAgo     int    // negative: starts in the future
	months             int
	cancelled          bool
	priorities         []string
}

// profiles are keyed by municipality slug.
var profiles = map[string]*profile{
	"vasteras":  &vasterasProfile,
	"stuttgart": &stuttgartProfile,
	"goteborg":  &goteborgProfile,
	"ballerup":  &ballerupProfile,
	"berlin":    &berlinProfile,
}

// profileFor returns the municipality's profile, or a plain one in its language
// for a municipality the demo does not know.
func profileFor(m *municipality) *profile {
	if p, ok := profiles[m.slug]; ok {
		return p
	}
	switch langFor(m.lang).code {
	case "sv":
		return &genericSwedish
	case "da":
		return &genericDanish
	}
	return &genericGerman
}

var genericSwedish = profile{
	organisers: []organiser{
		{name: "Kommunstyrelsen", body: "kommunstyrelsen", political: true, budget: "KS", topics: []string{"eu", "business", "twinning"}, weight: 3},
		{name: "Kommunledningskontoret", body: "kommunledningskontoret", budget: "KLK", topics: []string{"eu", "urban", "digital"}, weight: 3},
	},
	budget: []budgetTemplate{
		{code: "KS", name: "Kommunstyrelsen – internationellt arbete", ownerKind: "committee", ownerName: "Kommunstyrelsen", major: 400_000},
		{code: "KLK", name: "Internationella resor och nätverk", ownerKind: "office", ownerName: "Kommunledningskontoret", major: 300_000},
	},
}

var genericGerman = profile{
	organisers: []organiser{
		{name: "Gemeinderat", body: "Gemeinderat", political: true, council: true, budget: "GR", topics: []string{"twinning", "culture", "eu"}, weight: 2},
		{name: "Büro für internationale Angelegenheiten", body: "Büro für internationale Angelegenheiten", budget: "INT", topics: []string{"eu", "urban", "business"}, weight: 3},
	},
	budget: []budgetTemplate{
		{code: "GR", name: "Gemeinderat – Partnerschaftsreisen", ownerKind: "council", ownerName: "Gemeinderat", major: 30_000},
		{code: "INT", name: "Internationale Beziehungen", ownerKind: "office", ownerName: "Büro für internationale Angelegenheiten", major: 50_000},
	},
}

var genericDanish = profile{
	organisers: []organiser{
		{name: "Økonomiudvalget", body: "Økonomiudvalget", political: true, budget: "OKU", topics: []string{"eu", "business", "twinning"}, weight: 2},
		{name: "Borgmesterens Afdeling", body: "Borgmesterens Afdeling", budget: "INT", topics: []string{"eu", "urban", "twinning"}, weight: 3},
	},
	budget: []budgetTemplate{
		{code: "OKU", name: "Økonomiudvalget: kurser, konferencer og studieture", ownerKind: "committee", ownerName: "Økonomiudvalget", major: 65_000, carriesOver: true},
		{code: "INT", name: "Internationalt samarbejde", ownerKind: "office", ownerName: "Borgmesterens Afdeling", major: 200_000},
	},
}

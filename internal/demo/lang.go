package demo

// lang holds the texts of one content language: names for invented people, role
// titles, and templates for purposes, programmes, costs, reports and comments.
// Templates name their slots in braces: {city} the destination, {topic}, {org} the
// organiser, {home} the municipality, {body} a committee or department, {mode} a
// means of transport, {n} the number of travellers, {nights}.
type lang struct {
	code                    string
	femaleFirst, maleFirst  []string
	lastNames               []string
	topics                  map[string]string // topic key → phrase
	partnerPurposes         []string
	conferencePurposes      []string
	politicalPurposes       []string  // for trips of committees and councils
	alsoVisiting            string    // appended per further destination
	chair, viceChair        [2]string // female, male
	member                  [2]string
	secretary, lead, expert [2]string // staff
	officer                 [2]string
	others                  []string // roles of travellers who are neither
	arrive, depart          item
	items                   []item
	modeWords               map[string]string // transport mode → word
	costTransport           string
	costLodging             string
	costPerDiem, costMeals  string
	costFees                string
	costLocal, costGifts    string
	goal, carriedOut        []string
	outcome, followUp       []string
	followUpCommittee       []string // for trips of committees and councils
	goalExtra, outcomeExtra []string
	returnPlan              []string
	returnReport            []string
	// minutes is the reference of a committee's minutes: {body}, {date} of the
	// meeting (in minutesDate's layout) and {n} the item.
	minutes, minutesDate string
}

// item is a programme entry template: description and location.
type item struct{ desc, loc string }

// topicKeys lists every topic, in a fixed order for deterministic draws.
var topicKeys = []string{
	"mobility", "climate", "housing", "digital", "integration", "education", "business",
	"culture", "youth", "elderly", "urban", "democracy", "eu", "science", "energy",
	"circular", "twinning",
}

// langs are the content languages of the seeded municipalities.
var langs = map[string]*lang{"sv": &swedish, "de": &german, "da": &danish}

// langFor returns the pack for a BCP 47 tag; an unknown tag gets German, the
// language of two of the seeded municipalities.
func langFor(tag string) *lang {
	if len(tag) >= 2 {
		if l, ok := langs[tag[:2]]; ok {
			return l
		}
	}
	return &german
}

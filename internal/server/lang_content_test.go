package server_test

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/policy"
)

// contentQuery lists stored texts with the language they are written in, as
// (kind, text, language) rows. A text without a language column of its own is
// in its municipality's primary language (trips, agreements, budget lines,
// projects, meetings, notices: what staff of that municipality write). Proper
// names (municipalities, partner cities, travellers, network names) are left
// out: WCAG 3.1.2 does not ask for their language.
const contentQuery = `
WITH ml AS (SELECT id, languages[1] AS lang FROM municipality)
SELECT 'policy title', p.title, p.language FROM policy p
UNION ALL SELECT 'policy summary', p.summary, p.language FROM policy p
UNION ALL SELECT 'adopted by', p.adopted_by, p.language FROM policy p WHERE p.adopted_by IS NOT NULL
UNION ALL SELECT 'policy source', p.source, p.language FROM policy p
UNION ALL SELECT 'policy publisher', p.source_publisher, p.language FROM policy p WHERE p.source_publisher IS NOT NULL
UNION ALL SELECT 'priority title', pr.title, p.language FROM priority pr JOIN policy p ON p.id = pr.policy_id
UNION ALL SELECT 'priority description', pr.description, p.language FROM priority pr JOIN policy p ON p.id = pr.policy_id
UNION ALL SELECT 'priority sentence', pr.source_sentence, p.language FROM priority pr JOIN policy p ON p.id = pr.policy_id WHERE pr.source_sentence IS NOT NULL
UNION ALL SELECT 'rule sentence', r.source_sentence, p.language FROM policy_rule r JOIN policy p ON p.id = r.policy_id
UNION ALL SELECT 'rule description', r.description, coalesce(r.description_lang, ml.lang)
  FROM policy_rule r JOIN policy p ON p.id = r.policy_id JOIN ml ON ml.id = p.municipality_id
UNION ALL SELECT 'partnership note', ps.note, coalesce(ps.note_lang, ml.lang) FROM partnership ps JOIN ml ON ml.id = ps.municipality_id
UNION ALL SELECT 'council decision', ps.council_decision_ref, ml.lang FROM partnership ps JOIN ml ON ml.id = ps.municipality_id WHERE ps.council_decision_ref IS NOT NULL
UNION ALL SELECT 'status note', c.note, coalesce(c.note_lang, ml.lang)
  FROM partnership_status_change c JOIN partnership ps ON ps.id = c.partnership_id JOIN ml ON ml.id = ps.municipality_id
UNION ALL SELECT 'network description', n.description, coalesce(n.language, 'und') FROM network n
UNION ALL SELECT 'membership note', nm.note, ml.lang FROM network_membership nm JOIN ml ON ml.id = nm.municipality_id
UNION ALL SELECT 'project title', pj.title, ml.lang FROM project pj JOIN ml ON ml.id = pj.municipality_id
UNION ALL SELECT 'project description', pj.description, ml.lang FROM project pj JOIN ml ON ml.id = pj.municipality_id
UNION ALL SELECT 'agreement title', a.title, ml.lang FROM agreement a JOIN ml ON ml.id = a.municipality_id
UNION ALL SELECT 'agreement summary', a.summary, ml.lang FROM agreement a JOIN ml ON ml.id = a.municipality_id
UNION ALL SELECT 'body name', b.name, b.language FROM body b
UNION ALL SELECT 'budget line name', bl.name, ml.lang FROM budget_line bl JOIN ml ON ml.id = bl.municipality_id
UNION ALL SELECT 'budget line note', bl.note, ml.lang FROM budget_line bl JOIN ml ON ml.id = bl.municipality_id
UNION ALL SELECT 'meeting place', tm.place, ml.lang FROM twin_city_meeting tm JOIN ml ON ml.id = tm.municipality_id
UNION ALL SELECT 'meeting note', tm.note, ml.lang FROM twin_city_meeting tm JOIN ml ON ml.id = tm.municipality_id
UNION ALL SELECT 'meeting participants', tm.participants, ml.lang FROM twin_city_meeting tm JOIN ml ON ml.id = tm.municipality_id
UNION ALL SELECT 'notice summary', cn.summary, ml.lang FROM cooperation_notice cn JOIN ml ON ml.id = cn.municipality_id
UNION ALL SELECT 'notice department', cn.department, ml.lang FROM cooperation_notice cn JOIN ml ON ml.id = cn.municipality_id
UNION ALL SELECT 'trip title', t.title, ml.lang FROM trip t JOIN ml ON ml.id = t.municipality_id
UNION ALL SELECT 'trip purpose', t.purpose, ml.lang FROM trip t JOIN ml ON ml.id = t.municipality_id
UNION ALL SELECT 'trip organiser', t.organiser, ml.lang FROM trip t JOIN ml ON ml.id = t.municipality_id
UNION ALL SELECT 'traveller role', tt.role, ml.lang FROM trip_traveller tt JOIN trip t ON t.id = tt.trip_id JOIN ml ON ml.id = t.municipality_id
UNION ALL SELECT 'programme item', pi.description, ml.lang FROM trip_programme_item pi JOIN trip t ON t.id = pi.trip_id JOIN ml ON ml.id = t.municipality_id
UNION ALL SELECT 'programme location', pi.location, ml.lang FROM trip_programme_item pi JOIN trip t ON t.id = pi.trip_id JOIN ml ON ml.id = t.municipality_id
UNION ALL SELECT 'cost description', c.description, ml.lang FROM trip_cost c JOIN trip t ON t.id = c.trip_id JOIN ml ON ml.id = t.municipality_id
UNION ALL SELECT 'report', x.text, ml.lang
  FROM trip_report r JOIN trip t ON t.id = r.trip_id JOIN ml ON ml.id = t.municipality_id,
  LATERAL (VALUES (r.goal), (r.outcome), (r.follow_up), (r.programme_carried_out)) AS x(text)
`

// contentKinds are the kinds the test must find on some page: each is a piece of
// content a page shows, so finding none means the walk or the needle is wrong.
var contentKinds = []string{
	"policy title", "policy summary", "policy text", "policy heading", "adopted by", "policy source",
	"policy publisher", "priority title", "priority description", "priority sentence", "rule sentence",
	"rule description", "partnership note", "council decision", "status note", "network description",
	"membership note", "project title", "project description", "agreement title", "agreement summary",
	"body name", "budget line name", "budget line note", "meeting place", "meeting participants",
	"notice summary", "notice department",
	"trip title", "trip purpose", "trip organiser", "traveller role", "programme item", "programme location",
	"cost description", "report",
}

// needle is a piece of content to look for, with the languages it is written in
// (one, unless the same words are stored in two languages).
type needle struct {
	kinds []string
	text  string
	langs []string
}

// needles are the content texts, indexed by their longest word so a page is
// matched against the few whose word it contains.
type needles struct {
	byWord map[string][]*needle
	all    map[string]*needle
}

// minNeedle is the shortest text looked for: shorter ones ("Wuxi", "Rom")
// turn up inside other words and names.
const minNeedle = 6

// prefixWords is how many words of a long line are looked for on their own,
// for the lists that show the start of a text.
const prefixWords = 6

func contentNeedles(t *testing.T, pool *pgxpool.Pool) *needles {
	t.Helper()
	ns := &needles{byWord: map[string][]*needle{}, all: map[string]*needle{}}
	rows, err := pool.Query(t.Context(), contentQuery)
	if err != nil {
		t.Fatalf("content texts: %v", err)
	}
	for rows.Next() {
		var kind, text, lang string
		if err := rows.Scan(&kind, &text, &lang); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(text, "\n") {
			ns.add(kind, strings.TrimPrefix(strings.TrimSpace(line), "- "), lang)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("content texts: %v", err)
	}
	// A policy's text is shown as headings, paragraphs and list items.
	rows, err = pool.Query(t.Context(), `SELECT full_text, headings, language FROM policy`)
	if err != nil {
		t.Fatalf("policy texts: %v", err)
	}
	defer rows.Close()
	for rows.Next() {
		var text, lang string
		var headings []string
		if err := rows.Scan(&text, &headings, &lang); err != nil {
			t.Fatal(err)
		}
		for _, b := range policy.TextBlocks(text, headings) {
			switch {
			case b.Heading:
				ns.add("policy heading", b.Text, lang)
			case len(b.Items) > 0:
				for _, it := range b.Items {
					ns.add("policy text", it, lang)
				}
			default:
				ns.add("policy text", b.Text, lang)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("policy texts: %v", err)
	}
	texts := slices.Collect(maps.Keys(ns.all))
	rows, err = pool.Query(t.Context(), namesQuery, texts)
	if err != nil {
		t.Fatalf("names: %v", err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		ns.drop(normalize(name))
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("names: %v", err)
	}
	return ns
}

// namesQuery lists proper names, which a text equal to one is taken for: a
// programme item's location "Barcelona", a publisher "Ballerup Kommune".
const namesQuery = `
SELECT t FROM unnest($1::text[]) AS t
WHERE t IN (SELECT name FROM municipality UNION SELECT name_en FROM municipality
            UNION SELECT name FROM partner_city UNION SELECT name_en FROM partner_city
            UNION SELECT name FROM place UNION SELECT name FROM place_name
            UNION SELECT city FROM trip_destination UNION SELECT name FROM trip_traveller
            UNION SELECT name FROM agreement_party)`

// drop forgets the needle text, a name.
func (ns *needles) drop(text string) {
	n, ok := ns.all[text]
	if !ok {
		return
	}
	delete(ns.all, text)
	key := longestWord(text)
	ns.byWord[key] = slices.DeleteFunc(ns.byWord[key], func(m *needle) bool { return m == n })
}

func (ns *needles) add(kind, text, lang string) {
	text = normalize(text)
	ns.put(kind, text, lang)
	if words := strings.Fields(text); len(words) > 2*prefixWords {
		ns.put(kind, strings.Join(words[:prefixWords], " "), lang)
	}
}

func (ns *needles) put(kind, text, lang string) {
	if utf8.RuneCountInString(text) < minNeedle || !strings.ContainsFunc(text, unicode.IsLetter) {
		return
	}
	if n, ok := ns.all[text]; ok {
		if !slices.Contains(n.kinds, kind) {
			n.kinds = append(n.kinds, kind)
		}
		if !slices.ContainsFunc(n.langs, func(l string) bool { return primary(l) == primary(lang) }) {
			n.langs = append(n.langs, lang)
		}
		return
	}
	n := &needle{kinds: []string{kind}, text: text, langs: []string{lang}}
	ns.all[text] = n
	key := longestWord(text)
	ns.byWord[key] = append(ns.byWord[key], n)
}

// candidates are the needles whose longest word is among words.
func (ns *needles) candidates(words map[string]bool) []*needle {
	var out []*needle
	for w := range words {
		out = append(out, ns.byWord[w]...)
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// joins reports whether r joins the text before or after it into one word:
// "Kultur" is not a text of its own in "Kultur-, idrotts- och fritidsnämnden".
func joins(r rune) bool { return isWordRune(r) || r == '-' || r == '\u00ad' }

func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
}

func longestWord(s string) string {
	best := ""
	for _, w := range splitWords(s) {
		if utf8.RuneCountInString(w) > utf8.RuneCountInString(best) {
			best = w
		}
	}
	return best
}

// normalize collapses white space as a browser shows it.
func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }

// primary is the primary subtag of a language tag, lower case.
func primary(tag string) string {
	p, _, _ := strings.Cut(tag, "-")
	return strings.ToLower(p)
}

// containsWords reports whether s contains text starting and ending at word
// boundaries.
func containsWords(s, text string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], text)
		if i < 0 {
			return false
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(text):])
		first, _ := utf8.DecodeRuneInString(text)
		last, _ := utf8.DecodeLastRuneInString(text)
		if (i == 0 || !joins(before) || !isWordRune(first)) &&
			(i+len(text) == len(s) || !joins(after) || !isWordRune(last)) {
			return true
		}
		from = i + 1
	}
}

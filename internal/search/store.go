package search

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
)

// Result is one document found.
type Result struct {
	Kind Kind
	// ID is the id of the policy, partnership, agreement or trip.
	ID int64
	// Title and Snippet are highlighted: the words that matched are marked.
	Title   []Segment
	Snippet []Segment
	// Reference is a trip's public reference; empty for the other kinds.
	Reference string
	// Language is the BCP 47 tag of the document's text.
	Language             string
	MunicipalitySlug     string
	MunicipalityName     string
	MunicipalityLanguage string
	IsDemo               bool
	// StartsOn and EndsOn are a trip's dates, when known.
	StartsOn, EndsOn *time.Time
	// PartnershipKind and SinceYear describe a partnership (twin_town, … as in
	// the schema); empty and nil for the other kinds.
	PartnershipKind string
	SinceYear       *int64
}

// URL is the address of the public page that shows the result.
func (r Result) URL() string {
	base := "/m/" + url.PathEscape(r.MunicipalitySlug)
	id := strconv.FormatInt(r.ID, 10)
	switch r.Kind {
	case Policies:
		return base + "/policy"
	case Partnerships:
		return base + "/partners/" + id
	case Agreements:
		return base + "/agreements#agreement-" + id
	case Trips:
		return base + "/trips/" + url.PathEscape(r.Reference)
	}
	return base
}

// Group is the results of one kind shown on a page.
type Group struct {
	Kind Kind
	// Total counts every result of the kind, not only those on this page; at most
	// the store's cap, and then Capped is set.
	Total int
	// Capped reports that more than Total results of the kind match: they are ranked
	// among the Total most recent.
	Capped bool
	// Page and Pages number this page among the kind's pages of PerPage results.
	Page, Pages int
	Results     []Result
}

// Results is the answer to a search.
type Results struct {
	// Counts has the number of results of every kind, whichever kind is shown, each
	// at most the store's cap.
	Counts map[Kind]int
	// Capped has the kinds of which more results match than Counts says.
	Capped map[Kind]bool
	// Total is the sum of Counts.
	Total int
	// Groups has, in the order of Kinds, the kinds that have results and are shown:
	// every kind's first page, or the page asked for of the one kind asked for.
	Groups []Group
	// HasDemo reports whether any result shown is demonstration data.
	HasDemo bool
}

// AnyCapped reports whether the count of any kind is capped.
func (r Results) AnyCapped() bool {
	for _, c := range r.Capped {
		if c {
			return true
		}
	}
	return false
}

// Cap is how many matches of one kind a search counts and ranks. A common word
// matches a large share of all trips (at 100,000 trips, "Kontakte" matches 55,000);
// counting and ranking every one of them reads every document, hundreds of
// milliseconds, for pages nobody reads to the end. So a search counts up to Cap
// matches of each kind, says "500+" when there are more, and ranks by relevance
// the Cap most recent matches (the newest documents first where relevance ties).
// Policies, partnerships and agreements never come near it.
const Cap = 500

// Store runs searches in PostgreSQL.
type Store struct {
	q   database.Querier
	cap int
}

// NewStore returns a Store on q.
func NewStore(q database.Querier) *Store { return &Store{q: q, cap: Cap} }

// configs are the text search configurations search_config() in the migration can
// return. A document matches when its own configuration's parse of the query does,
// or when the word-for-word ('simple') parse does.
var configs = []string{"swedish", "danish", "german", "english", "simple"}

// docKinds are the kind column's values, in the order of Kinds.
var docKinds = func() []string {
	var ks []string
	for _, k := range Kinds {
		ks = append(ks, k.docKind())
	}
	return ks
}()

// matchSQL is the WHERE condition "d matches $1". It names every configuration as a
// constant so that each arm is a scan of that configuration's partial GIN index and
// the planner ORs their bitmaps; websearch_to_tsquery(d.config, $1) could use no
// index at all.
var matchSQL = func() string {
	arms := []string{`d.simple_tsv @@ websearch_to_tsquery('pg_catalog.simple', $1)`}
	for _, c := range configs {
		arms = append(arms, fmt.Sprintf(
			`(d.config = 'pg_catalog.%[1]s'::regconfig AND d.tsv @@ websearch_to_tsquery('pg_catalog.%[1]s', $1))`, c))
	}
	return "(" + strings.Join(arms, "\n    OR ") + ")"
}()

// ownQuerySQL is $1 parsed in the configuration of the row called alias. Each
// branch has a constant configuration, so PostgreSQL parses the query once per
// configuration when it plans the statement instead of once per matching row.
func ownQuerySQL(alias string) string {
	var b strings.Builder
	b.WriteString("CASE " + alias + ".config")
	for _, c := range configs {
		fmt.Fprintf(&b, " WHEN 'pg_catalog.%[1]s'::regconfig THEN websearch_to_tsquery('pg_catalog.%[1]s', $1)", c)
	}
	b.WriteString(" END")
	return b.String()
}

// countSQL counts the documents matching $1, in municipality $2 (0 for all), by
// kind, up to $3 of each. Every kind is its own branch with the kind as a constant,
// so each is planned for its own size: a common word among trips stops after $3
// matches of a scan, a rare one reads its few matches from the indexes.
var countSQL = func() string {
	var arms []string
	for _, k := range docKinds {
		arms = append(arms, fmt.Sprintf(`
SELECT '%[1]s', count(*)
  FROM (SELECT 1 FROM search_document d
         WHERE d.kind = '%[1]s'
           AND ($2::bigint = 0 OR d.municipality_id = $2)
           AND %[2]s
         LIMIT $3) c`, k, matchSQL))
	}
	return strings.Join(arms, "\nUNION ALL")
}()

// candidatesSQL are, for each kind (only kind $3 unless it is empty), the $8 most
// recent documents matching $1 in municipality $2 (0 for all): what resultSQL ranks.
var candidatesSQL = func() string {
	var arms []string
	for _, k := range docKinds {
		arms = append(arms, fmt.Sprintf(`
(SELECT d.kind, d.source_id, d.config, d.tsv, d.simple_tsv
   FROM search_document d
  WHERE d.kind = '%[1]s'
    AND ($3 = '' OR $3 = '%[1]s')
    AND ($2::bigint = 0 OR d.municipality_id = $2)
    AND %[2]s
  ORDER BY d.source_id DESC
  LIMIT $8)`, k, matchSQL))
	}
	return strings.Join(arms, "\nUNION ALL")
}()

// resultSQL ranks the candidates within their kind and returns ranks $4+1 to $4+$5
// of each, highlighted with ts_headline options $6 (title) and $7 (snippet). The
// headlines, the expensive part, are made only for the rows returned.
var resultSQL = `
WITH c AS (` + candidatesSQL + `
), r AS (
SELECT c.kind, c.source_id,
       row_number() OVER (PARTITION BY c.kind
           ORDER BY ts_rank_cd(c.tsv, ` + ownQuerySQL("c") + `, 1)
                    + ts_rank_cd(c.simple_tsv, websearch_to_tsquery('pg_catalog.simple', $1), 1) DESC,
                    c.source_id DESC) AS rn
  FROM c
)
SELECT d.kind, d.source_id, coalesce(d.reference, ''), d.language, d.is_demo,
       m.slug, m.name, m.languages[1], t.starts_on, t.ends_on, coalesce(ps.kind, ''), ps.since_year,
       ts_headline(d.config, search_text(d.title), (` + ownQuerySQL("d") + `) || websearch_to_tsquery('pg_catalog.simple', $1), $6),
       ts_headline(d.config, search_text(concat_ws(E'\n', nullif(d.summary, ''), nullif(d.body, ''))),
                   (` + ownQuerySQL("d") + `) || websearch_to_tsquery('pg_catalog.simple', $1), $7)
  FROM r
  JOIN search_document d ON d.kind = r.kind AND d.source_id = r.source_id
  JOIN municipality m ON m.id = d.municipality_id
  LEFT JOIN LATERAL (SELECT t.starts_on, t.ends_on FROM trip t
                      WHERE d.kind = 'trip' AND t.id = d.source_id) t ON true
  LEFT JOIN LATERAL (SELECT ps.kind, ps.since_year FROM partnership ps
                      WHERE d.kind = 'partnership' AND ps.id = d.source_id) ps ON true
 WHERE r.rn > $4 AND r.rn <= $4 + $5
 ORDER BY d.kind, r.rn`

// ts_headline options: titles are short, so every match in them is marked; the
// snippet is up to two fragments around the best matches.
var (
	titleOptions   = `HighlightAll=true, StartSel="` + string(startSel) + `", StopSel="` + string(stopSel) + `"`
	snippetOptions = `MaxFragments=2, MaxWords=24, MinWords=10, ShortWord=2, FragmentDelimiter=" … ", ` +
		`StartSel="` + string(startSel) + `", StopSel="` + string(stopSel) + `"`
)

// Search runs q, whose Text must not be empty, in municipality municipalityID (0
// for all). With q.Kind empty it returns the first PerPage results of every kind;
// otherwise page q.Page of that kind, or its last page when q.Page is past it.
//
// Both statements run as unnamed statements (QueryExecModeCacheDescribe), so
// PostgreSQL plans each search for its own text: websearch_to_tsquery of a constant
// is parsed once, and a rare word gets index scans where a common one gets a
// sequential scan. A cached generic plan would do neither.
func (s *Store) Search(ctx context.Context, q Query, municipalityID int64) (Results, error) {
	res := Results{Counts: map[Kind]int{}, Capped: map[Kind]bool{}}
	// One more than the cap tells "exactly the cap" from "more than the cap".
	rows, err := s.q.Query(ctx, countSQL, pgx.QueryExecModeCacheDescribe, q.Text, municipalityID, s.cap+1)
	if err != nil {
		return res, fmt.Errorf("count search results: %w", err)
	}
	var kind string
	var n int
	if _, err := pgx.ForEachRow(rows, []any{&kind, &n}, func() error {
		if n > s.cap {
			n = s.cap
			res.Capped[kindOf(kind)] = true
		}
		res.Counts[kindOf(kind)] = n
		res.Total += n
		return nil
	}); err != nil {
		return res, fmt.Errorf("count search results: %w", err)
	}

	page := 1
	if q.Kind != "" {
		page = min(q.Page, pages(res.Counts[q.Kind]))
		if res.Counts[q.Kind] == 0 {
			return res, nil
		}
	} else if res.Total == 0 {
		return res, nil
	}
	offset := (page - 1) * PerPage
	rows, err = s.q.Query(ctx, resultSQL, append([]any{pgx.QueryExecModeCacheDescribe}, resultArgs(q, municipalityID, offset, s.cap)...)...)
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	byKind := map[Kind][]Result{}
	var r Result
	var title, snippet string
	if _, err := pgx.ForEachRow(rows, []any{&kind, &r.ID, &r.Reference, &r.Language, &r.IsDemo,
		&r.MunicipalitySlug, &r.MunicipalityName, &r.MunicipalityLanguage, &r.StartsOn, &r.EndsOn,
		&r.PartnershipKind, &r.SinceYear, &title, &snippet}, func() error {
		r.Kind = kindOf(kind)
		r.Title, r.Snippet = Highlight(title), Highlight(snippet)
		byKind[r.Kind] = append(byKind[r.Kind], r)
		res.HasDemo = res.HasDemo || r.IsDemo
		r = Result{} // the next scan must not write into this one's pointers
		return nil
	}); err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	for _, k := range Kinds {
		if len(byKind[k]) == 0 {
			continue
		}
		res.Groups = append(res.Groups, Group{
			Kind: k, Total: res.Counts[k], Capped: res.Capped[k], Page: page, Pages: pages(res.Counts[k]), Results: byKind[k],
		})
	}
	return res, nil
}

// resultArgs are the parameters of resultSQL.
func resultArgs(q Query, municipalityID int64, offset, limit int) []any {
	return []any{q.Text, municipalityID, q.Kind.docKind(), offset, PerPage, titleOptions, snippetOptions, limit}
}

// pages is the number of pages n results fill; at least one.
func pages(n int) int {
	return max(1, (n+PerPage-1)/PerPage)
}

package search

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
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
	// Total counts every result of the kind, not only those on this page.
	Total int
	// Page and Pages number this page among the kind's pages of PerPage results.
	Page, Pages int
	Results     []Result
}

// Results is the answer to a search.
type Results struct {
	// Counts has the number of results of every kind, whichever kind is shown.
	Counts map[Kind]int
	// Total is the sum of Counts.
	Total int
	// Groups has, in the order of Kinds, the kinds that have results and are shown:
	// every kind's first page, or the page asked for of the one kind asked for.
	Groups []Group
	// HasDemo reports whether any result shown is demonstration data.
	HasDemo bool
}

// Store runs searches in PostgreSQL.
type Store struct{ pool *pgxpool.Pool }

// NewStore returns a Store on pool.
func NewStore(pool *pgxpool.Pool) *Store { return &Store{pool: pool} }

// configs are the text search configurations search_config() in the migration can
// return. A document matches when its own configuration's parse of the query does,
// or when the word-for-word ('simple') parse does.
var configs = []string{"swedish", "danish", "german", "english", "simple"}

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

// ownQuerySQL is $1 parsed in d's own configuration. Each branch has a constant
// configuration, so PostgreSQL parses the query once per configuration when it
// plans the statement instead of once per matching row.
var ownQuerySQL = func() string {
	var b strings.Builder
	b.WriteString("CASE d.config")
	for _, c := range configs {
		fmt.Fprintf(&b, " WHEN 'pg_catalog.%[1]s'::regconfig THEN websearch_to_tsquery('pg_catalog.%[1]s', $1)", c)
	}
	b.WriteString(" END")
	return b.String()
}()

// countSQL counts the documents matching $1, in municipality $2 (0 for all), by kind.
var countSQL = `
SELECT d.kind, count(*)
  FROM search_document d
 WHERE ($2::bigint = 0 OR d.municipality_id = $2)
   AND ` + matchSQL + `
 GROUP BY d.kind`

// resultSQL ranks the documents matching $1 in municipality $2 (0 for all) of kind
// $3 (empty for all) within their kind and returns ranks $4+1 to $4+$5 of each,
// highlighted with ts_headline options $6 (title) and $7 (snippet). The headlines,
// the expensive part, are made only for the rows returned.
var resultSQL = `
SELECT r.kind, r.source_id, coalesce(r.reference, ''), r.language, r.is_demo,
       m.slug, m.name, m.languages[1], t.starts_on, t.ends_on, coalesce(ps.kind, ''), ps.since_year,
       ts_headline(r.config, search_text(r.title), r.hq, $6),
       ts_headline(r.config, search_text(concat_ws(E'\n', nullif(r.summary, ''), nullif(r.body, ''))), r.hq, $7)
  FROM (SELECT d.kind, d.source_id, d.municipality_id, d.reference, d.language, d.config,
               d.title, d.summary, d.body, d.is_demo,
               (` + ownQuerySQL + `) || websearch_to_tsquery('pg_catalog.simple', $1) AS hq,
               row_number() OVER (PARTITION BY d.kind
                   ORDER BY ts_rank_cd(d.tsv, ` + ownQuerySQL + `, 1)
                            + ts_rank_cd(d.simple_tsv, websearch_to_tsquery('pg_catalog.simple', $1), 1) DESC,
                            d.source_id DESC) AS rn
          FROM search_document d
         WHERE ($2::bigint = 0 OR d.municipality_id = $2)
           AND ($3 = '' OR d.kind = $3)
           AND ` + matchSQL + `) r
  JOIN municipality m ON m.id = r.municipality_id
  LEFT JOIN LATERAL (SELECT t.starts_on, t.ends_on FROM trip t
                      WHERE r.kind = 'trip' AND t.id = r.source_id) t ON true
  LEFT JOIN LATERAL (SELECT ps.kind, ps.since_year FROM partnership ps
                      WHERE r.kind = 'partnership' AND ps.id = r.source_id) ps ON true
 WHERE r.rn > $4 AND r.rn <= $4 + $5
 ORDER BY r.kind, r.rn`

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
	res := Results{Counts: map[Kind]int{}}
	rows, err := s.pool.Query(ctx, countSQL, pgx.QueryExecModeCacheDescribe, q.Text, municipalityID)
	if err != nil {
		return res, fmt.Errorf("count search results: %w", err)
	}
	var kind string
	var n int
	if _, err := pgx.ForEachRow(rows, []any{&kind, &n}, func() error {
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
	rows, err = s.pool.Query(ctx, resultSQL, append([]any{pgx.QueryExecModeCacheDescribe}, resultArgs(q, municipalityID, offset)...)...)
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
			Kind: k, Total: res.Counts[k], Page: page, Pages: pages(res.Counts[k]), Results: byKind[k],
		})
	}
	return res, nil
}

// resultArgs are the parameters of resultSQL.
func resultArgs(q Query, municipalityID int64, offset int) []any {
	return []any{q.Text, municipalityID, q.Kind.docKind(), offset, PerPage, titleOptions, snippetOptions}
}

// pages is the number of pages n results fill; at least one.
func pages(n int) int {
	return max(1, (n+PerPage-1)/PerPage)
}

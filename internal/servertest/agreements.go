package servertest

import (
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Agreement is an agreement of Stuttgart as the public register shows it.
type Agreement struct {
	Type, Title, Status string
	Signed, ValidUntil  *time.Time
	Partner             string // name_en of the partner city of the linked partnership
	Priority            string // priority code
	Demo                bool
}

// InsertAgreement inserts a with two parties and, when a.Priority is set, a
// linked priority; it returns the agreement's id.
func InsertAgreement(t *testing.T, pool *pgxpool.Pool, a Agreement) int64 {
	t.Helper()
	var id int64
	err := pool.QueryRow(t.Context(), `
INSERT INTO agreement (municipality_id, type, title, status, signed_on, valid_until, partnership_id, is_demo)
SELECT m.id, $1, $2, $3, $4, $5,
       (SELECT p.id FROM partnership p JOIN partner_city c ON c.id = p.partner_city_id
         WHERE p.municipality_id = m.id AND c.name_en = $6),
       $7
FROM municipality m WHERE m.slug = 'stuttgart' RETURNING id`,
		a.Type, a.Title, a.Status, a.Signed, a.ValidUntil, a.Partner, a.Demo).Scan(&id)
	if err != nil {
		t.Fatalf("insert agreement %q: %v", a.Title, err)
	}
	Exec(t, pool, `
INSERT INTO agreement_party (agreement_id, position, municipality_id, name)
SELECT $1, 1, id, name FROM municipality WHERE slug = 'stuttgart'`, id)
	partnerName := a.Partner
	if partnerName == "" {
		partnerName = "Deutscher Städtetag"
	}
	Exec(t, pool, `INSERT INTO agreement_party (agreement_id, position, name) VALUES ($1, 2, $2)`, id, partnerName)
	if a.Priority != "" {
		Exec(t, pool, `
INSERT INTO agreement_priority (agreement_id, priority_id)
SELECT $1, p.id FROM priority p JOIN policy pol ON pol.id = p.policy_id JOIN municipality m ON m.id = pol.municipality_id
WHERE m.slug = 'stuttgart' AND p.code = $2`, id, a.Priority)
	}
	return id
}

// Date is a pointer to the day y-m-d, for fixtures.
func Date(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

// SeedStuttgartAgreements gives Stuttgart one agreement of each public kind of
// status, one in force on paper whose validity has ended, a demo row and a draft.
func SeedStuttgartAgreements(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	for _, a := range []Agreement{
		{Type: "twin_town_agreement", Title: "Partnerschaftsurkunde Stuttgart–Cardiff", Status: "in_force", Signed: Date(1955, 5, 1), Partner: "Cardiff", Priority: "F1"},
		{Type: "cooperation_agreement", Title: "Kooperationsvereinbarung Klimaschutz", Status: "in_force", Signed: Date(2021, 3, 10), ValidUntil: Date(2025, 12, 31), Partner: "Brno"},
		{Type: "memorandum", Title: "Absichtserklärung Mobilität", Status: "expired", Signed: Date(2015, 6, 1), ValidUntil: Date(2020, 6, 1)},
		{Type: "declaration", Title: "Erklärung zur Zusammenarbeit mit Samara", Status: "terminated", Signed: Date(2019, 10, 1), Partner: "Samara"},
		{Type: "convention", Title: "Demo-Konvention Wasser", Status: "in_force", Signed: Date(2026, 2, 2), Demo: true},
		{Type: "cooperation_agreement", Title: "Geheimer Entwurf", Status: "draft", Partner: "Cardiff"},
	} {
		InsertAgreement(t, pool, a)
	}
}

// Exec runs fixture SQL and fails the test on error.
func Exec(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) {
	t.Helper()
	if _, err := pool.Exec(t.Context(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

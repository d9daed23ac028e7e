package trip_test

import (
	"context"
	"testing"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/dbtest"
)

// TestTitleMigration: trips entered before titles existed get one from their
// purpose (its first sentence, cut at a word to 80 characters), and a published
// trip is found in search under its title with its purpose still searchable.
func TestTitleMigration(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, err := database.Open(ctx, dbtest.NewURL(t, false))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	m, err := database.NewMigrator(pool)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if _, err := m.Up(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := m.DownTo(ctx, 79); err != nil {
		t.Fatal(err)
	}
	long := "Deltagelse i den årlige netværkskonference for europæiske venskabsbyer om bæredygtig mobilitet og grøn omstilling i havnebyer"
	purposes := map[string]string{
		"BAL-2025-0001": "Skoleudveksling i Wuxi. Eleverne besøger partnerskolen og planlægger næste års udveksling.",
		"BAL-2025-0002": "Venskabsbymøde i Prag 10\nmed borgmesteren og kulturudvalget",
		"BAL-2025-0003": long,
		"BAL-2025-0004": "Kort besøg.",
	}
	for ref, purpose := range purposes {
		if _, err := pool.Exec(ctx, `
INSERT INTO trip (municipality_id, reference, status, purpose, starts_on, ends_on, organiser, currency,
                  submitted_at, approved_at, completed_at, report_approved_at, published_at)
SELECT id, $1, 'published', $2, '2025-05-12', '2025-05-14', 'Kulturudvalget', currency,
       now(), now(), now(), now(), now()
FROM municipality WHERE slug = 'ballerup'`, ref, purpose); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := pool.Exec(ctx, `
INSERT INTO trip (municipality_id, status, purpose, currency) SELECT id, 'draft', '', currency FROM municipality WHERE slug = 'ballerup'`); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Up(ctx); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"BAL-2025-0001": "Skoleudveksling i Wuxi",
		"BAL-2025-0002": "Venskabsbymøde i Prag 10",
		"BAL-2025-0003": "Deltagelse i den årlige netværkskonference for europæiske venskabsbyer om…",
		"BAL-2025-0004": "Kort besøg",
	}
	for ref, w := range want {
		var title, purpose, searchTitle, body string
		if err := pool.QueryRow(ctx, `
SELECT t.title, t.purpose, d.title, d.body FROM trip t JOIN search_document d ON d.kind = 'trip' AND d.source_id = t.id
WHERE t.reference = $1`, ref).Scan(&title, &purpose, &searchTitle, &body); err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
		if title != w || searchTitle != w {
			t.Errorf("%s: title %q, search title %q, want %q", ref, title, searchTitle, w)
		}
		if len([]rune(title)) > 80 {
			t.Errorf("%s: title of %d characters", ref, len([]rune(title)))
		}
		if purpose != purposes[ref] || body != purposes[ref] {
			t.Errorf("%s: purpose %q, searchable body %q", ref, purpose, body)
		}
	}
	var draftTitle string
	if err := pool.QueryRow(ctx, `SELECT title FROM trip WHERE reference IS NULL`).Scan(&draftTitle); err != nil || draftTitle != "" {
		t.Errorf("empty draft: title %q, %v", draftTitle, err)
	}
}

package agreementweb_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"
)

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// auditChanges returns the changes of the latest audit entry of the agreement
// with action, and who made it.
func auditChanges(t *testing.T, pool *pgxpool.Pool, id int64, action string) (map[string]map[string]any, *int64) {
	t.Helper()
	var raw []byte
	var who *int64
	err := pool.QueryRow(t.Context(), `
SELECT changes, account_id FROM audit_log WHERE entity = 'agreement' AND entity_id = $1 AND action = $2
ORDER BY id DESC LIMIT 1`, id, action).Scan(&raw, &who)
	if err != nil {
		t.Fatalf("audit entry %s of agreement %d: %v", action, id, err)
	}
	var out map[string]map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out, who
}

// asJSON normalises a Go value to what it reads back as from JSON.
func asJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func optionValue(doc *goquery.Document, sel, label string) string {
	return doc.Find(sel+" option").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Text(), label)
	}).First().AttrOr("value", "")
}

func createdID(t *testing.T, res *http.Response) int64 {
	t.Helper()
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: status %d, want 303", res.StatusCode)
	}
	loc := res.Header.Get("Location")
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/staff/agreements/"), 10, 64)
	if err != nil {
		t.Fatalf("redirected to %q", loc)
	}
	return id
}

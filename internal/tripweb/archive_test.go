package tripweb_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestWithdraw follows a draft that will not take place: withdrawn from its page,
// it leaves the list and the dashboard, answers 404 and is logged; an approved
// trip, another municipality's trip and a stale form are refused.
func TestWithdraw(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	ctx := context.Background()
	c, token := staff(t, srv, pool, "withdraw@ballerup.example", "en")
	id := createTrip(t, srv, c, tripForm(token))
	page := fmt.Sprintf("%s/staff/trips/%d", srv.URL, id)
	link := fmt.Sprintf(`a[href="/staff/trips/%d"]`, id)

	// The trip page offers it, with the trip's version.
	_, doc := servertest.Get(t, c, page, "")
	form := doc.Find(fmt.Sprintf(`section.trip-withdraw form[method="post"][action="/staff/trips/%d/archive"]`, id))
	if form.Length() != 1 || form.Find(`input[name="version"]`).AttrOr("value", "") != "1" || form.Find(`input[name="csrf"]`).AttrOr("value", "") == "" {
		t.Fatalf("no withdraw form on the trip page: %q", doc.Find("section.trip-withdraw").Text())
	}
	for _, where := range []string{"/staff/trips", "/staff"} {
		if _, doc := servertest.Get(t, c, srv.URL+where, ""); doc.Find("main "+link).Length() == 0 {
			t.Fatalf("%s does not list the draft", where)
		}
	}

	// Another municipality does not find it; a politician may not withdraw.
	servertest.CreateAccount(t, pool, "berlin", access.RoleStaff, "withdraw@berlin.example")
	berlin := servertest.Client(t)
	servertest.SignIn(t, berlin, srv.URL, "withdraw@berlin.example")
	_, bdoc := servertest.Get(t, berlin, srv.URL+"/staff", "")
	if res, _ := post(t, berlin, page+"/archive", url.Values{"csrf": {servertest.CSRF(bdoc)}, "version": {"1"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("Berlin withdrawing a Ballerup trip: %d", res.StatusCode)
	}

	// A stale form: the trip was saved meanwhile. Nothing is withdrawn; the page
	// says why and offers the current version.
	edit := editForm(t, c, srv.URL, id)
	edit.Set("organiser", "Økonomiudvalget")
	if res, _ := post(t, c, page, edit); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	res, doc := post(t, c, page+"/archive", url.Values{"csrf": {token}, "version": {"1"}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(doc.Find(".error-summary").Text(), "changed the trip") {
		t.Fatalf("stale withdrawal: %d %q", res.StatusCode, doc.Find(".error-summary").Text())
	}
	if got := doc.Find(`section.trip-withdraw input[name="version"]`).AttrOr("value", ""); got != "2" {
		t.Errorf("after the conflict the form carries version %q, want 2", got)
	}
	var archived bool
	if err := pool.QueryRow(ctx, `SELECT archived_at IS NOT NULL FROM trip WHERE id = $1`, id).Scan(&archived); err != nil || archived {
		t.Fatalf("archived after refusals: %v %v", archived, err)
	}

	// Withdrawn from the current version: back to the list with a message.
	res, _ = post(t, c, page+"/archive", url.Values{"csrf": {token}, "version": {"2"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff/trips" {
		t.Fatalf("withdraw: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, doc = servertest.Get(t, c, srv.URL+"/staff/trips", "")
	if !strings.Contains(doc.Find(`[role="status"]`).Text(), "The trip was withdrawn.") {
		t.Errorf("no message: %q", doc.Find(`[role="status"]`).Text())
	}
	if doc.Find("main "+link).Length() != 0 {
		t.Error("the list still shows the trip")
	}
	if _, doc := servertest.Get(t, c, srv.URL+"/staff", ""); doc.Find("main "+link).Length() != 0 {
		t.Error("the dashboard still shows the trip")
	}
	for _, path := range []string{"", "/edit", "/report"} {
		if res, _ := servertest.Get(t, c, page+path, ""); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s after withdrawal: %d", path, res.StatusCode)
		}
	}
	for _, f := range []struct{ path, action string }{{"/step", "submit"}, {"/archive", ""}, {"", "save"}} {
		if res, _ := post(t, c, page+f.path, url.Values{"csrf": {token}, "action": {f.action}, "version": {"3"}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("POST %s after withdrawal: %d", f.path, res.StatusCode)
		}
	}
	// Logged once, by the person, in the same transaction as the change.
	var raw []byte
	var who string
	var version, n int
	if err := pool.QueryRow(ctx, `
SELECT l.changes, a.email, t.version, (SELECT count(*) FROM audit_log WHERE entity = 'trip' AND entity_id = $1 AND action = 'archive')
FROM audit_log l JOIN account a ON a.id = l.account_id JOIN trip t ON t.id = l.entity_id
WHERE l.entity = 'trip' AND l.entity_id = $1 AND l.action = 'archive'`, id).Scan(&raw, &who, &version, &n); err != nil {
		t.Fatalf("audit entry: %v", err)
	}
	var changes map[string]struct{ Old, New any }
	if err := json.Unmarshal(raw, &changes); err != nil {
		t.Fatal(err)
	}
	if who != "withdraw@ballerup.example" || n != 1 || version != 3 || changes["archived_at"].Old != nil || changes["archived_at"].New == nil {
		t.Errorf("audit: %s, %d entries, version %d, %s", who, n, version, raw)
	}
}

// TestWithdrawByStatus checks which statuses may be withdrawn: a returned plan
// (which keeps its reference, so it is never given again), but not a plan under
// review, an approved or a published trip.
func TestWithdrawByStatus(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	ctx := context.Background()
	c, token := staff(t, srv, pool, "status@ballerup.example", "en")
	cases := []struct {
		status, ref string
		want        int
	}{
		{"returned", "BAL-2026-0041", http.StatusSeeOther},
		{"submitted", "BAL-2026-0042", http.StatusUnprocessableEntity},
		{"approved", "BAL-2026-0043", http.StatusUnprocessableEntity},
		{"completed", "BAL-2026-0044", http.StatusUnprocessableEntity},
		{"published", "BAL-2026-0045", http.StatusUnprocessableEntity},
	}
	for _, tc := range cases {
		t.Run(tc.status, func(t *testing.T) {
			id := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: tc.ref, Status: tc.status})
			page := fmt.Sprintf("%s/staff/trips/%d", srv.URL, id)
			_, doc := servertest.Get(t, c, page, "")
			if offered := doc.Find("section.trip-withdraw form").Length() == 1; offered != (tc.want == http.StatusSeeOther) {
				t.Errorf("withdrawal offered: %v", offered)
			}
			res, doc := post(t, c, page+"/archive", url.Values{"csrf": {token}, "version": {"1"}})
			if res.StatusCode != tc.want {
				t.Fatalf("status %d, want %d", res.StatusCode, tc.want)
			}
			var archived bool
			var version, logged int
			var ref string
			if err := pool.QueryRow(ctx, `
SELECT archived_at IS NOT NULL, version, coalesce(reference, ''), (SELECT count(*) FROM audit_log WHERE entity = 'trip' AND entity_id = $1 AND action = 'archive')
FROM trip WHERE id = $1`, id).Scan(&archived, &version, &ref, &logged); err != nil {
				t.Fatal(err)
			}
			if tc.want == http.StatusSeeOther {
				if !archived || version != 2 || ref != tc.ref || logged != 1 {
					t.Errorf("withdrawn: archived %v, version %d, reference %q, %d entries", archived, version, ref, logged)
				}
				return
			}
			if !strings.Contains(doc.Find(".error-summary").Text(), "Only a draft or a returned plan can be withdrawn") {
				t.Errorf("refusal: %q", doc.Find(".error-summary").Text())
			}
			if archived || version != 1 || logged != 0 {
				t.Errorf("changed: archived %v, version %d, %d entries", archived, version, logged)
			}
			if res, _ := servertest.Get(t, c, page, ""); res.StatusCode != http.StatusOK {
				t.Errorf("trip page after the refusal: %d", res.StatusCode)
			}
		})
	}
}

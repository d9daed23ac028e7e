package tripweb_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestBrowserReview: a politician opens the queue and a plan in headless Chromium,
// tries to return it without a comment, sees why not, and returns it with one;
// axe-core checks each page.
func TestBrowserReview(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	// These tests are of the review itself: every plan and report needs a politician's decision.
	servertest.RequireApprovals(t, pool, "ballerup")
	servertest.CreateAccount(t, pool, "stuttgart", access.RolePolitician, "petra@stuttgart.example")
	id := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "stuttgart", Reference: "STU-2026-0004", Status: "submitted",
		Purpose: "Delegationsreise nach Straßburg", Travellers: []string{"Frank Nopper"},
		Destinations: []servertest.Destination{{City: "Straßburg", Country: "FR", Lat: 48.58, Lon: 7.74, Mode: "international_rail"}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 45000, Actual: -1}}})
	ctx := browsertest.New(t)
	browsertest.SignIn(t, ctx, srv.URL, "de", "petra@stuttgart.example", servertest.Password)
	browsertest.Navigate(t, ctx, srv.URL+"/staff/review")
	if got := browsertest.Text(t, ctx, "main table tbody"); !strings.Contains(got, "STU-2026-0004") {
		t.Fatalf("queue: %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.Navigate(t, ctx, fmt.Sprintf("%s/staff/review/%d", srv.URL, id))
	browsertest.Axe(t, ctx)
	browsertest.Click(t, ctx, `main form button[value="return"]`)
	browsertest.WaitVisible(t, ctx, ".error-summary")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "review-refused")
	browsertest.Fill(t, ctx, "#comment", "Bitte das Programm ergänzen.")
	browsertest.Click(t, ctx, `main form button[value="return"]`)
	browsertest.WaitVisible(t, ctx, `[role="status"]`)
	var status string
	if err := pool.QueryRow(t.Context(), `SELECT status FROM trip WHERE id = $1`, id).Scan(&status); err != nil || status != "returned" {
		t.Errorf("status %q", status)
	}
}

package partnerweb_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
)

// browserSignIn signs a new account of the municipality in through the form.
func browserSignIn(t *testing.T, ctx context.Context, base string, pool *pgxpool.Pool, slug, lang string) {
	t.Helper()
	email := "browser." + slug + "@partneredit.example"
	servertest.CreateAccount(t, pool, slug, access.RoleStaff, email)
	browsertest.SignIn(t, ctx, base, lang, email, servertest.Password)
}

// choose sets the value of the select or date input sel, as picking it does.
func choose(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(sel), value)); err != nil {
		t.Fatalf("choose %s in %s: %v", value, sel, err)
	}
}

// submit clicks the form's save button and waits for sel on the answer.
func submit(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	browsertest.Click(t, ctx, `main form button[type="submit"][value="save"]`)
	browsertest.WaitVisible(t, ctx, sel)
}

// TestBrowserPartnerships goes through the partnership pages as Göteborg's
// staff, in Swedish, with the council decision rule refusing a twin town.
func TestBrowserPartnerships(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	ctx := browsertest.New(t)
	browserSignIn(t, ctx, srv.URL, pool, "goteborg", "sv")

	browsertest.Navigate(t, ctx, srv.URL+"/staff/partners")
	browsertest.WaitVisible(t, ctx, "main table")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "pe-partners")
	browsertest.Screenshot(t, ctx, 1280, "pe-partners")

	browsertest.Navigate(t, ctx, srv.URL+"/staff/partners/new")
	browsertest.WaitVisible(t, ctx, "#city_name")
	browsertest.Axe(t, ctx)
	browsertest.Fill(t, ctx, "#city_name", "Reykjavík")
	choose(t, ctx, "#country", "IS")
	choose(t, ctx, "#kind", "twin_town")
	browsertest.Fill(t, ctx, "#latitude", "64,1466")
	submit(t, ctx, "#council_decision_ref-error")
	if got := browsertest.Text(t, ctx, "#council_decision_ref-policy blockquote"); !strings.Contains(got, "Kommunfullmäktige") {
		t.Errorf("policy quote %q", got)
	}
	if lang, _ := browsertest.Attr(t, ctx, "#council_decision_ref-policy blockquote", "lang"); lang != "sv" {
		t.Errorf("quote lang %q", lang)
	}
	if got, _ := browsertest.Attr(t, ctx, "#city_name", "value"); got != "Reykjavík" {
		t.Errorf("city name not kept: %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "pe-partner-refused")
	browsertest.Screenshot(t, ctx, 1280, "pe-partner-refused")

	browsertest.Fill(t, ctx, "#longitude", "-21,9426")
	browsertest.Fill(t, ctx, "#council_decision_ref", "KF 2026-11-19 § 7")
	submit(t, ctx, ".notice--success")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "pe-partner-edit")

	// The edit form with an error, and with a conflict.
	browsertest.Fill(t, ctx, "#since_year", "19460")
	submit(t, ctx, "#since_year-error")
	browsertest.Axe(t, ctx)
	browsertest.Fill(t, ctx, "#since_year", "2026")
	if _, err := pool.Exec(t.Context(), `UPDATE partnership SET version = version + 1, note = 'Saved by a colleague' FROM partner_city c
WHERE c.id = partner_city_id AND c.name = 'Reykjavík'`); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, ".conflict")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "pe-partner-conflict")

	browsertest.Click(t, ctx, `main a[href$="/archive"]`)
	browsertest.WaitVisible(t, ctx, "main form .button--warning")
	browsertest.Axe(t, ctx)
	browsertest.Click(t, ctx, "main form .button--warning")
	browsertest.WaitVisible(t, ctx, ".notice--success")
	browsertest.Axe(t, ctx)
}

// TestBrowserNetworksAndProjects goes through the network and project pages as
// Ballerup's staff, in Danish.
func TestBrowserNetworksAndProjects(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	ctx := browsertest.New(t)
	browserSignIn(t, ctx, srv.URL, pool, "ballerup", "da")

	browsertest.Navigate(t, ctx, srv.URL+"/staff/networks")
	browsertest.WaitVisible(t, ctx, "#all-networks")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "pe-networks")
	browsertest.Screenshot(t, ctx, 1280, "pe-networks")

	browsertest.Navigate(t, ctx, srv.URL+"/staff/networks/join")
	browsertest.WaitVisible(t, ctx, "#network")
	browsertest.Axe(t, ctx)
	browsertest.Fill(t, ctx, "#since_year", "20xx")
	submit(t, ctx, "#network-error")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "pe-join-errors")
	cfm := id(t, pool, `SELECT id FROM network WHERE name = 'Cities for Mobility'`)
	choose(t, ctx, "#network", itoa(cfm))
	browsertest.Fill(t, ctx, "#since_year", "2019")
	submit(t, ctx, ".notice--success")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "pe-membership")

	browsertest.Navigate(t, ctx, srv.URL+"/staff/networks/new")
	browsertest.WaitVisible(t, ctx, "#name")
	browsertest.Axe(t, ctx)
	browsertest.Fill(t, ctx, "#website", "www.example.org")
	browsertest.Click(t, ctx, `main form button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, "#website-error")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "pe-network-errors")

	browsertest.Navigate(t, ctx, srv.URL+"/staff/projects")
	browsertest.WaitVisible(t, ctx, "main h1")
	browsertest.Axe(t, ctx)
	browsertest.Navigate(t, ctx, srv.URL+"/staff/projects/new")
	browsertest.WaitVisible(t, ctx, "#title")
	browsertest.Axe(t, ctx)
	browsertest.Fill(t, ctx, "#funding", "12,345")
	browsertest.Click(t, ctx, `main form input[name="priority"]`)
	submit(t, ctx, "#title-error")
	if got, _ := browsertest.Attr(t, ctx, "#funding", "value"); got != "12,345" {
		t.Errorf("funding not kept: %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "pe-project-errors")
	browsertest.Screenshot(t, ctx, 1280, "pe-project-errors")
	browsertest.Fill(t, ctx, "#title", "Ungdomsudveksling")
	browsertest.Fill(t, ctx, "#funding", "125.000")
	choose(t, ctx, "#starts_on", "2026-09-01")
	submit(t, ctx, ".notice--success")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "pe-project-edit")
	if n := id(t, pool, `SELECT funding_minor FROM project WHERE title = 'Ungdomsudveksling'`); n != 12500000 {
		t.Errorf("funding stored as %d", n)
	}
}

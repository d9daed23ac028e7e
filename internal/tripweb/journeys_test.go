package tripweb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
)

// journey drives the portal in Chromium as a person does: by the labels and
// button texts they see, and it runs axe-core (375 and 1280 px) on every page it
// comes to, in whatever state that page is.
type journey struct {
	t    *testing.T
	ctx  context.Context
	base string
	// pages counts the pages checked.
	pages int
}

// checked runs axe-core on the page now shown and counts it.
func (j *journey) checked() {
	j.t.Helper()
	browsertest.Axe(j.t, j.ctx)
	j.pages++
}

// open goes to path and checks the page.
func (j *journey) open(path string) {
	j.t.Helper()
	browsertest.Navigate(j.t, j.ctx, j.base+path)
	browsertest.WaitVisible(j.t, j.ctx, "main")
	j.checked()
}

// mark gives the first link or button of main whose visible text is text (or,
// with prefix, starts with it) a marker to click; it fails when there is none.
func (j *journey) mark(text string, prefix bool) {
	j.t.Helper()
	js := fmt.Sprintf(`(() => {
  document.querySelectorAll('[data-journey]').forEach(e => e.removeAttribute('data-journey'));
  const want = %q, prefix = %v;
  const norm = s => s.replace(/\s+/g, ' ').trim();
  const e = [...document.querySelectorAll('main a, main button, nav a, header a')].find(e => {
    if (e.classList.contains('form-default-action') || e.offsetParent === null) return false;
    const s = norm(e.textContent); return prefix ? s.startsWith(want) : s === want; });
  if (!e) return false;
  e.setAttribute('data-journey', '1');
  return true; })()`, text, prefix)
	ok, err := chromedp.Run(j.ctx, chromedp.Evaluate[bool](js))
	if err != nil || !ok {
		j.t.Fatalf("no link or button %q on %s (%v)", text, j.where(), err)
	}
}

// press clicks the link or button labelled text and checks the page it leads to.
func (j *journey) press(text string) {
	j.t.Helper()
	j.mark(text, false)
	browsertest.ClickAndLoad(j.t, j.ctx, "[data-journey]", "main")
	j.checked()
}

// follow clicks the first link whose text starts with text.
func (j *journey) follow(text string) {
	j.t.Helper()
	j.mark(text, true)
	browsertest.ClickAndLoad(j.t, j.ctx, "[data-journey]", "main")
	j.checked()
}

// fill types value into the n-th (0-based) field labelled label; a select is set
// to the option whose text is value.
func (j *journey) fill(label, value string, n int) {
	j.t.Helper()
	js := fmt.Sprintf(`(() => {
  const norm = s => s.replace(/\s+/g, ' ').trim();
  const labels = [...document.querySelectorAll('main label')].filter(l => {
    const s = norm(l.textContent); return s === %[1]q || s.startsWith(%[1]q + ' ('); });
  const l = labels[%[3]d];
  if (!l) return 'no field labelled ' + %[1]q;
  const e = document.getElementById(l.htmlFor);
  if (!e) return 'label ' + %[1]q + ' names no field';
  if (e.tagName === 'SELECT') {
    const o = [...e.options].find(o => norm(o.textContent) === %[2]q);
    if (!o) return 'no option ' + %[2]q + ' in ' + %[1]q;
    e.value = o.value;
  } else {
    e.value = %[2]q;
  }
  e.dispatchEvent(new Event('input', {bubbles: true}));
  e.dispatchEvent(new Event('change', {bubbles: true}));
  return ''; })()`, label, value, n)
	msg, err := chromedp.Run(j.ctx, chromedp.Evaluate[string](js))
	if err != nil || msg != "" {
		j.t.Fatalf("fill %q on %s: %s %v", label, j.where(), msg, err)
	}
}

// see fails unless the page's main content says each of texts.
func (j *journey) see(texts ...string) {
	j.t.Helper()
	main := strings.Join(strings.Fields(browsertest.Text(j.t, j.ctx, "main")), " ")
	for _, s := range texts {
		if !strings.Contains(main, s) {
			j.t.Errorf("%s does not say %q: %.600s", j.where(), s, main)
		}
	}
}

func (j *journey) where() string {
	u, _ := chromedp.Run(j.ctx, chromedp.Location())
	return u
}

// signIn signs email in, in a browser of their own: each person of the journey
// has theirs (and none lives past browsertest.Timeout).
func (j *journey) signIn(email string) {
	j.t.Helper()
	j.ctx = browsertest.New(j.t)
	browsertest.SignIn(j.t, j.ctx, j.base, "en", email, servertest.Password)
	j.checked() // the dashboard
}

func (j *journey) signOut() {
	j.t.Helper()
	browsertest.Click(j.t, j.ctx, `.user-bar__form button`)
	if err := chromedp.Do(j.ctx, chromedp.WaitNotPresent(chromedp.CSS(".user-bar__form"))); err != nil {
		j.t.Fatalf("still signed in after signing out: %v", err)
	}
}

// planTrip fills the trip form of a new trip by its labels and saves it.
func (j *journey) planTrip(title, purpose, city, country, lat, lon string) {
	j.t.Helper()
	j.open("/staff/trips")
	j.press("New trip")
	j.fill("Title", title, 0)
	j.fill("Purpose", purpose, 0)
	j.fill("First day", "2026-10-12", 0)
	j.fill("Last day", "2026-10-14", 0)
	j.fill("Organising committee or department", "International Office", 0)
	j.fill("City", city, 0)
	j.fill("Country", country, 0)
	j.fill("Latitude", lat, 0)
	j.fill("Longitude", lon, 0)
	j.fill("Transport mode", "Train, international", 0)
	j.fill("Name", "Anne Hansen", 0)
	j.fill("Role", "Chair of the committee", 0)
	j.fill("Capacity", "Politician", 0)
	j.fill("Day", "2026-10-13", 0)
	j.fill("Description", "Visit to the city's schools", 0)
	j.fill("Category", "Transport", 0)
	j.fill("Description", "Train tickets", 1)
	j.fill("Planned amount", "4,200", 0)
	j.press("Save")
	j.see(title, purpose)
}

// TestBrowserJourneysByLabel walks a Ballerup trip and a Stuttgart trip from plan
// to publication, by visible labels only, with axe-core on every page on the
// way: in Ballerup (with a rule that a politician approves every plan and
// report, as the committee does for its own trips) a politician approves the plan
// and then the report, which publishes the trip; in Stuttgart, whose policy asks
// nobody to approve plans, submitting approves the plan and submitting the report
// publishes it. On the way it checks what issue 14 asked
// for: the title as the heading, the review page showing what is decided on, the
// decisions' messages, and the register's rule in the municipality's own terms.
func TestBrowserJourneysByLabel(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	for _, a := range []struct{ slug, role, email string }{
		{"ballerup", access.RoleStaff, "sofie@ballerup.example"},
		{"ballerup", access.RolePolitician, "lars@ballerup.example"},
		{"stuttgart", access.RoleStaff, "jonas@stuttgart.example"},
		{"stuttgart", access.RolePolitician, "petra@stuttgart.example"},
	} {
		servertest.CreateAccount(t, pool, a.slug, a.role, a.email)
	}
	servertest.RequireApprovals(t, pool, "ballerup")
	j := &journey{t: t, base: srv.URL}

	for _, m := range []struct {
		slug, staff, politician, city, country, lat, lon, currency string
		reportApproval                                             bool
	}{
		{"ballerup", "sofie@ballerup.example", "lars@ballerup.example", "Stockholm", "Sweden", "59.3293", "18.0686", "DKK", true},
		{"stuttgart", "jonas@stuttgart.example", "petra@stuttgart.example", "Strasbourg", "France", "48.5734", "7.7521", "€", false},
	} {
		title := "School exchange in " + m.city
		purpose := "Two schools of " + m.slug + " plan a pupil exchange with " + m.city + "."

		// Staff plan the trip and submit it.
		j.signIn(m.staff)
		j.planTrip(title, purpose, m.city, m.country, m.lat, m.lon)
		if got := browsertest.Text(t, j.ctx, "main h1"); got != title {
			t.Errorf("%s: staff trip page heading %q, want the title", m.slug, got)
		}
		j.press("Submit for approval")
		if !m.reportApproval {
			j.see("submitted and approved: the policy asks nobody to approve it")
		}
		tripPage := j.where()
		j.signOut()

		// The politician reads everything the decision is about and approves.
		if m.reportApproval { // Ballerup: the politician decides on the plan too
			j.signIn(m.politician)
			j.open("/staff/review")
			j.follow(strings.ToUpper(m.slug[:3]) + "-2026-")
			if got := browsertest.Text(t, j.ctx, "main h1"); got != title {
				t.Errorf("%s: review page heading %q, want the title", m.slug, got)
			}
			j.see(purpose, "Train, international", "Train tickets", "Visit to the city's schools", "Anne Hansen",
				"Chair of the committee", m.city, "Lifecycle", "Submit for approval")
			if n := browsertest.Count(t, j.ctx, `main form button.button--secondary[value="return"]`); n != 1 {
				t.Errorf("%s: returning is not the secondary button", m.slug)
			}
			j.press("Approve the plan")
			j.see("Plan approved.")
			j.signOut()
		}

		// After the trip, staff enter the actual costs, complete it and report.
		j.signIn(m.staff)
		browsertest.Navigate(t, j.ctx, tripPage)
		j.checked()
		j.press("Enter actual costs")
		j.fill("Actual amount", "3,980", 0)
		j.press("Save")
		j.press("Mark as completed")
		j.see("Trip marked as completed")
		j.signOut()
		j.signIn(m.staff) // the report another day, in a fresh browser
		browsertest.Navigate(t, j.ctx, tripPage)
		j.checked()
		j.follow("Write the trip report")
		j.fill("Goal", "To learn how "+m.city+" runs pupil exchanges.", 0)
		j.fill("Outcome and benefit for the municipality", "Two schools agreed to exchange classes in spring.", 0)
		j.fill("Follow-up", "The committee follows up in March.", 0)
		j.press("Save report")
		j.press("Submit the report")
		if m.reportApproval {
			j.see("Report submitted for a decision.")
			j.signOut()
			j.signIn(m.politician)
			j.open("/staff/review")
			j.follow(strings.ToUpper(m.slug[:3]) + "-2026-")
			j.see("Two schools agreed to exchange classes in spring.", "Plan approved")
			j.press("Approve the report")
			j.see("Report approved — the trip is now public at")
		} else {
			j.see("Report submitted — the trip is now public at")
		}
		// The message links to the public page.
		if n := browsertest.Count(t, j.ctx, `[role="status"] a[href*="/m/`+m.slug+`/trips/"]`); n != 1 {
			t.Errorf("%s: the outcome does not link to the public trip", m.slug)
		}
		j.signOut()

		// Anyone reads it in the register and on its page, under its title.
		j.ctx = browsertest.New(t)
		j.open("/m/" + m.slug + "/trips?lang=en")
		j.see(title)
		if m.reportApproval {
			j.see("approved its plan and its report")
		} else {
			j.see("approved its plan and its report has been submitted")
		}
		j.follow(strings.ToUpper(m.slug[:3]) + "-2026-")
		if got := browsertest.Text(t, j.ctx, "main h1"); got != title {
			t.Errorf("%s: public heading %q, want the title", m.slug, got)
		}
		j.see(purpose, "Train tickets", "Visit to the city's schools", m.currency)
	}
	t.Logf("axe-core checked %d pages at 375 and 1280 px", j.pages)
}

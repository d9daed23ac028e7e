package fidelity_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestPoint7ApprovalAndPrioritiesAsPolicies: no document but Ballerup's asks
// anyone to approve a trip's plan, so elsewhere submitting a plan approves it;
// in Ballerup a committee's trip waits for its committee, other trips do not.
// The priorities offered for trips, and counted in spending per priority on
// /compare, are each document's focus areas and themes, not Göteborg's
// responsibilities (R1–R6), Västerås's strategies (S1–S4) or Berlin's
// guidelines (G1–G6).
//
// From ballerup-international-strategi-2014.da.txt:
//
//	Herudover har de stdende politiske udvalg
//	et eget budget til at foretage studierejser, bl.a. til udlandet.
//
//	Ballerup Kommunens internationale engagement vil saerligt have fokus pd aktivite-
//	ter, der vedrgrer
//
// From stuttgart-internationales-stuttgart.de.txt:
//
//	Die Tätigkeitsfelder der Abteilung Außenbeziehung umfassen
//
// From goteborg-positionspapper-vanorter.sv.txt:
//
//	Huvudinriktningen i Göteborgs Stads relation till våra vänorter är det politiska erfarenhetsutbytet.
//
// From vasteras-grundlagen-internationale-arbeit-2014.de.txt:
//
//	Priorisierung der Internationalen Arbeit
//
// From berlin-strategie-und-ziele.de.txt:
//
//	Für die kommenden Jahre stehen die Themen Wirtschaft, Wissenschaft, Kultur, Klima und Integration im Mittelpunkt der Arbeit.
func TestPoint7ApprovalAndPrioritiesAsPolicies(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)

	offered := map[string][]string{
		"ballerup":  {"F1", "F2", "F3", "F4"},
		"stuttgart": {"F1", "F2", "F3", "F4", "F5", "F6"},
		"goteborg":  {"D1", "D2"},
		"vasteras":  {"P1", "P2", "P3", "P4", "P5", "P6", "P7"},
		"berlin":    {"T1", "T2", "T3", "T4", "T5"},
	}
	staff := map[string]*person{}
	for slug, want := range offered {
		staff[slug], _ = account(t, srv, pool, slug, access.RoleStaff, "staff@"+slug+".example")
		// The trip form offers the focus areas and themes, nothing else.
		var got []string
		staff[slug].page("/staff/trips/new").Find(`input[name="priority"]`).Each(func(_ int, in *goquery.Selection) {
			label := text(in.Parent().Find("label"))
			got = append(got, strings.Fields(label)[0])
		})
		if !slices.Equal(got, want) {
			t.Errorf("%s: the trip form offers %v, want %v", slug, got, want)
		}
	}

	// Where no policy asks for it, submitting a plan approves it, and the trip
	// page says so before and after (Göteborg: an ordinary study visit).
	for slug, city := range map[string][4]string{
		"stuttgart": {"Strasbourg", "FR", "48.5734", "7.7521"},
		"vasteras":  {"Tampere", "FI", "61.4978", "23.761"},
		"berlin":    {"Warsaw", "PL", "52.2297", "21.0122"},
		"goteborg":  {"Hamburg", "DE", "53.5511", "9.9937"},
	} {
		p := staff[slug]
		id := createTrip(p, tripForm("Study visit to "+city[0], city[0], city[1], city[2], city[3], true))
		page := fmt.Sprintf("/staff/trips/%d", id)
		if hint := text(p.page(page).Find(".trip-step")); !strings.Contains(hint, "the policy asks nobody to approve this trip's plan, so submitting it approves it") {
			t.Errorf("%s: the trip page before submission says %q", slug, hint)
		}
		mustStep(p, id, "submit")
		if s := tripStatus(t, pool, id); s != "approved" {
			t.Errorf("%s: after submission the plan is %s, want approved", slug, s)
		}
		if got := text(p.page(page).Find(".notice--success")); !strings.Contains(got, "submitted and approved: the policy asks nobody to approve it") {
			t.Errorf("%s: after submission the page says %q", slug, got)
		}
	}

	// Ballerup: a trip paid by Økonomiudvalget waits for the committee; one
	// paid from the central budget is approved on submission.
	bal := staff["ballerup"]
	form := tripForm("Økonomiudvalgets studietur", "Hamburg", "DE", "53.5511", "9.9937", true)
	form.Set("budget_line", optionValue(t, bal.page("/staff/trips/new"), "#budget_line", "OKU"))
	committee := createTrip(bal, form)
	mustStep(bal, committee, "submit")
	form = tripForm("Venskabsbybesøg i Prag 10", "Prague", "CZ", "50.0755", "14.4378", true)
	form.Set("budget_line", optionValue(t, bal.page("/staff/trips/new"), "#budget_line", "C3"))
	central := createTrip(bal, form)
	mustStep(bal, central, "submit")
	if a, b := tripStatus(t, pool, committee), tripStatus(t, pool, central); a != "submitted" || b != "approved" {
		t.Errorf("Ballerup: the committee's trip is %s (want submitted), the central budget's %s (want approved)", a, b)
	}

	// A responsibility cannot be chosen by hand either.
	r1 := servertest.Scalar[int64](t, pool, `SELECT pr.id FROM priority pr JOIN policy p ON p.id = pr.policy_id
JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'goteborg' AND p.archived_at IS NULL AND pr.code = 'R1'`)
	form = tripForm("Besök i Bergen", "Bergen", "NO", "60.3913", "5.3221", true)
	form.Set("priority", itoa(r1))
	if status, _, doc := staff["goteborg"].post("/staff/trips", form); status != http.StatusUnprocessableEntity || doc.Find("#priorities-error").Length() != 1 {
		t.Errorf("a trip linked to responsibility R1: %d", status)
	}

	// Spending per priority on /compare counts the focus areas only: a trip
	// of 2025 linked (in older data) to D1 and to R1 counts wholly for D1.
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "goteborg", Reference: "GBG-2025-0001",
		Start: time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC), Priorities: []string{"D1", "R1"},
		Costs: []servertest.Cost{{Category: "transport", Planned: 800000, Actual: 800000}}})
	doc := visitor(t, srv).page("/compare?year=2025")
	card := doc.Find("section.compare-shares__card").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return text(s.Find("h3")) == "Göteborg"
	})
	var listed []string
	d1 := ""
	card.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
		code := text(tr.Find("th .priority__code"))
		listed = append(listed, code)
		if code == "D1" {
			d1 = text(tr.Find("td").First())
		}
	})
	if !slices.Equal(listed, []string{"D1", "D2", ""}) || d1 != "100.0%" {
		t.Errorf("Göteborg's spending per priority lists %v, D1 %q: %q", listed, d1, text(card))
	}
}

package operatorweb_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

func aarhus() url.Values {
	return url.Values{"name": {"Aarhus Kommune"}, "name_en": {"Aarhus"}, "slug": {"aarhus"}, "code": {"AAR"},
		"country": {"DK"}, "currency": {"DKK"}, "languages": {"da"}, "population": {"367095"}, "population_year": {"2025"},
		"latitude": {"56.1567"}, "longitude": {"10.2108"}, "website": {"https://www.aarhus.dk"},
		"admin_name": {"Mette Admin"}, "admin_email": {"mette@aarhus.example"}, "admin_password": {servertest.Password}}
}

func signedIn(t *testing.T, srv string, email string) (*http.Client, string) {
	t.Helper()
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv, email)
	_, doc := servertest.Get(t, c, srv+"/staff/password", "en")
	return c, servertest.CSRF(doc)
}

// TestAddMunicipality: the operator adds Aarhus through the form (a wrong form
// comes back with what was typed and each error beside its field, nothing
// saved); its administrator must choose a password, then runs Aarhus and cannot
// touch Ballerup, nor Ballerup's administrator Aarhus; the start page lists it.
func TestAddMunicipality(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateOperator(t, pool, servertest.OperatorEmail)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleAdmin, "admin@ballerup.example")
	op, tok := signedIn(t, srv.URL, servertest.OperatorEmail)

	bad := aarhus()
	bad.Set("code", "BAL")
	bad.Set("slug", "Aarhus Kommune")
	bad.Set("latitude", "91")
	bad.Set("csrf", tok)
	res := servertest.Post(t, op, srv.URL+"/staff/municipalities", bad)
	doc := servertest.Doc(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad form: status %d", res.StatusCode)
	}
	for _, f := range []string{"slug", "latitude"} {
		if doc.Find("#"+f+"-error").Length() != 1 {
			t.Errorf("no error beside %s", f)
		}
	}
	if v := doc.Find("#name").AttrOr("value", ""); v != "Aarhus Kommune" {
		t.Errorf("typed name not kept: %q", v)
	}
	if n := servertest.Scalar[int](t, pool, `SELECT count(*) FROM municipality`); n != 5 {
		t.Fatalf("%d municipalities after a refused form", n)
	}
	bad.Set("slug", "aarhus")
	bad.Set("latitude", "56.1567")
	res = servertest.Post(t, op, srv.URL+"/staff/municipalities", bad)
	doc = servertest.Doc(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity || doc.Find("#code-error").Length() != 1 {
		t.Fatalf("taken code: status %d, %q", res.StatusCode, doc.Find(".error-summary").Text())
	}

	versionOf := func(slug string) int64 {
		return servertest.Scalar[int64](t, pool, `SELECT coalesce((SELECT v.version FROM content_version v JOIN municipality m ON m.id = v.municipality_id WHERE m.slug = $1), 0)`, slug)
	}
	ballerupBefore := versionOf("ballerup")
	// The start page is kept in the page cache before Aarhus exists.
	if _, doc := servertest.Get(t, servertest.Client(t), srv.URL+"/", "en"); strings.Contains(doc.Text(), "Aarhus") {
		t.Fatal("Aarhus on the start page before it is added")
	}
	good := aarhus()
	good.Set("csrf", tok)
	res = servertest.Post(t, op, srv.URL+"/staff/municipalities", good)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff/municipalities/aarhus" {
		t.Fatalf("create: status %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	// A new municipality changes every shared page (the start page lists it):
	// every content version moves, and Aarhus has its own.
	if versionOf("ballerup") <= ballerupBefore || versionOf("aarhus") == 0 {
		t.Errorf("content versions: Ballerup %d → %d, Aarhus %d", ballerupBefore, versionOf("ballerup"), versionOf("aarhus"))
	}
	// The operator sees no municipality's records.
	if res, _ := servertest.Get(t, op, srv.URL+"/staff/trips", "en"); res.StatusCode != http.StatusForbidden {
		t.Errorf("operator on /staff/trips: %d", res.StatusCode)
	}

	// The first administrator must choose a new password before anything else.
	adm := servertest.Client(t)
	servertest.SignIn(t, adm, srv.URL, "mette@aarhus.example")
	if res, _ := servertest.Get(t, adm, srv.URL+"/staff/budget-lines", "en"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff/password" {
		t.Fatalf("first sign-in: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	servertest.Exec(t, pool, `UPDATE account SET must_change_password = false WHERE email = 'mette@aarhus.example'`)
	if res, _ := servertest.Get(t, adm, srv.URL+"/staff/budget-lines", "en"); res.StatusCode != http.StatusOK {
		t.Fatalf("Aarhus admin on budget lines: %d", res.StatusCode)
	}
	// Isolation both ways: a Ballerup budget line is not found from Aarhus, an
	// Aarhus one not from Ballerup.
	ballerupLine := servertest.Scalar[int64](t, pool, `SELECT b.id FROM budget_line b JOIN municipality m ON m.id = b.municipality_id WHERE m.slug = 'ballerup' LIMIT 1`)
	if res, _ := servertest.Get(t, adm, srv.URL+"/staff/budget-lines/"+itoa(ballerupLine), "en"); res.StatusCode != http.StatusNotFound {
		t.Errorf("Aarhus admin on a Ballerup line: %d", res.StatusCode)
	}
	aarhusLine := servertest.Scalar[int64](t, pool, `
INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency)
SELECT id, 2026, 'A1', 'Udland', 'central', 'Borgmesterens Afdeling', 10000000, 'DKK' FROM municipality WHERE slug = 'aarhus' RETURNING id`)
	bal, _ := signedIn(t, srv.URL, "admin@ballerup.example")
	if res, _ := servertest.Get(t, bal, srv.URL+"/staff/budget-lines/"+itoa(aarhusLine), "en"); res.StatusCode != http.StatusNotFound {
		t.Errorf("Ballerup admin on an Aarhus line: %d", res.StatusCode)
	}

	// Aarhus is on the start page and has its own page.
	if _, doc := servertest.Get(t, servertest.Client(t), srv.URL+"/", "en"); !strings.Contains(doc.Text(), "Aarhus") {
		t.Error("the start page does not list Aarhus")
	}
	if res, _ := servertest.Get(t, servertest.Client(t), srv.URL+"/m/aarhus", "en"); res.StatusCode != http.StatusOK {
		t.Errorf("/m/aarhus: %d", res.StatusCode)
	}
}

// TestArchiveAndRemove: a municipality with records is archived (its pages stay
// with a notice, its staff change nothing), one without is removed after the
// operator confirms by typing its address name.
func TestArchiveAndRemove(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateOperator(t, pool, servertest.OperatorEmail)
	servertest.AddMunicipality(t, pool, "odense", "ODE", "admin@odense.example")
	servertest.CreateAccount(t, pool, "ballerup", access.RoleAdmin, "admin@ballerup.example")
	op, tok := signedIn(t, srv.URL, servertest.OperatorEmail)
	bal, balTok := signedIn(t, srv.URL, "admin@ballerup.example")

	// Ballerup has records: it cannot be removed.
	res := servertest.Post(t, op, srv.URL+"/staff/municipalities/ballerup/remove", url.Values{"csrf": {tok}, "confirm_remove": {"ballerup"}})
	res.Body.Close()
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("remove Ballerup: %d", res.StatusCode)
	}
	// Archiving needs the confirmation.
	res = servertest.Post(t, op, srv.URL+"/staff/municipalities/ballerup/archive", url.Values{"csrf": {tok}, "confirm_archive": {"yes"}})
	if doc := servertest.Doc(t, res); res.StatusCode != http.StatusUnprocessableEntity || doc.Find("#confirm_archive-error").Length() != 1 {
		t.Fatalf("archive without confirmation: %d", res.StatusCode)
	}
	if servertest.Scalar[bool](t, pool, `SELECT archived_at IS NOT NULL FROM municipality WHERE slug = 'ballerup'`) {
		t.Fatal("archived without confirmation")
	}
	res = servertest.Post(t, op, srv.URL+"/staff/municipalities/ballerup/archive", url.Values{"csrf": {tok}, "confirm_archive": {"ballerup"}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("archive: %d", res.StatusCode)
	}
	for _, path := range []string{"/m/ballerup", "/m/ballerup/partners", "/m/ballerup/policy", "/m/ballerup/trips"} {
		res, doc := servertest.Get(t, servertest.Client(t), srv.URL+path, "en")
		if res.StatusCode != http.StatusOK || !strings.Contains(doc.Find("main .notice--warning").Text(), "archived") {
			t.Errorf("%s: status %d, no archive notice", path, res.StatusCode)
		}
	}
	if _, doc := servertest.Get(t, servertest.Client(t), srv.URL+"/m/berlin", "en"); doc.Find("main .notice--warning").Length() != 0 {
		t.Error("Berlin says it is archived")
	}
	// Ballerup's staff read but change nothing.
	if res, _ := servertest.Get(t, bal, srv.URL+"/staff/budget-lines", "en"); res.StatusCode != http.StatusForbidden {
		t.Errorf("archived admin opens the budget line editor: %d", res.StatusCode)
	}
	if res, _ := servertest.Get(t, bal, srv.URL+"/staff/partners", "en"); res.StatusCode != http.StatusOK {
		t.Errorf("archived admin reads partnerships: %d", res.StatusCode)
	}
	before := servertest.Scalar[int](t, pool, `SELECT count(*) FROM budget_line`)
	res = servertest.Post(t, bal, srv.URL+"/staff/budget-lines/copy", url.Values{"csrf": {balTok}, "year": {"2016"}})
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden || servertest.Scalar[int](t, pool, `SELECT count(*) FROM budget_line`) != before {
		t.Errorf("archived admin copies budget lines: %d", res.StatusCode)
	}

	// Odense has no records: removed with its administrator.
	res = servertest.Post(t, op, srv.URL+"/staff/municipalities/odense/remove", url.Values{"csrf": {tok}, "confirm_remove": {"odense"}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove Odense: %d", res.StatusCode)
	}
	if n := servertest.Scalar[int](t, pool, `SELECT count(*) FROM account WHERE email = 'admin@odense.example'`); n != 0 {
		t.Error("Odense's administrator is left")
	}
	if res, _ := servertest.Get(t, servertest.Client(t), srv.URL+"/m/odense", "en"); res.StatusCode != http.StatusNotFound {
		t.Errorf("/m/odense after removal: %d", res.StatusCode)
	}
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

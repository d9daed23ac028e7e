package meetingweb_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestGoteborgPolicyTasks: "Förvaltningar och bolag ska informera
// Stadsledningskontoret om samarbeten och erfarenhetsutbyten med vänorter." A
// department gives notice of a cooperation; it waits on the dashboard until
// someone marks it taken note of. And "En samlad avrapportering och analys av
// stadens relation till vänorterna skall göras efter Göteborgs Stads värdskap
// av vänortsmötet.": after Göteborg hosted, the evaluation is a dashboard task
// until its report is attached.
func TestGoteborgPolicyTasks(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "goteborg", access.RoleStaff, "eva@goteborg.example")
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, "eva@goteborg.example")
	_, doc := servertest.Get(t, c, srv.URL+"/staff", "en")
	token := servertest.CSRF(doc)
	if !strings.Contains(doc.Find("#notices").Parent().Text(), "No notice is waiting") {
		t.Errorf("dashboard without notices: %q", doc.Find("#notices").Parent().Text())
	}

	// A notice without a department comes back with the input kept.
	res := servertest.Post(t, c, srv.URL+"/staff/meetings/notices", url.Values{"csrf": {token}, "partner": {"Bergen"}, "summary": {"Skolutbyte"}})
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid notice: %d", res.StatusCode)
	}
	res = servertest.Post(t, c, srv.URL+"/staff/meetings/notices", url.Values{"csrf": {token}, "department": {"Grundskoleförvaltningen"},
		"partner": {"Bergen"}, "summary": {"Skolutbyte mellan högstadieskolor"}, "starts_on": {"2027-01-15"}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("notice: %d", res.StatusCode)
	}
	_, doc = servertest.Get(t, c, srv.URL+"/staff", "en")
	item := doc.Find("#notices").Parent().Find(".task-list li")
	if item.Length() != 1 || !strings.Contains(item.Text(), "Grundskoleförvaltningen · Bergen") {
		t.Fatalf("dashboard notices: %q", doc.Find("#notices").Parent().Text())
	}
	id := servertest.Scalar[int64](t, pool, `SELECT id FROM cooperation_notice`)
	res = servertest.Post(t, c, srv.URL+"/staff/meetings/notices/"+itoa(id)+"/noted", url.Values{"csrf": {token}})
	res.Body.Close()
	_, doc = servertest.Get(t, c, srv.URL+"/staff", "en")
	if doc.Find("#notices").Parent().Find(".task-list li").Length() != 0 {
		t.Error("a noted notice still waits on the dashboard")
	}

	// Göteborg hosted in 2024: the evaluation is a task, overdue after the report deadline.
	servertest.Exec(t, pool, `INSERT INTO twin_city_meeting (municipality_id, year, host) SELECT id, 2024, 'Göteborg' FROM municipality WHERE slug = 'goteborg'`)
	_, doc = servertest.Get(t, c, srv.URL+"/staff", "en")
	ev := doc.Find("#evaluation-due").Parent()
	if !strings.Contains(ev.Text(), "after the 2024 twin-city meeting") || ev.Find(".badge--overdue").Length() != 1 {
		t.Errorf("evaluation task: %q", ev.Text())
	}
	mid := servertest.Scalar[int64](t, pool, `SELECT id FROM twin_city_meeting`)
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	res = post(t, c, srv.URL+"/staff/meetings/"+itoa(mid), map[string]string{"csrf": token, "year": "2024", "host": "Göteborg", "version": "1"}, "evaluation", pdf)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("attach evaluation: %d", res.StatusCode)
	}
	_, doc = servertest.Get(t, c, srv.URL+"/staff", "en")
	if doc.Find("#evaluation-due").Length() != 0 {
		t.Error("the evaluation task stays after its report was attached")
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
